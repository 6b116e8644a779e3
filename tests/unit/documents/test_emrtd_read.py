"""Reading strict emulated eMRTDs in process: access control, block sizes, errors, resume.

The emulator behaves as an issued document (6982 before access control, secure
messaging afterwards); the transport is `tests.inprocess_reader`, so these run in
milliseconds. The same reads over a real pcscd and nfcpy are in tests/integration.
"""

from __future__ import annotations

import threading

import pytest

from tests.emulators.emrtd import TEST_CAN, ChipConfig, InProcessCard, chip_for, make_document
from tests.inprocess_reader import InProcessCardReader
from kiosk.documents.access import AccessAttempts, CanKey, MrzKey
from kiosk.documents.crypto import CipherKind
from kiosk.documents.lds.card_access import PaceInfo, pace_oid
from kiosk.documents.errors import (
    AccessKeyRequired,
    CardPulled,
    ReadCancelled,
    UnsupportedCard,
    WrongAccessKey,
)
from kiosk.documents.chip_identity import identity_from_document
from kiosk.documents.chip_portrait import decode_face
from kiosk.documents.filesystem import SHORT_BLOCK
from kiosk.documents.lds import DataGroup
from kiosk.documents.passive_auth import PaStatus
from kiosk.documents.reader import ReadOptions, read_document
from kiosk.documents.trust import TrustStore


def pace(cipher: CipherKind = CipherKind.AES, bits: int = 128, curve: int = 13) -> PaceInfo:
    return PaceInfo(pace_oid("ECDH", "GM", cipher, bits), 2, curve)


def connect(chip):
    reader = InProcessCardReader()
    reader.insert(InProcessCard(chip))
    conn = reader.wait_for_card(1)
    assert conn is not None
    return reader, conn


def trust_for(doc) -> TrustStore:
    return TrustStore([doc.pki.csca.certificate])


@pytest.fixture(scope="module")
def td1():
    return make_document("TD1", dg13=True)


@pytest.fixture(scope="module")
def td3():
    return make_document("TD3")


# -- the happy paths ---------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["TD1", "TD3"])
@pytest.mark.parametrize("extended", [False, True])
@pytest.mark.parametrize(
    "offer",
    [None, pace(), pace(CipherKind.TDES, 112, 12), pace(CipherKind.AES, 192, 15), pace(CipherKind.AES, 256, 17)],
    ids=["BAC", "PACE-AES128-bp256", "PACE-3DES-P256", "PACE-AES192-P384", "PACE-AES256-bp512"],
)
def test_reads_every_variant(kind, extended, offer, td1, td3):
    doc = td1 if kind == "TD1" else td3
    chip = chip_for(doc, ChipConfig(extended_length=extended, pace=[offer] if offer else []))
    _, conn = connect(chip)
    progress: list[tuple[int, int]] = []
    result = read_document(conn, access_key=doc.key, trust=trust_for(doc),
                           progress=lambda d, t: progress.append((d, t)))
    assert result.access_protocol == (offer.name if offer else "BAC")
    assert result.mrz.document_type == kind
    assert result.mrz.surname == "ERIKSSON"
    assert result.passive_auth.status is PaStatus.PASSED
    assert result.files[DataGroup.DG2] == doc.files[0x0102]
    assert result.extended_length is extended
    assert result.apdu_count == chip.total_apdus
    assert result.bytes_read >= doc.size
    dones = [d for d, _ in progress]
    assert dones == sorted(dones) and progress[-1][0] == progress[-1][1]
    reads = [c for c, _ in chip.log if c[1] in (0xB0, 0xB1) or (c[0] & 0x0C and c[1] in (0xB0, 0xB1))]
    if extended:
        assert len(reads) < 15
    else:
        assert len(reads) >= sum(len(v) for v in doc.files.values()) // SHORT_BLOCK


def test_extended_length_stated_in_the_atr(td3):
    chip = chip_for(td3, ChipConfig(state_extended_in_atr=True))
    _, conn = connect(chip)
    result = read_document(conn, access_key=td3.key)
    assert result.extended_length
    # Nothing was read from EF.ATR/INFO: the ATR said it.
    assert not any(c[:4] == b"\x00\xB0\x81\x00" for c, _ in chip.log)


def test_extended_length_off_by_option(td3):
    chip = chip_for(td3, ChipConfig())
    _, conn = connect(chip)
    result = read_document(conn, access_key=td3.key, options=ReadOptions(extended_length="off"))
    assert not result.extended_length
    assert result.apdu_count > 60


def test_reader_that_cannot_carry_extended_apdus(td3):
    chip = chip_for(td3, ChipConfig())
    _, conn = connect(chip)
    conn.extended_length = False
    assert not read_document(conn, access_key=td3.key).extended_length


def test_chip_that_overstates_its_buffer_falls_back_to_short_blocks(td3):
    chip = chip_for(td3, ChipConfig(max_response=0x8000, wrong_length_over=0x400))
    _, conn = connect(chip)
    result = read_document(conn, access_key=td3.key, trust=trust_for(td3))
    assert result.passive_auth.passed and not result.extended_length
    assert any(answer[-2:] == b"\x67\x00" or b"\x99\x02\x67\x00" in answer for _, answer in chip.log)


def test_pace_with_can(td1):
    chip = chip_for(td1, ChipConfig(pace=[pace()]))
    _, conn = connect(chip)
    result = read_document(conn, access_key=CanKey(TEST_CAN), trust=trust_for(td1))
    assert result.access_protocol == "PACE-ECDH-GM-AES128"
    assert result.passive_auth.passed


def test_pace_declined_by_option_falls_to_bac(td1):
    chip = chip_for(td1, ChipConfig(pace=[pace()]))
    _, conn = connect(chip)
    assert read_document(conn, access_key=td1.key, options=ReadOptions(pace=False)).access_protocol == "BAC"


def test_unsupported_pace_variant_falls_back_to_bac(td1):
    integrated = PaceInfo(pace_oid("ECDH", "IM", CipherKind.AES, 128), 2, 13)
    chip = chip_for(td1, ChipConfig(pace=[integrated]))
    _, conn = connect(chip)
    assert read_document(conn, access_key=td1.key).access_protocol == "BAC"


def test_several_pace_variants_send_the_parameter_id(td1):
    chip = chip_for(td1, ChipConfig(pace=[pace(curve=13), pace(curve=12)]))
    _, conn = connect(chip)
    assert read_document(conn, access_key=td1.key).access_protocol == "PACE-ECDH-GM-AES128"
    mse = next(c for c, _ in chip.log if c[1] == 0x22)
    assert b"\x84\x01" in mse  # DO'84' names the parameters when EF.CardAccess offers several


def test_vietnamese_card_with_dg13_makes_an_identity(td1):
    chip = chip_for(td1, ChipConfig(pace=[pace()]))
    _, conn = connect(chip)
    doc = read_document(conn, access_key=td1.key)
    assert doc.dg13 is not None and doc.dg13.father_name == "Nguyễn Văn Cha"
    identity = identity_from_document(doc, "VNM")
    assert identity.id_number == "001174012345"
    assert identity.name_local == "ERIKSSON ANNA MARIA"  # DG11's name wins over DG13's


@pytest.mark.parametrize("face_format", ["19794", "39794"])
@pytest.mark.parametrize("mime", ["image/jpeg", "image/jp2"])
def test_portrait_formats_decode_to_an_image(face_format, mime):
    doc = make_document("TD3", image_mime=mime, face_format=face_format)
    _, conn = connect(chip_for(doc))
    result = read_document(conn, access_key=doc.key)
    assert result.face.mime == mime and (result.face.width, result.face.height) == (240, 320)
    assert decode_face(result.face).size == (240, 320)
    assert identity_from_document(result, "UTO").reference_photo[:3] == b"\xff\xd8\xff"


@pytest.mark.parametrize("extended", [False, True])
def test_file_beyond_32767_bytes_uses_read_binary_b1(extended):
    doc = make_document("TD3", portrait_bytes=None)
    big = doc.files[0x0102]
    assert len(big) > 0x7FFF + 1000
    chip = chip_for(doc, ChipConfig(extended_length=extended, max_response=0x2000))
    _, conn = connect(chip)
    result = read_document(conn, access_key=doc.key, trust=trust_for(doc))
    assert result.files[DataGroup.DG2] == big
    assert result.passive_auth.passed
    assert any(c[1] == 0xB1 for c, _ in chip.log) or any(
        c[1] == 0xB1 for c, _ in chip.log if c[0] & 0x0C)


def test_chip_without_sfi_support_is_read_by_select(td3):
    chip = chip_for(td3, ChipConfig(sfi=False))
    _, conn = connect(chip)
    assert read_document(conn, access_key=td3.key).mrz.surname == "ERIKSSON"


# -- errors the citizen sees --------------------------------------------------------------------


def test_protected_chip_without_a_key(td3):
    _, conn = connect(chip_for(td3))
    with pytest.raises(AccessKeyRequired):
        read_document(conn)


def test_wrong_mrz_counts_attempts_until_hand_over(td3):
    attempts = AccessAttempts(2)
    wrong = MrzKey("L898902C3", "740812", "310416")
    for remaining, hand_over in ((1, False), (0, True)):
        _, conn = connect(chip_for(td3))
        with pytest.raises(WrongAccessKey) as caught:
            read_document(conn, access_key=wrong, attempts=attempts)
        assert caught.value.protocol == "BAC"
        assert (caught.value.remaining, caught.value.hand_over) == (remaining, hand_over)
    _, conn = connect(chip_for(td3))
    with pytest.raises(WrongAccessKey) as caught:  # no more tries, even with the right key
        read_document(conn, access_key=td3.key, attempts=attempts)
    assert caught.value.hand_over


def test_wrong_can_under_pace(td1):
    _, conn = connect(chip_for(td1, ChipConfig(pace=[pace()])))
    with pytest.raises(WrongAccessKey) as caught:
        read_document(conn, access_key=CanKey("654321"))
    assert caught.value.protocol == "PACE" and caught.value.remaining is None


def test_can_on_a_bac_only_chip_is_unsupported(td3):
    _, conn = connect(chip_for(td3))
    with pytest.raises(UnsupportedCard):
        read_document(conn, access_key=CanKey(TEST_CAN))


@pytest.mark.parametrize(
    ("after", "extended"),
    [(1, False), (4, False), (9, False), (30, False), (70, False), (1, True), (5, True), (9, True), (12, True)],
)
def test_pulled_card_resumes_where_it_stopped(after, extended, td1):
    chip = chip_for(td1, ChipConfig(pace=[pace()], extended_length=extended, pull_after_apdus=after))
    reader, conn = connect(chip)
    with pytest.raises(CardPulled) as caught:
        read_document(conn, access_key=td1.key)
    assert not reader.card_present()  # the card left the reader
    partial = caught.value.partial
    assert partial is not None
    reader.insert(InProcessCard(chip))  # the citizen puts it back
    conn = reader.wait_for_card(1)
    before = chip.total_apdus
    result = read_document(conn, access_key=td1.key, resume=partial, trust=trust_for(td1))
    assert result.passive_auth.passed
    assert all(result.files[g] == v for g, v in td1.groups.items())
    assert result.apdu_count == chip.total_apdus - before


def test_pulled_card_restarts_cleanly_without_resume(td3):
    chip = chip_for(td3, ChipConfig(extended_length=False, pull_after_apdus=40))
    reader, conn = connect(chip)
    with pytest.raises(CardPulled):
        read_document(conn, access_key=td3.key)
    reader.insert(InProcessCard(chip))
    result = read_document(reader.wait_for_card(1), access_key=td3.key, trust=trust_for(td3))
    assert result.passive_auth.passed


def test_resume_needs_fewer_apdus_than_a_restart(td3):
    full = chip_for(td3, ChipConfig(extended_length=False))
    read_document(connect(full)[1], access_key=td3.key)
    chip = chip_for(td3, ChipConfig(extended_length=False, pull_after_apdus=60))
    reader, conn = connect(chip)
    with pytest.raises(CardPulled) as caught:
        read_document(conn, access_key=td3.key)
    reader.insert(InProcessCard(chip))
    resumed = read_document(reader.wait_for_card(1), access_key=td3.key, resume=caught.value.partial)
    assert resumed.apdu_count < full.total_apdus - 40


def test_cancel_stops_between_apdus(td3):
    cancel = threading.Event()
    chip = chip_for(td3, ChipConfig(extended_length=False))
    _, conn = connect(chip)
    with pytest.raises(ReadCancelled):
        read_document(conn, access_key=td3.key, cancel=cancel, progress=lambda d, t: cancel.set())
    assert chip.total_apdus < 20


def test_latency_is_spent_on_every_apdu(td3, monkeypatch):
    import tests.emulators.emrtd.chip as chip_module

    slept: list[float] = []
    monkeypatch.setattr(chip_module.time, "sleep", slept.append)
    chip = chip_for(td3, ChipConfig(latency_s=0.002))
    _, conn = connect(chip)
    result = read_document(conn, access_key=td3.key)
    assert slept == [0.002] * result.apdu_count


def test_document_without_sod_fails_passive_authentication(td3):
    files = dict(td3.files)
    del files[0x011D]
    from tests.emulators.emrtd import EmrtdChip

    _, conn = connect(EmrtdChip(files, td3.key))
    result = read_document(conn, access_key=td3.key, trust=trust_for(td3))
    assert result.passive_auth.status is PaStatus.FAILED
    assert "EF.SOD is absent" in result.warnings
