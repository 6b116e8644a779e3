"""A whole renewal through the real window, by tapping its buttons, for every case.

The reference is `tests/unit/workflow/test_renewal_headless.py`; here the same journey
goes through MainWindow, the screens and the Qt job runner (jobs on worker threads,
results back through queued signals), so it proves the screens expose every step.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget

from launcher.services import build_services
from kiosk.domain.cases import Case
from kiosk.workflow.machine import Workflow
from kiosk.workflow.states import Outcome, State
from tests.conftest import FIXED_NOW
from tests.ui.kiosk_driver import WAIT_MS, KioskDriver as Kiosk, running_kiosk
from ui import messages
from ui.main_window import MainWindow
from ui.screens.base import PictureLabel
from launcher.screenshots import draw_signature

pytestmark = pytest.mark.ui


@pytest.fixture
def kiosk(qtbot, demo_cfg, session_tmp, kiosk_theme, language) -> Iterator[Kiosk]:
    cfg = demo_cfg.model_copy(
        update={"ui": demo_cfg.ui.model_copy(update={"fullscreen": False, "width": 1920, "height": 1080})}
    )
    with running_kiosk(qtbot, cfg) as (window, workflow):
        yield Kiosk(window, workflow, qtbot, cfg)


@pytest.mark.parametrize("case", [Case.EXPIRING, Case.DAMAGED, Case.LOST])
def test_full_renewal_by_tapping(kiosk: Kiosk, demo_cfg, session_tmp, case: Case) -> None:
    from kiosk.demo.specimen import specimen_identity_fields

    wf = kiosk.workflow
    number = specimen_identity_fields(FIXED_NOW.date())["id_number"]

    kiosk.tap("start_en")
    kiosk.wait_for(State.CASE)
    assert wf.session.language == "en"
    kiosk.tap(f"case_{case.value}")
    kiosk.give_consent()
    kiosk.wait_for(State.IDENTIFY)
    if case is Case.LOST:
        kiosk.type_on("id_keypad", number)
        kiosk.tap("identify_continue")
    kiosk.wait_for(State.ELIGIBILITY)     # the chip read on a worker thread, or the number looked up and the face matched
    assert kiosk.find("eligibility_id_number").text() == number[:3] + "*" * 11 + number[-4:]

    kiosk.tap("eligibility_continue")
    kiosk.wait_for(State.PORTRAIT)        # face check passed (demo stand-in), now or before "Is this you?"
    kiosk.tap("portrait_use_0")           # waits until the candidates are shown
    kiosk.wait_for(State.CONTACT)

    kiosk.type_on("phone_keypad", "13800138000")
    kiosk.tap("pickup_station")
    kiosk.tap("contact_continue")
    kiosk.pass_phone_check()
    kiosk.wait_for(State.REVIEW)
    assert kiosk.find("review_phone").text() == "138 0013 8000"

    draw_signature(kiosk.find("review_signature"))
    kiosk.tap("review_submit")
    kiosk.pay()
    kiosk.wait_for(State.RECEIPT)
    assert wf.session.problem is None, wf.session.problem
    assert kiosk.find("receipt_number").text() == wf.session.application_number

    # The queue row is committed with what was tapped and typed.
    stored = wf.services.store.get(wf.session.application_id)
    assert stored.case is case and stored.id_number == number
    assert stored.phone == "13800138000" and stored.pickup_method == "station"
    assert stored.signature_png.startswith(b"\x89PNG")
    with sqlite3.connect(demo_cfg.database_path) as db:
        assert db.execute("select count(*) from applications").fetchone()[0] == 1
    printed = list(demo_cfg.printer_output_dir.glob("*.pdf"))
    assert len(printed) == 1 and printed[0].read_bytes().startswith(b"%PDF")

    kiosk.tap("receipt_finish")
    kiosk.wait_for(State.GOODBYE)
    assert wf.last_outcome is Outcome.COMPLETED
    assert wf.session.is_wiped()
    assert list(session_tmp.iterdir()) == []
    # Nothing personal stays in the hidden screens either.
    assert kiosk.find("receipt_number").text() == ""
    assert kiosk.find("review_signature").is_empty()
    assert kiosk.find("phone_keypad").text() == ""


def _shown_about(window: MainWindow, holder) -> list[str]:
    """What the window (every screen, hidden ones too) shows about `holder`: their name,
    ID number, dates or any picture. The ID keypad is left out: it shows what the
    citizen typed."""
    secrets = {
        "name": holder.display_name, "surname": holder.surname, "given names": holder.given_names,
        "local name": holder.name_local, "ID number": holder.id_number,
        "masked ID number": messages.mask_id_number(holder.id_number),
        "expiry": messages.format_date(holder.card_expiry), "birth date": holder.birth_date.isoformat(),
        "document number": holder.document_number,
    }
    keypad = window.findChild(QWidget, "id_keypad")
    found = []
    for widget in window.findChildren(QWidget):
        if keypad is not None and (widget is keypad or keypad.isAncestorOf(widget)):
            continue
        text = widget.text() if isinstance(widget, (QLabel, QAbstractButton)) else ""
        found += [f"{widget.objectName() or type(widget).__name__} shows the {what}"
                  for what, secret in secrets.items() if secret and secret in text]
        if isinstance(widget, PictureLabel) and widget.has_image():
            found.append(f"{widget.objectName() or 'a picture'} shows a picture")
    return found


def _watch_until_face_matched(kiosk: Kiosk, holder) -> tuple[list[str], list[State]]:
    """At every workflow event (after the window has redrawn), until the face matched:
    what the window shows about `holder`, and the states passed."""
    leaks: list[str] = []
    states: list[State] = []

    def seen(event: str, wf: Workflow) -> None:
        if event == "state":
            states.append(wf.state)
        decision = wf.session.face_decision
        if decision is None or not decision.match:
            leaks.extend(f"{event} in {wf.state}: {leak}" for leak in _shown_about(kiosk.window, holder))

    kiosk.workflow.subscribe(seen)
    return leaks, states


def test_a_typed_number_shows_its_holder_only_after_the_face_matched(kiosk: Kiosk) -> None:
    from kiosk.demo.specimen import specimen_identity_fields

    wf = kiosk.workflow
    number = specimen_identity_fields(FIXED_NOW.date())["id_number"]
    holder = wf.services.registry.lookup(number)
    kiosk.tap("start_en")
    kiosk.tap("case_lost")
    kiosk.give_consent()
    kiosk.wait_for(State.IDENTIFY)
    kiosk.type_on("id_keypad", number)
    leaks, states = _watch_until_face_matched(kiosk, holder)
    kiosk.tap("identify_continue")
    kiosk.wait_for(State.ELIGIBILITY)

    assert leaks == []
    assert states[:2] == [State.FACE_CHECK, State.ELIGIBILITY]   # the face check came first
    # Matched: now "Is this you?" with the citizen's own record.
    assert kiosk.find("eligibility_heading").text() == "Is this you?"
    assert kiosk.find("eligibility_name").text() == holder.display_name
    assert kiosk.find("eligibility_photo").has_image()
    assert kiosk.find("eligibility_id_number").text() == messages.mask_id_number(number)
    assert kiosk.find("eligibility_card_expiry").text() == holder.card_expiry.isoformat()
    assert kiosk.find("header_steps").current() == 3          # still the face step: never backwards
    kiosk.tap("eligibility_continue")
    kiosk.wait_for(State.PORTRAIT)                            # no second face check


def test_a_face_that_never_matches_a_typed_number_is_shown_nothing(kiosk: Kiosk, demo_cfg) -> None:
    """Failed tries, a changed number and the hand-over: no screen names the holder."""
    from kiosk.biometrics.interfaces import FaceDecision, FaceVerifier
    from kiosk.demo.specimen import specimen_identity_fields

    class NeverMatches(FaceVerifier):
        def verify(self, reference_jpeg, live_frames, liveness="not_checked"):
            return FaceDecision(False, 0.9, 0.5, "test", liveness, "face_no_match")

    wf = kiosk.workflow
    wf.services.face_verifier = NeverMatches()
    number = specimen_identity_fields(FIXED_NOW.date())["id_number"]
    holder = wf.services.registry.lookup(number)
    kiosk.tap("start_en")
    kiosk.tap("case_lost")
    kiosk.give_consent()
    kiosk.wait_for(State.IDENTIFY)
    leaks, states = _watch_until_face_matched(kiosk, holder)
    kiosk.type_on("id_keypad", number)
    kiosk.tap("identify_continue")
    kiosk.qtbot.waitUntil(lambda: wf.state is not State.IDENTIFY, timeout=WAIT_MS)
    assert leaks == [] and wf.state is State.FACE_CHECK
    kiosk.qtbot.waitUntil(kiosk.find("face_retry").isVisible, timeout=WAIT_MS)   # the first try failed
    kiosk.tap("face_change_number")               # "maybe I mistyped it"
    kiosk.wait_for(State.IDENTIFY)
    kiosk.type_on("id_keypad", number)
    kiosk.tap("identify_continue")
    while wf.state is not State.HANDOVER:
        kiosk.qtbot.waitUntil(lambda: wf.state is State.HANDOVER or kiosk.find("face_retry").isVisible(),
                              timeout=WAIT_MS)
        if wf.state is State.FACE_CHECK:
            assert kiosk.find("face_change_number").isVisible()
            kiosk.tap("face_retry")
    assert wf.session.face_attempts == demo_cfg.session.face_attempts
    assert State.ELIGIBILITY not in states
    assert leaks == []
    assert kiosk.find("handover_reason").text()   # says why, naming nobody (checked above)
    kiosk.tap("handover_finish")
    kiosk.wait_for(State.GOODBYE)
    assert wf.session.is_wiped()


def test_cancel_asks_first_and_then_wipes(kiosk: Kiosk, session_tmp) -> None:
    wf = kiosk.workflow
    kiosk.tap("start_en")
    kiosk.tap("case_expiring")
    kiosk.give_consent()
    kiosk.wait_for(State.ELIGIBILITY)
    kiosk.tap("header_cancel")
    kiosk.tap("confirm_no")
    assert wf.state is State.ELIGIBILITY and wf.session.identity is not None
    kiosk.tap("header_cancel")
    kiosk.tap("confirm_yes")
    kiosk.wait_for(State.GOODBYE)
    assert wf.last_outcome is Outcome.CANCELLED
    assert wf.session.is_wiped() and list(session_tmp.iterdir()) == []


def test_language_switch_in_the_header_retranslates(kiosk: Kiosk) -> None:
    kiosk.tap("start_en")
    kiosk.wait_for(State.CASE)
    heading = kiosk.find("case_heading")
    english = heading.text()
    kiosk.tap("language_vi")
    assert kiosk.workflow.session.language == "vi"
    assert kiosk.window.language == "vi"
    kiosk.qtbot.waitUntil(lambda: heading.text() != english, timeout=WAIT_MS)  # LanguageChange is posted
    assert heading.text() == "Ông/Bà cần làm thủ tục gì hôm nay?"
    kiosk.tap("language_en")
    kiosk.qtbot.waitUntil(lambda: heading.text() == english, timeout=WAIT_MS)


def test_idle_countdown_overlay_and_more_time(kiosk: Kiosk, demo_cfg) -> None:
    wf = kiosk.workflow
    kiosk.tap("start_en")
    kiosk.wait_for(State.CASE)
    overlay = kiosk.window.idle_overlay
    assert not overlay.isVisible()
    wf.services.monotonic.advance(demo_cfg.session.idle_warning_seconds + 1)
    kiosk.qtbot.waitUntil(overlay.isVisible, timeout=WAIT_MS)   # the window's 1 Hz tick
    assert overlay.seconds_left() == wf.idle_seconds_left
    kiosk.qtbot.mouseClick(overlay.stay_button, Qt.MouseButton.LeftButton)
    assert wf.idle_seconds_left is None and not overlay.isVisible()
    assert wf.state is State.CASE


def test_escape_and_close_do_not_leave_full_screen_kiosk(qtbot, demo_cfg, kiosk_theme, language) -> None:
    from kiosk.workflow.jobs import SyncJobRunner

    services = build_services(demo_cfg, today=FIXED_NOW.date())
    try:
        wf = Workflow(services, SyncJobRunner())
        window = MainWindow(wf, demo_cfg, fullscreen=True)
        qtbot.addWidget(window)
        window.show_kiosk()
        # It stays on the welcome screen: every later screen has the header, wider than the
        # offscreen platform's 800 px screen, and a window that grows leaves full screen.

        def assert_still_the_kiosk(after: str) -> None:
            assert window.isVisible(), f"{after} hid the window"
            assert wf.state is State.WELCOME and not wf.session.session_id, f"{after} moved the workflow to {wf.state}"
            assert window.isFullScreen(), f"{after} left full screen (state {window.windowState()})"

        assert_still_the_kiosk("showing the kiosk")
        qtbot.keyClick(window, Qt.Key.Key_Escape)
        assert_still_the_kiosk("Escape")
        qtbot.keyClick(window, Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier)
        assert_still_the_kiosk("Alt+F4")
        # Without a window manager (offscreen, bare X) nothing turns Alt+F4 into a close
        # request, so the request a window manager would send is sent directly.
        close_request = QCloseEvent()
        QApplication.sendEvent(window, close_request)
        assert not close_request.isAccepted(), "a close request was accepted"
        assert_still_the_kiosk("a close request")
        assert not window.close()          # a close request is refused
        assert_still_the_kiosk("close()")
        window.request_quit(quit_app=False)
        assert not window.isVisible()
    finally:
        services.close()
        services.store.close()
