"""After the welcome screen shows: build what it did not need, on a background thread.

The welcome screen needs the configuration, Qt and the card reader; the queue
(SQLAlchemy, Alembic), the receipts (reportlab), the printer (python-escpos), delivery
(httpx), the trust anchors and the face stack (dlib, mediapipe) take about twice as long
to load as everything the first screen needs. Built before the window, they made the
kiosk start in 1.5-2 s; built after it, the citizen sees the welcome screen at once and
the kiosk finishes its start while they read it.

One thread builds the `Late` services in the order a citizen needs them, then imports
the modules the steps would otherwise import on first use. A citizen who taps on faster
than that loses nothing: the step that needs a service not built yet builds it (or waits
for the build under way) in its job, as before. When everything is built, `done` is
called on this thread with what failed, if anything (the launcher then takes the kiosk
out of service, as a failure before the window used to).
"""

from __future__ import annotations

import importlib
import logging
import threading
import time
from collections.abc import Callable, Sequence

from kiosk.workflow.services import Late

log = logging.getLogger(__name__)

# Imported on first use by the steps (kiosk.workflow.card_read, face_steps, submission):
# loaded here so that the first citizen does not wait for them either. mediapipe last: it
# is the largest and the face check comes after the card read.
PRELOAD: tuple[str, ...] = (
    "kiosk.documents.chip_identity",
    "kiosk.documents.passive_auth",
    "kiosk.domain.id_numbers",
    "kiosk.domain.eligibility",
    "kiosk.card_application",
    "kiosk.receipts.issue",
    "kiosk.biometrics.live_analyzer",
    "mediapipe",
    # What the launcher assembles on the GUI thread once this is done (health, maintenance,
    # the metrics file): imported here, their first import does not hold that thread.
    "launcher.maintenance",
    "kiosk.operations.health_checks",
    "kiosk.operations.telemetry.textfile",
    "kiosk.operations.telemetry.workflow_metrics",
)

Done = Callable[[dict[str, BaseException]], None]


class Warmup:
    """Builds `members` in order, then imports `preload`, on one daemon thread."""

    def __init__(self, members: Sequence[Late], done: Done, preload: Sequence[str] = PRELOAD) -> None:
        self._members = list(members)
        self._preload = tuple(preload)
        self._done = done
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="kiosk-warm-up", daemon=True)
        self.seconds: float | None = None   # how long it took, once finished

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        """Build nothing more (the kiosk is quitting) and wait for the step under way."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout)

    def _run(self) -> None:
        started = time.monotonic()
        failed: dict[str, BaseException] = {}
        for member in self._members:
            if self._stop.is_set():
                return
            try:
                member.get()
            except Exception as exc:  # noqa: BLE001 - reported through `done`, each reader sees it too
                failed[member.name] = exc
        for name in self._preload:
            if self._stop.is_set():
                return
            try:
                importlib.import_module(name)
            except Exception:  # noqa: BLE001 - the step imports it again and reports there
                log.warning("warm-up: could not import %s", name, exc_info=True)
        self.seconds = time.monotonic() - started
        log.info("warm-up finished in %.2f s%s", self.seconds, f"; failed: {', '.join(failed)}" if failed else "")
        if not self._stop.is_set():
            self._done(failed)
