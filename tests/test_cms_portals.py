"""Whole audits of one fixture portal per CMS family: every seeded defect found, no false one.

The audit runs as a user runs it (``python -m crawler.cli run … --quiet`` in a subprocess);
only the mission rules are compared (other rules have their own tests)."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import sqlite_utils

from crawler.config import load_defaults
from tests.portals import MISSION_RULES, Server

PORTALS = ["hanweb", "trs", "ucap", "antibot", "gbk"]


def _run_options() -> list[str]:
    """Skip the optional slow stages (screenshots, PDF) when this version of the CLI has them."""
    help_text = subprocess.run([sys.executable, "-m", "crawler.cli", "run", "--help"], capture_output=True,
                               text=True, timeout=60).stdout
    return ["--no-evidence"] if "--no-evidence" in help_text else []


def audit(name: str, tmp: Path, options: list[str]):
    server = Server()
    portal = importlib.import_module(f"tests.portals.{name}").build(server.base, server.ext)
    server.routes = portal.routes
    config = tmp / f"{name}.toml"
    text = portal.config_toml()
    if "formats" in load_defaults().get("report", {}):
        text += '\n[report]\nformats = ["html"]\n'
    config.write_text(text, encoding="utf-8")
    db = tmp / "zwgk.db"
    try:
        run = subprocess.run([sys.executable, "-m", "crawler.cli", "run", "--config", str(config), "--db", str(db),
                              "--out", str(tmp / "out"), "--quiet", *options], capture_output=True, text=True,
                             timeout=300)
    finally:
        server.stop()
    assert run.returncode == 0, run.stderr[-3000:]
    out = subprocess.run([sys.executable, "-m", "crawler.cli", "findings", "--db", str(db), "--format", "json"],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    return portal, json.loads(out.stdout), server, db


@pytest.fixture(scope="module")
def audits(tmp_path_factory):
    """All portals audited at once (each audit is its own process and server)."""
    options = _run_options()
    with ThreadPoolExecutor(max_workers=len(PORTALS)) as pool:
        futures = {name: pool.submit(audit, name, tmp_path_factory.mktemp(name), options) for name in PORTALS}
    return futures


@pytest.fixture(params=PORTALS)
def audited(request, audits):
    return audits[request.param].result()


def test_audit_finds_exactly_the_seeded_defects(audited):
    portal, findings, _, _ = audited
    got = {(f["rule"], f["unit"], f["url"], f["target"]) for f in findings if f["rule"] in MISSION_RULES}
    want = set(portal.truth)
    assert not want - got, f"{portal.name} missed: {sorted(want - got, key=str)}"
    assert not got - want, f"{portal.name} false alarms: {sorted(got - want, key=str)}"


def test_pages_are_stored_as_readable_chinese(audited):
    _, _, _, path = audited
    for page in sqlite_utils.Database(path).query("select url, title, encoding from pages where error = '' and title != ''"):
        assert "\ufffd" not in page["title"] and not any("\u00c0" <= c <= "\u00ff" for c in page["title"]), page
        assert page["encoding"], page


def test_attachments_are_never_downloaded_whole(audited):
    _, _, server, _ = audited
    for method, path, headers, _ in server.log:
        if method == "GET" and path.split("?")[0].endswith((".pdf", ".doc", ".docx", ".xls", ".xlsx", ".zip")):
            assert "Range" in headers, path
