"""The largest face in a frame, as a rough box, by OpenCV's bundled Haar cascade.

No landmarks, no quality: a box around a face, fast enough for a live preview. The
demo's face stand-ins crop around it, and the launcher hands it to the camera preview
(`Services.preview_face_finder`) when stand-ins replace the whole face stack, so no live
analyzer draws the box; nothing that decides about a citizen uses it.
"""

from __future__ import annotations

import cv2
import numpy as np

from hardware.camera import Frame

_cascade: cv2.CascadeClassifier | None = None


def _faces(gray: np.ndarray) -> list[tuple[int, int, int, int]]:
    global _cascade
    if _cascade is None:
        _cascade = cv2.CascadeClassifier(cv2.data.haarcascades + "haarcascade_frontalface_default.xml")
    min_side = max(40, min(gray.shape[:2]) // 10)
    found = _cascade.detectMultiScale(gray, scaleFactor=1.15, minNeighbors=5, minSize=(min_side, min_side))
    return [tuple(int(v) for v in f) for f in found]


def largest_face(frame: Frame) -> tuple[int, int, int, int] | None:
    gray = cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)
    # Detect on a half-size copy: the demo only needs a rough box, and it keeps the preview smooth.
    small = cv2.resize(gray, (gray.shape[1] // 2, gray.shape[0] // 2)) if gray.shape[1] > 800 else gray
    scale = gray.shape[1] / small.shape[1]
    faces = _faces(small)
    if not faces:
        return None
    x, y, w, h = max(faces, key=lambda f: f[2] * f[3])
    return int(x * scale), int(y * scale), int(w * scale), int(h * scale)
