"""Distributed mode on RQ: a real redis-server, two workers, several local sites, one merged DB."""

import shutil
import socket
import sqlite3
import subprocess
import sys
import time

import pytest

from benchmarks.portal import SyntheticPortal, PortalServer

REDIS = shutil.which("redis-server")
pytestmark = pytest.mark.skipif(REDIS is None, reason="redis-server (Debian package redis-server) is not installed; "
                                                      ".ci/setup installs it")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def query(db, sql, params=()):
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, list(params)).fetchall()
    finally:
        conn.close()


@pytest.fixture(scope="module")
def redis_url():
    from redis import Redis

    port = free_port()
    proc = subprocess.Popen([REDIS, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                             "--daemonize", "no"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"redis://127.0.0.1:{port}/0"
    client = Redis.from_url(url)
    for _ in range(100):
        try:
            client.ping()
            break
        except Exception:  # noqa: BLE001 - still starting
            time.sleep(0.05)
    yield url
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


def start_worker(url: str, name: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "crawler.cli", "worker", "--redis", url, "--name", name],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def stop(procs):
    for p in procs:
        p.terminate()
    for p in procs:
        try:
            p.wait(timeout=20)
        except subprocess.TimeoutExpired:
            p.kill()


def distributed(url, sites, work, db):
    return subprocess.run([sys.executable, "-m", "crawler.cli", "distributed", "--config", str(sites), "--redis", url,
                           "--work-dir", str(work), "--db", str(db), "--no-evidence", "--timeout", "400"],
                          capture_output=True, text=True, timeout=450)


@pytest.fixture(scope="module")
def fanned_out(redis_url, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("distributed")
    sites = tmp / "sites"
    sites.mkdir()
    servers = []
    for i, name in enumerate(("north", "south", "east")):
        server = PortalServer(SyntheticPortal(40, units=1, seed=20 + i), delay_ms=15)
        base = server.start()
        servers.append(server)
        (sites / f"{name}.toml").write_text(server.portal.config_toml(base, site_id=name, report_formats=("html",), concurrency_per_host=4),
                                            encoding="utf-8")
    workers = [start_worker(redis_url, "w1"), start_worker(redis_url, "w2")]
    try:
        two = distributed(redis_url, sites, tmp / "work2", tmp / "merged2.db")
    finally:
        stop(workers)
    hits = [dict(s.hits) for s in servers]
    single = [start_worker(redis_url, "solo")]
    try:
        one = distributed(redis_url, sites, tmp / "work1", tmp / "merged1.db")
    finally:
        stop(single)
    for s in servers:
        s.stop()
    return dict(tmp=tmp, two=two, one=one, hits=hits)


def test_jobs_fan_out_to_both_workers_and_merge_into_one_db(fanned_out):
    two, tmp = fanned_out["two"], fanned_out["tmp"]
    assert two.returncode == 0, two.stderr + two.stdout
    merged = str(tmp / "merged2.db")
    assert {r[0] for r in query(merged, "SELECT site_id FROM runs WHERE status = 'completed'")} == {
        "north", "south", "east"}
    workers = {r[0] for r in query(merged, "SELECT worker FROM batch_runs")}
    assert workers == {"w1", "w2"}
    assert query(merged, "SELECT mode, status, sites FROM batches") == [("distributed", "completed", 3)]
    assert "共 3 个站点，完成 3 个" in two.stdout


def test_no_page_is_fetched_twice(fanned_out):
    for hits in fanned_out["hits"]:
        gets = {path: n for (method, path), n in hits.items() if method == "GET" and path.startswith("/xxgk/")}
        assert gets and max(gets.values()) == 1


def test_same_findings_as_a_single_worker(fanned_out):
    one, tmp = fanned_out["one"], fanned_out["tmp"]
    assert one.returncode == 0, one.stderr + one.stdout

    def by_site(db):
        found = {}
        for site, rule, url, target in query(db, "SELECT r.site_id, f.rule, f.url, f.target FROM findings f "
                                                 "JOIN runs r ON r.id = f.run_id"):
            found.setdefault(site, set()).add((rule, url, target))
        return found

    two, single = by_site(str(tmp / "merged2.db")), by_site(str(tmp / "merged1.db"))
    assert set(two) == {"north", "south", "east"} and two == single
    assert {r[0] for r in query(str(tmp / "merged1.db"), "SELECT worker FROM batch_runs")} == {"solo"}
