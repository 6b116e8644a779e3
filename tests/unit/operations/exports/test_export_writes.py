"""How an export is written: nothing in the data folder changes; a failed export leaves
no folder that looks like one; the same day exported at the same moment gives the same
bytes; an existing folder is refused in one line."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest

from tests.unit.operations.exports.support import DAY, run, simulate


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    d = tmp_path_factory.mktemp("export-writes") / "data"
    simulate(d, 5, seed=9)
    return d


def _tree(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _write(data_dir: Path, out: Path, **kwargs):
    from kiosk.config import load_config, with_overrides
    from kiosk.operations.exports.export import write_export
    from kiosk.receipts.signing import ReceiptSigner
    from kiosk.storage import ApplicationStore

    cfg = with_overrides(load_config(None, env={}), {"kiosk.data_dir": str(data_dir)})
    store = ApplicationStore.from_config(cfg, inspect=True)
    try:
        queue = store.entries()
    finally:
        store.close()
    key = ReceiptSigner.load(cfg.resolve_path(cfg.receipt.signing_key)).private_key
    return write_export(data_dir / "journal", dt.date.fromisoformat(DAY), out, queue=queue, private_key=key,
                        languages=["en"], **kwargs)


def test_the_command_changes_nothing_in_the_data_folder(data_dir, tmp_path):
    before = _tree(data_dir)
    code, out, err = run("export", "--data-dir", str(data_dir), "--date", DAY, "--out", str(tmp_path / "x"),
                         "--lang", "vi")
    assert code == 0, err
    assert _tree(data_dir) == before


def test_the_same_moment_gives_the_same_bytes(data_dir, tmp_path):
    moment = dt.datetime(2026, 11, 22, 2, 30, tzinfo=dt.timezone.utc)
    _write(data_dir, tmp_path / "a", now=lambda: moment)
    _write(data_dir, tmp_path / "b", now=lambda: moment)
    assert _tree(tmp_path / "a") == _tree(tmp_path / "b")


def test_a_failed_export_leaves_no_folder_named_like_one(data_dir, tmp_path, monkeypatch):
    from kiosk.operations.exports import pdf

    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pdf, "render", full_disk)
    with pytest.raises(OSError):
        _write(data_dir, tmp_path / "out")
    assert sorted(p.name for p in tmp_path.iterdir()) == [".out.partial"]   # hidden, and says so
    monkeypatch.undo()
    _write(data_dir, tmp_path / "out")          # the next try replaces the partial folder
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_an_existing_folder_is_refused_in_one_line(data_dir, tmp_path):
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "old.csv").write_text("keep me")
    code, out, err = run("export", "--data-dir", str(data_dir), "--date", DAY, "--out", str(tmp_path / "x"))
    assert code == 2 and err.count("\n") == 1 and "not an empty folder" in err
    assert (tmp_path / "x" / "old.csv").read_text() == "keep me"
    code, out, err = run("export", "--data-dir", str(data_dir), "--date", "2026-11-23", "--out", str(tmp_path / "y"))
    assert code == 2 and "no entries for 2026-11-23" in err
