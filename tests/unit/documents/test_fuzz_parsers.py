"""Hostile or damaged chip data: every parser raises a DocumentError subclass or succeeds.

Never an IndexError, never a hang, never an allocation sized by a claimed length.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.emulators.emrtd import ChipConfig, InProcessCard, chip_for, make_document
from hardware.card_reader import CardConnection
from tests.inprocess_reader import InProcessCardReader
from kiosk.documents import tlv
from kiosk.documents.apdu import ApduError, CommandApdu
from kiosk.documents.capabilities import from_atr, from_atr_info, historical_bytes
from kiosk.documents.errors import DocumentError, MalformedDocument
from kiosk.documents.filesystem import MAX_FILE_SIZE
from kiosk.documents.lds.card_access import parse_card_access
from kiosk.documents.lds.com import parse_com
from kiosk.documents.lds.dg1 import parse_dg1
from kiosk.documents.lds.dg11 import parse_dg11
from kiosk.documents.lds.dg2 import parse_dg2
from kiosk.documents.lds.sod import parse_sod
from kiosk.documents.passive_auth import PaStatus, verify_document
from kiosk.documents.reader import read_document
from kiosk.demo.specimen import make_specimen_files

DOC = make_document("TD1", dg13=True)
DOC_39794 = make_document("TD3", face_format="39794")
SPECIMEN = make_specimen_files(dt.date(2026, 11, 21), "VNM")
PARSERS = {
    "sod": (parse_sod, DOC.files[0x011D]),
    "com": (parse_com, DOC.files[0x011E]),
    "dg1": (parse_dg1, DOC.files[0x0101]),
    "dg2": (parse_dg2, DOC.files[0x0102][:3000]),
    "dg2_39794": (parse_dg2, DOC_39794.files[0x0102][:3000]),
    "dg11": (parse_dg11, DOC.files[0x010B]),
    "card_access": (parse_card_access, bytes.fromhex("31143012060A04007F0007020204020202010202010D")),
}


def mutate(data: bytes, edits, cut) -> bytes:
    out = bytearray(data)
    for position, replacement in edits:
        position %= max(1, min(len(out), 200) if position % 2 else len(out))
        out[position : position + len(replacement)] = replacement
    if cut is not None:
        out = out[: cut % (len(out) + 1)]
    return bytes(out)


edits = st.lists(st.tuples(st.integers(0, 10**6), st.binary(min_size=1, max_size=4)), min_size=1, max_size=4)


@pytest.mark.parametrize("name", sorted(PARSERS))
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edits=edits, cut=st.one_of(st.none(), st.integers(0, 10**6)))
def test_mutated_files_only_raise_malformed(name, edits, cut):
    parse, original = PARSERS[name]
    try:
        parse(mutate(original, edits, cut))
    except MalformedDocument:
        pass


@pytest.mark.parametrize("name", sorted(PARSERS))
@settings(max_examples=100, deadline=None)
@given(data=st.binary(max_size=300))
def test_random_bytes_only_raise_malformed(name, data):
    parse, _ = PARSERS[name]
    try:
        parse(data)
    except MalformedDocument:
        pass


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edits=edits, cut=st.one_of(st.none(), st.integers(0, 10**6)))
def test_mutated_sod_never_passes_and_never_raises(edits, cut):
    sod = mutate(DOC.files[0x011D], edits, cut)
    from kiosk.documents.trust import TrustStore

    result = verify_document(DOC.groups, sod, TrustStore([DOC.pki.csca.certificate]))
    if sod != DOC.files[0x011D] and result.status is PaStatus.PASSED:
        # Only unsigned, unhashed parts of CMS may change harmlessly (e.g. digestAlgorithms).
        assert parse_sod(sod).hashes == parse_sod(DOC.files[0x011D]).hashes


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=40))
def test_capability_parsers_never_raise(data):
    historical_bytes(data)
    from_atr(data)
    from_atr_info(data)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300))
def test_apdu_parser_only_raises_apdu_error(data):
    try:
        apdu = CommandApdu.parse(data)
    except ApduError:
        return
    assert CommandApdu.parse(apdu.encode()) == apdu


@settings(max_examples=200, deadline=None)
@given(command=st.builds(CommandApdu, cla=st.integers(0, 255), ins=st.integers(0, 255), p1=st.integers(0, 255),
                         p2=st.integers(0, 255), data=st.binary(max_size=400),
                         le=st.one_of(st.none(), st.integers(1, 65536))))
def test_apdu_encoding_round_trips(command):
    parsed = CommandApdu.parse(command.encode())
    assert (parsed.data, parsed.le, parsed.extended) == (command.data, command.le, command.extended)


def test_claimed_length_beyond_the_limit_is_refused_before_reading():
    files = dict(SPECIMEN)
    files[0x0102] = b"\x75\x84" + (MAX_FILE_SIZE + 1).to_bytes(4, "big") + bytes(300)
    from hardware.card_reader.simulated import SimulatedCardReader, SimulatedChip

    reader = SimulatedCardReader()
    chip = SimulatedChip(files)
    reader.present(chip)
    with pytest.raises(MalformedDocument):
        read_document(reader.wait_for_card(1))
    assert chip.total_apdus < 20


class Corrupting(CardConnection):
    """A strict emulated chip whose answers get one byte changed from the Nth on."""

    def __init__(self, inner: CardConnection, at: int, position: int, value: int) -> None:
        self.inner, self.at, self.position, self.value = inner, at, position, value
        self.count = 0
        self.atr = inner.atr

    def transmit(self, apdu: bytes) -> bytes:
        answer = bytearray(self.inner.transmit(apdu))
        self.count += 1
        if self.count == self.at and answer:
            answer[self.position % len(answer)] = self.value
        return bytes(answer)

    def close(self) -> None:
        pass


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(at=st.integers(1, 30), position=st.integers(0, 400), value=st.integers(0, 255),
       pace=st.booleans(), extended=st.booleans())
def test_corrupted_answers_under_secure_messaging_raise_document_errors(at, position, value, pace, extended):
    from kiosk.documents.crypto import CipherKind
    from kiosk.documents.lds.card_access import PaceInfo, pace_oid

    offer = [PaceInfo(pace_oid("ECDH", "GM", CipherKind.AES, 128), 2, 13)] if pace else []
    reader = InProcessCardReader()
    reader.insert(InProcessCard(chip_for(DOC, ChipConfig(pace=offer, extended_length=extended))))
    try:
        read_document(Corrupting(reader.wait_for_card(1), at, position, value), access_key=DOC.key)
    except DocumentError:
        pass


def test_tlv_length_field_larger_than_the_data():
    with pytest.raises(tlv.TlvError):
        tlv.decode(b"\x61\x84\xff\xff\xff\xff\x00")
