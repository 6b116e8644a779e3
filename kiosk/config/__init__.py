"""The kiosk's configuration: one TOML file, validated, with environment overrides.

    from kiosk.config import load_config, ConfigError
    config = load_config(Path("/etc/idkiosk/kiosk.toml"))   # raises ConfigError
    config.devices.camera.width, config.database_path

An invalid file stops the start with messages such as
``/etc/kiosk.toml:23: devices.camera.width: must be a whole number from 1 to 7680 (got "wide")``.
`resources/config/kiosk.sample.toml` documents every setting. What a valid file names
(trust anchors, TLS credentials, folders, keys) is checked by `kiosk.config.preflight`,
which `kiosk config check` prints and `kiosk run` refuses to start on.
"""

from kiosk.config.errors import ConfigError, Problem
from kiosk.config.loader import ENV_PREFIX, Sources, load_config, load_config_with_sources, with_overrides
from kiosk.config.model import (
    LANGUAGES,
    BiometricsSettings,
    CameraSettings,
    CardReaderSettings,
    Country,
    DeviceSettings,
    DocumentSettings,
    FeeSettings,
    KioskConfig,
    KioskSettings,
    Language,
    MaintenanceSettings,
    Mode,
    PrinterSettings,
    RulesSettings,
    SessionSettings,
    StorageSettings,
    UiSettings,
)

__all__ = [
    "ENV_PREFIX",
    "LANGUAGES",
    "BiometricsSettings",
    "CameraSettings",
    "CardReaderSettings",
    "ConfigError",
    "Country",
    "DeviceSettings",
    "DocumentSettings",
    "FeeSettings",
    "KioskConfig",
    "KioskSettings",
    "Language",
    "MaintenanceSettings",
    "Mode",
    "PrinterSettings",
    "Problem",
    "RulesSettings",
    "SessionSettings",
    "Sources",
    "StorageSettings",
    "UiSettings",
    "load_config",
    "load_config_with_sources",
    "with_overrides",
]
