"""The package's shape: its layers import downward only, and nothing imports in a cycle.

Every import is read with `ast`, including those inside functions (a local import hides a cycle,
it does not remove it); imports under `if TYPE_CHECKING:` are the only ones left out.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "budgetcheck"

#: Each layer and the layers it may import. The order is the data flow (docs/architecture.md).
ALLOWED: dict[str, set[str]] = {
    "util": set(),
    "inputs": {"util"},
    "numbers": {"util"},
    "plan": {"util", "inputs", "numbers"},
    "judge": {"util", "numbers", "plan"},
    "report": {"util", "numbers"},
    "rules": {"util", "inputs", "numbers", "plan", "judge", "report"},
    "engine": {"util", "numbers", "plan", "judge", "report", "rules"},
    "sources": {"util", "inputs", "numbers", "plan"},
    "render": {"util", "numbers", "plan", "report", "rules"},
    "baseline": {"util", "inputs", "report"},
    "api": {"util", "inputs", "numbers", "plan", "judge", "sources"},
    "config": {"util", "inputs", "sources"},
    "cli_check": {"util", "inputs", "numbers", "plan", "report", "rules", "engine", "sources",
                  "render", "baseline", "api", "config"},
    "cli": {"util", "inputs", "numbers", "plan", "report", "rules", "engine", "sources",
            "render", "baseline", "api", "config", "cli_check"},
    "entry": {"util", "cli"},
    "__main__": {"entry"},
    "__init__": {"util"},  # its version; the rest is imported on use
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _type_checking_only(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    while node in parents:
        node = parents[node]
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            return True
    return False


def imports_of(path: Path, modules: set[str], type_only: bool = False) -> set[str]:
    """The project modules `path` imports at run time (a name imported from a package counts as
    its module when it is one)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    current = module_name(path)
    package = current if path.name == "__init__.py" else current.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if not type_only and _type_checking_only(node, parents):
            continue
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == "budgetcheck")
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module or ""
            if source.split(".")[0] != "budgetcheck":
                continue
            for alias in node.names:
                as_module = f"{source}.{alias.name}"
                found.add(as_module if as_module in modules else source)
    return {m for m in found if m in modules and m != current}


def import_graph(type_only: bool = False) -> dict[str, set[str]]:
    paths = sorted(PACKAGE.rglob("*.py"))
    modules = {module_name(p) for p in paths}
    return {module_name(p): imports_of(p, modules, type_only) for p in paths}


def test_every_module_belongs_to_a_layer() -> None:
    unknown = {m for m in import_graph() if layer_of(m) not in ALLOWED}
    assert not unknown, f"modules outside the declared layers: {sorted(unknown)}"


def test_layers_import_downward_only() -> None:
    upward = sorted(f"{m} imports {d}" for m, deps in import_graph().items() for d in deps
                    if layer_of(d) != layer_of(m) and layer_of(d) not in ALLOWED[layer_of(m)])
    assert not upward, "\n".join(upward)


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    counter = 0
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_no_import_cycle() -> None:
    assert cycles(import_graph()) == []


def test_no_cycle_even_through_imports_for_type_checkers() -> None:
    """Type-only imports may not close a cycle either: the types follow the layers too."""
    assert cycles(import_graph(type_only=True)) == []


@pytest.mark.parametrize("graph, expected", [
    ({"a": {"b"}, "b": {"a"}, "c": set()}, [["a", "b"]]),
    ({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}, [["a", "b", "c"]]),
    ({"a": {"b"}, "b": set()}, []),
])
def test_the_cycle_finder_finds_cycles(graph: dict[str, set[str]],
                                       expected: list[list[str]]) -> None:
    assert cycles(graph) == expected


def test_a_local_import_counts(tmp_path: Path) -> None:
    source = tmp_path / "budgetcheck" / "numbers" / "amount.py"
    source.parent.mkdir(parents=True)
    source.write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
                      "    from budgetcheck.plan import model\n"
                      "def f():\n    from ..judge import hints\n")
    global PACKAGE
    saved, PACKAGE = PACKAGE, tmp_path / "budgetcheck"
    try:
        found = imports_of(source, {"budgetcheck.judge.hints", "budgetcheck.plan.model"})
    finally:
        PACKAGE = saved
    assert found == {"budgetcheck.judge.hints"}


def test_every_package_says_what_it_owns() -> None:
    for init in sorted(PACKAGE.rglob("__init__.py")):
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        assert doc and len(doc) > 40, f"{init.relative_to(PACKAGE.parent)} has no docstring"


def test_the_architecture_page_states_the_layers_this_test_enforces() -> None:
    import re

    page = (PACKAGE.parent / "docs" / "architecture.md").read_text(encoding="utf-8")
    stated = {}
    for name, uses in re.findall(r"^\| `([\w_]+)(?:/|\.py)` \| ([^|]+) \|$", page, re.M):
        stated[name] = set() if uses.startswith("nothing") else \
            {u.split(" ")[0] for u in uses.split(", ")}
    for layer in ("util", "numbers", "inputs", "plan", "judge", "report", "rules", "engine",
                  "sources", "render", "baseline", "api", "config"):
        assert stated.get(layer) == ALLOWED[layer], layer
