"""The console's live device tests, queue and out-of-service switch on the simulated
devices of the demo kiosk: what a technician taps and what the screen then says."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QApplication

from hardware.printer import PrinterStatus
from kiosk.demo.applications import demo_application
from kiosk.workflow.states import State

from tests.ui.maintenance.conftest import TECHNICIAN, WAIT_MS

pytestmark = pytest.mark.ui


@pytest.fixture
def console(kiosk, clocks):
    kiosk.enter(TECHNICIAN, clocks[0])
    return kiosk


def test_the_camera_test_shows_the_live_picture_with_the_face_box(console, qtbot):
    console.tap("maintenance_menu_device_tests")
    console.tap("maintenance_test_camera")
    view = console.find("maintenance_camera_view")
    qtbot.waitUntil(lambda: not view.frame_size().isEmpty(), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: view.face_box() is not None, timeout=WAIT_MS)   # the demo portrait's face
    assert console.control.devices_in_test            # the health monitor keeps off the camera
    console.tap("maintenance_test_camera")            # stop
    assert not console.mode.camera_on and not console.control.devices_in_test


def test_leaving_the_page_or_the_mode_closes_the_camera(console, qtbot):
    console.tap("maintenance_menu_device_tests")
    console.tap("maintenance_test_camera")
    qtbot.waitUntil(lambda: console.mode.camera_on, timeout=WAIT_MS)
    console.tap("maintenance_menu_status")
    assert not console.mode.camera_on
    console.tap("maintenance_menu_device_tests")
    console.tap("maintenance_test_camera")
    qtbot.waitUntil(lambda: console.mode.camera_on, timeout=WAIT_MS)
    console.tap("maintenance_leave")
    assert not console.mode.camera_on


def test_the_card_test_reads_the_simulated_card_and_shows_atr_protocol_and_timings(console, qtbot):
    console.tap("maintenance_menu_device_tests")
    console.tap("maintenance_test_card")
    qtbot.waitUntil(lambda: console.mode.tests["card_reader"].state == "done", timeout=WAIT_MS)
    text = console.text("maintenance_test_card_result")
    assert text.startswith("Card read.")
    assert "ATR: 3B " in text and "Access: none" in text and "total" in text
    assert "Signature chain: passed" in text
    # nothing of the holder: the specimen's names and numbers are not on the screen
    from kiosk.demo.specimen import specimen_identity_fields

    fields = specimen_identity_fields(dt.date.today())
    assert fields["id_number"] not in text


def test_the_test_print_prints_and_says_when_the_paper_is_out(console, qtbot):
    printer = console.workflow.services.printer
    console.tap("maintenance_menu_device_tests")
    console.tap("maintenance_test_print")
    qtbot.waitUntil(lambda: console.mode.tests["printer"].state == "done", timeout=WAIT_MS)
    assert console.text("maintenance_test_print_result") == "Printed. Status before: ready, after: ready."
    printer.set_status(PrinterStatus.PAPER_OUT)
    console.tap("maintenance_test_print")
    qtbot.waitUntil(lambda: console.mode.tests["printer"].state == "done", timeout=WAIT_MS)
    assert console.text("maintenance_test_print_result") == "Not printed. Status before: paper out, after: paper out."


def test_switching_out_of_service_changes_the_citizen_screen_and_back(console, qtbot):
    console.tap("maintenance_menu_out_of_service")
    assert console.text("maintenance_service_state") == "In service."
    console.tap("maintenance_switch_off")
    assert console.control.switched_off
    assert "Switched off for maintenance." in console.text("maintenance_service_citizen_reason")
    console.tap("maintenance_leave")
    assert console.citizen_state() is State.OUT_OF_SERVICE
    # in the kiosk's own language (Chinese), like every reason on the citizen's screen
    assert console.text("out_of_service_reason") == "工作人员参考：维护中，暂停服务。"

    # Back in: from the out-of-service screen, where a technician needs it most.
    console.enter(TECHNICIAN)
    console.tap("maintenance_menu_out_of_service")
    console.tap("maintenance_switch_on")
    console.tap("maintenance_leave")
    assert console.citizen_state() is State.WELCOME


def test_the_queue_shows_parked_applications_with_their_reason_retry_and_reprint(console, qtbot):
    store = console.workflow.services.store
    app = demo_application("en", kiosk_id=console.cfg.kiosk.id)
    store.enqueue(app)
    store.record_rejection(app.application_id, at=dt.datetime.now(dt.timezone.utc), reason="http 422: photo refused")
    console.tap("maintenance_menu_queue")
    assert "parked 1" in console.text("maintenance_queue_counts")
    assert console.text("maintenance_queue_number_1") == app.application_number
    page = console.find("maintenance_page_queue")
    assert "http 422: photo refused" in [label.text() for label in page.findChildren(type(console.find("maintenance_queue_counts")))]
    console.tap("maintenance_reprint_1")
    assert console.text("maintenance_queue_notice") == "Receipt printed again."
    console.tap("maintenance_retry_1")
    assert console.text("maintenance_queue_notice") == "Queued again: it is tried at the next delivery."
    assert store.entry(app.application_number).state.value == "queued"


def test_configuration_hides_secrets_and_the_log_and_versions_show(console, qtbot):
    console.tap("maintenance_menu_config")
    config = console.find("maintenance_config_lines").toPlainText()
    assert "maintenance.technician_pin" in config and "(hidden)" in config
    assert "scrypt$" not in config
    console.tap("maintenance_menu_logs")
    QApplication.processEvents()
    console.tap("maintenance_menu_versions")
    versions = console.find("maintenance_page_versions")
    texts = [w.text() for w in versions.findChildren(type(console.find("maintenance_restart_note")))]
    assert "trust store" in texts and "software" in texts


def test_restart_asks_for_a_second_tap(console):
    console.tap("maintenance_menu_versions")
    console.tap("maintenance_restart")
    assert console.restarts == []
    assert console.find("maintenance_restart").text() == "Tap again to restart"
    console.tap("maintenance_restart")
    assert console.restarts == [True]
    assert not console.showing_maintenance()


def test_every_maintenance_action_lands_in_the_audit_journal_and_the_chain_holds(kiosk, clocks, qtbot):
    import json

    from kiosk.operations.journal_lines import day_files, journal_folder
    from kiosk.operations.journal_verify import verify

    kiosk.corner_taps(5, clocks[0])
    kiosk.type_pin("99999999")                      # refused first
    kiosk.type_pin(TECHNICIAN)
    kiosk.tap("maintenance_language_en")
    kiosk.tap("maintenance_menu_config")
    kiosk.tap("maintenance_menu_out_of_service")
    kiosk.tap("maintenance_switch_off")
    kiosk.tap("maintenance_switch_on")
    kiosk.tap("maintenance_menu_device_tests")
    kiosk.tap("maintenance_test_print")
    qtbot.waitUntil(lambda: kiosk.mode.tests["printer"].state == "done", timeout=WAIT_MS)
    kiosk.tap("maintenance_leave")

    folder = journal_folder(kiosk.cfg.kiosk.data_dir)
    entries = [json.loads(line) for path in day_files(folder) for line in path.read_text().splitlines()]
    actions = [(e["action"], e.get("role"), e.get("result")) for e in entries if e["event"] == "maintenance"]
    assert actions == [
        ("pin_refused", None, "refused"), ("entered", "technician", "ok"), ("config_viewed", "technician", "ok"),
        ("out_of_service_on", "technician", "ok"), ("out_of_service_off", "technician", "ok"),
        ("device_test", "technician", "ok"), ("left", "technician", "ok"),
    ]
    assert "99999999" not in json.dumps(entries) and TECHNICIAN not in json.dumps(entries)
    assert verify(folder).valid


def test_the_status_page_follows_new_health_readings_without_waiting_for_the_tick(console, qtbot):
    control, health = console.control, console.cfg.health
    assert console.text("maintenance_status_card_reader_1") == "Not checked yet"
    for _ in range(max(health.failed_after, health.recovered_after)):
        control.health_changed(control.monitor.check_all())  # what the monitor's thread hands over
    # nothing else moved (the kiosk stays in service): the page heard the readings themselves
    assert console.text("maintenance_status_card_reader_1") == "OK"
    assert console.text("maintenance_status_card_reader_2") == "present"

    console.workflow.services.printer.set_status(PrinterStatus.PAPER_OUT)
    for _ in range(health.failed_after):
        control.health_changed(control.monitor.check_all())
    assert console.text("maintenance_status_printer_1") == "Failed"
    assert console.text("maintenance_status_printer_2") == "paper_out"
    assert "The receipt printer is out of paper." in console.text("maintenance_status_summary")


def test_the_status_page_says_the_kiosk_was_switched_off_by_a_technician_and_what_citizens_see(console):
    console.control.switch_off("new card reader being fitted")
    console.tap("maintenance_menu_out_of_service")
    console.tap("maintenance_menu_status")
    assert console.text("maintenance_status_summary") == "Out of service: Switched off for maintenance."
    switched = console.text("maintenance_status_switched")
    assert switched.startswith("Switched off by a technician since ")
    assert switched.endswith("Reason given: new card reader being fitted")
    console.mode.switch_on()
    console.tap("maintenance_menu_queue")
    console.tap("maintenance_menu_status")
    assert not console.find("maintenance_status_switched").isVisible()
