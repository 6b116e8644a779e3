"""espeak-ng as a subprocess: text in, 16-bit mono WAV bytes out.

A subprocess rather than a binding: Debian ships the program, its data and its voices
together, and a stuck synthesis can be killed. Text goes in on stdin (never as an
argument: no length limit, and a text starting with '-' is not an option).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass

# The kiosk's language codes -> espeak-ng voices. zh_CN: see kiosk.voice (the plain "cmn"
# voice reads the tone numbers of its own pinyin as English digits).
VOICES: dict[str, str] = {"zh_CN": "cmn-latn-pinyin", "en": "en-gb", "vi": "vi"}
# Words per minute: a little slower than espeak's 175 for elderly listeners in a hall.
RATE_WPM = 150
PROGRAM = "espeak-ng"
_TIMEOUT_S = 30


class SpeechEngineMissing(RuntimeError):
    """espeak-ng is not installed (Debian package espeak-ng)."""


class SpeechFailed(RuntimeError):
    pass


@dataclass(frozen=True)
class Engine:
    program: str = PROGRAM
    rate_wpm: int = RATE_WPM

    def path(self) -> str:
        found = shutil.which(self.program)
        if found is None:
            raise SpeechEngineMissing(f"{self.program} not found (Debian package espeak-ng)")
        return found

    def version(self) -> str:
        out = subprocess.run([self.path(), "--version"], capture_output=True, text=True, timeout=_TIMEOUT_S)
        match = re.search(r"\b(\d+\.\d+(?:\.\d+)?)", out.stdout)
        return match.group(1) if match else out.stdout.strip()

    def synthesize(self, text: str, lang: str) -> bytes:
        """`text` spoken in `lang`'s voice as WAV bytes. Raises SpeechEngineMissing,
        SpeechFailed, KeyError (a language without a voice)."""
        voice = VOICES[lang]
        try:
            result = subprocess.run(
                [self.path(), "-v", voice, "-s", str(self.rate_wpm), "--stdout", "--stdin"],
                input=text.encode("utf-8"), capture_output=True, timeout=_TIMEOUT_S, check=False,
            )
        except subprocess.TimeoutExpired as exc:
            raise SpeechFailed(f"{self.program} took longer than {_TIMEOUT_S} s") from exc
        if result.returncode != 0 or not result.stdout.startswith(b"RIFF"):
            raise SpeechFailed(f"{self.program} failed ({result.returncode}): {result.stderr.decode(errors='replace')[:200]}")
        return _fix_sizes(result.stdout)

    def phonemes(self, text: str, lang: str) -> str:
        """espeak-ng's phoneme mnemonics for `text` (tones show as 55/35/21/51 in Mandarin)."""
        result = subprocess.run(
            [self.path(), "-v", VOICES[lang], "-q", "-x", "--stdin"],
            input=text.encode("utf-8"), capture_output=True, timeout=_TIMEOUT_S, check=False,
        )
        return result.stdout.decode("utf-8", errors="replace").strip()


def _fix_sizes(wav: bytes) -> bytes:
    """espeak-ng writing to a pipe cannot seek back, so its RIFF and data sizes say
    0x7fffffff-ish; Python's `wave` and some players then misjudge the length. Patch
    them from the real byte count (a canonical 44-byte header is what espeak-ng writes)."""
    if len(wav) < 44 or wav[36:40] != b"data":
        return wav
    body = len(wav) - 44
    return b"RIFF" + (36 + body).to_bytes(4, "little") + wav[8:40] + body.to_bytes(4, "little") + wav[44:]
