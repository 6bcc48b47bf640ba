"""Link verdicts a person would agree with: a redirect to the home page is a soft 404, a
certificate problem is its own finding, retries back off, redirects into private ranges are
stopped, attachments and huge pages are never downloaded whole."""

from __future__ import annotations

import datetime as dt
import http.server
import json
import ssl
import subprocess
import sys
import threading
import time

import pytest
import sqlite_utils
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from tests.portals import Reply, Server

BIG = 16 * 1024 * 1024


def self_signed(tmp) -> tuple[str, str]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.timezone.utc)
    import ipaddress

    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=30))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False)
            .sign(key, hashes.SHA256()))
    cert_path, key_path = tmp / "cert.pem", tmp / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return str(cert_path), str(key_path)


def https_server(tmp) -> tuple[http.server.HTTPServer, int]:
    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def _answer(self):
            body = "<html><head><title>证书错误的站点</title></head><body><p>这是一个正常的页面内容。</p></body></html>".encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        do_GET = do_HEAD = _answer

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(*self_signed(tmp))
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, httpd.server_address[1]


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("verdicts")
    server = Server()
    tls, tls_port = https_server(tmp)
    times: list[float] = []

    def flaky(req):
        times.append(time.monotonic())
        return Reply("<h1>503</h1>", status=503) if len(times) < 3 else Reply("<title>好</title><p>恢复正常的页面内容。</p>")

    def big(req):
        if req.method == "HEAD":
            return Reply("", status=405)
        return Reply(b"%PDF-1.7\n" + b"0" * BIG, "application/pdf")

    links = ["/moved-home", "/moved-col", "/to-private", "/to-private10", f"https://127.0.0.1:{tls_port}/tls",
             "/files/big.pdf", "/files/missing.pdf", "/flaky", "/xxgk/huge.html", "/xxgk/blob.html",
             "javascript:void(0)", "mailto:a@b.cn", "tel:12345"]
    server.routes = {
        "/": Reply("<title>首页</title><p>欢迎访问本站，这里是网站首页的内容。</p>"),
        "/xxgk/": Reply("<title>信息公开</title>" + "".join(f'<a href="{h}">链接{i}</a>' for i, h in enumerate(links))),
        "/moved-home": Reply("", status=302, headers=(("Location", "/"),)),
        "/moved-col": Reply("", status=302, headers=(("Location", "/xxgk/"),)),
        "/to-private": Reply("", status=302, headers=(("Location", f"{server.ext}/secret"),)),
        "/to-private10": Reply("", status=302, headers=(("Location", "http://10.255.255.1/oa"),)),
        "/secret": Reply("<p>内网</p>"),
        "/files/big.pdf": big,
        "/files/missing.pdf": Reply("<html><head><title>提示</title></head><body>对不起，您访问的页面不存在！</body></html>"),
        "/flaky": flaky,
        "/xxgk/huge.html": Reply("<html><head><title>很大的页面</title></head><body>" + "<p>很长的内容。</p>" * 30000
                                 + "</body></html>"),
        "/xxgk/blob.html": Reply(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 5000, "text/html"),
    }
    config = tmp / "site.toml"
    config.write_text(f"""
[site]
id = "v"
name = "测试区"
start_urls = ["{server.base}/xxgk/"]
[[units]]
id = "u"
name = "测试单位"
urls = ["{server.base}/xxgk/"]
[crawl]
allow_private_networks = false
requests_per_second_per_host = 0
timeout_seconds = 3.0
retries = 2
retry_backoff_seconds = 0.3
max_page_kb = 64
max_browser_pages = 0
""", encoding="utf-8")
    db = tmp / "v.db"
    cli = [sys.executable, "-m", "crawler.cli"]
    try:
        crawl = subprocess.run(cli + ["crawl", "--config", str(config), "--db", str(db)], capture_output=True,
                               text=True, timeout=120)
        assert crawl.returncode == 0, crawl.stderr
        check = subprocess.run(cli + ["check", "--config", str(config), "--db", str(db), "--quiet"],
                               capture_output=True, text=True, timeout=120)
        assert check.returncode == 0, check.stderr
    finally:
        server.stop()
        tls.shutdown()
    found = subprocess.run(cli + ["findings", "--db", str(db), "--format", "json"], capture_output=True, text=True)
    probes = {r["url"].replace(server.base, ""): r for r in sqlite_utils.Database(db).query("select * from probes")}
    pages = {r["url"].replace(server.base, ""): r for r in sqlite_utils.Database(db).query("select * from pages")}
    return probes, pages, json.loads(found.stdout), server, times, tls_port, crawl.stderr


def test_redirect_of_a_deep_link_to_the_home_page_is_a_soft_404(crawled):
    probes = crawled[0]
    assert probes["/moved-home"]["outcome"] == "soft_404"
    assert probes["/moved-col"]["outcome"] == "ok"


def test_redirects_into_private_ranges_are_stopped(crawled):
    probes, _, _, server, *_ = crawled
    for path in ("/to-private", "/to-private10"):
        assert probes[path]["outcome"] == "skipped" and "private" in probes[path]["error"], probes[path]
    assert server.hits["/secret"] == 0


def test_certificate_error_is_its_own_finding_not_broken(crawled):
    probes, _, findings, _, _, port, _ = crawled
    target = f"https://127.0.0.1:{port}/tls"
    assert probes[target]["outcome"] == "tls_error"
    assert "certificate" in probes[target]["error"]
    rules = {f["rule"] for f in findings if f["target"] == target}
    assert rules == {"link.tls-error"}


def test_retries_back_off_exponentially(crawled):
    probes, times = crawled[0], crawled[4]
    assert probes["/flaky"]["outcome"] == "ok"
    first, second = times[1] - times[0], times[2] - times[1]
    assert first >= 0.3 and second >= 0.6, (first, second)  # 0.3 s, then 0.3 × 2


def test_attachments_and_huge_pages_are_not_downloaded_whole(crawled):
    probes, pages, _, server, *_ = crawled
    assert probes["/files/big.pdf"]["outcome"] == "ok"
    assert server.sent["/files/big.pdf"] < BIG
    assert probes["/files/missing.pdf"]["outcome"] == "soft_404"  # an attachment answered by a 页面不存在 page
    assert pages["/xxgk/huge.html"]["error"] == "too_large"
    assert pages["/xxgk/blob.html"]["error"] == "binary"
    assert probes["/xxgk/huge.html"]["outcome"] == "ok"


def test_pseudo_links_are_ignored_and_cuts_reported(crawled):
    probes, *_, stderr = crawled
    assert not any(u.startswith(("javascript", "mailto", "tel")) for u in probes)
    assert "too_large" in stderr and "binary" in stderr


def test_the_browser_obeys_the_private_address_guard():
    import asyncio

    from crawler import netguard

    guard = netguard.PrivateNetworkGuard({"127.0.0.1"})
    previous, netguard._ACTIVE = netguard._ACTIVE, guard
    try:
        blocked = asyncio.run(netguard.browser_request_blocked("http://10.1.2.3/oa/login"))
        allowed = asyncio.run(netguard.browser_request_blocked("http://127.0.0.1:8080/xxgk/"))
    finally:
        netguard._ACTIVE = previous
    assert blocked and not allowed
