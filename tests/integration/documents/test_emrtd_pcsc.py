"""Reading emulated eMRTDs through a real pcscd, vsmartcard-vpcd and pyscard."""

from __future__ import annotations

import json
import time

import pytest

from tests.emulators.emrtd import TEST_CAN, ChipConfig, chip_for, make_document
from hardware.errors import ReaderUnavailable
from kiosk.documents.access import CanKey
from kiosk.documents.crypto import CipherKind
from kiosk.documents.errors import CardPulled, WrongAccessKey
from kiosk.documents.lds import DataGroup
from kiosk.documents.lds.card_access import PaceInfo, pace_oid
from kiosk.documents.passive_auth import PaStatus
from kiosk.documents.reader import read_document
from kiosk.documents.trust import TrustStore

pytestmark = pytest.mark.integration

PACE_AES128 = PaceInfo(pace_oid("ECDH", "GM", CipherKind.AES, 128), 2, 13)
DOCS = {kind: make_document(kind, dg13=kind == "TD1") for kind in ("TD1", "TD3")}


def trust(doc) -> TrustStore:
    return TrustStore([doc.pki.csca.certificate])


@pytest.mark.parametrize("kind", ["TD1", "TD3"])
@pytest.mark.parametrize("protocol", ["BAC", "PACE"])
@pytest.mark.parametrize("extended", [False, True], ids=["short", "extended"])
def test_reads_over_pcsc(kind, protocol, extended, insert, pcsc_reader):
    doc = DOCS[kind]
    chip = chip_for(doc, ChipConfig(pace=[PACE_AES128] if protocol == "PACE" else [], extended_length=extended))
    insert(chip)
    with pcsc_reader.wait_for_card(10) as conn:
        assert conn.reader == "Virtual PCD 00 00"
        result = read_document(conn, access_key=doc.key, trust=trust(doc))
    assert result.access_protocol == ("BAC" if protocol == "BAC" else "PACE-ECDH-GM-AES128")
    assert result.mrz.document_type == kind
    assert result.passive_auth.status is PaStatus.PASSED
    assert all(result.files[g] == v for g, v in doc.groups.items())
    assert result.extended_length is extended
    assert result.apdu_count == chip.total_apdus
    if kind == "TD1":
        assert result.dg13 is not None and result.dg13.id_number == "001174012345"


def test_card_pulled_mid_read_then_put_back_resumes(insert, pcsc_reader):
    doc = DOCS["TD3"]
    chip = chip_for(doc, ChipConfig(pace=[PACE_AES128], extended_length=False, pull_after_apdus=35))
    card = insert(chip)
    conn = pcsc_reader.wait_for_card(10)
    with pytest.raises(CardPulled) as caught:
        read_document(conn, access_key=doc.key)
    conn.close()
    partial = caught.value.partial
    assert partial is not None and DataGroup.COM in partial.files
    card.insert()   # the citizen puts the card back
    with pcsc_reader.wait_for_card(10) as conn:
        result = read_document(conn, access_key=doc.key, resume=partial, trust=trust(doc))
    assert result.passive_auth.passed
    assert result.files[DataGroup.DG2] == doc.groups[DataGroup.DG2]


def test_card_pulled_mid_read_then_a_clean_restart(insert, pcsc_reader):
    doc = DOCS["TD1"]
    card = insert(chip_for(doc, ChipConfig(extended_length=False, pull_after_apdus=20)))
    conn = pcsc_reader.wait_for_card(10)
    with pytest.raises(CardPulled):
        read_document(conn, access_key=doc.key)
    conn.close()
    card.insert()
    with pcsc_reader.wait_for_card(10) as conn:
        assert read_document(conn, access_key=doc.key, trust=trust(doc)).passive_auth.passed


def test_wrong_can_over_pcsc(insert, pcsc_reader):
    doc = DOCS["TD1"]
    insert(chip_for(doc, ChipConfig(pace=[PACE_AES128])))
    with pcsc_reader.wait_for_card(10) as conn, pytest.raises(WrongAccessKey):
        read_document(conn, access_key=CanKey("000000"))


def test_insert_and_remove_events(insert, pcsc_reader):
    from hardware.card_reader.pcsc import CardEvent

    wait_until_empty(pcsc_reader)
    assert pcsc_reader.wait_for_event(0.3) is None
    card = insert(chip_for(DOCS["TD3"]))
    assert pcsc_reader.wait_for_event(5) is CardEvent.INSERTED
    assert pcsc_reader.card_present()
    card.remove()
    assert pcsc_reader.wait_for_event(5) is CardEvent.REMOVED
    assert not pcsc_reader.card_present()


def test_reader_selection_by_name_pattern(pcscd):
    from hardware.card_reader.pcsc import PcscCardReader

    assert PcscCardReader("pcd 00 01").reader_name() == "Virtual PCD 00 01"
    assert PcscCardReader("").reader_name().startswith("Virtual PCD")
    with pytest.raises(ReaderUnavailable):
        PcscCardReader("no such reader").wait_for_card(0.1)
    assert PcscCardReader("no such reader").card_present() is False


def test_no_card_times_out_and_cancel_is_honoured(pcsc_reader):
    import threading

    wait_until_empty(pcsc_reader)
    assert pcsc_reader.wait_for_card(0.3) is None
    # The wait is far longer than the join: only an honoured cancel ends it in time.
    cancel = threading.Event()
    result: list[object] = []
    waiter = threading.Thread(target=lambda: result.append(pcsc_reader.wait_for_card(3600, cancel)), daemon=True)
    waiter.start()
    threading.Timer(0.2, cancel.set).start()
    waiter.join(timeout=15)
    assert not waiter.is_alive() and result == [None]


def test_cli_reads_over_pcsc_as_json(insert, pcsc_reader, tmp_path, capsys, monkeypatch):
    import launcher.cli

    doc = DOCS["TD1"]
    (tmp_path / "trust").mkdir()
    (tmp_path / "trust" / "csca.pem").write_bytes(doc.pki.csca.pem)
    insert(chip_for(doc, ChipConfig(pace=[PACE_AES128])))
    monkeypatch.setattr(launcher.cli, "COMMAND_MODULES", ("launcher.commands.documents",))
    photo = tmp_path / "portrait.png"
    code = launcher.cli.main(["card", "read", "--reader", "Virtual PCD 00 00", "--can", TEST_CAN,
                           "--trust", str(tmp_path / "trust"), "--photo-out", str(photo), "--json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 0
    assert out["access_protocol"] == "PACE-ECDH-GM-AES128"
    assert out["mrz"]["document_number"] == "D23145890"
    assert out["data_groups"] == ["COM", "DG2", "DG1", "DG11", "DG13", "SOD"]
    assert out["dg13"]["father_name"] == "Nguyễn Văn Cha"
    assert out["passive_auth"]["status"] == "passed"
    assert out["portrait"]["bytes"] > 1000 and len(out["portrait"]["sha256"]) == 64
    assert out["apdus"] > 0 and out["bytes_read"] >= doc.size
    assert set(out["timings_s"]) >= {"wait_for_card", "detect", "access_control", "read", "passive_auth", "total"}
    assert photo.exists() and out["portrait"]["decoded_width"] == 240


def wait_until_empty(reader, timeout: float = 5.0) -> None:
    """pcscd polls vpcd: a card removed a moment ago may still be reported present."""
    deadline = time.monotonic() + timeout
    while reader.card_present() and time.monotonic() < deadline:
        time.sleep(0.05)


def test_cli_without_a_card(pcscd, pcsc_reader, capsys, monkeypatch):
    import launcher.cli

    wait_until_empty(pcsc_reader)
    monkeypatch.setattr(launcher.cli, "COMMAND_MODULES", ("launcher.commands.documents",))
    code = launcher.cli.main(["card", "read", "--reader", "Virtual PCD 00 00", "--can", TEST_CAN,
                           "--timeout", "0.3", "--json"])
    assert code == 3 and json.loads(capsys.readouterr().out)["error"] == "no_card"


def test_pcscd_gone_and_back(pcscd, insert, pcsc_reader):
    """The reader vanishes (pcscd stops, as when a USB reader is unplugged) and returns."""
    if not pcscd.owned:
        pytest.skip("a pcscd not started by the tests is never restarted")
    pcscd.stop()
    with pytest.raises(ReaderUnavailable):
        pcsc_reader.wait_for_card(0.5)
    assert pcsc_reader.card_present() is False
    pcscd.start()
    time.sleep(0.2)
    doc = DOCS["TD3"]
    insert(chip_for(doc))
    with pcsc_reader.wait_for_card(10) as conn:
        assert read_document(conn, access_key=doc.key).mrz.surname == "ERIKSSON"


def test_wait_for_removal_over_pcscd(insert, pcsc_reader):
    """The kiosk's "take your card" wait, through pcscd's reader status."""
    import threading

    card = insert(chip_for(DOCS["TD1"], ChipConfig()))
    conn = pcsc_reader.wait_for_card(10)
    assert conn is not None
    conn.close()                                             # read done, card left lying
    assert pcsc_reader.wait_for_removal(0.5) is False       # still there
    threading.Timer(0.3, card.remove).start()
    assert pcsc_reader.wait_for_removal(20) is True
    assert not pcsc_reader.card_present()


def test_a_quick_swap_is_seen_as_the_card_taken(insert, vpcd, pcsc_reader):
    """One card off and another on within one of pcscd's polls (0.4 s), and no look by
    the kiosk in between: the card there now is another one, and the first was taken."""
    from tests.emulators.emrtd.pcscd import VPCD_PORT, pcscd_state, wait_for_pcscd
    from tests.emulators.emrtd.vpcd import VpcdCard

    wait_until_empty(pcsc_reader)
    first = insert(chip_for(DOCS["TD1"]))
    deadline = time.monotonic() + 10   # a safety bound, not a timing expectation
    while pcsc_reader.field_empty() is not False:        # the kiosk sees the first card
        assert time.monotonic() < deadline
        time.sleep(0.05)
    # A card left behind has lain there a while: pcscd has switched it off (see vpcd.py
    # for the swap pcscd cannot see while a card is still powered).
    while first.powered or not pcscd_state()[0]:
        assert time.monotonic() < deadline
        time.sleep(0.02)
    present, count = pcscd_state()

    first.remove()
    second = VpcdCard(chip_for(DOCS["TD3"]), VPCD_PORT)
    second.insert(quick=True)
    vpcd.append(second)
    # What pcsc-lite 1.9 makes of it through vpcd: one removal and one insertion.
    wait_for_pcscd((True, (count + 2) & 0xFFFF))

    assert pcsc_reader.field_empty() is True
    assert pcsc_reader.field_empty() is False            # the new card, seen from now on
    with pcsc_reader.wait_for_card(10) as conn:
        assert read_document(conn, access_key=DOCS["TD3"].key).mrz.document_type == "TD3"
