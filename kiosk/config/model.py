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
from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

Mode = Literal["production", "demo"]
Language = Literal["zh_CN", "en", "vi"]
Country = Literal["CHN", "VNM"]
CameraDriver = Literal["simulated", "opencv"]
CardReaderDriver = Literal["simulated", "pcsc", "nfc"]
PrinterDriver = Literal["simulated", "folder", "escpos-network", "escpos-device", "cups"]
FaceVerifierKind = Literal["demo-standin", "dlib"]
PortraitMakerKind = Literal["demo-standin", "rules"]

LANGUAGES: tuple[Language, ...] = get_args(Language)

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


class _Group(BaseModel):
    model_config = ConfigDict(
        extra="forbid",             # a typo must be an error, never a silently ignored key
        frozen=True,
        coerce_numbers_to_str=True,  # `source = 0` means "0"
        validate_default=True,
    )


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


_MONEY = 'an amount of 0 or more with at most 2 decimals, e.g. 20.00'


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
        "Fee to renew an expiring or expired card: 0 or more, at most 2 decimals.",
        expect=_MONEY,
        ge=0,
        decimal_places=2,
    )
    damaged: Decimal = setting(
        Decimal("20.00"),
        "Fee to replace a damaged card: 0 or more, at most 2 decimals.",
        expect=_MONEY,
        ge=0,
        decimal_places=2,
    )
    lost: Decimal = setting(
        Decimal("40.00"),
        "Fee to replace a lost card: 0 or more, at most 2 decimals.",
        expect=_MONEY,
        ge=0,
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
        "Seconds without a touch before the inactivity countdown appears: 10 or more.",
        ge=10,
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
    width: int = setting(1280, "Requested capture width in pixels: greater than 0.", gt=0)
    height: int = setting(720, "Requested capture height in pixels: greater than 0.", gt=0)
    fps: int = setting(30, "Requested frames per second: greater than 0.", gt=0)
    media: Path | None = setting(
        None,
        "simulated only: image, video or folder of images to play; relative to kiosk.data_dir; "
        "left out = the bundled demo portrait.",
        example="/srv/idkiosk/demo/portrait.jpg",
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

    @model_validator(mode="after")
    def _driver_needs(self) -> "PrinterSettings":
        problems = []
        if self.driver == "escpos-network" and not self.host:
            problems.append(("host", 'is required when driver is "escpos-network"'))
        if self.driver == "escpos-device" and not self.device:
            problems.append(("device", 'is required when driver is "escpos-device"'))
        _problems(problems)
        return self


class DeviceSettings(_Group):
    """The kiosk's devices."""

    camera: CameraSettings = Field(default_factory=CameraSettings, description="The camera.")
    card_reader: CardReaderSettings = Field(default_factory=CardReaderSettings, description="The card reader.")
    printer: PrinterSettings = Field(default_factory=PrinterSettings, description="The receipt printer.")


class BiometricsSettings(_Group):
    """Face verification and the new portrait."""

    face_verifier: FaceVerifierKind = setting(
        "dlib",
        '"dlib" (compares face descriptors) or "demo-standin" (accepts any face; demo mode only).',
    )
    match_threshold: float = setting(
        0.5,
        "Largest face-descriptor distance accepted as the same person; lower is stricter; calibrate on site: 0 to 2.",
        ge=0,
        le=2,
    )
    portrait_maker: PortraitMakerKind = setting(
        "rules",
        '"rules" (portrait rules of the document country) or "demo-standin" (demo mode only).',
    )


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


class UiSettings(_Group):
    """The screen."""

    fullscreen: bool = setting(True, "Fill the screen without a window frame: true or false.")
    width: int = setting(1920, "Screen width in pixels the layout is made for: greater than 0.", gt=0)
    height: int = setting(1080, "Screen height in pixels the layout is made for: greater than 0.", gt=0)
    large_text: bool = setting(
        False, "Start every session with large text: true or false (the citizen can still switch)."
    )
    voice_guidance: bool = setting(
        False, "Start every session with spoken guidance: true or false (the citizen can still switch)."
    )


class MaintenanceSettings(_Group):
    """Technicians' maintenance mode."""

    pin_sha256: str | None = setting(
        None,
        "SHA-256 of the maintenance PIN as 64 hex digits (printf %s PIN | sha256sum); "
        "left out = maintenance mode locked.",
        expect="64 hexadecimal digits (the SHA-256 of the PIN)",
        example="<64 hex digits>",
        secret=True,
        pattern=r"^[0-9A-Fa-f]{64}$",
    )

    @field_validator("pin_sha256")
    @classmethod
    def _lower(cls, value: str | None) -> str | None:
        return None if value is None else value.lower()


_DEMO_ONLY = "is for demo mode only (kiosk.mode is \"{mode}\"); use {instead}"


class KioskConfig(_Group):
    """The whole configuration. Build it with `load_config` or `demo_config`."""

    kiosk: KioskSettings = Field(default_factory=KioskSettings, description="This kiosk.")
    document: DocumentSettings = Field(default_factory=DocumentSettings, description="The document renewed.")
    rules: RulesSettings = Field(default_factory=RulesSettings, description="Eligibility rules.")
    fees: FeeSettings = Field(default_factory=FeeSettings, description="Fees.")
    session: SessionSettings = Field(default_factory=SessionSettings, description="Session timing and tries.")
    devices: DeviceSettings = Field(default_factory=DeviceSettings, description="Devices.")
    biometrics: BiometricsSettings = Field(default_factory=BiometricsSettings, description="Biometrics.")
    storage: StorageSettings = Field(default_factory=StorageSettings, description="Local storage.")
    ui: UiSettings = Field(default_factory=UiSettings, description="Screen.")
    maintenance: MaintenanceSettings = Field(default_factory=MaintenanceSettings, description="Maintenance.")

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
            ("biometrics.face_verifier", self.biometrics.face_verifier, "demo-standin", '"dlib"'),
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
    def printer_output_dir(self) -> Path:
        return self._in_data_dir(self.devices.printer.output_dir)

    @property
    def camera_media_path(self) -> Path | None:
        """The simulated camera's media, or None for the bundled demo portrait."""
        media = self.devices.camera.media
        return None if media is None else self._in_data_dir(media)
