"""LDS files: build/parse round trips, the file table, DG2's 19794-5 record and its fallback."""

from __future__ import annotations

import datetime as dt
import struct

import cv2
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.documents import tlv
from kiosk.documents.errors import DocumentError, MalformedDocument
from kiosk.documents.lds import DataGroup
from kiosk.documents.lds.com import build_com, parse_com
from kiosk.documents.lds.dg1 import build_dg1, parse_dg1
from kiosk.documents.lds.dg11 import build_dg11, parse_dg11
from kiosk.documents.lds.dg2 import build_dg2, parse_dg2
from kiosk.documents.lds.iso19794_5 import build_facial_record

TD1 = (
    "I<UTOD231458907<<<<<<<<<<<<<<<\n"
    "7408122F1204159UTO<<<<<<<<<<<6\n"
    "ERIKSSON<<ANNA<MARIA<<<<<<<<<<"
)
TD3 = (
    "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n"
    "L898902C36UTO7408122F1204159ZE184226B<<<<<10"
)


def jpeg(width: int = 60, height: int = 80) -> bytes:
    image = np.zeros((height, width, 3), np.uint8)
    cv2.circle(image, (width // 2, height // 2), min(width, height) // 3, (40, 160, 220), -1)
    ok, encoded = cv2.imencode(".jpg", image)
    assert ok
    return encoded.tobytes()


JPEG = jpeg()


# -- the file table -------------------------------------------------------------------------


def test_data_group_table():
    assert DataGroup.COM.fid == 0x011E and DataGroup.COM.tag == 0x60
    assert DataGroup.SOD.fid == 0x011D and DataGroup.SOD.tag == 0x77
    assert DataGroup.DG2.tag == 0x75 and DataGroup.DG11.tag == 0x6B and DataGroup.DG13.tag == 0x6D
    for n in range(1, 17):
        assert DataGroup[f"DG{n}"].fid == 0x0100 + n
    assert DataGroup.from_tag(0x61) is DataGroup.DG1
    assert DataGroup.from_fid(0x0102) is DataGroup.DG2
    assert DataGroup.from_tag(0x99) is None
    assert len({g.tag for g in DataGroup}) == len({g.fid for g in DataGroup}) == len(DataGroup)


# -- EF.COM -------------------------------------------------------------------------------


def test_com_round_trip():
    com = parse_com(build_com([DataGroup.DG1, DataGroup.DG2, DataGroup.DG11]))
    assert com.lds_version == "0107" and com.unicode_version == "040000"
    assert com.tags == (0x61, 0x75, 0x6B)
    assert com.data_groups == (DataGroup.DG1, DataGroup.DG2, DataGroup.DG11)


def test_com_skips_unknown_tags():
    data = tlv.encode_constructed(0x60, tlv.encode(0x5C, b"\x61\x99\x75"))
    assert parse_com(data).data_groups == (DataGroup.DG1, DataGroup.DG2)


def test_com_needs_its_tag_list():
    with pytest.raises(MalformedDocument):
        parse_com(tlv.encode_constructed(0x60, tlv.encode(0x5F01, b"0107")))


# -- DG1 ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("mrz", "layout", "width"), [(TD1, "TD1", 30), (TD3, "TD3", 44)])
def test_dg1_round_trip(mrz, layout, width):
    data = build_dg1(mrz)
    assert data[:1] == b"\x61"
    dg1 = parse_dg1(data)
    assert dg1.layout == layout
    assert dg1.lines == tuple(mrz.split("\n"))
    assert all(len(line) == width for line in dg1.lines)


@pytest.mark.parametrize("bad", [b"X" * 89, b"I<UTO" + b"a" * 85, b"\xff" * 90])
def test_dg1_refuses_what_is_no_mrz(bad):
    with pytest.raises(MalformedDocument):
        parse_dg1(tlv.encode_constructed(0x61, tlv.encode(0x5F1F, bad)))


def test_dg1_wrong_file_tag():
    with pytest.raises(MalformedDocument):
        parse_dg1(tlv.encode_constructed(0x75, tlv.encode(0x5F1F, TD1.replace("\n", "").encode())))


# -- DG2 ----------------------------------------------------------------------------------


def test_dg2_round_trip():
    face = parse_dg2(build_dg2(JPEG, 60, 80, sex="F"))
    assert face.data == JPEG
    assert face.mime == "image/jpeg"
    assert (face.width, face.height) == (60, 80)
    assert face.warning == ""
    assert cv2.imdecode(np.frombuffer(face.data, np.uint8), cv2.IMREAD_COLOR).shape == (80, 60, 3)


def test_dg2_jpeg2000():
    ok, jp2 = cv2.imencode(".jp2", np.full((128, 96, 3), 90, np.uint8))
    assert ok
    face = parse_dg2(build_dg2(jp2.tobytes(), 96, 128, mime="image/jp2"))
    assert face.mime == "image/jp2" and face.data == jp2.tobytes() and face.warning == ""


def test_dg2_structure_is_icao():
    root = tlv.decode(build_dg2(JPEG, 60, 80))
    group = root.require(0x7F61)
    assert group.require(0x02).value == b"\x01"
    template = group.require(0x7F60)
    header = template.require(0xA1)
    assert header.require(0x81).value == b"\x02"  # facial features
    record = template.require(0x5F2E).value
    assert record[:8] == b"FAC\x00010\x00"
    assert struct.unpack(">I", record[8:12])[0] == len(record)


def test_dg2_skips_feature_points():
    record = bytearray(build_facial_record(JPEG, 60, 80))
    # Declare two feature points and insert their 16 bytes after the facial information.
    struct.pack_into(">H", record, 18, 2)
    record[34:34] = b"\x01" * 16
    struct.pack_into(">I", record, 8, len(record))
    struct.pack_into(">I", record, 14, struct.unpack_from(">I", record, 14)[0] + 16)
    face = parse_dg2(_dg2_with_block(0x5F2E, bytes(record)))
    assert face.data == JPEG and face.warning == ""


def _dg2_with_block(tag: int, block: bytes) -> bytes:
    template = tlv.encode_constructed(0x7F60, tlv.encode_constructed(0xA1, tlv.encode(0x81, b"\x02")), tlv.encode(tag, block))
    return tlv.encode_constructed(0x75, tlv.encode_constructed(0x7F61, tlv.encode(0x02, b"\x01"), template))


@pytest.mark.parametrize(
    "damage",
    [
        lambda r: b"XXX\x00" + r[4:],                                   # magic
        lambda r: r[:4] + b"030\x00" + r[8:],                            # version
        lambda r: r[:8] + struct.pack(">I", 10**6) + r[12:],             # record length
        lambda r: r[:14] + struct.pack(">I", 10**6) + r[18:],            # facial data length
        lambda r: r[:35] + b"\x01" + r[36:],                             # JPEG declared as JP2
        lambda r: r[:12] + b"\x00\x00" + r[14:],                         # no images
    ],
)
def test_dg2_malformed_record_falls_back_to_the_signature(damage):
    record = build_facial_record(JPEG, 60, 80)
    face = parse_dg2(_dg2_with_block(0x5F2E, damage(record)))
    assert face.data.startswith(JPEG)
    assert face.mime == "image/jpeg"
    assert (face.width, face.height) == (60, 80)  # from the JPEG's own header
    assert "19794-5" in face.warning


def test_dg2_block_in_7f2e():
    face = parse_dg2(_dg2_with_block(0x7F2E, b"junk" + JPEG))
    assert face.data == JPEG and face.warning


def test_dg2_without_image_is_malformed():
    with pytest.raises(MalformedDocument):
        parse_dg2(_dg2_with_block(0x5F2E, b"FAC\x00 nothing here"))


def test_dg2_without_data_block_is_malformed():
    data = tlv.encode_constructed(0x75, tlv.encode_constructed(0x7F61, tlv.encode(0x02, b"\x01")))
    with pytest.raises(MalformedDocument):
        parse_dg2(data)


# -- DG11 ---------------------------------------------------------------------------------


def test_dg11_round_trip():
    data = build_dg11("王芳", "110105198403120488", dt.date(1984, 3, 12), "北京")
    dg11 = parse_dg11(data)
    assert dg11.full_name == "王芳" and dg11.full_name_text == "王芳"
    assert dg11.personal_number == "110105198403120488"
    assert dg11.full_date_of_birth == dt.date(1984, 3, 12)
    assert dg11.place_of_birth == "北京"
    assert dg11.other == {}
    root = tlv.decode(data)
    assert tlv.split_tags(root.require(0x5C).value) == (0x5F0E, 0x5F10, 0x5F2B, 0x5F11)


def test_dg11_repr_hides_personal_data():
    assert "王芳" not in repr(parse_dg11(build_dg11("王芳", "110105198403120488")))


def test_dg11_icao_name_format():
    assert parse_dg11(build_dg11("NGUYEN<<THI<LAN")).full_name_text == "NGUYEN THI LAN"


def test_dg11_bcd_and_partial_dates():
    bcd = tlv.encode_constructed(0x6B, tlv.encode(0x5F2B, bytes.fromhex("19840312")))
    assert parse_dg11(bcd).full_date_of_birth == dt.date(1984, 3, 12)
    partial = tlv.encode_constructed(0x6B, tlv.encode(0x5F2B, b"19840000"))
    parsed = parse_dg11(partial)
    assert parsed.full_date_of_birth is None and parsed.full_date_of_birth_text == "19840000"


@pytest.mark.parametrize(
    "field",
    [tlv.encode(0x5F0E, b"\xff\xfe"), tlv.encode(0x5F2B, b"1984031"), tlv.encode(0x5F2B, b"1984O312")],
)
def test_dg11_malformed_fields(field):
    with pytest.raises(MalformedDocument):
        parse_dg11(tlv.encode_constructed(0x6B, field))


def test_dg11_keeps_unknown_fields():
    data = tlv.encode_constructed(0x6B, tlv.encode(0x5F12, b"+84 24 000"))
    assert parse_dg11(data).other == {0x5F12: b"+84 24 000"}


# -- fuzz: parsers raise DocumentError or nothing ------------------------------------------

VALID = {
    "com": (parse_com, build_com([DataGroup.DG1, DataGroup.DG2])),
    "dg1": (parse_dg1, build_dg1(TD1)),
    "dg2": (parse_dg2, build_dg2(JPEG, 60, 80)),
    "dg11": (parse_dg11, build_dg11("王芳", "110105198403120488", dt.date(1984, 3, 12), "北京")),
}
PARSERS = [parse_com, parse_dg1, parse_dg2, parse_dg11]


@settings(max_examples=300)
@given(data=st.binary(max_size=200))
def test_parsers_on_random_bytes(data):
    for parse in PARSERS:
        try:
            parse(data)
        except DocumentError:
            pass


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(
    name=st.sampled_from(sorted(VALID)),
    edits=st.lists(st.tuples(st.integers(0, 10**6), st.binary(min_size=1, max_size=3)), min_size=1, max_size=4),
    cut=st.one_of(st.none(), st.integers(0, 10**6)),
)
def test_parsers_on_mutated_files(name, edits, cut):
    parse, valid = VALID[name]
    data = bytearray(valid)
    for position, replacement in edits:
        # Bias towards the headers, where mutations are most interesting.
        position %= min(len(data), 80) if position % 2 else len(data)
        data[position : position + len(replacement)] = replacement
    if cut is not None:
        data = data[: cut % (len(data) + 1)]
    try:
        parse(bytes(data))
    except DocumentError:
        pass
