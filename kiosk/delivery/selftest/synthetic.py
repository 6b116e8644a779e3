"""Fictitious applications for the technician's self-test, the crash test and the benchmark.

Names come from common Chinese surnames and given names, ID numbers are valid (correct
check character) but generated, photos are real JPEG files of random texture at the
size of a finished ID portrait (358x441 px, about 57 KB, like the kiosk's own). All of it
is listed in the self-test's output, so a technician can search the kiosk's disk for it.
"""

from __future__ import annotations

import datetime as dt
import io
import random
from dataclasses import dataclass
from decimal import Decimal

from PIL import Image, ImageDraw

from kiosk.card_application import Application, PickupMethod
from kiosk.domain.cases import Case
from kiosk.domain.chinese_id import make_chinese_id

SURNAMES = (
    ("ZHAO", "赵"), ("QIAN", "钱"), ("SUN", "孙"), ("ZHOU", "周"), ("WU", "吴"), ("ZHENG", "郑"),
    ("FENG", "冯"), ("CHEN", "陈"), ("JIANG", "蒋"), ("SHEN", "沈"), ("HAN", "韩"), ("YANG", "杨"),
)
GIVEN_NAMES = (
    ("JIANGUO", "建国"), ("XIULAN", "秀兰"), ("HAIYAN", "海燕"), ("ZHIQIANG", "志强"),
    ("MINGHUI", "明辉"), ("LIHUA", "丽华"), ("YUTING", "雨婷"), ("HAORAN", "浩然"),
    ("SIYU", "思雨"), ("WENJIE", "文杰"), ("JIAYI", "佳怡"), ("ZIHAN", "子涵"),
)
REGION_CODES = ("110105", "310104", "440106", "330106", "510107", "420106")
PORTRAIT_SIZE = (358, 441)


@dataclass(frozen=True)
class SyntheticPerson:
    surname: str
    given_names: str
    name_local: str
    id_number: str
    birth_date: dt.date
    sex: str
    phone: str

    def as_dict(self) -> dict[str, str]:
        return {
            "name": f"{self.surname} {self.given_names}",
            "name_local": self.name_local,
            "id_number": self.id_number,
            "phone": self.phone,
        }


def synthetic_person(rng: random.Random) -> SyntheticPerson:
    surname, surname_local = rng.choice(SURNAMES)
    given, given_local = rng.choice(GIVEN_NAMES)
    birth = dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(55 * 365))
    sequence = rng.randrange(1000)
    return SyntheticPerson(
        surname=surname,
        given_names=given,
        name_local=surname_local + given_local,
        id_number=make_chinese_id(rng.choice(REGION_CODES), birth, sequence),
        birth_date=birth,
        sex="M" if sequence % 2 else "F",
        phone="139" + "".join(str(rng.randrange(10)) for _ in range(8)),
    )


def synthetic_portrait(rng: random.Random, size: tuple[int, int] = PORTRAIT_SIZE) -> bytes:
    """A real JPEG: a random coarse texture scaled up (compresses like a photo, not like noise)."""
    w, h = max(size[0] // 4, 1), max(size[1] // 4, 1)
    small = Image.frombytes("RGB", (w, h), rng.randbytes(w * h * 3))
    buf = io.BytesIO()
    small.resize(size, Image.Resampling.BICUBIC).save(buf, "JPEG", quality=80)
    return buf.getvalue()


def synthetic_signature(rng: random.Random) -> bytes:
    img = Image.new("L", (400, 120), 255)
    draw = ImageDraw.Draw(img)
    points = [(20 + i * 36, 60 + rng.randint(-40, 40)) for i in range(11)]
    draw.line(points, fill=0, width=3)
    buf = io.BytesIO()
    img.save(buf, "PNG")
    return buf.getvalue()


def synthetic_application(
    number: str,
    kiosk_id: str,
    rng: random.Random,
    *,
    person: SyntheticPerson | None = None,
    station: str = "Self-test",
    created_at: dt.datetime | None = None,
    portrait_size: tuple[int, int] = PORTRAIT_SIZE,
) -> Application:
    p = person or synthetic_person(rng)
    return Application(
        application_id=rng.randbytes(16).hex(),  # uuid4-shaped, but reproducible with a seed
        application_number=number,
        created_at=created_at or dt.datetime.now(dt.UTC),
        kiosk_id=kiosk_id,
        station=station,
        case=rng.choice(list(Case)),
        language="zh_CN",
        id_number=p.id_number,
        surname=p.surname,
        given_names=p.given_names,
        name_local=p.name_local,
        birth_date=p.birth_date,
        sex=p.sex,
        nationality="CHN",
        document_number="",
        card_expiry=None,
        phone=p.phone,
        pickup_method=PickupMethod.STATION,
        postal_address="",
        portrait_jpeg=synthetic_portrait(rng, portrait_size),
        signature_png=synthetic_signature(rng),
        face_check={"decision": "match", "distance": 0.3, "threshold": 0.5, "method": "synthetic"},
        fee_amount=Decimal("20.00"),
        fee_currency="CNY",
    )
