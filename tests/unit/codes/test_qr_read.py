"""`kiosk qr read`: codes printed at an angle into a photo are found and said what they are;
hostile pictures and hostile codes get one line, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import launcher.cli
from kiosk.codes.decoder import find_codes
from tests.code_images import CCCD_TEXT, barcode_image, code_image, in_photo, photo, write_jpeg
from tests.hostile_images import jpeg_declaring, png_declaring


@pytest.fixture
def kiosk_main(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(launcher.cli, "COMMAND_MODULES", ("launcher.commands.codes",))
    return launcher.cli.main


def _run(main, capsys, *argv: str) -> tuple[int, dict | str, str]:
    code = main(["qr", "read", *argv])
    captured = capsys.readouterr()
    out = json.loads(captured.out) if "--json" in argv and captured.out else captured.out
    return code, out, captured.err


def test_a_cccd_qr_printed_at_an_angle_in_a_photo_gives_its_typed_fields(kiosk_main, capsys, tmp_path: Path) -> None:
    picture = write_jpeg(in_photo(code_image(CCCD_TEXT), photo(), angle=27, width=280, perspective=0.25),
                         tmp_path / "card.jpg")
    code, out, err = _run(kiosk_main, capsys, str(picture), "--json")
    assert (code, err) == (0, "")
    [found] = out["codes"]
    assert found["kind"] == "cccd" and found["valid"] and found["format"] == "QRCode"
    assert found["fields"]["id_number"] == "001199012345"
    assert found["fields"]["name"] == "Nguyễn Thị Hồng Nhung"
    assert found["fields"]["birth_date"] == "1999-03-15"
    assert found["fields"]["issue_date"] == "2021-07-01"


@pytest.mark.parametrize("angle, width, perspective", [(0, 200, 0.0), (90, 240, 0.1), (145, 330, 0.3), (200, 460, 0.2)])
def test_the_decoder_reads_turned_scaled_and_tilted_codes(angle: float, width: int, perspective: float) -> None:
    image = in_photo(code_image(CCCD_TEXT), photo(), angle=angle, width=width, perspective=perspective)
    assert [c.text for c in find_codes(image)] == [CCCD_TEXT]


def test_a_studio_barcode_and_a_receipt_are_told_apart(kiosk_main, capsys, tmp_path: Path) -> None:
    studio = write_jpeg(in_photo(barcode_image("STU-2026-0042"), photo(), angle=8, width=420, perspective=0.1),
                        tmp_path / "studio.jpg")
    code, out, _ = _run(kiosk_main, capsys, str(studio), "--json")
    assert code == 0 and out["codes"][0]["kind"] == "studio_photo"
    assert out["codes"][0]["fields"] == {"code": "STU-2026-0042"}
    payload = "IDK1|KIOSK-0001-261121-00190|20261121|KIOSK-0001|expiring|2d2db3f4063b19f5|" + "A" * 86
    receipt = write_jpeg(in_photo(code_image(payload), photo(), angle=-15, width=320), tmp_path / "receipt.jpg")
    code, out, _ = _run(kiosk_main, capsys, str(receipt), "--json")
    assert code == 0 and out["codes"][0]["kind"] == "receipt"


@pytest.mark.parametrize(
    "text, words",
    [
        (CCCD_TEXT + "|extra", "8"),                                   # wrong field count
        (CCCD_TEXT.replace("15031999", "31021999"), "birth date"),     # no such date
        ("this is no code the kiosk knows", "not a code this kiosk reads"),
    ],
)
def test_a_code_with_garbage_says_why_in_one_line(kiosk_main, capsys, tmp_path: Path, text: str, words: str) -> None:
    picture = write_jpeg(in_photo(code_image(text), photo(), angle=12, width=320), tmp_path / "bad.jpg")
    code, out, err = _run(kiosk_main, capsys, str(picture))
    assert code == 1 and err == ""
    assert out.count("\n") == 1 and words in out and "Nguy" not in out


def test_binary_bytes_in_a_qr_are_refused_in_one_line(kiosk_main, capsys, tmp_path: Path) -> None:
    import io

    import cv2
    import numpy as np
    import segno

    buf = io.BytesIO()
    segno.make_qr(bytes(range(128, 256)), error="m", encoding=None).save(buf, kind="png", scale=6, border=4)
    qr = cv2.imdecode(np.frombuffer(buf.getvalue(), np.uint8), cv2.IMREAD_COLOR)
    picture = write_jpeg(in_photo(qr, photo(), angle=5, width=400, blur=0), tmp_path / "binary.jpg")
    code, out, err = _run(kiosk_main, capsys, str(picture), "--json")
    assert code == 1 and err == ""
    assert out["codes"][0]["valid"] is False


@pytest.mark.parametrize(
    "name, data",
    [
        ("huge.jpg", jpeg_declaring(60_000, 60_000)),
        ("huge.png", png_declaring(20_000, 20_000)),
        ("text.jpg", b"this is not a picture at all\n" * 20),
        ("empty.png", b""),
    ],
)
def test_a_hostile_picture_is_refused_in_one_line(kiosk_main, capsys, tmp_path: Path, name: str, data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    code, out, err = _run(kiosk_main, capsys, str(path), "--json")
    assert code == 2 and out == ""
    assert err.startswith("kiosk qr read: cannot use image") and err.count("\n") == 1


def test_a_photo_without_a_code_says_so(kiosk_main, capsys, tmp_path: Path) -> None:
    code, out, err = _run(kiosk_main, capsys, str(write_jpeg(photo(), tmp_path / "plain.jpg")), "--json")
    assert code == 1 and out["codes"] == [] and "no code found" in out["message"]
