"""What the boot tests share: a NOTIFY_SOCKET of the test's own, the kiosk as a process,
and cage run as an unprivileged user.

systemd is not running here, so the test plays its part: it listens on an abstract unix
socket (no file permissions to get wrong between root and the kiosk's user), gives its
name to the kiosk as NOTIFY_SOCKET, and records every datagram with its arrival time.

cage refuses to run as root (it refuses whenever it could become root again), so it runs
as `kiosk-test` (tools/bootstrap.sh creates that user; the fixture does too when the tests
run as root without it) through `setpriv`. The one capability it keeps,
CAP_DAC_READ_SEARCH, lets it read the interpreter and the checkout wherever root put them
(under /root here); it cannot make it root again, which is all cage checks.
"""

from __future__ import annotations

import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
TEST_USER = "kiosk-test"
KIOSK = [sys.executable, "-m", "launcher"]


@dataclass
class NotifyListener:
    """systemd's side of sd_notify: every message with its arrival time (monotonic)."""

    address: str = field(default_factory=lambda: f"@kiosk-boot-test-{uuid.uuid4().hex}")
    messages: list[tuple[float, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self._sock.bind("\0" + self.address[1:])
        self._sock.settimeout(0.2)
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                data = self._sock.recv(65536)
            except TimeoutError:
                continue
            except OSError:
                return
            with self._lock:
                self.messages.append((time.monotonic(), data.decode("utf-8", "replace")))

    def lines(self) -> list[tuple[float, str]]:
        """Each KEY=value line of each message, with its message's arrival time."""
        with self._lock:
            return [(at, line) for at, text in self.messages for line in text.split("\n")]

    def wait_for(self, line: str, timeout: float, process: subprocess.Popen | None = None) -> float:
        """Arrival time of the first message with `line`; fails on timeout or if `process` ends."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for at, got in self.lines():
                if got == line:
                    return at
            if process is not None and process.poll() is not None:
                pytest.fail(f"the kiosk ended (status {process.returncode}) before it sent {line}:\n{_output(process)}")
            time.sleep(0.02)
        pytest.fail(f"no {line} within {timeout} s; got {[l for _, l in self.lines()]}"
                    + (f"\n{_output(process)}" if process is not None else ""))

    def main_pid(self) -> int | None:
        """The main PID the kiosk told systemd (MAINPID=), if it did."""
        found = [line.split("=", 1)[1] for _, line in self.lines() if line.startswith("MAINPID=")]
        return int(found[-1]) if found else None

    def close(self) -> None:
        self._stop.set()
        self._thread.join(1)
        self._sock.close()


def _output(process: subprocess.Popen) -> str:
    if process.poll() is None:
        process.kill()
    out, _ = process.communicate(timeout=10)
    return (out or "")[-4000:]


@pytest.fixture
def notify() -> Iterator[NotifyListener]:
    listener = NotifyListener()
    yield listener
    listener.close()


def kiosk_env(**extra: str) -> dict[str, str]:
    """The environment of a kiosk the tests start: this checkout first on the path, no
    notify or watchdog variables but those given."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("KIOSK_", "NOTIFY_SOCKET", "WATCHDOG_", "QT_SCALE_FACTOR"))}
    env.update(PYTHONPATH=str(ROOT), PYTHONUNBUFFERED="1")
    env.update(extra)
    return env


def start(argv: list[str], env: dict[str, str] | None, cwd: Path) -> subprocess.Popen:
    return subprocess.Popen(argv, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def stop(process: subprocess.Popen, timeout: float = 20, *, main_pid: int | None = None) -> tuple[int, str]:
    """Stop as systemd stops the unit (resources/systemd/idkiosk.service): its KillSignal,
    SIGHUP, to the main process, which is the kiosk once it sent MAINPID= (`main_pid`);
    then the exit status of `process` and everything it said."""
    if process.poll() is None:
        try:
            os.kill(main_pid or process.pid, signal.SIGHUP)
        except ProcessLookupError:
            pass
    try:
        out, _ = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        out, _ = process.communicate(timeout=10)
        pytest.fail(f"the kiosk did not stop within {timeout} s after SIGTERM:\n{out[-4000:]}")
    return process.returncode, out


@dataclass(frozen=True)
class Cage:
    """Runs commands as the unprivileged test user beside one cage session's folders."""

    user: pwd.struct_passwd
    home: Path
    runtime: Path
    base: Path     # the user's folder for this session: data, screenshots

    def as_user(self, argv: list[str], env: dict[str, str]) -> list[str]:
        variables = [f"{k}={v}" for k, v in env.items()]
        return ["setpriv", f"--reuid={self.user.pw_uid}", f"--regid={self.user.pw_gid}", "--init-groups",
                "--inh-caps=+dac_read_search", "--ambient-caps=+dac_read_search",
                "env", "-i", *variables, *argv]

    def env(self, **extra: str) -> dict[str, str]:
        base = kiosk_env(
            HOME=str(self.home), XDG_RUNTIME_DIR=str(self.runtime), XDG_CACHE_HOME=str(self.home / "cache"),
            WLR_BACKENDS="headless", WLR_LIBINPUT_NO_DEVICES="1", WLR_RENDERER="pixman",
        )
        keep = ("PATH", "PYTHONPATH", "PYTHONUNBUFFERED", "PYTHONDONTWRITEBYTECODE", "HOME", "XDG_RUNTIME_DIR",
                "XDG_CACHE_HOME", "WLR_BACKENDS", "WLR_LIBINPUT_NO_DEVICES", "WLR_RENDERER", "LANG")
        env = {k: v for k, v in base.items() if k in keep}
        env.update(extra)
        return env

    def own(self, path: Path) -> Path:
        path.mkdir(parents=True, exist_ok=True)
        os.chown(path, self.user.pw_uid, self.user.pw_gid)
        return path


def ensure_test_user() -> pwd.struct_passwd:
    try:
        return pwd.getpwnam(TEST_USER)
    except KeyError:
        pass
    if os.geteuid() != 0:
        pytest.skip(f"user {TEST_USER} is missing and only root can create it (tools/bootstrap.sh test does)")
    subprocess.run(["useradd", "--system", "--no-create-home", "--home-dir", "/nonexistent",
                    "--shell", "/usr/sbin/nologin", TEST_USER], check=True, capture_output=True)
    return pwd.getpwnam(TEST_USER)


@pytest.fixture
def cage() -> Iterator[Cage]:
    missing = [tool for tool in ("cage", "grim", "Xwayland", "setpriv") if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"missing {', '.join(missing)} (tools/bootstrap.sh test installs them)")
    if os.geteuid() != 0:
        pytest.skip("cage refuses root, so the test runs it as another user: that needs root")
    user = ensure_test_user()
    _x11_socket_folder(user)
    # Not under pytest's tmp_path: root's pytest folder is 0700, and the kiosk checks its
    # data folder with access(2), which ignores the user's capability to pass through it.
    base = Path(tempfile.mkdtemp(prefix="kiosk-cage-test-"))
    session = Cage(user, base / "home", base / "runtime", base)
    session.own(base)
    session.own(session.home)
    session.own(session.runtime).chmod(0o700)   # Wayland refuses a runtime folder others can enter
    yield session
    shutil.rmtree(base, ignore_errors=True)


def _x11_socket_folder(user: pwd.struct_passwd) -> None:
    """cage starts Xwayland, whose socket goes in /tmp/.X11-unix: a folder systemd-tmpfiles
    makes at boot (root's, mode 1777). Without systemd nobody has; wlroots would make it
    the test user's own, which it then refuses for any other user."""
    folder = Path("/tmp/.X11-unix")
    if not folder.exists():
        folder.mkdir()
        os.chmod(folder, 0o1777)
    owner = folder.stat().st_uid
    if owner not in (0, user.pw_uid):
        pytest.skip(f"{folder} belongs to uid {owner}: Xwayland refuses it (make it root's, mode 1777)")


def wait_until(condition: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    pytest.fail(f"timed out after {timeout} s waiting for {what}")
