"""The camera view for a code the citizen holds up: their card's QR code, a photo receipt.

Shown while the workflow's scanner looks for a code (`workflow.scanner`, present while
the "scan_code" job runs). The mirror runs at the camera's rate; on each preview tick
the scanner's newest snapshot is read (an attribute read under its lock: the decoding
runs on the scanner's own thread, never here) and its instruction drawn in the square
frame ("hold the code inside the frame", "this is not the code we need"). Only draws:
what counts as the right code is the workflow's decision.
"""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtWidgets import QVBoxLayout, QWidget

from ui import messages
from ui.screens.preview import PreviewFeed
from ui.widgets import CameraView


class CodeScanView(QWidget):
    """A mirror with the code frame and the scanner's guidance."""

    def __init__(self, workflow: Any, parent: QWidget | None = None, *, name: str = "code_scan") -> None:
        super().__init__(parent)
        self.workflow = workflow
        self.setObjectName(name)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.camera_view = CameraView(self)
        self.camera_view.setObjectName(f"{name}_camera")
        self.camera_view.set_guide_shape("code")
        layout.addWidget(self.camera_view, 1)
        self.feed = PreviewFeed(self.camera_view, self)
        self.feed.ticked.connect(self.refresh)
        self._running = False

    def start(self) -> None:
        if not self._running:
            self._running = True
            self.feed.start(self.workflow.services.camera, None)
        self.refresh()

    def stop(self) -> None:
        if self._running:
            self._running = False
            self.feed.stop()
            self.camera_view.clear_frame()
            self.camera_view.set_guide_ok(False)

    def refresh(self) -> None:
        update_guidance(self.camera_view, self.workflow)


def update_guidance(view: CameraView, workflow: Any, fallback: Callable[[], str] | None = None) -> None:
    """Draw the scanner's newest instruction on `view` (the frame turns green on a find)."""
    scanner = getattr(workflow, "scanner", None)
    state = scanner.latest() if scanner is not None else None
    code = "searching" if state is None or not state.camera_ok else state.instruction
    view.set_guide_ok(code == "found")
    view.set_face_box(None)
    view.set_countdown(None)
    view.set_instruction(messages.scan_guidance_text(code))
