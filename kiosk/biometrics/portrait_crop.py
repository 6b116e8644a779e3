"""The document's portrait geometry, and the crop that produces it from any frame.

A geometry is the output size, its resolution, the head width and where the eye line
sits. The crop levels the eyes (in-plane rotation only), scales the face so its width
equals the head width, and puts the midpoint of the eyes on the vertical centre line at
the eye-line height; anything the frame does not cover is filled with white.

Presets:
* China (GA 461): 358 x 441 px at 350 dpi (26 x 32 mm), head width 207 ± 14 px, the top
  of the head 7-21 px below the upper edge, the eyes at least 207 px above the lower
  edge. The crown sits about 0.65 head widths above the eyes (about 135 px here), so
  an eye line 150 px from the top leaves 15 px above the head and 291 px below the eyes.
* ICAO 35 x 45 mm at 600 dpi: 827 x 1063 px; chin-to-crown 32-36 mm (about 800 px) gives
  a head width of about 550 px and an eye line about 495 px from the top.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass

import cv2
import numpy as np

from hardware.camera import Frame
from kiosk.biometrics.detection import FaceObservation

WHITE = (255, 255, 255)


@dataclass(frozen=True)
class PortraitGeometry:
    width_px: int
    height_px: int
    dpi: int
    head_width_px: float
    eye_line_px: float          # distance of the eye line from the top edge

    def __post_init__(self) -> None:
        if min(self.width_px, self.height_px, self.dpi) <= 0 or self.head_width_px <= 0:
            raise ValueError("portrait geometry needs positive sizes")
        if not 0 < self.eye_line_px < self.height_px:
            raise ValueError("the eye line must lie inside the portrait")
        if self.head_width_px >= self.width_px:
            raise ValueError("the head must be narrower than the portrait")

    @property
    def size_mm(self) -> tuple[float, float]:
        return self.width_px / self.dpi * 25.4, self.height_px / self.dpi * 25.4

    @classmethod
    def from_settings(cls, settings) -> "PortraitGeometry":
        """From a `kiosk.config.model.PortraitSettings` (or anything with these fields)."""
        return cls(settings.width_px, settings.height_px, settings.dpi, settings.head_width_px, settings.eye_line_px)


CHINA_GA461 = PortraitGeometry(width_px=358, height_px=441, dpi=350, head_width_px=207, eye_line_px=150)
ICAO_35X45 = PortraitGeometry(width_px=827, height_px=1063, dpi=600, head_width_px=550, eye_line_px=495)


def crop_matrix(face: FaceObservation, geometry: PortraitGeometry) -> np.ndarray:
    """2x3 affine matrix from frame pixels to portrait pixels for this face."""
    roll = math.radians(face.pose.roll)
    scale = geometry.head_width_px / max(face.head_width, 1e-6)
    cx, cy = (float(v) for v in face.eye_midpoint)
    cos, sin = math.cos(-roll) * scale, math.sin(-roll) * scale
    # rotate by -roll and scale about the eye midpoint, then move it to its target
    tx = geometry.width_px / 2.0 - (cos * cx - sin * cy)
    ty = geometry.eye_line_px - (sin * cx + cos * cy)
    return np.array([[cos, -sin, tx], [sin, cos, ty]], dtype=np.float64)


def crop_portrait(frame: Frame, face: FaceObservation, geometry: PortraitGeometry,
                  fill: tuple[int, int, int] = WHITE) -> Frame:
    matrix = crop_matrix(face, geometry)
    scale = math.hypot(matrix[0, 0], matrix[1, 0])
    interpolation = cv2.INTER_AREA if scale < 1 else cv2.INTER_CUBIC
    return cv2.warpAffine(frame, matrix, (geometry.width_px, geometry.height_px), flags=interpolation,
                          borderMode=cv2.BORDER_CONSTANT, borderValue=fill)


def crop_inside_fraction(face: FaceObservation, geometry: PortraitGeometry) -> float:
    """Share of the portrait's area that the frame covers (1.0 = no white fill needed)."""
    w, h = face.image_size
    matrix = crop_matrix(face, geometry)
    inverse = cv2.invertAffineTransform(matrix)
    # Sample a coarse grid of portrait pixels and map them back into the frame: exact
    # enough for a pass/fail at a percent, and independent of the frame's size.
    gx, gy = np.meshgrid(np.linspace(0, geometry.width_px - 1, 48), np.linspace(0, geometry.height_px - 1, 60))
    pts = np.stack([gx.ravel(), gy.ravel(), np.ones(gx.size)], axis=0)
    src = inverse @ pts
    inside = (src[0] >= 0) & (src[0] <= w - 1) & (src[1] >= 0) & (src[1] <= h - 1)
    return float(inside.mean())


def source_scale(face: FaceObservation, geometry: PortraitGeometry) -> float:
    """Output pixels per frame pixel: above 1 means the portrait is upsampled (softer)."""
    return geometry.head_width_px / max(face.head_width, 1e-6)


def encode_jpeg(image: Frame, dpi: int, quality: int = 92) -> bytes:
    """JPEG with the density set in the JFIF header (Pillow does it; print shops read it)."""
    from PIL import Image

    rgb = cv2.cvtColor(image, cv2.COLOR_BGR2RGB)
    buf = io.BytesIO()
    Image.fromarray(rgb).save(buf, format="JPEG", quality=quality, dpi=(dpi, dpi), subsampling=0, optimize=True)
    return buf.getvalue()


def jpeg_dpi(data: bytes) -> tuple[int, int] | None:
    from PIL import Image

    with Image.open(io.BytesIO(data)) as img:
        dpi = img.info.get("dpi")
    return None if dpi is None else (round(dpi[0]), round(dpi[1]))
