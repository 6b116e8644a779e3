"""Every screen, in every state the screenshot tour reaches, in all three languages.

The tour of `launcher.screenshots` drives a demo kiosk through every workflow state (and the
waits, problems and overlays), in normal and in large text, on a 1920x1080 window. At
each stop this test checks what a citizen would notice: an exception, clipped text, a
button too small for a finger, widgets on top of each other, something pushed off the
screen, something out of a seated citizen's reach, a step without its "Step N of M". In
large text each screen is checked again with the voice guidance on, whose Repeat and
Louder buttons join the bottom bar.
"""

from __future__ import annotations

import threading

import numpy as np
import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QAbstractButton, QCheckBox, QLabel, QLineEdit, QPushButton, QWidget

from kiosk.biometrics.guidance import MESSAGES as GUIDANCE_CODES
from kiosk.workflow.states import State
from tests.conftest import FIXED_NOW
from tests.ui.gui_thread import WAIT_MS as GUI_WAIT_MS, GuiThreadWatch
from ui import messages
from launcher.screenshots import SIZE, Tour
from ui.theme import current_theme

pytestmark = pytest.mark.ui

LANGS = ["zh_CN", "en", "vi"]
# The locked chip, the chip that is not genuine, the live analysis's overlays, and a typed
# number's face check before "Is this you?".
NEW_VARIANTS = {
    "identify_access_key", "identify_access_key_front", "identify_access_key_back",
    "identify_access_key_back_expiry", "identify_access_key_wrong", "handover_access_key",
    "handover_card_not_authentic", "face_check", "face_check_liveness", "portrait_auto_capture",
    "face_check_typed", "face_check_typed_problem", "eligibility_typed",
    # issue 16, the e-ID journey: the app's code, the office's check, its problems, the face check
    "identify_scan_eid", "identify_eid_checking", "identify_eid_invalid", "identify_eid_unreachable",
    "face_check_eid", "face_check_eid_problem", "eligibility_eid",
}
OVERLAYS = {"idle_overlay", "confirm_overlay"}
# The walk-through's camera screens that said two things at once (issue 15): the side
# text beside the picture's banner, "Get ready" beside the countdown, the banner beside
# a problem. Each must give one instruction at a time.
ONE_INSTRUCTION = {"face_check", "face_check_problem", "portrait_countdown", "portrait_auto_capture"}


def instructions(window: QWidget) -> list[str]:
    """The instructions a screen gives at once: the camera picture's banner, the side
    column's guidance, a wait's message and a problem's next step."""
    screen = window.current_screen()
    said = []
    view = getattr(screen, "camera_view", None)
    if view is not None and view.isVisible() and view.instruction():
        said.append(view.instruction())
    for name in ("face_guidance", "portrait_guidance", "problem_next_step"):
        label = screen.findChild(QLabel, name)
        if label is not None and label.isVisibleTo(screen) and label.text():
            said.append(label.text())
    busy = [w for w in (getattr(screen, "busy", None),) if w is not None and w.isVisibleTo(screen)]
    said += ["(a wait)" for _ in busy]
    return said


def _visible(root: QWidget, kind: type) -> list[QWidget]:
    return [w for w in root.findChildren(kind) if w.isVisibleTo(root)]


def check_touch_targets(window: QWidget) -> list[str]:
    """Every visible button (and tick box) is at least 15 mm (theme.touch_px) both ways."""
    need = current_theme().touch_px
    small = []
    for button in _visible(window, QAbstractButton):
        if not isinstance(button, (QPushButton, QCheckBox)):
            continue
        if button.width() < need - 1 or button.height() < need - 1:
            small.append(f"{button.objectName() or button.text()!r}: {button.width()}x{button.height()} < {need}")
    return small


def interactive_controls(window: QWidget) -> list[QWidget]:
    """What a citizen touches on the window now: visible, enabled buttons, tick boxes, keys,
    fields and the signature pad (a disabled control is nothing to reach for yet)."""
    from ui.widgets.signature_pad import SignaturePad

    found = []
    for widget in window.findChildren(QWidget):
        if not isinstance(widget, (QAbstractButton, QLineEdit, SignaturePad)):
            continue
        if widget.isVisibleTo(window) and widget.isEnabled():
            found.append(widget)
    return found


def check_reach(window: QWidget) -> list[str]:
    """Every control a citizen needs lies in the lower two thirds of the window (a
    wheelchair user or a short citizen cannot reach the top of a standing kiosk)."""
    line = window.height() / 3
    high = []
    for widget in interactive_controls(window):
        top = widget.mapTo(window, widget.rect().topLeft()).y()
        if top < line - 1:
            high.append(f"{_name(widget)} at y={top} (reach starts at {line:.0f})")
    return high


def check_on_screen(window: QWidget) -> list[str]:
    """Nothing visible is pushed outside the window or cut off by its parent (an
    over-full layout places widgets beyond the edge of the widget that holds them)."""
    outside = []
    for widget in _visible(window, QLabel) + _visible(window, QAbstractButton):
        parent = widget.parentWidget()
        if parent is None:
            continue
        if not parent.rect().contains(widget.geometry()) or not window.rect().contains(
            QRect(widget.mapTo(window, widget.rect().topLeft()), widget.size())
        ):
            outside.append(f"{_name(widget)} at {widget.geometry().getRect()} in {parent.size().toTuple()}")
    return outside


class VoiceOn:
    """A voice guide that is on and says nothing: the bar then offers Repeat and Louder."""

    enabled = True

    def stop(self) -> None:
        pass


def check_step_shown(window: QWidget, step: int | None) -> list[str]:
    """A screen that is a step of the journey says which ("Step 3 of 6"), in every text
    size: a nervous citizen looks for how much is left."""
    steps = window.header.steps
    if step is None:
        return []
    if not steps.isVisibleTo(window) or steps.height() <= 0:
        return [f"step {step} not shown"]
    if steps.current() != step:
        return [f"shows step {steps.current()}, is step {step}"]
    return []


@pytest.mark.parametrize("large_text", [False, True], ids=["normal", "large"])
@pytest.mark.parametrize("lang", LANGS)
def test_every_state_renders_fits_and_is_touchable(
    qapp, tmp_path, kiosk_theme, language, assert_texts_fit, lang: str, large_text: bool
) -> None:
    seen_states: set[State] = set()
    problems: list[str] = []
    overlays: dict[str, tuple[bool, str]] = {}
    seen_once: dict[str, list[str]] = {}

    def check_look(name: str, window: QWidget) -> None:
        try:
            assert_texts_fit(window)
        except AssertionError as exc:
            problems.append(f"{name}: {exc}")
        problems.extend(f"{name}: small target {p}" for p in check_touch_targets(window))
        problems.extend(f"{name}: off screen {p}" for p in check_on_screen(window))
        problems.extend(f"{name}: {p}" for p in check_no_overlap(window))
        problems.extend(f"{name}: clipped {p}" for p in check_button_texts(window))
        if not (tour.maintenance is not None and tour.maintenance.showing):   # citizens only
            problems.extend(f"{name}: out of reach {p}" for p in check_reach(window))
            problems.extend(f"{name}: {p}" for p in check_step_shown(window, tour.wf.step))

    def check(name: str, window: QWidget) -> None:
        seen_states.add(tour.wf.state)
        variant = name.split("_", 1)[1]
        if variant in ONE_INSTRUCTION:
            said = instructions(window)
            seen_once[variant] = said
            if len(said) != 1:
                problems.append(f"{name}: {len(said)} instructions at once: {said}")
        view = getattr(window.current_screen(), "camera_view", None)
        if view is not None and view.isVisible():
            overlays[name.split("_", 1)[1]] = (view.face_box() is not None, view.instruction())
        assert window.size().toTuple() == SIZE, f"{name}: the window grew to {window.size().toTuple()}"
        check_look(name, window)
        citizen = not (tour.maintenance is not None and tour.maintenance.showing)
        if large_text and citizen and window.header.isVisibleTo(window):
            # The voice on: Repeat and Louder join the bottom bar, which must still fit.
            window.voice = VoiceOn()
            window.header.update_from(tour.wf, window.language)
            tour.settle(0)
            assert window.header.repeat.isVisibleTo(window)
            check_look(f"{name} (voice on)", window)
            window.voice = None
            window.header.update_from(tour.wf, window.language)
            tour.settle(0)

    tour = Tour(lang, tmp_path / "data", FIXED_NOW.date(), check, large_text=large_text)
    try:
        names = tour.run()
    finally:
        tour.close()
    assert not problems, "\n".join(problems)
    assert seen_states == set(State), f"not visited: {set(State) - seen_states}"
    assert set(seen_once) == ONE_INSTRUCTION, f"not shown: {ONE_INSTRUCTION - set(seen_once)}"
    assert any("idle_countdown" in n for n in names)
    variants = {n.split("_", 1)[1] for n in names}
    assert variants >= NEW_VARIANTS, f"not shown: {NEW_VARIANTS - variants}"
    # The live analyzer found the simulated camera's face and said what to do.
    has_box, instruction = overlays["face_check"]
    assert has_box and instruction in {messages.guidance_text(code) for code in GUIDANCE_CODES}
    assert large_text or any("large_text" in n for n in names)   # switched on at the welcome screen


class BlockingCamera:
    """A camera whose read hangs (a driver stuck waiting for a frame) until released; a
    read on the GUI thread fails the test at once instead (see `tests.ui.gui_thread`)."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.watch = GuiThreadWatch()

    def open(self) -> None:
        pass

    def close(self) -> None:
        pass

    def read(self, timeout: float = 1.0) -> np.ndarray:
        self.watch.check("camera.read")
        self.release.wait(GUI_WAIT_MS / 1000)   # a ceiling: the test releases it when done
        from hardware.errors import CameraUnavailable

        raise CameraUnavailable("released")


def test_gui_keeps_running_while_the_camera_blocks(qtbot, demo_cfg, session_tmp, kiosk_theme, language) -> None:
    from launcher.services import build_services
    from kiosk.domain.cases import Case
    from kiosk.workflow.machine import Workflow
    from ui.main_window import MainWindow
    from ui.qt_jobs import QtJobRunner

    camera = BlockingCamera()
    runner = QtJobRunner()
    services = build_services(demo_cfg, today=FIXED_NOW.date())
    services.clock = lambda: FIXED_NOW
    real_camera, services.camera = services.camera, camera
    wf = Workflow(services, runner, frame_interval_s=0.0, portrait_countdown_s=0.0, face_frames=2)
    window = MainWindow(wf, demo_cfg, fullscreen=False)
    qtbot.addWidget(window)
    window.show()
    try:
        wf.start("en")
        wf.choose_case(Case.EXPIRING)
        wf.agree()
        qtbot.waitUntil(lambda: wf.state is State.ELIGIBILITY, timeout=30_000)
        wf.proceed()                         # face check: its job and the preview both read
        assert wf.state is State.FACE_CHECK
        feed = window.current_screen().feed
        camera.watch.wait_until(qtbot, lambda: camera.watch.reads >= 2,
                                lambda: f"the job and the preview to read (reads: {camera.watch.reads})")
        ticks = feed.ticks
        # The preview's GUI timer keeps ticking while every camera read hangs.
        camera.watch.wait_until(qtbot, lambda: feed.ticks >= ticks + 10,
                                lambda: f"10 preview ticks while the reads hang (ticked {feed.ticks - ticks})")
        assert wf.busy == "face_check"       # the job is still waiting for its frame
        # The live analyzer waits for a face: the mirror says what to do and that the
        # camera is starting, instead of a progress bar.
        screen = window.current_screen()
        assert wf.analyzer is not None and wf.progress[2] == "looking"
        assert screen.camera_view.instruction() == messages.guidance_text("no_face")
        assert screen.camera_view.frame_size().isEmpty()
        assert not screen.busy.isVisible()
    finally:
        camera.release.set()
        wf.shutdown()   # stops the live analyzer, wipes the session and its folder
        window.close()
        runner.shutdown()
        services.camera = real_camera
        services.close()
        services.store.close()
    camera.watch.assert_no_gui_reads()


def check_no_overlap(window: QWidget) -> list[str]:
    """No two visible buttons or labels cover each other (an over-full layout squeezes
    widgets on top of one another before anything leaves the screen)."""
    # An overlay (idle countdown, cancel question) covers the screen on purpose: then
    # only what is on the overlay must not overlap.
    overlays = [w for w in window.findChildren(QWidget) if w.objectName() in OVERLAYS and w.isVisibleTo(window)]
    root = overlays[0] if overlays else window
    items = []
    for widget in _visible(root, QLabel) + _visible(root, QAbstractButton):
        if any(isinstance(a, QAbstractButton) for a in _ancestors(widget, window)):
            continue  # a label inside a button (choice tiles) is part of that button
        top_left = widget.mapTo(window, widget.rect().topLeft())
        items.append((widget, QRect(top_left, widget.size())))
    overlaps = []
    for i, (a, ra) in enumerate(items):
        for b, rb in items[i + 1 :]:
            if a.isAncestorOf(b) or b.isAncestorOf(a):
                continue
            common = ra.intersected(rb)
            if common.width() > 2 and common.height() > 2:
                overlaps.append(f"{_name(a)} and {_name(b)} overlap by {common.width()}x{common.height()}")
    return overlaps


def _ancestors(widget: QWidget, root: QWidget) -> list[QWidget]:
    found = []
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        found.append(parent)
        parent = parent.parentWidget()
    return found


def _name(widget: QWidget) -> str:
    text = widget.text() if hasattr(widget, "text") else ""
    return f"{type(widget).__name__} {widget.objectName() or text[:24]!r}"


def check_button_texts(window: QWidget) -> list[str]:
    """A button's text fits inside its stylesheet padding (the shared fixture allows a
    few pixels only, which is less than the padding a styled button has)."""
    theme = current_theme()
    clipped = []
    for button in _visible(window, QPushButton):
        text = button.text()
        if not text:
            continue
        role = button.property("role")
        pad = {"key": 0, "key-action": theme.padding_v_px}.get(role, theme.padding_h_px)
        if button.property("compact"):   # the bottom bar's (theme: QPushButton[compact])
            pad = theme.padding_v_px
        room = button.width() - 2 * (pad + theme.border_px)
        need = max(QFontMetrics(button.font()).horizontalAdvance(line) for line in text.splitlines())
        if need > room + 1:
            clipped.append(f"{_name(button)} needs {need}px, has {room}px inside its padding")
    return clipped
