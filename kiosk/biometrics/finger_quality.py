"""Is a press good enough to keep? Three measures, each with the one thing to do about it.

NFIQ 2 (NIST's fingerprint quality) would be the reference, but it is a C++ build with a
trained model and no maintained Python package; the office re-scores what it receives
anyway. What the kiosk must decide is narrower: whether to ask for the press again, and
what to tell the citizen. So the measures are the ones a citizen can act on, taken on
16-pixel blocks as NFIQ's own features are:

- coverage: the share of blocks with ridges at all. Low: the finger lay on its side or
  half off the platen -> "place it flat, in the middle".
- contrast: how far ridges and valleys lie apart in grey level, over the ridged blocks.
  Low: pressed too lightly or too dry -> "press a little harder".
- clarity: the share of covered blocks whose ridges run one clear way (the coherence of
  the gradient's structure tensor: near 1 for clean parallel ridges, near 0 for a blot).
  Low: a dirty or wet finger smears them -> "clean and dry the finger".

The first that fails is the one the citizen hears: one instruction at a time.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import cv2
import numpy as np

BLOCK = 16
_RIDGE_STD = 6.0        # a block whose grey levels vary less than this holds no ridges (sensor noise)
_BLOT_DARKER = 60.0     # a flat block this much darker than the bare platen is a blot
_CLEAR_BLOCK = 0.6      # coherence of a block whose ridges run one clear way


class PressFault(StrEnum):
    PLACE_FLAT = "place_flat"
    PRESS_HARDER = "press_harder"
    CLEAN_FINGER = "clean_finger"


@dataclass(frozen=True)
class PressQuality:
    coverage: float      # 0..1
    contrast: float      # grey levels
    clarity: float       # 0..1
    fault: PressFault | None

    @property
    def usable(self) -> bool:
        return self.fault is None

    @property
    def score(self) -> int:
        """0..100 for the record (ISO/IEC 19794-4 carries a quality per view)."""
        if self.fault is not None:
            return 0
        return int(round(100 * min(1.0, self.clarity) * min(1.0, self.coverage / 0.6) * min(1.0, self.contrast / 120)))


def judge_press(pixels: np.ndarray, *, coverage_min: float, contrast_min: float, clarity_min: float) -> PressQuality:
    grey = pixels.astype(np.float32)
    h, w = grey.shape
    h, w = h - h % BLOCK, w - w % BLOCK
    blocks = grey[:h, :w].reshape(h // BLOCK, BLOCK, w // BLOCK, BLOCK).swapaxes(1, 2)
    std = blocks.std(axis=(2, 3))
    ridged = std > _RIDGE_STD
    # A blot (dirt, sweat) is contact without ridges: flat but much darker than the platen.
    platen = float(np.percentile(grey, 95))
    covered = ridged | (blocks.mean(axis=(2, 3)) < platen - _BLOT_DARKER)
    coverage = float(covered.mean()) if covered.size else 0.0
    if not ridged.any():
        return PressQuality(coverage, 0.0, 0.0, PressFault.PLACE_FLAT)
    # 2.7 standard deviations: the 10th to 90th percentile of a sine, which is what a
    # block of ridges is, without sorting every block (percentiles took 50 ms a press).
    contrast = float(np.median(std[ridged]) * 2.7)
    gx = cv2.Sobel(grey, cv2.CV_32F, 1, 0, ksize=3)[:h, :w]
    gy = cv2.Sobel(grey, cv2.CV_32F, 0, 1, ksize=3)[:h, :w]

    def per_block(a: np.ndarray) -> np.ndarray:
        return a.reshape(h // BLOCK, BLOCK, w // BLOCK, BLOCK).sum(axis=(1, 3))

    gxx, gyy, gxy = per_block(gx * gx), per_block(gy * gy), per_block(gx * gy)
    coherence = np.sqrt((gxx - gyy) ** 2 + 4 * gxy ** 2) / (gxx + gyy + 1e-6)
    clarity = float((coherence[covered] >= _CLEAR_BLOCK).mean())
    fault = None
    if coverage < coverage_min:
        fault = PressFault.PLACE_FLAT
    elif contrast < contrast_min:
        fault = PressFault.PRESS_HARDER
    elif clarity < clarity_min:
        fault = PressFault.CLEAN_FINGER
    return PressQuality(coverage, contrast, clarity, fault)
