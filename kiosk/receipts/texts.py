"""The receipt's words in every kiosk language: a small catalog, on purpose.

The receipt is rendered by the Qt-free core (`kiosk/` may not import Qt, and receipts
are also rendered by tests, the CLI and the ESC/POS path), so Qt's translator and the
`.ts/.qm` files of the UI cannot be used here. The receipt needs a few dozen strings;
a plain dict keeps them reviewable in one screen per language, and a test checks that
every language has every key.

Languages are the UI's codes: 'zh_CN', 'en', 'vi'. Dates and money are formatted by
`kiosk.receipts.model` using the patterns below.
"""

from __future__ import annotations

import datetime as dt

from kiosk.card_application import PickupMethod
from kiosk.domain.cases import Case

LANGUAGES: tuple[str, ...] = ("zh_CN", "en", "vi")

LABELS: dict[str, dict[str, str]] = {
    "zh_CN": {
        "title": "居民身份证申领回执",
        "application_number": "受理编号",
        "scan_to_verify": "扫描二维码核验本回执",
        "name": "姓名",
        "id_number": "身份证号码",
        "case": "办理业务",
        "submitted": "申请时间",
        "fee": "费用",
        "free": "免费",
        "payment": "付款",
        "paid_reference": "已付款，凭证号 {reference}",
        "pickup": "领取方式",
        "address": "邮寄地址",
        "bring_station": "领取时请携带",
        "bring_post": "签收时请准备",
        "kiosk": "自助机编号",
        "station": "受理单位",
        "keep": "请妥善保管本回执。",
        "datetime_format": "%Y年%m月%d日 %H:%M",
    },
    "en": {
        "title": "ID card application receipt",
        "application_number": "Application number",
        "scan_to_verify": "Scan to verify this receipt",
        "name": "Name",
        "id_number": "ID number",
        "case": "Service",
        "submitted": "Submitted",
        "fee": "Fee",
        "free": "Free",
        "payment": "Payment",
        "paid_reference": "Paid, reference {reference}",
        "pickup": "Pick-up",
        "address": "Delivery address",
        "bring_station": "Bring when you collect your card",
        "bring_post": "Have ready when the card is delivered",
        "kiosk": "Kiosk",
        "station": "Station",
        "keep": "Please keep this receipt.",
        "datetime_format": "%Y-%m-%d %H:%M",
    },
    "vi": {
        "title": "Biên nhận hồ sơ cấp thẻ căn cước",
        "application_number": "Số hồ sơ",
        "scan_to_verify": "Quét mã QR để xác minh biên nhận",
        "name": "Họ và tên",
        "id_number": "Số định danh cá nhân",
        "case": "Thủ tục",
        "submitted": "Thời gian nộp",
        "fee": "Lệ phí",
        "free": "Miễn phí",
        "payment": "Thanh toán",
        "paid_reference": "Đã thanh toán, mã {reference}",
        "pickup": "Hình thức nhận thẻ",
        "address": "Địa chỉ nhận thẻ",
        "bring_station": "Khi đến nhận thẻ, vui lòng mang theo",
        "bring_post": "Khi nhận thẻ qua bưu điện, vui lòng chuẩn bị",
        "kiosk": "Máy tự phục vụ",
        "station": "Nơi tiếp nhận",
        "keep": "Vui lòng giữ lại biên nhận này.",
        "datetime_format": "%H:%M, ngày %d/%m/%Y",
    },
}

CASE_NAMES: dict[str, dict[Case, str]] = {
    "zh_CN": {
        Case.EXPIRING: "有效期满换领",
        Case.DAMAGED: "损坏换领",
        Case.LOST: "丢失补领",
    },
    "en": {
        Case.EXPIRING: "Renewal (card expiring or expired)",
        Case.DAMAGED: "Replacement of a damaged card",
        Case.LOST: "Replacement of a lost card",
    },
    "vi": {
        Case.EXPIRING: "Cấp đổi thẻ do hết hạn",
        Case.DAMAGED: "Cấp đổi thẻ do bị hư hỏng",
        Case.LOST: "Cấp lại thẻ do bị mất",
    },
}

PICKUP_NAMES: dict[str, dict[PickupMethod, str]] = {
    "zh_CN": {
        PickupMethod.STATION: "到受理单位领取",
        PickupMethod.POST: "邮寄送达",
    },
    "en": {
        PickupMethod.STATION: "Collect at the station",
        PickupMethod.POST: "Delivery by post",
    },
    "vi": {
        PickupMethod.STATION: "Nhận tại nơi tiếp nhận hồ sơ",
        PickupMethod.POST: "Nhận qua đường bưu điện",
    },
}

# Items of the "what to bring" list; which ones apply is decided in `what_to_bring`.
BRING_ITEMS: dict[str, dict[str, str]] = {
    "zh_CN": {
        "receipt": "本回执",
        "current_card": "原居民身份证（领取新证时交回）",
        "damaged_card": "损坏的原身份证（领取新证时交回）",
        "other_photo_id": "其他带照片的有效证件（如有，例如护照、驾驶证）",
        "sign_in_person": "须本人签收",
    },
    "en": {
        "receipt": "This receipt",
        "current_card": "Your current ID card (handed in when you collect the new one)",
        "damaged_card": "The damaged card (handed in when you collect the new one)",
        "other_photo_id": "Another photo ID (passport, driving licence), if you have one",
        "sign_in_person": "Sign for the delivery in person",
    },
    "vi": {
        "receipt": "Biên nhận này",
        "current_card": "Thẻ căn cước hiện tại (nộp lại khi nhận thẻ mới)",
        "damaged_card": "Thẻ bị hư hỏng (nộp lại khi nhận thẻ mới)",
        "other_photo_id": "Giấy tờ tùy thân khác có ảnh (hộ chiếu, giấy phép lái xe), nếu có",
        "sign_in_person": "Người nhận phải trực tiếp ký nhận",
    },
}


def check_language(lang: str) -> str:
    if lang not in LABELS:
        raise ValueError(f"no receipt texts for language {lang!r}; known: {', '.join(LANGUAGES)}")
    return lang


def label(lang: str, key: str) -> str:
    return LABELS[check_language(lang)][key]


def case_name(case: Case, lang: str) -> str:
    return CASE_NAMES[check_language(lang)][Case(case)]


def pickup_name(method: PickupMethod, lang: str) -> str:
    return PICKUP_NAMES[check_language(lang)][PickupMethod(method)]


def what_to_bring(case: Case, method: PickupMethod, lang: str) -> tuple[str, ...]:
    items = BRING_ITEMS[check_language(lang)]
    keys = ["receipt"]
    if PickupMethod(method) is PickupMethod.POST:
        keys.append("sign_in_person")
    else:
        keys.append(
            {
                Case.EXPIRING: "current_card",
                Case.DAMAGED: "damaged_card",
                Case.LOST: "other_photo_id",
            }[Case(case)]
        )
    return tuple(items[k] for k in keys)


def bring_heading(method: PickupMethod, lang: str) -> str:
    key = "bring_post" if PickupMethod(method) is PickupMethod.POST else "bring_station"
    return label(lang, key)


# When and where the new card can be had. The statutory processing time is the caller's
# business; these only word it.
_PICKUP_INFO: dict[str, dict[str, str]] = {
    "zh_CN": {"station": "{date}起，{station}", "post": "预计{date}前后寄达", "date": "%Y年%m月%d日"},
    "en": {"station": "From {date} at {station}", "post": "Expected around {date}", "date": "%Y-%m-%d"},
    "vi": {"station": "Từ ngày {date}, tại {station}", "post": "Dự kiến khoảng ngày {date}", "date": "%d/%m/%Y"},
}


def pickup_info(method: PickupMethod, ready: "dt.date", station: str, lang: str) -> str:
    """One line for the receipt: from when (and where) the citizen gets the new card."""
    texts = _PICKUP_INFO[check_language(lang)]
    day = ready.strftime(texts["date"])
    return texts[PickupMethod(method).value].format(date=day, station=station)
