"""The extractor against real pages saved from government sites (tests/fixtures/real/).

Every expected value below was written by hand from reading the page itself (its visible
metadata block, breadcrumb, title and head meta), not copied from the extractor's output.
A field the page does not carry is None. ``published_date`` comes from a visible 发布日期
line when there is one, otherwise from the CMS's ``<meta name="PubDate">`` in the head.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from crawler.extract import ClassifyHints, decode_html, inspect_html

FIXTURES = Path(__file__).parent / "fixtures" / "real"
HINTS = ClassifyHints(policy_columns=("政策文件", "政府文件", "部门文件", "政府令"))

FIELDS = ("title", "index_no", "issuer", "doc_number", "written_date", "published_date", "validity",
          "revised_date")


def page(path: str, url: str, page_type: str, **fields):
    """One case: every contract field not given is expected to be None."""
    unknown = set(fields) - set(FIELDS)
    assert not unknown, unknown
    expected = {f: fields.get(f) for f in FIELDS}
    return pytest.param(path, url, page_type, expected, id=Path(path).stem)


def load(path: str, url: str):
    body = (FIXTURES / path).read_bytes()
    text, _ = decode_html(body, "text/html")
    return inspect_html(text, url, HINTS)


JX = "http://www.jiangxi.gov.cn"
PT = "https://www.pingtan.gov.cn/zwgk/zfxxgk/gwhwj/hzgfxwj"


def normative(name: str, url: str, title: str, index_no: str, issuer: str, doc_number: str,
              written: str, published: str):
    # TRS 行政规范性文件 (ColumnName 行政规范性文件, breadcrumb …> 管委会文件 > 行政规范性文件).
    # The label reads 有&ensp;效&ensp;性： with <em>有效</em>; most titles say 关于废止…, but
    # validity comes from the label only.
    return page(f"www.pingtan.gov.cn/normative/{name}", url, "normative_doc",
                title=title, index_no=index_no, issuer=issuer, doc_number=doc_number,
                written_date=written, published_date=published, validity="有效")


CASES = [
    # --- 大汉 Hanweb, www.jiangxi.gov.cn: metadata table with spaced labels (索  引  号, 文      号)
    page("www.jiangxi.gov.cn/art_4975_1503934.html", f"{JX}/art/2020/2/13/art_4975_1503934.html",
         "policy_doc",  # ColumnName 政策文件; breadcrumb …> 政策法规 > 政策文件
         title="江西省人民政府办公厅关于新时代推进普通高中育人方式改革的实施意见",
         index_no="014500815/2020-01655", issuer="省政府办公厅", doc_number="赣府厅发〔2020〕4号",
         written_date="2020-02-05", published_date="2020-02-13"),  # PubDate meta 2020-02-13 15:04
    page("www.jiangxi.gov.cn/art_4969_1497540.html", f"{JX}/art/2020/2/9/art_4969_1497540.html",
         "other",  # ColumnName and breadcrumb: 工作动态 (not a 政策文件 column)
         title="江西省人民政府办公厅印发关于金融支持防控疫情稳定经济增长若干措施的通知",
         index_no="014500815/2020-01518", issuer="省政府办公厅", doc_number="赣府厅字〔2020〕14号",
         written_date="2020-02-09", published_date="2020-02-09"),  # PubDate 2020-02-09 21:14
    page("www.jiangxi.gov.cn/art_14236_1505204.html", f"{JX}/art/2020/2/13/art_14236_1505204.html",
         "interpretation",  # 解读材料; no metadata table, only 发布日期：2020-02-13 22:22
         title="解读《关于金融支持防控疫情稳定经济增长若干措施》", published_date="2020-02-13"),
    page("www.jiangxi.gov.cn/art_14236_1508394.html", f"{JX}/art/2020/2/18/art_14236_1508394.html",
         "interpretation",  # image-only 图解: one <img>, 发布日期 line and 相关文件 link
         title="解读《江西省政务服务“好差评”管理办法》", published_date="2020-02-18"),
    page("www.jiangxi.gov.cn/art_4980_1515143.html", f"{JX}/art/2020/3/3/art_4980_1515143.html",
         "other",  # 人事信息 > 领导干部任免: a 任职通知 with full metadata, not a policy document
         title="江西省人民政府关于袁红林等同志任职的通知",
         index_no="014500815/2020-02781", issuer="江西省人民政府", doc_number="赣府字〔2020〕8号",
         written_date="2020-02-27", published_date="2020-03-03"),  # PubDate 2020-03-03 12:00
    page("www.jiangxi.gov.cn/art_4975_1510362_xxgkhide_RAWBYTES.html",
         f"{JX}/art/2020/2/26/art_4975_1510362.html?xxgkhide=1",
         "policy_doc",  # ColumnName 政策文件; the ?xxgkhide=1 body still has the metadata table
         title="江西省人民政府办公厅关于促进3岁以下婴幼儿照护服务发展的实施意见",
         index_no="014500815/2020-02346", issuer="省政府办公厅", doc_number="赣府厅发〔2020〕6号",
         written_date="2020-02-21", published_date="2020-02-26"),  # PubDate 2020-02-26 10:44

    # --- TRS, www.pingtan.gov.cn 行政规范性文件: 索引号/主题分类/发文机关/成文日期/标题/发文字号/发布日期/有效性
    normative("hzgfxwj_87951_youxiao.html", f"{PT}/202403/t20240312_87951.htm",
              "平潭综合实验区管委会关于印发《平潭综合实验区留用地货币补偿与安置管理办法》的通知",
              "PZ00101-1700-2024-00189", "平潭综合实验区管委会", "岚综管规〔2024〕1号",
              "2024-03-04", "2024-03-04"),
    normative("hzgfxwj_79734_feizhi_notice_youxiao.html", f"{PT}/202308/t20230821_79734.htm",
              "平潭县人民政府关于废止《平潭县人民政府关于加强电动自行车安全管理的通告》的通知",
              "PZ00101-1700-2023-00038", "平潭综合实验区党工委政法工作部", "岚政综〔2023〕26号",
              "2023-08-21", "2023-08-21"),
    normative("hzgfxwj_79799_feizhi_notice_youxiao.html", f"{PT}/201804/t20180408_79799.htm",
              "平潭综合实验区管委会关于废止《关于福州（平潭）综合实验区基础地形图统一供图的通知》的通知",
              "PZ00101-1700-2023-00055", "平潭综合实验区管委会办公室", "岚综管综〔2018〕43号",
              "2018-04-08", "2018-04-08"),
    normative("hzgfxwj_79834_feizhi_notice_youxiao.html", f"{PT}/201705/t20170518_79834.htm",
              "平潭综合实验区管委会关于废止《平潭综合实验区办公建筑和商业建筑规划管理实施细则》的通知",
              "PZ00101-1700-2023-00068", "平潭综合实验区自然资源与生态环境局", "岚综管综〔2017〕117号",
              "2017-05-18", "2017-05-18"),
    normative("hzgfxwj_79838_feizhi_notice_youxiao.html", f"{PT}/202005/t20200520_79838.htm",
              "平潭综合实验区管委会关于废止《平潭综合实验区城市规划管理技术暂行规定》（2011年版）的通知",
              "PZ00101-1700-2023-00072", "平潭综合实验区自然资源与生态环境局", "岚综管综〔2020〕35号",
              "2020-05-20", "2020-05-20"),
    normative("hzgfxwj_90007_feizhi_decision_youxiao.html", f"{PT}/202405/t20240515_90007.htm",
              "平潭综合实验区管委会关于废止《平潭综合实验区管委会关于对区属公司承担公益性项目有关代建管理费标准问题的通知》的决定",
              "PZ00101-1700-2024-00452", "区财政金融局", "岚综管规〔2024〕4号",
              "2024-05-14", "2024-05-15"),  # 成文 and 发布 differ by a day
    normative("hzgfxwj_94506_feizhi_decision_youxiao.html", f"{PT}/202410/t20241021_94506.htm",
              "平潭综合实验区管委会关于废止《平潭综合实验区管委会关于印发 〈平潭综合实验区促进新兴产业园区综合开发措施（试行）〉的通知》的决定",
              "PZ00101-2500-2024-00886", "平潭综合实验区管委会", "岚综管规〔2024〕8号",
              "2024-10-15", "2024-10-15"),
    normative("hzgfxwj_102350_feizhi_decision_youxiao.html", f"{PT}/202510/t20251029_102350.htm",
              "平潭综合实验区管委会关于废止《平潭综合实验区管委会关于印发〈平潭综合实验区政府集中采购目录及限额标准〉的通知》的决定",
              "PZ00101-1700-2025-00662", "平潭综合实验区管委会", "岚综管规〔2025〕2号",
              "2025-06-26", "2025-06-26"),

    # --- TRS, pingtan 指南: 来源：平潭综合实验区管委会办公室 / 时间：2024-03-23 16:23; the body says
    # 《指南》实时更新 but names no 修订 date, so revised_date is None.
    page("www.pingtan.gov.cn/pingtan_zfxxgkzn_t20231104_51587.html",
         "https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgkzn/202311/t20231104_51587.htm", "guide",
         title="平潭综合实验区政府信息公开指南", issuer="平潭综合实验区管委会办公室",
         published_date="2024-03-23"),
    # --- TRS, pingtan 年报 list: 10 static items (标题 / 发布日期 columns), page 2+ only via the API.
    page("www.pingtan.gov.cn/pingtan_zfxxgknb_list_index.html",
         "https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/", "list", title="政府信息公开年报"),

    # --- www.shuyang.gov.cn 年报 (browser-saved, wrapped by its collector): 名称/索引号/分类/发布机构/
    # 公开日期/文号(empty)/关键词/时效(empty). An empty 时效 cell is no validity.
    page("www.shuyang.gov.cn/shuyang_sygfj_gknb_2023_annual_report.html",
         "http://www.shuyang.gov.cn/sygfj/gknb/202401/2ecfb31a335f4d689220a3a23e24a986.shtml",
         "annual_report", title="沭阳县发展和改革局2023年政府信息公开年度报告",
         index_no="014314799/2024-00002", issuer="沭阳县发展和改革局", published_date="2024-01-17"),

    # --- www.gov.cn fragments (div.wrap only: no <title>, no breadcrumb, no column meta). They
    # are 国务院 documents, but nothing on the fragment says 政策文件 (主题分类 is a subject such
    # as 农业、林业、水利), so they are "other" under the project's policy_columns.
    page("www.gov.cn_fragments/govcn_zhengce_content_5345639_fragment.html",
         "http://www.gov.cn/zhengce/content/2018-12/04/content_5345639.htm", "other",
         title="国务院关于棉粮、糖粮挂钩奖售粮几个问题的通知", index_no="000014349/1981-00021",
         issuer="国务院", doc_number="国发〔1981〕88号", written_date="1981-05-23",
         published_date="2018-12-04"),
    page("www.gov.cn_fragments/govcn_zhengce_content_5351586_fragment.html",
         "http://www.gov.cn/zhengce/content/2018-12/24/content_5351586.htm", "other",
         title="国务院办公厅对全国政协十届三次会议第2741号提案的答复", index_no="000014349/2005-00155",
         issuer="国务院办公厅", doc_number="国办函〔2005〕69号", written_date="2005-07-14",
         published_date="2018-12-24"),
    page("www.gov.cn_fragments/govcn_zhengce_content_5365945_fragment.html",
         "http://www.gov.cn/zhengce/content/2019-02/15/content_5365945.htm", "other",
         title="国务院关于在市场监管领域全面推行部门联合“双随机、一公开”监管的意见",
         index_no="000014349/2019-00007", issuer="国务院", doc_number="国发〔2019〕5号",
         written_date="2019-01-27", published_date="2019-02-15"),

    # --- list pages
    page("wsjkw.sh.gov.cn/shwsjkw_yqtb_list.html", "https://wsjkw.sh.gov.cn/yqtb/index.html", "list",
         title="疫情通报"),  # <li><a>…</a><span class="time">2022-04-27</span></li> rows
    # Hanweb jpage list: the static HTML has the title, the heading 政策法规解读· 以案释法, an empty
    # <div id="380055"> and a Handlebars template filled by loadPageData(); no item link, no
    # date, no pagination in the markup (the items sit only in a script variable). It is
    # still a column list page.
    page("sthjt.jiangxi.gov.cn/jx_sthjt_col42150_zcfgjd_list.html",
         "https://sthjt.jiangxi.gov.cn/jxssthjt/col/col42150/index.html", "list",
         title="政策法规解读· 以案释法"),

    # --- 开普云 Ucap, www.wanzai.gov.cn: 索 引 号 / 生成日期 / 公开方式 / 公开时限 / 公开范围 /
    # 责任部门 (in <dd class="ReleaseMechanism">, i.e. the 发布机构); ColumnName 统计数据, a
    # 统计公报: not a policy document.
    page("www.wanzai.gov.cn/wanzai_tjgb_2022_detail_xxgk.html",
         "http://www.wanzai.gov.cn/wzxrmzf/tjjtjsj/202308/wanzai_tjgb_2022.shtml", "other",
         title="万载县2022年国民经济和社会发展统计公报", index_no="014742224A/2023-0043406",
         issuer="万载县统计局", written_date="2023-05-11",  # 生成日期
         published_date="2023-08-16"),  # PubDate meta 2023-08-16 10:33:59
]


@pytest.mark.parametrize("path,url,page_type,expected", CASES)
def test_real_page(path, url, page_type, expected):
    info = load(path, url)
    assert info.page_type == page_type
    assert {f: info.fields[f] for f in FIELDS} == expected
    assert info.as_contract()["fields"] == info.fields


def _links(path: str, url: str) -> dict[str, str]:
    return {l["url"]: l["text"] for l in load(path, url).links}


def test_policy_links_its_interpretation():
    links = _links("www.jiangxi.gov.cn/art_4969_1497540.html", f"{JX}/art/2020/2/9/art_4969_1497540.html")
    target = f"{JX}/art/2020/2/13/art_14236_1505204.html"
    assert target in links
    assert "解读" in links[target]


def test_interpretation_links_back_to_policy():
    links = _links("www.jiangxi.gov.cn/art_14236_1505204.html", f"{JX}/art/2020/2/13/art_14236_1505204.html")
    target = f"{JX}/art/2020/2/9/art_4969_1497540.html"
    assert target in links
    assert links[target] == "江西省人民政府办公厅印发关于金融支持防控疫情稳定经济增长若干措施的通知"


def test_other_related_links():
    links = _links("www.jiangxi.gov.cn/art_4975_1503934.html", f"{JX}/art/2020/2/13/art_4975_1503934.html")
    assert "解读" in links[f"{JX}/art/2020/2/13/art_14236_1510383.html"]
    links = _links("www.jiangxi.gov.cn/art_14236_1508394.html", f"{JX}/art/2020/2/18/art_14236_1508394.html")
    assert f"{JX}/art/2020/2/18/art_4969_1506820.html" in links
    links = _links("www.wanzai.gov.cn/wanzai_tjgb_2022_detail_xxgk.html",
                   "http://www.wanzai.gov.cn/wzxrmzf/tjjtjsj/202308/wanzai_tjgb_2022.shtml")
    target = "http://www.wanzai.gov.cn/wzxrmzf/tjjjdhy/202307/bb8049063e11403994c3d01d8813a11a.shtml"
    assert "解读" in links[target]


def test_list_items_are_links():
    links = _links("www.pingtan.gov.cn/pingtan_zfxxgknb_list_index.html",
                   "https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/")
    reports = {u: t for u, t in links.items() if "年度政府信息公开工作年度报告" in t}
    assert len(reports) == 10
    assert reports["https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/202603/t20260313_105587.htm"] == \
        "平潭综合实验区2025年度政府信息公开工作年度报告"
    links = _links("wsjkw.sh.gov.cn/shwsjkw_yqtb_list.html", "https://wsjkw.sh.gov.cn/yqtb/index.html")
    assert "https://wsjkw.sh.gov.cn/xwfb/20220426/d4d847dcf3f64fcab102cf5a65656891.html" in links
    # the script-filled Hanweb list: no article link exists in the static markup
    links = _links("sthjt.jiangxi.gov.cn/jx_sthjt_col42150_zcfgjd_list.html",
                   "https://sthjt.jiangxi.gov.cn/jxssthjt/col/col42150/index.html")
    assert not [u for u in links if "/content/content_" in u]


def test_normative_validity_comes_from_the_label():
    info = load("www.pingtan.gov.cn/normative/hzgfxwj_94506_feizhi_decision_youxiao.html",
                f"{PT}/202410/t20241021_94506.htm")
    assert "废止" in info.fields["title"]
    assert info.fields["validity"] == "有效"
    assert info.labels["_validity_source"] == "label"


def test_raw_bytes_without_header_charset_decode_as_chinese():
    body = (FIXTURES / "www.jiangxi.gov.cn/art_4975_1510362_xxgkhide_RAWBYTES.html").read_bytes()
    text, encoding = decode_html(body, "text/html")
    assert encoding == "utf-8"
    assert "婴幼儿" in text
    assert "\ufffd" not in text
    info = inspect_html(text, f"{JX}/art/2020/2/26/art_4975_1510362.html?xxgkhide=1", HINTS)
    assert "婴幼儿" in info.fields["title"]


def test_fixtures_are_unmodified():
    """Every copied page still has the SHA-256 recorded in fixtures/real/README.md."""
    import hashlib
    import re

    rows = re.findall(r"^\| `([^`]+)` \|.*\| `([0-9a-f]{16})` \|$",
                      (FIXTURES / "README.md").read_text(encoding="utf-8"), re.M)
    assert len(rows) == len(list(FIXTURES.rglob("*.html")))
    for name, digest in rows:
        assert hashlib.sha256((FIXTURES / name).read_bytes()).hexdigest()[:16] == digest, name
