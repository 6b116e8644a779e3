"""The kiosk's settings as typed, validated, immutable groups (one per TOML table).

Every field carries a one-line `description` that says what it is for and which values
are allowed: the documented sample file is generated from these descriptions
(`kiosk.config.sample`), so code and documentation cannot disagree.

An empty file is a valid *production* configuration. Anything that only fakes a device
or a biometric decision ("simulated" drivers, "demo-standin" components) is refused
unless `kiosk.mode` is "demo": a misconfigured kiosk must not silently accept every face.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit
from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from kiosk.operations.pin_hash import PinHashError, parse as parse_pin_hash

Mode = Literal["production", "demo"]
Language = Literal["zh_CN", "en", "vi"]
Country = Literal["CHN", "VNM"]
CameraDriver = Literal["simulated", "opencv"]
CardReaderDriver = Literal["simulated", "pcsc", "nfc"]
PrinterDriver = Literal["simulated", "folder", "escpos-network", "escpos-device", "cups"]
SpeakerDriver = Literal["simulated", "aplay"]
Corner = Literal["top-left", "top-right", "bottom-left", "bottom-right"]
FaceVerifierKind = Literal["demo-standin", "sface", "dlib"]
PortraitMakerKind = Literal["demo-standin", "rules"]
FingerprintDriver = Literal["simulated", "libfprint"]
# The ten fingers as ISO/IEC 19794-4 numbers them (finger positions 1 to 10).
Finger = Literal[
    "right_thumb", "right_index", "right_middle", "right_ring", "right_little",
    "left_thumb", "left_index", "left_middle", "left_ring", "left_little",
]

LANGUAGES: tuple[Language, ...] = get_args(Language)

# Every number has an upper bound: an absurd value (ui.width = 10^29) must be refused
# here, with its line, not crash Qt or a driver in front of a citizen. 8K is the
# largest screen or camera side a kiosk will meet.
_MAX_PIXELS = 7680

# Error types raised by the validators below; `kiosk.config.messages` words them.
CONFIG_VALUE_ERROR = "config_value"      # one field's value is wrong; message starts "must ..."
CONFIG_PROBLEMS_ERROR = "config_problem"  # cross-field rule; ctx["problems"] = ((key, message), ...)


def setting(
    default: Any,
    description: str,
    *,
    expect: str | None = None,
    example: str | None = None,
    secret: bool = False,
    **constraints: Any,
) -> Any:
    """A field with its documentation.

    `expect` words the allowed values for error messages when the automatic wording
    (from type and bounds) would be poor, e.g. for regular expressions. `example` is
    shown, commented out, in the sample for settings whose default is "left out".
    `secret` values are never echoed in error messages.
    """
    extra = {"expect": expect, "example": example, "secret": secret or None}
    extra = {key: value for key, value in extra.items() if value is not None}
    if isinstance(default, (bool, int, float)):
        # TOML values are typed: `width = "1280"`, `width = 12.5` or `fullscreen = 1` are
        # mistakes to report, not to guess at (lax pydantic would accept all three).
        constraints.setdefault("strict", True)
    if isinstance(default, float):
        constraints.setdefault("allow_inf_nan", False)
    return Field(default, description=description, json_schema_extra=extra or None, **constraints)


def _problems(problems: list[tuple[str, str]]) -> None:
    """Raise cross-field problems with the keys they concern (relative to the group).

    pydantic reports a model validator's error at the model itself; carrying the keys in
    the error context lets the loader point at the right key and line.
    """
    if problems:
        raise PydanticCustomError(
            CONFIG_PROBLEMS_ERROR,
            "{summary}",
            {"summary": "; ".join(f"{key}: {msg}" for key, msg in problems), "problems": tuple(problems)},
        )


def _is_utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


class _Group(BaseModel):
    model_config = ConfigDict(
        extra="forbid",             # a typo must be an error, never a silently ignored key
        frozen=True,
        coerce_numbers_to_str=True,  # `source = 0` means "0"
        validate_default=True,
    )

    @field_validator("*")
    @classmethod
    def _plain_text(cls, value: Any) -> Any:
        # TOML allows "\u0000" in a string; the operating system takes no path or name with
        # one (ValueError at the first open, deep inside a device or the queue). An override
        # from the environment may hold bytes that are not UTF-8 (Python keeps them as lone
        # surrogates), which OpenCV, SQLite and the printers cannot take either.
        items = value if isinstance(value, tuple) else (value,)
        texts = [str(item) for item in items if isinstance(item, (str, Path))]
        if any("\x00" in text for text in texts):
            raise PydanticCustomError(CONFIG_VALUE_ERROR, "must not contain a NUL character (\\u0000)")
        if any(not _is_utf8(text) for text in texts):
            raise PydanticCustomError(CONFIG_VALUE_ERROR, "must be UTF-8 text (it holds bytes that are not)")
        return value


class StationNames(_Group):
    """The station's name in each language the kiosk speaks; a name left empty is kiosk.station."""

    zh_CN: str = setting("", 'The station\'s name in Chinese, e.g. "北京市东城区公安分局"; empty: kiosk.station.')
    en: str = setting("", "The station's name in English; empty: kiosk.station.")
    vi: str = setting("", 'The station\'s name in Vietnamese, e.g. "Công an phường Hàng Bạc"; empty: kiosk.station.')


class KioskSettings(_Group):
    """This kiosk: identity, operating mode, data folder and languages."""

    id: str = setting(
        "KIOSK-0001",
        "Identifier of this kiosk, printed on receipts and sent with every application: letters and digits, "
        "groups joined by single dashes.",
        expect='letters and digits, groups joined by single dashes, e.g. "KIOSK-0001"',
        pattern=r"^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$",
        max_length=24,  # must fit the application number printed on an 80 mm receipt
    )
    station: str = setting(
        "Demo Police Station",
        "Name of the station the kiosk stands in, shown on screen and printed on receipts.",
        min_length=1,
    )
    mode: Mode = setting(
        "production",
        '"production" (real devices and checks only) or "demo" (simulated devices and stand-ins allowed).',
    )
    data_dir: Path = setting(
        Path("/var/lib/idkiosk"),
        "Absolute folder for the kiosk's data (queue, keys, receipts); relative paths in other settings "
        "resolve against it.",
    )
    languages: tuple[Language, ...] = setting(
        LANGUAGES,
        'Languages offered on the welcome screen, in this order: any of "zh_CN", "en", "vi", each at most once.',
        expect='a non-empty list of languages from "zh_CN", "en", "vi"',
        min_length=1,
    )
    default_language: Language = setting(
        "zh_CN",
        "Language of the attract screen and of every new session; must be one of languages.",
    )

    station_names: StationNames = Field(default_factory=StationNames,
                                        description="The station's name in each language.")

    def station_in(self, lang: str) -> str:
        """The station's name as a citizen reading `lang` sees it: its name in that
        language where one is configured, else `station` (the name the office knows)."""
        return getattr(self.station_names, lang, "") or self.station

    @field_validator("data_dir")
    @classmethod
    def _absolute(cls, value: Path) -> Path:
        if not value.is_absolute():
            raise PydanticCustomError(CONFIG_VALUE_ERROR, "must be an absolute path")
        return value

    @field_validator("languages")
    @classmethod
    def _unique(cls, value: tuple[Language, ...]) -> tuple[Language, ...]:
        if len(set(value)) != len(value):
            raise PydanticCustomError(CONFIG_VALUE_ERROR, "must name each language at most once")
        return value

    @model_validator(mode="after")
    def _default_offered(self) -> "KioskSettings":
        if self.default_language not in self.languages:
            _problems([(
                "default_language",
                f'must be one of kiosk.languages ({", ".join(self.languages)}) (got "{self.default_language}")',
            )])
        return self


class DocumentSettings(_Group):
    """The identity document this kiosk renews."""

    country: Country = setting(
        "CHN",
        'Issuing country, which selects the ID-number scheme and portrait rules: "CHN" or "VNM".',
    )


class RulesSettings(_Group):
    """Eligibility rules."""

    renewal_window_days: int = setting(
        90,
        "Days before expiry from which an expiring card may be renewed (expired cards always may): 0 to 366.",
        ge=0,
        le=366,
    )
    min_age_self_service: int = setting(
        16,
        "Minimum age in years to apply at the kiosk without a clerk: 0 to 18.",
        ge=0,
        le=18,
    )


# Ten million covers a fee in the smallest-valued currency a kiosk takes (VND) with room;
# anything above is a typo (an extra zero row) that would be printed on every receipt.
_MAX_FEE = Decimal("10000000")
_MONEY = 'an amount from 0 to 10000000 with at most 2 decimals, e.g. 20.00'


class FeeSettings(_Group):
    """Fees for each case."""

    currency: str = setting(
        "CNY",
        'ISO 4217 code of the currency of the fees: 3 upper-case letters, e.g. "CNY" or "VND".',
        expect='3 upper-case letters, e.g. "CNY"',
        pattern=r"^[A-Z]{3}$",
    )
    expiring: Decimal = setting(
        Decimal("20.00"),
        "Fee to renew an expiring or expired card: 0 to 10000000, at most 2 decimals.",
        expect=_MONEY,
        ge=0,
        le=_MAX_FEE,
        decimal_places=2,
    )
    damaged: Decimal = setting(
        Decimal("20.00"),
        "Fee to replace a damaged card: 0 to 10000000, at most 2 decimals.",
        expect=_MONEY,
        ge=0,
        le=_MAX_FEE,
        decimal_places=2,
    )
    lost: Decimal = setting(
        Decimal("40.00"),
        "Fee to replace a lost card: 0 to 10000000, at most 2 decimals.",
        expect=_MONEY,
        ge=0,
        le=_MAX_FEE,
        decimal_places=2,
    )

    @field_validator("expiring", "damaged", "lost")
    @classmethod
    def _cents(cls, value: Decimal) -> Decimal:
        # Always two decimals, so a receipt prints "20.00" whether the file said 20 or 20.0.
        return value.quantize(Decimal("0.01"))


class SessionSettings(_Group):
    """One citizen's session: inactivity timeouts and numbers of tries."""

    idle_warning_seconds: int = setting(
        60,
        "Seconds without a touch before the inactivity countdown appears: 10 to 3600.",
        ge=10,
        le=3600,
    )
    idle_countdown_seconds: int = setting(
        20,
        "Seconds the countdown runs before the session is wiped: 5 to 120.",
        ge=5,
        le=120,
    )
    face_attempts: int = setting(
        3,
        "Face-verification tries before the citizen is sent to the counter: 1 to 10.",
        ge=1,
        le=10,
    )
    card_attempts: int = setting(
        3,
        "Chip-reading tries before the kiosk stops asking for the card: 1 to 10.",
        ge=1,
        le=10,
    )
    card_wait_seconds: int = setting(
        60,
        "Seconds to wait for a card to be placed on the reader: 5 to 600.",
        ge=5,
        le=600,
    )
    card_removal_seconds: int = setting(
        60,
        "Seconds the goodbye screen asks the citizen to take their card before it gives "
        "up and shows the next citizen a 'card left on the reader' notice: 10 to 600.",
        ge=10,
        le=600,
    )
    unprinted_receipt_seconds: int = setting(
        300,
        "Seconds without a touch before the inactivity countdown appears on a receipt the "
        "printer could not print (the citizen copies the number or keeps its QR code on "
        "their phone, and confirms): 60 to 1800.",
        ge=60,
        le=1800,
    )


class CameraSettings(_Group):
    """The camera that films the citizen."""

    driver: CameraDriver = setting(
        "opencv",
        '"opencv" (a real camera) or "simulated" (plays media; demo mode only).',
    )
    source: str = setting(
        "0",
        "opencv only: what to open: a device index such as \"0\", a device path, a URL or a GStreamer pipeline.",
        min_length=1,
    )
    width: int = setting(1280, "Requested capture width in pixels: 1 to 7680.", ge=1, le=_MAX_PIXELS)
    height: int = setting(720, "Requested capture height in pixels: 1 to 7680.", ge=1, le=_MAX_PIXELS)
    fps: int = setting(30, "Requested frames per second: 1 to 240.", ge=1, le=240)
    media: Path | None = setting(
        None,
        "simulated only: image, video or folder of images to play; relative to kiosk.data_dir; "
        "left out = the bundled demo portrait.",
        example="/srv/idkiosk/demo/portrait.jpg",
    )
    exposure: float | None = setting(
        None,
        "opencv only: manual exposure in the driver's own units (V4L2: 1 to 10000, in 100 µs; some backends "
        "take negative powers of two, e.g. -6): -20 to 100000; left out = automatic exposure.",
        example=156.0,
        ge=-20,
        le=100000,
    )
    reconnect_seconds: float = setting(
        1.0,
        "opencv only: seconds between attempts to reopen a camera that disappeared: 0.1 to 30.",
        ge=0.1,
        le=30,
    )


class CardReaderSettings(_Group):
    """The chip-card reader."""

    driver: CardReaderDriver = setting(
        "pcsc",
        '"pcsc" (PC/SC reader through pcscd), "nfc" (nfcpy) or "simulated" (demo mode only).',
    )
    reader_pattern: str = setting(
        "",
        "pcsc only: regular expression searched (case-insensitive) in reader names to pick the reader; "
        'empty = the first reader.',
        expect="a valid regular expression",
    )
    nfc_path: str = setting(
        "usb",
        'nfc only: nfcpy device path, e.g. "usb", "usb:072f:2200" or "tty:USB0:pn532".',
        min_length=1,
    )
    trust_dir: Path = setting(
        Path("trust"),
        "Folder of country signing CA certificates (PEM or DER: .pem .crt .cer .der) and ICAO master lists "
        "(.ml) that passive authentication trusts; relative to kiosk.data_dir; a chip whose signer chains to "
        "none of them is never renewed on (the citizen goes to the counter), so production refuses to start "
        "without a usable one.",
    )
    master_list: Path | None = setting(
        None,
        "An ICAO CSCA master list file (CMS SignedData) trusted in addition to trust_dir; relative to "
        "kiosk.data_dir; left out = none. Used only when its own signature chains to a CSCA it lists.",
        example="trust/ICAO_ml.ml",
    )
    access_attempts: int = setting(
        3,
        "Wrong access keys (MRZ fields or CAN) a citizen may enter before the kiosk hands over to the "
        "counter: 1 to 10.",
        ge=1,
        le=10,
    )
    extended_length: Literal["auto", "off"] = setting(
        "auto",
        '"auto" (read in large blocks when the chip states it takes extended-length APDUs) or "off" '
        "(always 223-byte blocks, for readers that mishandle extended APDUs).",
    )

    @field_validator("reader_pattern")
    @classmethod
    def _compiles(cls, value: str) -> str:
        try:
            re.compile(value)
        except re.error as exc:
            raise PydanticCustomError(
                CONFIG_VALUE_ERROR, "must be a valid regular expression ({reason})", {"reason": str(exc)}
            ) from None
        return value


class PrinterSettings(_Group):
    """The receipt printer."""

    driver: PrinterDriver = setting(
        "folder",
        '"folder" (PDF files into output_dir), "escpos-network", "escpos-device", "cups" '
        'or "simulated" (demo mode only).',
    )
    output_dir: Path = setting(
        Path("printed"),
        "folder and simulated only: where receipts are written; relative to kiosk.data_dir.",
    )
    host: str = setting(
        "",
        "escpos-network only (and required there): host name or IP address of the printer.",
    )
    port: int = setting(9100, "escpos-network only: TCP port of the printer: 1 to 65535.", ge=1, le=65535)
    device: str = setting(
        "/dev/usb/lp0",
        'escpos-device only: device file of the printer, e.g. "/dev/usb/lp0" or "/dev/ttyUSB0".',
    )
    queue: str = setting("", "cups only: name of the CUPS queue; empty = the system's default queue.")
    timeout_seconds: float = setting(
        3.0,
        "Seconds to wait for the printer to answer before it counts as offline: more than 0, at most 60.",
        gt=0,
        le=60,
    )
    paper_width_mm: int = setting(
        80,
        "Width of the receipt paper in millimetres: 40 to 120 (thermal rolls are 58 or 80).",
        ge=40,
        le=120,
    )
    job_timeout_seconds: float = setting(
        20.0,
        "Seconds to wait for the printer to finish a job (ESC/POS: its answer to a status request sent after "
        "the job; CUPS: the job completing) before the job counts as failed: more than 0, at most 300.",
        gt=0,
        le=300,
    )
    escpos_profile: str = setting(
        "TM-T20II",
        "escpos-network and escpos-device: python-escpos printer profile, which gives the print width in dots "
        'and the cut command, e.g. "TM-T20II" (576 dots, most 80 mm printers), "TM-T88V" (512), "RP326".',
        min_length=1,
    )
    escpos_qr: Literal["image", "native"] = setting(
        "image",
        'escpos-network and escpos-device: how the QR code is printed: "image" (works on every ESC/POS printer) '
        'or "native" (the printer draws it, GS ( k; fewer bytes on slow serial lines).',
    )
    baudrate: int = setting(
        9600,
        "escpos-device on a serial port only: bits per second, as set on the printer; a receipt is about 80 KB "
        "of raster, so 115200 prints in about 7 s where 9600 takes over a minute: 1200 to 921600.",
        ge=1200,
        le=921600,
    )
    cups_server: str = setting(
        "",
        'cups only: CUPS server as "host:port" or the path of its socket; empty = the system\'s '
        "(CUPS_SERVER, client.conf, else the local scheduler).",
    )
    roll_length_m: float = setting(
        0.0,
        "Length of a full paper roll in metres: the kiosk counts the receipts printed since the last paper "
        "change against it and warns \"paper low\" before the paper runs out, also on printers without a "
        "near-end sensor (CUPS, folder); 0 = not counted, at most 1000 (a common 80 mm roll is 80).",
        ge=0,
        le=1000,
    )
    receipt_length_mm: float = setting(
        0.0,
        "Paper one receipt uses, in millimetres, for the count: 0 = measured from each receipt as rendered "
        "(with the feed to the cutter on thermal printers), else 20 to 2000.",
        ge=0,
        le=2000,
    )
    paper_low_receipts: int = setting(
        30,
        "The count warns \"paper low\" when the rest of the roll holds fewer receipts than this: 1 to 10000.",
        ge=1,
        le=10000,
    )

    @field_validator("receipt_length_mm")
    @classmethod
    def _receipt_length(cls, value: float) -> float:
        if 0 < value < 20:
            raise PydanticCustomError(CONFIG_VALUE_ERROR, "must be 0 (measured) or 20 to 2000")
        return value

    @model_validator(mode="after")
    def _driver_needs(self) -> "PrinterSettings":
        problems = []
        if self.driver == "escpos-network" and not self.host:
            problems.append(("host", 'is required when driver is "escpos-network"'))
        if self.driver == "escpos-device" and not self.device:
            problems.append(("device", 'is required when driver is "escpos-device"'))
        _problems(problems)
        return self


class FingerprintScannerSettings(_Group):
    """The fingerprint scanner (used only where fingerprints.countries asks for prints)."""

    driver: FingerprintDriver = setting(
        "libfprint",
        '"libfprint" (a USB scanner libfprint supports) or "simulated" (plays synthetic prints; demo mode only).',
    )
    device: str = setting(
        "",
        "libfprint only: the libfprint driver name or device id to use when several scanners are attached; "
        "empty = the first that captures images.",
    )
    assume_dpi: int = setting(
        500,
        "libfprint only: the sensor's resolution in dots per inch, for scanners that do not report it "
        "(see the data sheet): 250 to 2000.",
        ge=250, le=2000,
    )
    capture_timeout_seconds: float = setting(
        30.0, "Seconds a press waits for the finger before the screen asks again: 3 to 120.", ge=3, le=120
    )


class SpeakerSettings(_Group):
    """The speaker of the voice guidance (headphone jack, or a tactile keypad's USB sound card)."""

    driver: SpeakerDriver = setting(
        "aplay",
        '"aplay" (ALSA; its default device reaches PulseAudio or PipeWire where they run) or '
        '"simulated" (times each sound and makes none; demo mode only).',
    )
    device: str = setting(
        "default",
        'aplay only: the ALSA device, e.g. "default" or "plughw:CARD=Device" (a keypad\'s USB sound card).',
    )
    volume: float = setting(
        0.8,
        "Volume every session starts at, 0.1 to 1.0; a citizen may make it louder, and it returns "
        "here after every session.",
        ge=0.1,
        le=1.0,
    )
    prompts_dir: Path | None = setting(
        None,
        "Folder of the rendered prompts, one sub-folder per language as `kiosk voice render --out "
        "<folder>/<lang>` writes them; relative to kiosk.data_dir; left out = resources/voice of the "
        "installation. Texts without a prompt are synthesized at run time.",
        example="voice",
    )


class DeviceSettings(_Group):
    """The kiosk's devices."""

    camera: CameraSettings = Field(default_factory=CameraSettings, description="The camera.")
    card_reader: CardReaderSettings = Field(default_factory=CardReaderSettings, description="The card reader.")
    printer: PrinterSettings = Field(default_factory=PrinterSettings, description="The receipt printer.")
    fingerprint: FingerprintScannerSettings = Field(
        default_factory=FingerprintScannerSettings, description="The fingerprint scanner."
    )
    speaker: SpeakerSettings = Field(default_factory=SpeakerSettings, description="The speaker.")


class PortraitSettings(_Group):
    """The new portrait: output geometry and the limits of each portrait rule (ISO/IEC 29794-5 names).

    The defaults give the Chinese card's portrait (GA 461: 358 x 441 px at 350 dpi, head
    207 px wide, white background); for ICAO 35 x 45 mm at 600 dpi use 827 x 1063 px,
    head_width_px 550, eye_line_px 495.
    """

    width_px: int = setting(358, "Width of the portrait in pixels: 100 to 2000.", ge=100, le=2000)
    height_px: int = setting(441, "Height of the portrait in pixels: 100 to 2500.", ge=100, le=2500)
    dpi: int = setting(350, "Resolution written into the JPEG, dots per inch: 72 to 1200.", ge=72, le=1200)
    head_width_px: float = setting(
        207.0, "Width of the head (ear to ear) in the portrait, in pixels: more than 0, less than width_px.",
        gt=0, le=2000,
    )
    eye_line_px: float = setting(
        150.0, "Distance of the eye line from the portrait's top edge, in pixels: more than 0, less than height_px.",
        gt=0, le=2500,
    )
    jpeg_quality: int = setting(92, "JPEG quality of the portrait: 50 to 100.", ge=50, le=100)
    replace_background: bool = setting(
        False,
        "Replace the background by white with the person's outline (only where the document's rules allow "
        "it): true or false.",
    )
    background_uniformity_max: float = setting(
        0.06, "background_uniformity: largest spread (standard deviation, 0-1) of the background's lightness.",
        ge=0, le=1,
    )
    background_lightness_min: float = setting(
        0.7, "background_colour: smallest mean lightness (0-1) of the background; white is 1.", ge=0, le=1
    )
    background_chroma_max: float = setting(
        0.08, "background_colour: largest mean colourfulness (0-1) of the background; grey/white is 0.", ge=0, le=1
    )
    illumination_uniformity_min: float = setting(
        0.7, "illumination_uniformity: smallest ratio of the darker to the brighter face half: 0 to 1.", ge=0, le=1
    )
    luminance_min: float = setting(0.25, "luminance_mean: darkest acceptable mean face lightness: 0 to 1.", ge=0, le=1)
    luminance_max: float = setting(0.85, "luminance_mean: brightest acceptable mean face lightness: 0 to 1.", ge=0, le=1)
    exposure_clipped_max: float = setting(
        0.05, "exposure: largest share of face pixels that are black or blown out: 0 to 1.", ge=0, le=1
    )
    sharpness_min: float = setting(
        0.025, "sharpness: smallest mean edge strength on the face, scaled to a fixed face size: 0 to 1.", ge=0, le=1
    )
    eyes_open_min: float = setting(
        0.18, "eyes_open: smallest eye aspect ratio of the less open eye (open about 0.3, closed below 0.15).",
        ge=0, le=1,
    )
    mouth_open_max: float = setting(
        0.08, "mouth_closed: largest gap between the lips over the mouth's width (closed about 0).", ge=0, le=1
    )
    yaw_max_deg: float = setting(10.0, "head_pose: largest left/right turn in degrees: 1 to 45.", ge=1, le=45)
    pitch_max_deg: float = setting(12.0, "head_pose: largest up/down nod in degrees: 1 to 45.", ge=1, le=45)
    roll_max_deg: float = setting(
        12.0, "head_pose: largest sideways tilt in degrees (the crop levels the eyes): 1 to 45.", ge=1, le=45
    )
    head_size_min: float = setting(
        0.25, "head_size: smallest face height (forehead to chin) as a share of the image height: 0 to 1.", ge=0, le=1
    )
    head_size_max: float = setting(
        0.8, "head_size: largest face height as a share of the image height: 0 to 1.", ge=0, le=1
    )
    inter_eye_distance_min_px: float = setting(
        60.0, "inter_eye_distance: fewest pixels between the eye centres in the camera image: 10 to 2000.",
        ge=10, le=2000,
    )
    crop_inside_min: float = setting(
        0.97, "crop: smallest share of the portrait that the camera image must cover: 0 to 1.", ge=0, le=1
    )
    glasses_allowed: bool = setting(False, "glasses: accept portraits with glasses: true or false.")
    glasses_score_max: float = setting(
        0.19, "glasses: largest edge score across the nose bridge still taken as no glasses: 0 to 1.", ge=0, le=1
    )
    head_covering_score_max: float = setting(
        0.5,
        "no_head_covering: largest score (a straight band across the top of the forehead, or a forehead "
        "that is not skin) still taken as uncovered: 0 to 1.",
        ge=0,
        le=1,
    )
    steady_seconds: float = setting(
        2.0, "Seconds every rule must keep passing before the automatic capture (the countdown): 0.5 to 10.",
        ge=0.5, le=10,
    )
    keep: int = setting(3, "Best portraits kept for the citizen to choose from: 1 to 6.", ge=1, le=6)

    @model_validator(mode="after")
    def _geometry(self) -> "PortraitSettings":
        problems = []
        if self.head_width_px >= self.width_px:
            problems.append(("head_width_px", f"must be less than width_px ({self.width_px})"))
        if self.eye_line_px >= self.height_px:
            problems.append(("eye_line_px", f"must be less than height_px ({self.height_px})"))
        if self.luminance_min >= self.luminance_max:
            problems.append(("luminance_min", "must be less than luminance_max"))
        if self.head_size_min >= self.head_size_max:
            problems.append(("head_size_min", "must be less than head_size_max"))
        _problems(problems)
        return self


class LivenessSettings(_Group):
    """Proof that a live person stands at the camera: blinks plus a head-turn challenge."""

    required: bool = setting(
        True, "Refuse the face check unless liveness passed: true or false (false only for demos and tests)."
    )
    blinks_required: int = setting(1, "Blinks needed: 0 to 5.", ge=0, le=5)
    blink_closed_ratio: float = setting(
        0.7,
        "An eye counts as closed below this share of the citizen's own open-eye baseline (so smiling eyes "
        "are not closed eyes): 0.3 to 0.95.",
        ge=0.3,
        le=0.95,
    )
    blink_max_seconds: float = setting(
        0.6, "Longest closure still counted as a blink, in seconds: 0.1 to 2.", ge=0.1, le=2
    )
    turn_required: bool = setting(True, "Ask the citizen to turn the head to one side and back: true or false.")
    turn_yaw_deg: float = setting(15.0, "Head turn needed for the challenge, in degrees: 5 to 45.", ge=5, le=45)
    time_limit_seconds: float = setting(
        12.0, "Seconds the citizen has to complete the challenge: 3 to 60.", ge=3, le=60
    )


class BiometricsSettings(_Group):
    """Face verification and the new portrait."""

    face_verifier: FaceVerifierKind = setting(
        "sface",
        '"sface" (OpenCV Zoo\'s SFace, the default: far better on chip-sized portraits), "dlib" (dlib\'s '
        'ResNet descriptor) or "demo-standin" (accepts any face; demo mode only). Each has its own threshold.',
    )
    sface_threshold: float = setting(
        0.52,
        "face_verifier sface: largest cosine distance (1 - similarity) accepted as the same person; lower is "
        "stricter; a start only: calibrate on site (kiosk face calibrate): 0 to 2.",
        ge=0,
        le=2,
    )
    dlib_threshold: float = setting(
        0.5,
        "face_verifier dlib: largest descriptor distance (Euclidean) accepted as the same person; lower is "
        "stricter; calibrate on site (kiosk face calibrate): 0 to 2.",
        ge=0,
        le=2,
    )
    match_threshold: float | None = setting(
        None,
        "Old name of dlib_threshold, from before each matcher had its own: read only with face_verifier "
        '"dlib"; refused with any other, because its value is a dlib distance: 0 to 2.',
        example=0.5,  # type: ignore[arg-type]  # shown as a number in the sample
        ge=0,
        le=2,
        strict=True,
        allow_inf_nan=False,
    )
    portrait_maker: PortraitMakerKind = setting(
        "rules",
        '"rules" (portrait rules of the document country) or "demo-standin" (demo mode only).',
    )
    match_frames: int = setting(
        3, "Live frames whose distances to the reference are combined (median) for one decision: 1 to 10.",
        ge=1, le=10,
    )
    analysis_rate_hz: float = setting(
        12.0, "Live analyses per second on the camera screens (the preview keeps its own rate): 1 to 30.",
        ge=1, le=30,
    )
    portrait: PortraitSettings = Field(default_factory=PortraitSettings, description="The new portrait.")
    liveness: LivenessSettings = Field(default_factory=LivenessSettings, description="Liveness.")

    @model_validator(mode="after")
    def _one_threshold_per_matcher(self) -> "BiometricsSettings":
        # A threshold means nothing outside its matcher: a dlib distance of 0.5 applied to
        # SFace's cosine distances would accept strangers. An old file that still says
        # match_threshold (a dlib value) under the new default matcher is stopped here,
        # with its line, instead of being applied or dropped without a word.
        problems = []
        if self.match_threshold is not None:
            if self.face_verifier != "dlib":
                problems.append((
                    "match_threshold",
                    f'is a dlib distance and does not apply to face_verifier "{self.face_verifier}"; '
                    'set sface_threshold instead (measure it with kiosk face calibrate), or set '
                    'face_verifier = "dlib" to keep dlib',
                ))
            elif "dlib_threshold" in self.model_fields_set:
                problems.append(("match_threshold", "is the old name of dlib_threshold: set only dlib_threshold"))
        _problems(problems)
        return self

    @property
    def match_threshold_in_use(self) -> float:
        """The threshold of the configured matcher (NaN for the demo stand-in, which measures none)."""
        if self.face_verifier == "sface":
            return self.sface_threshold
        if self.face_verifier == "dlib":
            return self.match_threshold if self.match_threshold is not None else self.dlib_threshold
        return float("nan")

    def threshold_of(self, matcher: str) -> float:
        """The configured threshold of `matcher` ("sface" or "dlib"), whichever is in use."""
        if matcher == "dlib" and self.face_verifier == "dlib":
            return self.match_threshold_in_use
        return self.sface_threshold if matcher == "sface" else self.dlib_threshold


class FingerprintSettings(_Group):
    """Fingerprints, for the document countries whose law requires them (Chinese resident cards)."""

    countries: tuple[Country, ...] = setting(
        ("CHN",),
        'Document countries (document.country) whose applicants give fingerprints: any of "CHN", "VNM"; '
        "empty = none (the step is skipped).",
        expect='a list of countries from "CHN", "VNM"',
    )
    fingers: tuple[Finger, ...] = setting(
        ("right_index", "left_index"),
        'Fingers asked for, in this order, e.g. "right_index", "left_index" (right_/left_ + thumb, index, '
        "middle, ring, little).",
        expect="a non-empty list of fingers such as right_index, left_index",
        min_length=1,
    )
    fallback_fingers: tuple[Finger, ...] = setting(
        ("right_middle", "left_middle", "right_thumb", "left_thumb", "right_ring", "left_ring"),
        "Fingers asked for instead, in this order, when one of fingers cannot give a usable print.",
        expect="a list of fingers such as right_middle, left_middle",
    )
    presses: int = setting(2, "Presses captured per finger: 1 to 5.", ge=1, le=5)
    attempts_per_press: int = setting(
        3, "Unusable presses of one finger before the next fallback finger is asked for: 1 to 10.", ge=1, le=10
    )
    coverage_min: float = setting(
        0.35, "Quality: smallest share of the platen the finger must cover (else \"place it flat\"): 0 to 1.",
        ge=0, le=1,
    )
    contrast_min: float = setting(
        45.0, "Quality: smallest grey-level spread of the ridges, 0 to 255 (else \"press harder\").", ge=0, le=255
    )
    clarity_min: float = setting(
        0.8, "Quality: smallest share of the covered platen with clear ridges, 0 to 1 (else \"clean the finger\").",
        ge=0, le=1,
    )

    def required_for(self, country: str) -> bool:
        return country in self.countries


class StorageSettings(_Group):
    """The local application queue."""

    database: Path = setting(
        Path("queue.sqlite3"),
        "SQLite file of the application queue; relative to kiosk.data_dir.",
    )
    key_file: Path = setting(
        Path("keys/data.key"),
        "File holding the key that encrypts personal data in the queue; relative to kiosk.data_dir.",
    )
    old_key_files: tuple[Path, ...] = setting(
        (),
        "Earlier key files, kept after a key rotation so applications encrypted with them stay readable; "
        "relative to kiosk.data_dir.",
        expect='a list of file paths, e.g. ["keys/2026-11.key"]',
    )


class DeliverySettings(_Group):
    """Delivery of queued applications to the central office (HTTPS with mutual TLS)."""

    enabled: bool = setting(
        False,
        "Deliver queued applications in the background: true or false (false: they wait in the queue).",
    )
    endpoint: str = setting(
        "",
        "Base URL of the office's intake API (resources/api/intake.openapi.yaml); must start with https://; "
        "required when enabled.",
        expect='an https:// URL, e.g. "https://intake.example.gov/v1/"',
        example="https://intake.example.gov/v1/",
    )
    client_cert: Path = setting(
        Path("tls/client.crt"),
        "PEM certificate (with its chain) this kiosk presents to the office; relative to kiosk.data_dir.",
    )
    client_key: Path = setting(
        Path("tls/client.key"),
        "PEM private key of client_cert, readable by the kiosk's user only; relative to kiosk.data_dir.",
    )
    ca_bundle: Path | None = setting(
        None,
        "PEM file of the certificate authorities that sign the office's server certificate; "
        "relative to kiosk.data_dir; left out = the system's trust store.",
        example="tls/office-ca.pem",
    )
    connect_timeout_seconds: float = setting(
        10.0, "Seconds to wait for a connection to the office: more than 0, at most 120.", gt=0, le=120
    )
    read_timeout_seconds: float = setting(
        30.0,
        "Seconds to wait for each part of the office's answer: more than 0, at most 600.",
        gt=0,
        le=600,
    )
    backoff_base_seconds: float = setting(
        2.0,
        "Delay after the first failed delivery; it doubles with each further failure (with random jitter): "
        "more than 0, at most 3600.",
        gt=0,
        le=3600,
    )
    backoff_max_seconds: float = setting(
        900.0,
        "Longest delay between delivery attempts (a longer Retry-After from the office is still honoured): "
        "at least backoff_base_seconds, at most 86400.",
        gt=0,
        le=86400,
    )
    poll_interval_seconds: float = setting(
        30.0,
        "Seconds between looks at an idle queue (new applications also wake delivery at once): "
        "more than 0, at most 3600.",
        gt=0,
        le=3600,
    )
    retention_hours: int = setting(
        72,
        "Hours a delivered application keeps its personal data and images before they are purged: 0 to 8760.",
        ge=0,
        le=8760,
    )

    @field_validator("endpoint")
    @classmethod
    def _https(cls, value: str) -> str:
        if value and not re.match(r"^https://[^\s/?#]+(/\S*)?$", value):
            raise PydanticCustomError(CONFIG_VALUE_ERROR, "must be an https:// URL (delivery uses mutual TLS)")
        return value

    @model_validator(mode="after")
    def _consistent(self) -> "DeliverySettings":
        problems = []
        if self.enabled and not self.endpoint:
            problems.append(("endpoint", "is required when enabled is true"))
        if self.backoff_max_seconds < self.backoff_base_seconds:
            problems.append((
                "backoff_max_seconds",
                f"must be at least backoff_base_seconds ({self.backoff_base_seconds})",
            ))
        _problems(problems)
        return self


class OfficeSettings(_Group):
    """The office's look-ups while a citizen waits (resources/api/office.openapi.yaml).

    A lost card's reference photo and record, and the portrait a studio registered under
    a photo-receipt code. Over mutual TLS with the delivery's certificate, key and CA
    (delivery.client_cert, client_key, ca_bundle), whether or not delivery is enabled.
    """

    enabled: bool = setting(
        True,
        "Ask the office during sessions: true or false (false: this kiosk has no look-ups, and citizens who "
        "need one, such as a lost card or a studio photo code, are sent to the counter).",
    )
    endpoint: str = setting(
        "",
        "Base URL of the office's look-up API; must start with https://; required outside demo mode while "
        "enabled (in demo mode, left out = the demo office).",
        expect='an https:// URL, e.g. "https://office.example.gov/v1/"',
        example="https://office.example.gov/v1/",
    )
    # Phone check (issue 16).
    phone_check: bool = setting(
        True,
        "Confirm the citizen's mobile number with a one-time code the office texts to it: true or false "
        "(only while enabled; false: the number is taken as typed).",
    )
    connect_timeout_seconds: float = setting(
        3.0,
        "Seconds to wait for a connection to the office while a citizen waits: more than 0, at most 30.",
        gt=0,
        le=30,
    )
    read_timeout_seconds: float = setting(
        8.0,
        "Seconds to wait for each part of the office's answer while a citizen waits: more than 0, at most 60.",
        gt=0,
        le=60,
    )
    payment_poll_seconds: float = setting(
        2.0,
        "Seconds between two questions to the office about a payment order's status while the citizen pays "
        "with their phone: at least 0.05, at most 30.",
        ge=0.05,
        le=30,
    )

    @field_validator("endpoint")
    @classmethod
    def _https(cls, value: str) -> str:
        if value and not re.match(r"^https://[^\s/?#]+(/\S*)?$", value):
            raise PydanticCustomError(CONFIG_VALUE_ERROR, "must be an https:// URL (the office uses mutual TLS)")
        return value


_INTERVAL = "0 (not watched) or 0.5 to 3600"


def _interval(default: float, what: str) -> Any:
    return setting(default, f"Seconds between looks at {what}: {_INTERVAL}.", expect=_INTERVAL, ge=0, le=3600)


class HealthSettings(_Group):
    """Device health, watched in the background; a needed device going bad takes the kiosk out of service.

    The needed ones are those a renewal cannot end without: camera, card reader, printer,
    disk and queue (kiosk.operations.health_checks has the rules). The kiosk serves again
    by itself when the device recovers.
    """

    printer_seconds: float = _interval(5.0, "the printer's status (paper, cover, online)")
    camera_seconds: float = _interval(10.0, "the camera (only between sessions, without capturing)")
    card_reader_seconds: float = _interval(10.0, "the card reader (only between sessions, never the card)")
    disk_seconds: float = _interval(60.0, "the free space in kiosk.data_dir")
    queue_seconds: float = _interval(30.0, "the application queue (backlog, oldest, parked)")
    network_seconds: float = _interval(
        60.0, "the office's delivery endpoint (only when delivery is enabled; a TCP connection, no request)"
    )
    office_seconds: float = _interval(
        60.0, "the office's look-up endpoint (only when office.endpoint is set; a TCP connection, no request)"
    )
    network_timeout_seconds: float = setting(
        5.0, "Seconds the office's endpoint has to accept a connection: more than 0, at most 60.", gt=0, le=60
    )
    recheck_seconds: float = setting(
        1.0,
        "Seconds to the next look when a reading differs from the state held, to confirm a change quickly: "
        "0.1 to 60.",
        ge=0.1,
        le=60,
    )
    failed_after: int = setting(
        2, "Failed readings in a row before a device counts as failed: 1 to 10.", ge=1, le=10
    )
    recovered_after: int = setting(
        3,
        "Good readings in a row before a failed device counts as recovered (a device that flaps keeps the "
        "kiosk out of service): 1 to 20.",
        ge=1,
        le=20,
    )
    disk_warning_mb: int = setting(
        1024, "Free megabytes in kiosk.data_dir below which the disk counts as low: 1 to 1000000.", ge=1, le=1_000_000
    )
    disk_failed_mb: int = setting(
        100,
        "Free megabytes below which the disk counts as full and the kiosk goes out of service (applications "
        "could no longer be saved): 1 to 1000000, less than disk_warning_mb.",
        ge=1,
        le=1_000_000,
    )
    queue_backlog_warning: int = setting(
        50, "Applications waiting for delivery above which the queue counts as backlogged: 1 to 100000.",
        ge=1, le=100_000,
    )
    queue_age_warning_hours: float = setting(
        24.0, "Hours the oldest waiting application may wait before the queue counts as late: 0.1 to 720.",
        ge=0.1, le=720,
    )

    @field_validator(
        "printer_seconds", "camera_seconds", "card_reader_seconds", "disk_seconds", "queue_seconds", "network_seconds"
    )
    @classmethod
    def _watched_or_not(cls, value: float) -> float:
        if 0 < value < 0.5:
            raise PydanticCustomError(CONFIG_VALUE_ERROR, f"must be {_INTERVAL}")
        return value

    @model_validator(mode="after")
    def _thresholds(self) -> "HealthSettings":
        if self.disk_failed_mb >= self.disk_warning_mb:
            _problems([("disk_failed_mb", f"must be less than disk_warning_mb ({self.disk_warning_mb})")])
        return self


class TelemetrySettings(_Group):
    """What the kiosk reports to the fleet's monitoring: a metrics file for Prometheus's node
    exporter, and the audit journal's events copied to the systemd journal (no personal data)."""

    textfile_dir: Path | None = setting(
        None,
        "Folder of prometheus-node-exporter's textfile collector (Debian: /var/lib/prometheus/node-exporter), "
        "where the kiosk keeps its metrics in idkiosk.prom; relative to kiosk.data_dir; left out = no metrics file.",
        example="/var/lib/prometheus/node-exporter",
    )
    interval_seconds: float = setting(
        15.0, "Seconds between two writes of the metrics file: 1 to 3600.", ge=1, le=3600
    )
    systemd_journal: bool = setting(
        True,
        "Copy each audit-journal entry to the systemd journal as structured fields (nothing happens where "
        "journal_socket is absent): true or false.",
    )
    journal_socket: Path = setting(
        Path("/run/systemd/journal/socket"), "The systemd journal's native socket."
    )


class UiSettings(_Group):
    """The screen."""

    fullscreen: bool = setting(True, "Fill the screen without a window frame: true or false.")
    width: int = setting(1920, "Screen width in pixels the layout is made for: 1 to 7680.", ge=1, le=_MAX_PIXELS)
    height: int = setting(1080, "Screen height in pixels the layout is made for: 1 to 7680.", ge=1, le=_MAX_PIXELS)
    large_text: bool = setting(
        False, "Start every session with large text: true or false (the citizen can still switch)."
    )
    high_contrast: bool = setting(
        False, "Start every session in high contrast (light on black): true or false (the citizen can still switch)."
    )
    voice_guidance: bool = setting(
        False, "Start every session with spoken guidance: true or false (the citizen can still switch)."
    )


class MaintenanceSettings(_Group):
    """Technicians' maintenance mode."""

    technician_pin: str | None = setting(
        None,
        "The technician's PIN (everything in maintenance mode) as a salted scrypt hash: the line "
        "`kiosk maintenance hash-pin --role technician` prints; left out = no technician entry.",
        expect='a "scrypt$..." hash as printed by kiosk maintenance hash-pin',
        example="scrypt$15$8$1$<salt>$<hash>",
        secret=True,
    )
    operator_pin: str | None = setting(
        None,
        "The operator's PIN (status and exports only) as a salted scrypt hash: the line "
        "`kiosk maintenance hash-pin --role operator` prints; left out = no operator entry.",
        expect='a "scrypt$..." hash as printed by kiosk maintenance hash-pin',
        example="scrypt$15$8$1$<salt>$<hash>",
        secret=True,
    )
    entry_taps: int = setting(
        5, "Taps in the entry corner of the welcome screen that open the PIN keypad: 2 to 20.", ge=2, le=20
    )
    entry_window_s: float = setting(
        3.0, "Seconds within which those taps must fall: more than 0 and at most 30.", gt=0, le=30
    )
    entry_corner: Corner = setting(
        "top-right", 'Corner of the welcome screen for the entry taps: "top-left", "top-right", '
        '"bottom-left" or "bottom-right".'
    )
    idle_timeout_s: int = setting(
        120, "Seconds without a touch after which maintenance mode returns to the welcome screen: 10 to 3600.",
        ge=10, le=3600,
    )
    service_key: str = setting(
        "F12", "The key of a service keypad that opens the maintenance PIN pad, as Qt names it "
        "(F1 to F35, e.g. F12); empty = no key, the corner gesture only.",
        expect="F1 to F35, or empty", pattern=r"^(F([1-9]|[12][0-9]|3[0-5]))?$",
    )

    @model_validator(mode="before")
    @classmethod
    def _no_unsalted_pin(cls, data: Any) -> Any:
        # An unsalted SHA-256 of a six-digit PIN is reversed in about a second, by anyone who
        # reads the file: it must stop working, with the fix in the message, not be ignored.
        if isinstance(data, dict) and "pin_sha256" in data:
            _problems([(
                "pin_sha256",
                "is no longer accepted (an unsalted SHA-256 of a PIN is reversed in a second); "
                "run `kiosk maintenance hash-pin --role technician` and put the technician_pin line "
                "it prints in its place",
            )])
        return data

    @field_validator("technician_pin", "operator_pin")
    @classmethod
    def _scrypt(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                parse_pin_hash(value)
            except PinHashError as exc:
                raise PydanticCustomError(
                    CONFIG_VALUE_ERROR, "must be a hash printed by kiosk maintenance hash-pin: {why}", {"why": str(exc)}
                ) from None
        return value


class ReceiptSettings(_Group):
    """Receipts and their verification QR code."""

    signing_key: Path = setting(
        Path("keys/receipt-signing.pem"),
        "Ed25519 private key that signs every receipt's QR code, created (mode 0600) on first start; "
        "relative to kiosk.data_dir.",
    )
    public_key: Path = setting(
        Path("receipt-public-key.pem"),
        "Where the matching public key is exported at start, for whoever verifies receipts "
        "(kiosk verify-receipt --public-key); relative to kiosk.data_dir.",
    )
    verify_page: str = setting(
        "",
        "The office's receipt verification page (https URL, no '#'): each receipt's QR code is this link "
        "with the signed payload after '#', so a phone opens the page, which checks it without a look-up. "
        "Empty: the QR code holds the bare payload, which phones show as text.",
    )

    @field_validator("verify_page")
    @classmethod
    def _verify_page(cls, value: str) -> str:
        if not value:
            return value
        try:
            parts = urlsplit(value)
        except ValueError:
            parts = None
        if parts is None or parts.scheme != "https" or not parts.hostname:
            raise PydanticCustomError(CONFIG_VALUE_ERROR, "must be an https:// URL with a host name")
        if "#" in value:
            raise PydanticCustomError(CONFIG_VALUE_ERROR, "must not have a '#' part: the receipt's payload goes there")
        if not value.isascii() or any(c.isspace() for c in value):
            raise PydanticCustomError(CONFIG_VALUE_ERROR, "must be ASCII without spaces (percent-encode the rest)")
        if len(value) > 200:
            # The payload takes ~180 characters; a longer link makes a QR code too dense for 80 mm paper.
            raise PydanticCustomError(CONFIG_VALUE_ERROR, "must be at most 200 characters")
        return value


class ExportSettings(_Group):
    """Operators' daily export (kiosk export): sessions table, reconciliation, PDF summaries, signed."""

    daily_time: str | None = setting(
        None,
        "Local time (HH:MM) at which the running kiosk writes the export of the day before, by itself; "
        "a day missed while the kiosk was off is written when it next runs (up to a week back). "
        "Left out = no automatic export (kiosk export still works).",
        expect="a time of day written HH:MM, e.g. \"02:30\"",
        example="02:30",
        pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$",
    )
    folder: Path = setting(
        Path("exports"),
        "Where the automatic exports go, one folder per day named <kiosk id>-<YYYY-MM-DD>; "
        "relative to kiosk.data_dir.",
    )
    languages: tuple[Language, ...] = setting(
        LANGUAGES,
        "Languages of the PDF summary, one PDF each (zh_CN, en, vi).",
        min_length=1,
    )
    usb_mount_roots: tuple[Path, ...] = setting(
        (Path("/media"), Path("/run/media")),
        "Where USB sticks get mounted: the maintenance screen offers a removable disk mounted anywhere "
        "below these folders for the export.",
        expect='a list of folders, e.g. ["/media", "/run/media"]',
    )
    usb_folders: tuple[Path, ...] = setting(
        (),
        "Folders the maintenance screen offers as a USB stick whenever they exist, for a kiosk that "
        "mounts its stick elsewhere (e.g. a fixed /srv/usb); relative to kiosk.data_dir.",
        expect='a list of folders, e.g. ["/srv/usb"]',
    )


_DEMO_ONLY = "is for demo mode only (kiosk.mode is \"{mode}\"); use {instead}"


class KioskConfig(_Group):
    """The whole configuration. Build it with `load_config` (or `kiosk.demo.config.demo_config`)."""

    kiosk: KioskSettings = Field(default_factory=KioskSettings, description="This kiosk.")
    document: DocumentSettings = Field(default_factory=DocumentSettings, description="The document renewed.")
    rules: RulesSettings = Field(default_factory=RulesSettings, description="Eligibility rules.")
    fees: FeeSettings = Field(default_factory=FeeSettings, description="Fees.")
    session: SessionSettings = Field(default_factory=SessionSettings, description="Session timing and tries.")
    devices: DeviceSettings = Field(default_factory=DeviceSettings, description="Devices.")
    biometrics: BiometricsSettings = Field(default_factory=BiometricsSettings, description="Biometrics.")
    storage: StorageSettings = Field(default_factory=StorageSettings, description="Local storage.")
    delivery: DeliverySettings = Field(default_factory=DeliverySettings, description="Delivery to the office.")
    office: OfficeSettings = Field(default_factory=OfficeSettings, description="The office's look-ups.")
    health: HealthSettings = Field(default_factory=HealthSettings, description="Device health.")
    telemetry: TelemetrySettings = Field(default_factory=TelemetrySettings, description="Fleet telemetry.")
    ui: UiSettings = Field(default_factory=UiSettings, description="Screen.")
    maintenance: MaintenanceSettings = Field(default_factory=MaintenanceSettings, description="Maintenance.")
    receipt: ReceiptSettings = Field(default_factory=ReceiptSettings, description="Receipts.")
    export: ExportSettings = Field(default_factory=ExportSettings, description="Daily export for operators.")
    fingerprints: FingerprintSettings = Field(default_factory=FingerprintSettings, description="Fingerprints.")

    @model_validator(mode="after")
    def _fakes_only_in_demo(self) -> "KioskConfig":
        if self.kiosk.mode == "demo":
            return self
        mode = self.kiosk.mode
        problems = []
        fakes = [
            ("devices.camera.driver", self.devices.camera.driver, "simulated", '"opencv"'),
            ("devices.card_reader.driver", self.devices.card_reader.driver, "simulated", '"pcsc" or "nfc"'),
            ("devices.printer.driver", self.devices.printer.driver, "simulated", '"folder" or a real printer'),
            ("devices.fingerprint.driver", self.devices.fingerprint.driver, "simulated", '"libfprint"'),
            ("devices.speaker.driver", self.devices.speaker.driver, "simulated", '"aplay"'),
            ("biometrics.face_verifier", self.biometrics.face_verifier, "demo-standin", '"sface" or "dlib"'),
            ("biometrics.portrait_maker", self.biometrics.portrait_maker, "demo-standin", '"rules"'),
        ]
        for key, value, fake, instead in fakes:
            if value == fake:
                what = f'the stand-in "{fake}"' if fake == "demo-standin" else f'the "{fake}" driver'
                problems.append((key, f"{what} " + _DEMO_ONLY.format(mode=mode, instead=instead)))
        _problems(problems)
        return self

    # -- resolved paths: relative settings are relative to kiosk.data_dir -------------

    def _in_data_dir(self, path: Path) -> Path:
        return path if path.is_absolute() else self.kiosk.data_dir / path

    def resolve_path(self, path: Path) -> Path:
        """A path setting made absolute: relative paths resolve against kiosk.data_dir."""
        return self._in_data_dir(Path(path))

    @property
    def fingerprints_required(self) -> bool:
        """Whether this kiosk's applicants give fingerprints (the step and the scanner)."""
        return self.fingerprints.required_for(self.document.country)

    @property
    def is_demo(self) -> bool:
        return self.kiosk.mode == "demo"

    @property
    def database_path(self) -> Path:
        return self._in_data_dir(self.storage.database)

    @property
    def key_file_path(self) -> Path:
        return self._in_data_dir(self.storage.key_file)

    @property
    def trust_dir_path(self) -> Path:
        return self._in_data_dir(self.devices.card_reader.trust_dir)

    @property
    def master_list_path(self) -> Path | None:
        ml = self.devices.card_reader.master_list
        return None if ml is None else self._in_data_dir(ml)

    @property
    def telemetry_textfile_dir(self) -> Path | None:
        folder = self.telemetry.textfile_dir
        return None if folder is None else self._in_data_dir(folder)

    @property
    def printer_output_dir(self) -> Path:
        return self._in_data_dir(self.devices.printer.output_dir)

    @property
    def camera_media_path(self) -> Path | None:
        """The simulated camera's media, or None for the bundled demo portrait."""
        media = self.devices.camera.media
        return None if media is None else self._in_data_dir(media)
