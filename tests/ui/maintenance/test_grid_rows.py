"""The status grids change only the cells whose words changed (no flicker, little work)."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QPushButton, QWidget

from ui.screens.maintenance.pages import Cell, GridRows


def test_a_changed_label_keeps_its_widget_and_an_unchanged_row_keeps_its_button(qtbot):
    host = QWidget()
    qtbot.addWidget(host)
    rows = GridRows(host, QGridLayout(host))
    taps: list[str] = []

    def table(camera_state: str, printer_test: str = "Test") -> list[list[Cell]]:
        return [
            [Cell("camera", name="dev_0"), Cell(camera_state, name="state_0"),
             Cell("Test", role="secondary", name="test_0", tap=lambda: taps.append(f"camera {camera_state}"))],
            [Cell("printer", name="dev_1"), Cell("ok", name="state_1"),
             Cell(printer_test, role="secondary", name="test_1", tap=lambda: taps.append("printer"))],
        ]

    rows.show(table("ok"))
    device, state, camera_test, printer, printer_state, printer_test = rows.widgets
    rows.show(table("missing"))
    assert rows.widgets[:2] == [device, state] and state.text() == "missing"   # the same label, new words
    assert rows.widgets[3:] == [printer, printer_state, printer_test]            # the unchanged row as it was
    assert rows.widgets[2] is not camera_test                                   # its row changed: made anew
    rows.widgets[2].click()
    assert taps == ["camera missing"]
    rows.show(table("missing", printer_test="Test again"))
    again = rows.widgets[5]
    assert again is not printer_test and isinstance(again, QPushButton) and again.text() == "Test again"
    rows.show([[Cell("camera", name="dev_0")]])         # the table got smaller: the rest goes
    assert rows.widgets == [device] and host.findChild(QPushButton, "test_1") is None


def test_when_the_rows_shift_a_button_acts_on_its_new_row(qtbot):
    """The queue's 'Retry' reads the same in every row: after the first application left
    the list, the button now in the first row must retry the application shown there."""
    host = QWidget()
    qtbot.addWidget(host)
    rows = GridRows(host, QGridLayout(host))
    retried: list[str] = []

    def queue(*numbers: str) -> list[list[Cell]]:
        return [[Cell(n, name=f"number_{r}"),
                 Cell("Retry", role="primary", name=f"retry_{r}", tap=lambda n=n: retried.append(n))]
                for r, n in enumerate(numbers)]

    rows.show(queue("A-1", "A-2"))
    rows.show(queue("A-2"))                              # A-1 was delivered
    retry = host.findChild(QPushButton, "retry_0")
    retry.click()
    assert retried == ["A-2"]
    assert rows.widgets[0].text() == "A-2"
