"""Pages read in worker processes give exactly the records of pages read in the spider."""

import sqlite3
import subprocess
import sys

import pytest

from benchmarks.portal import PortalServer, SyntheticPortal
from crawler.offload import process_count

TABLES = {
    "pages": "url, final_url, status, title, unit, page_type, error, content_hash, encoding",
    "links": "from_url, to_url, text, kind",
    "probes": "url, outcome, status, final_url, title",
    "documents": "url, unit, page_type, title, index_no, doc_number, written_date, published_date, validity, "
                 "fields, text",
    "bodies": "hash, data",  # digest and compressed copy: computed by the workers when they read the page
}


def records(db: str) -> dict:
    conn = sqlite3.connect(db)
    try:
        return {t: sorted(conn.execute(f"SELECT {cols} FROM {t}").fetchall()) for t, cols in TABLES.items()}
    finally:
        conn.close()


@pytest.fixture(scope="module")
def crawls(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("offload")
    portal = SyntheticPortal(240, units=2, seed=11)
    server = PortalServer(portal, delay_ms=2)
    base = server.start()
    out = {}
    try:
        for processes in (0, 2):
            config = tmp / f"site{processes}.toml"
            config.write_text(portal.config_toml(base, extract_processes=processes), encoding="utf-8")
            db = str(tmp / f"p{processes}.db")
            proc = subprocess.run([sys.executable, "-m", "crawler.cli", "crawl", "--config", str(config), "--db", db,
                                   "--quiet"], capture_output=True, text=True, timeout=240)
            assert proc.returncode == 0, proc.stderr
            conn = sqlite3.connect(db)
            out[processes] = (records(db), conn.execute("SELECT stats FROM runs").fetchone()[0])
            conn.close()
    finally:
        server.stop()
    return out


def test_worker_processes_store_the_same_records(crawls):
    in_spider, in_workers = crawls[0][0], crawls[2][0]
    assert len(in_spider["pages"]) > 240 and in_spider["documents"]
    for table in TABLES:
        assert in_workers[table] == in_spider[table], table


def test_the_run_says_how_many_pages_workers_read(crawls):
    assert '"read_in_workers": 0' in crawls[0][1]
    assert '"read_in_workers": 0' not in crawls[2][1]


def test_process_count():
    assert process_count(0) == 0 and process_count(2) == 2
    assert 0 <= process_count(-1) <= 3
