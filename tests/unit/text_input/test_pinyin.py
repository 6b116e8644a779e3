"""The pinyin candidate engine: typed pinyin gives the characters of addresses, common first."""

import pytest

from kiosk.text_input.pinyin import Candidate, PinyinComposition, shared_lexicon


@pytest.fixture(scope="module")
def lexicon():
    return shared_lexicon()


@pytest.mark.parametrize(
    ("letters", "first"),
    [("lu", "路"), ("zhongshanlu", "中山路"), ("renminlu", "人民路"), ("xiaoqu", "小区"),
     ("danyuan", "单元"), ("hutong", "胡同"), ("chaoyangqu", "朝阳区"), ("haidian", "海淀")],
)
def test_common_address_words_come_first(lexicon, letters, first):
    assert lexicon.candidates(letters, 8)[0].text == first


def test_candidates_are_characters_only(lexicon):
    # the engine knows emoji for some words; an address never wants them
    for letters in ("xiaoqu", "haidian", "hao", "jia"):
        for c in lexicon.candidates(letters, 8):
            assert all("\u4e00" <= ch <= "\u9fff" for ch in c.text), c


def test_words_for_leading_syllables_are_offered_too(lexicon):
    # 体育西路 is no dictionary word: 体育 must be offered, then 西路 for the rest
    texts = [c.text for c in lexicon.candidates("tiyuxilu", 8)]
    assert "体育" in texts
    comp = PinyinComposition(lexicon)
    for k in "tiyuxilu":
        comp.feed(k)
    assert comp.choose(texts.index("体育")) == "体育" and comp.letters == "xilu"
    assert comp.candidates()[0].text == "西路"


@pytest.mark.parametrize(("letters", "syllables"), [
    ("jianguolu", ["jian", "guo", "lu"]),       # greedy matching would take "jiang" and fail
    ("xian", ["xian"]), ("xi'an", ["xi", "an"]), ("zhongsh", ["zhong", "sh"]),
])
def test_segmentation(lexicon, letters, syllables):
    from kiosk.text_input.pinyin import segment

    lexicon.preload()
    spans = segment(letters, lexicon._syllables(lexicon._load()))
    assert [letters[a:b] for a, b in spans] == syllables


def test_choosing_a_single_character_leaves_the_rest_to_compose(lexicon):
    comp = PinyinComposition(lexicon)
    for k in "jiefanglu":
        comp.feed(k)
    single = next(i for i, c in enumerate(comp.candidates()) if c.text == "解")
    assert comp.choose(single) == "解"
    assert comp.letters == "fanglu"
    assert comp.candidates()[0].text in ("放路", "方路", "放", "方")


def test_a_word_consumes_its_letters(lexicon):
    comp = PinyinComposition(lexicon)
    for k in "renminlu":
        comp.feed(k)
    assert comp.choose(0) == "人民路"
    assert comp.letters == "" and comp.candidates() == []


class _Broken:
    def candidates(self, letters, limit):
        return []


def test_without_candidates_the_letters_are_kept():
    comp = PinyinComposition(_Broken())
    for k in "abc":
        comp.feed(k)
    assert comp.candidates() == []
    assert comp.flush() == "abc" and comp.letters == ""


def test_only_latin_letters_are_pinyin():
    comp = PinyinComposition(_Broken())
    for bad in ("1", "路", "ab", "é"):
        with pytest.raises(ValueError):
            comp.feed(bad)
    assert Candidate("路", 2).letters == 2
