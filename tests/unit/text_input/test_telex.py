"""The Telex engine: what citizens type on the Vietnamese keyboard gives the right letters."""

import pytest

from kiosk.text_input.telex import TelexWord, telex, tone_position


@pytest.mark.parametrize(
    ("keys", "expected"),
    [
        # hats, breve, horn, stroke
        ("aa", "â"), ("ee", "ê"), ("oo", "ô"), ("aw", "ă"), ("ow", "ơ"), ("uw", "ư"), ("dd", "đ"),
        ("w", "ư"), ("tw", "tư"), ("DD", "Đ"), ("Dd", "Đ"),
        # the five tones
        ("as", "á"), ("af", "à"), ("ar", "ả"), ("ax", "ã"), ("aj", "ạ"),
        # z takes the tone away; without a tone it is a letter
        ("asz", "a"), ("z", "z"),
        # typing a modifier twice undoes it and types the letter
        ("aaa", "aa"), ("ass", "as"), ("ddd", "dd"), ("oww", "ow"), ("ww", "w"), ("tww", "tw"),
        # another tone replaces the first
        ("asf", "à"),
        # real words and names (traditional tone placement, as in the region data)
        ("Vieetj", "Việt"), ("Nguyeenx", "Nguyễn"), ("dduwowngf", "đường"), ("dduwowcj", "được"),
        ("Lee", "Lê"), ("Lowji", "Lợi"), ("hoaf", "hòa"), ("Hoaf", "Hòa"), ("thuys", "thúy"),
        ("hoasn", "hoán"), ("ngoaif", "ngoài"), ("quas", "quá"), ("gif", "gì"), ("giaf", "già"),
        ("khuyur", "khuỷu"), ("Phuwowngf", "Phường"), ("Xax", "Xã"), ("Beens", "Bến"),
        ("Thanhf", "Thành"), ("Hoof", "Hồ"), ("Chis", "Chí"), ("Minh", "Minh"), ("Soos", "Số"),
        ("huwu", "hưu"), ("huwux", "hữu"), ("tieengs", "tiếng"), ("tieesng", "tiếng"),
        # the tone may be typed anywhere after the vowel, and moves as the word grows
        ("hoas", "hóa"), ("tuaans", "tuấn"), ("tuasan", "tuấn"),
        # a tone key before any vowel is a letter
        ("sao", "sao"), ("xaa", "xâ"),
    ],
)
def test_word(keys, expected):
    assert telex(keys) == expected


def test_sentence_keeps_words_apart():
    assert telex("Soos 12 dduwowngf Lee Lowji, Phuwowngf Beens Thanhf") == "Số 12 đường Lê Lợi, Phường Bến Thành"


def test_backspace_types_the_word_again_without_the_last_key():
    word = TelexWord()
    for k in "hoas":
        word.feed(k)
    assert word.text == "hóa"
    word.backspace()
    assert word.text == "hoa"
    word.backspace()
    word.backspace()
    word.backspace()
    assert word.text == ""


def test_tone_position_without_vowel():
    assert tone_position(list("ng")) is None


def test_one_key_at_a_time():
    with pytest.raises(ValueError):
        TelexWord().feed("aa")
