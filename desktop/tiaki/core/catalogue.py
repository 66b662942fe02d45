"""The field catalogue: which fields exist, how they are validated, whether they may leave the device.

The catalogue is data (``resources/fields.json``); this module loads it and validates values against it.
Validation errors carry a code and parameters so the UI can show them translated.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from tiaki.core.text import bad_characters, describe_codepoint, nfc


class Sensitivity(StrEnum):
    ORDINARY = "ordinary"
    SENSITIVE = "sensitive"
    RESTRICTED = "restricted"


class FieldType(StrEnum):
    TEXT = "text"
    MULTILINE = "multiline"
    DATE = "date"
    CHOICE = "choice"
    INTEGER = "integer"
    PHONE = "phone"
    EMAIL = "email"
    IDENTIFIER = "identifier"


Value = str | int


class FieldError(ValueError):
    """A value that does not fit its field. ``code`` selects the (translatable) message."""

    MESSAGES: Mapping[str, str] = {
        "unknown_field": "There is no field called '{field}'.",
        "required": "{label} is required.",
        "not_for_anonymous": "{label} cannot be recorded for an anonymous contact.",
        "wrong_type": "{label} must be {expected}.",
        "too_long": "{label} is too long ({length} characters; at most {max_length}).",
        "bad_characters": "{label} contains a character that cannot be stored ({chars}).",
        "pattern": "{label} is not in the expected form. {hint}",
        "date_format": "{label} must be a date written as YYYY-MM-DD.",
        "date_invalid": "{label} is not a real date.",
        "date_too_early": "{label} cannot be before {min}.",
        "date_future": "{label} cannot be in the future.",
        "choice": "{label}: that is not one of the choices.",
        "too_small": "{label} must be at least {min}.",
        "too_large": "{label} must be at most {max}.",
        "email": "{label} is not an email address.",
        "phone": "{label} may contain only digits, spaces, +, - and brackets.",
    }

    def __init__(self, code: str, field_key: str, **params: Any) -> None:
        self.code = code
        self.field_key = field_key
        self.params: dict[str, Any] = {"field": field_key, "label": field_key, **params}
        super().__init__(self.message())

    def message(self) -> str:
        return self.MESSAGES[self.code].format(**self.params).strip()


@dataclass(frozen=True)
class Choice:
    value: str
    label: str


@dataclass(frozen=True)
class Category:
    key: str
    label: str


@dataclass(frozen=True)
class FieldDef:
    key: str
    label: str
    category: str
    sensitivity: Sensitivity
    type: FieldType
    may_leave_device: bool
    required: bool = False
    max_length: int | None = None
    pattern: str | None = None
    hint: str = ""
    search: str | None = None  # "name" or "identifier": indexed for search-as-you-type
    min: int | str | None = None
    max: int | str | None = None
    not_future: bool = False
    options: tuple[Choice, ...] = field(default_factory=tuple)

    def choice_label(self, value: str) -> str:
        for option in self.options:
            if option.value == value:
                return option.label
        return value


IDENTITY_CATEGORY = "identity"

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^[0-9+\-() ]{3,}$")


@dataclass(frozen=True)
class Catalogue:
    version: int
    categories: tuple[Category, ...]
    fields: tuple[FieldDef, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_key", {f.key: f for f in self.fields})

    def get(self, key: str) -> FieldDef:
        by_key: dict[str, FieldDef] = getattr(self, "_by_key")  # noqa: B009 - set in __post_init__
        try:
            return by_key[key]
        except KeyError:
            raise FieldError("unknown_field", key) from None

    def __contains__(self, key: object) -> bool:
        return key in getattr(self, "_by_key")  # noqa: B009

    def fields_in(self, category: str) -> list[FieldDef]:
        return [f for f in self.fields if f.category == category]

    def search_fields(self, kind: str) -> list[FieldDef]:
        return [f for f in self.fields if f.search == kind]

    def validate(self, key: str, raw: object, *, today: dt.date | None = None) -> Value:
        return validate_value(self.get(key), raw, today=today)

    def validate_record(self, values: Mapping[str, object], *, today: dt.date | None = None,
                        anonymous: bool = False) -> dict[str, Value]:
        """Validate a whole record; empty optional values are dropped. An anonymous contact has no identity
        fields and so no required ones."""
        clean: dict[str, Value] = {}
        for key, raw in values.items():
            fdef = self.get(key)
            if raw is None or raw == "":
                continue
            if anonymous and fdef.category == IDENTITY_CATEGORY:
                raise FieldError("not_for_anonymous", fdef.key, label=fdef.label)
            clean[key] = validate_value(fdef, raw, today=today)
        for fdef in self.fields:
            if fdef.required and fdef.key not in clean and not anonymous:
                raise FieldError("required", fdef.key, label=fdef.label)
        return clean


def validate_value(fdef: FieldDef, raw: object, *, today: dt.date | None = None) -> Value:
    """Return the canonical stored form of ``raw`` or raise FieldError."""
    label = fdef.label
    if fdef.type is FieldType.INTEGER:
        return _validate_integer(fdef, raw)
    if not isinstance(raw, str):
        raise FieldError("wrong_type", fdef.key, label=label, expected="text")
    text = nfc(raw)
    if fdef.type is not FieldType.MULTILINE:
        text = text.strip()
    if fdef.type is FieldType.IDENTIFIER:
        text = re.sub(r"\s+", "", text).upper()
    if fdef.max_length is not None and len(text) > fdef.max_length:
        raise FieldError("too_long", fdef.key, label=label, length=len(text), max_length=fdef.max_length)
    bad = bad_characters(text, multiline=fdef.type is FieldType.MULTILINE)
    if bad:
        chars = ", ".join(sorted({describe_codepoint(c) for c in bad}))
        raise FieldError("bad_characters", fdef.key, label=label, chars=chars)
    if not text.strip():
        raise FieldError("required", fdef.key, label=label)
    if fdef.type is FieldType.DATE:
        return _validate_date(fdef, text, today or dt.date.today())
    if fdef.type is FieldType.CHOICE:
        if text not in {o.value for o in fdef.options}:
            raise FieldError("choice", fdef.key, label=label)
        return text
    if fdef.type is FieldType.EMAIL and not _EMAIL.match(text):
        raise FieldError("email", fdef.key, label=label)
    if fdef.type is FieldType.PHONE and not _PHONE.match(text):
        raise FieldError("phone", fdef.key, label=label)
    if fdef.pattern and not re.fullmatch(fdef.pattern, text):
        raise FieldError("pattern", fdef.key, label=label, hint=fdef.hint)
    return text


def _validate_integer(fdef: FieldDef, raw: object) -> int:
    if isinstance(raw, bool):
        raise FieldError("wrong_type", fdef.key, label=fdef.label, expected="a whole number")
    if isinstance(raw, str) and re.fullmatch(r"\s*-?[0-9]{1,12}\s*", raw):
        raw = int(raw)
    if not isinstance(raw, int):
        raise FieldError("wrong_type", fdef.key, label=fdef.label, expected="a whole number")
    if isinstance(fdef.min, int) and raw < fdef.min:
        raise FieldError("too_small", fdef.key, label=fdef.label, min=fdef.min)
    if isinstance(fdef.max, int) and raw > fdef.max:
        raise FieldError("too_large", fdef.key, label=fdef.label, max=fdef.max)
    return raw


def _validate_date(fdef: FieldDef, text: str, today: dt.date) -> str:
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
        raise FieldError("date_format", fdef.key, label=fdef.label)
    try:
        value = dt.date.fromisoformat(text)
    except ValueError:
        raise FieldError("date_invalid", fdef.key, label=fdef.label) from None
    if isinstance(fdef.min, str) and value < dt.date.fromisoformat(fdef.min):
        raise FieldError("date_too_early", fdef.key, label=fdef.label, min=fdef.min)
    if fdef.not_future and value > today:
        raise FieldError("date_future", fdef.key, label=fdef.label)
    return value.isoformat()


def _field_from_json(item: Mapping[str, Any]) -> FieldDef:
    return FieldDef(
        key=item["key"],
        label=item["label"],
        category=item["category"],
        sensitivity=Sensitivity(item["sensitivity"]),
        type=FieldType(item["type"]),
        may_leave_device=bool(item["may_leave_device"]),
        required=bool(item.get("required", False)),
        max_length=item.get("max_length"),
        pattern=item.get("pattern"),
        hint=item.get("hint", ""),
        search=item.get("search"),
        min=item.get("min"),
        max=item.get("max"),
        not_future=bool(item.get("not_future", False)),
        options=tuple(Choice(o["value"], o["label"]) for o in item.get("options", ())),
    )


def parse_catalogue(doc: Mapping[str, Any]) -> Catalogue:
    categories = tuple(Category(c["key"], c["label"]) for c in doc["categories"])
    fields = tuple(_field_from_json(item) for item in doc["fields"])
    known = {c.key for c in categories}
    keys = [f.key for f in fields]
    if len(set(keys)) != len(keys):
        raise ValueError("field catalogue has duplicate keys")
    for fdef in fields:
        if fdef.category not in known:
            raise ValueError(f"field {fdef.key} has unknown category {fdef.category}")
    return Catalogue(version=int(doc["version"]), categories=categories, fields=fields)


def load_catalogue(path: Path) -> Catalogue:
    with path.open(encoding="utf-8") as fh:
        return parse_catalogue(json.load(fh))
