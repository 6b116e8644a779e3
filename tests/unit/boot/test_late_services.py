"""Issue 13, start-up: what the welcome screen does not need is built after it shows.

`build_services(late=True)` leaves the queue, the devices, the face stack and the trust
anchors as `Late` members that `launcher.warmup.Warmup` builds on a background thread.
These tests hold the promises that make that safe: a citizen who taps faster than the
warm-up loses nothing (the reader builds or waits), nothing is built twice, a failure
reaches every reader, and a kiosk that quits during the warm-up builds nothing more.
"""

from __future__ import annotations

import threading
import time

import pytest

from kiosk.workflow.clock import ManualClock
from kiosk.workflow.jobs import SyncJobRunner
from kiosk.workflow.machine import Workflow
from kiosk.workflow.services import Late
from kiosk.workflow.states import State
from launcher.services import build_services
from launcher.warmup import Warmup
from tests.conftest import FIXED_NOW


def test_a_late_member_is_built_once_by_whoever_reads_it_first() -> None:
    calls: list[str] = []
    gate = threading.Event()

    def factory() -> object:
        calls.append(threading.current_thread().name)
        gate.wait(2)
        return object()

    late = Late("store", factory)
    results: list[object] = []
    readers = [threading.Thread(target=lambda: results.append(late.get()), name=f"r{i}") for i in range(4)]
    for r in readers:
        r.start()
    time.sleep(0.05)
    gate.set()
    for r in readers:
        r.join(2)
    assert len(calls) == 1 and len(results) == 4
    assert all(x is results[0] for x in results)
    assert late.ready


def test_a_failure_reaches_every_reader_and_is_not_retried() -> None:
    calls = []

    def factory() -> object:
        calls.append(1)
        raise OSError("camera driver missing")

    late = Late("camera", factory)
    for _ in range(3):
        with pytest.raises(OSError, match="camera driver missing"):
            late.get()
    assert calls == [1]


def test_settled_at_shutdown_a_member_is_never_built() -> None:
    built = []
    late = Late("printer", lambda: built.append(1) or object())
    assert late.settle() is None
    with pytest.raises(RuntimeError, match="shutting down"):
        late.get()
    assert built == []


def test_late_services_build_nothing_heavy_until_read(demo_cfg, session_tmp) -> None:
    services = build_services(demo_cfg, today=FIXED_NOW.date(), late=True)
    names = [member.name for member in services.late()]
    assert {"store", "camera", "printer", "face_verifier", "trust", "delivery_worker"} <= set(names)
    assert not (demo_cfg.kiosk.data_dir / "queue.sqlite3").exists()   # the queue is not open yet
    # Read by a step: built there and then, as if it had been built at start.
    assert services.store.status().counts is not None
    assert (demo_cfg.kiosk.data_dir / "queue.sqlite3").exists()
    assert "store" not in [member.name for member in services.late()]
    services.close()


def test_closing_builds_nothing_and_closes_what_was_built(demo_cfg, session_tmp) -> None:
    services = build_services(demo_cfg, today=FIXED_NOW.date(), late=True)
    camera = services.camera                      # built by a reader
    closed = []
    camera.close = lambda: closed.append("camera")  # type: ignore[method-assign]
    services.close()
    assert closed == ["camera"]
    assert not (demo_cfg.kiosk.data_dir / "queue.sqlite3").exists()   # never opened to be closed
    with pytest.raises(RuntimeError, match="shutting down"):
        services.store


def test_a_citizen_can_start_before_the_warm_up_has_built_anything(demo_cfg, session_tmp) -> None:
    services = build_services(demo_cfg, today=FIXED_NOW.date(), late=True)
    services.clock = lambda: FIXED_NOW
    services.monotonic = ManualClock()
    flow = Workflow(services, SyncJobRunner(), card_may_be_on_reader=True)
    waiting = {member.name for member in services.late()}
    flow.start("en")                              # the tap on a language at the welcome screen
    assert flow.state is State.CASE
    assert {member.name for member in services.late()} == waiting   # it needed none of them
    flow.shutdown()
    services.close()


def test_the_warm_up_builds_in_order_and_reports_failures() -> None:
    order: list[str] = []

    def make(name: str, fail: bool = False):  # type: ignore[no-untyped-def]
        def factory() -> str:
            order.append(name)
            if fail:
                raise ValueError(f"{name} broke")
            return name
        return Late(name, factory)

    members = [make("trust"), make("camera", fail=True), make("store")]
    done = threading.Event()
    reported: dict[str, BaseException] = {}

    def finished(failed: dict[str, BaseException]) -> None:
        reported.update(failed)
        done.set()

    warmup = Warmup(members, finished, preload=("json",))
    warmup.start()
    assert done.wait(5)
    assert order == ["trust", "camera", "store"]
    assert list(reported) == ["camera"] and "broke" in str(reported["camera"])
    assert warmup.seconds is not None


def test_a_stopped_warm_up_builds_nothing_more() -> None:
    gate = threading.Event()
    built: list[str] = []
    first = Late("first", lambda: gate.wait(2) and built.append("first"))
    second = Late("second", lambda: built.append("second"))
    done = []
    warmup = Warmup([first, second], done.append, preload=())
    warmup.start()
    time.sleep(0.05)
    stopper = threading.Thread(target=warmup.stop)
    stopper.start()
    gate.set()
    stopper.join(3)
    assert built == ["first"] and done == []
    assert not second.ready
