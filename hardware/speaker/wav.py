"""The few WAV facts the speaker and its tests need: length, loudness, gain.

Stdlib `wave` reads the header; numpy does the sample arithmetic (audioop is deprecated
and leaves the standard library in Python 3.13).
"""

from __future__ import annotations

import io
import wave
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class WavInfo:
    rate: int
    channels: int
    frames: int
    rms: float        # of 16-bit samples scaled to -1..1; 0 for silence

    @property
    def seconds(self) -> float:
        return self.frames / self.rate if self.rate else 0.0


def _samples(wav: bytes) -> tuple[wave._wave_params, np.ndarray]:  # type: ignore[name-defined]
    with wave.open(io.BytesIO(wav), "rb") as reader:
        params = reader.getparams()
        if params.sampwidth != 2:
            raise ValueError(f"expected 16-bit PCM, got {params.sampwidth * 8}-bit")
        raw = reader.readframes(params.nframes)
    return params, np.frombuffer(raw, dtype="<i2")


def info(wav: bytes) -> WavInfo:
    params, samples = _samples(wav)
    rms = float(np.sqrt(np.mean((samples.astype(np.float64) / 32768.0) ** 2))) if samples.size else 0.0
    return WavInfo(params.framerate, params.nchannels, params.nframes, rms)


def scaled(wav: bytes, volume: float) -> bytes:
    """`wav` with every sample multiplied by `volume` (clipped to 0..1)."""
    volume = min(1.0, max(0.0, volume))
    if volume >= 1.0:
        return wav
    params, samples = _samples(wav)
    quieter = (samples.astype(np.float64) * volume).round().astype("<i2")
    out = io.BytesIO()
    with wave.open(out, "wb") as writer:
        writer.setparams(params)
        writer.writeframes(quieter.tobytes())
    return out.getvalue()


def concatenated(parts: list[bytes]) -> bytes:
    """One WAV of `parts` played one after another (they must share rate and channels)."""
    if len(parts) == 1:
        return parts[0]
    out = io.BytesIO()
    writer = None
    for part in parts:
        with wave.open(io.BytesIO(part), "rb") as reader:
            if writer is None:
                writer = wave.open(out, "wb")
                writer.setparams(reader.getparams())
            elif reader.getframerate() != writer.getframerate() or reader.getnchannels() != writer.getnchannels():
                raise ValueError("WAV parts differ in rate or channels")
            writer.writeframes(reader.readframes(reader.getnframes()))
    if writer is not None:
        writer.close()
    return out.getvalue()
