"""``paperkit preview`` and ``render --watch``: a real server on a free port, read over HTTP
as a browser would — the document changes when the file does, an invalid file shows its line
and keeps the last good rendering, nothing but the preview's own pages is answered."""

from __future__ import annotations

import http.client
import json
import os
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from paperkit.jobs import RenderSettings
from paperkit.preview.server import PreviewServer
from paperkit.preview.session import PreviewSession

POSITION = """\
id: live
kind: statement
title: {{en: A live statement, fr: Une déclaration vivante}}
date: 2024-09-09
languages: [en, fr]
issued_by:
  - name: Test Org
body:
  - {{en: "{en}", fr: "{fr}"}}
"""


def write_position(path: Path, en: str, fr: str = "Le premier paragraphe.") -> None:
    """Write the position as an editor saves: a new file renamed over the old one."""
    tmp = path.with_suffix(".tmp")
    tmp.write_text(POSITION.format(en=en, fr=fr), encoding="utf-8")
    os.replace(tmp, path)


@pytest.fixture
def preview(tmp_path):
    path = tmp_path / "live.yaml"
    write_position(path, "The first paragraph.")
    server = PreviewServer(PreviewSession(path, RenderSettings(formats=("html",)))).start()
    yield server, path
    server.stop()


def get(server: PreviewServer, route: str) -> tuple[int, str, bytes]:
    """(status, content type, body) of a GET."""
    try:
        with urllib.request.urlopen(server.url.rstrip("/") + route, timeout=30) as response:
            return response.status, response.headers["Content-Type"], response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], error.read()


def raw_get(server: PreviewServer, target: str, host: str | None = None) -> int:
    """The status of a request line sent as it is (urllib would normalise ``..``)."""
    connection = http.client.HTTPConnection(*server.server_address[:2], timeout=10)
    connection.putrequest("GET", target, skip_host=host is not None)
    if host is not None:
        connection.putheader("Host", host)
    connection.endheaders()
    status = connection.getresponse().status
    connection.close()
    return status


def wait_for(condition, timeout: float = 20.0):
    """``condition()``'s first true value, polled; fails after ``timeout`` seconds."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    pytest.fail(f"nothing changed within {timeout} s")


def status(server: PreviewServer) -> dict:
    return json.loads(get(server, "/status.json")[2])


class Events:
    """The /events stream read in a thread, as EventSource would."""

    def __init__(self, server: PreviewServer):
        self.events: list[dict] = []
        self.response = urllib.request.urlopen(server.url + "events", timeout=60)
        self.content_type = self.response.headers["Content-Type"]
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        name = None
        try:
            for line in self.response:
                text = line.decode("utf-8").rstrip("\n")
                if text.startswith("event: "):
                    name = text[7:]
                elif text.startswith("data: ") and name == "render":
                    self.events.append(json.loads(text[6:]))
        except (OSError, ValueError):
            pass


def test_the_document_page_and_the_plain_html(preview):
    server, _ = preview
    code, kind, page = get(server, "/")
    assert code == 200 and kind.startswith("text/html")
    assert b'<iframe id="frame1"' in page and b"EventSource" in page
    assert b'href="/document.html"' in page  # reachable without JavaScript
    code, kind, html = get(server, "/document.html")
    assert code == 200 and kind == "text/html; charset=utf-8"
    assert "The first paragraph." in html.decode() and "<script" not in html.decode()
    french = get(server, "/document.html?lang=fr")[2].decode()
    assert "Le premier paragraphe." in french and 'lang="fr"' in french
    state = status(server)
    assert state["ok"] and state["languages"] == ["en", "fr"] and state["language"] == "en"
    assert server.server_address[0] == "127.0.0.1"


def test_a_save_sends_an_event_and_the_new_text(preview):
    server, path = preview
    events = Events(server)
    assert events.content_type == "text/event-stream"
    first = wait_for(lambda: events.events)[0]["version"]
    write_position(path, "A paragraph edited on disk.")
    wait_for(lambda: any(e["version"] > first and e["ok"] for e in events.events))
    assert "A paragraph edited on disk." in get(server, "/document.html")[2].decode()
    assert "The first paragraph." not in get(server, "/document.html")[2].decode()


def test_saves_in_quick_succession_end_on_the_last(preview):
    server, path = preview
    for n in range(6):
        write_position(path, f"Save number {n}.")
        time.sleep(0.04)
    wait_for(lambda: "Save number 5." in get(server, "/document.html")[2].decode())


def test_an_invalid_file_keeps_the_last_rendering_and_names_its_line(preview):
    server, path = preview
    before = status(server)["version"]
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("kind: statement", "kind: statement\ntitel: typo"), encoding="utf-8")
    state = wait_for(lambda: (s := status(server))["version"] > before and s)
    assert not state["ok"]
    problem = state["problems"][0]
    assert problem["line"] == 3 and problem["field"] == "titel" and problem["file"].endswith("live.yaml")
    assert "The first paragraph." in get(server, "/document.html")[2].decode()  # the last good one stays
    write_position(path, "Fixed again.")
    state = wait_for(lambda: (s := status(server))["ok"] and s)
    assert state["problems"] == []
    assert "Fixed again." in get(server, "/document.html")[2].decode()


def test_broken_yaml_syntax_is_reported_with_its_line(preview):
    server, path = preview
    before = status(server)["version"]
    path.write_text(path.read_text(encoding="utf-8").replace("date: 2024-09-09", "date: [2024-09-09"),
                    encoding="utf-8")
    state = wait_for(lambda: (s := status(server))["version"] > before and s)
    assert not state["ok"] and state["problems"][0]["line"] in (4, 5, 6)
    assert get(server, "/document.html")[0] == 200


def test_a_theme_change_reloads(tmp_path):
    path = tmp_path / "live.yaml"
    theme = tmp_path / "theme.yaml"
    theme.write_text("colours:\n  primary: '#112233'\n", encoding="utf-8")
    path.write_text(POSITION.format(en="Text.", fr="Texte.").replace("languages:", "theme: theme.yaml\nlanguages:"),
                    encoding="utf-8")
    server = PreviewServer(PreviewSession(path)).start()
    try:
        assert status(server)["ok"], status(server)
        assert "#112233" in get(server, "/document.html")[2].decode().lower()
        theme.write_text("colours:\n  primary: '#445566'\n", encoding="utf-8")
        wait_for(lambda: "#445566" in get(server, "/document.html")[2].decode().lower())
    finally:
        server.stop()


def test_the_pdf_is_made_on_request(preview):
    server, _ = preview
    code, kind, pdf = get(server, "/document.pdf?lang=fr")
    assert code == 200 and kind == "application/pdf" and pdf.startswith(b"%PDF-")
    from conftest import pdf_pages

    assert "Le premier paragraphe." in " ".join(pdf_pages(pdf))


@pytest.mark.parametrize("target", [
    "/../live.yaml", "/%2e%2e/live.yaml", "/..%2flive.yaml", "//etc/passwd", "/etc/passwd",
    "/live.yaml", "/document.html/../../live.yaml", "/static/..%5c..%5clive.yaml", "http://example.org/"])
def test_only_its_own_paths_are_answered(preview, target):
    server, _ = preview
    assert raw_get(server, target) in (400, 403, 404)  # an absolute URL names another host: 403


def test_unknown_languages_and_recipients_are_refused(preview):
    server, _ = preview
    assert get(server, "/document.html?lang=../../etc")[0] == 404
    assert get(server, "/document.html?recipient=3")[0] == 404


def test_a_foreign_host_name_is_refused(preview):
    server, _ = preview
    assert raw_get(server, "/document.html", host="attacker.example:80") == 403
    assert raw_get(server, "/document.html", host=f"localhost:{server.server_address[1]}") == 200


def test_render_watch_renders_again_on_each_save(tmp_path):
    from paperkit.preview.rerender import watch_render

    path = tmp_path / "live.yaml"
    write_position(path, "First.")
    out = tmp_path / "out"
    log = _Lines()
    stop, ready = threading.Event(), threading.Event()
    thread = threading.Thread(target=watch_render,
                              args=([path], RenderSettings(formats="html,txt", out=out), log, stop, ready))
    thread.start()
    try:
        wait_for(ready.is_set)
        assert "First." in (out / "live.en.txt").read_text(encoding="utf-8")
        write_position(path, "Second.")
        wait_for(lambda: "Second." in (out / "live.en.txt").read_text(encoding="utf-8"))
        path.write_text("id: live\nkind: statement\ntitel: x\n", encoding="utf-8")
        wait_for(lambda: "not rendered" in log.text())
        assert "Second." in (out / "live.en.txt").read_text(encoding="utf-8")  # nothing half-written
    finally:
        stop.set()
        thread.join(10)
    lines = [line for line in log.text().splitlines() if "→" in line]
    assert len(lines) == 2 and all(line.endswith(" s)") and "live.en.html" in line for line in lines)


class _Lines:
    """A text stream tests can read while another thread writes."""

    def __init__(self):
        self.parts: list[str] = []

    def write(self, text: str) -> None:
        self.parts.append(text)

    def flush(self) -> None:
        pass

    def text(self) -> str:
        return "".join(self.parts)


def test_the_command_serves_on_this_machine_and_stops_on_ctrl_c(tmp_path):
    import re
    import signal
    import subprocess
    import sys

    path = tmp_path / "live.yaml"
    write_position(path, "From the command line.")
    process = subprocess.Popen([sys.executable, "-m", "paperkit.cli", "preview", str(path), "--port", "0"],
                               stderr=subprocess.PIPE, text=True,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        lines = []
        while not (match := re.search(r"http://127\.0\.0\.1:(\d+)/", "".join(lines))):
            line = process.stderr.readline()
            assert line, "".join(lines)
            lines.append(line)
        url = match.group(0)
        with urllib.request.urlopen(url + "document.html", timeout=30) as response:
            assert "From the command line." in response.read().decode()
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=20) == 0
        rest = process.stderr.read()
        assert "stopped" in rest and "Traceback" not in rest
    finally:
        process.kill()
        process.wait()


def test_another_host_is_named_in_a_warning(tmp_path, capsys, monkeypatch):
    from paperkit.cli import main
    from paperkit.preview import server

    path = tmp_path / "live.yaml"
    write_position(path, "x")
    monkeypatch.setattr(server, "serve", lambda session, host, port, log=None: 0)
    assert main(["preview", str(path), "--host", "0.0.0.0", "--port", "0"]) == 0
    assert "warning: --host 0.0.0.0" in capsys.readouterr().err
    assert main(["preview", str(tmp_path / "missing.yaml")]) == 2


def test_a_letter_for_each_recipient_has_one_page_per_recipient(tmp_path):
    import shutil

    letters = Path(__file__).parent / "data" / "letters"
    for name in ("missions.yaml", "missions.csv"):
        shutil.copy(letters / name, tmp_path / name)
    server = PreviewServer(PreviewSession(tmp_path / "missions.yaml")).start()
    try:
        state = status(server)
        assert state["ok"], state
        first_row = (tmp_path / "missions.csv").read_text(encoding="utf-8-sig").splitlines()[1]
        assert state["recipients"][0] == "Nathalie Léger" and "Nathalie Léger" in first_row
        html = get(server, "/document.html?lang=fr&recipient=0")[2].decode()
        assert "Nathalie Léger" in html and "Mission permanente de la France" in html
        assert get(server, f"/document.html?recipient={len(state['recipients'])}")[0] == 404
    finally:
        server.stop()
