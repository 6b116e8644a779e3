"""The renewal workflow: an explicit state machine over a session object.

`machine.Workflow` is the only place that decides what happens next; screens only
present its state and forward taps. It is plain Python and can be driven end to end
from a test with no screen (`jobs.SyncJobRunner`).
"""

from kiosk.workflow.states import State, Outcome, IdentifyMode  # noqa: F401
