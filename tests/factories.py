"""Test data shared by the queue and receipt tests: real JPEG/PNG bytes and applications (fictitious people)."""

from __future__ import annotations

import datetime as dt
import io
import random
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from PIL import Image

from kiosk.card_application import Application, PickupMethod
from kiosk.domain.cases import Case
from kiosk.identity import Identity, IdentitySource

KIOSK = "SH-XH-001"

AppFactory = Callable[..., Application]


def make_jpeg(seed: int, size: int = 48) -> bytes:
    """A real JPEG of noise (noise, so that it does not compress to a few bytes)."""
    rng = random.Random(seed)
    pixels = bytes(rng.randrange(256) for _ in range(size * size * 3))
    buf = io.BytesIO()
    Image.frombytes("RGB", (size, size), pixels).save(buf, "JPEG", quality=90)
    return buf.getvalue()


def make_png(seed: int) -> bytes:
    buf = io.BytesIO()
    Image.new("L", (32, 16), color=seed % 256).save(buf, "PNG")
    return buf.getvalue()


def build_application(number: str, *, seed: int = 1, **overrides: Any) -> Application:
    identity = Identity(
        id_number=overrides.pop("id_number", "11010519491231002X"),
        surname=overrides.pop("surname", "WANG"),
        given_names=overrides.pop("given_names", "FANG"),
        birth_date=dt.date(1949, 12, 31),
        sex="F",
        nationality=overrides.pop("nationality", "CHN"),
        source=IdentitySource.CHIP,
        document_number="E12345678",
        card_expiry=dt.date(2026, 12, 31),
        name_local=overrides.pop("name_local", "王芳"),
    )
    kwargs: dict[str, Any] = dict(
        application_number=number,
        kiosk_id=KIOSK,
        station="Xuhui PSB Hall",
        case=Case.EXPIRING,
        language="zh_CN",
        phone="13800138000",
        pickup_method=PickupMethod.STATION,
        postal_address="",
        portrait_jpeg=make_jpeg(seed),
        signature_png=make_png(seed),
        face_check={"decision": "match", "distance": 0.31, "threshold": 0.5, "method": "dlib-resnet"},
        fee_amount=Decimal("20.00"),
        fee_currency="CNY",
        created_at=dt.datetime(2026, 11, 21, 6, 30, tzinfo=dt.UTC),
    )
    kwargs.update(overrides)
    return Application.create(identity, **kwargs)
