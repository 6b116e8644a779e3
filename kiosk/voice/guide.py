"""Speech that never blocks the screen, stops when the citizen moves on, and can be heard again.

One worker thread does the slow parts (reading or synthesizing WAVs, playing them), so a
GUI thread that calls `say` returns at once. Only the newest request matters: a new
screen or a tap replaces or cuts whatever was being said (Section 508 402: speech is
interruptible), and `repeat` says the last request again. A generation counter, bumped by
every `say` and `stop`, tells the worker that what it prepared is stale; the speaker's
own stop-until-armed rule closes the gap between that check and the start of playback.

What is said is never logged (an application number, a pick-up place): only that
something failed, and in which language.

Volume and "voice on" belong to one session: `end_session` puts both back to the
configured defaults, so the next citizen never inherits a loud kiosk or a voice they did
not ask for.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from typing import Callable

from hardware.errors import HardwareError
from hardware.speaker import Speaker
from hardware.speaker.wav import concatenated
from kiosk.voice.clips import ClipLibrary
from kiosk.voice.engine import Engine, SpeechEngineMissing, SpeechFailed
from kiosk.voice.speakable import speakable

log = logging.getLogger(__name__)

# Volume steps the citizen can choose ("Louder" cycles through them).
VOLUME_STEPS = (0.4, 0.6, 0.8, 1.0)


@dataclass(frozen=True)
class Utterance:
    lang: str
    texts: tuple[str, ...]


class VoiceGuide:
    def __init__(
        self,
        speaker: Speaker,
        clips: ClipLibrary | None = None,
        *,
        enabled: bool = False,
        volume: float = 0.8,
        synthesize: Callable[[str, str], bytes] | None = None,
    ) -> None:
        self.speaker = speaker
        self.clips = clips if clips is not None else ClipLibrary(None)
        self._synthesize = synthesize or Engine().synthesize
        self.default_enabled = enabled
        self.default_volume = volume
        self._enabled = enabled
        self._volume = volume
        self._cond = threading.Condition()
        self._pending: Utterance | None = None
        self._last: Utterance | None = None
        self._generation = 0
        self._closed = False
        self._busy = False
        self._thread: threading.Thread | None = None
        self._last_fault = ""
        self.clips_used = 0        # how many texts came from rendered prompts (figures, tests)
        self.synthesized = 0       # ... and how many were synthesized at run time

    # -- what the screens and the narrator call (any thread; returns at once) --------------
    @property
    def enabled(self) -> bool:
        return self._enabled

    def set_enabled(self, on: bool) -> None:
        self._enabled = bool(on)
        if not on:
            self.stop()

    @property
    def volume(self) -> float:
        return self._volume

    def louder(self) -> float:
        """The next volume step, wrapping to the quietest after the loudest; says the last
        prompt again at the new volume so the citizen hears the difference."""
        higher = [v for v in VOLUME_STEPS if v > self._volume + 1e-9]
        self._volume = higher[0] if higher else VOLUME_STEPS[0]
        self.repeat()
        return self._volume

    def say(self, lang: str, texts: list[str] | tuple[str, ...]) -> None:
        """Say `texts` in `lang` instead of whatever is being said. Remembered for `repeat`
        even while the voice is off (turning it on then has something to say)."""
        utterance = Utterance(lang, tuple(t for t in texts if t and t.strip()))
        with self._cond:
            self._last = utterance if utterance.texts else self._last
            if not self._enabled or not utterance.texts:
                return
            self._submit(utterance)

    def repeat(self) -> None:
        with self._cond:
            if self._enabled and self._last is not None:
                self._submit(self._last)

    def stop(self) -> None:
        """Silence now (a tap, a new screen, voice turned off)."""
        with self._cond:
            self._generation += 1
            self._pending = None
            self.speaker.stop()

    def end_session(self) -> None:
        """The citizen is gone: silence, forget what was said, defaults back."""
        with self._cond:
            self._generation += 1
            self._pending = None
            self._last = None
            self.speaker.stop()
        self._enabled = self.default_enabled
        self._volume = self.default_volume

    def close(self, timeout: float = 2.0) -> None:
        with self._cond:
            self._closed = True
            self._generation += 1
            self._pending = None
            self.speaker.stop()
            self._cond.notify_all()
        if self._thread is not None:
            self._thread.join(timeout)

    @property
    def speaking(self) -> bool:
        with self._cond:
            return self._busy or self._pending is not None

    def wait_idle(self, timeout: float = 10.0) -> bool:
        """For tests and tools: wait until nothing is pending or playing."""
        with self._cond:
            return self._cond.wait_for(lambda: not self._busy and self._pending is None, timeout)

    # -- the worker --------------------------------------------------------------------------
    def _submit(self, utterance: Utterance) -> None:
        # Called with the lock held.
        self._generation += 1
        self._pending = utterance
        self.speaker.stop()
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="voice-guide", daemon=True)
            self._thread.start()
        self._cond.notify_all()

    def _run(self) -> None:
        while True:
            with self._cond:
                self._cond.wait_for(lambda: self._closed or self._pending is not None)
                if self._closed:
                    return
                utterance, self._pending = self._pending, None
                generation = self._generation
                self._busy = True
            try:
                wav = self._prepare(utterance, generation)
                if wav is None:
                    continue
                with self._cond:
                    if generation != self._generation:
                        continue
                    self.speaker.arm()
                    volume = self._volume
                self.speaker.play(wav, volume)
                self._last_fault = ""
            except (HardwareError, SpeechFailed, SpeechEngineMissing, OSError, ValueError) as exc:
                detail = str(exc) if isinstance(exc, (HardwareError, SpeechEngineMissing)) else ""
                # Once at WARNING, then quietly while the same fault lasts (a missing sound
                # card would otherwise log every screen).
                fault = f"{type(exc).__name__}: {detail}"
                level = logging.DEBUG if fault == self._last_fault else logging.WARNING
                self._last_fault = fault
                log.log(level, "voice guidance failed (%s, %s): %s", utterance.lang, type(exc).__name__, detail)
            finally:
                with self._cond:
                    self._busy = False
                    self._cond.notify_all()

    def _prepare(self, utterance: Utterance, generation: int) -> bytes | None:
        parts = []
        for text in utterance.texts:
            if generation != self._generation:
                return None
            clip = self.clips.get(utterance.lang, text)
            if clip is not None:
                self.clips_used += 1
            else:
                clip = self._synthesize(speakable(text, utterance.lang), utterance.lang)
                self.synthesized += 1
            parts.append(clip)
        return concatenated(parts) if parts else None
