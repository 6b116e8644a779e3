"""The kiosk's one window: a stack of screens that follows the workflow.

The window subscribes to the workflow and shows the screen of its state; every other
workflow event ('progress', 'busy', 'problem', 'portraits') redraws the current
screen. With a voice guide (`kiosk.voice.guide`, given by the launcher) the window
supplies the words the narrator asks for (`spoken_words`: what the screen shows), turns the
guide on and off with the welcome screen's toggle, offers 'Repeat' and 'Louder' in the
header while it speaks, and cuts the speech on every tap. It also owns what belongs to no single screen: the header (step, language,
cancel), the 1 Hz tick that drives the idle countdown and the goodbye timer, the
application-wide touch filter that tells the workflow someone is there, the "Are you
still there?" overlay and the cancel confirmation.

Maintenance mode (`kiosk.operations.maintenance_mode`), when the launcher gives one, covers
the citizen's screens while it is not closed: the welcome and out-of-service screens pass
presses on their own background to it (the corner gesture), the service key opens its PIN
pad, and the window's tick closes it when idle. The workflow behind keeps running (health
may take the kiosk out of service meanwhile); its screen shows again when the mode closes.

A kiosk window must not be closable by a passer-by: in full-screen mode close events
are ignored unless the application quits on purpose (`request_quit`, and maintenance
mode's `request_restart` / `request_exit`), and the keys that ask to leave a window
(Escape, Alt+F4, Ctrl+Alt+Backspace, ... see `is_escape_key`) do nothing. Under a bare X
server without a window manager `showFullScreen()` alone does not fill the screen, so
the geometry is set to the screen's too.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeyEvent, QKeySequence, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QMainWindow,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.workflow.machine import InvalidTransition
from kiosk.workflow.states import CITIZEN_CANCEL_STATES, STEP_COUNT, State
from ui import i18n
from ui.screens import SCREENS, Screen
from ui.messages import problem_text
from ui.screens.base import make_button, make_label
from ui.theme import apply_theme, current_theme, set_role, set_style_property
from ui.widgets import IdleCountdownOverlay, LanguageAware, StepIndicator, ToggleButton, voice_icons

log = logging.getLogger(__name__)

NO_HEADER_STATES = frozenset({State.WELCOME})
TICK_MS = 1000
GESTURE_STATES = (State.WELCOME, State.OUT_OF_SERVICE)   # where the corner gesture is watched
XF86_SWITCH_VT_1 = 0x1008FE01   # xkbcommon-keysyms.h


def service_key(name: str) -> int | None:
    """The Qt key of `maintenance.service_key` ("F12"), None for none."""
    return getattr(Qt.Key, f"Key_{name}", None) if name else None


def _compact(button: QPushButton) -> None:
    """A bottom bar's button: the touch height, and the gap between border and words of
    its height rather than the wider one of a page's buttons (the stylesheet's
    ``compact`` rule), so that eight fit in large text; the large-text and contrast
    toggles lose their tile height (the bar's height is the keypads' room below reach)."""
    set_style_property(button, "compact", True)


class Header(LanguageAware, QFrame):
    """Language switcher · large text · high contrast · Cancel, at the bottom of the
    window (within reach of a seated citizen); "Step N of M" in a strip of its own at the
    top (`step_bar`: nothing to touch there, and it is read first). On every screen but
    the welcome."""

    def __init__(self, window: "MainWindow", step_parent: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self.setObjectName("header")
        theme = current_theme()
        p = theme.palette
        self.setStyleSheet(f"QFrame#header {{ background: {p.surface}; border-top: {theme.border_px}px solid {p.border}; }}")
        self.step_bar = QFrame(step_parent)
        self.step_bar.setObjectName("step_bar")
        self.step_bar.setStyleSheet(
            f"QFrame#step_bar {{ background: {p.surface}; border-bottom: {theme.border_px}px solid {p.border}; }}")
        self.steps = StepIndicator(self.step_bar)
        self.steps.setObjectName("header_steps")
        strip = QHBoxLayout(self.step_bar)
        strip.setContentsMargins(theme.margin_px * 2, theme.spacing_px // 2, theme.margin_px * 2, theme.spacing_px // 2)
        strip.addWidget(self.steps, 1)
        self.step_bar.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.languages = QButtonGroup(self)
        self.languages.setExclusive(True)
        self.language_buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout(self)
        # Up to eight buttons in one row (voice on): in large text they need the whole
        # width, so the margins and gaps are the keypads' (8 px still parts two fingers'
        # targets), and the buttons are compact (`_compact`).
        gap = theme.spacing_px // 2 if theme.large_text else theme.spacing_px
        side = theme.spacing_px if theme.large_text else theme.margin_px
        row.setContentsMargins(side, theme.spacing_px // 2, side, theme.spacing_px // 2)
        row.setSpacing(gap)
        row.addStretch(1)
        for lang in window.config.kiosk.languages:
            button = make_button(self, f"language_{lang}", "secondary", lambda lang=lang: window.switch_language(lang))
            button.setText(i18n.LANGUAGES[lang])  # each in its own script, never translated
            button.setCheckable(True)
            self.languages.addButton(button)
            self.language_buttons[lang] = button
            row.addWidget(button)
        self.large_text = ToggleButton(self, "header_large_text")
        self.large_text.toggled.connect(lambda on: window.set_display(large_text=on))
        self.contrast = ToggleButton(self, "header_contrast")
        self.contrast.toggled.connect(lambda on: window.set_display(high_contrast=on))
        row.addWidget(self.large_text)
        row.addWidget(self.contrast)
        # Shown while the voice guidance is on: hear it again, louder (back to the default
        # volume after the session).
        # A loudspeaker picture each, their words as accessible names (`ui.widgets.voice_icons`).
        self.repeat = make_button(self, "header_repeat", "secondary", window.repeat_speech)
        self.louder = make_button(self, "header_louder", "secondary", window.louder)
        icon_px = theme.touch_px   # the content height of a bar button: no taller bar
        for button, kind in ((self.repeat, voice_icons.REPEAT), (self.louder, voice_icons.LOUDER)):
            button.setIcon(voice_icons.voice_icon(kind, icon_px, theme.qcolor("primary")))
            button.setIconSize(QSize(icon_px, icon_px))
            row.addWidget(button)
        self.cancel = make_button(self, "header_cancel", "danger", window.ask_cancel)
        row.addWidget(self.cancel)
        for button in self.findChildren(QPushButton):
            _compact(button)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.retranslate()

    def retranslate(self) -> None:
        self.cancel.setText(self.tr("Cancel"))
        self.large_text.set_label(self.tr("Large text"))
        self.contrast.set_label(self.tr("High contrast"))
        self.repeat.setAccessibleName(self.tr("Repeat"))
        self.louder.setAccessibleName(self.tr("Louder"))

    def setVisible(self, visible: bool) -> None:  # noqa: N802
        super().setVisible(visible)
        if not visible:
            self.step_bar.hide()

    def update_from(self, workflow: Any, language: str) -> None:
        step = workflow.step
        self.step_bar.setVisible(step is not None and not self.isHidden())
        if step is not None:
            self.steps.set_step(step, STEP_COUNT)
        self.cancel.setVisible(workflow.state in CITIZEN_CANCEL_STATES)
        theme = current_theme()
        self.large_text.set_checked_quietly(theme.large_text)
        self.contrast.set_checked_quietly(theme.high_contrast)
        self.repeat.setVisible(self._window.voice_on)
        self.louder.setVisible(self._window.voice_on)
        for lang, button in self.language_buttons.items():
            button.setChecked(lang == language)
            set_role(button, "primary" if lang == language else "secondary")  # the one in use, filled


class ConfirmOverlay(LanguageAware, QWidget):
    """A question over a dimmed window with two big answers. Not a QMessageBox: that one
    has small buttons, a title bar, and runs a nested event loop."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("confirm_overlay")
        theme = current_theme()
        self.card = QFrame(self)
        set_role(self.card, "card")
        self.question = make_label(self.card, "heading", "confirm_question", center=True)
        self.yes = make_button(self.card, "confirm_yes", "danger", self._yes)
        self.no = make_button(self.card, "confirm_no", "primary", self.hide)
        for b in (self.yes, self.no):
            b.setMinimumHeight(round(theme.touch_px * 1.4))
            b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        buttons = QHBoxLayout()
        buttons.setSpacing(theme.margin_px)
        buttons.addWidget(self.no)
        buttons.addWidget(self.yes)
        layout = QVBoxLayout(self.card)
        m = theme.margin_px * 2
        layout.setContentsMargins(m, m, m, m)
        layout.setSpacing(theme.margin_px)
        layout.addWidget(self.question)
        layout.addLayout(buttons)
        self._on_yes: Any = None
        self.hide()
        self.retranslate()

    def retranslate(self) -> None:
        self.question.setText(self.tr("Cancel your application? Everything you entered will be deleted."))
        self.yes.setText(self.tr("Yes, cancel"))
        self.no.setText(self.tr("No, continue"))
        if self.isVisible():
            self._place()

    def ask(self, on_yes: Any) -> None:
        self._on_yes = on_yes
        self._place()
        self.show()
        self.raise_()

    def _place(self) -> None:
        self.ensurePolished()  # the stylesheet's font sizes decide how many lines wrap
        parent = self.parentWidget()
        self.setGeometry(parent.rect())
        theme = current_theme()
        width = min(max(parent.width() * 0.55, theme.touch_px * 9), parent.width() - 2 * theme.margin_px)
        # adjustSize() ignores height-for-width: ask the layout how tall the wrapped text is.
        height = self.card.layout().totalHeightForWidth(round(width))
        self.card.setFixedSize(round(width), max(height, self.card.minimumSizeHint().height()))
        self.card.move((self.width() - self.card.width()) // 2, (self.height() - self.card.height()) // 2)

    def _yes(self) -> None:
        self.hide()
        if self._on_yes is not None:
            self._on_yes()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.fillRect(self.rect(), current_theme().qcolor("scrim"))
        painter.end()

    def mousePressEvent(self, event: Any) -> None:  # noqa: N802
        event.accept()  # a tap beside the card answers nothing (and reaches nothing below)


def is_escape_key(event: QKeyEvent) -> bool:
    """A key press that asks to leave the window somewhere: Escape, Alt+F4, Ctrl+W/Q,
    Alt+Tab, Ctrl+Alt+Backspace (X's "kill the server") and Ctrl+Alt+F1..F12 (switch the
    virtual terminal). Under cage without -s every one of them reaches the kiosk: cage
    keeps none for itself (tests/integration/boot)."""
    key = event.key()
    mods = event.modifiers() & (
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.MetaModifier
    )
    ctrl_alt = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
    if key == Qt.Key.Key_Escape:
        return True
    if mods == Qt.KeyboardModifier.AltModifier and key in (Qt.Key.Key_F4, Qt.Key.Key_Tab):
        return True
    if mods == Qt.KeyboardModifier.ControlModifier and key in (Qt.Key.Key_W, Qt.Key.Key_Q):
        return True
    if mods == ctrl_alt and (key == Qt.Key.Key_Backspace or Qt.Key.Key_F1 <= key <= Qt.Key.Key_F12):
        return True
    # Ctrl+Alt+Fn as XKB turns it into: the keysyms XF86Switch_VT_1..12, which Qt has no key for.
    return XF86_SWITCH_VT_1 <= event.nativeVirtualKey() <= XF86_SWITCH_VT_1 + 11


class _TouchFilter(QObject):
    """Application-wide: every press means somebody is there; no key closes the kiosk."""

    PRESSES = frozenset({QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin, QEvent.Type.TabletPress})

    def __init__(self, window: "MainWindow") -> None:
        super().__init__(window)
        self._window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        kind = event.type()
        if kind in self.PRESSES:
            # One event reaches the filter once per receiver up the chain; touch() is cheap.
            self._window.workflow.touch()
            if self._window.voice is not None:
                self._window.voice.stop()     # a tap cuts the speech (Section 508 402)
            if self._window.maintenance is not None:
                self._window.maintenance.touch()
        elif kind in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride) and self._window.is_locked():
            key_event: QKeyEvent = event  # type: ignore[assignment]
            if is_escape_key(key_event):
                if kind == QEvent.Type.KeyPress and not key_event.isAutoRepeat():
                    # Which key, never what was typed: only these combinations are named.
                    log.info("key %s ignored: the kiosk window is locked",
                             QKeySequence(key_event.keyCombination()).toString())
                return True
        return False


class _CornerWatch(QObject):
    """Presses on a screen's own background (not on its buttons) go to maintenance mode,
    which counts the corner gesture; the screen itself never learns of it."""

    def __init__(self, window: "MainWindow") -> None:
        super().__init__(window)
        self._window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.MouseButtonPress and isinstance(watched, QWidget):
            pos = event.position()  # type: ignore[attr-defined]
            self._window.corner_tap(watched, pos.x(), pos.y())
        return False


class MainWindow(QMainWindow):
    """The kiosk window for `workflow`. `fullscreen` defaults to the configuration's."""

    def __init__(self, workflow: Any, config: Any | None = None, *, fullscreen: bool | None = None,
                 maintenance: Any = None, voice: Any = None) -> None:
        super().__init__()
        self.workflow = workflow
        self.maintenance = maintenance
        self.voice = voice
        self.config = config if config is not None else workflow.config
        self.fullscreen = self.config.ui.fullscreen if fullscreen is None else fullscreen
        self.setObjectName("main_window")
        self.setWindowTitle("ID card renewal")
        self._quitting = False
        self.quit_reason = ""        # "restart" or "exit" when maintenance asked to quit
        self._language = i18n.current_language()
        self._large_text = bool(self.config.ui.large_text)
        self._high_contrast = bool(self.config.ui.high_contrast)
        self._rebuild_pending = False
        self.screens: dict[State, Screen] = {}
        self._current: Screen | None = None
        self._shown_state: State | None = None
        self._apply_display(self._large_text, self._high_contrast)
        self._corner_watch = _CornerWatch(self)
        self.maintenance_view: Any = None
        self._build()

        workflow.subscribe(self._on_event)
        if maintenance is not None:
            maintenance.subscribe(self._on_maintenance)
        self.tick_listeners: list[Any] = []   # called after each tick (the voice's refresh)
        self.tick_timer = QTimer(self)
        self.tick_timer.setInterval(TICK_MS)
        self.tick_timer.timeout.connect(self._tick)
        self.tick_timer.start()
        self._filter = _TouchFilter(self)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self._filter)
        self._show_state()

    # -- building -------------------------------------------------------------------------
    def _build(self) -> None:
        """(Re)create every screen with the current theme: sizes are read from the theme
        when widgets are built, so a switch to large text rebuilds rather than patches."""
        old = self.centralWidget()
        if self._current is not None:
            self._current.deactivate()
        for screen in self.screens.values():
            screen.deactivate()
        central = QWidget(self)
        central.setObjectName("central")
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        self.header = Header(self, central)
        self.stack = QStackedWidget(central)
        column.addWidget(self.header.step_bar)
        column.addWidget(self.stack, 1)
        # At the bottom, not the top: within reach of a seated or short citizen (a standing
        # kiosk's top third is out of reach from a wheelchair).
        column.addWidget(self.header)
        # Screens are built when first shown (or by `build_screens` when the kiosk is
        # idle): building all fourteen before the first one shows made the start slower.
        self.screens = {}
        self.maintenance_view = None     # built when maintenance first shows (`_show_maintenance`)
        self._screen(State.WELCOME)
        self.idle_overlay = IdleCountdownOverlay(central)
        self.idle_overlay.setObjectName("idle_overlay")
        self.idle_overlay.stayRequested.connect(self.workflow.stay)
        self.confirm = ConfirmOverlay(central)
        self.setCentralWidget(central)  # deletes the old one
        self._current = None
        if old is not None:
            old.deleteLater()

    def _add_maintenance_view(self) -> None:
        # Built on first entry, not with the window: its dozens of widgets took half a
        # second of the GUI thread right after the start, when the watchdog's pings and
        # the first citizen's taps need it. A technician waits that once.
        if self.maintenance is not None and self.maintenance_view is None:
            from ui.screens.maintenance import MaintenanceView

            self.maintenance_view = MaintenanceView(self.maintenance, self.stack, tuple(self.config.kiosk.languages))
            self.maintenance_view.console.languageRequested.connect(self._apply_language)
            self.stack.addWidget(self.maintenance_view)

    def attach_voice(self, voice: Any) -> None:
        """The voice guide, given once it is built (after the first paint): it takes the
        choice the welcome screen's toggle holds by now."""
        self.voice = voice
        welcome = self.screens.get(State.WELCOME)
        if welcome is not None:
            voice.set_enabled(welcome.voice.isChecked())
        for button in (self.header.repeat, self.header.louder):
            button.setVisible(self.voice_on)
        if voice.enabled and self._current is not None:
            voice.say(*self.spoken_words("screen"))

    def attach_maintenance(self, maintenance: Any) -> None:
        """Maintenance mode given after the window was built: the launcher assembles it
        once the devices and the queue it tests have loaded, after the welcome showed."""
        if self.maintenance is not None or maintenance is None:
            return
        self.maintenance = maintenance
        maintenance.subscribe(self._on_maintenance)
        for state in GESTURE_STATES:
            screen = self.screens.get(state)
            if screen is not None:
                screen.installEventFilter(self._corner_watch)

    def _screen(self, state: State) -> Screen:
        """The screen of `state`, built now if it has not been yet."""
        screen = self.screens.get(state)
        if screen is None:
            screen = SCREENS[state](self.workflow, self.stack)
            self.screens[state] = screen
            self.stack.addWidget(screen)
            if state is State.WELCOME:
                screen.large_text.set_checked_quietly(self._large_text)
                screen.contrast.set_checked_quietly(self._high_contrast)
                screen.largeTextToggled.connect(lambda on: self.set_display(large_text=on))
                screen.contrastToggled.connect(lambda on: self.set_display(high_contrast=on))
                if self.voice is not None:
                    screen.voice.set_checked_quietly(self.voice.enabled)   # a rebuild keeps the choice
                screen.voiceToggled.connect(self._voice_toggled)
            if self.maintenance is not None and state in GESTURE_STATES:
                screen.installEventFilter(self._corner_watch)
        return screen

    def build_screens(self) -> None:
        """Build the screens not built yet, one per turn of the event loop, so that a tap
        meanwhile is answered at once (the start-up calls this once the welcome shows)."""
        missing = [state for state in SCREENS if state not in self.screens]
        if missing:
            self._screen(missing[0])
            if len(missing) > 1:
                QTimer.singleShot(0, self, self.build_screens)   # none once the window is gone

    # -- workflow events ---------------------------------------------------------------------
    def _on_event(self, event: str, workflow: Any) -> None:
        if event == "state":
            self._show_state()
        elif event == "language":
            self._apply_language(workflow.session.language)
        elif event == "idle":
            self._show_idle()
        elif event == "display":
            s = workflow.session
            self._display_changed(s.large_text, s.high_contrast)
        elif self._current is not None:
            self._current.update_from(workflow)
        self.header.update_from(workflow, self._language)

    def _show_state(self) -> None:
        if self.maintenance is not None and self.maintenance.showing:
            self._show_maintenance()
            return
        wf = self.workflow
        state = wf.state
        if wf.session.is_wiped():
            for screen in self.screens.values():
                screen.forget()
        arrived = state is not self._shown_state
        self._shown_state = state
        if arrived and state in (State.WELCOME, State.OUT_OF_SERVICE):
            # The next citizen starts with the configured text size and choices.
            self.confirm.hide()
            self._screen(State.WELCOME).reset()
            configured = (bool(self.config.ui.large_text), bool(self.config.ui.high_contrast))
            if (self._large_text, self._high_contrast) != configured:
                self._set_display(*configured)
                return  # _set_display rebuilt the screens and showed the state
        if state not in CITIZEN_CANCEL_STATES:
            self.confirm.hide()
        language = wf.session.language or (
            self.config.kiosk.default_language if state in (State.WELCOME, State.OUT_OF_SERVICE) else ""
        )
        if language:
            self._apply_language(language)
        screen = self._screen(state)
        if screen is not self._current:
            if self._current is not None:
                self._current.deactivate()
            self.stack.setCurrentWidget(screen)
            self._current = screen
            screen.activate()
        screen.update_from(wf)
        self.header.setVisible(state not in NO_HEADER_STATES)
        self.header.update_from(wf, self._language)
        self._show_idle()

    def _show_idle(self) -> None:
        left = self.workflow.idle_seconds_left
        if left is None:
            self.idle_overlay.hide_countdown()
        else:
            self.confirm.hide()
            self.idle_overlay.show_countdown(left)

    def _tick(self) -> None:
        self.workflow.tick()
        for listener in self.tick_listeners:
            listener()
        mode = self.maintenance
        if mode is not None and not mode.tick() and mode.showing and self.maintenance_view is not None:
            self.maintenance_view.refresh()      # countdowns, live status

    # -- maintenance -----------------------------------------------------------------------
    def corner_tap(self, screen: QWidget, x: float, y: float) -> None:
        if self.maintenance is not None and screen is self._current:
            self.maintenance.tap(x, y, screen.width(), screen.height())

    def service_key(self) -> None:
        if self.maintenance is not None:
            self.maintenance.service_key()

    def _on_maintenance(self) -> None:
        if self.maintenance is not None and self.maintenance.showing:
            self._show_maintenance()
        else:
            if self.maintenance_view is not None:
                self.maintenance_view.closed()
            self._show_state()

    def _show_maintenance(self) -> None:
        if self.voice is not None:
            self.voice.stop()             # the citizen's guidance does not talk over a technician
        self._add_maintenance_view()
        view = self.maintenance_view
        if view is None:
            return
        if self._large_text or self._high_contrast:
            # The technician's screens are laid out for the normal size (they hold far more
            # than a citizen's); the welcome screen restores the configured size afterwards.
            self._set_display(False, False)   # rebuilds, then shows this view again
            return
        if self._current is not None:
            self._current.deactivate()
            self._current = None
        self._shown_state = None     # the citizen's screen arrives afresh when the mode closes
        self.confirm.hide()
        self.idle_overlay.hide_countdown()
        self.header.hide()
        if self.stack.currentWidget() is not view:
            self.stack.setCurrentWidget(view)
        view.refresh()

    # -- language and text size ------------------------------------------------------------
    def switch_language(self, lang: str) -> None:
        """Header tap: the session's language (if there is a session) and the screen's."""
        if self.workflow.session.session_id:
            self.workflow.set_language(lang)   # notifies 'language'
        else:
            self._apply_language(lang)         # goodbye: nothing to record, just show it
        self.header.update_from(self.workflow, self._language)

    def _apply_language(self, lang: str) -> None:
        if not lang or lang == self._language:
            return
        self._language = lang
        app = QApplication.instance()
        if app is not None:
            i18n.set_language(app, lang)   # every widget gets LanguageChange and retranslates

    @property
    def language(self) -> str:
        return self._language

    def set_display(self, *, large_text: bool | None = None, high_contrast: bool | None = None) -> None:
        """A toggle's tap: the session records the look (it holds until the session ends);
        before a session (welcome) the window just shows it."""
        large = self._large_text if large_text is None else large_text
        contrast = self._high_contrast if high_contrast is None else high_contrast
        if self.workflow.session.session_id:
            self.workflow.set_display(large_text=large, high_contrast=contrast)   # notifies 'display'
        else:
            self._display_changed(large, contrast)

    def _display_changed(self, large: bool, contrast: bool) -> None:
        # Deferred: the toggle that asked for it is rebuilt too, and is still in its handler.
        self._large_text, self._high_contrast = large, contrast
        if not self._rebuild_pending:
            self._rebuild_pending = True
            QTimer.singleShot(0, lambda: self._set_display(self._large_text, self._high_contrast))

    @staticmethod
    def _apply_display(large: bool, contrast: bool) -> None:
        app = QApplication.instance()
        theme = current_theme()
        if (theme.large_text, theme.high_contrast) != (large, contrast) and app is not None:
            apply_theme(app, theme.with_display(large_text=large, high_contrast=contrast))

    def _set_display(self, large: bool, contrast: bool) -> None:
        self._rebuild_pending = False
        self._large_text, self._high_contrast = large, contrast
        self._apply_display(large, contrast)
        self._build()
        self._shown_state = self.workflow.state  # a rebuild is not an arrival: keep the choices
        self._show_state()
        QTimer.singleShot(0, self, self.build_screens)   # none once the window is gone

    @property
    def large_text(self) -> bool:
        return self._large_text

    @property
    def high_contrast(self) -> bool:
        return self._high_contrast

    # -- voice ------------------------------------------------------------------------------
    @property
    def voice_on(self) -> bool:
        return self.voice is not None and self.voice.enabled

    def spoken_words(self, kind: str) -> tuple[str, list[str]]:
        """The words the narrator asked for, as shown now: 'screen' (its instruction and any
        problem), 'problem' (what happened, the next step), 'idle' (the warning)."""
        screen = self._current
        if kind == "idle":
            o = self.idle_overlay
            texts = [o.question.text(), f"{o.explanation.text()} {o.number.text()} {o.unit.text()}",
                     o.stay_button.text()]
        elif screen is None:
            texts = []
        elif kind == "problem":
            texts = screen.spoken_problem()
            problem = self.workflow.session.problem
            if not texts and problem is not None:
                text = problem_text(problem, self.config.document.country)
                texts = [text.message, text.next_step]
        else:
            texts = screen.spoken_texts()
        return self._language, texts

    def _voice_toggled(self, on: bool) -> None:
        if self.voice is None:
            return
        self.voice.set_enabled(on)
        if on:
            self.voice.say(*self.spoken_words("screen"))
        self.header.update_from(self.workflow, self._language)

    def repeat_speech(self) -> None:
        if self.voice is not None:
            self.voice.repeat()

    def louder(self) -> None:
        if self.voice is not None:
            self.voice.louder()

    # -- cancel ----------------------------------------------------------------------------
    def ask_cancel(self) -> None:
        self.confirm.ask(self._cancel_confirmed)

    def _cancel_confirmed(self) -> None:
        try:
            self.workflow.cancel()
        except InvalidTransition as exc:
            log.info("cancel ignored: %s", exc)

    # -- window ----------------------------------------------------------------------------
    def current_screen(self) -> Screen | None:
        return self._current

    def show_kiosk(self) -> None:
        if self.fullscreen:
            screen = self.screen() or QGuiApplication.primaryScreen()
            if screen is not None:
                self.setGeometry(screen.geometry())
            self.showFullScreen()
        else:
            self.resize(self.config.ui.width, self.config.ui.height)
            self.show()

    def is_locked(self) -> bool:
        return self.fullscreen and not self._quitting

    def request_restart(self) -> None:
        """Maintenance mode's "restart": quit so that the service manager starts the kiosk
        again (the launcher turns `quit_reason` into the exit status that says so)."""
        self.quit_reason = "restart"
        self.request_quit()

    def request_exit(self) -> None:
        """Maintenance mode's "exit": quit and stay stopped, leaving the machine to the
        technician (see `launcher.gui.exit_status`)."""
        self.quit_reason = "exit"
        self.request_quit()

    def request_quit(self, quit_app: bool = True) -> None:
        """Quit on purpose (signal, maintenance): the only way out in full-screen mode.
        `quit_app=False` only closes the window (tools that keep the application)."""
        self._quitting = True
        self.close()
        app = QApplication.instance()
        if app is not None and quit_app:
            app.quit()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self.is_locked():
            log.info("request to close the window ignored: the kiosk window is locked")
            event.ignore()
            return
        self.tick_timer.stop()
        if self._current is not None:
            self._current.deactivate()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self._filter)
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key = service_key(getattr(getattr(self.config, "maintenance", None), "service_key", ""))
        if key is not None and event.key() == key and not event.isAutoRepeat():
            event.accept()
            self.service_key()
            return
        if event.key() == Qt.Key.Key_Escape:
            event.accept()  # never leaves, in any mode
            return
        super().keyPressEvent(event)
