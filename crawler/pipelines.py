"""Store what the spider yields: one short transaction per batch, so a killed crawl leaves
a consistent database holding everything up to the last batch."""

from __future__ import annotations

import json
import time

from .store import open_db, put_body

BATCH_ITEMS = 200
BATCH_SECONDS = 2.0
_TABLES = {"page": "pages", "link": "links", "probe": "probes", "document": "documents", "frontier": "frontier"}


class StorePipeline:
    def __init__(self, db_path: str) -> None:
        self.db_path = db_path
        self.buffer: list[dict] = []
        self.statements: dict[tuple, str] = {}
        self.last_flush = time.monotonic()

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.settings.get("ZWGK_DB"))

    def open_spider(self, spider=None) -> None:
        self.db = open_db(self.db_path)

    def process_item(self, item, spider=None):
        if item.get("_type") == "batch":  # every record of one response (crawler.resume): one transaction
            self.buffer.extend(item["items"])
        else:
            self.buffer.append(item)
        if len(self.buffer) >= BATCH_ITEMS or time.monotonic() - self.last_flush > BATCH_SECONDS:
            self.flush()
        return item

    def flush(self) -> None:
        if not self.buffer:
            return
        grouped: dict[str, list[dict]] = {}
        with self.db.conn:
            for item in self.buffer:
                record = {k: v for k, v in item.items() if not k.startswith("_")}
                if item["_type"] == "page" and item.get("_body") is not None:
                    put_body(self.db, item["_body"], item.get("content_hash"), item.get("_packed"))
                grouped.setdefault(_TABLES[item["_type"]], []).append(record)
            for table, records in grouped.items():
                self._upsert(table, records)
        self.buffer.clear()
        self.last_flush = time.monotonic()

    def _upsert(self, table: str, records: list[dict]) -> None:
        """sqlite-utils' ``upsert_all`` semantics (a later record of the same key wins, e.g. a GET
        probe after its HEAD; columns a record lacks keep their value) as one prepared
        statement per shape: on the crawl's hot path, sqlite-utils' per-value work showed."""
        by_shape: dict[tuple[str, ...], list[tuple]] = {}
        for record in records:
            by_shape.setdefault(tuple(record), []).append(tuple(
                json.dumps(v, default=repr, ensure_ascii=False) if isinstance(v, (dict, list, tuple)) else v
                for v in record.values()))
        for columns, rows in by_shape.items():
            self.db.conn.executemany(self._statement(table, columns), rows)

    def _statement(self, table: str, columns: tuple[str, ...]) -> str:
        key = (table, columns)
        if key not in self.statements:
            pks = self.db[table].pks
            updates = [c for c in columns if c not in pks]
            names = ", ".join(f"[{c}]" for c in columns)
            action = ("DO UPDATE SET " + ", ".join(f"[{c}] = excluded.[{c}]" for c in updates)) if updates else "DO NOTHING"
            self.statements[key] = (f"INSERT INTO [{table}] ({names}) VALUES ({', '.join('?' * len(columns))}) "
                                    f"ON CONFLICT ({', '.join(f'[{k}]' for k in pks)}) {action}")
        return self.statements[key]

    def close_spider(self, spider=None) -> None:
        self.flush()
        self.db.close()
