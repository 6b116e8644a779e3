"""The CLI module plugs into the top-level parser and keeps `kiosk --help` light."""

from __future__ import annotations

import argparse
import subprocess
import sys

from launcher.commands import biometrics as cli


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="kiosk")
    cli.register(p.add_subparsers(dest="command", required=True))
    return p


def test_subcommands_parse():
    a = parser().parse_args(["photo", "check", "x.jpg", "--crop-out", "y.jpg", "--json"])
    assert a.func is cli.cmd_photo_check and a.crop_out == "y.jpg" and a.json
    a = parser().parse_args(["face", "verify", "ref.jpg", "probe.jpg", "--json", "--threshold", "0.55"])
    assert a.func is cli.cmd_face_verify and a.threshold == 0.55
    a = parser().parse_args(["liveness", "clip.avi", "--json"])
    assert a.func is cli.cmd_liveness and a.challenge == "any"


def test_registering_imports_no_face_library():
    code = ("import sys, argparse; from launcher.commands import biometrics as cli; "
            "cli.register(argparse.ArgumentParser().add_subparsers()); "
            "print(sorted(m for m in ('mediapipe', 'dlib', 'cv2') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_unreadable_image_exits_2(tmp_path, capsys):
    bad = tmp_path / "bad.jpg"
    bad.write_bytes(b"not an image")
    args = parser().parse_args(["photo", "check", str(bad), "--json"])
    try:
        args.func(args)
    except SystemExit as exc:
        assert exc.code == 2
    else:
        raise AssertionError("expected SystemExit")
