"""The running kiosk's daily export as the launcher wires it: at export.daily_time the
day before is written into export.folder, valid, and the kiosk journals that it did."""

from __future__ import annotations

import datetime as dt
import json
from types import SimpleNamespace

from tests.unit.operations.exports.support import DAY, simulate, verify


def test_the_scheduled_export_is_written_signed_and_journalled(tmp_path):
    from kiosk.config import with_overrides
    from kiosk.operations.journal import Journal
    from kiosk.operations.journal_lines import journal_folder
    from kiosk.receipts.signing import signer_from_config
    from kiosk.storage import ApplicationStore
    from launcher.services import daily_export
    from launcher.simulation.run import simulation_config

    data_dir = tmp_path / "data"
    report = simulate(data_dir, 4, seed=2)
    cfg = with_overrides(simulation_config(data_dir), {"export.daily_time": "02:30", "export.languages": ["en"]})
    now = [dt.datetime.combine(dt.date.fromisoformat(DAY) + dt.timedelta(days=1), dt.time(2, 29)).astimezone()]
    store = ApplicationStore.from_config(cfg)
    journal = Journal(journal_folder(data_dir), clock=lambda: now[0], kiosk_id=cfg.kiosk.id, currency="CNY")
    services = SimpleNamespace(store=store, receipt_signer=signer_from_config(cfg), journal=journal,
                               clock=lambda: now[0])
    try:
        scheduler = daily_export(cfg, services)
        assert scheduler.run_pending() == []
        now[0] += dt.timedelta(minutes=1)
        assert scheduler.run_pending() == [dt.date.fromisoformat(DAY)]
        assert scheduler.run_pending() == []
    finally:
        journal.close()
        store.close()
    folder = data_dir / "exports" / f"SIM-0001-{DAY}"
    code, verdict = verify(folder)
    assert code == 0 and verdict["journal"]["head_hash"] == report["journal"]["last_hash"]
    assert sorted(p.name for p in folder.iterdir()) == ["manifest.json", "reconciliation.json", "sessions.csv",
                                                         "sessions.jsonl", "summary.en.pdf"]
    last = json.loads((journal_folder(data_dir) / "2026-11-22.jsonl").read_text().splitlines()[-1])
    assert (last["event"], last["action"], last["result"]) == ("maintenance", "export", "ok")
    assert daily_export(with_overrides(cfg, {"export.daily_time": None}), services) is None
