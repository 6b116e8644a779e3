"""The speaker devices: WAV facts, volume on the samples, stop that holds until armed."""

from __future__ import annotations

import shutil
import threading
import time

import pytest

from hardware.errors import SpeakerUnavailable
from hardware.speaker.aplay import AplaySpeaker
from hardware.speaker.simulated import SimulatedSpeaker
from hardware.speaker.wav import concatenated, info, scaled
from tests.voice_helpers import tone


def test_info_measures_length_and_loudness():
    meta = info(tone(0.5, level=0.5))
    assert meta.rate == 22050 and meta.channels == 1
    assert meta.seconds == pytest.approx(0.5, abs=0.001)
    assert meta.rms == pytest.approx(0.5 / 2 ** 0.5, rel=0.01)   # a sine's RMS


def test_volume_scales_the_samples_and_full_volume_is_untouched():
    wav = tone(0.2, level=0.8)
    assert info(scaled(wav, 0.5)).rms == pytest.approx(info(wav).rms * 0.5, rel=0.01)
    assert scaled(wav, 1.0) is wav
    assert info(scaled(wav, -3)).rms == 0.0


def test_concatenated_adds_the_lengths():
    assert info(concatenated([tone(0.2), tone(0.3)])).seconds == pytest.approx(0.5, abs=0.001)


def test_simulated_speaker_is_cut_by_stop_and_stays_silent_until_armed():
    speaker = SimulatedSpeaker(speed=1.0)
    results = []
    worker = threading.Thread(target=lambda: results.append(speaker.play(tone(5.0))))
    worker.start()
    assert speaker.started.wait(2)
    speaker.stop()
    worker.join(2)
    assert results == [False] and not speaker.played[0].finished
    assert speaker.play(tone(0.01)) is False          # a stop holds until arm
    speaker.arm()
    assert speaker.play(tone(0.01)) is True


def test_aplay_missing_is_a_device_error(monkeypatch):
    with pytest.raises(SpeakerUnavailable):
        AplaySpeaker(program="no-such-player-here").play(tone(0.1))


@pytest.mark.skipif(shutil.which("aplay") is None, reason="aplay not installed (Debian alsa-utils)")
def test_aplay_plays_a_wav_from_stdin():
    # ALSA's null device takes the sound without a sound card (and without real-time pacing).
    assert AplaySpeaker(device="null").play(tone(0.2)) is True


def test_stop_kills_a_player_that_is_still_playing(tmp_path):
    # A stand-in player that takes the sound and then keeps "playing" until killed.
    player = tmp_path / "slow-player"
    player.write_text("#!/bin/sh\ncat > /dev/null\nexec sleep 60\n")
    player.chmod(0o755)
    speaker = AplaySpeaker(program=str(player))
    results = []
    worker = threading.Thread(target=lambda: results.append(speaker.play(tone(0.1))))
    worker.start()
    while speaker._proc is None and worker.is_alive():
        time.sleep(0.01)
    speaker.stop()
    worker.join(30)
    assert results == [False]
    assert speaker.play(tone(0.1)) is False     # stopped until armed
