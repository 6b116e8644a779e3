"""Person/background separation with mediapipe's bundled selfie-segmentation model.

The portrait rules need the background as a region of its own (is it plain? is it
white?), and the optional background replacement needs the person's outline. The model
ships in the mediapipe wheel (no download). One instance per thread, like `FaceAnalyzer`.
"""

from __future__ import annotations

import threading

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
        if threading.get_ident() != self._owner:
            raise RuntimeError("a PersonSegmenter must be used by the thread that created it")
        rgb = cv2.cvtColor(frame, cv2.COLOR_BGR2RGB)
        rgb.flags.writeable = False
        mask = self._model.process(rgb).segmentation_mask
        if mask is None:
            return np.zeros(frame.shape[:2], np.float32)
        return np.clip(mask.astype(np.float32), 0.0, 1.0)


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
