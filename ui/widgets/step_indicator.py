"""Where am I, how much is left: "Step 3 of 8" and a row of segments.

Nervous citizens ask themselves how long this will take; a visible end reassures them and
makes them less likely to give up half-way.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QWidget

from ui.theme import current_theme, set_role
from ui.widgets.base import LanguageAware


class StepSegments(QWidget):
    """Painted row of segments: done steps filled, the current one filled and taller,
    the ones to come outlined."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._current = 1
        self._total = 1
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_step(self, current: int, total: int) -> None:
        self._current, self._total = current, total
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802
        t = current_theme()
        return QSize(t.touch_px * max(self._total, 1), round(t.body_px * 1.0))

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        t = current_theme()
        return QSize(t.spacing_px * 2 * max(self._total, 1), round(t.body_px * 1.0))

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        theme = current_theme()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        n = max(self._total, 1)
        gap = theme.spacing_px
        width = (self.width() - gap * (n - 1)) / n
        full_h = self.height()
        thin_h = full_h * 0.5
        line = theme.border_px
        for i in range(n):
            step = i + 1
            x = i * (width + gap)
            if step == self._current:
                rect = QRectF(x, 0, width, full_h)
            else:
                rect = QRectF(x, (full_h - thin_h) / 2, width, thin_h)
            rect.adjust(line / 2, line / 2, -line / 2, -line / 2)
            radius = rect.height() / 2
            if step <= self._current:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(theme.qcolor("primary"))
            else:
                painter.setPen(QPen(theme.qcolor("border"), line))
                painter.setBrush(theme.qcolor("background"))
            painter.drawRoundedRect(rect, radius, radius)
        painter.end()


class StepIndicator(LanguageAware, QWidget):
    """"Step 3 of 8" next to a row of 8 segments."""

    def __init__(self, parent: QWidget | None = None, current: int = 1, total: int = 1) -> None:
        super().__init__(parent)
        self.label = QLabel(self)
        set_role(self.label, "body")
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.segments = StepSegments(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(current_theme().margin_px)
        layout.addWidget(self.label, 0)
        layout.addWidget(self.segments, 1, Qt.AlignmentFlag.AlignVCenter)
        self._current = 1
        self._total = 1
        self.set_step(current, total)

    def set_step(self, current: int, total: int) -> None:
        """Show step `current` (1-based) of `total`."""
        if total < 1 or not 1 <= current <= total:
            raise ValueError(f"step {current} of {total} is not a step")
        self._current, self._total = current, total
        self.segments.set_step(current, total)
        self.retranslate()

    def current(self) -> int:
        return self._current

    def total(self) -> int:
        return self._total

    def retranslate(self) -> None:
        self.label.setText(self.tr("Step {current} of {total}").format(current=self._current, total=self._total))
        self.setAccessibleName(self.label.text())
