"""Excel files offices work in: the 整改台账 of a run and each unit's 整改反馈表.

The 台账 has a 汇总 sheet and one sheet per unit listing every problem of the run with its
lifecycle (新增 / 仍未整改 / 已整改) and evidence; the 反馈表 is what a unit fills in and
returns: problem numbers pre-filled, 整改后链接 left empty ("未按要求反馈整改链接表的视为未整改").
Written from the same prepared dicts as the HTML; openpyxl lays out titles, headers and
styles, and the problem rows are streamed in by ``reports.xlsx_stream`` (linear in the rows).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from reports.xlsx_stream import RowStream, style_id

THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEAD_FILL = PatternFill("solid", fgColor="F2F2F2")
FONT = "宋体"
WRAP = Alignment(wrap_text=True, vertical="center")
CENTER = Alignment(wrap_text=True, vertical="center", horizontal="center")
BODY_FONT = Font(name=FONT, size=10)
LINK_FONT = Font(name=FONT, size=10, color="0000EE", underline="single")

LEDGER_COLUMNS = [("序号", 6), ("问题编号", 15), ("栏目路径", 22), ("指标依据", 26), ("问题类型", 16),
                  ("严重程度", 9), ("问题描述", 40), ("问题页面", 40), ("链接目标", 36), ("截图", 10),
                  ("截图时间", 19), ("页面状态", 9), ("页面内容哈希（SHA-256）", 24), ("首次发现", 12),
                  ("最近确认", 12), ("整改时限", 12), ("整改状态", 16)]
FEEDBACK_COLUMNS = [("序号", 6), ("问题编号", 15), ("问题类型", 16), ("问题描述", 40), ("问题链接", 40),
                    ("整改情况", 14), ("整改措施", 30), ("整改后链接", 40), ("整改完成时间", 14), ("备注", 24)]
FEEDBACK_CHOICES = '"已整改,部分整改,无法整改（需说明）,不属实（需说明）"'


def _sheet_title(name: str, used: set[str]) -> str:
    title = re.sub(r"[\[\]:*?/\\]", "", name)[:28] or "单位"
    base, n = title, 2
    while title in used:
        title = f"{base[:26]}{n}"
        n += 1
    used.add(title)
    return title


def _header(ws, row: int, columns: list[tuple[str, int]]) -> None:
    for col, (name, width) in enumerate(columns, 1):
        cell = ws.cell(row=row, column=col, value=name)
        cell.font = Font(name=FONT, bold=True, size=10)
        cell.fill, cell.border, cell.alignment = HEAD_FILL, BORDER, CENTER
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = f"A{row + 1}"


def _title(ws, text: str, width: int, note: str = "") -> int:
    ws.cell(row=1, column=1, value=text).font = Font(name=FONT, bold=True, size=14)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    ws.cell(row=1, column=1).alignment = CENTER
    ws.row_dimensions[1].height = 28
    if note:
        ws.cell(row=2, column=1, value=note).font = Font(name=FONT, size=10)
        ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=width)
        ws.cell(row=2, column=1).alignment = WRAP
        ws.row_dimensions[2].height = 30
        return 3
    return 2


def _row(ws, row: int, values: list[Any], links: dict[int, str] | None = None) -> None:
    for col, value in enumerate(values, 1):
        cell = ws.cell(row=row, column=col, value=value)
        cell.font = BODY_FONT
        cell.border, cell.alignment = BORDER, WRAP
        if links and links.get(col):
            cell.hyperlink = links[col]
            cell.font = LINK_FONT


def _stream_rows(stream: RowStream, ws, start: int, rows: list[tuple[list[Any], dict[int, str]]],
                 height: float | None = None) -> int:
    """Rows styled as :func:`_row` styles them, streamed; returns the number of the last one."""
    body = style_id(ws, font=BODY_FONT, border=BORDER, alignment=WRAP)
    link = style_id(ws, font=LINK_FONT, border=BORDER, alignment=WRAP)
    return stream.add(ws, start, rows, body, link, height)


def _ledger_values(f: dict[str, Any]) -> tuple[list[Any], dict[int, str]]:
    shot = f["shot"]
    values = [f["seq"], f["problem_id"], f["column"], f["basis"], f["rule_title"], f["severity_label"],
              f["message"], f["url"], f["target"], shot["text"], shot.get("captured", ""), shot.get("status"),
              shot.get("hash", ""), f["first_seen"], f["last_seen"], f["deadline"], f["status"]]
    links = {8: f["url_href"] or "", 9: f["target_href"] or ""}
    if shot["href"]:
        links[10] = shot["href"].replace("../", "", 1)
    return values, links


def write_ledger(data: dict[str, Any], path: Path) -> Path:
    """整改台账.xlsx: a 汇总 sheet, then one sheet per unit (current problems, then 已整改)."""
    summary = data["summary"]
    wb = Workbook()
    stream = RowStream(wb)
    ws = wb.active
    ws.title = "汇总"
    columns = [("序号", 6), ("单位", 24), ("单位类别", 10), ("采集网页数", 11), ("单项否决", 10), ("扣分", 8),
               ("提示", 8), ("合计", 8), ("新增", 8), ("仍未整改", 10), ("上期已整改", 11), ("人工核查排除", 13)]
    start = _title(ws, f"{summary['site_name']}政府信息公开专栏问题整改台账（{summary['period_name']}）", len(columns),
                   f"数据采集截止时间：{summary['cutoff_text']}；整改时限：{summary['deadline']}前。")
    _header(ws, start, columns)
    row = start + 1
    for seq, unit in enumerate(data["units"], 1):
        c = unit["counts"]
        remaining = sum(1 for f in unit["findings"] if f["status"].startswith("仍未整改"))
        _row(ws, row, [seq, unit["unit_name"], unit["category"], unit["pages"], c["veto"], c["deduct"],
                       c["advice"], c["total"], c["total"] - remaining, remaining, len(unit["fixed"]),
                       len(unit["reviewed"])])
        row += 1
    used = {"汇总"}
    for unit in data["units"]:
        if not (unit["findings"] or unit["fixed"] or unit["reviewed"]):
            continue
        sheet = wb.create_sheet(_sheet_title(unit["unit_name"], used))
        start = _title(sheet, f"{unit['unit_name']}政府信息公开专栏问题清单及整改台账", len(LEDGER_COLUMNS))
        _header(sheet, start, LEDGER_COLUMNS)
        rows = [_ledger_values(f) for f in unit["findings"]]
        for f in unit["fixed"]:
            values, links = _ledger_values(f)
            values[0] = len(rows) + 1
            rows.append((values, links))
        for f in unit["reviewed"]:
            rows.append(([len(rows) + 1, f["problem_id"], "", "", f["rule_title"], "", f["message"], f["url"], "",
                          "", "", "", "", "", "", "", f"{f['review']}：{f['reason']}"], {8: f["url_href"] or ""}))
        last = _stream_rows(stream, sheet, start + 1, rows)
        sheet.auto_filter.ref = f"A{start}:{get_column_letter(len(LEDGER_COLUMNS))}{max(last, start)}"
    return stream.save(path)


def write_feedback(unit: dict[str, Any], path: Path) -> Path:
    """<unit>-整改反馈表.xlsx: one row per problem, 整改后链接 empty for the unit to fill."""
    wb = Workbook()
    stream = RowStream(wb)
    ws = wb.active
    ws.title = "整改反馈表"
    note = (f"请于{unit['deadline']}前逐条填写整改情况、整改措施和整改后链接，报{unit['issuer']}。"
            "未按要求反馈整改后链接的视为未整改；属误报或无法整改的，请在备注栏说明理由并附佐证材料。")
    start = _title(ws, f"{unit['unit_name']}政府信息公开专栏问题整改反馈表", len(FEEDBACK_COLUMNS), note)
    ws.cell(row=start, column=1, value="填报单位（盖章）：").font = Font(name=FONT, size=10)
    ws.cell(row=start, column=6, value="填报人及联系电话：").font = Font(name=FONT, size=10)
    start += 1
    _header(ws, start, FEEDBACK_COLUMNS)
    rows = [([f["seq"], f["problem_id"], f["rule_title"], f["message"], f["target"] or f["url"],
              "", "", "", "", ""], {5: f["target_href"] or f["url_href"] or ""}) for f in unit["findings"]]
    last = _stream_rows(stream, ws, start + 1, rows, height=45)
    if rows:
        choice = DataValidation(type="list", formula1=FEEDBACK_CHOICES, allow_blank=True)
        choice.add(f"F{start + 1}:F{last}")
        ws.add_data_validation(choice)
    return stream.save(path)
