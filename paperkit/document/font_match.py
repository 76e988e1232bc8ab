"""fontconfig's best match for a pattern, as ``fc-match`` prints it, asked in this process.

The DOCX writer finds the files of the faces it embeds (regular, bold, italic, bold italic) and
the script sizes find a family's file; each asked ``fc-match``, a new process that loads
fontconfig's configuration and caches again: ~12 ms each on an idle 2-core machine, 50–106 ms
for a statement's four faces when the machine is loaded (measured 2026-11-30).  Here
libfontconfig is loaded once through ctypes (~6 ms), initialised once (~20 ms) and each match
takes well under a millisecond.  It does what fc-match does — ``FcNameParse``,
``FcConfigSubstitute``, ``FcDefaultSubstitute``, ``FcFontMatch`` on the default configuration
— so the answers are fc-match's (tests compare them).  Where libfontconfig cannot be loaded
(another platform), ``fc-match`` is run as before.

Hand-written: no maintained Python binding of fontconfig exists to depend on, and WeasyPrint's
(cffi) is not imported for a DOCX (it costs ~0.5 s).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import subprocess
import threading
from dataclasses import dataclass
from functools import lru_cache

_MATCH_PATTERN = 0
"""FcMatchPattern: the substitutions fc-match applies to the pattern it is given."""
_RESULT_MATCH = 0
"""FcResultMatch: a pattern element was found."""
_LOCK = threading.Lock()


@dataclass(frozen=True)
class Match:
    """The font fontconfig chose: its file, its index in a collection, and its family names."""

    file: str
    index: int
    families: tuple[str, ...]


def best_match(pattern: str) -> Match | None:
    """fontconfig's best match for ``pattern`` ("Noto Sans:bold:italic"), or None when there is
    none (no fontconfig, no fonts, an unreadable pattern)."""
    library = _library()
    if library is None:
        return _fc_match(pattern)
    with _LOCK:
        return _matched(library, pattern)


def _matched(library: ctypes.CDLL, pattern: str) -> Match | None:
    parsed = library.FcNameParse(pattern.encode())
    if not parsed:
        return None
    try:
        if not library.FcConfigSubstitute(None, parsed, _MATCH_PATTERN):
            return None
        library.FcDefaultSubstitute(parsed)
        result = ctypes.c_int()
        found = library.FcFontMatch(None, parsed, ctypes.byref(result))
        if not found:
            return None
        try:
            file = _string(library, found, b"file", 0)
            if file is None:
                return None
            index = ctypes.c_int()
            has_index = library.FcPatternGetInteger(found, b"index", 0, ctypes.byref(index)) == _RESULT_MATCH
            families: list[str] = []
            while (family := _string(library, found, b"family", len(families))) is not None:
                families.append(family)
            return Match(file, index.value if has_index else 0, tuple(families))
        finally:
            library.FcPatternDestroy(found)
    finally:
        library.FcPatternDestroy(parsed)


def _string(library: ctypes.CDLL, pattern: int, name: bytes, n: int) -> str | None:
    value = ctypes.c_char_p()
    if library.FcPatternGetString(pattern, name, n, ctypes.byref(value)) != _RESULT_MATCH or value.value is None:
        return None
    return value.value.decode("utf-8", "surrogateescape")


@lru_cache(maxsize=1)
def _library() -> ctypes.CDLL | None:
    """libfontconfig with the signatures used here, initialised; None where it cannot be loaded."""
    for name in ("libfontconfig.so.1", ctypes.util.find_library("fontconfig")):
        if name is None:
            continue
        try:
            library = ctypes.CDLL(name)
        except OSError:
            continue
        pointer, text, number = ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int
        library.FcInit.restype = number
        library.FcNameParse.restype, library.FcNameParse.argtypes = pointer, [text]
        library.FcConfigSubstitute.restype = number
        library.FcConfigSubstitute.argtypes = [pointer, pointer, number]
        library.FcDefaultSubstitute.restype, library.FcDefaultSubstitute.argtypes = None, [pointer]
        library.FcFontMatch.restype = pointer
        library.FcFontMatch.argtypes = [pointer, pointer, ctypes.POINTER(number)]
        library.FcPatternGetString.restype = number
        library.FcPatternGetString.argtypes = [pointer, text, number, ctypes.POINTER(text)]
        library.FcPatternGetInteger.restype = number
        library.FcPatternGetInteger.argtypes = [pointer, text, number, ctypes.POINTER(number)]
        library.FcPatternDestroy.restype, library.FcPatternDestroy.argtypes = None, [pointer]
        if not library.FcInit():
            return None
        return library
    return None


def _fc_match(pattern: str) -> Match | None:
    """The same question asked of the ``fc-match`` command."""
    try:
        found = subprocess.run(["fc-match", "-f", "%{file}|%{index}|%{family}", pattern],
                               capture_output=True, text=True, check=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    file, index, families = found.split("|", 2)
    return Match(file, int(index or 0), tuple(name.strip() for name in families.split(",")))
