"""Trust anchors for passive authentication: country signing CA (CSCA) certificates.

Loaded from a folder of certificates (PEM or DER: .pem .crt .cer .der) and/or ICAO
master lists (.ml, or the configured file): a CMS SignedData of type
id-icao-cscaMasterList holding a SET OF Certificate. A master list is used only when its
signature verifies with the signer certificate it carries and that signer was issued by
one of the CSCAs inside it; otherwise it is skipped with a warning, so a damaged or
forged file cannot add anchors silently. Unreadable files are skipped with a warning,
never fatal: the kiosk then reports "CSCA unknown" for the affected documents.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from asn1crypto import core, pem, x509

from kiosk.documents.errors import MalformedDocument
from kiosk.documents.lds.sod import ID_CSCA_MASTER_LIST, parse_signed_data
from kiosk.documents.signatures import SignatureError, describe_name, verify, verify_certificate

log = logging.getLogger("kiosk.documents.trust")

CERT_SUFFIXES = {".pem", ".crt", ".cer", ".der"}
MASTER_LIST_SUFFIXES = {".ml"}
MAX_FILE_BYTES = 16 * 1024 * 1024


class CscaMasterList(core.Sequence):
    _fields = [("version", core.Integer), ("cert_list", core.SetOf, {"spec": x509.Certificate})]


def _key_id(cert: x509.Certificate) -> bytes | None:
    return cert.key_identifier


@dataclass
class TrustStore:
    certificates: list[x509.Certificate] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.certificates)

    def add(self, cert: x509.Certificate) -> None:
        if all(c.dump() != cert.dump() for c in self.certificates):
            self.certificates.append(cert)

    def issuers_of(self, cert: x509.Certificate) -> list[x509.Certificate]:
        """CSCAs whose subject is `cert`'s issuer (and whose key id matches, if both have one)."""
        aki = cert.authority_key_identifier
        found = []
        for ca in self.certificates:
            if ca.subject != cert.issuer:
                continue
            ski = _key_id(ca)
            if aki is not None and ski is not None and aki != ski:
                continue
            found.append(ca)
        return found

    @classmethod
    def from_config(cls, cfg) -> TrustStore:
        """The anchors a loaded `kiosk.config` configuration names (load once, at start)."""
        return cls.load(cfg.trust_dir_path, cfg.master_list_path)

    @classmethod
    def load(cls, folder: Path | None = None, master_list: Path | None = None) -> TrustStore:
        store = cls()
        paths: list[Path] = []
        if folder is not None:
            if folder.is_dir():
                paths += sorted(p for p in folder.rglob("*") if p.is_file())
            else:
                store.warnings.append(f"trust folder {folder} does not exist")
        if master_list is not None:
            paths.append(master_list)
        for path in paths:
            suffix = path.suffix.lower()
            explicit = path == master_list
            if suffix not in CERT_SUFFIXES | MASTER_LIST_SUFFIXES and not explicit:
                continue
            try:
                data = path.read_bytes()[: MAX_FILE_BYTES + 1]
                if len(data) > MAX_FILE_BYTES:
                    raise ValueError("file too large")
                if suffix in MASTER_LIST_SUFFIXES or explicit:
                    for cert in load_master_list(data):
                        store.add(cert)
                else:
                    for cert in load_certificates(data):
                        store.add(cert)
            except (OSError, ValueError, MalformedDocument, SignatureError) as exc:
                message = f"{path.name}: skipped ({exc})"
                store.warnings.append(message)
                log.warning("trust anchor %s", message)
        return store


def load_certificates(data: bytes) -> list[x509.Certificate]:
    """Every certificate in a PEM bundle or one DER certificate."""
    out = []
    if pem.detect(data):
        for kind, _, der in pem.unarmor(data, multiple=True):
            if kind == "CERTIFICATE":
                out.append(_certificate(der))
    else:
        out.append(_certificate(data))
    if not out:
        raise ValueError("no certificate found")
    return out


def _certificate(der: bytes) -> x509.Certificate:
    try:
        cert = x509.Certificate.load(der, strict=True)
        cert.native  # parse fully now, not during a read
        return cert
    except Exception as exc:  # noqa: BLE001 - asn1crypto raises many kinds
        raise ValueError(f"not a certificate ({type(exc).__name__})") from None


def load_master_list(data: bytes) -> list[x509.Certificate]:
    """The CSCAs of an ICAO master list whose signature chains to one of them."""
    signed, econtent = parse_signed_data(data, ID_CSCA_MASTER_LIST)
    try:
        ml = CscaMasterList.load(econtent, strict=True)
        cscas = [_certificate(c.dump()) for c in ml["cert_list"]]
    except ValueError:
        raise
    except Exception as exc:  # noqa: BLE001
        raise ValueError(f"master list content does not parse ({type(exc).__name__})") from None
    signer_info = signed["signer_infos"][0]
    signers = [c.chosen for c in (signed["certificates"] or []) if isinstance(c.chosen, x509.Certificate)]
    signer = find_signer(signer_info, signers)
    if signer is None:
        raise ValueError("master list signer certificate missing")
    verify_signer_info(signer_info, signer, econtent)
    for csca in cscas:
        if csca.subject != signer.issuer:
            continue
        try:
            verify_certificate(signer, csca)
        except SignatureError:
            continue
        log.info("master list signed by %s: %d CSCA certificates", describe_name(signer.subject), len(cscas))
        return cscas
    raise ValueError("master list signer is not issued by a CSCA of the list")


def find_signer(signer_info, certificates: list[x509.Certificate]) -> x509.Certificate | None:
    sid = signer_info["sid"]
    for cert in certificates:
        if sid.name == "issuer_and_serial_number":
            if cert.issuer == sid.chosen["issuer"] and cert.serial_number == sid.chosen["serial_number"].native:
                return cert
        elif sid.name == "subject_key_identifier" and cert.key_identifier == sid.chosen.native:
            return cert
    return None


def verify_signer_info(signer_info, signer: x509.Certificate, econtent: bytes) -> None:
    """RFC 5652 5.4: with signed attributes, the message digest must equal the content's
    hash and the signature covers the attributes' DER (as a SET); else the content."""
    import hashlib

    digest = signer_info["digest_algorithm"]["algorithm"].native
    if digest not in ("sha1", "sha224", "sha256", "sha384", "sha512"):
        raise SignatureError(f"digest {digest} is not supported")
    attrs = signer_info["signed_attrs"]
    if attrs.native:
        values = {a["type"].native: a["values"] for a in attrs}
        md = values.get("message_digest")
        if md is None or len(md) != 1 or md[0].native != getattr(hashlib, digest)(econtent).digest():
            raise SignatureError("signed message digest does not match the content")
        ct = values.get("content_type")
        if ct is None:
            raise SignatureError("signed attributes lack the content type")
        covered = b"\x31" + attrs.dump()[1:]  # [0] IMPLICIT in SignerInfo, SET when signed
    else:
        covered = econtent
    verify(signer.public_key, signer_info["signature_algorithm"], signer_info["signature"].native, covered, digest)
