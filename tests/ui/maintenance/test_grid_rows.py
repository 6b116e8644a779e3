"""The status grids change only the cells whose words changed (no flicker, little work)."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QPushButton, QWidget

from ui.screens.maintenance.pages import Cell, GridRows


def test_a_changed_label_keeps_its_widget_and_a_changed_button_is_made_anew(qtbot):
    host = QWidget()
    qtbot.addWidget(host)
    rows = GridRows(host, QGridLayout(host))
    taps: list[str] = []
    rows.show([[Cell("camera", name="dev"), Cell("ok", name="state"),
                Cell("Test", role="secondary", name="test", tap=lambda: taps.append("first"))]])
    (device, state, button) = rows.widgets
    rows.show([[Cell("camera", name="dev"), Cell("missing", name="state"),
                Cell("Test", role="secondary", name="test", tap=lambda: taps.append("second"))]])
    assert rows.widgets[:2] == [device, state] and state.text() == "missing"
    assert rows.widgets[2] is button                      # unchanged: it keeps its action
    rows.show([[Cell("camera", name="dev"), Cell("missing", name="state"),
                Cell("Test again", role="secondary", name="test", tap=lambda: taps.append("third"))]])
    again = rows.widgets[2]
    assert again is not button and isinstance(again, QPushButton) and again.text() == "Test again"
    again.click()
    assert taps == ["third"]
    rows.show([[Cell("camera", name="dev")]])             # the row got shorter: the rest goes
    assert rows.widgets == [device] and host.findChild(QPushButton, "test") is None
