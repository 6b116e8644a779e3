"""Maintenance PIN hashes: one check with scrypt (ours) against the old unsalted SHA-256,
and what each means for someone who copied the configuration file and tries every
six-digit PIN.

    python tests/bench/bench_pin_hash.py          (BENCH_ROUNDS=7 by default)

Baseline, measured in the same run: the old `pin_sha256` check, and a real search of all
10^6 six-digit PINs against one SHA-256 (what "falls in under a second" means). For
scrypt the search is extrapolated from the median single check (running it would take
days). Prints figures, asserts nothing.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "7"))
PINS = 10**6


def timed(function, rounds: int) -> list[float]:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return times


def duration(seconds: float) -> str:
    for unit, size in (("days", 86_400), ("hours", 3600), ("minutes", 60)):
        if seconds >= size:
            return f"{seconds / size:.1f} {unit}"
    return f"{seconds:.2f} s"


def main() -> None:
    from kiosk.operations import pin_hash

    pin = "246810"
    stored = pin_hash.hash_pin(pin)
    old = hashlib.sha256(pin.encode()).hexdigest()

    scrypt_times = timed(lambda: pin_hash.verify_pin(stored, "975310"), ROUNDS)
    sha_times = timed(lambda: [hmac.compare_digest(hashlib.sha256(b"975310").hexdigest(), old) for _ in range(1000)],
                      ROUNDS)
    sha_one = statistics.median(sha_times) / 1000
    scrypt_one = statistics.median(scrypt_times)

    start = time.perf_counter()
    target = bytes.fromhex(old)
    found = next(f"{n:06d}" for n in range(PINS) if hashlib.sha256(f"{n:06d}".encode()).digest() == target)
    search = time.perf_counter() - start

    print(f"cores: {os.cpu_count()}, rounds: {ROUNDS}")
    print(f"scrypt n=2^{pin_hash.LOG2_N} r={pin_hash.R} p={pin_hash.P}: one verify_pin "
          f"median {scrypt_one * 1000:8.1f} ms  (min {min(scrypt_times) * 1000:.1f}, max {max(scrypt_times) * 1000:.1f})")
    print(f"baseline unsalted SHA-256:          one check  median {sha_one * 1e6:8.2f} us")
    print(f"ratio: {scrypt_one / sha_one:,.0f} x slower per guess")
    print(f"all 10^6 six-digit PINs, one core: SHA-256 searched for real in {search:.2f} s (found {found}); "
          f"scrypt extrapolated {duration(scrypt_one * PINS)}")
    print("online (at the kiosk): 3 free tries, then 30 s doubling to 1 h per try: "
          f"~{duration(PINS / 2 * 3600)} for half the PINs")


if __name__ == "__main__":
    main()
