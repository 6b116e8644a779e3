"""Fictitious citizens: numbers that pass the country's rules, names in both forms, and a
chip that reads back as the same person."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from hardware.card_reader.simulated import SimulatedChip
from kiosk.demo.citizens import fictitious_citizen, latin
from kiosk.documents.chip_identity import identity_from_document
from kiosk.documents.passive_auth import PaStatus
from kiosk.documents.reader import read_document
from kiosk.documents.trust import TrustStore
from kiosk.domain.contact import valid_mobile
from kiosk.domain.id_numbers import parse_id_number

TODAY = dt.date(2026, 11, 21)


@pytest.mark.parametrize("country", ["CHN", "VNM"])
def test_numbers_pass_the_rules_and_are_never_given_twice(country):
    rng, taken = random.Random(1), set()
    people = [fictitious_citizen(rng, country, TODAY, taken=taken) for _ in range(300)]
    assert len({p.id_number for p in people}) == 300
    for p in people:
        parsed = parse_id_number(p.id_number, country)      # check characters included
        assert getattr(parsed, "birth_date", p.holder.birth_date).year == p.holder.birth_date.year
        assert valid_mobile(p.phone, country)
        assert p.holder.surname.isascii() and p.holder.surname.isupper()
        if country == "CHN":
            assert not p.holder.name_local.isascii()
        else:
            assert latin(p.holder.name_local) == f"{p.holder.surname} {p.holder.given_names}"


def test_the_same_seed_gives_the_same_people():
    a = [fictitious_citizen(random.Random(7), "VNM", TODAY) for _ in range(3)]
    b = [fictitious_citizen(random.Random(7), "VNM", TODAY) for _ in range(3)]
    assert a == b


def test_ages_and_expiry_are_the_callers():
    p = fictitious_citizen(random.Random(2), "CHN", TODAY, age=12, expires_in_days=200)
    assert 11 <= (TODAY - p.holder.birth_date).days // 365 <= 13
    assert p.card_expiry == TODAY + dt.timedelta(days=200)


def test_latin_forms_of_vietnamese_names():
    assert latin("Nguyễn Thị Ánh") == "NGUYEN THI ANH" and latin("Đặng Đức") == "DANG DUC"


@pytest.mark.parametrize("country", ["CHN", "VNM"])
def test_their_chip_reads_back_as_them_under_the_demo_pki(country):
    from kiosk.demo.specimen import specimen_csca

    p = fictitious_citizen(random.Random(3), country, TODAY)
    trust = TrustStore()
    trust.add(specimen_csca("demo", country))
    document = read_document(SimulatedChip(p.card_files()).connect(), trust=trust)
    assert document.passive_auth.status is PaStatus.PASSED
    identity = identity_from_document(document, country)
    assert (identity.id_number, identity.surname, identity.given_names, identity.name_local) == (
        p.id_number, p.holder.surname, p.holder.given_names, p.holder.name_local)
    assert identity.card_expiry == p.card_expiry and identity.birth_date == p.holder.birth_date
    assert p.office_record().id_number == p.id_number
