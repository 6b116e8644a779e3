"""The libfprint driver through the real stack: PyGObject, libfprint, its virtual image
device, fed over its socket with the test's own synthetic prints."""

from __future__ import annotations

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


def test_a_scanner_let_go_frees_libfprint_without_a_glib_critical(hand):
    """A closed scanner, once dropped: libfprint's context must go before the main
    context its sources hang on, or GLib reports a source destroyed twice
    ("g_source_destroy: assertion ... ref_count > 0", seen after the retry test)."""
    import gc
    import sys
    import warnings

    from hardware.fingerprint.libfprint import LibfprintScanner

    scanner = LibfprintScanner("virtual_image", assume_dpi=500)
    scanner.open()
    later(hand.press, make_print(3, Press.GOOD).pixels)
    scanner.capture(timeout=10)
    scanner.close()
    unraisable: list[str] = []
    previous, sys.unraisablehook = sys.unraisablehook, lambda u: unraisable.append(repr(u.exc_value))
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            del scanner
            gc.collect()
    finally:
        sys.unraisablehook = previous
    glib = [str(w.message) for w in caught] + unraisable
    assert not [m for m in glib if "g_source" in m or "assertion" in m], glib
