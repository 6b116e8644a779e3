"""Tiny files whose headers declare enormous pictures, made on the spot for tests and benches.

Each is a small genuine image whose header is then edited to state other dimensions, so
every parser reads a well-formed header and believes it. The PNG is the exception that
makes decoders honest: all its rows are present (1-bit zeros compress ~1000:1), so a
decoder that trusts it really fills the whole buffer.
"""

from __future__ import annotations

import io
import os
import resource
import struct
import zlib


def jpeg_declaring(width: int, height: int) -> bytes:
    """A 16 x 16 baseline JPEG whose SOF0 states `width` x `height` (under 1 KB)."""
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (16, 16), (128, 100, 90)).save(buf, "JPEG", quality=50)
    data = bytearray(buf.getvalue())
    pos = 2
    while pos < len(data):
        marker, length = data[pos + 1], int.from_bytes(data[pos + 2 : pos + 4], "big")
        if marker in (0xC0, 0xC1, 0xC2):
            data[pos + 5 : pos + 7] = height.to_bytes(2, "big")
            data[pos + 7 : pos + 9] = width.to_bytes(2, "big")
            return bytes(data)
        pos += 2 + length
    raise AssertionError("Pillow wrote a JPEG without SOF")


def jp2_declaring(width: int, height: int, header_width: int | None = None, header_height: int | None = None) -> bytes:
    """A 64 x 64 JPEG 2000 file (under 300 bytes) whose codestream (SIZ, one tile) states
    `width` x `height`; the JP2 `ihdr` box states the same unless told otherwise, so a
    file whose two headers disagree can be made too."""
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (64, 64), (90, 90, 90)).save(buf, "JPEG2000", irreversible=True)
    data = bytearray(buf.getvalue())
    ihdr = data.find(b"ihdr")
    data[ihdr + 4 : ihdr + 8] = (header_height or height).to_bytes(4, "big")
    data[ihdr + 8 : ihdr + 12] = (header_width or width).to_bytes(4, "big")
    siz = data.find(b"\xff\x4f\xff\x51") + 8          # SOC, SIZ marker, Lsiz, Rsiz
    data[siz : siz + 4] = width.to_bytes(4, "big")     # Xsiz
    data[siz + 4 : siz + 8] = height.to_bytes(4, "big")
    data[siz + 16 : siz + 20] = width.to_bytes(4, "big")   # XTsiz: one tile, the whole image
    data[siz + 20 : siz + 24] = height.to_bytes(4, "big")
    return bytes(data)


def png_declaring(width: int, height: int) -> bytes:
    """A 1-bit greyscale PNG of `width` x `height` zeros with every row present (about
    50 KB for 20000 x 20000)."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    row = b"\x00" * (1 + (width + 7) // 8)
    packer = zlib.compressobj(9)
    rows = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")


def pdf_with_page(width_pt: float, height_pt: float) -> bytes:
    """A one-page PDF of the given size (72 points an inch) with a word on it."""
    from reportlab.pdfgen.canvas import Canvas

    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=(width_pt, height_pt), invariant=1)
    canvas.drawString(10, 10, "receipt")
    canvas.showPage()
    canvas.save()
    return buf.getvalue()


def pdf_with_image(width: int, height: int) -> bytes:
    """A receipt-sized PDF page drawing one 1-bit Flate image of `width` x `height`
    (every row present, about 50 KB for 20000 x 20000)."""
    row = b"\x00" * ((width + 7) // 8)
    packer = zlib.compressobj(9)
    stream = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
    content = b"q 226 0 0 330 0 0 cm /Im0 Do Q"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 226 330] "
        b"/Resources << /XObject << /Im0 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
        b"/BitsPerComponent 1 /Filter /FlateDecode /Length %d >>\nstream\n" % (width, height, len(stream))
        + stream + b"\nendstream",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.5\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % offset for offset in offsets))
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def memory_cap(extra_bytes: int = 1 << 30):
    """A `preexec_fn` that lets a child process map at most `extra_bytes` beyond a fresh
    interpreter's needs, so a test or bench that meets an unfixed decoder fails in that
    child instead of taking the machine's memory."""

    def apply() -> None:
        limit = 512 * 1024 * 1024 + extra_bytes
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    return apply


def child_env(root: str) -> dict[str, str]:
    """The environment for a `python -m launcher` child that runs the code under `root`."""
    env = dict(os.environ)
    env["PYTHONPATH"] = root + os.pathsep + env.get("PYTHONPATH", "")
    return env
