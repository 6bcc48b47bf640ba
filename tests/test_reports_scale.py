"""The writers that keep large reports fast: Word XML, streamed Excel rows, the print copy, the forked writer."""

import asyncio
import os
import re
import zipfile
from datetime import datetime, timezone

import pytest
from docx import Document
from docx.shared import Mm
from openpyxl import Workbook, load_workbook

from reports import docx_out, forked
from reports.build import build_report_data
from reports.render import render_reports
from reports.unit_data import PRINT_FULL_TYPE, PRINT_ROWS_PER_TYPE, mark_printed
from reports.xlsx_out import BODY_FONT, BORDER, LINK_FONT, WRAP
from reports.xlsx_stream import RowStream, style_id
from tests.test_reports import BASE, RULES, finding, populate

NOW = datetime(2025, 9, 30, 8, tzinfo=timezone.utc)
TRICKY = ["中文单元格", "a < b & c > d", " 前后空格 ", "第一行\n第二行\t制表", "控制\x0b字符\x00", "=SUM(A1)", None, 7]


def test_docx_table_body_is_what_python_docx_would_write(tmp_path):
    doc = docx_out._new_document()
    header = [f"列{i}" for i in range(len(TRICKY))]
    docx_out._table(doc, header, [TRICKY, [str(i) for i in range(len(TRICKY))]], size=8,
                    widths=[10 + i for i in range(len(TRICKY))])
    path = docx_out._save(doc, tmp_path / "t.docx")

    table = Document(path).tables[0]
    assert [c.text for c in table.rows[0].cells] == header
    assert [c.text for c in table.rows[1].cells] == [
        "中文单元格", "a < b & c > d", " 前后空格 ", "第一行\n第二行\t制表", "控制字符", "=SUM(A1)", "", "7"]
    assert [c.text for c in table.rows[2].cells] == [str(i) for i in range(len(TRICKY))]
    for row in table.rows[1:]:
        assert [c.width for c in row.cells] == [Mm(10 + i).twips * 635 for i in range(len(TRICKY))]
        run = row.cells[0].paragraphs[0].runs[0]
        assert run.font.name == "宋体" and run.font.size.pt == 8 and run.font.bold is False
    xml = zipfile.ZipFile(path).read("word/document.xml").decode("utf-8")
    assert "a &lt; b &amp; c &gt; d" in xml and 'w:eastAsia="宋体"' in xml and "zwgk-rows" not in xml


def test_docx_paragraph_shapes_match_python_docx(tmp_path):
    doc = docx_out._new_document()
    docx_out._para(doc, "正文 <&> 段落")
    docx_out._para(doc, parts=[("（一）标题。", docx_out.KAI), ("说明\t文字", docx_out.BODY_FONT)], size=12)
    path = docx_out._save(doc, tmp_path / "p.docx")
    paragraphs = [p for p in Document(path).paragraphs if p.text]
    assert [p.text for p in paragraphs] == ["正文 <&> 段落", "（一）标题。说明\t文字"]
    first, second = paragraphs
    assert first.paragraph_format.first_line_indent.pt == 32 and first.paragraph_format.line_spacing.pt == 28
    assert [(r.font.name, r.font.size.pt) for r in second.runs] == [("楷体_GB2312", 12), ("仿宋_GB2312", 12)]


def test_streamed_excel_rows_read_back_with_styles_and_links(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "清单"
    ws.cell(row=1, column=1, value="标题")
    ws.freeze_panes = "A2"
    stream = RowStream(wb)
    rows = [(TRICKY, {2: "http://example.cn/a?b=1&c=<2>"}), ([1, "第二行"], {})]
    body = style_id(ws, font=BODY_FONT, border=BORDER, alignment=WRAP)
    link = style_id(ws, font=LINK_FONT, border=BORDER, alignment=WRAP)
    assert stream.add(ws, 2, rows, body, link, height=45) == 3
    stream.save(tmp_path / "s.xlsx")

    sheet = load_workbook(tmp_path / "s.xlsx")["清单"]
    assert sheet["A1"].value == "标题" and sheet.freeze_panes == "A2"
    assert [c.value for c in sheet[2]] == ["中文单元格", "a < b & c > d", " 前后空格 ", "第一行\n第二行\t制表",
                                           "控制字符", "=SUM(A1)", None, 7]
    assert sheet["F2"].data_type == "s"  # crawled text is never a formula
    assert [sheet["A3"].value, sheet["B3"].value] == [1, "第二行"]
    assert sheet["B2"].hyperlink.target == "http://example.cn/a?b=1&c=<2>"
    assert sheet["B2"].font.color.rgb == "000000EE" and sheet["A2"].font.name == "宋体"
    assert sheet["A2"].border.left.style == "thin" and sheet["A2"].alignment.wrap_text
    assert sheet.row_dimensions[2].height == 45
    assert sheet.max_row == 3 and sheet.calculate_dimension() == "A1:H3"
    xml = zipfile.ZipFile(tmp_path / "s.xlsx").read("xl/worksheets/sheet1.xml").decode("utf-8")
    numbers = [int(n) for n in re.findall(r'<row r="(\d+)"', xml)]
    assert numbers == sorted(set(numbers)) == [1, 2, 3]


def _many(db, unit: str, n: int, start: int = 1000):
    db["findings"].insert_all([
        finding(start + i, f"ZW{start + i:010d}", "link.broken", "deduct", unit, f"{BASE}{unit}/p{i:03d}.html",
                f"{BASE}{unit}/dead{i:03d}.html") for i in range(n)])


def test_long_type_is_shortened_in_print_only(tmp_path):
    db, config = populate(tmp_path)
    _many(db, "sfj", PRINT_FULL_TYPE + 5)
    paths = render_reports(db, config, 1, tmp_path / "out", now=NOW, rules=RULES, formats=("html",))
    html = paths["units"]["sfj"].read_text(encoding="utf-8")
    total = PRINT_FULL_TYPE + 5 + 2
    assert html.count('<tr class="finding') == total + 1  # every problem on screen (+ the validity one)
    assert html.count('<tr class="finding screen-only">') == total - PRINT_ROWS_PER_TYPE
    assert f"“网页链接不可用”共{total}处，打印稿列出以上{PRINT_ROWS_PER_TYPE}处，其余{total - PRINT_ROWS_PER_TYPE}处从略" in html
    assert html.count('<tr class="print-only">') == 1
    xhjd = paths["units"]["xhjd"].read_text(encoding="utf-8")
    assert "screen-only" not in xhjd.split("</style>")[1] and "print-only" not in xhjd.split("</style>")[1]


def test_mark_printed_keeps_short_types_whole():
    rows = [{"severity": "deduct", "rule": "a", "rule_title": "甲"} for _ in range(PRINT_FULL_TYPE)]
    rows += [{"severity": "deduct", "rule": "b", "rule_title": "乙"} for _ in range(PRINT_FULL_TYPE + 1)]
    assert mark_printed(rows, "别处") == PRINT_FULL_TYPE + 1 - PRINT_ROWS_PER_TYPE
    assert all(r["print"] for r in rows[:PRINT_FULL_TYPE + PRINT_ROWS_PER_TYPE])
    assert not any(r["print"] for r in rows[PRINT_FULL_TYPE + PRINT_ROWS_PER_TYPE:])
    assert [i for i, r in enumerate(rows) if r["print_more"]] == [PRINT_FULL_TYPE + PRINT_ROWS_PER_TYPE - 1]
    assert rows[PRINT_FULL_TYPE + PRINT_ROWS_PER_TYPE - 1]["print_more"].endswith("见别处。")


def test_word_and_excel_keep_every_problem_of_a_long_list(tmp_path):
    db, config = populate(tmp_path)
    _many(db, "sfj", 3 * PRINT_FULL_TYPE)
    paths = render_reports(db, config, 1, tmp_path / "out", now=NOW, rules=RULES, formats=("html", "docx", "xlsx"))
    assert not paths["warnings"]
    ids = {r["problem_id"] for r in db.query("SELECT problem_id FROM findings WHERE unit = 'sfj'")}
    cells = {c.text for t in Document(paths["units"]["sfj"].with_suffix(".docx")).tables for row in t.rows
             for c in row.cells}
    assert ids <= cells
    sheet = load_workbook(tmp_path / "out" / "整改台账.xlsx")["区司法局"]
    assert {r[1] for r in sheet.iter_rows(min_row=3, values_only=True)} == ids
    data = build_report_data(db, config, 1, rules=RULES, now=NOW)
    sfj = next(u for u in data["units"] if u["unit_id"] == "sfj")
    assert sfj["print_left_out"] == 3 * PRINT_FULL_TYPE + 2 - PRINT_ROWS_PER_TYPE


async def _printed_rows(path):
    from playwright.async_api import async_playwright

    from crawler.evidence import CHROMIUM, CHROMIUM_ARGS

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = await browser.new_page()
        await page.goto(path.resolve().as_uri())
        visible = "[...document.querySelectorAll('table.findings tbody tr')].filter(r => r.offsetParent).length"
        seen = {"screen": await page.evaluate(visible)}
        await page.emulate_media(media="print")
        seen["print"] = await page.evaluate(visible)
        await browser.close()
    return seen


def test_pdf_prints_the_shortened_list(tmp_path):
    db, config = populate(tmp_path)
    _many(db, "sfj", PRINT_FULL_TYPE + 5)
    paths = render_reports(db, config, 1, tmp_path / "out", now=NOW, rules=RULES, formats=("html", "pdf"))
    assert not paths["warnings"] and len(paths["pdf"]) == 5
    assert (tmp_path / "out" / "units" / "sfj.pdf").read_bytes()[:4] == b"%PDF"
    assert not list((tmp_path / "out" / "units").glob(".*.print.html"))  # print copies removed
    total = PRINT_FULL_TYPE + 5 + 2
    seen = asyncio.run(_printed_rows(paths["units"]["sfj"]))
    assert seen == {"screen": total + 1, "print": PRINT_ROWS_PER_TYPE + 1 + 1}


def test_word_written_by_a_forked_child_when_large(tmp_path, monkeypatch):
    monkeypatch.setattr(forked, "MIN_ROWS", 1)
    db, config = populate(tmp_path)
    paths = render_reports(db, config, 1, tmp_path / "out", now=NOW, rules=RULES, formats=("html", "docx"))
    assert not paths["warnings"]
    assert [p.name for p in paths["docx"]] == ["index.docx", "sfj.docx", "xhjd.docx", "czj.docx", "site.docx"]
    cells = [c.text for t in Document(paths["docx"][1]).tables for row in t.rows for c in row.cells]
    assert "ZW0000000001" in cells


def test_a_dead_writer_child_is_a_warning(monkeypatch):
    if not forked._can_fork():
        pytest.skip("no fork here: the writer would run in this process")
    monkeypatch.setattr(forked, "MIN_ROWS", 1)
    outcome = forked.Forked(lambda: os._exit(3), 10, "Word 未生成 (docx not written)").result()
    assert outcome == ([], ["Word 未生成 (docx not written): 子进程异常退出 (worker exited with code 3)"])
