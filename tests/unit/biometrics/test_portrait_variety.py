"""The choose screen never offers two photos a citizen cannot tell apart."""

from __future__ import annotations

import io

import numpy as np
from PIL import Image

from kiosk.biometrics.interfaces import PortraitCandidate
from kiosk.biometrics.portrait_variety import distinct


def _jpeg(pixels: np.ndarray) -> bytes:
    out = io.BytesIO()
    Image.fromarray(pixels.astype(np.uint8)).save(out, "JPEG", quality=90)
    return out.getvalue()


def _face(shift: int = 0, noise: float = 0.0, seed: int = 0) -> bytes:
    y, x = np.mgrid[0:441, 0:358]
    picture = 200 - 120 * np.exp(-(((x - 179 - shift) / 70) ** 2 + ((y - 200) / 95) ** 2))
    picture = picture + np.random.default_rng(seed).normal(0, noise, picture.shape) if noise else picture
    return _jpeg(np.clip(np.stack([picture] * 3, axis=-1), 0, 255))


def test_a_burst_of_one_still_pose_offers_one_photo() -> None:
    burst = [PortraitCandidate(_face(noise=2.0, seed=i), score=1.0 - i / 10) for i in range(3)]
    kept = distinct(burst)
    assert kept == burst[:1]                  # the best one


def test_byte_identical_photos_are_offered_once() -> None:
    same = _face()
    assert len(distinct([PortraitCandidate(same, 0.9), PortraitCandidate(same, 0.8)])) == 1


def test_photos_that_look_different_are_all_offered() -> None:
    candidates = [PortraitCandidate(_face(), 0.9), PortraitCandidate(_face(shift=40), 0.8)]
    assert distinct(candidates) == candidates


def test_an_undecodable_candidate_is_left_to_the_rules_that_judge_it() -> None:
    broken = PortraitCandidate(b"not a jpeg", 0.5)
    good = PortraitCandidate(_face(), 0.9)
    assert distinct([good, broken]) == [good, broken]
