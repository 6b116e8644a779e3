"""Pick an administrative region level by level: province, then city and district (China)
or ward and commune (Viet Nam), from the lists the core reads from the data packages.

One level at a time, as big buttons in a scrolling list: a citizen finds their province
among 34 faster than they can type its name, and a pick can never be misspelt. The
levels already chosen stay above the list as buttons; tapping one chooses that level
again. What the levels are called comes from the core (`DivisionTree.level_kinds`).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QGridLayout, QHBoxLayout, QLabel, QPushButton, QScrollArea, QScroller, QSizePolicy, QVBoxLayout, QWidget,
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
        self.crumbs = QHBoxLayout()
        self.crumbs.setSpacing(theme.spacing_px)
        layout.addLayout(self.crumbs)
        self.prompt = QLabel(self)
        set_role(self.prompt, "hint")
        layout.addWidget(self.prompt)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        # Drag to scroll with a finger, as on a phone.
        QScroller.grabGesture(self.scroll.viewport(), QScroller.ScrollerGestureType.TouchGesture)
        layout.addWidget(self.scroll, 1)
        self._crumb_buttons: list[QPushButton] = []
        self._item_buttons: list[QPushButton] = []
        self.retranslate()

    # -- public ---------------------------------------------------------------------------
    def set_tree(self, tree: DivisionTree | None) -> None:
        self._tree = tree
        self.set_path(())

    def set_path(self, path: tuple[Region, ...]) -> None:
        self._path = tuple(path)
        self._rebuild()

    def path(self) -> tuple[Region, ...]:
        return self._path

    def is_complete(self) -> bool:
        return self._tree is not None and bool(self._path) and self._tree.is_leaf(self._path[-1].code)

    def item_names(self) -> list[str]:
        return [b.text() for b in self._item_buttons]

    # -- taps -----------------------------------------------------------------------------
    def _pick(self, region: Region) -> None:
        self._path = (*self._path, region)
        self._rebuild()
        self.changed.emit()
        if self.is_complete():
            self.completed.emit()

    def _back_to(self, level: int) -> None:
        self._path = self._path[:level]
        self._rebuild()
        self.changed.emit()

    # -- drawing --------------------------------------------------------------------------
    def retranslate(self) -> None:
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
                item.widget().deleteLater()
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
        page = QWidget()
        grid = QGridLayout(page)
        grid.setContentsMargins(0, 0, theme.spacing_px, 0)
        grid.setSpacing(theme.spacing_px)
        columns = self._columns([r.name for r in items])
        self._item_buttons = []
        for n, region in enumerate(items):
            b = touch_only(QPushButton(region.name, page))
            b.setObjectName(f"region_{region.code}")
            set_role(b, "key")
            b.setStyleSheet(f"font-size: {theme.button_px}px; min-width: {theme.touch_px}px;")
            b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            b.clicked.connect(lambda _c=False, r=region: self._pick(r))
            grid.addWidget(b, n // columns, n % columns)
            self._item_buttons.append(b)
        for c in range(columns):
            grid.setColumnStretch(c, 1)
        grid.setRowStretch(grid.rowCount(), 1)
        self._shown_columns = columns
        old = self.scroll.takeWidget()
        if old is not None:
            old.deleteLater()
        self.scroll.setWidget(page)
        self.scroll.setVisible(bool(items))
        self._refresh_prompt()

    def resizeEvent(self, event) -> None:  # noqa: N802, ANN001
        super().resizeEvent(event)
        if self._item_buttons and self._columns(self.item_names()) != getattr(self, "_shown_columns", 0):
            self._rebuild()

    def _columns(self, names: list[str]) -> int:
        """As many columns as the longest name allows (2 to 4): more names per screen
        means less scrolling."""
        if not names:
            return 1
        theme = current_theme()
        fm = QFontMetrics(fonts.ui_font(theme.button_px, QFont.Weight.Normal))
        widest = max(fm.horizontalAdvance(n) for n in names) + 2 * theme.padding_h_px + theme.spacing_px
        width = self.scroll.viewport().width() if self.isVisible() else 600
        return max(2, min(4, width // max(1, widest)))
