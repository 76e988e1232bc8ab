"""Two renders into one folder at the same time, in two processes: both succeed, nothing is
corrupt, no temporary file is left.  (A third process renders the first position again,
racing it for the same files: the last rename wins, and each file is whole either way.)"""

from __future__ import annotations

import io
import subprocess
import sys
import threading
import zipfile
from pathlib import Path

import docx
import lxml.html
import pytest
from pypdf import PdfReader

from paperkit.jobs import write_atomic

ROOT = Path(__file__).resolve().parent.parent
FIRST = ROOT / "positions" / "jca-net-2024-09-cybercrime.yaml"
SECOND = ROOT / "tests" / "fixtures" / "joint.yaml"


@pytest.fixture(scope="module")
def shared_folder(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("shared")
    processes = [subprocess.Popen([sys.executable, "-m", "paperkit.cli", "render", str(path), "--out", str(out)],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                 for path in (FIRST, SECOND, FIRST)]
    for process in processes:
        stdout, stderr = process.communicate(timeout=300)
        assert process.returncode == 0, stderr.decode()
        assert len(stdout.decode().split()) == 5
    return out


def test_both_renders_wrote_all_their_files_and_nothing_else(shared_folder):
    names = sorted(p.name for p in shared_folder.iterdir())
    expected = sorted(f"{pid}.en.{ext}" for pid in ("jca-net-2024-09-cybercrime", "fixture-joint")
                      for ext in ("pdf", "docx", "html", "md", "txt"))
    assert names == expected  # no ".part" left behind


@pytest.mark.parametrize("position_id, title", [
    ("jca-net-2024-09-cybercrime", "JCA-NET opposes the UN Cybercrime Convention"),
    ("fixture-joint", "Joint statement on the proposed treaty"),
])
def test_every_file_is_whole(shared_folder, position_id, title):
    files = {ext: (shared_folder / f"{position_id}.en.{ext}").read_bytes() for ext in ("pdf", "docx", "html", "md", "txt")}
    reader = PdfReader(io.BytesIO(files["pdf"]))
    assert title in "".join(page.extract_text() for page in reader.pages).replace("\n", " ")
    assert zipfile.ZipFile(io.BytesIO(files["docx"])).testzip() is None
    assert title in "\n".join(p.text for p in docx.Document(io.BytesIO(files["docx"])).paragraphs)
    assert lxml.html.document_fromstring(files["html"].decode("utf-8")).findtext(".//title").startswith(title)
    for fmt in ("md", "txt"):
        assert title in files[fmt].decode("utf-8")


def test_racing_atomic_writes_leave_one_whole_file(tmp_path):
    """Eight writers of the same path at once: the file is one writer's bytes, whole."""
    target = tmp_path / "same.pdf"
    payloads = [bytes([i]) * 200_000 for i in range(8)]
    threads = [threading.Thread(target=write_atomic, args=(target, data)) for data in payloads]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert target.read_bytes() in payloads
    assert [p.name for p in tmp_path.iterdir()] == ["same.pdf"]
