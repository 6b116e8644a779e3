"""Put an EmrtdChip into a virtual PC/SC reader of vsmartcard-vpcd (inside a real pcscd).

vpcd listens on TCP (35963 for "Virtual PCD 00 00", 35964 for "00 01"); the card side
connects, and a connection is a card in the reader. Every message is a 2-byte big-endian
length and a payload: one byte is a control code (0 power off, 1 power on, 2 reset, 4
get ATR), anything longer an APDU to answer. Debian's vpcd writes length and payload in
two segments, so without TCP_QUICKACK each APDU waits ~40 ms for a delayed ACK: it is set
before every read. Closing the connection is pulling the card.

pcscd powers a card up when it arrives and whenever a program connects, and powers it
off a poll or two (0.4-0.8 s) after it was last used. A swap in the poll that ends in that
power-off goes unseen: pcsc-lite 1.9.9 with Debian's vpcd 3.3 finds the old connection
dead and takes the waiting new one in the same breath, so the card never reads absent and
the event count does not move. Once the card is off, any swap, however quick, is one
removal and one insertion. `powered` tells which.
"""

from __future__ import annotations

import socket
import struct
import threading
import time

from tests.emulators.emrtd.chip import CardGone, EmrtdChip

POWER_OFF, POWER_ON, RESET, GET_ATR = 0, 1, 2, 4
REINSERT_GAP_S = 0.5   # pcscd needs this long to see a removal before the next insertion
_last_removal: dict[int, float] = {}   # per vpcd port (slot), shared by every VpcdCard


class VpcdCard:
    def __init__(self, chip: EmrtdChip, port: int = 35963, host: str = "127.0.0.1") -> None:
        self.chip = chip
        self.port = port
        self.host = host
        self._sock: socket.socket | None = None
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()
        self.error: BaseException | None = None
        self.powered = False      # pcscd's last power control: on (or reset) until it says off

    @property
    def inserted(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def insert(self, timeout: float = 5.0, *, quick: bool = False) -> None:
        """Connect to vpcd (retrying while pcscd brings the driver up). `quick`: at once,
        without leaving pcscd time to see the last removal first (a card swap quicker
        than the reader is polled)."""
        self.remove()
        gap = _last_removal.get(self.port, 0.0) + REINSERT_GAP_S - time.monotonic()
        if gap > 0 and not quick:
            time.sleep(gap)
        deadline = time.monotonic() + timeout
        while True:
            try:
                sock = socket.create_connection((self.host, self.port), timeout=1.0)
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sock.settimeout(None)
        self._sock = sock
        self._stop.clear()
        self._thread = threading.Thread(target=self._serve, args=(sock,), name="vpcd-card", daemon=True)
        self._thread.start()

    def remove(self) -> None:
        self._stop.set()
        sock, self._sock = self._sock, None
        if sock is not None:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            sock.close()
        if self._thread is not None:
            self._thread.join(timeout=2)
            self._thread = None
            _last_removal[self.port] = time.monotonic()

    def _recv(self, sock: socket.socket, n: int) -> bytes:
        out = b""
        while len(out) < n:
            chunk = sock.recv(n - len(out))
            if not chunk:
                raise ConnectionError("vpcd closed the connection")
            out += chunk
        return out

    def _send(self, sock: socket.socket, payload: bytes) -> None:
        sock.sendall(struct.pack(">H", len(payload)) + payload)

    def _serve(self, sock: socket.socket) -> None:
        try:
            while not self._stop.is_set():
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_QUICKACK, 1)
                (length,) = struct.unpack(">H", self._recv(sock, 2))
                payload = self._recv(sock, length)
                if length == 1:
                    code = payload[0]
                    if code in (POWER_ON, RESET):
                        self.chip.power_up()
                        self.powered = True
                    elif code == POWER_OFF:
                        self.powered = False
                    elif code == GET_ATR:
                        self._send(sock, self.chip.atr)
                    continue
                try:
                    response = self.chip.transmit(payload)
                except CardGone:
                    break  # pulled: closing the socket is the removal
                self._send(sock, response)
        except (OSError, ConnectionError) as exc:
            if not self._stop.is_set():
                self.error = exc
        finally:
            _last_removal[self.port] = time.monotonic()
            try:
                sock.close()
            except OSError:
                pass
