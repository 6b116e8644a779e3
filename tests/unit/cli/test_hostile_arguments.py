"""Every `kiosk` subcommand, fed hostile arguments and files, answers in one line.

Found by trying: arrays nested 500 deep in the configuration raised RecursionError,
`verify-receipt --text` with Arabic-Indic digits raised ValueError, `liveness` on a missing
file crashed (and on a non-image named .jpg exited silently), `--fps 0` divided by zero.
A technician at a console must get one line that says what is wrong, a non-zero exit and
no traceback, whatever they typed.

The parser is walked, so a new subcommand is covered at once: generic cases (an unknown
option, garbage in every number, an unknown choice, hostile configuration files for every
`--config`, a 100 000-character value for every option) apply to it automatically, and
`hostile()` must name it, with the files and arguments that command reads. Commands run in this process (the face stack and the parser
load once), with the real process's output encodings, log handler and fd-level capture
of what C libraries print; the few cases that need real bytes in argv or a file the
process cannot read run as subprocesses. `demo`, `run`, `screenshots` and `i18n` get only
inputs that fail before Qt, and `card read` only inputs that fail before a reader: those
modules are replaced by ones that fail the test if reached.
"""

from __future__ import annotations

import argparse
import io
import logging
import os
import shutil
import subprocess
import sys
import types
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from launcher.cli import build_parser, main

ROOT = Path(__file__).resolve().parents[3]
HUGE = "A" * 100_000                  # longer than any path or field; argv takes 128 KB an argument
NOT_UTF8 = "caf\udce9-\udcff.jpg"     # what Python makes of the bytes b"caf\xe9-\xff.jpg" in argv
TRACEBACK_MARKS = ("Traceback (most recent call last)", "unexpected error:")


@dataclass(frozen=True)
class Case:
    argv: tuple[str, ...]
    env: tuple[tuple[str, str], ...] = ()
    verdict: bool = False   # the command judges its input: its answer is on stdout, exit 1
    lines: int = 1          # problems the input has, one line each (a configuration may have several)
    # Run as a real process: FFmpeg fixes its log level once per process, at the first file
    # it opens, from OPENCV_FFMPEG_LOGLEVEL, which the `liveness` command sets. In this
    # process another test may have opened a video first, and FFmpeg's own line about a
    # broken file would then be a second line the technician never sees.
    fresh_process: bool = False

    @property
    def id(self) -> str:
        text = " ".join(a if len(a) < 40 else a[:12] + f"...({len(a)})" for a in self.argv)
        return text.encode("ascii", "backslashreplace").decode()


@dataclass
class Files:
    """Hostile files, made once for the whole module."""

    root: Path
    paths: dict[str, Path] = field(default_factory=dict)

    def __getitem__(self, name: str) -> str:
        return str(self.paths[name])


def _make_files(root: Path) -> Files:
    f = Files(root)

    def put(name: str, data: bytes) -> None:
        path = root / name
        path.write_bytes(data)
        f.paths[name] = path

    random_bytes = bytes((i * 7919 + 13) % 256 for i in range(4096))
    f.paths["missing"] = root / "no-such-file"
    f.paths["missing.jpg"] = root / "no-such-file.jpg"
    f.paths["missing.mp4"] = root / "no-such-file.mp4"
    for folder in ("folder", "folder.jpg", "folder.mp4", "folder.pem", "folder.toml"):
        (root / folder).mkdir()
        f.paths[folder] = root / folder
    for suffix in ("", ".jpg", ".mp4", ".png", ".pdf", ".pem", ".toml"):
        put(f"empty{suffix}", b"")
        put(f"random{suffix}", random_bytes)
    f.paths["inside-a-file"] = root / "random" / "sub" / "out.pdf"   # its parent is a file
    # Folders of labelled pairs for `face calibrate` (genuine/NAME/, impostor/NAME/).
    for folder, pictures in (
        ("pairs-genuine-only", {"genuine/a/reference.jpg": random_bytes, "genuine/a/probe.jpg": random_bytes}),
        ("pairs-random", {f"{label}/{name}/{stem}.jpg": random_bytes for label, name in (("genuine", "a"), ("impostor", "b"))
                          for stem in ("reference", "probe")}),
        ("pairs-empty", {f"{label}/{name}/{stem}.jpg": b"" for label, name in (("genuine", "a"), ("impostor", "b"))
                         for stem in ("reference", "probe")}),
        ("pairs-two-references", {"genuine/a/reference.jpg": b"", "genuine/a/reference.png": b"",
                                  "genuine/a/probe.jpg": b"", "impostor/b/reference.jpg": b"",
                                  "impostor/b/probe.jpg": b""}),
    ):
        for name, data in pictures.items():
            (root / folder / name).parent.mkdir(parents=True, exist_ok=True)
            (root / folder / name).write_bytes(data)
        f.paths[folder] = root / folder
    depth = 500
    put("deep-arrays.toml", b"[ui]\nwidth = " + b"[" * depth + b"]" * depth + b"\n")
    put("deep-tables.toml", b"x = " + b"{a = " * depth + b"1" + b"}" * depth + b"\n")
    put("deep-key.toml", b"a" + b".a" * 20_000 + b" = 1\n")
    put("huge.toml", b"# padding\n" * 300_000)
    put("latin1.toml", "[kiosk]\nstation = \"Café\"\n".encode("latin-1"))
    put("nul.toml", b'[kiosk]\ndata_dir = "/tmp/a\\u0000b"\n')
    put("absurd.toml", b"[ui]\nwidth = 100000000000000000000000000000\n")
    put("valid.toml", b"")   # the production defaults (data folder from the environment)
    (root / "garbage-journal" / "journal").mkdir(parents=True)
    put("garbage-journal/journal/2026-11-21.jsonl", random_bytes)
    f.paths["garbage-journal"] = root / "garbage-journal"
    (root / "journal-is-a-file").mkdir()
    put("journal-is-a-file/journal", random_bytes)
    f.paths["journal-is-a-file"] = root / "journal-is-a-file"
    from kiosk.receipts.signing import ReceiptSigner

    key = root / "keys" / "key-0644.pem"   # a real signing key that others may read
    ReceiptSigner.load_or_create(key)
    key.chmod(0o644)
    f.paths["key-0644.pem"] = key
    return f


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> Files:
    return _make_files(tmp_path_factory.mktemp("hostile"))


@pytest.fixture(scope="module")
def data_dirs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Data folders: with an empty queue, with random bytes or a folder for the queue file."""
    from kiosk.config import load_config
    from kiosk.storage import ApplicationStore

    with_queue = tmp_path_factory.mktemp("data-queue")
    cfg = load_config(None, env={"KIOSK__KIOSK__DATA_DIR": str(with_queue)})
    ApplicationStore.from_config(cfg).close()
    garbage = tmp_path_factory.mktemp("data-garbage")
    (garbage / "queue.sqlite3").write_bytes(bytes((i * 31 + 7) % 256 for i in range(8192)))
    folder = tmp_path_factory.mktemp("data-folder")
    (folder / "queue.sqlite3").mkdir()
    from kiosk.receipts.signing import ReceiptSigner

    keyed = tmp_path_factory.mktemp("data-keyed")     # a kiosk's signing key, a garbage journal day
    ReceiptSigner.load_or_create(keyed / "keys" / "receipt-signing.pem")
    (keyed / "journal").mkdir()
    (keyed / "journal" / "2026-11-21.jsonl").write_bytes(bytes((i * 7919 + 13) % 256 for i in range(4096)))
    return {"queue": with_queue, "garbage": garbage, "folder": folder, "keyed": keyed}


# -- what each subcommand reads ------------------------------------------------------------

CONFIG_FILES = ("missing", "folder", "random", "latin1.toml", "deep-arrays.toml", "deep-tables.toml",
                "deep-key.toml", "huge.toml", "nul.toml", "absurd.toml")
IMAGES = ("missing.jpg", "folder.jpg", "empty.jpg", "random.jpg", "random.png")
ARABIC = "IDK1|KIOSK-0001-٢٦١١٢١-٠٠١٩0|20261121|KIOSK-0001|expiring|2d2db3f4063b19f5|" + "A" * 86
FULL_WIDTH = "IDK1|KIOSK-0001-261121-00190|２０２６１１２１|KIOSK-0001|expiring|2d2db3f4063b19f5"


_DEFAULT_PROBLEMS = {"valid.toml": 2, "nul.toml": 2}


def hostile(f: Files) -> dict[tuple[str, ...], list[Case]]:
    """Per subcommand: its specific hostile inputs (generic ones are added by the walk)."""
    c = Case
    queue = (("KIOSK__KIOSK__DATA_DIR", "{queue}"),)
    broken_queues = [(("KIOSK__KIOSK__DATA_DIR", "{garbage}"),), (("KIOSK__KIOSK__DATA_DIR", "{folder}"),)]
    return {
        ("demo",): [
            c(("demo", "--data-dir", f["random"])),
            c(("demo", "--data-dir", f["inside-a-file"])),
            c(("demo", "--data-dir", "/" + HUGE)),
            *(c(("demo", "--show-code", f[name])) for name in IMAGES),
        ],
        # The production defaults (valid.toml, and nul.toml's data folder aside) have two
        # problems: no trust folder, and no office for the look-ups.
        ("run",): [c(("run", "--config", f[name]), lines=_DEFAULT_PROBLEMS.get(name, 1))
                   for name in CONFIG_FILES + ("valid.toml",)] + [
            c(("run", "--config", f["valid.toml"]), (("KIOSK__DEVICES__CAMERA__SOURCE", "\udcff"),)),
            c(("run", "--config", f["valid.toml"]), (("KIOSK__UI__WIDTH", "[" * 500 + "]" * 500),)),
            c(("run", "--config", f["valid.toml"]), (("KIOSK__" + "__".join(["A"] * 5000), "1"),)),
            c(("run", "--config", HUGE)),
            c(("run", "--config", NOT_UTF8)),
        ],
        ("config", "check"): [c(("config", "check", f[name]), lines=_DEFAULT_PROBLEMS.get(name, 1))
                              for name in CONFIG_FILES + ("valid.toml",)] + [
            c(("config", "check")),
            c(("config", "check", f["valid.toml"]), (("KIOSK__UI__WIDTH", "[" * 500 + "]" * 500),)),
            c(("config", "check", f["valid.toml"]), (("KIOSK__UI__WIDTH", "{a=" * 500 + "1" + "}" * 500),)),
            # Three problems: the data folder is a file, and so there is no trust folder in it;
            # no office for the look-ups.
            c(("config", "check", f["valid.toml"]), (("KIOSK__KIOSK__DATA_DIR", f["random"]),), lines=3),
            c(("config", "check", HUGE)),
            c(("config", "check", NOT_UTF8)),
            c(("config", "check", "--demo", "--data-dir", f["random"])),
        ],
        ("id", "check"): [
            c(("id", "check", HUGE), verdict=True),
            c(("id", "check", NOT_UTF8), verdict=True),
            c(("id", "check", ""), verdict=True),
            c(("id", "check", "١١٠١٠٥١٩٨٤٠٣١٢٠٤٨٨"), verdict=True),
        ],
        ("screenshots",): [
            c(("screenshots", "--out", f["random"])),
            c(("screenshots", "--out", f["inside-a-file"])),
        ],
        ("i18n",): [
            c(("i18n", "build", "--out", f["random"])),
            c(("i18n", "update", "--out", f["inside-a-file"])),
        ],
        ("card", "read"): [
            c(("card", "read")),
            c(("card", "read", "--can", HUGE)),
            c(("card", "read", "--can", "12 34")),
            c(("card", "read", "--mrz", HUGE)),
            c(("card", "read", "--mrz", NOT_UTF8)),
            c(("card", "read", "--doc-number", "X", "--birth", "991399")),
            c(("card", "read", "--doc-number", NOT_UTF8, "--birth", "991231", "--expiry", "301231")),
            c(("card", "read", "--doc-number", "D23145890", "--birth", "٧٤٠٨١٢", "--expiry", "301231")),
            c(("card", "read", "--can", "123456", "--timeout", "0")),
            c(("card", "read", "--can", "123456", "--timeout", "-1")),
        ],
        ("photo", "check"): [c(("photo", "check", f[name])) for name in IMAGES] + [
            c(("photo", "check", NOT_UTF8)),
            c(("photo", "check", HUGE)),
            c(("photo", "check", str(ROOT / "resources" / "demo" / "astronaut.jpg"), "--crop-out", f["folder"])),
        ],
        ("face", "verify"): [
            *(c(("face", "verify", f[name], f[name])) for name in IMAGES),
            c(("face", "verify", NOT_UTF8, f["random.jpg"])),
            c(("face", "verify", f["random.jpg"], HUGE)),
            c(("face", "verify", f["random.jpg"], f["random.jpg"], "--threshold", "-1")),
        ],
        ("face", "calibrate"): [
            *(c(("face", "calibrate", f[name])) for name in ("missing", "random", "folder", "pairs-genuine-only",
                                                            "pairs-random", "pairs-empty", "pairs-two-references")),
            c(("face", "calibrate", NOT_UTF8)),
            c(("face", "calibrate", "/" + HUGE)),
            c(("face", "calibrate", f["pairs-random"], "--plot", f["folder"])),
            c(("face", "calibrate", f["pairs-random"], "--plot", f["inside-a-file"])),
            c(("face", "calibrate", f["pairs-random"], "--plot", "/" + HUGE)),
            c(("face", "calibrate", f["pairs-random"], "--target-far", "-1")),
        ],
        ("liveness",): [
            *(c(("liveness", f[name])) for name in IMAGES),
            *(c(("liveness", f[name])) for name in ("missing.mp4", "folder.mp4")),
            *(c(("liveness", f[name]), fresh_process=True) for name in ("empty.mp4", "random.mp4", "random")),
            c(("liveness", NOT_UTF8)),
            c(("liveness", HUGE)),
            c(("liveness", f["random.jpg"], "--fps", "0")),
            c(("liveness", f["random.jpg"], "--fps", "-1")),
        ],
        ("queue", "status"): [c(("queue", "status"))] + [c(("queue", "status"), env) for env in broken_queues],
        ("queue", "list"): [c(("queue", "list", "--limit", "0"), queue), c(("queue", "list", "--limit", "-5"), queue)],
        ("queue", "deliver"): [c(("queue", "deliver", "--once"), queue), c(("queue", "deliver"), queue)],
        ("queue", "retry"): [
            c(("queue", "retry", HUGE), queue),
            c(("queue", "retry", NOT_UTF8), queue),
            c(("queue", "retry", "KIOSK-0001-٢٦١١٢١-٠٠١٩0"), queue),
        ],
        ("queue", "purge"): [c(("queue", "purge", "--older-than-hours", "-1"), queue)],
        ("queue", "rekey"): [c(("queue", "rekey"))] + [c(("queue", "rekey"), env) for env in broken_queues],
        ("queue", "selftest"): [
            c(("queue", "selftest", "--data-dir", f["random"], "--count", "1")),
            c(("queue", "selftest", "--data-dir", f["inside-a-file"], "--count", "1")),
            c(("queue", "selftest", "--data-dir", "{queue}", "--count", "1")),
            c(("queue", "selftest", "--data-dir", f["folder"], "--count", "0")),
            c(("queue", "selftest", "--data-dir", f["folder"], "--count", "-1")),
            c(("queue", "selftest", "--data-dir", "/" + HUGE, "--count", "1")),
            c(("queue", "selftest", "--data-dir", f["folder"], "--count", "1000000000")),
            c(("queue", "selftest", "--data-dir", f["folder"], "--count", "1", "--kiosk-id", "A|B")),
            c(("queue", "selftest", "--data-dir", f["folder"], "--count", "1", "--kiosk-id", HUGE)),
        ],
        ("receipt", "sample"): [
            c(("receipt", "sample", "--out", f["folder"])),
            c(("receipt", "sample", "--out", f["inside-a-file"])),
            c(("receipt", "sample", "--out", "/" + HUGE)),
            c(("receipt", "sample", "--out", f["folder"] + "/x.pdf", "--signing-key", f["random.pem"])),
            c(("receipt", "sample", "--out", f["folder"] + "/x.pdf", "--signing-key", f["folder.pem"])),
            c(("receipt", "sample", "--out", f["folder"] + "/x.pdf", "--signing-key", f["key-0644.pem"])),
            c(("receipt", "sample", "--out", f["folder"] + "/x.pdf", "--signing-key", f["inside-a-file"])),
            c(("receipt", "sample", "--out", f["folder"] + "/x.pdf", "--signing-key", "/" + HUGE)),
        ],
        ("receipt", "reprint"): [
            c(("receipt", "reprint", HUGE, "--config", f["valid.toml"]), queue),
            c(("receipt", "reprint", NOT_UTF8, "--config", f["valid.toml"]), queue),
            c(("receipt", "reprint", "KIOSK-0001-261121-00190", "--config", f["valid.toml"]), queue),
            *(c(("receipt", "reprint", "KIOSK-0001-261121-00190", "--config", f["valid.toml"]), env)
              for env in broken_queues),
        ],
        ("receipt", "public-key"): [
            c(("receipt", "public-key", "--out", f["folder"])),
            c(("receipt", "public-key", "--out", f["inside-a-file"])),
            c(("receipt", "public-key", "--out", "/" + HUGE)),
        ],
        ("voice", "render"): [
            c(("voice", "render", "--lang", "en", "--out", f["random"])),
            c(("voice", "render", "--lang", "en", "--out", f["inside-a-file"])),
            c(("voice", "render", "--lang", "en", "--out", "/" + HUGE)),
        ],
        ("audit", "verify"): [
            c(("audit", "verify", "--data-dir", f["random"])),
            c(("audit", "verify", "--data-dir", f["inside-a-file"])),
            c(("audit", "verify", "--data-dir", f["folder"])),
            c(("audit", "verify", "--data-dir", f["journal-is-a-file"])),
            c(("audit", "verify", "--data-dir", "/" + HUGE)),
            c(("audit", "verify", "--data-dir", NOT_UTF8)),
            c(("audit", "verify", "--data-dir", f["folder"], "--date", "2026-02-30")),
            c(("audit", "verify", "--data-dir", f["folder"], "--date", HUGE)),
            c(("audit", "verify", "--data-dir", f["garbage-journal"], "--date", "2026-11-22")),
            c(("audit", "verify", "--data-dir", f["garbage-journal"]), verdict=True),
        ],
        ("simulate",): [
            c(("simulate", "--data-dir", f["random"], "--sessions", "1")),
            c(("simulate", "--data-dir", f["inside-a-file"], "--sessions", "1")),
            c(("simulate", "--data-dir", "/" + HUGE, "--sessions", "1")),
            c(("simulate", "--data-dir", "{queue}", "--sessions", "1")),      # a kiosk's own data folder
            c(("simulate", "--data-dir", f["folder"], "--sessions", "0")),
            c(("simulate", "--data-dir", f["folder"], "--sessions", "1000000")),
            c(("simulate", "--data-dir", f["folder"], "--sessions", "1", "--date", "0001-01-01")),
            c(("simulate", "--data-dir", f["folder"], "--sessions", "1", "--date", "9999-12-31")),
            c(("simulate", "--data-dir", f["folder"], "--sessions", "1", "--seed", "9" * 5000)),
        ],
        # No PIN on a terminal: the in-process run has no terminal, and what pytest puts on
        # standard input cannot be read; both are refused in one line, nothing printed.
        ("maintenance", "hash-pin"): [
            c(("maintenance", "hash-pin")),
            c(("maintenance", "hash-pin", "--stdin")),
            c(("maintenance", "hash-pin", "--stdin", "--role", "operator")),
        ],
        ("qr", "read"): [
            *(c(("qr", "read", f[name])) for name in IMAGES),
            c(("qr", "read", f["empty.png"], "--json")),
            c(("qr", "read", NOT_UTF8)),
            c(("qr", "read", HUGE)),
        ],
        ("export",): [
            c(("export", "--data-dir", f["folder"], "--date", "2026-11-21")),                 # no --out
            c(("export", "--data-dir", f["folder"], "--out", f["folder"])),                    # no --date
            c(("export", "--data-dir", f["folder"], "--date", "2026-02-30", "--out", "x")),
            c(("export", "--data-dir", f["folder"], "--date", "2026-11-21", "--out", "x")),   # no key
            c(("export", "--data-dir", f["random"], "--date", "2026-11-21", "--out", "x")),
            c(("export", "--data-dir", "/" + HUGE, "--date", "2026-11-21", "--out", "x")),
            c(("export", "--data-dir", NOT_UTF8, "--date", "2026-11-21", "--out", "x")),
            c(("export", "--data-dir", "{keyed}", "--date", "2026-11-22", "--out", "x")),     # no such day
            c(("export", "--data-dir", "{keyed}", "--date", "2026-11-21", "--out", f["random"])),
            c(("export", "--data-dir", "{keyed}", "--date", "2026-11-21", "--out", f["folder.pem"] + "/../random")),
            c(("export", "--data-dir", "{keyed}", "--date", "2026-11-21", "--out", f["inside-a-file"])),
            c(("export", "--data-dir", "{keyed}", "--date", "2026-11-21", "--out", "/" + HUGE)),
            c(("export", "verify", f["missing"])),
            c(("export", "verify", f["random"])),
            c(("export", "verify", "/" + HUGE)),
            c(("export", "verify", NOT_UTF8)),
            c(("export", "verify", f["folder"]), verdict=True),                                # no manifest
            c(("export", "verify", f["garbage-journal"]), verdict=True),
            *(c(("export", "verify", f["folder"], "--public-key", f[name]))
              for name in ("missing", "folder", "empty.pem", "random.pem")),
        ],
        # Refused before anything is written: the machine here is never installed on (the
        # test pretends systemd does not run it), and the shared folders stay as they are.
        ("install-service",): [
            c(("install-service", "--kiosk", "'/opt/idkiosk/kiosk")),
            c(("install-service", "--kiosk", "'/opt/idkiosk/kiosk\nExecStartPre=/bin/sh -c reboot'")),
            c(("install-service", "--kiosk", "/opt/" + NOT_UTF8)),
            c(("install-service", "--kiosk", "relative/kiosk", "--root", f["folder"], "--dry-run")),
            c(("install-service", "--root", f["folder"], "--config", "/etc/k.toml\n[Service]\nUser=root")),
            c(("install-service", "--root", f["folder"], "--data-dir", "var/lib/idkiosk")),
            c(("install-service", "--user", "root:0")),
            c(("install-service", "--user", "")),
            c(("install-service", "--root", f["random"], "--kiosk", "/opt/idkiosk/kiosk")),
            c(("install-service", "--root", f["inside-a-file"], "--kiosk", "/opt/idkiosk/kiosk")),
            c(("install-service", "--config", f["valid.toml"], "--kiosk", "/opt/idkiosk/kiosk")),
        ],
        ("verify-receipt",): [
            c(("verify-receipt", "--text", ARABIC, "--public-key", "{pubkey}"), verdict=True),
            c(("verify-receipt", "--text", FULL_WIDTH, "--public-key", "{pubkey}"), verdict=True),
            c(("verify-receipt", "--text", HUGE, "--public-key", "{pubkey}"), verdict=True),
            c(("verify-receipt", "--text", NOT_UTF8, "--public-key", "{pubkey}"), verdict=True),
            c(("verify-receipt", "--text", "", "--public-key", "{pubkey}"), verdict=True),
            # Not a picture or a PDF it can render: a one-line refusal (exit 2), not a verdict.
            *(c(("verify-receipt", "--image", f[name], "--public-key", "{pubkey}"))
              for name in ("missing.jpg", "folder.jpg", "empty.png", "random.png", "random.pdf", "empty.pdf")),
            c(("verify-receipt", "--image", NOT_UTF8, "--public-key", "{pubkey}")),
            c(("verify-receipt", "--image", HUGE, "--public-key", "{pubkey}")),
            c(("verify-receipt", "--text", "IDK1|x", "--public-key", HUGE)),
            *(c(("verify-receipt", "--text", "IDK1|x", "--public-key", f[name]))
              for name in ("missing", "folder", "empty.pem", "random.pem", "huge.toml")),
            c(("verify-receipt", "--text", "IDK1|x")),   # this kiosk has no key yet
        ],
    }


def generic(leaf: tuple[str, ...], parser: argparse.ArgumentParser, f: Files) -> list[Case]:
    """Cases every subcommand gets from its own arguments."""
    cases = [Case((*leaf, "--no-such-option")), Case((*leaf, "--" + HUGE))]
    for action in parser._actions:
        flag = action.option_strings[-1] if action.option_strings else None
        if action.choices is not None and not isinstance(action, argparse._SubParsersAction):
            cases.append(Case((*leaf, flag, "no-such-choice") if flag else (*leaf, "no-such-choice")))
        if flag and (action.type in (int, float) or getattr(action.type, "__name__", "") in ("number", "whole number")):
            cases += [Case((*leaf, flag, value)) for value in ("nan", "inf", "-1e400", "x", "9" * 5000)]
        takes_text = action.nargs is None and action.type is None and action.choices is None
        if flag and takes_text and not isinstance(action, argparse._StoreConstAction) and action.option_strings != ["-h", "--help"]:
            cases.append(Case((*leaf, flag, HUGE)))   # a name too long for any file system
        if action.dest == "config" and flag:
            cases += [Case((*leaf, flag, f[name])) for name in ("missing", "folder", "deep-arrays.toml", "latin1.toml")]
    return cases


def leaves(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], argparse.ArgumentParser]]:
    subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not subs:
        yield path, parser
        return
    for action in subs:
        for name, sub in action.choices.items():
            yield from leaves(sub, (*path, name))


# -- running a command as a process would ------------------------------------------------


@dataclass
class Outcome:
    code: int
    out: str
    err: str


def _fail_if_qt(*args: object, **kwargs: object) -> None:
    raise AssertionError("a hostile input reached Qt: it must fail before anything heavy loads")


def _fail_if_reader(*args: object, **kwargs: object) -> None:
    raise AssertionError("a hostile input reached a card reader: it must fail before")


@pytest.fixture
def no_heavy(monkeypatch: pytest.MonkeyPatch) -> None:
    fakes = (
        ("launcher.gui", {"run_kiosk": _fail_if_qt}),
        ("launcher.screenshots", {"render_screenshots": _fail_if_qt}),
        ("ui.i18n", {"compile_translations": _fail_if_qt, "update_sources": _fail_if_qt}),
        ("hardware.card_reader.pcsc", {"PcscCardReader": _fail_if_reader}),
        ("hardware.card_reader.nfc", {"NfcCardReader": _fail_if_reader}),
    )
    for name, functions in fakes:
        module = types.ModuleType(name)
        for attribute, function in functions.items():
            setattr(module, attribute, function)
        monkeypatch.setitem(sys.modules, name, module)
    # `install-service` without --root installs on the machine when systemd runs it: never here.
    monkeypatch.setattr("launcher.commands.service.SYSTEMD_RUNNING", Path("/nonexistent/run/systemd/system"))


def run_in_process(argv: list[str], capfd: pytest.CaptureFixture[str]) -> Outcome:
    out_bytes, err_bytes = io.BytesIO(), io.BytesIO()
    out = io.TextIOWrapper(out_bytes, encoding="utf-8", errors="strict", write_through=True)
    err = io.TextIOWrapper(err_bytes, encoding="utf-8", errors="backslashreplace", write_through=True)
    root = logging.getLogger()
    saved_handlers, saved_level = root.handlers[:], root.level
    root.handlers = []          # main() installs its own stderr handler, as in a fresh process
    saved_streams = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = out, err
    capfd.readouterr()
    try:
        try:
            code = main(argv)
        except SystemExit as exc:
            if isinstance(exc.code, str):      # the interpreter prints such a code and exits 1
                err.write(exc.code + "\n")
                code = 1
            else:
                code = 0 if exc.code is None else int(exc.code)
        except BaseException:  # noqa: BLE001 - this is exactly what the test looks for
            import traceback

            err.write(traceback.format_exc())
            code = -1
    finally:
        sys.stdout, sys.stderr = saved_streams
        for handler in root.handlers:
            if handler not in saved_handlers:
                handler.close()
        root.handlers, root.level = saved_handlers, saved_level
    c_level = capfd.readouterr()   # what C libraries (OpenCV, FFmpeg) wrote to the descriptors
    return Outcome(code, out_bytes.getvalue().decode("utf-8", "replace") + c_level.out,
                   err_bytes.getvalue().decode("utf-8", "replace") + c_level.err)


def check(case: Case, outcome: Outcome) -> None:
    def cut(text: str) -> str:
        return "\n".join(line if len(line) < 300 else line[:300] + f"...({len(line)})" for line in text.splitlines()[:40])

    shown = f"{case.id}\n--- exit {outcome.code}\n--- stdout\n{cut(outcome.out)}\n--- stderr\n{cut(outcome.err)}"
    for mark in TRACEBACK_MARKS:
        assert mark not in outcome.out + outcome.err, shown
    assert outcome.code > 0, shown          # -1: an exception escaped main(); below 0: a signal
    err_lines = [line for line in outcome.err.splitlines() if line.strip()]
    if case.verdict:
        assert outcome.code == 1 and err_lines == [], shown
        assert 0 < len(outcome.out.splitlines()) <= 3, shown
    else:
        assert len(err_lines) == case.lines, shown
        assert all(len(line) <= 600 for line in err_lines), shown


# -- the tests ---------------------------------------------------------------------------

PARSER = build_parser()
LEAVES = dict(leaves(PARSER))


def _all_cases(f: Files) -> list[Case]:
    table = hostile(f)
    cases: list[Case] = []
    for leaf, parser in LEAVES.items():
        cases += generic(leaf, parser, f)
        cases += table.get(leaf, table.get(leaf[:1], []))
    return cases


def test_every_subcommand_has_its_own_hostile_cases() -> None:
    table = hostile(Files(Path("/hostile"), _FakePaths()))
    missing = [" ".join(leaf) for leaf in LEAVES if leaf not in table and leaf[:1] not in table]
    assert missing == [], "add hostile inputs for these subcommands to hostile() in this file"


def _case_ids() -> list[str]:
    return [case.id for case in _all_cases(Files(Path("/hostile"), _FakePaths()))]


class _FakePaths(dict):  # type: ignore[type-arg]
    """Paths for building the case list (and ids) before the real files exist."""

    def __missing__(self, key: str) -> Path:
        return Path("/hostile") / key


CASE_IDS = _case_ids()


@pytest.mark.usefixtures("no_heavy")
@pytest.mark.parametrize("index", range(len(CASE_IDS)), ids=CASE_IDS)
def test_a_hostile_input_gets_one_line_and_a_failure(
    index: int, files: Files, data_dirs: dict[str, Path], tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str],
) -> None:
    case = _all_cases(files)[index]
    pubkey = tmp_path / "kiosk.pem"
    from kiosk.receipts.signing import ReceiptSigner

    ReceiptSigner.generate("KIOSK-0001").export_public_key(pubkey)
    fill = {f"{{{name}}}": str(path) for name, path in data_dirs.items()} | {"{pubkey}": str(pubkey)}
    for name in [n for n in os.environ if n.startswith("KIOSK__")]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("KIOSK__KIOSK__DATA_DIR", str(tmp_path / "data"))   # never /var/lib/idkiosk
    for name, value in case.env:
        monkeypatch.setenv(name, fill.get(value, value))
    monkeypatch.chdir(tmp_path)
    argv = [fill.get(arg, arg) for arg in case.argv]
    check(case, _kiosk(argv, tmp_path) if case.fresh_process else run_in_process(argv, capfd))


# -- real processes: bytes in argv, a file this process cannot read --------------------------


def _kiosk(args: list[bytes | str], tmp_path: Path, *, drop_root_reading: bool = False) -> Outcome:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK__")}
    env.update(PYTHONPATH=str(ROOT), KIOSK__KIOSK__DATA_DIR=str(tmp_path / "data"), LC_ALL="C.UTF-8")
    command: list[bytes | str] = [sys.executable, "-m", "launcher", *args]
    if drop_root_reading:
        # As root, mode 000 means nothing: drop the capabilities that override it.
        command = ["setpriv", "--bounding-set=-dac_override,-dac_read_search", *command]
    done = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, timeout=120)
    return Outcome(done.returncode, done.stdout.decode("utf-8", "replace"), done.stderr.decode("utf-8", "replace"))


@pytest.mark.parametrize(
    "args",
    [
        [b"config", b"check", b"caf\xe9.toml"],
        [b"photo", b"check", b"\xff\xfe.jpg"],
        [b"liveness", b"\xff.mp4"],
        [b"verify-receipt", b"--image", b"\xff.png", b"--public-key", b"\xfe.pem"],
        [b"receipt", b"sample", b"--out", b"/\xff/\xfe/x.pdf", b"--signing-key", b"/proc/\xff"],
    ],
    ids=["config-check", "photo-check", "liveness", "verify-receipt", "receipt-sample"],
)
def test_bytes_that_are_not_utf8_in_argv(args: list[bytes], tmp_path: Path) -> None:
    outcome = _kiosk(args, tmp_path)
    check(Case(tuple(a.decode("utf-8", "surrogateescape") for a in args)), outcome)


@pytest.mark.parametrize(
    "args",
    [["photo", "check", "{image}"], ["face", "verify", "{image}", "{image}"], ["liveness", "{image}"],
     ["liveness", "{video}"], ["verify-receipt", "--image", "{image}", "--public-key", "{key}"]],
    ids=["photo-check", "face-verify", "liveness-image", "liveness-video", "verify-receipt"],
)
def test_existing_files_whose_names_are_not_utf8(args: list[str], tmp_path: Path) -> None:
    # OpenCV's bindings crashed the process (SIGSEGV) on such a name: hostile bytes that
    # are not an image or a video must get their one line like any other file.
    image, video = tmp_path / os.fsdecode(b"caf\xe9.jpg"), tmp_path / os.fsdecode(b"\xff.mp4")
    image.write_bytes(bytes(range(256)) * 8)
    video.write_bytes(bytes(range(256)) * 8)
    key = tmp_path / os.fsdecode(b"\xfe.pem")
    from kiosk.receipts.signing import ReceiptSigner

    ReceiptSigner.generate("KIOSK-0001").export_public_key(key)
    argv = [a.replace("{image}", str(image)).replace("{video}", str(video)).replace("{key}", str(key)) for a in args]
    outcome = _kiosk([os.fsencode(a) for a in argv], tmp_path)
    check(Case(tuple(argv)), outcome)   # random bytes: refused in one line, never a verdict


@pytest.mark.skipif(os.geteuid() == 0 and shutil.which("setpriv") is None, reason="root without setpriv")
@pytest.mark.parametrize(
    "args",
    [["config", "check", "{file}.toml"], ["photo", "check", "{file}.jpg"], ["liveness", "{file}.jpg"],
     ["verify-receipt", "--text", "IDK1|x", "--public-key", "{file}.pem"],
     ["receipt", "sample", "--out", "out.pdf", "--signing-key", "{file}.pem"]],
    ids=["config-check", "photo-check", "liveness", "verify-receipt", "receipt-sample"],
)
def test_a_file_this_user_cannot_read(args: list[str], tmp_path: Path) -> None:
    for suffix in (".toml", ".jpg", ".pem"):
        locked = tmp_path / f"locked{suffix}"
        locked.write_bytes(b"secret")
        locked.chmod(0)
    argv = [a.replace("{file}", str(tmp_path / "locked")) for a in args]
    outcome = _kiosk(argv, tmp_path, drop_root_reading=os.geteuid() == 0)
    check(Case(tuple(argv)), outcome)
