"""The workflow is its table: every state change goes through it, and it names every move.

Read from the source, so a new shortcut fails here before it hides a move from the
reader of the table: only `Workflow._go` enters a state (after looking the trigger up),
only `_enter` sets `state`, every trigger any method fires has a row, every row is
fired by something, and the steps' modules never reach for the table themselves.

The declarations beside the table are complete too: every move that ends a session has
its recorded outcome in `SESSION_ENDS` (and no method names an `Outcome` or a `State`
to go to later), `RETRY_TO` only redirects states a failure can leave, and the moves a
running job holds back are declared in `HELD_WHILE_BUSY`, not guarded in a method.
"""

from __future__ import annotations

import ast
from pathlib import Path

from kiosk.workflow.machine import GLOBAL, HELD_WHILE_BUSY, RETRY_TO, SESSION_ENDS, TRANSITIONS, WHERE_IT_FAILED
from kiosk.workflow.states import ACTIVE_STATES, State

ROOT = Path(__file__).resolve().parents[3]
WORKFLOW = ROOT / "kiosk" / "workflow"
MACHINE = WORKFLOW / "machine.py"

# The functions that fire a trigger, and the position of the trigger among their arguments.
FIRES = {"_go": 0, "_target": 0, "_after_edit": 0, "_end_session": 0}


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


def _moves() -> dict[tuple[State, str], object]:
    """(state, trigger) -> target for every move the table allows, shared rows included."""
    moves: dict[tuple[State, str], object] = {
        (state, trigger): target for state, row in TRANSITIONS.items() for trigger, target in row.items()}
    for trigger, (states, target) in GLOBAL.items():
        moves.update({(state, trigger): target for state in states})
    return moves


def test_every_move_that_ends_a_session_has_its_outcome_declared():
    """Leaving an active state for the welcome or goodbye screen ends the session: each
    such move is declared in SESSION_ENDS, and SESSION_ENDS declares no other."""
    ending = {(state, trigger) for (state, trigger), target in _moves().items()
              if state in ACTIVE_STATES and target in (State.WELCOME, State.GOODBYE)}
    declared = {(state, trigger) for trigger, outcomes in SESSION_ENDS.items() for state in outcomes}
    assert declared == ending


def test_triggers_that_always_end_a_session_are_fired_only_by_end_session():
    """Their outcome is looked up there, never written ("back" ends a session from one
    state only, so `back()` asks SESSION_ENDS before it chooses `_end_session`)."""
    always = {trigger for trigger, outcomes in SESSION_ENDS.items()
              if {state for state, t in _moves() if t == trigger} == set(outcomes)}
    assert always == {"finish", "cancel", "timeout"}
    tree = _tree(MACHINE)
    wrong = [f"{caller}:{call.lineno} {ast.unparse(call)}" for name in ("_go", "_target", "_after_edit")
             for caller, call in _calls_to(tree, name)
             if caller != "_end_session" and isinstance(call.args[0], ast.Constant) and call.args[0].value in always]
    assert wrong == []


def test_no_method_names_an_outcome_or_keeps_a_state_to_go_to():
    """Outcomes come from SESSION_ENDS and retry targets from RETRY_TO: a method that
    writes `Outcome.X`, or stores `S.X` for a later move, is a move beside the table."""
    found = []
    for function in _functions(_tree(MACHINE)):
        for node in ast.walk(function):
            if isinstance(node, ast.Attribute) and getattr(node.value, "id", "") == "Outcome":
                found.append(f"{function.name}:{node.lineno} {ast.unparse(node)}")
            if isinstance(node, (ast.Assign, ast.AnnAssign)) and function.name != "__init__" and any(
                    isinstance(n, ast.Attribute) and getattr(n.value, "id", "") in ("S", "State")
                    for n in ast.walk(node.value or ast.Constant(None))):
                found.append(f"{function.name}:{node.lineno} {ast.unparse(node)}")
    assert found == []


def test_retry_is_redirected_only_from_states_a_failure_leaves():
    moves = _moves()
    failing = {state for (state, _), target in moves.items() if target is State.DEVICE_ERROR}
    assert set(RETRY_TO) <= failing
    assert all(target in ACTIVE_STATES and target is not State.DEVICE_ERROR for target in RETRY_TO.values())
    assert {state for (state, trigger), target in moves.items() if target is WHERE_IT_FAILED} == {State.DEVICE_ERROR}


def test_moves_held_while_busy_are_shared_rows_of_those_states():
    for trigger, states in HELD_WHILE_BUSY.items():
        assert trigger in GLOBAL and states <= GLOBAL[trigger][0], trigger


def test_the_actions_that_end_a_session_guard_nothing_themselves():
    """`cancel` and `finish` fire their trigger and nothing else: who may cancel when,
    and what each finish means, are read from the declarations."""
    functions = {f.name: f for f in _functions(_tree(MACHINE))}
    guarded = {name: ast.unparse(node) for name in ("cancel", "finish") for node in ast.walk(functions[name])
               if isinstance(node, (ast.If, ast.IfExp, ast.Raise, ast.Compare, ast.Match))}
    assert guarded == {}
