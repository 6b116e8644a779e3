"""Never offer the citizen two photos they cannot tell apart.

A burst from a still citizen (or the demo's still picture) gives candidates that differ
by sensor noise only; "Choose your photo" then shows two identical pictures and the
citizen wonders what the difference is. Candidates are compared as small grey thumbnails
(the scale at which a person compares two photos side by side): one that differs from
an earlier, better one by less than `SAME_BELOW` grey levels on average is dropped.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from PIL import Image

from hardware.images import PORTRAIT, ImageRefused, decode
from kiosk.biometrics.interfaces import PortraitCandidate

THUMBNAIL = (24, 32)       # width, height: a portrait's proportions
SAME_BELOW = 3.0           # mean absolute difference, grey levels 0..255; noise stays under 2


def _thumbnail(jpeg: bytes) -> np.ndarray | None:
    try:
        grey = decode(jpeg, PORTRAIT, "L")
    except ImageRefused:
        return None
    return np.asarray(grey.resize(THUMBNAIL, Image.Resampling.BOX), dtype=np.float32)


def distinct(candidates: Sequence[PortraitCandidate]) -> list[PortraitCandidate]:
    """`candidates` (best first) without those that look the same as an earlier one."""
    kept: list[PortraitCandidate] = []
    seen: list[np.ndarray] = []
    for candidate in candidates:
        thumb = _thumbnail(candidate.jpeg)
        if thumb is not None and any(float(np.mean(np.abs(thumb - other))) < SAME_BELOW for other in seen):
            continue
        kept.append(candidate)
        if thumb is not None:
            seen.append(thumb)
    return kept
