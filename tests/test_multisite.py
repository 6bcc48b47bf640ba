"""Many sites in one command: a folder of configs, in parallel, failures isolated, one table."""

import socket
import sqlite3
import subprocess
import sys
from datetime import date, timedelta

import pytest

from benchmarks.portal import SyntheticPortal, PortalServer
from crawler.merge import merge_runs
from crawler.multisite import expand_configs, prune


def zwgk(*args, cwd=None, timeout=300):
    return subprocess.run([sys.executable, "-m", "crawler.cli", *args], capture_output=True, text=True,
                          timeout=timeout, cwd=cwd)


def query(db, sql, params=()):
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, list(params)).fetchall()
    finally:
        conn.close()


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("multisite")
    sites = tmp / "sites"
    sites.mkdir()
    servers = []
    for i, name in enumerate(("alpha", "beta", "gamma")):
        server = PortalServer(SyntheticPortal(40, units=1, seed=10 + i), delay_ms=5)
        base = server.start()
        servers.append(server)
        (sites / f"{name}.toml").write_text(server.portal.config_toml(base, site_id=name, report_formats=("html",), concurrency_per_host=4),
                                            encoding="utf-8")
    (sites / "broken.toml").write_text('[site]\nid = "broken"\n', encoding="utf-8")  # name missing
    (sites / "down.toml").write_text(
        f'[site]\nid = "down"\nname = "不可达"\nstart_urls = ["http://127.0.0.1:{closed_port()}/xxgk/"]\n'
        "[crawl]\nallow_private_networks = true\ntimeout_seconds = 2.0\nretries = 0\n", encoding="utf-8")
    proc = zwgk("run", "--config", str(sites), "--jobs", "2", "--db-dir", str(tmp / "data"),
                "--log-dir", str(tmp / "logs"), "--out", str(tmp / "reports"), "--db", str(tmp / "all.db"),
                "--no-evidence", "--quiet")
    hits = [dict(s.hits) for s in servers]
    for s in servers:
        s.stop()
    return dict(tmp=tmp, proc=proc, hits=hits, sites=sites)


def test_every_site_is_audited_and_failures_do_not_stop_the_others(batch):
    proc, tmp = batch["proc"], batch["tmp"]
    assert proc.returncode == 5, proc.stderr  # some sites failed: the command says so
    lines = {line.split()[0]: line for line in proc.stdout.splitlines() if line.strip()}
    for name in ("alpha", "beta", "gamma"):
        assert "完成" in lines[name]
        assert query(str(tmp / "data" / f"{name}.db"), "SELECT status FROM runs") == [("completed",)]
        assert (tmp / "reports" / name / date.today().isoformat() / "index.html").is_file()
        assert (tmp / "logs" / date.today().isoformat() / f"{name}.log").is_file()
    assert "配置错误" in lines["broken"] and "site.name" in lines["broken"]
    assert "失败" in lines["down"] and "起始网址无法访问" in lines["down"]
    assert "共 5 个站点，完成 3 个，失败 2 个" in proc.stdout


def test_table_gives_pages_findings_duration_errors(batch):
    header, *rows = [ln for ln in batch["proc"].stdout.splitlines() if ln.strip()]
    for word in ("页面 pages", "问题 findings", "用时 duration", "错误 errors"):
        assert word in header
    alpha = next(r for r in rows if r.startswith("alpha")).split()
    assert int(alpha[2]) > 30 and int(alpha[3]) > 0 and alpha[4].count(":") == 2


def test_runs_are_merged_into_one_database(batch):
    tmp = batch["tmp"]
    merged = str(tmp / "all.db")
    sites = {r[0] for r in query(merged, "SELECT site_id FROM runs")}
    assert sites == {"alpha", "beta", "gamma"}
    for name in ("alpha", "beta", "gamma"):
        src = str(tmp / "data" / f"{name}.db")
        own = query(src, "SELECT rule, url, target FROM findings ORDER BY 1, 2, 3")
        run = query(merged, "SELECT id FROM runs WHERE site_id = ?", [name])[0][0]
        assert query(merged, "SELECT rule, url, target FROM findings WHERE run_id = ? ORDER BY 1, 2, 3", [run]) == own
        assert query(merged, "SELECT COUNT(*) FROM pages WHERE run_id = ?", [run]) == query(
            src, "SELECT COUNT(*) FROM pages")
    batch_rows = query(merged, "SELECT site_id, status FROM batch_runs")
    assert dict(batch_rows)["down"] == "failed" and len(batch_rows) == 5
    # merging the same runs again adds nothing
    src = str(tmp / "data" / "alpha.db")
    before = query(merged, "SELECT COUNT(*) FROM runs")
    merge_runs(merged, [(src, 1)])
    assert query(merged, "SELECT COUNT(*) FROM runs") == before


def test_merge_brings_the_uptime_visits_once(batch, tmp_path):
    import shutil

    from crawler.store import add_uptime_table, open_db
    from crawler.uptime import record

    src, merged = str(tmp_path / "alpha.db"), str(tmp_path / "all.db")
    shutil.copy(batch["tmp"] / "data" / "alpha.db", src)
    shutil.copy(batch["tmp"] / "all.db", merged)
    db = open_db(src)
    add_uptime_table(db)
    visits = [{"time": f"2026-12-0{d}T08:00:00+00:00", "url": "http://alpha.example/", "ok": d % 2,
               "status": 200 if d % 2 else 503, "elapsed_ms": 40 * d, "error": "" if d % 2 else "http_503"}
              for d in range(1, 5)]
    record(db, "alpha", visits)
    record(db, "other-site", visits[:1])  # another site's visit in the same file stays out
    db.close()
    columns = "site_id, time, url, ok, status, elapsed_ms, error"
    own = query(src, f"SELECT {columns} FROM uptime WHERE site_id = 'alpha' ORDER BY time")
    for _ in range(2):  # the run is merged already; merging again adds no visit twice
        merge_runs(merged, [(src, 1)])
        assert query(merged, f"SELECT {columns} FROM uptime ORDER BY time") == own
    record_db = open_db(src)
    record(record_db, "alpha", [{**visits[0], "time": "2026-12-09T08:00:00+00:00"}])  # a later visit
    record_db.close()
    merge_runs(merged, [(src, 1)])
    assert len(query(merged, "SELECT * FROM uptime")) == len(own) + 1


def test_each_page_fetched_once_per_site(batch):
    for hits in batch["hits"]:
        gets = [n for (method, path), n in hits.items() if method == "GET" and path.startswith("/xxgk/")]
        assert gets and max(gets) == 1


def test_config_is_repeatable_and_folders_expand(batch, tmp_path):
    sites = batch["sites"]
    files = expand_configs([str(sites / "alpha.toml"), str(sites)])
    assert [f.name for f in files] == ["alpha.toml", "beta.toml", "broken.toml", "down.toml", "gamma.toml"]
    proc = zwgk("run", "--config", str(sites / "broken.toml"), "--config", str(tmp_path / "nope.toml"))
    assert proc.returncode == 2 and "nope.toml" in proc.stderr


def test_prune_removes_old_dated_folders(tmp_path):
    today = date(2026, 3, 31)
    for day in (today, today - timedelta(days=3), today - timedelta(days=40)):
        (tmp_path / "logs" / day.isoformat()).mkdir(parents=True)
        (tmp_path / "reports" / "alpha" / f"{day.isoformat()}-120000").mkdir(parents=True)
    (tmp_path / "logs" / "keep-me").mkdir()
    prune(tmp_path / "logs", 30, today)
    prune(tmp_path / "reports", 30, today, depth=2)
    assert sorted(p.name for p in (tmp_path / "logs").iterdir()) == ["2026-03-28", "2026-03-31", "keep-me"]
    assert len(list((tmp_path / "reports" / "alpha").iterdir())) == 2
