"""A local HTTP(S) server on 127.0.0.1 with a random port, for tests that fetch pages."""

from __future__ import annotations

import contextlib
import http.server
import ssl
import threading
from collections.abc import Callable, Iterator

Route = Callable[[http.server.BaseHTTPRequestHandler], None]


# --- a local test server ----------------------------------------------------------------


class _Handler(http.server.BaseHTTPRequestHandler):
    server: _Server

    def do_GET(self):  # noqa: N802 (the http.server API)
        self.server.requests.append((self.path, self.headers.get("Host")))
        route = self.server.routes.get(self.path.split("?", 1)[0])
        if route is None:
            send(self, 404, b"<h1>not found</h1>")
            return
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            route(self)

    def log_message(self, format, *args):  # keep test output quiet
        pass


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    routes: dict[str, Route]
    requests: list[tuple[str, str | None]]
    port: int

    scheme: str

    def url(self, path: str, host: str = "localhost") -> str:
        return f"{self.scheme}://{host}:{self.port}{path}"

    def handle_error(self, request, client_address):  # a refused TLS handshake is expected in tests
        pass


def send(handler, status: int, body: bytes, content_type: str = "text/html; charset=utf-8", **headers) -> None:
    handler.send_response(status)
    if content_type:
        handler.send_header("Content-Type", content_type)
    handler.send_header("Content-Length", str(len(body)))
    for name, value in headers.items():
        handler.send_header(name.replace("_", "-"), value)
    handler.end_headers()
    handler.wfile.write(body)


@contextlib.contextmanager
def serve(routes: dict[str, Route], tls: ssl.SSLContext | None = None) -> Iterator[_Server]:
    """A ThreadingHTTPServer on 127.0.0.1 with a random port, serving ``routes`` (over TLS if given)."""
    server = _Server(("127.0.0.1", 0), _Handler)
    server.routes = routes
    server.requests = []
    server.port = server.server_address[1]
    server.scheme = "http"
    if tls is not None:
        server.socket = tls.wrap_socket(server.socket, server_side=True)
        server.scheme = "https"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def page(body: bytes, content_type: str = "text/html; charset=utf-8", status: int = 200, **headers) -> Route:
    return lambda handler: send(handler, status, body, content_type, **headers)


def redirect(location: str | Callable[[], str], status: int = 302) -> Route:
    def route(handler):
        send(handler, status, b"", Location=location() if callable(location) else location)

    return route
