"""NFC frontends through nfcpy (PN53x, ACR122, RC-S380, ...): ISO 14443-4 cards.

nfcpy drives the radio itself (no pcscd): `ContactlessFrontend.connect` finds a tag
and activates it; an ISO-DEP card becomes a `Type4Tag` whose `transceive` carries raw
APDUs (nfcpy chains frames, so extended-length APDUs pass too). A tag that is not
ISO-DEP (a transit card, a MIFARE Classic) gets the answer a PC/SC reader gives for such
cards, SW 6A81 ("function not supported"), so the core reports an unsupported card.
A card that leaves the field shows up as Type4TagCommandError or a communication error,
which become CardRemoved.

nfcpy's frontend is not thread-safe: every use of it holds one lock.
"""

from __future__ import annotations

import threading
import time
from typing import Callable

from hardware.card_reader import CardConnection, CardReader
from hardware.errors import CardReaderError, CardRemoved, ReaderUnavailable

NOT_SUPPORTED = b"\x6A\x81"


def _synthetic_atr() -> bytes:
    """PC/SC part 3 ATR for an ISO 14443-4 card with no historical bytes: 3B 80 80 01 01."""
    return bytes.fromhex("3B80800101")


class NfcConnection(CardConnection):
    extended_length: bool | None = None   # ISO-DEP chaining carries any length

    def __init__(self, reader: "NfcCardReader", tag) -> None:
        self._reader = reader
        self._tag = tag
        self._closed = False
        self.atr = _synthetic_atr()
        self.iso_dep = _is_type4(tag)

    def transmit(self, apdu: bytes) -> bytes:
        import nfc.clf
        import nfc.tag

        if self._closed:
            raise CardReaderError("connection closed")
        if not self.iso_dep:
            return NOT_SUPPORTED
        with self._reader._lock:
            try:
                response = self._tag.transceive(bytes(apdu))
            except (nfc.tag.TagCommandError, nfc.clf.CommunicationError) as exc:
                self._reader._tag = None
                raise CardRemoved(f"card left the field ({type(exc).__name__})") from None
            except OSError as exc:
                # The frontend itself went away (unplugged: ENODEV/EIO): a reader fault,
                # not the citizen's card; reopen on the next wait.
                self._reader._tag = None
                self._reader._clf = None
                raise ReaderUnavailable(f"NFC reader failed ({type(exc).__name__})") from None
        if response is None or len(response) < 2:
            raise CardRemoved("the card did not answer")
        return bytes(response)

    def close(self) -> None:
        self._closed = True


def _is_type4(tag) -> bool:
    from nfc.tag.tt4 import Type4Tag

    return isinstance(tag, Type4Tag)


class NfcCardReader(CardReader):
    """`path` is nfcpy's device path: "usb", "usb:072f:2200", "tty:USB0:pn532", "udp:host:port"."""

    SENSE_INTERVAL = 0.1

    def __init__(self, path: str = "usb", targets: tuple[str, ...] = ("106A", "106B"),
                 frontend: Callable[[str], object] | None = None) -> None:
        self.path = path
        self.targets = targets
        self.name = f"NFC reader {path}"
        self._factory = frontend
        self._clf = None
        self._tag = None                  # the tag of the last read or look, held in its session
        self._forget_tag = False          # set by `expect_removal`, applied at the next look
        self._lock = threading.RLock()

    def _frontend(self):
        if self._clf is None:
            try:
                if self._factory is not None:
                    self._clf = self._factory(self.path)
                else:
                    import nfc

                    self._clf = nfc.ContactlessFrontend(self.path)
            except (IOError, OSError) as exc:
                raise ReaderUnavailable(f"no NFC frontend at {self.path} ({exc})") from None
        return self._clf

    def wait_for_card(self, timeout: float, cancel: threading.Event | None = None) -> CardConnection | None:
        deadline = time.monotonic() + timeout

        def terminate() -> bool:
            return (cancel is not None and cancel.is_set()) or time.monotonic() >= deadline

        with self._lock:
            clf = self._frontend()
            try:
                tag = clf.connect(
                    rdwr={
                        "targets": self.targets,
                        "on-connect": lambda tag: False,   # keep the tag, do not wait for removal
                        "iterations": 1,
                        "interval": self.SENSE_INTERVAL,
                        "beep-on-connect": False,
                    },
                    terminate=terminate,
                )
            except (IOError, OSError) as exc:
                self._clf = None
                raise ReaderUnavailable(f"NFC frontend lost ({exc})") from None
            if not tag:
                return None
            self._tag = tag
            return NfcConnection(self, tag)

    def card_present(self) -> bool:
        import nfc.clf

        # Never block the caller (often the UI) behind a wait or a read of another thread:
        # while the frontend is busy, the last known tag answers.
        if not self._lock.acquire(timeout=0.05):
            return self._tag is not None
        try:
            if self._tag is not None:
                return self._last_tag_answers(tries=1)
            try:
                clf = self._frontend()
                targets = [nfc.clf.RemoteTarget(t) for t in self.targets]
                return clf.sense(*targets, iterations=1, interval=0.01) is not None
            except ReaderUnavailable:
                return False
            except Exception:  # noqa: BLE001
                return False
        finally:
            self._lock.release()

    def probe(self) -> bool | None:
        """The frontend opens (or is open). Never waits: while a read or a look holds the
        frontend it cannot tell (None), and it never senses the field, which would
        activate a card under the nose of `field_empty`. A frontend that failed in use
        was dropped by the call that saw it fail, so the next probe opens it afresh."""
        if not self._lock.acquire(blocking=False):
            return None
        try:
            self._frontend()       # ReaderUnavailable: no frontend at the path
            return True
        finally:
            self._lock.release()

    def expect_removal(self) -> None:
        # A read may still hold the frontend: the tag is forgotten at the next look.
        self._forget_tag = True

    def field_empty(self) -> bool | None:
        """Asked of the card, not remembered. The card seen last (the tag of the last
        read, or of the last look) is held in its ISO-DEP session: while it answers it
        is still there; once it does not, it has left the field (or lost its power
        there), so whatever lies there now came after it and the old card counts as
        taken. A UID would be no help: an eMRTD draws a random one each time it is
        powered. With no card held the field is sensed, twice before it counts as empty
        (one lost frame must not pass for a taken card), and a card found is held for
        the next look. Blocks up to a few frame waiting times: call it off the UI
        thread."""
        import nfc.clf

        if not self._lock.acquire(timeout=0.5):
            return None                       # a read holds the frontend: cannot tell
        try:
            if self._forget_tag:
                self._forget_tag, self._tag = False, None
            if self._tag is not None:
                if self._last_tag_answers(tries=2):
                    return False
                self._tag = None              # never ask a tag that has gone again
                return True
            clf = self._frontend()            # ReaderUnavailable: the reader is gone
            targets = [nfc.clf.RemoteTarget(t) for t in self.targets]
            for _ in range(2):
                try:
                    target = clf.sense(*targets, iterations=1, interval=0.01)
                except (IOError, OSError) as exc:
                    self._clf = None
                    raise ReaderUnavailable(f"NFC frontend lost ({exc})") from None
                except Exception:  # noqa: BLE001 - a garbled frame: unknown, never "taken"
                    return None
                if target is not None:
                    self._tag = self._activate(clf, target)
                    return False
            return True
        finally:
            self._lock.release()

    def _activate(self, clf, target):
        """The sensed card, activated so that the next look can ask it whether it is
        still there; None when it cannot be (it still counts as a card in the field)."""
        import nfc.tag

        try:
            return nfc.tag.activate(clf, target)
        except Exception:  # noqa: BLE001 - nfcpy raises several kinds here
            return None

    def _last_tag_answers(self, tries: int) -> bool:
        """Whether the tag of the last read or look still answers its presence check
        (lock held). A single check is one frame: asking twice keeps a lost frame from
        passing for a card taken."""
        if self._tag is None:
            return False
        for _ in range(tries):
            try:
                if self._tag.is_present:
                    return True
            except Exception:  # noqa: BLE001 - nfcpy raises several kinds here
                pass
        return False

    def close(self) -> None:
        with self._lock:
            if self._clf is not None:
                try:
                    self._clf.close()
                finally:
                    self._clf = None
                    self._tag = None
