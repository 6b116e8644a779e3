"""The card left on the reader, as the citizen sees it in the real window.

The goodbye screen asks for the card and stops promising to close while it lies there;
the welcome screen tells the next person, and the identify screen shows the wait for an
empty reader. The core's rules are in tests/unit/workflow/test_card_left_behind.py.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWidget

from hardware.card_reader.simulated import SimulatedCardReader, SimulatedChip
from launcher.services import build_services
from kiosk.demo.specimen import make_specimen_files
from kiosk.domain.cases import Case
from kiosk.workflow.clock import ManualClock
from kiosk.workflow.machine import Workflow
from kiosk.workflow.states import State
from tests.conftest import FIXED_NOW
from tests.ui.kiosk_driver import WAIT_MS
from ui.main_window import MainWindow
from ui.qt_jobs import QtJobRunner

pytestmark = pytest.mark.ui


@pytest.fixture
def kiosk(qtbot, demo_cfg, session_tmp, kiosk_theme, language):
    runner = QtJobRunner()
    services = build_services(demo_cfg, today=FIXED_NOW.date())
    services.clock = lambda: FIXED_NOW
    services.monotonic = ManualClock()
    reader = SimulatedCardReader()
    reader.present(SimulatedChip(make_specimen_files(FIXED_NOW.date())))
    services.card_reader = reader
    wf = Workflow(services, runner, frame_interval_s=0.0, portrait_countdown_s=0.0, face_frames=4)
    window = MainWindow(wf, demo_cfg, fullscreen=False)
    qtbot.addWidget(window)
    window.resize(1920, 1080)
    window.show()
    yield window, wf, reader
    wf.shutdown()
    runner.shutdown()
    services.close()
    services.store.close()


def _visible(window: MainWindow, name: str) -> bool:
    widget = window.findChild(QWidget, name)
    return widget is not None and widget.isVisibleTo(window)


def _ticked(wf: Workflow) -> bool:
    """One tick of the window's 1 Hz timer (asks the reader again once the last answer is in)."""
    wf.tick()
    return True


def test_goodbye_asks_for_the_card_then_thanks(qtbot, kiosk) -> None:
    window, wf, reader = kiosk
    wf.start("en")
    wf.choose_case(Case.EXPIRING)
    wf.agree()
    qtbot.waitUntil(lambda: wf.state is State.ELIGIBILITY, timeout=WAIT_MS)
    wf.cancel()
    assert wf.state is State.GOODBYE
    screen = window.current_screen()
    # The reader is asked off the UI thread: the answer comes back as a job's result.
    qtbot.waitUntil(lambda: _visible(window, "goodbye_take_card"), timeout=WAIT_MS)
    assert screen.take_card_picture.isVisibleTo(window)
    assert screen.take_card_picture.taking
    assert not _visible(window, "goodbye_auto")        # no "closes in N s" while it is held
    assert not _visible(window, "goodbye_outcome")

    reader.remove()
    qtbot.waitUntil(lambda: _ticked(wf) and not _visible(window, "goodbye_take_card"), timeout=WAIT_MS)
    assert wf.state is State.GOODBYE
    assert _visible(window, "goodbye_auto")
    assert not screen.take_card_picture.isVisibleTo(window)
    assert _visible(window, "goodbye_outcome")


def test_the_next_citizen_is_told_and_shown_the_wait(qtbot, kiosk, demo_cfg) -> None:
    window, wf, reader = kiosk
    wf.start("en")
    wf.choose_case(Case.EXPIRING)
    wf.agree()
    qtbot.waitUntil(lambda: wf.state is State.ELIGIBILITY, timeout=WAIT_MS)
    wf.cancel()
    wf.services.monotonic.advance(demo_cfg.session.card_removal_seconds + 1)
    wf.tick()
    assert wf.state is State.WELCOME
    qtbot.waitUntil(lambda: _visible(window, "welcome_card_left"), timeout=WAIT_MS)

    wf.start("en")
    wf.choose_case(Case.EXPIRING)
    wf.agree()
    qtbot.waitUntil(lambda: wf.progress[2] == "remove_card", timeout=WAIT_MS)
    illustration = window.current_screen().illustration
    assert illustration.taking                           # the arrow points up, off the reader
    assert wf.session.identity is None

    reader.remove()                                      # taken off, then their own card
    qtbot.waitUntil(lambda: wf.progress[2] != "remove_card", timeout=WAIT_MS)
    reader.present(SimulatedChip(make_specimen_files(FIXED_NOW.date())))
    qtbot.waitUntil(lambda: wf.state is State.ELIGIBILITY, timeout=WAIT_MS)
    assert not illustration.taking
    wf.cancel()
    reader.remove()
    qtbot.waitUntil(lambda: _ticked(wf) and not wf.card_left_on_reader, timeout=WAIT_MS)
    wf.restart()
    assert wf.state is State.WELCOME and not _visible(window, "welcome_card_left")
