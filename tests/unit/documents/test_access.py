"""Access keys: MRZ fields and CAN, never shown; the attempts counter."""

from __future__ import annotations

import threading

import pytest

from kiosk.documents.access import AccessAttempts, CanKey, MrzKey, pace_key_reference


def test_mrz_key_from_fields_and_from_an_mrz_agree():
    import datetime as dt

    from kiosk.domain.mrz import format_td3

    mrz = format_td3(surname="ERIKSSON", given_names="ANNA MARIA", document_number="L898902C3",
                     nationality="UTO", birth_date=dt.date(1974, 8, 12), sex="F",
                     expiry_date=dt.date(2031, 4, 15))
    typed = MrzKey("l898902c3 ", "740812", "310415")
    assert typed == MrzKey.from_mrz(mrz)
    assert typed.mrz_information == b"L898902C3674081223104150"


@pytest.mark.parametrize("fields", [("", "740812", "310415"), ("L89-89", "740812", "310415"),
                                    ("L898902C3", "7408", "310415"), ("L898902C3", "740812", "31O415"),
                                    # other digits than ASCII reached the check-digit code (ValueError
                                    # only when the chip was read, out of `kiosk card read`)
                                    ("L898902C3", "٧٤٠٨١٢", "310415"), ("L898902C3", "740812", "３１０４１５")])
def test_bad_mrz_fields_are_refused(fields):
    with pytest.raises(ValueError):
        MrzKey(*fields)


def test_can_is_digits():
    assert CanKey("123456").can == "123456"
    with pytest.raises(ValueError):
        CanKey("12a456")
    with pytest.raises(ValueError):
        CanKey("١٢٣٤٥٦")


def test_keys_never_show_in_repr():
    for key in (MrzKey("L898902C3", "740812", "310415"), CanKey("123456")):
        assert "L898902C3" not in repr(key) and "123456" not in repr(key) and "740812" not in repr(key)


def test_pace_password_references():
    assert pace_key_reference(MrzKey("L898902C3", "740812", "310415")) == 1
    assert pace_key_reference(CanKey("123456")) == 2


def test_attempts_count_down_and_are_thread_safe():
    attempts = AccessAttempts(50)
    threads = [threading.Thread(target=attempts.record_failure) for _ in range(40)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert (attempts.failures, attempts.remaining, attempts.exhausted) == (40, 10, False)
    for _ in range(12):
        attempts.record_failure()
    assert attempts.remaining == 0 and attempts.exhausted
    attempts.reset()
    assert attempts.remaining == 50
    with pytest.raises(ValueError):
        AccessAttempts(0)
