"""The layers of ARCHITECTURE.md, checked on the source: no upward import, no import between
sibling stages, no top-level stage names, and no cycle — counting imports inside functions too,
so a lazy import cannot hide one (lazy imports stay fine for start-up time)."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

from tests.conftest import REPO

# Highest first. A module may import its own package's modules and anything in a lower layer.
LAYERS: list[tuple[str, list[str]]] = [
    ("top", ["newsmon.cli", "newsmon.steps", "newsmon.orchestration", "newsmon.extract_cmd", "newsmon.sql_console",
             "newsmon.__main__", "newsmon", "dags"]),
    ("view", ["newsmon.web"]),
    ("stages", ["newsmon.crawlers", "newsmon.dedupe", "newsmon.alerts"]),  # independent of one another
    ("warehouse", ["newsmon.warehouse"]),
    ("core", ["newsmon.core"]),
]
OLD_TOP_LEVEL = {"crawlers", "dedupe", "warehouse", "alerts", "web"}


def _modules() -> dict[str, Path]:
    """Module name → file, through the package-dir mapping in pyproject.toml."""
    cfg = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    out: dict[str, Path] = {}
    for pkg, folder in cfg["package-dir"].items():
        for f in (REPO / folder).rglob("*.py"):
            rel = f.relative_to(REPO / folder).with_suffix("")
            parts = [p for p in rel.parts if p != "__init__"]
            name = ".".join([pkg, *parts])
            out.setdefault(name, f)  # a nested mapping (newsmon.dedupe) wins over its parent's walk
    for f in (REPO / "dags").glob("*.py"):
        out[f"dags.{f.stem}"] = f
    return {k: v for k, v in out.items() if not any(p in ("__pycache__",) for p in v.parts)}


def _owner(module: str) -> tuple[int, str]:
    """(layer index, unit) of a module: the unit is the package prefix it belongs to."""
    best = None
    for i, (_, prefixes) in enumerate(LAYERS):
        for p in prefixes:
            if (module == p or module.startswith(p + ".")) and (best is None or len(p) > len(best[1])):
                best = (i, p)
    assert best is not None, f"{module} belongs to no layer: add it to LAYERS"
    return best


def _imports(module: str, path: Path) -> list[tuple[str, int, bool]]:
    """(imported module, line, inside a function) for every import of newsmon (or old top-level names)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    is_pkg = path.name == "__init__.py"
    out = []

    def visit(node, in_func: bool):
        for child in ast.iter_child_nodes(node):
            f = in_func or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef))
            names: list[str] = []
            if isinstance(child, ast.Import):
                names = [a.name for a in child.names]
            elif isinstance(child, ast.ImportFrom):
                base = child.module or ""
                if child.level:
                    pkg = module.split(".") if is_pkg else module.split(".")[:-1]
                    pkg = pkg[: len(pkg) - (child.level - 1)]
                    base = ".".join([*pkg, base] if base else pkg)
                names = [base] + [f"{base}.{a.name}" for a in child.names]
            for n in names:
                if n.split(".")[0] in ({"newsmon", "dags"} | OLD_TOP_LEVEL):
                    out.append((n, child.lineno, f))
            visit(child, f)

    visit(tree, False)
    return out


def _graph() -> tuple[dict[str, Path], dict[str, set[str]], list[str]]:
    mods = _modules()
    graph: dict[str, set[str]] = {m: set() for m in mods}
    problems = []
    for m, path in mods.items():
        layer, unit = _owner(m)
        for target, line, in_func in _imports(m, path):
            where = f"{path.relative_to(REPO)}:{line}"
            if target.split(".")[0] in OLD_TOP_LEVEL:
                problems.append(f"{where}: imports top-level {target!r}; use newsmon.{target}")
                continue
            if target not in mods:
                continue  # `from pkg import name` also lists pkg.name, which may be a function
            graph[m].add(target)
            t_layer, t_unit = _owner(target)
            if t_unit == unit:
                continue
            if t_layer < layer:
                problems.append(f"{where}: {LAYERS[layer][0]} module {m} imports {target} from the {LAYERS[t_layer][0]} layer above")
            elif t_layer == layer and LAYERS[layer][0] != "top":
                problems.append(f"{where}: stage {unit} imports sibling stage {t_unit}")
    return mods, graph, problems


def test_every_module_belongs_to_a_layer():
    for m in _modules():
        _owner(m)


def test_no_upward_sideways_or_lazy_imports():
    _, _, problems = _graph()
    assert problems == [], "\n".join(problems)


def test_no_import_cycles():
    _, graph, _ = _graph()
    cycles, state, stack = [], {}, []

    def dfs(n: str) -> None:
        state[n] = 1
        stack.append(n)
        for t in sorted(graph[n]):
            if state.get(t) == 1:
                cycles.append(stack[stack.index(t):] + [t])
            elif t not in state:
                dfs(t)
        stack.pop()
        state[n] = 2

    for n in sorted(graph):
        if n not in state:
            dfs(n)
    # A package's __init__ importing its own submodule is not a cycle worth reporting.
    real = [c for c in cycles if not all(x == c[0] or x.startswith(c[0] + ".") for x in c[1:])]
    assert real == [], "\n".join(" -> ".join(c) for c in real)


def test_the_checker_sees_a_violation(tmp_path, monkeypatch):
    """The AST walk itself: an upward import in core is reported."""
    bad = tmp_path / "bad.py"
    bad.write_text("import json\n\ndef f():\n    from newsmon.cli import app\n", encoding="utf-8")
    found = _imports("newsmon.core.bad", bad)
    assert ("newsmon.cli", 4, True) in found
    assert _owner("newsmon.core.bad")[0] > _owner("newsmon.cli")[0]
