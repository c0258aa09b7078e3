"""The layering of pgo_cli, read from the source: every import of every module, module-level and
inside functions (``if TYPE_CHECKING:`` blocks aside: they never run).

* no import cycle, not even through a function-level import;
* dependencies point down: no noun in the generic machinery (``emulator/``, ``sdk/``, ``wire/``,
  ``output/``), no ``pgo_cli.cli`` in any of them (the generated ``pgo_cli/index.py`` sits below);
* no noun imports another noun's private (``_name``) helpers: what several nouns use is public,
  in ``pgo_cli/nouns/shared/`` (checked as a noun of its own: its ``_private`` names stay its own),
  which sits below the nouns: of a noun it uses only the wire description and the calls;
* no ``sys.stdout``/``stderr``/``stdin`` outside the I/O seam (``cli/io.py``) and the programs'
  ``main`` functions.

The emulator's side (the emulator core and the nouns' handler modules) is checked by its own test
functions, so that its state is visible on its own.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2] / "pgo_cli"
PACKAGE = "pgo_cli"

#: The generic machinery, which knows no noun.
GENERIC = ("emulator", "sdk", "wire", "output")
#: Modules of a noun that belong to the emulator (the apiserver's side of the routes): the
#: handlers, and the emulator logic behind them (``emulation``, cluster's ``update_emulation``).
EMULATOR_SIDE = ("handlers", "emulation", "update_emulation")


@dataclass(frozen=True)
class Import:
    """One import statement: who imports, what module, which names (``from … import names``)."""

    source: str
    target: str
    names: tuple[str, ...]
    line: int
    in_function: bool


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES: dict[str, Path] = {_module_name(path): path for path in sorted(ROOT.rglob("*.py"))}


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _resolve(module: str, level: int, source: str, is_package: bool) -> str:
    if level == 0:
        return module
    base = source.split(".") if is_package else source.split(".")[:-1]
    base = base[: len(base) - (level - 1)]
    return ".".join([*base, module] if module else base)


def _walk(node: ast.AST, in_function: bool) -> Iterator[tuple[ast.AST, bool]]:
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.If) and _is_type_checking(child):
            for orelse in child.orelse:
                yield orelse, in_function
                yield from _walk(orelse, in_function)
            continue
        inner = in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
        yield child, inner
        yield from _walk(child, inner)


def imports_of(name: str) -> list[Import]:
    """Every import of module ``name`` that can run."""
    path = MODULES[name]
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: list[Import] = []
    for node, in_function in _walk(tree, False):
        if isinstance(node, ast.Import):
            found.extend(Import(name, alias.name, (), node.lineno, in_function) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            target = _resolve(node.module or "", node.level, name, path.name == "__init__.py")
            names = tuple(alias.name for alias in node.names)
            found.append(Import(name, target, names, node.lineno, in_function))
            # `from package import module` imports the module
            found.extend(
                Import(name, f"{target}.{alias}", (), node.lineno, in_function)
                for alias in names
                if f"{target}.{alias}" in MODULES
            )
    return [imp for imp in found if imp.target.split(".")[0] == PACKAGE]


ALL_IMPORTS: list[Import] = [imp for name in MODULES for imp in imports_of(name)]


def _where(imp: Import) -> str:
    kind = "in a function" if imp.in_function else "module level"
    names = f" ({', '.join(imp.names)})" if imp.names else ""
    return f"{imp.source}:{imp.line} imports {imp.target}{names} [{kind}]"


def _internal(target: str) -> str | None:
    """The module of pgo_cli that an import target names (its package when it names an attribute)."""
    while target and target not in MODULES:
        target = target.rpartition(".")[0]
    return target or None


def _cycles() -> list[list[str]]:
    graph: dict[str, set[str]] = {name: set() for name in MODULES}
    for imp in ALL_IMPORTS:
        target = _internal(imp.target)
        # a package's __init__ importing its own modules is not a cycle back into it
        if target is not None and target != imp.source and not imp.source.startswith(target + "."):
            graph[imp.source].add(target)
    # Tarjan's strongly connected components
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []
    counter = [0]

    def visit(node: str) -> None:
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                item = stack.pop()
                on_stack.discard(item)
                component.append(item)
                if item == node:
                    break
            if len(component) > 1:
                components.append(sorted(component))

    import sys

    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 10 * len(graph)))
    try:
        for node in sorted(graph):
            if node not in index:
                visit(node)
    finally:
        sys.setrecursionlimit(limit)
    return components


def _layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def _noun(module: str) -> str | None:
    parts = module.split(".")
    return parts[2] if len(parts) > 2 and parts[1] == "nouns" else None


def _emulator_side(module: str) -> bool:
    if _layer(module) == "emulator":
        return True
    return _noun(module) is not None and module.rsplit(".", 1)[-1] in EMULATOR_SIDE


# --------------------------------------------------------------------------------------------------


def test_the_graph_sees_every_module_and_function_level_imports() -> None:
    assert "pgo_cli.cli.app" in MODULES and "pgo_cli.nouns.cluster.commands" in MODULES
    # every module named as emulator side exists (a rename must not silently move code out of it)
    for name in EMULATOR_SIDE:
        assert any(module.rsplit(".", 1)[-1] == name and _noun(module) for module in MODULES), name
    app = imports_of("pgo_cli.cli.app")
    assert any(imp.target == "pgo_cli.cli.runner" and imp.in_function for imp in app)
    assert any(imp.target == "pgo_cli.cli.io" and not imp.in_function for imp in app)


def test_no_import_cycle() -> None:
    assert [cycle for cycle in _cycles() if not all(_emulator_side(name) for name in cycle)] == []


def test_the_generic_machinery_imports_no_noun_cli_side() -> None:
    offending = [
        _where(imp)
        for imp in ALL_IMPORTS
        if _layer(imp.source) in GENERIC and _layer(imp.source) != "emulator" and _noun(imp.target)
    ]
    assert offending == []


def test_the_sdk_does_not_import_the_cli() -> None:
    offending = [
        _where(imp)
        for imp in ALL_IMPORTS
        if _layer(imp.source) == "sdk" and (_layer(imp.target) == "cli" or imp.target == "pgo_cli.cli")
    ]
    assert offending == []


def test_the_generic_machinery_does_not_import_the_cli() -> None:
    # What every layer needs to know about the nouns (which module holds a command path, the
    # emulator's handler modules) is in the generated pgo_cli/index.py, below all of them.
    offending = [
        _where(imp)
        for imp in ALL_IMPORTS
        if _layer(imp.source) in GENERIC and (_layer(imp.target) == "cli" or imp.target == "pgo_cli.cli")
    ]
    assert offending == []


def _cross_noun_private(emulator_side: bool) -> list[str]:
    offending = []
    for imp in ALL_IMPORTS:
        source, target = _noun(imp.source), _noun(imp.target)
        if source is None or target is None or source == target:
            continue
        if _emulator_side(imp.source) != emulator_side:
            continue
        private = [name for name in imp.names if name.startswith("_")]
        module_private = any(part.startswith("_") for part in imp.target.split(".")[3:])
        if private or module_private:
            offending.append(_where(imp))
    return offending


def test_no_noun_imports_another_nouns_private_names_cli_side() -> None:
    assert _cross_noun_private(emulator_side=False) == []


#: What ``pgo_cli/nouns/shared/`` may use of a noun: its wire description and its calls.
SHARED_MAY_USE = ("messages", "endpoints", "calls")


def _allowed_for_shared(imp: Import) -> bool:
    module = _internal(imp.target) or ""
    if imp.names and all(f"{module}.{name}" in MODULES for name in imp.names):
        return True  # ``from package import module``: each module is an import of its own
    return module.split(".")[3:4] in ([name] for name in SHARED_MAY_USE)


def test_the_shared_helpers_sit_below_the_nouns() -> None:
    """``nouns/shared/`` is used by nouns, so it uses none of their commands, waits or handlers
    (that would be a noun acting as a library again, or a cycle)."""
    assert any(_noun(name) == "shared" for name in MODULES)
    offending = [
        _where(imp)
        for imp in ALL_IMPORTS
        if _noun(imp.source) == "shared"
        and _noun(imp.target) not in (None, "shared")
        and not _allowed_for_shared(imp)
    ]
    assert offending == []


#: The SDK's connection and debug log: they write to what their caller hands them (``pgo`` its
#: stderr), else through :mod:`warnings` and :mod:`logging`, never to a process stream of their own.
SDK_STREAMS = ("pgo_cli.sdk.connection", "pgo_cli.sdk.debuglog")


def _sys_streams(emulator_side: bool, modules: tuple[str, ...] | None = None) -> list[str]:
    """Uses of ``sys.stdout``/``stderr``/``stdin`` outside cli/io.py and the ``main`` functions."""
    offending = []
    for name, path in MODULES.items():
        if name == "pgo_cli.cli.io" or _emulator_side(name) != emulator_side:
            continue
        if (modules is not None and name not in modules) or (modules is None and name in SDK_STREAMS):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        mains = [
            node
            for node in ast.walk(tree)
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == "main"
        ]
        inside_main = {id(child) for main in mains for child in ast.walk(main)}
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and node.attr in ("stdout", "stderr", "stdin")
                and isinstance(node.value, ast.Name)
                and node.value.id == "sys"
                and id(node) not in inside_main
            ):
                offending.append(f"{name}:{node.lineno} sys.{node.attr}")
    return offending


def test_no_process_streams_outside_the_io_seam_and_main_cli_side() -> None:
    assert _sys_streams(emulator_side=False) == []


def test_no_process_streams_in_the_sdk_connection() -> None:
    assert _sys_streams(emulator_side=False, modules=SDK_STREAMS) == []


# The emulator's side: the core and the nouns' handler modules. The emulator's main hands its
# stderr down as the world's (and the broker's) log; a request carries the world, not the server.


def test_no_import_cycle_emulator_side() -> None:
    assert _cycles() == []


def test_the_emulator_core_imports_no_noun() -> None:
    offending = [_where(imp) for imp in ALL_IMPORTS if _layer(imp.source) == "emulator" and _noun(imp.target)]
    assert offending == []


def test_no_noun_imports_another_nouns_private_names_emulator_side() -> None:
    assert _cross_noun_private(emulator_side=True) == []


def test_no_process_streams_outside_the_io_seam_and_main_emulator_side() -> None:
    assert _sys_streams(emulator_side=True) == []
