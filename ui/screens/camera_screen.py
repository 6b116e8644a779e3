"""What the two camera screens share: the live mirror that starts and stops with them."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from ui.screens.base import Screen
from ui.screens.preview import Detector, PreviewFeed
from ui.widgets import CameraView


def demo_face_detector(config: Any) -> Detector | None:
    """The demo stand-in's face finder, to draw a box around the face in demo mode only.

    (It runs on the preview thread, twice a second: see `ui.screens.preview`.) Production
    face detection belongs to the biometrics stack and is not wired to the preview yet.
    """
    if getattr(config.biometrics, "face_verifier", "") != "demo-standin":
        return None
    try:
        from kiosk.biometrics.standin import largest_face
    except ImportError:  # pragma: no cover - the stand-in ships with the demo
        return None
    return largest_face


class CameraScreen(Screen):
    """A screen with a mirror; the feed runs only while the screen is the visible one."""

    def __init__(self, workflow: Any, parent: QWidget | None = None) -> None:
        super().__init__(workflow, parent)
        self.camera_view = CameraView(self)
        self.camera_view.setObjectName(f"{self.STATE.value}_camera")
        self.feed = PreviewFeed(self.camera_view, self)

    def activate(self) -> None:
        super().activate()
        self.feed.start(self.workflow.services.camera, demo_face_detector(self.config))

    def deactivate(self) -> None:
        super().deactivate()
        self.feed.stop()
        self.camera_view.clear_frame()
