"""The reference office: resources/api/office.openapi.yaml on 127.0.0.1 over mutual TLS.

A real HTTPS server (the standard library's http.server and ssl, as the reference
intake), so the kiosk's real client, certificates and TLS set-up are what the tests
exercise. It answers from what a test put in it (`add_record`, `add_studio_portrait`,
`add_eid_code`; payment orders in `payments`, see payments.py), checks every request and every answer of its own against the contract
(`violations` lists what broke it; tests expect none), and notes each call in `calls`
(operation names only: what the kiosk asked, never with what).

Phone checks (`phone`, tests/emulators/office/phone.py) "send" their codes to an outbox.

Faults (`OfficeFault`), set for every request until cleared (`fault = ...`) or for the
next ones (`push`): `SLOW` answers after `slow_seconds` (still within the kiosk's
timeout), `TIMEOUT` holds the request past it, `ERROR_500`, `BUSY_429` (with
Retry-After); `refuse()` stops listening (connections refused), `wrong_certificate()`
presents a server certificate from a CA the kiosk does not trust.
"""

from __future__ import annotations

import base64
import json
import logging
import secrets
import socket
import ssl
import threading
from collections import deque
from dataclasses import dataclass
from enum import StrEnum
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from kiosk.delivery.selftest.loopback_pki import LoopbackPki, make_loopback_pki
from kiosk.identity import Identity
from tests.emulators.office import contract
from tests.emulators.office.phone import PhoneDesk
from tests.emulators.office.payments import PaymentDesk

log = logging.getLogger(__name__)

BASE_PATH = "/v1"


class OfficeFault(StrEnum):
    NONE = "none"
    SLOW = "slow"
    TIMEOUT = "timeout"
    ERROR_500 = "error_500"
    BUSY_429 = "busy_429"


def identity_json(identity: Identity) -> dict[str, Any]:
    return {
        "id_number": identity.id_number, "surname": identity.surname, "given_names": identity.given_names,
        "name_local": identity.name_local, "birth_date": identity.birth_date.isoformat(), "sex": identity.sex,
        "nationality": identity.nationality, "document_number": identity.document_number,
        "card_expiry": None if identity.card_expiry is None else identity.card_expiry.isoformat(),
    }


@dataclass
class _Lookup:
    id_number: str
    used: bool = False


class ReferenceOffice:
    def __init__(self, pki: LoopbackPki, *, host: str = "127.0.0.1", slow_seconds: float = 0.3,
                 hang_seconds: float = 3.0) -> None:
        self.pki = pki
        self.host, self.port = host, 0
        self.slow_seconds, self.hang_seconds = slow_seconds, hang_seconds
        self.records: dict[str, Identity] = {}
        self.studio: dict[str, bytes] = {}
        self.eid: dict[str, Identity] = {}
        self.lookups: dict[str, _Lookup] = {}
        self.phone = PhoneDesk()        # phone checks; the codes "sent" are in phone.outbox
        self.payments = PaymentDesk()
        self.calls: list[str] = []
        self.violations: list[str] = []
        self.handshake_failures = 0
        self.fault = OfficeFault.NONE
        self._script: deque[OfficeFault] = deque()
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self._ssl = self._context(pki)

    # -- what it knows ---------------------------------------------------------------

    def add_record(self, identity: Identity) -> None:
        self.records[identity.id_number] = identity

    def add_studio_portrait(self, code: str, jpeg: bytes) -> None:
        self.studio[code] = jpeg

    def add_eid_code(self, code: str, identity: Identity) -> None:
        self.eid[code] = identity

    # -- faults ----------------------------------------------------------------------

    def push(self, *faults: OfficeFault) -> None:
        with self._lock:
            self._script.extend(faults)

    def _next_fault(self) -> OfficeFault:
        with self._lock:
            return self._script.popleft() if self._script else self.fault

    def refuse(self) -> None:
        """Stop listening: connections are refused (the port stays ours to listen on again)."""
        self._stop_listening()

    def listen_again(self) -> None:
        self._listen()

    def wrong_certificate(self, directory: Path) -> None:
        """Present a certificate from another CA (one the kiosk does not trust)."""
        other = make_loopback_pki(directory, "foreign")
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(str(other.server_cert), str(other.server_key))
        ctx.load_verify_locations(str(self.pki.ca_cert))
        ctx.verify_mode = ssl.CERT_REQUIRED
        self._ssl = ctx

    # -- lifecycle -------------------------------------------------------------------

    @property
    def url(self) -> str:
        return f"https://{self.host}:{self.port}{BASE_PATH}/"

    def start(self) -> ReferenceOffice:
        self._listen()
        return self

    def stop(self) -> None:
        self._stopping.set()
        self._stop_listening()

    def __enter__(self) -> ReferenceOffice:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _listen(self) -> None:
        if self._server is not None:
            return
        server = _Server((self.host, self.port), _Handler)
        server.office = self
        self.port = server.server_address[1]
        self._server = server
        self._thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                                        name="reference-office", daemon=True)
        self._thread.start()

    def _stop_listening(self) -> None:
        server, thread = self._server, self._thread
        self._server = self._thread = None
        if server is not None:
            server.shutdown()
            server.server_close()
        if thread is not None:
            thread.join()

    @staticmethod
    def _context(pki: LoopbackPki) -> ssl.SSLContext:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.minimum_version = ssl.TLSVersion.TLSv1_2
        ctx.load_cert_chain(str(pki.server_cert), str(pki.server_key))
        ctx.load_verify_locations(str(pki.ca_cert))
        ctx.verify_mode = ssl.CERT_REQUIRED   # mutual TLS: no kiosk certificate, no connection
        return ctx

    # -- the operations (path below /v1, parsed body) -> (status, body) ------------------

    def answer(self, path: str, body: dict[str, Any], headers: Any = None) -> tuple[int, dict[str, Any]]:
        if path.startswith("/payment-orders"):
            return self.answer_payment("POST", path, body, headers)
        if path == "/reference-lookups":
            self.calls.append("reference")
            record = self.records.get(body["id_number"])
            if record is None:
                return _problem(404, "no_record", "No record for this number")
            lookup_id = secrets.token_urlsafe(24)
            self.lookups[lookup_id] = _Lookup(record.id_number)
            return 200, {"lookup_id": lookup_id, "expires_in_seconds": 300,
                         "reference_photo_jpeg": base64.b64encode(record.reference_photo).decode()}
        if path.startswith("/reference-lookups/") and path.endswith("/record"):
            self.calls.append("record")
            lookup = self.lookups.get(path.split("/")[2])
            if lookup is None or lookup.used:
                return _problem(404, "lookup_expired", "Unknown, used or expired lookup")
            if not body["match"]:
                return _problem(403, "face_check_required", "The record opens only for a matching face")
            lookup.used = True
            return 200, identity_json(self.records[lookup.id_number])
        if path == "/studio-portraits":
            self.calls.append("studio")
            jpeg = self.studio.get(body["code"])
            if jpeg is None:
                return _problem(404, "unknown_code", "No portrait under this code")
            return 200, {"portrait_jpeg": base64.b64encode(jpeg).decode(), "studio_id": "STUDIO-7",
                         "taken_on": "2026-11-20"}
        if path == "/eid-verifications":
            self.calls.append("eid")
            identity = self.eid.pop(body["code"], None)   # single use
            if identity is None:
                return _problem(404, "eid_code_invalid", "Unknown, expired or used code")
            return 200, {"identity": identity_json(identity), "issuer": "VNeID",
                         "reference_photo_jpeg": base64.b64encode(identity.reference_photo).decode()}
        if path == "/phone-checks" or (path.startswith("/phone-checks/") and path.endswith("/answer")):
            return self._phone_check(path, body)
        return _problem(404, "not_found", "No such resource")

    def _phone_check(self, path: str, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        if path == "/phone-checks":
            self.calls.append("phone_check")
            return self.phone.start(body)
        self.calls.append("phone_answer")
        answered = self.phone.answer(path.split("/")[2], body)
        return answered if answered is not None else _problem(404, "check_unknown", "Unknown, used or expired check")


    def answer_payment(self, method: str, path: str, body: Any, headers: Any) -> tuple[int, dict[str, Any]]:
        """createPaymentOrder, getPaymentOrder, cancelPaymentOrder (payments.py keeps the orders)."""
        parts = path.strip("/").split("/")
        if method == "POST" and parts == ["payment-orders"]:
            self.calls.append("payment_create")
            answer = self.payments.create(body, None if headers is None else headers.get("Idempotency-Key"))
            if answer is None:
                self.violations.append("request POST /payment-orders: Idempotency-Key missing or malformed")
                return _problem(400, "invalid_request", "An Idempotency-Key is required")
            return answer
        if method == "GET" and len(parts) == 2:
            self.calls.append("payment_status")
            order = self.payments.status(parts[1])
        elif method == "POST" and len(parts) == 3 and parts[2] == "cancel":
            self.calls.append("payment_cancel")
            order = self.payments.cancel(parts[1])
        else:
            return _problem(404, "not_found", "No such resource")
        if order is None:
            return _problem(404, "unknown_order", "No such payment order")
        return 200, order.json()


def _problem(status: int, code: str, title: str) -> tuple[int, dict[str, Any]]:
    return status, {"type": "about:blank", "title": title, "status": status, "code": code}


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    office: ReferenceOffice

    def finish_request(self, request: Any, client_address: Any) -> None:
        office = self.office
        request.settimeout(10)
        request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        try:
            conn = office._ssl.wrap_socket(request, server_side=True)
        except (ssl.SSLError, OSError):
            office.handshake_failures += 1
            return
        try:
            self.RequestHandlerClass(conn, client_address, self)
        except OSError:
            pass
        finally:
            try:
                conn.close()
            except OSError:
                pass


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    timeout = 15
    server: _Server
    server_version = "kiosk-reference-office/1"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        log.debug("office: " + format, *args)

    def do_GET(self) -> None:  # noqa: N802
        path = self.path.split("?", 1)[0]
        if not path.startswith(BASE_PATH + "/payment-orders/"):
            self._send(*_problem(404, "not_found", "No such resource"), path=None)
            return
        self._serve("get")

    def do_POST(self) -> None:  # noqa: N802
        self._serve("post")

    def _serve(self, method: str) -> None:
        office = self.server.office
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if 0 < length <= 1024 * 1024 else b""
        path = self.path.split("?", 1)[0]
        if not path.startswith(BASE_PATH + "/"):
            self._send(*_problem(404, "not_found", "No such resource"), path=None)
            return
        path = path[len(BASE_PATH):]
        self._method = method
        fault = office._next_fault()
        if fault is OfficeFault.TIMEOUT:
            office._stopping.wait(office.hang_seconds)
            self.close_connection = True
            try:
                self.connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            return
        if fault is OfficeFault.SLOW:
            office._stopping.wait(office.slow_seconds)
        if fault is OfficeFault.ERROR_500:
            self._send(*_problem(500, "internal_error", "The office failed"), path=path)
            return
        if fault is OfficeFault.BUSY_429:
            self._send(*_problem(429, "rate_limited", "Too many requests"), path=path, retry_after="5")
            return
        try:
            body = json.loads(raw) if raw else None
            errors = contract.request_errors(path, method, body)
        except (ValueError, KeyError) as exc:
            errors = [type(exc).__name__]
        if errors:
            office.violations.append(f"request {method.upper()} {path}: {errors}")
            self._send(*_problem(400, "invalid_request", "The request breaks the contract"), path=path)
            return
        if method == "get":
            self._send(*office.answer_payment("GET", path, body, self.headers), path=path)
        else:
            self._send(*office.answer(path, body, self.headers), path=path)

    def _send(self, status: int, body: dict[str, Any], *, path: str | None, retry_after: str | None = None) -> None:
        media = "application/json" if status < 300 else "application/problem+json"
        if path is not None:
            try:
                errors = contract.response_errors(path, getattr(self, "_method", "post"), status, media, body)
            except KeyError as exc:
                errors = [str(exc)]
            if errors:
                self.server.office.violations.append(f"answer {status} to {getattr(self, '_method', 'post').upper()} {path}: {errors}")
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", media)
        self.send_header("Content-Length", str(len(data)))
        if retry_after:
            self.send_header("Retry-After", retry_after)
        self.end_headers()
        self.wfile.write(data)
