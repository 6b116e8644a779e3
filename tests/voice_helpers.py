"""Sounds for the voice tests without a synthesizer: a tone as long as the text."""

from __future__ import annotations

import io
import wave

import numpy as np


def tone(seconds: float, rate: int = 22050, level: float = 0.3) -> bytes:
    t = np.arange(int(seconds * rate)) / rate
    samples = (np.sin(2 * np.pi * 220 * t) * level * 32767).astype("<i2")
    out = io.BytesIO()
    with wave.open(out, "wb") as writer:
        writer.setnchannels(1)
        writer.setsampwidth(2)
        writer.setframerate(rate)
        writer.writeframes(samples.tobytes())
    return out.getvalue()


class FakeSynth:
    """Stands in for espeak-ng: 0.05 s of tone per character; remembers what it was asked."""

    def __init__(self) -> None:
        self.asked: list[tuple[str, str]] = []

    def __call__(self, text: str, lang: str) -> bytes:
        self.asked.append((lang, text))
        return tone(0.05 * max(1, len(text)))
