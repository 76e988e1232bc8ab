"""paperkit imports WeasyPrint without ``ctypes.util.find_library`` on Linux (its look-ups of
names that do not exist spawn gcc and ld: ~0.3 s of a cold start), and falls back to the
import as WeasyPrint ships it where the shortcut would lose a library.

Each case runs in a fresh interpreter (WeasyPrint loads its libraries once per process);
``ctypes.util.find_library`` is wrapped first so that the case sees who asked it what, and
cffi's ``dlopen`` may be made to refuse names, as on a machine whose libraries have sonames
WeasyPrint does not list (only find_library finds them there)."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the shortcut applies on Linux only")

PROBE = """
import ctypes.util, json, sys, warnings
import cffi.api
warnings.simplefilter("always")
looked_up = []
real_find_library = ctypes.util.find_library
def counting(name):
    looked_up.append(name)
    return real_find_library(name)
ctypes.util.find_library = counting
refused = {refused!r}
real_dlopen = cffi.api.FFI.dlopen
def dlopen(self, name, *args, **kwargs):
    if name in refused:
        raise OSError(f"simulated: {{name}} cannot be opened by this name")
    return real_dlopen(self, name, *args, **kwargs)
cffi.api.FFI.dlopen = dlopen
from paperkit.writers.weasyprint_import import import_weasyprint
{setup}
with warnings.catch_warnings(record=True) as caught:
    weasyprint = import_weasyprint()
import weasyprint.text.ffi as libraries
pdf = weasyprint.HTML(string="<p>Cold start</p>").write_pdf()
print(json.dumps({{
    "looked_up": looked_up,
    "restored": ctypes.util.find_library is counting,
    "same_module": sys.modules["weasyprint"] is weasyprint,
    "subset": libraries.harfbuzz_subset is not None,
    "pango": libraries.pango.pango_version() > 0,
    "pdf": pdf.startswith(b"%PDF"),
    "warnings": [str(w.message) for w in caught],
}}))
"""


def probe(refused: set[str] = frozenset(), setup: str = "") -> tuple[dict[str, object], str]:
    """What a fresh interpreter saw importing WeasyPrint through paperkit, and its stdout before that."""
    code = PROBE.format(refused=sorted(refused), setup=textwrap.dedent(setup))
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    *printed, last = proc.stdout.strip().splitlines()
    return json.loads(last), "\n".join(printed)


def test_weasyprint_loads_its_libraries_without_looking_them_up():
    seen, printed = probe()
    # Not even to check that an optional library missing here (HarfBuzz vector) was not hidden:
    # the loader's cache says so without gcc and ld (only a system without ldconfig asks).
    assert seen["looked_up"] == [] if Path("/sbin/ldconfig").exists() else \
        set(seen["looked_up"]) <= {"harfbuzz-vector", "harfbuzz-subset"}
    assert seen["restored"] and seen["same_module"]
    assert seen["pango"] and seen["subset"] and seen["pdf"]
    assert printed == "" and seen["warnings"] == []


def test_a_library_only_find_library_finds_is_still_loaded():
    # Pango by its Linux soname refused: only find_library's answer ('pango-1.0' → the file) opens it.
    seen, printed = probe(refused={"libpango-1.0.so.0"})
    assert "pango-1.0" in seen["looked_up"]  # the import as WeasyPrint ships it ran
    assert seen["restored"] and seen["same_module"]
    assert seen["pango"] and seen["pdf"]
    assert "could not import some external libraries" not in printed  # the first attempt's help is dropped


def test_an_optional_library_only_find_library_finds_is_not_lost():
    # Without the fallback, font subsetting would silently be off (and WeasyPrint would warn).
    seen, printed = probe(refused={"libharfbuzz-subset.so.0"})
    assert "harfbuzz-subset" in seen["looked_up"]
    assert seen["subset"] and seen["pdf"]
    assert not any("HarfBuzz-Subset" in message for message in seen["warnings"])


def test_a_library_missing_everywhere_fails_as_weasyprint_fails():
    code = PROBE.format(refused=["libpango-1.0.so.0"], setup="ctypes.util.find_library = lambda name: None\n"
                                                              "real_find_library = lambda name: None")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode != 0
    assert "OSError" in proc.stderr
    assert proc.stdout.count("could not import some external libraries") == 1  # WeasyPrint's help, once


def test_without_the_shortcut_weasyprint_is_imported_as_it_ships():
    seen, _ = probe(setup="import paperkit.writers.weasyprint_import as module\nmodule.SHORTCUT = False")
    assert "gobject-2.0" in seen["looked_up"]
    assert seen["pango"] and seen["pdf"]
