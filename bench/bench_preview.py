"""Live preview: from a save to the updated HTML (and PDF), against a cold ``paperkit render``.

A copy of a position (default: the longest joint statement in positions/, signatories CSV and
themes beside it) is served by ``paperkit preview``'s server in this process.  Each round
edits one body paragraph on disk (written and renamed, as editors save) and measures what
the page does: wait for the server-sent event, then fetch /status.json and /document.html;
then /document.pdf.  Medians against a cold ``paperkit render`` process of the same file.

Targets (issue 17): HTML updated ≤ 300 ms after the save; PDF ≤ 1.5 s.

Run: .venv/bin/python bench/bench_preview.py [POSITION.yaml] [--rounds N]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from common import ROOT, table

from paperkit.jobs import RenderSettings
from paperkit.preview.server import PreviewServer
from paperkit.preview.session import PreviewSession

DEFAULT = ROOT / "positions" / "civil-society-2024-01-cybercrime-concluding-session.yaml"


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=60) as response:
        return response.read()


class Versions:
    """The /events stream: the time each version's event arrived."""

    def __init__(self, url: str):
        self.arrived: dict[int, float] = {}
        self.seen = threading.Condition()
        self.stream = urllib.request.urlopen(url + "events", timeout=120)
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.stream:
            if line.startswith(b"data: "):
                version = json.loads(line[6:])["version"]
                with self.seen:
                    self.arrived[version] = time.perf_counter()
                    self.seen.notify_all()

    def after(self, version: int, timeout: float = 60) -> tuple[int, float]:
        with self.seen:
            self.seen.wait_for(lambda: any(v > version for v in self.arrived), timeout)
            newest = max(self.arrived)
            return newest, self.arrived[newest]


def save(path: Path, text: str) -> float:
    tmp = path.with_name(path.name + ".part")
    tmp.write_text(text, encoding="utf-8")
    start = time.perf_counter()
    os.replace(tmp, path)
    return start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("position", nargs="?", default=str(DEFAULT))
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    source = Path(args.position).resolve()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        shutil.copytree(source.parent, work / source.parent.name)
        shutil.copytree(ROOT / "themes", work / "themes")
        os.environ["PAPERKIT_ALLOWED_ROOTS"] = str(work / "themes")
        path = work / source.parent.name / source.name
        original = path.read_text(encoding="utf-8")
        head, body = original.split("\nbody:", 1)
        if " the " not in body:
            sys.exit(f"{source.name}: no ' the ' in its body to edit")

        server = PreviewServer(PreviewSession(path, RenderSettings(formats=("html",)))).start()
        try:
            versions = Versions(server.url)
            version, _ = versions.after(-1)
            fetch(server.url + "document.pdf")  # the first PDF of a process loads fonts: not what a save costs
            html_times, pdf_times = [], []
            for round_ in range(args.rounds):
                edited = body.replace(" the ", f" the (edit {round_}) ", 1)
                start = save(path, head + "\nbody:" + edited)
                version, _ = versions.after(version)
                fetch(server.url + "status.json")
                page = fetch(server.url + "document.html")
                html_times.append(time.perf_counter() - start)
                assert f"(edit {round_})".encode() in page, "the HTML did not change"
                fetch(server.url + "document.pdf")
                pdf_times.append(time.perf_counter() - start)
        finally:
            server.stop()

        cold = {}
        for fmt in ("html", "pdf"):
            times = []
            for _ in range(3):
                start = time.perf_counter()
                subprocess.run([sys.executable, "-m", "paperkit.cli", "render", str(path), "--format", fmt,
                                "--out", str(work / "out")], check=True, capture_output=True)
                times.append(time.perf_counter() - start)
            cold[fmt] = statistics.median(times)

    html, pdf = statistics.median(html_times), statistics.median(pdf_times)
    print(f"{source.name}: save → updated, median of {args.rounds} one-paragraph edits; cold render: median of 3")
    print(table(["", "preview (s)", "cold render (s)", "speed-up", "target"], [
        ["HTML", html, cold["html"], f"{cold['html'] / html:.1f}×", "≤ 0.300 s " + ("met" if html <= 0.3 else "MISSED")],
        ["PDF", pdf, cold["pdf"], f"{cold['pdf'] / pdf:.1f}×", "≤ 1.500 s " + ("met" if pdf <= 1.5 else "MISSED")],
    ]))


if __name__ == "__main__":
    main()
