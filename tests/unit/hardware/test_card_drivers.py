"""Card reader drivers without devices: the in-process transport, and the PC/SC and nfcpy
drivers' handling of what their libraries report (faked here; real ones in
tests/integration/documents)."""

from __future__ import annotations

import threading

import pytest

from hardware.errors import CardReaderError, CardRemoved, ReaderUnavailable
from hardware.inprocess import InProcessCardReader


class EchoCard:
    def __init__(self) -> None:
        self.powered = 0
        self.gone = False

    def power_up(self) -> bytes:
        self.powered += 1
        return b"\x3b\x80\x80\x01\x01"

    def transmit(self, apdu: bytes) -> bytes:
        if self.gone:
            raise CardRemoved("gone")
        return apdu + b"\x90\x00"


# -- in-process ------------------------------------------------------------------------------


def test_inprocess_reader_lifecycle():
    reader = InProcessCardReader()
    assert reader.wait_for_card(0.05) is None and not reader.card_present()
    card = EchoCard()
    reader.insert(card)
    conn = reader.wait_for_card(1)
    assert conn.atr == b"\x3b\x80\x80\x01\x01" and card.powered == 1
    assert conn.transmit(b"\x00\xA4") == b"\x00\xA4\x90\x00"
    reader.remove()
    with pytest.raises(CardRemoved):
        conn.transmit(b"\x00")
    conn.close()
    with pytest.raises(CardReaderError):
        conn.transmit(b"\x00")


def test_inprocess_card_leaving_by_itself_empties_the_reader():
    reader = InProcessCardReader()
    card = EchoCard()
    reader.insert(card)
    conn = reader.wait_for_card(1)
    card.gone = True
    with pytest.raises(CardRemoved):
        conn.transmit(b"\x00")
    assert not reader.card_present()


def test_inprocess_unplugged_reader_and_cancel():
    reader = InProcessCardReader()
    reader.unplug()
    with pytest.raises(ReaderUnavailable):
        reader.wait_for_card(0.1)
    reader.plug()
    # The wait is far longer than the join: only an honoured cancel ends it in time.
    cancel = threading.Event()
    result: list[object] = []
    waiter = threading.Thread(target=lambda: result.append(reader.wait_for_card(3600, cancel)), daemon=True)
    waiter.start()
    cancel.set()
    waiter.join(timeout=10)
    assert not waiter.is_alive() and result == [None]


# -- PC/SC (pyscard's scard layer faked) ---------------------------------------------------


class FakeScard:
    """Just enough of smartcard.scard for the driver's logic."""

    def __init__(self, real) -> None:
        self.real = real
        self.readers = ["ACS ACR1252 Dual Reader [ACR1252 Reader PICC] 00 00", "Other Reader 01"]
        self.present = True
        self.transmit_results: list[tuple[int, list[int]]] = []
        self.sent: list[bytes] = []

    def __getattr__(self, name):
        return getattr(self.real, name)

    def SCardEstablishContext(self, scope):
        return self.real.SCARD_S_SUCCESS, 1

    def SCardReleaseContext(self, ctx):
        return self.real.SCARD_S_SUCCESS

    def SCardListReaders(self, ctx, groups):
        if not self.readers:
            return self.real.SCARD_E_NO_READERS_AVAILABLE, []
        return self.real.SCARD_S_SUCCESS, list(self.readers)

    def SCardGetStatusChange(self, ctx, timeout, states):
        name, known = states[0][0], states[0][1]
        if name not in self.readers:
            return self.real.SCARD_S_SUCCESS, [(name, self.real.SCARD_STATE_UNKNOWN, [])]
        state = self.real.SCARD_STATE_PRESENT if self.present else self.real.SCARD_STATE_EMPTY
        if known and known & ~self.real.SCARD_STATE_CHANGED == state:
            return self.real.SCARD_E_TIMEOUT, states
        return self.real.SCARD_S_SUCCESS, [(name, state | self.real.SCARD_STATE_CHANGED, [0x3B, 0x80])]

    def SCardConnect(self, ctx, reader, share, protocols):
        self.connected = reader
        return self.real.SCARD_S_SUCCESS, 7, self.real.SCARD_PROTOCOL_T1

    def SCardStatus(self, handle):
        return self.real.SCARD_S_SUCCESS, self.connected, 0, 2, [0x3B, 0x80, 0x80, 0x01, 0x01]

    def SCardGetAttrib(self, handle, attr):
        return self.real.SCARD_E_UNSUPPORTED_FEATURE, []

    def SCardTransmit(self, handle, protocol, apdu):
        self.sent.append(bytes(apdu))
        return self.transmit_results.pop(0)

    def SCardDisconnect(self, handle, disposition):
        return self.real.SCARD_S_SUCCESS


@pytest.fixture
def scard(monkeypatch):
    import hardware.pcsc_reader as driver

    fake = FakeScard(driver.scard)
    monkeypatch.setattr(driver, "scard", fake)
    return fake


def test_pcsc_reader_is_chosen_by_pattern(scard):
    from hardware.pcsc_reader import PcscCardReader

    assert PcscCardReader("acr1252.*picc").reader_name().startswith("ACS ACR1252")
    assert PcscCardReader("other").reader_name() == "Other Reader 01"
    assert PcscCardReader().reader_name().startswith("ACS")
    with pytest.raises(ReaderUnavailable):
        PcscCardReader("feitian").reader_name()
    scard.readers = []
    with pytest.raises(ReaderUnavailable):
        PcscCardReader().wait_for_card(0.1)


def test_pcsc_transmit_maps_status_codes(scard):
    from hardware.pcsc_reader import PcscCardReader

    conn = PcscCardReader("ACS").wait_for_card(1)
    assert conn.reader.startswith("ACS") and conn.atr == b"\x3b\x80\x80\x01\x01"
    real = scard.real
    scard.transmit_results = [
        (real.SCARD_S_SUCCESS, [0x61, 0x02]),           # T=0: two more bytes waiting
        (real.SCARD_S_SUCCESS, [0xAA, 0xBB, 0x90, 0x00]),
        (real.SCARD_W_REMOVED_CARD, []),
        (real.SCARD_S_SUCCESS, []),                     # vpcd: a vanished card answers nothing
        (real.SCARD_E_READER_UNAVAILABLE, []),
        (real.SCARD_E_PROTO_MISMATCH, []),
    ]
    assert conn.transmit(b"\x00\xB0\x00\x00\x02") == b"\xAA\xBB\x90\x00"
    assert scard.sent[1] == b"\x00\xC0\x00\x00\x02"
    with pytest.raises(CardRemoved):
        conn.transmit(b"\x00")
    with pytest.raises(CardRemoved):
        conn.transmit(b"\x00")
    with pytest.raises(ReaderUnavailable):
        conn.transmit(b"\x00")
    with pytest.raises(CardReaderError):
        conn.transmit(b"\x00")
    conn.close()
    conn.close()  # twice is fine


def test_pcsc_wait_times_out_without_a_card_and_sees_presence(scard):
    from hardware.pcsc_reader import CardEvent, PcscCardReader

    reader = PcscCardReader("ACS")
    scard.present = False
    assert reader.wait_for_card(0.05) is None
    assert reader.card_present() is False
    scard.present = True
    assert reader.card_present() is True
    scard.readers = []
    assert reader.card_present() is False
    assert reader.wait_for_event(0.05) is CardEvent.READER_GONE


# -- nfcpy (frontend faked) ------------------------------------------------------------------


class FakeType4Tag:
    def __init__(self) -> None:
        self.fail = None

    def transceive(self, data):
        if self.fail:
            raise self.fail
        return bytes(data) + b"\x90\x00"

    @property
    def is_present(self):
        return self.fail is None


def test_nfc_reader_connects_and_maps_errors(monkeypatch):
    import nfc.clf
    import nfc.tag.tt4

    import hardware.nfc_reader as driver

    monkeypatch.setattr(driver, "_is_type4", lambda tag: isinstance(tag, FakeType4Tag))
    tag = FakeType4Tag()

    class Frontend:
        def connect(self, rdwr, terminate):
            assert rdwr["on-connect"](tag) is False and rdwr["beep-on-connect"] is False
            return tag

        def close(self):
            pass

    reader = driver.NfcCardReader("usb", frontend=lambda path: Frontend())
    conn = reader.wait_for_card(1)
    assert conn.transmit(b"\x00\xA4") == b"\x00\xA4\x90\x00"
    assert reader.card_present()
    tag.fail = nfc.tag.tt4.Type4TagCommandError(nfc.tag.TIMEOUT_ERROR)
    with pytest.raises(CardRemoved):
        conn.transmit(b"\x00")
    tag.fail = nfc.clf.BrokenLinkError("RFOFF")
    with pytest.raises(CardRemoved):
        conn.transmit(b"\x00")
    reader.close()


def test_nfc_reader_missing_and_non_iso_dep_tags(monkeypatch):
    import hardware.nfc_reader as driver

    def absent(path):
        raise IOError("no such device")

    with pytest.raises(ReaderUnavailable):
        driver.NfcCardReader("usb:dead:beef", frontend=absent).wait_for_card(0.1)

    class Frontend:
        def connect(self, rdwr, terminate):
            return object()   # a tag nfcpy knows, but not ISO-DEP

        def close(self):
            pass

    conn = driver.NfcCardReader("usb", frontend=lambda path: Frontend()).wait_for_card(1)
    assert conn.transmit(b"\x00\xA4\x04\x0C\x07\xA0\x00\x00\x02\x47\x10\x01") == b"\x6A\x81"
