"""Chip-read figures: APDUs and time for one document, 223-byte blocks vs extended length.

Reads the same TD3 document (about 18 KB of portrait) through a real pcscd with
vsmartcard-vpcd when it can start one (else in process), with BAC and with PACE, in
short-APDU mode and with extended length, with no chip latency and with a chip that
spends 10 ms per APDU (real chips spend 5-20 ms per secure-messaging APDU: the APDU
count is the lever). Prints the APDUs used against the minimum for the document:

  minimum = access control (BAC: SELECT + GET CHALLENGE + EXTERNAL AUTHENTICATE = 3;
            PACE: EF.CardAccess + MSE:Set AT + 4 GENERAL AUTHENTICATE + SELECT = 7)
          + for each file, ceil(size / largest answer), the first read selecting the file
            by its short EF identifier; plus 1 to learn extended-length support
            (EF.ATR/INFO) in extended mode.

Run: .venv/bin/python tests/bench/bench_emrtd.py  (BENCH_RUNS=5 by default). Asserts nothing.
"""

from __future__ import annotations

import math
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from tests.emulators.emrtd import ChipConfig, InProcessCard, chip_for, make_document  # noqa: E402
from kiosk.documents.crypto import CipherKind  # noqa: E402
from kiosk.documents.lds.card_access import PaceInfo, pace_oid  # noqa: E402
from kiosk.documents.reader import read_document  # noqa: E402
from kiosk.documents.secure_messaging import max_plain_length  # noqa: E402
from kiosk.documents.trust import TrustStore  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "5"))
CHIP_MAX_RESPONSE = 65535
PACE = PaceInfo(pace_oid("ECDH", "GM", CipherKind.AES, 128), 2, 13)


def minimum_apdus(doc, protocol: str, extended: bool) -> int:
    kind = CipherKind.TDES if protocol == "BAC" else CipherKind.AES
    largest = max_plain_length(CHIP_MAX_RESPONSE if extended else 256, kind)
    files = sum(math.ceil(len(data) / largest) for data in doc.files.values())
    access = 3 if protocol == "BAC" else 7
    return access + files + (1 if extended else 0)


class Transport:
    def __init__(self) -> None:
        self.name = "in-process"
        self.pcscd = None
        from tests.emulators.emrtd.pcscd import Pcscd, PcscdUnavailable, VpcdLock

        self.lock = VpcdLock(timeout=60)
        try:
            from hardware.card_reader.pcsc import PcscCardReader

            self.lock.acquire()
            self.pcscd = Pcscd(Path(tempfile.mkdtemp()) / "pcscd.log")
            self.pcscd.start()
            self.reader = PcscCardReader("Virtual PCD 00 00")
            self.name = "pcscd + vsmartcard-vpcd + pyscard"
        except (PcscdUnavailable, OSError) as exc:
            print(f"(pcscd unavailable: {exc}; reading in process)")
            self.pcscd = None

    def read(self, doc, chip, key):
        if self.pcscd is None:
            from tests.inprocess_reader import InProcessCardReader

            reader = InProcessCardReader()
            reader.insert(InProcessCard(chip))
            conn = reader.wait_for_card(1)
            card = None
        else:
            from tests.emulators.emrtd.vpcd import VpcdCard

            card = VpcdCard(chip)
            card.insert()
            conn = self.reader.wait_for_card(10)
        try:
            started = time.perf_counter()
            result = read_document(conn, access_key=key, trust=TrustStore([doc.pki.csca.certificate]))
            return result, time.perf_counter() - started
        finally:
            conn.close()
            if card is not None:
                card.remove()

    def close(self) -> None:
        if self.pcscd is not None:
            self.pcscd.stop()
        self.lock.release()


def main() -> None:
    doc = make_document("TD3", portrait_bytes=18000)
    sizes = {f"{fid:04X}": len(v) for fid, v in doc.files.items()}
    transport = Transport()
    print(f"document: TD3, {doc.size} bytes in {len(doc.files)} files {sizes}; transport: {transport.name}; "
          f"{RUNS} runs each, median read time (card already in the field)")
    print(f"{'access':6} {'blocks':9} {'latency':>8} {'APDUs':>6} {'minimum':>8} {'bytes':>7} {'read s':>8} "
          f"{'access s':>9} {'files s':>8} {'PA s':>6}")
    try:
        for latency in (0.0, 0.010):
            for protocol in ("BAC", "PACE"):
                for extended in (False, True):
                    times, result = [], None
                    for _ in range(RUNS if latency == 0 else max(1, RUNS // 2)):
                        chip = chip_for(doc, ChipConfig(pace=[PACE] if protocol == "PACE" else [],
                                                        extended_length=extended, max_response=CHIP_MAX_RESPONSE,
                                                        latency_s=latency))
                        result, seconds = transport.read(doc, chip, doc.key)
                        times.append(seconds)
                    t = result.timings
                    print(f"{protocol:6} {'extended' if extended else '223-byte':9} {latency * 1000:6.0f}ms "
                          f"{result.apdu_count:6d} {minimum_apdus(doc, protocol, extended):8d} {result.bytes_read:7d} "
                          f"{statistics.median(times):8.3f} {t['access_control'] + t['detect']:9.3f} "
                          f"{t['read']:8.3f} {t['passive_auth']:6.3f}")
    finally:
        transport.close()


if __name__ == "__main__":
    main()
