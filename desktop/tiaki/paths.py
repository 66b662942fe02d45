"""Every path Tiaki uses, in one place, with the overrides tests and scripts rely on."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "tiaki"
DATA_DIR_ENV = "TIAKI_DATA_DIR"
LOG_DIR_ENV = "TIAKI_LOG_DIR"
CONFIG_DIR_ENV = "TIAKI_CONFIG_DIR"

_PACKAGE_DIR = Path(__file__).resolve().parent
_SOURCE_ROOT = _PACKAGE_DIR.parent.parent


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The store's directory: --data-dir, else TIAKI_DATA_DIR, else the platform's user data dir."""
    if override:
        return Path(override).expanduser()
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return Path(env).expanduser()
    import platformdirs  # only when needed: keeps it off the start-up path

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    """A person's preferences (nothing personal in them): TIAKI_CONFIG_DIR, else the platform's config dir."""
    env = os.environ.get(CONFIG_DIR_ENV)
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def log_dir() -> Path:
    """Where Tiaki's log goes (``tiaki.logs``): TIAKI_LOG_DIR, else the platform's user log dir."""
    env = os.environ.get(LOG_DIR_ENV)
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def _first_existing(*candidates: Path) -> Path:
    for candidate in candidates:
        if candidate.exists():
            return candidate
    return candidates[-1]


def resource_dir() -> Path:
    """Catalogues and notices: packaged beside the code in a bundle, at the repo root in a checkout."""
    return _first_existing(_PACKAGE_DIR / "resources", _SOURCE_ROOT / "resources")


def i18n_dir() -> Path:
    return _first_existing(_PACKAGE_DIR / "i18n", _SOURCE_ROOT / "i18n")


def icon_dir() -> Path:
    """The window icon's PNGs: packaged beside the code in a bundle, packaging/icons in a checkout."""
    return _first_existing(_PACKAGE_DIR / "icons", _SOURCE_ROOT / "packaging" / "icons")
