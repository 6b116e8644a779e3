"""Certificate surgery for tests: what real CSCAs do that `cryptography` cannot build."""

from __future__ import annotations

from asn1crypto import keys, x509 as a509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from ecdsa import curves as ec_curves

from kiosk.documents.specimen_pki import Signer


def with_explicit_parameters(signer: Signer) -> a509.Certificate:
    """`signer`'s self-signed certificate re-issued with its P-256 key's domain parameters
    spelled out (SpecifiedECDomain), as many national CSCAs encode them."""
    curve = ec_curves.NIST256p
    cf = curve.curve
    size = 32
    g = curve.generator
    spki = signer.certificate.public_key
    domain = keys.SpecifiedECDomain({
        "version": "ecdpVer1",
        "field_id": {"field_type": "prime_field", "parameters": cf.p()},
        "curve": {"a": (cf.a() % cf.p()).to_bytes(size, "big"), "b": cf.b().to_bytes(size, "big")},
        "base": b"\x04" + g.x().to_bytes(size, "big") + g.y().to_bytes(size, "big"),
        "order": curve.order,
        "cofactor": 1,
    })
    explicit = keys.PublicKeyInfo({
        "algorithm": {"algorithm": "ec", "parameters": keys.ECDomainParameters(name="specified", value=domain)},
        "public_key": spki["public_key"],
    })
    tbs = signer.certificate["tbs_certificate"].copy()
    tbs["subject_public_key_info"] = explicit
    der = tbs.dump(force=True)
    signature = signer.key.sign(der, ec.ECDSA(hashes.SHA256()))
    return a509.Certificate({
        "tbs_certificate": a509.TbsCertificate.load(der),
        "signature_algorithm": {"algorithm": "sha256_ecdsa"},
        "signature_value": signature,
    })
