"""`kiosk voice render`: the spoken prompts of one language, as WAV files and a manifest.

    kiosk voice render --lang zh_CN|en|vi --out DIR [--json]

Run at install or build time (`tools/bootstrap.sh` renders into resources/voice/<lang>,
where the kiosk looks by default); see `kiosk.voice` for why prompts are rendered
beforehand and what is still synthesized at run time.

Exit codes: 0 done; 2 bad usage, espeak-ng missing, or the folder cannot be written.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

LANGS = ["zh_CN", "en", "vi"]


def register(subparsers: Any) -> None:
    voice = subparsers.add_parser("voice", help="spoken guidance: render the prompts")
    sub = voice.add_subparsers(dest="voice_command", required=True)
    render = sub.add_parser("render", help="write every prompt of a language as WAV, with manifest.json")
    render.add_argument("--lang", required=True, choices=LANGS, help="the language to render")
    render.add_argument("--out", required=True, help="folder for the WAV files and manifest.json")
    render.add_argument("--json", action="store_true", help="machine-readable summary")
    render.set_defaults(func=cmd_render)


def cmd_render(args: argparse.Namespace) -> int:
    from kiosk.voice.engine import SpeechEngineMissing, SpeechFailed
    from kiosk.voice.render import render_language
    from launcher.cli import _output_folder_or_exit

    out = _output_folder_or_exit(args.out, "kiosk voice render: ")
    try:
        report = render_language(args.lang, out)
    except (SpeechEngineMissing, SpeechFailed) as exc:
        sys.stderr.write(f"kiosk voice render: {exc}\n")
        return 2
    except OSError as exc:
        sys.stderr.write(f"kiosk voice render: cannot write to {args.out}: {exc.strerror or exc}\n")
        return 2
    summary = {
        "lang": report.lang, "prompts": report.prompts, "missing": report.missing,
        "seconds": round(report.seconds, 2), "bytes": report.bytes, "audio_seconds": round(report.audio_seconds, 1),
        "out": str(out),
    }
    if args.json:
        json.dump(summary, sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        print(f"{report.lang}: {report.prompts} prompts, {report.bytes / 1e6:.1f} MB, "
              f"{report.audio_seconds:.0f} s of speech, rendered in {report.seconds:.1f} s -> {out}")
        if report.missing:
            print(f"  {len(report.missing)} prompts have no {report.lang} text yet (kiosk i18n update, then translate)")
    return 1 if report.missing else 0
