"""The layering rule of DESIGN.md, checked: no Qt below `ui/`, no upward imports.

`launcher -> ui -> kiosk -> hardware`: the launcher may import all three; `ui` never
imports the launcher; the core imports neither; `hardware` imports none of them.
"""

from __future__ import annotations

import importlib
import inspect
import subprocess
import sys

from .imports import ROOT, imported_names


def _is_module(name: str) -> bool:
    path = ROOT.joinpath(*name.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def _imports(package: str) -> dict[str, set[str]]:
    """Per file of `package`, the modules it imports, relative imports resolved (a `from M
    import name` counts as M, and as M.name when that is a module of this repository)."""
    return {
        str(path.relative_to(ROOT)): {n for n in imported_names(path) if n.count(".") == 0 or _is_module(n)
                                      or not _is_module(n.rpartition(".")[0])}
        for path in (ROOT / package).rglob("*.py")
    }


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


def test_hardware_imports_no_layer_above_it():
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
                       "hardware.speaker", "hardware.speaker.wav",   # wav: what a sound is, like images
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


# -- hardware: one package per device kind ------------------------------------------------
# Each kind's package is its interface; its real drivers and its simulated driver are
# modules beside it. Only what every kind shares stays at the top of `hardware/`.

HARDWARE_KINDS = {"camera": "Camera", "card_reader": "CardReader", "printer": "Printer", "speaker": "Speaker"}
HARDWARE_SHARED = {"errors", "images"}
DEVICE_LIBRARIES = ("cv2", "smartcard", "nfc", "escpos", "httpx")


def test_hardware_is_one_package_per_device_kind_and_the_shared_modules():
    top = ROOT / "hardware"
    modules = {p.stem for p in top.glob("*.py")} - {"__init__"}
    kinds = {p.parent.name for p in top.glob("*/*.py")}   # a folder left with only caches is no kind
    assert modules == HARDWARE_SHARED
    assert kinds == set(HARDWARE_KINDS)


def test_each_kind_is_its_interface_with_a_simulated_driver_beside_it():
    for kind, interface_name in HARDWARE_KINDS.items():
        interface = getattr(importlib.import_module(f"hardware.{kind}"), interface_name)
        assert inspect.isabstract(interface), f"hardware.{kind}.{interface_name}"
        simulated = importlib.import_module(f"hardware.{kind}.simulated")
        drivers = [c for c in vars(simulated).values()
                   if inspect.isclass(c) and issubclass(c, interface) and not inspect.isabstract(c)]
        assert drivers, f"hardware/{kind}/simulated.py implements no {interface_name}"


def test_a_driver_imports_only_its_own_kind_and_the_shared_modules():
    offenders = {}
    for path in sorted((ROOT / "hardware").rglob("*.py")):
        rel = path.relative_to(ROOT / "hardware").parts
        allowed = HARDWARE_SHARED | ({rel[0]} if len(rel) > 1 else set())
        bad = sorted(
            n for n in imported_names(path)
            if n.startswith("hardware.") and n.split(".")[1] not in allowed
        )
        if bad:
            offenders[str(path.relative_to(ROOT))] = bad
    assert offenders == {}


def test_importing_a_kinds_interface_loads_no_driver_and_no_device_library():
    kinds = ", ".join(f"hardware.{k}" for k in HARDWARE_KINDS)
    code = (
        f"import sys, {kinds}\n"
        f"libraries = {DEVICE_LIBRARIES!r}\n"
        "print(sorted({m.split('.')[0] for m in sys.modules if m.split('.')[0] in libraries}\n"
        "             | {m for m in sys.modules if m.startswith('hardware.') and m.count('.') > 1}))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", out.stdout + out.stderr
