"""Find template files: user folders first, then the built-in templates, kind before base.

The layout is ``<dir>/<kind>/<file>`` with ``<dir>/base/<file>`` as the fallback for
every kind, like mkdocs's ``custom_dir``: a user overrides any single file.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent


def builtin_templates() -> Path:
    """The templates shipped with paperkit (installed wheel, or the source checkout)."""
    for candidate in (_PACKAGE / "templates", _PACKAGE.parent / "templates"):
        if (candidate / "base").is_dir():
            return candidate
    raise FileNotFoundError("paperkit's built-in templates are missing; reinstall paperkit")


def search_path(kind: str, user_dirs: tuple[Path, ...] = ()) -> list[Path]:
    """Folders to look in for a kind's template files, most specific first."""
    roots = [*user_dirs, builtin_templates()]
    return [root / sub for root in roots for sub in (kind, "base") if (root / sub).is_dir()]


def find_template(kind: str, name: str, user_dirs: tuple[Path, ...] = ()) -> Path:
    """The first ``name`` on the search path of ``kind``."""
    for folder in search_path(kind, user_dirs):
        if (folder / name).is_file():
            return folder / name
    raise FileNotFoundError(f"no template {name!r} for kind {kind!r}")


def is_builtin(path: Path) -> bool:
    """True when ``path`` is one of paperkit's own templates (trusted)."""
    try:
        path.resolve().relative_to(builtin_templates().resolve())
        return True
    except ValueError:
        return False


def builtin_files(kind: str) -> dict[str, Path]:
    """The built-in template files a kind uses, by name (its own before base's)."""
    root = builtin_templates()
    files: dict[str, Path] = {}
    for folder in (root / kind, root / "base"):
        if folder.is_dir():
            for path in sorted(folder.iterdir()):
                if path.is_file():
                    files.setdefault(path.name, path)
    return files


def copy_builtin(kind: str, target: Path, force: bool = False) -> list[Path]:
    """Copy the built-in files of ``kind`` (or ``base``) to ``target/<kind>/``, a starting
    point for user templates; existing files are kept unless ``force``."""
    import shutil

    from ..errors import UsageError
    from ..model import KINDS

    if kind != "base" and kind not in KINDS:
        raise UsageError(f"unknown kind {kind!r}; choose from base, {', '.join(KINDS)}")
    folder = Path(target) / kind
    files = builtin_files(kind)
    clashes = [folder / name for name in files if (folder / name).exists()]
    if clashes and not force:
        raise UsageError(f"{clashes[0]} exists; use --force to overwrite"
                            + (f" it and {len(clashes) - 1} more" if len(clashes) > 1 else " it"))
    folder.mkdir(parents=True, exist_ok=True)
    return [Path(shutil.copyfile(source, folder / name)) for name, source in files.items()]
