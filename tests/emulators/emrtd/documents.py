"""Fictitious test documents (TD1 card, TD3 passport) with EF.SOD signed by a test PKI.

The MRZs are ICAO's specimen ERIKSSON documents with dates moved so the documents are
valid; the portrait is a generated image (no real face needed to test the protocol) or,
on request, the demo specimen's portrait.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field

from kiosk.documents.access import MrzKey
from kiosk.documents.lds import DataGroup
from kiosk.documents.lds.com import build_com
from kiosk.documents.lds.dg1 import build_dg1
from kiosk.documents.lds.dg11 import build_dg11
from kiosk.documents.lds.dg13 import build_dg13
from kiosk.documents.lds.dg2 import build_dg2, build_dg2_39794
from kiosk.documents.lds.sod import build_sod
from kiosk.demo.specimen_pki import SpecimenPki, specimen_pki
from kiosk.domain.mrz import format_td1, format_td3

BIRTH = dt.date(1974, 8, 12)
EXPIRY = dt.date(2031, 4, 15)
TEST_CAN = "123456"


@dataclass
class TestDocument:
    kind: str
    mrz: str
    files: dict[int, bytes]            # by file id, as the chip stores them
    groups: dict[DataGroup, bytes]
    pki: SpecimenPki = field(repr=False)
    can: str = TEST_CAN

    @property
    def key(self) -> MrzKey:
        return MrzKey.from_mrz(self.mrz)

    @property
    def size(self) -> int:
        return sum(len(v) for v in self.files.values())


def portrait(width: int = 240, height: int = 320, target_bytes: int | None = 15000, mime: str = "image/jpeg") -> bytes:
    """A synthetic portrait-sized image: gradient plus noise, JPEG or JPEG 2000.

    `target_bytes` steers the JPEG quality so DG2 has a realistic size.
    """
    import numpy as np
    from PIL import Image

    rng = np.random.default_rng(7)
    y, x = np.mgrid[0:height, 0:width]
    base = np.stack([(x * 255 // width), (y * 255 // height), ((x + y) * 127 // (width + height))], axis=-1)
    noise = rng.integers(0, 60, size=(height, width, 3))
    image = Image.fromarray((base + noise).clip(0, 255).astype("uint8"), "RGB")
    if mime == "image/jp2":
        buf = io.BytesIO()
        image.save(buf, "JPEG2000", irreversible=True, quality_mode="rates", quality_layers=[20])
        return buf.getvalue()
    best = b""
    for quality in range(95, 5, -5):
        buf = io.BytesIO()
        image.save(buf, "JPEG", quality=quality)
        best = buf.getvalue()
        if target_bytes is None or len(best) <= target_bytes:
            break
    return best


def make_document(
    kind: str = "TD3",
    *,
    dg13: bool = False,
    dg11: bool = True,
    image: bytes | None = None,
    image_mime: str = "image/jpeg",
    face_format: str = "19794",
    pki: SpecimenPki | None = None,
    digest: str = "sha256",
    portrait_bytes: int = 15000,
) -> TestDocument:
    """A TD1 ('I<' card) or TD3 (passport) document with its LDS files."""
    if kind == "TD3":
        mrz = format_td3(surname="ERIKSSON", given_names="ANNA MARIA", document_number="L898902C3",
                         nationality="UTO", birth_date=BIRTH, sex="F", expiry_date=EXPIRY,
                         personal_number="ZE184226B")
    elif kind == "TD1":
        mrz = format_td1(surname="ERIKSSON", given_names="ANNA MARIA", document_number="D23145890",
                         nationality="UTO", birth_date=BIRTH, sex="F", expiry_date=EXPIRY,
                         issuing_state="UTO", document_code="I")
    else:
        raise ValueError("kind is TD1 or TD3")
    if image is None:
        image = portrait(target_bytes=portrait_bytes, mime=image_mime)
    width, height = 240, 320
    groups: dict[DataGroup, bytes] = {DataGroup.DG1: build_dg1(mrz)}
    if face_format == "39794":
        groups[DataGroup.DG2] = build_dg2_39794(image, width, height, image_mime)
    else:
        groups[DataGroup.DG2] = build_dg2(image, width, height, image_mime, sex="F")
    if dg11:
        groups[DataGroup.DG11] = build_dg11(full_name="ERIKSSON<<ANNA<MARIA", place_of_birth="ZENITH")
    if dg13:
        groups[DataGroup.DG13] = build_dg13({
            1: "001174012345", 2: "Nguyễn Văn Thử", 3: "12/08/1974", 4: "Nam", 5: "Việt Nam",
            8: "Hà Nội", 9: "Số 2 Phố Thử, Hà Nội", 11: "15/04/2021", 12: "15/04/2031",
            13: ("Nguyễn Văn Cha", "Trần Thị Mẹ"),
        })
    pki = pki or specimen_pki("UTO", seed="tests")
    files = {DataGroup.COM.fid: build_com(list(groups))}
    files.update({g.fid: v for g, v in groups.items()})
    files[DataGroup.SOD.fid] = build_sod(groups, pki.dsc.key, pki.dsc.certificate, digest)
    return TestDocument(kind, mrz, files, groups, pki)
