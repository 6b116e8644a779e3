"""Maintenance mode's screens: the PIN pad, then the console (a menu of the pages the
role may use, and the page). They cover the citizen's screens while the mode is not
closed; `kiosk.operations.maintenance_mode.MaintenanceMode` decides everything."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ui import i18n
from ui.screens.base import make_button, make_label
from ui.screens.maintenance import words as w
from ui.screens.maintenance.device_tests_page import DeviceTestsPage
from ui.screens.maintenance.pages import (
    ConfigPage,
    ExportsPage,
    LogPage,
    OutOfServicePage,
    Page,
    QueuePage,
    StatusPage,
    VersionsPage,
)
from ui.screens.maintenance.pin_pad import PinPad
from ui.theme import current_theme, set_role
from ui.widgets import LanguageAware

IDLE_WARNING_S = 30

PAGE_CLASSES: tuple[type[Page], ...] = (
    StatusPage, DeviceTestsPage, QueuePage, ConfigPage, LogPage, OutOfServicePage, VersionsPage, ExportsPage,
)


class Console(LanguageAware, QWidget):
    """The menu of the role's pages, the page, and the way out. The technician picks the
    language of these screens here (the citizen's screens keep the kiosk's default)."""

    languageRequested = Signal(str)  # noqa: N815

    def __init__(self, mode: Any, parent: QWidget | None = None, languages: tuple[str, ...] = ()) -> None:
        super().__init__(parent)
        self.mode = mode
        self.setObjectName("maintenance_console")
        theme = current_theme()
        outer = QVBoxLayout(self)
        m = theme.margin_px
        outer.setContentsMargins(m, theme.spacing_px, m, theme.spacing_px)
        top = QHBoxLayout()
        self.title = make_label(self, "heading", "maintenance_title")
        self.idle = make_label(self, "hint", "maintenance_idle")
        self.title.setWordWrap(False)
        self.leave = make_button(self, "maintenance_leave", "danger", mode.leave)
        top.addWidget(self.title, 1)
        self.language_buttons: dict[str, QPushButton] = {}
        for lang in languages:
            button = make_button(self, f"maintenance_language_{lang}", "secondary",
                                 lambda lang=lang: self.languageRequested.emit(lang))
            button.setText(i18n.LANGUAGES[lang])   # each in its own script, never translated
            self.language_buttons[lang] = button
            top.addWidget(button)
        top.addWidget(self.leave)
        outer.addLayout(top)
        body = QHBoxLayout()
        body.setSpacing(m)
        menu = QVBoxLayout()
        menu.setSpacing(max(2, theme.spacing_px // 3))   # eight entries fit in large text too
        self.menu_group = QButtonGroup(self)
        self.menu_group.setExclusive(True)
        self.menu: dict[str, QPushButton] = {}
        self.pages: dict[str, Page] = {}
        self.stack = QStackedWidget(self)
        for cls in PAGE_CLASSES:
            button = make_button(self, f"maintenance_menu_{cls.PAGE}", "secondary", lambda p=cls.PAGE: mode.go(p))
            button.setCheckable(True)
            button.setStyleSheet("text-align: left;")
            self.menu_group.addButton(button)
            self.menu[cls.PAGE] = button
            menu.addWidget(button)
            page = cls(mode, self.stack)
            self.pages[cls.PAGE] = page
            self.stack.addWidget(page)
        menu.addStretch(1)
        menu.addWidget(self.idle)
        body.addLayout(menu)
        body.addWidget(self.stack, 1)
        outer.addLayout(body, 1)
        self._shown: Page | None = None
        for page in self.pages.values():
            page.retranslate()        # no LanguageChange comes if the language is already set
        self.retranslate()

    def retranslate(self) -> None:
        self.leave.setText(self.tr("Leave maintenance"))
        for page, button in self.menu.items():
            button.setText(w.word(w.PAGES, page))
        self.refresh()

    def refresh(self) -> None:
        mode = self.mode
        role = w.word(w.ROLES, mode.role) if mode.role else ""
        self.title.setText(self.tr("Maintenance · {role}").format(role=role))
        left = mode.idle_left_s()
        # Said only near the end, like the citizen's countdown: the room is the menu's.
        self.idle.setVisible(left <= IDLE_WARNING_S)
        self.idle.setText(self.tr("Closes when idle in {time}").format(time=w.duration(left)))
        allowed = set(mode.pages())
        for page, button in self.menu.items():
            button.setVisible(page in allowed)
            button.setChecked(page == mode.page)
            set_role(button, "primary" if page == mode.page else "secondary")   # the page shown, filled
        page = self.pages.get(mode.page)
        if page is None:
            return
        if page is not self._shown:
            if self._shown is not None:
                self._shown.deactivate()
            self.stack.setCurrentWidget(page)
            self._shown = page
        page.refresh()

    def deactivate(self) -> None:
        if self._shown is not None:
            self._shown.deactivate()
            self._shown = None


class MaintenanceView(LanguageAware, QWidget):
    """What the window shows instead of the citizen's screen while the mode is not closed."""

    def __init__(self, mode: Any, parent: QWidget | None = None, languages: tuple[str, ...] = ()) -> None:
        super().__init__(parent)
        self.mode = mode
        self.setObjectName("maintenance_view")
        # Like the citizen's screens: laid out for the window, never growing it.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.stack = QStackedWidget(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.pin = PinPad(mode, self.stack)
        self.console = Console(mode, self.stack, languages)
        self.stack.addWidget(self.pin)
        self.stack.addWidget(self.console)
        layout.addWidget(self.stack)

    def retranslate(self) -> None:
        pass   # the parts retranslate themselves

    def refresh(self) -> None:
        if self.mode.is_open:
            self.stack.setCurrentWidget(self.console)
            self.console.refresh()
        else:
            self.console.deactivate()
            self.stack.setCurrentWidget(self.pin)
            self.pin.refresh()

    def closed(self) -> None:
        self.console.deactivate()
        self.pin.reset()
