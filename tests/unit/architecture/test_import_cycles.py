"""The workflow sits on the rest of the core and nothing in it leans back.

`kiosk.workflow` drives the renewal with the domain, documents, biometrics, office,
storage and receipts; none of them may import the workflow back, directly or through
another module, or the two could only be understood (and changed) together. Imports
inside functions count as much as those at the top of a file: a late import hides a
cycle from Python, not from the reader.
"""

from __future__ import annotations

from collections import deque

from .imports import ROOT, imported_names, module_name

WORKFLOW = "kiosk.workflow"


def _graph(package: str = "kiosk") -> dict[str, set[str]]:
    """Module -> the core modules it imports, with every `kiosk.workflow.*` one node."""
    paths = {module_name(p): p for p in (ROOT / package).rglob("*.py")}

    def node(name: str) -> str | None:
        while name and name not in paths:   # `from kiosk.x import function`: the module kiosk.x
            name = name.rpartition(".")[0]
        if not name:
            return None
        return WORKFLOW if name == WORKFLOW or name.startswith(WORKFLOW + ".") else name

    graph: dict[str, set[str]] = {}
    for name, path in paths.items():
        targets = {n for imported in imported_names(path) if (n := node(imported))}
        source = node(name)
        assert source is not None
        graph.setdefault(source, set()).update(targets - {source})
    return graph


def _path(graph: dict[str, set[str]], start: str, goal: str) -> list[str] | None:
    came_from: dict[str, str | None] = {start: None}
    todo = deque([start])
    while todo:
        here = todo.popleft()
        for there in sorted(graph.get(here, ())):
            if there == goal:
                path = [there, here]
                while (here := came_from[here]) is not None:   # type: ignore[assignment]
                    path.append(here)
                return path[::-1]
            if there not in came_from:
                came_from[there] = here
                todo.append(there)
    return None


def test_nothing_the_workflow_imports_imports_the_workflow_back():
    graph = _graph()
    cycles = {}
    for module in sorted(graph[WORKFLOW]):
        back = _path(graph, module, WORKFLOW)
        if back is not None:
            cycles[module] = " -> ".join([WORKFLOW, *back])
    assert cycles == {}


def test_the_graph_sees_what_the_workflow_imports():
    """The check above would pass on a graph that found nothing: it does find things."""
    graph = _graph()
    assert {"kiosk.domain.cases", "kiosk.identity", "kiosk.documents.reader"} <= graph[WORKFLOW]
