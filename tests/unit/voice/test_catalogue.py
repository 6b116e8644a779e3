"""The prompt catalogue is the translations: every screen and problem text is in it."""

from __future__ import annotations

from kiosk.voice.catalogue import LANGUAGES, fixed_words, load_prompts, normalized
from kiosk.voice.speakable import speakable, spell


def test_every_prompt_has_a_text_in_every_language():
    prompts = load_prompts()
    assert len(prompts) > 100
    lacking = [(p.context, p.source, sorted(set(LANGUAGES) - set(p.texts))) for p in prompts
               if set(p.texts) != set(LANGUAGES)]
    assert lacking == []


def test_keys_are_unique_and_stable():
    prompts = load_prompts()
    assert len({p.key for p in prompts}) == len(prompts)
    assert load_prompts()[0].key == prompts[0].key


def test_templates_are_dynamic_and_their_clip_says_the_fixed_words():
    prompts = {(p.context, p.source): p for p in load_prompts()}
    template = prompts[("Messages", "Your card can be renewed from {date}.")]
    assert template.dynamic
    assert fixed_words(template.texts["en"]) == "Your card can be renewed from ."
    assert normalized(" a\n b ") == "a b"


def test_numbers_are_spelled_in_groups_and_drawn_marks_are_not_read():
    assert spell("KX01-2612", "en") == "K X 0 1, 2 6 1 2"
    assert speakable("☑ I agree", "en") == "I agree"
    assert speakable("You can try 3 more times.", "en") == "You can try 3 more times."
    assert speakable("受理编号：AB-261203-0001X", "zh_CN") == "受理编号：A B，2 6 1 2 0 3，0 0 0 1 X"
