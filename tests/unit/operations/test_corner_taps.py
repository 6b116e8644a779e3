"""The hidden entry gesture: N taps in one corner within a window, and nothing else."""

from __future__ import annotations

from typing import get_args

import pytest

from kiosk.config.model import Corner, MaintenanceSettings
from kiosk.operations.corner_taps import CORNERS, CornerTaps

W, H = 1920, 1080
SPOTS = {"top-left": (10, 10), "top-right": (W - 10, 10), "bottom-left": (10, H - 10), "bottom-right": (W - 10, H - 10)}


def taps(gesture: CornerTaps, times: list[float], spot: tuple[float, float] = SPOTS["top-right"]) -> list[bool]:
    return [gesture.tap(*spot, W, H, t) for t in times]


def test_five_taps_in_the_corner_within_the_window_complete_it() -> None:
    gesture = CornerTaps(5, 3.0, "top-right")
    assert taps(gesture, [0.0, 0.5, 1.0, 1.5, 2.0]) == [False] * 4 + [True]


def test_the_defaults_of_the_configuration_are_a_valid_gesture() -> None:
    s = MaintenanceSettings()
    gesture = CornerTaps(s.entry_taps, s.entry_window_s, s.entry_corner)
    assert taps(gesture, [0, 0.6, 1.2, 1.8, 2.4])[-1]
    assert set(get_args(Corner)) == set(CORNERS)


def test_taps_spread_wider_than_the_window_do_not() -> None:
    gesture = CornerTaps(5, 3.0, "top-right")
    assert not any(taps(gesture, [0.0, 1.0, 2.0, 3.0, 4.0]))   # first to fifth: 4 s apart


def test_the_window_slides() -> None:
    gesture = CornerTaps(5, 3.0, "top-right")
    assert taps(gesture, [0.0, 2.0, 3.5, 4.0, 4.5, 5.0]) == [False] * 5 + [True]   # 2.0 .. 5.0


def test_the_window_edge_counts() -> None:
    assert taps(CornerTaps(3, 3.0, "top-right"), [0.0, 1.0, 3.0])[-1]


def test_a_tap_elsewhere_starts_again() -> None:
    gesture = CornerTaps(5, 3.0, "top-right")
    assert not any(taps(gesture, [0.0, 0.2, 0.4, 0.6]))
    assert not gesture.tap(W / 2, H / 2, W, H, 0.8)
    assert taps(gesture, [1.0, 1.2, 1.4, 1.6]) == [False] * 4
    assert gesture.tap(*SPOTS["top-right"], W, H, 1.8)


@pytest.mark.parametrize("corner", CORNERS)
def test_only_the_configured_corner_counts(corner: str) -> None:
    for other, spot in SPOTS.items():
        gesture = CornerTaps(3, 3.0, corner)
        assert taps(gesture, [0, 0.1, 0.2], spot)[-1] == (other == corner), (corner, other)


def test_the_corner_is_a_square_of_size_px() -> None:
    gesture = CornerTaps(1, 3.0, "top-right", size_px=120)
    assert gesture.in_corner(W - 120, 119, W, H)
    assert not gesture.in_corner(W - 121, 10, W, H)
    assert not gesture.in_corner(W - 10, 120, W, H)
    assert not gesture.in_corner(W, 0, W, H) and not gesture.in_corner(W - 1, -1, W, H)   # off the screen


def test_on_a_small_window_the_corner_stays_a_corner() -> None:
    gesture = CornerTaps(1, 3.0, "bottom-left", size_px=120)
    assert gesture.in_corner(0, 199, 200, 200) and not gesture.in_corner(60, 199, 200, 200)


def test_a_completed_gesture_needs_fresh_taps() -> None:
    gesture = CornerTaps(3, 3.0, "top-left")
    assert taps(gesture, [0, 0.1, 0.2], SPOTS["top-left"]) == [False, False, True]
    assert taps(gesture, [0.3, 0.4, 0.5], SPOTS["top-left"]) == [False, False, True]


def test_time_going_backwards_starts_again() -> None:
    gesture = CornerTaps(3, 3.0, "top-right")
    assert taps(gesture, [100.0, 100.1, 50.0, 50.1]) == [False] * 4
    assert gesture.tap(*SPOTS["top-right"], W, H, 50.2)


@pytest.mark.parametrize(("taps_", "window", "corner"), [(5, 3.0, "top"), (0, 3.0, "top-left"), (5, 0.0, "top-left"),
                                                        (5, float("nan"), "top-left")])
def test_a_gesture_that_cannot_happen_is_refused(taps_: int, window: float, corner: str) -> None:
    with pytest.raises(ValueError):
        CornerTaps(taps_, window, corner)


def test_a_time_that_is_not_a_number_never_completes_it() -> None:
    gesture = CornerTaps(3, 3.0, "top-right")
    assert not any(taps(gesture, [float("nan")] * 5))
    assert not any(taps(gesture, [0.0, float("inf"), float("inf")]))
