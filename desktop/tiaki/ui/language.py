"""The interface language: which translation is installed, and the locale dates and numbers follow.

Switching at run time replaces the one installed translator; Qt then sends every widget a LanguageChange
event (windows that can retranslate themselves do; the Desktop rebuilds the rest).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from tiaki.paths import i18n_dir
from tiaki.preferences import INTERFACE_LANGUAGES, chosen_language


def system_language() -> str:
    return QLocale.system().name().split("_")[0]


def interface_language() -> str:
    """TIAKI_LANG, else the worker's saved choice, else the system's language."""
    return chosen_language(system_language())


def locale_for(language: str) -> QLocale:
    """New Zealand conventions in the chosen language (dates, numbers, sorting)."""
    return QLocale(f"{language}_NZ") if language in INTERFACE_LANGUAGES else QLocale(language)


class InterfaceLanguage:
    """The installed translation. ``use`` switches it; the previous translator is removed first."""

    def __init__(self, app: QCoreApplication) -> None:
        self._app = app
        self._translator: QTranslator | None = None
        self._locale_before = QLocale()
        self.language = "en"

    def use(self, language: str) -> bool:
        """Show the interface in ``language``. False (and English) when this build has no translation for it."""
        self._remove()
        found = language == "en"
        if not found:
            translator = QTranslator(self._app)
            if translator.load(f"tiaki_{language}", str(i18n_dir())):
                self._app.installTranslator(translator)
                self._translator = translator
                found = True
        self.language = language if found else "en"
        QLocale.setDefault(locale_for(self.language))
        return found

    def _remove(self) -> None:
        if self._translator is not None:
            self._app.removeTranslator(self._translator)
            self._translator.deleteLater()
            self._translator = None

    def restore(self) -> None:
        """Take the translation out and put back the locale found at the start (the app may outlive us)."""
        self._remove()
        QLocale.setDefault(self._locale_before)
        self.language = "en"
