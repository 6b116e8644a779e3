"""Card reader drivers without devices: the in-process transport, and the PC/SC and nfcpy
drivers' handling of what their libraries report (faked here; real ones in
tests/integration/documents)."""

from __future__ import annotations

import threading

import pytest

from hardware.errors import CardReaderError, CardRemoved, ReaderUnavailable
from tests.inprocess_reader import InProcessCardReader


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


def test_inprocess_reader_counts_a_swap_as_the_card_taken():
    reader = InProcessCardReader()
    reader.insert(EchoCard())
    assert reader.field_empty() is False              # the card seen
    reader.swap(EchoCard())                           # off and another on, between two looks
    assert reader.field_empty() is True               # the card seen has gone
    assert reader.field_empty() is False              # the one there now is seen from now on
    reader.remove()
    reader.insert(EchoCard())
    assert reader.field_empty() is True               # taken off and a card put back: taken


def test_inprocess_reader_expects_the_card_there_at_arming_to_leave():
    """A card lifted and put back before the removal is expected is the card to take."""
    reader = InProcessCardReader()
    card = EchoCard()
    reader.insert(card)
    assert reader.field_empty() is False
    reader.remove()
    reader.insert(card)
    reader.expect_removal()
    assert reader.field_empty() is False
    reader.unplug()
    with pytest.raises(ReaderUnavailable):
        reader.field_empty()


# -- PC/SC (pyscard's scard layer faked) ---------------------------------------------------


class FakeScard:
    """Just enough of smartcard.scard for the driver's logic."""

    def __init__(self, real) -> None:
        self.real = real
        self.readers = ["ACS ACR1252 Dual Reader [ACR1252 Reader PICC] 00 00", "Other Reader 01"]
        self.present = True
        self.events = 0            # pcscd's event count for the reader (high word of the state)
        self.contexts = 0
        self.transmit_results: list[tuple[int, list[int]]] = []
        self.sent: list[bytes] = []

    def __getattr__(self, name):
        return getattr(self.real, name)

    def SCardEstablishContext(self, scope):
        self.contexts += 1
        return self.real.SCARD_S_SUCCESS, self.contexts

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
        state |= self.events << 16
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
    import hardware.card_reader.pcsc as driver

    fake = FakeScard(driver.scard)
    monkeypatch.setattr(driver, "scard", fake)
    return fake


def test_pcsc_reader_is_chosen_by_pattern(scard):
    from hardware.card_reader.pcsc import PcscCardReader

    assert PcscCardReader("acr1252.*picc").reader_name().startswith("ACS ACR1252")
    assert PcscCardReader("other").reader_name() == "Other Reader 01"
    assert PcscCardReader().reader_name().startswith("ACS")
    with pytest.raises(ReaderUnavailable):
        PcscCardReader("feitian").reader_name()
    scard.readers = []
    with pytest.raises(ReaderUnavailable):
        PcscCardReader().wait_for_card(0.1)


def test_pcsc_transmit_maps_status_codes(scard):
    from hardware.card_reader.pcsc import PcscCardReader

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
    from hardware.card_reader.pcsc import CardEvent, PcscCardReader

    reader = PcscCardReader("ACS")
    scard.present = False
    assert reader.wait_for_card(0.05) is None
    assert reader.card_present() is False
    scard.present = True
    assert reader.card_present() is True
    scard.readers = []
    assert reader.card_present() is False
    assert reader.wait_for_event(0.05) is CardEvent.READER_GONE


def test_pcsc_reader_sees_a_swap_in_the_event_count(scard):
    """pcscd counted a removal and an insertion between two looks: the card seen has
    gone, though a card is there."""
    from hardware.card_reader.pcsc import PcscCardReader

    reader = PcscCardReader("ACS")
    scard.events = 7
    assert reader.field_empty() is False
    assert reader.field_empty() is False              # same card, same count
    scard.events = 9                                  # off and another on, within one poll
    assert reader.field_empty() is True
    assert reader.field_empty() is False              # the new card is the one seen now
    assert reader.status().events == 9


def test_pcsc_reader_expects_the_card_there_at_arming_to_leave(scard):
    from hardware.card_reader.pcsc import PcscCardReader

    reader = PcscCardReader("ACS")
    assert reader.field_empty() is False
    scard.events += 2                                 # lifted and put back before arming
    reader.expect_removal()
    assert reader.field_empty() is False


def test_pcsc_counts_of_a_restarted_pcscd_are_not_compared(scard):
    """Counts start again with pcscd: a card still lying there after a restart is not a
    swap because its count differs."""
    from hardware.card_reader.pcsc import PcscCardReader

    reader = PcscCardReader("ACS")
    scard.events = 5
    assert reader.field_empty() is False
    real = scard.SCardGetStatusChange
    calls = {"n": 0}

    def restarted(ctx, timeout, states):        # the old context dies with the old pcscd
        calls["n"] += 1
        if calls["n"] == 1:
            return scard.real.SCARD_E_NO_SERVICE, states
        return real(ctx, timeout, states)

    scard.SCardGetStatusChange = restarted
    scard.events = 0
    assert reader.field_empty() is False
    assert calls["n"] == 2                            # answered through a fresh context


def test_pcsc_wait_for_event_reports_a_swap_as_a_removal(scard):
    from hardware.card_reader.pcsc import CardEvent, PcscCardReader

    reader = PcscCardReader("ACS")
    scard.events = 1
    real = scard.SCardGetStatusChange

    def swapped_while_waiting(ctx, timeout, states):
        scard.events = 3
        return real(ctx, timeout, states)

    looks = iter([real, swapped_while_waiting])
    scard.SCardGetStatusChange = lambda *a: next(looks, real)(*a)
    assert reader.wait_for_event(1) is CardEvent.REMOVED


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

    import hardware.card_reader.nfc as driver

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
    import hardware.card_reader.nfc as driver

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


class FlakyTag(FakeType4Tag):
    """A tag whose presence checks answer as scripted (True: it answers)."""

    def __init__(self, answers) -> None:
        super().__init__()
        self.answers = list(answers)

    @property
    def is_present(self):
        return self.answers.pop(0) if self.answers else False


def _nfc_reader(monkeypatch, tag, sensed=None):
    import hardware.card_reader.nfc as driver

    monkeypatch.setattr(driver, "_is_type4", lambda t: isinstance(t, FakeType4Tag))

    class Frontend:
        senses = 0

        def connect(self, rdwr, terminate):
            return tag

        def sense(self, *targets, **options):
            Frontend.senses += 1
            return sensed() if sensed else None

        def close(self):
            pass

    return driver.NfcCardReader("usb", frontend=lambda path: Frontend()), Frontend


def test_nfc_reader_sees_a_swap_as_the_held_tag_gone(monkeypatch):
    """The tag of the read stops answering, though a card is sensed in the field: the
    card read has left, the one there now came after it."""
    tag = FlakyTag([True, True, False, False])
    reader, frontend = _nfc_reader(monkeypatch, tag, sensed=lambda: object())
    reader.wait_for_card(1).close()
    assert reader.field_empty() is False
    assert reader.field_empty() is False
    assert reader.field_empty() is True
    assert frontend.senses == 0


def test_nfc_reader_one_lost_frame_is_not_a_card_taken(monkeypatch):
    tag = FlakyTag([False, True])
    reader, _ = _nfc_reader(monkeypatch, tag)
    reader.wait_for_card(1).close()
    assert reader.field_empty() is False


def test_nfc_reader_holds_the_card_it_finds_when_removal_is_expected(monkeypatch):
    import nfc.tag

    read_tag, found_tag = FlakyTag([True] * 10), FlakyTag([])
    reader, frontend = _nfc_reader(monkeypatch, read_tag, sensed=lambda: "target")
    monkeypatch.setattr(nfc.tag, "activate", lambda clf, target: found_tag if target == "target" else None)
    reader.wait_for_card(1).close()
    reader.expect_removal()                  # the read's tag is forgotten: the field is sensed
    assert reader.field_empty() is False and frontend.senses == 1
    assert reader.field_empty() is True      # the card found then no longer answers


def test_nfc_reader_senses_twice_before_the_field_counts_as_empty(monkeypatch):
    reader, frontend = _nfc_reader(monkeypatch, None)
    assert reader.field_empty() is True and frontend.senses == 2


# -- probes (the health monitor's question: is the reader itself there?) -----------------------


def test_pcsc_probe_lists_readers_and_never_moves_what_field_empty_compares(scard):
    from hardware.card_reader.pcsc import PcscCardReader

    reader = PcscCardReader("ACS")
    scard.events = 4
    assert reader.field_empty() is False
    seen = reader._seen
    assert reader.probe() is True
    assert reader._seen == seen                       # the probe is no look at the card
    scard.readers = ["Other Reader 01"]
    with pytest.raises(ReaderUnavailable, match="no PC/SC reader matches"):
        reader.probe()


def test_nfc_probe_opens_the_frontend_and_never_waits_for_a_busy_one():
    import threading

    import hardware.card_reader.nfc as driver

    opened = []

    def frontend(path):
        if not opened:
            opened.append(path)
            raise IOError("no such device")
        return object()

    reader = driver.NfcCardReader("usb", frontend=frontend)
    with pytest.raises(ReaderUnavailable):
        reader.probe()
    assert reader.probe() is True                    # plugged back: opened afresh
    held, release = threading.Event(), threading.Event()

    def read_in_progress():
        with reader._lock:
            held.set()
            release.wait(5)

    worker = threading.Thread(target=read_in_progress)
    worker.start()
    held.wait(5)
    try:
        assert reader.probe() is None                # busy: cannot tell, does not wait
    finally:
        release.set()
        worker.join()
