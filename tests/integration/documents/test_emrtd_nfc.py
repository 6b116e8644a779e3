"""Reading emulated eMRTDs through nfcpy's `udp` driver (ISO 14443-4 Type A over loopback)."""

from __future__ import annotations

import json

import pytest

from tests.emulators.emrtd import ChipConfig, chip_for, make_document
from tests.emulators.emrtd.nfc_udp import NfcUdpCard
from hardware.card_reader.nfc import NfcCardReader
from kiosk.documents.crypto import CipherKind
from kiosk.documents.errors import CardPulled, UnsupportedCard
from kiosk.documents.lds.card_access import PaceInfo, pace_oid
from kiosk.documents.passive_auth import PaStatus
from kiosk.documents.reader import read_document
from kiosk.documents.trust import TrustStore

pytestmark = pytest.mark.integration

PACE = PaceInfo(pace_oid("ECDH", "GM", CipherKind.AES, 128), 2, 13)
DOC = make_document("TD1", dg13=True)


@pytest.fixture
def field():
    """An emulated card on a free UDP port and an nfcpy reader pointed at it."""
    cards: list[NfcUdpCard] = []
    readers: list[NfcCardReader] = []

    def make(chip) -> tuple[NfcUdpCard, NfcCardReader]:
        card = NfcUdpCard(chip)
        card.insert()
        reader = NfcCardReader(card.path, targets=("106A",))
        cards.append(card)
        readers.append(reader)
        return card, reader

    yield make
    for reader in readers:
        reader.close()
    for card in cards:
        card.close()


@pytest.mark.parametrize("protocol", ["BAC", "PACE"])
@pytest.mark.parametrize("extended", [False, True], ids=["short", "extended"])
def test_reads_over_nfcpy(protocol, extended, field):
    chip = chip_for(DOC, ChipConfig(pace=[PACE] if protocol == "PACE" else [], extended_length=extended))
    _, reader = field(chip)
    conn = reader.wait_for_card(5)
    assert conn is not None and conn.iso_dep
    result = read_document(conn, access_key=DOC.key, trust=TrustStore([DOC.pki.csca.certificate]))
    assert result.passive_auth.status is PaStatus.PASSED
    assert result.access_protocol == ("BAC" if protocol == "BAC" else PACE.name)
    assert result.extended_length is extended
    assert reader.card_present()


def test_card_pulled_mid_read_then_resumed(field):
    chip = chip_for(DOC, ChipConfig(extended_length=False, pull_after_apdus=25))
    card, reader = field(chip)
    conn = reader.wait_for_card(5)
    with pytest.raises(CardPulled) as caught:
        read_document(conn, access_key=DOC.key)
    assert not reader.card_present()
    card.insert()
    conn = reader.wait_for_card(5)
    result = read_document(conn, access_key=DOC.key, resume=caught.value.partial,
                           trust=TrustStore([DOC.pki.csca.certificate]))
    assert result.passive_auth.passed


def test_no_card_in_the_field(field):
    card, reader = field(chip_for(DOC))
    card.remove()
    assert reader.wait_for_card(0.3) is None
    assert not reader.card_present()


def test_a_tag_that_is_not_iso_dep_is_unsupported():
    class StorageTag:  # e.g. a MIFARE Classic: nfcpy gives a tag without transceive for APDUs
        pass

    from hardware.card_reader.nfc import NfcConnection

    conn = NfcConnection(NfcCardReader("udp:127.0.0.1:9"), StorageTag())
    with pytest.raises(UnsupportedCard):
        read_document(conn)


def test_cli_reads_over_nfcpy(field, capsys, monkeypatch):
    import launcher.cli

    card, _ = field(chip_for(DOC, ChipConfig(pace=[PACE])))
    monkeypatch.setattr(launcher.cli, "COMMAND_MODULES", ("launcher.commands.documents",))
    code = launcher.cli.main(["card", "read", "--nfc", card.path, "--doc-number", "D23145890", "--birth", "740812",
                           "--expiry", "310415", "--json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 0, out
    assert out["access_protocol"] == PACE.name
    assert out["passive_auth"]["status"] == "csca_unknown"
    assert out["mrz"]["surname"] == "ERIKSSON"


def _a_port_with_a_service_name() -> int | None:
    import socket

    for port in (57000, 5432, 3306, 8080, 1812):
        if not socket.getnameinfo(("127.0.0.1", port), socket.NI_NUMERICHOST)[1].isdigit():
            return port
    return None


def test_emulator_never_offers_nfcpy_a_port_it_cannot_parse():
    """CI once drew port 57000, which /etc/services calls "dircproxy"; nfcpy's
    udp driver then failed on int("dircproxy"). The emulator refuses such a port."""
    port = _a_port_with_a_service_name()
    if port is None:
        pytest.skip("this machine names none of the probe ports in /etc/services")
    with pytest.raises(ValueError, match="nfcpy cannot use"):
        NfcUdpCard(chip_for(DOC, ChipConfig()), port=port)


def test_take_your_card_over_nfcpy(field):
    """The removal check through nfcpy's radio: a card read and left lies there; once it
    is taken the field is sensed empty, and a card placed later is sensed anew."""
    card, reader = field(chip_for(DOC))
    conn = reader.wait_for_card(5)
    assert conn is not None
    conn.close()
    assert reader.field_empty() is False
    assert reader.wait_for_removal(0.3) is False
    card.remove()
    assert reader.wait_for_removal(10) is True
    assert reader.field_empty() is True
    card.insert()                       # the next citizen's card: not the remembered tag
    assert reader.field_empty() is False


def test_a_quick_swap_over_nfcpy_is_seen_as_the_card_taken(field):
    """The card read is taken off and another put on between two looks: the tag of the
    read no longer answers its presence check, so it has gone, though a card is there."""
    from tests.emulators.emrtd import make_document

    card, reader = field(chip_for(DOC))
    conn = reader.wait_for_card(5)
    assert conn is not None
    conn.close()
    assert reader.field_empty() is False
    card.remove()
    card.chip = chip_for(make_document("TD3"))
    card.insert()                       # another card, before the kiosk looks again
    assert reader.field_empty() is True
    assert reader.field_empty() is False                     # the new card, held from now on
    with reader.wait_for_card(5) as conn:
        assert read_document(conn, access_key=make_document("TD3").key).mrz.document_type == "TD3"


def test_a_card_never_read_is_held_so_that_its_swap_is_seen_too(field):
    """A card put down during a typed-number session was never read: the first look
    activates it and keeps it, so a swap after that is told as well."""
    card, reader = field(chip_for(DOC))
    reader.expect_removal()
    assert reader.field_empty() is False
    assert reader.field_empty() is False                     # still the same card
    card.remove()
    card.insert()
    assert reader.field_empty() is True
