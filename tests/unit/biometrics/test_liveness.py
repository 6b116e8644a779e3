"""Blink detection against a per-session baseline, and the head-turn challenge (no camera)."""

from __future__ import annotations

from types import SimpleNamespace

from hypothesis import given, settings, strategies as st

from kiosk.biometrics.liveness import BlinkDetector, LivenessSession, TurnChallenge
from kiosk.config.model import LivenessSettings

FPS = 25.0


def run(ears: list[float]) -> list:
    det = BlinkDetector(closed_ratio=0.7, max_closed_s=0.6)
    for i, ear in enumerate(ears):
        det.update(i, i / FPS, ear)
    return det.blinks


@given(level=st.floats(0.1, 0.6), n=st.integers(10, 200), jitter=st.floats(0.0, 0.05))
def test_steady_eyes_never_blink(level, n, jitter):
    # a photo, a still frame, or eyes held at any level (smiling eyes included) with noise below 5 %
    ears = [level * (1 + jitter * ((-1) ** i)) for i in range(n)]
    assert run(ears) == []


@given(open_level=st.floats(0.16, 0.55), depth=st.floats(0.05, 0.55), closed_frames=st.integers(1, 12),
       before=st.integers(8, 40), after=st.integers(2, 20))
def test_a_short_dip_below_the_baseline_is_one_blink(open_level, depth, closed_frames, before, after):
    closed = open_level * depth  # below 0.7 x the session's own open level
    ears = [open_level] * before + [closed] * closed_frames + [open_level] * after
    blinks = run(ears)
    assert len(blinks) == 1
    assert blinks[0].start_frame == before
    assert blinks[0].end_frame == before + closed_frames


def test_smiling_eyes_are_not_closed_eyes():
    # REFERENCE.md: smiling 0.16-0.20 would be 'closed' for a fixed threshold of 0.2
    smiling = [0.18, 0.17, 0.19, 0.18, 0.16, 0.20] * 10
    assert run(smiling) == []
    blink = smiling + [0.06, 0.05, 0.07] + smiling[:6]
    assert len(run(blink)) == 1


def test_eyes_held_shut_are_not_a_blink():
    ears = [0.4] * 20 + [0.05] * 40 + [0.4] * 10   # 1.6 s closed
    assert run(ears) == []


@settings(max_examples=50)
@given(direction=st.sampled_from(["left", "right"]), peak=st.floats(16, 40))
def test_turn_challenge_needs_the_asked_side_and_the_return(direction, peak):
    sign = 1 if direction == "left" else -1
    wrong = TurnChallenge(direction, 15)
    for i, yaw in enumerate([0, -sign * peak, 0]):
        wrong.update(i, yaw)
    assert not wrong.done
    right = TurnChallenge(direction, 15)
    for i, yaw in enumerate([0, sign * peak / 2, sign * peak, sign * 5, 0]):
        right.update(i, yaw)
    assert right.done and right.turned_to == direction


def _face(ear: float, yaw: float):
    return SimpleNamespace(eye_aspect_ratio=ear, pose=SimpleNamespace(yaw=yaw))


def test_session_asks_blink_then_turn_and_passes():
    session = LivenessSession(LivenessSettings(), direction="right")
    t, n = 0.0, 0
    states = []
    script = [(0.4, 0)] * 10 + [(0.08, 0)] * 3 + [(0.4, 0)] * 5 + [(0.4, -20)] * 3 + [(0.4, 0)] * 2
    for ear, yaw in script:
        states.append(session.update(n, t, _face(ear, yaw)))
        n, t = n + 1, t + 0.04
    instructions = [s.instruction for s in states]
    assert instructions[0] == "blink"
    assert "turn_right" in instructions and "turn_back" in instructions
    assert states[-1].passed and session.verdict == "passed"


def test_a_still_picture_fails_when_time_runs_out():
    session = LivenessSession(LivenessSettings(time_limit_seconds=3), direction="left")
    state = None
    for i in range(200):
        state = session.update(i, i * 0.04, _face(0.35, 1.0))
    assert state is not None and state.failed and state.reason == "timeout"
    assert session.verdict == "failed"


def test_no_face_at_all_fails_with_its_reason():
    session = LivenessSession(LivenessSettings(time_limit_seconds=3), direction="left")
    for i in range(100):
        state = session.update(i, i * 0.04, None)
    assert state.failed and state.reason == "no_face"
