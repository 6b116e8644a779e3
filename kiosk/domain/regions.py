"""Region tables that ID numbers encode: China's provinces and Viet Nam's birth provinces.

Kept as literal tables (not fetched, not derived) because they are part of the law the
numbers follow and must read the same on every kiosk, offline.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Mapping


@dataclass(frozen=True)
class Province:
    code: str        # as it appears in the number: 2 digits (China) or 3 digits (Viet Nam)
    name_local: str  # official name in Chinese or Vietnamese
    name_en: str     # plain ASCII English name, for receipts and logs that cannot show the script


def _table(rows: tuple[tuple[str, str, str], ...]) -> Mapping[str, Province]:
    return MappingProxyType({code: Province(code, local, en) for code, local, en in rows})


# GB/T 2260 province-level codes: the first two digits of a GB 11643 citizen ID number.
# 34 divisions: 23 provinces (Taiwan included), 5 autonomous regions, 4 municipalities,
# 2 special administrative regions. These prefixes have never been withdrawn (Hainan 46
# dates from 1988, Chongqing 50 from 1997; older numbers keep the 44/51 they were given).
CHINA_PROVINCES: Mapping[str, Province] = _table((
    ("11", "北京市", "Beijing"),
    ("12", "天津市", "Tianjin"),
    ("13", "河北省", "Hebei"),
    ("14", "山西省", "Shanxi"),
    ("15", "内蒙古自治区", "Inner Mongolia"),
    ("21", "辽宁省", "Liaoning"),
    ("22", "吉林省", "Jilin"),
    ("23", "黑龙江省", "Heilongjiang"),
    ("31", "上海市", "Shanghai"),
    ("32", "江苏省", "Jiangsu"),
    ("33", "浙江省", "Zhejiang"),
    ("34", "安徽省", "Anhui"),
    ("35", "福建省", "Fujian"),
    ("36", "江西省", "Jiangxi"),
    ("37", "山东省", "Shandong"),
    ("41", "河南省", "Henan"),
    ("42", "湖北省", "Hubei"),
    ("43", "湖南省", "Hunan"),
    ("44", "广东省", "Guangdong"),
    ("45", "广西壮族自治区", "Guangxi"),
    ("46", "海南省", "Hainan"),
    ("50", "重庆市", "Chongqing"),
    ("51", "四川省", "Sichuan"),
    ("52", "贵州省", "Guizhou"),
    ("53", "云南省", "Yunnan"),
    ("54", "西藏自治区", "Tibet"),
    ("61", "陕西省", "Shaanxi"),
    ("62", "甘肃省", "Gansu"),
    ("63", "青海省", "Qinghai"),
    ("64", "宁夏回族自治区", "Ningxia"),
    ("65", "新疆维吾尔自治区", "Xinjiang"),
    ("71", "台湾省", "Taiwan"),
    ("81", "香港特别行政区", "Hong Kong"),
    ("82", "澳门特别行政区", "Macau"),
))

# Circular 07/2016/TT-BCA, Appendix 1: province codes of birth registration, the first
# three digits of a 12-digit personal identification number. These are the 63 provinces
# as they stood in 2016; the 2025 merger into 34 provinces does not change issued numbers,
# so the old codes stay the ones to decode.
VIETNAM_PROVINCES: Mapping[str, Province] = _table((
    ("001", "Hà Nội", "Ha Noi"),
    ("002", "Hà Giang", "Ha Giang"),
    ("004", "Cao Bằng", "Cao Bang"),
    ("006", "Bắc Kạn", "Bac Kan"),
    ("008", "Tuyên Quang", "Tuyen Quang"),
    ("010", "Lào Cai", "Lao Cai"),
    ("011", "Điện Biên", "Dien Bien"),
    ("012", "Lai Châu", "Lai Chau"),
    ("014", "Sơn La", "Son La"),
    ("015", "Yên Bái", "Yen Bai"),
    ("017", "Hòa Bình", "Hoa Binh"),
    ("019", "Thái Nguyên", "Thai Nguyen"),
    ("020", "Lạng Sơn", "Lang Son"),
    ("022", "Quảng Ninh", "Quang Ninh"),
    ("024", "Bắc Giang", "Bac Giang"),
    ("025", "Phú Thọ", "Phu Tho"),
    ("026", "Vĩnh Phúc", "Vinh Phuc"),
    ("027", "Bắc Ninh", "Bac Ninh"),
    ("030", "Hải Dương", "Hai Duong"),
    ("031", "Hải Phòng", "Hai Phong"),
    ("033", "Hưng Yên", "Hung Yen"),
    ("034", "Thái Bình", "Thai Binh"),
    ("035", "Hà Nam", "Ha Nam"),
    ("036", "Nam Định", "Nam Dinh"),
    ("037", "Ninh Bình", "Ninh Binh"),
    ("038", "Thanh Hóa", "Thanh Hoa"),
    ("040", "Nghệ An", "Nghe An"),
    ("042", "Hà Tĩnh", "Ha Tinh"),
    ("044", "Quảng Bình", "Quang Binh"),
    ("045", "Quảng Trị", "Quang Tri"),
    ("046", "Thừa Thiên Huế", "Thua Thien Hue"),
    ("048", "Đà Nẵng", "Da Nang"),
    ("049", "Quảng Nam", "Quang Nam"),
    ("051", "Quảng Ngãi", "Quang Ngai"),
    ("052", "Bình Định", "Binh Dinh"),
    ("054", "Phú Yên", "Phu Yen"),
    ("056", "Khánh Hòa", "Khanh Hoa"),
    ("058", "Ninh Thuận", "Ninh Thuan"),
    ("060", "Bình Thuận", "Binh Thuan"),
    ("062", "Kon Tum", "Kon Tum"),
    ("064", "Gia Lai", "Gia Lai"),
    ("066", "Đắk Lắk", "Dak Lak"),
    ("067", "Đắk Nông", "Dak Nong"),
    ("068", "Lâm Đồng", "Lam Dong"),
    ("070", "Bình Phước", "Binh Phuoc"),
    ("072", "Tây Ninh", "Tay Ninh"),
    ("074", "Bình Dương", "Binh Duong"),
    ("075", "Đồng Nai", "Dong Nai"),
    ("077", "Bà Rịa - Vũng Tàu", "Ba Ria - Vung Tau"),
    ("079", "Hồ Chí Minh", "Ho Chi Minh City"),
    ("080", "Long An", "Long An"),
    ("082", "Tiền Giang", "Tien Giang"),
    ("083", "Bến Tre", "Ben Tre"),
    ("084", "Trà Vinh", "Tra Vinh"),
    ("086", "Vĩnh Long", "Vinh Long"),
    ("087", "Đồng Tháp", "Dong Thap"),
    ("089", "An Giang", "An Giang"),
    ("091", "Kiên Giang", "Kien Giang"),
    ("092", "Cần Thơ", "Can Tho"),
    ("093", "Hậu Giang", "Hau Giang"),
    ("094", "Sóc Trăng", "Soc Trang"),
    ("095", "Bạc Liêu", "Bac Lieu"),
    ("096", "Cà Mau", "Ca Mau"),
))
