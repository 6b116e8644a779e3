"""The wires an ESC/POS printer hangs on: TCP (port 9100), a serial port, a USB printer device file.

Each link is one of python-escpos's printer transports (`Network`, `Serial`, `File`),
which open the device and write bytes, plus the one thing the kiosk needs that they do
not offer: reading a status reply with a deadline. (python-escpos reads with the
transport's own timeout, 60 s by default on a network, and its `File` transport cannot
read at all; a USB printer class device, /dev/usb/lpN, answers status queries when
opened for reading and writing.)
"""

from __future__ import annotations

import os
import select
import socket
import time
from typing import Protocol

from escpos.exceptions import DeviceNotFoundError
from escpos.printer import File, Network, Serial

from hardware.errors import PrinterError, PrinterUnavailable


class EscposLink(Protocol):
    description: str

    def open(self) -> None: ...
    def close(self) -> None: ...
    def write(self, data: bytes) -> None: ...
    def read(self, timeout: float) -> bytes:
        """Whatever arrives within `timeout` seconds (b'' if nothing does)."""
        ...


class NetworkLink:
    """A printer on the network, raw TCP (JetDirect port 9100), connected per operation."""

    def __init__(self, host: str, port: int = 9100, timeout: float = 3.0) -> None:
        self.description = f"tcp {host}:{port}"
        self._printer = Network(host, port=port, timeout=timeout)

    def open(self) -> None:
        try:
            self._printer.open()
        except DeviceNotFoundError as exc:
            raise PrinterUnavailable(f"cannot connect to the printer at {self.description}") from exc

    def close(self) -> None:
        self._printer.close()

    def _socket(self) -> socket.socket:
        sock = self._printer._device
        if not isinstance(sock, socket.socket):
            raise PrinterUnavailable("the printer connection is not open")
        return sock

    def write(self, data: bytes) -> None:
        try:
            self._socket().sendall(data)
        except OSError as exc:  # timeout included: the printer stopped reading
            raise PrinterUnavailable(f"sending to the printer failed: {exc}") from exc

    def read(self, timeout: float) -> bytes:
        sock = self._socket()
        old = sock.gettimeout()
        sock.settimeout(max(timeout, 0.001))
        try:
            return sock.recv(64)
        except (TimeoutError, socket.timeout):
            return b""
        except OSError as exc:
            raise PrinterUnavailable(f"reading from the printer failed: {exc}") from exc
        finally:
            sock.settimeout(old)


class SerialLink:
    """A printer on a serial port (RS-232, USB-serial adapter), through pyserial."""

    def __init__(self, devfile: str, baudrate: int = 9600, timeout: float = 3.0) -> None:
        self.description = f"serial {devfile} at {baudrate} baud"
        # dsrdtr=False: RTS/CTS flow control off too; most receipt printers' cables and
        # virtual ports do not wire DSR, and a port waiting for it never sends a byte.
        self._printer = Serial(devfile=devfile, baudrate=baudrate, timeout=timeout, dsrdtr=False)
        self._timeout = timeout

    def open(self) -> None:
        try:
            self._printer.open()
        except DeviceNotFoundError as exc:
            raise PrinterUnavailable(f"cannot open the printer's port {self.description}") from exc
        self.read(0)  # drop replies left over from an earlier session

    def close(self) -> None:
        self._printer.close()

    def _port(self):  # type: ignore[no-untyped-def]
        port = self._printer._device
        if not port:
            raise PrinterUnavailable("the printer port is not open")
        return port

    def write(self, data: bytes) -> None:
        port = self._port()
        try:
            port.write_timeout = max(self._timeout, len(data) * 10 / max(port.baudrate, 1) * 2 + 1)
            port.write(data)
            port.flush()
        except Exception as exc:  # noqa: BLE001 - pyserial raises SerialException and OSError kinds
            raise PrinterUnavailable(f"sending to the printer failed: {exc}") from exc

    def read(self, timeout: float) -> bytes:
        port = self._port()
        try:
            port.timeout = timeout
            first = port.read(1)
            if not first:
                return b""
            port.timeout = 0
            return first + port.read(port.in_waiting or 0)
        except Exception as exc:  # noqa: BLE001
            raise PrinterUnavailable(f"reading from the printer failed: {exc}") from exc


class _ReadWriteFile(File):
    """python-escpos's File transport, opened for reading as well (status replies)."""

    def open(self, raise_not_found: bool = True) -> None:
        if self._device:
            self.close()
        try:
            fd = os.open(self.devfile, os.O_RDWR | os.O_NOCTTY | os.O_NONBLOCK)
        except OSError as exc:
            self.device = None
            if raise_not_found:
                raise DeviceNotFoundError(f"Could not open {self.devfile}: {exc.strerror}") from exc
            return
        os.set_blocking(fd, True)  # writes block; reads go through select() with a deadline
        self.device = os.fdopen(fd, "r+b", buffering=0)


class DeviceFileLink:
    """A printer device file such as /dev/usb/lp0 (USB printer class), read with select()."""

    def __init__(self, devfile: str, timeout: float = 3.0) -> None:
        self.description = f"device {devfile}"
        self._printer = _ReadWriteFile(devfile=devfile)
        self._timeout = timeout

    def open(self) -> None:
        try:
            self._printer.open()
        except DeviceNotFoundError as exc:
            raise PrinterUnavailable(f"cannot open the printer device {self.description}") from exc
        self.read(0)

    def close(self) -> None:
        self._printer.close()

    def _fd(self) -> int:
        handle = self._printer._device
        if not handle:
            raise PrinterUnavailable("the printer device is not open")
        return handle.fileno()  # type: ignore[union-attr]

    def write(self, data: bytes) -> None:
        fd = self._fd()
        view = memoryview(data)
        deadline = time.monotonic() + max(self._timeout, 1.0) + len(data) / 10_000
        try:
            while view:
                _, ready, _ = select.select([], [fd], [], max(0.0, deadline - time.monotonic()))
                if not ready:
                    raise PrinterError("the printer stopped accepting data")
                written = os.write(fd, view)
                view = view[written:]
        except OSError as exc:
            raise PrinterUnavailable(f"sending to the printer failed: {exc.strerror}") from exc

    def read(self, timeout: float) -> bytes:
        fd = self._fd()
        try:
            ready, _, _ = select.select([fd], [], [], max(timeout, 0.0))
            if not ready:
                return b""
            return os.read(fd, 64)
        except OSError as exc:
            raise PrinterUnavailable(f"reading from the printer failed: {exc.strerror}") from exc


def is_serial_port(devfile: str) -> bool:
    """A tty (serial port, USB-serial adapter, pty) rather than a USB printer class device."""
    name = os.path.basename(os.path.realpath(devfile))
    if name.startswith(("tty", "rfcomm")) or "/pts/" in os.path.realpath(devfile):
        return True
    try:
        fd = os.open(devfile, os.O_RDONLY | os.O_NOCTTY | os.O_NONBLOCK)
    except OSError:
        return False
    try:
        return os.isatty(fd)
    finally:
        os.close(fd)
