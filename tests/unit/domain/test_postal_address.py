"""Addresses from the region data packages, in parts, and as the one line an envelope needs."""

import pytest

from kiosk.domain import admin_divisions
from kiosk.domain.postal_address import PostalAddress, Region


def test_china_has_three_levels_from_the_data_package():
    tree = admin_divisions.china()
    provinces = tree.children()
    assert len(provinces) == 34 and provinces[0] == Region("110000", "北京市")
    assert [r.name for r in tree.path("440106")] == ["广东省", "广州市", "天河区"]
    assert tree.levels == 3
    # a county its province governs, and a city without districts, end at the second level
    assert tree.is_leaf("429004") and tree.path("429004")[-1].name == "仙桃市"
    assert tree.is_leaf("441900")


def test_vietnam_has_the_two_levels_of_july_2025():
    tree = admin_divisions.vietnam()
    assert len(tree.children()) == 34 and tree.levels == 2
    hcm = next(r for r in tree.children() if r.name.endswith("Hồ Chí Minh"))
    wards = [r.name for r in tree.children(hcm.code)]
    assert "Phường Bến Thành" in wards
    assert all("  " not in n for n in wards)


def test_complete_means_a_real_chain_down_to_a_leaf():
    tree = admin_divisions.china()
    full = tree.path("440106")
    assert tree.is_complete(full)
    assert not tree.is_complete(full[:2])
    assert not tree.is_complete((full[0], full[1], Region("110105", "朝阳区")))


def test_one_line_in_each_countrys_order():
    cn = PostalAddress("CHN", admin_divisions.china().path("110105"), "建国路 88号")
    assert cn.one_line() == "北京市朝阳区建国路 88号"
    vn_tree = admin_divisions.vietnam()
    hcm = next(r for r in vn_tree.children() if r.name.endswith("Hồ Chí Minh"))
    ward = next(r for r in vn_tree.children(hcm.code) if r.name == "Phường Bến Thành")
    vn = PostalAddress("VNM", (hcm, ward), "  12  Lê Lợi ")
    assert vn.one_line() == "12 Lê Lợi, Phường Bến Thành, Thành phố Hồ Chí Minh"


def test_payload_round_trip_and_nfc():
    decomposed = "Le\u0302\u0301 Lo\u031b\u0323i"
    a = PostalAddress("VNM", (Region("79", "Thành phố Hồ Chí Minh"),), decomposed)
    assert a.street == "Lế Lợi"
    assert PostalAddress.from_payload(a.to_payload()) == a


def test_unknown_country():
    with pytest.raises(ValueError):
        admin_divisions.for_country("FRA")
