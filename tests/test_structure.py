"""The package's layering, read from the source: no module imports one that imports it back (at the top,
in a function, or for types alone); media fitting is one package (``captions.sync``) that the rest uses
only through its ``__init__``, and that uses nothing of planning or writing."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "captions"
SYNC = ROOT / "sync"
# what the fitting code may build on: errors, the timeline's data types, text measures, itself
SYNC_MAY_IMPORT = ("captions.errors", "captions.timeline", "captions.text", "captions.sync")


def _imports(path: Path) -> set[str]:
    """Every ``captions…`` module ``path`` imports (``from captions import x`` counts as ``captions.x``)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("captions")}
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("captions"):
            if node.module == "captions":
                found |= {f"captions.{a.name}" for a in node.names}
            else:
                found |= {node.module} | {f"{node.module}.{a.name}" for a in node.names}
    return found


def _module(path: Path) -> str:
    return ".".join(path.relative_to(ROOT.parent).with_suffix("").parts)


def test_nothing_outside_sync_reaches_into_it():
    for path in ROOT.rglob("*.py"):
        if SYNC in path.parents:
            continue
        inside = {m for m in _imports(path) if m.startswith("captions.sync.")}
        modules = {m for m in inside if (SYNC / f"{m.split('.')[2]}.py").exists()}
        assert not modules, f"{_module(path)} imports {sorted(modules)}: use captions.sync's own names"


def test_sync_imports_nothing_of_planning_or_writing():
    for path in SYNC.rglob("*.py"):
        bad = {m for m in _imports(path) if not m.startswith(SYNC_MAY_IMPORT)}
        assert not bad, f"{_module(path)} imports {sorted(bad)}"


def _graph() -> dict[str, set[str]]:
    """Module → the captions modules it imports (a package's ``__init__`` is the package)."""
    modules = {_module(p).removesuffix(".__init__"): p for p in ROOT.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        found = set()
        for m in _imports(path):  # ``from captions.x import y``: the module y if there is one, else x
            base = m.rsplit(".", 1)[0]
            found.add(m if m in modules else base if base in modules else m)
        # ``from a.b import c`` of the module c loads c through the package a.b, which is not a use of it
        found = {m for m in found if not any(o.startswith(m + ".") and o in modules for o in found)}
        graph[name] = {m for m in found if m in modules and m != name}
    return graph


def _circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Each group of modules that import one another round a circle (Tarjan's strongly connected parts)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            part = []
            while (w := stack.pop()) != v:
                part.append(w)
            if part:
                out.append(sorted([*part, v]))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def test_no_import_circles():
    assert _circles(_graph()) == []
    assert _circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]  # it can see one


def test_the_checks_see_an_import_when_there_is_one(tmp_path):
    """The reader above finds both spellings of an import (else the two tests could not fail)."""
    sample = tmp_path / "x.py"
    sample.write_text("from captions import plan\nfrom captions.sync.align import warp\nimport captions.timing\n")
    assert _imports(sample) >= {"captions.plan", "captions.sync.align", "captions.timing"}
