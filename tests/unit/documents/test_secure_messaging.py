"""Secure messaging: the reader's wrap/unwrap against the emulator's chip side, any APDU."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.emulators.emrtd.chip import EmrtdChip, _Session
from kiosk.documents import tlv
from kiosk.documents.apdu import CommandApdu
from kiosk.documents.crypto import CipherKind, pad, unpad
from kiosk.documents.errors import SecureMessagingError
from kiosk.documents.secure_messaging import SecureMessaging, max_plain_length, protected_response_length

KEYS = {
    CipherKind.TDES: (bytes.fromhex("979EC13B1CBFE9DCD01AB0FED307EAE5"), bytes.fromhex("F1CB1F1FB5ADF208806B89DC579DC1F8")),
    CipherKind.AES: (bytes(range(16)), bytes(range(16, 32))),
}

commands = st.builds(
    CommandApdu,
    cla=st.just(0x00),
    ins=st.sampled_from([0xA4, 0xB0, 0xB1, 0x22, 0x86, 0xD6]),
    p1=st.integers(0, 255),
    p2=st.integers(0, 255),
    data=st.binary(max_size=600),
    le=st.one_of(st.none(), st.integers(1, 65536)),
)


def pair(kind: CipherKind, ssc: int = 0):
    enc, mac = KEYS[kind]
    chip = EmrtdChip({}, None)
    chip.session = _Session(kind, enc, mac, ssc)
    return SecureMessaging(kind, enc, mac, ssc), chip


@settings(max_examples=150, deadline=None)
@given(command=commands, kind=st.sampled_from(list(CipherKind)), ssc=st.integers(0, 2**60))
def test_chip_recovers_every_wrapped_command(command, kind, ssc):
    sm, chip = pair(kind, ssc)
    protected = CommandApdu.parse(sm.wrap(command.encode()))
    assert protected.cla == 0x0C and protected.ins == command.ins
    tags = [o.tag for o in tlv.decode_all(protected.data)]
    assert tags[-1] == 0x8E
    assert (0x85 in tags) == bool(command.data and command.ins & 1)
    assert (0x87 in tags) == bool(command.data and not command.ins & 1)
    assert (0x97 in tags) == (command.le is not None)
    recovered = chip._unprotect(protected)
    assert (recovered.data, recovered.le) == (command.data, command.le)
    assert chip.session.ssc == sm.ssc == ssc + 1


@settings(max_examples=150, deadline=None)
@given(data=st.binary(max_size=1200), sw=st.sampled_from([0x9000, 0x6282, 0x6A82, 0x6B00]),
       ins=st.sampled_from([0xB0, 0xB1]), kind=st.sampled_from(list(CipherKind)))
def test_reader_recovers_every_protected_answer(data, sw, ins, kind):
    sm, chip = pair(kind)
    chip._unprotect(CommandApdu.parse(sm.wrap(bytes([0, ins, 0, 0, 1]))))
    answer = chip._protect(data, sw, ins)
    assert sm.unwrap(answer) == data + sw.to_bytes(2, "big")
    assert len(answer) - 2 == protected_response_length(len(data), kind, bool(ins & 1))


@settings(max_examples=100, deadline=None)
@given(data=st.binary(min_size=1, max_size=300), position=st.integers(0, 10**6), kind=st.sampled_from(list(CipherKind)))
def test_any_changed_byte_of_a_protected_answer_is_refused(data, position, kind):
    sm, chip = pair(kind)
    chip._unprotect(CommandApdu.parse(sm.wrap(b"\x00\xB0\x00\x00\x10")))
    answer = bytearray(chip._protect(data, 0x9000, 0xB0))
    answer[position % (len(answer) - 2)] ^= 0x01  # the outer SW is not trusted: DO'99' is
    with pytest.raises(SecureMessagingError):
        sm.unwrap(bytes(answer))


def test_replayed_answer_is_refused():
    sm, chip = pair(CipherKind.AES)
    chip._unprotect(CommandApdu.parse(sm.wrap(b"\x00\xB0\x00\x00\x10")))
    answer = chip._protect(b"hello", 0x9000, 0xB0)
    assert sm.unwrap(answer) == b"hello\x90\x00"
    sm.wrap(b"\x00\xB0\x00\x00\x10")
    with pytest.raises(SecureMessagingError):  # the SSC moved on
        sm.unwrap(answer)


def test_plain_status_words_under_secure_messaging():
    sm, _ = pair(CipherKind.TDES)
    assert sm.unwrap(b"\x69\x88") == b"\x69\x88"   # the chip ended SM: pass the error on
    for forged in (b"\x90\x00", b"\x62\x82", b"\x61\x10"):
        with pytest.raises(SecureMessagingError):
            sm.unwrap(forged)


def test_extended_commands_stay_extended_and_long_bodies_become_extended():
    sm, _ = pair(CipherKind.AES)
    assert CommandApdu.parse(sm.wrap(CommandApdu(0, 0xB0, 0, 0, le=4000).encode())).extended
    assert CommandApdu.parse(sm.wrap(CommandApdu(0, 0xD6, 0, 0, bytes(240)).encode())).extended
    assert not CommandApdu.parse(sm.wrap(b"\x00\xB0\x00\x00\xDF")).extended


@pytest.mark.parametrize("kind", list(CipherKind))
def test_223_bytes_is_the_largest_short_read_for_both_ciphers(kind):
    assert protected_response_length(223, kind) <= 256
    assert max_plain_length(256, kind) in (223, 231)  # AES pads to 16, 3DES to 8 bytes


def test_already_protected_command_is_refused():
    sm, _ = pair(CipherKind.AES)
    with pytest.raises(ValueError):
        sm.wrap(b"\x0C\xB0\x00\x00\x10")


@given(st.binary(max_size=64), st.sampled_from([8, 16]))
def test_padding_round_trip(data, block):
    padded = pad(data, block)
    assert len(padded) % block == 0 and len(padded) > len(data)
    assert unpad(padded) == data


def test_repr_hides_keys():
    sm, _ = pair(CipherKind.AES)
    assert repr(sm) == "SecureMessaging(AES)"
