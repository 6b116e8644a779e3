"""Live camera picture with the guidance the citizen needs to take their own portrait.

The picture is shown mirrored, as a mirror shows a face: moving left moves the picture
left, which is what people expect when they centre themselves. Over it: a guide oval
(the area outside is dimmed), the detected face's box, an instruction banner ("Come a
little closer") and, just before an automatic capture, a big countdown number.

This widget runs at the camera's frame rate, so painting is kept cheap:

* `set_frame` copies a frame exactly once: the numpy buffer is wrapped by a QImage
  (no copy) and converted to Qt's native 32-bit format (the copy, ~1 ms for 720p). The
  copy also detaches the picture from the camera's buffer, which a driver may reuse.
* Scaling and mirroring happen while painting (a painter transform, no extra image).
* Geometry (picture rectangle, dimming path, oval, fonts) is computed when the size, the
  frame size or the theme changes, not on every frame; the instruction text's layout is
  cached in a QStaticText.

Frames must be given in the GUI thread: deliver them from a worker with a queued signal.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRect, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QResizeEvent,
    QStaticText,
    QTextOption,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from ui import fonts
from ui.theme import Theme, current_theme
from ui.widgets.base import LanguageAware

if TYPE_CHECKING:  # numpy loads with the camera, after the first screen
    import numpy as np

RectLike = QRect | QRectF | tuple[float, float, float, float]

# The guide oval, as fractions of the picture: where a well-framed head sits.
OVAL_HEIGHT = 0.66
OVAL_ASPECT = 0.76   # width / height of a head seen from the front
OVAL_CENTRE_Y = 0.41  # above centre: leaves room for the instruction banner below
# The code guide ("hold the code inside the frame"): a rounded frame, as phones show.
CODE_FRAME_SIDE = 0.62
CODE_FRAME_ASPECT = 1.5
GUIDE_SHAPES = ("oval", "code")


def frame_to_qimage(frame: np.ndarray) -> QImage:
    """A Qt-owned 32-bit copy of a BGR (H x W x 3) or grey (H x W) uint8 frame."""
    import numpy as np

    if frame.dtype != np.uint8:
        raise ValueError(f"frames must be uint8, got {frame.dtype}")
    if frame.ndim == 3 and frame.shape[2] == 3:
        fmt = QImage.Format.Format_BGR888
    elif frame.ndim == 2:
        fmt = QImage.Format.Format_Grayscale8
    else:
        raise ValueError(f"frames must be H x W x 3 (BGR) or H x W (grey), got shape {frame.shape}")
    if not frame.flags.c_contiguous:
        frame = np.ascontiguousarray(frame)  # a cropped or strided view: rare, costs a second copy
    height, width = frame.shape[:2]
    wrapped = QImage(frame.data, width, height, frame.strides[0], fmt)  # a view: no copy
    return wrapped.convertToFormat(QImage.Format.Format_RGB32)  # the one copy


def _as_rectf(rect: RectLike) -> QRectF:
    if isinstance(rect, QRectF):
        return QRectF(rect)
    if isinstance(rect, QRect):
        return QRectF(rect)
    x, y, w, h = rect
    return QRectF(float(x), float(y), float(w), float(h))


class CameraView(LanguageAware, QWidget):
    """Mirrored live picture with guide oval, face box, instruction and countdown."""

    def __init__(self, parent: QWidget | None = None, *, mirrored: bool = True) -> None:
        super().__init__(parent)
        self._image: QImage | None = None
        self._frame_size = QSize()
        self._mirrored = mirrored
        self._face_box: QRectF | None = None
        self._instruction = ""
        self._countdown: int | None = None
        self._guide_visible = True
        self._guide_shape = "oval"
        self._guide_ok = False
        self._waiting_text = ""
        self.painted_frames = 0  # paint events that drew a camera picture (diagnostics, tests)

        # Cached geometry, see _relayout().
        self._theme: Theme | None = None
        self._picture = QRectF()
        self._oval = QRectF()
        self._dim_path = QPainterPath()
        self._guide_path = QPainterPath()
        self._banner_font = QFont()
        self._countdown_font = QFont()
        self._countdown_disc = QRectF()
        self._instruction_text = QStaticText()
        self._dirty = True

        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.retranslate()

    def retranslate(self) -> None:
        self._waiting_text = self.tr("Starting the camera…")
        self.update()

    # Public API --------------------------------------------------------------------------
    def set_frame(self, frame: np.ndarray) -> None:
        """Show `frame` (BGR or grey uint8, any size; the aspect ratio is kept)."""
        image = frame_to_qimage(frame)
        if image.size() != self._frame_size:
            self._frame_size = image.size()
            self._dirty = True
        self._image = image
        self.update()

    def clear_frame(self) -> None:
        """Back to the "starting the camera" placeholder (camera closed or lost)."""
        self._image = None
        self._frame_size = QSize()
        self._dirty = True
        self.update()

    def set_mirrored(self, mirrored: bool) -> None:
        self._mirrored = mirrored
        self.update()

    def set_guide_visible(self, visible: bool) -> None:
        self._guide_visible = visible
        self.update()

    def set_guide_shape(self, shape: str) -> None:
        """"oval" (a head) or "code" (a square frame for a code held up to the camera)."""
        if shape not in GUIDE_SHAPES:
            raise ValueError(f"unknown guide shape {shape!r}")
        if shape != self._guide_shape:
            self._guide_shape = shape
            self._dirty = True
            self.update()

    def guide_shape(self) -> str:
        return self._guide_shape

    def set_guide_ok(self, ok: bool) -> None:
        """Mark the guide oval as satisfied (green and thicker): the face is where it
        should be. Colour is never the only sign: the instruction says so too."""
        if ok != self._guide_ok:
            self._guide_ok = ok
            self.update()

    def guide_ok(self) -> bool:
        return self._guide_ok

    def face_box(self) -> QRectF | None:
        """The face box shown, in frame pixels (None when hidden)."""
        return None if self._face_box is None else QRectF(self._face_box)

    def set_face_box(self, rect: RectLike | None) -> None:
        """The detected face in *frame* pixel coordinates (unmirrored, as the detector
        reports it), or None to hide the box."""
        self._face_box = None if rect is None else _as_rectf(rect)
        self.update()

    def set_instruction(self, text: str) -> None:
        """The banner text (already translated by the caller); empty hides the banner."""
        if text != self._instruction:
            self._instruction = text
            self._dirty = True
            self.update()

    def set_countdown(self, seconds: int | None) -> None:
        """A big number beside the oval before an automatic capture; None hides it."""
        self._countdown = seconds
        self.update()

    def instruction(self) -> str:
        return self._instruction

    def countdown(self) -> int | None:
        return self._countdown

    def countdown_rect(self) -> QRectF:
        """Where the countdown's disc is drawn (widget coordinates)."""
        self._ensure_layout()
        return QRectF(self._countdown_disc)

    def guide_rect(self) -> QRectF:
        """The bounding box of the guide oval, where the face belongs."""
        self._ensure_layout()
        return QRectF(self._oval)

    def frame_size(self) -> QSize:
        return QSize(self._frame_size)

    def picture_rect(self) -> QRectF:
        """Where the picture is drawn in widget coordinates (letterboxed)."""
        self._ensure_layout()
        return QRectF(self._picture)

    def frame_rect_to_widget(self, rect: RectLike) -> QRectF:
        """Map a rectangle in frame pixels to widget coordinates, mirroring if shown mirrored."""
        self._ensure_layout()
        r = _as_rectf(rect)
        if self._frame_size.isEmpty():
            return QRectF()
        sx = self._picture.width() / self._frame_size.width()
        sy = self._picture.height() / self._frame_size.height()
        x = self._frame_size.width() - r.right() if self._mirrored else r.left()
        return QRectF(self._picture.left() + x * sx, self._picture.top() + r.top() * sy, r.width() * sx, r.height() * sy)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(1280, 720)

    # Layout ------------------------------------------------------------------------------
    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        self._dirty = True
        super().resizeEvent(event)

    def _ensure_layout(self) -> None:
        theme = current_theme()
        if self._dirty or theme is not self._theme:
            self._relayout(theme)

    def _relayout(self, theme: Theme) -> None:
        self._theme = theme
        self._dirty = False
        area = QRectF(self.rect())
        if self._frame_size.isEmpty():
            self._picture = area
        else:
            fitted = QSizeF(self._frame_size).scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
            self._picture = QRectF(QPointF(0, 0), fitted)
            self._picture.moveCenter(area.center())
        p = self._picture
        if self._guide_shape == "code":
            # Wider than high: a card's QR code fits, and so does a receipt's barcode.
            side = p.height() * CODE_FRAME_SIDE
            self._oval = QRectF(0, 0, min(p.width() * 0.85, side * CODE_FRAME_ASPECT), side)
        else:
            oval_h = p.height() * OVAL_HEIGHT
            self._oval = QRectF(0, 0, oval_h * OVAL_ASPECT, oval_h)
        self._oval.moveCenter(QPointF(p.center().x(), p.top() + p.height() * OVAL_CENTRE_Y))
        self._guide_path = QPainterPath()
        if self._guide_shape == "code":
            radius = self._oval.width() * 0.06
            self._guide_path.addRoundedRect(self._oval, radius, radius)
        else:
            self._guide_path.addEllipse(self._oval)
        self._dim_path = QPainterPath()
        self._dim_path.setFillRule(Qt.FillRule.OddEvenFill)
        self._dim_path.addRect(p)
        self._dim_path.addPath(self._guide_path)

        self._banner_font = fonts.ui_font(theme.heading_px, QFont.Weight.Bold)
        # Beside the oval, never over it: the citizen must see their own face while the
        # count runs (a number over it made people move to look past it).
        room = p.right() - self._oval.right()
        side = max(12.0, min(min(self._oval.width(), self._oval.height()) * 0.6, room * 0.85))
        self._countdown_disc = QRectF(0, 0, side, side)
        self._countdown_disc.moveCenter(QPointF(self._oval.right() + room / 2, self._oval.top() + side / 2))
        # The theme's size, unless the view is too small for it (a preview thumbnail).
        self._countdown_font = fonts.ui_font(max(12, min(theme.countdown_px, round(side * 0.6))), QFont.Weight.Bold)
        self._instruction_text = QStaticText(self._instruction)
        self._instruction_text.setTextFormat(Qt.TextFormat.PlainText)
        self._instruction_text.setTextWidth(max(1.0, p.width() - 2 * theme.margin_px))
        option = QTextOption(Qt.AlignmentFlag.AlignHCenter)
        option.setWrapMode(QTextOption.WrapMode.WordWrap)
        self._instruction_text.setTextOption(option)
        self._instruction_text.prepare(font=self._banner_font)

    # Painting ----------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        self._ensure_layout()
        theme = self._theme or current_theme()
        painter = QPainter(self)
        painter.fillRect(self.rect(), theme.qcolor("text"))  # letterbox: very dark blue, calm
        p = self._picture
        if self._image is None:
            # No guide without a picture: there is nothing to align yet.
            painter.setPen(QColor("white"))
            painter.setFont(self._banner_font)
            margin = theme.margin_px
            painter.drawText(
                p.adjusted(margin, margin, -margin, -margin),
                int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap),
                self._waiting_text,
            )
            painter.end()
            return

        painter.save()
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        if self._mirrored:
            painter.translate(p.left() + p.right(), 0)  # x -> left + right - x
            painter.scale(-1, 1)
        painter.drawImage(p, self._image)
        painter.restore()
        self.painted_frames += 1

        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        if self._guide_visible:
            painter.fillPath(self._dim_path, QColor(0, 0, 0, 110))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            if self._guide_ok:
                width = max(8, theme.border_px * 3)
                painter.setPen(QPen(QColor(0, 0, 0, 120), width + 4))  # halo: visible on light walls
                painter.drawPath(self._guide_path)
                painter.setPen(QPen(theme.qcolor("success"), width))
            else:
                painter.setPen(QPen(QColor("white"), max(4, theme.border_px + 1)))
            painter.drawPath(self._guide_path)

        if self._face_box is not None and not self._frame_size.isEmpty():
            box = self.frame_rect_to_widget(self._face_box)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(QColor(0, 0, 0, 150), 8))  # dark halo: visible on a white wall
            painter.drawRoundedRect(box, 12, 12)
            painter.setPen(QPen(theme.qcolor("primary_soft"), 4))
            painter.drawRoundedRect(box, 12, 12)

        if self._instruction:
            self._paint_banner(painter, theme)
        if self._countdown is not None:
            self._paint_countdown(painter, theme)
        painter.end()

    def _paint_banner(self, painter: QPainter, theme: Theme) -> None:
        p = self._picture
        text_size = self._instruction_text.size()
        pad = theme.spacing_px * 1.5
        height = text_size.height() + 2 * pad
        banner = QRectF(p.left(), p.bottom() - height, p.width(), height)
        colour = theme.qcolor("primary")
        colour.setAlpha(225)
        painter.fillRect(banner, colour)
        painter.setPen(theme.qcolor("on_primary"))
        painter.setFont(self._banner_font)
        painter.drawStaticText(QPointF(p.left() + theme.margin_px, banner.top() + pad), self._instruction_text)

    def _paint_countdown(self, painter: QPainter, theme: Theme) -> None:
        disc = self._countdown_disc
        colour = theme.qcolor("primary")
        colour.setAlpha(200)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawEllipse(disc)
        painter.setPen(theme.qcolor("on_primary"))
        painter.setFont(self._countdown_font)
        painter.drawText(disc, Qt.AlignmentFlag.AlignCenter, str(self._countdown))
