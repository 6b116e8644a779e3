"""Read an eMRTD over an APDU transport into a ChipDocument.

Protocol, transport and data stay apart, as in JMRTD: `hardware` moves bytes,
`channel.ChipChannel` sends APDUs (wrapping them once secure messaging is on),
`bac` and `pace` establish the session, `filesystem` reads files, the `lds` package
parses bytes (`chip_document` puts the values together), and `passive_auth` judges
them. This module only decides the order:

  1. detect: EF.CardAccess (which PACE variants) and, when the ATR is silent about it,
     EF.ATR/INFO (extended length), both in the master file;
  2. access control: PACE when EF.CardAccess offers a variant we implement, else BAC
     (MRZ key), else plain access for chips without access control (the demo chip);
  3. EF.COM, then DG2, DG1, DG11, DG13 when listed, then EF.SOD;
  4. parse, then passive authentication against the trust store.
A card pulled mid-read raises CardPulled carrying what was read; passing it back as
`resume=` after the card returns repeats access control and continues where it stopped.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
from dataclasses import dataclass
from typing import Callable

from hardware.card_reader import CardConnection
from kiosk.documents.access import AccessAttempts, AccessKey, CanKey, MrzKey
from kiosk.documents.bac import perform_bac
from kiosk.documents.capabilities import UNKNOWN, ChipCapabilities, from_atr, from_atr_info
from kiosk.documents.channel import ChipChannel, ReadStats, SecureChannel
from kiosk.documents.chip_document import ChipDocument, parse_document
from kiosk.documents.errors import (
    AccessDenied,
    AccessKeyRequired,
    CardPulled,
    ChipError,
    MalformedDocument,
    UnsupportedCard,
    WrongAccessKey,
)
from kiosk.documents.filesystem import (
    FID_ATR_INFO,
    FID_CARD_ACCESS,
    SHORT_BLOCK,
    FileNotFound,
    FileReader,
    PartialRead,
    ReadPolicy,
)
from kiosk.documents.lds import DataGroup
from kiosk.documents.lds.card_access import CardAccess, PaceInfo, parse_card_access
from kiosk.documents.lds.com import parse_com
from kiosk.documents.pace import STANDARD_CURVES, perform_pace
from kiosk.documents.passive_auth import PaStatus, verify_document
from kiosk.documents.status_words import NOT_SUPPORTED
from kiosk.documents.trust import TrustStore

log = logging.getLogger("kiosk.documents.reader")

EXTENDED_RESPONSE_LIMIT = 65536   # when the chip says "extended" without a maximum

Progress = Callable[[int, int], None]

# DG2 first: it is nearly all of the bytes, so once its header is read the progress
# total is almost final and the bar never runs backwards by more than a hair.
READ_ORDER = (DataGroup.DG2, DataGroup.DG1, DataGroup.DG11, DataGroup.DG13)
REQUIRED = frozenset({DataGroup.DG1, DataGroup.DG2})


@dataclass(frozen=True)
class ReadOptions:
    """How to read; from `[devices.card_reader]` in the configuration (see `from_config`)."""

    extended_length: str = "auto"   # "auto": when the chip states it; "off": never
    use_sfi: bool = True
    pace: bool = True               # False: BAC only, even when PACE is offered
    read_sod: bool = True

    @classmethod
    def from_config(cls, cfg) -> ReadOptions:
        """From a loaded `kiosk.config` configuration ([devices.card_reader])."""
        return cls(extended_length=cfg.devices.card_reader.extended_length)


# -- the read -------------------------------------------------------------------------------


class _Read:
    def __init__(self, conn: CardConnection, key: AccessKey | None, progress: Progress | None,
                 cancel: threading.Event | None, options: ReadOptions, attempts: AccessAttempts | None,
                 partial: PartialRead | None) -> None:
        self.conn = conn
        self.key = key
        self.user_progress = progress
        self.options = options
        self.attempts = attempts
        self.stats = ReadStats()
        self.channel = ChipChannel(conn, cancel, self.stats)
        self.policy = ReadPolicy(use_sfi=options.use_sfi)
        self.reader = FileReader(self.channel, self.policy)
        self.partial = partial or PartialRead()
        self.protocol = "none"
        self.extended = False
        self.progress_base = 0          # bytes of finished data groups
        self.progress_known = 0         # their total plus the current file's total

    # progress counts data-group bytes only (EF.COM, EF.SOD and MF files are small)
    def _file_progress(self, done: int, total: int) -> None:
        if self.user_progress is not None:
            self.user_progress(self.progress_base + done, self.progress_known + total)

    # -- 1. detection -----------------------------------------------------------------

    def detect(self) -> None:
        ctx = self.partial.context
        if "card_access" in ctx:
            return
        card_access: CardAccess | None = None
        try:
            raw = self.reader.read(FID_CARD_ACCESS)
            card_access = parse_card_access(raw)
        except FileNotFound:
            pass
        except (ChipError, AccessDenied):
            pass   # some chips hide the MF: no PACE information, BAC it is
        except MalformedDocument as exc:
            log.warning("EF.CardAccess unusable (%s): PACE skipped", type(exc).__name__)
        caps = UNKNOWN
        if self.options.extended_length == "auto":
            caps = from_atr(getattr(self.conn, "atr", b"") or b"") or UNKNOWN
            if not caps.extended_length:
                caps = self._atr_info() or caps
        ctx["card_access"] = card_access
        ctx["capabilities"] = caps

    def _atr_info(self) -> ChipCapabilities | None:
        try:
            data = self.reader.read_unstructured(FID_ATR_INFO)
        except (ChipError, AccessDenied):
            return None
        return from_atr_info(data) if data else None

    # -- 2. access control ----------------------------------------------------------------

    def _wrong_key(self, exc: WrongAccessKey) -> WrongAccessKey:
        remaining = self.attempts.record_failure() if self.attempts is not None else None
        return WrongAccessKey(str(exc), remaining=remaining, protocol=exc.protocol)

    def _pace_choice(self) -> tuple[PaceInfo, bool] | None:
        card_access: CardAccess | None = self.partial.context.get("card_access")
        if card_access is None or not card_access.pace or not self.options.pace:
            return None
        usable = [p for p in card_access.pace
                  if p.agreement == "ECDH" and p.mapping == "GM" and p.parameter_id in STANDARD_CURVES]
        if not usable:
            return None
        return usable[0], len(card_access.pace) > 1  # several sets: name ours in DO'84'

    def access(self, secure_channel: SecureChannel | None) -> None:
        if secure_channel is not None:
            self.channel.secure = secure_channel
            self.protocol = "custom"
            self.reader.select_application()
            return
        choice = self._pace_choice()
        if self.attempts is not None and self.attempts.exhausted and self.key is not None:
            raise WrongAccessKey("no access attempts left", remaining=0)
        if choice is not None and self.key is not None:
            info, ambiguous = choice
            try:
                self.channel.secure = perform_pace(self.channel.send, self.key, info, with_parameter_id=ambiguous)
                self.protocol = info.name
                self.reader.select_application()
                return
            except WrongAccessKey as exc:
                raise self._wrong_key(exc) from None
            except (ChipError, UnsupportedCard) as exc:
                self.channel.secure = None
                if not isinstance(self.key, MrzKey):
                    raise UnsupportedCard(f"PACE failed ({exc}) and a CAN cannot open BAC") from None
                log.warning("PACE failed (%s): falling back to BAC", type(exc).__name__)
        if isinstance(self.key, CanKey):
            raise UnsupportedCard("this chip offers no PACE we support: a CAN cannot open it")
        self.reader.select_application()
        if self.key is None:
            return      # no key: plain access (a chip that needs one answers 6982 below)
        try:
            self.channel.secure = perform_bac(self.channel.send, self.key)
            self.protocol = "BAC"
        except WrongAccessKey as exc:
            raise self._wrong_key(exc) from None
        except ChipError as exc:
            if exc.sw not in NOT_SUPPORTED:
                raise
            self.protocol = "none"  # no BAC on this chip (demo chip): files are open

    def configure_blocks(self) -> None:
        caps: ChipCapabilities = self.partial.context.get("capabilities", UNKNOWN)
        reader_ok = getattr(self.conn, "extended_length", True) is not False
        if self.options.extended_length != "auto" or not caps.extended_length or not reader_ok:
            return
        limit = min(caps.max_response or EXTENDED_RESPONSE_LIMIT, EXTENDED_RESPONSE_LIMIT)
        block = self.channel.plain_limit(limit)
        if block > SHORT_BLOCK:
            self.policy.block = block
            self.extended = True

    # -- 3. files -----------------------------------------------------------------------

    def read_group(self, group: DataGroup, track: bool) -> bytes:
        already = b""
        if self.partial.current is group:
            already = self.partial.current_bytes
        self.partial.current, self.partial.current_bytes = group, already
        known_before = self.progress_known

        def progress(done: int, total: int) -> None:
            self.partial.current_bytes = self.reader.partial or self.partial.current_bytes
            if track:
                self.progress_known = known_before  # the file's total replaces any earlier guess
                self._file_progress(done, total)

        data = self.reader.read(group.fid, group, progress, already)
        self.partial.files[group] = data
        self.partial.current, self.partial.current_bytes = None, b""
        if track:
            self.progress_base += len(data)
            self.progress_known = known_before + len(data)
        return data


def read_document(
    conn: CardConnection,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
    secure_channel: SecureChannel | None = None,
    *,
    access_key: AccessKey | None = None,
    trust: TrustStore | None = None,
    attempts: AccessAttempts | None = None,
    resume: PartialRead | None = None,
    options: ReadOptions | None = None,
) -> ChipDocument:
    """Open the chip (PACE, else BAC, with `access_key`), read its LDS files, parse them
    and run passive authentication against `trust`.

    `progress(bytes_read, bytes_total_known)` is called after every block of the data
    groups; the total grows as each file's header is read. `secure_channel` skips
    access control (an already established session, or a test double).
    Raises a DocumentError subclass: AccessKeyRequired, WrongAccessKey (with the
    attempts left in `attempts`), CardPulled (with `.partial` for `resume=`),
    UnsupportedCard, MalformedDocument, ChipError, ReadCancelled. Hardware errors other
    than a pulled card (e.g. ReaderUnavailable) propagate unchanged.
    """
    options = options or ReadOptions()
    run = _Read(conn, access_key, progress, cancel, options, attempts, resume)
    stats = run.stats
    if resume is not None:  # progress continues from the data groups already read
        done = sum(len(v) for g, v in resume.files.items() if g in READ_ORDER)
        run.progress_base = run.progress_known = done
    files = run.partial.files
    try:
        with stats.phase("detect"):
            if secure_channel is None:  # an established session: the MF is behind us
                run.detect()
        with stats.phase("access_control"):
            run.access(secure_channel)
            run.configure_blocks()
        with stats.phase("read"):
            if DataGroup.COM not in files:
                try:
                    run.read_group(DataGroup.COM, track=False)
                except FileNotFound:
                    raise MalformedDocument("EF.COM is missing") from None
            com = parse_com(files[DataGroup.COM])
            listed = set(com.data_groups)
            missing = REQUIRED - listed
            if missing:
                names = ", ".join(sorted(g.name for g in missing))
                raise MalformedDocument(f"EF.COM does not list {names}")
            warnings: list[str] = []
            for group in READ_ORDER:
                if group not in listed or group in files:
                    continue
                try:
                    run.read_group(group, track=True)
                except FileNotFound:
                    if group in REQUIRED:
                        raise MalformedDocument(f"{group.name} is listed in EF.COM but absent") from None
                    warnings.append(f"{group.name} listed in EF.COM but absent")
            if options.read_sod and DataGroup.SOD not in files:
                try:
                    run.read_group(DataGroup.SOD, track=False)
                except FileNotFound:
                    warnings.append("EF.SOD is absent")
    except CardPulled as exc:
        raise CardPulled(str(exc), partial=run.partial) from exc.__cause__
    except AccessKeyRequired:
        if access_key is None:
            raise
        raise AccessDenied("the chip still refuses its files after access control") from None

    with stats.phase("parse"):
        document = parse_document(files, com, warnings)
    with stats.phase("passive_auth"):
        pa = verify_document(
            {g: v for g, v in files.items() if g is not DataGroup.SOD},
            files.get(DataGroup.SOD),
            trust,
        )
    if pa.status is not PaStatus.PASSED:
        log.info("passive authentication %s: %s", pa.status.value, pa.reason)
    return dataclasses.replace(
        document,
        access_protocol=run.protocol,
        passive_auth=pa,
        apdu_count=stats.apdus,
        bytes_read=stats.bytes_read,
        timings=dict(stats.timings),
        extended_length=run.extended and run.policy.block > SHORT_BLOCK,
    )


__all__ = ["ReadOptions", "read_document"]
