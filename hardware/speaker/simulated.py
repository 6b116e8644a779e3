"""The demo's and the tests' speaker: times each sound and makes none.

`played` keeps what each call got (seconds, volume, whether it ran to the end), so a
test can check what was said without a sound card; `speed` > 1 plays faster than real
time (tests), 0 returns at once. `started` is set when a sound begins, for a test (or
the bench) that waits for "first sound"; `playing` is the sound playing now (or None).
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

from hardware.speaker import Speaker
from hardware.speaker.wav import info


@dataclass(frozen=True)
class PlayedSound:
    seconds: float
    volume: float
    finished: bool
    wav: bytes
    started_at: float      # time.monotonic()


class SimulatedSpeaker(Speaker):
    name = "simulated speaker"

    def __init__(self, speed: float = 1.0) -> None:
        self.speed = speed
        self.played: list[PlayedSound] = []
        self.started = threading.Event()
        self.playing: bytes | None = None
        self._cut = threading.Event()
        self._lock = threading.Lock()

    def play(self, wav: bytes, volume: float = 1.0) -> bool:
        seconds = info(wav).seconds
        if self._cut.is_set():
            return False
        began = time.monotonic()
        self.playing = wav
        self.started.set()
        cut = self._cut.wait(seconds / self.speed) if self.speed > 0 else False
        self.playing = None
        with self._lock:
            self.played.append(PlayedSound(seconds, volume, not cut, wav, began))
        return not cut

    def arm(self) -> None:
        self._cut.clear()

    def stop(self) -> None:
        self._cut.set()
