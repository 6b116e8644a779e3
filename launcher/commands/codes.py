"""`kiosk qr read`: what the codes in a picture are and what they hold.

    kiosk qr read IMAGE [--json]

For technicians checking the camera's view of a code, and for tests. Prints every code
found (a CCCD card's front QR with its fields, a studio photo receipt, an e-ID code, a
kiosk receipt) and, for a code the kiosk does not know or whose content breaks its
rules, why. Exit status: 0 at least one code the kiosk knows, 1 codes found but none
usable or no code at all (the answer is on stdout), 2 the file is no usable picture.
This prints personal data from the code: it is a technician's tool, not a log.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

EXIT_OK, EXIT_NONE, EXIT_UNREADABLE = 0, 1, 2


def register(subparsers: Any) -> None:
    qr = subparsers.add_parser("qr", help="codes citizens show: decode and classify")
    sub = qr.add_subparsers(dest="action", required=True)
    read = sub.add_parser("read", help="decode the codes in a picture and say what they hold")
    read.add_argument("image", help="picture file (JPEG, PNG, ...): a photo of the code")
    read.add_argument("--json", action="store_true", help="print the result as JSON")
    read.set_defaults(func=cmd_read)


def read_codes(path) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """What `kiosk qr read --json` prints for a picture file (ImageRefused, OSError and
    UnreadableCode for the caller)."""
    from kiosk.codes.decoder import find_codes_in_file
    from kiosk.codes.kinds import UnknownCode, classify

    codes = []
    for found in find_codes_in_file(path):
        entry: dict[str, Any] = {"format": found.format, "corners": [list(c) for c in found.corners]}
        try:
            entry.update(classify(found.text).as_dict())
            entry["valid"] = True
        except UnknownCode as exc:
            entry.update({"valid": False, "kind": exc.kind.value if exc.kind else None,
                          "error": str(exc), "field": exc.field})
        codes.append(entry)
    return {"codes": codes}


def cmd_read(args: argparse.Namespace) -> int:
    from hardware.images import ImageRefused
    from kiosk.codes.decoder import UnreadableCode
    from launcher.arguments import readable_file_or_exit

    file = readable_file_or_exit(args.image, "kiosk qr read: ")
    try:
        result = read_codes(file)
    except (ImageRefused, OSError) as exc:
        sys.stderr.write(f"kiosk qr read: cannot use image {args.image}: {exc}\n")
        return EXIT_UNREADABLE
    except UnreadableCode as exc:
        result = {"codes": [{"valid": False, "kind": None, "error": str(exc), "field": None}]}
    codes = result["codes"]
    if not codes:
        result["message"] = f"no code found in {file.name}"
    if args.json:
        json.dump(result, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    elif not codes:
        print(result["message"])
    else:
        for code in codes:
            if code["valid"]:
                fields = ", ".join(f"{k}={v}" for k, v in code["fields"].items())
                print(f"{code['kind']} ({code['format']}): {fields}")
            else:
                print(f"unusable code: {code['error']}")
    return EXIT_OK if any(c["valid"] for c in codes) else EXIT_NONE
