"""Camera interface: a source of BGR frames (numpy arrays, as OpenCV gives them).

Drivers beside it: `opencv` (a real camera), `simulated` (the demo's camera, playing
`demo_media`); both keep their one frame in `frame_slot`.
"""

from __future__ import annotations

from abc import ABC, abstractmethod

import numpy as np

Frame = np.ndarray  # H x W x 3, uint8, BGR


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
