"""Which worker runs which tests when the suite runs on every core (pytest-xdist).

CI has two cores and 25 minutes; run one test at a time, the suite needs more than that.
With two workers each *file* still goes to one worker, so a file's module fixtures (a
bundle build, a node exporter, rendered voices) are made once and its tests keep the
order they were written in. Some tests share one thing of the host, and all of them go
to one worker whatever their file:

- pcscd: one per host, on vpcd's fixed port. A second worker would wait on the lock for
  the first one's whole session (tests/emulators/emrtd/pcscd.py).
- cage: the compositor runs as the one test user and starts Xwayland in /tmp/.X11-unix;
  the bundle's module builds the bundle once and starts it under cage.

A file that is one long walk repeated per parameter (the screen walk) is spread a test
at a time instead: it has no module state to share, and six walks of ~45 s on one worker
would leave the other idle.

The groups are named here, by file, because xdist's scheduler sees only node ids; the
collection check below fails the run when a test uses a host-wide fixture outside its
group, so the lists cannot silently fall behind the tests.

Written here rather than with xdist's own `--dist loadgroup`: that mode renames node ids
through an attribute pytest 9 no longer has (`item._nodeid`), so its groups are ignored.
"""

from __future__ import annotations

from collections.abc import Iterable

HOST_WIDE: dict[str, tuple[str, ...]] = {
    "pcscd": (
        "tests/integration/documents/test_emrtd_pcsc.py",
        "tests/integration/documents/test_workflow_pcsc.py",
        "tests/integration/documents/test_vpcd_lock.py",   # takes the vpcd lock itself
        "tests/ui/maintenance/test_maintenance_emulators.py",
    ),
    "cage": (
        "tests/integration/boot/test_cage.py",
        "tests/packaging/test_bundle.py",
    ),
}
HOST_WIDE_FIXTURES = {"pcscd": "pcscd", "cage": "cage"}     # fixture -> its group
SPREAD_FILES = frozenset({"tests/ui/test_screens.py"})

# Started first, longest first, so that neither worker is left with a long unit at the
# end while the other idles. Measured on 2 cores (--durations): the bundle build and its
# cage runs ~110 s, one screen walk 40-55 s, the crash soak 45 s, the voice render 35 s.
LONG_FIRST: tuple[str, ...] = (
    "cage",
    "tests/ui/test_screens.py",
    "tests/integration/queue/test_queue_crash.py",
    "tests/integration/voice/test_render.py",
    "pcscd",
    "tests/unit/operations/test_simulate.py",
)

_GROUP_OF_FILE = {path: group for group, paths in HOST_WIDE.items() for path in paths}


def _file(nodeid: str) -> str:
    return nodeid.split("::", 1)[0]


def scope_of(nodeid: str) -> str:
    """The unit of work a test belongs to: its host-wide group, its file, or itself."""
    path = _file(nodeid)
    if path in _GROUP_OF_FILE:
        return _GROUP_OF_FILE[path]
    if path in SPREAD_FILES:
        return nodeid
    return path


def _rank(nodeid: str) -> int:
    scope, path = scope_of(nodeid), _file(nodeid)
    for rank, first in enumerate(LONG_FIRST):
        if first in (scope, path):
            return rank
    return len(LONG_FIRST)


def long_first(items: list) -> None:
    """Reorder collected items in place so the long units are handed out first (stable)."""
    items.sort(key=lambda item: _rank(item.nodeid))


def misplaced(tests: Iterable[tuple[str, Iterable[str]]]) -> list[str]:
    """Tests using a host-wide fixture from a file outside that fixture's group."""
    problems = []
    for nodeid, fixtures in tests:
        for fixture, group in HOST_WIDE_FIXTURES.items():
            if fixture in fixtures and _GROUP_OF_FILE.get(_file(nodeid)) != group:
                problems.append(f"{nodeid} uses the {fixture!r} fixture: add its file to "
                                f"tests/workers.py HOST_WIDE[{group!r}]")
    return problems


def make_scheduler(config, log):
    """xdist's scheduler by file, with the host-wide groups and the long units first."""
    from xdist.scheduler import LoadScopeScheduling

    class KioskScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return scope_of(nodeid)

    # The workers' collection is already long-first (see conftest); xdist's own
    # reordering (by number of tests per unit) would undo that.
    config.option.loadscopereorder = False
    return KioskScheduling(config, log)
