"""Drives the real MainWindow the way a citizen's finger would, for the end-to-end UI tests."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QPushButton, QWidget

from kiosk.demo.phone import DEMO_PHONE_CODE
from kiosk.workflow.clock import ManualClock
from kiosk.workflow.machine import Workflow
from kiosk.workflow.states import State
from tests.conftest import FIXED_NOW
from ui.main_window import MainWindow
from ui.qt_jobs import QtJobRunner

WAIT_MS = 30_000  # a ceiling for slow CI machines, not a performance threshold


@contextmanager
def running_kiosk(qtbot, cfg: Any, *, check_services: Callable[[Any], None] | None = None,
                  before_window: Callable[[Workflow], dict[str, Any] | None] | None = None,
                  ) -> Iterator[tuple[MainWindow, Workflow]]:
    """The demo kiosk's real window and workflow at FIXED_NOW, 1920x1080, with the clocks
    under the test's hand and no pauses between frames; everything closed afterwards.

    `check_services` looks at the services before the workflow is built (which office
    client, say); `before_window` subscribes to the workflow first and may return
    MainWindow keyword arguments (a voice guide)."""
    from launcher.services import build_services

    runner = QtJobRunner()
    services = build_services(cfg, today=FIXED_NOW.date())
    if check_services is not None:
        check_services(services)
    services.clock = lambda: FIXED_NOW
    services.monotonic = ManualClock()
    workflow = Workflow(services, runner, frame_interval_s=0.0, portrait_countdown_s=0.0, face_frames=4)
    extra = (before_window(workflow) if before_window is not None else None) or {}
    window = MainWindow(workflow, cfg, fullscreen=False, **extra)
    qtbot.addWidget(window)
    window.resize(1920, 1080)
    window.show()
    try:
        yield window, workflow
    finally:
        window.close()
        runner.shutdown()
        services.close()
        services.store.close()


class KioskDriver:
    def __init__(self, window: MainWindow, workflow: Workflow, qtbot, cfg: object = None) -> None:
        self.window, self.workflow, self.qtbot, self.cfg = window, workflow, qtbot, cfg

    def find(self, name: str, kind: type = QWidget) -> QWidget:
        widget = self.window.findChild(kind, name)
        assert widget is not None, f"no widget named {name!r} on {self.workflow.state}"
        return widget

    def tap(self, name: str) -> None:
        """Wait until the named button can be tapped, then tap it like a finger would."""
        button: QAbstractButton = self.find(name, QAbstractButton)  # type: ignore[assignment]
        self.qtbot.waitUntil(lambda: button.isVisible() and button.isEnabled(), timeout=WAIT_MS)
        self.qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    def type_on(self, keypad_name: str, text: str) -> None:
        keypad = self.find(keypad_name)
        self.qtbot.waitUntil(keypad.isVisible, timeout=WAIT_MS)
        keys = {b.text(): b for b in keypad.findChildren(QPushButton) if len(b.text()) == 1}
        for char in text:
            self.qtbot.mouseClick(keys[char], Qt.MouseButton.LeftButton)

    def delete_all(self, keypad_name: str) -> None:
        keypad = self.find(keypad_name)
        while keypad.text():
            self.qtbot.mouseClick(keypad.delete_key, Qt.MouseButton.LeftButton)

    def give_consent(self) -> None:
        """Agree on the consent screen, which every journey passes after the case is
        chosen and before anything is read or filmed (issue 15)."""
        self.wait_for(State.CONSENT)
        self.tap("consent_agree")

    def chip_renewal_to_portrait(self, lang: str = "en") -> None:
        """An expiring card's renewal from the welcome screen to the portrait step: agreed,
        the (demo or test) chip read, "Continue"."""
        self.tap(f"start_{lang}")
        self.tap("case_expiring")
        self.give_consent()
        self.wait_for(State.ELIGIBILITY)
        self.tap("eligibility_continue")
        self.wait_for(State.PORTRAIT)

    def chip_renewal_to_contact(self, lang: str = "en") -> None:
        """The same renewal on to the contact step, with the first portrait."""
        self.chip_renewal_to_portrait(lang)
        self.tap("portrait_use_0")
        self.wait_for(State.CONTACT)

    def give_contact(self, phone: str = "13800138000") -> None:
        """At the contact step: the mobile number, collection at the station, "Continue"."""
        self.wait_for(State.CONTACT)
        self.type_on("phone_keypad", phone)
        self.tap("pickup_station")
        self.tap("contact_continue")

    def wait_for(self, state: State) -> None:
        self.qtbot.waitUntil(lambda: self.workflow.state is state, timeout=WAIT_MS)

    def pass_phone_check(self, code: str | Callable[[], str] = DEMO_PHONE_CODE) -> None:
        """Past the phone check the contact step leads to (issue 16): wait for the code to
        be sent, type it and confirm. `code`: the demo office's public one by default, or
        a callable asked once the code was sent (the reference office's outbox)."""
        self.wait_for(State.PHONE_CHECK)
        wf = self.workflow
        self.qtbot.waitUntil(lambda: wf.may_answer_code and not wf.busy, timeout=WAIT_MS)
        self.type_on("phone_code_keypad", code() if callable(code) else code)
        self.tap("phone_check_confirm")
    def pay(self, office: Any = None) -> None:
        """Pass the payment step after "Submit" (issue 16). With the reference office
        (`office`), its order is paid as the citizen's payment app would pay it; the demo's
        stand-in pays its own orders, and a waived fee never shows the step. Returns once
        the kiosk has left the step (saving, or further)."""
        wf = self.workflow
        self.qtbot.waitUntil(lambda: wf.state is not State.REVIEW, timeout=WAIT_MS)
        if wf.state is State.PAYMENT and office is not None:
            self.qtbot.waitUntil(lambda: wf.state is not State.PAYMENT or wf.session.payment_order is not None,
                                 timeout=WAIT_MS)
            if wf.state is State.PAYMENT:
                office.payments.pay(wf.session.payment_order.order_id)
        self.qtbot.waitUntil(lambda: wf.state is not State.PAYMENT, timeout=WAIT_MS)
