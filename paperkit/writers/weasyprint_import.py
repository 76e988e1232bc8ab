"""``import weasyprint`` without ``ctypes.util.find_library`` on Linux: ~0.3 s of a cold start.

``weasyprint.text.ffi`` loads its libraries (GObject, Pango, HarfBuzz, fontconfig, PangoFT2)
by trying one name per platform in turn — 'libgobject-2.0-0', 'gobject-2.0-0', 'gobject-2.0',
'libgobject-2.0.so.0' …  For each name cffi cannot open directly it asks
``ctypes.util.find_library``, which on Linux runs ``ldconfig -p`` and, for a name it does not
find, ``gcc`` and ``ld``: 22 look-ups, 16 of them failing, 58 processes per cold start.
Measured 2026-11-30 on 2 cores: ``python -c "import weasyprint"`` 1.08/1.17/0.91 s, and
0.77/0.85/0.70 s with find_library answering None.  Answered None, WeasyPrint goes on to its
Linux names ('libgobject-2.0.so.0' …), which the dynamic loader opens directly: the same
files find_library would have named (it returns the soname, which is then opened the same way).

So, on Linux, while ``weasyprint`` is imported, find_library answers None to the look-ups
made from ``weasyprint.text.ffi`` in the importing thread; every other caller gets the real
answer.  On a machine where only find_library finds a library (a soname WeasyPrint does not
list), the shortcut would lose it: the import fails, or an optional library (HarfBuzz subset:
font subsetting; HarfBuzz vector: colour glyphs) comes out missing although the loader's cache
lists it.  Then the partly imported ``weasyprint`` modules are dropped from ``sys.modules``
and WeasyPrint is imported again as it ships; what the first attempt printed (WeasyPrint's
"could not import some external libraries" help) or warned is dropped with it.
"""

from __future__ import annotations

import contextlib
import ctypes.util
import importlib
import io
import re
import subprocess
import sys
import threading
import warnings
from collections.abc import Iterator
from types import FrameType, ModuleType

LIBRARIES_MODULE = "weasyprint.text.ffi"
"""The WeasyPrint module that loads the shared libraries (WeasyPrint 62–70)."""

SHORTCUT = sys.platform.startswith("linux")
"""Where find_library spawns processes (ldconfig, gcc, ld) and the shortcut applies."""

OPTIONAL = {"harfbuzz_subset": "harfbuzz-subset", "harfbuzz_vector": "harfbuzz-vector"}
"""WeasyPrint's optional libraries (None when missing) and the name find_library knows each by."""


def import_weasyprint() -> ModuleType:
    """The ``weasyprint`` module, imported with the shortcut where it applies (see above)."""
    if "weasyprint" in sys.modules or not SHORTCUT:
        return importlib.import_module("weasyprint")
    try:
        with _libraries_not_looked_up(), contextlib.redirect_stdout(io.StringIO()), \
                warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            module = importlib.import_module("weasyprint")
        complete = not _optional_library_hidden()
    except OSError:  # a library the shortcut did not find (cffi's dlopen raises OSError)
        complete = False
    if not complete:
        _forget_weasyprint()
        return importlib.import_module("weasyprint")
    for warning in caught:
        warnings.warn_explicit(warning.message, warning.category, warning.filename, warning.lineno)
    return module


@contextlib.contextmanager
def _libraries_not_looked_up() -> Iterator[None]:
    """find_library answers None to ``weasyprint.text.ffi`` in this thread, meanwhile."""
    real = ctypes.util.find_library
    importing = threading.get_ident()

    def find_library(name: str) -> str | None:
        if threading.get_ident() == importing and _called_from(LIBRARIES_MODULE):
            return None
        return real(name)

    ctypes.util.find_library = find_library
    try:
        yield
    finally:
        ctypes.util.find_library = real


def _called_from(module: str) -> bool:
    """Whether a caller of the caller's caller runs code of ``module``."""
    frame: FrameType | None = sys._getframe(2)
    while frame is not None:
        if frame.f_globals.get("__name__") == module:
            return True
        frame = frame.f_back
    return False


def _optional_library_hidden() -> bool:
    """Whether an optional library came out missing although the system has it.

    Asked of the dynamic loader's cache (``ldconfig -p``, one process, ~3 ms), which is where
    find_library looks first; find_library itself would run gcc and ld for a library that
    is not there (~20 ms; HarfBuzz vector is missing on most systems).  Without ldconfig,
    find_library is asked."""
    libraries = sys.modules[LIBRARIES_MODULE]
    missing = [name for attribute, name in OPTIONAL.items()
               if hasattr(libraries, attribute) and getattr(libraries, attribute) is None]
    if not missing:
        return False
    try:
        listed = subprocess.run(["/sbin/ldconfig", "-p"], capture_output=True, text=True, timeout=30,
                                env={"LC_ALL": "C", "LANG": "C"}).stdout
    except (OSError, subprocess.SubprocessError):
        return any(ctypes.util.find_library(name) is not None for name in missing)
    return any(re.search(rf"^\s+lib{re.escape(name)}\.so", listed, re.MULTILINE) for name in missing)


def _forget_weasyprint() -> None:
    for name in [name for name in sys.modules if name == "weasyprint" or name.startswith("weasyprint.")]:
        del sys.modules[name]
