"""`kiosk voice render` with the real espeak-ng: every prompt of every language has a
sound, and Mandarin speaks its tones.

Rendering all three languages takes ~30 s on two cores; the module renders each once.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import wave
from pathlib import Path

import numpy as np
import pytest

from hardware.speaker.wav import info
from kiosk.voice.catalogue import LANGUAGES, load_prompts
from kiosk.voice.engine import Engine
from launcher.cli import main

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(shutil.which("espeak-ng") is None,
                       reason="espeak-ng not installed (Debian espeak-ng; tools/bootstrap.sh installs it)"),
]

MIN_RMS = 0.02          # espeak-ng speech is ~0.1; silence is 0
MIN_SECONDS = 0.2
MAX_SECONDS = 120.0


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[str, dict]:
    root = tmp_path_factory.mktemp("voice")
    manifests = {}
    for lang in LANGUAGES:
        assert main(["voice", "render", "--lang", lang, "--out", str(root / lang)]) == 0
        manifests[lang] = json.loads((root / lang / "manifest.json").read_text(encoding="utf-8"))
        manifests[lang]["folder"] = root / lang
    return manifests


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_prompt_has_a_wav_that_is_not_silent_and_of_a_sane_length(rendered, lang):
    manifest = rendered[lang]
    folder: Path = manifest["folder"]
    assert {e["key"] for e in manifest["prompts"]} == {p.key for p in load_prompts()}
    bad = []
    for entry in manifest["prompts"]:
        meta = info((folder / entry["file"]).read_bytes())
        if not (meta.rms > MIN_RMS and MIN_SECONDS < meta.seconds < MAX_SECONDS):
            bad.append((entry["context"], entry["source"], round(meta.rms, 3), round(meta.seconds, 2)))
    assert bad == []
    assert sorted(p.name for p in folder.glob("*.wav")) == sorted(e["file"] for e in manifest["prompts"])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_problem_message_and_next_step_has_a_prompt(rendered, lang):
    from ui import messages

    sources = {(e["context"], e["source"]) for e in rendered[lang]["prompts"]}
    wanted = [("Problems", text) for pair in messages._PROBLEMS.values() for text in pair]
    wanted += [("IdleCountdownOverlay", "Are you still there?")]
    assert [w for w in wanted if w not in sources] == []


def _pitch(wav: bytes) -> np.ndarray:
    """F0 in Hz of each voiced 30 ms frame (autocorrelation; 70-400 Hz)."""
    with wave.open(io.BytesIO(wav)) as reader:
        rate = reader.getframerate()
        x = np.frombuffer(reader.readframes(reader.getnframes()), "<i2").astype(float) / 32768
    n, hop, found = int(0.03 * rate), int(0.01 * rate), []
    for i in range(0, len(x) - n, hop):
        frame = x[i:i + n] - x[i:i + n].mean()
        if np.sqrt(np.mean(frame ** 2)) < 0.05:
            continue
        ac = np.correlate(frame, frame, "full")[n - 1:]
        lo, hi = int(rate / 400), int(rate / 70)
        lag = lo + int(np.argmax(ac[lo:hi]))
        if ac[lag] / ac[0] > 0.5:
            found.append(rate / lag)
    return np.array(found)


def _rise(contour: np.ndarray) -> float:
    third = max(1, len(contour) // 3)
    return float(contour[-third:].mean() / contour[:third].mean())


def test_mandarin_tones_are_heard_in_the_pitch():
    """妈 mā (high level), 麻 má (rising), 马 mǎ (low), 骂 mà (falling): one syllable,
    four tones; the voice must give each its contour (measured: 94->98, 86->94, ~82,
    93->86 Hz)."""
    engine = Engine()
    ma1, ma2, ma3, ma4 = (_pitch(engine.synthesize(t, "zh_CN")) for t in "妈麻马骂")
    assert min(len(c) for c in (ma1, ma2, ma3, ma4)) >= 6
    assert _rise(ma2) > 1.05          # rising
    assert _rise(ma4) < 0.95          # falling
    assert ma3.mean() < ma1.mean()    # low against high


def test_the_mandarin_voice_reads_tones_not_english_digits():
    """The plain `cmn` voice turns Hanzi into pinyin with tone numbers and reads the numbers
    in English ("(en)...Tr'i:" = 'three'); the kiosk's voice gives Chao tone letters."""
    ours = Engine().phonemes("妈麻马骂", "zh_CN")
    assert ours.split() == ["m'A55_|", "m'A35_|", "m'A21_|", "m'A51_|"]
    plain = subprocess.run(["espeak-ng", "-v", "cmn", "-q", "-x", "马"], capture_output=True, text=True).stdout
    assert "(en)" in plain


def test_render_refuses_an_unwritable_folder(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(SystemExit) as stop:
        main(["voice", "render", "--lang", "en", "--out", str(blocker)])
    assert stop.value.code == 2
    assert "is not a folder" in capsys.readouterr().err
