"""Two audits of the demo portal into one DB: fixed defects show as 已整改, the rest as 仍未整改."""

import json
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import html as lxml_html
from openpyxl import load_workbook

import crawler.demo.portal as portal_module
from checks.registry import rule_by_id
from crawler.cli import gate
from crawler.demo import DemoPortal
from crawler.demo.probe_extras import seed_uptime

FIXED = frozenset({"D02", "D12", "D15", "D18"})  # a link, a validity label, a guide date, a 解读
CAP = 8  # screenshots per run, kept small: the rest wait for the next run
MISSION = {d["rule"] for d in portal_module.DEFECTS}  # the rules the demo's ground truth covers


def zwgk(*args, timeout=300):
    return subprocess.run([sys.executable, "-m", "crawler.cli", *args], capture_output=True, text=True,
                          timeout=timeout)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def audit(portal: DemoPortal, tmp: Path, name: str, *extra: str) -> subprocess.CompletedProcess:
    config = tmp / "demo.toml"
    # Word/PDF are tested elsewhere; HTML and Excel are what this test reads.
    config.write_text(portal.config_toml() + f'formats = ["html", "xlsx"]\nmax_screenshots = {CAP}\n',
                      encoding="utf-8")
    seed_uptime(portal, str(tmp / "zwgk.db"))  # the prober's week (D130), as `zwgk demo` does
    return zwgk("run", "--config", str(config), "--db", str(tmp / "zwgk.db"), "--out", str(tmp / name),
                "--quiet", *extra)


def findings(tmp: Path, run: str) -> list[dict]:
    out = zwgk("findings", "--db", str(tmp / "zwgk.db"), "--run", run, "--format", "json", timeout=60)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def key(row):
    return row["rule"], row["unit"], row["url"], row["target"]


def table_rows(path: Path, section: str) -> dict[str, list[str]]:
    """problem id -> cell texts of the rows in one attachment table of a unit report."""
    doc = lxml_html.fromstring(path.read_text(encoding="utf-8"))
    result = {}
    for tr in doc.xpath(f'//section[@id="{section}"]//tbody/tr'):
        cells = [" ".join(td.text_content().split()) for td in tr.xpath("./td")]
        result[cells[1]] = cells
    return result


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("lifecycle")
    patch = pytest.MonkeyPatch()
    dead = free_port()  # the demo's "closed port" target must be the same in both runs
    patch.setattr(portal_module, "_free_port", lambda host: dead)
    try:
        first = DemoPortal()
        base = first.start()
        port = int(base.rsplit(":", 1)[1])
        run1 = audit(first, tmp, "out1", "--fail-on", "deduct")
        expected1 = first.expected_findings()
        first.stop()
        second = DemoPortal(fixed=FIXED)
        second.start(port=port)
        run2 = audit(second, tmp, "out2", "--fail-on", "veto")
        expected2 = second.expected_findings()
        second.stop()
    finally:
        patch.undo()
    return {"tmp": tmp, "run1": run1, "run2": run2, "expected1": expected1, "expected2": expected2,
            "f1": findings(tmp, "1"), "f2": findings(tmp, "2")}


def test_runs_complete_and_gate_exit_codes(two_runs):
    assert two_runs["run1"].returncode == 1, two_runs["run1"].stderr  # deduct findings exist
    assert "自查未通过" in two_runs["run1"].stderr
    veto = any(rule_by_id()[r["rule"]].severity == "veto" for r in two_runs["expected2"])
    assert two_runs["run2"].returncode == int(veto), two_runs["run2"].stderr  # 1 only with a 单项否决 left
    assert "与上期相比：新增" in two_runs["run2"].stderr
    assert (two_runs["tmp"] / "out2" / "index.html").is_file()


def ids(rows) -> set[str]:
    return {f["problem_id"] for f in rows}


def test_problem_ids_are_stable_and_fixed_ones_disappear(two_runs):
    f1 = {key(f): f["problem_id"] for f in two_runs["f1"] if f["rule"] in MISSION}
    f2 = {key(f): f["problem_id"] for f in two_runs["f2"] if f["rule"] in MISSION}
    assert set(f1) == {key(r) for r in two_runs["expected1"]}
    assert set(f2) == {key(r) for r in two_runs["expected2"]}
    fixed = {key(r) for r in two_runs["expected1"] if r["defect"] in FIXED}
    assert fixed and not fixed & set(f2)
    assert set(f2) == set(f1) - fixed
    assert all(f2[k] == f1[k] for k in f2)


def test_findings_output_carries_the_lifecycle(two_runs):
    first_seen = {f["problem_id"]: f["first_seen"] for f in two_runs["f1"]}
    for f in two_runs["f1"]:
        assert f["lifecycle"] == "new" and f["streak"] == 1 and f["review"] is None
    persisting = [f for f in two_runs["f2"] if f["problem_id"] in first_seen]
    assert len(persisting) >= len([f for f in two_runs["f1"] if f["rule"] in MISSION]) - len(FIXED)
    for f in persisting:
        assert f["lifecycle"] == "persisting" and f["streak"] == 2
        assert f["first_seen"] == first_seen[f["problem_id"]]
        assert {"rule", "severity", "unit", "url", "target", "message", "evidence"} <= set(f)


def test_unit_reports_show_fixed_and_remaining(two_runs):
    tmp = two_runs["tmp"]
    fixed_ids = ids(two_runs["f1"]) - ids(two_runs["f2"])
    seen_fixed = set()
    for f in two_runs["f2"]:
        rows = table_rows(tmp / "out2" / "units" / f"{f['unit'] or 'site'}.html", "findings")  # "" = 本级
        want = "仍未整改（连续2期）" if f["problem_id"] in ids(two_runs["f1"]) else "新增"
        assert rows[f["problem_id"]][-1] == want
    for unit in {f["unit"] for f in two_runs["f1"]}:
        fixed_rows = table_rows(tmp / "out2" / "units" / f"{unit or 'site'}.html", "fixed")
        for pid, cells in fixed_rows.items():
            assert cells[-1] == "已整改"
            seen_fixed.add(pid)
    assert seen_fixed == fixed_ids
    fixed_mission = {pid for k, pid in ((key(f), f["problem_id"]) for f in two_runs["f1"])
                     if any(key(r) == k and r["defect"] in FIXED for r in two_runs["expected1"])}
    assert len(fixed_mission) == len(FIXED) and fixed_mission <= fixed_ids
    first = table_rows(tmp / "out1" / "units" / "bgs.html", "findings")
    assert {cells[-1] for cells in first.values()} == {"新增"}


def test_summary_names_the_rectification_rate(two_runs):
    text = " ".join(lxml_html.fromstring(
        (two_runs["tmp"] / "out2" / "index.html").read_text(encoding="utf-8")).text_content().split())
    before, after = ids(two_runs["f1"]), ids(two_runs["f2"])
    fixed, remaining = len(before - after), len(before & after)
    rate = f"{100 * fixed / len(before):.1f}".rstrip("0").rstrip(".") + "%"
    assert f"发现的问题{len(before)}个，本期复查已整改{fixed}个，仍未整改{remaining}个，整改率{rate}" in text
    assert "上期问题整改情况" in text


def test_screenshots_only_for_new_problems(two_runs):
    import sqlite3

    tmp = two_runs["tmp"]
    with sqlite3.connect(tmp / "zwgk.db") as db:
        shots = db.execute("SELECT problem_id, run_id, path, status, content_hash, captured_at FROM evidence").fetchall()
    by_run = {run: {s[0] for s in shots if s[1] == run} for run in (1, 2)}
    assert len(by_run[1]) == CAP and by_run[1] <= ids(two_runs["f1"])
    # run 2 takes only problems without a screenshot yet (those past run 1's cap, or new ones)
    assert len(by_run[2]) == min(CAP, len(ids(two_runs["f2"]) - by_run[1]))
    assert by_run[2] <= ids(two_runs["f2"]) - by_run[1]
    captured = [s for s in shots if s[2]]
    assert len(captured) >= len(shots) - 2
    for _, _, path, status, digest, when in captured:
        assert Path(path).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert status == 200 and len(digest) == 64 and when.endswith("+08:00")
    for f in two_runs["f2"]:
        copied = tmp / "out2" / "evidence" / f"{f['problem_id'].lower()}.png"
        assert copied.is_file() == any(s[0] == f["problem_id"] and s[2] for s in shots)


def test_ledger_lists_fixed_and_remaining(two_runs):
    wb = load_workbook(two_runs["tmp"] / "out2" / "整改台账.xlsx")
    statuses = [row[-1] for name in wb.sheetnames[1:] for row in wb[name].iter_rows(min_row=3, values_only=True)]
    before, after = ids(two_runs["f1"]), ids(two_runs["f2"])
    assert statuses.count("已整改") == len(before - after) >= len(FIXED)
    assert statuses.count("仍未整改（连续2期）") == len(before & after)


def test_mark_excludes_from_report_and_unmark_restores(two_runs):
    tmp = two_runs["tmp"]
    db = str(tmp / "zwgk.db")
    config = str(tmp / "demo.toml")
    target = next(f for f in two_runs["f2"] if f["rule"] == "link.unverified")
    pid, unit = target["problem_id"], target["unit"]
    marked = zwgk("mark", "--db", db, "--problem", pid, "--status", "false-positive",
                  "--reason", "经人工核查，该链接在浏览器中可正常访问", timeout=60)
    assert marked.returncode == 0, marked.stderr
    report = zwgk("report", "--config", config, "--db", db, "--run", "2", "--out", str(tmp / "out3"), timeout=120)
    assert report.returncode == 0, report.stderr
    unit_html = tmp / "out3" / "units" / f"{unit}.html"
    assert pid not in table_rows(unit_html, "findings")
    reviewed = table_rows(unit_html, "reviewed")
    assert "人工核查不属实" in reviewed[pid] and "经人工核查，该链接在浏览器中可正常访问" in reviewed[pid]
    listed = {f["problem_id"]: f for f in findings(tmp, "2")}
    assert listed[pid]["review"] == "false-positive" and len(listed) == len(two_runs["f2"])

    assert zwgk("unmark", "--db", db, "--problem", pid, timeout=60).returncode == 0
    zwgk("report", "--config", config, "--db", db, "--run", "2", "--out", str(tmp / "out4"), timeout=120)
    assert pid in table_rows(tmp / "out4" / "units" / f"{unit}.html", "findings")


def test_mark_unknown_problem_is_a_one_line_error(two_runs):
    proc = zwgk("mark", "--db", str(two_runs["tmp"] / "zwgk.db"), "--problem", "ZW0000000000",
                "--status", "explained", "--reason", "x", timeout=60)
    assert proc.returncode != 0 and "问题编号不存在" in proc.stderr and "Traceback" not in proc.stderr


def test_gate_thresholds():
    found = [{"severity": "deduct"}, {"severity": "advice"}]
    assert gate(found, None) == 0
    assert gate(found, "veto") == 0
    assert gate(found, "deduct") == 1
    assert gate([{"severity": "advice"}], "deduct") == 0
    assert gate([{"severity": "veto"}], "veto") == 1
