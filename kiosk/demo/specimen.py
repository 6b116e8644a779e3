"""The demo specimen citizen: one fictitious person, as a chip card's files and as a record.

WANG Fang (王芳), born 1984-03-12, holds a Chinese ID card that expires 45 days after
'today', so a demo run always falls inside the 90-day renewal window. For a Vietnamese
kiosk the same person is NGUYEN THI LAN (Nguyễn Thị Lan) with a CCCD-style TD1 card.
Her portrait is the public-domain NASA astronaut portrait of the demo folder, cropped to
the face the way chip photos are. All numbers are valid in form and fictitious.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.demo.specimen_pki import specimen_pki
from kiosk.documents.lds import DataGroup
from kiosk.documents.lds.com import build_com
from kiosk.documents.lds.dg1 import build_dg1
from kiosk.documents.lds.dg11 import build_dg11
from kiosk.documents.lds.dg13 import build_dg13
from kiosk.documents.lds.dg2 import build_dg2
from kiosk.documents.lds.sod import build_sod
from kiosk.domain.chinese_id import make_chinese_id
from kiosk.domain.mrz import format_td1
from kiosk.domain.vietnam_id import make_vietnam_id
from kiosk.identity import Identity, IdentitySource

DEMO_DIR_ENV = "KIOSK_DEMO_DIR"   # same override as hardware.camera.demo_media
PORTRAIT_FILE = "astronaut.jpg"
CHIP_PHOTO_SIZE = (240, 320)      # width, height: a typical eMRTD portrait
OFFICE_PHOTO_SIZE = (358, 441)    # the Chinese card's print size at 350 dpi
EXPIRES_IN_DAYS = 45
BIRTH_DATE = dt.date(1984, 3, 12)
SEX = "F"


@dataclass(frozen=True)
class CardHolder:
    """Whose demo card a chip is: the specimen below, or a fictitious citizen of
    `kiosk simulate` (kiosk.demo.citizens). Names as the MRZ writes them (Latin capitals)
    and in the national script (DG11, DG13)."""

    country: str
    surname: str
    given_names: str
    name_local: str
    id_number: str
    document_number: str
    birth_date: dt.date
    sex: str
    place_of_birth: str
    address: str = ""              # DG13 (Viet Nam's card states where the holder lives)
    mrz_optional_data: str = ""

    @property
    def dg11_personal_number(self) -> bool:
        """China's card puts the 18-digit number in DG11; Viet Nam's in the MRZ."""
        return self.country == "CHN"


def _person(country: str) -> CardHolder:
    country = country.upper()
    if country == "CHN":
        return CardHolder(
            country="CHN",
            surname="WANG",
            given_names="FANG",
            name_local="王芳",
            id_number=make_chinese_id("110105", BIRTH_DATE, 48),  # Beijing Chaoyang; even: female
            document_number="C03004786",
            birth_date=BIRTH_DATE,
            sex=SEX,
            place_of_birth="北京",
        )
    if country == "VNM":
        id_number = make_vietnam_id("001", BIRTH_DATE.year, SEX, 3047)  # Hà Nội
        return CardHolder(
            country="VNM",
            surname="NGUYEN",
            given_names="THI LAN",
            name_local="Nguyễn Thị Lan",
            id_number=id_number,
            # CCCD-style: the card number is the ID number's last 9 digits, and the
            # full 12-digit number sits in the upper line's optional data.
            document_number=id_number[3:],
            mrz_optional_data=id_number,
            birth_date=BIRTH_DATE,
            sex=SEX,
            place_of_birth="Hà Nội",
            address="Số 1 Phố Mẫu, Phường Mẫu, Quận Hoàn Kiếm, Hà Nội",
        )
    raise ValueError(f"no specimen for country {country!r} (use 'CHN' or 'VNM')")


def _demo_photo_path() -> Path:
    override = os.environ.get(DEMO_DIR_ENV)
    base = Path(override) if override else Path(__file__).resolve().parents[2] / "resources" / "demo"
    return base / PORTRAIT_FILE


@functools.lru_cache(maxsize=8)
def _portrait(path: Path, size: tuple[int, int], quality: int) -> bytes:
    import cv2  # imported here: only demo mode and tests build specimens

    from hardware.images import PICTURE, ImageRefused, decode_bgr

    try:
        image = decode_bgr(path, PICTURE)
    except (ImageRefused, OSError) as exc:
        raise FileNotFoundError(f"specimen portrait {path.name} cannot be read: {exc}") from None
    ih, iw = image.shape[:2]
    cascade = cv2.CascadeClassifier(cv2.data.haarcascades + "haarcascade_frontalface_default.xml")
    faces = cascade.detectMultiScale(cv2.cvtColor(image, cv2.COLOR_BGR2GRAY), 1.1, 5, minSize=(40, 40))
    if len(faces):
        x, y, w, h = max(faces, key=lambda f: f[2] * f[3])
        # Head and shoulders, as on a card: the detector's box is brow to chin, so widen
        # it to take in hair and ears and put the eyes a little above the middle.
        crop_w = 1.9 * w
        cx, cy = x + w / 2, y + 0.55 * h
    else:
        crop_w = 0.6 * iw
        cx, cy = iw / 2, ih * 0.4
    crop_h = crop_w * size[1] / size[0]
    scale = min(1.0, iw / crop_w, ih / crop_h)  # never larger than the picture itself
    crop_w, crop_h = crop_w * scale, crop_h * scale
    x0 = int(min(max(cx - crop_w / 2, 0), iw - crop_w))
    y0 = int(min(max(cy - 0.45 * crop_h, 0), ih - crop_h))
    crop = image[y0 : y0 + int(crop_h), x0 : x0 + int(crop_w)]
    crop = cv2.resize(crop, size, interpolation=cv2.INTER_AREA)
    ok, encoded = cv2.imencode(".jpg", crop, [cv2.IMWRITE_JPEG_QUALITY, quality])
    if not ok:
        raise RuntimeError("JPEG encoding of the specimen portrait failed")
    return encoded.tobytes()


def specimen_portrait(size: tuple[int, int] = CHIP_PHOTO_SIZE, photo: Path | None = None) -> bytes:
    """The specimen's face as JPEG, cropped head-and-shoulders to `size` (width, height)."""
    quality = 80 if size == CHIP_PHOTO_SIZE else 92  # chips store small, compressed images
    return _portrait(Path(photo) if photo else _demo_photo_path(), tuple(size), quality)


def specimen_mrz(today: dt.date, country: str = "CHN") -> str:
    """The specimen card's TD1 MRZ, three lines separated by newlines."""
    return card_mrz(_person(country), today + dt.timedelta(days=EXPIRES_IN_DAYS))


def card_mrz(holder: CardHolder, expiry: dt.date) -> str:
    """The TD1 MRZ of `holder`'s card, which expires on `expiry`."""
    return format_td1(
        surname=holder.surname,
        given_names=holder.given_names,
        document_number=holder.document_number,
        nationality=holder.country,
        birth_date=holder.birth_date,
        sex=holder.sex,
        expiry_date=expiry,
        issuing_state=holder.country,
        document_code="ID",
        optional_data=holder.mrz_optional_data,
    )


def make_specimen_files(today: dt.date, country: str = "CHN", photo: Path | None = None) -> dict[int, bytes]:
    """The chip's files by file id (EF.COM, DG1, DG2, DG11, for VNM also DG13, and EF.SOD
    signed by the specimen PKI of `specimen_pki`), for `SimulatedChip(files)`."""
    return make_card_files(_person(country), today + dt.timedelta(days=EXPIRES_IN_DAYS), photo)


def make_card_files(holder: CardHolder, expiry: dt.date, photo: Path | None = None) -> dict[int, bytes]:
    """The files of `holder`'s demo chip, signed by the specimen PKI of its country, with
    the specimen's portrait (or `photo`) as its face."""
    width, height = CHIP_PHOTO_SIZE
    groups = [DataGroup.DG1, DataGroup.DG2, DataGroup.DG11]
    files = {
        DataGroup.DG1: build_dg1(card_mrz(holder, expiry)),
        DataGroup.DG2: build_dg2(specimen_portrait(CHIP_PHOTO_SIZE, photo), width, height, sex=holder.sex),
        DataGroup.DG11: build_dg11(
            full_name=holder.name_local,
            personal_number=holder.id_number if holder.dg11_personal_number else "",
            full_date_of_birth=holder.birth_date,
            place_of_birth=holder.place_of_birth,
        ),
    }
    if holder.country == "VNM":
        groups.append(DataGroup.DG13)
        files[DataGroup.DG13] = card_dg13(holder, expiry)
    pki = specimen_pki(holder.country)
    out = {DataGroup.COM.fid: build_com(groups)}
    out.update({g.fid: v for g, v in files.items()})
    out[DataGroup.SOD.fid] = build_sod(files, pki.dsc.key, pki.dsc.certificate)
    return out


def specimen_dg13(today: dt.date) -> bytes:
    """The Vietnamese specimen's DG13 (national data) in the layout `dg13` describes."""
    return card_dg13(_person("VNM"), today + dt.timedelta(days=EXPIRES_IN_DAYS))


def card_dg13(holder: CardHolder, expiry: dt.date) -> bytes:
    """A Vietnamese card's DG13 for `holder` (parents and marks are the specimen's)."""
    return build_dg13({
        1: holder.id_number,
        2: holder.name_local,
        3: f"{holder.birth_date:%d/%m/%Y}",
        4: "Nữ" if holder.sex == "F" else "Nam",
        5: "Việt Nam",
        6: "Kinh",
        7: "Không",
        8: holder.place_of_birth,
        9: holder.address,
        10: "Nốt ruồi C:2cm trên trước mày phải",
        11: f"{expiry.replace(year=expiry.year - 10):%d/%m/%Y}",
        12: f"{expiry:%d/%m/%Y}",
        13: ("Nguyễn Văn Mẫu", "Trần Thị Mẫu"),
    })


def specimen_identity_fields(today: dt.date, country: str = "CHN", photo: Path | None = None) -> dict[str, Any]:
    """Keyword arguments for `Identity` (all but `source`): the office's record of the
    specimen, for the lost-card demo. Same person as the chip; the reference photo is
    the larger portrait an office keeps from the previous application."""
    p = _person(country)
    return {
        "id_number": p.id_number,
        "surname": p.surname,
        "given_names": p.given_names,
        "birth_date": p.birth_date,
        "sex": p.sex,
        "nationality": p.country,
        "document_number": p.document_number,
        "card_expiry": today + dt.timedelta(days=EXPIRES_IN_DAYS),
        "name_local": p.name_local,
        "reference_photo": specimen_portrait(OFFICE_PHOTO_SIZE, photo),
    }


def specimen_identity(
    today: dt.date,
    country: str = "CHN",
    source: IdentitySource = IdentitySource.TYPED_NUMBER,
    photo: Path | None = None,
) -> Identity:
    return Identity(source=source, **specimen_identity_fields(today, country, photo))


def specimen_csca(mode: str, country: str = "CHN"):
    """The CSCA certificate that signs the specimen card of `country`: demo mode trusts
    it, so the demo card passes passive authentication like a genuine one and the demo
    journey runs the same rule as production (no chip is renewed on unless its signer
    chains to a trusted CSCA). Its key is derived from a public seed, so anyone can sign
    with it: refused outside demo mode."""
    if mode != "demo":
        raise RuntimeError("the specimen CSCA can only be trusted in demo mode")
    return specimen_pki(_person(country).country).csca.certificate
