"""The layering rule of DESIGN.md, checked: no Qt below `ui/`, no upward imports."""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def _imports(package: str) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for path in (ROOT / package).rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        names: set[str] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module)
        found[str(path.relative_to(ROOT))] = names
    return found


def test_core_and_hardware_never_import_qt():
    offenders = {
        path: sorted(n for n in names if n.split(".")[0] in ("PySide6", "shiboken6", "PyQt5", "PyQt6"))
        for pkg in ("kiosk", "hardware")
        for path, names in _imports(pkg).items()
    }
    assert {p: n for p, n in offenders.items() if n} == {}


def test_hardware_does_not_import_the_core_or_ui():
    offenders = {
        path: sorted(n for n in names if n.split(".")[0] in ("kiosk", "ui"))
        for path, names in _imports("hardware").items()
    }
    assert {p: n for p, n in offenders.items() if n} == {}


def test_core_imports_ui_only_in_the_cli_composition_root():
    offenders = {
        path: sorted(n for n in names if n.split(".")[0] == "ui")
        for path, names in _imports("kiosk").items()
        if path != "kiosk/cli.py"
    }
    assert {p: n for p, n in offenders.items() if n} == {}


def test_importing_every_core_module_loads_no_qt():
    code = (
        "import importlib, pkgutil, sys, kiosk, hardware\n"
        "for pkg in (kiosk, hardware):\n"
        "    for m in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + '.'):\n"
        "        if not m.name.endswith('__main__'):\n"
        "            importlib.import_module(m.name)\n"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", out.stdout + out.stderr
