"""The house rules that keep the code in its rooms, read from the source itself.

- Every write is a named action: no ORM write (``.save()``, ``.update()``,
  ``.delete()``, ``.create()``, ``bulk_*``, a ``status`` assigned) outside an
  ``actions`` module, the workflow's ``transition``, migrations and the demo
  loader.
- Imports go one way: apart from ``access`` (which every app may read, and
  which reads them), no app imports another in a circle; the workflow's core
  never imports the permission module back; no import of the project hides
  inside a function (except ``AppConfig.ready()``, Django's place for wiring);
  ``lib`` imports nothing of the domain but the pure rules core, which imports
  nothing of Django.

URL configurations (``urls.py``), app configurations (``apps.py``) and the
back office's registrations (``admin.py``) wire the project together and are
not counted as imports between apps.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2] / "smartmfg"
WIRING = {"urls.py", "apps.py", "admin.py"}
WRITES = {"save", "update", "delete", "create", "get_or_create", "update_or_create", "bulk_create", "bulk_update"}
QUERYSET = {"objects", "filter", "exclude", "all", "select_for_update", "select_related", "order_by"}


def sources() -> Iterator[Path]:
    for path in sorted(ROOT.rglob("*.py")):
        if "migrations" not in path.parts:
            yield path


def app_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "smartmfg" else None


def may_write(path: Path) -> bool:
    relative = path.relative_to(ROOT)
    return (
        relative.name == "actions.py"
        or "actions" in relative.parts[:-1]
        or relative.as_posix() in {"workflow/transition.py", "demo/loader.py", "demo/past.py", "demo/experts.py"}
        # Loaded by a migration (the jurisdictions of Jilin), like the migrations themselves.
        or relative.as_posix() == "jurisdictions/seed.py"
    )


def _receiver_chain(node: ast.expr) -> list[str]:
    names = []
    while True:
        if isinstance(node, ast.Call):
            node = node.func
        elif isinstance(node, ast.Attribute):
            names.append(node.attr)
            node = node.value
        elif isinstance(node, ast.Name):
            names.append(node.id)
            return names
        else:
            return names


def writes_in(source: str, name: str) -> list[str]:
    """The ORM writes of a module's source, as ``name:line what``, in line order."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in WRITES:
            method, receiver = node.func.attr, _receiver_chain(node.func.value)
            if method.startswith("bulk_") or set(receiver) & QUERYSET:
                found.append((node.lineno, f".{method}()"))
            elif method in {"save", "delete"} and not node.args and receiver[-1:] != ["super"] and not _no_commit(node):
                found.append((node.lineno, f".{method}()"))  # a model instance's (a document's save takes a file)
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Attribute) and target.attr == "status":
                    found.append((node.lineno, ".status ="))
    return [f"{name}:{line} {what}" for line, what in sorted(found)]


def _no_commit(call: ast.Call) -> bool:
    """``form.save(commit=False)`` builds objects without writing them."""
    return any(
        k.arg == "commit" and isinstance(k.value, ast.Constant) and k.value.value is False for k in call.keywords
    )


def test_every_write_is_an_action() -> None:
    stray = [
        write
        for path in sources()
        if not may_write(path)
        for write in writes_in(path.read_text(), str(path.relative_to(ROOT)))
    ]
    assert stray == [], "writes outside actions:\n" + "\n".join(stray)


def test_the_write_rule_sees_writes() -> None:
    """The check itself: it finds each kind of write it looks for (so an empty answer means something)."""
    sample = (
        "def f(a, b, c, document, buffer):\n"
        "    A.objects.filter(pk=1).update(x=1)\n"
        "    a.save(update_fields=['x'])\n"
        "    B.objects.bulk_create([])\n"
        "    b.status = 'x'\n"
        "    c.contacts.all().delete()\n"
        "    C.objects.create(x=1)\n"
        "    document.save(buffer)\n"  # a Word document saved to a buffer: not the ORM
        "    context.update({'a': 1})\n"  # a dict: not the ORM
        "    formset.save(commit=False)\n"  # builds, writes nothing
    )
    assert [w.split(" ", 1)[1] for w in writes_in(sample, "sample")] == [
        ".update()",
        ".save()",
        ".bulk_create()",
        ".status =",
        ".delete()",
        ".create()",
    ]


# ----------------------------------------------------------------------- imports


def imports(path: Path) -> Iterator[tuple[str, int, bool]]:
    """``(module, line, inside a function)`` for each import of the project in a module (TYPE_CHECKING aside)."""

    def visit(node: ast.AST, in_function: bool) -> Iterator[tuple[str, int, bool]]:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and isinstance(child.test, ast.Name) and child.test.id == "TYPE_CHECKING":
                continue
            inner = in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef))
            if isinstance(child, ast.ImportFrom) and child.module and not child.level:
                if child.module.startswith("smartmfg"):
                    yield child.module, child.lineno, inner
            elif isinstance(child, ast.Import):
                for alias in child.names:
                    if alias.name.startswith("smartmfg"):
                        yield alias.name, child.lineno, inner
            yield from visit(child, inner)

    yield from visit(ast.parse(path.read_text()), False)


def app_graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = defaultdict(set)
    for path in sources():
        if path.name in WIRING:
            continue
        source = app_of(".".join(path.relative_to(ROOT.parent).with_suffix("").parts))
        for module, _line, inner in imports(path):
            target = app_of(module)
            if not inner and source and target and target != source:
                graph[source].add(target)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one app (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def strong(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph.get(v, ()):
            if w not in index:
                strong(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(set(graph) | {w for ws in graph.values() for w in ws}):
        if v not in index:
            strong(v)
    return found


def test_no_app_imports_another_in_a_circle_except_through_access() -> None:
    graph = {a: targets - {"access"} for a, targets in app_graph().items() if a != "access"}
    assert cycles(graph) == []


def test_the_cycle_check_finds_a_cycle() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_the_workflow_core_never_imports_the_permission_module() -> None:
    back = [
        f"{path.relative_to(ROOT)}:{line}"
        for path in (ROOT / "workflow").glob("*.py")
        if path.name not in {"views.py", *WIRING}
        for module, line, _inner in imports(path)
        if app_of(module) == "access"
    ]
    assert back == []


def test_no_import_of_the_project_hides_in_a_function() -> None:
    hidden = [
        f"{path.relative_to(ROOT)}:{line} {module}"
        for path in sources()
        if path.name != "apps.py"
        for module, line, inner in imports(path)
        if inner
    ]
    assert hidden == []


@pytest.mark.parametrize(("app", "allowed"), [("lib", {"lib", "rules"}), ("rules", {"rules"})])
def test_the_base_layers_import_nothing_of_the_domain(app: str, allowed: set[str]) -> None:
    reached = {app_of(module) for path in (ROOT / app).rglob("*.py") for module, _line, _inner in imports(path)}
    assert reached <= allowed


def test_the_rules_core_imports_nothing_of_django() -> None:
    django = [
        f"{path.relative_to(ROOT)}:{node.lineno}"
        for path in (ROOT / "rules").rglob("*.py")
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, (ast.Import, ast.ImportFrom)) and any(name.startswith("django") for name in _imported(node))
    ]
    assert django == []


def _imported(node: ast.Import | ast.ImportFrom) -> list[str]:
    if isinstance(node, ast.ImportFrom):
        return [node.module or ""]
    return [alias.name for alias in node.names]


# ------------------------------------------------------------------ articles

ENGLISH_CITATION = re.compile(r"\bArt\. ?\d")


def comments_and_docstrings(path: Path) -> Iterator[tuple[int, str]]:
    source = path.read_text()
    for node in ast.walk(ast.parse(source)):
        body = getattr(node, "body", None)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and body:
            first = body[0]
            if (
                isinstance(first, ast.Expr)
                and isinstance(first.value, ast.Constant)
                and isinstance(first.value.value, str)
            ):
                yield first.lineno, first.value.value
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT:
            yield token.start[0], token.string


def test_the_code_cites_articles_one_way() -> None:
    """第N条 everywhere the code explains itself, so one search finds every place a rule is coded
    (the English texts shown to users say "Art. N", as English does)."""
    english = [
        f"{path.relative_to(ROOT)}:{line}"
        for path in sources()
        for line, text in comments_and_docstrings(path)
        if ENGLISH_CITATION.search(text)
    ]
    assert english == []
