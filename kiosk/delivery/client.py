"""Talking to the office's intake over HTTPS with mutual TLS (httpx), one application a call.

`IntakeClient.submit` never raises for anything the network or the office does: it
returns one of three outcomes, and the caller (kiosk.delivery.deliverer) decides what
to store. The classification follows the contract (resources/api/intake.openapi.yaml):

- 200/201: delivered (201 first time, 200 a replay of an application already stored);
- 408, 429, 5xx, any transport failure (refused, reset, timeout, TLS), and anything
  unexpected (1xx, 3xx, other 2xx, a receipt naming another application): retry later,
  honouring Retry-After;
- every other 4xx: rejected for good; the application is parked for a technician.

408 is retried although the issue lists only 429 among the retryable 4xx: it means the
server gave up waiting for our request (a network symptom), and parking applications
for a slow link would make work for technicians without reason.

The reasons returned are stored and logged, so they are built from the status code, the
office's machine code and title, and field pointers only (never the problem's `detail`),
and any long digit run in them is masked in case an office echoes an ID number anyway.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import ssl
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from kiosk.delivery.backoff import parse_retry_after
from kiosk.delivery.credentials import client_ssl_context

SUBMIT_PATH = "applications"
USER_AGENT = "idkiosk-delivery/1"
_DIGIT_RUN = re.compile(r"\d[\d\s-]{3,}\d[\dXx]?")


@dataclass(frozen=True)
class Delivered:
    status: int
    office_reference: str | None
    replayed: bool


@dataclass(frozen=True)
class RetryLater:
    reason: str
    retry_after: float | None = None


@dataclass(frozen=True)
class Rejected:
    status: int
    reason: str


Outcome = Delivered | RetryLater | Rejected


@dataclass(frozen=True)
class ClientSettings:
    endpoint: str
    client_cert: Path
    client_key: Path
    ca_bundle: Path | None = None
    connect_timeout: float = 10.0
    read_timeout: float = 30.0

    @classmethod
    def from_config(cls, cfg: Any) -> ClientSettings:
        d = cfg.delivery
        return cls(
            endpoint=d.endpoint,
            client_cert=cfg.resolve_path(d.client_cert),
            client_key=cfg.resolve_path(d.client_key),
            ca_bundle=None if d.ca_bundle is None else cfg.resolve_path(d.ca_bundle),
            connect_timeout=d.connect_timeout_seconds,
            read_timeout=d.read_timeout_seconds,
        )


class IntakeClient:
    def __init__(
        self,
        settings: ClientSettings,
        *,
        clock: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.settings = settings
        self._clock = clock
        self._transport = transport  # tests inject httpx.MockTransport
        self._http: httpx.Client | None = None

    def close(self) -> None:
        if self._http is not None:
            self._http.close()
            self._http = None

    def __enter__(self) -> IntakeClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def submit(self, application_id: str, document: bytes) -> Outcome:
        """POST one application; `document` is its JSON payload, `application_id` its key."""
        try:
            http = self._client()
        except (OSError, ValueError, ssl.SSLError) as exc:
            # Missing or unreadable certificate files, or a key others may read
            # (CredentialError): the kiosk cannot even try. Worth retrying (a technician
            # may be installing them), and visible in the status.
            return RetryLater(f"TLS set-up failed: {_scrub(_describe(exc))}")
        try:
            response = http.post(
                SUBMIT_PATH,
                content=document,
                headers={"Idempotency-Key": application_id, "Content-Type": "application/json"},
            )
        except httpx.TransportError as exc:  # refused, reset, timeouts, TLS, protocol errors
            return RetryLater(_scrub(_describe(exc)))
        return classify(response.status_code, response.headers, response.content, application_id, self._clock())

    def _client(self) -> httpx.Client:
        if self._http is None:
            s = self.settings
            verify: ssl.SSLContext | bool = True
            if self._transport is None:
                verify = client_ssl_context(s.client_cert, s.client_key, s.ca_bundle)
            base = s.endpoint if s.endpoint.endswith("/") else s.endpoint + "/"
            self._http = httpx.Client(
                base_url=base,
                verify=verify,
                transport=self._transport,
                timeout=httpx.Timeout(
                    connect=s.connect_timeout, read=s.read_timeout, write=s.read_timeout, pool=s.connect_timeout
                ),
                follow_redirects=False,  # a redirect is a misconfiguration, not a new office
                headers={"User-Agent": USER_AGENT},
            )
        return self._http


def classify(
    status: int, headers: Any, body: bytes, application_id: str, now: dt.datetime
) -> Outcome:
    """The outcome of one intake answer (see the module docstring)."""
    if status in (200, 201):
        receipt = _json(body)
        if not isinstance(receipt, dict):
            return Delivered(status, None, status == 200)
        if receipt.get("application_id") not in (None, application_id):
            # A cache or proxy answered with someone else's receipt: not an acknowledgement.
            return RetryLater(f"HTTP {status} with a receipt for another application")
        reference = receipt.get("office_reference")
        return Delivered(
            status,
            reference if isinstance(reference, str) and reference else None,
            bool(receipt.get("replayed", status == 200)),
        )
    if status in (408, 429) or 500 <= status <= 599:
        return RetryLater(_problem_reason(status, body), parse_retry_after(headers.get("Retry-After"), now))
    if 400 <= status <= 499:
        return Rejected(status, _problem_reason(status, body))
    return RetryLater(f"unexpected HTTP status {status}")


def _problem_reason(status: int, body: bytes) -> str:
    problem = _json(body)
    parts = [f"HTTP {status}"]
    if isinstance(problem, dict):
        code, title = problem.get("code"), problem.get("title")
        if isinstance(code, str) and code:
            parts.append(code[:64])
        if isinstance(title, str) and title:
            parts.append("- " + title[:120])
        errors = problem.get("errors")
        if isinstance(errors, list):
            pointers = [e["pointer"] for e in errors if isinstance(e, dict) and isinstance(e.get("pointer"), str)]
            if pointers:
                more = f" (+{len(pointers) - 5})" if len(pointers) > 5 else ""
                parts.append("fields: " + ", ".join(p[:60] for p in pointers[:5]) + more)
    return _scrub(" ".join(parts))


def _json(body: bytes) -> Any:
    try:
        return json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return None


def _describe(exc: BaseException) -> str:
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _scrub(text: str) -> str:
    """Mask long digit runs (an ID number or phone echoed by a server) and bound the length."""
    return _DIGIT_RUN.sub("[digits]", " ".join(text.split()))[:300]
