"""A synthetic 信息公开专栏 of any size, generated on the fly and served on 127.0.0.1.

Used by the benchmarks (10,000 and 100,000 pages) and, at a few dozen pages, by the tests of
incremental, resumable, multi-site and distributed runs. Every page is a pure function of
(seed, path, version), so nothing is stored: a 100,000-page portal costs no memory.

Shape, per unit (区直部门/镇街): a column home, a 政府信息公开指南, and four columns
(规范性文件, 政策文件, 政策解读, 工作动态) of paginated lists (20 items a page) and detail
pages. A detail page carries about ten links: navigation, breadcrumb, previous/next, a
related 解读 or document, an attachment, an external link, and now and then a dead one.
Seeded defects: ~5% of attachments and 4 of the 50 external targets answer 404, ~2% of detail
pages link to a removed page, ~5% of 规范性文件 carry no 有效性 label.

The server behaves like a static CMS behind nginx: keep-alive, ETag and Last-Modified on
every page, 304 for a matching conditional request, HEAD, robots.txt, and a configurable
per-request delay (latency plus a transfer time proportional to the body, so a 304 is cheaper
than a full answer, as on a real link). ``bump(path)`` changes a page at run time.

    python -m benchmarks.portal --pages 10000 --port 8800 --delay-ms 20
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import random
import threading
import time
import zlib
from email.utils import formatdate, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

COLUMNS = (("gfxwj", "规范性文件"), ("zcwj", "政策文件"), ("zcjd", "政策解读"), ("gzdt", "工作动态"))
PAGE_SIZE = 20
EXTERNAL_TARGETS = 50
DEAD_EXTERNAL = {7, 19, 31, 43}
BASE_TIME = 1_700_000_000  # Last-Modified of version 0 (2023-11-14)

_WORDS = ("推进", "政务公开", "标准化", "规范化", "工作", "落实", "主体责任", "加强", "组织领导", "完善",
          "制度机制", "信息发布", "政策解读", "回应关切", "基层", "公共服务", "事项", "依法", "有序",
          "群众", "满意度", "持续", "优化", "营商环境", "数字政府", "建设", "统筹", "协调", "监督", "考核")


def _digest(*parts: object) -> int:
    return int.from_bytes(hashlib.blake2b("\x1f".join(map(str, parts)).encode(), digest_size=8).digest(), "big")


class SyntheticPortal:
    """The page model: which paths exist, what each one says."""

    def __init__(self, pages: int = 10_000, seed: int = 1, units: int | None = None, name: str = "测试区人民政府"):
        self.seed = seed
        self.name = name
        self.units = units or max(1, min(100, pages // 100))
        per_unit = max(8, pages // self.units)
        # per_unit = home + guide + docs + list pages (docs/20 per column, rounded up)
        docs = max(4, int((per_unit - 2) * PAGE_SIZE / (PAGE_SIZE + 1)))
        self.docs_per_column = [docs // 4 + (1 if i < docs % 4 else 0) for i in range(4)]
        self.versions: dict[str, int] = {}
        self.ext_origin = "http://localhost"  # set by the server once it has a port

    # -- the model ----------------------------------------------------------------------

    def unit_id(self, u: int) -> str:
        return f"u{u:03d}"

    def unit_name(self, u: int) -> str:
        return f"第{u + 1}单位" if u % 5 else f"第{u + 1}街道办事处"

    def list_pages(self, col: int) -> int:
        return max(1, math.ceil(self.docs_per_column[col] / PAGE_SIZE))

    def page_count(self) -> int:
        per_unit = 2 + sum(self.docs_per_column) + sum(self.list_pages(c) for c in range(4))
        return 1 + self.units * per_unit

    def doc_path(self, u: int, col: int, i: int) -> str:
        return f"/xxgk/{self.unit_id(u)}/{COLUMNS[col][0]}/{2020 + i % 5}/t{u:03d}{col}{i:05d}.html"

    def list_path(self, u: int, col: int, k: int) -> str:
        base = f"/xxgk/{self.unit_id(u)}/{COLUMNS[col][0]}/"
        return base + ("index.html" if k == 0 else f"index_{k}.html")

    def _rng(self, *key: object) -> random.Random:
        return random.Random(_digest(self.seed, *key))

    def attachment_broken(self, u: int, col: int, i: int) -> bool:
        return _digest(self.seed, "att", u, col, i) % 20 == 0

    def has_dead_link(self, u: int, col: int, i: int) -> bool:
        return _digest(self.seed, "dead", u, col, i) % 50 == 0

    def validity_missing(self, u: int, i: int) -> bool:
        return _digest(self.seed, "val", u, i) % 20 == 0

    def bump(self, path: str) -> None:
        """Change the page at ``path`` (a new version: new text, ETag and Last-Modified)."""
        self.versions[path] = self.versions.get(path, 0) + 1

    def config_toml(self, base: str, site_id: str = "bench", report_formats: tuple[str, ...] = (),
                    **crawl: object) -> str:
        lines = ["[site]", f'id = "{site_id}"', f'name = "{self.name}"', f'start_urls = ["{base}/xxgk/"]', ""]
        for u in range(self.units):
            lines += ["[[units]]", f'id = "{self.unit_id(u)}"', f'name = "{self.unit_name(u)}"',
                      f'urls = ["{base}/xxgk/{self.unit_id(u)}/"]',
                      f'category = "{"镇街" if u % 5 == 0 else "部门"}"', ""]
        # max_pages: the whole portal, never cut (its removed pages and old links count as pages too)
        settings = {"allow_private_networks": True, "requests_per_second_per_host": 0, "obey_robots": True,
                    "max_pages": max(20000, 2 * self.page_count()), "timeout_seconds": 15.0, **crawl}
        lines.append("[crawl]")
        for key, value in settings.items():
            lines.append(f"{key} = {_toml(value)}")
        if report_formats:
            lines += ["", "[report]", "formats = [" + ", ".join(f'"{f}"' for f in report_formats) + "]"]
        return "\n".join(lines) + "\n"

    # -- rendering ----------------------------------------------------------------------

    def resolve(self, path: str) -> tuple[int, bytes, str, int]:
        """(status, body, content type, version) for a GET of ``path``."""
        if path == "/robots.txt":
            return 200, b"User-agent: *\nDisallow:\n", "text/plain", 0
        if path.startswith("/ext/"):
            try:
                k = int(path[5:].split(".")[0])
            except ValueError:
                k = -1
            if 0 <= k < EXTERNAL_TARGETS and k not in DEAD_EXTERNAL:
                return 200, _page(f"外部网站{k}", "", "<p>外部网站首页。</p>"), "text/html; charset=utf-8", 0
            return 404, b"<html><title>404 Not Found</title><h1>Not Found</h1></html>", "text/html", 0
        if path.startswith("/files/"):
            parts = path.split("/")
            try:
                u, col, i = int(parts[2][1:]), int(parts[3]), int(parts[4].split(".")[0])
                ok = u < self.units and not self.attachment_broken(u, col, i)
            except (IndexError, ValueError):
                ok = False
            if ok:
                return 200, b"%PDF-1.4\n% synthetic attachment\n" + b"0" * 2048, "application/pdf", 0
            return 404, b"<html><title>404 Not Found</title></html>", "text/html", 0
        version = self.versions.get(path, 0)
        html = self._html(path, version)
        if html is None:
            return 404, b"<html><title>404 Not Found</title><h1>Not Found</h1></html>", "text/html", 0
        return 200, html, "text/html; charset=utf-8", version

    def _html(self, path: str, version: int) -> bytes | None:
        if path in ("/", "/index.html"):
            return _page(self.name, "", '<p><a href="/xxgk/">政府信息公开</a></p>')
        if path in ("/xxgk/", "/xxgk/index.html"):
            items = "".join(f'<li><a href="/xxgk/{self.unit_id(u)}/">{self.unit_name(u)}</a></li>'
                            for u in range(self.units))
            return _page(f"政府信息公开_{self.name}", self._crumbs([]), f"<ul class=\"units\">{items}</ul>")
        parts = path.strip("/").split("/")
        if len(parts) < 2 or not parts[1].startswith("u"):
            return None
        try:
            u = int(parts[1][1:])
        except ValueError:
            return None
        if u >= self.units:
            return None
        uid, uname = self.unit_id(u), self.unit_name(u)
        home = f"/xxgk/{uid}/"
        if len(parts) == 2 or (len(parts) == 3 and parts[2] == "index.html"):
            cols = "".join(f'<li><a href="{home}{c}/">{t}</a></li>' for c, t in COLUMNS)
            body = (f'<h2>{uname}</h2><ul class="columns"><li><a href="{home}zn/">政府信息公开指南</a></li>{cols}</ul>')
            return _page(f"{uname}_{self.name}", self._crumbs([(uname, home)]), body)
        if parts[2] == "zn" and (len(parts) == 3 or parts[3] == "index.html"):
            return self._guide(u, version)
        col = next((n for n, (c, _) in enumerate(COLUMNS) if c == parts[2]), None)
        if col is None:
            return None
        if len(parts) == 3 or parts[3].startswith("index"):
            name = parts[3] if len(parts) > 3 else "index.html"
            k = 0 if name == "index.html" else int(name[6:].split(".")[0]) if name[6:].split(".")[0].isdigit() else -1
            if not 0 <= k < self.list_pages(col):
                return None
            return self._list(u, col, k)
        if len(parts) == 5 and parts[4].startswith("t") and parts[4].endswith(".html"):
            try:
                i = int(parts[4][5:10])
            except ValueError:
                return None
            if i < self.docs_per_column[col] and self.doc_path(u, col, i) == path:
                return self._detail(u, col, i, version)
        return None

    def _crumbs(self, trail: list[tuple[str, str]]) -> str:
        links = ['<a href="/">首页</a>', '<a href="/xxgk/">政府信息公开</a>']
        links += [f'<a href="{href}">{text}</a>' for text, href in trail]
        return '<div class="breadcrumb"><span>当前位置：</span>' + " &gt; ".join(links) + "</div>"

    def _text(self, rng: random.Random, sentences: int) -> str:
        out = []
        for _ in range(sentences):
            words = rng.choices(_WORDS, k=rng.randint(8, 16))
            out.append(f"<p>{''.join(words)}，{''.join(rng.choices(_WORDS, k=6))}。</p>")
        return "".join(out)

    def _guide(self, u: int, version: int) -> bytes:
        uname, home = self.unit_name(u), f"/xxgk/{self.unit_id(u)}/"
        rng = self._rng("guide", u, version)
        revised = time.strftime("%Y年%m月%d日", time.gmtime(BASE_TIME - 86400 * (30 + u * 7 % 600)))
        body = (f"<h1>{uname}政府信息公开指南</h1><div class=\"info\">修订时间：{revised}</div>"
                f"<div class=\"content\">{self._text(rng, 12)}</div>")
        return _page(f"{uname}政府信息公开指南", self._crumbs([(uname, home), ("政府信息公开指南", home + "zn/")]), body)

    def _list(self, u: int, col: int, k: int) -> bytes:
        uname, home = self.unit_name(u), f"/xxgk/{self.unit_id(u)}/"
        cname = COLUMNS[col][1]
        first = k * PAGE_SIZE
        items = []
        for i in range(first, min(first + PAGE_SIZE, self.docs_per_column[col])):
            items.append(f'<li><a href="{self.doc_path(u, col, i)}">{self._title(u, col, i)}</a>'
                         f"<span>{self._date(u, col, i)}</span></li>")
        n = self.list_pages(col)
        pager = [f'<a href="{self.list_path(u, col, 0)}">首页</a>']
        if k > 0:
            pager.append(f'<a href="{self.list_path(u, col, k - 1)}">上一页</a>')
        if k + 1 < n:
            pager.append(f'<a href="{self.list_path(u, col, k + 1)}">下一页</a>')
        pager.append(f'<a href="{self.list_path(u, col, n - 1)}">尾页</a>')
        body = (f'<h2>{cname}</h2><ul class="list">{"".join(items)}</ul>'
                f'<div class="pager">{" ".join(pager)}</div>')
        return _page(f"{cname}_{uname}", self._crumbs([(uname, home), (cname, self.list_path(u, col, 0))]), body)

    def _title(self, u: int, col: int, i: int) -> str:
        uname = self.unit_name(u)
        if col == 0:
            return f"{uname}关于印发第{i + 1}号管理办法的通知"
        if col == 1:
            return f"{uname}关于推进第{i + 1}项重点工作的实施意见"
        if col == 2:
            return f"《{uname}关于推进第{i + 1}项重点工作的实施意见》政策解读"
        return f"{uname}召开第{i + 1}次工作会议"

    def _date(self, u: int, col: int, i: int) -> str:
        return time.strftime("%Y-%m-%d", time.gmtime(BASE_TIME - 86400 * ((u * 7 + col * 3 + i) % 900)))

    def _detail(self, u: int, col: int, i: int, version: int) -> bytes:
        uid, uname = self.unit_id(u), self.unit_name(u)
        home = f"/xxgk/{uid}/"
        ccode, cname = COLUMNS[col]
        title = self._title(u, col, i) + ("（修订）" if version else "")
        date = self._date(u, col, i)
        rng = self._rng("doc", u, col, i, version)
        rows = [("索 引 号", f"11330{u:03d}/{2020 + i % 5}-{col}{i:05d}"), ("发文机关", uname),
                ("成文日期", date), ("发布日期", date)]
        if col in (0, 1):
            rows.insert(2, ("文　　号", f"{uname[:2]}{'规' if col == 0 else '发'}〔{2020 + i % 5}〕{i + 1}号"))
        if col == 0 and not (self.validity_missing(u, i) and not version):
            rows.append(("有 效 性", "有效"))
        meta = "".join(f"<tr><th>{k}：</th><td>{v}</td></tr>" for k, v in rows)
        links = []
        n = self.docs_per_column[col]
        if i > 0:
            links.append(f'<a href="{self.doc_path(u, col, i - 1)}">上一篇：{self._title(u, col, i - 1)}</a>')
        if i + 1 < n:
            links.append(f'<a href="{self.doc_path(u, col, i + 1)}">下一篇：{self._title(u, col, i + 1)}</a>')
        if col == 1 and i < self.docs_per_column[2] and i % 3:
            links.append(f'<a href="{self.doc_path(u, 2, i)}">相关解读：{self._title(u, 2, i)}</a>')
        if col == 2 and i < self.docs_per_column[1]:
            links.append(f'<a href="{self.doc_path(u, 1, i)}">原文链接：{self._title(u, 1, i)}</a>')
        links.append(f'<a href="/files/{uid}/{col}/{i}.pdf">附件：{title}.pdf</a>')
        links.append(f'<a href="{self.ext_origin}/ext/{(u * 13 + col * 7 + i) % EXTERNAL_TARGETS}.html">相关网站</a>')
        if self.has_dead_link(u, col, i):
            links.append(f'<a href="{home}old/{ccode}/{i}.html">已删除的页面</a>')
        body = (f'<h1>{title}</h1><table class="meta">{meta}</table>'
                f'<div class="content">{self._text(rng, 8 + i % 6)}</div>'
                f'<div class="related">{"<br>".join(links)}</div>')
        return _page(f"{title}_{self.name}",
                     self._crumbs([(uname, home), (cname, self.list_path(u, col, 0))]), body)


_HEAD = ('<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
         '<meta http-equiv="X-UA-Compatible" content="IE=edge"><title>{title}</title>'
         "<style>body{{margin:0;font-family:'Microsoft YaHei',SimSun,sans-serif}}.header{{background:#0b4f9c;"
         "color:#fff;padding:18px 40px}}.breadcrumb{{padding:10px 40px;color:#666}}.main{{padding:10px 40px}}"
         ".footer{{background:#f2f2f2;color:#777;padding:16px 40px;font-size:13px}}"
         ".meta th{{text-align:right;color:#666}}.list li{{line-height:32px}}</style></head><body>"
         '<div class="header">政府门户网站 · 政府信息公开</div>')
# What real portals carry around the content: navigation scripts, statistics, share widgets.
_SCRIPT = ("<script>var _hmt=_hmt||[];(function(){var hm=document.createElement('script');"
           "hm.src='/js/stat.js';var s=document.getElementsByTagName('script')[0];s.parentNode.insertBefore(hm,s);})();"
           + "".join(f"function nav{i}(o){{var m=document.getElementById('menu{i}');if(m){{m.style.display="
                     f"m.style.display=='block'?'none':'block';}}return false;}}" for i in range(40))
           + "</script>")
_FOOT = (_SCRIPT + '<div class="footer"><p>主办单位：区人民政府办公室　承办单位：区大数据发展中心</p>'
         "<p>网站标识码：3300000000　浙ICP备00000000号　（建议使用1366×768以上分辨率浏览本网站）</p>"
         "<p>" + "　".join(["网站地图", "联系我们", "隐私声明", "网站纠错", "无障碍浏览"]) + "</p></div></body></html>")


def _page(title: str, crumbs: str, body: str) -> bytes:
    return (_HEAD.format(title=title) + crumbs + f'<div class="main">{body}</div>' + _FOOT).encode("utf-8")


def _toml(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    return str(value)


# ====================================================================== server

class PortalServer:
    """Serve a SyntheticPortal on 127.0.0.1 with a per-request delay; counts every hit."""

    def __init__(self, portal: SyntheticPortal, delay_ms: float = 0.0, bytes_per_second: float = 0.0,
                 conditional: bool = True):
        self.portal = portal
        self.delay = delay_ms / 1000.0
        self.bps = bytes_per_second
        self.conditional = conditional
        self.hits: dict[tuple[str, str], int] = {}
        self.statuses: dict[int, int] = {}
        self.service_s = 0.0  # the waits applied (see serve_twisted)
        self._lock = threading.Lock()
        self.httpd: ThreadingHTTPServer | None = None
        self.base_url = ""

    def start(self, port: int = 0) -> str:
        owner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # headers and body go out at once (no 40 ms delayed-ACK stalls)
            server_version = "nginx"
            sys_version = ""

            def log_message(self, *args):
                pass

            def do_GET(self):
                owner._answer(self, head=False)

            def do_HEAD(self):
                owner._answer(self, head=True)

        class Server(ThreadingHTTPServer):
            daemon_threads = True
            request_queue_size = 256
            allow_reuse_address = True

            def handle_error(self, request, client_address):
                pass  # a client closing its keep-alive connection is not an error

        self.httpd = Server(("127.0.0.1", port), Handler)
        real = self.httpd.server_address[1]
        self.base_url = f"http://127.0.0.1:{real}"
        self.portal.ext_origin = f"http://localhost:{real}"
        threading.Thread(target=self.httpd.serve_forever, name="synthetic-portal", daemon=True).start()
        return self.base_url

    def stop(self) -> None:
        if self.httpd is not None:
            self.httpd.shutdown()
            self.httpd.server_close()
            self.httpd = None

    def __enter__(self) -> "PortalServer":
        if self.httpd is None:
            self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def gets(self, path: str) -> int:
        return self.hits.get(("GET", path), 0)

    def _control(self, h: BaseHTTPRequestHandler, path: str) -> bool:
        """Benchmark-only routes (never linked): /__stats, /__reset, /__bump?n=K."""
        if not path.startswith("/__"):
            return False
        if path == "/__reset":
            with self._lock:
                self.hits.clear()
                self.statuses.clear()
                self.service_s = 0.0
        elif path == "/__bump":
            n = int(h.path.partition("n=")[2] or 0)
            p = self.portal
            for i in range(n):
                u, col = i % p.units, (i // p.units) % 4
                p.bump(p.doc_path(u, col, (i // (p.units * 4)) % max(1, p.docs_per_column[col])))
        with self._lock:
            requests = sum(self.hits.values())
            body = json.dumps({"requests": requests, "statuses": self.statuses,
                               "gets": sum(n for (m, _), n in self.hits.items() if m == "GET"),
                               "heads": sum(n for (m, _), n in self.hits.items() if m == "HEAD"),
                               "max_gets_per_path": max([n for (m, _), n in self.hits.items() if m == "GET"] or [0]),
                               "service_s": round(self.service_s, 2)}).encode()
        h.send_response(200)
        h.send_header("Content-Type", "application/json")
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        h.wfile.write(body)
        return True

    def _answer(self, h: BaseHTTPRequestHandler, head: bool) -> None:
        path = h.path.split("?", 1)[0].split("#", 1)[0] or "/"
        if self._control(h, path):
            return
        status, body, ctype, version = self.portal.resolve(path)
        # "LinkChecker" lets linkchecker exceed its default 10 requests/s per host (its documented
        # opt-in for servers that allow it), so the benchmark compares tools, not politeness caps.
        headers = {"Content-Type": ctype, "LinkChecker": "allow"}
        if status == 200 and ctype.startswith("text/html"):
            etag = f'"{zlib.crc32(body):08x}-{len(body):x}"'
            modified = BASE_TIME + 86400 * version
            headers["ETag"] = etag
            headers["Last-Modified"] = formatdate(modified, usegmt=True)
            if self.conditional and _not_modified(h, etag, modified):
                status, body = 304, b""
        with self._lock:
            key = (h.command, path)
            self.hits[key] = self.hits.get(key, 0) + 1
            self.statuses[status] = self.statuses.get(status, 0) + 1
        wait = self.delay + (len(body) / self.bps if self.bps and not head else 0.0)
        with self._lock:
            self.service_s += wait
        if wait:
            time.sleep(wait)
        try:
            h.send_response(status)
            for k, v in headers.items():
                h.send_header(k, v)
            h.send_header("Content-Length", "0" if status == 304 else str(len(body)))
            h.end_headers()
            if not head and status != 304:
                h.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass


def _not_modified(h: BaseHTTPRequestHandler, etag: str, modified: int) -> bool:
    match = h.headers.get("If-None-Match")
    if match is not None:
        return etag in [m.strip() for m in match.split(",")] or match.strip() == "*"
    since = h.headers.get("If-Modified-Since")
    if since:
        try:
            return parsedate_to_datetime(since).timestamp() >= modified
        except (TypeError, ValueError):
            return False
    return False


def serve_twisted(portal: SyntheticPortal, port: int, delay_ms: float, bytes_per_second: float, ready) -> None:
    """The same answers from one Twisted event loop: thousands of open connections cost no
    threads (the benchmark server; tools that open many connections swamp a thread per socket)."""
    from twisted.internet import reactor
    from twisted.web import resource, server

    counts: dict = {"hits": {}, "statuses": {}, "service_s": 0.0}

    class Root(resource.Resource):
        isLeaf = True

        def render(self, request):
            path = request.path.decode("latin-1").split("#", 1)[0] or "/"
            method = request.method.decode()
            if path.startswith("/__"):
                if path == "/__reset":
                    counts["hits"].clear()
                    counts["statuses"].clear()
                    counts["service_s"] = 0.0
                elif path == "/__bump":
                    n = int((request.args.get(b"n") or [b"0"])[0])
                    for i in range(n):
                        u, col = i % portal.units, (i // portal.units) % 4
                        portal.bump(portal.doc_path(u, col, (i // (portal.units * 4)) % max(1, portal.docs_per_column[col])))
                hits = counts["hits"]
                gets = [v for (m, _), v in hits.items() if m == "GET"]
                request.setHeader("Content-Type", "application/json")
                return json.dumps({"requests": sum(hits.values()), "statuses": counts["statuses"], "gets": sum(gets),
                                   "heads": sum(v for (m, _), v in hits.items() if m == "HEAD"),
                                   "max_gets_per_path": max(gets or [0]),
                                   "service_s": round(counts["service_s"], 2)}).encode()
            status, body, ctype, version = portal.resolve(path)
            request.setHeader("Content-Type", ctype)
            request.setHeader("LinkChecker", "allow")
            request.setHeader("Server", "nginx")
            if status == 200 and ctype.startswith("text/html"):
                etag = f'"{zlib.crc32(body):08x}-{len(body):x}"'
                modified = BASE_TIME + 86400 * version
                request.setHeader("ETag", etag)
                request.setHeader("Last-Modified", formatdate(modified, usegmt=True))
                match = request.getHeader("If-None-Match")
                since = request.getHeader("If-Modified-Since")
                fresh = False
                if match is not None:
                    fresh = etag in [m.strip() for m in match.split(",")]
                elif since:
                    try:
                        fresh = parsedate_to_datetime(since).timestamp() >= modified
                    except (TypeError, ValueError):
                        fresh = False
                if fresh:
                    status, body = 304, b""
            key = (method, path)
            counts["hits"][key] = counts["hits"].get(key, 0) + 1
            counts["statuses"][status] = counts["statuses"].get(status, 0) + 1
            request.setResponseCode(status)
            wait = delay_ms / 1000.0 + (len(body) / bytes_per_second if bytes_per_second and method != "HEAD" else 0)
            counts["service_s"] += wait  # Σ waits ÷ concurrency: the least wall time any client can take

            def finish():
                if not request.finished and not getattr(request, "_gone", False):
                    if method != "HEAD" and status != 304:
                        request.write(body)
                    request.finish()

            request.notifyFinish().addErrback(lambda _: setattr(request, "_gone", True))
            if status != 304:  # a HEAD answer says how long the GET answer is, as nginx does
                request.setHeader("Content-Length", str(len(body)))
            reactor.callLater(wait, finish)
            return server.NOT_DONE_YET

    site = server.Site(Root())
    site.noisy = False
    listening = reactor.listenTCP(port, site, interface="127.0.0.1", backlog=1024)
    real = listening.getHost().port
    portal.ext_origin = f"http://localhost:{real}"
    ready(f"http://127.0.0.1:{real}")
    reactor.run()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Serve a synthetic 信息公开专栏 on 127.0.0.1")
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--delay-ms", type=float, default=20.0, help="latency added to every answer")
    parser.add_argument("--kbps", type=float, default=0.0, help="transfer rate of a body, KB/s (0: instant)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--bump", type=int, default=0, help="change this many detail pages (a second night)")
    parser.add_argument("--config", default=None, help="write the site config here")
    parser.add_argument("--engine", choices=("twisted", "threads"), default="twisted",
                        help="twisted: one event loop (default); threads: a thread per connection")
    args = parser.parse_args(argv)
    portal = SyntheticPortal(args.pages, seed=args.seed)
    for i in range(args.bump):
        portal.bump(portal.doc_path(i % portal.units, i % 4, i // portal.units % max(1, portal.docs_per_column[3])))

    def ready(base: str) -> None:
        if args.config:
            with open(args.config, "w", encoding="utf-8") as fh:
                fh.write(portal.config_toml(base))
        print(f"{base}/xxgk/ pages={portal.page_count()}", flush=True)

    if args.engine == "twisted":
        serve_twisted(portal, args.port, args.delay_ms, args.kbps * 1024, ready)
        return
    server = PortalServer(portal, args.delay_ms, args.kbps * 1024)
    base = server.start(args.port)
    if args.config:
        with open(args.config, "w", encoding="utf-8") as fh:
            fh.write(portal.config_toml(base))
    print(f"{base}/xxgk/ pages={portal.page_count()}", flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        server.stop()


if __name__ == "__main__":
    main()
