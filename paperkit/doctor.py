"""``paperkit doctor``: is this machine ready to render every language, fast, and to run the checks?

What it looks at, and the Debian package that fills each gap:

- fonts, through fontconfig (``fc-list :lang=ja``): which of the seven languages paperkit
  publishes in (en, es, fr, ar, zh, ru, ja) the installed fonts cover, and whether the
  fonts the built-in stylesheet asks for by name are there (Noto Serif CJK JP for
  Japanese, SC for Chinese — the same characters drawn the Japanese or Chinese way —,
  Noto Naskh Arabic for Arabic …);
- ``libharfbuzz-subset``: without it WeasyPrint subsets fonts by a path about three times
  slower (far more on a Japanese page);
- LibreOffice (DOCX → PDF, for the checks and to look at a DOCX) and poppler's
  ``pdftotext``, ``pdffonts`` and ``pdftoppm`` (the tests read PDFs back with them).

Exit status 0 when nothing is missing, 1 otherwise.  Probes are plain functions of this
module, so that a test can stand in for a machine without a font.
"""

from __future__ import annotations

import ctypes.util
import shutil
import subprocess
from dataclasses import dataclass, field

LANGUAGES = {
    "en": "English", "es": "Spanish", "fr": "French", "ar": "Arabic",
    "zh": "Chinese", "ru": "Russian", "ja": "Japanese",
}

FONTS = {
    # language: (families templates/base/style.css asks for, Debian package that has them)
    "en": (("Noto Serif", "Noto Sans"), "fonts-noto-core"),
    "es": (("Noto Serif", "Noto Sans"), "fonts-noto-core"),
    "fr": (("Noto Serif", "Noto Sans"), "fonts-noto-core"),
    "ru": (("Noto Serif", "Noto Sans"), "fonts-noto-core"),
    "ar": (("Noto Naskh Arabic", "Noto Sans Arabic"), "fonts-noto-core"),
    "zh": (("Noto Serif CJK SC", "Noto Sans CJK SC"), "fonts-noto-cjk"),
    "ja": (("Noto Serif CJK JP", "Noto Sans CJK JP"), "fonts-noto-cjk"),
}

TOOLS = (
    # (what, commands (any one will do), Debian package, why)
    ("LibreOffice", ("soffice", "libreoffice"), "libreoffice-writer-nogui",
     "DOCX → PDF, for the checks and to look at a DOCX"),
    ("poppler", ("pdftotext", "pdffonts", "pdftoppm"), "poppler-utils",
     "pdftotext, pdffonts and pdftoppm read PDFs back in the checks"),
)


@dataclass
class Check:
    """One line of the report."""

    ok: bool
    name: str
    detail: str
    package: str | None = None
    """The Debian package that fills the gap (when not ok)."""


@dataclass
class Report:
    fonts: list[Check] = field(default_factory=list)
    libraries: list[Check] = field(default_factory=list)
    tools: list[Check] = field(default_factory=list)

    @property
    def checks(self) -> list[Check]:
        return self.fonts + self.libraries + self.tools

    @property
    def ok(self) -> bool:
        return all(check.ok for check in self.checks)

    @property
    def packages(self) -> list[str]:
        return sorted({c.package for c in self.checks if not c.ok and c.package})


# ------------------------------------------------------------ probes (replaced in tests)


def fc_list(pattern: str) -> list[str] | None:
    """Family names fontconfig lists for ``pattern`` (``:lang=ja``, ``Noto Sans``), None without fc-list."""
    command = shutil.which("fc-list")
    if command is None:
        return None
    result = subprocess.run([command, "--format", "%{family[0]}\n", pattern],
                            capture_output=True, text=True, check=False)
    return sorted({line.strip() for line in result.stdout.splitlines() if line.strip()})


def find_library(name: str) -> str | None:
    """The shared library ``name`` (``harfbuzz-subset``) as the dynamic loader finds it, or None."""
    found = ctypes.util.find_library(name)
    if found:
        return found
    try:  # find_library needs ldconfig or gcc; a direct dlopen settles it
        ctypes.CDLL(f"lib{name}.so.0")
        return f"lib{name}.so.0"
    except OSError:
        return None


def which(command: str) -> str | None:
    return shutil.which(command)


# ------------------------------------------------------------ checks


def check_fonts() -> list[Check]:
    checks = []
    if fc_list(":") is None:
        return [Check(False, "fontconfig", "fc-list is missing: fonts cannot be checked", "fontconfig")]
    for lang, name in LANGUAGES.items():
        wanted, package = FONTS[lang]
        covering = fc_list(f":lang={lang}") or []
        if not covering:
            checks.append(Check(False, f"{lang} {name}", "no installed font covers it", package))
            continue
        missing = [family for family in wanted if not fc_list(f"{family}:lang={lang}")]
        if missing:
            checks.append(Check(False, f"{lang} {name}",
                                f"covered by {_some(covering)}, but {' and '.join(missing)} "
                                f"(which the stylesheet asks for) {'is' if len(missing) == 1 else 'are'} missing", package))
        else:
            checks.append(Check(True, f"{lang} {name}", f"{', '.join(wanted)} ({len(covering)} font families cover it)"))
    return checks


def check_libraries() -> list[Check]:
    found = find_library("harfbuzz-subset")
    if found:
        return [Check(True, "libharfbuzz-subset", f"{found}: fast font subsetting in PDFs")]
    return [Check(False, "libharfbuzz-subset", "missing: PDFs take about 3× as long (far more with CJK fonts)",
                  "libharfbuzz-subset0")]


def check_tools() -> list[Check]:
    checks = []
    for name, commands, package, why in TOOLS:
        found = {command: which(command) for command in commands}
        if name == "LibreOffice":
            path = next((p for p in found.values() if p), None)
            checks.append(Check(True, name, f"{path} ({why})") if path else
                          Check(False, name, f"missing: no soffice ({why})", package))
        else:
            absent = [c for c, p in found.items() if not p]
            checks.append(Check(not absent, name, f"{', '.join(commands)} ({why})" if not absent
                                else f"missing {', '.join(absent)} ({why})", None if not absent else package))
    return checks


def diagnose() -> Report:
    return Report(check_fonts(), check_libraries(), check_tools())


def format_report(report: Report) -> str:
    lines = []
    for title, checks in (("Fonts (fontconfig)", report.fonts), ("Libraries", report.libraries),
                          ("Tools", report.tools)):
        lines.append(title)
        for check in checks:
            mark = "ok     " if check.ok else "MISSING"
            fix = f" — install {check.package}" if not check.ok and check.package else ""
            lines.append(f"  {mark} {check.name}: {check.detail}{fix}")
    if report.ok:
        lines.append("All is well: every language renders, PDFs are subset fast, the checks can run.")
    else:
        gaps = sum(not c.ok for c in report.checks)
        lines.append(f"{gaps} gap{'s' if gaps > 1 else ''}; to fill {'them' if gaps > 1 else 'it'}:")
        lines.append(f"  sudo apt-get install {' '.join(report.packages)}")
    return "\n".join(lines) + "\n"


def _some(families: list[str], limit: int = 3) -> str:
    shown = ", ".join(families[:limit])
    return shown + (f" and {len(families) - limit} more" if len(families) > limit else "")
