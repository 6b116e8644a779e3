"""Shared by the export tests: a simulated day through the commands, and the leak finder."""

from __future__ import annotations

import contextlib
import io
import json
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

from launcher.cli import main

DAY = "2026-11-21"


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def simulate(data_dir: Path, sessions: int, seed: int, country: str = "CHN") -> dict:
    code, out, err = run("simulate", "--data-dir", str(data_dir), "--date", DAY, "--sessions", str(sessions),
                         "--seed", str(seed), "--country", country, "--json")
    assert code == 0, err
    return json.loads(out)


def export(data_dir: Path, out: Path, *langs: str) -> dict:
    extra = [a for lang in langs for a in ("--lang", lang)]
    code, stdout, err = run("export", "--data-dir", str(data_dir), "--date", DAY, "--out", str(out), *extra, "--json")
    assert code == 0, err
    return json.loads(stdout)


def verify(folder: Path, *extra: str) -> tuple[int, dict]:
    code, out, err = run("export", "verify", str(folder), "--json", *extra)
    assert code in (0, 1), err
    return code, json.loads(out)


def pdf_text(path: Path) -> str:
    """The PDF's text as a reader would copy it (poppler's pdftotext, as on the office's PCs)."""
    assert shutil.which("pdftotext"), "poppler-utils (APT_TEST) is needed"
    done = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, timeout=60, check=True)
    return done.stdout.decode("utf-8")


def identity_forms(identities: list[dict]) -> set[str]:
    """Every identity value as it could be written: as it is, composed and decomposed
    (Vietnamese diacritics), without spaces (ID numbers grouped on screen), and as
    JSON escapes it; lowercased, for a search that ignores case."""
    forms: set[str] = set()
    for person in identities:
        for value in person.values():
            if not value:
                continue
            for v in {value, unicodedata.normalize("NFC", value), unicodedata.normalize("NFD", value),
                      value.replace(" ", "")}:
                forms.add(v.lower())
                forms.add(json.dumps(v)[1:-1].lower())
    return forms


def finder(words: set[str]) -> re.Pattern[str]:
    """One regular expression for many strings, longest first."""
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))


def readable_texts(folder: Path) -> dict[str, str]:
    """Each export file as text to search: CSV, JSONL, JSON as they are; a PDF both as its
    extracted text and as its raw bytes (metadata, anything not drawn)."""
    texts = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        name = path.relative_to(folder).as_posix()
        if path.suffix == ".pdf":
            texts[name + " (text)"] = pdf_text(path)
            texts[name + " (bytes)"] = path.read_bytes().decode("latin-1")
        else:
            texts[name] = path.read_text(encoding="utf-8")
    return texts
