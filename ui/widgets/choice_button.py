"""A big option tile: a drawn symbol, a title and a one-line explanation.

Used where the citizen chooses (why they came: card expiring, damaged, lost; how they
collect the new card: at the station, by post). The symbol is drawn with QPainter
rather than taken from an emoji or icon font: emoji differ between font versions (or
are missing as tofu), and a drawn shape takes the theme's colours and scales to any size.
"""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from ui.theme import current_theme, set_role
from ui.widgets.base import pass_touches_through, touch_only


class Symbol(StrEnum):
    """The shapes a choice can show."""

    CARD = "card"                  # an ID card: renewal of an expiring card
    CARD_DAMAGED = "card_damaged"  # a card with a crack
    CARD_LOST = "card_lost"        # a dashed card outline with a question mark
    STATION = "station"            # a building: pick up at the police station
    POST = "post"                  # an envelope: delivery by post
    KEYPAD = "keypad"              # a grid of keys: type the number instead
    CAMERA = "camera"              # take the photo here
    RECEIPT = "receipt"            # a studio's photo receipt (scan its code)
    NONE = "none"


class SymbolView(QWidget):
    """Paints one `Symbol` in the theme's primary colour, square, scaling with its size."""

    def __init__(self, symbol: Symbol, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._symbol = symbol
        self._fit()

    def _fit(self) -> None:
        side = round(current_theme().touch_px * 1.5)
        self.setFixedSize(side, side)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.StyleChange:
            self._fit()  # large text switched on or off
        super().changeEvent(event)

    def symbol(self) -> Symbol:
        return self._symbol

    def set_symbol(self, symbol: Symbol) -> None:
        self._symbol = symbol
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802
        return self.size()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        if self._symbol is Symbol.NONE:
            return
        theme = current_theme()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        s = min(self.width(), self.height())
        painter.translate((self.width() - s) / 2, (self.height() - s) / 2)
        painter.scale(s / 100.0, s / 100.0)  # draw on a 100 x 100 canvas
        pen = QPen(theme.qcolor("primary"), 6)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        _DRAW[self._symbol](painter, theme.qcolor("primary"))
        painter.end()


def _card(p: QPainter, dashed: bool = False) -> None:
    if dashed:
        pen = p.pen()
        pen.setStyle(Qt.PenStyle.DashLine)
        p.setPen(pen)
    p.drawRoundedRect(QRectF(8, 22, 84, 56), 8, 8)
    if dashed:
        pen = p.pen()
        pen.setStyle(Qt.PenStyle.SolidLine)
        p.setPen(pen)
        return
    p.drawRoundedRect(QRectF(18, 36, 22, 28), 4, 4)  # portrait
    p.drawLine(QPointF(50, 40), QPointF(82, 40))      # text lines
    p.drawLine(QPointF(50, 52), QPointF(82, 52))
    p.drawLine(QPointF(50, 64), QPointF(72, 64))


def _draw_card(p: QPainter, colour) -> None:
    _card(p)


def _draw_card_damaged(p: QPainter, colour) -> None:
    _card(p)
    crack = QPainterPath(QPointF(60, 14))
    for x, y in ((52, 34), (64, 48), (50, 64), (58, 86)):
        crack.lineTo(x, y)
    pen = p.pen()
    pen.setColor(current_theme().qcolor("background"))
    pen.setWidthF(12)
    p.setPen(pen)
    p.drawPath(crack)  # a gap through the card ...
    pen.setColor(colour)
    pen.setWidthF(5)
    p.setPen(pen)
    p.drawPath(crack)  # ... with a jagged edge


def _draw_card_lost(p: QPainter, colour) -> None:
    _card(p, dashed=True)
    path = QPainterPath(QPointF(39, 40))
    path.cubicTo(39, 26, 61, 26, 61, 40)
    path.cubicTo(61, 50, 50, 50, 50, 59)
    p.drawPath(path)
    p.setBrush(colour)
    p.drawEllipse(QPointF(50, 69), 2.5, 2.5)
    p.setBrush(Qt.BrushStyle.NoBrush)


def _draw_station(p: QPainter, colour) -> None:
    roof = QPainterPath(QPointF(10, 36))
    roof.lineTo(50, 12)
    roof.lineTo(90, 36)
    roof.closeSubpath()
    p.drawPath(roof)
    for x in (24, 42, 58, 76):
        p.drawLine(QPointF(x, 42), QPointF(x, 76))
    p.drawLine(QPointF(12, 84), QPointF(88, 84))
    p.drawLine(QPointF(16, 42), QPointF(84, 42))


def _draw_post(p: QPainter, colour) -> None:
    p.drawRoundedRect(QRectF(10, 24, 80, 54), 6, 6)
    flap = QPainterPath(QPointF(12, 28))
    flap.lineTo(50, 56)
    flap.lineTo(88, 28)
    p.drawPath(flap)


def _draw_keypad(p: QPainter, colour) -> None:
    for row in range(3):
        for col in range(3):
            p.drawRoundedRect(QRectF(14 + col * 26, 14 + row * 26, 18, 18), 3, 3)


def _draw_camera(p: QPainter, colour) -> None:
    body = QPainterPath(QPointF(10, 34))
    body.lineTo(32, 34)
    body.lineTo(38, 22)
    body.lineTo(62, 22)
    body.lineTo(68, 34)
    body.lineTo(90, 34)
    body.lineTo(90, 80)
    body.lineTo(10, 80)
    body.closeSubpath()
    p.drawPath(body)
    p.drawEllipse(QPointF(50, 56), 15, 15)


def _draw_receipt(p: QPainter, colour) -> None:
    outline = QPainterPath(QPointF(22, 10))
    outline.lineTo(78, 10)
    outline.lineTo(78, 90)
    for i, x in enumerate((71, 64, 57, 50, 43, 36, 29, 22)):
        outline.lineTo(x, 84 if i % 2 == 0 else 90)
    outline.closeSubpath()
    p.drawPath(outline)
    x = 31.0
    for width in (2, 4, 2, 2, 5, 2, 4, 2):  # a barcode: filled bars, no outline
        p.fillRect(QRectF(x, 24, width, 28), colour)
        x += width + 3

    p.drawLine(QPointF(32, 64), QPointF(68, 64))
    p.drawLine(QPointF(32, 74), QPointF(58, 74))


_DRAW = {
    Symbol.CARD: _draw_card,
    Symbol.CARD_DAMAGED: _draw_card_damaged,
    Symbol.CARD_LOST: _draw_card_lost,
    Symbol.STATION: _draw_station,
    Symbol.POST: _draw_post,
    Symbol.KEYPAD: _draw_keypad,
    Symbol.CAMERA: _draw_camera,
    Symbol.RECEIPT: _draw_receipt,
}


class ChoiceButton(QPushButton):
    """A large tile: symbol on the left, title and subtitle on the right.

    A QPushButton, so ``clicked``, ``setCheckable``/``setChecked`` (for a selection that
    must be confirmed, e.g. the pick-up method) and ``setEnabled`` work as usual; the
    stylesheet role ``choice`` draws the tile. Texts are the caller's, already translated:
    call `set_texts` again from the screen's ``retranslate``.
    """

    def __init__(
        self,
        title: str = "",
        subtitle: str = "",
        symbol: Symbol = Symbol.NONE,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        touch_only(self)
        set_role(self, "choice")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        theme = current_theme()

        self.symbol_view = pass_touches_through(SymbolView(symbol, self))
        self.title_label = pass_touches_through(QLabel(self))
        set_role(self.title_label, "choice-title")
        self.subtitle_label = pass_touches_through(QLabel(self))
        set_role(self.subtitle_label, "choice-subtitle")
        for label in (self.title_label, self.subtitle_label):
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)

        self._texts = texts = QVBoxLayout()
        texts.setSpacing(max(4, theme.spacing_px // 3))
        texts.addStretch(1)
        texts.addWidget(self.title_label)
        texts.addWidget(self.subtitle_label)
        texts.addStretch(1)
        row = QHBoxLayout(self)
        row.setContentsMargins(theme.margin_px, theme.spacing_px, theme.margin_px, theme.spacing_px)
        row.setSpacing(theme.margin_px)
        row.addWidget(self.symbol_view, 0, Qt.AlignmentFlag.AlignVCenter)
        row.addLayout(texts, 1)
        self.set_texts(title, subtitle)

    def set_texts(self, title: str, subtitle: str = "") -> None:
        self.title_label.setText(title)
        self.subtitle_label.setText(subtitle)
        self.subtitle_label.setVisible(bool(subtitle))
        self.setAccessibleName(title)
        self.setAccessibleDescription(subtitle)
        # Sizes right at once, not after the next event loop pass (invalidate does not recurse).
        self._texts.invalidate()
        self.layout().invalidate()
        self.updateGeometry()

    def title(self) -> str:
        return self.title_label.text()

    def subtitle(self) -> str:
        return self.subtitle_label.text()

    def set_symbol(self, symbol: Symbol) -> None:
        self.symbol_view.set_symbol(symbol)

    # QPushButton sizes itself from its own text; ours is in the child layout.
    def sizeHint(self) -> QSize:  # noqa: N802
        hint = self.layout().sizeHint()
        return hint.expandedTo(QSize(current_theme().touch_px * 4, round(current_theme().touch_px * 1.6)))

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return self.layout().minimumSize().expandedTo(QSize(current_theme().touch_px, current_theme().touch_px))

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return max(self.layout().totalHeightForWidth(width), round(current_theme().touch_px * 1.6))
