"""Shared by the 年报 table rules: the tables 二, 三 and 四 of a report page, found by their
header and row texts in the stored cell grids (``documents.tables``), never by position.

A number is read as the report writes it: ``12``, ``1,234``, ``3件``, ``0.5万元``. ``—``, ``-``,
``/`` and ``无`` count as 0 and are listed in a note; an empty cell counts as 0 only where the
other cells of the equation are filled (an empty 总计 beside filled parts is “not stated”,
not a wrong sum). Anything else that is not a number makes its equation “cannot assess”.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable

from .text import nospace, stored_json

_NUMBER = re.compile(r"^[+＋]?(\d{1,9}(?:,\d{3})*(?:\.\d+)?)(?:件|个|项|次|条|人次|万元|元)?$")
_DASH = re.compile(r"^(?:[—–\-－―─/／\\、·.。]+|无|空|不适用)$")


@dataclass(frozen=True)
class Cell:
    text: str
    kind: str  # num / blank / dash / text / absent / merged
    value: float | None = None

    @property
    def filled(self) -> bool:
        return self.kind in ("num", "dash")

    @property
    def number(self) -> float:
        return self.value if self.kind == "num" and self.value is not None else 0.0


ABSENT = Cell("", "absent")


def parse_cell(text: str | None) -> Cell:
    if text is None:
        return ABSENT
    flat = nospace(text)
    if not flat:
        return Cell(text, "blank")
    if _DASH.match(flat):
        return Cell(text, "dash", 0.0)
    m = _NUMBER.match(flat)
    if m:
        return Cell(text, "num", float(m.group(1).replace(",", "")))
    return Cell(text, "text")


def fmt(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


class Grid:
    """One stored table: texts, their space-free form, and which slots one merged cell covers."""

    def __init__(self, raw: dict) -> None:
        self.rows: list[list[str | None]] = [list(r) for r in raw.get("rows") or []]
        self.flat = [[nospace(c) if c is not None else None for c in row] for row in self.rows]
        self.width = max((len(r) for r in self.rows), default=0)
        self._origin: dict[tuple[int, int], tuple[int, int]] = {}
        for span in raw.get("spans") or []:
            r0, c0, rs, cs = (int(x) for x in span)
            for i in range(r0, r0 + rs):
                for j in range(c0, c0 + cs):
                    self._origin.setdefault((i, j), (r0, c0))

    def origin(self, r: int, c: int) -> tuple[int, int]:
        return self._origin.get((r, c), (r, c))

    def text(self, r: int, c: int) -> str | None:
        row = self.rows[r]
        return row[c] if c < len(row) else None

    def has(self, pattern: re.Pattern) -> bool:
        return any(t and pattern.search(t) for row in self.flat for t in row)


def grids(doc: dict) -> list[Grid]:
    out = []
    for t in stored_json(doc, "tables", list):
        if isinstance(t, dict) and isinstance(t.get("rows"), list):
            try:
                out.append(Grid(t))
            except (TypeError, ValueError):
                continue
    return out


# ---------------------------------------------------------------- equations

@dataclass
class Audit:
    """What the equations of one table found: failures, notes, and what could not be assessed."""

    failures: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    checked: int = 0

    def note(self, text: str) -> None:
        if text not in self.notes:
            self.notes.append(text)


def equation(audit: Audit, name: str, total: Cell, parts: list[Cell], where: str) -> None:
    """``total = sum(parts)``; blank parts are 0 when the equation is otherwise filled."""
    cells = [total, *parts]
    if any(c.kind in ("text", "merged") for c in cells):
        audit.skipped.append(f"{where}{name}（单元格内容无法识别为数字）")
        return
    if not any(c.filled for c in cells):
        return  # nothing stated at all
    if not total.filled:
        if any(c.kind == "num" and c.number for c in parts):
            audit.skipped.append(f"{where}{name}（合计未填写）")
        return
    if total.number and not any(c.filled for c in parts):
        audit.skipped.append(f"{where}{name}（分项未填写）")
        return
    if any(c.kind == "dash" for c in cells):
        audit.note("“—”“/”“无”等按0计算")
    if any(c.kind in ("blank", "absent") for c in parts):
        audit.note("空白单元格按0计算")
    audit.checked += 1
    got = sum(c.number for c in parts)
    if abs(got - total.number) > 1e-6:
        shown = "+".join(fmt(c.number) for c in parts) + "=" if len(parts) <= 6 else "各项之和为"
        audit.failures.append(f"{where}{name}：{shown}{fmt(got)}，表中为{fmt(total.number)}")


# ---------------------------------------------------------------- table 三

APPLICANTS: list[tuple[str, re.Pattern]] = [
    ("自然人", re.compile(r"自然人")),
    ("商业企业", re.compile(r"商业企业|企业")),
    ("科研机构", re.compile(r"科研机构|科研")),
    ("社会公益组织", re.compile(r"公益")),
    ("法律服务机构", re.compile(r"法律服务")),
    ("其他", re.compile(r"^其他$|^其它$")),
    ("法人或其他组织", re.compile(r"法人")),
    ("总计", re.compile(r"^(总计|合计)")),
]
T3_NEW = re.compile(r"本年(度)?新收")
T3_IN = re.compile(r"上年(度)?结转")
T3_OUT = re.compile(r"结转下(一)?年|转入下(一)?年|下年度继续办理")
T3_TOTAL = re.compile(r"总计|合计")
T3_GROUP = re.compile(r"[（(]([一二三四五六七])[）)]")
T3_SUB = re.compile(r"(?<![\d.])(\d{1,2})\s*[.．、](?!\d)|[（(](\d{1,2})[）)]|([①②③④⑤⑥⑦⑧⑨⑩])")
GROUP_NAMES = {"一": "（一）予以公开", "二": "（二）部分公开", "三": "（三）不予公开", "四": "（四）无法提供",
               "五": "（五）不予处理", "六": "（六）其他处理", "七": "（七）总计"}


@dataclass
class Applications:
    """Table 三: applicant columns (总计 last when present) and the rows found by their labels."""

    roles: list[str]
    rows: dict[str, dict[str, Cell]] = field(default_factory=dict)  # new / in / total / out
    groups: dict[str, dict[str, Cell]] = field(default_factory=dict)  # （一）…（六） rows of their own
    subs: dict[str, list[tuple[str, dict[str, Cell]]]] = field(default_factory=dict)
    unclear: set[str] = field(default_factory=set)  # groups with two rows of their own

    @property
    def parts(self) -> list[str]:
        return [r for r in self.roles if r != "总计"]

    def amount(self, key: str) -> Cell:
        """The 总计 of a row, or the sum of its filled applicant cells when 总计 is empty."""
        row = self.rows.get(key)
        if not row:
            return ABSENT
        total = row.get("总计", ABSENT)
        if total.filled or total.kind == "text":
            return total
        parts = [row.get(r, ABSENT) for r in self.parts]
        if any(c.kind in ("text", "merged") for c in parts) or not any(c.filled for c in parts):
            return total
        return Cell("", "num", sum(c.number for c in parts))


def _row_cells(grid: Grid, r: int, columns: dict[str, list[int]]) -> dict[str, Cell]:
    out: dict[str, Cell] = {}
    owners: dict[tuple[int, int], set[str]] = {}
    for role, cols in columns.items():
        origins = {grid.origin(r, c) for c in cols if grid.text(r, c) is not None}
        if not origins:
            out[role] = ABSENT
            continue
        if len(origins) > 1:
            out[role] = Cell("", "merged")
            continue
        origin = origins.pop()
        owners.setdefault(origin, set()).add(role)
        out[role] = parse_cell(grid.text(*origin))
    for origin, roles in owners.items():
        if len(roles) > 1 and parse_cell(grid.text(*origin)).kind == "num":
            for role in roles:  # one number written across several columns: whose is it?
                out[role] = Cell(grid.text(*origin) or "", "merged")
    return out


def applications(grid: Grid) -> Applications | None:
    """Table 三 of a grid, or None when its header or its first row cannot be found."""
    start = next((r for r, row in enumerate(grid.flat) if any(t and T3_NEW.search(t) for t in row)), None)
    if start is None or start == 0:
        return None
    header = grid.flat[:start]
    columns: dict[str, list[int]] = {}
    for c in range(grid.width):
        path = [row[c] for row in header if c < len(row) and row[c]]
        if not path or any(T3_NEW.search(t) for t in path):
            continue
        leaf = path[-1]
        for role, pattern in APPLICANTS:
            if pattern.search(leaf):
                columns.setdefault(role, []).append(c)
                break
    if "法人或其他组织" in columns and any(r in columns for r in ("商业企业", "科研机构", "社会公益组织",
                                                                  "法律服务机构")):
        del columns["法人或其他组织"]  # only the group heading above its five columns
    if not columns or (len(columns) < 2 and "总计" in columns):
        return None
    order = [role for role, _ in APPLICANTS if role in columns and role != "总计"]
    roles = order + (["总计"] if "总计" in columns else [])
    data_cols = {c for cols in columns.values() for c in cols}
    app = Applications(roles=roles)
    group = None
    for r in range(start, len(grid.rows)):
        seen: list[str] = []
        for c in range(grid.width):
            if c in data_cols:
                continue
            t = grid.flat[r][c] if c < len(grid.flat[r]) else None
            if t and t not in seen and parse_cell(t).kind not in ("num", "dash"):
                seen.append(t)
        label = "".join(seen)
        if not label:
            continue
        cells = _row_cells(grid, r, {role: columns[role] for role in roles})
        if T3_NEW.search(label):
            app.rows.setdefault("new", cells)
        elif T3_IN.search(label):
            app.rows.setdefault("in", cells)
        elif T3_OUT.search(label):
            app.rows.setdefault("out", cells)
            group = None
        elif T3_TOTAL.search(label) and not T3_SUB.search(label):
            app.rows.setdefault("total", cells)
            group = None
        else:
            m = None
            for m in T3_GROUP.finditer(label):
                pass
            if m is not None:
                group = m.group(1)
            if group is None or group == "七":
                continue
            tail = label[m.end():] if m is not None else label
            sub = T3_SUB.search(tail)
            if sub:
                app.subs.setdefault(group, []).append((next(x for x in sub.groups() if x), cells))
            elif group in app.groups:
                app.unclear.add(group)  # a second row of the group's own: its sub-items are unnumbered
            else:
                app.groups[group] = cells
    return app


def find_applications(grids_: Iterable[Grid]) -> Applications | None:
    for grid in grids_:
        app = applications(grid)
        if app is not None and app.rows:
            return app
    return None


def audit_applications(app: Applications) -> Audit:
    """NB-04: each row's 总计 = its applicant cells; sub-reasons = their group row; （七）总计 = the
    groups; 一 + 二 = 三（七）总计 + 四 in every column."""
    audit = Audit()
    names = {"new": "一、本年新收", "in": "二、上年结转", "total": "三、（七）总计", "out": "四、结转下年度继续办理"}
    parts = app.parts
    if "总计" in app.roles and len(parts) >= 2:
        labelled = [(names[k], row) for k, row in app.rows.items()]
        labelled += [(GROUP_NAMES[g], row) for g, row in app.groups.items()]
        labelled += [(f"{GROUP_NAMES[g]}第{n}项", row) for g, rows in app.subs.items() for n, row in rows]
        for label, row in labelled:
            equation(audit, "总计与各类申请人之和", row.get("总计", ABSENT), [row.get(p, ABSENT) for p in parts],
                     f"“{label}”行")
    groups_complete = all(g in app.groups or g in app.subs for g in "一二三四五六") and not app.unclear
    for role in app.roles:
        col = f"“{role}”列"
        for g, rows in app.subs.items():
            if g in app.groups and g not in app.unclear:
                equation(audit, f"{GROUP_NAMES[g]}与其分项之和", app.groups[g].get(role, ABSENT),
                         [row.get(role, ABSENT) for _, row in rows], col)
        if "total" in app.rows:
            if groups_complete:
                items = []
                for g in "一二三四五六":
                    if g in app.groups:
                        items.append(app.groups[g].get(role, ABSENT))
                    else:
                        items.extend(row.get(role, ABSENT) for _, row in app.subs[g])
                equation(audit, "（七）总计与各项办理结果之和", app.rows["total"].get(role, ABSENT), items, col)
            else:
                audit.skipped.append(f"{col}（七）总计（办理结果分项未能全部识别）")
        if all(k in app.rows for k in ("new", "in", "total", "out")):
            left = [app.rows["new"].get(role, ABSENT), app.rows["in"].get(role, ABSENT)]
            right = [app.rows["total"].get(role, ABSENT), app.rows["out"].get(role, ABSENT)]
            _balance(audit, left, right, col)
        else:
            audit.skipped.append(f"{col}第一项加第二项等于第三项加第四项（行未能全部识别）")
    return audit


def _balance(audit: Audit, left: list[Cell], right: list[Cell], where: str) -> None:
    """一 + 二 = 三（七）总计 + 四."""
    cells = left + right
    if any(c.kind in ("text", "merged") for c in cells):
        audit.skipped.append(f"{where}勾稽关系（单元格内容无法识别为数字）")
        return
    if not any(c.filled for c in cells):
        return
    if not left[0].filled or not right[0].filled:
        if any(c.number for c in cells):
            audit.skipped.append(f"{where}勾稽关系（本年新收或办理结果总计未填写）")
        return
    if any(c.kind == "dash" for c in cells):
        audit.note("“—”“/”“无”等按0计算")
    if any(c.kind in ("blank", "absent") for c in cells):
        audit.note("空白单元格按0计算")
    audit.checked += 1
    a, b = (sum(c.number for c in side) for side in (left, right))
    if abs(a - b) > 1e-6:
        audit.failures.append(
            f"{where}：第一项加第二项（{fmt(left[0].number)}+{fmt(left[1].number)}={fmt(a)}）"
            f"不等于第三项加第四项（{fmt(right[0].number)}+{fmt(right[1].number)}={fmt(b)}）")


# ---------------------------------------------------------------- table 四

T4_MARK = re.compile(r"行政复议")
T4_ROLES: list[tuple[str, re.Pattern]] = [
    ("结果维持", re.compile(r"维持")),
    ("结果纠正", re.compile(r"纠正")),
    ("其他结果", re.compile(r"其他|其它")),
    ("尚未审结", re.compile(r"审结|未结")),
    ("总计", re.compile(r"总计|合计")),
]
T4_HEADER = re.compile(r"维持|纠正|其他结果|其它结果|审结|总计|合计|行政复议|行政诉讼|起诉")


def reviews(grid: Grid) -> dict[str, dict[str, Cell]] | None:
    """Table 四: group (行政复议 / 行政诉讼·未经复议直接起诉 / …·复议后起诉, or the row's own label
    when each kind has its own row) → role → cell."""
    if not grid.has(T4_MARK) or not grid.has(re.compile(r"维持")):
        return None
    numeric = [any(t is not None and parse_cell(t).kind == "num" for t in row) for row in grid.flat]
    head = next((r for r, has in enumerate(numeric) if has), 0)
    if head == 0:
        return None
    found: dict[str, dict[str, Cell]] = {}
    for r in range(head, len(grid.rows)):
        if not numeric[r]:
            continue
        row = grid.flat[r]
        label = next((t for t in row if t and parse_cell(t).kind == "text"), "")
        for c in range(grid.width):
            path: list[str] = []
            for h in range(head):
                t = grid.flat[h][c] if c < len(grid.flat[h]) else None
                if t and (not path or path[-1] != t):
                    path.append(t)
            if not path:
                continue
            role = next((name for name, p in T4_ROLES if p.search(path[-1])), None)
            if role is None:
                continue
            group = "·".join(([label] if label else []) + path[:-1]) or "行政复议"
            cell = parse_cell(grid.text(r, c))
            o_row, o_col = grid.origin(r, c)
            if cell.kind == "num" and any(grid.origin(r, x) == (o_row, o_col) for x in range(grid.width) if x != c):
                cell = Cell(cell.text, "merged")  # one number across several columns
            found.setdefault(group, {}).setdefault(role, cell)
    return found or None


def find_reviews(grids_: Iterable[Grid]) -> dict[str, dict[str, Cell]] | None:
    for grid in grids_:
        found = reviews(grid)
        if found:
            return found
    return None


def audit_reviews(found: dict[str, dict[str, Cell]]) -> Audit:
    """NB-05: 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结, for 复议 and each kind of 诉讼."""
    audit = Audit()
    for group, cells in found.items():
        if all(role in cells for role, _ in T4_ROLES):
            equation(audit, "总计与结果维持、结果纠正、其他结果、尚未审结之和", cells["总计"],
                     [cells[role] for role, _ in T4_ROLES[:4]], f"“{group}”")
        else:
            audit.skipped.append(f"“{group}”（列未能全部识别）")
    return audit


# ---------------------------------------------------------------- table 二

_FIRST = ("本年制发件数", re.compile(r"制发")), ("本年废止件数", re.compile(r"废止")), \
    ("现行有效件数", re.compile(r"现行有效"))
_DECISIONS = (("本年处理决定数量", re.compile(r"处理决定")),)
TABLE2: list[tuple[str, re.Pattern, tuple]] = [
    ("规章", re.compile(r"^规章"), _FIRST),
    ("行政规范性文件", re.compile(r"规范性文件"), _FIRST),
    ("行政许可", re.compile(r"行政许可"), _DECISIONS),
    ("行政处罚", re.compile(r"行政处罚"), _DECISIONS),
    ("行政强制", re.compile(r"行政强制"), _DECISIONS),
    ("行政事业性收费", re.compile(r"事业性收费"), (("本年收费金额", re.compile(r"收费金额|金额")),)),
]
T2_MARK = re.compile(r"第二十条|本年制发|现行有效件数")


def _item_row(grid: Grid, pattern: re.Pattern) -> tuple[int, tuple[int, int]] | None:
    """(row, origin of its label cell) of the first row whose label (one of its first two
    cells) names the item."""
    for r, row in enumerate(grid.flat):
        origins: list[tuple[int, int]] = []
        for c, t in enumerate(row):
            o = grid.origin(r, c)
            if o in origins:
                continue
            origins.append(o)
            if len(origins) > 2:
                break
            if t and len(t) <= 24 and pattern.search(t) and parse_cell(t).kind == "text":
                return r, o
    return None


T2_HEADERS = re.compile(r"第二十条|制发|废止件数|现行有效件数|处理决定|收费金额|信息内容")


def active_disclosure(grids_: list[Grid]) -> dict[str, dict[str, Cell | None]] | None:
    """Table 二: item → column → cell (None: no such column above the row). Items not found are
    absent from the result; None when no item of table 二 is found at all. Only tables with a
    table-二 header are searched (a metadata table may well say 规范性文件)."""
    found: dict[str, dict[str, Cell | None]] = {}
    candidates = [g for g in grids_ if g.has(T2_HEADERS)]
    for name, pattern, columns in TABLE2:
        for grid in candidates:
            hit = _item_row(grid, pattern)
            if hit is None:
                continue
            r, label = hit
            values: dict[str, Cell | None] = {}
            for col_name, col_pattern in columns:
                values[col_name] = None
                for h in range(r - 1, -1, -1):
                    cols = [c for c, t in enumerate(grid.flat[h]) if t and col_pattern.search(t)]
                    if not cols:
                        continue
                    cell = ABSENT
                    for c in cols:
                        if grid.origin(r, c) != label:
                            cell = parse_cell(grid.text(r, c))
                            break
                    values[col_name] = cell
                    break
            found[name] = values
            break
    return found or None


def table2_mark(grids_: list[Grid]) -> bool:
    return any(g.has(T2_MARK) for g in grids_)


def value_of(cell: Cell | None) -> float | None:
    if cell is None or not cell.filled:
        return None
    return cell.number


# ---------------------------------------------------------------- the reports themselves

def owner_of(title: str | None) -> str:
    """Whose report it is: what the title names before its year (区教育局, or "" for a bare title)."""
    from .annual import REPORT_TITLE
    flat = nospace(title)
    m = REPORT_TITLE.search(flat)
    return flat[:m.start()] if m else ""


def report_pages(records, from_year: int = 0) -> list[tuple[dict, int]]:
    """(document, year) of every 年报 page of that year or later, in a stable order (rows of
    ``report_rows``)."""
    from .annual import report_year
    out = []
    for doc in report_rows(records):
        year = report_year(doc.get("title"))
        if year and year >= from_year:
            out.append((doc, year))
    return sorted(out, key=lambda x: (x[0]["unit"], x[1], x[0]["url"]))


def report_rows(records) -> list[dict]:
    """The 年报 pages with what ``body`` reads and their ``tables`` (not every long text), in
    stored order; read once per run for all the 年报 rules. Shared rows: do not change them."""
    return records.memo(_report_rows)


def _report_rows(records) -> list[dict]:
    return list(records.iter_documents("annual_report", columns=("body", "text", "tables")))


def listed(lines: list[str], limit: int = 8) -> str:
    shown = "；".join(lines[:limit])
    return shown + (f"等{len(lines)}处" if len(lines) > limit else "")
