"""The virtual reader's lock: one test run per host, any number of fixtures per run."""

from __future__ import annotations

import subprocess
import sys

from tests.emulators.emrtd.pcscd import ROOT_FOR_TESTS, VpcdLock

PROBE = (
    "import sys; sys.path.insert(0, sys.argv[1])\n"
    "from tests.emulators.emrtd.pcscd import PcscdUnavailable, VpcdLock\n"
    "try:\n    VpcdLock(timeout=0.5).acquire()\nexcept PcscdUnavailable:\n    sys.exit(3)\n"
)


def _other_run_may_take_it() -> bool:
    out = subprocess.run([sys.executable, "-c", PROBE, str(ROOT_FOR_TESTS)], timeout=30)
    return out.returncode == 0


def test_a_second_fixture_of_the_same_run_does_not_wait_for_the_first() -> None:
    first, second = VpcdLock(timeout=2), VpcdLock(timeout=2)
    first.acquire()
    try:
        second.acquire()          # before: waited for `first`, which holds it all session long
        second.release()
        assert not _other_run_may_take_it()     # still held by `first`
    finally:
        first.release()
    second.release()              # a second release of the same holder changes nothing
