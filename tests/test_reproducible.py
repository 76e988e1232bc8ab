"""Byte-reproducible output: the same input rendered in two processes gives the same bytes.

The two runs differ in everything that must not matter: the clock's time zone,
``SOURCE_DATE_EPOCH``, the hash seed (set and dict order), the working folder.  Dates
in the files come from the position; the DOCX zip has fixed entry times and order.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parent.parent
POSITIONS = [
    ROOT / "positions" / "jca-net-2024-09-cybercrime.yaml",  # footnotes, references
    ROOT / "positions" / "civil-society-2024-01-cybercrime-concluding-session.yaml",  # signatories from a CSV
    ROOT / "tests" / "fixtures" / "post.yaml",
]

DRIVER = """
import json, sys
from paperkit import render
out, positions = sys.argv[1], json.loads(sys.argv[2])
for path in positions:
    render(path, out=out + "/all")
render(positions[0], formats=["pdf"], out=out + "/archival", pdf_variant="pdf/a-3b", embed_source=True)
"""


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory) -> tuple[Path, Path]:
    runs = []
    for number, (tz, epoch, seed) in enumerate([("UTC", "0", "1"), ("Asia/Tokyo", "1700000000", "2")]):
        folder = tmp_path_factory.mktemp(f"run{number}")
        env = {**os.environ, "TZ": tz, "SOURCE_DATE_EPOCH": epoch, "PYTHONHASHSEED": seed}
        runs.append((folder, subprocess.Popen(
            [sys.executable, "-c", DRIVER, str(folder), json.dumps([str(p) for p in POSITIONS])],
            cwd=folder, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)))
    for folder, process in runs:
        _, err = process.communicate(timeout=300)
        assert process.returncode == 0, err.decode()
    return runs[0][0], runs[1][0]


def outputs(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_every_file_of_two_processes_is_byte_identical(two_runs):
    first, second = (outputs(folder) for folder in two_runs)
    assert sorted(first) == sorted(second)
    assert len(first) == len(POSITIONS) * 5 + 1
    different = [name for name in first if first[name] != second[name]]
    assert different == [], f"not reproducible: {different}"


def test_docx_entries_carry_the_document_date_not_the_clock(two_runs):
    files = outputs(two_runs[0])
    package = zipfile.ZipFile(io.BytesIO(files["all/jca-net-2024-09-cybercrime.en.docx"]))
    assert {info.date_time for info in package.infolist()} == {(2024, 9, 9, 0, 0, 0)}
    names = package.namelist()
    assert names[0] == "[Content_Types].xml" and len(set(names)) == len(names)


def test_pdf_dates_come_from_the_position(two_runs):
    files = outputs(two_runs[0])
    reader = PdfReader(io.BytesIO(files["all/jca-net-2024-09-cybercrime.en.pdf"]))
    assert reader.metadata.get("/CreationDate") in (None, "D:20240909")
    assert "/ModDate" not in reader.metadata
    archival = PdfReader(io.BytesIO(files["archival/jca-net-2024-09-cybercrime.en.pdf"]))
    spec = archival.trailer["/Root"]["/AF"][0].get_object()
    params = spec["/EF"]["/F"].get_object()["/Params"]
    assert params["/CreationDate"] == params["/ModDate"] == "D:20240909000000Z"
