"""Small wording helpers shared by the report builders: dates, counts, numbering, links.

Kept apart so that the per-unit and the summary builders phrase things the same way.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache
from typing import Iterable
from urllib.parse import urlsplit

try:
    from zoneinfo import ZoneInfo

    TZ = ZoneInfo("Asia/Shanghai")
except Exception:  # no tz database: Shanghai has had no DST since 1991
    TZ = timezone(timedelta(hours=8), "CST")

SEVERITIES = ("veto", "deduct", "advice")
SEVERITY_LABELS = {"veto": "单项否决", "deduct": "扣分", "advice": "提示"}
CN_NUM = "一二三四五六七八九十" + "".join(f"十{c}" for c in "一二三四五六七八九")
# Characters XML 1.0 cannot carry (control characters in crawled text): dropped from Word/Excel.
ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def to_local(value: str | datetime | None) -> datetime | None:
    """A stored timestamp (UTC when naive) in Asia/Shanghai time."""
    if not value:
        return None
    try:
        dt = value if isinstance(value, datetime) else datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=timezone.utc)
    return dt.astimezone(TZ)


def cn_date(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def cn_datetime(dt: datetime) -> str:
    return f"{cn_date(dt)} {dt:%H:%M}"


def cn_month(d: date) -> str:
    return f"{d.year}年{d.month}月"


@lru_cache(maxsize=4096)
def short_date(value: str | None) -> str:
    local = to_local(value)
    return local.date().isoformat() if local else ""


def safe_href(url: str | None) -> str | None:
    """Only http(s) URLs become links; anything else (javascript:, data:) stays text."""
    if not url:
        return None
    if url[:8].lower().startswith(("http://", "https://")):  # the usual case, without parsing
        return url
    return url if urlsplit(url.strip()).scheme.lower() in ("http", "https") else None


def join_counts(items: Iterable[tuple[str, int]], noun: str = "个") -> str:
    return "、".join(f"{name}{count}{noun}" for name, count in items)


def percent(part: int, whole: int) -> str:
    if not whole:
        return "0%"
    value = 100 * part / whole
    return f"{value:.0f}%" if value == int(value) else f"{value:.1f}%"


def quoted(names: Iterable[str], limit: int = 5) -> str:
    names = list(names)
    text = "".join(f"“{n}”" for n in names[:limit])
    return text + ("等" if len(names) > limit else "")


def numbered(paragraphs: list[str]) -> list[str]:
    return [f"（{CN_NUM[i]}）{p}" for i, p in enumerate(paragraphs)]


def severity_rank(severity: str) -> int:
    return SEVERITIES.index(severity) if severity in SEVERITIES else 9


def severity_counts(findings: list[dict]) -> dict[str, int]:
    counts = Counter(f["severity"] for f in findings)
    result = {s: counts.get(s, 0) for s in SEVERITIES}
    result["total"] = len(findings)
    return result


def severity_sentence(counts: dict[str, int]) -> str:
    parts = [(f"{SEVERITY_LABELS[s]}问题", counts[s]) for s in SEVERITIES if counts[s]]
    return f"共发现问题{counts['total']}个，其中" + join_counts(parts) + "。"


def streak_breakdown(streaks: Iterable[int]) -> str:
    """"连续3期未整改1个、连续2期未整改2个" for the problems seen two runs or more in a row."""
    counts = Counter(n for n in streaks if n >= 2)
    return "、".join(f"连续{n}期未整改{c}个" for n, c in sorted(counts.items(), reverse=True))
