"""A real pcscd with vsmartcard-vpcd, shared by the chip-reading integration tests.

pcscd is started once for the session (one per host) unless one already serves vpcd;
the emulated card connects to vpcd's first slot, "Virtual PCD 00 00". On a machine
without the Debian packages `pcscd` and `vsmartcard-vpcd` (tools/bootstrap.sh test
installs them) the pcscd tests skip with that reason; the nfcpy tests need neither.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.emulators.emrtd.pcscd import VPCD_PORT, VPCD_READER, Pcscd, PcscdUnavailable, VpcdLock
from tests.emulators.emrtd.vpcd import VpcdCard


@pytest.fixture(scope="session")
def pcscd(tmp_path_factory) -> Iterator[Pcscd]:
    lock = VpcdLock()
    service = Pcscd(tmp_path_factory.mktemp("pcscd") / "pcscd.log")
    try:
        lock.acquire()
        service.start()
    except PcscdUnavailable as exc:
        lock.release()
        pytest.skip(str(exc))
    yield service
    service.stop()
    lock.release()


@pytest.fixture
def vpcd(pcscd) -> Iterator[list[VpcdCard]]:
    """Cards put into the virtual reader by a test; all removed afterwards."""
    cards: list[VpcdCard] = []
    yield cards
    for card in cards:
        card.remove()


@pytest.fixture
def insert(vpcd):
    def put(chip) -> VpcdCard:
        card = VpcdCard(chip, VPCD_PORT)
        card.insert()
        vpcd.append(card)
        return card

    return put


@pytest.fixture
def pcsc_reader(pcscd):
    from hardware.card_reader.pcsc import PcscCardReader

    reader = PcscCardReader(VPCD_READER)
    yield reader
    reader.close()
