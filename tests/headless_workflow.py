"""The headless workflow most workflow tests drive: the configured services, a fixed wall
clock, a monotonic clock that moves only when a test says so, and jobs run on the
caller's thread. One place, so that every such fixture shuts the workflow down before
it closes the services (a job still holding the camera otherwise outlives the test)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from kiosk.workflow.clock import ManualClock
from kiosk.workflow.jobs import SyncJobRunner
from kiosk.workflow.machine import Workflow
from launcher.services import build_services
from tests.conftest import FIXED_NOW


@contextmanager
def headless_workflow(cfg) -> Iterator[Workflow]:
    services = build_services(cfg, today=FIXED_NOW.date())
    services.clock = lambda: FIXED_NOW
    services.monotonic = ManualClock()
    flow = Workflow(services, SyncJobRunner(), frame_interval_s=0.0, portrait_countdown_s=0.0, face_frames=4)
    try:
        yield flow
    finally:
        flow.shutdown()
        services.close()
