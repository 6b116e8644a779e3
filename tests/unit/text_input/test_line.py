"""The street line editors: what the keyboards type, key by key."""

from kiosk.text_input.line import LatinLine, PinyinLine, TelexLine, editor_for
from kiosk.text_input.pinyin import Candidate


def _type(editor, keys: str):
    for k in keys:
        editor.press(k)
    return editor


def test_telex_line_capitalises_words_and_keeps_them_apart():
    line = _type(TelexLine(), "soos 12 dduwowngf lee lowji")
    assert line.text == "Số 12 Đường Lê Lợi"
    assert line.finish() == "Số 12 Đường Lê Lợi"


def test_telex_backspace_reopens_nothing_but_the_word_being_typed():
    line = _type(TelexLine(), "lowji")
    line.backspace()
    assert line.text == "Lợ"      # the last key (i) is gone, the tone stays
    line.press(" ")
    line.backspace()
    line.backspace()
    assert line.text == "L"       # a finished word is edited letter by letter


class _Lex:
    table = {"tiyuxilu": [Candidate("体育西路", 8), Candidate("体", 2)], "hao": [Candidate("好", 3), Candidate("号", 3)]}

    def candidates(self, letters, limit):
        return self.table.get(letters, [])[:limit]


def test_pinyin_line_takes_the_best_candidate_before_a_digit():
    line = _type(PinyinLine(_Lex()), "tiyuxilu")
    assert line.composing == "tiyuxilu" and line.candidates[0] == "体育西路"
    _type(line, "103hao")
    assert line.candidates == ["好", "号"]
    line.choose(1)
    assert line.text == "体育西路103号" and line.composing == ""


def test_pinyin_space_takes_the_candidate_without_a_space():
    line = _type(PinyinLine(_Lex()), "tiyuxilu ")
    assert line.text == "体育西路"
    line.press(" ")
    assert line.text == "体育西路 "


def test_pinyin_without_candidates_keeps_the_letters():
    line = _type(PinyinLine(_Lex()), "abc")
    assert line.finish() == "abc"


def test_limits_and_no_leading_space():
    line = LatinLine(max_length=5)
    _type(line, " abcdefg")
    assert line.text == "abcde"
    assert editor_for("telex").script == "telex"
