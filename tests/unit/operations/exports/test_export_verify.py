"""`kiosk export verify`: an untouched export is valid; one byte changed in any file, a
file added or removed, names that file; a foreign key is told apart with --public-key."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.unit.operations.exports.support import export, simulate, verify

FILES = ("manifest.json", "reconciliation.json", "sessions.csv", "sessions.jsonl",
         "summary.en.pdf", "summary.vi.pdf", "summary.zh_CN.pdf")


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    root = tmp_path_factory.mktemp("export-verify")
    report = simulate(root / "data", 12, seed=5)
    written = export(root / "data", root / "export")
    return root, report, written


@pytest.fixture
def copy(made, tmp_path):
    root, _, _ = made
    target = tmp_path / "export"
    shutil.copytree(root / "export", target)
    return target


def test_an_untouched_export_is_valid_and_carries_the_journal_head(made):
    root, report, written = made
    assert sorted(written["files"]) == sorted(FILES)
    code, verdict = verify(root / "export")
    assert code == 0 and verdict["valid"] and verdict["problems"] == []
    assert verdict["kiosk_id"] == "SIM-0001" and verdict["date"] == "2026-11-21" and not verdict["key_checked"]
    assert verdict["journal"]["head_hash"] == report["journal"]["last_hash"]
    assert verdict["journal"]["head_seq"] == report["journal"]["last_seq"] and verdict["journal"]["day_valid"]
    code, verdict = verify(root / "export", "--public-key", str(root / "data" / "receipt-public-key.pem"))
    assert code == 0 and verdict["key_checked"]


def _flip(path: Path, position: int, bit: int) -> None:
    data = bytearray(path.read_bytes())
    data[position % len(data)] ^= 1 << bit
    path.write_bytes(bytes(data))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.sampled_from(FILES), position=st.integers(0, 10**7), bit=st.integers(0, 7))
def test_one_byte_changed_in_any_file_names_that_file(made, tmp_path_factory, name, position, bit):
    root, _, _ = made
    target = tmp_path_factory.mktemp("flip") / "export"
    shutil.copytree(root / "export", target)
    _flip(target / name, position, bit)
    code, verdict = verify(target)
    assert code == 1 and not verdict["valid"]
    assert [p["file"] for p in verdict["problems"]] == [name]
    assert verdict["problems"][0]["kind"] == ("altered" if name == "manifest.json" else "changed")


@pytest.mark.parametrize("name", FILES)
def test_the_first_and_last_byte_of_each_file(copy, name):
    for position in (0, -1):
        data = bytearray((copy / name).read_bytes())
        original = data[position]
        data[position] = (original + 1) % 256
        (copy / name).write_bytes(bytes(data))
        code, verdict = verify(copy)
        assert code == 1 and [p["file"] for p in verdict["problems"]] == [name]
        data[position] = original
        (copy / name).write_bytes(bytes(data))
    assert verify(copy)[0] == 0


def test_a_removed_file_is_named(copy):
    (copy / "sessions.csv").unlink()
    code, verdict = verify(copy)
    assert code == 1 and verdict["problems"] == [
        {"file": "sessions.csv", "kind": "missing", "detail": "listed in the manifest, not in the folder"}]


def test_an_added_file_is_named_also_in_a_subfolder(copy):
    (copy / "notes.txt").write_text("looks harmless")
    (copy / "sub").mkdir()
    (copy / "sub" / "x.pdf").write_bytes(b"%PDF")
    code, verdict = verify(copy)
    assert code == 1 and sorted(p["file"] for p in verdict["problems"]) == ["notes.txt", "sub/x.pdf"]
    assert {p["kind"] for p in verdict["problems"]} == {"added"}


def test_a_missing_manifest_is_named(copy):
    (copy / "manifest.json").unlink()
    code, verdict = verify(copy)
    assert code == 1 and [(p["file"], p["kind"]) for p in verdict["problems"]] == [("manifest.json", "missing")]


def test_a_file_changed_and_the_manifest_rehashed_fails_the_signature(copy):
    """Whoever edits a file and writes its new hash into the manifest cannot sign it."""
    import hashlib

    from kiosk.operations.exports.manifest import canonical

    (copy / "sessions.csv").write_bytes((copy / "sessions.csv").read_bytes().replace(b"completed", b"cancelled", 1))
    doc = json.loads((copy / "manifest.json").read_bytes())
    doc["manifest"]["files"]["sessions.csv"]["sha256"] = hashlib.sha256((copy / "sessions.csv").read_bytes()).hexdigest()
    (copy / "manifest.json").write_bytes(canonical(doc))
    code, verdict = verify(copy)
    assert code == 1 and verdict["problems"][0]["file"] == "manifest.json"
    assert "signature" in verdict["problems"][0]["detail"]


def test_an_export_resigned_with_another_key_passes_only_without_the_kiosks_key(copy, made, tmp_path):
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from kiosk.operations.exports import manifest

    root, _, _ = made
    about = {k: v for k, v in json.loads((copy / "manifest.json").read_bytes())["manifest"].items()
             if k not in ("files", "format")}
    names = [n for n in FILES if n != "manifest.json"]
    (copy / "manifest.json").write_bytes(manifest.build(copy, names, about, Ed25519PrivateKey.generate()))
    assert verify(copy)[0] == 0     # self-consistent: only the kiosk's key can tell
    code, verdict = verify(copy, "--public-key", str(root / "data" / "receipt-public-key.pem"))
    assert code == 1 and verdict["problems"][0]["kind"] == "foreign_key" and verdict["key_checked"]


def test_a_manifest_signature_is_no_receipt_signature(made):
    """The receipt key signs both; a manifest's signed bytes never parse as a receipt's QR."""
    from kiosk.operations.exports.manifest import DOMAIN
    from kiosk.receipts.payload import MalformedPayload, parse_payload

    with pytest.raises(MalformedPayload):
        parse_payload((DOMAIN + b"{}").decode())


def test_every_bit_of_a_manifest_matters(tmp_path):
    """Exhaustively, every bit of every byte of a manifest flipped: each is found. Found
    by the property test above: the key fingerprint was not checked against the key, and
    base64's last character before "=" carries bits decoders ignore."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from kiosk.operations.exports import manifest

    (tmp_path / "a.csv").write_text("session,outcome\n2,completed\n")
    about = {"kiosk_id": "SIM-0001", "date": "2026-11-21", "written": "2026-11-22T02:30:00+00:00",
             "journal": {"head_seq": 12, "head_hash": "ab" * 32}}
    raw = manifest.build(tmp_path, ["a.csv"], about, Ed25519PrivateKey.generate())
    path = tmp_path / manifest.NAME
    path.write_bytes(raw)
    assert manifest.verify(tmp_path).valid
    unnoticed = []
    for i in range(len(raw)):
        for bit in range(8):
            changed = bytearray(raw)
            changed[i] ^= 1 << bit
            path.write_bytes(bytes(changed))
            found = manifest.verify(tmp_path).problems
            if [(p["file"], p["kind"]) for p in found] != [(manifest.NAME, "altered")]:
                unnoticed.append((i, bit, raw[max(0, i - 12): i + 4]))
    assert unnoticed == []


def test_an_added_file_with_a_hostile_name_is_named_on_one_line(copy):
    import os

    from tests.unit.operations.exports.support import run

    with open(os.path.join(os.fsencode(copy), b"\xff\nsessions.csv"), "w") as f:
        f.write("x")
    code, verdict = verify(copy)
    assert code == 1 and [p["file"] for p in verdict["problems"]] == ["\udcff\nsessions.csv"]
    code, out, err = run("export", "verify", str(copy))
    assert code == 1 and err == "" and out.splitlines()[1] == "  \\udcff\\nsessions.csv: added: not listed in the manifest"
