"""Reading the specimen chip end to end, and every way a read can fail."""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading

import cv2
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hardware.card_reader import CardConnection
from hardware.errors import CardRemoved
from hardware.card_reader.simulated import SimulatedCardReader, SimulatedChip
from kiosk.documents import tlv
from kiosk.documents.errors import (
    AccessKeyRequired,
    CardPulled,
    ChipError,
    DocumentError,
    MalformedDocument,
    ReadCancelled,
    UnsupportedCard,
)
from kiosk.documents.chip_document import ChipDocument
from kiosk.documents.chip_identity import identity_from_document
from kiosk.documents.filesystem import SHORT_BLOCK as BLOCK_SIZE
from kiosk.documents.lds import DataGroup
from kiosk.documents.lds.com import build_com
from kiosk.documents.lds.dg11 import build_dg11
from kiosk.documents.lds.dg2 import build_dg2
from kiosk.documents.passive_auth import PaStatus
from kiosk.documents.reader import read_document
from kiosk.demo.specimen import make_specimen_files, specimen_portrait
from kiosk.identity import IdentitySource

TODAY = dt.date(2026, 11, 21)
CHN_FILES = make_specimen_files(TODAY, "CHN")
VNM_FILES = make_specimen_files(TODAY, "VNM")


class Recording(CardConnection):
    """Passes APDUs to a chip and keeps them, so tests can see what the reader sent."""

    def __init__(self, chip: SimulatedChip) -> None:
        self.chip = chip
        self.apdus: list[bytes] = []

    def transmit(self, apdu: bytes) -> bytes:
        self.apdus.append(bytes(apdu))
        return self.chip.transmit(apdu)

    def close(self) -> None:
        pass


def connect(files: dict[int, bytes], **chip_options) -> CardConnection:
    reader = SimulatedCardReader()
    reader.present(SimulatedChip(files, **chip_options))
    conn = reader.wait_for_card(timeout=1)
    assert conn is not None
    return conn


def decode(jpeg: bytes) -> np.ndarray:
    image = cv2.imdecode(np.frombuffer(jpeg, np.uint8), cv2.IMREAD_COLOR)
    assert image is not None
    return image


# -- happy path ---------------------------------------------------------------------------


def test_reads_the_chinese_specimen():
    progress: list[tuple[int, int]] = []
    doc = read_document(connect(CHN_FILES), progress=lambda done, total: progress.append((done, total)))
    assert doc.mrz.document_number == "C03004786"
    assert doc.mrz.surname == "WANG" and doc.mrz.given_names == "FANG"
    assert doc.dg11 is not None and doc.dg11.full_name == "王芳"
    assert set(doc.files) == {DataGroup.COM, DataGroup.DG1, DataGroup.DG2, DataGroup.DG11, DataGroup.SOD}
    assert doc.files[DataGroup.DG2] == CHN_FILES[0x0102]
    assert doc.bytes_read == sum(len(v) for v in CHN_FILES.values())
    assert doc.warnings == []
    assert doc.access_protocol == "none"  # the demo chip has no access control
    # Signed by the specimen PKI, which no trust store holds unless configured.
    assert doc.passive_auth is not None and doc.passive_auth.status is PaStatus.CSCA_UNKNOWN
    assert set(doc.timings) >= {"detect", "access_control", "read", "parse", "passive_auth"}
    assert decode(doc.face.data).shape == (320, 240, 3)
    assert (doc.face.width, doc.face.height) == (240, 320)
    # Progress: never backwards in bytes, ends complete; EF.COM is not counted.
    dones = [d for d, _ in progress]
    assert dones == sorted(dones)
    data_groups = sum(len(CHN_FILES[g.fid]) for g in (DataGroup.DG1, DataGroup.DG2, DataGroup.DG11))
    assert progress[-1][0] == progress[-1][1] == data_groups
    assert all(done <= total for done, total in progress)


def test_identity_from_the_chinese_specimen():
    identity = identity_from_document(read_document(connect(CHN_FILES)), "CHN")
    assert identity.id_number == "110105198403120488"
    assert identity.surname == "WANG" and identity.given_names == "FANG"
    assert identity.name_local == "王芳"
    assert identity.birth_date == dt.date(1984, 3, 12)
    assert identity.sex == "F"
    assert identity.nationality == "CHN"
    assert identity.document_number == "C03004786"
    assert identity.card_expiry == TODAY + dt.timedelta(days=45)
    assert identity.source is IdentitySource.CHIP
    assert decode(identity.reference_photo).shape == (320, 240, 3)


def test_identity_from_the_vietnamese_specimen():
    identity = identity_from_document(read_document(connect(VNM_FILES)), "VNM")
    assert identity.id_number == "001184003047"  # from the MRZ optional data: no DG11 number
    assert identity.surname == "NGUYEN" and identity.given_names == "THI LAN"
    assert identity.name_local == "Nguyễn Thị Lan"
    assert identity.nationality == "VNM"
    assert identity.document_number == "184003047"


def test_specimen_passes_passive_authentication_with_its_csca():
    from kiosk.demo.specimen_pki import specimen_pki
    from kiosk.documents.trust import TrustStore

    trust = TrustStore([specimen_pki("CHN").csca.certificate])
    doc = read_document(connect(CHN_FILES), trust=trust)
    assert doc.passive_auth.status is PaStatus.PASSED
    assert doc.passive_auth.data_groups == {"DG1": True, "DG2": True, "DG11": True}


def test_reads_whole_blocks_of_223_and_learns_lengths_from_the_first():
    conn = Recording(SimulatedChip(CHN_FILES))
    doc = read_document(conn)
    reads = [a for a in conn.apdus if a[1] == 0xB0]
    selects = [a for a in conn.apdus if a[1] == 0xA4 and a[2] == 0x02]
    assert all(a[4] in range(1, BLOCK_SIZE + 1) for a in reads)
    # The demo chip refuses short-EF-id reads (6A86): one try, then SELECT for every file.
    assert [a for a in reads if a[2] & 0x80] == [reads[0]]
    # Each file's first read asks a whole block: no separate header probe.
    first_reads = [conn.apdus[conn.apdus.index(sel) + 1] for sel in selects if sel[5:7] not in (b"\x01\x1c", b"\x2f\x01")]
    assert all(a[1] == 0xB0 and a[2:4] == b"\x00\x00" and a[4] == BLOCK_SIZE for a in first_reads)
    assert doc.apdu_count == len(conn.apdus)
    # DG2 is read first: its size dominates, so the progress total is known early.
    first_ef = [int.from_bytes(a[5:7], "big") for a in selects]
    assert first_ef == [0x011C, 0x2F01, 0x011E, 0x0102, 0x0101, 0x010B, 0x011D]


def test_dg13_is_parsed():
    dg13 = tlv.encode_constructed(0x6D, tlv.encode_constructed(
        0x30, tlv.encode(0x02, b"\x02") + tlv.encode(0x0C, "Nguyễn Thị Lan".encode())))
    files = dict(VNM_FILES)
    files[0x011E] = build_com([DataGroup.DG1, DataGroup.DG2, DataGroup.DG11, DataGroup.DG13])
    files[0x010D] = dg13
    doc = read_document(connect(files))
    assert doc.files[DataGroup.DG13] == dg13
    assert doc.dg13 is not None and doc.dg13.full_name == "Nguyễn Thị Lan"
    # DG13 changed without re-signing EF.SOD: passive authentication sees it.
    assert doc.passive_auth.status is PaStatus.FAILED and "DG13" in doc.passive_auth.reason


def test_vietnamese_specimen_carries_dg13():
    doc = read_document(connect(VNM_FILES))
    assert doc.dg13 is not None and doc.dg13.id_number == "001184003047"
    assert doc.dg13.date_of_birth == dt.date(1984, 3, 12)


def test_long_header_is_read_in_two_steps():
    original = CHN_FILES[0x0102]
    assert original[:2] == b"\x75\x82"  # tag + 2-byte length: a 4-byte header
    value = original[4:]
    files = dict(CHN_FILES)
    files[0x0102] = b"\x75\x84" + len(value).to_bytes(4, "big") + value  # 6-byte header
    assert read_document(connect(files)).face.data == read_document(connect(CHN_FILES)).face.data


def test_repr_has_no_personal_data():
    doc = read_document(connect(CHN_FILES))
    assert "WANG" not in repr(doc) and "C03004786" not in repr(doc)


# -- failures -----------------------------------------------------------------------------


@pytest.mark.parametrize("after", [0, 1, 3, 20, 60])
def test_pulled_card_mid_read(after):
    with pytest.raises(CardPulled) as caught:
        read_document(connect(CHN_FILES, pull_after_apdus=after))
    assert isinstance(caught.value.__cause__, CardRemoved)


def test_card_without_emrtd_application():
    with pytest.raises(UnsupportedCard):
        read_document(connect(CHN_FILES, has_emrtd_application=False))


class ScriptedConnection(CardConnection):
    """Answers by instruction from a table; unlisted commands get 9000."""

    def __init__(self, answers: dict[bytes, bytes]) -> None:
        self.answers = answers

    def transmit(self, apdu: bytes) -> bytes:
        for prefix, answer in self.answers.items():
            if apdu.startswith(prefix):
                return answer
        return b"\x90\x00"

    def close(self) -> None:
        pass


def test_protected_chip_is_access_denied():
    conn = ScriptedConnection({b"\x00\xA4\x02\x0C": b"\x69\x82", b"\x00\xB0": b"\x69\x82"})
    with pytest.raises(AccessKeyRequired):
        read_document(conn)


def test_unexpected_status_word_is_a_chip_error():
    conn = ScriptedConnection({b"\x00\xA4\x02\x0C": b"\x6F\x00", b"\x00\xB0": b"\x6F\x00"})
    with pytest.raises(ChipError) as caught:
        read_document(conn)
    assert caught.value.sw == 0x6F00


def test_response_without_status_word_is_malformed():
    with pytest.raises(MalformedDocument):
        read_document(ScriptedConnection({b"\x00\xA4\x04": b"\x90"}))


def test_missing_mandatory_group_in_com():
    files = dict(CHN_FILES)
    files[0x011E] = build_com([DataGroup.DG1, DataGroup.DG11])
    with pytest.raises(MalformedDocument):
        read_document(connect(files))


def test_listed_but_absent_groups():
    files = dict(CHN_FILES)
    del files[0x010B]
    doc = read_document(connect(files))
    assert doc.dg11 is None and doc.warnings == ["DG11 listed in EF.COM but absent"]
    del files[0x0101]
    with pytest.raises(MalformedDocument):
        read_document(connect(files))


def test_file_shorter_than_its_header():
    files = dict(CHN_FILES)
    files[0x0102] = CHN_FILES[0x0102][:-10]
    with pytest.raises(MalformedDocument):
        read_document(connect(files))


def test_file_beyond_short_read_binary_on_a_chip_without_b1():
    files = dict(CHN_FILES)
    files[0x0102] = build_dg2(b"\xff\xd8\xff" + b"\x00" * 40000, 240, 320)
    with pytest.raises(UnsupportedCard):  # the demo chip has no READ BINARY B1
        read_document(connect(files))


def test_bad_mrz_check_digit_is_malformed():
    files = dict(CHN_FILES)
    dg1 = bytearray(files[0x0101])
    check = -60 + 6  # line 2, position 7: the birth date's check digit
    dg1[check] = ord("0") + (dg1[check] - ord("0") + 1) % 10
    files[0x0101] = bytes(dg1)
    with pytest.raises(MalformedDocument):
        read_document(connect(files))


def test_cancel_between_apdus():
    cancel = threading.Event()
    conn = Recording(SimulatedChip(CHN_FILES))

    def progress(done: int, total: int) -> None:
        cancel.set()

    with pytest.raises(ReadCancelled):
        read_document(conn, progress=progress, cancel=cancel)
    assert len(conn.apdus) < 10


def test_wrong_le_answer_6cxx_is_retried():
    chip = SimulatedChip(CHN_FILES)
    asked_once: list[bool] = []

    class Picky(Recording):
        def transmit(self, apdu: bytes) -> bytes:
            if apdu[1] == 0xB0 and apdu[2] == 0 and apdu[4] == BLOCK_SIZE and not asked_once:
                asked_once.append(True)
                self.apdus.append(apdu)
                return b"\x6C\x02"  # 'use Le = 2'
            return super().transmit(apdu)

    doc = read_document(Picky(chip))
    assert doc.mrz.document_number == "C03004786"


def test_secure_channel_wraps_every_apdu():
    class Xor:
        """A toy 'secure messaging': flips every byte; the chip side undoes it."""

        def __init__(self) -> None:
            self.wrapped = self.unwrapped = 0

        def wrap(self, apdu: bytes) -> bytes:
            self.wrapped += 1
            return bytes(b ^ 0xFF for b in apdu)

        def unwrap(self, response: bytes) -> bytes:
            self.unwrapped += 1
            return bytes(b ^ 0xFF for b in response)

    chip = SimulatedChip(CHN_FILES)

    class XorChip(CardConnection):
        def transmit(self, apdu: bytes) -> bytes:
            return bytes(b ^ 0xFF for b in chip.transmit(bytes(b ^ 0xFF for b in apdu)))

        def close(self) -> None:
            pass

    channel = Xor()
    doc = read_document(XorChip(), secure_channel=channel)
    assert channel.wrapped == channel.unwrapped == doc.apdu_count
    assert doc.mrz.surname == "WANG"


# -- identity rules -------------------------------------------------------------------------


def _doc(files=CHN_FILES) -> ChipDocument:
    return read_document(connect(files))


def test_identity_without_national_number_is_unsupported():
    files = dict(CHN_FILES)
    files[0x010B] = build_dg11("王芳")  # no personal number; CHN MRZ has none either
    with pytest.raises(UnsupportedCard):
        identity_from_document(_doc(files), "CHN")


def test_identity_for_another_country_uses_the_raw_optional_data():
    identity = identity_from_document(_doc(VNM_FILES), "UTO")
    assert identity.id_number == "001184003047"


def test_identity_refuses_disagreeing_birth_dates():
    files = dict(CHN_FILES)
    files[0x010B] = build_dg11("王芳", "110105198403120488", dt.date(1985, 3, 12))
    with pytest.raises(MalformedDocument):
        identity_from_document(_doc(files), "CHN")


def test_identity_photo_is_jpeg_even_from_jpeg2000():
    doc = _doc()
    ok, jp2 = cv2.imencode(".jp2", decode(specimen_portrait()))
    assert ok
    doc.face = dataclasses.replace(doc.face, data=jp2.tobytes(), mime="image/jp2")
    photo = identity_from_document(doc, "CHN").reference_photo
    assert photo[:3] == b"\xff\xd8\xff"
    assert decode(photo).shape == (320, 240, 3)


# -- fuzz: a hostile or damaged chip only ever causes a DocumentError ------------------------

TARGETS = [0x011E, 0x0101, 0x0102, 0x010B, 0x011D]


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    fid=st.sampled_from(TARGETS),
    edits=st.lists(st.tuples(st.integers(0, 10**6), st.binary(min_size=1, max_size=3)), min_size=1, max_size=3),
    cut=st.one_of(st.none(), st.integers(0, 10**6)),
    country=st.sampled_from(["CHN", "VNM"]),
)
def test_mutated_chip_files_raise_only_document_errors(fid, edits, cut, country):
    files = dict(CHN_FILES if country == "CHN" else VNM_FILES)
    data = bytearray(files[fid])
    for position, replacement in edits:
        position %= min(len(data), 120) if position % 3 else len(data)  # headers get most hits
        data[position : position + len(replacement)] = replacement
    if cut is not None:
        data = data[: cut % (len(data) + 1)]
    files[fid] = bytes(data)
    try:
        identity_from_document(read_document(connect(files)), country)
    except DocumentError:
        pass


@settings(max_examples=200, deadline=None)
@given(responses=st.lists(st.binary(max_size=40), min_size=1, max_size=30))
def test_random_chip_answers_raise_only_document_errors(responses):
    class Babbling(CardConnection):
        def __init__(self) -> None:
            self.queue = list(responses)

        def transmit(self, apdu: bytes) -> bytes:
            if not self.queue:
                raise CardRemoved("gone")
            return self.queue.pop(0)

        def close(self) -> None:
            pass

    try:
        read_document(Babbling())
    except DocumentError:
        pass
