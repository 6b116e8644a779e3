"""A chip whose portrait declares an enormous picture is a malformed chip, refused from
the portrait's header before anything decodes it.

Issue 9: a 1 KB JPEG 2000 portrait in DG2 declaring 20000 x 20000 pixels took the
workflow to 6 GB of memory. The chips here are the strict emulator of the tests, their
EF.SOD correctly signed over the hostile DG2.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.documents.chip_portrait import decode_face
from kiosk.documents.errors import MalformedDocument
from kiosk.documents.lds.face_image import FaceImage
from kiosk.documents.reader import read_document
from tests.emulators.emrtd import chip_for, make_document
from tests.hostile_images import child_env, jp2_declaring, jpeg_declaring, memory_cap

from .test_emrtd_read import connect

ROOT = Path(__file__).resolve().parents[3]
BOMBS = {
    "jpeg 16000": (lambda: jpeg_declaring(16000, 16000), "image/jpeg"),
    "jp2 20000": (lambda: jp2_declaring(20000, 20000), "image/jp2"),
    "jp2 1200": (lambda: jp2_declaring(1200, 1200), "image/jp2"),   # small for a file, large for a chip
}


@pytest.mark.parametrize("face_format", ["19794", "39794"])
@pytest.mark.parametrize("bomb", list(BOMBS))
def test_a_portrait_declaring_too_many_pixels_makes_a_malformed_chip(bomb: str, face_format: str) -> None:
    make, mime = BOMBS[bomb]
    doc = make_document("TD3", image=make(), image_mime=mime, face_format=face_format)
    _, conn = connect(chip_for(doc))
    with pytest.raises(MalformedDocument, match=r"^DG2 portrait unusable: the chip portrait (declares|is) .* pixels"):
        read_document(conn, access_key=doc.key)


def test_a_portrait_found_by_its_signature_is_checked_too() -> None:
    """A broken 19794-5 record makes the parser look for the image by its signature."""
    from kiosk.documents.chip_portrait import check_face

    image = jpeg_declaring(16000, 16000)
    face = FaceImage(image, "image/jpeg", 0, 0, "found by signature")
    with pytest.raises(MalformedDocument, match="256 million pixels"):
        check_face(face)
    with pytest.raises(MalformedDocument, match="256 million pixels"):
        decode_face(face)


def test_a_chip_sized_portrait_passes() -> None:
    doc = make_document("TD3", image_mime="image/jp2")
    _, conn = connect(chip_for(doc))
    assert decode_face(read_document(conn, access_key=doc.key).face).size == (240, 320)


def test_a_jpeg2000_portrait_whose_headers_disagree_is_a_malformed_chip_not_a_crash() -> None:
    """Its JP2 box states 100 x 100, its codestream 20000 x 20000. Converting it to JPEG
    for the identity used `cv2.imdecode`, which crashes the process on such a file; it
    runs in a child here so that the old code fails this test instead of killing it."""
    code = (
        "from tests.emulators.emrtd import chip_for, make_document\n"
        "from tests.hostile_images import jp2_declaring\n"
        "from tests.unit.documents.test_emrtd_read import connect\n"
        "from kiosk.documents.chip_identity import identity_from_document\n"
        "from kiosk.documents.reader import read_document\n"
        "doc = make_document('TD3', image=jp2_declaring(20000, 20000, 100, 100), image_mime='image/jp2')\n"
        "_, conn = connect(chip_for(doc))\n"
        "try:\n"
        "    identity_from_document(read_document(conn, access_key=doc.key), 'UTO')\n"
        "except Exception as exc:\n"
        "    print(type(exc).__name__, exc)\n"
    )
    child = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=child_env(str(ROOT)), capture_output=True, text=True,
        timeout=120, preexec_fn=memory_cap(),
    )
    assert child.returncode == 0, child.stderr[-500:]
    assert child.stdout.strip() == (
        "MalformedDocument DG2 portrait unusable: the chip portrait cannot be decoded: its data is damaged"
    )
