import json
from pathlib import Path

from lxml import html

from checks.annual_tables import Grid, applications, audit_applications, parse_cell, reviews
from crawler.extract import decode_html, inspect_html
from crawler.extract.tables import extract_tables
from crawler.records import document_record

REAL = Path(__file__).resolve().parent / "fixtures" / "real"
SHUYANG = REAL / "www.shuyang.gov.cn" / "shuyang_sygfj_gknb_2023_annual_report.html"


def tables_of(markup: str) -> list[dict]:
    return extract_tables(html.document_fromstring(markup))


def test_rowspan_and_colspan_spread_over_the_grid():
    [t] = tables_of("""<table>
        <tr><td rowspan="2" colspan="2">corner</td><td colspan="2">head</td></tr>
        <tr><td>a</td><td>b</td></tr>
        <tr><td>x</td><td>y</td><td>1</td><td>2</td></tr></table>""")
    assert t["rows"] == [["corner", "corner", "head", "head"],
                         ["corner", "corner", "a", "b"],
                         ["x", "y", "1", "2"]]
    assert [0, 0, 2, 2] in t["spans"] and [0, 2, 1, 2] in t["spans"]


def test_blank_cells_dashes_and_missing_cells_are_kept_apart():
    [t] = tables_of("<table><tr><td>项目</td><td>数量</td><td>金额</td></tr>"
                    "<tr><td>行政强制</td><td>&nbsp;</td><td>—</td></tr><tr><td>行政许可</td></tr></table>")
    assert t["rows"][1] == ["行政强制", "", "—"]
    assert t["rows"][2] == ["行政许可", None, None]
    assert parse_cell(t["rows"][1][1]).kind == "blank"
    assert parse_cell(t["rows"][1][2]).kind == "dash" and parse_cell("—").number == 0
    assert parse_cell(t["rows"][2][1]).kind == "absent"


def test_numbers_as_reports_write_them():
    assert parse_cell("1,234").value == 1234
    assert parse_cell(" 3件 ").value == 3
    assert parse_cell("0.5万元").value == 0.5
    assert parse_cell("１２").value == 12
    for dash in ("-", "－", "/", "无", "——"):
        assert parse_cell(dash).kind == "dash"
    assert parse_cell("见附件").kind == "text"


def test_broken_markup_and_bad_span_values_do_not_break_the_grid():
    tables = tables_of("""<div><table><tr><td colspan="2px">a<td rowspan="abc">b<tr><td colspan="0">c</td>
        <td rowspan="999">d</td><td colspan="9999">e</table><p>after""")
    [t] = tables
    assert t["rows"][0][:3] == ["a", "a", "b"] and set(t["rows"][0][3:]) == {None}
    assert t["rows"][1][:3] == ["c", "d", "e"]
    assert len(t["rows"]) == 2 and len(t["rows"][1]) == 60
    assert tables_of("<table></table><table><tr></tr></table><p>no table</p>") == []


def test_layout_tables_are_skipped_and_their_data_tables_kept():
    tables = tables_of("""<table class="layout"><tr><td><div>正文</div>
        <table><tr><td>信息内容</td><td>本年制发件数</td></tr><tr><td>规章</td><td>0</td></tr></table>
        </td></tr></table>""")
    assert [t["rows"] for t in tables] == [[["信息内容", "本年制发件数"], ["规章", "0"]]]


def test_cell_text_joins_paragraphs_and_line_breaks():
    [t] = tables_of("<table><tr><td><p>本年新<br/>制作数量</p></td><td><p>商业</p><p>企业</p></td></tr>"
                    "<tr><td>1</td><td>2</td></tr></table>")
    assert t["rows"][0] == ["本年新 制作数量", "商业 企业"]


def test_real_report_tables_are_stored_on_the_document():
    text = decode_html(SHUYANG.read_bytes(), None)[0]
    url = "http://www.shuyang.gov.cn/sygfj/gknb/202401/2ecfb31a335f4d689220a3a23e24a986.shtml"
    info = inspect_html(text, url)
    assert info.page_type == "annual_report"
    assert len(info.tables) == 4
    record = document_record(info, url, "", 1)
    stored = json.loads(record["tables"])
    table3 = stored[2]["rows"]
    assert table3[3][:4] == ["一、本年新收政府信息公开申请数量"] * 3 + ["26"]
    assert table3[5][0] == "三、本年度办理结果" and table3[26][0] == "三、本年度办理结果"
    assert stored[3]["rows"][2][5] == "结果维持" and stored[3]["rows"][0][5] == "行政诉讼"
    app = applications(Grid(stored[2]))
    assert app.roles[-1] == "总计" and set(app.rows) == {"new", "in", "total", "out"}
    assert audit_applications(app).failures == []
    assert reviews(Grid(stored[3]))["行政复议"]["尚未审结"].value == 1


def test_other_pages_store_no_tables():
    info = inspect_html("<title>通知</title><div class='main'><h1>关于开展检查的通知</h1><p>发布日期：2024-01-02</p>"
                        "<table><tr><td>序号</td><td>单位</td></tr><tr><td>1</td><td>区教育局</td></tr></table></div>",
                        "http://t.gov.cn/a.html")
    assert info.tables == [] and document_record(info, info.url, "", 1)["tables"] is None


def test_one_number_across_applicant_columns_is_not_assessed():
    grid = Grid({"rows": [
        ["说明", "自然人", "商业企业", "科研机构", "总计"],
        ["一、本年新收政府信息公开申请数量", "3", "2", "2", "5"],
    ], "spans": [[1, 2, 1, 2]]})
    app = applications(grid)
    assert app.rows["new"]["商业企业"].kind == "merged"
    audit = audit_applications(app)
    assert audit.failures == [] and audit.skipped
