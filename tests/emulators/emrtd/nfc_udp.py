"""Put an EmrtdChip in front of nfcpy's `udp` driver: an ISO 14443-4 Type A card.

nfcpy's `udp:host:port` device sends each radio frame as one datagram "<bitrate> <hex>"
and expects the answer the same way. This card answers the Type A anti-collision
(SENS_REQ, SDD_REQ, SEL_REQ with a 4-byte UID, SEL_RES 20: ISO-DEP), RATS with an ATS,
and then ISO-DEP blocks: I-blocks (with chaining in both directions), R(ACK), R(NAK)
presence checks and S(DESELECT). Pulling the card means falling silent; inserting it
again means answering anti-collision again.
"""

from __future__ import annotations

import binascii
import functools
import operator
import socket
import threading

from tests.emulators.emrtd.chip import CardGone, EmrtdChip

UID = bytes.fromhex("08A1B2C3")        # 08: random UID, as eMRTDs use
SENS_RES = bytes.fromhex("0400")
SEL_RES = bytes.fromhex("20")          # ISO/IEC 14443-4 compliant
FWI = 9                                # frame waiting time ~155 ms: PACE steps take a few ms
ATS = bytes([0x05, 0x78, 0x80, (FWI << 4) | 0x00, 0x00])  # FSCI 8 (256 bytes), TA, TB, TC
MAX_INF = 250                          # information bytes per block to the reader (FSD 256)


def _nfcpy_can_parse(host: str, port: int) -> bool:
    """nfcpy's udp driver turns the port back into a number through
    `getnameinfo` without NI_NUMERICSERV, so a port listed in /etc/services
    (57000 is "dircproxy") comes back as a name and `int()` fails."""
    return socket.getnameinfo((host, port), socket.NI_NUMERICHOST)[1].isdigit()


def _bind_port_nfcpy_can_name(host: str, port: int, attempts: int = 50) -> socket.socket:
    if port and not _nfcpy_can_parse(host, port):
        raise ValueError(f"nfcpy cannot use UDP port {port}: /etc/services names it")
    for _ in range(attempts):
        sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        sock.bind((host, port))
        if _nfcpy_can_parse(host, sock.getsockname()[1]):
            return sock
        sock.close()
    raise OSError(f"no UDP port on {host} that nfcpy can parse after {attempts} tries")


class NfcUdpCard:
    def __init__(self, chip: EmrtdChip, port: int = 0, host: str = "127.0.0.1") -> None:
        self.chip = chip
        self._sock = _bind_port_nfcpy_can_name(host, port)
        self._sock.settimeout(0.1)
        self.port = self._sock.getsockname()[1]
        self._present = threading.Event()
        self._stop = threading.Event()
        self._state = "idle"
        self._rx = b""            # chained command being received
        self._tx: list[bytes] = []  # response blocks still to send (chaining)
        self._thread = threading.Thread(target=self._serve, name="nfc-udp-card", daemon=True)
        self._thread.start()

    @property
    def path(self) -> str:
        return f"udp:127.0.0.1:{self.port}"

    def insert(self) -> None:
        self._state, self._rx, self._tx = "idle", b"", []
        self.chip.power_up()
        self._present.set()

    def remove(self) -> None:
        self._present.clear()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=2)
        self._sock.close()

    # -- radio ------------------------------------------------------------------------

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                datagram, addr = self._sock.recvfrom(4096)
            except socket.timeout:
                continue
            except OSError:
                return
            if not self._present.is_set() or datagram.startswith(b"RFOFF"):
                if datagram.startswith(b"RFOFF"):
                    self._state = "idle"
                continue
            try:
                brty, hexdata = datagram.split()
                frame = binascii.unhexlify(hexdata)
            except ValueError:
                continue
            answer = self._frame(frame)
            if answer is not None:
                self._sock.sendto(brty + b" " + binascii.hexlify(answer), addr)

    def _frame(self, frame: bytes) -> bytes | None:
        bcc = functools.reduce(operator.xor, UID)
        if frame in (b"\x26", b"\x52"):              # SENS_REQ / ALL_REQ
            self._state = "ready"
            return SENS_RES
        if frame == b"\x93\x20":
            return UID + bytes([bcc])
        if frame == b"\x93\x70" + UID + bytes([bcc]):
            self._state = "active"
            return SEL_RES
        if self._state == "active" and frame[:1] == b"\xE0":   # RATS
            self._state = "protocol"
            return ATS
        if self._state != "protocol" or not frame:
            return None
        pcb = frame[0]
        if pcb & 0xE2 == 0x02:                        # I-block
            block = pcb & 0x01
            self._rx += frame[1:]
            if pcb & 0x10:                            # more to come: acknowledge
                return bytes([0xA2 | block])
            apdu, self._rx = self._rx, b""
            try:
                response = self.chip.transmit(apdu)
            except CardGone:
                self._present.clear()                 # pulled: silence from now on
                return None
            chunks = [response[i : i + MAX_INF] for i in range(0, len(response), MAX_INF)] or [b""]
            self._tx = chunks[1:]
            return bytes([(0x12 if self._tx else 0x02) | block]) + chunks[0]
        if pcb & 0xF6 == 0xA2:                        # R(ACK): next chained block
            block = pcb & 0x01
            if self._tx:
                chunk = self._tx.pop(0)
                return bytes([(0x12 if self._tx else 0x02) | block]) + chunk
            return bytes([0xA2 | block])
        if pcb & 0xF6 == 0xB2:                        # R(NAK): presence check
            return bytes([0xA2 | (pcb & 0x01)])
        if pcb & 0xF7 == 0xC2:                        # S(DESELECT)
            self._state = "idle"
            return bytes([pcb])
        return None
