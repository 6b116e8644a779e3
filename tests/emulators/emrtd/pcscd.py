"""Start (or find) a real pcscd with vsmartcard-vpcd for tests and benchmarks.

Only one pcscd can run per host. If one already serves vpcd (its TCP port is listening)
it is used as is and left running; otherwise a stale /run/pcscd/pcscd.comm is removed and
`pcscd --foreground` is started and stopped by us. The port is checked by listing
listening sockets (psutil, like `ss -ltn`), never by connecting: a connection to vpcd is
a card insertion.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

import psutil

VPCD_PORT = 35963           # "Virtual PCD 00 00"
VPCD_READER = "Virtual PCD 00 00"
COMM_SOCKET = Path("/run/pcscd/pcscd.comm")
LOCK_FILE = Path("/tmp/kiosk-tests-vpcd.lock")
ROOT_FOR_TESTS = Path(__file__).resolve().parents[3]   # the checkout, for a probe process
VPCD_CONF = Path("/etc/reader.conf.d/vpcd")


class PcscdUnavailable(RuntimeError):
    pass


def vpcd_listening(port: int = VPCD_PORT) -> bool:
    try:
        return any(
            c.status == psutil.CONN_LISTEN and c.laddr and c.laddr.port == port
            for c in psutil.net_connections(kind="tcp")
        )
    except psutil.Error:  # pragma: no cover - fall back to ss
        out = subprocess.run(["ss", "-ltn"], capture_output=True, text=True).stdout
        return f":{port} " in out


def pcscd_running() -> bool:
    return any(p.info.get("name") == "pcscd" and p.status() != psutil.STATUS_ZOMBIE
               for p in psutil.process_iter(["name"]))


class VpcdLock:
    """One test session at a time on the host's single pcscd and its virtual slots.

    Two test runs on one machine would otherwise put cards into the same virtual reader,
    and the run that started pcscd would stop it under the other's feet.

    Within one process the lock is counted, not taken again: a second fixture of the same
    session (a conftest's fixture imported by another folder's tests is a second instance
    of it) would otherwise wait for the first, which holds the lock to the session's end.
    """

    _guard = threading.Lock()
    _held = 0                       # how many holders in this process
    _shared_file: Any = None        # the one open file description the flock is on

    def __init__(self, timeout: float = 900.0) -> None:
        self.timeout = timeout
        self._holding = False

    def acquire(self) -> None:
        cls = type(self)
        with cls._guard:
            if cls._held:
                cls._held += 1
                self._holding = True
                return
        file = LOCK_FILE.open("a+")
        deadline = time.monotonic() + self.timeout
        while True:
            try:
                fcntl.flock(file, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    file.close()
                    raise PcscdUnavailable("another test session holds the virtual card reader") from None
                time.sleep(0.5)
        with cls._guard:
            cls._held, cls._shared_file = cls._held + 1, file
            self._holding = True

    def release(self) -> None:
        cls = type(self)
        with cls._guard:
            if not self._holding:
                return
            self._holding = False
            cls._held -= 1
            if cls._held == 0 and cls._shared_file is not None:
                fcntl.flock(cls._shared_file, fcntl.LOCK_UN)
                cls._shared_file.close()
                cls._shared_file = None


class Pcscd:
    def __init__(self, log: Path) -> None:
        self.log = log
        self.process: subprocess.Popen | None = None

    @property
    def owned(self) -> bool:
        return self.process is not None

    def start(self, timeout: float = 15.0) -> None:
        if vpcd_listening():
            return  # a pcscd with vpcd is already serving: share it
        binary = shutil.which("pcscd") or ("/usr/sbin/pcscd" if os.path.exists("/usr/sbin/pcscd") else None)
        if binary is None or not VPCD_CONF.exists():
            raise PcscdUnavailable("pcscd or vsmartcard-vpcd is not installed "
                                   "(apt-get install pcscd vsmartcard-vpcd; tools/bootstrap.sh test does it)")
        if pcscd_running():
            raise PcscdUnavailable("a pcscd without vpcd is running; only one pcscd can run per host")
        if COMM_SOCKET.exists():
            COMM_SOCKET.unlink()  # stale: no pcscd is running
        with self.log.open("ab") as out:
            self.process = subprocess.Popen([binary, "--foreground"], stdout=out, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while not vpcd_listening():
            if self.process.poll() is not None:
                raise PcscdUnavailable(f"pcscd exited with {self.process.returncode}; see {self.log}")
            if time.monotonic() > deadline:
                self.stop()
                raise PcscdUnavailable(f"vpcd did not start listening on {VPCD_PORT}; see {self.log}")
            time.sleep(0.05)

    def stop(self) -> None:
        process, self.process = self.process, None
        if process is None:
            return
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:  # pragma: no cover
            process.kill()
            process.wait(timeout=5)
        deadline = time.monotonic() + 5
        while vpcd_listening() and time.monotonic() < deadline:
            time.sleep(0.05)

    def restart(self) -> None:
        if not self.owned:
            raise PcscdUnavailable("pcscd was not started by the tests; not restarting it")
        self.stop()
        self.start()


def pcscd_state(reader: str = VPCD_READER) -> tuple[bool, int]:
    """Whether pcscd reports a card in `reader`, and its event count for the reader (the
    high word of the reader state: insertions and removals pcscd has seen), asked through
    a PC/SC context of our own."""
    from smartcard import scard

    hr, context = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
    if hr != scard.SCARD_S_SUCCESS:
        raise PcscdUnavailable(f"no PC/SC context: 0x{hr & 0xFFFFFFFF:08X}")
    try:
        _, states = scard.SCardGetStatusChange(context, 0, [(reader, scard.SCARD_STATE_UNAWARE)])
        state = states[0][1]
        return bool(state & scard.SCARD_STATE_PRESENT), (state >> 16) & 0xFFFF
    finally:
        scard.SCardReleaseContext(context)


def wait_for_pcscd(expected: tuple[bool, int], limit_s: float = 10.0, reader: str = VPCD_READER) -> None:
    """Wait until pcscd reports `expected` (present, event count) for `reader`."""
    deadline = time.monotonic() + limit_s   # a safety bound, not a timing expectation
    while (state := pcscd_state(reader)) != expected:
        if time.monotonic() > deadline:
            raise AssertionError(f"pcscd never reported {expected} for {reader}; last {state}")
        time.sleep(0.02)
