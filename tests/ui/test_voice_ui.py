"""Voice guidance in the real window: what a citizen who turned it on hears.

The synthesizer is a stand-in that records each text (the real espeak-ng is measured in
tests/integration/voice/), the speaker the simulated one. What is checked is what is
said, when, that it can be cut and repeated, and that every fixed text said is one of
the rendered prompts of that language (a screen instruction or problem message without
a prompt fails here).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from hardware.speaker.simulated import SimulatedSpeaker
from hardware.speaker.wav import info
from kiosk.domain.cases import Case
from kiosk.voice.catalogue import load_prompts, normalized
from kiosk.voice.guide import VoiceGuide
from kiosk.voice.speakable import speakable
from kiosk.workflow.clock import ManualClock
from kiosk.workflow.machine import Workflow
from kiosk.workflow.states import State
from launcher.gui import narrate
from launcher.screenshots import draw_signature
from launcher.services import build_services
from tests.conftest import FIXED_NOW
from tests.ui.kiosk_driver import WAIT_MS, KioskDriver as Kiosk, running_kiosk
from tests.voice_helpers import FakeSynth
from ui.main_window import MainWindow
from ui.qt_jobs import QtJobRunner

pytestmark = pytest.mark.ui


class Heard:
    """The guide's synthesizer stand-in: every text, with the state it was said in."""

    def __init__(self) -> None:
        self.synth = FakeSynth()
        self.gate: threading.Event | None = None

    def __call__(self, text: str, lang: str) -> bytes:
        if self.gate is not None:
            self.gate.wait(30)
        return self.synth(text, lang)

    @property
    def texts(self) -> list[str]:
        return [text for _, text in self.synth.asked]


@pytest.fixture
def voiced(qtbot, demo_cfg, session_tmp, kiosk_theme, language) -> Iterator[tuple[Kiosk, VoiceGuide, Heard]]:
    cfg = demo_cfg.model_copy(
        update={"ui": demo_cfg.ui.model_copy(update={"fullscreen": False, "width": 1920, "height": 1080})}
    )
    heard = Heard()
    guide = VoiceGuide(SimulatedSpeaker(speed=0), synthesize=heard, enabled=False, volume=0.6)
    with running_kiosk(qtbot, cfg, before_window=lambda _wf: {"voice": guide}) as (window, workflow):
        narrate(guide, workflow, window)
        yield Kiosk(window, workflow, qtbot, cfg), guide, heard
        guide.close()


def _settle(guide: VoiceGuide) -> None:
    assert guide.wait_idle(WAIT_MS / 1000)


def _prompt_patterns(lang: str) -> tuple[set[str], list[re.Pattern[str]]]:
    fixed, templates = set(), []
    for prompt in load_prompts():
        text = normalized(prompt.texts[lang])
        if prompt.dynamic:
            parts = re.split(r"\{[A-Za-z_]\w*\}", text)
            templates.append(re.compile("^" + "(.+?)".join(re.escape(p) for p in parts) + "$"))
        else:
            fixed.add(text)
    return fixed, templates


def _unprompted(said: list[tuple[str, str]], dynamic: list[str]) -> list[tuple[str, str]]:
    """The (language, text) pairs said that are neither a rendered prompt of their language
    nor a filled template nor one of `dynamic`."""
    missing = []
    for lang, text in said:
        fixed, templates = _prompt_patterns(lang)

        def prompt(piece: str) -> bool:
            return piece in fixed or any(p.match(piece) for p in templates)

        # A message may be two prompts joined (ui.messages.join_sentences): split at
        # sentence ends and find a way to cover the pieces with prompts.
        pieces = [p for p in re.split(r"(?<=[.!?。！？；：])\s*", normalized(text)) if p]
        covered = [True] + [False] * len(pieces)
        for end in range(1, len(pieces) + 1):
            covered[end] = any(covered[start] and prompt(join(pieces[start:end], lang)) for start in range(end))
        if not covered[-1] and text not in dynamic:
            missing.append((lang, text))
    return missing


def join(pieces: list[str], lang: str) -> str:
    return ("" if lang == "zh_CN" else " ").join(pieces)


@pytest.mark.parametrize("lang", ["en", "zh_CN", "vi"])
def test_a_renewal_with_voice_says_every_screen_and_the_receipt(voiced, lang) -> None:
    kiosk, guide, heard = voiced
    wf = kiosk.workflow
    kiosk.tap("toggle_voice")
    _settle(guide)
    assert guide.enabled and heard.texts, "turning the voice on says the welcome screen"

    said_in: dict[State, list[str]] = {}
    mark = [len(heard.texts)]

    def step(state: State) -> None:
        """What was said from the last step until this screen had its say."""
        kiosk.wait_for(state)
        _settle(guide)
        said_in[state] = heard.texts[mark[0]:]
        mark[0] = len(heard.texts)

    kiosk.tap(f"start_{lang}")
    step(State.CASE)
    assert kiosk.window.header.repeat.isVisible() and kiosk.window.header.louder.isVisible()
    kiosk.tap(f"case_{Case.EXPIRING.value}")
    kiosk.give_consent()
    step(State.IDENTIFY)
    kiosk.wait_for(State.ELIGIBILITY)
    step(State.ELIGIBILITY)
    kiosk.tap("eligibility_continue")
    kiosk.wait_for(State.PORTRAIT)
    step(State.PORTRAIT)
    kiosk.tap("portrait_use_0")
    step(State.CONTACT)
    kiosk.type_on("phone_keypad", "13800138000")
    kiosk.tap("pickup_station")
    kiosk.tap("contact_continue")
    step(State.PHONE_CHECK)
    kiosk.pass_phone_check()
    step(State.REVIEW)
    draw_signature(kiosk.find("review_signature"))
    kiosk.tap("review_submit")
    kiosk.pay()
    step(State.RECEIPT)

    for state, texts in said_in.items():
        assert texts, f"nothing said on {state}"
    # Each screen's heading is said (the first instruction a citizen needs).
    for state, name in ((State.CASE, "case_heading"), (State.IDENTIFY, "identify_heading"),
                        (State.CONTACT, "contact_heading"), (State.REVIEW, "review_heading"),
                        (State.RECEIPT, "receipt_heading")):
        assert kiosk.find(name).text() in said_in[state], state

    # The receipt's essentials, the number character by character.
    number = wf.session.application_number
    receipt = wf.session.receipt
    essentials = [f"{receipt.label('application_number')}: {number}",
                  f"{receipt.label('pickup')}: {' '.join(p for p in (receipt.pickup_text, receipt.pickup_info) if p)}"]
    assert [speakable(e, lang) for e in essentials] == said_in[State.RECEIPT][-2:]
    assert " ".join(number.split("-")[-1]) in said_in[State.RECEIPT][-2]

    # Nothing personal is read out on the way (name, ID number, phone).
    holder = wf.session.identity
    for secret in (holder.display_name, holder.id_number, "13800138000", "138 0013 8000"):
        assert not any(secret in text for text in heard.texts), secret

    # Every fixed text said is a rendered prompt of this language.
    assert _unprompted(heard.synth.asked, dynamic=[speakable(e, lang) for e in essentials]) == []


@pytest.mark.parametrize("lang", ["en", "zh_CN", "vi"])
def test_a_problem_is_said_with_its_next_step(voiced, lang) -> None:
    kiosk, guide, heard = voiced
    kiosk.tap("toggle_voice")
    kiosk.tap(f"start_{lang}")
    kiosk.wait_for(State.CASE)
    kiosk.tap(f"case_{Case.LOST.value}")
    kiosk.give_consent()
    kiosk.wait_for(State.IDENTIFY)
    kiosk.type_on("id_keypad", "110105198403120480")     # wrong check character
    _settle(guide)
    kiosk.tap("identify_continue")
    kiosk.qtbot.waitUntil(lambda: kiosk.workflow.session.problem is not None, timeout=WAIT_MS)
    _settle(guide)
    box_texts = [w.text() for w in kiosk.window.current_screen().findChildren(QLabel)
                 if w.objectName() in ("problem_message", "problem_next_step") and w.isVisibleTo(kiosk.window)]
    assert len(box_texts) == 2 and all(box_texts)
    assert heard.texts[-2:] == box_texts
    assert _unprompted(heard.synth.asked[-2:], dynamic=[]) == []


def test_the_idle_warning_is_said_once_and_a_tap_cuts_it(voiced) -> None:
    kiosk, guide, heard = voiced
    guide.speaker.speed = 1.0          # real time: the warning is still playing when tapped
    kiosk.tap("toggle_voice")
    kiosk.tap("start_en")
    kiosk.wait_for(State.CASE)
    wf = kiosk.workflow
    wf.services.monotonic.advance(kiosk.cfg.session.idle_warning_seconds + 1)
    kiosk.qtbot.waitUntil(kiosk.window.idle_overlay.isVisible, timeout=WAIT_MS)
    kiosk.qtbot.waitUntil(lambda: "Are you still there?" in heard.texts, timeout=WAIT_MS)
    # The guide asks for the warning's three sentences one after the other, on its own
    # thread: on a loaded machine the first may be in before the others (seen on two
    # test workers).
    kiosk.qtbot.waitUntil(lambda: len(heard.texts[heard.texts.index("Are you still there?"):]) >= 3,
                          timeout=WAIT_MS)
    warning = heard.texts[heard.texts.index("Are you still there?"):][:3]
    seconds = sum(0.05 * len(t) for t in warning)      # FakeSynth's length for these texts
    # The warning is playing (not only synthesized) when the citizen taps.
    kiosk.qtbot.waitUntil(lambda: guide.speaker.playing is not None
                          and abs(info(guide.speaker.playing).seconds - seconds) < 0.01, timeout=WAIT_MS)
    wf.services.monotonic.advance(1)
    wf.tick()                                         # the countdown moves on: not said again
    assert heard.texts.count("Are you still there?") == 1
    kiosk.qtbot.mouseClick(kiosk.window.idle_overlay.stay_button, Qt.MouseButton.LeftButton)
    _settle(guide)
    assert guide.speaker.played[-1].finished is False


def test_repeat_louder_and_the_next_citizen_gets_the_defaults(voiced) -> None:
    kiosk, guide, heard = voiced
    kiosk.tap("toggle_voice")
    kiosk.tap("start_en")
    kiosk.wait_for(State.CASE)
    _settle(guide)
    case_words = list(guide._last.texts)
    before = len(heard.texts)
    kiosk.tap("header_repeat")
    _settle(guide)
    assert heard.texts[before:] == case_words
    kiosk.tap("header_louder")
    _settle(guide)
    assert guide.volume == 0.8 and guide.speaker.played[-1].volume == 0.8

    kiosk.tap("header_cancel")
    kiosk.tap("confirm_yes")
    kiosk.wait_for(State.GOODBYE)
    wf = kiosk.workflow
    wf.services.monotonic.advance(600)
    kiosk.qtbot.waitUntil(lambda: (wf.tick(), wf.state)[1] is State.WELCOME, timeout=WAIT_MS)
    assert guide.volume == 0.6 and not guide.enabled
    assert not kiosk.find("toggle_voice").isChecked()


def test_speech_never_holds_up_the_screen(voiced) -> None:
    kiosk, guide, heard = voiced
    heard.gate = threading.Event()           # the synthesizer hangs until released
    kiosk.tap("toggle_voice")
    kiosk.tap("start_en")
    kiosk.wait_for(State.CASE)               # the taps went through while speech is stuck
    kiosk.tap(f"case_{Case.EXPIRING.value}")
    kiosk.give_consent()
    kiosk.wait_for(State.IDENTIFY)
    assert guide.speaking
    heard.gate.set()
    _settle(guide)
    assert kiosk.find("identify_heading").text() in heard.texts


def test_the_launcher_attaches_the_voice_late_and_it_takes_the_toggles_choice(
        qtbot, demo_cfg, session_tmp, kiosk_theme, language) -> None:
    """The kiosk builds the voice after the first paint (launcher.gui._Background): a
    citizen who turned it on meanwhile hears the screen as soon as it exists."""
    from hardware.speaker.aplay import AplaySpeaker
    from launcher.gui import attach_voice

    assert isinstance(attach_voice(demo_cfg).speaker, AplaySpeaker)      # the configured default
    cfg = demo_cfg.model_copy(update={"devices": demo_cfg.devices.model_copy(update={
        "speaker": demo_cfg.devices.speaker.model_copy(update={"driver": "simulated", "prompts_dir": "nowhere"})})})
    runner = QtJobRunner()
    services = build_services(cfg, today=FIXED_NOW.date())
    services.monotonic = ManualClock()
    workflow = Workflow(services, runner)
    window = MainWindow(workflow, cfg, fullscreen=False)
    qtbot.addWidget(window)
    window.show()
    kiosk = Kiosk(window, workflow, qtbot, cfg)
    kiosk.tap("toggle_voice")                 # before the voice exists: only the choice is kept
    voice = attach_voice(cfg)
    heard = Heard()
    voice._synthesize = heard
    window.attach_voice(voice)
    narrate(voice, workflow, window)
    try:
        assert voice.enabled
        _settle(voice)
        assert kiosk.find("welcome_title").text() in heard.texts
        kiosk.tap("start_vi")
        kiosk.wait_for(State.CASE)
        _settle(voice)
        assert kiosk.find("case_heading").text() in heard.texts
        assert window.header.repeat.isVisible()
    finally:
        voice.close()
        window.close()
        runner.shutdown()
        services.close()
        services.store.close()


def test_repeat_and_louder_are_pictures_named_in_the_citizens_language(voiced) -> None:
    """Eight worded buttons do not fit the bottom bar in large text: the voice's two are
    loudspeaker pictures, their words kept as accessible names, in the session's language."""
    from PySide6.QtWidgets import QPushButton

    kiosk, guide, heard = voiced
    kiosk.tap("toggle_voice")
    kiosk.tap("start_vi")
    kiosk.wait_for(State.CASE)
    for name, word in (("header_repeat", "Nghe lại"), ("header_louder", "To hơn")):
        button = kiosk.find(name, QPushButton)
        kiosk.qtbot.waitUntil(lambda b=button, w=word: b.accessibleName() == w, timeout=WAIT_MS)   # retranslated
        assert button.isVisible() and not button.icon().isNull() and button.text() == ""
