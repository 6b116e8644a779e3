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
from kiosk.workflow.states import State  # noqa: E402

log = logging.getLogger(__name__)

SIZE = (1920, 1080)
FRAME_WAIT_S = 3.0
ANALYSIS_WAIT_S = 20.0   # the live analyzer loads its models on first use


class HoldingRunner(SyncJobRunner):
    """Runs jobs inline, unless told to hold the next one (to photograph its wait): any
    next job (`hold_next = True`) or the next of one name (`hold_next = "face_check"`),
    running the ones before it."""

    def __init__(self) -> None:
        self.hold_next: bool | str = False
        self.held: Job | None = None

    def start(self, job: Job) -> None:
        if self.hold_next is True or self.hold_next == job.name:
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


def _card_qr() -> Any:
    """The front of a fictitious Vietnamese card's QR code as the camera sees it held up."""
    import io

    import cv2
    import numpy as np
    import segno

    text = ("001199012345|123456789|Nguyễn Thị Hồng Nhung|15031999|Nữ|"
            "Số 12 Phố Hàng Bạc, Phường Hàng Bạc, Quận Hoàn Kiếm, Hà Nội|01072021")
    buf = io.BytesIO()
    segno.make_qr(text, error="m").save(buf, kind="png", scale=8, border=4)
    qr = cv2.imdecode(np.frombuffer(buf.getvalue(), np.uint8), cv2.IMREAD_COLOR)
    card = np.full((qr.shape[0] + 160, qr.shape[1] + 560, 3), (232, 222, 206), np.uint8)   # the card's tint
    card[80:-80, 280:-280] = qr      # centred: the mirror shows it inside the frame
    return card


# A fictitious e-ID app's verification code (issue 16): the kiosk passes it to the office unread.
EID_DEMO_CODE = "VNEID:demo-4f7Qk2Zt9wXc1Lr8Hs5Bn3Vd"


def _eid_qr() -> Any:
    """A phone showing an e-ID app's verification QR code, as the camera sees it held up."""
    import io

    import cv2
    import numpy as np
    import segno

    buf = io.BytesIO()
    segno.make_qr(EID_DEMO_CODE, error="m").save(buf, kind="png", scale=10, border=4)
    qr = cv2.imdecode(np.frombuffer(buf.getvalue(), np.uint8), cv2.IMREAD_COLOR)
    phone = np.full((qr.shape[0] + 240, qr.shape[1] + 480, 3), (40, 40, 40), np.uint8)   # the phone's frame
    phone[120:-120, 240:-240] = qr
    return phone


def _receipt_barcode(code: str) -> Any:
    """A studio's photo receipt as the camera sees it held up: a Code 128 barcode on
    white paper (drawn with zxing-cpp's writer)."""
    import cv2
    import numpy as np
    import zxingcpp

    bars = np.asarray(zxingcpp.create_barcode(code, zxingcpp.BarcodeFormat.Code128).to_image(scale=4))
    bars = cv2.resize(bars, (bars.shape[1], 160), interpolation=cv2.INTER_NEAREST)
    paper = np.full((bars.shape[0] + 240, bars.shape[1] + 240), 250, np.uint8)
    paper[120:-120, 120:-120] = bars
    return cv2.cvtColor(paper, cv2.COLOR_GRAY2BGR)


class FixedAnalyzer:
    """Stands in for the live analyzer with one analysis, for the overlays the demo's
    configuration never reaches (liveness off, portrait stand-in): each `latest()` is
    the same analysis under a new sequence number, as if it had just been made."""

    def __init__(self, analysis: Any) -> None:
        self.analysis = analysis
        self.mode = analysis.mode
        self._sequence = analysis.sequence

    def latest(self) -> Any:
        import dataclasses

        self._sequence += 1
        return dataclasses.replace(self.analysis, sequence=self._sequence)

    def stop(self, timeout: float = 0.0) -> None:
        pass


class Tour:
    """One language's run through every state of a demo kiosk.

    At each interesting moment `on_shot(name, window)` is called (numbered names such as
    ``"07_identify_keypad"``); `render_screenshots` saves the window there, the UI tests
    check the screen instead.
    """

    def __init__(
        self, lang: str, data_dir: Path, today: dt.date, on_shot: Shot, *, large_text: bool = False,
        high_contrast: bool = False, technician: bool = True, country: str | None = None,
    ) -> None:
        from kiosk.demo.config import demo_config
        from kiosk.workflow.clock import ManualClock
        from kiosk.workflow.machine import Workflow
        from launcher.services import build_services
        from ui.main_window import MainWindow

        cfg = demo_config(data_dir)
        cfg = cfg.model_copy(update={
            "ui": cfg.ui.model_copy(
                update={"fullscreen": False, "width": SIZE[0], "height": SIZE[1], "large_text": large_text,
                        "high_contrast": high_contrast}
            ),
            "kiosk": cfg.kiosk.model_copy(update={"default_language": lang}),
            "document": cfg.document.model_copy(update={"country": country or cfg.document.country}),
            # A folder stands in for the USB stick, and the host's own sticks stay out of the pictures.
            "export": cfg.export.model_copy(update={"usb_folders": (data_dir / "USB-STICK",), "usb_mount_roots": ()}),
        })
        self.cfg = cfg
        self.technician = technician   # the maintenance screens too
        self.lang = lang
        self.today = today
        self.on_shot = on_shot
        self.runner = HoldingRunner()
        services = build_services(cfg, today)
        services.monotonic = self.clock = ManualClock()   # the tour says when time passes
        self.wf = Workflow(services, self.runner, frame_interval_s=0.0, portrait_countdown_s=0.0, face_frames=4)
        self.maintenance, self.wall = self._maintenance(cfg)
        self.window = MainWindow(self.wf, cfg, fullscreen=False, maintenance=self.maintenance)
        self.window.resize(*SIZE)
        self.window.show()
        self.n = 0
        self.names: list[str] = []

    def _maintenance(self, cfg: Any) -> tuple[Any, Any]:
        """Maintenance mode on the tour's clocks (the lockout's wall clock stands still, so
        the locked pad always says the same time)."""
        from kiosk.workflow.clock import ManualClock
        from launcher.maintenance import build_maintenance
        from launcher.services import build_operations

        self.control = build_operations(cfg, self.wf, lambda fn: fn())
        wall = ManualClock(1_800_000_000.0)
        mode = build_maintenance(cfg, self.wf, self.runner, control=self.control, restart=lambda: None,
                                 qt_version="6", monotonic=self.clock, wall_clock=wall)
        return mode, wall

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

    def hold(self, action: Callable[[], Any], name: str | None = None) -> Job:
        """Do `action` and hold the job it starts (the first, or the first called `name`)."""
        self.runner.hold_next = name or True
        action()
        job = self.runner.held
        assert job is not None, "the action started no job"
        if self.wf.state in (State.FACE_CHECK, State.PORTRAIT):
            self.wf.wait_camera_closed()     # as the held job's opener would
            self.wf.services.camera.open()   # the held job's first step: the mirror shows
        self.settle()
        return job

    def progress(self, job: Job, done: int, total: int, note: str = "") -> None:
        job.progress(done, total, note)
        self.settle()

    def type_keys(self, keypad_name: str, text: str) -> None:
        keypad = self.window.findChild(QWidget, keypad_name)
        if keypad is None or not keypad.isVisible():
            raise LookupError(f"no visible keypad {keypad_name!r} on {self.wf.state}")
        for c in text:
            keypad.press(c)
        self.settle()

    def wait_for_analysis(self) -> None:
        """Until the live analyzer has published an analysis of a camera frame (its models
        load on first use), then one preview tick to draw it."""
        deadline = time.monotonic() + ANALYSIS_WAIT_S
        while time.monotonic() < deadline:
            analyzer = self.wf.analyzer
            latest = analyzer.latest() if analyzer is not None else None
            if analyzer is None or (latest is not None and latest.camera_ok):
                break
            self.settle(0.05)
        self.settle(0.15)

    def show_analysis(self, **fields: Any) -> Any:
        """Put a `FixedAnalyzer` with these `LiveAnalysis` fields in the workflow's place;
        the face box and frame size are the real analyzer's last ones when it has them.
        Returns the analyzer it replaced (give it back with `restore_analyzer`)."""
        from kiosk.biometrics.live_analyzer import LiveAnalysis

        real = self.wf.analyzer
        seen = real.latest() if real is not None else None
        frame_size = seen.frame_size if seen is not None and seen.camera_ok else (1280, 720)
        box = seen.face_box if seen is not None and seen.face_box is not None else (
            frame_size[0] * 0.4, frame_size[1] * 0.2, frame_size[0] * 0.2, frame_size[1] * 0.4)
        values = {"sequence": 1, "timestamp": time.monotonic(), "camera_ok": True,
                  "frame_size": frame_size, "face_box": box, "face_count": 1, **fields}
        self.wf.analyzer = FixedAnalyzer(LiveAnalysis(**values))
        self.settle(0.15)
        return real

    def restore_analyzer(self, real: Any) -> None:
        self.wf.analyzer = real
        self.settle()

    def chip(self, day: dt.date) -> None:
        from hardware.card_reader.simulated import SimulatedChip
        from kiosk.demo.specimen import make_specimen_files

        reader = self.wf.services.card_reader
        reader.remove()
        reader.present(SimulatedChip(make_specimen_files(day, self.cfg.document.country)))

    def take_card(self) -> None:
        """The citizen takes their card off the reader; the kiosk's tick notices."""
        self.wf.services.card_reader.remove()
        self.wf.tick()
        self.settle()

    def restart(self) -> None:
        """Back to the welcome screen with a fresh session; the last citizen took their
        card and the next one has placed the specimen card."""
        from kiosk.workflow.states import State

        if self.wf.state in (State.RECEIPT, State.HANDOVER, State.DEVICE_ERROR):
            self.wf.finish()
        elif self.wf.state not in (State.WELCOME, State.GOODBYE, State.OUT_OF_SERVICE):
            self.wf.cancel()
        if self.wf.state is State.GOODBYE:
            self.wf.restart()
        self.take_card()
        self.chip(self.today)

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
        from kiosk.biometrics.liveness import LivenessState
        from kiosk.documents.errors import AccessKeyRequired, UnsupportedCard, WrongAccessKey
        from kiosk.demo.specimen import specimen_identity_fields, specimen_mrz
        from kiosk.domain.cases import Case
        from kiosk.domain.country_rules import mobile_format
        from kiosk.demo.phone import DEMO_PHONE_CODE
        from kiosk.domain.mrz import parse_mrz
        from kiosk.workflow.states import State

        wf, lang = self.wf, self.lang
        number = specimen_identity_fields(self.today, self.cfg.document.country)["id_number"]

        self.shot("welcome")
        wf.start(lang)
        self.shot("case")

        # The consent, before anything is read or filmed; then identify by chip: waiting,
        # reading, then read.
        wf.choose_case(Case.EXPIRING)
        self.shot("consent")
        job = self.hold(lambda: self.click("consent_agree"))
        self.shot("identify_waiting_for_card")
        self.progress(job, 12_600, 18_432, "bytes")   # the core counts bytes: 12 KB of 18 KB
        self.shot("identify_reading")
        self.runner.release()
        self.shot("eligibility")

        # Who is this / is it me: back to the start for the other cases.
        self.restart()
        wf.start(lang)
        wf.choose_case(Case.DAMAGED)
        job = self.hold(wf.agree)
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

        # A Vietnamese card's QR code shown to the camera instead of typing (the demo's
        # country has no such code: the workflow is told it is Viet Nam's for this shot).
        self.restart()
        wf.start(lang)
        wf.choose_case(Case.LOST)
        wf.agree()
        demo_cfg = wf.config
        from kiosk.config import with_overrides

        wf.config = with_overrides(demo_cfg, {"document.country": "VNM"})
        try:
            wf.use_keypad()        # the screen asks the workflow again: now it may scan
            job = self.hold(lambda: self.click("identify_scan_card"), "scan_code")
            self.wf.services.camera.open()
            self.wf.services.camera.show(_card_qr())
            self.wait_for_frames()
            self.settle(0.3)
            self.shot("identify_scan_card")
            wf.stop_scanning()
            self.wf.services.camera.show(None)
        finally:
            wf.config = demo_cfg

        # A typed number (lost card): the face check against the office's photo comes first
        # and names nobody; only a match shows "Is this you?".
        self.restart()
        wf.start(lang)
        wf.choose_case(Case.LOST)
        wf.agree()
        self.type_keys("id_keypad", number)
        job = self.hold(lambda: self.click("identify_continue"), "face_check")   # looked up
        self.progress(job, 0, 2, "looking")
        self.wait_for_frames()
        self.wait_for_analysis()
        self.shot("face_check_typed")
        job.done(FaceDecision(match=False, distance=math.nan, threshold=math.nan, method="screenshot",
                              problem="face_no_match"))
        self.wait_for_frames()
        self.shot("face_check_typed_problem")
        wf.retry_face()                       # the demo face matches the office's photo
        self.shot("eligibility_typed")
        self.eid_tour()

        # A locked chip (BAC/PACE): the read ends as the core ends it for such a chip, and
        # the citizen is asked for the number on the front or the details on the back.
        mrz = parse_mrz(specimen_mrz(self.today, self.cfg.document.country))
        self.restart()
        wf.start(lang)
        wf.choose_case(Case.EXPIRING)
        job = self.hold(wf.agree)
        job.failed(AccessKeyRequired("the chip requires BAC or PACE"))
        self.shot("identify_access_key")
        self.click("access_choice_can")
        self.type_keys("access_can_keypad", "1234")
        self.shot("identify_access_key_front")
        self.click("access_back")
        self.click("access_choice_mrz")
        self.type_keys("access_document_keypad", mrz.document_number[:-2])
        self.shot("identify_access_key_back")
        self.type_keys("access_document_keypad", "00")        # a typo in the last two characters
        self.click("access_continue")
        self.type_keys("access_birth_keypad", mrz.birth_date_text)   # moves on by itself
        self.type_keys("access_expiry_keypad", mrz.expiry_date_text[:4])
        self.shot("identify_access_key_back_expiry")
        self.type_keys("access_expiry_keypad", mrz.expiry_date_text[4:])
        attempts = wf.session.access_attempts
        job = self.hold(lambda: self.click("access_continue"))
        remaining = attempts.record_failure()   # as read_document counts a refused key
        job.failed(WrongAccessKey("BAC refused the key", remaining=remaining, protocol="BAC"))
        self.shot("identify_access_key_wrong")
        # The last tries are refused too: the counter takes over.
        while wf.state is State.IDENTIFY:
            self.click("access_continue")
            self.click("access_continue")
            job = self.hold(lambda: self.click("access_continue"))
            remaining = attempts.record_failure()
            job.failed(WrongAccessKey("BAC refused the key", remaining=remaining, protocol="BAC"))
        self.shot("handover_access_key")

        # Not eligible: a card that expires far in the future.
        self.restart()
        self.chip(self.today + dt.timedelta(days=355))
        wf.start(lang)
        wf.choose_case(Case.EXPIRING)
        wf.agree()
        self.shot("eligibility_not_eligible")
        self.restart()
        self.chip(self.today)

        # The full renewal with every wait.
        wf.start(lang)
        wf.choose_case(Case.EXPIRING)
        wf.agree()
        job = self.hold(wf.proceed)
        self.progress(job, 0, 2, "looking")   # the live analyzer guides the citizen
        self.wait_for_frames()
        self.wait_for_analysis()
        self.shot("face_check")
        # Liveness (off in the demo, whose camera plays a still picture): the challenge.
        real = self.show_analysis(mode="liveness", instruction="turn_left",
                                  liveness=LivenessState("turn_left", 1, False, False))
        self.shot("face_check_liveness")
        self.restore_analyzer(real)
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
        # With the portrait rules configured, the analyzer captures by itself once every
        # rule has passed for a moment, counting down.
        self.progress(job, 0, 1, "guiding")
        real = self.show_analysis(mode="portrait", instruction="ok", all_passed=True, countdown=1.4)
        self.shot("portrait_auto_capture")
        self.restore_analyzer(real)
        self.runner.release()
        self.shot("portrait_choose")
        self.click("portrait_studio_code")
        for c in "20261121":
            self.window.findChild(QWidget, "studio_code_keypad").press(c)
        self.shot("portrait_studio_code")
        # The receipt held up to the camera: the code frame and its guidance.
        job = self.hold(lambda: self.click("studio_code_scan"), "scan_code")
        self.wf.services.camera.show(_receipt_barcode("20261121"))
        self.wait_for_frames()
        self.settle(0.3)
        self.shot("portrait_studio_scan")
        self.wf.stop_scanning()
        self.wf.services.camera.show(None)
        self.click("studio_code_back")
        self.fingerprints_tour()

        phone = mobile_format(self.cfg.document.country).example
        for c in phone:
            self.window.findChild(QWidget, "phone_keypad").press(c)
        self.click("pickup_post")
        self.shot("contact")
        self.click("contact_continue")
        self._address()
        self.phone_check_tour()

        screen = self.window.current_screen()
        draw_signature(screen.pad)
        self.shot("review")
        self.window.ask_cancel()
        self.shot("review_cancel_confirm")
        self.click("confirm_no")

        self.clock.advance(self.cfg.session.idle_warning_seconds + 2)
        wf.tick()
        self.shot("idle_countdown")
        wf.stay()

        job = self.hold(lambda: self.click("review_submit"), "payment")
        self.payment_tour(job)
        self.runner.hold_next = "submit"
        self.click("payment_again")      # the demo's stand-in pays the new order at once
        job = self.runner.held
        assert job is not None and job.name == "submit"
        self.progress(job, 2, 3, "printing")
        self.shot("submit")
        self.runner.release()
        self.shot("receipt")
        self.chip(self.today)      # the citizen's card still lies on the reader
        self.click("receipt_finish")
        self.shot("goodbye_take_card")
        self.take_card()
        self.shot("goodbye")

        # The receipt when the printer has no paper.
        wf.restart()
        self.settle()
        wf.services.printer.set_status(PrinterStatus.PAPER_OUT)
        wf.start(lang)
        wf.choose_case(Case.LOST)
        wf.agree()
        wf.submit_id_number(number)
        wf.proceed()
        wf.choose_portrait(0)
        wf.set_contact(phone, "station")
        wf.answer_phone_code(DEMO_PHONE_CODE)
        screen = self.window.current_screen()
        draw_signature(screen.pad)
        self.click("review_submit")
        self.shot("receipt_print_failed")
        self.click("receipt_show_qr")         # the receipt's code, large, for the citizen's phone
        self.shot("receipt_phone_code")
        wf.services.printer.set_status(None)
        self.restart()
        self.payment_handover_tour(number, phone)

        # Hand-over: the card is pulled off the reader during every read.
        from hardware.card_reader.simulated import SimulatedChip
        from kiosk.demo.specimen import make_specimen_files

        reader = wf.services.card_reader
        reader.remove()
        reader.present(SimulatedChip(make_specimen_files(self.today, self.cfg.document.country), pull_after_apdus=3))
        wf.start(lang)
        wf.choose_case(Case.EXPIRING)
        wf.agree()
        self.shot("handover")
        self.restart()

        # Hand-over: the chip's data does not match its signature (a data group altered
        # after the card was issued), found by passive authentication during the read.
        from kiosk.documents.lds import DataGroup

        files = make_specimen_files(self.today, self.cfg.document.country)
        portrait = bytearray(files[DataGroup.DG2.fid])
        portrait[-10] ^= 0xFF
        files[DataGroup.DG2.fid] = bytes(portrait)
        reader.remove()
        reader.present(SimulatedChip(files))
        wf.start(lang)
        wf.choose_case(Case.EXPIRING)
        wf.agree()
        self.shot("handover_card_not_authentic")
        self.restart()
        self.chip(self.today)

        # Device error: the camera vanishes.
        wf.start(lang)
        wf.choose_case(Case.EXPIRING)
        wf.agree()
        wf.services.camera.vanish()
        wf.proceed()
        self.shot("device_error")
        wf.services.camera.restore()
        self.restart()

        # A card nobody took: the goodbye gives up, the next citizen is told and the
        # card is not read for them.
        wf.start(lang)
        wf.choose_case(Case.EXPIRING)
        wf.agree()
        wf.cancel()
        self.chip(self.today)      # placed back: the demo citizen would take it
        self.clock.advance(self.cfg.session.card_removal_seconds + 1)
        wf.tick()
        self.settle()
        self.shot("welcome_card_left")
        wf.start(lang)
        wf.choose_case(Case.EXPIRING)
        job = self.hold(wf.agree)
        self.progress(job, 0, 0, "remove_card")
        self.shot("identify_remove_card")
        self.runner.held = None
        self.restart()

        # Out of service, for each reason the kiosk knows (the staff line in this language),
        # and for two at once: the printer out of paper while a technician switched it off.
        from kiosk.operations.service_control import REASON_CODES, SWITCHED_OFF

        for reason in REASON_CODES:
            wf.set_out_of_service(reason)
            self.shot(f"out_of_service_{reason}")
            wf.back_in_service(reason)
        wf.set_out_of_service("printer_paper_out")
        wf.set_out_of_service(SWITCHED_OFF)
        self.shot("out_of_service_two_reasons")
        wf.back_in_service()

        if self.technician:
            self.maintenance_tour()

        # Large text, switched on at the welcome screen: the case screen with the bigger theme.
        if not self.cfg.ui.large_text and not self.cfg.ui.high_contrast:
            self.window.screens[wf.state].large_text.setChecked(True)
            self.settle(0.1)
            wf.start(lang, large_text=True)
            self.shot("case_large_text")
            self.restart()
        return self.names


    def eid_tour(self) -> None:
        """Issue 16's e-ID journey: the app's code shown to the camera, the office's check
        and its two kinds of problem, then the face check against the photo the code
        vouched for (naming nobody) and, once it matched, "Is this you?"."""
        from kiosk.biometrics.interfaces import FaceDecision
        from kiosk.codes.kinds import classify
        from kiosk.domain.cases import Case
        from kiosk.office import OfficeFailure, OfficeUnavailable

        wf, camera = self.wf, self.wf.services.camera

        def code_found() -> Any:
            """Show the code, and find it: the office's check is held for its picture."""
            scan = self.hold(lambda: self.click("identify_scan_eid"), "scan_code")
            self.runner.hold_next = "verify_eid"
            scan.done(classify(EID_DEMO_CODE))
            job = self.runner.held
            self.settle()
            return job

        self.restart()
        wf.start(self.lang)
        wf.choose_case(Case.LOST)
        wf.agree()
        self.hold(lambda: self.click("identify_scan_eid"), "scan_code")
        camera.open()
        camera.show(_eid_qr())
        self.wait_for_frames()
        self.settle(0.3)
        self.shot("identify_scan_eid")
        wf.stop_scanning()
        camera.show(None)

        job = code_found()
        self.shot("identify_eid_checking")
        job.done(None)                        # expired, used or unknown
        self.shot("identify_eid_invalid")
        job = code_found()
        job.failed(OfficeUnavailable("refused", OfficeFailure.UNREACHABLE))
        self.shot("identify_eid_unreachable")

        job = code_found()
        self.runner.held, self.runner.hold_next = job, "face_check"
        self.runner.release()                 # the demo issuer vouches for the specimen citizen
        face = self.runner.held
        assert face is not None and wf.state is State.FACE_CHECK, wf.state
        wf.wait_camera_closed()
        camera.open()
        self.progress(face, 0, 2, "looking")
        self.wait_for_frames()
        self.wait_for_analysis()
        self.shot("face_check_eid")
        face.done(FaceDecision(match=False, distance=math.nan, threshold=math.nan, method="screenshot",
                               problem="face_no_match"))
        self.wait_for_frames()
        self.shot("face_check_eid_problem")
        wf.retry_face()                       # the demo face matches the photo the code vouched for
        self.shot("eligibility_eid")
    def payment_tour(self, job: Job) -> None:
        """The payment step (issue 16): the code and its countdown while the order is
        open (the held job's order put where the job would put it), then the order
        expired. The caller asks for a new code, which the demo pays."""
        from kiosk.payment import PaymentOrder, PaymentStatus

        wf = self.wf
        order = PaymentOrder("TOUR-ORDER-0000000001", PaymentStatus.PENDING,
                             "https://pay.example.invalid/demo/TOUR-ORDER-0000000001", 300)
        self.shot("payment_asking")
        wf.session.payment_order = order
        wf.session.payment_ends_at = self.clock() + 300
        self.clock.advance(13)
        self.progress(job, 0, 1, "order")
        self.shot("payment")
        job.done(PaymentOrder(order.order_id, PaymentStatus.EXPIRED, order.qr_payload, 0))
        self.settle()
        self.shot("payment_expired")

    def payment_handover_tour(self, number: str, phone: str) -> None:
        """The office cannot take the fee (issue 16): the counter takes over."""
        from kiosk.domain.cases import Case
        from kiosk.demo.phone import DEMO_PHONE_CODE
        from kiosk.office import OfficeFailure, OfficeUnavailable

        wf = self.wf
        wf.start(self.lang)
        wf.choose_case(Case.LOST)
        wf.agree()
        wf.submit_id_number(number)
        wf.proceed()
        wf.choose_portrait(0)
        wf.set_contact(phone, "station")
        wf.answer_phone_code(DEMO_PHONE_CODE)
        screen = self.window.current_screen()
        draw_signature(screen.pad)
        job = self.hold(lambda: self.click("review_submit"), "payment")
        job.failed(OfficeUnavailable("payment-orders: unreachable", OfficeFailure.UNREACHABLE))
        self.shot("handover_payment")
        self.restart()

    def fingerprints_tour(self) -> None:
        """The fingerprint step (Chinese cards): waiting for the finger, the finger on the
        glass, a faint press's message; then the rest of the presses run on a scanner that
        presses at once."""
        from hardware.fingerprint.simulated import SimulatedFingerprintScanner
        from hardware.fingerprint.synthetic_prints import Press, make_print

        wf = self.wf
        wf.services.fingerprint = SimulatedFingerprintScanner(reach_seconds=0.0)
        job = self.hold(lambda: self.click("portrait_use_0"), "fingerprint")
        self.shot("fingerprints")
        self.progress(job, 1, 1, "finger_on")
        self.shot("fingerprints_finger_on")
        self.runner.hold_next = "fingerprint"
        job.done(make_print(1, Press.FAINT))
        self.settle()
        self.shot("fingerprints_press_harder")
        self.runner.release()
        self.settle()

    def phone_check_tour(self) -> None:
        """The phone check (issue 16): the code sent with the wait before a new one, a
        wrong code, the office down when a new code is asked for (the way to the
        counter); then the demo office's code."""
        from kiosk.demo.phone import DEMO_PHONE_CODE
        from kiosk.office import OfficeFailure, OfficeUnavailable

        self.shot("phone_check")
        self.type_keys("phone_code_keypad", "000000")
        self.click("phone_check_confirm")
        self.shot("phone_check_wrong")
        self.clock.advance(self.wf.phone_resend_seconds_left + 1)
        self.wf.tick()
        job = self.hold(lambda: self.click("phone_check_resend"), "send_code")
        job.failed(OfficeUnavailable("the tour's office is down", OfficeFailure.UNREACHABLE))
        self.settle()
        self.shot("phone_check_office_down")
        self.type_keys("phone_code_keypad", DEMO_PHONE_CODE)
        self.click("phone_check_confirm")

    def export_tour(self) -> None:
        """The exports page: no stick, a stick found, writing (the job held halfway), the
        copy checked, and a stick pulled before the write."""
        import shutil

        mode = self.maintenance
        stick = self.cfg.resolve_path(self.cfg.export.usb_folders[0])
        shutil.rmtree(stick, ignore_errors=True)
        mode.go("exports")
        self.shot("maintenance_export_no_stick")
        stick.mkdir(parents=True)
        mode.scan_sticks()
        self.shot("maintenance_exports")
        self.runner.hold_next = "maintenance-export"
        mode.write_export()
        held = self.runner.held
        if held is not None:
            held.progress(4, 9, "charts en")
            self.shot("maintenance_export_writing")
            self.runner.release()
        self.shot("maintenance_export_done")
        mode.scan_sticks()
        shutil.rmtree(stick)                 # pulled after it was found
        mode.write_export()
        self.shot("maintenance_export_failed")

    def maintenance_tour(self) -> None:
        """Every maintenance screen: the PIN pad (and locked), each page of the console,
        the operator's console. In the tour's language, like the citizen screens."""
        import datetime as _dt

        from kiosk.demo.applications import demo_application
        from kiosk.demo.config import DEMO_OPERATOR_PIN, DEMO_TECHNICIAN_PIN

        mode, wf = self.maintenance, self.wf
        self.window.switch_language(self.lang)
        mode.service_key()
        self.shot("maintenance_pin")
        for _ in range(3):
            mode.try_pin("00000000")
        self.shot("maintenance_pin_locked")
        self.wall.advance(mode.locked_for_s() + 1)
        mode.try_pin(DEMO_TECHNICIAN_PIN)
        if self.control.monitor is not None:
            for _ in range(max(self.cfg.health.failed_after, self.cfg.health.recovered_after)):
                self.control.health_changed(self.control.monitor.check_all())   # settled readings
        self.shot("maintenance_status")

        mode.go("device_tests")
        self.chip(self.today)
        mode.test_card()
        mode.test_print()
        mode.start_camera()
        page = self.window.maintenance_view.console.pages["device_tests"]
        page.refresh()
        deadline = time.monotonic() + ANALYSIS_WAIT_S
        while time.monotonic() < deadline:
            self.settle(0.05)
            analysis = mode.analyzer.latest() if mode.analyzer is not None else None
            if page.feed.frames_shown and (mode.analyzer is None or (analysis is not None and analysis.face_box)):
                break
        self.settle(0.2)
        self.shot("maintenance_device_tests")
        mode.stop_camera()
        self.take_card()

        store = wf.services.store
        app = demo_application(self.lang, kiosk_id=self.cfg.kiosk.id)
        store.enqueue(app)
        store.record_rejection(app.application_id, at=_dt.datetime.now(_dt.timezone.utc),
                               reason="http 422: the office refused the photo")
        mode.go("queue")
        self.shot("maintenance_queue")
        for page_name in ("config", "logs", "versions"):
            mode.go(page_name)
            self.shot(f"maintenance_{page_name}")
        self.export_tour()
        mode.go("out_of_service")
        mode.switch_off()
        self.shot("maintenance_out_of_service")
        mode.switch_on()
        mode.leave()

        mode.service_key()
        mode.try_pin(DEMO_OPERATOR_PIN)
        self.shot("maintenance_operator")
        mode.leave()
        self.settle()


    def _address(self) -> None:
        """The address page in the kiosk's script: the region list, then the street line
        half typed (pinyin with its candidates, or Telex), then finished."""
        from kiosk.domain import admin_divisions
        from kiosk.domain.country_rules import street_script

        country = self.cfg.document.country
        script = street_script(country)
        self.shot(f"contact_address_{script}_regions")
        tree = admin_divisions.for_country(country)
        if country == "CHN":
            path = tree.path("440106")                               # 广东省 广州市 天河区
            typing, rest = "tiyuxilu", ()
        else:
            hcm = next(r for r in tree.children() if r.name.endswith("Hồ Chí Minh"))
            path = (hcm, next(r for r in tree.children(hcm.code) if r.name == "Phường Bến Thành"))
            typing, rest = "12 dduwowngf lee lowji", ()
        for region in path:
            while not self._visible_button(f"region_{region.code}"):
                self.click("region_next")
            self.click(f"region_{region.code}")
        keypad = self.window.findChild(QWidget, "address_keypad")
        for c in typing:
            keypad.press(c)
        self.shot(f"contact_address_{script}")
        if country == "CHN":
            keypad._choose(keypad.candidates().index("体育"))
            keypad._choose(keypad.candidates().index("西路"))
            for c in "103hao":
                keypad.press(c)
            keypad._choose(keypad.candidates().index("号"))
        self.settle()
        self.click("contact_continue")

    def _visible_button(self, name: str) -> bool:
        button = self.window.findChild(QPushButton, name)
        return button is not None and button.isVisible()

    def address_tour(self) -> None:
        """From the welcome screen to the address page by the shortest way, for the
        scripts the main tour's country does not use."""
        from kiosk.biometrics.interfaces import FaceDecision
        from kiosk.domain.cases import Case
        from kiosk.domain.country_rules import mobile_format

        wf = self.wf
        self.chip(self.today)
        wf.start(self.lang)
        wf.choose_case(Case.EXPIRING)
        wf.agree()
        job = self.hold(wf.proceed)
        self.runner.hold_next = True        # the portrait capture starts right after the match
        job.done(FaceDecision(match=True, distance=0.3, threshold=0.5, method="screenshot"))
        self.runner.release()
        self.settle()
        self.click("portrait_use_0")
        for c in mobile_format(self.cfg.document.country).example:
            self.window.findChild(QWidget, "phone_keypad").press(c)
        self.click("pickup_post")
        self.click("contact_continue")
        self._address()


# The citizen's screens again in each look a citizen can choose: file-name suffix -> look.
LOOKS = {"": {}, "_large": {"large_text": True}, "_contrast": {"high_contrast": True}}


def render_screenshots(out_dir: Path, langs: list[str]) -> list[Path]:
    """Render every screen in each of `langs` ("zh_CN", "en", "vi"), and the citizen's
    screens in large text (``*_large.png``) and high contrast (``*_contrast.png``);
    returns the files."""
    from kiosk.demo.config import demo_config
    from ui.qt_application import prepare_application

    out_dir = Path(out_dir)
    written: list[Path] = []
    today = dt.date.today()
    with tempfile.TemporaryDirectory(prefix="kiosk-shots-") as tmp:
        app = prepare_application(demo_config(Path(tmp) / "probe"))
        for lang in langs:
            folder = out_dir / lang
            folder.mkdir(parents=True, exist_ok=True)

            for suffix, look in LOOKS.items():

                def save(name: str, window: Any, folder: Path = folder, suffix: str = suffix) -> None:
                    path = folder / f"{name}{suffix}.png"
                    if not window.grab().save(str(path)):
                        raise OSError(f"could not write {path}")
                    written.append(path)

                tour = Tour(lang, Path(tmp) / f"{lang}{suffix}", today, save, technician=not look, **look)
                try:
                    tour.run()
                finally:
                    tour.close()
                if not look:
                    # The address entry in the other script (Telex on a Vietnamese kiosk).
                    tour = Tour(lang, Path(tmp) / f"{lang}-vn", today, save, country="VNM")
                    try:
                        tour.address_tour()
                    finally:
                        tour.close()
        app.processEvents()
    return written
