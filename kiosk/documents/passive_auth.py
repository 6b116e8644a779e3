"""Passive authentication (ICAO 9303-11 5.1): were these data groups issued as they are?

Three checks, in order, each ending the verdict when it fails:
  1. every data group read hashes to the value EF.SOD lists for it;
  2. EF.SOD's signature verifies with its document signer certificate (DSC);
  3. the DSC was signed by a country signing CA (CSCA) from the trust store.
The result is PASSED, FAILED (something does not verify: never trust this chip) or
CSCA_UNKNOWN (1 and 2 hold but no configured CSCA vouches for the signer). Validity
periods only add warnings: an expired card is exactly what this kiosk renews, and its
DSC may have expired with it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from kiosk.documents.errors import MalformedDocument
from kiosk.documents.lds import DataGroup
from kiosk.documents.lds.sod import SecurityObject, parse_sod
from kiosk.documents.signatures import SignatureError, describe_name, verify_certificate
from kiosk.documents.trust import TrustStore, find_signer, verify_signer_info


class PaStatus(StrEnum):
    PASSED = "passed"
    FAILED = "failed"
    CSCA_UNKNOWN = "csca_unknown"


@dataclass(frozen=True)
class PassiveAuthResult:
    status: PaStatus
    reason: str
    data_groups: dict[str, bool] = field(default_factory=dict)   # 'DG1' -> hash matches
    digest_algorithm: str = ""
    signer: str = ""          # DSC subject: country / common name (an authority, not a person)
    csca: str = ""
    warnings: tuple[str, ...] = ()

    @property
    def passed(self) -> bool:
        return self.status is PaStatus.PASSED

    def as_dict(self) -> dict:
        return {
            "status": self.status.value,
            "reason": self.reason,
            "data_groups": self.data_groups,
            "digest_algorithm": self.digest_algorithm,
            "signer": self.signer,
            "csca": self.csca,
            "warnings": list(self.warnings),
        }


def _validity_warnings(what: str, cert, now: dt.datetime) -> list[str]:
    validity = cert["tbs_certificate"]["validity"]
    start, end = validity["not_before"].native, validity["not_after"].native
    if now < start:
        return [f"{what} is not valid before {start:%Y-%m-%d}"]
    if now > end:
        return [f"{what} expired on {end:%Y-%m-%d}"]
    return []


def verify_document(
    files: dict[DataGroup, bytes],
    sod: bytes | None,
    trust: TrustStore | None,
    now: dt.datetime | None = None,
) -> PassiveAuthResult:
    now = now or dt.datetime.now(dt.timezone.utc)
    if not sod:
        return PassiveAuthResult(PaStatus.FAILED, "EF.SOD is missing")
    try:
        so: SecurityObject = parse_sod(sod)
    except MalformedDocument as exc:
        return PassiveAuthResult(PaStatus.FAILED, f"EF.SOD is malformed: {exc}")

    groups: dict[str, bool] = {}
    for group, data in sorted(files.items(), key=lambda kv: kv[0].fid):
        if group in (DataGroup.COM, DataGroup.SOD):
            continue
        expected = so.hashes.get(int(group.name[2:]))
        groups[group.name] = expected is not None and so.hash(data) == expected
    base = {"data_groups": groups, "digest_algorithm": so.digest_algorithm}
    bad = [name for name, ok in groups.items() if not ok]
    if bad:
        return PassiveAuthResult(PaStatus.FAILED, f"hash of {', '.join(bad)} does not match EF.SOD", **base)

    # asn1crypto parses lazily: a damaged certificate or name inside EF.SOD surfaces only
    # when it is read here, as ValueError & co. A damaged SOD is a failed check, not a crash.
    try:
        signer_info = so.signed_data["signer_infos"][0]
        dsc = find_signer(signer_info, so.certificates)
        if dsc is None:
            return PassiveAuthResult(PaStatus.CSCA_UNKNOWN, "EF.SOD carries no document signer certificate", **base)
        signer_name = describe_name(dsc.subject)
        base["signer"] = signer_name
        try:
            verify_signer_info(signer_info, dsc, so.econtent)
        except SignatureError as exc:
            return PassiveAuthResult(PaStatus.FAILED, f"EF.SOD signature: {exc}", **base)
        warnings = _validity_warnings("document signer certificate", dsc, now)

        if trust is None or not len(trust):
            return PassiveAuthResult(PaStatus.CSCA_UNKNOWN, "no CSCA certificates are configured",
                                     warnings=tuple(warnings), **base)
        candidates = trust.issuers_of(dsc)
        if not candidates:
            return PassiveAuthResult(PaStatus.CSCA_UNKNOWN, f"no configured CSCA issued {signer_name}",
                                     warnings=tuple(warnings), **base)
        problems = []
        for csca in candidates:
            try:
                verify_certificate(dsc, csca)
            except SignatureError as exc:
                problems.append(str(exc))
                continue
            warnings += _validity_warnings("country signing CA certificate", csca, now)
            return PassiveAuthResult(PaStatus.PASSED, "data groups, EF.SOD and the signer chain verify",
                                     csca=describe_name(csca.subject), warnings=tuple(warnings), **base)
        return PassiveAuthResult(
            PaStatus.FAILED, f"document signer certificate does not verify with its CSCA ({problems[0]})",
            warnings=tuple(warnings), **base,
        )
    except (ValueError, TypeError, KeyError, IndexError, AttributeError) as exc:
        return PassiveAuthResult(PaStatus.FAILED, f"EF.SOD is malformed: {type(exc).__name__}", **base)
