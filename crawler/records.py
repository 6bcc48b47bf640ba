"""The stored shape of an extracted page, shared by the spider and the rule test harness."""

from __future__ import annotations

import json

from .extract.page import PageInfo

DOCUMENT_FIELDS = ("index_no", "issuer", "doc_number", "written_date", "published_date", "validity",
                   "revised_date")


def document_record(info: PageInfo, url: str, unit: str, run_id: int) -> dict:
    return {
        "run_id": run_id, "url": url, "unit": unit, "page_type": info.page_type, "title": info.title,
        **{k: info.fields.get(k) for k in DOCUMENT_FIELDS},
        "validity_label": info.labels.get("_validity_source", ""),
        "column_path": info.column_path,
        "fields": json.dumps(info.fields, ensure_ascii=False),
        "text": info.text[:20000],
        "items": json.dumps(info.items, ensure_ascii=False) if info.items else None,
        # a list page's own text matters only when it is short (an empty column's 情况说明)
        "body": (info.body[:2000] if info.page_type in ("list", "column_index") else info.body) or None,
        "extras": json.dumps(info.extras, ensure_ascii=False) if info.extras else None,
        # 年报 pages only: their tables as cell grids, for the 年报 table rules
        "tables": json.dumps(info.tables, ensure_ascii=False) if info.tables else None,
    }
