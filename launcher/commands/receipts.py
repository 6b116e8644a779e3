"""`kiosk receipt ...` and `kiosk verify-receipt`: sample receipts, reprints, offline checks.

    kiosk receipt sample --lang vi --format png --out r.png [--config kiosk.toml]
    kiosk receipt reprint SH-XH-001-261121-00019 --config kiosk.toml
    kiosk receipt public-key --config kiosk.toml
    kiosk verify-receipt --image r.png [--public-key kiosk.pem] --json

Samples are signed with the configured kiosk's key (created on first use, as the kiosk
does at start) unless `--signing-key` names another, so `verify-receipt` with its default
key (this kiosk's) accepts them. Heavy imports stay inside the command functions.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

FORMATS = ("pdf", "png", "escpos")
LANGS = ("zh_CN", "en", "vi")


def register(subparsers: Any) -> None:
    receipt = subparsers.add_parser("receipt", help="receipts: samples, reprints, the public key")
    sub = receipt.add_subparsers(dest="action", required=True)

    sample = sub.add_parser("sample", help="render a receipt with demo data")
    sample.add_argument("--lang", choices=LANGS, default="zh_CN")
    sample.add_argument("--format", choices=FORMATS, default="pdf",
                        help="pdf (CUPS, screen), png (the thermal receipt as printed), escpos (printer bytes)")
    sample.add_argument("--out", required=True, help="file to write")
    sample.add_argument("--qr", choices=("image", "native"), help="escpos only: how the QR code is sent (default: config)")
    sample.add_argument("--config", help="TOML configuration (default: built-in defaults)")
    sample.add_argument("--signing-key", help="Ed25519 private key PEM to sign with (created if missing)")
    sample.add_argument("--json", action="store_true", help="describe what was written, as JSON")
    sample.set_defaults(func=cmd_sample)

    reprint = sub.add_parser("reprint", help="print the receipt of a queued application again")
    reprint.add_argument("number", help="application number")
    reprint.add_argument("--config", required=True, help="TOML configuration")
    reprint.add_argument("--lang", choices=LANGS, help="default: the citizen's language")
    reprint.add_argument("--json", action="store_true")
    reprint.set_defaults(func=cmd_reprint)

    key = sub.add_parser("public-key", help="export this kiosk's public key (creating the key pair if needed)")
    key.add_argument("--config", help="TOML configuration")
    key.add_argument("--out", help="also write it here")
    key.set_defaults(func=cmd_public_key)

    verify = subparsers.add_parser("verify-receipt", help="check a receipt's signed QR code, offline")
    source = verify.add_mutually_exclusive_group(required=True)
    source.add_argument("--text", help="the QR code's text")
    source.add_argument("--image", help="a PNG/JPEG photo or scan of the receipt, or its PDF")
    verify.add_argument("--public-key", action="append", default=[],
                        help="public key file, or folder of <KIOSK-ID>.pem files; repeatable "
                             "(default: this kiosk's own public key)")
    verify.add_argument("--config", help="TOML configuration (for this kiosk's key)")
    verify.add_argument("--json", action="store_true")
    verify.set_defaults(func=cmd_verify)


def _config(path: str | None):  # type: ignore[no-untyped-def]
    from launcher.refusals import load_config_or_exit

    return load_config_or_exit(path)


def _reason(exc: Exception) -> str:
    """An error for one line: an OSError by its reason and file, any long path shortened."""
    from kiosk.config.errors import shown_path

    if isinstance(exc, OSError) and exc.strerror:
        return f"{shown_path(exc.filename)}: {exc.strerror}" if exc.filename else exc.strerror
    text = str(exc)
    return text if len(text) <= 300 else text[:297] + "..."


def _cannot_write(path: Path, exc: OSError) -> int:
    from kiosk.config.errors import shown_path

    reason = "it is a folder" if isinstance(exc, IsADirectoryError) else exc.strerror or str(exc)
    sys.stderr.write(f"kiosk: cannot write {shown_path(path)}: {reason}\n")
    return 2


def _print_json(value: object) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def cmd_sample(args: argparse.Namespace) -> int:
    from kiosk.demo.applications import DEMO_TZ, demo_application
    from kiosk.receipts.issue import receipt_for
    from kiosk.receipts.signing import ReceiptSigner, SigningKeyError, signer_from_config
    from kiosk.receipts.thermal import ThermalOptions, profile_width_dots, render_thermal

    cfg = _config(args.config)
    try:
        if args.signing_key:
            signer = ReceiptSigner.load_or_create(Path(args.signing_key), cfg.kiosk.id, cfg.receipt.verify_page)
        else:
            signer = signer_from_config(cfg)
    except (OSError, SigningKeyError) as exc:
        sys.stderr.write(f"kiosk: no usable signing key ({_reason(exc)}); pass --config or --signing-key\n")
        return 2
    app = demo_application(args.lang, kiosk_id=cfg.kiosk.id)
    receipt = receipt_for(app, signer, tz=DEMO_TZ)
    out = Path(args.out)
    info: dict[str, object] = {"out": str(out), "format": args.format, "lang": args.lang,
                               "application_number": receipt.application_number,
                               "qr_text": receipt.qr_content, "key_fingerprint": signer.fingerprint}
    if args.format == "pdf":
        from kiosk.receipts.pdf import receipt_page_size_mm, render_receipt_pdf

        data = render_receipt_pdf(receipt)
        info["size_mm"] = receipt_page_size_mm(receipt)
    else:
        pr = cfg.devices.printer
        options = ThermalOptions(
            width_dots=profile_width_dots(pr.escpos_profile),
            qr_native=(args.qr or pr.escpos_qr) == "native",
            escpos_profile=pr.escpos_profile,
        )
        drawn = render_thermal(receipt, options)
        data = drawn.preview_png() if args.format == "png" else drawn.escpos_bytes()
        qr = drawn.qr
        info.update(size_mm=drawn.size_mm, qr_version=qr.version, qr_error=qr.error,
                    qr_modules=len(qr.matrix), qr_module_dots=drawn.qr_module_dots)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(data)
    except OSError as exc:
        return _cannot_write(out, exc)
    info["bytes"] = len(data)
    if args.json:
        _print_json(info)
    else:
        print(f"{out}: {args.format} receipt {receipt.application_number} ({args.lang}), {len(data)} bytes")
    return 0


def cmd_reprint(args: argparse.Namespace) -> int:
    from kiosk.receipts.reprint import ReprintService
    from kiosk.receipts.signing import SigningKeyError, signer_from_config
    from kiosk.storage import DecryptionError
    from kiosk.storage.store import ApplicationNotFound
    from launcher import drivers
    from launcher.refusals import open_queue_or_exit

    cfg = _config(args.config)
    from kiosk.operations.paper import PaperCounter, PaperCountingPrinter

    store = open_queue_or_exit(cfg)   # a missing or foreign data key: the start's message
    printer = PaperCountingPrinter(drivers.printer(cfg), PaperCounter.from_config(cfg))   # the kiosk's roll
    try:
        issued = ReprintService(store, printer, signer_from_config(cfg), station_in=cfg.kiosk.station_in).reprint(
            args.number, lang=args.lang)
    except (ValueError, OSError, SigningKeyError) as exc:
        sys.stderr.write(f"kiosk: {exc}\n")
        return 2
    except ApplicationNotFound:
        sys.stderr.write(f"kiosk: no application {args.number.strip().upper()} in the local queue\n")
        return 1
    except DecryptionError as exc:  # e.g. a delivered application whose key is gone
        sys.stderr.write(f"kiosk: application {args.number.strip().upper()} cannot be read: {exc}\n")
        return 1
    finally:
        store.close()
        printer.close()
    r = issued.result
    summary = {"application_number": issued.receipt.application_number, "printed": r.ok,
               "status_before": r.status_before.value, "status_after": r.status_after.value, "detail": r.detail}
    if args.json:
        _print_json(summary)
    else:
        print(("printed" if r.ok else f"NOT printed ({r.detail})") + f": {issued.receipt.application_number}")
    return 0 if r.ok else 1


def cmd_public_key(args: argparse.Namespace) -> int:
    from kiosk.receipts.signing import SigningKeyError, signer_from_config

    cfg = _config(args.config)
    try:
        signer = signer_from_config(cfg)
    except (OSError, SigningKeyError) as exc:
        sys.stderr.write(f"kiosk: no usable signing key: {_reason(exc)}\n")
        return 2
    path = cfg.resolve_path(cfg.receipt.public_key)
    if args.out:
        try:
            signer.export_public_key(Path(args.out))
        except OSError as exc:
            return _cannot_write(Path(args.out), exc)
    sys.stdout.write(signer.public_pem().decode("ascii"))
    sys.stderr.write(f"kiosk {cfg.kiosk.id}: key {signer.fingerprint}, exported to {path}\n")
    return 0


def _own_key(cfg):  # type: ignore[no-untyped-def]
    """This kiosk's public key: the exported file, else derived from the private key."""
    from kiosk.receipts.signing import PublicKeyInfo, ReceiptSigner, load_public_key

    exported = cfg.resolve_path(cfg.receipt.public_key)
    if exported.is_file():
        info = load_public_key(exported)
        return info if info.kiosk_id else PublicKeyInfo(info.key, cfg.kiosk.id.upper(), info.source)
    private = cfg.resolve_path(cfg.receipt.signing_key)
    if private.is_file():
        signer = ReceiptSigner.load_or_create(private, cfg.kiosk.id.upper())
        return PublicKeyInfo(signer.public_key, cfg.kiosk.id.upper(), str(private))
    return None


def cmd_verify(args: argparse.Namespace) -> int:
    from kiosk.receipts.signing import SigningKeyError
    from kiosk.receipts.verify import ImageRefused, Keyring, PdfUnreadable, verify_file, verify_text

    keyring = Keyring()
    try:
        for path in args.public_key:
            try:
                keyring.add_path(Path(path))
            except OSError as exc:  # a folder that cannot be listed, a name too long, ...
                raise SigningKeyError(f"cannot read {path}: {exc.strerror or exc}") from None
        if not args.public_key:
            own = _own_key(_config(args.config))
            if own is None:
                sys.stderr.write("kiosk: this kiosk has no receipt key yet; pass --public-key\n")
                return 2
            keyring.add(own)
    except SigningKeyError as exc:
        sys.stderr.write(f"kiosk: {_reason(exc)}\n")
        return 2
    if args.text is not None:
        verdict = verify_text(args.text, keyring)
    else:
        from launcher.arguments import readable_file_or_exit

        image = readable_file_or_exit(args.image)
        try:
            verdict = verify_file(image, keyring)
        except (OSError, ImageRefused, PdfUnreadable) as exc:  # e.g. a picture too large, pdftoppm missing
            sys.stderr.write(f"kiosk: cannot read {image}: {exc}\n")
            return 2
    if args.json:
        _print_json(verdict.as_dict())
    else:
        print(("VALID: " if verdict.valid else f"INVALID ({verdict.reason.value}): ") + verdict.message)
        print(f"QR signature: {'valid' if verdict.signature_valid else 'not valid'}")
        status = verdict.printed_text.value.replace("_", " ")
        print(f"printed text: {status}: {verdict.printed_note}")
        for warning in verdict.warnings:
            if warning != verdict.printed_note:
                print(f"warning: {warning}")
    return 0 if verdict.valid else 1
