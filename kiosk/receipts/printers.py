"""The receipt printer and the signing key named by the configuration.

`printer_from_config` maps `[devices.printer]` to a driver: the composition root
(`kiosk.app`) and the technicians' commands (`kiosk receipt reprint`) build printers
here, so every driver's settings are read in one place.
"""

from __future__ import annotations

from hardware.printer import Printer
from kiosk.receipts.signing import ReceiptSigner


def printer_from_config(cfg) -> Printer:  # type: ignore[no-untyped-def]  # cfg: kiosk.config.KioskConfig
    pr = cfg.devices.printer
    if pr.driver == "simulated":
        from hardware.printer.simulated import SimulatedPrinter

        return SimulatedPrinter(cfg.printer_output_dir)
    if pr.driver == "folder":
        from hardware.printer.folder import FolderPrinter

        return FolderPrinter(cfg.printer_output_dir)
    if pr.driver in ("escpos-network", "escpos-device"):
        from escpos.capabilities import get_profile

        from hardware.printer.escpos import EscposPrinter
        from kiosk.receipts.thermal import profile_width_dots

        try:
            get_profile(pr.escpos_profile)
        except KeyError:
            raise ValueError(
                f"devices.printer.escpos_profile {pr.escpos_profile!r} is not a python-escpos printer profile"
            ) from None
        common = dict(
            timeout=pr.timeout_seconds,
            job_timeout=pr.job_timeout_seconds,
            width_dots=profile_width_dots(pr.escpos_profile),
            escpos_profile=pr.escpos_profile,
            qr_native=pr.escpos_qr == "native",
        )
        if pr.driver == "escpos-network":
            return EscposPrinter.network(pr.host, pr.port, **common)  # type: ignore[arg-type]
        return EscposPrinter.device(pr.device, pr.baudrate, **common)  # type: ignore[arg-type]
    if pr.driver == "cups":
        from hardware.printer.cups import CupsPrinter

        return CupsPrinter(
            pr.queue, server=pr.cups_server, timeout=pr.timeout_seconds, job_timeout=pr.job_timeout_seconds
        )
    raise ValueError(f"unknown printer driver {pr.driver!r}")


def signer_from_config(cfg) -> ReceiptSigner:  # type: ignore[no-untyped-def]
    """This kiosk's signing key (created on first use), with its public key exported."""
    signer = ReceiptSigner.load_or_create(cfg.resolve_path(cfg.receipt.signing_key), cfg.kiosk.id)
    signer.export_public_key(cfg.resolve_path(cfg.receipt.public_key))
    return signer
