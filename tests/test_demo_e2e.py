"""The whole audit on the bundled demo portal finds every seeded defect and nothing else."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from crawler.demo import DemoPortal
from crawler.demo.probe_extras import seed_uptime


def audit(portal: DemoPortal, tmp: Path) -> tuple[list[dict], subprocess.CompletedProcess]:
    config = tmp / "demo.toml"
    config.write_text(portal.config_toml(), encoding="utf-8")
    db = tmp / "zwgk.db"
    seed_uptime(portal, str(db))  # 站点无法访问 (D130) needs a week of probe visits: a synthetic one, as `zwgk demo`
    probe = subprocess.run([sys.executable, "-m", "crawler.cli", "uptime", "--config", str(config), "--db", str(db)],
                           capture_output=True, text=True, timeout=60)
    assert probe.returncode == 0 and probe.stdout.count("\tok") == 2, probe.stdout + probe.stderr
    run = subprocess.run([sys.executable, "-m", "crawler.cli", "run", "--config", str(config), "--db", str(db),
                          "--out", str(tmp / "out"), "--quiet"], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    out = subprocess.run([sys.executable, "-m", "crawler.cli", "findings", "--db", str(db), "--format", "json"],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout), run


def keyset(rows):
    return {(r["rule"], r["unit"], r["url"], r["target"]) for r in rows}


@pytest.fixture(scope="module")
def demo_audit(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("demo")
    with DemoPortal() as portal:
        portal.start()
        findings, run = audit(portal, tmp)
        expected = portal.expected_findings()
    return findings, expected, run, tmp


def test_findings_equal_ground_truth(demo_audit):
    findings, expected, _, _ = demo_audit
    got, want = keyset(findings), keyset(expected)
    assert not want - got, f"missed: {sorted(want - got)}"
    assert not got - want, f"false alarms: {sorted(got - want)}"
    assert len(findings) == len(got)


def test_findings_follow_the_contract(demo_audit):
    findings, _, _, _ = demo_audit
    for f in findings:
        assert f["severity"] in ("veto", "deduct", "advice")
        assert f["message"] and isinstance(f["evidence"], dict)
        assert f["url"].startswith("http")
        assert (f["target"] is None) == (not f["rule"].startswith("link."))


def test_reports_written_and_path_printed(demo_audit):
    _, _, run, tmp = demo_audit
    summary = tmp / "out" / "index.html"
    assert summary.is_file()
    assert str(summary.resolve()) in run.stdout
    assert len(list((tmp / "out" / "units").glob("*.html"))) >= 6


def test_repaired_portal_has_no_findings(tmp_path):
    with DemoPortal() as probe:
        ids = frozenset(d["id"] for d in probe.defects())
    with DemoPortal(fixed=ids) as portal:
        portal.start()
        findings, _ = audit(portal, tmp_path)
    assert findings == []


def test_checks_in_worker_processes_equal_one_process(demo_audit, monkeypatch):
    """A large run's checks are spread over worker processes (checks.parallel); forced here on
    the demo run, they give the same findings, in the same order, as one process."""
    from checks.runner import enabled_checks, run_checks
    from crawler.config import load_config
    from crawler.store import open_db

    _, _, _, tmp = demo_audit
    site = load_config(tmp / "demo.toml")
    db = open_db(tmp / "zwgk.db")
    run_id = db.execute("SELECT max(id) FROM runs").fetchone()[0]

    def rows(found):
        return [(f.problem_id, f.rule, f.unit, f.url, f.target, f.message, json.dumps(f.evidence, sort_keys=True,
                                                                                  default=str)) for f in found]

    alone = rows(run_checks(db, site, run_id, workers=1))
    spread = rows(run_checks(db, site, run_id, workers=2))
    assert alone and spread == alone
    stats = json.loads(db.execute("SELECT stats FROM runs WHERE id = ?", [run_id]).fetchone()[0])
    assert set(stats["check_seconds"]) == {c.rule.id for c in enabled_checks(site)}

    def no_processes(*args, **kwargs):
        raise OSError("no processes here")

    monkeypatch.setattr("checks.parallel.ProcessPoolExecutor", no_processes)
    assert rows(run_checks(db, site, run_id, workers=2)) == alone  # checked in this process instead
