"""Leaving the camera steps never waits for the camera to close, and the next open
always waits for that close (so a late close can never hit the next citizen's camera).

The camera is the demo's simulated one, wrapped so that close() can be held the way a
driver stuck in a read holds it, and so that the order of opens and closes is recorded.
"""

from __future__ import annotations

import threading

import pytest

from launcher.services import build_services
from kiosk.domain.cases import Case
from kiosk.workflow.jobs import SyncJobRunner
from kiosk.workflow.machine import Workflow
from kiosk.workflow.states import State
from tests.conftest import FIXED_NOW


class SlowToClose:
    """Delegates to a real camera; close() blocks until `release` is set."""

    def __init__(self, camera) -> None:
        self._camera = camera
        self.release = threading.Event()
        self.events: list[str] = []

    def open(self) -> None:
        if "close started" in self.events and "close finished" not in self.events:
            self.events.append("open while closing")   # what the workflow must never do
        self.events.append("open")
        self._camera.open()

    def close(self) -> None:
        self.events.append("close started")
        assert self.release.wait(30), "the test never released the close"
        self._camera.close()
        self.events.append("close finished")

    def __getattr__(self, name: str):
        return getattr(self._camera, name)


@pytest.fixture
def wf(demo_cfg, session_tmp):
    services = build_services(demo_cfg, today=FIXED_NOW.date())
    services.clock = lambda: FIXED_NOW
    services.camera = SlowToClose(services.camera)
    flow = Workflow(services, SyncJobRunner(), frame_interval_s=0.0, portrait_countdown_s=0.0, face_frames=4)
    yield flow
    services.camera.release.set()
    flow.shutdown()
    services.close()


def _to_portrait(wf: Workflow) -> None:
    wf.start("en")
    wf.choose_case(Case.EXPIRING)
    wf.agree()
    assert wf.state is State.ELIGIBILITY, wf.session.problem
    wf.proceed()
    assert wf.state is State.PORTRAIT, wf.session.problem


def test_leaving_the_camera_steps_does_not_wait_for_the_close(wf):
    camera = wf.services.camera
    _to_portrait(wf)
    wf.choose_portrait(0)          # leaves the camera steps while close() is held
    assert wf.state is State.CONTACT
    assert not wf.wait_camera_closed(0.05)   # the close is still running, elsewhere
    camera.release.set()
    assert wf.wait_camera_closed(30)
    assert camera.events == ["open", "close started", "close finished"]


def test_the_next_open_waits_for_the_last_close(wf):
    camera = wf.services.camera
    _to_portrait(wf)
    wf.cancel()                    # ends the session while close() is held
    wf.restart()
    wf.start("en")
    wf.choose_case(Case.EXPIRING)
    wf.agree()
    assert wf.state is State.ELIGIBILITY, wf.session.problem
    # Release the close a moment after the next face check starts: an open that did not
    # wait for it is recorded, however late it comes.
    threading.Timer(0.3, camera.release.set).start()
    wf.proceed()
    assert wf.state is State.PORTRAIT, wf.session.problem
    assert "open while closing" not in camera.events
    assert camera.events[:4] == ["open", "close started", "close finished", "open"]
