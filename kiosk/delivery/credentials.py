"""The kiosk's TLS credentials for the office: client certificate, its key, the office's CA.

Checked in two places with the same rules: `kiosk config check` / `kiosk run` before
the start (kiosk.config.preflight), and the delivery client before every TLS set-up.
The client must refuse a key others can read on its own, because a key copied in with
mode 0666 after the start would otherwise be used silently: like ssh, a private key
that group or others may read counts as disclosed.

Each problem names the setting it concerns (``client_cert``, ``client_key``,
``ca_bundle``) so the checks can point at the right line of the configuration file.
"""

from __future__ import annotations

import datetime as dt
import ssl
import stat
from dataclasses import dataclass, field
from pathlib import Path

from cryptography import x509
from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization

MAX_PEM_BYTES = 1024 * 1024  # a chain of a few certificates is a few KB


class CredentialError(ValueError):
    """A credential file cannot be used; `setting` is the delivery setting it comes from."""

    def __init__(self, setting: str, message: str) -> None:
        super().__init__(message)
        self.setting = setting


@dataclass
class CredentialReport:
    problems: list[CredentialError] = field(default_factory=list)
    subject: str = ""                   # the client certificate's subject, for the summary
    not_after: dt.datetime | None = None
    ca_certificates: int = 0


def require_owner_only(path: Path, setting: str = "client_key") -> None:
    """Raise CredentialError unless `path` is a regular file that only its owner may use."""
    try:
        st = path.stat()
    except FileNotFoundError:
        raise CredentialError(setting, f"{path} does not exist") from None
    except OSError as exc:
        raise CredentialError(setting, f"{path} cannot be read: {exc.strerror or exc}") from None
    if not stat.S_ISREG(st.st_mode):
        raise CredentialError(setting, f"{path} is not a file")
    if st.st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise CredentialError(
            setting,
            f"{path} is accessible by group or others (mode {stat.S_IMODE(st.st_mode):04o}); "
            f"it must be readable by the kiosk's user only: chmod 600 {path}",
        )


def _read(path: Path, setting: str) -> bytes:
    try:
        with open(path, "rb") as f:
            data = f.read(MAX_PEM_BYTES + 1)
    except FileNotFoundError:
        raise CredentialError(setting, f"{path} does not exist") from None
    except IsADirectoryError:
        raise CredentialError(setting, f"{path} is a folder, not a PEM file") from None
    except OSError as exc:
        raise CredentialError(setting, f"{path} cannot be read: {exc.strerror or exc}") from None
    if len(data) > MAX_PEM_BYTES:
        raise CredentialError(setting, f"{path} is larger than {MAX_PEM_BYTES // 1024} KB: not a PEM file")
    return data


def _certificates(path: Path, setting: str) -> list[x509.Certificate]:
    data = _read(path, setting)
    try:
        return x509.load_pem_x509_certificates(data)
    except ValueError:
        raise CredentialError(setting, f"{path} holds no PEM certificate") from None


def check_credentials(
    client_cert: Path, client_key: Path, ca_bundle: Path | None, now: dt.datetime | None = None
) -> CredentialReport:
    """Every problem with the three files, and what the summary shows when there is none."""
    now = now or dt.datetime.now(dt.UTC)
    report = CredentialReport()
    chain: list[x509.Certificate] = []
    try:
        chain = _certificates(client_cert, "client_cert")
    except CredentialError as exc:
        report.problems.append(exc)
    if chain:
        leaf = chain[0]
        report.subject = leaf.subject.rfc4514_string()
        report.not_after = leaf.not_valid_after_utc
        if leaf.not_valid_after_utc < now:
            report.problems.append(CredentialError(
                "client_cert", f"{client_cert} expired on {leaf.not_valid_after_utc:%Y-%m-%d}: the office will refuse it"
            ))
        elif leaf.not_valid_before_utc > now:
            report.problems.append(CredentialError(
                "client_cert", f"{client_cert} is not valid before {leaf.not_valid_before_utc:%Y-%m-%d %H:%M} UTC "
                "(is the kiosk's clock right?)"
            ))
    key = None
    try:
        require_owner_only(client_key)
        key = _private_key(client_key)
    except CredentialError as exc:
        report.problems.append(exc)
    if chain and key is not None and _public(key) != _public(chain[0]):
        report.problems.append(CredentialError(
            "client_key", f"{client_key} is not the key of the certificate in {client_cert}"
        ))
    if ca_bundle is not None:
        try:
            report.ca_certificates = len(_certificates(ca_bundle, "ca_bundle"))
        except CredentialError as exc:
            report.problems.append(exc)
    if not report.problems:
        # The same call the client makes: what OpenSSL accepts is what counts.
        try:
            client_ssl_context(client_cert, client_key, ca_bundle)
        except (ssl.SSLError, OSError) as exc:
            report.problems.append(CredentialError("client_cert", f"TLS refuses these files: {exc}"))
    return report


def _private_key(path: Path):  # type: ignore[no-untyped-def]
    data = _read(path, "client_key")
    try:
        return serialization.load_pem_private_key(data, password=None)
    except TypeError:
        raise CredentialError(
            "client_key", f"{path} is protected by a passphrase; the kiosk needs it unencrypted (mode 0600)"
        ) from None
    except (ValueError, UnsupportedAlgorithm):
        raise CredentialError("client_key", f"{path} holds no PEM private key") from None


def _public(item) -> bytes:  # type: ignore[no-untyped-def]
    return item.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def client_ssl_context(client_cert: Path, client_key: Path, ca_bundle: Path | None) -> ssl.SSLContext:
    """TLS 1.2+ with hostname checking, our certificate presented, the office's CA trusted.

    Refuses (CredentialError) a client key that group or others may read.
    """
    require_owner_only(client_key)
    ctx = ssl.create_default_context(ssl.Purpose.SERVER_AUTH, cafile=None if ca_bundle is None else str(ca_bundle))
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    ctx.load_cert_chain(str(client_cert), str(client_key))
    return ctx
