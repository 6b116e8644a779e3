"""ALSA's `aplay` as a subprocess (Debian `alsa-utils`).

Why a subprocess and not QtMultimedia: `hardware/` may not import Qt, QtMultimedia is in
PySide6-Addons (not in the lock), and a player process can be killed the instant a citizen
taps, whatever state its audio stack is in. `aplay` reads the WAV from stdin, so no
prompt (an application number) is ever written to disk. Its default ALSA device is
routed to PulseAudio or PipeWire where one runs (their ALSA plugins), and to the USB
sound card of a tactile keypad when the device is named (`-D plughw:CARD=...`).
"""

from __future__ import annotations

import shutil
import subprocess
import threading

from hardware.errors import SpeakerError, SpeakerUnavailable
from hardware.speaker import Speaker
from hardware.speaker.wav import scaled


class AplaySpeaker(Speaker):
    name = "aplay speaker"

    def __init__(self, device: str = "default", program: str = "aplay") -> None:
        self.device = device
        self.program = program
        self._lock = threading.Lock()
        self._proc: subprocess.Popen[bytes] | None = None
        self._stopped = False

    def play(self, wav: bytes, volume: float = 1.0) -> bool:
        path = shutil.which(self.program)
        if path is None:
            raise SpeakerUnavailable(f"{self.program} not found (Debian package alsa-utils)")
        data = scaled(wav, volume)
        with self._lock:
            if self._stopped:
                return False
            try:
                proc = subprocess.Popen(
                    [path, "-q", "-D", self.device, "-"],
                    stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                )
            except OSError as exc:
                raise SpeakerUnavailable(f"cannot start {self.program}: {exc}") from exc
            self._proc = proc
        try:
            _, err = proc.communicate(data)
        except (BrokenPipeError, OSError):
            err = b""
            proc.wait()
        with self._lock:
            self._proc = None
            stopped = self._stopped
        if stopped:
            return False
        if proc.returncode != 0:
            # ALSA prints its configuration walk first; the last line says what failed.
            lines = [line for line in err.decode(errors="replace").splitlines() if line.strip()]
            raise SpeakerError(f"{self.program} exited {proc.returncode}: {(lines[-1] if lines else '')[:200]}")
        return True

    def arm(self) -> None:
        with self._lock:
            self._stopped = False

    def stop(self) -> None:
        with self._lock:
            self._stopped = True
            proc = self._proc
        if proc is not None and proc.poll() is None:
            proc.kill()
