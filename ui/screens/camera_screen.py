"""What the two camera screens share: the live mirror that starts and stops with them, and
the overlay drawn from the live face analysis.

When the kiosk has a live analyzer (`workflow.analyzer`, a
`kiosk.biometrics.live_analyzer.LiveAnalyzer`, present while the camera is in use), its
newest `LiveAnalysis` snapshot is read on the preview's timer and drawn: the face box,
the guide oval (marked when the face is placed well), the instruction as a sentence in
the citizen's language and, for the portrait, the auto-capture countdown. Reading a
snapshot takes a lock for an attribute read; the analysis itself runs on the analyzer's
own thread and never on the GUI thread.

Without an analyzer the preview draws the box of the face finder the launcher gave
(`services.preview_face_finder`: the demo stand-ins' rough box), or none.
"""

from __future__ import annotations

import math
import time
from typing import Any

from PySide6.QtWidgets import QWidget

from ui.screens.base import Screen
from ui.screens.preview import PreviewFeed
from ui.widgets import CameraView

# An analysis that has not changed for this long is not drawn (a stuck analyzer must
# not leave a face box where nobody stands any more).
STALE_AFTER_S = 1.5
clock = time.monotonic   # the staleness clock (tests replace it)


def countdown_seconds(seconds: float | None) -> int | None:
    """Whole seconds to show for an auto-capture countdown (3, 2, 1; never 0)."""
    if seconds is None or seconds != seconds:  # None or NaN
        return None
    return max(1, math.ceil(seconds))


class CameraScreen(Screen):
    """A screen with a mirror; the feed runs only while the screen is the visible one."""

    def __init__(self, workflow: Any, parent: QWidget | None = None) -> None:
        super().__init__(workflow, parent)
        self.camera_view = CameraView(self)
        self.camera_view.setObjectName(f"{self.STATE.value}_camera")
        self.feed = PreviewFeed(self.camera_view, self)
        self.feed.ticked.connect(self.refresh_overlay)
        self._analysis_sequence: int | None = None
        self._analysis_changed_at = 0.0

    def activate(self) -> None:
        super().activate()
        services = self.workflow.services
        # (The finder runs on the preview thread, twice a second: see `ui.screens.preview`.)
        self.feed.start(services.camera, services.preview_face_finder)
        self.refresh_overlay()

    def deactivate(self) -> None:
        super().deactivate()
        self.feed.stop()
        self.camera_view.clear_frame()
        self.camera_view.set_guide_ok(False)
        self._analysis_sequence = None

    # -- live analysis -----------------------------------------------------------------------
    def live_analysis(self) -> Any:
        """The analyzer's newest snapshot, or None (no analyzer, nothing analysed yet, or
        nothing new for `STALE_AFTER_S`)."""
        analyzer = getattr(self.workflow, "analyzer", None)
        if analyzer is None:
            self._analysis_sequence = None
            return None
        latest = analyzer.latest()
        if latest is None:
            return None
        now = clock()
        if latest.sequence != self._analysis_sequence:
            self._analysis_sequence = latest.sequence
            self._analysis_changed_at = now
        elif now - self._analysis_changed_at > STALE_AFTER_S:
            return None
        return latest

    def overlay_texts(self, analysis: Any) -> tuple[str, int | None]:
        """(banner text, countdown) for the current moment; screens override."""
        return "", None

    def refresh_overlay(self) -> None:
        """Draw the analysis over the mirror (called on every preview tick and workflow
        event). Only draws: every decision was taken by the analyzer or the workflow."""
        analysis = self.live_analysis()
        analyzing = getattr(self.workflow, "analyzer", None) is not None
        if analyzing:
            ok = analysis is not None and analysis.camera_ok and analysis.instruction == "ok"
            self.camera_view.set_face_box(self._box_in_frame(analysis))
            self.camera_view.set_guide_ok(ok)
        else:
            self.camera_view.set_guide_ok(False)
        instruction, countdown = self.overlay_texts(analysis)
        self.camera_view.set_instruction(instruction)
        self.camera_view.set_countdown(countdown)

    def _box_in_frame(self, analysis: Any) -> tuple[float, float, float, float] | None:
        """The analysis's face box in the coordinates of the frames shown (the analyzer
        may see another resolution than the preview)."""
        if analysis is None or not analysis.camera_ok or analysis.face_box is None:
            return None
        x, y, w, h = analysis.face_box
        shown = self.camera_view.frame_size()
        seen_w, seen_h = analysis.frame_size
        if shown.isEmpty() or not seen_w or not seen_h:
            return (x, y, w, h)
        sx, sy = shown.width() / seen_w, shown.height() / seen_h
        return (x * sx, y * sy, w * sx, h * sy)
