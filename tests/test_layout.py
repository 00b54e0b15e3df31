"""The package layout the README's "Layout" section promises: who may import whom.

Read from the source with ``ast`` (every runtime import, lazy ones inside functions included;
imports under ``if TYPE_CHECKING:`` are for type checkers only and do not count), so a rule
broken in any function fails here, not only at module level.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "factdb"


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(path: Path) -> set[str]:
    """Every factdb module this file imports at run time."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = _module_name(path)
    if path.name != "__init__.py":
        package = package.rpartition(".")[0]
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("factdb"))
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")
                parent = parent[: len(parent) - node.level + 1]
                base = ".".join([*parent, base] if base else parent)
            if base.startswith("factdb"):
                found.add(base)
                found.update(f"{base}.{a.name}" for a in node.names)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py")) if "migrations" not in p.parts}
# A submodule's import of its own parent package is Python loading the parent first, not a
# dependency of logic: those edges are left out.
GRAPH = {
    name: {m for m in _imports(path) if m in MODULES and m != name and not name.startswith(m + ".")}
    for name, path in MODULES.items()
}


def _reachable(start: str) -> set[str]:
    seen: set[str] = set()
    todo = [start]
    while todo:
        for nxt in GRAPH.get(todo.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def _owner(module: str) -> str:
    """A module's package below factdb (factdb.store.claims -> factdb.store)."""
    parts = module.split(".")
    return ".".join(parts[:2])


def test_no_import_cycle_between_packages() -> None:
    """A package may use its own modules freely, but two packages never import each other
    (directly or through others): readers and fetch once did."""
    edges: dict[str, set[str]] = {}
    for module, targets in GRAPH.items():
        for target in targets:
            a, b = _owner(module), _owner(target)
            if a != b and a != "factdb" and b != "factdb":
                edges.setdefault(a, set()).add(b)
    cycles = []
    for start in edges:
        todo, seen = list(edges[start]), set()
        while todo:
            node = todo.pop()
            if node == start:
                cycles.append(start)
                break
            if node not in seen:
                seen.add(node)
                todo.extend(edges.get(node, ()))
    assert not cycles, f"packages in an import cycle: {sorted(cycles)}"


def test_no_import_cycle_between_modules() -> None:
    cyclic = sorted(m for m in GRAPH if m in _reachable(m))
    assert not cyclic, f"modules in an import cycle: {cyclic}"


# who may not import whom: (importer prefix, forbidden prefixes, why)
RULES = [
    ("factdb.queries", ("factdb.store", "factdb.detect", "factdb.ingest"), "queries only read"),
    ("factdb.extract", ("factdb.db", "factdb.store", "factdb.queries", "factdb.detect"), "pure"),
    (
        "factdb.db",
        ("factdb.store", "factdb.queries", "factdb.detect", "factdb.extract", "factdb.readers"),
        "the base every layer stands on",
    ),
    ("factdb.store", ("factdb.cli", "factdb.ingest", "factdb.detect"), "below the runs"),
    ("factdb.detect", ("factdb.queries", "factdb.cli", "factdb.ingest"), "below the runs"),
    (
        "factdb.formats",
        ("factdb.readers", "factdb.fetch", "factdb.db", "factdb.extract", "factdb.store"),
        "the registry is below readers and fetch",
    ),
    ("factdb.fetch", ("factdb.readers",), "readers use fetch, not the other way round"),
    ("factdb.api", ("factdb.cli",), "the front door is below the CLI"),
    ("factdb.vocabulary", ("factdb.",), "imports nothing of factdb"),
]


@pytest.mark.parametrize(("importer", "forbidden", "why"), RULES)
def test_layer_rules(importer: str, forbidden: tuple[str, ...], why: str) -> None:
    broken = sorted(
        f"{module} -> {target}"
        for module in GRAPH
        if module == importer or module.startswith(importer + ".")
        for target in _reachable(module)
        if target.startswith(forbidden) and not target.startswith(importer)
    )
    assert not broken, f"{importer} ({why}): {broken}"


def test_library_never_imports_typer() -> None:
    """The command layer stays thin: only factdb.cli knows about Typer."""
    offenders = sorted(
        name
        for name, path in MODULES.items()
        if not name.startswith("factdb.cli")
        and any(
            isinstance(node, ast.Import | ast.ImportFrom)
            and any(
                (getattr(node, "module", None) or a.name).split(".")[0] in ("typer", "click")
                for a in node.names
            )
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        )
    )
    assert not offenders, offenders


LONG = 600


def test_long_modules_say_why() -> None:
    """A module much over 600 lines must say in its docstring why it stays one module
    (a sentence starting "One module because")."""
    long = []
    for name, path in MODULES.items():
        lines = path.read_text(encoding="utf-8").count("\n")
        doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
        if lines > LONG * 1.1 and "One module because" not in doc:
            long.append(f"{name} ({lines} lines)")
    assert not long, f"long modules without a reason in their docstring: {long}"


def test_every_package_ships_in_the_wheel() -> None:
    """pyproject lists packages by hand (migrations/ is mapped into factdb.migrations), so a
    new package missing from the list would import in a checkout and fail once installed."""
    import tomllib

    pyproject = tomllib.loads((PACKAGE.parent / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(pyproject["tool"]["setuptools"]["packages"])
    on_disk = {
        _module_name(init)
        for init in PACKAGE.rglob("__init__.py")
        if "migrations" not in init.parts
    }
    assert on_disk - listed == set()
