"""systemd's readiness and watchdog protocol (sd_notify(3)), spoken directly.

The protocol is one datagram of newline-separated `KEY=value` lines to the unix socket
named by `NOTIFY_SOCKET` (an abstract socket when the name starts with '@'). That is a
dozen lines, so no library: `systemd.daemon` needs libsystemd's Python binding, and
`sdnotify` adds nothing to a `sendto`.

Without `NOTIFY_SOCKET` (a technician's `kiosk run`, the tests, the demo) every call does
nothing. The variables are taken out of the environment once read, so that a program
the kiosk starts (a print command, a translation compiler) cannot speak for it.

The watchdog: under `Type=notify` with `WatchdogSec=`, systemd sets `WATCHDOG_USEC` and
`WATCHDOG_PID` (the unit's main process). The kiosk is cage's child in its unit, so
`WATCHDOG_PID` names cage, our parent: pings are sent for it (the unit has
`NotifyAccess=all`). A process further away would be some other program that merely
inherited the variables, and keeps quiet.
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import MutableMapping

log = logging.getLogger(__name__)

_VARIABLES = ("NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID")


class Notifier:
    """Sends sd_notify messages to `address` (None: sends nothing)."""

    def __init__(self, address: str | None, watchdog_usec: int | None = None) -> None:
        self.address = address or None
        self.watchdog_usec = watchdog_usec if watchdog_usec and watchdog_usec > 0 else None
        self._socket: socket.socket | None = None
        self._failed = False

    @classmethod
    def from_environment(cls, environ: MutableMapping[str, str] | None = None) -> Notifier:
        """The notifier systemd set up for this process, taken out of `environ`."""
        env = os.environ if environ is None else environ
        address = env.get("NOTIFY_SOCKET")
        usec_text, pid_text = env.get("WATCHDOG_USEC", ""), env.get("WATCHDOG_PID", "")
        for name in _VARIABLES:
            env.pop(name, None)
        usec: int | None = None
        if usec_text.isdigit():
            for_us = not pid_text or (pid_text.isdigit() and int(pid_text) in (os.getpid(), os.getppid()))
            usec = int(usec_text) if for_us else None
        return cls(address, usec)

    @property
    def enabled(self) -> bool:
        return self.address is not None

    @property
    def watchdog_interval_ms(self) -> int | None:
        """How often to ping: half the watchdog timeout, as sd_watchdog_enabled(3) advises."""
        if self.watchdog_usec is None:
            return None
        return max(1, self.watchdog_usec // 2000)

    def notify(self, *lines: str) -> bool:
        """Send one message of `lines` ("READY=1", "STATUS=..."); False if it was not sent."""
        if self.address is None or not lines:
            return False
        target = "\0" + self.address[1:] if self.address.startswith("@") else self.address
        try:
            if self._socket is None:
                self._socket = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC)
            self._socket.sendto("\n".join(lines).encode("utf-8", "replace"), target)
        except OSError as exc:
            if not self._failed:  # once: a socket gone for good would fill the log every ping
                log.warning("cannot notify systemd at %s: %s", self.address, exc.strerror or exc)
                self._failed = True
            return False
        self._failed = False
        return True

    def ready(self, status: str = "") -> bool:
        return self.notify("READY=1", *_status(status))

    def status(self, status: str) -> bool:
        return self.notify(*_status(status))

    def watchdog(self) -> bool:
        return self.notify("WATCHDOG=1")

    def stopping(self, status: str = "") -> bool:
        return self.notify("STOPPING=1", *_status(status))

    def close(self) -> None:
        if self._socket is not None:
            self._socket.close()
            self._socket = None


def _status(text: str) -> tuple[str, ...]:
    """A STATUS= line (`systemctl status` shows it); one line, as the protocol needs."""
    text = " ".join(text.split())
    return (f"STATUS={text[:200]}",) if text else ()
