"""Take your card: one citizen's card is never read as the next one's.

A card lying on the reader when a session ends (read or not: a citizen who typed their
number may have put one down) or when the kiosk starts belongs to nobody now. It must be
seen leaving the reader before anything is read again, and until then the screens ask
for it ("take your card" at the goodbye, "card left" at the welcome). The watch holds
that one fact and asks the reader about it; the workflow decides what the screens do
with it (the goodbye waits, the next read first waits for the reader to be empty).

Only a reader that reports the card gone (an empty field, or a swap it counted) clears
it, never an error or a reader that cannot tell: unknown is not "taken".
"""

from __future__ import annotations

import logging
from typing import Callable

from kiosk.workflow.jobs import Job, JobContext, JobRunner
from kiosk.workflow.services import Services

log = logging.getLogger("kiosk.workflow")

THANKS_AFTER_CARD_S = 3.0   # the goodbye stays this long after a late card is taken


class CardLeftOnReader(Exception):
    """The card of an earlier session was not taken off the reader in time."""


class CardWatch:
    """Whether a card nobody is using lies on the reader. Call it from the workflow's thread."""

    def __init__(self, services: Services, runner: JobRunner, changed: Callable[[], None],
                 monotonic: Callable[[], float]) -> None:
        self._services = services          # read at each use: tests swap the reader
        self._runner = runner
        self._changed = changed            # the screens are told: card_left changed
        self._monotonic = monotonic
        self.pending = False               # a card may be left: it must be seen leaving
        self.card_left = False             # a look found it there: shown as "take your card"
        self.thanks_until = 0.0            # the goodbye's thanks stay until then (monotonic)
        self._round = 0                    # bumps with every arming: older answers are stale
        self._looking = False              # a reader check is under way

    def arm(self, look: bool = True) -> None:
        """Whatever card lies on the reader now is left behind until it is seen leaving.
        The reader is told, so a card swapped for another between two looks counts as
        taken (the new one is the next citizen's)."""
        self.pending = True
        self._round += 1
        self._services.card_reader.expect_removal()
        if look:
            self.look()

    def look(self) -> None:
        """Ask the reader whether the left card is still there. The question runs as a job
        of its own (an NFC radio check can take seconds) that no state change cancels. An
        answer to a question asked before the last arming is dropped: it may describe the
        field before the card now expected was put there."""
        if not self.pending or self._looking:
            return
        reader, asked_in = self._services.card_reader, self._round

        def work(ctx: JobContext) -> bool | None:
            try:
                return reader.field_empty()
            except Exception:  # noqa: BLE001 - unplugged or failing: unknown, never "taken"
                return None

        def seen(empty: bool | None) -> None:
            self._looking = False
            if empty is None or not self.pending or asked_in != self._round:
                return
            if empty:
                self.pending = False
                if self.card_left:
                    log.info("card taken off the reader")
                    self.thanks_until = self._monotonic() + THANKS_AFTER_CARD_S
            self._set_left(not empty)

        def failed(exc: BaseException) -> None:
            self._looking = False

        self._looking = True
        self._runner.start(Job("watch_reader", work, seen, failed))

    def read_finished(self, cleared: bool, still_there: bool) -> None:
        """What a card read learnt on its way: the reader was seen empty before it read
        (`cleared`), or its wait for that ran out (`still_there`)."""
        if cleared:
            self.pending = False
            self._set_left(False)
        elif still_there:
            self._set_left(True)

    def _set_left(self, left: bool) -> None:
        if left != self.card_left:
            self.card_left = left
            self._changed()
