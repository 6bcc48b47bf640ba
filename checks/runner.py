"""Load one run's records, call every enabled check, store the findings.

Re-running the checks over the same run replaces its findings, so a changed rule never
needs a re-crawl.
"""

from __future__ import annotations

import json
import re
import time
from datetime import datetime, timedelta, timezone
from functools import cached_property, lru_cache
from operator import itemgetter

from crawler.config import SiteConfig
from crawler.store import utcnow

from .registry import checks
from .rule import DOC_TEXTS, Context, Finding, Records

CHINA_TZ = timezone(timedelta(hours=8), "Asia/Shanghai")


PAGES_SQL = "SELECT url, final_url, status, unit, title, page_type, error FROM pages WHERE run_id = ?"
LINKS_SQL = "SELECT from_url, to_url, text, kind FROM links WHERE run_id = ?"
PROBES_SQL = "SELECT * FROM probes WHERE run_id = ?"
DOC_ORDER = " ORDER BY page_type, rowid"  # the order of the (run_id, page_type) index: stable
# Columns whose values repeat across rows (URLs, units, types, link texts): one str object each.
SHARED = {"url", "final_url", "from_url", "to_url", "text", "kind", "unit", "page_type", "error", "status",
          "outcome", "method", "content_type", "validity", "validity_label", "column_path", "issuer",
          "written_date", "published_date", "revised_date", "run_id"}
BATCH = 500
SMALL = 2000  # documents_of_type results up to this size are kept for the next rule that asks


def _dicts(cursor, strings: dict | None = None) -> list[dict]:
    """The rows of ``cursor`` as dicts; with ``strings``, equal values of the SHARED columns
    become one object (a URL on ten links is stored once, not ten times)."""
    names = tuple(c[0] for c in cursor.description)
    build = _builder(names, strings is not None)
    share = strings.setdefault if strings is not None else None
    out: list[dict] = []
    while chunk := cursor.fetchmany(20000):
        out.extend(build(chunk, share))
    return out


@lru_cache(maxsize=64)
def _builder(names: tuple[str, ...], shared: bool):
    """A function (rows, share) -> [dict …] for these columns, written out as one list
    comprehension with a dict display (twice as fast as dict(zip(…)) per row, sharing included)."""
    fields = ", ".join(f"{name!r}: " + (f"share(r[{i}], r[{i}])" if shared and name in SHARED else f"r[{i}]")
                       for i, name in enumerate(names))
    return eval(f"lambda rows, share: [{{{fields}}} for r in rows]")  # only repr()s of column names go in


def _in_order(conn, sql: str, run_id: int, key: str, strings: dict) -> list[dict]:
    """``_dicts`` of ``sql`` (``SELECT … FROM table WHERE run_id = ?``) in the order SQLite's
    index on (run_id, ``key``) gives them — the order the rules were written against — but
    read in table order: an index entry and then a table lookup for each row was the slowest
    part of loading a run of 100,000 pages."""
    head, table, tail = re.match(r"(SELECT .+ FROM )(\w+)( WHERE run_id = \?)$", sql).groups()
    lo, hi = conn.execute(f"SELECT min(rowid), max(rowid) FROM {table} WHERE run_id = ?", [run_id]).fetchone()
    rows = _dicts(conn.execute(f"{head}{table} NOT INDEXED{tail} AND rowid BETWEEN ? AND ?", [run_id, lo, hi]), strings)
    rows.sort(key=itemgetter(key))  # stable: rows with the same key stay in rowid order
    return rows


class StoredRecords(Records):
    """The records of one stored run (see ``Records``): pages, links, probes and the light
    document rows are read at once — a repeated URL or text is one shared string — and the
    long texts of documents only when a check streams them (``iter_documents``,
    ``with_columns``); ``documents`` loads full rows only for a rule that still asks for them."""

    def __init__(self, db, run_id: int) -> None:
        self.conn = db.conn
        self.run_id = run_id
        self._strings: dict = {}
        conn, params = self.conn, [run_id]
        super().__init__(pages=_dicts(conn.execute(PAGES_SQL, params), self._strings),
                         links=_in_order(conn, LINKS_SQL, run_id, "to_url", self._strings),
                         probes=_in_order(conn, PROBES_SQL, run_id, "url", self._strings), documents=[])
        self._documents = None
        columns = [row[1] for row in conn.execute("PRAGMA table_info(documents)")]
        self._light = [c for c in columns if c not in DOC_TEXTS]
        self._texts = [c for c in columns if c in DOC_TEXTS]
        self._small: dict[tuple[str, ...], list[dict]] = {}
        self.doc_meta  # read now, while the URLs of the pages can still be shared; then the table of strings goes

    @staticmethod
    def _names(columns) -> str:
        return ", ".join(f'"{c}"' for c in columns)

    @cached_property
    def doc_meta(self) -> list[dict]:
        if self._documents is not None:
            return super().doc_meta
        sql = f"SELECT {self._names(self._light)} FROM documents WHERE run_id = ?{DOC_ORDER}"
        rows = _dicts(self.conn.execute(sql, [self.run_id]), self._strings)
        self._strings = {}
        return rows

    def _load_documents(self, types: tuple[str, ...] = ()) -> list[dict]:
        return list(self.iter_documents(*types, columns=self._texts))

    def documents_of_type(self, *types: str) -> list[dict]:
        if self._documents is not None:
            return super().documents_of_type(*types)
        if not types:
            return []
        if len(self.meta_of_type(*types)) > SMALL:
            return self._load_documents(types)
        key = tuple(sorted(types))  # few rows (guides, 年报): kept, a rule may ask once per unit
        if key not in self._small:
            self._small[key] = self._load_documents(types)
        return list(self._small[key])

    def iter_documents(self, *types: str, columns=DOC_TEXTS, contains: dict[str, str] | None = None):
        if self._documents is not None:
            yield from super().iter_documents(*types, columns=columns, contains=contains)
            return
        wanted = set(columns)
        sql = f"SELECT {self._names(self._light + [c for c in self._texts if c in wanted])} FROM documents WHERE run_id = ?"
        params: list = [self.run_id]
        if types:
            sql += f" AND page_type IN ({', '.join('?' * len(types))})"
            params += types
        for column, texts in (contains or {}).items():
            texts = (texts,) if isinstance(texts, str) else tuple(texts)
            sql += " AND (" + " OR ".join(f'instr("{column}", ?) > 0' for _ in texts) + ")"
            params += texts
        cursor = self.conn.execute(sql + DOC_ORDER, params)
        build = _builder(tuple(c[0] for c in cursor.description), False)
        while chunk := cursor.fetchmany(1000):
            yield from build(chunk, None)

    def with_columns(self, rows, *columns: str):
        if self._documents is not None:
            yield from super().with_columns(rows, *columns)
            return
        batch: list[dict] = []
        for row in rows:
            batch.append(row)
            if len(batch) == BATCH:
                yield from self._fill(batch, columns)
                batch = []
        if batch:
            yield from self._fill(batch, columns)

    def _fill(self, batch: list[dict], columns: tuple[str, ...]):
        sql = (f"SELECT url, {self._names(columns)} FROM documents WHERE run_id = ? "
               f"AND url IN ({', '.join('?' * len(batch))})")
        found = {r[0]: r[1:] for r in self.conn.execute(sql, [self.run_id, *(r["url"] for r in batch)])}
        empty = (None,) * len(columns)
        for row in batch:
            yield {**row, **dict(zip(columns, found.get(row["url"], empty)))}


    def _load_uptime(self) -> list[dict]:
        if "uptime" not in {r[0] for r in self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}:
            return []
        sql = ("SELECT time, url, ok, status, elapsed_ms, error FROM uptime WHERE site_id = "
               "(SELECT site_id FROM runs WHERE id = ?) ORDER BY time, id")
        return _dicts(self.conn.execute(sql, [self.run_id]))


def load_records(db, run_id: int) -> Records:
    return StoredRecords(db, run_id)


def run_time(db, run_id: int) -> datetime:
    row = db.execute("SELECT started_at FROM runs WHERE id = ?", [run_id]).fetchone()
    started = datetime.fromisoformat(row[0]) if row and row[0] else datetime.now(timezone.utc)
    return started.astimezone(CHINA_TZ)


def context(site: SiteConfig, rule_id: str, now: datetime) -> Context:
    return Context(
        now=now, options=site.rule_options(rule_id), site_name=site.name,
        units={u.id: u.name for u in site.units}, unit_homes={u.id: u.home for u in site.units},
        unit_categories={u.id: u.category for u in site.units},
    )


def enabled_checks(site: SiteConfig) -> list:
    return [c for c in checks() if site.rule_enabled(c.rule.id)]


def evaluate(records: Records, site: SiteConfig, now: datetime,
             timings: dict[str, float] | None = None) -> list[Finding]:
    """Every enabled check over ``records``, in registry order; ``timings`` gets each rule's
    CPU seconds."""
    findings: list[Finding] = []
    for check in enabled_checks(site):
        started = time.process_time()
        findings.extend(check.run(records, context(site, check.rule.id, now)))
        if timings is not None:
            timings[check.rule.id] = round(time.process_time() - started, 3)
    return findings


def run_checks(db, site: SiteConfig, run_id: int, workers: int | None = None) -> list[Finding]:
    """Evaluate and store the findings of ``run_id``. A large run is evaluated by several
    worker processes (``checks.parallel``); ``workers`` overrides how many (1 = in this process)."""
    from .parallel import evaluate_run

    timings: dict[str, float] = {}
    findings = evaluate_run(db, site, run_id, run_time(db, run_id), timings, workers)
    severities = {c.rule.id: c.rule.severity for c in checks()}
    created = utcnow()
    seen: set[str] = set()
    rows = []
    for f in findings:
        problem_id = f.problem_id
        if problem_id in seen:
            continue
        seen.add(problem_id)
        rows.append((run_id, problem_id, f.rule, severities[f.rule], f.unit, f.url, f.target, f.message,
                     json.dumps(f.evidence, ensure_ascii=False, default=str), created))
    with db.conn:
        db.execute("DELETE FROM findings WHERE run_id = ?", [run_id])
        db.conn.executemany("INSERT INTO findings (run_id, problem_id, rule, severity, unit, url, target, message, "
                            "evidence, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        db["runs"].update(run_id, {"checked_at": created, "stats": with_timings(db, run_id, timings)})
    return findings


def with_timings(db, run_id: int, timings: dict[str, float]) -> str:
    """The run's stats with each rule's CPU seconds (``check_seconds``): where a slow check run
    went, and the order in which the next one hands rules to its workers."""
    row = db.execute("SELECT stats FROM runs WHERE id = ?", [run_id]).fetchone()
    try:
        stats = json.loads(row[0]) if row and row[0] else {}
    except ValueError:
        stats = {}
    stats["check_seconds"] = timings
    return json.dumps(stats, ensure_ascii=False, default=str)


def last_timings(db, site_id: str) -> dict[str, float]:
    for (stats,) in db.execute("SELECT stats FROM runs WHERE site_id = ? AND checked_at IS NOT NULL "
                               "ORDER BY id DESC LIMIT 5", [site_id]):
        try:
            found = json.loads(stats or "{}").get("check_seconds")
        except ValueError:
            continue
        if found:
            return found
    return {}
