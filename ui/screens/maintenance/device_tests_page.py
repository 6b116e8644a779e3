"""Live tests side by side: the camera's mirror with the face box, a card read with its
ATR, access protocol and timings, a test print with the printer's paper status.

The camera preview is the citizen screens' own (`PreviewFeed` into a `CameraView`), fed
only while the mode says the camera is open for the test; the mode opened it in a job."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPlainTextEdit, QVBoxLayout, QWidget

from ui.screens.base import column_widget, make_button, make_label
from ui.screens.maintenance import words as w
from ui.screens.maintenance.pages import Page, text_view
from ui.screens.preview import PreviewFeed
from ui.theme import current_theme, set_role
from ui.widgets import CameraView, NumericKeypad

CAN_LENGTH = 6


def _box(parent: QWidget) -> tuple[QFrame, QVBoxLayout]:
    frame = QFrame(parent)
    set_role(frame, "card")
    layout = QVBoxLayout(frame)
    layout.setSpacing(current_theme().spacing_px)
    return frame, layout


class DeviceTestsPage(Page):
    PAGE = "device_tests"

    def __init__(self, mode: Any, parent: QWidget | None = None) -> None:
        super().__init__(mode, parent)
        row = QHBoxLayout()
        row.setSpacing(current_theme().margin_px)

        # -- camera
        camera, cam = _box(self)
        self.camera_title = make_label(camera, "heading", "maintenance_test_camera_title")
        self.camera_view = CameraView(camera, mirrored=True)
        self.camera_view.setObjectName("maintenance_camera_view")
        self.camera_view.set_guide_visible(False)     # the citizen's oval; a technician wants the box
        self.feed = PreviewFeed(self.camera_view, self)
        self.feed.ticked.connect(self._draw_analysis)
        self.camera_state = make_label(camera, "body", "maintenance_test_camera_state")
        self.camera_button = make_button(camera, "maintenance_test_camera", "primary", self._camera)
        cam.addWidget(self.camera_title)
        cam.addWidget(self.camera_view, 1)
        cam.addWidget(self.camera_state)
        cam.addWidget(self.camera_button)

        # -- card reader
        card, crd = _box(self)
        self.card_title = make_label(card, "heading", "maintenance_test_card_title")
        self.can_hint = make_label(card, "hint", "maintenance_test_can_hint")
        self.can = NumericKeypad(card, max_length=CAN_LENGTH, grouping=(), show_ok=False)
        self.can.setObjectName("maintenance_test_can")
        self.can.hide()                  # shown on request: the result needs the room
        self.can_button = make_button(card, "maintenance_test_can_toggle", "secondary", self._toggle_can)
        self.card_button = make_button(card, "maintenance_test_card", "primary", self._card)
        # Scrolls rather than clips: a read says a lot, and large text leaves little room.
        self.card_result = text_view(card, "maintenance_test_card_result")
        self.card_result.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.card_result.setFrameShape(QFrame.Shape.NoFrame)
        crd.addWidget(self.card_title)
        crd.addWidget(self.can_hint)
        crd.addWidget(self.can)
        crd.addWidget(self.card_button)
        crd.addWidget(self.can_button)
        crd.addWidget(self.card_result, 1)

        # -- printer
        printer, prn = _box(self)
        self.printer_title = make_label(printer, "heading", "maintenance_test_printer_title")
        self.paper = make_label(printer, "body", "maintenance_test_paper")
        self.print_button = make_button(printer, "maintenance_test_print", "primary", mode.test_print)
        self.paper_button = make_button(printer, "maintenance_paper_changed", "secondary", mode.paper_changed)
        self.print_result = make_label(printer, "body", "maintenance_test_print_result")
        prn.addWidget(self.printer_title)
        prn.addWidget(self.paper)
        prn.addWidget(self.print_button)
        prn.addWidget(self.paper_button)
        prn.addWidget(self.print_result)
        prn.addStretch(1)

        for frame, stretch in ((camera, 3), (card, 4), (printer, 4)):
            holder = QVBoxLayout()
            holder.addWidget(frame)
            row.addWidget(column_widget(self, holder), stretch)
        self.column.addLayout(row, 1)

    def retranslate(self) -> None:
        self.camera_title.setText(w.t(w.DEVICES["camera"]))
        self.card_title.setText(w.t(w.DEVICES["card_reader"]))
        self.printer_title.setText(w.t(w.DEVICES["printer"]))
        self.can_hint.setText(self.tr("Put a test card on the reader. For a PACE test card, type its CAN first."))
        self.card_button.setText(self.tr("Read the card"))
        self.print_button.setText(self.tr("Print a test page"))
        self.paper_button.setText(self.tr("New paper roll put in"))
        super().retranslate()

    def deactivate(self) -> None:
        self.feed.stop()
        self.camera_view.clear_frame()

    def _camera(self) -> None:
        if self.mode.camera_on:
            self.mode.stop_camera()
        else:
            self.mode.start_camera()
        self.refresh()

    def _draw_analysis(self) -> None:
        """The live analysis's face box over the mirror, scaled to the frames shown."""
        analyzer = self.mode.analyzer
        if analyzer is None:
            return
        analysis = analyzer.latest()
        if analysis is None or not analysis.camera_ok or analysis.face_box is None:
            self.camera_view.set_face_box(None)
            return
        x, y, bw, bh = analysis.face_box
        shown = self.camera_view.frame_size()
        seen_w, seen_h = analysis.frame_size
        if not shown.isEmpty() and seen_w and seen_h:
            sx, sy = shown.width() / seen_w, shown.height() / seen_h
            x, y, bw, bh = x * sx, y * sy, bw * sx, bh * sy
        self.camera_view.set_face_box((x, y, bw, bh))

    def _toggle_can(self) -> None:
        self.can.setVisible(not self.can.isVisible())
        if not self.can.isVisible():
            self.can.clear()
        self.refresh()

    def _card(self) -> None:
        can = self.can.text() if self.can.isVisible() else ""
        self.can.hide()                  # the result shows where the keypad was
        self.mode.test_card(can or None)

    def refresh(self) -> None:
        self._refresh_camera()
        self._refresh_card()
        self._refresh_printer()

    # -- camera
    def _refresh_camera(self) -> None:
        run = self.mode.tests["camera"]
        tools = self.mode.tools
        if self.mode.camera_on and self.isVisible():
            self.feed.start(tools.camera, tools.face_finder)
        else:
            self.feed.stop()
            self.camera_view.clear_frame()
        self.camera_button.setEnabled(tools.camera is not None and run.state != "running")
        self.camera_button.setText(self.tr("Stop the camera") if self.mode.camera_on else self.tr("Start the camera"))
        if tools.camera is None:
            text = self.tr("No camera is configured.")
        elif run.state == "running":
            text = self.tr("Opening the camera…")
        elif run.state == "failed":
            text = self.tr("The camera did not open ({error}).").format(error=run.error)
        elif self.mode.camera_on:
            text = self.tr("A box marks the face the kiosk finds.")
        else:
            text = ""
        self.camera_state.setText(text)

    # -- card
    def _refresh_card(self) -> None:
        run = self.mode.tests["card_reader"]
        self.card_button.setEnabled(self.mode.tools.card_test is not None and run.state != "running")
        self.can_button.setText(self.tr("Without a CAN") if self.can.isVisible() else self.tr("Type a CAN"))
        self.card_result.setVisible(not self.can.isVisible())
        if run.state == "running":
            text = self.tr("Waiting for a card and reading it…")
        elif run.state == "failed":
            text = self.tr("The test stopped ({error}).").format(error=run.error)
        elif run.state == "done":
            text = self._card_text(run.result)
        elif self.mode.notice == "bad_can":
            text = w.word(w.NOTICES, "bad_can")
        else:
            text = ""
        if self.card_result.toPlainText() != text:
            self.card_result.setPlainText(text)

    def _card_text(self, result: Any) -> str:
        lines = [w.word(w.CARD_OUTCOMES, result.outcome)]
        if result.reader:
            lines.append(self.tr("Reader: {name}").format(name=result.reader))
        if result.atr:
            lines.append(f"ATR: {result.atr}")
        if result.access_protocol:
            lines.append(self.tr("Access: {protocol}").format(protocol=result.access_protocol))
        if result.passive_auth:
            lines.append(self.tr("Signature chain: {status}").format(status=result.passive_auth))
        if result.apdus:
            lines.append(self.tr("{apdus} APDUs, {size} bytes").format(apdus=result.apdus, size=result.bytes_read))
        if result.timings_s:
            lines.append(", ".join(f"{k} {v:.3f}" for k, v in result.timings_s.items()) + " s")
        if result.detail:
            lines.append(result.detail)
        return "\n".join(lines)

    # -- printer
    def _refresh_printer(self) -> None:
        run = self.mode.tests["printer"]
        self.print_button.setEnabled(self.mode.tools.print_test is not None and run.state != "running")
        self.paper_button.setVisible(self.mode.control is not None)
        count = self._paper_count()
        state = self._printer_health()
        parts = []
        if state:
            parts.append(self.tr("Printer: {state}").format(state=state))
        if count is not None and getattr(count, "remaining_receipts", None) is not None:
            parts.append(self.tr("About {n} receipts left on the roll.").format(n=count.remaining_receipts))
        self.paper.setText("\n".join(parts))
        if run.state == "running":
            text = self.tr("Printing…")
        elif run.state == "failed":
            text = self.tr("The test stopped ({error}).").format(error=run.error)
        elif run.state == "done":
            r = run.result
            text = (self.tr("Printed. Status before: {before}, after: {after}.") if r.ok
                    else self.tr("Not printed. Status before: {before}, after: {after}.")).format(
                before=w.word(w.PRINTER_STATES, r.status_before), after=w.word(w.PRINTER_STATES, r.status_after))
        else:
            text = ""
        self.print_result.setText(text)

    def _paper_count(self) -> Any:
        control = self.mode.control
        try:
            return None if control is None else control.paper_count()
        except Exception:  # noqa: BLE001 - a count is a nicety; the printer's own status is below
            return None

    def _printer_health(self) -> str:
        control = self.mode.control
        snapshot = None if control is None else control.snapshot()
        if snapshot is None:
            return ""
        try:
            device = snapshot["printer"]
        except KeyError:
            return ""
        return f"{w.word(w.STATES, str(getattr(device.state, 'value', device.state)))} ({device.detail})"
