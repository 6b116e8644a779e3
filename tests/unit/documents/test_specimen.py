"""The demo citizen is consistent everywhere: ID number, MRZ, chip photo, office record."""

from __future__ import annotations

import datetime as dt

import cv2
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.documents.lds import DataGroup
from kiosk.documents.lds.com import parse_com
from kiosk.documents.lds.dg1 import parse_dg1
from kiosk.documents.lds.dg11 import parse_dg11
from kiosk.documents.lds.dg13 import parse_dg13
from kiosk.documents.lds.dg2 import parse_dg2
from kiosk.demo.specimen import (
    make_specimen_files,
    specimen_identity,
    specimen_identity_fields,
    specimen_mrz,
    specimen_portrait,
)
from kiosk.domain.mrz import parse_mrz
from kiosk.domain.vietnam_id import parse_vietnam_id
from kiosk.identity import IdentitySource

TODAY = dt.date(2026, 11, 21)

# GB 11643-1999, written out independently of kiosk.domain: weights and check table.
GB_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
GB_CHECK = "10X98765432"


def gb11643_check(first17: str) -> str:
    return GB_CHECK[sum(int(c) * w for c, w in zip(first17, GB_WEIGHTS)) % 11]


def test_gb11643_reference_example():
    assert gb11643_check("11010519491231002") == "X"  # the standard's own example


def test_chinese_id_number_is_valid_and_consistent():
    number = specimen_identity_fields(TODAY)["id_number"]
    assert len(number) == 18
    assert number[:6] == "110105"
    assert number[6:14] == "19840312"
    assert int(number[16]) % 2 == 0  # even sequence: female
    assert number[17] == gb11643_check(number[:17])


def test_chinese_chip_files():
    files = make_specimen_files(TODAY)
    assert set(files) == {0x011E, 0x0101, 0x0102, 0x010B, 0x011D}
    assert parse_com(files[0x011E]).data_groups == (DataGroup.DG1, DataGroup.DG2, DataGroup.DG11)
    mrz = parse_mrz(parse_dg1(files[0x0101]).mrz, today=TODAY)
    assert mrz.document_type == "TD1"
    assert mrz.issuing_state == "CHN" and mrz.nationality == "CHN"
    assert mrz.document_number == "C03004786"
    assert (mrz.surname, mrz.given_names, mrz.sex) == ("WANG", "FANG", "F")
    assert mrz.birth_date == dt.date(1984, 3, 12)
    assert mrz.expiry_date == TODAY + dt.timedelta(days=45)
    dg11 = parse_dg11(files[0x010B])
    assert dg11.full_name == "王芳"
    assert dg11.personal_number == specimen_identity_fields(TODAY)["id_number"]
    assert dg11.full_date_of_birth == dt.date(1984, 3, 12)


@given(today=st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2090, 12, 31)))
def test_card_is_always_inside_the_renewal_window(today):
    mrz = parse_mrz(specimen_mrz(today), today=today)
    assert 0 < (mrz.expiry_date - today).days <= 90


def test_chip_photo_is_a_face_of_chip_size():
    face = parse_dg2(make_specimen_files(TODAY)[0x0102])
    assert face.mime == "image/jpeg" and (face.width, face.height) == (240, 320)
    image = cv2.imdecode(np.frombuffer(face.data, np.uint8), cv2.IMREAD_COLOR)
    assert image.shape == (320, 240, 3)
    cascade = cv2.CascadeClassifier(cv2.data.haarcascades + "haarcascade_frontalface_default.xml")
    faces = cascade.detectMultiScale(cv2.cvtColor(image, cv2.COLOR_BGR2GRAY), 1.1, 5)
    assert len(faces) == 1
    x, y, w, h = faces[0]
    assert 0.3 < w / 240 < 0.8  # head and shoulders, as on a card


def test_vietnamese_card():
    files = make_specimen_files(TODAY, "VNM")
    mrz = parse_mrz(parse_dg1(files[0x0101]).mrz, today=TODAY)
    assert mrz.lines[0].startswith("IDVNM")
    number = mrz.optional_data[:12]
    parsed = parse_vietnam_id(number, today=TODAY)
    assert (parsed.sex, parsed.birth_year) == ("F", 1984)
    assert mrz.document_number == number[3:]
    assert (mrz.surname, mrz.given_names) == ("NGUYEN", "THI LAN")
    assert parse_dg11(files[0x010B]).full_name == "Nguyễn Thị Lan"
    assert parse_com(files[0x011E]).data_groups == (DataGroup.DG1, DataGroup.DG2, DataGroup.DG11, DataGroup.DG13)
    dg13 = parse_dg13(files[0x010D])
    assert dg13.id_number == number and dg13.full_name == "Nguyễn Thị Lan"
    assert dg13.date_of_birth == dt.date(1984, 3, 12)
    assert dg13.date_of_expiry == mrz.expiry_date
    assert (dg13.father_name, dg13.mother_name) == ("Nguyễn Văn Mẫu", "Trần Thị Mẫu")


def test_specimen_sod_is_signed_by_the_specimen_csca():
    from kiosk.documents.passive_auth import PaStatus, verify_document
    from kiosk.demo.specimen_pki import specimen_pki
    from kiosk.documents.trust import TrustStore

    for country in ("CHN", "VNM"):
        files = make_specimen_files(TODAY, country)
        groups = {DataGroup.from_fid(fid): data for fid, data in files.items() if fid != 0x011D}
        trust = TrustStore([specimen_pki(country).csca.certificate])
        assert verify_document(groups, files[0x011D], trust).status is PaStatus.PASSED


def test_office_record_is_the_same_person_as_the_chip():
    from hardware.card_reader.simulated import SimulatedCardReader, SimulatedChip
    from kiosk.documents.chip_identity import identity_from_document
    from kiosk.documents.reader import read_document

    for country in ("CHN", "VNM"):
        reader = SimulatedCardReader()
        reader.present(SimulatedChip(make_specimen_files(TODAY, country)))
        chip = identity_from_document(read_document(reader.wait_for_card(1)), country)
        office = specimen_identity(TODAY, country)
        assert office.source is IdentitySource.TYPED_NUMBER
        for name in ("id_number", "surname", "given_names", "birth_date", "sex", "nationality",
                     "document_number", "card_expiry", "name_local"):
            assert getattr(office, name) == getattr(chip, name), name


def test_office_photo_is_larger_than_the_chip_photo():
    photo = specimen_identity_fields(TODAY)["reference_photo"]
    image = cv2.imdecode(np.frombuffer(photo, np.uint8), cv2.IMREAD_COLOR)
    assert image.shape == (441, 358, 3)


def test_portrait_from_another_picture_without_a_face(tmp_path):
    plain = tmp_path / "wall.png"
    cv2.imwrite(str(plain), np.full((100, 300, 3), 180, np.uint8))
    image = cv2.imdecode(np.frombuffer(specimen_portrait(photo=plain), np.uint8), cv2.IMREAD_COLOR)
    assert image.shape == (320, 240, 3)


def test_unknown_country():
    with pytest.raises(ValueError):
        make_specimen_files(TODAY, "UTO")
