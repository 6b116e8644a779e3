"""Handwritten signature on the touch screen.

Touch screens deliver finger input as touch events (``QTouchEvent``) on most platforms
and as synthesized mouse events on others; the pad takes both, follows one finger only
(the first), and accepts touch events so Qt does not deliver the same stroke twice as
mouse events. Strokes are smoothed by drawing quadratic curves through the midpoints of
the sampled points, which removes the polygon look of 60 Hz sampling without lagging
behind the finger.

A tap or a short scratch is not a signature: `is_signed()` requires `min_ink_mm` of
ink. The export (`to_png`) is cropped to the ink, on white, as the application record
and receipt want it.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QBuffer, QByteArray, QEvent, QIODevice, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QTouchEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from ui import fonts
from ui.theme import Palette, current_theme
from ui.widgets.base import LanguageAware


def smooth_path(points: list[QPointF]) -> QPainterPath:
    """A path through `points`, rounded with quadratic curves between midpoints.

    A single point becomes a dot: a hair-long line drawn with a round cap (QPainterPath
    drops a zero-length one, and an empty path draws nothing).
    """
    path = QPainterPath(points[0])
    if len(points) == 1:
        path.lineTo(points[0] + QPointF(0.01, 0))
        return path
    for previous, current in zip(points[1:-1], points[2:]):
        mid = (previous + current) / 2
        path.quadTo(previous, mid)
    path.lineTo(points[-1])
    return path


def polyline_length(points: list[QPointF]) -> float:
    return sum(math.dist(a.toTuple(), b.toTuple()) for a, b in zip(points, points[1:]))


class SignaturePad(LanguageAware, QWidget):
    """Signature field with a baseline and a "Sign here" hint.

    Signal ``changed`` after each finished stroke and after `clear()`.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, *, min_ink_mm: float = 25.0, pen_mm: float = 0.8) -> None:
        super().__init__(parent)
        self.min_ink_mm = min_ink_mm
        self.pen_mm = pen_mm
        self._strokes: list[list[QPointF]] = []
        self._paths: list[QPainterPath] = []  # finished strokes, smoothed once
        self._current: list[QPointF] | None = None
        self._touch_id: int | None = None
        self._hint = ""
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, True)
        self.setAttribute(Qt.WidgetAttribute.WA_StaticContents, True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(current_theme().touch_px * 3)
        self.retranslate()

    def retranslate(self) -> None:
        self._hint = self.tr("Sign here")
        self.setAccessibleName(self._hint)
        self.update()

    # Queries ---------------------------------------------------------------------------
    def is_empty(self) -> bool:
        return not self._strokes and self._current is None

    def stroke_count(self) -> int:
        return len(self._strokes)

    def ink_length_px(self) -> float:
        return sum(polyline_length(stroke) for stroke in self._strokes)

    def is_signed(self) -> bool:
        """Enough ink to be a signature, not a tap or an accidental touch."""
        return self.ink_length_px() >= current_theme().mm_to_px(self.min_ink_mm)

    def strokes(self) -> list[list[tuple[float, float]]]:
        """Finished strokes as point lists in widget coordinates (for tests and replays)."""
        return [[p.toTuple() for p in stroke] for stroke in self._strokes]

    # Commands --------------------------------------------------------------------------
    def clear(self) -> None:
        had_ink = not self.is_empty()
        self._strokes.clear()
        self._paths.clear()
        self._current = None
        self._touch_id = None
        self.update()
        if had_ink:
            self.changed.emit()

    def to_image(self, margin_px: int = 24) -> QImage:
        """The ink on white, cropped to its bounds plus `margin_px` on each side."""
        if not self._strokes:
            raise ValueError("the signature pad is empty")
        pen = self._pen()
        pen.setColor(QColor(Palette().ink))   # paper's ink: the high-contrast pad's is white
        bounds = QRectF()
        for path in self._paths:
            bounds = bounds.united(path.boundingRect())
        pad = margin_px + pen.widthF() / 2
        bounds.adjust(-pad, -pad, pad, pad)
        image = QImage(math.ceil(bounds.width()), math.ceil(bounds.height()), QImage.Format.Format_RGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.translate(-bounds.topLeft())
        painter.setPen(pen)
        for path in self._paths:
            painter.drawPath(path)
        painter.end()
        return image

    def to_png(self, margin_px: int = 24) -> bytes:
        """PNG bytes of `to_image()`. Raises ValueError when nothing was drawn."""
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        if not self.to_image(margin_px).save(buffer, "PNG"):
            raise RuntimeError("PNG encoding failed")
        buffer.close()
        return bytes(data.data())

    # Input -----------------------------------------------------------------------------
    def _begin(self, pos: QPointF) -> None:
        self._current = [pos]
        self.update()

    def _extend(self, pos: QPointF) -> None:
        if self._current is None:
            return
        last = self._current[-1]
        if math.dist(last.toTuple(), pos.toTuple()) < 1.0:
            return  # sub-pixel jitter adds nothing but points
        self._current.append(pos)
        width = self._pen().widthF() * 2
        self.update(QRectF(last, pos).normalized().adjusted(-width, -width, width, width).toAlignedRect())

    def _end(self, pos: QPointF | None = None) -> None:
        if self._current is None:
            return
        if pos is not None:
            self._extend(pos)
        self._strokes.append(self._current)
        self._paths.append(smooth_path(self._current))
        self._current = None
        self.update()
        self.changed.emit()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            self._begin(event.position())
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._extend(event.position())
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            self._end(event.position())
        event.accept()

    def event(self, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd, QEvent.Type.TouchCancel):
            self._touch(event)  # type: ignore[arg-type]
            event.accept()
            return True
        return super().event(event)

    def _touch(self, event: QTouchEvent) -> None:
        if event.type() == QEvent.Type.TouchCancel:
            self._end()
            return
        for point in event.points():
            if self._touch_id is None and point.state() == point.State.Pressed:
                self._touch_id = point.id()
                self._begin(point.position())
            elif point.id() != self._touch_id:
                continue  # a second finger or a resting palm: ignored
            elif point.state() == point.State.Released:
                self._end(point.position())
                self._touch_id = None
            elif point.state() == point.State.Updated:
                self._extend(point.position())

    # Painting --------------------------------------------------------------------------
    def _pen(self) -> QPen:
        theme = current_theme()
        pen = QPen(theme.qcolor("ink"), max(3.0, theme.mm_to_px(self.pen_mm)))
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        return pen

    def _baseline_y(self) -> float:
        return self.height() * 0.72

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        theme = current_theme()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.fillRect(event.rect(), theme.qcolor("background"))
        border = theme.border_px
        painter.setPen(QPen(theme.qcolor("border"), border))
        painter.drawRoundedRect(
            QRectF(self.rect()).adjusted(border / 2, border / 2, -border / 2, -border / 2),
            theme.radius_px,
            theme.radius_px,
        )

        margin = theme.margin_px
        y = self._baseline_y()
        painter.setPen(QPen(theme.qcolor("border"), 2))
        painter.drawLine(QPointF(margin, y), QPointF(self.width() - margin, y))
        # A drawn cross at the start of the line, as on paper forms (no glyph needed).
        cross = theme.body_px * 0.35
        cx, cy = margin + cross, y - cross * 1.6
        painter.setPen(QPen(theme.qcolor("text_muted"), 3))
        painter.drawLine(QPointF(cx - cross, cy - cross), QPointF(cx + cross, cy + cross))
        painter.drawLine(QPointF(cx - cross, cy + cross), QPointF(cx + cross, cy - cross))
        if self.is_empty():
            painter.setFont(fonts.ui_font(theme.heading_px, QFont.Weight.Normal))
            painter.setPen(theme.qcolor("text_muted"))
            painter.drawText(
                QRectF(margin, 0, self.width() - 2 * margin, y - theme.spacing_px),
                int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom),
                self._hint,
            )

        painter.setPen(self._pen())
        for path in self._paths:
            painter.drawPath(path)
        if self._current:
            painter.drawPath(smooth_path(self._current))
        painter.end()
