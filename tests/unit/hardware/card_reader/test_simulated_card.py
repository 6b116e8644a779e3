"""The demo chip answers ISO 7816-4 as a card would; the reader handles presence and cancel."""

from __future__ import annotations

import threading

import pytest

from hardware.card_reader import CardConnection
from hardware.errors import CardReaderError, CardRemoved, ReaderUnavailable
from hardware.card_reader.simulated import (
    DEFAULT_ATR,
    EMRTD_AID,
    SimulatedCardReader,
    SimulatedChip,
    contactless_atr,
)

SELECT_APP = bytes.fromhex("00A4040C07") + EMRTD_AID
DG1 = 0x0101
CONTENT = bytes(range(256)) * 2 + b"\xAA" * 10  # 522 bytes


def select_ef(fid: int) -> bytes:
    return bytes.fromhex("00A4020C02") + fid.to_bytes(2, "big")


def read_binary(offset: int, le: int) -> bytes:
    return b"\x00\xB0" + offset.to_bytes(2, "big") + bytes([le & 0xFF])


@pytest.fixture
def chip() -> SimulatedChip:
    return SimulatedChip({DG1: CONTENT, 0x011C: b"\x31\x00"})


@pytest.fixture
def selected(chip: SimulatedChip) -> SimulatedChip:
    assert chip.transmit(SELECT_APP) == b"\x90\x00"
    assert chip.transmit(select_ef(DG1)) == b"\x90\x00"
    return chip


# -- status words -------------------------------------------------------------------------


def test_select_application_by_aid(chip):
    assert chip.transmit(SELECT_APP) == b"\x90\x00"


def test_select_unknown_aid_is_file_not_found(chip):
    assert chip.transmit(bytes.fromhex("00A4040C07A0000002471002")) == b"\x6A\x82"


def test_card_without_emrtd_application_refuses_the_aid():
    chip = SimulatedChip({DG1: CONTENT}, has_emrtd_application=False)
    assert chip.transmit(SELECT_APP) == b"\x6A\x82"


def test_lds_files_are_invisible_before_the_application_is_selected(chip):
    assert chip.transmit(select_ef(DG1)) == b"\x6A\x82"


def test_master_file_ids_are_visible_without_the_application(chip):
    assert chip.transmit(select_ef(0x011C)) == b"\x90\x00"


def test_select_missing_file(chip):
    chip.transmit(SELECT_APP)
    assert chip.transmit(select_ef(0x0102)) == b"\x6A\x82"


def test_read_without_selected_file_is_6986(chip):
    chip.transmit(SELECT_APP)
    assert chip.transmit(read_binary(0, 4)) == b"\x69\x86"


def test_read_binary_returns_the_requested_slice(selected):
    assert selected.transmit(read_binary(0, 4)) == CONTENT[:4] + b"\x90\x00"
    assert selected.transmit(read_binary(290, 0xDF)) == CONTENT[290 : 290 + 0xDF] + b"\x90\x00"


def test_le_zero_means_256(selected):
    assert selected.transmit(read_binary(1, 0)) == CONTENT[1:257] + b"\x90\x00"


def test_read_past_end_returns_the_rest_with_6282(selected):
    assert selected.transmit(read_binary(500, 100)) == CONTENT[500:] + b"\x62\x82"


def test_offset_beyond_end_is_6b00(selected):
    assert selected.transmit(read_binary(len(CONTENT), 1)) == b"\x6B\x00"
    assert selected.transmit(read_binary(0x7000, 1)) == b"\x6B\x00"


@pytest.mark.parametrize(
    "apdu",
    [
        b"\x00\xB0\x00",                                 # shorter than a header
        b"\x00\xB0\x00\x00",                             # READ BINARY without Le
        bytes.fromhex("00A4040C08") + EMRTD_AID,         # Lc says 8, 7 bytes follow
        bytes.fromhex("00A4020C0301"),                   # Lc 3, 1 byte
        bytes.fromhex("00A4020C0101") + b"\x01",        # FID of one byte (+ Le)
        bytes.fromhex("00B00000000100"),                 # extended length: short APDUs only
        bytes.fromhex("00B0000002AABB04"),               # READ BINARY with data
    ],
)
def test_wrong_lengths_are_6700(selected, apdu):
    assert selected.transmit(apdu) == b"\x67\x00"


def test_unknown_instruction_is_6d00(chip):
    assert chip.transmit(bytes.fromhex("0084000008")) == b"\x6D\x00"  # GET CHALLENGE


def test_other_class_is_6e00(chip):
    assert chip.transmit(bytes.fromhex("0CA4040C07") + EMRTD_AID) == b"\x6E\x00"


def test_select_with_fci_requested_is_6a86(chip):
    assert chip.transmit(bytes.fromhex("00A4040007") + EMRTD_AID) == b"\x6A\x86"


def test_apdus_are_counted(selected):
    assert selected.apdu_count == 2
    selected.transmit(read_binary(0, 1))
    assert selected.apdu_count == 3


def test_atr_checksum():
    atr = contactless_atr(b"XY")
    tck = 0
    for b in atr[1:]:
        tck ^= b
    assert tck == 0 and atr[0] == 0x3B
    assert SimulatedChip({}).atr == DEFAULT_ATR


# -- the reader -----------------------------------------------------------------------------


def test_no_card_times_out():
    reader = SimulatedCardReader()
    assert reader.wait_for_card(timeout=0.05) is None
    assert not reader.card_present()


def test_present_card_connects(chip):
    reader = SimulatedCardReader()
    reader.present(chip)
    assert reader.card_present()
    conn = reader.wait_for_card(timeout=1)
    assert isinstance(conn, CardConnection)
    assert conn.atr == chip.atr
    assert conn.transmit(SELECT_APP) == b"\x90\x00"


def test_card_presented_while_waiting_wakes_the_waiter(chip):
    reader = SimulatedCardReader()
    result: list[CardConnection | None] = []
    waiter = threading.Thread(target=lambda: result.append(reader.wait_for_card(timeout=30)))
    waiter.start()
    reader.present(chip)
    waiter.join(timeout=30)
    assert not waiter.is_alive()
    assert result and result[0] is not None


def test_cancel_stops_the_wait():
    reader = SimulatedCardReader()
    cancel = threading.Event()
    result: list[object] = []
    # The wait is far longer than the join: only an honoured cancel ends it in time.
    waiter = threading.Thread(target=lambda: result.append(reader.wait_for_card(timeout=3600, cancel=cancel)), daemon=True)
    waiter.start()
    cancel.set()
    waiter.join(timeout=10)
    assert not waiter.is_alive()
    assert result == [None]


def test_removed_card_raises_card_removed(chip):
    reader = SimulatedCardReader()
    reader.present(chip)
    conn = reader.wait_for_card(timeout=1)
    reader.remove()
    assert not reader.card_present()
    with pytest.raises(CardRemoved):
        conn.transmit(SELECT_APP)


def test_pull_after_n_apdus_breaks_the_connection_until_the_next_power_up():
    chip = SimulatedChip({DG1: CONTENT}, pull_after_apdus=2)
    reader = SimulatedCardReader()
    reader.present(chip)
    conn = reader.wait_for_card(timeout=1)
    assert conn.transmit(SELECT_APP) == b"\x90\x00"
    assert conn.transmit(select_ef(DG1)) == b"\x90\x00"
    with pytest.raises(CardRemoved):
        conn.transmit(read_binary(0, 4))
    with pytest.raises(CardRemoved):
        conn.transmit(SELECT_APP)
    assert reader.card_present()  # slipped, not taken away
    again = reader.wait_for_card(timeout=1)
    assert again.transmit(SELECT_APP) == b"\x90\x00"


def test_pull_can_take_the_card_away():
    chip = SimulatedChip({DG1: CONTENT}, pull_after_apdus=1, leave_reader_on_pull=True)
    reader = SimulatedCardReader()
    reader.present(chip)
    conn = reader.wait_for_card(timeout=1)
    conn.transmit(SELECT_APP)
    with pytest.raises(CardRemoved):
        conn.transmit(SELECT_APP)
    assert not reader.card_present()
    assert reader.wait_for_card(timeout=0.01) is None
    reader.present(chip)
    assert reader.wait_for_card(timeout=1).transmit(SELECT_APP) == b"\x90\x00"


def test_power_up_resets_the_selection(chip):
    reader = SimulatedCardReader()
    reader.present(chip)
    conn = reader.wait_for_card(timeout=1)
    conn.transmit(SELECT_APP)
    conn.transmit(select_ef(DG1))
    conn = reader.wait_for_card(timeout=1)  # a new connection is a new power-up
    assert conn.transmit(read_binary(0, 1)) == b"\x69\x86"


def test_unplugged_reader_is_unavailable(chip):
    reader = SimulatedCardReader()
    reader.present(chip)
    reader.unplug()
    with pytest.raises(ReaderUnavailable):
        reader.wait_for_card(timeout=1)
    assert not reader.card_present()
    reader.plug()
    assert reader.wait_for_card(timeout=1) is not None


def test_direct_connection_without_a_reader(chip):
    chip.transmit(SELECT_APP)
    conn = chip.connect()  # powers up: the earlier selection is gone
    assert conn.atr == chip.atr
    assert conn.transmit(select_ef(DG1)) == b"\x6A\x82"
    assert conn.transmit(SELECT_APP) == b"\x90\x00"
    conn.close()
    with pytest.raises(CardReaderError):
        conn.transmit(SELECT_APP)
