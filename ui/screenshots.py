"""`kiosk screenshots`: every screen, in every language, as PNG files.

For each language a demo kiosk (simulated devices, the specimen citizen, a temporary
data folder) is driven through every state and its window grabbed at 1920x1080 to
``<out>/<lang>/<NN>_<state>[_<variant>].png``. The jobs run inline (`SyncJobRunner`);
to show the waits (reading the card, checking the face, the portrait countdown, saving
and printing) a job can be *held*: the screenshot is taken while it "runs", with a
progress value set by hand, and then the job is released and runs for real.

The pictures serve reviewers (does every language fit? any tofu?) and documentation.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QPointF, Qt  # noqa: E402
from PySide6.QtGui import QMouseEvent  # noqa: E402
from PySide6.QtWidgets import QApplication, QPushButton, QWidget  # noqa: E402

from kiosk.workflow.jobs import Job, SyncJobRunner  # noqa: E402

log = logging.getLogger(__name__)

SIZE = (1920, 1080)
FRAME_WAIT_S = 3.0


class HoldingRunner(SyncJobRunner):
    """Runs jobs inline, unless told to hold the next one (to photograph its wait)."""

    def __init__(self) -> None:
        self.hold_next = False
        self.held: Job | None = None

    def start(self, job: Job) -> None:
        if self.hold_next:
            self.hold_next = False
            self.held = job
            job.context._progress = job.progress
            return
        super().start(job)

    def release(self) -> None:
        job, self.held = self.held, None
        if job is not None and not job.context.cancelled:
            super().start(job)


def draw_signature(pad: QWidget) -> None:
    """Sign `pad` with a synthetic, handwriting-like stroke through real mouse events."""
    w, h = pad.width(), pad.height()
    # A prolate cycloid: the pen moves right while circling, which draws the loops of
    # joined-up handwriting; then an underline.
    loops = []
    for i in range(240):
        t = i / 239
        envelope = 0.6 + 0.4 * math.sin(math.pi * t)
        x = w * (0.12 + 0.62 * t) - 0.035 * w * math.sin(2 * math.pi * 6 * t)
        y = h * 0.52 - h * 0.20 * envelope * math.cos(2 * math.pi * 6 * t)
        loops.append(QPointF(x, y))
    underline = [QPointF(w * (0.10 + 0.70 * t), h * (0.80 - 0.06 * t)) for t in (i / 30 for i in range(31))]
    strokes = [loops, underline]
    for stroke in strokes:
        _mouse(pad, QEvent.Type.MouseButtonPress, stroke[0], Qt.MouseButton.LeftButton)
        for point in stroke[1:]:
            _mouse(pad, QEvent.Type.MouseMove, point, Qt.MouseButton.NoButton)
        _mouse(pad, QEvent.Type.MouseButtonRelease, stroke[-1], Qt.MouseButton.LeftButton)


def _mouse(widget: QWidget, kind: QEvent.Type, pos: QPointF, button: Qt.MouseButton) -> None:
    buttons = Qt.MouseButton.NoButton if kind == QEvent.Type.MouseButtonRelease else Qt.MouseButton.LeftButton
    event = QMouseEvent(kind, pos, widget.mapToGlobal(pos), button, buttons, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, event)


Shot = Callable[[str, Any], None]


class Tour:
    """One language's run through every state of a demo kiosk.

    At each interesting moment `on_shot(name, window)` is called (numbered names such as
    ``"07_identify_keypad"``); `render_screenshots` saves the window there, the UI tests
    check the screen instead.
    """

    def __init__(self, lang: str, data_dir: Path, today: dt.date, on_shot: Shot, *, large_text: bool = False) -> None:
        from kiosk.app import build_workflow
        from kiosk.config import demo_config
        from ui.main_window import MainWindow

        cfg = demo_config(data_dir)
        cfg = cfg.model_copy(update={
            "ui": cfg.ui.model_copy(
                update={"fullscreen": False, "width": SIZE[0], "height": SIZE[1], "large_text": large_text}
            ),
            "kiosk": cfg.kiosk.model_copy(update={"default_language": lang}),
        })
        self.cfg = cfg
        self.lang = lang
        self.today = today
        self.on_shot = on_shot
        self.runner = HoldingRunner()
        self.wf = build_workflow(cfg, self.runner, today, frame_interval_s=0.0, portrait_countdown_s=0.0, face_frames=4)
        self.window = MainWindow(self.wf, cfg, fullscreen=False)
        self.window.resize(*SIZE)
        self.window.show()
        self.n = 0
        self.names: list[str] = []

    # -- helpers ---------------------------------------------------------------------------
    def settle(self, seconds: float = 0.05) -> None:
        """Let posted events run: a language change posts layout requests, which post more."""
        deadline = time.monotonic() + seconds
        passes = 0
        while passes < 4 or time.monotonic() < deadline:
            QApplication.sendPostedEvents()
            QApplication.processEvents()
            passes += 1
            time.sleep(0.005)

    def wait_for_frames(self) -> None:
        screen = self.window.current_screen()
        feed = getattr(screen, "feed", None)
        deadline = time.monotonic() + FRAME_WAIT_S
        while feed is not None and feed.frames_shown == 0 and time.monotonic() < deadline:
            self.settle(0.05)
        self.settle(0.1)

    def shot(self, name: str) -> None:
        self.settle()
        self.n += 1
        numbered = f"{self.n:02d}_{name}"
        self.names.append(numbered)
        self.on_shot(numbered, self.window)

    def click(self, name: str) -> None:
        button = self.window.findChild(QPushButton, name)
        if button is None or not button.isVisible():
            raise LookupError(f"no visible button {name!r} on {self.wf.state}")
        button.click()
        self.settle()

    def hold(self, action: Callable[[], Any]) -> Job:
        self.runner.hold_next = True
        action()
        job = self.runner.held
        assert job is not None, "the action started no job"
        self.settle()
        return job

    def progress(self, job: Job, done: int, total: int, note: str = "") -> None:
        job.progress(done, total, note)
        self.settle()

    def chip(self, day: dt.date) -> None:
        from hardware.simulated.card import SimulatedChip
        from kiosk.documents.specimen import make_specimen_files

        reader = self.wf.services.card_reader
        reader.remove()
        reader.present(SimulatedChip(make_specimen_files(day, self.cfg.document.country)))

    def restart(self) -> None:
        """Back to the welcome screen with a fresh session."""
        from kiosk.workflow.states import State

        if self.wf.state in (State.RECEIPT, State.HANDOVER, State.DEVICE_ERROR):
            self.wf.finish()
        elif self.wf.state not in (State.WELCOME, State.GOODBYE, State.OUT_OF_SERVICE):
            self.wf.cancel()
        if self.wf.state is State.GOODBYE:
            self.wf.restart()
        self.settle()

    def close(self) -> None:
        self.window.request_quit(quit_app=False)
        self.wf.services.close()
        store = getattr(self.wf.services, "store", None)
        if store is not None and hasattr(store, "close"):
            store.close()
        self.window.deleteLater()
        self.settle()

    # -- the tour ----------------------------------------------------------------------------
    def run(self) -> list[str]:
        from hardware.printer import PrinterStatus
        from kiosk.biometrics.interfaces import FaceDecision
        from kiosk.documents.errors import UnsupportedCard
        from kiosk.documents.specimen import specimen_identity_fields
        from kiosk.domain.cases import Case

        wf, lang = self.wf, self.lang
        number = specimen_identity_fields(self.today, self.cfg.document.country)["id_number"]

        self.shot("welcome")
        wf.start(lang)
        self.shot("case")

        # Identify by chip: waiting, reading, then read.
        job = self.hold(lambda: wf.choose_case(Case.EXPIRING))
        self.shot("identify_waiting_for_card")
        self.progress(job, 7_400, 18_900)
        self.shot("identify_reading")
        self.runner.release()
        self.shot("eligibility")

        # Who is this / is it me: back to the start for the other cases.
        self.restart()
        wf.start(lang)
        job = self.hold(lambda: wf.choose_case(Case.DAMAGED))
        job.failed(UnsupportedCard("not an ID chip"))
        self.shot("identify_card_problem")
        self.click("identify_use_keypad")
        for c in number[:9]:
            self.window.findChild(QWidget, "id_keypad").press(c)
        self.shot("identify_keypad")
        keypad = self.window.findChild(QWidget, "id_keypad")
        keypad.clear()
        for c in number[:-1] + ("1" if number[-1] != "1" else "2"):
            keypad.press(c)
        self.click("identify_continue")
        self.shot("identify_invalid_number")

        # Not eligible: a card that expires far in the future.
        self.restart()
        self.chip(self.today + dt.timedelta(days=355))
        wf.start(lang)
        wf.choose_case(Case.EXPIRING)
        self.shot("eligibility_not_eligible")
        self.restart()
        self.chip(self.today)

        # The full renewal with every wait.
        wf.start(lang)
        wf.choose_case(Case.EXPIRING)
        job = self.hold(wf.proceed)
        self.progress(job, 2, 5)
        self.wait_for_frames()
        self.shot("face_check")
        job.done(FaceDecision(match=False, distance=math.nan, threshold=math.nan, method="screenshot",
                              problem="face_no_match"))
        self.wait_for_frames()
        self.shot("face_check_problem")
        job = self.hold(wf.retry_face)
        self.runner.hold_next = True  # the portrait capture starts right after the match
        self.runner.release()
        job = self.runner.held
        assert job is not None
        self.progress(job, 1, 3, "countdown")
        self.wait_for_frames()
        self.shot("portrait_countdown")
        self.runner.release()
        self.shot("portrait_choose")
        self.click("portrait_studio_code")
        for c in "20261121":
            self.window.findChild(QWidget, "studio_code_keypad").press(c)
        self.shot("portrait_studio_code")
        self.click("studio_code_back")
        self.click("portrait_use_0")

        phone = "13800138000" if self.cfg.document.country == "CHN" else "0912345678"
        for c in phone:
            self.window.findChild(QWidget, "phone_keypad").press(c)
        self.click("pickup_post")
        self.shot("contact")
        self.click("contact_continue")
        address = self.window.findChild(QWidget, "address_keypad")
        address.setText("12 CHANG AN AVENUE, DONGCHENG, BEIJING 100010")
        self.shot("contact_address")
        self.click("contact_continue")

        screen = self.window.current_screen()
        screen.consent.check.setChecked(True)
        draw_signature(screen.pad)
        self.shot("review")
        self.window.ask_cancel()
        self.shot("review_cancel_confirm")
        self.click("confirm_no")

        wf.advance_clock_for_tests(self.cfg.session.idle_warning_seconds + 2)
        wf.tick()
        self.shot("idle_countdown")
        wf.stay()

        job = self.hold(lambda: self.click("review_submit"))
        self.progress(job, 2, 3, "printing")
        self.shot("submit")
        self.runner.release()
        self.shot("receipt")
        self.click("receipt_finish")
        self.shot("goodbye")

        # The receipt when the printer has no paper.
        wf.restart()
        self.settle()
        wf.services.printer.set_status(PrinterStatus.PAPER_OUT)
        wf.start(lang)
        wf.choose_case(Case.LOST)
        wf.submit_id_number(number)
        wf.proceed()
        wf.choose_portrait(0)
        wf.set_contact(phone, "station")
        screen = self.window.current_screen()
        screen.consent.check.setChecked(True)
        draw_signature(screen.pad)
        self.click("review_submit")
        self.shot("receipt_print_failed")
        wf.services.printer.set_status(None)
        self.restart()

        # Hand-over: the card is pulled off the reader during every read.
        from hardware.simulated.card import SimulatedChip
        from kiosk.documents.specimen import make_specimen_files

        reader = wf.services.card_reader
        reader.remove()
        reader.present(SimulatedChip(make_specimen_files(self.today, self.cfg.document.country), pull_after_apdus=3))
        wf.start(lang)
        wf.choose_case(Case.EXPIRING)
        self.shot("handover")
        self.restart()
        self.chip(self.today)

        # Device error: the camera vanishes.
        wf.start(lang)
        wf.choose_case(Case.EXPIRING)
        wf.services.camera.vanish()
        wf.proceed()
        self.shot("device_error")
        wf.services.camera.restore()
        self.restart()

        wf.set_out_of_service("printer: paper out (sensor 2)")
        self.shot("out_of_service")
        wf.back_in_service()

        # Large text, switched on at the welcome screen: the case screen with the bigger theme.
        if not self.cfg.ui.large_text:
            self.window.screens[wf.state].large_text.setChecked(True)
            self.settle(0.1)
            wf.start(lang, large_text=True)
            self.shot("case_large_text")
            self.restart()
        return self.names


def render_screenshots(out_dir: Path, langs: list[str]) -> list[Path]:
    """Render every screen in each of `langs` ("zh_CN", "en", "vi"); returns the files."""
    from kiosk.config import demo_config
    from ui.app import prepare_application

    out_dir = Path(out_dir)
    written: list[Path] = []
    today = dt.date.today()
    with tempfile.TemporaryDirectory(prefix="kiosk-shots-") as tmp:
        app = prepare_application(demo_config(Path(tmp) / "probe"))
        for lang in langs:
            folder = out_dir / lang
            folder.mkdir(parents=True, exist_ok=True)

            def save(name: str, window: Any, folder: Path = folder) -> None:
                path = folder / f"{name}.png"
                if not window.grab().save(str(path)):
                    raise OSError(f"could not write {path}")
                written.append(path)

            tour = Tour(lang, Path(tmp) / lang, today, save)
            try:
                tour.run()
            finally:
                tour.close()
        app.processEvents()
    return written
