"""Helpers over stored document records shared by the content rules: the new extraction
columns (items, body, extras), text normalisation, document names, 文号 and dates."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from functools import lru_cache
from typing import Any, Iterator

from crawler.extract.dates import _FULLWIDTH, find_dates, normalise_digits, parse_date

_QUOTES = re.compile(r"[“”\"'‘’「」『』]")
BOOK = re.compile(r"《([^《》]{2,120})》")
CN_NUM = "〇○零一二三四五六七八九十两"


def book(title: str | None) -> str:
    """A title to print inside 《》: its own 《》 become 〈〉, as Chinese nesting requires."""
    return (title or "").strip().replace("《", "〈").replace("》", "〉")


# = normalise_digits (str.translate looks every character up in a dict: the slowest step of
# the checks over 100,000 pages); the few full-width characters replaced one by one instead
_WIDE = [(chr(c), normalise_digits(chr(c))) for c in _FULLWIDTH]
_ANY_WIDE = re.compile("[" + "".join(re.escape(w) for w, _ in _WIDE) + "]")


def _narrow(text: str) -> str:
    """``normalise_digits(text)``, with \\ufeff (which is no whitespace to ``str.split()``) a space."""
    if _ANY_WIDE.search(text):
        for wide, narrow in _WIDE:
            if wide in text:
                text = text.replace(wide, narrow)
    return text.replace("\ufeff", " ") if "\ufeff" in text else text


def nospace(text: str | None) -> str:
    """The text without whitespace (\\s, \\u00a0, \\u2002, \\u2003, \\u2009, \\u3000, \\ufeff) and with
    full-width digits made ASCII. ``str.split()`` cuts at exactly the characters \\s matches
    (``str.isspace``): two to five times faster than a regex substitution."""
    return "".join(_narrow(text or "").split())


class PerValue(dict):
    """``fn(value)`` computed once per distinct value (``cache[value]``): link texts, list-row
    titles and dates repeat across a run's pages."""

    def __init__(self, fn) -> None:
        super().__init__()
        self.fn = fn

    def __missing__(self, value):
        self[value] = out = self.fn(value)
        return out


def nospace_lines(text: str | None) -> str:
    """``"\\n".join(nospace(line) for line in text.splitlines())``, faster: the cheap way to
    test all the lines of a page at once."""
    return "\n".join(["".join(line.split()) for line in _narrow(text or "").splitlines()])


def stored_json(doc: dict, key: str, kind: type) -> Any:
    """A JSON column of a document row as ``kind`` (dict or list); empty when absent or unreadable."""
    raw = doc.get(key)
    if not raw:
        return kind()
    try:
        value = json.loads(raw)
    except (TypeError, ValueError):
        return kind()
    return value if isinstance(value, kind) else kind()


def extras(doc: dict) -> dict[str, Any]:
    return stored_json(doc, "extras", dict)


def items(doc: dict) -> list[dict]:
    return stored_json(doc, "items", list)


def body(doc: dict) -> str:
    """The page's own text, one line per block; the older ``text`` column when absent."""
    return doc.get("body") or doc.get("text") or ""


def labels(doc: dict) -> dict[str, str]:
    return extras(doc).get("labels") or {}


def iso(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        parsed = parse_date(value)
        return date.fromisoformat(parsed) if parsed else None


def norm_title(text: str | None) -> str:
    return _QUOTES.sub("", nospace(text).replace("〈", "《").replace("〉", "》"))


def names_of(title: str | None) -> set[str]:
    """What a document can be called by: its whole title and every name in 《》 (nested too)."""
    title = norm_title(title)
    for marker in ("【已失效】", "【已废止】", "（已失效）", "（已废止）", "【失效】", "【废止】"):
        title = title.replace(marker, "")
    names = {title} if title else set()
    names.update(BOOK.findall(title))
    if title.count("《") > 1:
        inner = title.replace("《", "", 1)[::-1].replace("》", "", 1)[::-1]
        names.update(BOOK.findall(inner))
    return {n for n in names if len(n) >= 4}


# ---------------------------------------------------------------- 文号

_BRACKETS = str.maketrans({"[": "〔", "［": "〔", "(": "〔", "（": "〔", "【": "〔", "﹝": "〔",
                           "]": "〕", "］": "〕", ")": "〕", "）": "〕", "】": "〕", "﹞": "〕", "號": "号"})
DOCNO = re.compile(r"([\u4e00-\u9fffA-Za-z]{1,20})\s*〔\s*((?:19|20)\d{2})\s*〕\s*第?\s*(\d{1,5})\s*号")


def docno_key(value: str | None) -> str | None:
    """A 文号 normalised for joining: 莱政发[2013]6号 and 莱政发〔2013〕6号 give the same key."""
    m = DOCNO.search(nospace(value).translate(_BRACKETS))
    return f"{m.group(1)}〔{m.group(2)}〕{int(m.group(3))}号" if m else None


def docnos_in(text: str) -> set[str]:
    return {f"{m.group(1)}〔{m.group(2)}〕{int(m.group(3))}号"
            for m in DOCNO.finditer(nospace(text).translate(_BRACKETS))}


# ---------------------------------------------------------------- numbers and dates

def cn_int(token: str) -> int | None:
    """Arabic or Chinese numerals up to 99: 5, 五, 十, 十二, 二十."""
    token = normalise_digits(token)
    if token.isdigit():
        return int(token)
    digits = {c: i for i, c in enumerate("〇一二三四五六七八九")}
    digits.update({"○": 0, "零": 0, "两": 2})
    if "十" in token:
        head, _, tail = token.partition("十")
        tens = digits.get(head) if head else 1
        ones = digits.get(tail) if tail else 0
        return None if tens is None or ones is None else tens * 10 + ones
    return digits.get(token) if len(token) == 1 else None


def dates_in(text: str) -> list[date]:
    return [d for _, d in find_dates(text)]


def first_date(text: str) -> date | None:
    found = find_dates(text)
    return found[0][1] if found else None


@lru_cache(maxsize=1)
def calendar():
    from reports.workdays import default_calendar
    return default_calendar()


def working_days_after(start: date, end: date) -> int:
    """Working days after ``start`` up to and including ``end`` (0 when end <= start)."""
    cal = calendar()
    count, day = 0, start
    while day < end:
        day += timedelta(days=1)
        if cal.is_working_day(day):
            count += 1
    return count


def deadline(start: date, working_days: int) -> date:
    from reports.workdays import add_working_days
    return add_working_days(start, working_days, calendar())


def with_body(records, *types: str) -> Iterator[dict]:
    """The documents (of ``types``, or all) in stored order, with what ``body`` reads: their
    ``body``, and ``text`` only for those whose ``body`` is empty — not both long texts of
    every page."""
    batch: list[dict] = []
    for doc in records.iter_documents(*types, columns=("body",)):
        batch.append(doc)
        if len(batch) == 500:
            yield from _fill_text(records, batch)
            batch = []
    yield from _fill_text(records, batch)


def _fill_text(records, batch: list[dict]) -> Iterator[dict]:
    filled = records.with_columns([d for d in batch if not d.get("body")], "text")
    for doc in batch:
        yield doc if doc.get("body") else next(filled)


def bodies_of_type(records, *types: str) -> list[dict]:
    """The documents of ``types`` — a few per unit, such as guides — with what ``body`` reads
    (``with_body``), in stored order; read once per run for the rules that ask. Shared rows:
    do not change them."""
    return records.memo(_bodies_of_type, *types)


def _bodies_of_type(records, *types: str) -> list[dict]:
    return list(with_body(records, *types))
