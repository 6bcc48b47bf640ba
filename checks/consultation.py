"""Shared by the 意见征集 rules: which pages are consultations, their period and subject."""

from __future__ import annotations

import re
from bisect import bisect_right
from datetime import date
from typing import Iterator

from .rule import Records
from .text import BOOK, body, first_date, iso, items, nospace, norm_title

CONSULT = re.compile(r"征求.{0,24}意见|意见征集|征集.{0,8}意见|公开征求|征求意见稿")
FEEDBACK = re.compile(r"采纳|反馈|结果|情况说明|回复|答复|汇总")
FEEDBACK_TITLE = re.compile(r"意见.{0,6}(采纳|反馈|收集|汇总|处理)情况|采纳情况|意见反馈|征求意见.{0,8}(情况|结果)|"
                            r"征集.{0,6}(情况|结果)|意见.{0,4}回复")
DATE = r"((?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2})"
END = r"((?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}\s*月\s*\d{1,2}\s*日)"
RANGE = re.compile(r"(?:自|从)?" + DATE + r"(?:\d{1,2}[:：]\d{2})?(?:起)?(?:至|到|—|－|-|~|～)" + END)
DEADLINE = re.compile(r"(?:截止(?:时间|日期)?|截至|反馈(?:截止)?(?:时间|日期)?)(?:为|是|[:：])?" + DATE + r"|" + DATE
                      + r"(?:\d{1,2}[:：]\d{2})?(?:前|之前|以前|截止)")
SUBJECT_STRIP = re.compile(r"[（(](征求意见稿|草案|送审稿|修订稿|讨论稿|征求意见)[）)]")
SHORTENED = re.compile(r"紧急|缩短")


def is_consultation(doc: dict) -> bool:
    title = nospace(doc.get("title"))
    return bool(CONSULT.search(title)) and not FEEDBACK.search(title) and doc["page_type"] not in (
        "list", "column_index", "interpretation", "annual_report", "guide")


def subject(title: str | None) -> str | None:
    """The draft's name: 《…》 without （征求意见稿）, else the title without the consultation words."""
    t = SUBJECT_STRIP.sub("", norm_title(title))
    names = [n for n in BOOK.findall(t) if len(n) >= 4]
    if names:
        return max(names, key=len)
    core = re.sub(r"^关于|(公开)?征求|征集|的?(意见|建议)|的?(公告|通知|函|公示)$", "", t)
    return core if len(core) >= 6 else None


def _end_date(start: date, token: str) -> date | None:
    full = first_date(token)
    if full:
        return full
    m = re.match(r"(\d{1,2})\s*月\s*(\d{1,2})\s*日", token)
    if not m:
        return None
    try:
        end = date(start.year, int(m.group(1)), int(m.group(2)))
    except ValueError:
        return None
    return end if end >= start else end.replace(year=start.year + 1)


def period(doc: dict) -> tuple[date, date, str] | None:
    """(first day, last day, the sentence) of the consultation, from its text."""
    published = iso(doc.get("published_date"))
    for sentence in re.split(r"[。；;\n]", nospace(body(doc))):
        if not re.search(r"意见|建议|征求|征集|反馈", sentence):
            continue
        if m := RANGE.search(sentence):
            start = first_date(m.group(1))
            end = _end_date(start, m.group(2)) if start else None
            if start and end and end >= start:
                return start, end, sentence[:120]
        if published and (m := DEADLINE.search(sentence)):
            end = first_date(m.group(1) or m.group(2))
            if end and end >= published:
                return published, end, sentence[:120]
    return None


def consultations(records: Records) -> Iterator[dict]:
    """The consultation pages of the run, in stored order, with their text (``body``)."""
    return records.with_columns([d for d in records.doc_meta if is_consultation(d)], "body", "text")


def feedback_seen(records: Records, consultation: dict, name: str) -> str | None:
    """Where the feedback on a consultation is published, anywhere on the site the crawl saw
    (a 司法局 or the 本级 column may publish it for the drafting unit)."""
    key = nospace(name)
    for link in records.links_from.get(consultation["url"], ()):
        if FEEDBACK_TITLE.search(nospace(link.get("text"))):
            return link["to_url"]
    index = records.memo(_FeedbackIndex)
    for k in index.candidates(key):  # the documents in stored order: the first that shows it
        doc, title = index.docs[k], index.titles[k]
        if doc["url"] == consultation["url"]:
            continue
        if key in title and FEEDBACK_TITLE.search(title):
            return doc["url"]
        if key in title and not is_consultation(doc) and re.search(
                r"采纳|征求意见情况|意见反馈", nospace(body(next(records.with_columns([doc], "body", "text"))))):
            return doc["url"]  # the final document or its 起草说明 reports the adoption
        for t, url in index.items.get(doc["url"], ()):
            if key in t:
                return url
    text = nospace(body(consultation))
    if re.search(r"意见(采纳|反馈|收集)情况|采纳情况", text):
        return consultation["url"]
    return None


class _FeedbackIndex:
    """Every document's title as ``feedback_seen`` compares it, and the list rows that are
    feedback titles (``FEEDBACK_TITLE``), built once per run."""

    def __init__(self, records: Records) -> None:
        self.docs = records.doc_meta
        self.titles = [SUBJECT_STRIP.sub("", norm_title(d.get("title"))) for d in self.docs]
        self.joined = "\x00".join(self.titles)
        self.starts, at = [], 0
        for title in self.titles:
            self.starts.append(at)
            at += len(title) + 1
        self.position = {d["url"]: k for k, d in enumerate(self.docs)}
        self.items: dict[str, list[tuple[str, str | None]]] = {}
        # every FEEDBACK_TITLE alternative holds 意, 采 or 征 (or the JSON escapes them)
        for doc in records.iter_documents(columns=("items",), contains={"items": ("意", "采", "征", "\\u")}):
            for item in items(doc):
                t = SUBJECT_STRIP.sub("", norm_title(item.get("title")))
                if FEEDBACK_TITLE.search(t):
                    self.items.setdefault(doc["url"], []).append((t, item.get("url")))

    def candidates(self, key: str) -> list[int]:
        """Positions of the documents whose title or a feedback row contains ``key``."""
        if not key:
            return list(range(len(self.docs)))
        found = {self.position[url] for url, rows in self.items.items() if any(key in t for t, _ in rows)}
        pos = self.joined.find(key)
        while pos != -1:
            k = bisect_right(self.starts, pos) - 1
            found.add(k)
            nxt = self.starts[k + 1] if k + 1 < len(self.starts) else len(self.joined)
            pos = self.joined.find(key, nxt)
        return sorted(found)
