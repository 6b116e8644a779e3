"""How long leaving a camera step holds the UI thread when the camera driver is stuck.

The camera is the real OpenCVCamera on a capture that hangs inside read() after a few
frames (a V4L2 driver stuck in the kernel); its close() joins the capture thread for up
to 3 s. Compares the driver's close() called on the caller's thread (what the workflow
did before) with `CameraLease.close()` (the close handed to a thread of its own).
Prints figures; asserts nothing.
"""

from __future__ import annotations

import statistics
import sys
import threading
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))   # run as a plain script from the checkout

RUNS = 3


class StuckDriver:
    """A cv2.VideoCapture stand-in whose read() blocks after three frames."""

    def __init__(self) -> None:
        self.release_reads = threading.Event()
        self.reads = 0

    def isOpened(self) -> bool:  # noqa: N802 - cv2's name
        return True

    def set(self, *_args) -> bool:
        return True

    def read(self):
        self.reads += 1
        if self.reads > 3:
            self.release_reads.wait(30)
        return True, np.zeros((480, 640, 3), np.uint8)

    def release(self) -> None:
        pass


def _camera(driver: StuckDriver):
    from hardware.camera.opencv import OpenCVCamera

    camera = OpenCVCamera("0", capture_factory=lambda *_: driver)
    camera.open()
    while driver.reads <= 3:
        time.sleep(0.01)
    return camera


def on_callers_thread() -> float:
    driver = StuckDriver()
    camera = _camera(driver)
    t0 = time.perf_counter()
    camera.close()
    held = time.perf_counter() - t0
    driver.release_reads.set()
    return held


def through_the_lease() -> float:
    from kiosk.workflow.camera_lease import CameraLease
    from kiosk.workflow.services import Services

    driver = StuckDriver()
    camera = _camera(driver)
    services = Services(config=None, card_reader=None, camera=camera, printer=None, face_verifier=None,
                        portrait_maker=None, registry=None, studio=None, store=None)
    lease = CameraLease(services)
    lease.opener()                  # lent to a face step: from here on it counts as open
    t0 = time.perf_counter()
    lease.close()
    held = time.perf_counter() - t0
    driver.release_reads.set()
    lease.wait_closed(10)
    return held


def main() -> None:
    before = [on_callers_thread() for _ in range(RUNS)]
    after = [through_the_lease() for _ in range(RUNS)]
    print(f"driver stuck in read(), median of {RUNS}:")
    print(f"  close() on the caller's thread:      {statistics.median(before) * 1000:8.1f} ms held")
    print(f"  CameraLease.close() (threaded):      {statistics.median(after) * 1000:8.2f} ms held")


if __name__ == "__main__":
    main()
