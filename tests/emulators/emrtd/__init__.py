"""A strict eMRTD card emulator for the tests, and the transports that carry it.

`EmrtdChip` is the card (BAC, PACE, secure messaging, SFI, extended length, B1);
`make_document` builds TD1/TD3 documents with EF.SOD signed by a test PKI;
`InProcessCard` puts a chip on `tests.inprocess_reader.InProcessCardReader`,
`vpcd.VpcdCard` on a real pcscd through vsmartcard-vpcd, and `nfc_udp.NfcUdpCard` in
front of nfcpy's `udp` driver.

It lives with the tests, not in `hardware/`: it reuses the kiosk's LDS builders and
crypto primitives (hardware may not import the core), and an emulator that can open
a network port for a virtual reader has no business in a kiosk's installed code.
"""

from __future__ import annotations

from hardware.errors import CardRemoved

from tests.emulators.emrtd.chip import CardGone, ChipConfig, EmrtdChip
from tests.emulators.emrtd.documents import TEST_CAN, TestDocument, make_document


class InProcessCard:
    """Adapter: an EmrtdChip for `tests.inprocess_reader.InProcessCardReader`."""

    def __init__(self, chip: EmrtdChip) -> None:
        self.chip = chip

    def power_up(self) -> bytes:
        return self.chip.power_up()

    def transmit(self, apdu: bytes) -> bytes:
        try:
            return self.chip.transmit(apdu)
        except CardGone:
            raise CardRemoved("emulated card pulled") from None


def chip_for(doc: TestDocument, config: ChipConfig | None = None, **kwargs) -> EmrtdChip:
    config = config or ChipConfig()
    if config.can is None:
        config.can = doc.can
    return EmrtdChip(doc.files, doc.key, config, **kwargs)


__all__ = [
    "TEST_CAN",
    "CardGone",
    "ChipConfig",
    "EmrtdChip",
    "InProcessCard",
    "TestDocument",
    "chip_for",
    "make_document",
]
