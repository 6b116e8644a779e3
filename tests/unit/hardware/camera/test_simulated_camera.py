"""The simulated camera: a live-looking stream, newest frame only, vanish/restore, clean close."""

from __future__ import annotations

import random
import threading
import time
from pathlib import Path
from typing import Callable

import cv2
import numpy as np
import pytest

from hardware.errors import CameraUnavailable
from hardware.camera.simulated import SimulatedCamera, _open_source, fit_to_frame
from hardware.camera.demo_media import DEMO_DIR_ENV, demo_resource

SAFETY_S = 30.0  # generous bound so a broken camera fails the test instead of hanging it


def wait_until(predicate: Callable[[], bool]) -> None:
    deadline = time.monotonic() + SAFETY_S
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("condition not reached")
        time.sleep(0.005)


@pytest.fixture
def camera():
    cam = SimulatedCamera(fps=60, size=(320, 180), seed=1)
    cam.open()
    yield cam
    cam.close()


def test_default_media_is_the_demo_portrait():
    assert SimulatedCamera().media == demo_resource("astronaut.jpg")
    assert SimulatedCamera().media.is_file()


def test_demo_folder_can_be_overridden(monkeypatch, tmp_path):
    monkeypatch.setenv(DEMO_DIR_ENV, str(tmp_path))
    assert SimulatedCamera().media == tmp_path / "astronaut.jpg"


def test_frames_have_the_requested_size(camera):
    frame = camera.read(timeout=SAFETY_S)
    assert frame.shape == (180, 320, 3)
    assert frame.dtype == np.uint8


def test_frames_change_over_time(camera):
    first_index, first = camera.read_indexed(timeout=SAFETY_S)
    wait_until(lambda: camera.frames_produced >= first_index + 2)
    _, later = camera.read_indexed(timeout=SAFETY_S)
    assert not np.array_equal(first, later)


def test_still_image_sways_not_only_flickers():
    source = _open_source(demo_resource("astronaut.jpg"), (320, 180), random.Random(0))
    # A quarter of a sway period apart, the picture's edges must have moved by pixels.
    a = cv2.cvtColor(source.frame_at(0.0), cv2.COLOR_BGR2GRAY).astype(np.float32)
    b = cv2.cvtColor(source.frame_at(1.3), cv2.COLOR_BGR2GRAY).astype(np.float32)
    (shift_x, shift_y), _ = cv2.phaseCorrelate(a, b)
    assert abs(shift_x) + abs(shift_y) >= 1.0


def test_read_returns_the_newest_frame_not_a_backlog(camera):
    first_index, _ = camera.read_indexed(timeout=SAFETY_S)
    wait_until(lambda: camera.frames_produced >= first_index + 5)
    next_index, _ = camera.read_indexed(timeout=SAFETY_S)
    assert next_index >= first_index + 5  # a queue would have given first_index + 1


def test_read_returns_a_copy():
    cam = SimulatedCamera(fps=0.001, size=(64, 36))  # one frame now, the next in 1000 s
    with cam:
        index, frame = cam.read_indexed(timeout=SAFETY_S)
        frame[:] = 0
        again_index, again = cam.read_indexed(timeout=SAFETY_S)
        assert again_index == index
        assert again.any()


def test_vanish_and_restore(camera):
    camera.read(timeout=SAFETY_S)
    camera.vanish()
    with pytest.raises(CameraUnavailable):
        camera.read(timeout=0.01)
    camera.restore()
    assert camera.read(timeout=SAFETY_S).shape == (180, 320, 3)


def test_close_joins_the_thread_and_is_idempotent():
    cam = SimulatedCamera(fps=60, size=(64, 36))
    cam.open()
    cam.read(timeout=SAFETY_S)
    thread = cam._thread
    assert thread is not None and thread.is_alive()
    cam.close()
    assert not thread.is_alive()
    assert not cam.running
    cam.close()
    with pytest.raises(CameraUnavailable):
        cam.read(timeout=0.01)


def test_reopen_after_close():
    cam = SimulatedCamera(fps=60, size=(64, 36))
    with cam:
        cam.read(timeout=SAFETY_S)
    with cam:
        assert cam.read(timeout=SAFETY_S).shape == (36, 64, 3)
    assert not any(t.name == "simulated-camera" and t.is_alive() for t in threading.enumerate())


def test_missing_media_is_unavailable(tmp_path):
    with pytest.raises(CameraUnavailable):
        SimulatedCamera(tmp_path / "nope.jpg").open()


def test_undecodable_image_is_unavailable(tmp_path):
    bad = tmp_path / "bad.jpg"
    bad.write_bytes(b"not a jpeg")
    with pytest.raises(CameraUnavailable):
        SimulatedCamera(bad).open()


COLOURS = [(255, 0, 0), (0, 255, 0), (0, 0, 255)]


def dominant_channel(frame: np.ndarray) -> int:
    h, w = frame.shape[:2]
    return int(np.argmax(frame[h // 4 : 3 * h // 4, w // 4 : 3 * w // 4].reshape(-1, 3).mean(axis=0)))


def collect_channels(cam: SimulatedCamera, count: int) -> list[int]:
    seen: list[int] = []
    last = 0
    while len(seen) < count:
        wait_until(lambda: cam.frames_produced > last)
        last, frame = cam.read_indexed(timeout=SAFETY_S)
        seen.append(dominant_channel(frame))
    return seen


def test_folder_of_images_plays_every_image(tmp_path):
    for i, colour in enumerate(COLOURS):
        cv2.imwrite(str(tmp_path / f"{i:02d}.png"), np.full((40, 40, 3), colour, np.uint8))
    (tmp_path / "notes.txt").write_text("ignored")
    with SimulatedCamera(tmp_path, fps=200, size=(80, 60)) as cam:
        assert set(collect_channels(cam, 30)) == {0, 1, 2}


def test_video_file_plays_and_loops(tmp_path):
    path = tmp_path / "clip.avi"
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), 10, (64, 48))
    assert writer.isOpened()
    for colour in COLOURS:
        writer.write(np.full((48, 64, 3), colour, np.uint8))
    writer.release()
    with SimulatedCamera(path, fps=200, size=(64, 48)) as cam:
        cam.read(timeout=SAFETY_S)
        start = cam.frames_produced
        wait_until(lambda: cam.frames_produced >= start + 3 * len(COLOURS))  # past the end: looped
        assert cam.read(timeout=SAFETY_S).shape == (48, 64, 3)
        assert set(collect_channels(cam, 30)) == {0, 1, 2}


def test_fit_to_frame_letterboxes_with_the_border_colour():
    image = np.full((100, 100, 3), 200, np.uint8)
    out = fit_to_frame(image, (160, 90))
    assert out.shape == (90, 160, 3)
    assert (out == 200).all()
