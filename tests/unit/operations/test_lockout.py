"""The growing delay after wrong PINs, on disk: it survives a restart, a damaged file, a clock set back."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kiosk.operations.lockout import FIRST_DELAY_S, FREE_TRIES, MAX_DELAY_S, Lockout, delay_after


class Clock:
    def __init__(self, now: float = 1_800_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def test_the_delay_grows_from_the_first_lock_to_the_cap() -> None:
    assert [delay_after(n) for n in range(0, 10)] == [0, 0, 0, 30, 60, 120, 240, 480, 960, 1920]
    assert delay_after(10) == delay_after(11) == delay_after(10**9) == MAX_DELAY_S == 3600


def test_wrong_pins_lock_for_longer_each_time(tmp_path: Path) -> None:
    clock = Clock()
    lockout = Lockout(tmp_path, clock)
    seen = []
    for _ in range(FREE_TRIES + 9):
        assert lockout.locked_for_s() == 0
        seen.append(lockout.record_failure())
        clock.now += seen[-1]   # wait out the lock, then fail again
    assert seen == [0, 0, 30, 60, 120, 240, 480, 960, 1920, 3600, 3600, 3600]


def test_the_lock_counts_down_with_the_clock(tmp_path: Path) -> None:
    clock = Clock()
    lockout = Lockout(tmp_path, clock)
    for _ in range(FREE_TRIES):
        lockout.record_failure()
    assert lockout.locked_for_s() == FIRST_DELAY_S
    clock.now += 10
    assert lockout.locked_for_s() == FIRST_DELAY_S - 10
    clock.now += 20
    assert lockout.locked_for_s() == 0


def test_the_lock_survives_a_restart(tmp_path: Path) -> None:
    clock = Clock()
    first = Lockout(tmp_path, clock)
    for _ in range(FREE_TRIES + 1):
        first.record_failure()
        clock.now += first.locked_for_s()
    first.record_failure()   # the fifth: 120 s
    clock.now += 5
    again = Lockout(tmp_path, clock)   # the plug pulled and the kiosk started again
    assert again.failures == FREE_TRIES + 2
    assert again.locked_for_s() == 115
    clock.now += 115
    assert again.record_failure() == 240   # and the count goes on where it was


def test_a_correct_pin_resets_the_count_on_disk(tmp_path: Path) -> None:
    clock = Clock()
    lockout = Lockout(tmp_path, clock)
    lockout.record_failure()
    lockout.record_failure()
    lockout.reset()
    assert Lockout(tmp_path, clock).failures == 0
    assert lockout.record_failure() == 0


def test_the_file_is_replaced_whole(tmp_path: Path) -> None:
    lockout = Lockout(tmp_path / "maintenance", Clock())
    lockout.record_failure()
    folder = tmp_path / "maintenance"
    assert [p.name for p in folder.iterdir()] == ["lockout.json"]   # no temporary file left behind
    assert json.loads((folder / "lockout.json").read_text()) == {"version": 1, "failures": 1, "locked_until": 0.0}
    assert folder.stat().st_mode & 0o777 == 0o700


def test_a_missing_file_is_a_first_start(tmp_path: Path) -> None:
    lockout = Lockout(tmp_path / "maintenance", Clock())
    assert (lockout.failures, lockout.locked_for_s()) == (0, 0)
    assert not (tmp_path / "maintenance").exists()   # nothing written until something happens


@pytest.mark.parametrize(
    "content",
    [b"", b"\xff\xfe garbage", b"{", b"[]", b"null", b'{"failures": 2}',
     b'{"failures": "2", "locked_until": 0}', b'{"failures": -1, "locked_until": 0}',
     b'{"failures": true, "locked_until": 0}', b'{"failures": 1, "locked_until": "soon"}',
     b'{"failures": 1, "locked_until": 1e400}', b'{"failures": 1, "locked_until": NaN}',
     b'{"failures": 99999999999, "locked_until": 0}', b'{"failures": 1, "locked_until": 0}' + b' ' * 5000],
)
def test_a_damaged_file_locks_for_the_first_delay_and_is_rewritten(tmp_path: Path, content: bytes) -> None:
    # Damaging the file must not be a way to reset the count; nor may it lock out for an hour.
    (tmp_path / "lockout.json").write_bytes(content)
    clock = Clock()
    lockout = Lockout(tmp_path, clock)
    assert lockout.locked_for_s() == FIRST_DELAY_S
    data = json.loads((tmp_path / "lockout.json").read_text())
    assert data == {"version": 1, "failures": FREE_TRIES, "locked_until": clock.now + FIRST_DELAY_S}
    clock.now += FIRST_DELAY_S
    assert lockout.locked_for_s() == 0
    assert lockout.record_failure() == delay_after(FREE_TRIES + 1)


def test_a_folder_in_place_of_the_file_still_locks(tmp_path: Path) -> None:
    (tmp_path / "lockout.json").mkdir()
    lockout = Lockout(tmp_path, Clock())
    assert lockout.locked_for_s() == FIRST_DELAY_S   # in memory: the write fails, the lock holds


def test_an_unwritable_place_keeps_the_lock_in_memory(tmp_path: Path) -> None:
    blocker = tmp_path / "data"
    blocker.write_bytes(b"a file where the data folder should be")
    clock = Clock()
    lockout = Lockout(blocker / "maintenance", clock)
    assert lockout.locked_for_s() == FIRST_DELAY_S   # a state it cannot read counts as damaged
    clock.now += FIRST_DELAY_S
    assert lockout.record_failure() == 2 * FIRST_DELAY_S
    assert lockout.locked_for_s() == 2 * FIRST_DELAY_S   # held in memory although never written


def test_a_clock_set_back_cannot_stretch_the_lock(tmp_path: Path) -> None:
    clock = Clock()
    lockout = Lockout(tmp_path, clock)
    for _ in range(FREE_TRIES):
        lockout.record_failure()
    clock.now -= 86_400   # someone set the clock back a day
    assert lockout.locked_for_s() == FIRST_DELAY_S
    clock.now += FIRST_DELAY_S
    assert lockout.locked_for_s() == 0   # re-anchored: not shut for the day the clock went back
    assert Lockout(tmp_path, clock).locked_for_s() == 0
