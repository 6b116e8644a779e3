"""The headless workflow of tests/unit/workflow, for the start-up's tests."""

from tests.unit.workflow.conftest import wf  # noqa: F401 - a shared fixture
