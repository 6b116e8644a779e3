"""The frame slot both camera drivers share: newest frame only, the driver's unavailability
rule, and readers woken by every change rather than by their timeout."""

from __future__ import annotations

import threading

import numpy as np
import pytest

from hardware.errors import CameraUnavailable
from hardware.camera.frame_slot import LatestFrame

SAFETY_S = 30.0  # generous bound so a lost wake-up fails the test instead of hanging it


def available() -> None:
    return None


def frame(value: int) -> np.ndarray:
    return np.full((2, 3, 3), value, np.uint8)


def filled(*values: int) -> LatestFrame:
    """A slot that was given one frame per value, in order, as a driver would."""
    cond = threading.Condition()
    slot = LatestFrame(cond)
    with cond:
        for value in values:
            slot.put(frame(value))
    return slot


def newest(slot: LatestFrame) -> tuple[int, np.ndarray]:
    return slot.wait(0, available, lambda: "no frame")


def test_a_reader_gets_the_newest_frame_and_its_sequence_number():
    slot = filled(1, 2)
    index, got = newest(slot)
    assert index == 2 == slot.index
    assert np.array_equal(got, frame(2))


def test_the_reader_gets_a_copy_it_may_draw_on():
    slot = filled(7)
    _, got = newest(slot)
    got[:] = 0
    assert np.array_equal(newest(slot)[1], frame(7))


def test_clear_empties_the_slot_but_the_sequence_keeps_counting():
    cond = threading.Condition()
    slot = LatestFrame(cond)
    with cond:
        slot.put(frame(1))
        slot.clear()
    assert slot.empty
    with pytest.raises(CameraUnavailable, match="nothing yet"):
        slot.wait(0, available, lambda: "nothing yet")
    with cond:
        slot.put(frame(2))
    assert newest(slot)[0] == 2


def test_the_drivers_unavailability_wins_over_a_frame_still_held():
    slot = filled(1)
    with pytest.raises(CameraUnavailable, match="camera disconnected"):
        slot.wait(SAFETY_S, lambda: "camera disconnected", lambda: "no frame")


def test_the_no_frame_reason_is_asked_after_the_wait():
    cond = threading.Condition()
    slot = LatestFrame(cond)
    state = {"reason": "camera is starting"}
    asked: list[str] = []

    def unavailable() -> None:
        state["reason"] = "camera disconnected"   # the driver's state moves on meanwhile
        return None

    def no_frame() -> str:
        asked.append(state["reason"])
        return state["reason"]

    with pytest.raises(CameraUnavailable, match="camera disconnected"):
        slot.wait(0, unavailable, no_frame)
    assert asked == ["camera disconnected"]


class RecordingCondition(threading.Condition):
    """Remembers how each wait ended: True when notified, False when its time ran out
    (a reader woken by the timeout would otherwise look just like a woken one)."""

    def __init__(self) -> None:
        super().__init__()
        self.wakes: list[bool] = []

    def wait(self, timeout: float | None = None) -> bool:
        notified = super().wait(timeout)
        self.wakes.append(notified)
        return notified


def _wait_in_thread(slot: LatestFrame, cond: threading.Condition, unavailable) -> dict:
    """Start a reader and return once it is blocked inside the condition's wait."""
    outcome: dict = {}
    evaluated = threading.Event()

    def rule():
        evaluated.set()
        return unavailable()

    def reader():
        try:
            outcome["frame"] = slot.wait(SAFETY_S, rule, lambda: "timed out")
        except CameraUnavailable as exc:
            outcome["error"] = str(exc)

    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    assert evaluated.wait(SAFETY_S)
    with cond:   # granted only once the reader has released the lock inside wait()
        pass
    outcome["thread"] = thread
    return outcome


def test_a_new_frame_wakes_a_waiting_reader():
    cond = RecordingCondition()
    slot = LatestFrame(cond)
    outcome = _wait_in_thread(slot, cond, available)
    with cond:
        slot.put(frame(5))
    outcome["thread"].join(SAFETY_S)
    assert "error" not in outcome, outcome.get("error")
    index, got = outcome["frame"]
    assert index == 1 and np.array_equal(got, frame(5))
    assert cond.wakes == [True]


def test_clearing_wakes_a_reader_to_hear_why_the_camera_is_gone():
    cond = RecordingCondition()
    slot = LatestFrame(cond)
    gone: list[str] = []
    outcome = _wait_in_thread(slot, cond, lambda: gone[0] if gone else None)
    with cond:
        gone.append("camera disconnected")
        slot.clear()
    outcome["thread"].join(SAFETY_S)
    assert outcome.get("error") == "camera disconnected"
    assert cond.wakes == [True]
