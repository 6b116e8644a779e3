"""Liveness on a real clip (blinks found at their frames) and on a still picture (fails)."""

from __future__ import annotations

import cv2
import pytest

from kiosk.biometrics.liveness import assess_clip
from kiosk.config.model import LivenessSettings

pytestmark = pytest.mark.integration

# Eye closures in Megamind.avi, found by looking at the frames (first and last closed frame).
CLOSURES = [(28, 33), (70, 79), (171, 174), (256, 258)]


def clip_frames(path):
    capture = cv2.VideoCapture(str(path))
    try:
        while True:
            ok, frame = capture.read()
            if not ok:
                return
            yield frame
    finally:
        capture.release()


def test_blinks_in_a_real_clip_are_found_at_the_eye_closures(media):
    report = assess_clip(clip_frames(media.media_dir() / "megamind.avi"), 23.976,
                         LivenessSettings(turn_required=False))
    spans = [(b.start_frame, b.end_frame) for b in report.blinks]
    print("\nblinks:", spans)
    for first, last in CLOSURES:
        assert any(start <= last and end >= first for start, end in spans), (first, last, spans)
    # and nothing where the eyes stay open
    assert len(spans) <= len(CLOSURES) + 1
    assert report.passed


@pytest.mark.parametrize("name", ["astronaut.jpg", "obama_sidelit.jpg"])
def test_a_still_image_fed_as_video_fails(media, name):
    image = media.load(name)
    report = assess_clip([image] * 72, 24.0, LivenessSettings())
    assert report.frames_with_face == 72
    assert report.blinks == [] and not report.passed


def test_the_head_turn_challenge_alone_is_not_enough_without_a_blink(media):
    # a clip that turns (Megamind turns ~30 degrees) but is judged with 5 blinks required
    report = assess_clip(clip_frames(media.media_dir() / "megamind.avi"), 23.976,
                         LivenessSettings(blinks_required=5))
    assert not report.passed
