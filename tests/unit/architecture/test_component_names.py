"""Only the launcher turns a configuration name into behaviour.

`devices.camera.driver`, `biometrics.face_verifier`, `biometrics.portrait_maker` and the
like name a component; `launcher.drivers` builds the component and whatever follows from
the choice (the live analyzer factory, the preview's face finder) into `Services`. A
screen or a workflow step that compares such a name keeps a second copy of that mapping
where nobody adding a component would look, and goes wrong the day a third name joins.

So no module under `ui/` or `kiosk/` compares a setting that names a component, or holds
a component's name in a comparison. Exempt: `kiosk/config/` (where the names are
defined, validated and preflighted) and `kiosk/demo/` (imported only by the launcher).
"""

from __future__ import annotations

import ast
import typing
from pathlib import Path

from pydantic import BaseModel

from kiosk.config.model import (
    CameraDriver,
    CardReaderDriver,
    FaceVerifierKind,
    KioskConfig,
    PortraitMakerKind,
    PrinterDriver,
)

ROOT = Path(__file__).resolve().parents[3]
CHOICES = (CameraDriver, CardReaderDriver, PrinterDriver, FaceVerifierKind, PortraitMakerKind)
NAMES = frozenset(name for choice in CHOICES for name in typing.get_args(choice))
EXEMPT = ("kiosk/config/", "kiosk/demo/")


def _settings_naming_a_component(model: type[BaseModel] = KioskConfig) -> set[str]:
    """Every field of the configuration whose type is one of the component choices,
    found by walking the model, so a new choice is covered the day it is added."""
    found = set()
    for name, field in model.model_fields.items():
        annotation = field.annotation
        if annotation in CHOICES:
            found.add(name)
        elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
            found |= _settings_naming_a_component(annotation)
    return found


SETTINGS = frozenset(_settings_naming_a_component())


def _reads_a_setting(node: ast.AST) -> bool:
    """`x.driver`, `bio.face_verifier`, `getattr(x, "portrait_maker", ...)`."""
    if isinstance(node, ast.Attribute):
        return node.attr in SETTINGS
    if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "getattr" and len(node.args) > 1:
        key = node.args[1]
        return isinstance(key, ast.Constant) and key.value in SETTINGS
    return False


def _names_a_component(node: ast.AST) -> bool:
    return any(isinstance(n, ast.Constant) and n.value in NAMES for n in ast.walk(node))


def _decisions(tree: ast.AST):
    """(node, what it decides on) for comparisons, lookups and matches."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare):
            yield node, [node.left, *node.comparators]
        elif isinstance(node, ast.Subscript):
            yield node, [node.slice]
        elif isinstance(node, ast.Match):
            yield node, [node.subject, *(case.pattern for case in node.cases)]


def _offenders() -> list[str]:
    found = []
    for package in ("ui", "kiosk"):
        for path in sorted((ROOT / package).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            if relative.startswith(EXEMPT):
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
            for node, operands in _decisions(tree):
                if any(_reads_a_setting(n) for op in operands for n in ast.walk(op)) or any(
                    _names_a_component(op) for op in operands
                ):
                    found.append(f"{relative}:{node.lineno} {ast.unparse(node)}")
    return found


def test_the_settings_naming_components_are_found():
    assert {"driver", "face_verifier", "portrait_maker"} <= SETTINGS
    assert {"demo-standin", "rules", "dlib", "simulated", "pcsc", "cups"} <= NAMES


def test_neither_screens_nor_the_core_decide_on_a_component_name():
    assert _offenders() == []
