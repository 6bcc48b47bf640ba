"""The uptime prober (WEB-01) against a loopback server, its command and its schedule entry."""

import sqlite3
import subprocess
import sys

from crawler.config import load_config
from crawler.store import open_db
from crawler.uptime import probe_urls, run, visit
from tests.local_server import page, redirect, serve, slow

UA = "zwgk-test/1.0"


def config(tmp_path, base, start="/xxgk/", private=True, timeout=2):
    path = tmp_path / "site.toml"
    path.write_text(f'[site]\nid = "t"\nname = "测试区"\nstart_urls = ["{base}{start}"]\n\n[crawl]\n'
                    f'allow_private_networks = {"true" if private else "false"}\ntimeout_seconds = {timeout}\n'
                    f'user_agent = "{UA}"\n', encoding="utf-8")
    return path


def test_probe_visits_home_and_column_root_and_records_one_row_each(tmp_path):
    seen = {}

    def home(h):
        seen["ua"] = h.headers.get("User-Agent")
        h.send(200, "<title>首页</title>")

    server, base = serve({"/": home, "/xxgk/": redirect("/xxgk/index.html"), "/xxgk/index.html": page("专栏")})
    try:
        site = load_config(config(tmp_path, base))
        assert probe_urls(site) == [f"{base}/", f"{base}/xxgk/"]
        db = open_db(tmp_path / "u.db")
        visits = run(site, db)
    finally:
        server.shutdown()
    assert [(v.ok, v.status, v.error) for v in visits] == [(True, 200, ""), (True, 200, "")]
    assert seen["ua"] == UA
    rows = list(db.query("SELECT site_id, url, ok, status, error, time, elapsed_ms FROM uptime ORDER BY id"))
    assert [(r["site_id"], r["url"], r["ok"]) for r in rows] == [("t", f"{base}/", 1), ("t", f"{base}/xxgk/", 1)]
    assert rows[0]["time"].endswith("+00:00") and rows[0]["elapsed_ms"] >= 0


def test_failures_are_recorded_with_their_outcome():
    server, base = serve({"/late": slow(1.5), "/err": page("boom", status=500), "/waf": page("<script>", status=412),
                          "/loop": redirect("/loop")})
    try:
        late = visit(f"{base}/late", 0.5, UA, {"127.0.0.1"}, True)
        err = visit(f"{base}/err", 2, UA, {"127.0.0.1"}, True)
        waf = visit(f"{base}/waf", 2, UA, {"127.0.0.1"}, True)
        loop = visit(f"{base}/loop", 2, UA, {"127.0.0.1"}, True)
    finally:
        server.shutdown()
    assert (late.ok, late.error) == (False, "timeout") and late.elapsed_ms >= 400
    assert (err.ok, err.status, err.error) == (False, 500, "http_error")
    assert (waf.ok, waf.error) == (False, "blocked")
    assert (loop.ok, loop.error) == (False, "redirect_loop")


def test_a_refused_connection_fails():
    server, base = serve({})
    server.shutdown()
    server.server_close()
    gone = visit(f"{base}/", 1, UA, {"127.0.0.1"}, True)
    assert (gone.ok, gone.error) == (False, "connection_error")


def test_private_guard_applies_to_redirects_but_not_to_the_start_hosts():
    routes = {"/": page("ok")}
    server, base = serve(routes)
    routes["/away"] = redirect(f"http://localhost:{server.server_address[1]}/")  # another host, private
    try:
        own = visit(f"{base}/", 2, UA, {"127.0.0.1"}, False)
        away = visit(f"{base}/away", 2, UA, {"127.0.0.1"}, False)
        allowed = visit(f"{base}/away", 2, UA, {"127.0.0.1"}, True)
    finally:
        server.shutdown()
    assert own.ok
    assert (away.ok, away.error) == (False, "skipped")
    assert allowed.ok


def zwgk(*args):
    return subprocess.run([sys.executable, "-m", "crawler.cli", *args], capture_output=True, text=True, timeout=60)


def test_uptime_command_appends_rows(tmp_path):
    server, base = serve({"/": page("ok"), "/xxgk/": page("专栏")})
    try:
        cfg = config(tmp_path, base)
        for _ in range(2):
            proc = zwgk("uptime", "--config", str(cfg), "--db", str(tmp_path / "z.db"))
            assert proc.returncode == 0, proc.stderr
    finally:
        server.shutdown()
    assert f"{base}/xxgk/" in proc.stdout and "ok" in proc.stdout
    with sqlite3.connect(tmp_path / "z.db") as conn:
        assert conn.execute("SELECT count(*), sum(ok) FROM uptime").fetchone() == (4, 4)


def test_schedule_prints_and_installs_the_prober_next_to_the_nightly_entry(tmp_path):
    cfg = config(tmp_path, "http://127.0.0.1:9")
    cron = tmp_path / "cron.d"
    for extra in ([], ["--uptime"], ["--uptime", "--every", "20"]):
        proc = zwgk("schedule", "--config", str(cfg), "--install", "--cron-file", str(cron), "--workdir",
                    str(tmp_path), *extra)
        assert proc.returncode == 0, proc.stderr
    lines = cron.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2 and "# zwgk-audit nightly" in lines[0] and "# zwgk-audit uptime" in lines[1]
    minutes = lines[1].split()[0].split(",")
    assert len(minutes) == 3 and int(minutes[1]) - int(minutes[0]) == 20
    assert f" uptime --config {cfg.resolve()}" in lines[1] and "--quiet" in lines[1] and "uptime.log" in lines[1]
    proc = zwgk("schedule", "--config", str(cfg), "--uptime", "--format", "systemd", "--workdir", str(tmp_path))
    assert proc.returncode == 0 and "OnCalendar=*-*-* *:00/30:00" in proc.stdout and "RandomizedDelaySec=" in proc.stdout
    assert "zwgk-uptime.timer" in proc.stdout
    proc = zwgk("schedule", "--config", str(cfg), "--uptime", "--every", "7")
    assert proc.returncode == 2 and "--every" in proc.stderr and "Traceback" not in proc.stderr
