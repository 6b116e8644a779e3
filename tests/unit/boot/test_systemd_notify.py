"""Issue 13, watchdog: the sd_notify protocol as systemd reads it, on sockets of the test's own.

A datagram of KEY=value lines to $NOTIFY_SOCKET (abstract when it starts with '@'); no
socket, no message and no error; the variables leave the environment once read; the
watchdog interval is half of WATCHDOG_USEC, for this process or its parent (cage) only.
"""

from __future__ import annotations

import os
import socket
import uuid
from pathlib import Path

import pytest

from launcher.systemd_notify import Notifier


def _listener(address: str) -> socket.socket:
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind("\0" + address[1:] if address.startswith("@") else address)
    sock.settimeout(2)
    return sock


@pytest.mark.parametrize("abstract", [False, True], ids=["path", "abstract"])
def test_messages_arrive_as_systemd_reads_them(tmp_path: Path, abstract: bool) -> None:
    address = f"@kiosk-test-{uuid.uuid4().hex}" if abstract else str(tmp_path / "notify")
    listener = _listener(address)
    env = {"NOTIFY_SOCKET": address}
    notifier = Notifier.from_environment(env)
    assert notifier.ready("welcome screen shown")
    assert notifier.watchdog()
    assert notifier.stopping("stopping\nnow")
    assert listener.recv(4096) == b"READY=1\nSTATUS=welcome screen shown"
    assert listener.recv(4096) == b"WATCHDOG=1"
    assert listener.recv(4096) == b"STOPPING=1\nSTATUS=stopping now"   # one line, as the protocol needs
    notifier.close()
    listener.close()


def test_without_a_socket_nothing_is_sent_and_nothing_fails() -> None:
    notifier = Notifier.from_environment({})
    assert not notifier.enabled
    assert notifier.ready() is False and notifier.watchdog() is False and notifier.stopping() is False
    assert notifier.watchdog_interval_ms is None


def test_a_vanished_socket_is_reported_once_and_never_raises(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    notifier = Notifier(str(tmp_path / "gone"))
    for _ in range(5):
        assert notifier.watchdog() is False
    assert len([r for r in caplog.records if "cannot notify systemd" in r.getMessage()]) == 1


def test_the_variables_leave_the_environment_once_read(tmp_path: Path) -> None:
    env = {"NOTIFY_SOCKET": str(tmp_path / "n"), "WATCHDOG_USEC": "4000000", "WATCHDOG_PID": str(os.getpid()), "PATH": "/bin"}
    notifier = Notifier.from_environment(env)
    assert env == {"PATH": "/bin"}      # a print command the kiosk starts cannot speak for it
    assert notifier.watchdog_interval_ms == 2000


@pytest.mark.parametrize(
    ("pid", "expected"),
    [("", 1500), ("self", 1500), ("parent", 1500), ("1", None), ("junk", None)],
    ids=["no pid", "this process", "cage, the parent", "someone else", "junk"],
)
def test_the_watchdog_is_ours_when_systemd_set_it_for_us_or_for_cage(pid: str, expected: int | None) -> None:
    value = {"self": str(os.getpid()), "parent": str(os.getppid())}.get(pid, pid)
    env = {"WATCHDOG_USEC": "3000000"}
    if value:
        env["WATCHDOG_PID"] = value
    assert Notifier.from_environment(env).watchdog_interval_ms == expected
