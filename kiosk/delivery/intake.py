"""A small reference intake: the office's side of resources/api/intake.openapi.yaml.

Used by the technician's self-test and by the tests, on 127.0.0.1 with mutual TLS (see
kiosk.delivery.loopback_pki). It validates every request against the contract document,
stores each application once per idempotency key in its own durable SQLite file (WAL,
synchronous=FULL), and can misbehave on purpose, the ways a real network and office do:

- `go_down()` / `come_up()`: stop listening (connections are refused), and listen again;
- faults taken per request from a `FaultPlan` (a script, or a random mix): answer slowly,
  hold the request past the client's timeout (before or after storing), answer 500, 503
  or 429 with Retry-After, reject for good (422), close the connection without an answer
  (before or after storing: the kiosk never sees the acknowledgement).

What it keeps is only what the tests need to judge the kiosk, and nothing personal: per
stored application its key, number, kiosk id, the SHA-256 of the body and the receipt;
per request its key, status and fault. The `received` table deliberately has no UNIQUE
constraint on the key: uniqueness comes from the check-then-insert inside one
`BEGIN IMMEDIATE` transaction, so if that (or the kiosk) were wrong, `stats().duplicated`
would show it instead of a constraint hiding it.

Written on the standard library's `http.server`: a test double must not need a web
framework, and this one must break connections at exact points, which frameworks hide.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import random
import socket
import sqlite3
import ssl
import threading
import uuid
from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from kiosk.delivery.contract import Contract, load_contract
from kiosk.delivery.loopback_pki import LoopbackPki

log = logging.getLogger(__name__)

BASE_PATH = "/v1"
SUBMIT_PATH = BASE_PATH + "/applications"
CONTRACT_PATH = "/applications"  # the same path, as the contract document names it
MAX_BODY_BYTES = 16 * 1024 * 1024


class Fault(StrEnum):
    NONE = "none"
    SLOW = "slow"                                # answer normally, after slow_seconds
    TIMEOUT = "timeout"                          # hold past the client's timeout; nothing stored
    TIMEOUT_AFTER_STORE = "timeout_after_store"  # store, then hold past the timeout and close
    DROP = "drop"                                # close without answering; nothing stored
    CLOSE_AFTER_STORE = "close_after_store"      # store, then close without answering
    ERROR_500 = "error_500"
    UNAVAILABLE_503 = "unavailable_503"          # with Retry-After
    RATE_LIMITED_429 = "rate_limited_429"        # with Retry-After
    REJECT_422 = "reject_422"                    # a permanent rejection


class FaultPlan:
    """Which fault the next request meets: scripted ones first, then a random mix (or none)."""

    def __init__(
        self,
        *,
        retry_after: str = "1",
        slow_seconds: float = 0.2,
        hang_seconds: float = 2.0,
    ) -> None:
        self.retry_after = retry_after
        self.slow_seconds = slow_seconds
        self.hang_seconds = hang_seconds  # must exceed the client's read timeout
        self._lock = threading.Lock()
        self._script: deque[Fault] = deque()
        self._mix: list[tuple[Fault, float]] = []
        self._rng = random.Random()

    def push(self, *faults: Fault | str) -> None:
        with self._lock:
            self._script.extend(Fault(f) for f in faults)

    def set_mix(self, weights: Mapping[Fault | str, float], seed: int | None = None) -> None:
        """Each request meets fault f with probability weights[f] (the rest: no fault)."""
        if sum(weights.values()) > 1.0:
            raise ValueError("fault probabilities add up to more than 1")
        with self._lock:
            self._mix = [(Fault(f), float(p)) for f, p in weights.items()]
            self._rng = random.Random(seed)

    def clear(self) -> None:
        with self._lock:
            self._script.clear()
            self._mix = []

    @property
    def pending(self) -> int:
        with self._lock:
            return len(self._script)

    def next(self) -> Fault:
        with self._lock:
            if self._script:
                return self._script.popleft()
            draw = self._rng.random()
            for fault, p in self._mix:
                if draw < p:
                    return fault
                draw -= p
            return Fault.NONE


@dataclass(frozen=True)
class ServerTls:
    cert: Path
    key: Path
    client_ca: Path

    @classmethod
    def from_pki(cls, pki: LoopbackPki) -> ServerTls:
        return cls(pki.server_cert, pki.server_key, pki.ca_cert)

    def context(self) -> ssl.SSLContext:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.minimum_version = ssl.TLSVersion.TLSv1_2
        ctx.load_cert_chain(str(self.cert), str(self.key))
        ctx.load_verify_locations(str(self.client_ca))
        ctx.verify_mode = ssl.CERT_REQUIRED  # mutual TLS: no client certificate, no connection
        return ctx


@dataclass(frozen=True)
class StoredApplication:
    idempotency_key: str
    application_number: str
    kiosk_id: str
    body_sha256: str
    office_reference: str
    received_at: str


@dataclass(frozen=True)
class IntakeStats:
    requests: int            # POSTs to /v1/applications, whatever became of them
    stored: int              # application records stored
    distinct: int            # distinct idempotency keys among them
    duplicated: int          # stored - distinct: extra copies of an application (must be 0)
    duplicate_numbers: int   # extra copies of an application number under other keys (must be 0)
    replays: int             # repeated requests answered with the first receipt
    faults: dict[str, int]   # requests that met each fault
    handshake_failures: int  # TLS connections refused (e.g. no or foreign client certificate)

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


class IntakeServer:
    def __init__(
        self,
        db_path: Path,
        tls: ServerTls | LoopbackPki,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        faults: FaultPlan | None = None,
        contract: Contract | None = None,
    ) -> None:
        self.db_path = Path(db_path)
        self.tls = tls if isinstance(tls, ServerTls) else ServerTls.from_pki(tls)
        self.host = host
        self.port = port
        self.faults = faults or FaultPlan()
        self.contract = contract or load_contract()
        self._ssl = self.tls.context()
        self._server: _HttpServer | None = None
        self._thread: threading.Thread | None = None
        self._stopping = threading.Event()
        self._conn_lock = threading.Lock()
        self._connections: set[ssl.SSLSocket] = set()
        self._handshake_failures = 0
        self._init_db()

    # -- lifecycle ---------------------------------------------------------------------

    def start(self) -> IntakeServer:
        self._stopping.clear()
        self._listen()
        return self

    def stop(self) -> None:
        self._stopping.set()
        self._stop_listening()

    def __enter__(self) -> IntakeServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def go_down(self) -> None:
        """Stop listening and cut open connections: new connections are refused."""
        self._stop_listening()

    def come_up(self) -> None:
        """Listen again on the same port."""
        self._listen()

    @property
    def url(self) -> str:
        return f"https://{self.host}:{self.port}{BASE_PATH}/"

    @property
    def is_up(self) -> bool:
        return self._server is not None

    def _listen(self) -> None:
        if self._server is not None:
            return
        server = _HttpServer((self.host, self.port), _Handler)
        server.intake = self
        self.port = server.server_address[1]
        self._server = server
        self._thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.05}, name="intake", daemon=True
        )
        self._thread.start()
        log.info("intake listening on %s", self.url)

    def _stop_listening(self) -> None:
        server, thread = self._server, self._thread
        self._server = self._thread = None
        if server is None:
            return
        server.shutdown()
        server.server_close()
        if thread is not None:
            thread.join()
        with self._conn_lock:
            connections = list(self._connections)
        for conn in connections:
            try:
                conn.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    # -- what it received ----------------------------------------------------------------

    def stats(self) -> IntakeStats:
        with self._db() as db:
            requests = db.execute("SELECT count(*) FROM requests").fetchone()[0]
            stored, distinct, numbers = db.execute(
                "SELECT count(*), count(DISTINCT idempotency_key), count(DISTINCT application_number) "
                "FROM received"
            ).fetchone()
            replays = db.execute("SELECT count(*) FROM requests WHERE outcome = 'replay'").fetchone()[0]
            faults = dict(db.execute(
                "SELECT fault, count(*) FROM requests WHERE fault != 'none' GROUP BY fault"
            ).fetchall())
        with self._conn_lock:
            handshakes = self._handshake_failures
        return IntakeStats(
            requests=requests,
            stored=stored,
            distinct=distinct,
            duplicated=stored - distinct,
            duplicate_numbers=stored - numbers,
            replays=replays,
            faults=faults,
            handshake_failures=handshakes,
        )

    def stored(self) -> dict[str, StoredApplication]:
        """The first stored record of each idempotency key."""
        with self._db() as db:
            rows = db.execute(
                "SELECT idempotency_key, application_number, kiosk_id, body_sha256, office_reference, "
                "received_at FROM received ORDER BY seq"
            ).fetchall()
        out: dict[str, StoredApplication] = {}
        for row in rows:
            out.setdefault(row[0], StoredApplication(*row))
        return out

    def integrity_check(self) -> list[str]:
        with self._db() as db:
            return [r[0] for r in db.execute("PRAGMA integrity_check")]

    # -- storage ---------------------------------------------------------------------------

    def _db(self) -> _Closing:
        db = sqlite3.connect(self.db_path, timeout=30, isolation_level=None)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=FULL")
        return _Closing(db)

    def _init_db(self) -> None:
        self.db_path.parent.mkdir(parents=True, exist_ok=True)
        with self._db() as db:
            db.executescript(
                """
                CREATE TABLE IF NOT EXISTS received (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    idempotency_key TEXT NOT NULL,
                    application_number TEXT NOT NULL,
                    kiosk_id TEXT NOT NULL,
                    body_sha256 TEXT NOT NULL,
                    office_reference TEXT NOT NULL,
                    received_at TEXT NOT NULL
                );
                CREATE INDEX IF NOT EXISTS ix_received_key ON received (idempotency_key);
                CREATE TABLE IF NOT EXISTS requests (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    at TEXT NOT NULL,
                    idempotency_key TEXT,
                    status INTEGER,
                    fault TEXT NOT NULL,
                    outcome TEXT NOT NULL
                );
                """
            )

    def _store(self, key: str, number: str, kiosk_id: str, sha256: str) -> tuple[int, dict[str, Any]]:
        """Store once per key; (201, receipt) the first time, (200, first receipt) after."""
        with self._db() as db:
            db.execute("BEGIN IMMEDIATE")
            try:
                row = db.execute(
                    "SELECT body_sha256, office_reference, received_at FROM received "
                    "WHERE idempotency_key = ? ORDER BY seq LIMIT 1",
                    (key,),
                ).fetchone()
                if row is not None:
                    db.execute("COMMIT")
                    if row[0] != sha256:
                        return 422, {}
                    return 200, _receipt(key, row[1], row[2], replayed=True)
                reference = "OF-" + uuid.uuid4().hex[:16].upper()
                received_at = dt.datetime.now(dt.UTC).isoformat()
                db.execute(
                    "INSERT INTO received (idempotency_key, application_number, kiosk_id, body_sha256, "
                    "office_reference, received_at) VALUES (?, ?, ?, ?, ?, ?)",
                    (key, number, kiosk_id, sha256, reference, received_at),
                )
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise
        return 201, _receipt(key, reference, received_at, replayed=False)

    def _log_request(self, key: str | None, status: int | None, fault: Fault, outcome: str) -> None:
        with self._db() as db:
            db.execute(
                "INSERT INTO requests (at, idempotency_key, status, fault, outcome) VALUES (?, ?, ?, ?, ?)",
                (dt.datetime.now(dt.UTC).isoformat(), key, status, fault.value, outcome),
            )

    def _count_handshake_failure(self) -> None:
        with self._conn_lock:
            self._handshake_failures += 1

    def _track(self, conn: ssl.SSLSocket, add: bool) -> None:
        with self._conn_lock:
            (self._connections.add if add else self._connections.discard)(conn)

    def _hang(self, seconds: float) -> None:
        self._stopping.wait(seconds)


class _Closing:
    """sqlite3's own context manager commits but does not close; this closes."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> sqlite3.Connection:
        return self.db

    def __exit__(self, *exc: object) -> None:
        self.db.close()


def _receipt(key: str, reference: str, received_at: str, *, replayed: bool) -> dict[str, Any]:
    return {
        "application_id": key,
        "office_reference": reference,
        "received_at": received_at,
        "replayed": replayed,
    }


class _HttpServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    intake: IntakeServer

    def finish_request(self, request: Any, client_address: Any) -> None:
        # The TLS handshake runs here, in the connection's own thread, so one slow or
        # failing client cannot hold up the accept loop.
        intake = self.intake
        request.settimeout(10)
        # http.server writes the headers and the body separately; without NODELAY the
        # body waits for the client's delayed ACK (~40 ms a request on Linux).
        request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        try:
            conn = intake._ssl.wrap_socket(request, server_side=True)
        except (ssl.SSLError, OSError) as exc:
            intake._count_handshake_failure()
            log.info("TLS handshake refused: %s", type(exc).__name__)
            return
        intake._track(conn, True)
        try:
            self.RequestHandlerClass(conn, client_address, self)
        except OSError:
            pass  # the client went away (or the test cut the connection)
        finally:
            intake._track(conn, False)
            try:
                conn.close()
            except OSError:
                pass


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as a real office would offer
    timeout = 15                   # idle keep-alive connections end after this
    server: _HttpServer
    server_version = "kiosk-reference-intake/1"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        log.debug("intake: " + format, *args)

    # -- routes ----------------------------------------------------------------------------

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        self._problem(404, "not_found", "No such resource")

    def do_POST(self) -> None:  # noqa: N802
        intake = self.server.intake
        length_text = self.headers.get("Content-Length")
        if length_text is None or not length_text.isdigit():
            self._problem(411, "length_required", "Content-Length is required", close=True)
            return
        length = int(length_text)
        if length > MAX_BODY_BYTES:
            self._problem(413, "too_large", "The application is too large", close=True)
            return
        # Read the body before any answer, even a 404: left unread, it would be taken for
        # the next request on this keep-alive connection.
        body = self.rfile.read(length)
        if self.path.rstrip("/") != SUBMIT_PATH:
            self._problem(404, "not_found", "No such resource")
            return
        key = self.headers.get("Idempotency-Key")

        fault = intake.faults.next()
        if self._fault_before_store(fault, key):
            return

        checked = self._check(body, key, fault)
        if checked is None:
            return
        payload = checked
        status, receipt = intake._store(
            key or "", payload["application_number"], payload["kiosk_id"], hashlib.sha256(body).hexdigest()
        )
        if status == 422:
            intake._log_request(key, 422, fault, "rejected:idempotency_key_reused")
            self._problem(
                422, "idempotency_key_reused",
                "This idempotency key was used for a different application",
            )
            return
        outcome = "stored" if status == 201 else "replay"
        if fault is Fault.CLOSE_AFTER_STORE:
            intake._log_request(key, None, fault, outcome)
            self._drop()
            return
        if fault is Fault.TIMEOUT_AFTER_STORE:
            intake._log_request(key, None, fault, outcome)
            intake._hang(intake.faults.hang_seconds)
            self._drop()
            return
        intake._log_request(key, status, fault, outcome)
        self._send_json(status, receipt)

    # -- pieces ------------------------------------------------------------------------------

    def _fault_before_store(self, fault: Fault, key: str | None) -> bool:
        intake = self.server.intake
        plan = intake.faults
        if fault is Fault.SLOW:
            intake._hang(plan.slow_seconds)
            return False
        if fault in (Fault.NONE, Fault.CLOSE_AFTER_STORE, Fault.TIMEOUT_AFTER_STORE):
            return False
        if fault is Fault.TIMEOUT:
            intake._log_request(key, None, fault, "fault")
            intake._hang(plan.hang_seconds)
            self._drop()
        elif fault is Fault.DROP:
            intake._log_request(key, None, fault, "fault")
            self._drop()
        elif fault is Fault.ERROR_500:
            intake._log_request(key, 500, fault, "fault")
            self._problem(500, "internal_error", "The intake failed; try again later")
        elif fault is Fault.UNAVAILABLE_503:
            intake._log_request(key, 503, fault, "fault")
            self._problem(503, "unavailable", "The intake is unavailable; try again later",
                          headers={"Retry-After": plan.retry_after})
        elif fault is Fault.RATE_LIMITED_429:
            intake._log_request(key, 429, fault, "fault")
            self._problem(429, "rate_limited", "Too many requests; slow down",
                          headers={"Retry-After": plan.retry_after})
        elif fault is Fault.REJECT_422:
            intake._log_request(key, 422, fault, "rejected:rejected_for_test")
            self._problem(422, "rejected_for_test", "Refused by the test intake")
        return True

    def _check(self, body: bytes, key: str | None, fault: Fault) -> dict[str, Any] | None:
        """The parsed application, or None after answering why it is refused."""
        intake = self.server.intake
        contract = intake.contract

        def refuse(status: int, code: str, title: str, errors: list[tuple[str, str]] | None = None) -> None:
            intake._log_request(key, status, fault, f"rejected:{code}")
            self._problem(status, code, title, errors=errors)

        media_type = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if media_type != "application/json":
            refuse(415, "unsupported_media_type", "The application must be sent as application/json")
            return None
        key_errors = contract.validate(
            key, contract.header_schema(CONTRACT_PATH, "post", "Idempotency-Key"), "/headers/Idempotency-Key"
        ) if key is not None else [("/headers/Idempotency-Key", "is required")]
        if key_errors:
            refuse(400, "idempotency_key_invalid", "Idempotency-Key must be the application id", key_errors)
            return None
        try:
            payload = json.loads(body)
        except (ValueError, UnicodeDecodeError):
            refuse(400, "malformed_json", "The body is not JSON")
            return None
        errors = contract.validate(payload, contract.request_schema(CONTRACT_PATH, "post"))
        if errors:
            refuse(422, "invalid_application", "The application does not match the contract", errors)
            return None
        if payload["application_id"] != key:
            refuse(422, "idempotency_key_mismatch", "Idempotency-Key differs from application_id")
            return None
        cn = _peer_common_name(self.connection)
        if cn is None or cn.upper() != payload["kiosk_id"].upper():
            refuse(403, "kiosk_not_allowed", "The client certificate is not this application's kiosk")
            return None
        return payload

    def _problem(
        self,
        status: int,
        code: str,
        title: str,
        *,
        errors: list[tuple[str, str]] | None = None,
        headers: Mapping[str, str] | None = None,
        close: bool = False,
    ) -> None:
        doc: dict[str, Any] = {"type": "about:blank", "title": title, "status": status, "code": code}
        if errors:
            doc["errors"] = [{"pointer": p, "message": m} for p, m in errors[:50]]
        self._send_json(status, doc, "application/problem+json", headers or {}, close=close)

    def _send_json(
        self,
        status: int,
        doc: dict[str, Any],
        media_type: str = "application/json",
        headers: Mapping[str, str] | None = None,
        *,
        close: bool = False,
    ) -> None:
        data = json.dumps(doc).encode()
        self.send_response(status)
        self.send_header("Content-Type", media_type)
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        if close:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        self.wfile.write(data)
        self.wfile.flush()

    def _drop(self) -> None:
        """Close the connection without a word (the client sees a reset or an EOF)."""
        self.close_connection = True
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


def _peer_common_name(conn: Any) -> str | None:
    try:
        cert = conn.getpeercert()
    except (AttributeError, ValueError):
        return None
    for rdn in (cert or {}).get("subject", ()):
        for name, value in rdn:
            if name == "commonName":
                return str(value)
    return None


def wait_until_stored(server: IntakeServer, keys: Iterable[str], *, timeout: float) -> bool:
    """True once every key is stored (for callers that deliver in the background)."""
    import time

    wanted = set(keys)
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if wanted <= set(server.stored()):
            return True
        time.sleep(0.05)
    return wanted <= set(server.stored())
