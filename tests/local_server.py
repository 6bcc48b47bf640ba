"""A tiny loopback HTTP server with scripted routes, for crawler tests."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable

Route = Callable[["Handler"], None]


class Handler(BaseHTTPRequestHandler):
    routes: dict[str, Route] = {}
    hits: dict[str, int] = {}

    def log_message(self, *args) -> None:  # keep test output clean
        pass

    def send(self, status: int, body: bytes | str = b"", ctype: str = "text/html; charset=utf-8",
             headers: dict[str, str] | None = None) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def _dispatch(self) -> None:
        path = self.path.split("?", 1)[0]
        self.hits[path] = self.hits.get(path, 0) + 1
        route = self.routes.get(path)
        if route is None:
            self.send(404, "<title>404 Not Found</title><h1>Not Found</h1>")
        else:
            route(self)

    do_GET = _dispatch
    do_HEAD = _dispatch


def serve(routes: dict[str, Route]) -> tuple[ThreadingHTTPServer, str]:
    handler = type("RouteHandler", (Handler,), {"routes": routes, "hits": {}})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def page(html: str, status: int = 200, ctype: str = "text/html; charset=utf-8") -> Route:
    return lambda h: h.send(status, html, ctype)


def redirect(location: str, status: int = 301) -> Route:
    return lambda h: h.send(status, "", headers={"Location": location})


def slow(seconds: float, html: str = "<p>late</p>") -> Route:
    def route(h: Handler) -> None:
        time.sleep(seconds)
        h.send(200, html)
    return route
