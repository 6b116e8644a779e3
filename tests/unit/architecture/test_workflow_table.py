"""The workflow is its table: every state change goes through it, and it names every move.

Read from the source, so a new shortcut fails here before it hides a move from the
reader of the table: only `Workflow._go` enters a state (after looking the trigger up),
only `_enter` sets `state`, every trigger any method fires has a row, every row is
fired by something, and the steps' modules never reach for the table themselves.
"""

from __future__ import annotations

import ast
from pathlib import Path

from kiosk.workflow.machine import GLOBAL, TRANSITIONS

ROOT = Path(__file__).resolve().parents[3]
WORKFLOW = ROOT / "kiosk" / "workflow"
MACHINE = WORKFLOW / "machine.py"

# The functions that fire a trigger, and the position of the trigger among their arguments.
FIRES = {"_go": 0, "_target": 0, "_after_edit": 0, "_end_session": 1}


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _functions(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield node


def _calls_to(tree: ast.AST, name: str):
    """(enclosing function name, call) for every `<something>.name(...)` or `name(...)`."""
    for function in _functions(tree):
        for node in ast.walk(function):
            if isinstance(node, ast.Call):
                called = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
                if called == name:
                    yield function.name, node


def _literals(expr: ast.expr) -> set[str]:
    """Every string `expr` can be: a literal, either side of `a if c else b`, or a value
    of a dict literal looked up (`{"x": "edit_x"}[section]`)."""
    if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
        return {expr.value}
    if isinstance(expr, ast.IfExp):
        return _literals(expr.body) | _literals(expr.orelse)
    if isinstance(expr, ast.Subscript) and isinstance(expr.value, ast.Dict):
        return set().union(*(_literals(v) for v in expr.value.values))
    raise AssertionError(f"line {expr.lineno}: a trigger must be written out, not computed: {ast.unparse(expr)}")


def _fired_triggers() -> set[str]:
    tree = _tree(MACHINE)
    functions = {f.name: f for f in _functions(tree)}
    fired: set[str] = set()
    for name, position in FIRES.items():
        for caller, call in _calls_to(tree, name):
            arg = call.args[position]
            if isinstance(arg, ast.Name) and caller in FIRES:
                # A forwarder passing its own trigger on; what it may set it to counts.
                assert arg.id == functions[caller].args.args[FIRES[caller] + 1].arg, ast.unparse(call)
                for node in ast.walk(functions[caller]):
                    if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == arg.id for t in node.targets):
                        fired |= _literals(node.value)
                continue
            fired |= _literals(arg)
    return fired


def _table_triggers() -> set[str]:
    return {t for row in TRANSITIONS.values() for t in row} | set(GLOBAL)


def test_only_go_enters_a_state():
    entering = [
        f"{path.name}:{call.lineno} in {caller}"
        for path in WORKFLOW.glob("*.py")
        for caller, call in _calls_to(_tree(path), "_enter")
        if not (path == MACHINE and caller == "_go")
    ]
    assert entering == []


def test_only_enter_sets_the_state():
    setting = []
    for path in WORKFLOW.glob("*.py"):
        for function in _functions(_tree(path)):
            for node in ast.walk(function):
                targets = node.targets if isinstance(node, ast.Assign) else (
                    [node.target] if isinstance(node, (ast.AugAssign, ast.AnnAssign)) else [])
                for target in targets:
                    if isinstance(target, ast.Attribute) and target.attr == "state" and function.name not in (
                            "_enter", "__init__"):
                        setting.append(f"{path.name}:{node.lineno} in {function.name}")
    assert setting == []


def test_every_trigger_fired_has_a_row():
    assert _fired_triggers() - _table_triggers() == set()


def test_every_row_is_fired_by_something():
    assert _table_triggers() - _fired_triggers() == set()


def test_a_states_own_row_never_shadows_a_global_one():
    assert {state: set(row) & set(GLOBAL) for state, row in TRANSITIONS.items() if set(row) & set(GLOBAL)} == {}


def test_the_steps_never_reach_for_the_table():
    """The step modules judge results; only machine.py turns a verdict into a move."""
    reaching = {}
    for path in WORKFLOW.glob("*.py"):
        if path == MACHINE:
            continue
        tree = _tree(path)
        imports = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
        calls = {name for name in FIRES if any(_calls_to(tree, name))}
        if "kiosk.workflow.machine" in imports or calls:
            reaching[path.name] = sorted(calls | (imports & {"kiosk.workflow.machine"}))
    assert reaching == {}
