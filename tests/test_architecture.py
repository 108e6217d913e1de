"""The house plan, enforced: imports flow one way, Typer and Rich stay in their rooms, no cycles.

Every module under ``src/selfmassage`` is read with ``ast`` (nothing is imported), with
its imports at module level, inside functions (lazy) and under ``if TYPE_CHECKING:``
(type-only). ``docs/architecture.md`` explains the plan; each rule here names the
offending import by file and line. Type-only imports never run, so they cannot close a
cycle, but they still may not point up a layer or name Typer or Rich outside their rooms:
a type from above is a dependency on above all the same.
"""

from __future__ import annotations

import ast
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
PACKAGE = SRC / "selfmassage"

# Bottom to top: a module may import its own layer and the layers below it, never above.
LAYERS = ("ground", "files", "domain", "context", "flow", "view", "face")
GROUND = {
    "selfmassage",  # the package itself: __version__
    "selfmassage.errors",
    "selfmassage.paths",
    "selfmassage.clock",
    "selfmassage.text",
    "selfmassage.textable",
    "selfmassage.i18n",
    "selfmassage.style",
}
DOMAIN_PACKAGES = {
    "routines",
    "screening",
    "session",
    "journal",
    "handout",
    "prescription",
    "report",
}
# View modules are named `view`; the live display is a view under another name.
OTHER_VIEWS = {"selfmassage.session.live"}
# Rich costs as much start-up as the rest of a command: only the live display draws with it.
RICH_MODULES = {"selfmassage.session.live"}
FACE_PACKAGES = {"cli"}
FACE_MODULES = {"selfmassage.__main__"}


@dataclass(frozen=True)
class Import:
    """One import statement's target, where it is, and whether it runs."""

    importer: str
    imported: str
    file: str
    line: int
    lazy: bool = False
    type_only: bool = False

    def __str__(self) -> str:
        how = " (type-only)" if self.type_only else " (lazy)" if self.lazy else ""
        return f"{self.file}:{self.line}: {self.importer} imports {self.imported}{how}"


def module_name(path: Path, src: Path = SRC) -> str:
    """``src/selfmassage/screening/view.py`` -> ``selfmassage.screening.view``."""
    parts = path.relative_to(src).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _nodes_with_flags(tree: ast.Module) -> Iterator[tuple[ast.AST, bool, bool]]:
    """Every node with (inside a function, under ``if TYPE_CHECKING``)."""
    stack: list[tuple[ast.AST, bool, bool]] = [(tree, False, False)]
    while stack:
        node, lazy, type_only = stack.pop()
        yield node, lazy, type_only
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            stack.extend((child, lazy, True) for child in node.body)
            stack.extend((child, lazy, type_only) for child in node.orelse)
            continue
        inner = lazy or isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda)
        stack.extend((child, inner, type_only) for child in ast.iter_child_nodes(node))


def read_imports(
    source: str, module: str, *, is_package: bool, modules: Iterable[str], file: str = ""
) -> list[Import]:
    """Every import in ``source``, resolved to module names, in line order.

    ``from package import name`` names the submodule when ``package.name`` is one of
    ``modules``, else the package; relative imports are resolved against ``module``.
    """
    known = set(modules)
    found: list[Import] = []
    for node, lazy, type_only in _nodes_with_flags(ast.parse(source)):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = module.split(".") if is_package else module.split(".")[:-1]
                anchor = package[: len(package) - (node.level - 1)]
                base = ".".join([*anchor, *([base] if base else [])])
            targets = [
                f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base
                for alias in node.names
            ]
        else:
            continue
        found.extend(
            Import(module, target, file, node.lineno, lazy, type_only)
            for target in dict.fromkeys(targets)
        )
    return sorted(found, key=lambda i: (i.line, i.imported))


def source_files(package: Path = PACKAGE) -> list[Path]:
    """Every module of the package, sorted."""
    return sorted(package.rglob("*.py"))


def all_imports() -> list[Import]:
    """Every import of every module under ``src/selfmassage``."""
    files = source_files()
    modules = {module_name(path) for path in files}
    return [
        found
        for path in files
        for found in read_imports(
            path.read_text(encoding="utf-8"),
            module_name(path),
            is_package=path.name == "__init__.py",
            modules=modules,
            file=str(path.relative_to(ROOT)),
        )
    ]


def ours(name: str) -> bool:
    """A selfmassage module (not the standard library or a dependency)."""
    return name == "selfmassage" or name.startswith("selfmassage.")


def is_view(module: str) -> bool:
    """A module that draws what a person reads: named ``view`` in any package, or listed."""
    return module.rsplit(".", 1)[-1] == "view" or module in OTHER_VIEWS


def layer_of(module: str) -> str | None:
    """The layer a selfmassage module belongs to, by its place in the tree; None if none."""
    parts = module.split(".")
    if module in FACE_MODULES or (len(parts) > 1 and parts[1] in FACE_PACKAGES):
        return "face"
    if is_view(module):
        return "view"
    if len(parts) > 2 and parts[1] in DOMAIN_PACKAGES and "flow" in parts[2:]:
        return "flow"
    if module == "selfmassage.context":
        return "context"
    if len(parts) > 1 and parts[1] in DOMAIN_PACKAGES:
        return "domain"
    if len(parts) > 1 and parts[1] == "files":
        return "files"
    if module in GROUND:
        return "ground"
    return None


def find_cycles(graph: Mapping[str, Iterable[str]]) -> list[list[str]]:
    """One cycle for each strongly connected knot of ``graph``, as [a, b, ..., a].

    Each knot (Tarjan's strongly connected components with more than one module, or a
    module importing itself) is reported once, by its shortest cycle through its
    alphabetically first module, so a failure message is stable from run to run.
    """
    edges = {node: sorted(set(targets)) for node, targets in graph.items()}
    for targets in list(edges.values()):
        for target in targets:
            edges.setdefault(target, [])
    index: dict[str, int] = {}
    lowlink: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    knots: list[list[str]] = []

    def connect(node: str) -> None:
        index[node] = lowlink[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in edges[node]:
            if target not in index:
                connect(target)
                lowlink[node] = min(lowlink[node], lowlink[target])
            elif target in on_stack:
                lowlink[node] = min(lowlink[node], index[target])
        if lowlink[node] == index[node]:
            knot = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                knot.append(member)
                if member == node:
                    break
            if len(knot) > 1 or node in edges[node]:
                knots.append(sorted(knot))

    for node in sorted(edges):
        if node not in index:
            connect(node)

    cycles = []
    for knot in sorted(knots):
        start, members = knot[0], set(knot)
        came_from: dict[str, str] = {}
        queue = deque([start])
        while queue:
            node = queue.popleft()
            if start in edges[node]:
                path = [start]
                while node != start:
                    path.append(node)
                    node = came_from[node]
                cycles.append([start, *reversed(path[1:]), start])
                break
            for target in edges[node]:
                if target in members and target not in came_from and target != start:
                    came_from[target] = node
                    queue.append(target)
    return cycles


def fail_on(rule: str, problems: Iterable[object]) -> None:
    """Fail with the rule, then one offending import (or module) a line; pass if none."""
    listed = [f"  {problem}" for problem in problems]
    if listed:
        pytest.fail("\n".join([rule, *listed]), pytrace=False)


@pytest.fixture(scope="module")
def imports() -> list[Import]:
    """Every import under ``src/selfmassage``, read once for all the rules."""
    return all_imports()


# The guard's own parts, on made-up input: a guard that cannot fail proves nothing.


def test_the_cycle_finder_reports_each_cycle_once() -> None:
    graph = {
        "a": ["b"],
        "b": ["c", "d"],
        "c": ["a"],
        "d": ["e"],
        "e": [],
        "f": ["f"],
        "g": ["h"],
        "h": ["g", "a"],
    }
    assert find_cycles(graph) == [["a", "b", "c", "a"], ["f", "f"], ["g", "h", "g"]]


def test_the_cycle_finder_passes_a_graph_that_only_flows_one_way() -> None:
    diamond = {"top": ["left", "right"], "left": ["bottom"], "right": ["bottom"], "bottom": []}
    assert find_cycles(diamond) == []


def test_the_import_reader_sees_lazy_type_only_and_relative_imports() -> None:
    source = (
        "from __future__ import annotations\n"
        "import json\n"
        "from typing import TYPE_CHECKING\n"
        "from selfmassage import paths, __version__\n"
        "from . import verdict\n"
        "from .questions import Question\n"
        "if TYPE_CHECKING:\n"
        "    from selfmassage.context import Context\n"
        "else:\n"
        "    import os\n"
        "def f():\n"
        "    import rich.text as rt\n"
        "    if typing.TYPE_CHECKING:\n"
        "        from selfmassage.cli import common\n"
    )
    modules = {
        "selfmassage",
        "selfmassage.paths",
        "selfmassage.screening.verdict",
        "selfmassage.screening.questions",
        "selfmassage.cli.common",
    }
    found = read_imports(source, "selfmassage.screening.gate", is_package=False, modules=modules)
    assert [(i.imported, i.line, i.lazy, i.type_only) for i in found] == [
        ("__future__", 1, False, False),
        ("json", 2, False, False),
        ("typing", 3, False, False),
        ("selfmassage", 4, False, False),
        ("selfmassage.paths", 4, False, False),
        ("selfmassage.screening.verdict", 5, False, False),
        ("selfmassage.screening.questions", 6, False, False),
        ("selfmassage.context", 8, False, True),
        ("os", 10, False, False),
        ("rich.text", 12, True, False),
        ("selfmassage.cli.common", 14, True, True),
    ]


def test_a_package_resolves_relative_imports_from_itself() -> None:
    found = read_imports(
        "from .model import Routine\n",
        "selfmassage.routines",
        is_package=True,
        modules={"selfmassage.routines.model"},
    )
    assert [i.imported for i in found] == ["selfmassage.routines.model"]


@pytest.mark.parametrize(
    ("module", "layer"),
    [
        ("selfmassage.__main__", "face"),
        ("selfmassage.cli.app", "face"),
        ("selfmassage.screening.view", "view"),
        ("selfmassage.session.live", "view"),
        ("selfmassage.style", "ground"),
        ("selfmassage.screening.flow", "flow"),
        ("selfmassage.session.flow", "flow"),
        ("selfmassage.context", "context"),
        ("selfmassage.screening.verdict", "domain"),
        ("selfmassage.journal", "domain"),
        ("selfmassage.files.tomlcheck", "files"),
        ("selfmassage.clock", "ground"),
        ("selfmassage", "ground"),
        ("selfmassage.somewhere_new", None),
    ],
)
def test_a_modules_layer_follows_from_its_place_in_the_tree(module: str, layer: str) -> None:
    assert layer_of(module) == layer


# The rules, on the real tree.


def test_the_reader_finds_the_modules_and_their_imports(imports: list[Import]) -> None:
    importers = {i.importer for i in imports}
    assert {"selfmassage.cli.app", "selfmassage.context", "selfmassage.routines.view"} <= importers
    assert any(i.imported == "typer" for i in imports)
    assert any(i.lazy for i in imports)
    assert any(i.type_only for i in imports)


def test_every_module_belongs_to_a_layer() -> None:
    unplaced = [module_name(path) for path in source_files() if layer_of(module_name(path)) is None]
    fail_on(
        "Modules outside every layer (place them in a package, or name them in "
        "tests/test_architecture.py and docs/architecture.md):",
        unplaced,
    )


def test_no_import_cycles_lazy_imports_included(imports: list[Import]) -> None:
    graph: dict[str, list[str]] = {}
    where: dict[tuple[str, str], Import] = {}
    for found in imports:
        if ours(found.imported) and not found.type_only:
            graph.setdefault(found.importer, []).append(found.imported)
            where.setdefault((found.importer, found.imported), found)
    cycles = [
        " -> ".join(cycle) + "".join(f"\n      {where[pair]}" for pair in pairwise(cycle))
        for cycle in find_cycles(graph)
    ]
    fail_on("Import cycles (lazy imports count: they run too):", cycles)


def test_typer_and_click_are_imported_only_under_cli(imports: list[Import]) -> None:
    outside = [
        i
        for i in imports
        if i.imported.split(".")[0] in ("typer", "click")
        and not (i.importer == "selfmassage.cli" or i.importer.startswith("selfmassage.cli."))
    ]
    fail_on("Typer or Click imported outside selfmassage.cli:", outside)


def test_rich_is_imported_only_by_the_live_display(imports: list[Import]) -> None:
    outside = [
        i for i in imports if i.imported.split(".")[0] == "rich" and i.importer not in RICH_MODULES
    ]
    fail_on("Rich imported outside the live display (selfmassage.session.live):", outside)


def test_imports_flow_down_the_layers(imports: list[Import]) -> None:
    upward = []
    for found in imports:
        if not ours(found.imported):
            continue
        here, there = layer_of(found.importer), layer_of(found.imported)
        if here is None or there is None:
            upward.append(f"{found}: {found.imported} is in no layer")
        elif LAYERS.index(there) > LAYERS.index(here):
            upward.append(f"{found}: {here} may not import {there}")
    fail_on("Imports that point up the layers (" + " -> ".join(reversed(LAYERS)) + "):", upward)


# Outside src: the doc that explains these rules, and the quick inner loop.


def test_the_architecture_doc_names_every_package() -> None:
    doc = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    packages = sorted(init.parent.name for init in PACKAGE.glob("*/__init__.py"))
    assert packages, "no packages found under src/selfmassage"
    missing = [name for name in packages if f"`{name}/`" not in doc]
    assert not missing, f"docs/architecture.md does not name these packages: {missing}"


def test_every_test_that_launches_chromium_is_marked_browser() -> None:
    unmarked = [
        path.name
        for path in sorted((ROOT / "tests").glob("test_*.py"))
        if path.name != Path(__file__).name
        and '"chromium"' in (text := path.read_text(encoding="utf-8"))
        and "pytest.mark.browser" not in text
    ]
    assert not unmarked, f"launch Chromium without the `browser` marker: {unmarked}"
