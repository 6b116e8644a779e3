"""The layering rule of DESIGN.md, checked: no Qt below `ui/`, no upward imports.

`launcher -> ui -> kiosk -> hardware`: the launcher may import all three; `ui` never
imports the launcher; the core imports neither; `hardware` imports none of them.
"""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def _is_module(name: str) -> bool:
    path = ROOT.joinpath(*name.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def _imports(package: str) -> dict[str, set[str]]:
    """Per file of `package`, the modules it imports (a `from M import name` counts as
    M, and as M.name when that is a module of this repository)."""
    found: dict[str, set[str]] = {}
    for path in (ROOT / package).rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        names: set[str] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module)
                names.update(f"{node.module}.{a.name}" for a in node.names if _is_module(f"{node.module}.{a.name}"))
        found[str(path.relative_to(ROOT))] = names
    return found


def _offenders(packages: tuple[str, ...], forbidden, *, skip=lambda path: False) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    found = {
        path: sorted(n for n in names if forbidden(n))
        for package in packages
        for path, names in _imports(package).items()
        if not skip(path)
    }
    return {path: names for path, names in found.items() if names}


def _under(name: str, *prefixes: str) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def test_core_and_hardware_never_import_qt():
    offenders = {
        path: sorted(n for n in names if n.split(".")[0] in ("PySide6", "shiboken6", "PyQt5", "PyQt6"))
        for pkg in ("kiosk", "hardware")
        for path, names in _imports(pkg).items()
    }
    assert {p: n for p, n in offenders.items() if n} == {}


def test_hardware_imports_none_of_the_core_ui_or_launcher():
    assert _offenders(("hardware",), lambda n: _under(n, "kiosk", "ui", "launcher")) == {}


def test_the_core_imports_neither_ui_nor_the_launcher():
    """The composition root sits above the core: no exception for a CLI inside `kiosk/`."""
    assert _offenders(("kiosk",), lambda n: _under(n, "ui", "launcher")) == {}


def test_ui_never_imports_the_launcher():
    assert _offenders(("ui",), lambda n: _under(n, "launcher")) == {}


# What the core and the screens may know of `hardware/`: the interfaces, the errors and
# the image limits. A driver module (OpenCV, PC/SC, nfcpy, ESC/POS, CUPS, the simulated
# devices) is chosen by `launcher.drivers` and reached by nobody else but the launcher
# and the tests.
HARDWARE_INTERFACES = {"hardware", "hardware.camera", "hardware.card_reader", "hardware.printer",
                       "hardware.errors", "hardware.images"}


def test_driver_modules_are_imported_only_by_the_launcher():
    def driver(name: str) -> bool:
        return _under(name, "hardware") and name not in HARDWARE_INTERFACES

    assert _offenders(("kiosk", "ui"), driver) == {}


def test_the_demo_stand_ins_are_imported_only_by_the_launcher():
    """Demo stand-ins can decide nothing outside demo mode: the core and the screens
    never reach them; the launcher builds them when the configuration says demo."""
    assert _offenders(
        ("kiosk", "ui", "hardware"), lambda n: _under(n, "kiosk.demo"), skip=lambda p: p.startswith("kiosk/demo/")
    ) == {}


def test_the_installed_code_never_imports_the_tests():
    """Emulators and fault injection (tests/emulators/) stay out of what a kiosk runs."""
    assert _offenders(("launcher", "ui", "kiosk", "hardware"), lambda n: _under(n, "tests")) == {}


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
