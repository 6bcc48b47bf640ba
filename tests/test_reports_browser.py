"""The rendered 通报 seen the way people see them: in Chromium, as PNG and as PDF, and as Word/Excel."""

import asyncio
import re
from datetime import datetime, timezone

import pytest
from docx import Document
from openpyxl import load_workbook

from crawler.evidence import CHROMIUM, CHROMIUM_ARGS
from reports.render import render_reports
from tests.test_reports import EVIL, RULES, populate

SECTIONS_UNIT = ["一、总体情况", "二、存在的主要问题", "三、整改要求", "附件1", "问题清单", "检查依据及整改建议"]
SECTIONS_SUMMARY = ["一、总体情况", "二、存在的主要问题", "三、整改要求", "各单位检查情况", "问题数量排序",
                    "问题类型统计", "检查依据及整改建议"]
LIST_HEADERS = ["序号", "问题编号", "栏目路径", "指标依据", "问题类型", "严重程度", "问题描述", "问题链接", "截图",
                "首次发现", "最近确认", "整改时限", "整改状态"]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("browser")
    db, config = populate(tmp)
    paths = render_reports(db, config, 1, tmp / "out", now=datetime(2025, 9, 30, 8, tzinfo=timezone.utc),
                           rules=RULES)
    return db, paths, tmp


async def _inspect(paths, tmp):
    from playwright.async_api import async_playwright

    seen = {}
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = await browser.new_page(viewport={"width": 1280, "height": 900})
        for name, path in [("summary", paths["summary"]), *paths["units"].items()]:
            await page.goto(path.resolve().as_uri())
            png = tmp / f"{name or 'site'}.png"
            await page.screenshot(path=str(png), full_page=True)
            seen[name] = {
                "text": await page.inner_text("body"),
                "scripts": await page.locator("script").count(),
                "pids": await page.locator("table.findings tbody tr td.pid").all_inner_texts(),
                "headers": await page.locator("table.findings thead th").all_inner_texts(),
                "empty_tables": await page.evaluate(
                    "[...document.querySelectorAll('table')].filter(t => !t.querySelector('tbody tr')).length"),
                "svg_bars": await page.locator("figure.chart svg rect").count(),
                "png": png,
            }
        await browser.close()
    return seen


@pytest.fixture(scope="module")
def browser_view(rendered):
    _, paths, tmp = rendered
    return asyncio.run(_inspect(paths, tmp))


def test_every_section_present_and_tables_filled(browser_view):
    summary = browser_view["summary"]
    for heading in SECTIONS_SUMMARY:
        assert heading in summary["text"], heading
    assert summary["empty_tables"] == 0 and summary["svg_bars"] > 3
    unit = browser_view["sfj"]
    for heading in SECTIONS_UNIT:
        assert heading in unit["text"], heading
    assert unit["headers"] == LIST_HEADERS
    assert unit["empty_tables"] == 0
    assert browser_view["sfj"]["png"].read_bytes()[:4] == b"\x89PNG"


def test_every_finding_listed_once_in_its_unit(rendered, browser_view):
    db, _, _ = rendered
    for row in db.query("SELECT problem_id, unit FROM findings"):
        assert browser_view[row["unit"]]["pids"].count(row["problem_id"]) == 1
        others = [name for name, view in browser_view.items() if name not in (row["unit"], "summary")]
        assert all(row["problem_id"] not in browser_view[o]["pids"] for o in others)


def test_crawled_markup_stays_text(browser_view):
    for view in browser_view.values():
        assert view["scripts"] == 0
    assert EVIL in browser_view["sfj"]["text"]


def test_pdfs_are_printed_with_landscape_problem_list(rendered):
    _, paths, _ = rendered
    assert [p.name for p in paths["pdf"]][:1] == ["index.pdf"] and not paths["warnings"]
    data = (paths["units"]["sfj"].with_suffix(".pdf")).read_bytes()
    assert data.startswith(b"%PDF")
    sizes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\]", data)
    assert len(sizes) >= 3
    assert any(float(w) > float(h) for w, h in sizes) and any(float(w) < float(h) for w, h in sizes)


def test_word_versions_carry_the_same_text(rendered):
    db, paths, _ = rendered
    doc = Document(paths["units"]["sfj"].with_suffix(".docx"))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "示例区人民政府办公室关于2025年9月区司法局政府信息公开专栏检查情况的通报" in text
    assert "示政办公开〔2025〕7号" in text and "请于2025年10月14日前完成整改" in text
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    for row in db.query("SELECT problem_id FROM findings WHERE unit = 'sfj'"):
        assert cells.count(row["problem_id"]) == 1
    assert Document(paths["summary"].with_suffix(".docx")).paragraphs


def test_excel_ledger_and_feedback_form(rendered):
    db, paths, tmp = rendered
    ledger = load_workbook(tmp / "out" / "整改台账.xlsx")
    assert ledger.sheetnames[0] == "汇总" and "区司法局" in ledger.sheetnames
    ids = [r[1] for r in ledger["区司法局"].iter_rows(min_row=3, values_only=True)]
    assert sorted(ids) == sorted(r["problem_id"] for r in db.query("SELECT problem_id FROM findings WHERE unit='sfj'"))
    form = load_workbook(tmp / "out" / "units" / "sfj-整改反馈表.xlsx").active
    rows = list(form.iter_rows(values_only=True))
    header = next(i for i, r in enumerate(rows) if r and r[0] == "序号")
    assert "整改后链接" in rows[header]
    link_col = rows[header].index("整改后链接")
    body = rows[header + 1:]
    assert len(body) == 3 and all(r[1].startswith("ZW") and r[link_col] is None for r in body)
