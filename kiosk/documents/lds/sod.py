"""EF.SOD, the Document Security Object (ICAO 9303-10 4.6.2): parse and build.

EF.SOD is tag 77 around a CMS SignedData (`asn1crypto.cms`) whose encapsulated content
is an LDSSecurityObject: the digest algorithm and one hash per data group. Parsing is
strict and raises MalformedDocument; checking the hashes and the signature is
`passive_auth`'s job. The builders serve the demo specimen, the test emulator and the
ICAO master-list tests (CMS SignedData with any encapsulated content).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field

from asn1crypto import algos, cms, core, x509

from kiosk.documents import tlv
from kiosk.documents.errors import MalformedDocument
from kiosk.documents.lds import DataGroup

ID_LDS_SECURITY_OBJECT = "2.23.136.1.1.1"
ID_CSCA_MASTER_LIST = "2.23.136.1.1.2"
SOD_TAG = 0x77
HASHES = {"sha1": hashlib.sha1, "sha224": hashlib.sha224, "sha256": hashlib.sha256,
          "sha384": hashlib.sha384, "sha512": hashlib.sha512}
MAX_SOD_CERTIFICATES = 8


class DataGroupHash(core.Sequence):
    _fields = [("data_group_number", core.Integer), ("data_group_hash_value", core.OctetString)]


class DataGroupHashValues(core.SequenceOf):
    _child_spec = DataGroupHash


class LDSVersionInfo(core.Sequence):
    _fields = [("lds_version", core.PrintableString), ("unicode_version", core.PrintableString)]


class LDSSecurityObject(core.Sequence):
    _fields = [
        ("version", core.Integer),
        ("hash_algorithm", algos.DigestAlgorithm),
        ("data_group_hash_values", DataGroupHashValues),
        ("lds_version_info", LDSVersionInfo, {"optional": True}),
    ]


@dataclass(frozen=True)
class SecurityObject:
    """What EF.SOD states: the digest algorithm, each group's hash, and who signed it."""

    digest_algorithm: str                     # 'sha256', ...
    hashes: dict[int, bytes]                  # data-group number -> hash
    lds_version: str
    signed_data: cms.SignedData = field(repr=False)
    econtent: bytes = field(repr=False)       # the LDSSecurityObject DER, as signed

    @property
    def certificates(self) -> list[x509.Certificate]:
        certs = self.signed_data["certificates"]
        if not certs:
            return []
        return [c.chosen for c in certs if isinstance(c.chosen, x509.Certificate)]

    def hash(self, data: bytes) -> bytes:
        return HASHES[self.digest_algorithm](data).digest()


def _unwrap(data: bytes) -> bytes:
    root = tlv.decode(data)
    if root.tag != SOD_TAG:
        raise MalformedDocument(f"EF.SOD starts with tag {root.tag:X}, expected 77")
    return root.value


def parse_signed_data(content_info: bytes, econtent_type: str) -> tuple[cms.SignedData, bytes]:
    """The SignedData and its encapsulated content bytes; MalformedDocument otherwise."""
    try:
        info = cms.ContentInfo.load(content_info, strict=True)
        if info["content_type"].native != "signed_data":
            raise MalformedDocument("CMS content is not SignedData")
        signed = info["content"]
        encap = signed["encap_content_info"]
        if encap["content_type"].dotted != econtent_type:
            raise MalformedDocument(f"SignedData holds {encap['content_type'].dotted}, expected {econtent_type}")
        content = encap["content"]
        if content.native is None:
            raise MalformedDocument("SignedData has no encapsulated content")
        econtent = content.native if isinstance(content.native, bytes) else content.contents
        # Touch what verification will need so that a malformed structure fails here.
        if len(signed["signer_infos"]) < 1:
            raise MalformedDocument("SignedData has no signer")
        certs = signed["certificates"]
        if certs and len(certs) > MAX_SOD_CERTIFICATES:
            raise MalformedDocument("SignedData carries too many certificates")
        for signer in signed["signer_infos"]:
            signer["sid"].native
            signer["digest_algorithm"]["algorithm"].native
            signer["signature_algorithm"]["algorithm"].native
            signer["signed_attrs"].native
        for cert in certs or []:
            cert.native
    except MalformedDocument:
        raise
    except Exception as exc:  # noqa: BLE001 - asn1crypto raises many kinds on bad DER
        raise MalformedDocument(f"CMS SignedData does not parse ({type(exc).__name__})") from None
    return signed, bytes(econtent)


def parse_sod(data: bytes) -> SecurityObject:
    signed, econtent = parse_signed_data(_unwrap(data), ID_LDS_SECURITY_OBJECT)
    try:
        lso = LDSSecurityObject.load(econtent, strict=True)
        algorithm = lso["hash_algorithm"]["algorithm"].native
        version = lso["version"].native
        hashes: dict[int, bytes] = {}
        for item in lso["data_group_hash_values"]:
            number = item["data_group_number"].native
            value = item["data_group_hash_value"].native
            if not 1 <= number <= 16 or number in hashes:
                raise MalformedDocument(f"LDSSecurityObject lists data group {number} wrongly")
            hashes[number] = value
        info = lso["lds_version_info"]
        lds_version = "" if info.native is None else info["lds_version"].native
    except MalformedDocument:
        raise
    except Exception as exc:  # noqa: BLE001
        raise MalformedDocument(f"LDSSecurityObject does not parse ({type(exc).__name__})") from None
    if algorithm not in HASHES:
        raise MalformedDocument(f"LDSSecurityObject uses unsupported digest {algorithm}")
    if version not in (0, 1):
        raise MalformedDocument(f"LDSSecurityObject version {version}")
    size = HASHES[algorithm]().digest_size
    if any(len(v) != size for v in hashes.values()):
        raise MalformedDocument("a data-group hash has the wrong length")
    return SecurityObject(algorithm, hashes, lds_version, signed, econtent)


# -- building -----------------------------------------------------------------------------


def build_lds_security_object(files: dict[DataGroup, bytes], digest: str = "sha256", lds_version: str = "") -> bytes:
    values = [
        DataGroupHash({"data_group_number": int(g.name[2:]), "data_group_hash_value": HASHES[digest](v).digest()})
        for g, v in sorted(files.items(), key=lambda kv: kv[0].fid)
        if g.name.startswith("DG")
    ]
    content = {
        "version": 1 if lds_version else 0,
        "hash_algorithm": {"algorithm": digest},
        "data_group_hash_values": values,
    }
    if lds_version:
        content["lds_version_info"] = {"lds_version": lds_version, "unicode_version": "040000"}
    return LDSSecurityObject(content).dump()


def build_signed_data(
    econtent_type: str,
    econtent: bytes,
    signer_key,
    signer_cert: x509.Certificate,
    digest: str = "sha256",
    *,
    pss: bool = False,
    extra_certificates: list[x509.Certificate] = (),
    signing_time: dt.datetime | None = None,
) -> bytes:
    """A CMS ContentInfo(SignedData) signed with a `cryptography` private key (RSA or EC)."""
    from cryptography.hazmat.primitives import hashes as chashes
    from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa

    hash_cls = {"sha1": chashes.SHA1, "sha224": chashes.SHA224, "sha256": chashes.SHA256,
                "sha384": chashes.SHA384, "sha512": chashes.SHA512}[digest]
    attrs = [
        cms.CMSAttribute({"type": "content_type", "values": [econtent_type]}),
        cms.CMSAttribute({"type": "message_digest", "values": [HASHES[digest](econtent).digest()]}),
    ]
    if signing_time is not None:
        attrs.append(cms.CMSAttribute({"type": "signing_time", "values": [signing_time]}))
    signed_attrs = cms.CMSAttributes(attrs)
    to_sign = signed_attrs.dump()  # a SET: what the signature covers (RFC 5652 5.4)
    if isinstance(signer_key, rsa.RSAPrivateKey):
        if pss:
            salt = hash_cls().digest_size
            signature = signer_key.sign(to_sign, padding.PSS(padding.MGF1(hash_cls()), salt), hash_cls())
            sig_alg = {
                "algorithm": "rsassa_pss",
                "parameters": {
                    "hash_algorithm": {"algorithm": digest},
                    "mask_gen_algorithm": {"algorithm": "mgf1", "parameters": {"algorithm": digest}},
                    "salt_length": salt,
                },
            }
        else:
            signature = signer_key.sign(to_sign, padding.PKCS1v15(), hash_cls())
            sig_alg = {"algorithm": f"{digest}_rsa"}
    elif isinstance(signer_key, ec.EllipticCurvePrivateKey):
        signature = signer_key.sign(to_sign, ec.ECDSA(hash_cls()))
        sig_alg = {"algorithm": f"{digest}_ecdsa"}
    else:
        raise TypeError("signer key must be RSA or EC")
    signer = cms.SignerInfo({
        "version": "v1",
        "sid": cms.SignerIdentifier({
            "issuer_and_serial_number": cms.IssuerAndSerialNumber({
                "issuer": signer_cert.issuer,
                "serial_number": signer_cert.serial_number,
            })
        }),
        "digest_algorithm": {"algorithm": digest},
        "signed_attrs": signed_attrs,
        "signature_algorithm": sig_alg,
        "signature": signature,
    })
    signed = cms.SignedData({
        "version": "v3",
        "digest_algorithms": [{"algorithm": digest}],
        "encap_content_info": {
            "content_type": econtent_type,
            "content": core.ParsableOctetString(econtent),
        },
        "certificates": [signer_cert, *extra_certificates],
        "signer_infos": [signer],
    })
    return cms.ContentInfo({"content_type": "signed_data", "content": signed}).dump()


def build_sod(files: dict[DataGroup, bytes], signer_key, signer_cert: x509.Certificate, digest: str = "sha256",
              *, pss: bool = False, lds_version: str = "0108") -> bytes:
    """EF.SOD over the data groups of `files` (EF.COM and EF.SOD themselves are skipped)."""
    lso = build_lds_security_object(files, digest, lds_version)
    content_info = build_signed_data(ID_LDS_SECURITY_OBJECT, lso, signer_key, signer_cert, digest, pss=pss)
    return tlv.encode(SOD_TAG, content_info)
