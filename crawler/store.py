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


def body_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def put_body(db: sqlite_utils.Database, data: bytes) -> str:
    """Keep the raw bytes (compressed, deduplicated) so checks can be re-run without re-crawling."""
    digest = body_hash(data)
    db.execute("INSERT OR IGNORE INTO bodies(hash, data) VALUES (?, ?)", [digest, zlib.compress(data, 6)])
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
