"""Chinese date forms to ISO: 2022年6月1日, 2022-06-01, 2022/6/1, 2022.6.1, 二〇二二年六月一日.

Government pages mix all of them (and full-width digits, and the letter O for 〇), so every
date a check compares goes through here.
"""

from __future__ import annotations

import re
from datetime import date

_FULLWIDTH = str.maketrans("０１２３４５６７８９／－．：", "0123456789/-.:")
_CN_DIGITS = {"〇": 0, "○": 0, "O": 0, "Ｏ": 0, "o": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4,
              "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "两": 2}
_CN = "〇○OＯo零一二三四五六七八九十两"

NUMERIC_DATE = re.compile(
    r"(?<!\d)((?:19|20)\d{2})\s*(?:年|-|/|\.)\s*(\d{1,2})\s*(?:月|-|/|\.)\s*(\d{1,2})(?!\d)\s*日?"
)
CN_DATE = re.compile(
    rf"([{_CN}0-9]{{4}})\s*年\s*([{_CN}0-9]{{1,3}})\s*月\s*([{_CN}0-9]{{1,3}})\s*日"
)
COMPACT_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})(\d{2})(\d{2})(?!\d)")


def normalise_digits(text: str) -> str:
    return text.translate(_FULLWIDTH)


def _cn_number(token: str) -> int | None:
    """Chinese numerals up to 99 (十, 十二, 二十, 二十三) or plain digits."""
    if token.isdigit():
        return int(token)
    if "十" in token:
        head, _, tail = token.partition("十")
        tens = _CN_DIGITS.get(head, None) if head else 1
        ones = _CN_DIGITS.get(tail, None) if tail else 0
        if tens is None or ones is None:
            return None
        return tens * 10 + ones
    value = 0
    for ch in token:
        if ch.isdigit():
            value = value * 10 + int(ch)
        elif ch in _CN_DIGITS:
            value = value * 10 + _CN_DIGITS[ch]
        else:
            return None
    return value


def _valid(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def find_dates(text: str) -> list[tuple[int, date]]:
    """All dates in the text with their positions, in order of appearance."""
    text = normalise_digits(text or "")
    found: list[tuple[int, date]] = []
    for m in NUMERIC_DATE.finditer(text):
        d = _valid(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if d:
            found.append((m.start(), d))
    for m in CN_DATE.finditer(text):
        if any(ch.isdigit() for ch in m.group(1)) and all(ch.isdigit() for ch in m.group(1) + m.group(2) + m.group(3)):
            continue  # already taken by NUMERIC_DATE
        y, mo, dd = (_cn_number(g) for g in m.groups())
        if None not in (y, mo, dd):
            d = _valid(y, mo, dd)  # type: ignore[arg-type]
            if d:
                found.append((m.start(), d))
    found.sort(key=lambda item: item[0])
    return found


def parse_date(text: str | None) -> str | None:
    """The first date in ``text`` as ``YYYY-MM-DD``, or None: never a guess."""
    if not text:
        return None
    dates = find_dates(text)
    if dates:
        return dates[0][1].isoformat()
    compact = COMPACT_DATE.search(normalise_digits(text))
    if compact and len(text.strip()) <= 10:
        d = _valid(*(int(g) for g in compact.groups()))
        return d.isoformat() if d else None
    return None
