"""The headless workflow most tests here drive: demo services, a fixed wall clock, a
monotonic clock that moves only when a test says so, and jobs run on the caller's thread."""

from __future__ import annotations

import pytest

from kiosk.workflow.clock import ManualClock
from kiosk.workflow.jobs import SyncJobRunner
from kiosk.workflow.machine import Workflow
from launcher.services import build_services
from tests.conftest import FIXED_NOW


@pytest.fixture
def wf(demo_cfg, session_tmp):
    services = build_services(demo_cfg, today=FIXED_NOW.date())
    services.clock = lambda: FIXED_NOW
    services.monotonic = ManualClock()
    flow = Workflow(services, SyncJobRunner(), frame_interval_s=0.0, portrait_countdown_s=0.0, face_frames=4)
    yield flow
    flow.shutdown()
    services.close()
