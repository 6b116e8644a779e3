"""`kiosk voice render`: every prompt of one language as a WAV, and a manifest.

Run at install or build time (tools/bootstrap.sh, the bundle's build), never in front of a
citizen. The manifest (``manifest.json``) maps each prompt's key, context, English source
and shown text to its file, with the clip's length and loudness, so the run time finds a
clip by the text it shows and a person can audit or replace any clip.
"""

from __future__ import annotations

import json
import os
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from hardware.speaker.wav import info
from kiosk.voice.catalogue import Prompt, fixed_words, load_prompts, normalized
from kiosk.voice.engine import VOICES, Engine

MANIFEST = "manifest.json"


@dataclass(frozen=True)
class RenderReport:
    lang: str
    prompts: int
    missing: list[str]          # keys of prompts with no text in this language
    seconds: float              # wall time of the render
    bytes: int
    audio_seconds: float


def render_language(lang: str, out_dir: Path, prompts: list[Prompt] | None = None,
                    engine: Engine | None = None, workers: int | None = None) -> RenderReport:
    """Render `lang`'s prompts into `out_dir` (created); old WAVs of removed prompts are
    deleted so the folder is exactly the manifest. `workers` espeak-ng processes run at
    once (default: one per CPU; each is single-threaded)."""
    if lang not in VOICES:
        raise KeyError(lang)
    engine = engine or Engine()
    prompts = load_prompts() if prompts is None else prompts
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    began = time.monotonic()
    entries, total, audio = [], 0, 0.0
    present = [p for p in prompts if p.texts.get(lang) is not None]
    missing = [p.key for p in prompts if p.texts.get(lang) is None]

    def synthesize(prompt: Prompt) -> bytes:
        text = prompt.texts[lang]
        return engine.synthesize(fixed_words(text) if prompt.dynamic else normalized(text), lang)

    with ThreadPoolExecutor(max_workers=workers or os.cpu_count() or 1) as pool:
        wavs = list(pool.map(synthesize, present))
    for prompt, wav in zip(present, wavs):
        text = prompt.texts[lang]
        name = f"{prompt.key}.wav"
        (out_dir / name).write_bytes(wav)
        meta = info(wav)
        total += len(wav)
        audio += meta.seconds
        entries.append({
            "key": prompt.key, "context": prompt.context, "source": prompt.source,
            "text": normalized(text), "dynamic": prompt.dynamic, "file": name,
            "seconds": round(meta.seconds, 3), "rms": round(meta.rms, 4),
        })
    keep = {e["file"] for e in entries}
    for old in out_dir.glob("*.wav"):
        if old.name not in keep:
            old.unlink()
    manifest = {
        "lang": lang, "engine": f"espeak-ng {engine.version()}", "voice": VOICES[lang],
        "rate_wpm": engine.rate_wpm, "prompts": entries,
    }
    (out_dir / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    return RenderReport(lang, len(entries), missing, time.monotonic() - began, total, audio)
