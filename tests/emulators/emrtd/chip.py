"""A strict eMRTD chip: the card side of ICAO 9303 as an APDU-in, APDU-out engine.

Unlike the lenient demo chip (`hardware.card_reader.simulated`), this one behaves like an
issued document: the LDS application's files answer 6982 until BAC or PACE has
succeeded, every command after that must be secure-messaging protected (a plain one or
a bad MAC ends the session), EF.CardAccess and EF.ATR/INFO sit in the master file, and
SELECT by file id, READ BINARY by SFI, READ BINARY B1 and extended length are supported
or refused as configured. It reuses the kiosk's primitives (3DES, AES, KDF, MACs, point
arithmetic) - which the ICAO vectors pin independently - but the chip-side protocol logic
(parsing protected commands, building protected answers, BAC and PACE as the chip runs
them) is written here, separately from the reader's.

Transports (`vpcd.VpcdCard`, `nfc_udp.NfcUdpCard`, `InProcessCard`) call `power_up()`
and `transmit()`; `transmit` raises `CardGone` when the card is "pulled".
"""

from __future__ import annotations

import hmac
import os
import threading
import time
from dataclasses import dataclass, field
from typing import Callable

from kiosk.documents import tlv
from kiosk.documents.access import MrzKey, PACE_CAN, PACE_MRZ, pace_password
from kiosk.documents.apdu import ApduError, CommandApdu
from kiosk.documents.bac import cryptogram, document_keys, initial_ssc, open_cryptogram, session_keys
from kiosk.documents.capabilities import build_atr_info
from kiosk.documents.crypto import (
    KDF_PACE,
    CipherKind,
    aes_ecb_encrypt,
    block_decrypt,
    block_encrypt,
    kdf,
    mac,
    pad,
    unpad,
)
from kiosk.documents.errors import SecureMessagingError
from kiosk.documents.lds.card_access import PaceInfo, build_card_access
from kiosk.documents.pace import (
    auth_token,
    curve_for,
    decode_point,
    encode_point,
    map_generic,
    random_scalar,
    session_keys as pace_session_keys,
    shared_secret,
)
from kiosk.documents.tlv import TlvError

EMRTD_AID = bytes.fromhex("A0000002471001")
MF = 0x3F00
FID_CARD_ACCESS = 0x011C
FID_ATR_INFO = 0x2F01
MF_SFI = {0x1C: FID_CARD_ACCESS, 0x01: FID_ATR_INFO}
APP_SFI = {fid & 0x1F: fid for fid in (*range(0x0101, 0x0111), 0x011D, 0x011E)}


def sw(value: int) -> bytes:
    return value.to_bytes(2, "big")


OK = sw(0x9000)


class CardGone(Exception):
    """The card left the field: the transport must behave as a removed card."""


def contactless_atr(historical: bytes) -> bytes:
    """The ATR a PC/SC reader builds for an ISO 14443-4 card (PC/SC part 3)."""
    body = bytes([0x80 | len(historical), 0x80, 0x01]) + historical
    tck = 0
    for b in body:
        tck ^= b
    return b"\x3B" + body + bytes([tck])


@dataclass
class ChipConfig:
    bac: bool = True                        # GET CHALLENGE / EXTERNAL AUTHENTICATE
    pace: list[PaceInfo] = field(default_factory=list)   # offered in EF.CardAccess
    can: str | None = None                  # PACE with CAN when set
    extended_length: bool = True            # accept extended APDUs (else 6700)
    max_response: int = 65535               # stated in EF.ATR/INFO; answers never exceed it
    state_extended_in_atr: bool = False     # card capabilities in the ATR instead of EF.ATR/INFO
    sfi: bool = True                        # READ BINARY with short EF identifiers
    odd_read_binary: bool = True            # READ BINARY B1
    wrong_length_over: int | None = None    # answer 6700 to a READ BINARY asking more (a chip overstating)
    latency_s: float = 0.0                  # time spent per APDU
    pull_after_apdus: int | None = None     # leave the field when asked the N+1th APDU (once)


@dataclass
class _Session:
    kind: CipherKind
    ks_enc: bytes
    ks_mac: bytes
    ssc: int

    @property
    def ssc_bytes(self) -> bytes:
        return self.ssc.to_bytes(self.kind.block_size, "big")

    def iv(self) -> bytes:
        if self.kind is CipherKind.TDES:
            return bytes(8)
        return aes_ecb_encrypt(self.ks_enc, self.ssc_bytes)

    def mac(self, data: bytes) -> bytes:
        return mac(self.kind, self.ks_mac, self.ssc_bytes + data)


class EmrtdChip:
    """`files`: LDS files by file id (EF.COM 011E, DG1 0101, ..., EF.SOD 011D)."""

    def __init__(
        self,
        files: dict[int, bytes],
        mrz_key: MrzKey | None,
        config: ChipConfig | None = None,
        *,
        random_bytes: Callable[[int], bytes] = os.urandom,
        random_scalar_fn: Callable[[int], int] = random_scalar,
    ) -> None:
        self.files = dict(files)
        self.mrz_key = mrz_key
        self.config = config or ChipConfig()
        self.random_bytes = random_bytes
        self.random_scalar = random_scalar_fn
        self.mf_files: dict[int, bytes] = {}
        if self.config.pace:
            self.mf_files[FID_CARD_ACCESS] = build_card_access(self.config.pace)
        if self.config.extended_length and not self.config.state_extended_in_atr:
            self.mf_files[FID_ATR_INFO] = build_atr_info(self.config.max_response, self.config.max_response)
        self.lock = threading.Lock()
        self.apdus_since_power_up = 0
        self.total_apdus = 0
        self.pulls = 0
        self.log: list[tuple[bytes, bytes]] = []   # (command, response) as on the wire
        self.power_up()

    # -- power and wire ---------------------------------------------------------------

    @property
    def atr(self) -> bytes:
        if self.config.state_extended_in_atr:
            caps = bytes([0x73, 0x00, 0x00, 0x40 if self.config.extended_length else 0x00])
            return contactless_atr(b"\x80" + caps)
        return contactless_atr(b"eMRTD-EMU")

    def power_up(self) -> bytes:
        with self.lock:
            self.df = MF
            self.current: int | None = None
            self.session: _Session | None = None
            self.rnd_ic: bytes | None = None
            self.pace_state: dict = {}
            self._wire_extended = False
            self.apdus_since_power_up = 0
        return self.atr

    def transmit(self, raw: bytes) -> bytes:
        with self.lock:
            limit = self.config.pull_after_apdus
            if limit is not None and self.apdus_since_power_up >= limit:
                self.config.pull_after_apdus = None  # once: the re-inserted card stays
                self.pulls += 1
                raise CardGone("pulled")
            self.apdus_since_power_up += 1
            self.total_apdus += 1
            response = self._answer(bytes(raw))
            self.log.append((bytes(raw), response))
        if self.config.latency_s:
            time.sleep(self.config.latency_s)
        return response

    # -- dispatch -----------------------------------------------------------------------

    def _answer(self, raw: bytes) -> bytes:
        try:
            apdu = CommandApdu.parse(raw)
        except ApduError:
            return sw(0x6700)
        if apdu.extended and not self.config.extended_length:
            return sw(0x6700)
        self._wire_extended = apdu.extended
        if apdu.cla & 0x0C:
            if self.session is None:
                return sw(0x6882)  # secure messaging not supported now
            try:
                plain = self._unprotect(apdu)
            except (SecureMessagingError, TlvError, ApduError, ValueError):
                self.session = None
                return sw(0x6988)
            data, status = self._process(plain)
            return self._protect(data, status, plain.ins)
        if self.session is not None:
            self.session = None  # a plain command ends secure messaging
            return sw(0x6987)
        data, status = self._process(apdu)
        return data + sw(status)

    def _process(self, apdu: CommandApdu) -> tuple[bytes, int]:
        ins = apdu.ins
        if apdu.cla & ~0x1C & 0xFF:  # only SM (0C) and chaining (10) bits are known here
            return b"", 0x6E00
        if ins == 0xA4:
            return self._select(apdu)
        if ins in (0xB0, 0xB1):
            return self._read_binary(apdu)
        if ins == 0x84:
            return self._get_challenge(apdu)
        if ins == 0x82:
            return self._external_authenticate(apdu)
        if ins == 0x22:
            return self._mse_set_at(apdu)
        if ins == 0x86:
            return self._general_authenticate(apdu)
        return b"", 0x6D00

    # -- secure messaging (chip side) ---------------------------------------------------

    def _unprotect(self, apdu: CommandApdu) -> CommandApdu:
        s = self.session
        assert s is not None
        objects = tlv.decode_all(apdu.data)
        tags = [o.tag for o in objects]
        if not tags or tags[-1] != 0x8E:
            raise SecureMessagingError("no MAC")
        s.ssc += 1
        header = bytes((apdu.cla, apdu.ins, apdu.p1, apdu.p2))
        covered = pad(header, s.kind.block_size) + apdu.data[: -(2 + len(objects[-1].value))]
        if not hmac.compare_digest(s.mac(covered), objects[-1].value):
            raise SecureMessagingError("bad command MAC")
        data = b""
        le = None
        for obj in objects[:-1]:
            if obj.tag in (0x87, 0x85):
                body = obj.value[1:] if obj.tag == 0x87 else obj.value
                if obj.tag == 0x87 and obj.value[:1] != b"\x01":
                    raise SecureMessagingError("padding indicator")
                data = unpad(block_decrypt(s.kind, s.ks_enc, body, s.iv()))
            elif obj.tag == 0x97:
                le = int.from_bytes(obj.value, "big") or (256 if len(obj.value) == 1 else 65536)
            else:
                raise SecureMessagingError("unexpected DO")
        return CommandApdu(apdu.cla & ~0x0C & 0xFF, apdu.ins, apdu.p1, apdu.p2, data, le)

    def _protect(self, data: bytes, status: int, ins: int) -> bytes:
        s = self.session
        if s is None:  # the command ended the session (wrong MAC handled above)
            return data + sw(status)
        s.ssc += 1
        objects = b""
        if data:
            crypt = block_encrypt(s.kind, s.ks_enc, pad(data, s.kind.block_size), s.iv())
            objects += tlv.encode(0x85, crypt) if ins & 1 else tlv.encode(0x87, b"\x01" + crypt)
        objects += tlv.encode(0x99, sw(status))
        objects += tlv.encode(0x8E, s.mac(objects))
        return objects + sw(status)

    # -- files --------------------------------------------------------------------------

    def _visible(self) -> dict[int, bytes]:
        return self.mf_files if self.df == MF else self.files

    def _access_ok(self) -> bool:
        return self.df == MF or self.session is not None

    def _select(self, apdu: CommandApdu) -> tuple[bytes, int]:
        if apdu.p2 not in (0x0C,):
            return b"", 0x6A86
        if apdu.p1 == 0x04:
            if apdu.data == EMRTD_AID:
                self.df, self.current = "app", None
                return b"", 0x9000
            return b"", 0x6A82
        if apdu.p1 in (0x00, 0x02) and len(apdu.data) == 2:
            fid = int.from_bytes(apdu.data, "big")
            if fid == MF and apdu.p1 == 0x00:
                self.df, self.current = MF, None
                return b"", 0x9000
            if self.df == "app" and not self._access_ok():
                return b"", 0x6982
            if fid in self._visible():
                self.current = fid
                return b"", 0x9000
            return b"", 0x6A82
        return b"", 0x6A86

    def _limit(self, le: int | None) -> int:
        """Plain bytes an answer may carry: its protected form must fit what the wire
        APDU allows (256 bytes for a short one, the stated maximum for an extended one)."""
        from kiosk.documents.secure_messaging import max_plain_length

        cap = min(self.config.max_response, 65536) if self._wire_extended else 256
        if self.session is not None:
            cap = max_plain_length(cap, self.session.kind)
        return min(le or 256, cap)

    def _read_binary(self, apdu: CommandApdu) -> tuple[bytes, int]:
        if apdu.ins == 0xB1:
            if not self.config.odd_read_binary:
                return b"", 0x6D00
            try:
                offset_do = tlv.decode(apdu.data)
            except TlvError:
                return b"", 0x6A80
            if offset_do.tag != 0x54 or apdu.p1 or apdu.p2:
                return b"", 0x6A86
            offset = int.from_bytes(offset_do.value, "big")
            fid = self.current
        elif apdu.p1 & 0x80:
            if not self.config.sfi or apdu.p1 & 0x60:
                return b"", 0x6A86
            table = MF_SFI if self.df == MF else APP_SFI
            fid = table.get(apdu.p1 & 0x1F)
            if self.df == "app" and not self._access_ok():
                return b"", 0x6982
            if fid is None or fid not in self._visible():
                return b"", 0x6A82
            self.current = fid
            offset = apdu.p2
        else:
            fid = self.current
            offset = (apdu.p1 << 8) | apdu.p2
        if self.df == "app" and not self._access_ok():
            return b"", 0x6982
        if fid is None:
            return b"", 0x6986
        if apdu.le is None:
            return b"", 0x6700
        if self.config.wrong_length_over is not None and apdu.le > self.config.wrong_length_over:
            return b"", 0x6700
        content = self._visible()[fid]
        if offset >= len(content):
            return b"", 0x6B00
        want = self._limit(apdu.le)
        if apdu.ins == 0xB1:
            room = max(1, want - 4)   # DO'53' tag and length take up to 4 bytes
            chunk = content[offset : offset + room]
            short_at_end = len(chunk) < room and offset + len(chunk) == len(content)
            return tlv.encode(0x53, chunk), 0x6282 if short_at_end else 0x9000
        chunk = content[offset : offset + want]
        short_at_end = len(chunk) < apdu.le and offset + len(chunk) == len(content)
        return chunk, 0x6282 if short_at_end else 0x9000

    # -- BAC ----------------------------------------------------------------------------

    def _get_challenge(self, apdu: CommandApdu) -> tuple[bytes, int]:
        if not self.config.bac or self.mrz_key is None:
            return b"", 0x6D00
        if apdu.le != 8:
            return b"", 0x6700
        self.rnd_ic = self.random_bytes(8)
        return self.rnd_ic, 0x9000

    def _external_authenticate(self, apdu: CommandApdu) -> tuple[bytes, int]:
        if not self.config.bac or self.mrz_key is None:
            return b"", 0x6D00
        if self.rnd_ic is None or self.df != "app":
            return b"", 0x6985
        rnd_ic, self.rnd_ic = self.rnd_ic, None
        k_enc, k_mac = document_keys(self.mrz_key)
        try:
            plain = open_cryptogram(k_enc, k_mac, apdu.data)
        except SecureMessagingError:
            return b"", 0x6300
        if plain[8:16] != rnd_ic:
            return b"", 0x6300
        rnd_ifd, k_ifd = plain[:8], plain[16:32]
        k_ic = self.random_bytes(16)
        answer = cryptogram(k_enc, k_mac, rnd_ic, rnd_ifd, k_ic)
        ks_enc, ks_mac = session_keys(k_ifd, k_ic)
        self.session = _Session(CipherKind.TDES, ks_enc, ks_mac, initial_ssc(rnd_ic, rnd_ifd))
        return answer, 0x9000

    # -- PACE ---------------------------------------------------------------------------

    def _mse_set_at(self, apdu: CommandApdu) -> tuple[bytes, int]:
        if apdu.p1 != 0xC1 or apdu.p2 != 0xA4 or not self.config.pace:
            return b"", 0x6A86
        try:
            items = {o.tag: o.value for o in tlv.decode_all(apdu.data)}
        except TlvError:
            return b"", 0x6A80
        offered = [p for p in self.config.pace if p.oid_bytes == items.get(0x80)]
        if 0x84 in items:
            offered = [p for p in offered if bytes([p.parameter_id or 0]) == items[0x84]]
        elif len(self.config.pace) > 1:
            return b"", 0x6A80  # ambiguous: the terminal must name the parameters (DO'84')
        if not offered:
            return b"", 0x6A80
        info = offered[0]
        ref = items.get(0x83, b"")
        if ref == bytes([PACE_MRZ]) and self.mrz_key is not None:
            password = pace_password(self.mrz_key)
        elif ref == bytes([PACE_CAN]) and self.config.can:
            password = self.config.can.encode("ascii")
        else:
            return b"", 0x6A88
        self.session = None
        self.pace_state = {"info": info, "k_pi": kdf(password, KDF_PACE, info.cipher, info.key_bits), "step": 1}
        return b"", 0x9000

    def _general_authenticate(self, apdu: CommandApdu) -> tuple[bytes, int]:
        st = self.pace_state
        if not st:
            return b"", 0x6985
        info: PaceInfo = st["info"]
        curve = curve_for(info.parameter_id)
        try:
            outer = tlv.decode(apdu.data)
            if outer.tag != 0x7C:
                raise TlvError("no 7C")
            inner = {c.tag: c.value for c in outer.children()}
        except TlvError:
            self.pace_state = {}
            return b"", 0x6A80
        step = st["step"]
        try:
            if step == 1 and not inner:
                st["nonce"] = nonce = self.random_bytes(16)
                z = block_encrypt(info.cipher, st["k_pi"], nonce, bytes(info.cipher.block_size))
                st["step"] = 2
                return tlv.encode(0x7C, tlv.encode(0x80, z)), 0x9000
            if step == 2 and 0x81 in inner:
                sk = self.random_scalar(curve.order)
                pk_ifd = decode_point(curve, inner[0x81])
                st["generator"] = map_generic(curve, st["nonce"], sk, pk_ifd)
                st["step"] = 3
                return tlv.encode(0x7C, tlv.encode(0x82, encode_point(curve, curve.generator * sk))), 0x9000
            if step == 3 and 0x83 in inner:
                sk = self.random_scalar(curve.order)
                pk_ic = encode_point(curve, st["generator"] * sk)
                if inner[0x83] == pk_ic:
                    raise SecureMessagingError("echo")
                pk_ifd = decode_point(curve, inner[0x83])
                st["keys"] = pace_session_keys(info, shared_secret(curve, sk, pk_ifd))
                st["pk_ic"], st["pk_ifd"] = pk_ic, inner[0x83]
                st["step"] = 4
                return tlv.encode(0x7C, tlv.encode(0x84, pk_ic)), 0x9000
            if step == 4 and 0x85 in inner:
                ks_enc, ks_mac = st["keys"]
                self.pace_state = {}
                if not hmac.compare_digest(inner[0x85], auth_token(info, ks_mac, st["pk_ic"])):
                    return b"", 0x6300   # wrong password: the tokens cannot agree
                token = auth_token(info, ks_mac, st["pk_ifd"])
                self.session = _Session(info.cipher, ks_enc, ks_mac, 0)
                self.df = MF
                return tlv.encode(0x7C, tlv.encode(0x86, token)), 0x9000
        except SecureMessagingError:
            self.pace_state = {}
            return b"", 0x6A80
        self.pace_state = {}
        return b"", 0x6985
