"""Domain words shown in the UI: catalogue labels, role names and times, each in the worker's language.

Catalogue labels are data (resources/fields.json); ``catalogue_strings.py`` marks them for translation in
the "fields" context, and these functions look them up at display time.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QTime

from tiaki.core.clock import parse_iso
from tiaki.core.roles import Role
from tiaki.core.text import fold

if TYPE_CHECKING:
    from tiaki.core.catalogue import FieldDef


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks ``text`` for pyside6-lupdate (which matches this name) and returns it unchanged, typed as str."""
    return text


FIELDS_CONTEXT = "fields"
ROLES_CONTEXT = "roles"
PURPOSES_CONTEXT = "purposes"

# The English text must equal core.roles.ROLE_LABELS (a test checks it).
ROLE_TEXT = {
    Role.CASEWORKER: QT_TRANSLATE_NOOP("roles", "Caseworker"),
    Role.COORDINATOR: QT_TRANSLATE_NOOP("roles", "Coordinator"),
    Role.SUPERVISOR: QT_TRANSLATE_NOOP("roles", "Supervisor"),
    Role.PRIVACY_OFFICER: QT_TRANSLATE_NOOP("roles", "Privacy officer"),
}


# Short names for the purposes in resources/purposes.json, for provenance lines (a test checks the keys match).
PURPOSE_TEXT = {
    "case_management": QT_TRANSLATE_NOOP("purposes", "Case management"),
    "referral": QT_TRANSLATE_NOOP("purposes", "Referral"),
    "housing_support": QT_TRANSLATE_NOOP("purposes", "Housing support"),
    "income_support": QT_TRANSLATE_NOOP("purposes", "Income support"),
    "health_coordination": QT_TRANSLATE_NOOP("purposes", "Health coordination"),
    "child_wellbeing": QT_TRANSLATE_NOOP("purposes", "Child wellbeing"),
    "helpline_contact": QT_TRANSLATE_NOOP("purposes", "Helpline contact"),
    "service_reporting": QT_TRANSLATE_NOOP("purposes", "Service reporting"),
}


def ui_language() -> str:
    """The language the interface is shown in: each translation gives its own code for this string."""
    return QCoreApplication.translate("language", "en")


def purpose_label(key: str) -> str:
    """A purpose's short name in the worker's language (the key itself for a purpose this build does not know)."""
    text = PURPOSE_TEXT.get(key)
    return QCoreApplication.translate(PURPOSES_CONTEXT, text) if text else key


def field_label(label: str) -> str:
    """A field, category, choice or hint text from the catalogue, translated."""
    return QCoreApplication.translate(FIELDS_CONTEXT, label)


def choice_text(fdef: FieldDef, value: str) -> str:
    return field_label(fdef.choice_label(value))


def role_label(role: Role) -> str:
    return QCoreApplication.translate(ROLES_CONTEXT, ROLE_TEXT[role])


def local_time(stored: str | None) -> str:
    """A stored UTC ISO time in the computer's local time, written the way the interface language's locale
    writes a short date and time (en_NZ: 03/05/2026 2:02 pm)."""
    if not stored:
        return ""
    try:
        moment = parse_iso(stored)
    except ValueError:
        return stored
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment_text(moment)


def moment_text(moment: dt.datetime) -> str:
    """An aware time in the computer's local time, in the locale's short date and time."""
    local = moment.astimezone()
    locale = QLocale()
    day = locale.toString(QDate(local.year, local.month, local.day), QLocale.FormatType.ShortFormat)
    clock = locale.toString(QTime(local.hour, local.minute), QLocale.FormatType.ShortFormat)
    return f"{day} {clock}"


def local_date(stored: str) -> str:
    """A stored calendar date (YYYY-MM-DD, e.g. a date of birth) as the locale writes a short date."""
    try:
        day = dt.date.fromisoformat(stored)
    except ValueError:
        return stored
    return QLocale().toString(QDate(day.year, day.month, day.day), QLocale.FormatType.ShortFormat)


def widest_local_time() -> str:
    """A sample as wide as any ``local_time`` (two-digit day and month, a late afternoon hour)."""
    return moment_text(dt.datetime(2026, 12, 28, 23, 58, tzinfo=dt.UTC).astimezone().replace(hour=22))


def number(value: int) -> str:
    """A count as the locale writes it (1,234)."""
    return QLocale().toString(value)




def text_order(text: str) -> tuple[str, str]:
    """A sort key for words shown to the worker, as people in Aotearoa expect in English and in te reo Māori:
    case and macrons do not move a word ("Ārani" sorts with "Arani", not after "Z"); ties keep a fixed order.
    (Qt's collator is not used: without ICU it falls back to byte order for these languages.)"""
    return fold(text), text
