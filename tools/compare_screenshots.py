#!/usr/bin/env python3
"""Are the screens of this checkout pixel for pixel those of another revision?

A change that should not change what citizens see (a refactoring, a dependency bump of
something that does not draw) is checked by rendering every screen in every language
(`kiosk screenshots`) twice, once from a temporary worktree of the base revision and
once from this checkout, with the same virtualenv, fonts and Qt, and comparing the
pixels. Rendering is deterministic on one machine (two renders of one tree compare
equal), so any difference is the change's.

    .venv/bin/python tools/compare_screenshots.py --base main~3     # exit 1 if any differ
    .venv/bin/python tools/compare_screenshots.py --base v1 --keep out/   # keep both sets

Screens present on one side only are listed (a new screen is not a difference in the
screens both have, but it is worth seeing).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def render(tree: Path, out: Path) -> None:
    """`kiosk screenshots` of the code in `tree`, into `out`."""
    env = dict(os.environ, PYTHONPATH=str(tree), QT_QPA_PLATFORM="offscreen")
    for args in (["i18n", "build"], ["screenshots", "--out", str(out)]):
        done = subprocess.run([sys.executable, "-m", "launcher" if (tree / "launcher").is_dir() else "kiosk", *args],
                              cwd=tree, env=env, capture_output=True, text=True)
        if done.returncode != 0:   # the render's own log is long: shown only when it failed
            sys.stderr.write(done.stdout + done.stderr)
            raise SystemExit(f"rendering the screens of {tree} failed (exit {done.returncode})")


def compare(base: Path, new: Path) -> tuple[list[str], list[str], list[str], int]:
    """(differing, only in base, only in new, compared count) of the PNGs under both."""
    from PIL import Image, ImageChops

    a = {p.relative_to(base).as_posix() for p in base.rglob("*.png")}
    b = {p.relative_to(new).as_posix() for p in new.rglob("*.png")}
    differing = []
    for name in sorted(a & b):
        with Image.open(base / name) as x, Image.open(new / name) as y:
            x, y = x.convert("RGBA"), y.convert("RGBA")
            if x.size != y.size:
                differing.append(f"{name}: size {x.size} -> {y.size}")
            elif (box := ImageChops.difference(x, y).getbbox()) is not None:
                differing.append(f"{name}: pixels differ inside {box}")
    return differing, sorted(a - b), sorted(b - a), len(a & b)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", required=True, help="git revision to compare this checkout with")
    parser.add_argument("--keep", help="keep both sets of screenshots in this folder")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kiosk-shots-") as tmp:
        work = Path(args.keep) if args.keep else Path(tmp)
        base_tree = Path(tmp) / "base-tree"
        subprocess.run(["git", "worktree", "add", "--detach", "-q", str(base_tree), args.base], cwd=ROOT, check=True)
        try:
            render(base_tree, work / "base")
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(base_tree)], cwd=ROOT, check=False)
        render(ROOT, work / "new")
        differing, only_base, only_new, count = compare(work / "base", work / "new")
    for line in differing:
        print(f"DIFFERS {line}")
    for name in only_base:
        print(f"only in {args.base}: {name}")
    for name in only_new:
        print(f"only in this checkout: {name}")
    print(f"{count} screens compared, {len(differing)} differ")
    return 1 if differing else 0


if __name__ == "__main__":
    raise SystemExit(main())
