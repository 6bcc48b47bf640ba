"""Store what the spider yields: one short transaction per batch, so a killed crawl leaves
a consistent database holding everything up to the last batch."""

from __future__ import annotations

import time

from .store import open_db, put_body

BATCH_ITEMS = 200
BATCH_SECONDS = 2.0
_TABLES = {"page": "pages", "link": "links", "probe": "probes", "document": "documents", "frontier": "frontier"}


class StorePipeline:
    def __init__(self, db_path: str) -> None:
        self.db_path = db_path
        self.buffer: list[dict] = []
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
                    put_body(self.db, item["_body"])
                grouped.setdefault(_TABLES[item["_type"]], []).append(record)
            for table, records in grouped.items():
                # A later record of the same key wins (e.g. a GET probe after its HEAD).
                self.db[table].upsert_all(records, pk=self.db[table].pks, alter=False)
        self.buffer.clear()
        self.last_flush = time.monotonic()

    def close_spider(self, spider=None) -> None:
        self.flush()
        self.db.close()
