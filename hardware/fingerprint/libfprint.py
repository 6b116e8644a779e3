"""Fingerprint scanners through libfprint (Debian's libfprint-2-2), by GObject introspection.

libfprint drives the USB single-finger scanners of many makers behind one API, and
Debian's build also carries its `virtual_image` device (enabled by the `FP_VIRTUAL_IMAGE`
socket path), which the tests feed with their own images: the same code path as a real
sensor, short of USB.

Why every call runs on a GLib main context of our own: libfprint is asynchronous on
GLib's main loop, and its `*_sync` helpers iterate the *global default* context, which
Qt's GLib event dispatcher would iterate on the GUI thread (the kiosk's application
turns that dispatcher off: `ui.qt_application`). Two threads iterating one context
either stall or deliver libfprint's callbacks on the wrong thread. So the driver has a
private `GLib.MainContext`, pushes it as the thread-default around each call (libfprint
attaches its sources and task callbacks there), starts the asynchronous call and
iterates that context until the call finishes, waking every 100 ms to honour the
caller's deadline and cancellation. One lock keeps one call at a time on libfprint.

That context is one for the whole process and is never freed. libfprint keeps bare
pointers to the sources it attached there and destroys them when its device goes; a
context freed first has already freed them (GLib: "g_source_destroy: assertion ...
ref_count > 0", a use after free). A scanner's objects cannot be made to go in order:
kept in a reference cycle (an exception kept with its traceback holds the capture's
frames, and so the device), the garbage collector frees them in no set order. A
context that outlives every device is order-proof.

The one exception is enumeration: `fp_context_enumerate` spins the *global default*
context until every device has initialised, so the devices' initialisation must report
there. It runs with the global default pushed as the thread-default: a caller's thread
may have set a default of its own, where the devices would report to a context nobody
iterates and the enumeration would wait for ever. If another thread owns the global
default (Qt's GLib dispatcher takes it for the GUI thread as the application is made,
and its pool threads then get defaults of their own), opening refuses with a clear error
instead of sharing it. The same context carries libgusb's hotplug news, which the
driver delivers whenever it works (`_deliver_default_news`).

Resolution: `FpImage.ppmm` is pixels per millimetre, 0 when the driver does not say
(the virtual device, some sensors); then `assume_dpi` (the configuration's, from the
sensor's data sheet) is what the image carries.
"""

from __future__ import annotations

import logging
import threading
import time
import weakref
from contextlib import contextmanager
from typing import Any, Callable, Iterator

import numpy as np

from hardware.errors import CaptureTimedOut, FingerprintError, PressRejected, ScannerUnavailable
from hardware.fingerprint import STANDARD_DPI, Cancelled, FingerCallback, FingerImage, FingerprintScanner

log = logging.getLogger(__name__)

_WAKE_MS = 100

# One lock for every call into libfprint, and its private main context (see the
# module's docstring): created on first use, kept for the process.
_LOCK = threading.RLock()
_CONTEXT: list[Any] = []


def _private_context(GLib: Any) -> Any:
    with _LOCK:
        if not _CONTEXT:
            _CONTEXT.append(GLib.MainContext.new())
        return _CONTEXT[0]


@contextmanager
def _owning_default(GLib: Any) -> Iterator[Any]:
    """GLib's global default context, owned by this thread inside the block; None when
    another thread owns it (runs its loop)."""
    default = GLib.MainContext.default()
    if not default.acquire():
        yield None
        return
    try:
        yield default
    finally:
        default.release()


def _deliver_default_news(GLib: Any) -> None:
    """Run what waits on GLib's *global default* context, without waiting for more.

    libgusb reports USB hotplug there (a scanner unplugged), and libfprint passes it on
    there too ("device-removed"); in the kiosk nothing else runs that context (Qt runs its
    own loop), so the driver does, whenever it works: without it an unplug would only show
    as a failed capture, and every hotplug on the bus would leave its news queued for good.
    Bounded, so that a stream of news cannot hold a capture away from its own context."""
    with _owning_default(GLib) as default:
        if default is None:       # another thread runs that loop: the news is its to deliver
            return
        for _ in range(64):
            if not default.iteration(False):
                break


def _gi() -> tuple[Any, Any, Any]:
    try:
        import gi

        gi.require_version("FPrint", "2.0")
        from gi.repository import FPrint, Gio, GLib
    except (ImportError, ValueError) as exc:
        raise ScannerUnavailable(
            "libfprint is not installed (Debian: libfprint-2-2 and gir1.2-fprint-2.0; PyGObject in the venv)"
        ) from exc
    return FPrint, Gio, GLib


class LibfprintScanner(FingerprintScanner):
    name = "libfprint scanner"

    def __init__(self, device: str = "", *, assume_dpi: int = STANDARD_DPI, open_timeout: float = 10.0) -> None:
        """`device`: a libfprint driver name or device id to pick among several; empty: the
        first that can capture images."""
        self._wanted = device
        self._assume_dpi = assume_dpi
        self._open_timeout = open_timeout
        self._lock = _LOCK
        self._device: Any = None
        self._fp: Any = None
        self._gone = False

    # -- the private main context --------------------------------------------------
    def _call(self, start: Callable[[Any, Callable[[Any, Any], None]], None], finish: Callable[[Any], Any],
              timeout: float, cancelled: Cancelled) -> Any:
        FPrint, Gio, GLib = _gi()
        done: list[Any] = []
        cancellable = Gio.Cancellable()
        deadline = time.monotonic() + timeout
        wake = GLib.timeout_source_new(_WAKE_MS)
        wake.set_callback(lambda *_: True)
        context = _private_context(GLib)
        wake.attach(context)
        try:
            start(cancellable, lambda _obj, result, *_: done.append(result))
            timed_out = False
            while not done:
                context.iteration(True)
                _deliver_default_news(GLib)
                if not cancellable.is_cancelled() and (cancelled() or time.monotonic() > deadline or self._gone):
                    timed_out = True
                    cancellable.cancel()
            try:
                return finish(done[0])
            except GLib.Error as exc:
                if self._gone or exc.matches(FPrint.DeviceError.quark(), FPrint.DeviceError.REMOVED):
                    self._gone = True
                    raise ScannerUnavailable("the fingerprint scanner was unplugged") from None
                if exc.matches(Gio.io_error_quark(), Gio.IOErrorEnum.CANCELLED) or timed_out:
                    raise CaptureTimedOut("no finger in time" if not cancelled() else "cancelled") from None
                if exc.domain == GLib.quark_to_string(FPrint.DeviceRetry.quark()):
                    raise PressRejected(FPrint.DeviceRetry(exc.code).value_nick) from None
                raise ScannerUnavailable(f"the fingerprint scanner failed: {exc.message}") from None
        finally:
            wake.destroy()

    def _with_context(self, fn: Callable[[], Any]) -> Any:
        _, _, GLib = _gi()
        context = _private_context(GLib)
        with self._lock:
            context.push_thread_default()
            try:
                return fn()
            finally:
                context.pop_thread_default()

    # -- the interface ---------------------------------------------------------------
    def open(self) -> None:
        FPrint, Gio, GLib = _gi()
        with self._lock:
            if self._device is not None:
                return
            self._gone = False

            if self._fp is None:
                self._fp = FPrint.Context()
                # Through a weak reference: a bound method would keep the scanner alive
                # as long as libfprint's context.
                me = weakref.ref(self)
                self._fp.connect("device-removed",
                                 lambda ctx, dev: (scanner := me()) is not None and scanner._on_removed(ctx, dev))
            # Not on our context: fp_context_enumerate waits for its devices by iterating
            # the global default context (see the module's docstring), so the devices'
            # initialisation must report there too, whatever this thread's own default.
            device = self._pick(FPrint, self._enumerate(GLib))
            self._with_context(lambda: self._call(lambda c, cb: device.open(c, cb), device.open_finish,
                                                  self._open_timeout, lambda: False))
            self._device = device

    def _enumerate(self, GLib: Any) -> list[Any]:
        with _owning_default(GLib) as default:
            if default is None:
                # Another thread owns it: Qt's GLib event dispatcher on the GUI thread, in
                # an application that did not turn it off. Enumerating would wait for that
                # thread's loop, or share it: a clear refusal instead.
                raise ScannerUnavailable(
                    "libfprint cannot list its scanners: another thread runs GLib's default main "
                    "loop (a Qt application with its GLib event dispatcher; set QT_NO_GLIB=1)")
            default.push_thread_default()
            try:
                return list(self._fp.get_devices())
            finally:
                default.pop_thread_default()

    def _pick(self, FPrint: Any, devices: list[Any]) -> Any:
        for device in devices:
            if self._wanted and self._wanted not in (device.get_driver(), device.get_device_id()):
                continue
            if device.has_feature(FPrint.DeviceFeature.CAPTURE):
                return device
        wanted = f" {self._wanted!r}" if self._wanted else ""
        raise ScannerUnavailable(f"no fingerprint scanner{wanted} that captures images was found")

    def _on_removed(self, _context: Any, device: Any) -> None:
        if device is self._device:
            self._gone = True

    def close(self) -> None:
        with self._lock:
            device, self._device = self._device, None
            if device is None or self._gone:
                return
            try:
                self._with_context(lambda: self._call(lambda c, cb: device.close(c, cb), device.close_finish,
                                                      5.0, lambda: False))
            except FingerprintError as exc:
                log.warning("closing the fingerprint scanner: %s", exc)

    def probe(self) -> bool | None:
        _, _, GLib = _gi()
        with self._lock:
            _deliver_default_news(GLib)
            if self._device is not None:
                if self._gone:
                    raise ScannerUnavailable("the fingerprint scanner was unplugged")
                return True
            self.open()
            self.close()
            return True

    def capture(self, *, timeout: float, cancelled: Cancelled = lambda: False,
                on_finger: FingerCallback | None = None) -> FingerImage:
        FPrint, Gio, GLib = _gi()
        with self._lock:
            _deliver_default_news(GLib)
            if self._gone:
                raise ScannerUnavailable("the fingerprint scanner was unplugged")
            if self._device is None:
                self.open()
            device = self._device
            present = FPrint.FingerStatusFlags.PRESENT

            def status_changed(dev: Any, _spec: Any) -> None:
                if on_finger is not None:
                    on_finger(bool(dev.get_finger_status() & present))

            handler = device.connect("notify::finger-status", status_changed)
            try:
                image = self._with_context(lambda: self._call(
                    lambda c, cb: device.capture(True, c, cb), device.capture_finish, timeout, cancelled))
            finally:
                device.disconnect(handler)
            return self._image(image)

    def _image(self, image: Any) -> FingerImage:
        width, height = image.get_width(), image.get_height()
        data = image.get_data()
        if width <= 0 or height <= 0 or len(data) != width * height:
            raise ScannerUnavailable("the fingerprint scanner sent an image of the wrong size")
        pixels = np.frombuffer(bytes(data), np.uint8).reshape(height, width).copy()
        ppmm = float(image.get_ppmm() or 0.0)
        dpi = round(ppmm * 25.4) if ppmm > 0 else self._assume_dpi
        return FingerImage(pixels, dpi)
