"""The voice guide: off the caller's thread, interruptible, repeatable, reset per session."""

from __future__ import annotations

import logging
import threading

import pytest

from hardware.speaker.simulated import SimulatedSpeaker
from kiosk.voice.clips import ClipLibrary
from kiosk.voice.guide import VOLUME_STEPS, VoiceGuide
from tests.voice_helpers import FakeSynth, tone


@pytest.fixture
def synth():
    return FakeSynth()


def make_guide(synth, speed=0.0, **kw):
    return VoiceGuide(SimulatedSpeaker(speed=speed), synthesize=synth, **kw)


def test_nothing_is_said_while_the_voice_is_off(synth):
    guide = make_guide(synth)
    guide.say("en", ["Put your card on the reader."])
    assert guide.wait_idle(5)
    assert guide.speaker.played == [] and synth.asked == []


def test_say_returns_before_the_speech_is_made(synth):
    gate = threading.Event()

    def slow(text, lang):
        gate.wait(5)
        return synth(text, lang)

    guide = make_guide(slow, enabled=True)
    guide.say("en", ["Hello"])          # would hang here if synthesis ran on this thread
    assert guide.speaking
    gate.set()
    assert guide.wait_idle(5)
    assert len(guide.speaker.played) == 1


def test_a_new_request_cuts_the_old_one(synth):
    guide = make_guide(synth, speed=1.0, enabled=True)
    guide.say("en", ["A long instruction " * 20])
    assert guide.speaker.started.wait(5)
    guide.say("en", ["Next screen"])
    assert guide.wait_idle(10)
    first, second = guide.speaker.played
    assert not first.finished and second.finished
    assert synth.asked[-1] == ("en", "Next screen")


def test_stop_silences_and_repeat_says_the_last_request_again(synth):
    guide = make_guide(synth, speed=1.0, enabled=True)
    guide.say("vi", ["Đặt thẻ lên đầu đọc " * 10])
    assert guide.speaker.started.wait(5)
    guide.stop()
    assert guide.wait_idle(5)
    assert not guide.speaker.played[0].finished
    guide.speaker.speed = 0
    guide.repeat()
    assert guide.wait_idle(5)
    assert len(guide.speaker.played) == 2 and guide.speaker.played[1].finished
    assert synth.asked[-1][0] == "vi"


def test_turning_the_voice_on_can_repeat_what_the_screen_said_while_it_was_off(synth):
    guide = make_guide(synth)
    guide.say("zh_CN", ["请把身份证放在读卡器上。"])
    guide.set_enabled(True)
    guide.repeat()
    assert guide.wait_idle(5)
    assert synth.asked == [("zh_CN", "请把身份证放在读卡器上。")]


def test_volume_steps_and_the_session_end_restores_the_defaults(synth):
    guide = make_guide(synth, volume=0.6)
    guide.set_enabled(True)
    guide.say("en", ["Hello"])
    assert guide.louder() == 0.8
    assert guide.louder() == 1.0
    assert guide.louder() == VOLUME_STEPS[0]
    guide.louder()
    assert guide.wait_idle(5)
    assert guide.speaker.played[-1].volume == guide.volume
    guide.end_session()
    assert guide.volume == 0.6 and not guide.enabled
    played = len(guide.speaker.played)
    guide.set_enabled(True)
    guide.repeat()                                 # nothing left from the last citizen
    assert guide.wait_idle(5)
    assert len(guide.speaker.played) == played


def test_rendered_clips_are_played_and_only_the_rest_is_synthesized(tmp_path, synth):
    folder = tmp_path / "en"
    folder.mkdir()
    (folder / "a.wav").write_bytes(tone(0.3))
    (folder / "manifest.json").write_text(
        '{"prompts": [{"text": "Take your receipt  below the screen.", "file": "a.wav", "dynamic": false}]}'
    )
    guide = VoiceGuide(SimulatedSpeaker(speed=0), ClipLibrary(tmp_path), synthesize=synth, enabled=True)
    guide.say("en", ["Take your receipt\nbelow the screen.", "Application number: KX01-261203-00174"])
    assert guide.wait_idle(5)
    assert guide.clips_used == 1 and guide.synthesized == 1
    assert synth.asked == [("en", "Application number: K X 0 1, 2 6 1 2 0 3, 0 0 1 7 4")]


def test_a_broken_synthesizer_is_logged_without_the_words(synth, caplog):
    from kiosk.voice.engine import SpeechFailed

    def broken(text, lang):
        raise SpeechFailed("espeak-ng failed (1)")

    guide = make_guide(broken, enabled=True)
    guide.say("en", ["Application number: KX01-261203-00174"])
    assert guide.wait_idle(5)
    assert "voice guidance failed (en, SpeechFailed)" in caplog.text
    assert "261203" not in caplog.text
    guide.close()


def test_a_lasting_speaker_fault_is_logged_once(synth, caplog):
    from hardware.errors import SpeakerError

    class Broken(SimulatedSpeaker):
        def play(self, wav, volume=1.0):
            raise SpeakerError("aplay exited 1: audio open error")

    caplog.set_level(logging.DEBUG, logger="kiosk.voice.guide")
    guide = VoiceGuide(Broken(speed=0), synthesize=synth, enabled=True)
    for screen in ("One.", "Two.", "Three."):
        guide.say("en", [screen])
        assert guide.wait_idle(5)
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and "audio open error" in warnings[0].getMessage()
    assert len([r for r in caplog.records if "voice guidance failed" in r.getMessage()]) == 3
    guide.close()
