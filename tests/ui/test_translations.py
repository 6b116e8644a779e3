"""Every visible string of `ui/` is translated, and every problem code has words.

lupdate is run over the sources into *copies* of the .ts files: a string added to the
code without a translation shows up as unfinished there and fails the test, without the
test touching the real catalogues.
"""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from kiosk.workflow.states import HandoverReason

from kiosk.workflow.problems import PROBLEM_CODES, Problem
from ui import i18n, messages

pytestmark = pytest.mark.ui

TRANSLATED = [lang for lang in i18n.LANGUAGES if lang != i18n.SOURCE_LANGUAGE]
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


@pytest.fixture(scope="module")
def refreshed_ts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("ts")
    copies = {}
    for lang in TRANSLATED:
        source = i18n.TRANSLATIONS_DIR / f"{i18n.CATALOG}_{lang}.ts"
        copies[lang] = Path(shutil.copy(source, folder / source.name))
    i18n.update_sources(ts_paths=list(copies.values()), sources=[i18n.UI_DIR])
    return copies


@pytest.mark.parametrize("lang", TRANSLATED)
def test_no_visible_string_is_left_untranslated(refreshed_ts: dict[str, Path], lang: str) -> None:
    missing = i18n.untranslated_messages(refreshed_ts[lang])
    listing = "\n".join(f"  [{context}] {source!r}" for context, source in missing)
    assert not missing, f"{len(missing)} untranslated message(s) in {lang}:\n{listing}"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_translations_keep_their_placeholders(refreshed_ts: dict[str, Path], lang: str) -> None:
    wrong = []
    for message in ET.parse(refreshed_ts[lang]).getroot().iter("message"):
        source = message.findtext("source", default="")
        translation = message.findtext("translation", default="") or ""
        if sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(translation)):
            wrong.append(f"{source!r} -> {translation!r}")
    assert not wrong, "placeholders differ:\n" + "\n".join(wrong)


def test_every_problem_code_has_a_message_and_a_next_step() -> None:
    assert messages.problem_codes_covered() >= set(PROBLEM_CODES)
    for code in PROBLEM_CODES:
        text = messages.problem_text(Problem(code))
        assert text.message and text.next_step, code


@pytest.mark.parametrize("lang", TRANSLATED)
def test_problem_messages_are_shown_translated(language, lang: str) -> None:
    english = {code: messages.problem_text(Problem(code)) for code in PROBLEM_CODES}
    language(lang)
    for code in PROBLEM_CODES:
        text = messages.problem_text(Problem(code))
        assert text.message != english[code].message, f"{code} is not translated into {lang}"
        assert text.next_step != english[code].next_step, f"{code}'s next step is not translated into {lang}"


def test_wrong_check_character_asks_to_compare_every_digit_not_to_change_the_last() -> None:
    problem = Problem("id_invalid", "", {"reason": "check_character"})
    text = messages.problem_text(problem, "CHN", "110105194912310021")
    assert text.message.startswith("The last character")  # the reason, not a vague "not correct"
    assert "every digit" in text.message and "should be" not in text.message
    length = messages.problem_text(Problem("id_invalid", "", {"reason": "length"}), "CHN", "1234")
    assert "18" in length.message and "4" in length.message


# -- the camera's guidance and the locked chip --------------------------------------------------


def test_every_guidance_code_has_words_in_the_cores_reference_wording() -> None:
    from kiosk.biometrics.guidance import MESSAGES

    assert messages.guidance_codes_covered() >= set(MESSAGES)
    for code, (english, _zh, _vi) in MESSAGES.items():
        assert messages.guidance_source(code) == english, code
        assert messages.guidance_text(code) == english


def test_an_unknown_guidance_code_falls_back_to_the_plainest_instruction() -> None:
    assert messages.guidance_text("a_code_from_a_newer_core") == messages.guidance_text("no_face")


@pytest.mark.parametrize("lang", TRANSLATED)
def test_guidance_is_shown_translated(language, lang: str) -> None:
    from kiosk.biometrics.guidance import MESSAGES

    language(lang)
    for code, (english, chinese, _vi) in MESSAGES.items():
        text = messages.guidance_text(code)
        assert text != english, f"{code} is not translated into {lang}"
        if lang == "zh_CN":
            assert text == chinese, f"{code}: the Chinese differs from the core's reference wording"
        else:
            assert "Ông/Bà" in text or code == "one_person_only", code   # the citizen is addressed


@pytest.mark.parametrize(
    ("remaining", "expected"),
    [("2", "You can try 2 more times."), ("1", "You can try one more time."), ("", ""), ("0", "")],
)
def test_wrong_access_key_says_how_many_tries_are_left(remaining: str, expected: str) -> None:
    text = messages.problem_text(Problem("access_key_wrong", "", {"remaining": remaining}))
    assert text.message == "These details do not open the chip of your card."
    assert text.next_step.startswith("Compare what you typed with your card")
    if expected:
        assert text.next_step.endswith(expected)
    else:
        assert "try" not in text.next_step


def test_wrong_access_key_in_chinese_joins_without_a_space(language) -> None:
    language("zh_CN")
    text = messages.problem_text(Problem("access_key_wrong", "", {"remaining": "2"}))
    assert "。您还可以再试2次。" in text.next_step


@pytest.mark.parametrize("recorded", [*HandoverReason, None], ids=[*(r.value for r in HandoverReason), "none"])
def test_handover_names_why(demo_cfg, recorded) -> None:
    """Every reason the core can name has its own sentence; none recorded reads 'other'."""
    from kiosk.workflow.session import Session

    reason = recorded.value if recorded is not None else "other"
    session = Session(handover_reason=recorded)
    assert messages.handover_reason(session, demo_cfg) == reason
    text = messages.handover_text(reason, messages.handover_tries(reason, demo_cfg))
    assert text.message and text.next_step
    if reason == "not_authentic":
        assert text.message == "We could not confirm that the card's chip is genuine."
    if reason == "access":
        assert str(demo_cfg.devices.card_reader.access_attempts) in text.message


def test_every_out_of_service_reason_has_words_in_each_language(qapp, language) -> None:
    # Issue 11: the staff line of the out-of-service screen showed in English on Chinese
    # and Vietnamese screens; every reason is now a code worded in the screen's language.
    from kiosk.operations.service_control import REASON_CODES

    assert messages.out_of_service_codes_covered() >= set(REASON_CODES)
    english = {code: messages.out_of_service_text(code) for code in REASON_CODES}
    for lang in TRANSLATED:
        language(lang)
        for code in REASON_CODES:
            text = messages.out_of_service_text(code)
            assert text and text != english[code], f"{lang}: {code} is not translated"
    language("en")
    assert messages.out_of_service_text("printer_jammed") == "A device needs attention (printer_jammed)."
