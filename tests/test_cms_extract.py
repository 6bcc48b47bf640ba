"""List discovery and decoding on real CMS markup: script pagination, Hanweb datastore and
jpage dataproxy requests, JSON list answers, which pages need the browser."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from crawler.extract import decode_html, inspect_html
from crawler.extract.datalists import data_requests, data_to_html, expand_embedded_lists
from crawler.render import render_reason

REAL = Path(__file__).parent / "fixtures" / "real"


def real(name: str, url: str):
    text, _ = decode_html((REAL / name).read_bytes())
    return text, inspect_html(text, url)


def kinds(info, kind: str) -> list[str]:
    return [l["url"] for l in info.links if l["kind"] == kind]


# -- script pagination ---------------------------------------------------------------------

def test_wsjkw_pager_plugin_total_page_and_location_template():
    _, info = real("wsjkw.sh.gov.cn/shwsjkw_yqtb_list.html", "https://wsjkw.sh.gov.cn/yqtb/index.html")
    pages = kinds(info, "pagination")
    assert "https://wsjkw.sh.gov.cn/yqtb/index_2.html" in pages and "https://wsjkw.sh.gov.cn/yqtb/index_54.html" in pages
    assert not any(l["url"].endswith("/index_") for l in info.links)  # 'index_'+i+'.html' is no redirect


@pytest.mark.parametrize("script", [
    'createPageHTML(4, 0, "index", "html");',
    "var countPage = 4//共多少页\nvar currentPage = 0;\ncreatePageHTML(countPage, currentPage, \"index\", \"html\");",
    "createPageHTML('page_div', 4, 1, 'index', 'html', 60);",
])
def test_trs_create_page_html_with_numbers_or_variables(script):
    info = inspect_html(f"<html><body><ul><li>x</li></ul><script>{script}</script></body></html>",
                        "http://t.gov.cn/xxgk/gfxwj/index.html")
    assert kinds(info, "pagination") == [f"http://t.gov.cn/xxgk/gfxwj/{n}" for n in
                                         ("index.html", "index_1.html", "index_2.html", "index_3.html")]


def test_function_definitions_are_not_pagination():
    script = ('function createPageHTML(_nPageCount, _nCurrIndex, _sPageName, _sPageExt){'
              'document.write("<a href=\\""+_sPageName+"_"+i+"."+_sPageExt+"\\">")}')
    info = inspect_html(f"<html><body><script>{script}</script></body></html>", "http://t.gov.cn/a/")
    assert kinds(info, "pagination") == []


# -- Hanweb datastore / jpage ----------------------------------------------------------------

HANWEB = """<html><head><title>规范性文件_测试市</title></head><body>
<div id="8801"><script type="text/xml"><datastore>
<nextgroup><![CDATA[<a href="/module/web/jpage/dataproxy.jsp?page=1&appid=1&webid=3&columnid=2103&unitid=8801"></a>]]></nextgroup>
<recordset>
<record><![CDATA[
<li><a href='/art/2024/3/1/art_2103_1.html' title='测试市司法局关于印发某办法的通知'>测试市司法局关于印发某办法的通知</a><span>2024-03-01</span></li>]]></record>
<record><![CDATA[
<li><a href='/art/2024/2/1/art_2103_2.html' title='测试市司法局关于印发另一办法的通知'>测试市司法局关于印发另一办法的通知</a><span>2024-02-01</span></li>]]></record>
</recordset></datastore></script></div>
<script>$(function(){$('#8801').jpage({themeName:'default',totalRecord:7,dataStore:dataStore,groupSize:1,
proxyUrl:'/module/web/jpage/dataproxy.jsp',perPage:2,ajaxParam:{col:1,appid:'1',webid:3,path:'/',
columnid:2103,unitid:'8801',webname:'测试市司法局',permissiontype:0}});});</script></body></html>"""


def test_datastore_records_are_list_items():
    info = inspect_html(HANWEB, "http://h.gov.cn/col/col2103/index.html")
    items = [l for l in info.links if l["kind"] == "list"]
    assert [l["url"] for l in items] == ["http://h.gov.cn/art/2024/3/1/art_2103_1.html",
                                        "http://h.gov.cn/art/2024/2/1/art_2103_2.html"]
    assert info.page_type == "list"
    assert "<datastore" not in expand_embedded_lists(HANWEB)


def test_jpage_requests_the_records_not_in_the_page():
    found = data_requests(HANWEB, "http://h.gov.cn/col/col2103/index.html")
    assert [r.url for r in found] == [
        f"http://h.gov.cn/module/web/jpage/dataproxy.jsp?startrecord={s}&endrecord={s + 1}&perpage=2" for s in (3, 5, 7)]
    assert all(r.method == "POST" for r in found)
    assert found[0].form == {"col": "1", "appid": "1", "webid": "3", "path": "/", "columnid": "2103",
                             "unitid": "8801", "webname": "测试市司法局", "permissiontype": "0"}


def test_nextgroup_without_jpage_totals():
    page = HANWEB.split("<script>$(function")[0] + "</body></html>"
    found = data_requests(page, "http://h.gov.cn/col/col2103/index.html")
    assert [(r.method, r.url) for r in found] == [
        ("GET", "http://h.gov.cn/module/web/jpage/dataproxy.jsp?page=1&appid=1&webid=3&columnid=2103&unitid=8801")]


def test_init_data_array_records():
    page = ("<html><body><div id='9'></div><script>var InitData9 = ['<li><a href=\\'/art/1.html\\'>第一号文件的标题</a>"
            "<span>2024-01-02</span></li>','<li><a href=\"/art/2.html\">第二号文件的标题</a><span>2024-01-01</span></li>'];"
            "$('#9').jpage({totalRecord:2,dataStore:InitData9,proxyUrl:'/x/dataproxy.jsp',perPage:20});</script></body></html>")
    info = inspect_html(page, "http://h.gov.cn/col/col9/index.html")
    assert kinds(info, "list") == ["http://h.gov.cn/art/1.html", "http://h.gov.cn/art/2.html"]
    assert data_requests(page, "http://h.gov.cn/col/col9/index.html") == []


def test_dataproxy_xml_answer_becomes_a_list():
    answer = ('<?xml version="1.0" encoding="UTF-8"?><datastore><totalrecord>7</totalrecord><recordset>'
              "<record><![CDATA[<li><a href='/art/2024/1/1/art_2103_3.html'>第三号文件</a><span>2024-01-01</span></li>]]>"
              "</record></recordset></datastore>")
    html, more = data_to_html(answer, "http://h.gov.cn/module/web/jpage/dataproxy.jsp?startrecord=3")
    assert kinds(inspect_html(html, "http://h.gov.cn/m/"), "list") == ["http://h.gov.cn/art/2024/1/1/art_2103_3.html"]
    assert more == []


def test_json_list_answer_with_urls_as_a_json_string():
    answer = ('{"code":200,"data":{"total":1,"list":[{"title":"《某办法》政策解读",'
              '"urls":"{\\"pc\\":\\"/jxssthjt/col/col42150/content/content_1.html\\"}","pubDate":"2025-07-29 16:59"}]}}')
    html, _ = data_to_html(answer, "http://s.gov.cn/api/list")
    assert kinds(inspect_html(html, "http://s.gov.cn/api/list"), "list") == [
        "http://s.gov.cn/jxssthjt/col/col42150/content/content_1.html"]


# -- which pages need the browser ------------------------------------------------------------

@pytest.mark.parametrize("name, url, reason", [
    ("sthjt.jiangxi.gov.cn/jx_sthjt_col42150_zcfgjd_list.html",
     "http://sthjt.jiangxi.gov.cn/jxssthjt/col/col42150/index.html", "template"),
    ("www.pingtan.gov.cn/pingtan_zfxxgknb_list_index.html",
     "https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/", "more_records"),
    ("wsjkw.sh.gov.cn/shwsjkw_yqtb_list.html", "https://wsjkw.sh.gov.cn/yqtb/index.html", None),
    ("www.jiangxi.gov.cn/art_4975_1503934.html", "http://www.jiangxi.gov.cn/art/2020/2/13/art_4975_1503934.html", None),
    ("www.wanzai.gov.cn/wanzai_tjgb_2022_detail_xxgk.html", "http://www.wanzai.gov.cn/wzxrmzf/tjj/x.shtml", None),
])
def test_render_decision_on_real_pages(name, url, reason):
    text, info = real(name, url)
    assert render_reason(text, url, info.page_type) == reason


def test_empty_list_container_filled_by_a_request_needs_the_browser():
    page = ('<html><body><div class="position">当前位置：首页</div><ul class="xxgk-list" id="listBox"></ul>'
            "<script>var x=new XMLHttpRequest();x.open('GET','/api/list?page=1');x.send();</script></body></html>")
    assert render_reason(page, "http://k.gov.cn/a/xxgk.shtml?code=gfxwj", "other") == "empty_list"
    assert render_reason(page.replace("XMLHttpRequest", "Date"), "http://k.gov.cn/a/x.shtml", "other") is None
    assert render_reason("<html><body><p>正文</p></body></html>", "http://k.gov.cn/app/list", "other",
                         (r"/app/",)) == "pattern"


def test_hanweb_datastore_page_needs_no_browser():
    assert render_reason(HANWEB.replace("<div id=\"8801\">", '<div id="8801" class="list">'),
                         "http://h.gov.cn/col/col2103/index.html", "list") is None


# -- decoding ----------------------------------------------------------------------------------

TEXT = "规范性文件：索引号、发文机关、成文日期、有效性。"


def test_valid_utf8_wins_over_a_gbk_declaration():
    body = f'<html><head><meta charset="gbk"></head><body>{TEXT}</body></html>'.encode("utf-8")
    text, encoding = decode_html(body, "text/html; charset=GBK")
    assert encoding == "utf-8" and TEXT in text


def test_a_ranged_body_cut_inside_a_character_still_decodes():
    body = f"<html><body>{TEXT * 20}</body></html>".encode("utf-8")[:-20]
    text, encoding = decode_html(body[:len(body) - 1], "text/html")
    assert encoding == "utf-8" and "\ufffd" not in text


def test_xml_declaration_names_the_encoding():
    body = f'<?xml version="1.0" encoding="GBK"?><datastore><record>{TEXT}</record></datastore>'.encode("gbk")
    text, encoding = decode_html(body, "text/xml")
    assert encoding == "gb18030" and TEXT in text


def test_utf16_bom():
    text, encoding = decode_html(codecs.BOM_UTF16_LE + f"<p>{TEXT}</p>".encode("utf-16-le"), "text/html")
    assert encoding == "utf-16-le" and TEXT in text
