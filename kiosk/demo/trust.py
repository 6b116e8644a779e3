"""The demo's trust anchor: the specimen card's CSCA, trusted only where that card lies.

Demo mode's simulated reader holds the specimen card, whose EF.SOD the specimen PKI
signs; trusting that PKI's CSCA there lets the demo card pass passive authentication
like a genuine one, so the demo journey runs the same rule as production (no chip is
renewed on unless its signer chains to a trusted CSCA). Its key is derived from a public
seed, so anyone can sign with it: a reader that reads real cards never trusts it, not
even in demo mode, and outside demo mode `specimen_csca` refuses.
"""

from __future__ import annotations

from kiosk.demo.specimen import specimen_csca


def specimen_anchors(cfg) -> list:  # type: ignore[no-untyped-def]  # cfg: kiosk.config.KioskConfig
    """The CSCAs the demo adds to the configured ones: the specimen's, where the specimen
    card lies (demo mode's simulated reader); none anywhere else."""
    if cfg.kiosk.mode == "demo" and cfg.devices.card_reader.driver == "simulated":
        return [specimen_csca(cfg.kiosk.mode, cfg.document.country)]
    return []
