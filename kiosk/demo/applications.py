"""Demo applications for sample receipts (`kiosk receipt sample`), benchmarks and looks.

Fictitious people, one per language, chosen to stress the layout: a Chinese name, a
long Vietnamese name with stacked diacritics and a zero-decimal currency, an English
receipt for a lost card delivered by post.
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

from PIL import Image

from kiosk.card_application import Application, PickupMethod
from kiosk.domain.cases import Case
from kiosk.storage.application_number import format_application_number

DEMO_KIOSK = "SH-XH-001"
DEMO_STATION = "Xuhui PSB Hall"
DEMO_CREATED = dt.datetime(2026, 11, 21, 6, 30, tzinfo=dt.UTC)
DEMO_TZ = dt.timezone(dt.timedelta(hours=8), "CST")

_PEOPLE: dict[str, dict[str, object]] = {
    "zh_CN": dict(
        id_number="11010519491231002X", surname="WANG", given_names="FANG", name_local="王芳",
        nationality="CHN", case=Case.EXPIRING, pickup=PickupMethod.STATION, address="",
        fee=Decimal("20.00"), currency="CNY", station="徐汇分局出入境大厅", sequence=19,
    ),
    "en": dict(
        id_number="11010519491231002X", surname="WANG", given_names="FANG", name_local="",
        nationality="CHN", case=Case.LOST, pickup=PickupMethod.POST, address="1 Caoxi North Road",
        fee=Decimal("40.00"), currency="CNY", station=DEMO_STATION, sequence=20,
    ),
    "vi": dict(
        id_number="001099012345", surname="NGUYEN", given_names="THI MINH KHAI",
        name_local="Nguyễn Thị Minh Khai", nationality="VNM", case=Case.DAMAGED,
        pickup=PickupMethod.STATION, address="", fee=Decimal("50000"), currency="VND",
        station="Công an phường Điện Biên", sequence=21,
    ),
}

LANGUAGES = tuple(_PEOPLE)


def _tiny_png() -> bytes:
    buf = io.BytesIO()
    Image.new("L", (8, 8), 255).save(buf, "PNG")
    return buf.getvalue()


def _tiny_jpeg() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 200, 200)).save(buf, "JPEG")
    return buf.getvalue()


def demo_application(lang: str, *, kiosk_id: str = DEMO_KIOSK, sequence: int | None = None) -> Application:
    """A complete, fictitious application whose receipt is in `lang`."""
    p = _PEOPLE[lang]
    day = DEMO_CREATED.astimezone(DEMO_TZ).date()
    number = format_application_number(kiosk_id, day, sequence if sequence is not None else int(p["sequence"]))  # type: ignore[call-overload]
    return Application(
        application_id=f"{int(p['sequence']):032x}",  # type: ignore[call-overload]
        application_number=number,
        created_at=DEMO_CREATED,
        kiosk_id=kiosk_id,
        station=str(p["station"]),
        case=p["case"],  # type: ignore[arg-type]
        language=lang,
        id_number=str(p["id_number"]),
        surname=str(p["surname"]),
        given_names=str(p["given_names"]),
        name_local=str(p["name_local"]),
        birth_date=dt.date(1949, 12, 31),
        sex="F",
        nationality=str(p["nationality"]),
        document_number="E12345678",
        card_expiry=dt.date(2026, 12, 31),
        phone="13800138000",
        pickup_method=p["pickup"],  # type: ignore[arg-type]
        postal_address=str(p["address"]),
        portrait_jpeg=_tiny_jpeg(),
        signature_png=_tiny_png(),
        face_check={"decision": "match", "distance": 0.31, "threshold": 0.5, "method": "demo"},
        fee_amount=p["fee"],  # type: ignore[arg-type]
        fee_currency=str(p["currency"]),
    )
