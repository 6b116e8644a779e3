"""Pick an administrative region level by level: province, then city and district (China)
or ward and commune (Viet Nam), from the lists the core reads from the data packages.

One level at a time, as big buttons, a page at a time: a citizen finds their province
among 34 faster than they can type its name, and a pick can never be misspelt. Pages
with "More" rather than a scrolling list, because a swipe is a gesture many elderly
citizens do not know, while a button says what it does. The
levels already chosen stay above the list as buttons; tapping one chooses that level
again. What the levels are called comes from the core (`DivisionTree.level_kinds`).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QGridLayout, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget,
)

from kiosk.domain.admin_divisions import DivisionTree
from kiosk.domain.postal_address import Region
from ui import fonts
from ui.theme import current_theme, set_role
from ui.widgets.base import LanguageAware, touch_only

PROMPTS = {
    "province": QT_TRANSLATE_NOOP("RegionPicker", "Choose your province"),
    "city": QT_TRANSLATE_NOOP("RegionPicker", "Choose your city"),
    "district": QT_TRANSLATE_NOOP("RegionPicker", "Choose your district or county"),
    "ward": QT_TRANSLATE_NOOP("RegionPicker", "Choose your ward or commune"),
}


# Room for the picker below the reach line before the screen has measured it (a picker
# outside a window): the lower two thirds of the layout height less the header strip.
DEFAULT_ROOM_PX = 1080 * 2 // 3 - 180


class RegionPicker(LanguageAware, QWidget):
    """Signals: ``changed()`` after every pick; ``completed()`` when the last level is picked."""

    changed = Signal()
    completed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        theme = current_theme()
        self._tree: DivisionTree | None = None
        self._path: tuple[Region, ...] = ()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(theme.spacing_px)
        # Everything at the bottom, the chosen levels and the list alike: all of it is
        # touched, and the top third of a standing kiosk is out of a seated citizen's reach.
        layout.addStretch(1)
        self.crumbs = QHBoxLayout()
        self.crumbs.setSpacing(theme.spacing_px)
        layout.addLayout(self.crumbs)
        self.prompt = QLabel(self)
        set_role(self.prompt, "hint")
        layout.insertWidget(1, self.prompt)   # above the chosen levels: read, not touched
        self.items_host = _Host(self)
        self.items_host.resized.connect(self._host_resized)
        self.items_host.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.items_grid = QGridLayout(self.items_host)
        self.items_grid.setContentsMargins(0, 0, 0, 0)
        self.items_grid.setSpacing(theme.spacing_px)
        layout.addWidget(self.items_host)
        nav = QHBoxLayout()
        nav.setSpacing(theme.spacing_px)
        self.prev_page = touch_only(QPushButton(self))
        self.prev_page.setObjectName("region_prev")
        self.next_page = touch_only(QPushButton(self))
        self.next_page.setObjectName("region_next")
        for b, step in ((self.prev_page, -1), (self.next_page, 1)):
            set_role(b, "key-action")
            b.clicked.connect(lambda _c=False, step=step: self._turn(step))
        self.page_label = QLabel(self)
        set_role(self.page_label, "hint")
        self.page_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        nav.addWidget(self.prev_page, 2)
        nav.addWidget(self.page_label, 1)
        nav.addWidget(self.next_page, 2)
        layout.addLayout(nav)
        self._page = 0
        self._per_page = 0
        self._room = DEFAULT_ROOM_PX
        self._crumb_buttons: list[QPushButton] = []
        self._item_buttons: list[QPushButton] = []
        self.retranslate()

    # -- public ---------------------------------------------------------------------------
    def set_tree(self, tree: DivisionTree | None) -> None:
        self._tree = tree
        self.set_path(())

    def set_path(self, path: tuple[Region, ...]) -> None:
        self._path = tuple(path)
        self._page = 0
        self._rebuild()

    def path(self) -> tuple[Region, ...]:
        return self._path

    def is_complete(self) -> bool:
        return self._tree is not None and bool(self._path) and self._tree.is_leaf(self._path[-1].code)

    def set_room(self, height_px: int) -> None:
        """The height the picker has below the reach line. Called by the screen before the
        picker is shown (never while it is: the list laid out again replaces the buttons
        under the finger)."""
        if height_px != self._room:
            self._room = height_px
            self._rebuild()

    def item_names(self) -> list[str]:
        return [b.text() for b in self._item_buttons]

    # -- taps -----------------------------------------------------------------------------
    def _turn(self, step: int) -> None:
        self._page += step
        self._rebuild()

    def _pick(self, region: Region) -> None:
        self._page = 0
        self._path = (*self._path, region)
        self._rebuild()
        self.changed.emit()
        if self.is_complete():
            self.completed.emit()

    def _back_to(self, level: int) -> None:
        self._page = 0
        self._path = self._path[:level]
        self._rebuild()
        self.changed.emit()

    # -- drawing --------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.prev_page.setText(self.tr("Previous"))
        self.next_page.setText(self.tr("More"))
        self._refresh_prompt()

    def _refresh_prompt(self) -> None:
        if self._tree is None:
            self.prompt.setText("")
            return
        level = min(len(self._path), len(self._tree.level_kinds) - 1)
        if self.is_complete():
            self.prompt.setText("")
        else:
            self.prompt.setText(QCoreApplication.translate("RegionPicker", PROMPTS[self._tree.level_kinds[level]]))

    def _rebuild(self) -> None:
        theme = current_theme()
        while self.crumbs.count():
            item = self.crumbs.takeAt(0)
            if item.widget() is not None:
                _discard(item.widget())
        self._crumb_buttons = []
        for i, region in enumerate(self._path):
            b = touch_only(QPushButton(region.name, self))
            b.setObjectName(f"region_level_{i}")
            set_role(b, "key-action")
            b.clicked.connect(lambda _c=False, i=i: self._back_to(i))
            self.crumbs.addWidget(b)
            self._crumb_buttons.append(b)
        self.crumbs.addStretch(1)
        items = () if self._tree is None or self.is_complete() else self._tree.children(
            self._path[-1].code if self._path else ""
        )
        while self.items_grid.count():
            item = self.items_grid.takeAt(0)
            if item.widget() is not None:
                _discard(item.widget())
        columns = self._columns([r.name for r in items])
        rows = self._rows()
        fm = QFontMetrics(fonts.ui_font(theme.button_px, QFont.Weight.Bold))
        host_width = self.items_host.width() if self.isVisible() and self.items_host.width() > 0 else 600
        cell = (host_width - (columns - 1) * theme.spacing_px) / columns - 2 * (theme.padding_h_px + theme.border_px)
        self._per_page = per_page = max(1, rows * columns)
        pages = max(1, -(-len(items) // per_page))
        self._page = max(0, min(self._page, pages - 1))
        shown = items[self._page * per_page:(self._page + 1) * per_page]
        self._item_buttons = []
        for n, region in enumerate(shown):
            b = touch_only(QPushButton(region.name, self.items_host))
            b.setObjectName(f"region_{region.code}")
            set_role(b, "key")
            # A name too long for its column (Thành phố Đà Nẵng in large text) gets smaller
            # type rather than a column of its own: fewer pages to turn.
            size = theme.button_px if fm.horizontalAdvance(region.name) <= cell else theme.hint_px
            # min-height is inside the border: the key is key_px high outside, as counted.
            b.setStyleSheet(f"font-size: {size}px; min-width: {theme.touch_px}px; padding: 0px 4px;"
                            f" min-height: {theme.key_px - 2 * theme.border_px}px;")
            b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            b.clicked.connect(lambda _c=False, r=region: self._pick(r))
            self.items_grid.addWidget(b, n // columns, n % columns)
            self._item_buttons.append(b)
        for c in range(4):
            self.items_grid.setColumnStretch(c, 1 if c < columns else 0)
        self.items_grid.setRowStretch(rows, 1)
        self.items_host.setFixedHeight(rows * theme.key_px + (rows - 1) * theme.spacing_px)
        self._shown_columns, self._shown_rows = columns, rows
        self.prev_page.setEnabled(self._page > 0)
        self.next_page.setEnabled(self._page < pages - 1)
        # Always there (disabled on a single page), so the items' area keeps its height
        # and the rows that fit in it never change with the page count.
        self.page_label.setText(f"{self._page + 1} / {pages}")
        self._refresh_prompt()

    def _rows(self) -> int:
        """Rows a page: what fits below the reach line (`set_room`) once the chosen levels,
        the prompt and the page buttons have their height. Counted from the room, not from
        the list's laid-out size, so that the list does not lay itself out again (and
        replace the buttons) while it is shown."""
        theme = current_theme()
        # Chosen levels and page buttons: a key high each; four gaps between the parts.
        fixed = 2 * (theme.key_px + 2 * theme.border_px) + 4 * theme.spacing_px
        return max(1, (self._room - fixed + theme.spacing_px) // (theme.key_px + theme.spacing_px))

    def _host_resized(self) -> None:
        if self._tree is not None and (
            self._columns(self.item_names()) != getattr(self, "_shown_columns", 0)
        ):
            QTimer.singleShot(0, self._rebuild)   # not inside the resize that asked for it

    def _columns(self, names: list[str]) -> int:
        """As many columns as the longest name allows (2 to 4): more names per screen
        means less scrolling."""
        if not names:
            return 1
        theme = current_theme()
        fm = QFontMetrics(fonts.ui_font(theme.button_px, QFont.Weight.Normal))
        widest = max(fm.horizontalAdvance(n) for n in names) + 2 * theme.padding_h_px + theme.spacing_px
        width = self.items_host.width() if self.isVisible() and self.items_host.width() > 0 else 600
        return max(2, min(4, width // max(1, widest)))


def _discard(widget: QWidget) -> None:
    """Out of sight at once (a deleteLater'd widget lingers until the event loop runs)."""
    widget.hide()
    widget.setParent(None)
    widget.deleteLater()


class _Host(QWidget):
    """The items' area: says when its size changed (the rows and columns follow it)."""

    resized = Signal()

    def resizeEvent(self, event) -> None:  # noqa: N802, ANN001
        super().resizeEvent(event)
        self.resized.emit()
