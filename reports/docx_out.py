"""Word versions of the 通报, which offices edit, stamp and file as 公文.

Written with python-docx from the same prepared dicts as the HTML (no HTML conversion), in
the GB/T 9704 layout: A4, title 小标宋 二号, body 仿宋 三号 with 28 pt lines, headings 黑体 /
楷体, page numbers "— 1 —" in the footer, the 问题清单 on landscape pages. Fonts are named
as Windows office PCs have them; Word substitutes where they are missing.

python-docx builds a document element by element, which costs milliseconds a paragraph and
made a run with tens of thousands of problems take many minutes. So the paragraphs are written
from the XML python-docx produces for each shape of paragraph (asked of it once), and the body
rows of a table as one string inserted into the saved file: the same elements, linear in size.
"""

from __future__ import annotations

import io
import re
import zipfile
from functools import lru_cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape as xml_escape

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from lxml import etree

from reports.text import ILLEGAL_XML

TITLE_FONT, BODY_FONT, HEI, KAI, TABLE_FONT = "方正小标宋简体", "仿宋_GB2312", "黑体", "楷体_GB2312", "宋体"
BODY_PT, LINE_PT = 16, 28
SPECIAL = re.compile(r"([\t\r\n])")  # characters python-docx writes as elements of their own


def _font(run, name: str, size: float, bold: bool = False) -> None:
    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)


def _para(doc, text: str = "", font: str = BODY_FONT, size: float = BODY_PT, indent: bool = True,
          align=None, bold: bool = False, parts: list[tuple[str, str]] | None = None,
          right_indent: float | None = None) -> None:
    """A paragraph of runs (``parts``: (text, font) pairs) in the 公文 line spacing."""
    parts = parts or [(text, font)]
    shape = _para_shape(size, indent, align, bold, right_indent, tuple(f for _, f in parts))
    _pending(doc).append(shape.format(*(_text_xml(ILLEGAL_XML.sub("", t)) for t, _ in parts)))


def _pending(doc) -> list[str]:
    """XML to be written at the end of the body so far: the paragraphs since the last table or
    section break share one marker, replaced with their XML by :func:`_save`."""
    body = doc.element.body
    last = body.sectPr.getprevious() if body.sectPr is not None else (body[-1] if len(body) else None)
    pending = doc.__dict__.setdefault("_zwgk_xml", {})
    if last is None or last.tag is not etree.Comment or f"<!--{last.text}-->".encode() not in pending:
        marker = etree.Comment(f"zwgk-{len(pending)}")
        if body.sectPr is not None:
            body.sectPr.addprevious(marker)
        else:
            body.append(marker)
        pending[f"<!--{marker.text}-->".encode()] = []
        last = marker
    return pending[f"<!--{last.text}-->".encode()]


@lru_cache(maxsize=None)
def _para_shape(size: float, indent: bool, align, bold: bool, right_indent: float | None,
                fonts: tuple[str, ...]) -> str:
    """The XML python-docx writes for a paragraph of this shape, with ``{}`` for each run's text.

    Paragraphs are many (problem categories, basis of every rule, in every unit's 通报) and
    python-docx builds each element by element; the shape is asked of python-docx once.
    """
    p = _scratch().add_paragraph()
    fmt = p.paragraph_format
    fmt.line_spacing = Pt(LINE_PT)
    fmt.space_before = fmt.space_after = Pt(0)
    if indent:
        fmt.first_line_indent = Pt(size * 2)
    if align is not None:
        p.alignment = align
    if right_indent is not None:
        fmt.right_indent = Pt(right_indent)
    for i, font in enumerate(fonts):
        _font(p.add_run(f"@@{i}@@"), font, size, bold)
    xml = etree.tostring(p._p, encoding="unicode").replace("{", "{{").replace("}", "}}")
    xml = re.sub(r'\s+xmlns:\w+="[^"]*"', "", xml)  # the document declares w: at its root
    if set(re.findall(r"</?(\w+):", xml)) != {"w"}:
        raise AssertionError(f"unexpected paragraph XML: {xml}")
    for i in range(len(fonts)):
        xml = xml.replace(f"<w:t>@@{i}@@</w:t>", "{}", 1)
    if xml.count("{}") != len(fonts) or "@@" in xml:
        raise AssertionError(f"unexpected paragraph XML: {xml}")
    return xml


@lru_cache(maxsize=1)
def _scratch():
    return Document()


def _page_number_footer(section) -> None:
    p = section.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(p.add_run("— "), TABLE_FONT, 14)
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    p._p.append(field)
    _font(p.add_run(" —"), TABLE_FONT, 14)


def _new_document():
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = BODY_FONT, Pt(BODY_PT)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)
    _page_number_footer(section)
    return doc


def _section(doc, landscape: bool):
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
        section.top_margin = section.bottom_margin = Mm(20)
        section.left_margin = section.right_margin = Mm(18)
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(37), Mm(35)
        section.left_margin, section.right_margin = Mm(28), Mm(26)
    return section


def _text_xml(text: str) -> str:
    """The run content of ``text`` as python-docx writes it: tab -> w:tab, CR/LF -> w:br."""
    if not SPECIAL.search(text):
        space = ' xml:space="preserve"' if text != text.strip() else ""
        return f"<w:t{space}>{xml_escape(text)}</w:t>" if text else ""
    parts = []
    for piece in SPECIAL.split(text):
        if piece == "\t":
            parts.append("<w:tab/>")
        elif piece in ("\r", "\n"):
            parts.append("<w:br/>")
        elif piece:
            space = ' xml:space="preserve"' if piece != piece.strip() else ""
            parts.append(f"<w:t{space}>{xml_escape(piece)}</w:t>")
    return "".join(parts)


def _table(doc, header: list[str], rows: list[list[Any]], size: float = 10.5, widths: list[float] | None = None):
    """A bordered table: header by python-docx, body rows as XML put in by :func:`_save`.

    python-docx walks the element tree for every cell it touches, which made a 问题清单 of a
    few thousand rows take minutes; the body rows are the elements it would write (cell
    width, one 宋体 run of ``size`` points), built as text.
    """
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, name in zip(table.rows[0].cells, header):
        cell.text = ""
        p = cell.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _font(p.add_run(name), HEI, size)
    if widths:
        for cell, w in zip(table.rows[0].cells, widths):
            cell.width = Mm(w)
    if not rows:
        return table
    twips = [tc.width.twips for tc in table.rows[0]._tr.tc_lst]
    rpr = (f'<w:rPr><w:rFonts w:ascii="{TABLE_FONT}" w:hAnsi="{TABLE_FONT}" w:eastAsia="{TABLE_FONT}"/>'
           f'<w:b w:val="0"/><w:sz w:val="{int(round(size * 2))}"/></w:rPr>')
    row = "<w:tr>" + "".join(f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{w}"/></w:tcPr><w:p><w:r>{rpr}'
                             "{}</w:r></w:p></w:tc>" for w in twips) + "</w:tr>"
    texts: dict[Any, str] = {}  # rule titles, basis, dates and statuses repeat row after row

    def text(v: Any) -> str:
        if v not in texts:
            texts[v] = _text_xml("" if v is None else ILLEGAL_XML.sub("", str(v)))
        return texts[v]

    pending = doc.__dict__.setdefault("_zwgk_xml", {})
    marker = etree.Comment(f"zwgk-{len(pending)}")
    pending[f"<!--{marker.text}-->".encode()] = [row.format(*map(text, values)) for values in rows]
    table._tbl.append(marker)
    return table


def _save(doc, path: Path) -> Path:
    """Save, then put the XML of paragraphs and table rows where their markers are."""
    path.parent.mkdir(parents=True, exist_ok=True)
    pending = doc.__dict__.get("_zwgk_xml")
    if not pending:
        doc.save(path)
        return path
    buffer = io.BytesIO()
    doc.save(buffer)
    with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as out:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/document.xml":
                pieces = re.split(rb"(<!--zwgk-\d+-->)", data)
                if [p for p in pieces[1::2]] != list(pending):
                    raise AssertionError(f"{path.name}: markers out of order or missing")
                data = b"".join(p if i % 2 == 0 else "".join(pending[p]).encode("utf-8")
                                for i, p in enumerate(pieces))
            out.writestr(info.filename, data)
    return path


def _head(doc, r: dict[str, Any]) -> None:
    if r["doc_number"]:
        _para(doc, r["doc_number"], indent=False, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(doc, r["title"], TITLE_FONT, 22, indent=False, align=WD_ALIGN_PARAGRAPH.CENTER)
    if r["period_line"]:
        _para(doc, r["period_line"], KAI, BODY_PT, indent=False, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(doc, "")
    _para(doc, r["recipient"], indent=False)


def _sections(doc, items: list[dict[str, str]]) -> None:
    for s in items:
        _para(doc, parts=[(s["heading"], KAI), (s["text"], BODY_FONT)])


def _signature(doc, r: dict[str, Any]) -> None:
    _para(doc, "")
    for text in (r["issuer"], r["report_date"]):
        _para(doc, text, indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT, right_indent=BODY_PT * 2)


def _attachment_head(doc, no: Any, title: str) -> None:
    _para(doc, f"附件{no}", HEI, BODY_PT, indent=False)
    _para(doc, title, TITLE_FONT, 18, indent=False, align=WD_ALIGN_PARAGRAPH.CENTER)


def _basis(doc, r: dict[str, Any], rules_used: list[dict[str, Any]]) -> None:
    _para(doc, "一、检查依据", HEI, indent=False)
    _para(doc, "、".join(r["basis_documents"]) + "，以及下列各项问题所列依据。")
    _para(doc, "二、检查方法", HEI, indent=False)
    _para(doc, f"{r['method_text']}监测时间段为{r['period_text']}，数据采集截止时间为{r['cutoff_text']}。")
    _para(doc, "三、问题类型、依据及整改建议", HEI, indent=False)
    for rule in rules_used:
        _para(doc, f"{rule['seq']}．{rule['title']}（{rule['severity_label']}，{rule['count']}处）", HEI)
        _para(doc, "检查依据：" + ("；".join(rule["basis"]) or "—"))
        _para(doc, "整改建议：" + (rule["advice"] or "—"))


def _reviewed(doc, items: list[dict[str, Any]], with_unit: bool) -> None:
    header = ["序号"] + (["单位"] if with_unit else []) + ["问题编号", "问题类型", "问题描述", "问题链接",
                                                          "核查结论", "情况说明", "核查日期"]
    rows = [[f["seq"]] + ([f["unit_name"]] if with_unit else []) +
            [f["problem_id"], f["rule_title"], f["message"], f["url"], f["review"], f["reason"], f["reviewed_at"]]
            for f in items]
    _table(doc, header, rows, size=9)


def write_unit_docx(r: dict[str, Any], path: Path) -> Path:
    doc = _new_document()
    _head(doc, r)
    _para(doc, r["opening"] + "现将有关情况通报如下：")
    _para(doc, "一、总体情况", HEI)
    for text in r["overview"]:
        _para(doc, text)
    _para(doc, "二、存在的主要问题", HEI)
    if r["sections"]:
        _sections(doc, r["sections"])
        _para(doc, f"具体问题详见附件{r['attachments']['no']['findings']}。")
    else:
        _para(doc, "未发现需要通报的问题。")
    _para(doc, r["requirements_heading"], HEI)
    for text in r["requirements"]:
        _para(doc, text)
    if r["findings"] and r["calendar_note"]:
        _para(doc, r["calendar_note"], size=12)
    for i, a in enumerate(r["attachments"]["list"]):
        prefix = "附件：" if i == 0 else "　　　"
        _para(doc, f"{prefix}{a['no']}．{a['title']}")
    _signature(doc, r)

    if r["findings"]:
        _section(doc, landscape=True)
        _attachment_head(doc, r["attachments"]["no"]["findings"], f"{r['unit_name']}政府信息公开专栏问题清单")
        header = ["序号", "问题编号", "栏目路径", "指标依据", "问题类型", "严重程度", "问题描述", "问题链接",
                  "截图", "首次发现", "最近确认", "整改时限", "整改状态"]
        rows = [[f["seq"], f["problem_id"], f["column"], f["basis"], f["rule_title"], f["severity_label"],
                 f["message"], f["url"] + (f"\n链接目标：{f['target']}" if f["target"] else ""),
                 (f"evidence/{f['shot']['file']}" if f["shot"]["file"] else f["shot"]["text"]),
                 f["first_seen"], f["last_seen"], f["deadline"], f["status"]] for f in r["findings"]]
        _table(doc, header, rows, size=8, widths=[8, 22, 22, 28, 18, 12, 40, 48, 18, 16, 16, 16, 17])
    if r["fixed"]:
        _section(doc, landscape=True)
        _attachment_head(doc, r["attachments"]["no"]["fixed"], f"{r['unit_name']}上期问题整改情况")
        header = ["序号", "问题编号", "栏目路径", "问题类型", "问题描述", "问题链接", "首次发现", "最后发现",
                  "复查日期", "整改状态"]
        rows = [[f["seq"], f["problem_id"], f["column"], f["rule_title"], f["message"], f["url"],
                 f["first_seen"], f["last_seen"], f["fixed_on"], f["status"]] for f in r["fixed"]]
        _table(doc, header, rows, size=9)
    if r["reviewed"]:
        _section(doc, landscape=True)
        _attachment_head(doc, r["attachments"]["no"]["reviewed"], f"{r['unit_name']}人工核查情况说明")
        _reviewed(doc, r["reviewed"], with_unit=False)
    if r["findings"]:
        _section(doc, landscape=False)
        _attachment_head(doc, r["attachments"]["no"]["basis"], "检查依据及整改建议")
        _basis(doc, r, r["rules_used"])
    return _save(doc, path)


def write_summary_docx(r: dict[str, Any], path: Path) -> Path:
    doc = _new_document()
    _head(doc, r)
    _para(doc, r["opening"] + "现将有关情况通报如下：")
    _para(doc, "一、总体情况", HEI)
    for text in r["overview"]:
        _para(doc, text)
    labels = [s["label"] for s in r["severities"]]
    _para(doc, "表1　各单位检查情况", HEI, 14, indent=False, align=WD_ALIGN_PARAGRAPH.CENTER)
    rows = [[u["seq"], u["name"], u["pages"], *u["counts"], u["total"]] for u in r["unit_table"]]
    rows.append(["合计", "", r["totals"]["pages"], *r["totals"]["counts"], r["totals"]["total"]])
    _table(doc, ["序号", "单位", "采集网页数", *labels, "合计"], rows)
    rect = r["rectification"]
    if rect["rows"]:
        _para(doc, f"表{r['table_no']['rectification']}　上期问题整改情况", HEI, 14, indent=False,
              align=WD_ALIGN_PARAGRAPH.CENTER)
        rows = [[x["name"], x["previous"], x["fixed"], x["remaining"], x["rate"], x["repeat"], x["new"]]
                for x in rect["rows"]]
        t = rect["totals"]
        rows.append(["合计", t["previous"], t["fixed"], t["remaining"], t["rate"], t["repeat"], t["new"]])
        _table(doc, ["单位", "上期问题数", "已整改", "仍未整改", "整改率", "连续两期及以上未整改", "本期新增"], rows)
    for group in r["ranking"]:
        _para(doc, f"表{group['no']}　{group['name']}问题数量排序", HEI, 14, indent=False,
              align=WD_ALIGN_PARAGRAPH.CENTER)
        _table(doc, ["排序", "单位", *labels, "合计"],
               [[x["rank"], x["name"], *x["counts"], x["total"]] for x in group["rows"]])
    _para(doc, "二、存在的主要问题", HEI)
    if r["sections"]:
        _sections(doc, r["sections"])
        if r["type_table"]:
            _para(doc, f"表{r['table_no']['types']}　问题类型统计", HEI, 14, indent=False,
                  align=WD_ALIGN_PARAGRAPH.CENTER)
            extra = ["上期", "较上期"] if r["has_previous"] else []
            rows = [[t["seq"], t["title"], t["severity_label"], t["count"],
                     *([t["previous"], t["change"]] if extra else []), t["units_text"]] for t in r["type_table"]]
            _table(doc, ["序号", "问题类型", "严重程度", "数量", *extra, "涉及单位"], rows)
    else:
        _para(doc, "本次检查未发现问题。")
    _para(doc, "三、整改要求", HEI)
    for text in r["requirements"]:
        _para(doc, text)
    if r["calendar_note"]:
        _para(doc, r["calendar_note"], size=12)
    names = [f"{u['name']}政府信息公开专栏检查情况通报" for u in r["unit_links"]]
    names.append("检查依据及整改建议")
    if r["reviewed"]:
        names.append("人工核查情况说明")
    for i, name in enumerate(names, 1):
        _para(doc, f"{'附件：' if i == 1 else '　　　'}{i}．{name}")
    _signature(doc, r)
    _section(doc, landscape=False)
    _attachment_head(doc, r["basis_attachment_no"], "检查依据及整改建议")
    _basis(doc, r, r["rules_used"])
    if r["reviewed"]:
        _section(doc, landscape=True)
        _attachment_head(doc, r["reviewed_attachment_no"], "人工核查情况说明")
        _reviewed(doc, r["reviewed"], with_unit=True)
    return _save(doc, path)
