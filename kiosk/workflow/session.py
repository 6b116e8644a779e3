"""One citizen's session: everything the kiosk learns between 'start' and 'goodbye'.

The session is the only holder of personal data in memory, so wiping it is the single
act that forgets a citizen: `wipe()` resets every field to its default and deletes the
session's temporary folder. Python cannot promise to zero freed memory; dropping every
reference at once is what we can do, and a test checks that no field keeps a value.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
import uuid
from dataclasses import MISSING, dataclass, field, fields
from pathlib import Path
from typing import Any

from hardware.printer import PrintResult
from kiosk.biometrics.interfaces import FaceDecision, PortraitCandidate
from kiosk.domain.cases import Case
from kiosk.identity import Identity, SealedIdentity
from kiosk.workflow.problems import Problem
from kiosk.workflow.states import HandoverReason, IdentifyMode, Outcome


@dataclass
class Session:
    session_id: str = ""
    started_at: dt.datetime | None = None
    language: str = ""
    large_text: bool = False
    high_contrast: bool = False
    case: Case | None = None
    identify_mode: IdentifyMode | None = None
    identity: Identity | None = None   # whom screens may show (a typed number's only once the face matched)
    sealed_identity: SealedIdentity | None = None   # a typed number's record until the face matched it
    eligibility: Any = None            # kiosk.domain.eligibility.Eligibility
    validity: Any = None               # kiosk.domain.validity.Validity
    fee: Any = None                    # kiosk.domain.fees.Fee
    card_attempts: int = 0
    access_key: Any = None             # kiosk.documents.access.MrzKey | CanKey (never logged)
    access_attempts: Any = None        # kiosk.documents.access.AccessAttempts
    card_partial: Any = None           # what a pulled card had given, to resume the read
    chip_check: str = ""               # passive authentication: passed | failed | csca_unknown
    chip_protocol: str = ""            # how the chip was opened: BAC | PACE-... | none
    scanned_card: Any = None           # kiosk.codes.cccd.CccdCode read off the card's QR (never logged)
    face_attempts: int = 0
    face_decision: FaceDecision | None = None
    portrait_candidates: list[PortraitCandidate] = field(default_factory=list)
    portrait: PortraitCandidate | None = None
    fingerprint_plan: Any = None       # kiosk.workflow.fingerprint_steps.FingerPlan while the step runs
    fingerprints: list[Any] = field(default_factory=list)   # FingerCapture (images: never logged)
    fingerprints_declined: str = ""    # why fewer prints than asked (fingerprint_steps.DECLINED_*)
    finger_on_scanner: bool = False
    phone: str = ""
    pickup_method: str = ""            # "station" | "post"
    postal_address: str = ""
    postal_address_parts: Any = None   # kiosk.domain.postal_address.PostalAddress, when picked
    phone_check: Any = None            # kiosk.workflow.phone_check.PhoneCheckProgress (issue 16; never logged)
    phone_confirmed: str = ""          # the number the office's code confirmed (never logged)
    consent: bool = False
    signature_png: bytes = b""
    editing_from_review: bool = False
    application: Any = None            # kiosk.card_application.Application, built once at submit
    payment_order: Any = None          # kiosk.payment.PaymentOrder as last seen (payment step)
    payment_ends_at: float | None = None   # monotonic time the shown order expires
    payment_attempts: int = 0          # orders asked for in this session (their idempotency keys)
    application_id: str = ""
    application_number: str = ""
    receipt: Any = None                # kiosk.receipts.model.Receipt
    receipt_pdf: bytes = b""
    print_result: PrintResult | None = None
    problem: Problem | None = None
    handover_reason: HandoverReason | None = None
    outcome: Outcome | None = None
    temp_dir: Path | None = None

    @classmethod
    def begin(cls, language: str, now: dt.datetime) -> "Session":
        s = cls(session_id=uuid.uuid4().hex, started_at=now, language=language)
        s.temp_dir = Path(tempfile.mkdtemp(prefix="kiosk-session-"))
        s.temp_dir.chmod(0o700)
        return s

    def wipe(self) -> None:
        temp_dir = self.temp_dir
        for f in fields(self):
            if f.default_factory is not MISSING:
                setattr(self, f.name, f.default_factory())
            else:
                setattr(self, f.name, f.default)
        if temp_dir is not None:
            shutil.rmtree(temp_dir, ignore_errors=True)

    def is_wiped(self) -> bool:
        """True when every field holds its default (used by tests and a runtime self-check)."""
        for f in fields(self):
            default = f.default_factory() if f.default_factory is not MISSING else f.default
            if getattr(self, f.name) != default:
                return False
        return True

