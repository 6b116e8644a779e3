"""A scanned text is told apart as one of the kiosk's four codes, or refused in one line."""

from __future__ import annotations

import pytest

from kiosk.codes.kinds import CodeKind, UnknownCode, classify
from tests.code_images import CCCD_TEXT

PAYLOAD = "IDK1|KIOSK-0001-261121-00190|20261121|KIOSK-0001|expiring|2d2db3f4063b19f5|" + "A" * 86


@pytest.mark.parametrize(
    "text, kind",
    [
        (CCCD_TEXT, CodeKind.CCCD),
        (PAYLOAD, CodeKind.RECEIPT),
        ("https://verify.example.gov.vn/receipt#" + PAYLOAD.replace("|", "%7C"), CodeKind.RECEIPT),
        ("STU-2026-0042", CodeKind.STUDIO_PHOTO),
        ("stu-2026-0042 ", CodeKind.STUDIO_PHOTO),
        ("440300202611210042", CodeKind.STUDIO_PHOTO),
        ("eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJlLXNpZ25hdHVyZQ", CodeKind.EID),
        ("https://eid.example.gov.vn/v/8f1c2e9a7b", CodeKind.EID),
    ],
)
def test_each_kind_is_recognised(text: str, kind: CodeKind) -> None:
    assert classify(text).kind is kind


def test_a_studio_code_is_upper_cased_and_a_receipt_link_keeps_its_page() -> None:
    assert classify("stu-2026-0042").as_dict() == {"kind": "studio_photo", "fields": {"code": "STU-2026-0042"}}
    link = "https://verify.example.gov.vn/receipt#" + PAYLOAD.replace("|", "%7C")
    fields = classify(link).as_dict()["fields"]
    assert fields["application_number"] == "KIOSK-0001-261121-00190" and fields["link"] == link


@pytest.mark.parametrize(
    "text",
    ["", "   ", "hello world", "ab", "\x00\x01\x02", "http://plain.example/#nothing", "Ω" * 40,
     "001199012345|too|few", "IDK1|garbage", "https://verify.example/#IDK1%7Cgarbage"],
)
def test_anything_else_is_refused_in_one_line(text: str) -> None:
    with pytest.raises(UnknownCode) as caught:
        classify(text)
    assert "\n" not in str(caught.value) and len(str(caught.value)) < 200


def test_at_the_eid_step_a_token_shaped_like_a_studio_code_is_the_eid_code() -> None:
    """Issue 16: 24 to 32 letters, digits and hyphens fit both shapes. Where the step asks
    for an e-ID code it is one (as the app showed it, not upper-cased); elsewhere it stays
    a studio code, and nothing else changes kind."""
    from kiosk.codes.kinds import classify_for_eid

    token = "aZ3kQ9-pL2mX7vB4nC8dF1gH"
    assert classify(token).kind is CodeKind.STUDIO_PHOTO
    code = classify_for_eid(token)
    assert code.kind is CodeKind.EID and code.content.token == token
    assert classify_for_eid("20261203004217").kind is CodeKind.STUDIO_PHOTO   # too short for a token
    assert classify_for_eid(CCCD_TEXT).kind is CodeKind.CCCD
    with pytest.raises(UnknownCode):
        classify_for_eid("hello")
