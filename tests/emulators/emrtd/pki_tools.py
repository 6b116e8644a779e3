"""Certificate surgery for tests: what real CSCAs do that `cryptography` cannot build, and
what an attacker with a PKI of their own makes."""

from __future__ import annotations

from asn1crypto import keys, x509 as a509
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from ecdsa import curves as ec_curves

from kiosk.documents.lds import DataGroup
from kiosk.documents.lds.sod import build_sod
from kiosk.demo.specimen_pki import Signer, SpecimenPki, make_certificate


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


def impostor_pki(genuine: SpecimenPki) -> SpecimenPki:
    """An attacker's own CSCA and document signer that copy the names of `genuine`'s (a
    name costs nothing; the keys are the attacker's, fresh each call). Their signatures
    verify on their own: only the trust store can tell them from the real ones."""
    csca_key, dsc_key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())
    csca_name = x509.load_der_x509_certificate(genuine.csca.certificate.dump()).subject
    dsc_name = x509.load_der_x509_certificate(genuine.dsc.certificate.dump()).subject
    csca = make_certificate(csca_name, csca_key, csca_name, csca_key, ca=True, serial=1)
    dsc = make_certificate(dsc_name, dsc_key, csca_name, csca_key, ca=False, serial=2)
    return SpecimenPki(Signer(csca_key, csca), Signer(dsc_key, dsc))


def resigned(files: dict[int, bytes], pki: SpecimenPki) -> dict[int, bytes]:
    """A card's files (by file id) with EF.SOD made anew over the same data groups and
    signed by `pki`'s document signer: what an attacker writes to a blank chip after
    copying or inventing the data groups."""
    groups = {g: files[g.fid] for g in DataGroup if g not in (DataGroup.COM, DataGroup.SOD) and g.fid in files}
    return {**files, DataGroup.SOD.fid: build_sod(groups, pki.dsc.key, pki.dsc.certificate)}
