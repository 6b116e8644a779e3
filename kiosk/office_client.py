"""The office's look-ups over HTTPS with mutual TLS (resources/api/office.openapi.yaml).

A citizen stands at the screen while these run, so unlike delivery (kiosk.delivery.client)
nothing is retried here and timeouts are short: every failure becomes an
`OfficeUnavailable` whose `failure` says what kind it was, because that decides what the
citizen is told (`kiosk.workflow.office_problems`): "busy" may pass in a moment, the
others will not while they wait.

The same certificate, key and CA as delivery (one identity per kiosk at the office).
What the office answers is read defensively, field by field: an answer that breaks the
contract is the office's error, never a crash. Nothing personal is logged or put into an
exception's message (ID numbers and codes travel only in request bodies).

A typed number's record comes in two calls (`OfficeRegistry.seal`): the first answers
the reference photo and a single-use lookup id, the second, made from the face-check job
only after a match, carries the decision and answers the record.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import logging
import ssl
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from kiosk.identity import Identity, IdentitySource, SealedIdentity
from kiosk.office import EidCodes, OfficeFailure, OfficeUnavailable, ReferenceRegistry, StudioPhotos
from kiosk.phone_checks import CodeAnswer, CodeSent, PhoneChecks
from kiosk.payment import PaymentOrder, Payments, PaymentStatus, contract_amount

log = logging.getLogger("kiosk.office")

USER_AGENT = "idkiosk-office/1"
MAX_ANSWER_BYTES = 4 * 1024 * 1024   # a portrait in base64 and a few fields


@dataclass(frozen=True)
class OfficeSettings:
    endpoint: str
    client_cert: Path
    client_key: Path
    ca_bundle: Path | None
    nationality: str
    connect_timeout: float = 3.0
    read_timeout: float = 8.0

    @classmethod
    def from_config(cls, cfg: Any) -> OfficeSettings:
        d, o = cfg.delivery, cfg.office
        return cls(
            endpoint=o.endpoint,
            client_cert=cfg.resolve_path(d.client_cert),
            client_key=cfg.resolve_path(d.client_key),
            ca_bundle=None if d.ca_bundle is None else cfg.resolve_path(d.ca_bundle),
            nationality=str(cfg.document.country),
            connect_timeout=o.connect_timeout_seconds,
            read_timeout=o.read_timeout_seconds,
        )


@dataclass(frozen=True)
class ReferenceAnswer:
    lookup_id: str
    photo: bytes


class OfficeClient:
    """One HTTPS connection pool to the office; thread-safe as httpx.Client is."""

    def __init__(self, settings: OfficeSettings, *, transport: httpx.BaseTransport | None = None) -> None:
        self.settings = settings
        self._transport = transport
        self._http: httpx.Client | None = None

    def close(self) -> None:
        if self._http is not None:
            self._http.close()
            self._http = None

    # -- the operations ---------------------------------------------------------------

    def reference(self, id_number: str) -> ReferenceAnswer | None:
        """The reference photo for a typed number and the id that may open its record; None: no record."""
        answer = self._post("reference-lookups", {"id_number": id_number, "nationality": self.settings.nationality})
        if answer is None:
            return None
        lookup_id = answer.get("lookup_id")
        if not isinstance(lookup_id, str) or not lookup_id.replace("-", "").replace("_", "").isalnum():
            raise _broken("reference-lookups", "lookup_id")
        return ReferenceAnswer(lookup_id, _jpeg(answer, "reference_photo_jpeg", "reference-lookups"))

    def record(self, lookup_id: str, decision: Any) -> Identity:
        """The record behind `lookup_id`, for a face decision that matched its photo."""
        body = {
            "match": bool(decision.match),
            "distance": _finite(decision.distance),
            "threshold": _finite(decision.threshold),
            "method": str(decision.method)[:64],
            "liveness": str(decision.liveness)[:32],
        }
        answer = self._post(f"reference-lookups/{lookup_id}/record", body)
        if answer is None:   # expired or used: the office cannot say whose it was any more
            raise OfficeUnavailable("the office no longer knows this lookup", OfficeFailure.ERROR)
        return identity_from_json(answer, IdentitySource.TYPED_NUMBER)

    def studio_portrait(self, code: str) -> bytes | None:
        """The JPEG registered under a photo-receipt code; None: no such code."""
        answer = self._post("studio-portraits", {"code": code})
        return None if answer is None else _jpeg(answer, "portrait_jpeg", "studio-portraits")

    def verify_eid(self, code: str) -> Identity | None:
        """The identity an e-ID app's code vouches for, with its reference photo; None: not valid."""
        answer = self._post("eid-verifications", {"code": code})
        if answer is None:
            return None
        identity = identity_from_json(answer.get("identity"), IdentitySource.EID)
        identity.reference_photo = _jpeg(answer, "reference_photo_jpeg", "eid-verifications")
        return identity

    # -- the phone check (startPhoneCheck, answerPhoneCheck) ------------------------------

    def start_phone_check(self, phone: str, language: str) -> CodeSent:
        """Ask the office to text a code to `phone`; a 404 here is the office's error."""
        answer = self._post("phone-checks", {"phone": phone, "language": language})
        if answer is None:
            raise OfficeUnavailable("phone-checks: HTTP 404", OfficeFailure.ERROR)
        check_id = answer.get("check_id")
        if not isinstance(check_id, str) or not _opaque(check_id):
            raise _broken("phone-checks", "check_id")
        return CodeSent(check_id, _count(answer, "tries", "phone-checks", least=1),
                        _count(answer, "resend_after_seconds", "phone-checks"),
                        _count(answer, "expires_in_seconds", "phone-checks", least=1))

    def answer_phone_check(self, check_id: str, code: str) -> CodeAnswer | None:
        """Right or wrong and the tries left; None: the check is unknown, used or expired."""
        if not _opaque(check_id):
            raise ValueError("not a check id the office gave")
        answer = self._post(f"phone-checks/{check_id}/answer", {"code": code})
        if answer is None:
            return None
        confirmed = answer.get("confirmed")
        if not isinstance(confirmed, bool):
            raise _broken("phone-checks", "confirmed")
        return CodeAnswer(confirmed, _count(answer, "tries_left", "phone-checks"))

    # -- payment orders (createPaymentOrder, getPaymentOrder, cancelPaymentOrder) ---------

    def create_payment(self, application_number: str, amount: Any, currency: str, key: str) -> PaymentOrder:
        """A payment order for the fee; the same `key` returns the same order."""
        body = {"application_number": application_number, "amount": contract_amount(amount), "currency": currency}
        answer = self._post("payment-orders", body, headers={"Idempotency-Key": key})
        if answer is None:
            raise _broken("payment-orders", "status")
        return payment_order_from_json(answer)

    def payment(self, order_id: str) -> PaymentOrder:
        answer = self._request("GET", f"payment-orders/{_path_id(order_id)}", None)
        if answer is None:   # the office no longer knows the order it issued
            raise OfficeUnavailable("payment-orders: the order is unknown", OfficeFailure.ERROR)
        return payment_order_from_json(answer)

    def cancel_payment(self, order_id: str) -> PaymentOrder:
        answer = self._post(f"payment-orders/{_path_id(order_id)}/cancel", None)
        if answer is None:
            raise OfficeUnavailable("payment-orders: the order is unknown", OfficeFailure.ERROR)
        return payment_order_from_json(answer)

    # -- HTTP -------------------------------------------------------------------------

    def _post(self, path: str, body: dict[str, Any] | None,
              headers: dict[str, str] | None = None) -> dict[str, Any] | None:
        return self._request("POST", path, body, headers)

    def _request(self, method: str, path: str, body: dict[str, Any] | None,
                 headers: dict[str, str] | None = None) -> dict[str, Any] | None:
        """The JSON answer of a 200/201, None for a 404; OfficeUnavailable otherwise."""
        try:
            http = self._client()
        except (OSError, ValueError, ssl.SSLError) as exc:
            # Certificate files missing or unusable (CredentialError): `config check` says which.
            log.warning("office: TLS set-up failed (%s)", type(exc).__name__)
            raise OfficeUnavailable("the kiosk's office credentials are unusable", OfficeFailure.CERTIFICATE) from None
        operation = path.split("/", 1)[0]
        try:
            if body is None:
                response = http.request(method, path, headers=headers)
            else:
                response = http.request(method, path, json=body, headers=headers)
        except httpx.TimeoutException:
            raise OfficeUnavailable(f"{operation}: no answer in time", OfficeFailure.SLOW) from None
        except httpx.TransportError as exc:
            failure = OfficeFailure.CERTIFICATE if _tls_refused(exc) else OfficeFailure.UNREACHABLE
            log.warning("office: %s failed: %s (%s)", operation, failure.value, type(exc).__name__)
            raise OfficeUnavailable(f"{operation}: {failure.value}", failure) from None
        status = response.status_code
        if status in (200, 201):
            if len(response.content) > MAX_ANSWER_BYTES:
                raise _broken(operation, "size")
            try:
                answer = json.loads(response.content)
            except (ValueError, UnicodeDecodeError):
                raise _broken(operation, "json") from None
            if not isinstance(answer, dict):
                raise _broken(operation, "json")
            return answer
        if status == 404:
            return None
        if status in (429, 503):
            raise OfficeUnavailable(f"{operation}: busy (HTTP {status})", OfficeFailure.BUSY)
        log.warning("office: %s answered HTTP %d", operation, status)
        raise OfficeUnavailable(f"{operation}: HTTP {status}", OfficeFailure.ERROR)

    def _client(self) -> httpx.Client:
        if self._http is None:
            from kiosk.delivery.credentials import client_ssl_context

            s = self.settings
            verify: ssl.SSLContext | bool = True
            if self._transport is None:
                verify = client_ssl_context(s.client_cert, s.client_key, s.ca_bundle)
            self._http = httpx.Client(
                base_url=s.endpoint if s.endpoint.endswith("/") else s.endpoint + "/",
                verify=verify,
                transport=self._transport,
                timeout=httpx.Timeout(connect=s.connect_timeout, read=s.read_timeout, write=s.read_timeout,
                                      pool=s.connect_timeout),
                follow_redirects=False,
                headers={"User-Agent": USER_AGENT},
            )
        return self._http


class OfficeRegistry(ReferenceRegistry):
    """Typed numbers: the photo now, the record only after the face matched it."""

    releases_after_match = True

    def __init__(self, client: OfficeClient) -> None:
        self.client = client

    def close(self) -> None:
        self.client.close()

    def lookup(self, id_number: str) -> Identity | None:
        raise NotImplementedError("the office releases a record only after a face match: use seal()")

    def seal(self, id_number: str) -> SealedIdentity:
        answer = self.client.reference(id_number)
        if answer is None:
            return SealedIdentity(None)
        lookup_id = answer.lookup_id
        return SealedIdentity(None, photo=answer.photo, release=lambda decision: self.client.record(lookup_id, decision))


class OfficeStudioPhotos(StudioPhotos):
    def __init__(self, client: OfficeClient) -> None:
        self.client = client

    def close(self) -> None:
        self.client.close()

    def fetch(self, code: str) -> bytes | None:
        return self.client.studio_portrait(code)


class OfficeEid(EidCodes):
    """e-ID codes, verified by the office (which asks the app's issuer)."""

    def __init__(self, client: OfficeClient) -> None:
        self.client = client

    def close(self) -> None:
        self.client.close()

    def verify(self, code: str) -> Identity | None:
        return self.client.verify_eid(code)


class OfficePhoneChecks(PhoneChecks):
    def __init__(self, client: OfficeClient) -> None:
        self.client = client

    def close(self) -> None:
        self.client.close()

    def send(self, phone: str, language: str) -> CodeSent:
        return self.client.start_phone_check(phone, language)

    def answer(self, check_id: str, code: str) -> CodeAnswer | None:
        return self.client.answer_phone_check(check_id, code)


class OfficePayments(Payments):
    def __init__(self, client: OfficeClient) -> None:
        self.client = client

    def close(self) -> None:
        self.client.close()

    def create(self, application_number: str, amount: Any, currency: str, key: str) -> PaymentOrder:
        return self.client.create_payment(application_number, amount, currency, key)

    def status(self, order_id: str) -> PaymentOrder:
        return self.client.payment(order_id)

    def cancel(self, order_id: str) -> PaymentOrder:
        return self.client.cancel_payment(order_id)


def payment_order_from_json(data: dict[str, Any]) -> PaymentOrder:
    """A PaymentOrder from the contract's object; OfficeUnavailable(ERROR) if it is not one.
    The reference is printed on a receipt: printable ASCII only."""
    order_id, status, qr = data.get("order_id"), data.get("status"), data.get("qr_payload")
    expires, reference = data.get("expires_in_seconds"), data.get("payment_reference", "")
    if not isinstance(order_id, str) or not order_id or len(order_id) > 128:
        raise _broken("payment-orders", "order_id")
    try:
        _path_id(order_id)
        state = PaymentStatus(status)
    except ValueError:
        raise _broken("payment-orders", "order_id/status") from None
    if not isinstance(qr, str) or len(qr) > 2048:
        raise _broken("payment-orders", "qr_payload")
    if isinstance(expires, bool) or not isinstance(expires, int) or not 0 <= expires <= 24 * 3600:
        raise _broken("payment-orders", "expires_in_seconds")
    if not isinstance(reference, str) or len(reference) > 64 or not all(" " <= c <= "~" for c in reference):
        raise _broken("payment-orders", "payment_reference")
    if state is PaymentStatus.PAID and not reference.strip():
        raise _broken("payment-orders", "payment_reference")
    if state is PaymentStatus.PENDING and not qr:
        raise _broken("payment-orders", "qr_payload")
    return PaymentOrder(order_id, state, qr, expires, reference.strip())


def _path_id(order_id: str) -> str:
    """An order id that can go into a URL path as it is (the contract's OpaqueId)."""
    if not order_id or not order_id.replace("-", "").replace("_", "").isalnum() or not order_id.isascii():
        raise ValueError("not an opaque id")
    return order_id


def _opaque(value: str) -> bool:
    """The contract's OpaqueId: safe to put into a URL path as it is."""
    return 16 <= len(value) <= 64 and value.replace("-", "").replace("_", "").isascii() \
        and value.replace("-", "").replace("_", "").isalnum()


def _count(answer: dict[str, Any], field: str, operation: str, least: int = 0) -> int:
    value = answer.get(field)
    if isinstance(value, bool) or not isinstance(value, int) or value < least:
        raise _broken(operation, field)
    return value


def identity_from_json(data: Any, source: IdentitySource) -> Identity:
    """An Identity from the contract's Identity object; OfficeUnavailable(ERROR) if it is not one."""
    if not isinstance(data, dict):
        raise _broken("identity", "object")

    def text(name: str, limit: int = 200) -> str:
        value = data.get(name, "")
        if not isinstance(value, str) or len(value) > limit:
            raise _broken("identity", name)
        return value

    def date(name: str, optional: bool = False) -> dt.date | None:
        value = data.get(name)
        if value is None and optional:
            return None
        try:
            return dt.date.fromisoformat(value)
        except (TypeError, ValueError):
            raise _broken("identity", name) from None

    sex = text("sex", 1)
    if sex not in ("F", "M", "X"):
        raise _broken("identity", "sex")
    number = text("id_number", 32)
    if not number:
        raise _broken("identity", "id_number")
    birth = date("birth_date")
    assert birth is not None
    return Identity(
        id_number=number, surname=text("surname"), given_names=text("given_names"),
        birth_date=birth, sex=sex, nationality=text("nationality", 3), source=source,
        document_number=text("document_number", 32), card_expiry=date("card_expiry", optional=True),
        name_local=text("name_local"),
    )


def _jpeg(answer: dict[str, Any], field: str, operation: str) -> bytes:
    value = answer.get(field)
    if not isinstance(value, str) or not value:
        raise _broken(operation, field)
    try:
        return base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        raise _broken(operation, field) from None


def _finite(value: Any) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if number == number and abs(number) != float("inf") else None


def _broken(operation: str, field: str) -> OfficeUnavailable:
    log.warning("office: %s answered outside the contract (%s)", operation, field)
    return OfficeUnavailable(f"{operation}: answer outside the contract ({field})", OfficeFailure.ERROR)


def _tls_refused(exc: BaseException) -> bool:
    """A TLS handshake or certificate failure anywhere in the exception's chain."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, ssl.SSLError):
            return True
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return "certificate" in str(exc).lower() or "ssl" in str(exc).lower()
