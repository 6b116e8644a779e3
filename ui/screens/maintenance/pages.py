"""The console's pages other than the device tests: status, queue, configuration, log,
out of service, versions (with restart) and exports. Each draws what the maintenance
mode hands it in `refresh()` and forwards taps to it; none decides anything."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui import messages
from ui.screens.base import make_button, make_label
from ui.screens.maintenance import words as w
from ui.theme import current_theme, set_role
from ui.widgets import LanguageAware


class Page(LanguageAware, QWidget):
    PAGE = ""

    def __init__(self, mode: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.mode = mode
        self.setObjectName(f"maintenance_page_{self.PAGE}")
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(0, 0, 0, 0)
        self.column.setSpacing(current_theme().spacing_px)
        self.heading = make_label(self, "heading", f"maintenance_{self.PAGE}_heading")
        self.column.addWidget(self.heading)

    def retranslate(self) -> None:
        self.heading.setText(w.word(w.PAGES, self.PAGE))
        self.refresh()

    def refresh(self) -> None:
        """Draw the mode's current data (called on every change and every second)."""

    def activate(self) -> None:
        self.refresh()

    def deactivate(self) -> None:
        pass


def _cell(parent: QWidget, text: str = "", role: str = "body", name: str = "") -> QLabel:
    label = make_label(parent, role, name)
    label.setText(text)
    return label


def text_view(parent: QWidget, name: str) -> QPlainTextEdit:
    """Read-only lines in a fixed-width face, scrolled with a finger."""
    view = QPlainTextEdit(parent)
    view.setObjectName(name)
    view.setReadOnly(True)
    view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
    font = QFont("DejaVu Sans Mono")
    font.setStyleHint(QFont.StyleHint.Monospace)
    font.setPixelSize(current_theme().hint_px)
    view.setFont(font)
    view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return view


@dataclass(frozen=True)
class Cell:
    """One cell of a grid: a label, or a button when it has a `tap`."""

    text: str
    role: str = "body"
    name: str = ""
    tap: Callable[[], Any] | None = field(default=None, compare=False)


def fitted_button(parent: QWidget, cell: Cell) -> QPushButton:
    """A button as wide as its words and the stylesheet's padding: a grid would otherwise
    give it only the width the style (which knows no stylesheet padding) asks for."""
    theme = current_theme()
    button = make_button(parent, cell.name, cell.role, cell.tap)
    button.setText(cell.text)
    button.ensurePolished()
    need = QFontMetrics(button.font()).horizontalAdvance(cell.text)
    button.setMinimumWidth(need + 2 * (theme.padding_h_px + theme.border_px) + 4)
    return button


class GridRows:
    """The cells of a grid page, each replaced only when what it says changed.

    The pages are redrawn every second and on every health change, and mostly one cell
    changed (a state, a "since"): rebuilding every row for it made the whole table
    flicker under the technician's finger. A label whose words changed keeps its widget
    and takes the new text; anything else that changed (a button, a role) is made anew.
    A button is kept only while its whole row is unchanged: cells compare without their
    taps, and a button's words ("Retry") do not say whose row it acts on. When the rows
    shift (an application delivered), the row's other cells (its number) differ and the
    button is made anew with the new row's action."""

    def __init__(self, parent: QWidget, grid: QGridLayout) -> None:
        self.parent, self.grid = parent, grid
        self._widgets: dict[tuple[int, int], QWidget] = {}   # (row, column) -> its widget
        self._rows: list[list[Cell]] = []                    # what the widgets show

    @property
    def widgets(self) -> list[QWidget]:
        """The cells' widgets, row by row."""
        return [widget for _, widget in sorted(self._widgets.items())]

    def clear(self) -> None:
        for position in list(self._widgets):
            self._drop(position)
        self._rows = []

    def _drop(self, position: tuple[int, int]) -> None:
        widget = self._widgets.pop(position)
        widget.hide()           # at once: deleteLater waits for the event loop,
        widget.setParent(None)  # and nothing may find the old cell meanwhile
        widget.deleteLater()

    def show(self, rows: list[list[Cell]]) -> None:
        before, self._rows = self._rows, [list(cells) for cells in rows]
        wanted = {(r, c): cell for r, cells in enumerate(rows) for c, cell in enumerate(cells) if cell.text}
        for position in [p for p in self._widgets if p not in wanted]:
            self._drop(position)
        for (r, c), cell in wanted.items():
            widget = self._widgets.get((r, c))
            old = before[r][c] if widget is not None else None
            if old == cell and (cell.tap is None or before[r] == rows[r]):
                continue
            if (old is not None and cell.tap is None and old.tap is None
                    and (old.role, old.name) == (cell.role, cell.name)):
                widget.setText(cell.text)            # a label with new words: the same widget
                continue
            if widget is not None:
                self._drop((r, c))
            if cell.tap is not None:
                widget = fitted_button(self.parent, cell)
            else:
                widget = _cell(self.parent, cell.text, cell.role, cell.name)
            self.grid.addWidget(widget, r, c)
            widget.show()
            self._widgets[(r, c)] = widget


class StatusPage(Page):
    """Each watched device: its state, the code behind it, since when, the last error."""

    PAGE = "status"

    def __init__(self, mode: Any, parent: QWidget | None = None) -> None:
        super().__init__(mode, parent)
        self.summary = make_label(self, "body", "maintenance_status_summary")
        self.column.addWidget(self.summary)
        self.switched = make_label(self, "hint", "maintenance_status_switched")
        self.column.addWidget(self.switched)
        self.table = QFrame(self)
        set_role(self.table, "card")
        self.grid = QGridLayout(self.table)
        self.grid.setHorizontalSpacing(current_theme().margin_px)
        self.column.addWidget(self.table)
        self.rows = GridRows(self.table, self.grid)
        self.check = make_button(self, "maintenance_check_now", "secondary", mode.check_health)
        self.column.addWidget(self.check, 0, Qt.AlignmentFlag.AlignLeft)
        self.column.addStretch(1)

    def retranslate(self) -> None:
        self.check.setText(self.tr("Check now"))
        super().retranslate()

    def refresh(self) -> None:
        control = self.mode.control
        snapshot = control.snapshot() if control is not None else None
        if control is None:
            self.summary.setText(self.tr("Device health is not watched on this kiosk."))
        elif control.reasons:
            self.summary.setText(self.tr("Out of service: {reasons}").format(
                reasons=" ".join(messages.out_of_service_text(code) for code in control.reasons)))
        else:
            self.summary.setText(self.tr("In service."))
        switched = control is not None and bool(control.switched_off)
        if switched:
            # Who took it out and since when: the citizens' words above do not say it.
            reason = str(getattr(control, "switched_off_reason", "") or "")
            text = self.tr("Switched off by a technician since {time}.").format(time=w.when(control.switched_off_at))
            if reason:
                text += " " + self.tr("Reason given: {reason}").format(reason=reason)
            self.switched.setText(text)
        self.switched.setVisible(switched)
        self.table.setVisible(snapshot is not None)
        if snapshot is None:
            self.rows.clear()
            return
        heads = (self.tr("Device"), self.tr("State"), self.tr("Detail"), self.tr("Since"),
                 self.tr("Last error"), self.tr("At"))
        rows: list[list[Cell]] = [[Cell(text, "hint") for text in heads]]
        for device in snapshot.devices:
            state = str(getattr(device.state, "value", device.state))
            texts = (
                w.word(w.DEVICES, device.name),
                w.word(w.STATES, state),
                device.detail,
                w.when(device.since),
                device.last_error or "–",
                w.when(device.last_error_at) if device.last_error else "",
            )
            rows.append([Cell(text, "error" if col == 1 and state == "failed" else "body",
                              f"maintenance_status_{device.name}_{col}") for col, text in enumerate(texts)])
        self.rows.show(rows)
        self.grid.setColumnStretch(4, 1)


class QueuePage(Page):
    """Counts, the oldest waiting, parked applications with their reason; retry, reprint."""

    PAGE = "queue"

    def __init__(self, mode: Any, parent: QWidget | None = None) -> None:
        super().__init__(mode, parent)
        self.counts = make_label(self, "body", "maintenance_queue_counts")
        self.notice = make_label(self, "heading", "maintenance_queue_notice")
        self.column.addWidget(self.counts)
        self.column.addWidget(self.notice)
        self.list = QFrame(self)
        set_role(self.list, "card")
        self.grid = QGridLayout(self.list)
        self.grid.setHorizontalSpacing(current_theme().margin_px)
        self.rows = GridRows(self.list, self.grid)
        self.column.addWidget(self.list)
        self.column.addStretch(1)

    def refresh(self) -> None:
        status = self.mode.queue_status() if self.mode.allowed("queue") else None
        if status is None:
            self.counts.setText(self.tr("The queue is not available."))
            self.list.hide()
            self.notice.setText("")
            self.rows.clear()
            return
        counts = status.get("counts", {})
        age = status.get("oldest_queued_age_seconds")
        self.counts.setText(self.tr("Queued {queued} · parked {parked} · delivered {delivered} · oldest waiting {age}").format(
            queued=counts.get("queued", 0), parked=counts.get("parked", 0), delivered=counts.get("delivered", 0),
            age="–" if age is None else w.duration(age)))
        self.notice.setText(w.word(w.NOTICES, self.mode.notice) if self.mode.notice else "")
        entries = self.mode.queue_entries()
        self.list.setVisible(bool(entries))
        heads = (self.tr("Application"), self.tr("State"), self.tr("Tries"), self.tr("Reason"))
        rows: list[list[Cell]] = [[Cell(text, "hint") for text in heads]]
        for row, entry in enumerate(entries, start=1):
            number = entry.application_number
            state = str(getattr(entry.state, "value", entry.state))
            cells = [
                Cell(number, "body", f"maintenance_queue_number_{row}"),
                Cell(w.word(w.QUEUE_STATES, state)),
                Cell(str(entry.attempts)),
                Cell(entry.last_error or "–", "hint"),
                Cell(self.tr("Retry"), "primary", f"maintenance_retry_{row}", lambda n=number: self.mode.retry(n))
                if state == "parked" else Cell(""),
                Cell(self.tr("Reprint receipt"), "secondary", f"maintenance_reprint_{row}",
                     lambda n=number: self.mode.reprint(n)),
            ]
            rows.append(cells)
        self.rows.show(rows)
        self.grid.setColumnStretch(3, 1)


class LinesPage(Page):
    """A page of read-only lines: configuration, log."""

    def __init__(self, mode: Any, parent: QWidget | None = None) -> None:
        super().__init__(mode, parent)
        self.note = make_label(self, "hint", f"maintenance_{self.PAGE}_note")
        self.column.addWidget(self.note)
        self.view = text_view(self, f"maintenance_{self.PAGE}_lines")
        self.column.addWidget(self.view, 1)
        self._shown: list[str] | None = None

    def lines(self) -> list[str]:
        return []

    def refresh(self) -> None:
        lines = self.lines()
        if lines != self._shown:        # a redraw every second must not jump the scroll
            self._shown = lines
            self.view.setPlainText("\n".join(lines))


class ConfigPage(LinesPage):
    PAGE = "config"

    def retranslate(self) -> None:
        self.note.setText(self.tr("Secrets are hidden. Change the configuration file and restart to change a setting."))
        super().retranslate()

    def lines(self) -> list[str]:
        rows = self.mode.config_lines()
        width = max((len(key) for key, _ in rows), default=0)
        return [f"{key:<{width}}  {value}" for key, value in rows]


class LogPage(LinesPage):
    PAGE = "logs"

    def retranslate(self) -> None:
        self.note.setText(self.tr("The newest log lines of this run, newest last."))
        super().retranslate()

    def lines(self) -> list[str]:
        return self.mode.log_lines()

    def refresh(self) -> None:
        before = self._shown
        super().refresh()
        if self._shown != before:
            bar = self.view.verticalScrollBar()
            bar.setValue(bar.maximum())


class OutOfServicePage(Page):
    """The technician's switch, and the message citizens see while it is off."""

    PAGE = "out_of_service"

    def __init__(self, mode: Any, parent: QWidget | None = None) -> None:
        super().__init__(mode, parent)
        self.state = make_label(self, "heading", "maintenance_service_state")
        self.column.addWidget(self.state)
        self.preview_title = make_label(self, "hint", "maintenance_service_preview_title")
        self.column.addWidget(self.preview_title)
        self.preview = QFrame(self)
        set_role(self.preview, "card")
        box = QVBoxLayout(self.preview)
        self.citizen_title = make_label(self.preview, "heading", "maintenance_service_citizen_title", center=True)
        self.citizen_reason = make_label(self.preview, "hint", "maintenance_service_citizen_reason", center=True)
        box.addWidget(self.citizen_title)
        box.addWidget(self.citizen_reason)
        self.column.addWidget(self.preview)
        row = QHBoxLayout()
        self.off = make_button(self, "maintenance_switch_off", "danger", mode.switch_off)
        self.on = make_button(self, "maintenance_switch_on", "primary", mode.switch_on)
        row.addWidget(self.off)
        row.addWidget(self.on)
        row.addStretch(1)
        self.column.addLayout(row)
        self.column.addStretch(1)

    def retranslate(self) -> None:
        self.off.setText(self.tr("Take out of service"))
        self.on.setText(self.tr("Back into service"))
        self.preview_title.setText(self.tr("What citizens see now:"))
        super().retranslate()

    def refresh(self) -> None:
        control = self.mode.control
        if control is None:
            self.state.setText(self.tr("The service switch is not available."))
            self.off.hide()
            self.on.hide()
            self.preview.hide()
            return
        switched = bool(control.switched_off)
        reasons = tuple(control.reasons)
        if switched:
            self.state.setText(self.tr("Switched off by a technician since {time}.").format(
                time=w.when(control.switched_off_at)))
        elif reasons:
            self.state.setText(self.tr("Out of service because a device failed; it comes back by itself."))
        else:
            self.state.setText(self.tr("In service."))
        self.off.setVisible(not switched)      # only the switch that applies
        self.on.setVisible(switched)
        self.preview.show()
        if reasons:
            # The out-of-service screen's own words, in the language on screen.
            self.citizen_title.setText(_oos_title())
            text = " ".join(messages.out_of_service_text(code) for code in reasons)
            self.citizen_reason.setText(_oos_staff(text))
        else:
            self.citizen_title.setText(self.tr("The welcome screen (the kiosk serves)."))
            self.citizen_reason.setText("")


def _oos_title() -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("OutOfServiceScreen", "This machine is out of service.")


def _oos_staff(reason: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("OutOfServiceScreen", "For staff: {reason}").format(reason=reason)


class VersionsPage(Page):
    PAGE = "versions"

    def __init__(self, mode: Any, parent: QWidget | None = None) -> None:
        super().__init__(mode, parent)
        self.table = QFrame(self)
        set_role(self.table, "card")
        self.grid = QGridLayout(self.table)
        self.grid.setHorizontalSpacing(current_theme().margin_px * 2)
        self.column.addWidget(self.table)
        self.restart_note = make_label(self, "hint", "maintenance_restart_note")
        self.column.addWidget(self.restart_note)
        self.restart = make_button(self, "maintenance_restart", "danger", self._restart)
        self.column.addWidget(self.restart, 0, Qt.AlignmentFlag.AlignLeft)
        self.column.addStretch(1)
        self._rows: list[QWidget] = []
        self._confirming = False

    def retranslate(self) -> None:
        self.restart_note.setText(self.tr("Restart closes the devices and the queue and starts the kiosk again."))
        super().retranslate()

    def deactivate(self) -> None:
        self._confirming = False

    def _restart(self) -> None:
        if not self._confirming:       # a second tap confirms: a restart is never an accident
            self._confirming = True
            self.refresh()
            return
        self._confirming = False
        self.mode.restart()

    def refresh(self) -> None:
        self.restart.setText(self.tr("Tap again to restart") if self._confirming else self.tr("Restart the application"))
        self.restart.setVisible(self.mode.allowed("restart"))
        rows = self.mode.versions()
        if [r.text() for r in self._rows] == [t for pair in rows for t in pair]:
            return
        for widget in self._rows:
            widget.hide()           # at once: deleteLater waits for the event loop
            widget.deleteLater()
        self._rows = []
        for row, (key, value) in enumerate(rows):
            for col, text in enumerate((key, value)):
                label = _cell(self.table, text, "hint" if col == 0 else "body")
                self.grid.addWidget(label, row, col)
                label.show()
                self._rows.append(label)
        self.grid.setColumnStretch(1, 1)


class ExportsPage(Page):
    """One day's export onto a USB stick: pick the day and the stick, write with a bar,
    then the folder written and whether it reads back as signed."""

    PAGE = "exports"

    def __init__(self, mode: Any, parent: QWidget | None = None) -> None:
        super().__init__(mode, parent)
        self.note = make_label(self, "hint", "maintenance_exports_note")
        self.column.addWidget(self.note)
        self.day_title = make_label(self, "body", "maintenance_export_day_title")
        self.column.addWidget(self.day_title)
        self.days = GridRows(self, self._row_grid())
        self.stick_title = make_label(self, "body", "maintenance_export_stick_title")
        self.column.addWidget(self.stick_title)
        self.sticks = GridRows(self, self._row_grid())
        self.no_stick = make_label(self, "hint", "maintenance_export_no_stick")
        self.column.addWidget(self.no_stick)
        row = QHBoxLayout()
        self.write = make_button(self, "maintenance_export_write", "primary", mode.write_export)
        self.rescan = make_button(self, "maintenance_export_rescan", "secondary", mode.scan_sticks)
        row.addWidget(self.write)
        row.addWidget(self.rescan)
        row.addStretch(1)
        self.column.addLayout(row)
        self.bar = QProgressBar(self)
        self.bar.setObjectName("maintenance_export_progress")
        self.bar.setTextVisible(False)
        self.column.addWidget(self.bar)
        self.outcome = make_label(self, "heading", "maintenance_export_outcome")
        self.detail = make_label(self, "body", "maintenance_export_detail")
        self.column.addWidget(self.outcome)
        self.column.addWidget(self.detail)
        self.column.addStretch(1)

    def _row_grid(self) -> QGridLayout:
        grid = QGridLayout()
        grid.setHorizontalSpacing(current_theme().spacing_px)
        grid.setColumnStretch(16, 1)       # the buttons to the left, as wide as their words
        self.column.addLayout(grid)
        return grid

    def retranslate(self) -> None:
        self.note.setText(self.tr("Copies one day's export (sessions table, reconciliation, PDF summaries, "
                                  "signed manifest) onto a USB stick. No names or ID numbers are in it."))
        self.day_title.setText(self.tr("Day:"))
        self.stick_title.setText(self.tr("USB stick:"))
        self.write.setText(self.tr("Write to the stick"))
        self.rescan.setText(self.tr("Look again"))
        super().retranslate()

    def refresh(self) -> None:
        mode, run = self.mode, self.mode.export
        busy = run.state == "running"
        chosen_day = mode.chosen_day()
        days = mode.export_days()
        self.days.show([[Cell(self._day_text(day), "primary" if day == chosen_day else "secondary",
                              f"maintenance_export_day_{n}", lambda d=day: mode.choose_day(d))
                         for n, day in enumerate(days)]])
        stick = mode.chosen_stick()
        sticks = run.sticks or []
        self.sticks.show([[Cell(self._stick_text(s), "primary" if s == stick else "secondary",
                                f"maintenance_export_stick_{n}", lambda p=s.path: mode.choose_stick(p))
                           for n, s in enumerate(sticks)]])
        if run.scanning or run.sticks is None:
            self.no_stick.setText(self.tr("Looking for USB sticks…"))
        elif not sticks:
            self.no_stick.setText(self.tr("No USB stick found: insert one, wait a moment, then tap Look again."))
        elif stick is None:
            self.no_stick.setText(self.tr("Tap the stick to write to."))
        else:
            self.no_stick.setText("")
        self.no_stick.setVisible(bool(self.no_stick.text()))
        if not days:
            self.no_stick.setText(self.tr("The journal has no day to export yet."))
            self.no_stick.show()
        self.write.setEnabled(not busy and stick is not None and chosen_day is not None
                              and mode.tools.export_to_stick is not None)
        self.rescan.setEnabled(not busy and not run.scanning)
        good = run.state == "done" and bool(getattr(run.result, "ok", False))
        self.bar.setVisible(run.state == "running" or good)     # an empty bar under a failure says nothing
        self.bar.setRange(0, max(1, run.total))
        self.bar.setValue(run.total if run.state == "done" else run.done)
        self._outcome()

    def _outcome(self) -> None:
        run = self.mode.export
        result = run.result
        if run.state == "running":
            self.outcome.setText(self.tr("Writing… do not remove the stick."))
            self.detail.setText(self.tr("Step {done} of {total}").format(done=run.done, total=run.total or "…"))
        elif run.state == "failed" or (run.state == "done" and not result.ok):
            self.outcome.setText(self.tr("Not written."))
            set_role(self.outcome, "error")
            self.detail.setText(w.word(w.EXPORT_FAILURES, "failed" if result is None else result.reason))
        elif run.state == "done" and result.verified:
            self.outcome.setText(self.tr("Written and checked: the copy is good. You may remove the stick."))
            set_role(self.outcome, "heading")
            self.detail.setText(self.tr("Folder {folder}: {files} files, {sessions} sessions; each file read back "
                                        "from the stick matches the kiosk's signed manifest.").format(
                folder=result.folder, files=result.files, sessions=result.sessions))
        elif run.state == "done":
            self.outcome.setText(self.tr("Written, but the copy is not good."))
            set_role(self.outcome, "error")
            self.detail.setText(self.tr("Folder {folder}: reading it back found these files changed or missing: "
                                        "{names}. Use another stick.").format(
                folder=result.folder, names=", ".join(result.problems[:5])))
        else:
            self.outcome.setText("")
            self.detail.setText("")
        if run.state in ("idle", "running"):
            set_role(self.outcome, "heading")

    def _day_text(self, day: Any) -> str:
        kind = self.mode.day_kind(day)
        if kind == "today":
            return self.tr("Today ({date})").format(date=f"{day:%Y-%m-%d}")
        if kind == "yesterday":
            return self.tr("Yesterday ({date})").format(date=f"{day:%Y-%m-%d}")
        return f"{day:%Y-%m-%d}"

    def _stick_text(self, stick: Any) -> str:
        if stick.read_only:
            return self.tr("{name} (write-protected)").format(name=stick.name)
        return self.tr("{name} ({free} free)").format(name=stick.name, free=w.size(stick.free_bytes))
