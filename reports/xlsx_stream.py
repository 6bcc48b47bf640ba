"""Data rows of large sheets, written as sheet XML beside what openpyxl writes.

openpyxl builds a Python object per cell and styles it through hashed look-ups, which made
the 整改台账 of a run with tens of thousands of problems take minutes. Here openpyxl still
writes everything around the rows (titles, headers, column widths, merged cells, frozen
panes, filters, validations, the styles), and the rows themselves are streamed into each
sheet's ``<sheetData>`` as the same cells openpyxl would write: inline strings with
``xml:space="preserve"`` where needed, numbers as numbers, the cell style ids registered in
the workbook's own style table, hyperlinks as external relationships of the sheet.
Strings are written as text, never as formulas, and characters XML cannot carry (control
characters in crawled text) are dropped instead of failing the whole file.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable
from xml.sax.saxutils import quoteattr

from openpyxl.cell import Cell
from openpyxl.utils import get_column_letter

from reports.text import ILLEGAL_XML

REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
HYPERLINK_TYPE = REL_NS + "/hyperlink"
CHUNK = 2000  # rows encoded and compressed at a time


@dataclass
class _Rows:
    start: int                                  # number of the first row
    rows: list[tuple[list[Any], dict[int, str]]]  # (values, {column: hyperlink})
    body: int                                   # style id of a plain cell
    link: int                                   # style id of a hyperlinked cell
    height: float | None = None


def style_id(ws, **styles: Any) -> int:
    """Register a cell style (font, border, alignment, fill …) in the workbook; its xf id."""
    cell = Cell(ws)
    for name, value in styles.items():
        setattr(cell, name, value)
    return cell.style_id


def _cell(ref: str, style: int, value: Any) -> str:
    """One cell as openpyxl writes it (control characters are removed from whole chunks later)."""
    if value is None or value == "":
        return f'<c r="{ref}" s="{style}"/>'
    if value.__class__ is str:
        space = ' xml:space="preserve"' if value != value.strip() else ""
        text = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        return f'<c r="{ref}" s="{style}" t="inlineStr"><is><t{space}>{text}</t></is></c>'
    if isinstance(value, bool):
        return f'<c r="{ref}" s="{style}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, (int, float)):
        return f'<c r="{ref}" s="{style}" t="n"><v>{value}</v></c>'
    return _cell(ref, style, str(value))


class RowStream:
    """Rows registered per sheet with :meth:`add`, written into the file by :meth:`save`."""

    def __init__(self, wb: Any) -> None:
        self.wb = wb
        self.sheets: dict[int, _Rows] = {}

    def add(self, ws: Any, start: int, rows: list[tuple[list[Any], dict[int, str]]], body: int, link: int,
            height: float | None = None) -> int:
        """Rows from row ``start`` on (below what openpyxl writes); returns the last row number."""
        self.sheets[self.wb.worksheets.index(ws) + 1] = _Rows(start, rows, body, link, height)
        return start + len(rows) - 1

    def _row_chunks(self, spec: _Rows) -> Iterable[str]:
        """The rows as XML, a chunk at a time (what :func:`_cell` writes, inlined for speed)."""
        width = max(len(values) for values, _ in spec.rows)
        letters = [get_column_letter(c) for c in range(1, width + 1)]
        height = f' ht="{spec.height:g}" customHeight="1"' if spec.height else ""
        body, link = f'" s="{spec.body}"', f'" s="{spec.link}"'
        out: list[str] = []
        for number, (values, links) in enumerate(spec.rows, spec.start):
            n = str(number)
            parts = ['<row r="', n, '"', height, ">"]
            add = parts.extend
            for col, value in enumerate(values):
                style = link if links and links.get(col + 1) else body
                if value is None or value == "":
                    add(('<c r="', letters[col], n, style, "/>"))
                elif value.__class__ is str:
                    text = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                    space = ' xml:space="preserve"' if value != value.strip() else ""
                    add(('<c r="', letters[col], n, style, ' t="inlineStr"><is><t', space, ">", text, "</t></is></c>"))
                else:
                    parts.append(_cell(letters[col] + n, 0, value).replace(' s="0"', style[1:], 1))
            parts.append("</row>")
            out.append("".join(parts))
            if len(out) >= CHUNK:
                yield ILLEGAL_XML.sub("", "".join(out))
                out = []
        if out:
            yield ILLEGAL_XML.sub("", "".join(out))

    @staticmethod
    def _hyperlinks(spec: _Rows) -> tuple[str, str]:
        """The ``<hyperlink>`` elements of the rows and the relationships they point to."""
        width = max(len(values) for values, _ in spec.rows)
        letters = [get_column_letter(c) for c in range(1, width + 1)]
        elements, rels = [], []
        for number, (_, links) in enumerate(spec.rows, spec.start):
            for col, target in sorted((links or {}).items()):
                if not target or col > width:
                    continue
                rid = f"rIdz{len(elements) + 1}"
                elements.append(f'<hyperlink xmlns:r="{REL_NS}" ref="{letters[col - 1]}{number}" r:id="{rid}"/>')
                rels.append(f'<Relationship Type="{HYPERLINK_TYPE}" Target={quoteattr(ILLEGAL_XML.sub("", target))} '
                            f'TargetMode="External" Id="{rid}"/>')
        return "".join(elements), "".join(rels)

    def _write_sheet(self, out: zipfile.ZipFile, info: zipfile.ZipInfo, xml: str, spec: _Rows, links: str) -> None:
        """Stream the sheet XML with the rows (and their hyperlinks) inserted."""
        last_col = get_column_letter(max(len(values) for values, _ in spec.rows))
        xml = _widen_dimension(xml, last_col, spec.start + len(spec.rows) - 1)
        if "<sheetData/>" in xml:  # openpyxl wrote no row at all
            xml = xml.replace("<sheetData/>", "<sheetData></sheetData>", 1)
        head, tail = xml.split("</sheetData>", 1)
        head = re.sub(r'<row r="(\d+)"[^>]*?(?:/>|></row>)',  # rows openpyxl left empty
                      lambda m: "" if int(m.group(1)) >= spec.start else m.group(0), head)
        if re.search(r'<row r="(\d+)"', head) and max(map(int, re.findall(r'<row r="(\d+)"', head))) >= spec.start:
            raise ValueError(f"{info.filename}: rows from {spec.start} on were also written by openpyxl")
        if links:
            if "</hyperlinks>" in tail:
                tail = tail.replace("</hyperlinks>", links + "</hyperlinks>", 1)
            else:
                at = min(i for i in (tail.find("<printOptions"), tail.find("<pageMargins"),
                                     tail.find("<pageSetup"), tail.find("</worksheet>")) if i >= 0)
                tail = tail[:at] + f"<hyperlinks>{links}</hyperlinks>" + tail[at:]
        entry = zipfile.ZipInfo(info.filename, info.date_time)
        entry.compress_type = zipfile.ZIP_DEFLATED
        entry._compresslevel = 1  # fast: most of the bytes are repeated markup
        with out.open(entry, "w", force_zip64=True) as stream:
            stream.write(head.encode("utf-8"))
            for chunk in self._row_chunks(spec):
                stream.write(chunk.encode("utf-8"))
            stream.write(("</sheetData>" + tail).encode("utf-8"))

    def save(self, path: Path) -> Path:
        buffer = io.BytesIO()
        self.wb.save(buffer)
        buffer.seek(0)
        path.parent.mkdir(parents=True, exist_ok=True)
        specs = {n: s for n, s in self.sheets.items() if s.rows}
        links = {n: self._hyperlinks(s) for n, s in specs.items()}
        with zipfile.ZipFile(buffer) as skeleton, \
                zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as out:
            names = skeleton.namelist()
            for info in skeleton.infolist():
                number = _sheet_number(info.filename)
                rels_of = _rels_number(info.filename)
                if number in specs:
                    xml = skeleton.read(info).decode("utf-8")
                    self._write_sheet(out, info, xml, specs[number], links[number][0])
                    continue
                data = skeleton.read(info)
                if rels_of in links and links[rels_of][1]:
                    data = data.replace(b"</Relationships>", links[rels_of][1].encode("utf-8") + b"</Relationships>", 1)
                out.writestr(info.filename, data)
            for number, (_, rels) in links.items():
                name = f"xl/worksheets/_rels/sheet{number}.xml.rels"
                if rels and name not in names:
                    out.writestr(name, f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                                       f'relationships">{rels}</Relationships>')
        return path


def _sheet_number(name: str) -> int | None:
    found = re.fullmatch(r"xl/worksheets/sheet(\d+)\.xml", name)
    return int(found.group(1)) if found else None


def _rels_number(name: str) -> int | None:
    found = re.fullmatch(r"xl/worksheets/_rels/sheet(\d+)\.xml\.rels", name)
    return int(found.group(1)) if found else None


def _widen_dimension(xml: str, last_col: str, last_row: int) -> str:
    """``<dimension ref="A1:Q2"/>`` of the skeleton, stretched over the streamed rows."""
    def widen(m: re.Match) -> str:
        col, row = m.group(3) or m.group(1), int(m.group(4) or m.group(2))
        col = col if (len(col), col) >= (len(last_col), last_col) else last_col
        return f'<dimension ref="{m.group(1)}{m.group(2)}:{col}{max(row, last_row)}"/>'
    return re.sub(r'<dimension ref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"/>', widen, xml, count=1)
