"""The libfprint driver through the real stack: PyGObject, libfprint, its virtual image
device, fed over its socket with the test's own synthetic prints."""

from __future__ import annotations

import os
import threading

import pytest

from hardware.errors import CaptureTimedOut, ScannerUnavailable
from hardware.fingerprint.synthetic_prints import Press, make_print
from tests.integration.fingerprint.virtual_image import VirtualImageHand, virtual_image_available

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(not virtual_image_available(), reason="libfprint's introspection data is not installed"),
]


@pytest.fixture
def hand(tmp_path, monkeypatch):
    path = str(tmp_path / "virtimg")
    monkeypatch.setenv("FP_VIRTUAL_IMAGE", path)
    return VirtualImageHand(path)


@pytest.fixture
def scanner(hand):
    from hardware.fingerprint.libfprint import LibfprintScanner

    s = LibfprintScanner("virtual_image", assume_dpi=500)
    s.open()
    yield s
    s.close()


def later(fn, *args, delay: float = 0.3) -> threading.Thread:
    t = threading.Timer(delay, fn, args)
    t.start()
    return t


def test_a_press_comes_back_as_the_image_sent_with_its_resolution_and_finger_reports(scanner, hand):
    sent = make_print(3, Press.GOOD).pixels
    fingers: list[bool] = []
    later(hand.press, sent)
    image = scanner.capture(timeout=10, on_finger=fingers.append)
    assert (image.width, image.height) == (sent.shape[1], sent.shape[0])
    assert (image.pixels == sent).all()
    assert image.dpi == 500          # the virtual device reports no ppmm: the configured one
    assert True in fingers           # the device reported the finger on the platen


def test_no_finger_times_out_and_the_device_still_captures_afterwards(scanner, hand):
    with pytest.raises(CaptureTimedOut):
        scanner.capture(timeout=0.5)
    later(hand.press, make_print(4).pixels)
    assert scanner.capture(timeout=10).width == 320


def test_a_cancelled_capture_returns_promptly(scanner):
    stop = threading.Event()
    threading.Timer(0.3, stop.set).start()
    with pytest.raises(CaptureTimedOut):
        scanner.capture(timeout=30, cancelled=stop.is_set)


def test_the_scanners_retry_is_a_press_to_repeat(scanner, hand):
    from hardware.errors import PressRejected

    later(hand.retry, 2)    # FP_DEVICE_RETRY_CENTER_FINGER
    with pytest.raises(PressRejected) as caught:
        scanner.capture(timeout=10)
    assert "center" in caught.value.reason


def test_no_device_is_a_clear_unavailable(monkeypatch, tmp_path):
    from hardware.fingerprint.libfprint import LibfprintScanner

    monkeypatch.delenv("FP_VIRTUAL_IMAGE", raising=False)
    with pytest.raises(ScannerUnavailable, match="no fingerprint scanner"):
        LibfprintScanner("virtual_image").open()


def _glib_criticals(let_go) -> list[str]:
    """What GLib reports while `let_go()` drops a scanner and the garbage is collected."""
    import gc
    import sys
    import warnings

    gc.collect()     # only this test's garbage, not an earlier test's, is judged below
    unraisable: list[str] = []
    previous, sys.unraisablehook = sys.unraisablehook, lambda u: unraisable.append(repr(u.exc_value))
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            let_go()
            gc.collect()
    finally:
        sys.unraisablehook = previous
    glib = [str(w.message) for w in caught] + unraisable
    return [m for m in glib if "g_source" in m or "assertion" in m]


def test_a_scanner_let_go_frees_libfprint_without_a_glib_critical(hand):
    """A closed scanner, once dropped: libfprint's device must go before the main
    context its sources hang on, or GLib reports a source destroyed after it was freed
    ("g_source_destroy: assertion ... ref_count > 0")."""
    from hardware.fingerprint.libfprint import LibfprintScanner

    held = {"scanner": LibfprintScanner("virtual_image", assume_dpi=500)}
    held["scanner"].open()
    later(hand.press, make_print(3, Press.GOOD).pixels)
    held["scanner"].capture(timeout=10)
    held["scanner"].close()
    assert _glib_criticals(held.clear) == []


def test_a_scanner_left_in_a_reference_cycle_is_freed_without_a_glib_critical(hand):
    """The garbage collector frees a cycle in no set order: a refused press kept with its
    traceback (as `pytest.raises(...) as caught` or a logged exception keeps it) holds the
    capture's frames, and so the device, beside the scanner. Seen in CI after the retry
    test: the main context went first, libfprint destroyed its sources again."""
    from hardware.errors import PressRejected
    from hardware.fingerprint.libfprint import LibfprintScanner

    def refused_press_kept_in_a_cycle() -> None:
        scanner = LibfprintScanner("virtual_image", assume_dpi=500)
        scanner.open()
        later(hand.retry, 2)
        try:
            scanner.capture(timeout=10)
        except PressRejected as exc:
            kept = {"error": exc}
            kept["itself"] = kept
            exc.kept = kept          # exception -> traceback -> frames -> scanner, and back
        scanner.close()

    assert _glib_criticals(refused_press_kept_in_a_cycle) == []


def _capture_in_a_qt_job(mode: str) -> dict:
    import json
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[3]
    env = {k: v for k, v in os.environ.items() if k not in ("QT_NO_GLIB", "FP_VIRTUAL_IMAGE")}
    done = subprocess.run([sys.executable, "-m", "tests.integration.fingerprint.qt_thread_capture", mode],
                          cwd=root, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_kiosks_qt_jobs_open_and_capture():
    """The kiosk captures in a job on a Qt pool thread while the GUI thread runs Qt's
    event loop. With Qt's GLib dispatcher the pool thread's own GLib default caught the
    devices' initialisation and opening the scanner never returned: the kiosk's
    application runs Qt's own loop."""
    outcome = _capture_in_a_qt_job("kiosk")
    assert "Glib" not in outcome["dispatcher"], outcome
    assert outcome.get("captured_width") == 320, outcome


def test_a_qt_application_on_glibs_loop_gets_a_clear_refusal_not_a_hang():
    outcome = _capture_in_a_qt_job("glib")
    if "Glib" not in outcome["dispatcher"]:
        pytest.skip(f"this Qt is built without GLib's event loop ({outcome['dispatcher']})")
    assert "QT_NO_GLIB=1" in outcome.get("error", ""), outcome


def test_news_waiting_on_glibs_default_context_is_delivered_while_the_driver_works(scanner, hand):
    """libgusb reports a USB scanner unplugged on GLib's global default context, and
    libfprint passes it on there ("device-removed"); in the kiosk nothing else runs that
    context. A stand-in for that news (USB hotplug cannot be staged here): a callback
    waiting there runs while a capture waits for the finger, and on a probe."""
    from gi.repository import GLib

    ran: list[str] = []
    waiting = GLib.idle_add(lambda: ran.append("capture"))      # None: runs once
    later(hand.press, make_print(3, Press.GOOD).pixels)
    try:
        scanner.capture(timeout=10)
    finally:
        if not ran:
            GLib.source_remove(waiting)
    assert ran == ["capture"]
    waiting = GLib.idle_add(lambda: ran.append("probe"))
    try:
        assert scanner.probe() is True
    finally:
        if ran[-1] != "probe":
            GLib.source_remove(waiting)
    assert ran == ["capture", "probe"]
