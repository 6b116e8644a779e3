"""The office's look-up endpoint in the device health (issue 16): watched when an
endpoint is configured, reachable or not, never a reason to stop serving."""

from __future__ import annotations

import socket

from kiosk.operations.health import HealthMonitor, HealthState
from kiosk.operations.health_checks import OfficeCheck, build_checks

OK, FAILED, OFF = HealthState.OK, HealthState.FAILED, HealthState.OFF


def test_the_office_endpoint_reachable_or_not():
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        port = server.getsockname()[1]
        assert (OfficeCheck(f"https://127.0.0.1:{port}/v1/", 60, timeout=2).read().detail) == "reachable"
    reading = OfficeCheck(f"https://127.0.0.1:{port}/v1/", 60, timeout=2).read()   # nothing listens now
    assert (reading.state, reading.detail) == (FAILED, "unreachable") and str(port) in reading.error
    assert not OfficeCheck.needed
    assert OfficeCheck("", 60, timeout=2).read().state is OFF


def test_an_office_down_shows_in_the_status_and_the_kiosk_serves_on(demo_cfg):
    from launcher.services import build_services

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    cfg = demo_cfg.model_copy(update={"office": demo_cfg.office.model_copy(
        update={"endpoint": f"https://127.0.0.1:{port}/v1/"})})
    cfg.kiosk.data_dir.mkdir(parents=True)
    services = build_services(cfg)
    try:
        monitor = HealthMonitor(build_checks(cfg, services, services.paper))
        snapshot = monitor.check_all()
        office = next(d for d in snapshot.devices if d.name == "office")
        assert office.state in (FAILED, HealthState.UNKNOWN) and not office.needed
        snapshot = monitor.check_all()                    # confirmed after `failed_after` readings
        assert next(d for d in snapshot.devices if d.name == "office").state is FAILED
        assert not [d for d in snapshot.devices if d.needed and d.state is FAILED]
    finally:
        services.close()

    off = demo_cfg.model_copy(update={"office": demo_cfg.office.model_copy(
        update={"enabled": False, "endpoint": f"https://127.0.0.1:{port}/v1/"})})
    assert next(c for c in build_checks(off, services, services.paper) if c.name == "office").read().state is OFF
