"""Copy runs from other databases into one: the results of many sites or many workers, one DB.

Each source run becomes a new run of the target (new id, same site, same times) with its
pages, links, probes, documents and findings, and the page bodies they point to. The site's
uptime visits (``zwgk uptime``, kept outside any run) come along, so ``zwgk check`` on the
merged database judges availability as it did on the source. Merging the same run twice is a
no-op (``merged_runs`` remembers site, start time and source run id; a visit already there,
same site, time and URL, is not added again), so a nightly merge may be repeated. The
lifecycle of problems (first seen, fixed …) is recomputed from the merged findings afterwards.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Iterable

from .store import UPTIME_COLUMNS, add_uptime_table, open_db, utcnow

RUN_TABLES = ("pages", "links", "probes", "documents", "findings")
SKIP_TABLES = {"frontier", "batch_runs", "runs"}


def _columns(db, schema: str, table: str) -> list[tuple[str, int]]:
    return [(r[1], r[5]) for r in db.execute(f"PRAGMA {schema}.table_info({table})").fetchall()]


def _run_tables(db) -> list[str]:
    """Tables keyed by run: the fixed ones, and any later one whose primary key holds run_id."""
    found = list(RUN_TABLES)
    for (name,) in db.execute("SELECT name FROM main.sqlite_master WHERE type = 'table'").fetchall():
        if name in found or name in SKIP_TABLES:
            continue
        cols = _columns(db, "main", name)
        if any(c == "run_id" and pk for c, pk in cols):
            found.append(name)
    return found


def _copy_uptime(db, site_id: str) -> None:
    """The site's uptime visits of the attached source not yet in the target."""
    if not db.execute("SELECT 1 FROM src.sqlite_master WHERE type = 'table' AND name = 'uptime'").fetchone():
        return
    add_uptime_table(db)
    shared = [c for c, _ in _columns(db, "src", "uptime") if c in UPTIME_COLUMNS and c != "id"]
    names = ", ".join(shared)
    with db.conn:
        db.conn.execute(f"INSERT INTO main.uptime ({names}) SELECT {names} FROM src.uptime AS s WHERE s.site_id = ? "
                        "AND NOT EXISTS (SELECT 1 FROM main.uptime AS m WHERE m.site_id = s.site_id "
                        "AND m.time = s.time AND m.url = s.url) ORDER BY s.id", [site_id])


def merge_runs(target: str | Path, sources: Iterable[tuple[str | Path, int]]) -> list[int]:
    """Merge (source db, run id) pairs into ``target``; returns the target run ids, in order."""
    db = open_db(target)
    merged: list[int] = []
    sites: set[str] = set()
    for src_path, run_id in sources:
        src_path = str(Path(src_path).resolve())
        db.conn.execute("ATTACH DATABASE ? AS src", [src_path])
        try:
            run = db.execute("SELECT * FROM src.runs WHERE id = ?", [run_id]).fetchone()
            if run is None:
                raise LookupError(f"{src_path}: 运行 #{run_id} 不存在 (no such run)")
            cols = [c[0] for c in db.execute("SELECT * FROM src.runs LIMIT 0").description]
            row = dict(zip(cols, run))
            key = f"{row['site_id']}|{row['started_at']}|{run_id}"
            _copy_uptime(db, row["site_id"])
            done = db.execute("SELECT target_run_id FROM merged_runs WHERE source = ?", [key]).fetchone()
            if done:
                merged.append(done[0])
                continue
            with db.conn:
                main_cols = {c for c, _ in _columns(db, "main", "runs")}
                keep = [c for c in cols if c != "id" and c in main_cols]
                cur = db.conn.execute(
                    f"INSERT INTO main.runs ({', '.join(keep)}) VALUES ({', '.join('?' for _ in keep)})",
                    [row[c] for c in keep])
                new_id = cur.lastrowid
                for table in _run_tables(db):
                    src_cols = {c for c, _ in _columns(db, "src", table)}
                    if "run_id" not in src_cols:
                        continue
                    main_info = _columns(db, "main", table)
                    pks = [c for c, pk in main_info if pk]
                    shared = [c for c, _ in main_info if c in src_cols and c != "run_id"
                              and not (pks == ["id"] and c == "id")]
                    names = ", ".join(shared + ["run_id"])
                    db.conn.execute(f"INSERT OR REPLACE INTO main.{table} ({names}) SELECT {', '.join(shared)}, ? "
                                    f"FROM src.{table} WHERE run_id = ?", [new_id, run_id])
                db.conn.execute("INSERT OR IGNORE INTO main.bodies (hash, data) SELECT hash, data FROM src.bodies "
                                "WHERE hash IN (SELECT content_hash FROM src.pages WHERE run_id = ?)", [run_id])
                db.conn.execute("INSERT INTO main.merged_runs (source, target_run_id, source_db, merged_at) "
                                "VALUES (?, ?, ?, ?)", [key, new_id, src_path, utcnow()])
            merged.append(new_id)
            sites.add(row["site_id"])
        finally:
            db.conn.execute("DETACH DATABASE src")
    if sites:
        try:
            from .lifecycle import record
        except ImportError:  # pragma: no cover - lifecycle is part of the project
            record = None
        if record is not None:
            for site_id in sorted(sites):
                record(db, site_id)
    db.close()
    return merged


def latest_run(db_path: str | Path, site_id: str) -> int | None:
    if not Path(db_path).exists():
        return None
    conn = sqlite3.connect(str(db_path), timeout=30)
    try:
        row = conn.execute("SELECT id FROM runs WHERE site_id = ? ORDER BY id DESC LIMIT 1", [site_id]).fetchone()
    except sqlite3.DatabaseError:
        return None
    finally:
        conn.close()
    return row[0] if row else None
