"""Test media: the real images fetched from registry packages, and portraits made from them.

`compliant()` makes a compliant positive the way the issue asks: the person segmented
onto white with the light evened out (a linear lightness gradient across the face is
divided away), placed on a canvas whose bottom edge is the photo's own, so nothing is
invented below the shoulders. `degrade()` turns a compliant picture into a negative for
one rule at a time.
"""

from __future__ import annotations

import sys
from pathlib import Path

import cv2
import numpy as np

ROOT = Path(__file__).resolve().parents[3]


def media_dir() -> Path:
    """The fetched media folder (fetched on first use: see tools/fetch_test_media.py)."""
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        from fetch_test_media import ensure_media
    finally:
        sys.path.pop(0)
    return ensure_media()


def load(name: str) -> np.ndarray:
    path = media_dir() / name if name != "astronaut.jpg" else ROOT / "resources" / "demo" / name
    image = cv2.imread(str(path), cv2.IMREAD_COLOR)
    assert image is not None, f"cannot read {path}"
    return image


def even_light(image: np.ndarray, face_mask: np.ndarray, person: np.ndarray) -> np.ndarray:
    """Divide away a linear lightness gradient fitted over the face (person pixels only)."""
    lab = cv2.cvtColor(image, cv2.COLOR_BGR2LAB).astype(np.float32)
    ys, xs = np.nonzero(face_mask)
    light = lab[..., 0][ys, xs]
    design = np.stack([xs, ys, np.ones_like(xs)], axis=1).astype(np.float32)
    coef, *_ = np.linalg.lstsq(design, light, rcond=None)
    h, w = face_mask.shape
    gx, gy = np.meshgrid(np.arange(w, dtype=np.float32), np.arange(h, dtype=np.float32))
    plane = coef[0] * gx + coef[1] * gy + coef[2]
    target = float(light.mean())
    gain = np.clip(target / np.maximum(plane, 1.0), 0.5, 2.0)
    gain = 1.0 + (gain - 1.0) * person  # only on the person
    lab[..., 0] = np.clip(lab[..., 0] * gain, 0, 255)
    return cv2.cvtColor(lab.astype(np.uint8), cv2.COLOR_LAB2BGR)


def compliant(image: np.ndarray, *, canvas: tuple[int, int] = (720, 900), face_height_share: float = 0.42,
              centre_x: float = 0.5, mirror: bool = False) -> np.ndarray:
    """The person on white with even light, scaled so the face is `face_height_share` of the canvas height."""
    from kiosk.biometrics.detection import FaceAnalyzer
    from kiosk.biometrics.segmentation import PersonSegmenter, composite_on

    if mirror:
        image = cv2.flip(image, 1)
    with FaceAnalyzer(count_small_faces=False) as analyzer:
        face = analyzer.analyse(image).face
    assert face is not None
    segmenter = PersonSegmenter()
    try:
        person = segmenter.person_probability(image)
    finally:
        segmenter.close()
    person = (person > 0.5).astype(np.float32)
    lit = even_light(image, face.polygon_mask(__import__("kiosk.biometrics.detection", fromlist=["FACE_OVAL"]).FACE_OVAL), person)
    on_white = composite_on(lit, person, feather_px=2)
    cw, ch = canvas
    scale = face_height_share * ch / face.face_height
    ex, _ = face.eye_midpoint
    tx = centre_x * cw - ex * scale
    ty = ch - image.shape[0] * scale  # the photo's bottom edge on the canvas's bottom edge
    matrix = np.float32([[scale, 0, tx], [0, scale, ty]])
    return cv2.warpAffine(on_white, matrix, (cw, ch), flags=cv2.INTER_AREA if scale < 1 else cv2.INTER_CUBIC,
                          borderValue=(255, 255, 255))


def degrade(image: np.ndarray, how: str) -> np.ndarray:
    """One-rule negatives made from a compliant picture."""
    h, w = image.shape[:2]
    if how == "blur":
        return cv2.GaussianBlur(image, (0, 0), 6)
    if how == "dark":
        return cv2.convertScaleAbs(image, alpha=0.18, beta=0)
    if how == "side_light":
        # a lamp on one side: bright on the left third, dark from the middle on
        x = np.arange(w, dtype=np.float32) / w
        ramp = np.clip(1.1 - 1.8 * (x - 0.3), 0.3, 1.1)[None, :, None]
        return np.clip(image.astype(np.float32) * ramp, 0, 255).astype(np.uint8)
    if how == "grey_textured_background":
        rng = np.random.default_rng(7)
        noise = rng.normal(0, 1, (h // 8 + 1, w // 8 + 1)).astype(np.float32)
        noise = cv2.resize(noise, (w, h), interpolation=cv2.INTER_CUBIC)[..., None]
        background = np.clip(120 + 45 * noise, 0, 255).repeat(3, axis=2).astype(np.uint8)
        white = (image.astype(np.int16).min(axis=2) > 245)[..., None]
        return np.where(white, background, image)
    if how == "small":
        small = cv2.resize(image, (w // 5, h // 5), interpolation=cv2.INTER_AREA)
        out = np.full_like(image, 255)
        out[h - small.shape[0]:, (w - small.shape[1]) // 2:(w - small.shape[1]) // 2 + small.shape[1]] = small
        return out
    if how == "tilted":
        matrix = cv2.getRotationMatrix2D((w / 2, h / 2), 25, 1.0)
        return cv2.warpAffine(image, matrix, (w, h), borderValue=(255, 255, 255))
    if how in ("off_edge", "far_off_edge"):
        matrix = np.float32([[1, 0, w * (0.3 if how == "off_edge" else 0.45)], [0, 1, 0]])
        return cv2.warpAffine(image, matrix, (w, h), borderMode=cv2.BORDER_CONSTANT, borderValue=(255, 255, 255))
    raise ValueError(how)
