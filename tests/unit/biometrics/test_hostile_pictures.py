"""The face tools refuse pictures whose header declares too many pixels, before decoding.

Issue 9: a 16000 x 16000 JPEG (under 1 KB) took `kiosk photo check` to gigabytes of
memory. The commands run in a child process with a memory cap, so the old code fails
these tests instead of exhausting the machine.
"""

from __future__ import annotations

import math
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from kiosk.biometrics.matching import FaceMatcher, FaceTemplate, MatchingFaceVerifier
from kiosk.demo.face import DemoStandInFaceVerifier
from tests.hostile_images import child_env, jpeg_declaring, memory_cap, png_declaring

ROOT = Path(__file__).resolve().parents[3]
ASTRONAUT = ROOT / "resources" / "demo" / "astronaut.jpg"


def _kiosk(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "launcher", *argv], cwd=ROOT, env=child_env(str(ROOT)), capture_output=True,
        text=True, timeout=120, preexec_fn=memory_cap(3 << 29),
    )


@pytest.fixture(scope="module")
def bomb(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("bombs") / "portrait.jpg"
    path.write_bytes(jpeg_declaring(16000, 16000))
    return path


@pytest.mark.parametrize(
    "argv",
    [
        ("photo", "check", "{bomb}", "--json"),
        ("face", "verify", "{bomb}", str(ASTRONAUT), "--json"),
        ("face", "verify", str(ASTRONAUT), "{bomb}", "--json"),
        ("liveness", "{bomb}", "--json"),
    ],
    ids=["photo check", "face verify reference", "face verify probe", "liveness"],
)
def test_a_picture_declaring_16000_pixels_a_side_is_refused_in_one_line(bomb: Path, argv: tuple[str, ...]) -> None:
    done = _kiosk(*(a.format(bomb=bomb) for a in argv))
    assert done.returncode == 2, done.stderr[-800:]
    assert done.stdout == ""
    assert done.stderr == (
        f"kiosk: cannot use image {bomb}: the picture declares 256 million pixels; "
        "a picture may have at most 10000 pixels a side and 25 million pixels\n"
    )


def test_a_png_bomb_is_refused_by_photo_check_too(tmp_path: Path) -> None:
    png = tmp_path / "portrait.png"
    png.write_bytes(png_declaring(20000, 20000))
    done = _kiosk("photo", "check", str(png))
    assert done.returncode == 2 and "400 million pixels" in done.stderr and "Traceback" not in done.stderr


class _Recorder(FaceMatcher):
    method = "recorder"

    def __init__(self) -> None:
        self.seen: list[tuple[int, ...]] = []

    def template(self, image):
        self.seen.append(image.shape)
        return FaceTemplate(np.zeros(4))

    def distance(self, a, b) -> float:
        return 0.0


def _large_reference() -> bytes:
    """4000 x 4000: harmless to decode, but four times a portrait's largest side."""
    return jpeg_declaring(4000, 4000)


def test_the_matcher_never_sees_a_reference_larger_than_a_portrait() -> None:
    matcher = _Recorder()
    frame = np.zeros((480, 640, 3), np.uint8)
    decision = MatchingFaceVerifier(matcher, 0.5, frames_used=1).verify(_large_reference(), [frame])
    assert matcher.seen == []
    assert not decision.match and decision.problem == "face_not_found" and math.isnan(decision.distance)


def test_the_demo_verifier_never_decodes_a_reference_larger_than_a_portrait(monkeypatch) -> None:
    from kiosk.demo import face as standin

    shapes: list[tuple[int, ...]] = []
    monkeypatch.setattr(standin, "largest_face", lambda frame: shapes.append(frame.shape) or (0, 0, 10, 10))
    decision = DemoStandInFaceVerifier("demo").verify(_large_reference(), [np.zeros((48, 64, 3), np.uint8)])
    assert (4000, 4000, 3) not in shapes
    assert not decision.match and decision.problem == "face_not_found"
