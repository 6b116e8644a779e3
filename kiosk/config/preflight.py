"""Checks of what a valid configuration names, before the kiosk starts (as `nginx -t` does).

The model (kiosk.config.model) only judges values; a file can be perfectly valid and
still name a trust folder that is empty, a client key anyone can read, or a data folder
on a read-only disk. Each of those fails in front of citizens, hours later, far from the
technician who made the mistake. `preflight()` looks at each named thing now and words
its problems like the loader's: file and line (or environment variable), key, reason.

`kiosk config check` prints the result; `kiosk run` (and `kiosk demo`) refuse to start
on any problem, so the two can never disagree. Warnings do not stop a start: they are
printed by the check and logged at start.

Each check belongs to the package that owns the rule (trust anchors: kiosk.documents;
TLS credentials: kiosk.delivery; the signing key: kiosk.receipts); this module only
calls them and points their problems at the configuration's keys. Checks only read:
nothing is created, so a check never changes what a start would find.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.config.errors import Problem, shown_path
from kiosk.config.loader import Sources
from kiosk.config.model import KioskConfig

log = logging.getLogger("kiosk.config.preflight")


@dataclass
class Preflight:
    """What the checks found: problems refuse a start, warnings do not."""

    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)   # one line per thing checked, for the technician

    @property
    def ok(self) -> bool:
        return not self.problems


def preflight(config: KioskConfig, sources: Sources | None = None) -> Preflight:
    """Run every check on `config`; `sources` locates problems (file line or variable)."""
    result = _Run(config, sources or Sources())
    for key, check in CHECKS:
        try:
            check(result)
        except OSError as exc:  # e.g. a path with a name too long for the file system
            result.problem(key, f"cannot be checked: {exc.strerror or exc}")
    return result.report


@dataclass
class _Run:
    config: KioskConfig
    sources: Sources
    report: Preflight = field(default_factory=Preflight)
    data_dir_unusable: bool = False

    def problem(self, key: str, message: str) -> None:
        self.report.problems.append(self.sources.problem(key, message))

    def warning(self, key: str, message: str) -> None:
        self.report.warnings.append(self.sources.problem(key, message))

    def summary(self, line: str) -> None:
        self.report.summary.append(line)

    def folder(self, key: str, path: Path) -> bool:
        """Check that the kiosk can write into `path` (named by `key`); False if not.

        A folder inside an unusable data folder is not reported again.
        """
        if self.data_dir_unusable and path.is_relative_to(self.config.kiosk.data_dir):
            return False
        problem = folder_problem(path)
        if problem:
            self.problem(key, problem)
        return problem is None


# -- folders ------------------------------------------------------------------------------


def folder_problem(path: Path) -> str | None:
    """Why the kiosk could not write into folder `path`, or None (it can, or can create it).

    Only looks: `os.access` answers for the real user, which is the kiosk's own at start.
    """
    name = shown_path(path)
    try:
        probe = path
        while not probe.exists():
            if probe.parent == probe:
                return f"{name} cannot be created: no existing folder above it"
            probe = probe.parent
        if not probe.is_dir():
            return f"{name} cannot be created: {shown_path(probe)} is not a folder" if probe != path else f"{name} is not a folder"
        if not os.access(probe, os.W_OK | os.X_OK):
            whom = f"user {os.getuid()}"
            if probe != path:
                return f"{name} cannot be created: {shown_path(probe)} is not writable by {whom}"
            return f"{name} is not writable by {whom}"
    except (OSError, ValueError) as exc:
        return f"{name} cannot be examined: {getattr(exc, 'strerror', None) or exc}"
    return None


def _data_folders(run: _Run) -> None:
    cfg = run.config
    data_dir = cfg.kiosk.data_dir
    problem = folder_problem(data_dir)
    if problem:
        run.problem("kiosk.data_dir", problem)
        run.data_dir_unusable = True
    else:
        state = "writable" if data_dir.is_dir() else "will be created"
        run.summary(f"data folder: {data_dir} ({state})")
    for key, path in (
        ("storage.database", cfg.database_path.parent),
        ("receipt.public_key", cfg.resolve_path(cfg.receipt.public_key).parent),
    ):
        if path != data_dir:
            run.folder(key, path)
    exports = cfg.resolve_path(cfg.export.folder)
    if cfg.export.daily_time is not None and exports != data_dir:
        # The daily export runs at night, unattended: a folder it cannot write is found
        # at start, not by the operator who misses the morning's report.
        if run.folder("export.folder", exports):
            run.summary(f"daily export at {cfg.export.daily_time} into {exports}")
    out = cfg.printer_output_dir
    if cfg.devices.printer.driver in ("folder", "simulated") and out != data_dir:
        if run.folder("devices.printer.output_dir", out):
            run.summary(f"receipts folder: {out} ({'writable' if out.is_dir() else 'will be created'})")


# -- trust anchors of passive authentication -----------------------------------------------

_SPECIMEN_ORGANISATION = "Specimen Authority"  # kiosk.demo.specimen_pki: keys from a public seed
TRUST_LOGGER = "kiosk.documents.trust"


@contextlib.contextmanager
def _quiet(name: str) -> Iterator[None]:
    logger = logging.getLogger(name)
    disabled, logger.disabled = logger.disabled, True
    try:
        yield
    finally:
        logger.disabled = disabled


def _trust_anchors(run: _Run) -> None:
    from kiosk.documents.trust import TrustStore

    cfg = run.config
    reader = cfg.devices.card_reader
    if reader.driver == "simulated":
        run.summary("trust anchors: not needed (simulated card reader: the demo's specimen chip)")
        return
    # A production kiosk must never trust an anchor whose private key anyone can derive.
    # In demo mode a real reader may well read specimen cards signed by it.
    allow_specimen = cfg.is_demo
    usable = []
    folder = cfg.trust_dir_path
    with _quiet(TRUST_LOGGER):  # its warnings are reported below, each at its key
        folder_store = TrustStore.load(folder, None)
    if folder.is_dir():
        for warning in folder_store.warnings:
            run.warning("devices.card_reader.trust_dir", f"{shown_path(folder)}/{warning}")
    usable += _judge(run, folder_store, "devices.card_reader.trust_dir", shown_path(folder), allow_specimen)
    master = cfg.master_list_path
    if master is not None:
        with _quiet(TRUST_LOGGER):
            master_store = TrustStore.load(None, master)
        for warning in master_store.warnings:
            run.problem("devices.card_reader.master_list", f"{shown_path(master)} cannot be used: {warning.split(': ', 1)[-1]}")
        usable += _judge(run, master_store, "devices.card_reader.master_list", shown_path(master), allow_specimen)
    if usable:
        countries = sorted({_country(cert) for cert in usable})
        where = shown_path(folder) + (f" and {shown_path(master)}" if master is not None else "")
        run.summary(
            f"trust anchors: {len(usable)} CSCA certificate{'s' if len(usable) != 1 else ''} "
            f"({', '.join(countries)}) from {where}"
        )
        return
    if not folder.exists():
        state = f"{shown_path(folder)} does not exist"
    elif not folder.is_dir():
        state = f"{shown_path(folder)} is not a folder"
    else:
        refused = [
            _count(len(folder_store.warnings), "file", "unreadable"),
            _count(len(folder_store.certificates), "specimen", "refused"),
        ]
        why = ", ".join(part for part in refused if part)
        state = f"{shown_path(folder)} holds no usable CSCA certificate" + (f" ({why})" if why else "")
    reason = (
        f"{state}{'' if master is None else ' and master_list adds none'}: every chip would read as "
        '"CSCA unknown"; put the country signing CA certificates (PEM or DER) there, or set master_list'
    )
    if cfg.is_demo:
        run.warning("devices.card_reader.trust_dir", reason)
    else:
        run.problem("devices.card_reader.trust_dir", reason)


def _judge(run: _Run, store, key: str, where: str, allow_specimen: bool) -> list:  # type: ignore[no-untyped-def]
    usable = []
    for cert in store.certificates:
        if _organisation(cert) == _SPECIMEN_ORGANISATION and not allow_specimen:
            run.problem(
                key,
                f"{where} holds a specimen CSCA ({_country(cert)}, {cert.subject.native.get('common_name', '')}): "
                "its private key is public, so anyone could sign a chip it accepts; remove it",
            )
        else:
            usable.append(cert)
    return usable


def _count(n: int, noun: str, what: str) -> str:
    return "" if n == 0 else f"{n} {noun}{'s' if n != 1 else ''} {what}"


def _country(cert) -> str:  # type: ignore[no-untyped-def]
    return str(cert.subject.native.get("country_name") or "??")


def _organisation(cert) -> str:  # type: ignore[no-untyped-def]
    return str(cert.subject.native.get("organization_name") or "")


# -- delivery to the office ------------------------------------------------------------------


def _delivery(run: _Run) -> None:
    from kiosk.delivery.credentials import check_credentials

    cfg = run.config
    d = cfg.delivery
    if not d.enabled:
        run.summary("delivery: disabled (applications wait in the queue; credentials not checked)")
        return
    cert, key = cfg.resolve_path(d.client_cert), cfg.resolve_path(d.client_key)
    ca = None if d.ca_bundle is None else cfg.resolve_path(d.ca_bundle)
    report = check_credentials(cert, key, ca)
    for problem in report.problems:
        run.problem(f"delivery.{problem.setting}", str(problem))
    if not report.problems:
        until = f", valid until {report.not_after:%Y-%m-%d}" if report.not_after else ""
        trusted = f"office CA from {ca} ({report.ca_certificates})" if ca else "office CA from the system's store"
        run.summary(f"delivery: {d.endpoint} as {report.subject}{until}; key owner-only; {trusted}")


def _office(run: _Run) -> None:
    """The look-ups a session needs (a lost card, a studio code): a kiosk without them
    would send those citizens away only when they arrive, so it is said now."""
    from kiosk.delivery.credentials import check_credentials

    cfg = run.config
    o, d = cfg.office, cfg.delivery
    if not o.enabled:
        run.summary("office look-ups: disabled (lost cards and studio photo codes are sent to the counter)")
        return
    if not o.endpoint:
        if cfg.is_demo:
            run.summary("office look-ups: the demo office (the specimen citizen)")
        else:
            phones = " and no mobile number can be confirmed" if o.phone_check else ""
            run.problem("office.endpoint", f"is not set: lost cards and studio photo codes cannot be looked up"
                                           f"{phones}; set the office's look-up URL, or office.enabled = false "
                                           "to send those citizens to the counter")
        return
    if d.enabled:
        run.summary(f"office look-ups: {o.endpoint} with the delivery's credentials")
        return   # the credentials are checked (and reported) for delivery
    cert, key = cfg.resolve_path(d.client_cert), cfg.resolve_path(d.client_key)
    ca = None if d.ca_bundle is None else cfg.resolve_path(d.ca_bundle)
    report = check_credentials(cert, key, ca)
    for problem in report.problems:
        run.problem(f"delivery.{problem.setting}", f"(used by the office look-ups) {problem}")
    if not report.problems:
        run.summary(f"office look-ups: {o.endpoint} as {report.subject}; key owner-only")


# -- the queue's data key ------------------------------------------------------------------


def _queue_keys(run: _Run) -> None:
    """The same decision as the start (kiosk.storage.queue_keys), read-only."""
    from kiosk.storage import check_queue_keys

    cfg = run.config
    if run.data_dir_unusable and cfg.key_file_path.is_relative_to(cfg.kiosk.data_dir):
        return  # already reported
    check = check_queue_keys(cfg)
    if not check.ok:
        run.problem(check.setting or "storage.key_file", check.reason or "unusable")
        return
    waiting = sum(check.waiting_by_key.values())
    if check.creates_key:
        run.summary(f"queue data key: {cfg.key_file_path} (will be created at the first start)")
    else:
        run.summary(f"queue data key: {cfg.key_file_path} (key id {check.key_id}, owner-only; "
                    f"{waiting} application{'s' if waiting != 1 else ''} waiting)")


# -- receipts ---------------------------------------------------------------------------------


def _receipt_key(run: _Run) -> None:
    from kiosk.receipts.signing import ReceiptSigner, SigningKeyError

    cfg = run.config
    path = cfg.resolve_path(cfg.receipt.signing_key)
    if run.data_dir_unusable and path.is_relative_to(cfg.kiosk.data_dir):
        return  # already reported
    if not path.exists() and not path.is_symlink():
        if run.folder("receipt.signing_key", path.parent):
            run.summary(f"receipt signing key: {path} (will be created at the first start)")
        return
    try:
        signer = ReceiptSigner.load(path)
    except SigningKeyError as exc:
        run.problem("receipt.signing_key", str(exc))
        return
    run.summary(f"receipt signing key: {path} (Ed25519, fingerprint {signer.fingerprint}, owner-only)")


# The checks, in the order their summary lines are printed, each with the key its problem
# is reported at should it fail to look at all.
def _maintenance(run: _Run) -> None:
    # Said, not warned: a kiosk without maintenance PINs is a choice, but the technician
    # checking a file should see at a glance who can enter on the touch screen.
    m = run.config.maintenance
    roles = [role for role, pin in (("technician", m.technician_pin), ("operator", m.operator_pin)) if pin]
    if roles:
        run.summary(f"maintenance entry: {' and '.join(roles)} PIN{'s' if len(roles) > 1 else ''} set")
    else:
        run.summary("maintenance entry: no PIN: nobody can enter on the screen")


def _face_matcher(run: _Run) -> None:
    """The matcher's model is the file the kiosk was built for, and its threshold is its own."""
    bio = run.config.biometrics
    if bio.face_verifier == "sface":
        from kiosk.biometrics.matcher_sface import ModelFileError, checked_model_path

        try:
            path = checked_model_path()
        except ModelFileError as exc:
            run.problem("biometrics.face_verifier", str(exc))
            return
        run.summary(f"face matcher: SFace, model {path.name} (SHA-256 checked), threshold {bio.sface_threshold:g}")
    elif bio.face_verifier == "dlib":
        if bio.match_threshold is not None:
            run.warning("biometrics.match_threshold", "is the old name of dlib_threshold: rename it")
        run.summary(f"face matcher: dlib, threshold {bio.match_threshold_in_use:g}")


CHECKS: tuple[tuple[str, Callable[[_Run], None]], ...] = (
    ("kiosk.data_dir", _data_folders),
    ("devices.card_reader.trust_dir", _trust_anchors),
    ("delivery", _delivery),
    ("office", _office),
    ("storage.key_file", _queue_keys),
    ("receipt.signing_key", _receipt_key),
    ("maintenance", _maintenance),
    ("biometrics.face_verifier", _face_matcher),
)


def log_warnings(report: Preflight) -> None:
    """At start: warnings go to the log, where the technician's tools collect them."""
    for warning in report.warnings:
        log.warning("configuration: %s", warning)
