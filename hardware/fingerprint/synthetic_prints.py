"""Fingerprint images drawn from numbers, for the demo scanner and the tests.

No real person's print may ship with the kiosk or its tests, and none is needed: what
the step and its quality check must meet is a ridge pattern of the right period (about
9 pixels at 500 dpi, 0.46 mm), a finger-shaped contact area, and the ways a press goes
wrong. So prints are made here: a phase field around a core (whorl, loop or arch, as
Henry's classes have it), warped by smooth noise so no two fingers look alike, cut to
an elliptical pad. The faults are what a sensor sees of them: a light press is faint
and low in contrast; a dirty or wet finger smears the ridges into blots; a finger put
on its side or the edge of the platen covers a fraction of it.

Deterministic for a seed, so a test's image is the same on every run.
"""

from __future__ import annotations

from enum import StrEnum
from functools import lru_cache

import cv2
import numpy as np

from hardware.fingerprint import STANDARD_DPI, FingerImage

WIDTH, HEIGHT = 320, 400      # 16 x 20 mm at 500 dpi: a single-finger platen
RIDGE_PERIOD_PX = 9.0


class Press(StrEnum):
    GOOD = "good"
    FAINT = "faint"          # pressed too lightly (or a dry finger)
    SMUDGED = "smudged"      # a dirty or wet finger
    PARTIAL = "partial"      # on its side, or half off the platen
    BLANK = "blank"          # nothing on the platen (a sensor woken by a shadow)


def _smooth_noise(rng: np.random.Generator, shape: tuple[int, int], scale: int) -> np.ndarray:
    small = rng.standard_normal((shape[0] // scale + 2, shape[1] // scale + 2)).astype(np.float32)
    big = cv2.resize(small, (shape[1], shape[0]), interpolation=cv2.INTER_CUBIC)
    return big / (np.abs(big).max() + 1e-6)


def ridge_pattern(seed: int, shape: tuple[int, int] = (HEIGHT, WIDTH)) -> np.ndarray:
    """Ridges as a float image in [-1, 1] (1: valley, -1: ridge) for the finger `seed`."""
    rng = np.random.default_rng(seed)
    h, w = shape
    y, x = np.mgrid[0:h, 0:w].astype(np.float32)
    cx, cy = w * rng.uniform(0.42, 0.58), h * rng.uniform(0.38, 0.5)
    kind = ("whorl", "loop", "arch")[seed % 3]
    dx, dy = (x - cx) / w, (y - cy) / h
    if kind == "whorl":
        phase = np.sqrt((dx * 1.0) ** 2 + (dy * 0.8) ** 2) * w
    elif kind == "loop":
        # concentric above the core, opening into near-parallel lines below it
        r = np.sqrt(dx ** 2 + (dy * 0.9) ** 2) * w
        lines = (y - cy) * 0.9 + 0.25 * np.abs(x - cx)
        t = np.clip((y - cy) / (0.5 * h) + 0.5, 0, 1)
        t = t * t * (3 - 2 * t)
        phase = (1 - t) * r + t * (lines + r.min())
    else:
        phase = y + 0.18 * h * np.exp(-((x - cx) / (0.3 * w)) ** 2) * (1 - np.clip((y - cy) / h * 2, 0, 1))
    phase = phase + 6.0 * _smooth_noise(rng, shape, 40) + 2.0 * _smooth_noise(rng, shape, 12)
    return np.cos(2 * np.pi * phase / RIDGE_PERIOD_PX).astype(np.float32)


def _pad_mask(shape: tuple[int, int], centre: tuple[float, float], axes: tuple[float, float], angle: float) -> np.ndarray:
    mask = np.zeros(shape, np.uint8)
    cv2.ellipse(mask, (int(centre[0]), int(centre[1])), (int(axes[0]), int(axes[1])), angle, 0, 360, 255, -1)
    return cv2.GaussianBlur(mask, (0, 0), 6).astype(np.float32) / 255.0


@lru_cache(maxsize=64)
def make_print(seed: int, press: Press = Press.GOOD) -> FingerImage:
    """One press of finger `seed`, as a 500 dpi scanner would give it (drawing one takes
    a tenth of a second: the same press is drawn once per process)."""
    rng = np.random.default_rng(seed * 7919 + list(Press).index(press))
    h, w = HEIGHT, WIDTH
    ridges = ridge_pattern(seed)
    depth = 0.85       # how dark a ridge is: the pressure
    centre, axes, angle = (w / 2 + rng.uniform(-8, 8), h / 2 + rng.uniform(-8, 8)), (w * 0.40, h * 0.44), rng.uniform(-6, 6)
    if press is Press.FAINT:
        depth = 0.10
    elif press is Press.PARTIAL:
        centre, axes, angle = (w * 0.95, h * 0.15), (w * 0.28, h * 0.22), 35.0
    mask = _pad_mask((h, w), centre, axes, angle)
    ink = (1 - ridges) / 2 * depth      # 0 (paper) .. depth (ridge)
    if press is Press.SMUDGED:
        ink = cv2.GaussianBlur(ink, (0, 0), 1.2)
        blots = np.clip(_smooth_noise(rng, (h, w), 24) * 2.0 + 0.8, 0, 1)
        ink = np.clip(ink * (1 - blots) + blots * 0.8, 0, 1)
    if press is Press.BLANK:
        mask = np.zeros((h, w), np.float32)
    image = 235.0 - 215.0 * ink * mask + rng.normal(0, 4.0, (h, w))
    return FingerImage(np.clip(image, 0, 255).astype(np.uint8), STANDARD_DPI)
