"""The preview's HTTP server: a page, the document at plain URLs, and server-sent events.

The standard library's ``ThreadingHTTPServer`` serves it: the preview has five GET routes
and one event stream for one person on this machine, and rendering is synchronous work,
so an ASGI stack (Starlette and uvicorn) would add two dependencies and an event loop
for nothing.  Server-sent events need no library: a response that stays open.

Routes (nothing else is answered; no file is ever served from disk):

``/``                     the page: tabs, the document in an iframe, the error overlay
``/document.html``        the rendered HTML, readable without JavaScript (``?lang=``, ``?recipient=``)
``/document.pdf``         the PDF, made on request (same parameters)
``/status.json``          version, languages, recipients and the current problems
``/events``               ``text/event-stream``: one ``render`` event per change
"""

from __future__ import annotations

import json
import sys
import threading
import time
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from typing import Callable, TextIO
from urllib.parse import parse_qs, unquote, urlsplit

from ..errors import PaperkitError
from .session import PreviewSession, Rendering
from .watch import watch_changes

__all__ = ["PreviewServer", "LOCAL_HOSTS"]

LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")
PING_SECONDS = 15.0
"""An event-stream comment this often, so that a closed tab ends its thread."""


class PreviewServer(ThreadingHTTPServer):
    """A preview of one position: the HTTP server, its session, and the thread that watches files."""

    daemon_threads = True
    block_on_close = False

    def __init__(self, session: PreviewSession, host: str = "127.0.0.1", port: int = 0,
                 log: TextIO | None = None):
        self.session = session
        self.log = log
        self.stopping = threading.Event()
        self.watching = threading.Event()
        if ":" in host:
            import socket

            self.address_family = socket.AF_INET6
        super().__init__((host, port), _Handler)
        self.watcher = threading.Thread(target=watch_changes, name="paperkit-preview-watch", daemon=True,
                                        args=(session.dependencies, self._changed, self.stopping, self.watching))

    @property
    def url(self) -> str:
        address, port = self.server_address[:2]
        host = address.decode() if isinstance(address, bytes) else str(address)
        shown = f"[{host}]" if ":" in host else host
        return f"http://{shown}:{port}/"

    def start(self) -> "PreviewServer":
        """Render once, start watching, and serve in a background thread (for tests and callers)."""
        self.first_render()
        self.watching.wait(30)  # a save from now on is seen
        threading.Thread(target=self.serve_forever, name="paperkit-preview", daemon=True).start()
        return self

    def first_render(self) -> Rendering:
        state = self.session.refresh()
        self._report(state)
        self.watcher.start()
        return state

    def stop(self) -> None:
        """Stop serving and watching; open event streams end."""
        self.stopping.set()
        with self.session.changed:
            self.session.changed.notify_all()
        self.shutdown()
        self.server_close()

    def _changed(self, files: set[Path]) -> None:
        self._report(self.session.refresh(), files)

    def _report(self, state: Rendering, files: set[Path] | None = None) -> None:
        if self.log is None:
            return
        now = time.strftime("%H:%M:%S")
        what = ", ".join(sorted(p.name for p in files)) + " changed: " if files else ""
        if state.problems:
            lines = "\n".join(f"  {p}" for p in state.problems)
            print(f"{now} {what}not valid (the page keeps the last good rendering):\n{lines}", file=self.log, flush=True)
        else:
            print(f"{now} {what}rendered in {state.seconds * 1000:.0f} ms", file=self.log, flush=True)


def _page() -> bytes:
    return resources.files(__package__).joinpath("page.html").read_bytes()


class _Handler(BaseHTTPRequestHandler):
    server: PreviewServer
    protocol_version = "HTTP/1.1"
    server_version = "paperkit-preview"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 — quiet: the server prints renders
        pass

    def do_GET(self) -> None:  # noqa: N802
        if not self._host_allowed():
            return self._error(HTTPStatus.FORBIDDEN, "refused: this preview answers only requests to its own address")
        parts = urlsplit(self.path)
        path = parts.path
        if not path.startswith("/") or path.startswith("//") or ".." in unquote(path) or "\\" in unquote(path) \
                or "%" in path:
            return self._error(HTTPStatus.BAD_REQUEST, "refused path: the preview serves only its own pages")
        query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
        routes: dict[str, Callable[[dict[str, str]], None]] = {
            "/": self._index, "/status.json": self._status, "/events": self._events,
            "/document.html": self._document, "/document.pdf": self._document}
        route = routes.get(path)
        if route is None:
            return self._error(HTTPStatus.NOT_FOUND, "not found: the preview serves /, /document.html, "
                                                     "/document.pdf, /status.json and /events")
        self._fmt = "pdf" if path.endswith(".pdf") else "html"
        try:
            route(query)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _host_allowed(self) -> bool:
        """Against DNS rebinding: the Host header must name this machine or the address served."""
        host = (self.headers.get("Host") or "").rsplit(":", 1)[0].strip("[]").lower()
        bound = str(self.server.server_address[0]).lower()
        return host in LOCAL_HOSTS or host == bound

    def _index(self, query: dict[str, str]) -> None:
        self._send(HTTPStatus.OK, "text/html; charset=utf-8", _page())

    def _status(self, query: dict[str, str]) -> None:
        session = self.server.session
        body = dict(session.state.as_json(), file=str(session.path), languages=session.languages,
                    language=session.default_language(), recipients=session.recipients)
        self._send(HTTPStatus.OK, "application/json", json.dumps(body).encode("utf-8"))

    def _document(self, query: dict[str, str]) -> None:
        session = self.server.session
        lang = query.get("lang") or None
        recipient = query.get("recipient")
        if lang is not None and lang not in session.languages:
            return self._error(HTTPStatus.NOT_FOUND, f"no language {lang!r}; the position has "
                                                     f"{', '.join(session.languages) or 'none yet'}")
        if recipient is not None and not (recipient.isdigit() and int(recipient) < len(session.recipients)):
            return self._error(HTTPStatus.NOT_FOUND, f"no recipient {recipient!r}")
        try:
            data = (session.pdf if self._fmt == "pdf" else session.html)(lang, int(recipient) if recipient else None)
        except PaperkitError as error:
            return self._error(HTTPStatus.UNPROCESSABLE_ENTITY, str(error))
        if data is None:
            return self._error(HTTPStatus.SERVICE_UNAVAILABLE, "no rendering yet: the position is not valid "
                                                              "(see /status.json)")
        kind = "application/pdf" if self._fmt == "pdf" else "text/html; charset=utf-8"
        self._send(HTTPStatus.OK, kind, data)

    def _events(self, query: dict[str, str]) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        session, stopping = self.server.session, self.server.stopping
        version = -1
        while not stopping.is_set():
            state = session.wait(version, PING_SECONDS, stopping)
            if stopping.is_set():
                break
            if state.version > version:
                version = state.version
                self.wfile.write(f"event: render\ndata: {json.dumps(state.as_json())}\n\n".encode("utf-8"))
            else:
                self.wfile.write(b": ping\n\n")
            self.wfile.flush()

    def _send(self, status: HTTPStatus, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        self.wfile.write(body)

    def _error(self, status: HTTPStatus, message: str) -> None:
        self._send(status, "text/plain; charset=utf-8", (message + "\n").encode("utf-8"))


def serve(session: PreviewSession, host: str = "127.0.0.1", port: int = 0, log: TextIO = sys.stderr) -> int:
    """Serve the preview until Ctrl-C; return the exit code."""
    try:
        server = PreviewServer(session, host, port, log)
    except OSError as error:
        raise PaperkitError(f"cannot listen on {host}:{port}: {error.strerror or error}; "
                            "choose another --port (0 picks a free one)") from None
    server.first_render()
    print(f"paperkit preview of {session.path.name}: {server.url}  (Ctrl-C stops)", file=log, flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("stopped", file=log, flush=True)
    finally:
        server.stopping.set()
        with session.changed:
            session.changed.notify_all()
        server.server_close()
    return 0
