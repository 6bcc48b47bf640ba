import json

import sqlite_utils

from checks.rule import DOC_TEXTS, Records
from checks.runner import StoredRecords
from crawler.store import ensure_schema

PAGES = [{"url": f"http://x/{i}.html", "final_url": f"http://x/{i}.html", "status": 200, "unit": "u1" if i % 2 else "",
          "title": f"页面{i}", "page_type": "list" if i == 0 else ("guide" if i == 1 else "normative_doc"), "error": ""}
         for i in range(6)]
LINKS = [{"from_url": "http://x/0.html", "to_url": f"http://x/{i}.html", "text": f"链接{i}", "kind": "a"} for i in (5, 1, 3)] + [
    {"from_url": "http://x/2.html", "to_url": "http://x/1.html", "text": "指南", "kind": "a"},
    {"from_url": "http://x/3.html", "to_url": "http://ext/a.pdf", "text": "附件", "kind": "a"}]
PROBES = [{"url": "http://ext/a.pdf", "outcome": "http_error", "status": 404, "final_url": "http://ext/a.pdf"}]


def documents():
    docs = []
    for p in PAGES:
        docs.append({"run_id": 1, "url": p["url"], "unit": p["unit"], "page_type": p["page_type"], "title": p["title"],
                     "validity": "有效", "body": f"正文{p['url']}", "text": "旧文本", "fields": "{}",
                     "items": json.dumps([{"title": "2023年度报告"}], ensure_ascii=False) if p["page_type"] == "list" else None,
                     "extras": json.dumps({"message": {"reply_date": "2024-01-01"}}) if p["url"].endswith("3.html") else None})
    return docs


def stored() -> StoredRecords:
    db = sqlite_utils.Database(memory=True)
    ensure_schema(db)
    db["pages"].insert_all([{"run_id": 1, **p} for p in reversed(PAGES)])
    db["links"].insert_all([{"run_id": 1, **link} for link in LINKS])
    db["probes"].insert_all([{"run_id": 1, **p} for p in PROBES])
    db["documents"].insert_all(documents())
    db["pages"].insert({"run_id": 2, **PAGES[0]})  # another run: never read
    return StoredRecords(db, 1)


def in_memory() -> Records:
    return Records(pages=PAGES, links=LINKS, probes=PROBES, documents=documents())


def test_stored_run_reads_what_the_lists_hold():
    db, mem = stored(), in_memory()
    assert sorted(p["url"] for p in db.pages) == sorted(p["url"] for p in mem.pages)
    assert [(link["from_url"], link["to_url"]) for link in db.links] == sorted(
        ((link["from_url"], link["to_url"]) for link in LINKS), key=lambda x: x[1])
    assert db.probes["http://ext/a.pdf"]["outcome"] == "http_error"
    assert [d["to_url"] for d in db.links_from["http://x/0.html"]] == [link["to_url"] for link in db.links
                                                                    if link["from_url"] == "http://x/0.html"]


def test_light_rows_leave_out_the_long_texts():
    db = stored()
    assert len(db.doc_meta) == 6 and not any(set(DOC_TEXTS) & set(d) for d in db.doc_meta)
    assert [d["page_type"] for d in db.doc_meta] == sorted(d["page_type"] for d in db.doc_meta)
    assert db.meta_by_url["http://x/1.html"]["page_type"] == "guide"
    assert [d["url"] for d in db.meta_of_type("normative_doc")] == [f"http://x/{i}.html" for i in (2, 3, 4, 5)]  # stored order


def test_streams_and_added_columns_agree_with_full_rows():
    for records in (stored(), in_memory()):
        full = {d["url"]: d for d in records.documents_of_type("normative_doc")}
        streamed = list(records.iter_documents("normative_doc", columns=("body",)))
        assert [d["url"] for d in streamed] == [d["url"] for d in records.meta_of_type("normative_doc")]
        assert all(d["body"] == full[d["url"]]["body"] and "extras" not in d for d in streamed)
        assert [d["url"] for d in records.iter_documents(columns=("extras",), contains={"extras": '"message"'})] == [
            "http://x/3.html"]
        assert [d["url"] for d in records.iter_documents(contains={"items": ("年", "\\u")})] == ["http://x/0.html"]
        added = list(records.with_columns(records.meta_of_type("guide"), "text", "body"))
        assert added[0]["text"] == "旧文本" and added[0]["body"] == "正文http://x/1.html" and "items" not in added[0]


def test_full_rows_load_on_first_use_and_shared_results_once():
    db = stored()
    assert db._documents is None
    assert db.documents_of_type("guide")[0]["body"] == "正文http://x/1.html"
    assert db._documents is None  # a few rows: read for the rule that asked, not the whole run
    assert db.doc_by_url["http://x/2.html"]["fields"] == "{}" and len(db.documents) == 6
    calls = []
    assert db.memo(lambda r: calls.append(1) or len(r.links)) == 5
    build = lambda r, k: calls.append(k) or k * 2  # noqa: E731
    assert db.memo(build, 3) == db.memo(build, 3) == 6 and calls == [1, 3]
