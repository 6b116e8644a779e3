"""Speaker interface: play one WAV, stop it at once.

The speaker knows sounds, not prompts or languages: the voice guide
(`kiosk.voice.guide`) decides what is said and when, and hands over finished WAV bytes.
`play` blocks the thread that calls it until the sound ends or `stop` cuts it, because a
guide that waits on its own worker thread can tell "finished" from "interrupted" without
polling; `stop` may be called from any thread (the GUI's, on a tap or a new screen).
A `stop` holds until the next `arm`: a stop that lands between the guide's decision to
play and the start of `play` still silences it (otherwise a tap could miss the prompt it
meant to cut).

Volume is applied to the samples (`wav.scaled`) rather than to a mixer: the kiosk then
never changes a system setting that could outlive a session, and the "back to the
default after every session" rule of Section 508 402 holds by construction.

Drivers beside it: `aplay` (ALSA's player as a subprocess; ALSA's default device reaches
PulseAudio or PipeWire where they run) and `simulated` (the demo's and the tests'
speaker: it times the sound without making any).
"""

from __future__ import annotations

from abc import ABC, abstractmethod


class Speaker(ABC):
    name: str = "speaker"

    @abstractmethod
    def play(self, wav: bytes, volume: float = 1.0) -> bool:
        """Play `wav` (RIFF/WAVE, 16-bit PCM) at `volume` (0..1); return True when it
        played to the end, False when `stop` cut it. Raises SpeakerError."""

    @abstractmethod
    def stop(self) -> None:
        """Cut whatever is playing now, and refuse to play until `arm`. Safe from any thread."""

    @abstractmethod
    def arm(self) -> None:
        """Allow `play` again after a `stop`."""

    def close(self) -> None:
        self.stop()
