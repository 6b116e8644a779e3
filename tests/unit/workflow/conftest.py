"""The headless workflow most tests here drive: demo services, a fixed wall clock, a
monotonic clock that moves only when a test says so, and jobs run on the caller's thread."""

from __future__ import annotations

import pytest

from tests.headless_workflow import headless_workflow


@pytest.fixture
def wf(demo_cfg, session_tmp):
    with headless_workflow(demo_cfg) as flow:
        yield flow
