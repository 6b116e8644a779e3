"""What every screen shares: it belongs to one workflow state, renders it, forwards taps.

A screen decides nothing. `update_from(workflow)` draws what the workflow's state and
session say; a tap calls one workflow method (through `act`, which never lets a stale
double tap crash the kiosk); `retranslate()` sets the screen's fixed texts and redraws
the dynamic ones, because those are translated while drawing.
"""

from __future__ import annotations

import logging
from typing import Any, Callable, ClassVar

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QImage, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.workflow.machine import InvalidTransition
from kiosk.workflow.states import State
from ui.messages import ProblemText
from ui import fonts
from ui.theme import current_theme, set_role
from ui.widgets.base import LanguageAware, touch_only

log = logging.getLogger(__name__)

# Label roles the voice guidance reads (not hints: labels of data, small print).
SPOKEN_ROLES = frozenset({"title", "heading", "body", "error", "choice-title"})


def unspoken(widget: QWidget) -> QWidget:
    """Keep `widget`'s text out of the voice guidance (the citizen's personal data)."""
    widget.setProperty("spoken", False)
    return widget


class Screen(LanguageAware, QWidget):
    """One full-screen page for `STATE`. Subclasses build widgets in `__init__`, set fixed
    texts in `translate()` and draw the workflow in `update_from()`."""

    STATE: ClassVar[State]

    def __init__(self, workflow: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workflow = workflow
        self.setObjectName(f"screen_{self.STATE.value}")
        self._active = False
        # The stack of screens must not grow to the largest page any state could show:
        # each screen is laid out for the window (tests check that each state fits).
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)

    # -- the contract with MainWindow --------------------------------------------------
    def update_from(self, workflow: Any) -> None:
        """Draw the workflow's current state (called on every workflow event)."""

    def translate(self) -> None:
        """Set the fixed texts of this screen in the current language."""

    def retranslate(self) -> None:
        self.translate()
        if self.workflow.state is self.STATE:
            self.update_from(self.workflow)

    def forget(self) -> None:
        """Drop everything personal this screen still shows (called when a session ends:
        hidden widgets must not keep a citizen's data until the next visit)."""

    def activate(self) -> None:
        """The screen became the visible one (start previews, timers)."""
        self._active = True

    def deactivate(self) -> None:
        """Another screen is shown now (stop previews, timers)."""
        self._active = False

    @property
    def active(self) -> bool:
        return self._active

    def spoken_texts(self) -> list[str]:
        """What the voice guidance reads of this screen: its visible instruction texts
        (titles, headings, body text, errors) in the order they were built, which is the
        order they are read. Labels holding the citizen's own data carry the property
        ``spoken=False`` (`unspoken`): a hall is not the place to hear one's ID number."""
        said = []
        for label in self.findChildren(QLabel):
            if (label.property("role") in SPOKEN_ROLES and label.property("spoken") is not False
                    and label.isVisibleTo(self) and label.text().strip()):
                said.append(label.text())
        return said

    def spoken_problem(self) -> list[str]:
        """The problem as this screen shows it: what happened and the next step."""
        said = []
        for box in self.findChildren(ProblemBox):
            if box.isVisibleTo(self):
                said += [box.message.text(), box.next_step.text() if box.next_step.isVisibleTo(box) else ""]
        return [text for text in said if text.strip()]

    # -- helpers -----------------------------------------------------------------------
    @property
    def session(self) -> Any:
        return self.workflow.session

    @property
    def config(self) -> Any:
        return self.workflow.config

    def act(self, action: Callable[[], Any]) -> None:
        """Run a workflow action for a tap. A tap that arrives after the state moved on
        (a double tap, a tap during a transition) is ignored instead of raising."""
        try:
            action()
        except InvalidTransition as exc:
            log.info("tap ignored: %s", exc)


def page_layout(widget: QWidget, direction: QBoxLayout.Direction = QBoxLayout.Direction.TopToBottom) -> QBoxLayout:
    theme = current_theme()
    layout = QBoxLayout(direction, widget)
    m = theme.margin_px
    # Little room above and below: keypads in large text need nearly the whole height.
    layout.setContentsMargins(round(m * 1.5), theme.spacing_px, round(m * 1.5), theme.spacing_px)
    layout.setSpacing(theme.spacing_px)
    return layout


def make_label(parent: QWidget, role: str = "body", name: str = "", *, center: bool = False) -> QLabel:
    """A word-wrapped plain-text label (wrapping everywhere: no translation is clipped)."""
    label = QLabel(parent)
    set_role(label, role)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if center:
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    if name:
        label.setObjectName(name)
    return label


def make_button(parent: QWidget, name: str, role: str = "secondary", slot: Callable[[], Any] | None = None) -> QPushButton:
    button = touch_only(QPushButton(parent))
    button.setObjectName(name)
    set_role(button, role)
    button.setMinimumHeight(current_theme().touch_px)
    if slot is not None:
        button.clicked.connect(lambda _checked=False: slot())
    return button


def column_widget(parent: QWidget, layout: QBoxLayout | QHBoxLayout | QVBoxLayout) -> QWidget:
    """`layout` in a widget whose width comes from its stretch factor alone (not from the
    size hints of wrapped text), so columns split the screen as the screen says."""
    holder = QWidget(parent)
    holder.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    layout.setContentsMargins(0, 0, 0, 0)
    holder.setLayout(layout)
    return holder


def button_row(
    parent: QWidget, *buttons: QPushButton, stretch_first: bool = True, center: bool = False
) -> QHBoxLayout:
    """Buttons side by side: right-aligned (the next step is on the right), or centred
    and wide for a screen whose only choice they are."""
    theme = current_theme()
    row = QHBoxLayout()
    row.setSpacing(theme.spacing_px * 2)
    if stretch_first or center:
        row.addStretch(1)
    for b in buttons:
        b.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        if center:
            # Through the stylesheet: the application's `min-width` would override setMinimumWidth.
            b.setStyleSheet(f"min-width: {theme.touch_px * 5}px;")
        row.addWidget(b)
    if center:
        row.addStretch(1)
    return row


class ProblemBox(QFrame):
    """A clear box: what went wrong (bold, red) and what to do next (plain)."""

    def __init__(self, parent: QWidget | None = None, name: str = "problem_box") -> None:
        super().__init__(parent)
        self.setObjectName(name)
        theme = current_theme()
        p = theme.palette
        # A faint red tint. The bold error text keeps 6.4:1 on it, above WCAG AAA's 4.5:1
        # for large text (bold and 28 px or more).
        self.setStyleSheet(
            f"QFrame#{name} {{ background: {p.problem_bg}; border: {theme.border_px}px solid {p.error};"
            f" border-radius: {theme.radius_px}px; }}"
        )
        self.message = make_label(self, "error", "problem_message")
        self.next_step = make_label(self, "body", "problem_next_step")
        layout = QVBoxLayout(self)
        m = theme.spacing_px * 2
        layout.setContentsMargins(m, m, m, m)
        layout.setSpacing(theme.spacing_px)
        layout.addWidget(self.message)
        layout.addWidget(self.next_step)
        # Height comes from the wrapped text (height-for-width); 'Maximum' would cap it at
        # the size hint, which Qt computes for a default width and so may be too short.
        self.hide()

    def show_problem(self, text: ProblemText | None) -> None:
        if text is None:
            self.hide()
            return
        self.message.setText(text.message)
        self.next_step.setText(text.next_step)
        self.next_step.setVisible(bool(text.next_step))
        self.show()


def jpeg_to_pixmap(data: bytes) -> QPixmap:
    image = QImage.fromData(data)
    return QPixmap.fromImage(image)


class PictureLabel(QLabel):
    """Shows a picture scaled into a fixed box, keeping its aspect ratio."""

    def __init__(self, parent: QWidget | None = None, width: int = 358, height: int = 441) -> None:
        super().__init__(parent)
        self._pixmap = QPixmap()
        self.setFixedSize(width, height)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setStyleSheet(f"border: 2px solid {current_theme().palette.border}; background: white;")

    def set_image(self, data: bytes | QPixmap | None) -> None:
        if data is None or (isinstance(data, bytes) and not data):
            self._pixmap = QPixmap()
            self.clear()
            return
        self._pixmap = data if isinstance(data, QPixmap) else jpeg_to_pixmap(data)
        self.setPixmap(
            self._pixmap.scaled(
                self.width() - 4,
                self.height() - 4,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )

    def has_image(self) -> bool:
        return not self._pixmap.isNull()


class FitLabel(QLabel):
    """One line that must never wrap or clip (an application number): its font shrinks
    to the label's width, down to `min_px`. (Sizes go through the widget's stylesheet,
    because the application stylesheet would override a plain setFont.)"""

    def __init__(self, parent: QWidget | None = None, px: int = 64, min_px: int = 24, colour: str = "") -> None:
        super().__init__(parent)
        self._px, self._min_px = px, min_px
        self._colour = colour or current_theme().palette.primary
        self._shown_px = 0
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self._fit()

    def setText(self, text: str) -> None:  # noqa: N802
        super().setText(text)
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit()

    def font_px(self) -> int:
        return self._shown_px

    def _fit(self) -> None:
        font = fonts.ui_font(self._px, QFont.Weight.Bold)
        width = max(1, self.contentsRect().width())
        px = self._px
        while px > self._min_px and QFontMetrics(font).horizontalAdvance(self.text()) > width:
            px = max(self._min_px, min(px - 1, int(px * width / max(1, QFontMetrics(font).horizontalAdvance(self.text())))))
            font.setPixelSize(px)
        if px != self._shown_px:
            self._shown_px = px
            self.setStyleSheet(f"font-size: {px}px; font-weight: 700; color: {self._colour};")
            self.setFixedHeight(QFontMetrics(font).height() + 4)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(0, self.height())
