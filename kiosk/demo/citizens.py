"""Fictitious citizens for a simulated day (`kiosk simulate`) and the tests built on it.

Each has a name in the forms a kiosk meets it (Latin capitals as the MRZ writes them,
and the national script: 王秀兰, Nguyễn Thị Lan), an ID number that passes the country's
rules (China's with its check character), a card number, a mobile number of the
country's form, an address in the citizen's script, and a card that expires when the
simulation wants it to. Pure functions of a `random.Random`: the same seed gives the
same people. All of it is listed by `identity_strings`, so a test can search every file
the kiosk wrote for every one of them.
"""

from __future__ import annotations

import datetime as dt
import random
import unicodedata
from dataclasses import dataclass

from kiosk.demo.specimen import CardHolder, make_card_files, specimen_portrait, OFFICE_PHOTO_SIZE
from kiosk.domain.chinese_id import make_chinese_id
from kiosk.domain.vietnam_id import make_vietnam_id
from kiosk.identity import Identity, IdentitySource

CHINESE_SURNAMES = (
    ("WANG", "王"), ("LI", "李"), ("ZHANG", "张"), ("LIU", "刘"), ("CHEN", "陈"), ("YANG", "杨"),
    ("HUANG", "黄"), ("ZHAO", "赵"), ("WU", "吴"), ("ZHOU", "周"), ("XU", "徐"), ("SUN", "孙"),
    ("MA", "马"), ("ZHU", "朱"), ("HU", "胡"), ("GUO", "郭"), ("HE", "何"), ("LIN", "林"),
    ("GAO", "高"), ("LUO", "罗"), ("ZHENG", "郑"), ("LIANG", "梁"), ("XIE", "谢"), ("TANG", "唐"),
)
CHINESE_GIVEN = (
    ("XIULAN", "秀兰"), ("JIANGUO", "建国"), ("HAIYAN", "海燕"), ("ZHIQIANG", "志强"), ("MINGHUI", "明辉"),
    ("LIHUA", "丽华"), ("YUTING", "雨婷"), ("HAORAN", "浩然"), ("SIYU", "思雨"), ("WENJIE", "文杰"),
    ("JIAYI", "佳怡"), ("ZIHAN", "子涵"), ("JUN", "军"), ("MIN", "敏"), ("JING", "静"), ("LEI", "磊"),
    ("YAN", "燕"), ("QIANG", "强"), ("XIN", "欣"), ("TAO", "涛"), ("GUILAN", "桂兰"), ("DEMING", "德明"),
    ("SHUFEN", "淑芬"), ("ZIXUAN", "梓轩"),
)
# (region code of the number, birthplace, street of the address): fictitious house numbers.
CHINESE_PLACES = (
    ("110105", "北京", "北京市朝阳区建国路"), ("310104", "上海", "上海市徐汇区漕溪北路"),
    ("440104", "广州", "广州市越秀区中山五路"), ("330106", "杭州", "杭州市西湖区文三路"),
    ("510107", "成都", "成都市武侯区人民南路"), ("420106", "武汉", "武汉市武昌区中南路"),
    ("320102", "南京", "南京市玄武区中山路"), ("610113", "西安", "西安市雁塔区长安南路"),
)
VIETNAMESE_FAMILY = (
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
    "Hồ", "Ngô", "Dương", "Lý",
)
VIETNAMESE_MIDDLE = {"F": ("Thị", "Ngọc", "Thu", "Minh", "Thanh"), "M": ("Văn", "Hữu", "Đức", "Minh", "Quang")}
VIETNAMESE_GIVEN = {
    "F": ("Lan", "Hoa", "Hương", "Mai", "Linh", "Trang", "Thảo", "Phương", "Yến", "Hạnh", "Vy", "Ánh"),
    "M": ("Bình", "Cường", "Dũng", "Hải", "Hùng", "Khánh", "Long", "Nam", "Quân", "Sơn", "Tuấn", "Đạt"),
}
# (province code of the number, birthplace, district and city of the address)
VIETNAMESE_PLACES = (
    ("001", "Hà Nội", "Quận Đống Đa, Hà Nội"), ("079", "Hồ Chí Minh", "Quận 3, Thành phố Hồ Chí Minh"),
    ("031", "Hải Phòng", "Quận Lê Chân, Hải Phòng"), ("048", "Đà Nẵng", "Quận Hải Châu, Đà Nẵng"),
    ("092", "Cần Thơ", "Quận Ninh Kiều, Cần Thơ"), ("046", "Thừa Thiên Huế", "Thành phố Huế, Thừa Thiên Huế"),
)
VIETNAMESE_STREETS = ("Phố Huế", "Đường Lê Lợi", "Đường Trần Phú", "Phố Hàng Bạc", "Đường Nguyễn Trãi")


@dataclass(frozen=True)
class Citizen:
    """A fictitious person with a card (`holder`) and what they type at the kiosk."""

    holder: CardHolder
    card_expiry: dt.date
    phone: str
    postal_address: str          # where the new card is posted, in the citizen's script

    @property
    def id_number(self) -> str:
        return self.holder.id_number

    def card_files(self) -> dict[int, bytes]:
        """Their card's chip files (signed by the demo PKI, with the specimen's portrait)."""
        return make_card_files(self.holder, self.card_expiry)

    def office_record(self) -> Identity:
        """What the demo office answers for their typed number (a lost card)."""
        h = self.holder
        return Identity(
            id_number=h.id_number, surname=h.surname, given_names=h.given_names, birth_date=h.birth_date,
            sex=h.sex, nationality=h.country, source=IdentitySource.TYPED_NUMBER,
            document_number=h.document_number, card_expiry=self.card_expiry, name_local=h.name_local,
            reference_photo=specimen_portrait(OFFICE_PHOTO_SIZE),
        )

    def identity_strings(self) -> dict[str, str]:
        """Everything that identifies them, in every form it could be written, for leak
        searches: the Latin name as printed and as the MRZ writes it, the name in script,
        the ID and card numbers, the phone number, the addresses."""
        h = self.holder
        return {
            "name": f"{h.surname} {h.given_names}",
            "name_mrz": f"{h.surname}<<{h.given_names.replace(' ', '<')}",
            "name_local": h.name_local,
            "id_number": h.id_number,
            "document_number": h.document_number,
            "phone": self.phone,
            "postal_address": self.postal_address,
            "home_address": h.address,
        }


def fictitious_citizen(rng: random.Random, country: str, today: dt.date, *, age: int | None = None,
                       expires_in_days: int | None = None, taken: set[str] | None = None) -> Citizen:
    """A new fictitious citizen of `country` ("CHN" or "VNM"). `age` (default 18 to 85)
    and `expires_in_days` (default within the renewal window) shape their eligibility;
    ID numbers in `taken` are not given again (and the new one is added)."""
    country = country.upper()
    if country not in ("CHN", "VNM"):
        raise ValueError(f"no fictitious citizens of {country!r} (use 'CHN' or 'VNM')")
    age = rng.randint(18, 85) if age is None else age
    birth = today.replace(year=today.year - age, month=1, day=1) - dt.timedelta(days=rng.randrange(365))
    birth = max(birth, dt.date(1901, 1, 1))
    sex = rng.choice("FM")
    expiry = today + dt.timedelta(days=rng.randint(-60, 85) if expires_in_days is None else expires_in_days)
    taken = taken if taken is not None else set()
    for _ in range(1000):
        holder = (_chinese if country == "CHN" else _vietnamese)(rng, birth, sex)
        if holder.id_number not in taken:
            break
    else:  # pragma: no cover - a million numbers a day would be a strange simulation
        raise RuntimeError("ran out of fictitious ID numbers")
    taken.add(holder.id_number)
    if country == "CHN":
        phone = f"1{rng.choice('3456789')}{rng.randrange(10**9):09d}"
        region = next(p for p in CHINESE_PLACES if p[0] == holder.id_number[:6])
        postal = f"{region[2]}{rng.randint(1, 999)}号{rng.randint(1, 30)}{rng.randint(1, 4):02d}室"
    else:
        phone = f"0{rng.choice('35789')}{rng.randrange(10**8):08d}"
        postal = holder.address
    return Citizen(holder=holder, card_expiry=expiry, phone=phone, postal_address=postal)


def _chinese(rng: random.Random, birth: dt.date, sex: str) -> CardHolder:
    surname, surname_local = rng.choice(CHINESE_SURNAMES)
    given, given_local = rng.choice(CHINESE_GIVEN)
    region, birthplace, _ = rng.choice(CHINESE_PLACES)
    sequence = rng.randrange(500) * 2 + (1 if sex == "M" else 0)   # odd for men, even for women
    return CardHolder(
        country="CHN", surname=surname, given_names=given, name_local=surname_local + given_local,
        id_number=make_chinese_id(region, birth, sequence),
        document_number=f"{rng.choice('CEG')}{rng.randrange(10**8):08d}",
        birth_date=birth, sex=sex, place_of_birth=birthplace,
    )


def _vietnamese(rng: random.Random, birth: dt.date, sex: str) -> CardHolder:
    family = rng.choice(VIETNAMESE_FAMILY)
    middle = rng.choice(VIETNAMESE_MIDDLE[sex])
    given = rng.choice(VIETNAMESE_GIVEN[sex])
    province, birthplace, district = rng.choice(VIETNAMESE_PLACES)
    id_number = make_vietnam_id(province, birth.year, sex, rng.randrange(10**6))
    address = f"Số {rng.randint(1, 299)} {rng.choice(VIETNAMESE_STREETS)}, {district}"
    return CardHolder(
        country="VNM", surname=latin(family), given_names=f"{latin(middle)} {latin(given)}",
        name_local=f"{family} {middle} {given}", id_number=id_number,
        document_number=id_number[3:], mrz_optional_data=id_number,
        birth_date=birth, sex=sex, place_of_birth=birthplace, address=address,
    )


def latin(name: str) -> str:
    """A Vietnamese name as an MRZ writes it: capitals without diacritics (Đ as D)."""
    name = name.replace("Đ", "D").replace("đ", "d")
    stripped = "".join(c for c in unicodedata.normalize("NFD", name) if not unicodedata.combining(c))
    return stripped.upper()
