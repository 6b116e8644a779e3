"""A peer for libfprint's `virtual_image` device: the test's hand on the platen.

libfprint (Debian's build includes the virtual drivers) listens on the unix socket named
by `FP_VIRTUAL_IMAGE` once the device is opened; a client sends two native ints (width,
height) and that many 8-bit pixels per image, or a negative pair as a command
(-1: retry, -2: fatal error, -3: automatic finger reports on/off, -4: finger on/off).
"""

from __future__ import annotations

import socket
import struct
import time

import numpy as np


class VirtualImageHand:
    def __init__(self, path: str) -> None:
        self.path = path

    def _send(self, payload: bytes, *, wait: float = 5.0) -> None:
        deadline = time.monotonic() + wait
        while True:
            try:
                with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
                    s.connect(self.path)
                    s.sendall(payload)
                    time.sleep(0.2)   # libfprint reads on its own main loop; let it read before closing
                return
            except (FileNotFoundError, ConnectionRefusedError):
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def press(self, pixels: np.ndarray) -> None:
        h, w = pixels.shape
        self._send(struct.pack("ii", w, h) + np.ascontiguousarray(pixels, np.uint8).tobytes())

    def retry(self, code: int = 0) -> None:
        self._send(struct.pack("ii", -1, code))

    def fail(self, code: int = 5) -> None:
        self._send(struct.pack("ii", -2, code))


def virtual_image_available() -> bool:
    try:
        import gi

        gi.require_version("FPrint", "2.0")
        from gi.repository import FPrint  # noqa: F401
    except (ImportError, ValueError):
        return False
    return True
