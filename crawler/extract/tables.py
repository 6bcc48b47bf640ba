"""The data tables of a page as cell grids, merged cells (rowspan/colspan) spread out.

Collection only: a table is stored as what a reader sees — rows of cell texts, a merged
cell's text repeated in every slot it covers — plus the list of merged cells, so a check
can tell one merged cell from several equal ones. Nothing here knows what the table
means; the 年报 rules find their rows and columns by header text (``checks/annual_tables``).

Only leaf tables are kept (a layout table that holds other tables is not data). Rows
shorter than the table are padded with ``None`` (no cell there), which is not ``""`` (an
empty cell). Span values that are not numbers count as 1; huge spans are cut to the table.
"""

from __future__ import annotations

import re
from typing import Any

_SPACES = re.compile(r"[\s\u00a0\u2002\u2003\u2009\u200b\u3000\ufeff]+")
_DIGITS = re.compile(r"\d+")

MAX_TABLES = 20
MAX_ROWS = 300
MAX_COLS = 60
MAX_CELL = 200


def _tag(el) -> str:
    return el.tag.lower() if isinstance(el.tag, str) else ""


def _span(value: str | None, limit: int) -> int:
    """rowspan/colspan as a browser reads it: leading digits, at least 1, at most ``limit``;
    0 (“to the end”) covers the rest."""
    m = _DIGITS.match((value or "").strip())
    if not m:
        return 1
    n = int(m.group(0))
    if n == 0:
        return max(limit, 1)
    return max(1, min(n, limit))


def _owner_table(el):
    """The nearest enclosing <table> of an element (None when there is none)."""
    el = el.getparent()
    while el is not None and _tag(el) != "table":
        el = el.getparent()
    return el


def _cell_text(cell) -> str:
    parts: list[str] = []

    def walk(el) -> None:
        tag = _tag(el)
        if tag in ("script", "style"):
            return
        if tag in ("br", "p", "div", "li"):
            parts.append(" ")
        if el.text and tag:
            parts.append(el.text)
        for child in el:
            walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(cell)
    return _SPACES.sub(" ", "".join(parts)).strip()[:MAX_CELL]


def table_grid(table) -> dict[str, Any] | None:
    """One <table> as {"rows": [[text | None, …], …], "spans": [[row, col, rowspan, colspan], …]}."""
    trs = [tr for tr in table.iter("tr") if _owner_table(tr) is table][:MAX_ROWS]
    if not trs:
        return None
    n_rows = len(trs)
    grid: list[list[str | None]] = [[] for _ in range(n_rows)]
    spans: list[list[int]] = []
    for r, tr in enumerate(trs):
        c = 0
        for cell in tr:
            if _tag(cell) not in ("td", "th"):
                continue
            row = grid[r]
            while c < len(row) and row[c] is not None:
                c += 1
            if c >= MAX_COLS:
                break
            rs = _span(cell.get("rowspan"), n_rows - r)
            cs = _span(cell.get("colspan"), MAX_COLS - c)
            if cell.get("colspan", "").strip() == "0":
                cs = 1  # colspan=0 is not honoured by browsers: one column
            text = _cell_text(cell)
            for i in range(r, r + rs):
                target = grid[i]
                if len(target) < c + cs:
                    target.extend([None] * (c + cs - len(target)))
                for j in range(c, c + cs):
                    if target[j] is None:
                        target[j] = text
            if rs > 1 or cs > 1:
                spans.append([r, c, rs, cs])
            c += cs
    width = max((len(row) for row in grid), default=0)
    if width == 0:
        return None
    for row in grid:
        row.extend([None] * (width - len(row)))
    return {"rows": grid, "spans": spans}


def extract_tables(root) -> list[dict[str, Any]]:
    """The page's leaf tables with at least two rows or two columns, in document order."""
    out: list[dict[str, Any]] = []
    for table in root.iter("table"):
        if any(True for _ in table.iter("table") if _ is not table):
            continue  # a layout table holding other tables
        grid = table_grid(table)
        if grid is None:
            continue
        rows = grid["rows"]
        if len(rows) < 2 and len(rows[0]) < 2:
            continue
        if not any(text for row in rows for text in row):
            continue
        out.append(grid)
        if len(out) >= MAX_TABLES:
            break
    return out


__all__ = ["extract_tables", "table_grid"]
