"""The shape of the package: the pipeline's layers import only downwards, and no module cycle.

model → load → resolve → document → writers → jobs/batch → cli (DESIGN.md).  Every import
counts, the ones inside functions too: a "late import" is still a dependency.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "paperkit"

LAYERS = [
    ("errors", "resources", "wordcount", "docx_text", "pages", "parallel", "time_limit"),
    ("model", "profiles"),
    ("load", "schema"),
    ("resolve",),
    ("document",),
    ("writers",),
    ("jobs", "one_page", "batch", "embedded_source", "letters", "reference", "starter", "doctor", "redline", "preview", "check",
     "compare"),
    ("cli",),
]
"""Top-level modules and subpackages of paperkit, lowest layer first."""


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(path): path for path in PACKAGE.rglob("*.py")}


def imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The paperkit modules ``name`` imports (a name imported from a package counts as its
    submodule when there is one)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.startswith("paperkit")}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            elif node.module and node.module.startswith("paperkit"):
                target = node.module
            else:
                continue
            subs = {f"{target}.{alias.name}" for alias in node.names} & known
            found |= subs or {target}
    return {m for m in found if m in known and m != name}


def graph() -> dict[str, set[str]]:
    found = modules()
    return {name: imports(name, path, set(found)) for name, path in found.items()}


def layer(name: str) -> int:
    parts = name.split(".")
    if len(parts) < 2:
        return len(LAYERS) - 1  # paperkit itself: the public API, beside the command line
    for index, members in enumerate(LAYERS):
        if parts[1] in members:
            return index
    raise AssertionError(f"{name} is in no layer: add it to LAYERS")


def test_every_layer_imports_only_itself_and_the_layers_below():
    wrong = [f"{name} → {target}" for name, targets in graph().items() for target in targets
             if layer(target) > layer(name)]
    assert not wrong, "imports against the pipeline's order:\n" + "\n".join(sorted(wrong))


def test_document_never_imports_load():
    wrong = [f"{name} → {target}" for name, targets in graph().items() if name.startswith("paperkit.document")
             for target in targets if target.startswith("paperkit.load")]
    assert not wrong, wrong


def test_no_import_cycles():
    edges = graph()
    cycles: list[list[str]] = []
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(name: str) -> None:
        state[name] = 1
        stack.append(name)
        for target in sorted(edges[name]):
            if state.get(target) == 1:
                cycles.append(stack[stack.index(target):] + [target])
            elif target not in state:
                visit(target)
        stack.pop()
        state[name] = 2

    for name in sorted(edges):
        if name not in state:
            visit(name)
    assert not cycles, "import cycles:\n" + "\n".join(" → ".join(c) for c in cycles)


def test_the_checks_see_the_imports_they_claim():
    """The graph is not empty by accident: known edges are there."""
    edges = graph()
    assert "paperkit.load" in edges["paperkit.resolve"] or "paperkit.load.checks" in edges["paperkit.resolve"]
    assert "paperkit.document.nodes" in edges["paperkit.writers.html"]
    assert "paperkit.resolve" in edges["paperkit.jobs"]
