"""crawler/extract/encoding.py: decode HTML bytes the way a browser ends up showing them."""

from __future__ import annotations

import codecs
from pathlib import Path

from crawler.extract import decode_html
from crawler.extract.encoding import canonical, header_charset, meta_charset

TEXT = "平潭综合实验区政府信息公开指南：索引号、发文机关、成文日期、有效性。"


def html(meta: str = "") -> str:
    return f"<html><head>{meta}<title>政府信息公开</title></head><body><p>{TEXT}</p></body></html>"


def test_gbk_bytes_without_any_charset():
    body = html().encode("gbk")
    text, encoding = decode_html(body, "text/html")
    assert encoding == "gb18030"
    assert TEXT in text


def test_gbk_bytes_without_content_type():
    text, encoding = decode_html(html().encode("gbk"), None)
    assert encoding == "gb18030"
    assert TEXT in text


def test_gbk_bytes_with_a_wrong_utf8_header():
    body = html().encode("gbk")
    text, encoding = decode_html(body, "text/html; charset=utf-8")
    assert encoding == "gb18030"
    assert TEXT in text
    assert "\ufffd" not in text


def test_meta_gb2312_when_the_header_says_utf8():
    body = html('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">').encode("gbk")
    text, encoding = decode_html(body, "text/html; charset=UTF-8")
    assert encoding == "gb18030"  # gb2312 is read as its superset
    assert TEXT in text


def test_meta_gb2312_beats_a_latin1_server_default():
    body = html('<meta charset="gb2312">').encode("gbk")
    text, encoding = decode_html(body, "text/html; charset=ISO-8859-1")
    assert encoding == "gb18030"
    assert TEXT in text


def test_header_gbk_beats_meta_utf8_when_both_decode():
    # the header is the stronger declaration (as in browsers); the GBK body decodes under it
    body = html('<meta charset="utf-8">').encode("gbk")
    text, encoding = decode_html(body, "text/html; charset=GBK")
    assert encoding == "gb18030"
    assert TEXT in text


def test_meta_utf8_with_a_gbk_body_falls_back():
    body = html('<meta charset="utf-8">').encode("gbk")
    text, encoding = decode_html(body, "text/html")
    assert encoding == "gb18030"
    assert TEXT in text


def test_utf8_bom():
    body = codecs.BOM_UTF8 + html().encode("utf-8")
    text, encoding = decode_html(body, "text/html")
    assert encoding == "utf-8"
    assert text.startswith("<html>")  # the BOM itself is not text
    assert TEXT in text


def test_utf8_bom_beats_a_wrong_header():
    body = codecs.BOM_UTF8 + html().encode("utf-8")
    text, encoding = decode_html(body, "text/html; charset=gbk")
    assert encoding == "utf-8"
    assert TEXT in text


def test_plain_utf8():
    text, encoding = decode_html(html('<meta charset="utf-8">').encode("utf-8"), "text/html; charset=utf-8")
    assert encoding == "utf-8"
    assert TEXT in text


def test_plain_utf8_without_any_charset():
    text, encoding = decode_html(html().encode("utf-8"), "text/html")
    assert encoding == "utf-8"
    assert TEXT in text


def test_undecodable_bytes_never_raise():
    text, encoding = decode_html(b"<html>\xff\xfe\xfa\x80\x81</html>", "text/html; charset=utf-8")
    assert isinstance(text, str) and encoding


def test_real_raw_body_sent_without_charset():
    """www.jiangxi.gov.cn sent this body as Content-Type: text/html (requests then assumed
    ISO-8859-1); its meta says utf-8."""
    path = Path(__file__).parent / "fixtures/real/www.jiangxi.gov.cn/art_4975_1510362_xxgkhide_RAWBYTES.html"
    body = path.read_bytes()
    for content_type in ("text/html", "text/html; charset=ISO-8859-1", None):
        text, encoding = decode_html(body, content_type)
        assert encoding == "utf-8"
        assert "婴幼儿照护服务" in text


def test_charset_names():
    assert canonical("GB2312") == canonical("gbk") == canonical("x-gbk") == "gb18030"
    assert canonical("UTF8") == "utf-8"
    assert canonical("no-such-charset") is None
    assert header_charset('text/html; charset="GBK"') == "gb18030"
    assert header_charset("text/html") is None
    assert meta_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />') == "gb18030"
    assert meta_charset(b"<meta charset='utf-8'>") == "utf-8"
