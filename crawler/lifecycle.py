"""Finding lifecycle across runs: first seen, last seen, fixed, and reviews by a person.

A problem id (``Finding.problem_id``) is stable across runs, so the history of a problem is
the set of checked runs of its site whose findings carry that id. ``record`` keeps the
``problems`` table (one row per site and problem id) in step with that history after every
check; a problem that a later run no longer sees becomes ``fixed`` without anyone saying so.
``history`` answers the same questions relative to any one run, for its reports.

A person may mark a problem as 人工核查不属实 (``false-positive``) or 已作情况说明
(``explained``, e.g. a column legitimately empty): the mark and its reason stay in the DB,
the report leaves the problem out of its counts and lists it in an appendix instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .store import rows, utcnow

REVIEW_STATUSES = {"false-positive": "人工核查不属实", "explained": "已作情况说明"}


class LifecycleError(Exception):
    """A user error (unknown problem id, bad status); the message is printed as is."""


def _checked_runs(db, site_id: str, upto: int | None = None) -> list[dict[str, Any]]:
    sql = "SELECT id, started_at, finished_at, checked_at FROM runs WHERE site_id = ? AND checked_at IS NOT NULL"
    params: list[Any] = [site_id]
    if upto is not None:
        sql += " AND id <= ?"
        params.append(upto)
    return rows(db, sql + " ORDER BY id", params)


def _run_time(run: dict[str, Any]) -> str:
    """When a run saw the site: the end of data collection (its cut-off)."""
    return run.get("finished_at") or run.get("started_at") or run.get("checked_at") or ""


def _site_of(db, run_id: int) -> str:
    found = rows(db, "SELECT site_id FROM runs WHERE id = ?", [run_id])
    if not found:
        raise LookupError(f"运行记录不存在 (run {run_id} not found)")
    return found[0]["site_id"] or ""


@dataclass
class History:
    """The lifecycle of every problem relative to one run (``run_id``)."""

    run_id: int
    previous_run: dict[str, Any] | None
    first_seen: dict[str, str] = field(default_factory=dict)       # problem id -> run time
    first_run: dict[str, int] = field(default_factory=dict)
    streak: dict[str, int] = field(default_factory=dict)            # consecutive runs up to run_id
    previous: dict[str, dict[str, Any]] = field(default_factory=dict)  # findings of the previous run
    last_seen: dict[str, str] = field(default_factory=dict)         # before run_id, for fixed ones
    reviews: dict[str, dict[str, Any]] = field(default_factory=dict)  # problem id -> problems row


def history(db, run_id: int) -> History:
    """First seen, streak and the previous run's findings for the problems of ``run_id``."""
    site_id = _site_of(db, run_id)
    runs = _checked_runs(db, site_id, run_id)
    ids = [r["id"] for r in runs]
    if run_id not in ids:  # a report of a run whose checks have not been recorded yet
        runs.append(rows(db, "SELECT id, started_at, finished_at, checked_at FROM runs WHERE id = ?", [run_id])[0])
        runs.sort(key=lambda r: r["id"])
        ids = [r["id"] for r in runs]
    when = {r["id"]: _run_time(r) for r in runs}
    seen: dict[str, set[int]] = {}
    if ids:
        marks = ",".join("?" * len(ids))
        for r in rows(db, f"SELECT DISTINCT problem_id, run_id FROM findings WHERE run_id IN ({marks})", ids):
            seen.setdefault(r["problem_id"], set()).add(r["run_id"])
    position = {rid: i for i, rid in enumerate(ids)}
    prev_id = ids[position[run_id] - 1] if position[run_id] > 0 else None
    result = History(run_id=run_id, previous_run=next((r for r in runs if r["id"] == prev_id), None))
    for pid, in_runs in seen.items():
        first = min(in_runs)
        result.first_run[pid] = first
        result.first_seen[pid] = when.get(first, "")
        earlier = [rid for rid in in_runs if rid < run_id]
        if earlier:
            result.last_seen[pid] = when.get(max(earlier), "")
        if run_id in in_runs:
            n, i = 0, position[run_id]
            while i >= 0 and ids[i] in in_runs:
                n, i = n + 1, i - 1
            result.streak[pid] = n
    if prev_id is not None:
        for f in rows(db, "SELECT * FROM findings WHERE run_id = ? ORDER BY id", [prev_id]):
            result.previous.setdefault(f["problem_id"], f)
    result.reviews = reviews(db, site_id)
    return result


def reviews(db, site_id: str) -> dict[str, dict[str, Any]]:
    """Problems of a site that a person marked, by problem id."""
    return {r["problem_id"]: r for r in rows(
        db, "SELECT * FROM problems WHERE site_id = ? AND review IS NOT NULL AND review != ''", [site_id])}


def record(db, site_id: str) -> int:
    """Bring the ``problems`` rows of a site in line with its checked runs; returns how many.

    Recomputed from the findings history, so re-running the checks of any run keeps it right;
    the review columns a person set are kept.
    """
    runs = _checked_runs(db, site_id)
    if not runs:
        return 0
    ids = [r["id"] for r in runs]
    when = {r["id"]: _run_time(r) for r in runs}
    latest = ids[-1]
    seen: dict[str, dict[str, Any]] = {}
    marks = ",".join("?" * len(ids))
    for f in rows(db, f"SELECT problem_id, run_id, rule, unit, url, target FROM findings "
                      f"WHERE run_id IN ({marks}) ORDER BY run_id, id", ids):
        entry = seen.setdefault(f["problem_id"], {"runs": set(), "row": f})
        entry["runs"].add(f["run_id"])
        entry["row"] = f
    existing = {r["problem_id"]: r for r in rows(db, "SELECT * FROM problems WHERE site_id = ?", [site_id])}
    out = []
    for pid, entry in seen.items():
        in_runs, f = entry["runs"], entry["row"]
        first, last = min(in_runs), max(in_runs)
        streak, i = 0, ids.index(last)
        while i >= 0 and ids[i] in in_runs:
            streak, i = streak + 1, i - 1
        fixed_run = ids[ids.index(last) + 1] if last != latest else None
        old = existing.get(pid, {})
        out.append({
            "site_id": site_id, "problem_id": pid, "rule": f["rule"], "unit": f["unit"] or "",
            "url": f["url"], "target": f["target"], "first_run_id": first, "first_seen": when[first],
            "last_run_id": last, "last_seen": when[last], "runs_seen": len(in_runs), "streak": streak,
            "status": "open" if fixed_run is None else "fixed", "fixed_run_id": fixed_run,
            "fixed_at": when[fixed_run] if fixed_run else None,
            "review": old.get("review") or "", "review_reason": old.get("review_reason") or "",
            "reviewed_at": old.get("reviewed_at") or "",
        })
    if out:
        columns = list(out[0])
        update = ", ".join(f"[{c}] = excluded.[{c}]" for c in columns if c not in ("site_id", "problem_id"))
        sql = (f"INSERT INTO problems ({', '.join(f'[{c}]' for c in columns)}) VALUES ({', '.join('?' * len(columns))}) "
               f"ON CONFLICT (site_id, problem_id) DO UPDATE SET {update}")
        with db.conn:  # = upsert_all, in one statement per row (sqlite-utils' per-chunk work took seconds)
            db.conn.executemany(sql, [tuple(r[c] for c in columns) for r in out])
    return len(out)


def _sites_of_problem(db, problem_id: str, site_id: str | None) -> list[str]:
    sql, params = "SELECT DISTINCT site_id FROM problems WHERE problem_id = ?", [problem_id]
    if site_id:
        sql, params = sql + " AND site_id = ?", params + [site_id]
    found = [r["site_id"] for r in rows(db, sql, params)]
    if found:
        return found
    sql = ("SELECT DISTINCT r.site_id FROM findings f JOIN runs r ON r.id = f.run_id "
           "WHERE f.problem_id = ? AND r.checked_at IS NOT NULL")
    params = [problem_id]
    if site_id:
        sql, params = sql + " AND r.site_id = ?", params + [site_id]
    sites = [r["site_id"] for r in rows(db, sql, params)]
    for site in sites:  # a DB written before the problems table existed
        record(db, site)
    return sites


def _set_review(db, problem_id: str, site_id: str | None, action: str, status: str, reason: str) -> list[str]:
    """Write a review (or its undoing) on every site that has the problem, and log it."""
    sites = _sites_of_problem(db, problem_id, site_id)
    if not sites:
        raise LifecycleError(f"问题编号不存在 (unknown problem id): {problem_id}")
    now = utcnow()
    with db.conn:
        for site in sites:
            db.execute("UPDATE problems SET review = ?, review_reason = ?, reviewed_at = ? "
                       "WHERE site_id = ? AND problem_id = ?",
                       [status, reason, now if action == "mark" else "", site, problem_id])
            db["review_log"].insert({"site_id": site, "problem_id": problem_id, "action": action,
                                     "status": status, "reason": reason, "at": now})
    return sites


def mark(db, problem_id: str, status: str, reason: str, site_id: str | None = None) -> list[str]:
    """Mark a problem as reviewed; returns the sites it was marked for."""
    if status not in REVIEW_STATUSES:
        raise LifecycleError(f"--status 应为 {' 或 '.join(REVIEW_STATUSES)} (got {status!r})")
    if not reason.strip():
        raise LifecycleError("请用 --reason 写明核查结论或情况说明 (reason required)")
    return _set_review(db, problem_id, site_id, "mark", status, reason.strip())


def unmark(db, problem_id: str, site_id: str | None = None) -> list[str]:
    """Undo a mark: the problem counts again in the next report."""
    return _set_review(db, problem_id, site_id, "unmark", "", "")
