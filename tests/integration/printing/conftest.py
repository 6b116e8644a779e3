"""Real printing servers for the printing tests: emupos (ESC/POS) and cupsd with cups-pdf.

Both are started here, on loopback and free ports, and stopped at the end of the session.

- emupos: `$KIOSK_EMUPOS` (set by tools/bootstrap.sh), else `.venv-emupos/bin/emupos` in
  the repository; an Epson TM-T20III profile on TCP and on a serial pty, receipts in a
  temporary folder, faults injected through its control API.
- cupsd: its own ServerRoot, spool and logs in a temporary folder (`cupsd -f`), one
  `cups-pdf` queue. cups-pdf reads its configuration only from /etc/cups (compiled in),
  as `cups-pdf-<queue>.conf` for a queue whose device URI is `cups-pdf:/<queue>`; the
  fixture writes that file with `Out` pointing into the temporary folder and removes it
  afterwards. cupsd must run as root (it refuses to run backends otherwise), as it does
  on this test machine.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[3]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_for(check, timeout: float, what: str, proc: subprocess.Popen | None = None, log: Path | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            break
        try:
            if check():
                return
        except Exception:  # noqa: BLE001 - not up yet
            pass
        time.sleep(0.1)
    tail = log.read_text(errors="replace")[-2000:] if log and log.exists() else ""
    raise RuntimeError(f"{what} did not start within {timeout} s\n{tail}")


# -- emupos -------------------------------------------------------------------------------


def emupos_executable() -> str | None:
    candidates = [os.environ.get("KIOSK_EMUPOS", ""), str(ROOT / ".venv-emupos" / "bin" / "emupos")]
    return next((c for c in candidates if c and os.access(c, os.X_OK)), None)


@dataclass
class Emupos:
    api: str          # http://127.0.0.1:<port>/api/v1
    tcp_port: int
    serial_path: Path  # the pty link emupos publishes
    device_id: str = "kiosk"

    def url(self, path: str) -> str:
        return f"{self.api}/devices/{self.device_id}{path}"

    def set_fault(self, fault: str, active: bool = True) -> None:
        method = httpx.put if active else httpx.delete
        method(self.url(f"/faults/{fault}"), timeout=5).raise_for_status()

    def clear_faults(self) -> None:
        for fault in ("paper-near-end", "paper-out", "cover-open", "offline"):
            self.set_fault(fault, False)

    def receipt_ids(self) -> list[str]:
        return [r["id"] for r in httpx.get(self.url("/receipts"), timeout=5).json()]

    def wait_for_new_receipt(self, before: list[str], timeout: float = 10) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            new = [r for r in self.receipt_ids() if r not in before]
            if new:
                return new[0]
            time.sleep(0.05)
        raise AssertionError("emupos completed no new receipt")

    def image(self, receipt_id: str) -> bytes:
        return httpx.get(self.url(f"/receipts/{receipt_id}/image"), timeout=5).content

    def text(self, receipt_id: str) -> str:
        return httpx.get(self.url(f"/receipts/{receipt_id}/text"), timeout=5).text


@pytest.fixture(scope="session")
def emupos_server() -> Iterator[Emupos]:
    exe = emupos_executable()
    if exe is None:
        pytest.skip("emupos not found: set KIOSK_EMUPOS or run tools/bootstrap.sh (it creates .venv-emupos)")
    work = Path(tempfile.mkdtemp(prefix="kiosk-emupos-"))
    api_port, tcp_port = free_port(), free_port()
    while tcp_port == api_port:
        tcp_port = free_port()
    (work / "emupos.yaml").write_text(
        "schema: 1\n"
        f"api: {{ host: 127.0.0.1, port: {api_port} }}\n"
        "devices:\n"
        "  - id: kiosk\n"
        "    type: printer\n"
        "    profile: epson-tm-t20iii\n"
        "    connections:\n"
        f"      - tcp: {{ host: 127.0.0.1, port: {tcp_port} }}\n"
        "      - serial: { pty: true }\n"
        "    receipts_dir: ./receipts\n"
        "    job_idle_timeout_ms: 1000\n",
        encoding="utf-8",
    )
    log = work / "emupos.log"
    # TMPDIR: emupos publishes the serial pty as $TMPDIR/emupos/<device id>.
    env = dict(os.environ, TMPDIR=str(work), NO_COLOR="1", COLUMNS="200")
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [exe, "run", "--config", str(work / "emupos.yaml")],
            cwd=work, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
        )
    server = Emupos(f"http://127.0.0.1:{api_port}/api/v1", tcp_port, work / "emupos" / "kiosk")
    try:
        _wait_for(lambda: httpx.get(f"{server.api}/health", timeout=1).status_code == 200, 30, "emupos", proc, log)
        _wait_for(lambda: server.serial_path.exists(), 10, "emupos serial port", proc, log)
        yield server
    finally:
        proc.send_signal(signal.SIGINT)  # its Ctrl+C: closes the pty and removes the link
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)
        shutil.rmtree(work, ignore_errors=True)


@pytest.fixture
def emupos(emupos_server: Emupos) -> Iterator[Emupos]:
    emupos_server.clear_faults()
    yield emupos_server
    emupos_server.clear_faults()


# -- CUPS ---------------------------------------------------------------------------------

CUPS_PDF_BACKEND = Path("/usr/lib/cups/backend/cups-pdf")
CUPS_PDF_PPD = Path("/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd")
CUPS_PDF_CONF_DIR = Path("/etc/cups")  # compiled into cups-pdf


@dataclass
class Cups:
    server: str      # 127.0.0.1:<port>
    queue: str
    out_dir: Path    # where cups-pdf writes the PDFs
    root: Path

    def admin(self, *args: str) -> None:
        subprocess.run(list(args), check=True, capture_output=True, timeout=30, env=dict(os.environ, LC_ALL="C"))

    def pdfs(self) -> list[Path]:
        return sorted(self.out_dir.glob("*.pdf"), key=lambda p: p.stat().st_mtime)


def _cups_missing() -> str | None:
    if shutil.which("cupsd") is None or shutil.which("lpadmin") is None or shutil.which("lp") is None:
        return "cupsd/lpadmin/lp not installed (Debian: cups, cups-client)"
    if not CUPS_PDF_BACKEND.exists() or not CUPS_PDF_PPD.exists():
        return "cups-pdf not installed (Debian: printer-driver-cups-pdf)"
    if os.geteuid() != 0:
        return "cupsd must run as root to run the cups-pdf backend"
    return None


@pytest.fixture(scope="session")
def cups_server() -> Iterator[Cups]:
    missing = _cups_missing()
    if missing:
        pytest.skip(missing)
    root = Path(tempfile.mkdtemp(prefix="kiosk-cups-"))
    os.chmod(root, 0o755)  # filters run as user lp and read the spool below
    dirs = {name: root / name for name in ("conf", "spool", "cache", "state", "log", "out", "cups-pdf-spool")}
    for d in dirs.values():
        d.mkdir()
        os.chmod(d, 0o755)
    port = free_port()
    queue = f"kiosk-test-{uuid.uuid4().hex[:8]}"
    (dirs["conf"] / "cupsd.conf").write_text(
        f"Listen 127.0.0.1:{port}\n"
        "LogLevel info\nErrorPolicy stop-printer\nBrowsing No\nWebInterface No\nDefaultAuthType None\n"
        "<Location />\n  Order allow,deny\n  Allow from all\n</Location>\n"
        "<Location /admin>\n  Order allow,deny\n  Allow from all\n</Location>\n"
        "<Policy default>\n  <Limit All>\n    Order deny,allow\n  </Limit>\n</Policy>\n",
        encoding="utf-8",
    )
    (dirs["conf"] / "cups-files.conf").write_text(
        f"ServerRoot {dirs['conf']}\nRequestRoot {dirs['spool']}\nCacheDir {dirs['cache']}\n"
        f"StateDir {dirs['state']}\nTempDir {dirs['spool']}\nAccessLog {dirs['log']}/access_log\n"
        f"ErrorLog {dirs['log']}/error_log\nPageLog {dirs['log']}/page_log\n"
        "User lp\nGroup lp\nServerBin /usr/lib/cups\nDataDir /usr/share/cups\n",
        encoding="utf-8",
    )
    for name in ("raw.convs", "raw.types"):
        if (Path("/etc/cups") / name).exists():
            shutil.copy(Path("/etc/cups") / name, dirs["conf"] / name)
    conf = CUPS_PDF_CONF_DIR / f"cups-pdf-{queue}.conf"
    conf.write_text(
        f"Out {dirs['out']}\nAnonDirName {dirs['out']}\nSpool {dirs['cups-pdf-spool']}\n"
        f"Log {dirs['log']}\nLogType 3\nGrp lp\nUserUMask 0022\n",
        encoding="utf-8",
    )
    env = dict(os.environ, LC_ALL="C")
    proc = subprocess.Popen(
        ["cupsd", "-f", "-c", str(dirs["conf"] / "cupsd.conf"), "-s", str(dirs["conf"] / "cups-files.conf")],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, start_new_session=True,
    )
    server = f"127.0.0.1:{port}"
    cups = Cups(server, queue, dirs["out"], root)
    try:
        def running() -> bool:
            out = subprocess.run(["lpstat", "-h", server, "-r"], capture_output=True, text=True, env=env, timeout=5)
            return "is running" in out.stdout

        _wait_for(running, 30, "cupsd", proc, dirs["log"] / "error_log")
        cups.admin("lpadmin", "-h", server, "-p", queue, "-E", "-v", f"cups-pdf:/{queue}", "-P", str(CUPS_PDF_PPD))
        yield cups
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)
        conf.unlink(missing_ok=True)
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def cups(cups_server: Cups) -> Iterator[Cups]:
    yield cups_server
    # Whatever a test did to the queue, the next one finds it enabled and accepting.
    cups_server.admin("cupsenable", "-h", cups_server.server, cups_server.queue)
    cups_server.admin("cupsaccept", "-h", cups_server.server, cups_server.queue)
