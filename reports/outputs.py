"""Which files a report run writes, and their names: one place, so links never drift.

Offices use Word for the 通报, Excel for 问题清单/台账, PDF for the archive; the HTML is
always written (the PDF is printed from it).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

FORMATS = ("html", "pdf", "docx", "xlsx")
LEDGER = "整改台账.xlsx"


class FormatError(ValueError):
    """``[report] formats`` names a format this tool cannot write."""


def formats_of(config: Any) -> tuple[str, ...]:
    wanted = list((config.report or {}).get("formats") or ["html"])
    unknown = [f for f in wanted if f not in FORMATS]
    if unknown:
        raise FormatError(f"键 `report.formats` 含未知格式 {unknown}，可选 {list(FORMATS)}")
    return tuple(f for f in FORMATS if f == "html" or f in wanted)


def feedback_name(stem: str) -> str:
    return f"{stem}-整改反馈表.xlsx"


def output_names(stem: str, formats: tuple[str, ...], summary: bool) -> list[dict[str, str]]:
    """Download links shown on screen above a report (relative to that report)."""
    links = []
    if "pdf" in formats:
        links.append({"label": "PDF版", "href": quote(f"{stem}.pdf")})
    if "docx" in formats:
        links.append({"label": "Word版", "href": quote(f"{stem}.docx")})
    if "xlsx" in formats:
        name = LEDGER if summary else feedback_name(stem)
        links.append({"label": "整改台账（Excel）" if summary else "整改反馈表（Excel）", "href": quote(name)})
    return links
