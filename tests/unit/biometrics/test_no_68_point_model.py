"""dlib's 68-point predictor must never be loaded or shipped (its training data forbids commercial use)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
# The file name, and the face_recognition_models accessor that returns its path.
FORBIDDEN = re.compile(r"shape_predictor_68|68_face_landmarks|pose_predictor_model_location|face_landmarks_68")


def _sources() -> list[Path]:
    files = [p for pkg in ("kiosk", "hardware", "ui") for p in (ROOT / pkg).rglob("*.py")]
    files += [ROOT / "kiosk.spec", *(ROOT / "tools").glob("*.py")]
    return [p for p in files if p.is_file()]


def test_no_source_names_the_68_point_model():
    offenders = [str(p.relative_to(ROOT)) for p in _sources() if FORBIDDEN.search(p.read_text(encoding="utf-8"))]
    assert offenders == []


def test_the_pattern_would_catch_it():
    # the check above must be able to fail
    assert FORBIDDEN.search("frm." + "pose_predictor_model_location()")
    assert FORBIDDEN.search("shape_predictor_" + "68_face_landmarks.dat")


def test_the_matcher_loads_only_the_5_point_and_resnet_models():
    from kiosk.biometrics.matcher_dlib import model_paths

    shape, resnet = model_paths()
    assert shape.name == "shape_predictor_5_face_landmarks.dat" and shape.is_file()
    assert resnet.name == "dlib_face_recognition_resnet_model_v1.dat" and resnet.is_file()
