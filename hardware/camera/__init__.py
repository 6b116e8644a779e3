"""Camera interface: a source of BGR frames (numpy arrays, as OpenCV gives them).

Drivers beside it: `opencv` (a real camera), `simulated` (the demo's camera, playing
`demo_media`); both keep their one frame in `frame_slot`.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

    Frame = np.ndarray  # H x W x 3, uint8, BGR


def __getattr__(name: str) -> Any:
    # `Frame` is numpy's array. Importing numpy costs the kiosk's start a tenth of a
    # second before its first screen, which needs no frame: modules that use `Frame` at
    # run time load numpy when they import it from here; the interfaces use it as a hint.
    if name == "Frame":
        import numpy as np

        return np.ndarray
    raise AttributeError(f"module 'hardware.camera' has no attribute {name!r}")


class Camera(ABC):
    """A camera delivers the *latest* frame, never a backlog: a citizen's mirror must not lag."""

    name: str = "camera"

    @abstractmethod
    def open(self) -> None:
        """Start capturing. Raises CameraUnavailable."""

    @abstractmethod
    def close(self) -> None:
        """Stop capturing and release the device. Safe to call twice."""

    @abstractmethod
    def read(self, timeout: float = 1.0) -> Frame:
        """The newest frame. Raises CameraUnavailable if none arrives within `timeout`."""

    def probe(self) -> bool | None:
        """Whether the camera is there, asked without capturing a frame: True when it is,
        None when this driver cannot tell without opening it. Raises CameraUnavailable,
        saying why, when it is gone.

        The health monitor asks this between sessions, while the camera is closed, so it
        must be cheap and must never start a capture: a capture held by the monitor
        would be the next citizen's camera refusing to open.
        """
        return None

    def read_newer(self, after: int, timeout: float = 1.0) -> tuple[int, Frame]:
        """The newest frame once it is newer than frame number `after` (0: any), with its
        number: a preview that shows every frame waits here instead of polling. Raises
        CameraUnavailable if none arrives within `timeout`.

        A driver without frame numbers serves its newest frame as the next one."""
        return after + 1, self.read(timeout)

    def __enter__(self) -> "Camera":
        self.open()
        return self

    def __exit__(self, *exc) -> None:
        self.close()
