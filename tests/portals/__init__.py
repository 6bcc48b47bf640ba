"""Fixture portals, one per CMS family, served on 127.0.0.1, each with its ground truth.

Each module builds a small portal from the markup patterns of real pages of its family
(see ``/work/shared/reference/real-pages``): the way lists are shipped (static, script
pagination, ``<datastore>`` XML, jpage ``dataproxy.jsp``, JSON API rendered by script),
encodings, anti-bot answers. ``build(base, ext)`` returns a ``Portal``: the routes, the
site config and the exact findings of the mission rules a correct audit reports. ``ext``
is the same server under another host name (``localhost``) and plays the outside world.
"""

from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable
from urllib.parse import parse_qs, urlsplit

MISSION_RULES = {"link.broken", "link.unverified", "link.tls-error", "normative.validity-missing",
                 "guide.missing", "guide.revision-missing", "guide.revision-outdated",
                 "policy.interpretation-missing"}


@dataclass
class Req:
    method: str
    path: str
    query: dict[str, str]
    form: dict[str, str]
    cookies: dict[str, str]
    headers: dict[str, str]


@dataclass
class Reply:
    body: bytes | str = b""
    ctype: str = "text/html; charset=utf-8"
    status: int = 200
    headers: tuple[tuple[str, str], ...] = ()
    encoding: str = "utf-8"

    def data(self) -> bytes:
        return self.body.encode(self.encoding) if isinstance(self.body, str) else self.body


Route = Reply | Callable[[Req], Reply]


@dataclass
class Portal:
    name: str
    start_urls: list[str]
    units: list[tuple[str, str, list[str]]]             # id, name, url prefixes
    routes: dict[str, Route]
    truth: list[tuple[str, str, str, str | None]]        # rule, unit, url, target
    crawl: dict[str, object] = field(default_factory=dict)

    def config_toml(self) -> str:
        lines = ["[site]", f'id = "{self.name}"', 'name = "测试市人民政府"',
                 "start_urls = [" + ", ".join(f'"{u}"' for u in self.start_urls) + "]", ""]
        for uid, name, urls in self.units:
            lines += ["[[units]]", f'id = "{uid}"', f'name = "{name}"',
                      "urls = [" + ", ".join(f'"{u}"' for u in urls) + "]", ""]
        crawl = {"allow_private_networks": True, "concurrency_per_host": 8, "requests_per_second_per_host": 0,
                 "timeout_seconds": 10.0, "retries": 2, "retry_backoff_seconds": 0.1, **self.crawl}
        lines.append("[crawl]")
        for key, value in crawl.items():
            text = ("true" if value else "false") if isinstance(value, bool) else (
                f'"{value}"' if isinstance(value, str) else repr(value))
            lines.append(f"{key} = {text}")
        return "\n".join(lines) + "\n"


class Server:
    """Serves a portal's routes for any host name; records what was asked and what was sent."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: Counter[str] = Counter()
        self.log: list[tuple[str, str, dict, dict]] = []   # method, path?query, headers, form
        self.sent: Counter[str] = Counter()                 # bytes written per path
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.0"

            def log_message(self, *args) -> None:
                pass

            def _dispatch(self) -> None:
                parts = urlsplit(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length).decode("utf-8", "replace") if length else ""
                form = {k: v[0] for k, v in parse_qs(raw, keep_blank_values=True).items()}
                query = {k: v[0] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
                cookies = {k: m.value for k, m in SimpleCookie(self.headers.get("Cookie", "")).items()}
                req = Req(self.command, parts.path or "/", query, form, cookies, dict(self.headers.items()))
                with server._lock:
                    server.hits[req.path] += 1
                    server.log.append((self.command, self.path, dict(self.headers.items()), form))
                route = server.routes.get(req.path)
                if route is None:
                    reply = Reply("<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1>"
                                  "</body></html>", status=404)
                else:
                    reply = route(req) if callable(route) else route
                data = reply.data()
                try:
                    self.send_response(reply.status)
                    self.send_header("Content-Type", reply.ctype) if reply.ctype else None
                    self.send_header("Content-Length", str(len(data)))
                    for k, v in reply.headers:
                        self.send_header(k, v)
                    self.end_headers()
                    if self.command != "HEAD":
                        for i in range(0, len(data), 65536):
                            self.wfile.write(data[i:i + 65536])
                            with server._lock:
                                server.sent[req.path] += len(data[i:i + 65536])
                except (BrokenPipeError, ConnectionResetError):
                    pass

            do_GET = do_HEAD = do_POST = _dispatch

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def ext(self) -> str:
        return f"http://localhost:{self.port}"

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
