"""Signature checks of the eMRTD PKI: certificates (asn1crypto) verified with `cryptography`.

Certificates are parsed with `asn1crypto` rather than `cryptography.x509` because many
country signing CAs use EC keys with explicit domain parameters, which `cryptography`
refuses to load. Such keys are matched to the named curve with the same parameters and
verified with `cryptography` when it knows the curve, else with `ecdsa` (pure Python;
brainpoolP224r1/P320r1 are missing from OpenSSL's ECDSA curves in `cryptography`).
Signatures covered: RSA PKCS#1 v1.5, RSASSA-PSS, ECDSA (DER and BSI "plain" r||s).
"""

from __future__ import annotations

import hashlib

from asn1crypto import algos, keys, x509
from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes as chashes
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
from ecdsa import VerifyingKey, curves as ec_curves
from ecdsa.util import sigdecode_der

_HASHES = {"sha1": chashes.SHA1, "sha224": chashes.SHA224, "sha256": chashes.SHA256,
           "sha384": chashes.SHA384, "sha512": chashes.SHA512}
_CRYPTOGRAPHY_CURVES = {
    "NIST192p": ec.SECP192R1, "NIST224p": ec.SECP224R1, "NIST256p": ec.SECP256R1,
    "NIST384p": ec.SECP384R1, "NIST521p": ec.SECP521R1, "BRAINPOOLP256r1": ec.BrainpoolP256R1,
    "BRAINPOOLP384r1": ec.BrainpoolP384R1, "BRAINPOOLP512r1": ec.BrainpoolP512R1,
}
_NAMED = {"secp192r1": "NIST192p", "secp224r1": "NIST224p", "secp256r1": "NIST256p",
          "secp384r1": "NIST384p", "secp521r1": "NIST521p", "brainpoolp192r1": "BRAINPOOLP192r1",
          "brainpoolp224r1": "BRAINPOOLP224r1", "brainpoolp256r1": "BRAINPOOLP256r1",
          "brainpoolp320r1": "BRAINPOOLP320r1", "brainpoolp384r1": "BRAINPOOLP384r1",
          "brainpoolp512r1": "BRAINPOOLP512r1"}
# BSI TR-03111 ecdsa-plain-signatures: r || s, each on the order's length.
_PLAIN_ECDSA = {"0.4.0.127.0.7.1.1.4.1.1": "sha1", "0.4.0.127.0.7.1.1.4.1.2": "sha224",
                "0.4.0.127.0.7.1.1.4.1.3": "sha256", "0.4.0.127.0.7.1.1.4.1.4": "sha384",
                "0.4.0.127.0.7.1.1.4.1.5": "sha512"}


class SignatureError(Exception):
    """The signature does not verify, or cannot be checked (unknown algorithm or key)."""


def _ecdsa_curve(params) -> object:
    """The `ecdsa` curve for named or explicit EC domain parameters."""
    if params.name == "named":
        name = params.chosen.native
        ecdsa_name = _NAMED.get(name) or _NAMED.get(str(name).lower())
        if ecdsa_name is None:
            raise SignatureError(f"EC curve {name} is not supported")
        return getattr(ec_curves, ecdsa_name)
    if params.name == "specified":
        spec = params.chosen
        p = spec["field_id"]["parameters"].native
        a = int.from_bytes(spec["curve"]["a"].native, "big")
        b = int.from_bytes(spec["curve"]["b"].native, "big")
        n = spec["order"].native
        base = spec["base"].native
        for name in _NAMED.values():
            c = getattr(ec_curves, name)
            cf = c.curve
            if (cf.p(), cf.a() % cf.p(), cf.b(), c.order) == (p, a % p, b, n):
                g = c.generator
                size = (p.bit_length() + 7) // 8
                if base[:1] == b"\x04" and base[1:] == g.x().to_bytes(size, "big") + g.y().to_bytes(size, "big"):
                    return c
        raise SignatureError("explicit EC parameters match no known curve")
    raise SignatureError("implicitly-CA EC parameters cannot be checked")


def verify(
    public_key: keys.PublicKeyInfo,
    algorithm: algos.SignedDigestAlgorithm,
    signature: bytes,
    data: bytes,
    digest: str | None = None,
) -> None:
    """Raise SignatureError unless `signature` over `data` verifies with `public_key`.

    `digest` names the hash when `algorithm` does not (CMS SignerInfo with a bare
    rsaEncryption or ecPublicKey OID: the digest is the SignerInfo's digestAlgorithm).
    """
    oid = algorithm["algorithm"].dotted
    try:
        sig_algo = algorithm.signature_algo if oid not in _PLAIN_ECDSA else "ecdsa"
    except ValueError:
        sig_algo = {"1.2.840.10045.2.1": "ecdsa"}.get(oid, "")
    hash_name = _PLAIN_ECDSA.get(oid)
    if hash_name is None:
        try:
            hash_name = algorithm.hash_algo
        except ValueError:
            hash_name = digest
    if sig_algo == "rsassa_pss":
        params = algorithm["parameters"]
        hash_name = params["hash_algorithm"]["algorithm"].native
    if hash_name not in _HASHES:
        raise SignatureError(f"signature digest {hash_name} is not supported")
    h = _HASHES[hash_name]()
    key_algo = public_key.algorithm
    try:
        if key_algo in ("rsa", "rsassa_pss"):
            key = serialization.load_der_public_key(
                keys.PublicKeyInfo({"algorithm": {"algorithm": "rsa"}, "public_key": public_key["public_key"]}).dump()
            )
            assert isinstance(key, rsa.RSAPublicKey)
            if sig_algo == "rsassa_pss":
                params = algorithm["parameters"]
                mgf_hash = params["mask_gen_algorithm"]["parameters"]["algorithm"].native
                pad = padding.PSS(padding.MGF1(_HASHES[mgf_hash]()), params["salt_length"].native)
            elif sig_algo == "rsassa_pkcs1v15":
                pad = padding.PKCS1v15()
            else:
                raise SignatureError(f"{sig_algo or oid} does not fit an RSA key")
            key.verify(signature, data, pad, h)
            return
        if key_algo == "ec":
            if sig_algo != "ecdsa":
                raise SignatureError(f"{sig_algo or oid} does not fit an EC key")
            curve = _ecdsa_curve(public_key["algorithm"]["parameters"])
            point = bytes(public_key["public_key"])
            if oid in _PLAIN_ECDSA:
                half = len(signature) // 2
                if len(signature) % 2 or half == 0:
                    raise SignatureError("plain ECDSA signature has odd length")
                signature = encode_dss_signature(
                    int.from_bytes(signature[:half], "big"), int.from_bytes(signature[half:], "big")
                )
            crypto_curve = _CRYPTOGRAPHY_CURVES.get(curve.name)
            if crypto_curve is not None:
                key = ec.EllipticCurvePublicKey.from_encoded_point(crypto_curve(), point)
                key.verify(signature, data, ec.ECDSA(h))
                return
            vk = VerifyingKey.from_string(point, curve=curve)
            hasher = getattr(hashlib, hash_name)
            if not vk.verify(signature, data, hashfunc=hasher, sigdecode=sigdecode_der):
                raise SignatureError("ECDSA signature does not verify")
            return
    except InvalidSignature:
        raise SignatureError("signature does not verify") from None
    except SignatureError:
        raise
    except (ValueError, TypeError, UnsupportedAlgorithm, AssertionError) as exc:
        raise SignatureError(f"signature cannot be checked ({type(exc).__name__})") from None
    except Exception as exc:  # noqa: BLE001 - ecdsa raises its own kinds on bad input
        raise SignatureError(f"signature cannot be checked ({type(exc).__name__})") from None
    raise SignatureError(f"public key algorithm {key_algo} is not supported")


def verify_certificate(cert: x509.Certificate, issuer: x509.Certificate) -> None:
    """Raise SignatureError unless `issuer`'s key signed `cert`."""
    verify(
        issuer.public_key,
        cert["signature_algorithm"],
        cert["signature_value"].native,
        cert["tbs_certificate"].dump(),
    )


def describe_name(name: x509.Name) -> str:
    """Country and common name of a CA (not personal data): for results and logs."""
    native = name.native
    parts = [native.get("country_name", ""), native.get("common_name", "")]
    return " / ".join(str(p) for p in parts if p) or name.human_friendly
