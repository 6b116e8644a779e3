"""The JMRTD split of `kiosk/documents/`, checked: who may know what about a chip.

The channel sends APDUs and secure messaging only wraps and unwraps them; the file system
reads files; the `lds` parsers only turn bytes into values; the reader only decides the
order of the read; the identity mapping and the one portrait decoder live in modules of
their own. Each rule below names the files that break it.
"""

from __future__ import annotations

import ast
from pathlib import Path

from .imports import ROOT, imported_names

DOCUMENTS = ROOT / "kiosk" / "documents"
PKG = "kiosk.documents"


def _rel(path: Path) -> str:
    return str(path.relative_to(ROOT))


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _imports(path: Path) -> set[str]:
    return imported_names(path)


def _modules(*patterns: str) -> list[Path]:
    return sorted({p for pattern in patterns for p in DOCUMENTS.glob(pattern)})


def _under(name: str, *modules: str) -> bool:
    return any(name == m or name.startswith(m + ".") for m in modules)


def _offenders(paths: list[Path], forbidden: tuple[str, ...]) -> dict[str, list[str]]:
    found = {_rel(p): sorted(n for n in _imports(p) if _under(n, *forbidden)) for p in paths}
    return {p: n for p, n in found.items() if n}


def test_lds_parsers_import_only_bytes_level_modules():
    """The parsers know bytes: TLV, the LDS file table, the error types, the cipher names
    EF.CardAccess maps to, and the portrait's header for a size the record omits."""
    allowed = (f"{PKG}.lds", f"{PKG}.tlv", f"{PKG}.errors", f"{PKG}.crypto", f"{PKG}.chip_portrait")
    offenders = {}
    paths = _modules("lds/*.py", "tlv.py", "apdu.py", "capabilities.py", "status_words.py")
    assert len(paths) > 10, paths
    for path in paths:
        ours = [n for n in _imports(path) if _under(n, "kiosk", "hardware", "ui") and n != PKG]
        bad = sorted(n for n in ours if not _under(n, *allowed))
        if bad:
            offenders[_rel(path)] = bad
    assert offenders == {}


def test_lds_parsers_import_no_channel_secure_messaging_or_reader():
    forbidden = tuple(f"{PKG}.{m}" for m in (
        "channel", "secure_messaging", "filesystem", "reader", "bac", "pace", "access",
        "passive_auth", "trust", "chip_document", "chip_identity"))
    paths = _modules("lds/*.py")
    assert paths
    assert _offenders(paths, forbidden + ("hardware.card_reader",)) == {}


def test_errors_import_nothing_of_the_package():
    """Every module imports `errors`; it imports none of them (nor under TYPE_CHECKING)."""
    assert _offenders([DOCUMENTS / "errors.py"], ("kiosk", "hardware", "ui")) == {}


def test_secure_messaging_and_access_protocols_import_no_reader():
    """Secure messaging wraps and unwraps; BAC and PACE speak through a `send` callable.
    None of them knows who sends, which files are read, or in which order."""
    forbidden = tuple(f"{PKG}.{m}" for m in (
        "reader", "filesystem", "channel", "chip_document", "chip_identity", "chip_portrait",
        "passive_auth", "trust"))
    paths = [DOCUMENTS / f for f in ("secure_messaging.py", "crypto.py", "bac.py", "pace.py", "access.py")]
    assert _offenders(paths, forbidden + ("hardware",)) == {}


def test_only_the_channel_and_secure_messaging_wrap_apdus():
    """PlainChannel lives beside the SecureChannel interface, SecureMessaging beside its
    ciphers: no other module defines a class that wraps and unwraps APDUs."""
    home = {"kiosk/documents/channel.py", "kiosk/documents/secure_messaging.py"}
    found = set()
    for path in _modules("**/*.py"):
        for node in ast.walk(_tree(path)):
            if isinstance(node, ast.ClassDef):
                methods = {n.name for n in node.body if isinstance(n, ast.FunctionDef)}
                if {"wrap", "unwrap"} <= methods:
                    found.add(f"{_rel(path)}:{node.name}")
    assert {f for f in found if f.split(":")[0] not in home} == set()
    assert "kiosk/documents/channel.py:PlainChannel" in found


def test_the_reader_parses_no_bytes_itself():
    """reader.py orders the read: no TLV, ASN.1 or image code, no APDU bytes, no MRZ or
    Identity; of the parsers it calls only those whose answer decides what to read next
    (EF.COM, EF.CardAccess, ATR and EF.ATR/INFO) and the one that parses them all."""
    path = DOCUMENTS / "reader.py"
    forbidden = (f"{PKG}.tlv", f"{PKG}.apdu", f"{PKG}.chip_portrait", f"{PKG}.chip_identity",
                 "asn1crypto", "struct", "io", "PIL", "cv2", "hardware.images", "kiosk.domain", "kiosk.identity")
    assert _offenders([path], forbidden) == {}
    tree = _tree(path)
    calls = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
            if name.startswith(("parse", "decode", "from_atr", "unwrap")):
                calls.add(name)
    assert calls <= {"parse_com", "parse_card_access", "from_atr", "from_atr_info", "parse_document"}, calls
    apdu_bytes = [node.value for node in ast.walk(tree)
                  if isinstance(node, ast.Constant) and isinstance(node.value, bytes) and node.value]
    assert apdu_bytes == []


def test_status_word_literals_live_in_one_module():
    """ISO 7816-4 status words are named in `status_words` and spelled as numbers nowhere
    else: 0x9000 and 0x6XXX, and first bytes compared after `sw >> 8`."""
    found = []
    for path in _modules("**/*.py"):
        if path.name == "status_words.py":
            continue
        source = path.read_text(encoding="utf-8")
        tree = ast.parse(source)
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and type(node.value) is int:
                text = (ast.get_source_segment(source, node) or "").lower()
                if text == "0x9000" or (text.startswith("0x6") and len(text) == 6):
                    found.append(f"{_rel(path)}:{node.lineno}: {text}")
            elif isinstance(node, ast.Compare) and isinstance(node.left, ast.BinOp):
                left = node.left
                if (isinstance(left.op, ast.RShift) and isinstance(left.right, ast.Constant)
                        and left.right.value == 8):
                    found.append(f"{_rel(path)}:{node.lineno}: compares a first status byte")
    assert found == []


def test_one_portrait_decoder():
    """Only `chip_portrait` hands the chip's portrait to an image library."""
    image_code = ("hardware.images", "PIL", "cv2")
    paths = [p for p in _modules("**/*.py") if p.name != "chip_portrait.py"]
    assert _offenders(paths, image_code) == {}


def test_the_identity_mapping_has_a_module_of_its_own():
    """Only `chip_identity` (and the demo specimen) turns chip data into an Identity."""
    paths = [p for p in _modules("**/*.py") if p.name != "chip_identity.py"]
    assert _offenders(paths, ("kiosk.identity",)) == {}


def test_the_chip_emulator_stays_independent_of_the_reader_side():
    """The test chip shares the pure protocol arithmetic (BAC, PACE, secure messaging,
    the LDS builders) but not the reader's decisions, nor its names for status words: a
    chip that took its answers from the reader would agree with it where both are wrong."""
    forbidden = tuple(f"{PKG}.{m}" for m in (
        "reader", "filesystem", "channel", "chip_document", "chip_identity", "status_words"))
    paths = sorted((ROOT / "tests" / "emulators" / "emrtd").glob("*.py"))
    assert paths
    assert _offenders(paths, forbidden) == {}
