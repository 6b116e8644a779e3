"""Read an eMRTD's LDS files over an APDU transport and turn them into an Identity.

Protocol, transport and data stay apart, as in JMRTD: `hardware` moves bytes,
`SecureChannel` wraps and unwraps APDUs, this module speaks ISO 7816-4 file commands,
and `lds` parses what comes back.

Today the channel is plain (`PlainChannel`): enough for the demo chip. A real eMRTD
answers 6982 until BAC or PACE has run, which this reader reports as AccessDenied; the
later secure-messaging issue supplies a channel whose wrap/unwrap do 3DES/AES SM, and
passes it as `secure_channel` without changing anything here.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from typing import Callable, Protocol

from hardware.card_reader import CardConnection
from hardware.errors import CardRemoved
from kiosk.documents import tlv
from kiosk.documents.errors import (
    AccessDenied,
    CardPulled,
    ChipError,
    DocumentError,
    MalformedDocument,
    ReadCancelled,
    UnsupportedCard,
)
from kiosk.documents.lds import (
    ComFile,
    DataGroup,
    Dg11,
    FaceImage,
    parse_com,
    parse_dg1,
    parse_dg2,
    parse_dg11,
)
from kiosk.domain.mrz import Mrz, MrzError, parse_mrz
from kiosk.identity import Identity, IdentitySource

EMRTD_AID = bytes.fromhex("A0000002471001")
BLOCK_SIZE = 0xDF          # 223 bytes: fits a short APDU once secure messaging adds its overhead
HEADER_PROBE = 4           # enough for the tag and a length of up to 0x82 XX XX
MAX_SHORT_OFFSET = 0x7FFF  # READ BINARY B0 addresses 15 bits; beyond needs INS B1
MAX_FILE_SIZE = MAX_SHORT_OFFSET + 1

SW_OK = 0x9000
SW_END_OF_FILE = 0x6282
SW_SECURITY_NOT_SATISFIED = 0x6982
SW_FILE_NOT_FOUND = 0x6A82
SW_WRONG_OFFSET = 0x6B00

Progress = Callable[[int, int], None]

# DG2 first: it is nearly all of the bytes, so once its header is read the progress
# total is almost final and the bar never runs backwards by more than a hair.
READ_ORDER = (DataGroup.DG2, DataGroup.DG1, DataGroup.DG11, DataGroup.DG13)
REQUIRED = frozenset({DataGroup.DG1, DataGroup.DG2})


class SecureChannel(Protocol):
    """Wraps command APDUs and unwraps responses (secure messaging, or nothing)."""

    def wrap(self, apdu: bytes) -> bytes: ...

    def unwrap(self, response: bytes) -> bytes: ...


class PlainChannel:
    """No secure messaging: APDUs pass unchanged (demo chips, unprotected files)."""

    def wrap(self, apdu: bytes) -> bytes:
        return apdu

    def unwrap(self, response: bytes) -> bytes:
        return response


@dataclass(repr=False)
class ChipDocument:
    mrz: Mrz
    files: dict[DataGroup, bytes]       # raw bytes of every file read, EF.COM included
    face: FaceImage
    com: ComFile
    dg11: Dg11 | None = None
    apdu_count: int = 0
    bytes_read: int = 0
    warnings: list[str] = field(default_factory=list)

    @property
    def dg13(self) -> bytes | None:
        """Raw DG13 (national data, e.g. Viet Nam's CCCD); parsed by a later issue."""
        return self.files.get(DataGroup.DG13)

    def __repr__(self) -> str:  # no personal data in logs or tracebacks
        groups = ",".join(g.name for g in self.files)
        return f"ChipDocument(files={groups}, apdus={self.apdu_count}, bytes={self.bytes_read})"


class _FileNotFound(Exception):
    pass


class _Session:
    """One read: counts APDUs and bytes, honours cancel, maps status words to errors."""

    def __init__(
        self,
        conn: CardConnection,
        channel: SecureChannel,
        cancel: threading.Event | None,
        progress: Progress | None,
    ) -> None:
        self._conn = conn
        self._channel = channel
        self._cancel = cancel
        self._progress = progress
        self.apdus = 0
        self.bytes_read = 0
        self.reporting = False
        self.progress_done = 0
        self.progress_total = 0

    def exchange(self, apdu: bytes) -> tuple[bytes, int]:
        if self._cancel is not None and self._cancel.is_set():
            raise ReadCancelled("read cancelled")
        try:
            raw = self._conn.transmit(self._channel.wrap(apdu))
        except CardRemoved as exc:
            raise CardPulled("the card left the reader during the read") from exc
        self.apdus += 1
        response = self._channel.unwrap(raw)
        if len(response) < 2:
            raise MalformedDocument("chip answered without a status word")
        return response[:-2], int.from_bytes(response[-2:], "big")

    def select_application(self) -> None:
        _, sw = self.exchange(b"\x00\xA4\x04\x0C" + bytes([len(EMRTD_AID)]) + EMRTD_AID)
        if sw == SW_OK:
            return
        if sw == SW_SECURITY_NOT_SATISFIED:
            raise AccessDenied("the chip requires BAC or PACE before selecting the application")
        raise UnsupportedCard(f"no eMRTD application on this card (SW {sw:04X})")

    def select_file(self, fid: int) -> None:
        _, sw = self.exchange(b"\x00\xA4\x02\x0C\x02" + fid.to_bytes(2, "big"))
        if sw == SW_OK:
            return
        if sw == SW_FILE_NOT_FOUND:
            raise _FileNotFound()
        if sw == SW_SECURITY_NOT_SATISFIED:
            raise AccessDenied("the chip requires BAC or PACE to select files")
        raise ChipError(f"SELECT of file {fid:04X} refused", sw)

    def read_binary(self, offset: int, length: int) -> bytes:
        if not 0 <= offset <= MAX_SHORT_OFFSET:
            raise UnsupportedCard("file longer than READ BINARY B0 can address (INS B1 not implemented)")
        le = min(length, 256)
        for _ in range(2):  # a second try only after 6Cxx names the right Le
            data, sw = self.exchange(b"\x00\xB0" + offset.to_bytes(2, "big") + bytes([le & 0xFF]))
            if sw in (SW_OK, SW_END_OF_FILE):
                if len(data) > le:
                    raise MalformedDocument("chip returned more bytes than asked for")
                self.bytes_read += len(data)
                return data
            if sw >> 8 == 0x6C:
                le = (sw & 0xFF) or 256
                continue
            if sw == SW_WRONG_OFFSET:
                raise MalformedDocument("file is shorter than its own header says")
            if sw == SW_SECURITY_NOT_SATISFIED:
                raise AccessDenied("the chip requires BAC or PACE to read files")
            raise ChipError("READ BINARY refused", sw)
        raise ChipError("READ BINARY refused twice with a corrected length", sw)

    def read_file(self, group: DataGroup) -> bytes:
        self.select_file(group.fid)
        head = b""
        while (total := tlv.peek_length(head)) is None:
            if len(head) >= 2 * HEADER_PROBE:
                raise MalformedDocument(f"{group.name} does not start with a TLV header")
            chunk = self.read_binary(len(head), HEADER_PROBE)
            if not chunk:
                raise MalformedDocument(f"{group.name} is empty")
            head += chunk
        if total > MAX_FILE_SIZE:
            raise UnsupportedCard(f"{group.name} of {total} bytes needs READ BINARY with INS B1")
        content = bytearray(head[:total])
        self._report(len(content), total)
        while len(content) < total:
            chunk = self.read_binary(len(content), min(BLOCK_SIZE, total - len(content)))
            if not chunk:
                raise MalformedDocument(f"{group.name} ended before its declared length")
            content += chunk
            self._report(len(chunk), 0)
        return bytes(content)

    def _report(self, done: int, new_total: int) -> None:
        if not self.reporting:
            return
        self.progress_done += done
        self.progress_total += new_total
        if self._progress is not None:
            self._progress(self.progress_done, self.progress_total)


def read_document(
    conn: CardConnection,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
    secure_channel: SecureChannel | None = None,
) -> ChipDocument:
    """Read EF.COM, then DG2, DG1, DG11 and DG13 when present, and parse them.

    `progress(bytes_read, bytes_total_known)` is called after every block of the data
    groups; the total grows as each file's header is read (EF.COM is not counted).
    Raises a DocumentError subclass: CardPulled, UnsupportedCard, AccessDenied,
    MalformedDocument, ChipError, ReadCancelled. Hardware errors other than a pulled
    card (e.g. ReaderUnavailable) propagate unchanged.
    """
    session = _Session(conn, secure_channel or PlainChannel(), cancel, progress)
    session.select_application()
    try:
        com_bytes = session.read_file(DataGroup.COM)
    except _FileNotFound:
        raise MalformedDocument("EF.COM is missing") from None
    com = parse_com(com_bytes)
    files: dict[DataGroup, bytes] = {DataGroup.COM: com_bytes}
    warnings: list[str] = []

    listed = set(com.data_groups)
    missing = REQUIRED - listed
    if missing:
        names = ", ".join(sorted(g.name for g in missing))
        raise MalformedDocument(f"EF.COM does not list {names}")

    session.reporting = True
    for group in READ_ORDER:
        if group not in listed:
            continue
        try:
            files[group] = session.read_file(group)
        except _FileNotFound:
            if group in REQUIRED:
                raise MalformedDocument(f"{group.name} is listed in EF.COM but absent") from None
            warnings.append(f"{group.name} listed in EF.COM but absent")

    try:
        mrz = parse_mrz(parse_dg1(files[DataGroup.DG1]).mrz)
    except MrzError as exc:  # the message may quote the data: keep only the code
        raise MalformedDocument(f"DG1 MRZ is invalid ({exc.code})") from None
    face = parse_dg2(files[DataGroup.DG2])
    if face.warning:
        warnings.append(face.warning)
    dg11 = parse_dg11(files[DataGroup.DG11]) if DataGroup.DG11 in files else None
    if DataGroup.DG13 in files and tlv.decode(files[DataGroup.DG13]).tag != DataGroup.DG13.tag:
        raise MalformedDocument("DG13 does not start with its tag")
    return ChipDocument(
        mrz=mrz,
        files=files,
        face=face,
        com=com,
        dg11=dg11,
        apdu_count=session.apdus,
        bytes_read=session.bytes_read,
        warnings=warnings,
    )


# -- identity ---------------------------------------------------------------------------

_NATIONAL_NUMBER = {
    "CHN": re.compile(r"\d{17}[\dX]"),
    "VNM": re.compile(r"\d{12}"),
}


def _national_number(doc: ChipDocument, country: str) -> str:
    """DG11's personal number, else the MRZ optional data read by the country's rule."""
    if doc.dg11 is not None and doc.dg11.personal_number:
        return "".join(doc.dg11.personal_number.replace("<", " ").split()).upper()
    optional = doc.mrz.optional_data.replace("<", "")
    pattern = _NATIONAL_NUMBER.get(country.upper())
    if pattern is None:
        return optional
    match = pattern.match(optional)
    return match.group(0) if match else ""


def _as_jpeg(face: FaceImage) -> bytes:
    """Identity.reference_photo is JPEG; chips may hold JPEG 2000, which is converted."""
    if face.mime == "image/jpeg":
        return face.data
    import cv2
    import numpy as np

    try:
        image = cv2.imdecode(np.frombuffer(face.data, np.uint8), cv2.IMREAD_COLOR)
        ok, encoded = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, 95]) if image is not None else (False, None)
    except cv2.error:
        ok = False
    if not ok:
        raise MalformedDocument("the chip portrait cannot be decoded")
    return encoded.tobytes()


def identity_from_document(doc: ChipDocument, country: str) -> Identity:
    """The citizen as the chip states them; `country` selects the national-number rule.

    Raises UnsupportedCard when the chip carries no national ID number of `country`
    (e.g. a foreign passport), MalformedDocument when DG11 and the MRZ disagree.
    """
    id_number = _national_number(doc, country)
    if not id_number:
        raise UnsupportedCard(f"the chip holds no {country} ID number")
    birth = doc.mrz.birth_date
    if doc.dg11 is not None and doc.dg11.full_date_of_birth is not None:
        if f"{doc.dg11.full_date_of_birth:%y%m%d}" != doc.mrz.birth_date_text:
            raise MalformedDocument("DG11 and the MRZ disagree on the birth date")
        birth = doc.dg11.full_date_of_birth  # four-digit year: no century guess
    return Identity(
        id_number=id_number,
        surname=doc.mrz.surname,
        given_names=doc.mrz.given_names,
        birth_date=birth,
        sex=doc.mrz.sex,
        nationality=doc.mrz.nationality,
        source=IdentitySource.CHIP,
        document_number=doc.mrz.document_number,
        card_expiry=doc.mrz.expiry_date,
        name_local=doc.dg11.full_name_text if doc.dg11 is not None else "",
        reference_photo=_as_jpeg(doc.face),
    )


__all__ = [
    "BLOCK_SIZE",
    "AccessDenied",
    "CardPulled",
    "ChipDocument",
    "ChipError",
    "DocumentError",
    "MalformedDocument",
    "ReadCancelled",
    "UnsupportedCard",
    "PlainChannel",
    "SecureChannel",
    "identity_from_document",
    "read_document",
]
