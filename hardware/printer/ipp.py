"""Just enough IPP (RFC 8010/8011) to ask CUPS how a printer and a job are doing.

`lpstat` prints human text (translated, and it cannot tell a completed job from an
aborted one), `pycups` is not a dependency, and `ipptool` needs test files and another
package. Two read-only operations, Get-Printer-Attributes and Get-Job-Attributes, are a
few dozen lines of binary encoding over HTTP (httpx), so they are written here.

The parser reads every attribute as a flat list of values; collection values (which
these requests do not ask for) come through as raw bytes and are ignored.
"""

from __future__ import annotations

import itertools
import os
import struct
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

GET_PRINTER_ATTRIBUTES = 0x000B
GET_JOB_ATTRIBUTES = 0x0009
CUPS_GET_DEFAULT = 0x4001

TAG_OPERATION, TAG_JOB, TAG_END, TAG_PRINTER, TAG_UNSUPPORTED = 0x01, 0x02, 0x03, 0x04, 0x05
TAG_INTEGER, TAG_BOOLEAN, TAG_ENUM = 0x21, 0x22, 0x23
TAG_TEXT, TAG_NAME, TAG_KEYWORD, TAG_URI, TAG_CHARSET, TAG_LANGUAGE, TAG_MIME = (
    0x41, 0x42, 0x44, 0x45, 0x47, 0x48, 0x49,
)
_STRING_TAGS = {TAG_TEXT, TAG_NAME, TAG_KEYWORD, TAG_URI, TAG_CHARSET, TAG_LANGUAGE, TAG_MIME, 0x46, 0x4A}

# printer-state and job-state enums
PRINTER_IDLE, PRINTER_PROCESSING, PRINTER_STOPPED = 3, 4, 5
JOB_PENDING, JOB_HELD, JOB_PROCESSING, JOB_STOPPED, JOB_CANCELED, JOB_ABORTED, JOB_COMPLETED = range(3, 10)
JOB_STATE_NAMES = {3: "pending", 4: "held", 5: "processing", 6: "stopped", 7: "canceled", 8: "aborted", 9: "completed"}

DEFAULT_SOCKET = Path("/run/cups/cups.sock")
DEFAULT_PORT = 631

_request_ids = itertools.count(1)


class IppError(Exception):
    """The server could not be reached, or answered with an error status."""


@dataclass
class IppResponse:
    status: int
    groups: list[tuple[int, dict[str, list[Any]]]] = field(default_factory=list)

    def group(self, tag: int) -> dict[str, list[Any]]:
        merged: dict[str, list[Any]] = {}
        for group_tag, attrs in self.groups:
            if group_tag == tag:
                merged.update(attrs)
        return merged


def _attr(tag: int, name: str, value: str | int | bool) -> bytes:
    if tag in (TAG_INTEGER, TAG_ENUM):
        raw = struct.pack(">i", int(value))
    elif tag == TAG_BOOLEAN:
        raw = b"\x01" if value else b"\x00"
    else:
        raw = str(value).encode("utf-8")
    encoded = name.encode("ascii")
    return struct.pack(">BH", tag, len(encoded)) + encoded + struct.pack(">H", len(raw)) + raw


def encode_request(operation: int, attributes: list[tuple[int, str, str | int | bool]], request_id: int = 1) -> bytes:
    """An IPP/1.1 request with one operation-attributes group and no document."""
    body = struct.pack(">BBHI", 1, 1, operation, request_id) + bytes([TAG_OPERATION])
    body += _attr(TAG_CHARSET, "attributes-charset", "utf-8")
    body += _attr(TAG_LANGUAGE, "attributes-natural-language", "en")
    for tag, name, value in attributes:
        if isinstance(value, (list, tuple)):
            for i, item in enumerate(value):
                body += _attr(tag, name if i == 0 else "", item)
        else:
            body += _attr(tag, name, value)
    return body + bytes([TAG_END])


def parse_response(data: bytes) -> IppResponse:
    if len(data) < 9:
        raise IppError("the IPP response is too short")
    _, _, status, _ = struct.unpack(">BBHI", data[:8])
    response = IppResponse(status)
    pos = 8
    current: dict[str, list[Any]] | None = None
    name = ""
    while pos < len(data):
        tag = data[pos]
        pos += 1
        if tag == TAG_END:
            break
        if tag < 0x10:  # a delimiter: a new attribute group starts
            current = {}
            response.groups.append((tag, current))
            continue
        if pos + 2 > len(data):
            raise IppError("truncated IPP attribute")
        (name_len,) = struct.unpack(">H", data[pos:pos + 2])
        pos += 2
        if name_len:
            name = data[pos:pos + name_len].decode("utf-8", errors="replace")
        pos += name_len
        (value_len,) = struct.unpack(">H", data[pos:pos + 2])
        pos += 2
        raw = data[pos:pos + value_len]
        pos += value_len
        if current is None:
            raise IppError("IPP attribute outside any group")
        current.setdefault(name, []).append(_decode_value(tag, raw))
    return response


def _decode_value(tag: int, raw: bytes) -> Any:
    if tag in (TAG_INTEGER, TAG_ENUM) and len(raw) == 4:
        return struct.unpack(">i", raw)[0]
    if tag == TAG_BOOLEAN and len(raw) == 1:
        return raw != b"\x00"
    if tag in _STRING_TAGS:
        return raw.decode("utf-8", errors="replace")
    return raw


def default_server() -> str:
    """Where the CUPS client library would look: $CUPS_SERVER, client.conf, the local socket."""
    env = os.environ.get("CUPS_SERVER", "").strip()
    if env:
        return env
    for conf in (Path.home() / ".cups" / "client.conf", Path("/etc/cups/client.conf")):
        try:
            for line in conf.read_text(encoding="utf-8").splitlines():
                parts = line.split()
                if len(parts) == 2 and parts[0].lower() == "servername":
                    return parts[1]
        except OSError:
            continue
    return str(DEFAULT_SOCKET) if DEFAULT_SOCKET.exists() else f"localhost:{DEFAULT_PORT}"


class IppClient:
    """Talks to one CUPS server: `host[:port]`, or the path of its local socket."""

    def __init__(self, server: str = "", timeout: float = 3.0) -> None:
        self.server = server or default_server()
        self.timeout = timeout
        if self.server.startswith("/"):
            self._transport: httpx.HTTPTransport | None = httpx.HTTPTransport(uds=self.server)
            self._base = "http://localhost"
            self._authority = "localhost"
        else:
            self._transport = None
            host, _, port = self.server.partition(":")
            self._authority = f"{host}:{port or DEFAULT_PORT}"
            self._base = f"http://{self._authority}"

    def printer_uri(self, queue: str) -> str:
        return f"ipp://{self._authority}/printers/{queue}"

    def request(self, path: str, operation: int, attributes: list[tuple[int, str, Any]]) -> IppResponse:
        body = encode_request(operation, attributes, next(_request_ids))
        try:
            with httpx.Client(transport=self._transport, timeout=self.timeout) as client:
                reply = client.post(self._base + path, content=body, headers={"Content-Type": "application/ipp"})
        except httpx.HTTPError as exc:
            raise IppError(f"CUPS at {self.server} did not answer: {type(exc).__name__}") from exc
        if reply.status_code != 200:
            raise IppError(f"CUPS at {self.server} answered HTTP {reply.status_code}")
        response = parse_response(reply.content)
        if response.status >= 0x0400:
            raise IppError(f"CUPS refused the request (IPP status {response.status:#06x})")
        return response

    def printer_attributes(self, queue: str) -> dict[str, list[Any]]:
        response = self.request(
            f"/printers/{queue}",
            GET_PRINTER_ATTRIBUTES,
            [
                (TAG_URI, "printer-uri", self.printer_uri(queue)),
                (TAG_KEYWORD, "requested-attributes",
                 ("printer-state", "printer-state-reasons", "printer-is-accepting-jobs", "printer-state-message")),
            ],
        )
        return response.group(TAG_PRINTER)

    def default_queue(self) -> str | None:
        """The server's default destination, or None when it has none."""
        try:
            response = self.request("/", CUPS_GET_DEFAULT, [(TAG_KEYWORD, "requested-attributes", "printer-name")])
        except IppError:
            return None
        names = response.group(TAG_PRINTER).get("printer-name") or [None]
        return names[0]

    def job_attributes(self, queue: str, job_id: int) -> dict[str, list[Any]]:
        response = self.request(
            "/jobs",
            GET_JOB_ATTRIBUTES,
            [
                (TAG_URI, "printer-uri", self.printer_uri(queue)),
                (TAG_INTEGER, "job-id", job_id),
                (TAG_KEYWORD, "requested-attributes", ("job-state", "job-state-reasons", "job-state-message")),
            ],
        )
        return response.group(TAG_JOB)
