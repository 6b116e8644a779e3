"""Person/background separation with mediapipe's bundled selfie-segmentation model.

The portrait rules need the background as a region of its own (is it plain? is it
white?), and the optional background replacement needs the person's outline. The model
ships in the mediapipe wheel (no download). One instance per thread, like `FaceAnalyzer`.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import cv2
import numpy as np

from hardware.camera import Frame


class PersonSegmenter:
    def __init__(self) -> None:
        import mediapipe as mp

        # model 0: the general (square) model; better around hair than the landscape one.
        self._model = mp.solutions.selfie_segmentation.SelfieSegmentation(model_selection=0)
        self._owner = threading.get_ident()

    def close(self) -> None:
        self._model.close()

    def person_probability(self, frame: Frame) -> np.ndarray:
        """H x W float32 in [0, 1]: how likely each pixel belongs to a person."""
        return self._segment(cv2.cvtColor(frame, cv2.COLOR_BGR2RGB))

    def _segment(self, rgb: np.ndarray) -> np.ndarray:
        if threading.get_ident() != self._owner:
            raise RuntimeError("a PersonSegmenter must be used by the thread that created it")
        rgb.flags.writeable = False
        mask = self._model.process(rgb).segmentation_mask
        if mask is None:
            return np.zeros(rgb.shape[:2], np.float32)
        return np.clip(mask.astype(np.float32), 0.0, 1.0)

    def person_in_region(self, rgb: np.ndarray, region: tuple[int, int, int, int] | None) -> "PersonMask":
        """The person probability of `region` (x0, y0, x1, y1 of the RGB frame; None: all of
        it), computed on a copy no larger than the model's input.

        The model sees 256 x 256 pixels whatever it is given, and returns its mask at the
        input's size: on a 1280 x 720 frame that is 0.9 million floats to make and clip,
        for a background check that only looks inside the portrait's crop."""
        h, w = rgb.shape[:2]
        x0, y0, x1, y1 = region if region is not None else (0, 0, w, h)
        x0, y0, x1, y1 = max(0, x0), max(0, y0), min(w, x1), min(h, y1)
        if x1 - x0 < 16 or y1 - y0 < 16:
            x0, y0, x1, y1 = 0, 0, w, h
        scale = min(1.0, MODEL_SIDE / max(x1 - x0, y1 - y0))
        part = rgb[y0:y1, x0:x1]
        if scale < 1.0:
            size = (max(1, round((x1 - x0) * scale)), max(1, round((y1 - y0) * scale)))
            part = cv2.resize(part, size, interpolation=cv2.INTER_AREA)
        else:
            part = np.ascontiguousarray(part)
        to_mask = np.array([[scale, 0.0, -x0 * scale], [0.0, scale, -y0 * scale]])
        return PersonMask(self._segment(part), to_mask)


MODEL_SIDE = 256    # the general selfie-segmentation model's input side


@dataclass(frozen=True, eq=False)
class PersonMask:
    """A person probability over part of a frame: `to_mask` maps frame pixels onto it."""

    probability: np.ndarray
    to_mask: np.ndarray          # 2 x 3 affine, frame -> mask

    def moved(self, frame_to_frame: np.ndarray) -> "PersonMask":
        """The same mask for another frame, `frame_to_frame` mapping that frame's pixels
        onto this mask's frame (e.g. following the face from one frame to the next)."""
        return PersonMask(self.probability, compose(self.to_mask, frame_to_frame))

    def warped(self, frame_to_out: np.ndarray, size: tuple[int, int]) -> np.ndarray:
        """The probability in the coordinates of an affine output of the frame (e.g. the
        portrait crop): `frame_to_out` maps frame pixels there, `size` is (w, h)."""
        mask_to_out = compose(frame_to_out, cv2.invertAffineTransform(self.to_mask))
        return cv2.warpAffine(self.probability, mask_to_out, size, borderValue=0.0)


def compose(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The 2 x 3 affine that applies `b`, then `a`."""
    return np.hstack([a[:, :2] @ b[:, :2], (a[:, :2] @ b[:, 2] + a[:, 2])[:, None]])


def composite_on(frame: Frame, probability: np.ndarray, colour: tuple[int, int, int] = (255, 255, 255),
                 feather_px: int = 3) -> Frame:
    """The person kept, everything else replaced by `colour` (BGR), with a soft edge."""
    alpha = probability
    if feather_px > 0:
        k = 2 * feather_px + 1
        alpha = cv2.GaussianBlur(alpha, (k, k), 0)
    alpha = alpha[..., None]
    background = np.empty_like(frame)
    background[:] = colour
    out = frame.astype(np.float32) * alpha + background.astype(np.float32) * (1.0 - alpha)
    return np.clip(out + 0.5, 0, 255).astype(np.uint8)
