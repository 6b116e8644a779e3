"""Passive authentication: hashes, the SOD signature and the chain to a trusted CSCA."""

from __future__ import annotations

import datetime as dt

import pytest
from asn1crypto import core

from tests.emulators.emrtd import make_document
from kiosk.documents.lds import DataGroup
from kiosk.documents.lds.sod import ID_CSCA_MASTER_LIST, build_signed_data, build_sod, parse_sod
from kiosk.documents.passive_auth import PaStatus, verify_document
from kiosk.demo.specimen_pki import _name, make_certificate, specimen_pki
from kiosk.documents.trust import CscaMasterList, TrustStore


@pytest.fixture(scope="module")
def doc():
    return make_document("TD3", dg13=True)


def verdict(doc, groups=None, sod=None, trust=...):
    groups = dict(doc.groups if groups is None else groups)
    trust = TrustStore([doc.pki.csca.certificate]) if trust is ... else trust
    return verify_document(groups, doc.files[0x011D] if sod is None else sod, trust)


def flip(data: bytes, index: int) -> bytes:
    out = bytearray(data)
    out[index] ^= 0x01
    return bytes(out)


def test_genuine_document_passes(doc):
    result = verdict(doc)
    assert result.status is PaStatus.PASSED
    assert result.data_groups == {"DG1": True, "DG2": True, "DG11": True, "DG13": True}
    assert result.digest_algorithm == "sha256"
    assert "DS UTO" in result.signer and "CSCA UTO" in result.csca
    assert result.as_dict()["status"] == "passed"


@pytest.mark.parametrize("group", [DataGroup.DG1, DataGroup.DG2])
@pytest.mark.parametrize("where", [10, -1, "middle"])
def test_one_changed_byte_of_dg1_or_dg2_fails(doc, group, where):
    data = doc.groups[group]
    index = len(data) // 2 if where == "middle" else where
    groups = dict(doc.groups)
    groups[group] = flip(data, index)
    result = verdict(doc, groups)
    assert result.status is PaStatus.FAILED
    assert result.data_groups[group.name] is False
    assert group.name in result.reason


def test_group_missing_from_the_sod_fails(doc):
    groups = dict(doc.groups)
    groups[DataGroup.DG15] = b"\x6f\x03\x01\x02\x03"
    assert verdict(doc, groups).status is PaStatus.FAILED


def test_sod_signed_by_a_key_the_csca_never_certified_fails(doc):
    # A forger's DSC with the genuine CSCA's name, signed by the forger's own "CSCA" key.
    forger = specimen_pki("UTO", seed="tests-forger")
    real_csca = doc.pki.csca
    fake_dsc = make_certificate(
        _name("UTO", "DS UTO tests"), forger.dsc.key, _name("UTO", "CSCA UTO tests"), forger.csca.key,
        ca=False, serial=2, issuer_public_key=real_csca.key.public_key(),
    )
    sod = build_sod(doc.groups, forger.dsc.key, fake_dsc)
    result = verdict(doc, sod=sod)
    assert result.status is PaStatus.FAILED
    assert "CSCA" in result.reason


def test_sod_signed_by_an_untrusted_csca_is_csca_unknown(doc):
    other = specimen_pki("UTO", seed="another-country-authority")
    sod = build_sod(doc.groups, other.dsc.key, other.dsc.certificate)
    result = verdict(doc, sod=sod)
    assert result.status is PaStatus.CSCA_UNKNOWN


def test_sod_whose_signature_is_not_the_dscs_fails(doc):
    forger = specimen_pki("UTO", seed="tests-forger")
    signed_by_other_key = build_sod(doc.groups, forger.dsc.key, doc.pki.dsc.certificate)
    result = verdict(doc, sod=signed_by_other_key)
    assert result.status is PaStatus.FAILED and "signature" in result.reason


def test_no_trust_store_is_csca_unknown(doc):
    assert verdict(doc, trust=None).status is PaStatus.CSCA_UNKNOWN
    assert verdict(doc, trust=TrustStore()).status is PaStatus.CSCA_UNKNOWN


def test_missing_or_garbled_sod_fails(doc):
    assert verify_document(doc.groups, None, None).status is PaStatus.FAILED
    sod = doc.files[0x011D]
    import hashlib

    listed = sod.index(hashlib.sha256(doc.groups[DataGroup.DG1]).digest())
    result = verdict(doc, sod=flip(sod, listed + 3))  # the signed hash list itself changed
    assert result.status is PaStatus.FAILED
    assert verdict(doc, sod=sod[:-30]).status is PaStatus.FAILED


@pytest.mark.parametrize("algorithm", ["rsa", "rsa-pss"])
def test_rsa_and_pss_signatures(algorithm):
    pki = specimen_pki("UTO", seed="tests-rsa", algorithm=algorithm)
    document = make_document("TD1", pki=pki)
    sod = build_sod(document.groups, pki.dsc.key, pki.dsc.certificate, pss=algorithm == "rsa-pss")
    assert verify_document(document.groups, sod, TrustStore([pki.csca.certificate])).status is PaStatus.PASSED


@pytest.mark.parametrize("digest", ["sha1", "sha384", "sha512"])
def test_other_digests(digest):
    document = make_document("TD1", digest=digest)
    assert parse_sod(document.files[0x011D]).digest_algorithm == digest
    assert verify_document(document.groups, document.files[0x011D],
                           TrustStore([document.pki.csca.certificate])).status is PaStatus.PASSED


def test_expired_signer_certificates_only_warn(doc):
    pki = doc.pki
    old_dsc = make_certificate(
        _name("UTO", "DS UTO old"), pki.dsc.key, _name("UTO", "CSCA UTO tests"), pki.csca.key, ca=False,
        serial=9, not_before=dt.datetime(2010, 1, 1, tzinfo=dt.timezone.utc),
        not_after=dt.datetime(2015, 1, 1, tzinfo=dt.timezone.utc),
    )
    result = verdict(doc, sod=build_sod(doc.groups, pki.dsc.key, old_dsc))
    assert result.status is PaStatus.PASSED
    assert any("expired" in w for w in result.warnings)


def test_csca_with_explicit_ec_parameters(doc):
    """Many CSCAs encode brainpool/NIST curves with explicit parameters; `cryptography`
    cannot load those, the verifier matches them to the named curve."""
    from asn1crypto import keys

    from tests.emulators.emrtd.pki_tools import with_explicit_parameters

    csca = with_explicit_parameters(doc.pki.csca)
    params = csca.public_key["algorithm"]["parameters"]
    assert isinstance(params.chosen, keys.SpecifiedECDomain)
    assert verdict(doc, trust=TrustStore([csca])).status is PaStatus.PASSED


# -- trust anchors from files ---------------------------------------------------------------


def master_list(pki_list, signer_pki, *, tamper: bool = False) -> bytes:
    """An ICAO master list of the CSCAs in `pki_list`, signed by a master-list signer
    certified by signer_pki's CSCA."""
    from cryptography import x509

    signer_key = specimen_pki("UTO", seed="ml-signer").dsc.key
    issuer = x509.load_der_x509_certificate(signer_pki.csca.certificate.dump()).subject
    signer_cert = make_certificate(_name("UTO", "MLS UTO"), signer_key, issuer, signer_pki.csca.key,
                                   ca=False, serial=77)
    content = CscaMasterList({"version": 0, "cert_list": [p.csca.certificate for p in pki_list]}).dump()
    signed = build_signed_data(ID_CSCA_MASTER_LIST, content, signer_key, signer_cert)
    if tamper:  # one certificate byte changed after signing
        index = signed.index(content[-40:])
        signed = signed[:index] + bytes([signed[index] ^ 1]) + signed[index + 1 :]
    return signed


def test_trust_folder_with_pem_der_and_master_list(tmp_path, doc):
    other = specimen_pki("VNM", seed="tests")
    (tmp_path / "a.pem").write_bytes(other.csca.pem)
    (tmp_path / "b.der").write_bytes(other.dsc.certificate.dump())
    (tmp_path / "list.ml").write_bytes(master_list([doc.pki, other], doc.pki))
    (tmp_path / "notes.txt").write_text("ignored")
    (tmp_path / "broken.pem").write_bytes(b"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")
    store = TrustStore.load(tmp_path)
    subjects = {c.subject.native["common_name"] for c in store.certificates}
    assert {"CSCA UTO tests", "CSCA VNM tests", "DS VNM tests"} <= subjects
    assert any("broken.pem" in w for w in store.warnings)
    assert verdict(doc, trust=store).status is PaStatus.PASSED


def test_tampered_master_list_is_skipped(tmp_path, doc):
    ml = tmp_path / "icao.ml"
    ml.write_bytes(master_list([doc.pki], doc.pki, tamper=True))
    store = TrustStore.load(None, ml)
    assert len(store) == 0 and store.warnings
    assert verdict(doc, trust=store).status is PaStatus.CSCA_UNKNOWN


def test_master_list_signed_outside_the_list_is_skipped(tmp_path, doc):
    stranger = specimen_pki("UTO", seed="stranger")
    ml = tmp_path / "icao.ml"
    ml.write_bytes(master_list([doc.pki], stranger))
    store = TrustStore.load(None, ml)
    assert len(store) == 0 and any("not issued" in w for w in store.warnings)


def test_missing_trust_folder_warns(tmp_path):
    store = TrustStore.load(tmp_path / "absent")
    assert len(store) == 0 and store.warnings


def test_lds_security_object_round_trip(doc):
    so = parse_sod(doc.files[0x011D])
    assert set(so.hashes) == {1, 2, 11, 13}
    assert so.lds_version == "0108"
    assert core.ObjectIdentifier("2.23.136.1.1.1").dotted == "2.23.136.1.1.1"


def test_changed_dg1_with_updated_hashes_but_the_old_signature_fails(doc):
    """The forger edits DG1 and its hash inside EF.SOD but cannot re-sign."""
    from asn1crypto import cms

    from kiosk.documents import tlv
    from kiosk.documents.lds.sod import build_lds_security_object

    groups = dict(doc.groups)
    groups[DataGroup.DG1] = groups[DataGroup.DG1].replace(b"ERIKSSON", b"ERIKSSEN")
    info = cms.ContentInfo.load(tlv.decode(doc.files[0x011D]).value)
    info["content"]["encap_content_info"]["content"] = core.ParsableOctetString(
        build_lds_security_object(groups, lds_version="0108"))
    forged = tlv.encode(0x77, info.dump(force=True))
    result = verdict(doc, groups, sod=forged)
    assert result.data_groups["DG1"] is True       # the hashes now agree...
    assert result.status is PaStatus.FAILED         # ...but the signature does not
    assert "digest" in result.reason
