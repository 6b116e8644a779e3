"""A small reference intake: the office's side of resources/api/intake.openapi.yaml.

The technician's self-test delivers to it on 127.0.0.1 with mutual TLS (see
`loopback_pki`), so the kiosk's real client, certificates and contract are exercised
as against the office. It validates every request against the contract document and
stores each application once per idempotency key in its own durable SQLite file (WAL,
synchronous=FULL). The tests run it too, and make it misbehave the ways a real network
and office do through the two hooks of `IntakeHandler` (`tests/emulators/intake/`).

What it keeps is only what the self-test and the tests need to judge the kiosk, and
nothing personal: per stored application its key, number, kiosk id, the SHA-256 of the
body and the receipt; per request its key, status and outcome. The `received` table
deliberately has no UNIQUE constraint on the key: uniqueness comes from the
check-then-insert inside one `BEGIN IMMEDIATE` transaction, so if that (or the kiosk)
were wrong, `stats().duplicated` would show it instead of a constraint hiding it.

Written on the standard library's `http.server`: a test double must not need a web
framework, and the tests must be able to break connections at exact points, which
frameworks hide.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import socket
import sqlite3
import ssl
import threading
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from kiosk.delivery.contract import Contract, load_contract
from kiosk.delivery.selftest.loopback_pki import LoopbackPki

log = logging.getLogger(__name__)

BASE_PATH = "/v1"
SUBMIT_PATH = BASE_PATH + "/applications"
CONTRACT_PATH = "/applications"  # the same path, as the contract document names it
MAX_BODY_BYTES = 16 * 1024 * 1024


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
    handshake_failures: int  # TLS connections refused (e.g. no or foreign client certificate)

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


class IntakeServer:
    handler_class: type[IntakeHandler]   # IntakeHandler, set below; a test intake's own subclass

    def __init__(
        self,
        db_path: Path,
        tls: ServerTls | LoopbackPki,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        contract: Contract | None = None,
    ) -> None:
        self.db_path = Path(db_path)
        self.tls = tls if isinstance(tls, ServerTls) else ServerTls.from_pki(tls)
        self.host = host
        self.port = port
        self.contract = contract or load_contract()
        self._ssl = self.tls.context()
        self._server: _HttpServer | None = None
        self._thread: threading.Thread | None = None
        self._conn_lock = threading.Lock()
        self._connections: set[ssl.SSLSocket] = set()
        self._handshake_failures = 0
        self._init_db()

    # -- lifecycle ---------------------------------------------------------------------

    def start(self) -> IntakeServer:
        self._listen()
        return self

    def stop(self) -> None:
        self._stop_listening()

    def __enter__(self) -> IntakeServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def url(self) -> str:
        return f"https://{self.host}:{self.port}{BASE_PATH}/"

    @property
    def is_up(self) -> bool:
        return self._server is not None

    def _listen(self) -> None:
        if self._server is not None:
            return
        server = _HttpServer((self.host, self.port), self.handler_class)
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
        with self._conn_lock:
            handshakes = self._handshake_failures
        return IntakeStats(
            requests=requests,
            stored=stored,
            distinct=distinct,
            duplicated=stored - distinct,
            duplicate_numbers=stored - numbers,
            replays=replays,
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

    def _log_request(self, key: str | None, status: int | None, outcome: str) -> None:
        with self._db() as db:
            db.execute(
                "INSERT INTO requests (at, idempotency_key, status, outcome) VALUES (?, ?, ?, ?)",
                (dt.datetime.now(dt.UTC).isoformat(), key, status, outcome),
            )

    def _count_handshake_failure(self) -> None:
        with self._conn_lock:
            self._handshake_failures += 1

    def _track(self, conn: ssl.SSLSocket, add: bool) -> None:
        with self._conn_lock:
            (self._connections.add if add else self._connections.discard)(conn)


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


class IntakeHandler(BaseHTTPRequestHandler):
    """One connection's requests: validate against the contract, store once, answer.

    A test intake that misbehaves on purpose overrides the two hooks, which may answer
    (or not) in the intake's place, and `_log` to note what it did."""

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

        if self.intercept_before_store(key):
            return

        checked = self._check(body, key)
        if checked is None:
            return
        payload = checked
        status, receipt = intake._store(
            key or "", payload["application_number"], payload["kiosk_id"], hashlib.sha256(body).hexdigest()
        )
        if status == 422:
            self._log(key, 422, "rejected:idempotency_key_reused")
            self._problem(
                422, "idempotency_key_reused",
                "This idempotency key was used for a different application",
            )
            return
        outcome = "stored" if status == 201 else "replay"
        if self.intercept_after_store(key, outcome):
            return
        self._log(key, status, outcome)
        self._send_json(status, receipt)

    # -- hooks for a test intake ---------------------------------------------------------------

    def intercept_before_store(self, key: str | None) -> bool:
        """True when the request has been dealt with (answered, or not) before it is checked."""
        return False

    def intercept_after_store(self, key: str | None, outcome: str) -> bool:
        """True when the stored ("stored" or "replay") request's answer has been dealt with."""
        return False

    def _log(self, key: str | None, status: int | None, outcome: str) -> None:
        self.server.intake._log_request(key, status, outcome)

    # -- pieces ------------------------------------------------------------------------------

    def _check(self, body: bytes, key: str | None) -> dict[str, Any] | None:
        """The parsed application, or None after answering why it is refused."""
        contract = self.server.intake.contract

        def refuse(status: int, code: str, title: str, errors: list[tuple[str, str]] | None = None) -> None:
            self._log(key, status, f"rejected:{code}")
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


IntakeServer.handler_class = IntakeHandler


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
