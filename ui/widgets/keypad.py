"""On-screen numeric keypad for ID numbers and phone numbers.

The citizen has no keyboard, often reads their ID number off a card held in the other
hand, and must be able to check it digit by digit. So the keypad shows one slot per
expected character, in the groups in which the number is printed (6-8-4 for a Chinese
18-digit ID number, 3-4-4 for a Chinese mobile number: screens ask
``kiosk.domain.country_rules``), with the next slot to fill marked. Whether the number is *valid* (check digits) is the core's business: screens pass
a validator (e.g. from ``kiosk.domain``) with `set_validator`, and the OK key only
lights up when it accepts the text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QKeyEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QPushButton, QSizePolicy, QWidget

from ui import fonts
from ui.theme import current_theme
from ui.widgets.keypad_base import KeypadBase

CHECK_CHARACTER = "X"  # ISO 7064 MOD 11-2 check value 10 on Chinese ID numbers


def group_sizes(grouping: Sequence[int], length: int) -> list[int]:
    """Sizes of the groups that `length` characters fall into.

    Characters beyond the grouping form one more group; a grouping longer than `length`
    is cut short. An empty grouping is one group.
    """
    sizes: list[int] = []
    remaining = length
    for size in grouping:
        if remaining <= 0:
            break
        if size <= 0:
            raise ValueError(f"group sizes must be positive, got {list(grouping)}")
        sizes.append(min(size, remaining))
        remaining -= sizes[-1]
    if remaining > 0:
        sizes.append(remaining)
    return sizes


def group_digits(text: str, grouping: Sequence[int], separator: str = " ") -> str:
    """`text` split into `grouping`'s groups, e.g. ``"110105 19491231 002X"``.

    Also for screens that show a typed number back (review screen).
    """
    parts: list[str] = []
    start = 0
    for size in group_sizes(grouping, len(text)):
        parts.append(text[start : start + size])
        start += size
    return separator.join(parts)


class KeypadDisplay(QWidget):
    """Shows the typed characters in slots: one underline per expected character, grouped.

    Custom-painted rather than a QLineEdit: no cursor to place, no selection, no system
    keyboard popping up, and empty slots say how many characters are still missing.
    """

    def __init__(self, parent: QWidget | None = None, max_length: int = 18, grouping: Sequence[int] = ()) -> None:
        super().__init__(parent)
        self._text = ""
        self._max_length = max_length
        self._grouping = tuple(grouping)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)

    def set_text(self, text: str) -> None:
        self._text = text
        self.setAccessibleName(group_digits(text, self._grouping))
        self.update()

    def set_format(self, max_length: int, grouping: Sequence[int]) -> None:
        self._max_length = max_length
        self._grouping = tuple(grouping)
        self.updateGeometry()
        self.update()

    # Layout of the slots ---------------------------------------------------------------
    def _font(self, pixel_size: int | None = None) -> QFont:
        theme = current_theme()
        return fonts.ui_font(pixel_size or theme.display_px, QFont.Weight.Bold)

    def _cell_metrics(self, font: QFont) -> tuple[float, float]:
        fm = QFontMetricsF(font)
        cell = max(fm.horizontalAdvance(c) for c in "0123456789" + CHECK_CHARACTER) * 1.15
        return cell, cell * 0.6  # slot width, gap between groups

    def _natural_width(self, font: QFont) -> float:
        cell, gap = self._cell_metrics(font)
        groups = group_sizes(self._grouping, self._max_length)
        return cell * self._max_length + gap * (len(groups) - 1)

    def sizeHint(self) -> QSize:  # noqa: N802
        theme = current_theme()
        font = self._font()
        fm = QFontMetricsF(font)
        pad = 2 * theme.margin_px
        return QSize(round(self._natural_width(font) + pad), round(fm.height() * 1.6 + theme.border_px * 2))

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        hint = self.sizeHint()
        return QSize(hint.width() // 2, hint.height())

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        theme = current_theme()
        pal = theme.palette
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        border = theme.border_px
        frame = QRectF(self.rect()).adjusted(border / 2, border / 2, -border / 2, -border / 2)
        painter.fillRect(self.rect(), theme.qcolor("background"))
        painter.setPen(QPen(theme.qcolor("border"), border))
        painter.drawRoundedRect(frame, theme.radius_px, theme.radius_px)

        font = self._font()
        available = self.width() - 2 * theme.margin_px
        natural = self._natural_width(font)
        if natural > available > 0:  # narrow layout: shrink the digits rather than clip them
            font = self._font(max(12, int(font.pixelSize() * available / natural)))
            natural = self._natural_width(font)
        cell, gap = self._cell_metrics(font)
        painter.setFont(font)
        fm = QFontMetricsF(font)
        x = (self.width() - natural) / 2
        text_top = (self.height() - fm.height()) / 2 - fm.height() * 0.08
        line_y = text_top + fm.height() + max(3.0, fm.height() * 0.08)
        line_w = max(3.0, fm.height() * 0.06)
        index = 0
        for group in group_sizes(self._grouping, self._max_length):
            for _ in range(group):
                slot = QRectF(x, text_top, cell, fm.height())
                if index < len(self._text):
                    painter.setPen(theme.qcolor("text"))
                    painter.drawText(slot, Qt.AlignmentFlag.AlignCenter, self._text[index])
                    pen = QPen(QColor(pal.text), line_w)
                elif index == len(self._text):
                    pen = QPen(QColor(pal.primary), line_w * 2)  # the slot the next key fills
                else:
                    pen = QPen(QColor(pal.placeholder), line_w)
                painter.setPen(pen)
                inset = cell * 0.12
                painter.drawLine(round(x + inset), round(line_y), round(x + cell - inset), round(line_y))
                x += cell
                index += 1
            x += gap
        painter.end()


class NumericKeypad(KeypadBase):
    """Digits 0-9, optionally the check character X, Delete, Clear and an optional OK key,
    above a slot display of what has been typed.

    The display (`display`, a `KeypadDisplay`) shrinks its digits when the keypad is
    narrower than 18 full-size slots; a screen that has the room can move it into its own
    layout (``layout.addWidget(keypad.display)``), e.g. full width above a keypad column.

    Signals: ``textChanged(str)`` after every change, ``confirmed(str)`` when OK is pressed
    (only possible while the validator accepts the text).
    """

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        max_length: int = 18,
        grouping: Sequence[int] = (6, 8, 4),
        allow_x: bool = False,
        show_ok: bool = True,
        validator: Callable[[str], bool] | None = None,
    ) -> None:
        """`allow_x`: offer the key X, accepted only as the last character (Chinese ID
        numbers). `validator`: decides when OK is enabled; default: all slots filled."""
        super().__init__(parent)
        if max_length <= 0:
            raise ValueError("max_length must be positive")
        self._max_length = max_length
        self._grouping = tuple(grouping)
        self._allow_x = allow_x
        self._validator = validator

        self.display = KeypadDisplay(self, max_length, grouping)
        self._digit_keys: dict[str, QPushButton] = {}
        for digit in "0123456789":
            self._digit_keys[digit] = self._key(digit, "key", lambda d=digit: self.press(d))
        self.x_key = self._key(CHECK_CHARACTER, "key", lambda: self.press(CHECK_CHARACTER))
        self._edit_keys()

        grid = self._key_grid()
        for i, digit in enumerate("123456789"):
            grid.addWidget(self._digit_keys[digit], i // 3, i % 3)
        if allow_x:
            grid.addWidget(self.x_key, 3, 0)
            grid.addWidget(self._digit_keys["0"], 3, 1)
            grid.addWidget(self.delete_key, 3, 2)
            grid.addWidget(self.clear_key, 4, 0)
            grid.addWidget(self.ok_key, 4, 1, 1, 2)
        else:
            self.x_key.hide()
            grid.addWidget(self.clear_key, 3, 0)
            grid.addWidget(self._digit_keys["0"], 3, 1)
            grid.addWidget(self.delete_key, 3, 2)
            grid.addWidget(self.ok_key, 4, 0, 1, 3)
        self.ok_key.setVisible(show_ok)

        self._stack(self.display, grid)
        self.retranslate()
        self._refresh()

    def retranslate(self) -> None:
        self.delete_key.setText(self.tr("Delete"))
        self.clear_key.setText(self.tr("Clear"))
        self.ok_key.setText(self.tr("OK"))
        self.x_key.setAccessibleName(self.tr("Check character X"))

    # Public API --------------------------------------------------------------------------
    def setText(self, text: str) -> None:  # noqa: N802 (Qt naming)
        """Show `text`, dropping characters the keypad cannot type and cutting it to
        `max_length`; emits ``textChanged`` when the text changes."""
        allowed = set("0123456789")
        cleaned = "".join(c for c in text.upper() if c in allowed or c == CHECK_CHARACTER)
        cleaned = cleaned[: self._max_length]
        if CHECK_CHARACTER in cleaned and not (self._allow_x and cleaned.index(CHECK_CHARACTER) == self._max_length - 1):
            cleaned = cleaned[: cleaned.index(CHECK_CHARACTER)]
        self._set(cleaned)

    def max_length(self) -> int:
        return self._max_length

    def set_format(self, max_length: int, grouping: Sequence[int] = ()) -> None:
        """Switch what is typed (e.g. from ID number to phone number); keeps what fits."""
        if max_length <= 0:
            raise ValueError("max_length must be positive")
        self._max_length = max_length
        self._grouping = tuple(grouping)
        self.display.set_format(max_length, grouping)
        self.setText(self._text)
        self._refresh()

    def grouped_text(self) -> str:
        return group_digits(self._text, self._grouping)

    def set_validator(self, validator: Callable[[str], bool] | None) -> None:
        """`validator(text)` decides when OK may be pressed; None: when every slot is filled."""
        self._validator = validator
        self._refresh()

    def press(self, key: str) -> None:
        """Type one character, as if its key were tapped (ignored when not allowed now)."""
        if not self._can_type(key):
            return
        self._set(self._text + key)

    def is_acceptable(self) -> bool:
        if self._validator is not None:
            return bool(self._text) and self._validator(self._text)
        return len(self._text) == self._max_length

    # Internals -------------------------------------------------------------------------
    def _can_type(self, key: str) -> bool:
        if len(self._text) >= self._max_length:
            return False
        if key == CHECK_CHARACTER:
            return self._allow_x and len(self._text) == self._max_length - 1
        return len(key) == 1 and key.isdigit() and key.isascii()

    def _refresh(self) -> None:
        self.display.set_text(self._text)
        full = len(self._text) >= self._max_length
        for key in self._digit_keys.values():
            key.setEnabled(not full)
        self.x_key.setEnabled(self._can_type(CHECK_CHARACTER))
        self.delete_key.setEnabled(bool(self._text))
        self.clear_key.setEnabled(bool(self._text))
        self.ok_key.setEnabled(self.is_acceptable())

    def _confirm(self) -> None:
        if self.is_acceptable():
            self.confirmed.emit(self._text)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        """Physical keys, for technicians and development machines only."""
        key = event.key()
        if Qt.Key.Key_0 <= key <= Qt.Key.Key_9:
            self.press(chr(key))
        elif key == Qt.Key.Key_X:
            self.press(CHECK_CHARACTER)
        elif key == Qt.Key.Key_Backspace:
            self.backspace()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._confirm()
        else:
            super().keyPressEvent(event)
