import json
import socket
import subprocess
import sys
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"


def zwgk(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "crawler.cli", *args], capture_output=True, text=True,
                          timeout=120, cwd=cwd)


def test_bad_config_is_one_line_not_a_traceback(tmp_path):
    cfg = tmp_path / "bad.toml"
    cfg.write_text('[site]\nid = "x"\n', encoding="utf-8")
    proc = zwgk("run", "--config", str(cfg), "--db", str(tmp_path / "x.db"))
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr
    assert "site.name" in proc.stderr and str(cfg) in proc.stderr


def test_unreachable_start_url_fails_the_run(tmp_path):
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    cfg = tmp_path / "site.toml"
    cfg.write_text(f'[site]\nid = "x"\nname = "测试"\nstart_urls = ["http://127.0.0.1:{port}/xxgk/"]\n'
                   '[crawl]\nallow_private_networks = true\ntimeout_seconds = 2.0\nretries = 0\n', encoding="utf-8")
    proc = zwgk("run", "--config", str(cfg), "--db", str(tmp_path / "x.db"), "--quiet")
    assert proc.returncode != 0
    assert "起始网址无法访问" in proc.stderr and "Traceback" not in proc.stderr


def test_findings_without_database(tmp_path):
    proc = zwgk("findings", "--db", str(tmp_path / "none.db"))
    assert proc.returncode != 0 and "Traceback" not in proc.stderr


def test_inspect_real_page_prints_contract_json():
    page = FIXTURES / "real" / "www.pingtan.gov.cn" / "normative" / "hzgfxwj_87951_youxiao.html"
    proc = zwgk("inspect", str(page), "--url", "http://www.pingtan.gov.cn/zwgk/87951.html")
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["url"] == "http://www.pingtan.gov.cn/zwgk/87951.html"
    assert out["page_type"] == "normative_doc"
    assert out["fields"]["validity"] == "有效"
    assert out["fields"]["doc_number"] == "岚综管规〔2024〕1号"
    assert set(out["fields"]) == {"title", "index_no", "issuer", "doc_number", "written_date",
                                  "published_date", "validity", "revised_date"}
    assert all(set(link) == {"url", "text"} for link in out["links"])


def test_rules_lists_every_rule_with_basis():
    proc = zwgk("rules", "--format", "json")
    rules = {r["id"]: r for r in json.loads(proc.stdout)}
    for rid in ("link.broken", "normative.validity-missing", "guide.missing", "guide.revision-missing",
                "guide.revision-outdated", "policy.interpretation-missing"):
        assert rules[rid]["basis"]
    assert rules["guide.revision-outdated"]["options"] == {"max_age_days": 365}
