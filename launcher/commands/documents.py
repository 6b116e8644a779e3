"""`kiosk card read`: read an eMRTD chip on a real reader, for technicians and tests.

    kiosk card read [--reader PATTERN | --nfc PATH] (--doc-number N --birth YYMMDD
                    --expiry YYMMDD | --can NNNNNN | --mrz TEXT) [--trust DIR]
                    [--master-list FILE] [--photo-out FILE] [--extended auto|off]
                    [--timeout S] [--config kiosk.toml] --json

Prints the MRZ fields, the data groups read, DG13's fields when present, the portrait's
SHA-256 and size, the passive-authentication verdict, the access protocol, APDUs, bytes
and the time of each phase. Exit status: 0 read, 1 document error (wrong key, pulled,
unsupported, malformed), 2 usage or configuration, 3 no card in time, 4 no reader.
This prints the holder's data: it is a technician's tool, not a log.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

EXIT_DOCUMENT, EXIT_USAGE, EXIT_NO_CARD, EXIT_NO_READER = 1, 2, 3, 4


def register(subparsers: Any) -> None:
    from launcher.arguments import number

    card = subparsers.add_parser("card", help="chip documents: read a card on a real reader")
    sub = card.add_subparsers(dest="action", required=True)
    read = sub.add_parser("read", help="read an eMRTD chip (PACE or BAC, passive authentication)")
    where = read.add_mutually_exclusive_group()
    where.add_argument("--reader", help="PC/SC reader name pattern (regular expression); default: config, else first")
    where.add_argument("--nfc", metavar="PATH", help='read through nfcpy instead, e.g. "usb" or "udp:localhost:54321"')
    read.add_argument("--doc-number", help="document number (as in the MRZ)")
    read.add_argument("--birth", help="birth date YYMMDD")
    read.add_argument("--expiry", help="expiry date YYMMDD")
    read.add_argument("--can", help="card access number (PACE only)")
    read.add_argument("--mrz", help="the whole MRZ (lines separated by newlines or '|')")
    read.add_argument("--trust", help="folder of CSCA certificates / master lists (default: config)")
    read.add_argument("--master-list", help="ICAO master list file (default: config)")
    read.add_argument("--photo-out", help="write the portrait here (.jpg/.png decode it; .jp2 keeps JPEG 2000)")
    read.add_argument("--extended", choices=("auto", "off"), help="extended-length reads (default: config)")
    read.add_argument("--no-pace", action="store_true", help="BAC even when the chip offers PACE")
    read.add_argument("--timeout", type=number(low=0, high=3600, low_open=True), default=15.0,
                      help="seconds to wait for a card (default 15)")
    read.add_argument("--config", help="TOML configuration for defaults (reader, trust folder)")
    read.add_argument("--json", action="store_true", help="print the result as JSON")
    read.set_defaults(func=cmd_read)


def _fail(args: argparse.Namespace, code: int, kind: str, message: str, **extra: Any) -> int:
    if args.json:
        json.dump({"error": kind, "message": message, **extra}, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stderr.write(f"kiosk card read: {message}\n")
    return code


def _access_key(args: argparse.Namespace):
    from kiosk.documents.access import CanKey, MrzKey

    given = [bool(args.can), bool(args.mrz), any((args.doc_number, args.birth, args.expiry))]
    if sum(given) != 1:
        raise ValueError("give exactly one of --can, --mrz, or --doc-number with --birth and --expiry")
    if args.can:
        return CanKey(args.can)
    if args.mrz:
        return MrzKey.from_mrz(args.mrz.replace("|", "\n"))
    if not (args.doc_number and args.birth and args.expiry):
        raise ValueError("--doc-number, --birth and --expiry go together")
    return MrzKey(args.doc_number, args.birth, args.expiry)


def _write_photo(face, path: Path) -> dict[str, Any]:
    from kiosk.documents.chip_portrait import decode_face

    image = decode_face(face)
    suffix = path.suffix.lower()
    if (suffix in (".jp2", ".j2k") and face.mime == "image/jp2") or (suffix in (".jpg", ".jpeg") and face.mime == "image/jpeg"):
        path.write_bytes(face.data)  # as stored on the chip, byte for byte
    else:
        image.save(path)
    return {"written": str(path), "decoded_width": image.width, "decoded_height": image.height}


def _report(doc, reader_name: str, connect_s: float, total_s: float) -> dict[str, Any]:
    import hashlib

    mrz = doc.mrz
    return {
        "reader": reader_name,
        "access_protocol": doc.access_protocol,
        "mrz": {
            "document_type": mrz.document_type,
            "document_code": mrz.document_code,
            "issuing_state": mrz.issuing_state,
            "document_number": mrz.document_number,
            "nationality": mrz.nationality,
            "surname": mrz.surname,
            "given_names": mrz.given_names,
            "sex": mrz.sex,
            "birth_date": mrz.birth_date.isoformat(),
            "expiry_date": mrz.expiry_date.isoformat(),
            "optional_data": mrz.optional_data,
        },
        "data_groups": [g.name for g in doc.files],
        "dg11": None if doc.dg11 is None else {
            "full_name": doc.dg11.full_name_text,
            "personal_number": doc.dg11.personal_number,
            "full_date_of_birth": doc.dg11.full_date_of_birth_text,
            "place_of_birth": doc.dg11.place_of_birth,
        },
        "dg13": None if doc.dg13 is None else doc.dg13.as_dict(),
        "portrait": {
            "mime": doc.face.mime,
            "bytes": len(doc.face.data),
            "width": doc.face.width,
            "height": doc.face.height,
            "sha256": hashlib.sha256(doc.face.data).hexdigest(),
        },
        "passive_auth": doc.passive_auth.as_dict() if doc.passive_auth else None,
        "apdus": doc.apdu_count,
        "bytes_read": doc.bytes_read,
        "extended_length": doc.extended_length,
        "timings_s": {"wait_for_card": round(connect_s, 4), **{k: round(v, 4) for k, v in doc.timings.items()},
                      "total": round(total_s, 4)},
        "warnings": doc.warnings,
    }


def cmd_read(args: argparse.Namespace) -> int:
    import time

    from hardware.errors import DeviceUnavailable, HardwareError
    from kiosk.documents.errors import DocumentError, WrongAccessKey, describe
    from kiosk.documents.reader import ReadOptions, read_document
    from kiosk.documents.trust import TrustStore

    try:
        key = _access_key(args)
    except ValueError as exc:
        return _fail(args, EXIT_USAGE, "usage", str(exc))
    cfg = None
    if args.config:
        from kiosk.config import ConfigError, load_config

        try:
            cfg = load_config(Path(args.config))
        except ConfigError as exc:
            return _fail(args, EXIT_USAGE, "config", str(exc))
    card_cfg = cfg.devices.card_reader if cfg is not None else None
    trust_dir = Path(args.trust) if args.trust else (cfg.trust_dir_path if cfg is not None else None)
    master = Path(args.master_list) if args.master_list else (cfg.master_list_path if cfg is not None else None)
    trust = TrustStore.load(trust_dir, master) if (trust_dir or master) else None
    extended = args.extended or (card_cfg.extended_length if card_cfg is not None else "auto")
    options = ReadOptions(extended_length=extended, pace=not args.no_pace)

    from launcher.drivers import chip_reader

    if args.nfc or (card_cfg is not None and card_cfg.driver == "nfc" and args.reader is None):
        reader = chip_reader("nfc", nfc_path=args.nfc or card_cfg.nfc_path)
    else:
        pattern = args.reader if args.reader is not None else (card_cfg.reader_pattern if card_cfg else "")
        reader = chip_reader("pcsc", reader_pattern=pattern)
    started = time.perf_counter()
    try:
        conn = reader.wait_for_card(args.timeout)
        if conn is None:
            return _fail(args, EXIT_NO_CARD, "no_card", f"no card on {reader.name} within {args.timeout:g} s")
        connected = time.perf_counter()
        with conn:
            doc = read_document(conn, access_key=key, trust=trust, options=options)
        done = time.perf_counter()
    except DeviceUnavailable as exc:
        return _fail(args, EXIT_NO_READER, "reader_unavailable", str(exc))
    except WrongAccessKey as exc:
        return _fail(args, EXIT_DOCUMENT, "wrong_access_key", "the access data do not open this chip",
                     **describe(exc))
    except DocumentError as exc:
        return _fail(args, EXIT_DOCUMENT, type(exc).__name__, str(exc), **describe(exc))
    except HardwareError as exc:
        return _fail(args, EXIT_NO_READER, type(exc).__name__, str(exc))
    finally:
        reader.close()
    reader_name = getattr(conn, "reader", reader.name)
    report = _report(doc, reader_name, connected - started, done - started)
    if args.photo_out:
        from kiosk.documents.errors import MalformedDocument

        try:
            report["portrait"].update(_write_photo(doc.face, Path(args.photo_out)))
        except MalformedDocument as exc:
            report["warnings"].append(str(exc))
    if trust is not None and trust.warnings:
        report["trust_warnings"] = trust.warnings
    if args.json:
        json.dump(report, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        m = report["mrz"]
        pa = report["passive_auth"] or {}
        print(f"{m['document_code']} {m['issuing_state']} {m['document_number']}: {m['surname']}, {m['given_names']}")
        print(f"access {report['access_protocol']}, passive authentication {pa.get('status')} ({pa.get('reason')})")
        print(f"{report['apdus']} APDUs, {report['bytes_read']} bytes, {report['timings_s']['total']:.3f} s")
    return 0
