"""The citizen's application for an ID card, as the kiosk submits it to the central office.

(An application in the office's sense: a request for a renewed or replacement card, not
a program.) It is built once, at the end of the citizen's session, and from then on it
is data: it is stored encrypted in the local queue, delivered upstream, and turned into
a receipt. Its payload (`to_payload`) is the JSON document the central office receives,
so its field names are part of the upstream contract; `PAYLOAD_VERSION` says which
shape a document has.

`application_id` (uuid4 hex) is the idempotency key upstream: a submission committed
locally but not acknowledged (power cut between commit and screen) may be sent twice,
and the office must recognise it. `application_number` is the short, human-facing
number printed on the receipt (see `kiosk.storage.application_number`).
"""

from __future__ import annotations

import base64
import datetime as dt
import uuid
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any

from kiosk.domain.cases import Case
from kiosk.domain.postal_address import PostalAddress
from kiosk.identity import Identity

PAYLOAD_VERSION = 5
# Version 1 had no `identity_check`, version 2 no `postal_address_parts`, version 3 no
# `fingerprints`, version 4 no identity source `eid` and no `payment`. Rows queued by a
# kiosk before an upgrade still load (as "unknown",
# with the one-line address only, and "not_required") and are delivered as stored,
# byte for byte (see the OpenAPI document).
READABLE_PAYLOAD_VERSIONS = frozenset({1, 2, 3, 4, 5})


class IdentityCheck(StrEnum):
    """How the kiosk knows who the citizen is: the office treats a signed chip read
    differently from a typed number or a chip whose signer it could not check."""

    CHIP = "chip"          # read from the card's chip (see chip_authentication)
    TYPED = "typed"        # typed ID number, record from the office registry
    EID = "eid"            # an e-ID app's code, verified by the office (version 5)
    UNKNOWN = "unknown"    # queued by a kiosk version that did not record it


def identity_check_record(source: str, chip_authentication: str = "", access_protocol: str = "") -> dict[str, str]:
    """The `identity_check` object of the payload (see the OpenAPI document)."""
    return {
        "source": IdentityCheck(source).value,
        "chip_authentication": chip_authentication,   # passed | "" (no chip); csca_unknown from old kiosks
        "access_protocol": access_protocol,           # BAC | PACE-... | none | "" (no chip)
    }


class FingerprintStatus(StrEnum):
    """Whether the application carries the citizen's fingerprints, and if not why."""

    CAPTURED = "captured"            # every finger asked for gave its presses
    DECLINED = "declined"            # fewer (or none): `declined_reason` says why; the counter takes them
    NOT_REQUIRED = "not_required"    # the document's country asks for none (or an older kiosk)


def fingerprints_record(status: str = "not_required", declined_reason: str = "",
                        iso_19794_4: bytes = b"") -> dict[str, Any]:
    """The `fingerprints` of an application: the status, why not, and the prints as one
    ISO/IEC 19794-4 finger image record (`kiosk.biometrics.finger_record`), b"" for none."""
    return {"status": FingerprintStatus(status).value, "declined_reason": declined_reason,
            "iso_19794_4": bytes(iso_19794_4)}


class PaymentState(StrEnum):
    """How the fee of an application stands when it is sent."""

    PAID = "paid"            # paid at the kiosk: `reference` is the payment provider's
    WAIVED = "waived"        # no fee for this case: nothing to pay
    UNKNOWN = "unknown"      # queued by a kiosk version that took no payment


def payment_record(status: str = "unknown", reference: str = "", amount: Decimal = Decimal("0")) -> dict[str, Any]:
    """The `payment` of an application (see the OpenAPI document)."""
    return {"status": PaymentState(status).value, "reference": reference, "amount": Decimal(amount)}


class PickupMethod(StrEnum):
    STATION = "station"  # the citizen collects the card at the station
    POST = "post"        # the card is delivered to `postal_address`


def new_application_id() -> str:
    """A fresh idempotency key: uuid4 as 32 lowercase hex digits."""
    return uuid.uuid4().hex


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass(repr=False)
class Application:
    application_id: str
    application_number: str
    created_at: dt.datetime
    kiosk_id: str
    station: str
    case: Case
    language: str
    # Identity of the citizen (flattened from kiosk.identity.Identity).
    id_number: str
    surname: str
    given_names: str
    name_local: str
    birth_date: dt.date
    sex: str
    nationality: str
    document_number: str
    card_expiry: dt.date | None
    # Contact and pick-up.
    phone: str
    pickup_method: PickupMethod
    postal_address: str                # one line, in the country's order (envelopes, receipt)
    # Captured on the kiosk.
    portrait_jpeg: bytes
    signature_png: bytes
    face_check: dict[str, Any] = field(default_factory=dict)  # decision, distance, threshold, method
    identity_check: dict[str, str] = field(default_factory=lambda: identity_check_record("unknown"))
    fee_amount: Decimal = Decimal("0")
    fee_currency: str = "CNY"
    # The same address in parts (region codes and names, street), when it was picked on a
    # kiosk that has the pickers; None for station pick-up and for older rows.
    postal_address_parts: PostalAddress | None = None
    fingerprints: dict[str, Any] = field(default_factory=fingerprints_record)
    payment: dict[str, Any] = field(default_factory=payment_record)

    def __post_init__(self) -> None:
        if len(self.application_id) != 32 or not _is_lower_hex(self.application_id):
            raise ValueError("application_id must be 32 lowercase hex digits (uuid4 hex)")
        if self.created_at.tzinfo is None or self.created_at.utcoffset() is None:
            raise ValueError("created_at must be timezone-aware")
        self.created_at = self.created_at.astimezone(dt.UTC)
        self.case = Case(self.case)
        self.pickup_method = PickupMethod(self.pickup_method)
        if self.pickup_method is PickupMethod.POST and not self.postal_address.strip():
            raise ValueError("a postal address is required for delivery by post")
        if self.pickup_method is PickupMethod.STATION:
            # An address typed before the citizen switched to station pick-up is not
            # needed, so it is not kept (data minimisation), rather than failing the save.
            self.postal_address = ""
            self.postal_address_parts = None
        elif self.postal_address_parts is not None:
            # One truth: the line is always the parts written out.
            self.postal_address = self.postal_address_parts.one_line()
        if not isinstance(self.fee_amount, Decimal):
            raise TypeError("fee_amount must be a Decimal (never a float: money)")

    def __repr__(self) -> str:
        # The default dataclass repr would print names, ID number and photo bytes; a repr
        # ends up in logs and tracebacks, so only non-personal fields are shown.
        return (
            f"Application(application_id={self.application_id!r}, "
            f"application_number={self.application_number!r}, case={self.case.value!r})"
        )

    @classmethod
    def create(
        cls,
        identity: Identity,
        *,
        application_number: str,
        kiosk_id: str,
        station: str,
        case: Case,
        language: str,
        phone: str,
        pickup_method: PickupMethod | str,
        postal_address: str = "",
        postal_address_parts: PostalAddress | None = None,
        portrait_jpeg: bytes,
        signature_png: bytes,
        face_check: dict[str, Any],
        fee_amount: Decimal,
        fee_currency: str,
        identity_check: dict[str, str] | None = None,
        fingerprints: dict[str, Any] | None = None,
        payment: dict[str, Any] | None = None,
        application_id: str | None = None,
        created_at: dt.datetime | None = None,
    ) -> Application:
        """Build a new application from the session's identity; id and time are fresh."""
        return cls(
            application_id=application_id or new_application_id(),
            application_number=application_number,
            created_at=created_at or _utc_now(),
            kiosk_id=kiosk_id,
            station=station,
            case=case,
            language=language,
            id_number=identity.id_number,
            surname=identity.surname,
            given_names=identity.given_names,
            name_local=identity.name_local,
            birth_date=identity.birth_date,
            sex=identity.sex,
            nationality=identity.nationality,
            document_number=identity.document_number,
            card_expiry=identity.card_expiry,
            phone=phone,
            pickup_method=PickupMethod(pickup_method),
            postal_address=postal_address,
            postal_address_parts=postal_address_parts,
            portrait_jpeg=portrait_jpeg,
            signature_png=signature_png,
            face_check=dict(face_check),
            identity_check=dict(identity_check or identity_check_record(identity.source.value)),
            fee_amount=fee_amount,
            fee_currency=fee_currency,
            fingerprints=dict(fingerprints or fingerprints_record()),
            # A fee of 0 is waived; one due is "unknown" until the kiosk records its payment.
            payment=dict(payment or payment_record("waived" if fee_amount == 0 else "unknown")),
        )

    @property
    def display_name(self) -> str:
        """The name as the citizen knows it: national script when known."""
        return self.name_local or f"{self.surname} {self.given_names}".strip()

    def to_payload(self) -> dict[str, Any]:
        """A JSON-safe dict: dates ISO 8601, money as a decimal string, bytes base64."""
        return {
            "payload_version": PAYLOAD_VERSION,
            "application_id": self.application_id,
            "application_number": self.application_number,
            "created_at": self.created_at.isoformat(),
            "kiosk_id": self.kiosk_id,
            "station": self.station,
            "case": self.case.value,
            "language": self.language,
            "identity": {
                "id_number": self.id_number,
                "surname": self.surname,
                "given_names": self.given_names,
                "name_local": self.name_local,
                "birth_date": self.birth_date.isoformat(),
                "sex": self.sex,
                "nationality": self.nationality,
                "document_number": self.document_number,
                "card_expiry": self.card_expiry.isoformat() if self.card_expiry else None,
            },
            "phone": self.phone,
            "pickup_method": self.pickup_method.value,
            "postal_address": self.postal_address,
            "postal_address_parts": self.postal_address_parts.to_payload() if self.postal_address_parts else None,
            "portrait_jpeg": _b64(self.portrait_jpeg),
            "signature_png": _b64(self.signature_png),
            "face_check": dict(self.face_check),
            "identity_check": dict(self.identity_check),
            "fee": {"amount": str(self.fee_amount), "currency": self.fee_currency},
            "fingerprints": {
                "status": self.fingerprints["status"],
                "declined_reason": self.fingerprints["declined_reason"] or None,
                "iso_19794_4": _b64(self.fingerprints["iso_19794_4"]) if self.fingerprints["iso_19794_4"] else None,
            },
            "payment": {
                "status": self.payment["status"],
                "reference": self.payment["reference"] or None,
                "amount": f"{Decimal(self.payment['amount']):.2f}",
            },
        }

    @classmethod
    def from_payload(cls, payload: dict[str, Any]) -> Application:
        version = payload.get("payload_version")
        if version not in READABLE_PAYLOAD_VERSIONS:
            raise ValueError(f"unsupported application payload version {version!r}")
        ident = payload["identity"]
        expiry = ident["card_expiry"]
        return cls(
            application_id=payload["application_id"],
            application_number=payload["application_number"],
            created_at=dt.datetime.fromisoformat(payload["created_at"]),
            kiosk_id=payload["kiosk_id"],
            station=payload["station"],
            case=Case(payload["case"]),
            language=payload["language"],
            id_number=ident["id_number"],
            surname=ident["surname"],
            given_names=ident["given_names"],
            name_local=ident["name_local"],
            birth_date=dt.date.fromisoformat(ident["birth_date"]),
            sex=ident["sex"],
            nationality=ident["nationality"],
            document_number=ident["document_number"],
            card_expiry=dt.date.fromisoformat(expiry) if expiry else None,
            phone=payload["phone"],
            pickup_method=PickupMethod(payload["pickup_method"]),
            postal_address=payload["postal_address"],
            postal_address_parts=_parts(payload.get("postal_address_parts")),
            portrait_jpeg=base64.b64decode(payload["portrait_jpeg"], validate=True),
            signature_png=base64.b64decode(payload["signature_png"], validate=True),
            face_check=dict(payload["face_check"]),
            identity_check=dict(payload.get("identity_check") or identity_check_record("unknown")),
            fee_amount=Decimal(payload["fee"]["amount"]),
            fee_currency=payload["fee"]["currency"],
            fingerprints=_fingerprints_from(payload.get("fingerprints")),
            payment=_payment_from(payload.get("payment")),
        )


def _parts(data: dict[str, Any] | None) -> PostalAddress | None:
    return PostalAddress.from_payload(data) if data else None


def _fingerprints_from(value: dict[str, Any] | None) -> dict[str, Any]:
    if value is None:
        return fingerprints_record()
    record = value.get("iso_19794_4")
    return fingerprints_record(value["status"], value.get("declined_reason") or "",
                               base64.b64decode(record, validate=True) if record else b"")


def _payment_from(value: dict[str, Any] | None) -> dict[str, Any]:
    if value is None:
        return payment_record()
    return payment_record(value["status"], value.get("reference") or "", Decimal(value["amount"]))


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _is_lower_hex(text: str) -> bool:
    return all(c in "0123456789abcdef" for c in text)
