"""DEMO STAND-INS for face verification and portrait making (walking skeleton only).

These are NOT biometric checks: the verifier accepts whenever a face is visible both in
the reference and in the live frames; the portrait maker crops around the largest face
found by OpenCV's bundled Haar cascade. They exist so the demo can walk the whole
renewal before the real face stack lands, and they refuse to be built outside demo
mode (the configuration refuses them too), so they can never decide a real citizen's
application.
"""

from __future__ import annotations

import math
from typing import Sequence

import cv2
import numpy as np

from hardware.camera import Frame
from hardware.images import PORTRAIT, ImageRefused, decode_bgr
from kiosk.demo.haar_face import largest_face
from kiosk.biometrics.interfaces import (
    CheckResult,
    FaceDecision,
    FaceVerifier,
    PortraitCandidate,
    PortraitMaker,
)


class StandInNotAllowed(RuntimeError):
    pass


def _require_demo(mode: str) -> None:
    if mode != "demo":
        raise StandInNotAllowed("the demo stand-in face components can only run in demo mode")


class DemoStandInFaceVerifier(FaceVerifier):
    method = "demo-standin (not a biometric check)"

    def __init__(self, mode: str) -> None:
        _require_demo(mode)

    def verify(self, reference_jpeg: bytes, live_frames: Sequence[Frame], liveness: str = "not_checked") -> FaceDecision:
        try:
            reference = decode_bgr(reference_jpeg, PORTRAIT)
        except ImageRefused:
            reference = None
        live_face = any(largest_face(f) is not None for f in live_frames)
        ref_face = reference is not None and largest_face(reference) is not None
        ok = live_face and ref_face and liveness != "failed"
        return FaceDecision(
            match=ok,
            distance=math.nan,
            threshold=math.nan,
            method=self.method,
            liveness=liveness,
            problem="" if ok else ("liveness_failed" if live_face and ref_face else "face_not_found"),
        )


class DemoStandInPortraitMaker(PortraitMaker):
    """Crops to the configured geometry around the largest face; sharpest frames first."""

    def __init__(self, mode: str, size: tuple[int, int] = (358, 441), head_width: int = 207, dpi: int = 350) -> None:
        _require_demo(mode)
        self.size, self.head_width, self.dpi = size, head_width, dpi

    def make(self, frames: Sequence[Frame], keep: int = 2) -> list[PortraitCandidate]:
        scored: list[tuple[float, np.ndarray]] = []
        for frame in frames:
            box = largest_face(frame)
            if box is None:
                continue
            crop = self._crop(frame, box)
            sharpness = float(cv2.Laplacian(cv2.cvtColor(crop, cv2.COLOR_BGR2GRAY), cv2.CV_64F).var())
            scored.append((sharpness, crop))
        scored.sort(key=lambda s: s[0], reverse=True)
        out = []
        for sharpness, crop in scored[:keep]:
            ok, buf = cv2.imencode(".jpg", crop, [cv2.IMWRITE_JPEG_QUALITY, 92])
            if ok:
                out.append(
                    PortraitCandidate(
                        jpeg=_with_dpi(buf.tobytes(), self.dpi),
                        score=sharpness,
                        checks=[CheckResult("sharpness", sharpness, True)],
                    )
                )
        return out

    def _crop(self, frame: Frame, box: tuple[int, int, int, int]) -> np.ndarray:
        x, y, w, h = box
        out_w, out_h = self.size
        scale = self.head_width / (w * 1.05)  # Haar boxes are slightly narrower than the head
        cx, cy = x + w / 2, y + h * 0.52
        src_w, src_h = out_w / scale, out_h / scale
        x0, y0 = cx - src_w / 2, cy - src_h * 0.47
        matrix = np.float32([[scale, 0, -x0 * scale], [0, scale, -y0 * scale]])
        return cv2.warpAffine(frame, matrix, (out_w, out_h), borderValue=(255, 255, 255))


def _with_dpi(jpeg: bytes, dpi: int) -> bytes:
    """Set the JFIF density so print shops and the office see 350 dpi (GA 461)."""
    if jpeg[2:4] == b"\xff\xe0" and jpeg[6:11] == b"JFIF\x00":
        out = bytearray(jpeg)
        out[13] = 1  # units: dots per inch
        out[14:16] = dpi.to_bytes(2, "big")
        out[16:18] = dpi.to_bytes(2, "big")
        return bytes(out)
    return jpeg
