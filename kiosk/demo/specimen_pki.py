"""A fictitious eMRTD PKI (CSCA -> document signer) for specimen cards and tests.

Keys are derived from a fixed seed so the demo card is the same on every run; they are
therefore public knowledge: NEVER put a specimen CSCA in a production trust folder.
EC P-256 keys by default (generated in microseconds); RSA (PKCS#1 v1.5 or PSS) on
request for tests of those signature schemes.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from dataclasses import dataclass

from asn1crypto import x509 as a509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.x509.oid import NameOID

VALID_FROM = dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc)
VALID_UNTIL = dt.datetime(2045, 1, 1, tzinfo=dt.timezone.utc)


@dataclass(frozen=True)
class Signer:
    key: object                      # cryptography private key
    certificate: a509.Certificate    # asn1crypto form (what sod/passive_auth use)

    @property
    def pem(self) -> bytes:
        return b"-----BEGIN CERTIFICATE-----\n" + _b64(self.certificate.dump()) + b"-----END CERTIFICATE-----\n"


@dataclass(frozen=True)
class SpecimenPki:
    csca: Signer
    dsc: Signer


def _b64(data: bytes) -> bytes:
    import base64

    text = base64.b64encode(data)
    return b"".join(text[i : i + 64] + b"\n" for i in range(0, len(text), 64))


def _ec_key(seed: str) -> ec.EllipticCurvePrivateKey:
    secret = int.from_bytes(hashlib.sha256(seed.encode()).digest(), "big") % (2**255) + 1
    return ec.derive_private_key(secret, ec.SECP256R1())


@functools.lru_cache(maxsize=8)
def _rsa_key(seed: str, bits: int) -> rsa.RSAPrivateKey:
    # RSA keys cannot be derived from a seed with `cryptography`; cached per process.
    return rsa.generate_private_key(65537, bits)


_ALPHA2 = {"CHN": "CN", "VNM": "VN", "UTO": "UT", "D": "DE"}  # X.509 wants ISO 3166 alpha-2


def _name(country: str, common_name: str) -> x509.Name:
    return x509.Name([
        x509.NameAttribute(NameOID.COUNTRY_NAME, _ALPHA2.get(country, country[:2])),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Specimen Authority"),
        x509.NameAttribute(NameOID.COMMON_NAME, common_name),
    ])


def make_certificate(
    subject: x509.Name,
    subject_key,
    issuer: x509.Name,
    issuer_key,
    *,
    ca: bool,
    serial: int,
    not_before: dt.datetime = VALID_FROM,
    not_after: dt.datetime = VALID_UNTIL,
    pss: bool = False,
    issuer_public_key=None,
) -> a509.Certificate:
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(subject_key.public_key())
        .serial_number(serial)
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .add_extension(x509.BasicConstraints(ca=ca, path_length=0 if ca else None), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(subject_key.public_key()), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key((issuer_public_key or issuer_key.public_key())),
            critical=False,
        )
        .add_extension(
            x509.KeyUsage(
                digital_signature=not ca, content_commitment=False, key_encipherment=False,
                data_encipherment=False, key_agreement=False, key_cert_sign=ca, crl_sign=ca,
                encipher_only=False, decipher_only=False,
            ),
            critical=True,
        )
    )
    kwargs = {}
    if pss and isinstance(issuer_key, rsa.RSAPrivateKey):
        kwargs["rsa_padding"] = padding.PSS(padding.MGF1(hashes.SHA256()), 32)
    cert = builder.sign(issuer_key, hashes.SHA256(), **kwargs)
    return a509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


@functools.lru_cache(maxsize=16)
def specimen_pki(country: str = "UTO", seed: str = "specimen", algorithm: str = "ec") -> SpecimenPki:
    """CSCA and DSC of a fictitious country. `algorithm`: "ec", "rsa" or "rsa-pss"."""
    if algorithm == "ec":
        csca_key, dsc_key = _ec_key(f"{seed}/{country}/csca"), _ec_key(f"{seed}/{country}/dsc")
    else:
        csca_key, dsc_key = _rsa_key(f"{seed}/{country}/csca", 2048), _rsa_key(f"{seed}/{country}/dsc", 2048)
    pss = algorithm == "rsa-pss"
    csca_name = _name(country, f"CSCA {country} {seed}")
    csca = make_certificate(csca_name, csca_key, csca_name, csca_key, ca=True, serial=1, pss=pss)
    dsc = make_certificate(_name(country, f"DS {country} {seed}"), dsc_key, csca_name, csca_key,
                           ca=False, serial=2, pss=pss)
    return SpecimenPki(Signer(csca_key, csca), Signer(dsc_key, dsc))
