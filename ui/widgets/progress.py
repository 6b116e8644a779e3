"""What the citizen sees during every wait: a message, a progress bar, the time waited.

A wait without a visible sign of life makes people tap again, pull the card out or walk
away. When the work can count its steps (reading a chip's files, sending an
application) the bar fills with a percentage; when it cannot (waiting for the printer),
it moves back and forth. The elapsed-seconds hint shows that the machine has not hung.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QRectF, Qt, QTimer
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QProgressBar, QSizePolicy, QVBoxLayout, QWidget

from ui.theme import current_theme, set_role
from ui.widgets.base import LanguageAware


class ContrastProgressBar(QProgressBar):
    """A progress bar whose percentage stays readable over the filled part too.

    With a styled chunk, Qt draws the text in one colour: dark text vanishes on the dark
    fill once the bar passes the middle. Here the style draws the bar without its text
    (transparent), and the text is painted twice, clipped: light over the fill, dark
    over the rest (written by hand because no style option does it).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet("QProgressBar { color: transparent; }")

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        super().paintEvent(event)
        span = self.maximum() - self.minimum()
        if not self.isTextVisible() or span <= 0:
            return
        theme = current_theme()
        inner = QRectF(self.rect()).adjusted(theme.border_px, theme.border_px, -theme.border_px, -theme.border_px)
        share = (self.value() - self.minimum()) / span
        filled = QRectF(inner.left(), inner.top(), inner.width() * max(0.0, min(1.0, share)), inner.height())
        rest = QRectF(filled.right(), inner.top(), inner.right() - filled.right(), inner.height())
        painter = QPainter(self)
        painter.setFont(self.font())
        for area, colour in ((filled, "on_primary"), (rest, "text")):
            painter.save()
            painter.setClipRect(area)
            painter.setPen(theme.qcolor(colour))
            painter.drawText(inner, Qt.AlignmentFlag.AlignCenter, self.text())
            painter.restore()
        painter.end()


class BusyPanel(LanguageAware, QWidget):
    """Message + progress bar (determinate or busy) + optional "waiting for N s" hint.

    The message is the caller's (already translated; call `set_message` again from the
    screen's own ``retranslate``). Without one, the panel says "Please wait…".
    """

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        show_elapsed: bool = True,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """`clock` returns seconds; injectable so tests need not wait."""
        super().__init__(parent)
        self._clock = clock
        self._started = clock()
        self._custom_message: str | None = None
        self._show_elapsed = show_elapsed

        theme = current_theme()
        self.message = QLabel(self)
        set_role(self.message, "heading")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setTextFormat(Qt.TextFormat.PlainText)

        self.bar = ContrastProgressBar(self)
        self.bar.setTextVisible(True)
        self.bar.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

        self.elapsed = QLabel(self)
        set_role(self.elapsed, "hint")
        self.elapsed.setAlignment(Qt.AlignmentFlag.AlignCenter)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(theme.margin_px, theme.margin_px, theme.margin_px, theme.margin_px)
        layout.setSpacing(theme.spacing_px * 2)
        layout.addStretch(1)
        layout.addWidget(self.message)
        layout.addWidget(self.bar)
        layout.addWidget(self.elapsed)
        layout.addStretch(1)

        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self.refresh_elapsed)
        self.set_busy()
        self.retranslate()

    def retranslate(self) -> None:
        if self._custom_message is None:
            self.message.setText(self.tr("Please wait…"))
        self.refresh_elapsed()

    # Public API --------------------------------------------------------------------------
    def set_message(self, text: str | None) -> None:
        """The caller's message; None brings back the default "Please wait…"."""
        self._custom_message = text
        self.message.setText(text if text is not None else self.tr("Please wait…"))

    def set_busy(self) -> None:
        """Indeterminate: the bar moves without a percentage."""
        self.bar.setRange(0, 0)
        self.bar.setValue(-1)
        self.bar.setTextVisible(False)

    def set_progress(self, done: int, total: int, *, percentage: bool = True) -> None:
        """Determinate: `done` of `total` steps, shown as a percentage unless the
        message already says how far (`percentage=False`)."""
        if total <= 0:
            self.set_busy()
            return
        self.bar.setRange(0, total)
        self.bar.setValue(max(0, min(done, total)))
        self.bar.setFormat("%p%")
        self.bar.setTextVisible(percentage)

    def is_busy(self) -> bool:
        return self.bar.maximum() == 0

    def percent(self) -> int | None:
        """The percentage shown, or None when busy."""
        if self.is_busy():
            return None
        span = self.bar.maximum() - self.bar.minimum()
        return round(100 * (self.bar.value() - self.bar.minimum()) / span)

    def restart(self) -> None:
        """A new wait begins: elapsed time back to zero, bar busy, default message."""
        self._started = self._clock()
        self._custom_message = None
        self.set_busy()
        self.retranslate()

    def set_show_elapsed(self, show: bool) -> None:
        self._show_elapsed = show
        self.refresh_elapsed()

    def elapsed_seconds(self) -> int:
        return max(0, int(self._clock() - self._started))

    def refresh_elapsed(self) -> None:
        seconds = self.elapsed_seconds()
        visible = self._show_elapsed and seconds >= 1
        self.elapsed.setText(self.tr("Waiting for {seconds} s").format(seconds=seconds) if visible else "")
        # An empty label keeps its height, so the layout does not jump when it appears.
        self.elapsed.setMinimumHeight(self.elapsed.fontMetrics().height())

    # Each appearance is a new wait; the timer runs only while visible.
    def showEvent(self, event) -> None:  # noqa: N802
        self._started = self._clock()
        self._timer.start()
        self.refresh_elapsed()
        super().showEvent(event)

    def hideEvent(self, event) -> None:  # noqa: N802
        self._timer.stop()
        super().hideEvent(event)
