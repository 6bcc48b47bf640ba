"""The SQLite database: the only hand-off between crawl, check and report.

Observations (pages, bodies, links, probes, documents) are written by the crawler,
verdicts (findings) by the check runner, and the report reads both. WAL mode and one
transaction per write keep a killed run consistent.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable

import sqlite_utils

SCHEMA_VERSION = 1


def utcnow() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def open_db(path: str | Path) -> sqlite_utils.Database:
    db = sqlite_utils.Database(path)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    db.execute("PRAGMA busy_timeout=10000")
    ensure_schema(db)
    return db


def ensure_schema(db: sqlite_utils.Database) -> None:
    if "runs" in db.table_names():
        migrate(db)
        return
    with db.conn:
        db["runs"].create(
            {"id": int, "site_id": str, "site_name": str, "config_path": str, "started_at": str,
             "finished_at": str, "status": str, "stats": str, "checked_at": str, "error": str},
            pk="id",
        )
        db["pages"].create(
            {"run_id": int, "url": str, "final_url": str, "status": int, "content_type": str,
             "encoding": str, "title": str, "unit": str, "fetched_at": str, "content_hash": str,
             "size": int, "depth": int, "referer": str, "page_type": str, "error": str},
            pk=("run_id", "url"),
        )
        db["bodies"].create({"hash": str, "data": bytes}, pk="hash")
        db["links"].create(
            {"run_id": int, "from_url": str, "to_url": str, "text": str, "kind": str},
            pk=("run_id", "from_url", "to_url"),
        )
        db["probes"].create(
            {"run_id": int, "url": str, "outcome": str, "status": int, "final_url": str,
             "redirects": str, "method": str, "content_type": str, "title": str, "error": str,
             "checked_at": str, "elapsed_ms": int},
            pk=("run_id", "url"),
        )
        db["documents"].create(
            {"run_id": int, "url": str, "unit": str, "page_type": str, "title": str,
             "index_no": str, "issuer": str, "doc_number": str, "written_date": str,
             "published_date": str, "validity": str, "validity_label": str,
             "revised_date": str, "column_path": str, "fields": str, "text": str},
            pk=("run_id", "url"),
        )
        db["findings"].create(
            {"id": int, "run_id": int, "problem_id": str, "rule": str, "severity": str,
             "unit": str, "url": str, "target": str, "message": str, "evidence": str,
             "created_at": str},
            pk="id",
        )
        db["meta"].create({"key": str, "value": str}, pk="key")
        db["meta"].insert({"key": "schema_version", "value": str(SCHEMA_VERSION)})
        db["links"].create_index(["run_id", "to_url"])
        db["findings"].create_index(["run_id", "unit"])
        db["documents"].create_index(["run_id", "page_type"])
    migrate(db)


# Tables added after schema version 1; created on open, so an existing DB is upgraded in place.
LIFECYCLE_TABLES: dict[str, tuple[dict[str, type], tuple[str, ...]]] = {
    # One row per (site, problem id): first/last seen, fixed automatically, reviews by a person.
    "problems": ({"site_id": str, "problem_id": str, "rule": str, "unit": str, "url": str, "target": str,
                  "first_run_id": int, "first_seen": str, "last_run_id": int, "last_seen": str,
                  "runs_seen": int, "streak": int, "status": str, "fixed_run_id": int, "fixed_at": str,
                  "review": str, "review_reason": str, "reviewed_at": str}, ("site_id", "problem_id")),
    # Audit trail of every mark / unmark.
    "review_log": ({"id": int, "site_id": str, "problem_id": str, "action": str, "status": str,
                    "reason": str, "at": str}, ("id",)),
    # Screenshot evidence of a finding's page, captured once per (site, problem id).
    "evidence": ({"site_id": str, "problem_id": str, "run_id": int, "url": str, "target": str,
                  "captured_at": str, "status": int, "content_hash": str, "final_url": str,
                  "title": str, "path": str, "highlight": str, "error": str, "attempts": int},
                 ("site_id", "problem_id")),
}


def migrate(db: sqlite_utils.Database) -> None:
    """Create the tables and columns added since schema version 1 that an older DB lacks."""
    existing = set(db.table_names())
    with db.conn:
        for name, (columns, pk) in LIFECYCLE_TABLES.items():
            if name not in existing:
                db[name].create(columns, pk=pk[0] if len(pk) == 1 else pk)
            else:
                have = {c.name for c in db[name].columns}
                for col, kind in columns.items():
                    if col not in have:
                        db[name].add_column(col, kind)
    add_document_columns(db)
    migrate_scale(db)
    add_probe_columns(db)
    add_uptime_table(db)


# Columns of `documents` added after schema version 1 (list items, page text, extras JSON,
# the tables of 年报 pages as JSON cell grids).
DOCUMENT_COLUMNS: dict[str, type] = {"items": str, "body": str, "extras": str, "tables": str}


def add_document_columns(db: sqlite_utils.Database) -> None:
    if "documents" not in db.table_names():
        return
    have = {c.name for c in db["documents"].columns}
    with db.conn:
        for col, kind in DOCUMENT_COLUMNS.items():
            if col not in have:
                db["documents"].add_column(col, kind)


# Nightly runs at scale (incremental, resumable, multi-site, distributed): extra columns and tables.
SCALE_COLUMNS: dict[str, dict[str, type]] = {
    # validators for conditional requests; `reused_from`: the run whose record was carried over
    # (a 304 answer, an unchanged body, or a link checked recently enough)
    "pages": {"etag": str, "last_modified": str, "reused_from": int},
    "probes": {"reused_from": int},
    "runs": {"extract_fingerprint": str},  # code + settings that turn a body into rows (crawler.incremental)
}
SCALE_TABLES: dict[str, tuple[dict[str, type], tuple[str, ...]]] = {
    # every request a crawl has scheduled, until its run completes: what `--resume` continues
    "frontier": ({"run_id": int, "url": str, "request": str}, ("run_id", "url")),
    # one multi-site or distributed run, and the outcome for each of its sites
    "batches": ({"id": int, "mode": str, "started_at": str, "finished_at": str, "status": str, "sites": int},
                ("id",)),
    "batch_runs": ({"batch_id": int, "site_id": str, "run_id": int, "status": str, "pages": int,
                    "findings": int, "seconds": float, "errors": int, "error": str, "worker": str,
                    "db_path": str}, ("batch_id", "site_id")),
    # runs copied in from another database by `zwgk merge` (so a merge can be repeated safely)
    "merged_runs": ({"source": str, "target_run_id": int, "source_db": str, "merged_at": str}, ("source",)),
}


def migrate_scale(db: sqlite_utils.Database) -> None:
    existing = set(db.table_names())
    with db.conn:
        for table, columns in SCALE_COLUMNS.items():
            if table not in existing:
                continue
            have = {c.name for c in db[table].columns}
            for col, kind in columns.items():
                if col not in have:
                    db[table].add_column(col, kind)
        for name, (columns, pk) in SCALE_TABLES.items():
            if name not in existing:
                db[name].create(columns, pk=pk[0] if len(pk) == 1 else pk)
        if "pages" in existing or "pages" in db.table_names():
            db.execute("CREATE INDEX IF NOT EXISTS pages_run_referer ON pages(run_id, referer)")

# Columns of `probes` for the platform rules (crawler.extract.site_features.probe_facts): the
# length a target declared or sent, and what its body looked like (an attachment served as a page).
PROBE_COLUMNS: dict[str, type] = {"length": int, "body_type": str}


def add_probe_columns(db: sqlite_utils.Database) -> None:
    if "probes" not in db.table_names():
        return
    have = {c.name for c in db["probes"].columns}
    with db.conn:
        for col, kind in PROBE_COLUMNS.items():
            if col not in have:
                db["probes"].add_column(col, kind)


# The uptime prober (crawler.uptime, ``zwgk uptime``): one row per visit of a home page or column
# root, outside any run; ``time`` is UTC ISO, ``ok`` 1/0, ``error`` an outcome word of
# crawler.linkstatus ("" when ok). Read by the check site.unreachable (WEB-01).
UPTIME_COLUMNS: dict[str, type] = {"id": int, "site_id": str, "time": str, "url": str, "ok": int, "status": int,
                                   "elapsed_ms": int, "error": str}


def add_uptime_table(db: sqlite_utils.Database) -> None:
    if "uptime" in db.table_names():
        return
    with db.conn:
        db["uptime"].create(UPTIME_COLUMNS, pk="id")
        db["uptime"].create_index(["site_id", "time"])


def body_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def pack_body(data: bytes) -> bytes:
    """How a body is kept in the ``bodies`` table (``get_body`` reverses it)."""
    return zlib.compress(data, 6)


def put_body(db: sqlite_utils.Database, data: bytes, digest: str | None = None, packed: bytes | None = None) -> str:
    """Keep the raw bytes (compressed, deduplicated) so checks can be re-run without re-crawling.
    ``digest`` / ``packed``: the ``body_hash`` / ``pack_body`` of ``data`` when the caller has
    them already (an extraction worker computed them off the crawling process)."""
    digest = digest or body_hash(data)
    db.conn.execute("INSERT OR IGNORE INTO bodies(hash, data) VALUES (?, ?)",
                    [digest, packed if packed is not None else pack_body(data)])
    return digest


def get_body(db: sqlite_utils.Database, digest: str) -> bytes | None:
    row = db.execute("SELECT data FROM bodies WHERE hash = ?", [digest]).fetchone()
    return zlib.decompress(row[0]) if row else None


def start_run(db: sqlite_utils.Database, site_id: str, site_name: str, config_path: str) -> int:
    with db.conn:
        return db["runs"].insert(
            {"site_id": site_id, "site_name": site_name, "config_path": config_path,
             "started_at": utcnow(), "status": "running", "stats": "{}"}
        ).last_pk


def finish_run(db: sqlite_utils.Database, run_id: int, status: str, stats: dict[str, Any],
               error: str = "") -> None:
    with db.conn:
        db["runs"].update(run_id, {"finished_at": utcnow(), "status": status,
                                   "stats": json.dumps(stats, ensure_ascii=False, default=str),
                                   "error": error})


def latest_run_id(db: sqlite_utils.Database, site_id: str | None = None) -> int | None:
    sql = "SELECT id FROM runs"
    params: list[Any] = []
    if site_id:
        sql += " WHERE site_id = ?"
        params.append(site_id)
    row = db.execute(sql + " ORDER BY id DESC LIMIT 1", params).fetchone()
    return row[0] if row else None


def previous_run_id(db: sqlite_utils.Database, run_id: int, site_id: str) -> int | None:
    row = db.execute(
        "SELECT id FROM runs WHERE site_id = ? AND id < ? AND checked_at IS NOT NULL ORDER BY id DESC LIMIT 1",
        [site_id, run_id],
    ).fetchone()
    return row[0] if row else None


def rows(db: sqlite_utils.Database, sql: str, params: Iterable[Any] = ()) -> list[dict[str, Any]]:
    cur = db.execute(sql, list(params))
    cols = [c[0] for c in cur.description]
    return [dict(zip(cols, r)) for r in cur.fetchall()]
