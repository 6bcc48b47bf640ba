import json
from datetime import datetime, timezone

import pytest
import sqlite_utils

from checks.rule import Basis, Rule
from crawler.config import load_config
from crawler.store import ensure_schema
from reports.build import build_report_data
from reports.render import render_reports

RULES = [
    Rule("link.broken", "网页链接不可用", "deduct", "链接可用性",
         (Basis("政府网站与政务新媒体检查指标", "可用性", "LINK-01"),), "{url}", "修复或删除失效链接。"),
    Rule("normative.validity-missing", "规范性文件未标注有效性", "deduct", "规范性文件",
         (Basis("中华人民共和国政府信息公开条例", "第二十条"),), "{url}", "在文件页标注有效性。"),
    Rule("guide.missing", "未发布政府信息公开指南", "veto", "政府信息公开指南",
         (Basis("中华人民共和国政府信息公开条例", "第十二条"),), "{url}", "编制并发布指南。"),
]

CONFIG = """
[site]
id = "demo"
name = "示例区人民政府"
start_urls = ["http://127.0.0.1:8765/xxgk/"]

[[units]]
id = "sfj"
name = "区司法局"
urls = ["http://127.0.0.1:8765/xxgk/sfj/"]
category = "部门"

[[units]]
id = "xhjd"
name = "新湖街道办事处"
urls = ["http://127.0.0.1:8765/xxgk/xhjd/"]
category = "镇街"

[[units]]
id = "czj"
name = "区财政局"
urls = ["http://127.0.0.1:8765/xxgk/czj/"]
category = "部门"

[report]
issuer = "示例区人民政府办公室"
doc_number = "示政办公开〔2025〕7号"
deadline_working_days = 5
"""

BASE = "http://127.0.0.1:8765/xxgk/"
EVIL = "<script>alert(1)</script>"
SITE_NAME = "本级"


def finding(fid, pid, rule, severity, unit, url, target=None, message="问题描述。"):
    return {"id": fid, "run_id": 1, "problem_id": pid, "rule": rule, "severity": severity,
            "unit": unit, "url": url, "target": target, "message": message,
            "evidence": json.dumps({"status": 404}), "created_at": "2025-09-30T02:00:00+00:00"}


def populate(tmp_path):
    cfg_path = tmp_path / "site.toml"
    cfg_path.write_text(CONFIG, encoding="utf-8")
    config = load_config(cfg_path)
    db = sqlite_utils.Database(memory=True)
    ensure_schema(db)
    db["runs"].insert({"id": 1, "site_id": "demo", "site_name": "示例区人民政府",
                       "started_at": "2025-09-30T01:00:00+00:00",
                       "finished_at": "2025-09-30T03:30:00+00:00", "status": "finished",
                       "stats": "{}", "checked_at": "2025-09-30T03:40:00+00:00"})
    evil_page = f"{BASE}sfj/a.html?x={EVIL}&y=1"
    db["pages"].insert_all([
        {"run_id": 1, "url": f"{BASE}sfj/", "unit": "sfj", "page_type": "column_index",
         "title": "区司法局信息公开", "status": 200},
        {"run_id": 1, "url": evil_page, "unit": "sfj", "page_type": "normative_doc",
         "title": f"关于{EVIL}&通知", "status": 200},
        {"run_id": 1, "url": f"{BASE}xhjd/b.html", "unit": "xhjd", "page_type": "policy_doc",
         "title": "街道文件", "status": 200},
        {"run_id": 1, "url": f"{BASE}czj/", "unit": "czj", "page_type": "column_index",
         "title": "区财政局", "status": 200},
    ])
    db["documents"].insert_all([
        {"run_id": 1, "url": f"{BASE}xhjd/b.html", "unit": "xhjd", "page_type": "policy_doc",
         "title": "街道文件", "column_path": "政府信息公开 > 政策文件"},
    ])
    db["findings"].insert_all([
        finding(1, "ZW0000000001", "link.broken", "deduct", "sfj", f"{BASE}sfj/", f"{BASE}sfj/dead1.html"),
        finding(2, "ZW0000000002", "link.broken", "deduct", "sfj", evil_page, f"javascript:{EVIL}",
                message=f"链接{EVIL}&不可用。"),
        finding(3, "ZW0000000003", "normative.validity-missing", "deduct", "sfj", evil_page),
        finding(4, "ZW0000000004", "guide.missing", "veto", "xhjd", f"{BASE}xhjd/"),
        finding(5, "ZW0000000005", "link.broken", "deduct", "xhjd", f"{BASE}xhjd/b.html", f"{BASE}x.pdf"),
        finding(6, "ZW0000000006", "link.broken", "deduct", "", f"{BASE}index.html", f"{BASE}y.html"),
    ])
    return db, config


@pytest.fixture
def setup(tmp_path):
    db, config = populate(tmp_path)
    now = datetime(2025, 9, 30, 8, 0, tzinfo=timezone.utc)
    paths = render_reports(db, config, 1, tmp_path / "out", now=now, rules=RULES, formats=("html",))
    return db, config, paths, now


def test_files_exist_for_every_unit(setup):
    _, config, paths, _ = setup
    assert paths["summary"].is_file()
    assert set(paths["units"]) == {u.id for u in config.units} | {""}
    assert paths["units"][""].name == "site.html"
    for path in paths["units"].values():
        assert path.is_file()
        assert '<meta charset="utf-8">' in path.read_text(encoding="utf-8")


def test_every_finding_once_in_its_unit_report(setup):
    db, _, paths, _ = setup
    for row in db.query("SELECT problem_id, unit FROM findings"):
        html = paths["units"][row["unit"]].read_text(encoding="utf-8")
        assert html.count(row["problem_id"]) == 1
        for other, path in paths["units"].items():
            if other != row["unit"]:
                assert row["problem_id"] not in path.read_text(encoding="utf-8")


def test_summary_lists_every_unit_and_counts(setup):
    _, config, paths, _ = setup
    html = paths["summary"].read_text(encoding="utf-8")
    for unit in config.units:
        assert unit.name in html
        assert f'href="units/{unit.id}.html"' in html
    assert "示例区人民政府办公室关于2025年9月示例区人民政府网站政府信息公开专栏检查情况的通报" in html
    assert "检查率100%" in html
    assert "区司法局2处、新湖街道办事处1处" in html
    assert "部门问题数量排序" in html and "镇街问题数量排序" in html


def test_crawled_strings_are_escaped(setup):
    _, _, paths, _ = setup
    for path in [paths["summary"], *paths["units"].values()]:
        html = path.read_text(encoding="utf-8")
        assert "<script>alert" not in html
        assert 'href="javascript:' not in html
    sfj = paths["units"]["sfj"].read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in sfj
    assert "&amp;y=1" in sfj


def test_deadline_and_title(setup):
    _, _, paths, _ = setup
    sfj = paths["units"]["sfj"].read_text(encoding="utf-8")
    # 2025-09-30 + 5 working days: 10-01..08 off, 10-11 (Sat) is a working day.
    assert "请于2025年10月14日前完成整改" in sfj
    assert "逐条整改、销号管理" in sfj
    assert "示例区人民政府办公室关于2025年9月区司法局政府信息公开专栏检查情况的通报" in sfj
    assert "示政办公开〔2025〕7号" in sfj
    assert "2025年9月30日 09:00至2025年9月30日 11:30" in sfj
    assert "请于2025年10月14日前" in paths["summary"].read_text(encoding="utf-8")


def test_unit_without_findings_says_so(setup):
    _, _, paths, _ = setup
    html = paths["units"]["czj"].read_text(encoding="utf-8")
    assert "本次检查未发现问题" in html
    assert "问题清单" not in html


def test_build_groups_and_ranks(setup):
    db, config, _, now = setup
    data = build_report_data(db, config, 1, rules=RULES, now=now)
    units = {u["unit_id"]: u for u in data["units"]}
    assert units["sfj"]["counts"] == {"veto": 0, "deduct": 3, "advice": 0, "total": 3}
    assert [r["seq"] for r in units["sfj"]["findings"]] == [1, 2, 3]
    assert units["xhjd"]["findings"][1]["column"] == "政府信息公开 > 政策文件"
    assert units["xhjd"]["sections"][0]["heading"] == "（一）政府信息公开指南方面。"
    ranking = {g["name"]: [r["name"] for r in g["rows"]] for g in data["summary"]["ranking"]}
    assert ranking == {"部门": ["区司法局", "区财政局"], "镇街": ["新湖街道办事处"]}
    assert data["summary"]["rules_used"][0]["basis"]


def test_basis_and_advice_from_rules(setup):
    _, _, paths, _ = setup
    html = paths["units"]["sfj"].read_text(encoding="utf-8")
    assert "修复或删除失效链接。" in html
    assert "《中华人民共和国政府信息公开条例》第二十条" in html


def test_unknown_run_is_an_error(setup):
    db, config, _, now = setup
    with pytest.raises(LookupError):
        build_report_data(db, config, 99, rules=RULES, now=now)


def test_provisional_calendar_is_noted(tmp_path):
    db, config = populate(tmp_path)
    db["runs"].update(1, {"started_at": "2026-12-28T01:00:00+00:00",
                          "finished_at": "2026-12-28T02:00:00+00:00"})
    data = build_report_data(db, config, 1, rules=RULES, now=datetime(2026, 12, 28, 9))
    assert data["summary"]["deadline"] == "2027年1月5日"
    assert "2027年法定节假日安排尚未正式发布" in data["summary"]["calendar_note"]
    assert data["summary"]["report_date"] == "2026年12月28日"


def test_change_since_previous_run(tmp_path):
    db, config = populate(tmp_path)
    db["runs"].insert({"id": 2, "site_id": "demo", "started_at": "2025-10-20T01:00:00+00:00",
                       "finished_at": "2025-10-20T02:00:00+00:00", "checked_at": "2025-10-20T02:00:00+00:00"})
    for row in db.query("SELECT * FROM findings WHERE run_id = 1 AND id != 1"):
        db["findings"].insert(row | {"id": row["id"] + 100, "run_id": 2})
    data = build_report_data(db, config, 2, rules=RULES, now=datetime(2025, 10, 20, 12))
    sfj = next(u for u in data["units"] if u["unit_id"] == "sfj")
    assert "已整改）1个，仍未整改2个" in sfj["overview"][-1]
    assert "新增问题0个" in data["summary"]["overview"][-1]


def second_run(db, drop: set[int], add: list[dict] = ()):
    """Run 2 over the same site: the findings of run 1 except ``drop`` (fixed), plus ``add``."""
    db["runs"].insert({"id": 2, "site_id": "demo", "started_at": "2025-10-20T01:00:00+00:00",
                       "finished_at": "2025-10-20T02:00:00+00:00", "checked_at": "2025-10-20T02:00:00+00:00"})
    for row in db.query("SELECT * FROM findings WHERE run_id = 1"):
        if row["id"] not in drop:
            db["findings"].insert(row | {"id": row["id"] + 100, "run_id": 2})
    for row in add:
        db["findings"].insert(row | {"run_id": 2})


def test_lifecycle_statuses_and_rectification(tmp_path):
    db, config = populate(tmp_path)
    second_run(db, drop={1, 4}, add=[finding(200, "ZW0000000200", "link.broken", "deduct", "xhjd",
                                             f"{BASE}xhjd/c.html", f"{BASE}z.html")])
    data = build_report_data(db, config, 2, rules=RULES, now=datetime(2025, 10, 20, 12))
    units = {u["unit_id"]: u for u in data["units"]}
    sfj = {r["problem_id"]: r for r in units["sfj"]["findings"]}
    assert sfj["ZW0000000002"]["status"] == "仍未整改（连续2期）"
    assert sfj["ZW0000000002"]["first_seen"] == "2025-09-30" and sfj["ZW0000000002"]["last_seen"] == "2025-10-20"
    assert sfj["ZW0000000002"]["deadline"] == "2025-10-27"
    assert [r["problem_id"] for r in units["sfj"]["fixed"]] == ["ZW0000000001"]
    assert units["sfj"]["fixed"][0]["status"] == "已整改"
    xhjd = {r["problem_id"]: r["status"] for r in units["xhjd"]["findings"]}
    assert xhjd == {"ZW0000000005": "仍未整改（连续2期）", "ZW0000000200": "新增"}
    summary = data["summary"]
    assert "发现的问题6个，本期复查已整改2个，仍未整改4个，整改率33.3%；本期新增问题1个" in " ".join(summary["overview"])
    rect = {r["name"]: r for r in summary["rectification"]["rows"]}
    assert rect["新湖街道办事处"]["rate"] == "50%" and rect["区司法局"]["fixed"] == 1
    assert "连续2期未整改2个" in summary["rectification"]["repeat_sentence"]
    assert "区司法局连续2期未整改2个" in summary["rectification"]["repeat_sentence"]
    types = {t["title"]: t for t in summary["type_table"]}
    assert types["未发布政府信息公开指南"]["count"] == 0 and types["未发布政府信息公开指南"]["change"] == "-1"


def test_marked_problems_leave_the_counts_for_the_appendix(tmp_path):
    from crawler.lifecycle import mark, record

    db, config = populate(tmp_path)
    record(db, "demo")
    mark(db, "ZW0000000004", "explained", "该街道指南已在上级门户统一发布，经核实属实。")
    data = build_report_data(db, config, 1, rules=RULES, now=datetime(2025, 9, 30, 12))
    xhjd = next(u for u in data["units"] if u["unit_id"] == "xhjd")
    assert xhjd["counts"]["veto"] == 0 and [r["problem_id"] for r in xhjd["findings"]] == ["ZW0000000005"]
    assert xhjd["reviewed"][0]["review"] == "已作情况说明"
    assert "经核实属实" in xhjd["reviewed"][0]["reason"]
    assert data["summary"]["totals"]["total"] == 5 and data["summary"]["reviewed"]
    paths = render_reports(db, config, 1, tmp_path / "out", now=datetime(2025, 9, 30, 12), rules=RULES,
                           formats=("html",))
    html = paths["units"]["xhjd"].read_text(encoding="utf-8")
    assert "人工核查情况说明" in html and html.count("ZW0000000004") == 1


def test_chart_is_plain_numbers_proportional_to_counts(setup):
    db, config, _, now = setup
    chart = build_report_data(db, config, 1, rules=RULES, now=now)["summary"]["chart"]
    rows = {r["label"]: r for r in chart["rows"]}
    assert [r["label"] for r in chart["rows"]][0] == "区司法局"
    width = lambda name: sum(s["w"] for s in rows[name]["segments"])
    assert width("区司法局") == pytest.approx(3 * width(SITE_NAME), rel=0.02)
    assert rows["区财政局"]["segments"] == [] and rows["区财政局"]["total"] == 0
    assert {s["cls"] for s in rows["新湖街道办事处"]["segments"]} == {"sev-veto", "sev-deduct"}


def test_screenshots_are_linked_and_copied_beside_the_report(tmp_path):
    db, config = populate(tmp_path)
    shot = tmp_path / "elsewhere" / "zw0000000001.png"
    shot.parent.mkdir()
    shot.write_bytes(b"\x89PNG\r\n\x1a\nfake")
    db["evidence"].insert({"site_id": "demo", "problem_id": "ZW0000000001", "run_id": 1, "path": str(shot),
                           "captured_at": "2025-09-30T10:05:00+08:00", "status": 200, "content_hash": "ab" * 32})
    db["evidence"].insert({"site_id": "demo", "problem_id": "ZW0000000003", "run_id": 1, "path": "",
                           "error": "Timeout", "attempts": 1})
    paths = render_reports(db, config, 1, tmp_path / "out", now=datetime(2025, 9, 30, 12), rules=RULES,
                           formats=("html",))
    html = paths["units"]["sfj"].read_text(encoding="utf-8")
    assert 'href="../evidence/zw0000000001.png"' in html and "09-30 10:05 页面200" in html
    assert "截图失败" in html
    assert (tmp_path / "out" / "evidence" / "zw0000000001.png").read_bytes() == shot.read_bytes()
