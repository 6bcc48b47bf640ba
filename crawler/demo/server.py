"""A tiny standard-library HTTP server for the demo portal.

Static pages come from a dict built once per portal; a few routes under ``/ext/`` behave
like the outside world does (redirect chains, soft-404 pages, WAF challenges, a flaky and a
slow server) because those are the cases a link checker gets wrong. Handler threads are
daemons so a slow answer never keeps the process alive or blocks other requests.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

SLOW_SECONDS = 6.0
SOFT_404_PATH = "/ext/gov/flyz/index.html"  # answers 200 with a 页面不存在 page

NOT_FOUND_HTML = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>404 Not Found</title></head>
<body><h1>404 Not Found</h1><p>The requested URL was not found on this server.</p></body></html>
"""

SOFT_404_HTML = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>页面不存在</title></head>
<body><div class="error-box"><h2>页面不存在</h2><p>抱歉，您访问的页面不存在或已被删除！</p>
<p><a href="/ext/gov/">返回首页</a></p></div></body></html>
"""

# Ruishu-style challenge: 412 with a script that computes a cookie and reloads.
WAF_412_HTML = """<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<meta id="9DhefwqGPrzGxEp9hPaoag" content="GZv7fVx1b3Kk0Mk2s8cXzQ">
<script type="text/javascript">
$_ts=window['$_ts'];if(!$_ts)$_ts={};$_ts.nsd=81739;$_ts.cd="qEr9rrAlEqkbqqQjl1lLq5zO8cVdG3GmrsWq";
(function(){var c=document.cookie;var v=(new Date()).getTime().toString(36);
document.cookie="FSSBBIl1UgzbN7NT="+v+";path=/";if(c.indexOf("FSSBBIl1UgzbN7NT")<0){location.reload();}})();
</script>
</head><body></body></html>
"""

# A WAF block page (403) that also tries a JavaScript cookie check.
WAF_403_HTML = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>安全验证</title></head>
<body>
<div class="waf-box"><h2>访问受限</h2>
<p>您的访问请求疑似自动化程序，已被网站安全防护系统拦截。请在浏览器中开启 JavaScript 后重试。</p>
<p>事件编号：WAF-20911-7C3E</p></div>
<script>
var _t=Math.floor(Date.now()/1000);document.cookie="waf_jschallenge="+(_t^0x5a5a)+";path=/";
setTimeout(function(){location.reload();},1500);
</script>
</body></html>
"""


@dataclass
class Resource:
    body: bytes
    content_type: str
    status: int = 200
    headers: tuple[tuple[str, str], ...] = ()


class PortalServer:
    """Serves ``routes`` (path -> Resource) plus the dynamic ``/ext/`` routes."""

    def __init__(self, routes: dict[str, Resource], ok_page: bytes):
        self.routes = routes
        self.ok_page = ok_page
        self._flaky_lock = threading.Lock()
        self._flaky_hits = 0
        self._stopping = threading.Event()
        self.httpd: ThreadingHTTPServer | None = None
        self.thread: threading.Thread | None = None

    # -- lifecycle
    def start(self, host: str, port: int) -> int:
        server = self

        class Handler(BaseHTTPRequestHandler):
            server_version = "nginx"
            sys_version = ""

            def log_message(self, format, *args):  # noqa: A002 - keep tests quiet
                pass

            def do_GET(self):
                server._answer(self, head=False)

            def do_HEAD(self):
                server._answer(self, head=True)

        class Server(ThreadingHTTPServer):
            daemon_threads = True
            request_queue_size = 128
            allow_reuse_address = True

        self.httpd = Server((host, port), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, name="demo-portal", daemon=True)
        self.thread.start()
        return self.httpd.server_address[1]

    def stop(self) -> None:
        self._stopping.set()
        if self.httpd is not None:
            self.httpd.shutdown()
            self.httpd.server_close()
            self.httpd = None
        if self.thread is not None:
            self.thread.join(timeout=5)
            self.thread = None

    # -- routing
    def _resolve(self, path: str) -> Resource:
        if path == "/ext/flaky":
            with self._flaky_lock:
                self._flaky_hits += 1
                first = self._flaky_hits == 1
            if first:
                return Resource(b"<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>",
                                "text/html", 503)
            return Resource(self.ok_page, "text/html; charset=utf-8")
        if path == "/ext/slow":
            self._stopping.wait(SLOW_SECONDS)
            return Resource(self.ok_page, "text/html; charset=utf-8")
        if path == "/ext/moved":
            return Resource(b"", "text/html", 301, (("Location", "/ext/gov/zjj/"),))
        if path == "/ext/old":
            return Resource(b"", "text/html", 302, (("Location", "/ext/missing.html"),))
        if path == SOFT_404_PATH:
            return Resource(SOFT_404_HTML.encode(), "text/html; charset=utf-8")
        if path == "/ext/waf":
            return Resource(WAF_412_HTML.encode(), "text/html; charset=utf-8", 412,
                            (("Set-Cookie", "FSSBBIl1UgzbN7NS=60a2c1e0f6b0; Path=/; HttpOnly"),))
        if path == "/ext/waf403":
            return Resource(WAF_403_HTML.encode(), "text/html; charset=utf-8", 403)
        res = self.routes.get(path)
        if res is None:
            return Resource(NOT_FOUND_HTML.encode(), "text/html; charset=utf-8", 404)
        return res

    def _answer(self, handler: BaseHTTPRequestHandler, head: bool) -> None:
        path = urlsplit(handler.path).path or "/"
        res = self._resolve(path)
        try:
            handler.send_response(res.status)
            handler.send_header("Content-Type", res.content_type)
            handler.send_header("Content-Length", str(len(res.body)))
            for k, v in res.headers:
                handler.send_header(k, v)
            handler.end_headers()
            if not head:
                handler.wfile.write(res.body)
        except (BrokenPipeError, ConnectionResetError):
            pass
