"""Codes shown to the camera: the card's QR for the ID number, a studio's photo receipt.

The job opens the camera (the workflow's `camera_lease`), starts a `CodeScanner` on
its worker thread and waits until it has found a code of a kind the step takes, as the
face steps wait on the live analyzer. The screen meanwhile reads the scanner's newest
snapshot for its guidance. The scanner stops with the job, however the job ends: a
citizen who moves on must not leave a decoder running on the camera. A code found after
the citizen left is dropped with the job's result (see `jobs.py`).
"""

from __future__ import annotations

from typing import Any, Callable

from hardware.errors import CameraUnavailable
from kiosk.codes.kinds import ScannedCode
from kiosk.workflow.camera_lease import Opener
from kiosk.workflow.face_steps import _lasting_failure
from kiosk.workflow.jobs import JobContext

# How long the camera looks for a code before the citizen is asked again: long enough to
# find a card in a bag, short enough that a citizen who walked off frees the camera.
SCAN_TIMEOUT_S = 60.0


def scan(*, scanner: Any, open_camera: Opener, timeout: float | None = None
         ) -> Callable[[JobContext], ScannedCode | None]:
    """The work of the "scan_code" job: the first code `scanner` accepts, None after
    `timeout` seconds (default `SCAN_TIMEOUT_S`)."""
    timeout = SCAN_TIMEOUT_S if timeout is None else timeout

    def work(ctx: JobContext) -> ScannedCode | None:
        try:
            open_camera(ctx.cancel_event)
            ctx.check_cancelled()
            scanner.start()
            ctx.progress(0, 1, "scanning")
            bad_since: list[float] = []

            def done(state: Any) -> bool:
                if not state.camera_ok:
                    return _lasting_failure(bad_since)
                bad_since.clear()
                return state.code is not None

            latest = scanner.wait_for(done, timeout, ctx.cancel_event)
            ctx.check_cancelled()
            if latest is not None and not latest.camera_ok:
                raise CameraUnavailable("the camera stopped delivering frames")
            return latest.code if latest is not None else None
        finally:
            scanner.stop()

    return work
