"""The client JSON shape used by the CLI and documented in docs/client-json.md.

Input: ``{"fields": {"given_name": "Aroha", ...}, "source": {"kind": "person"}}``. Parsing is strict: unknown
members, duplicate keys, non-finite numbers and wrong types are refused with a message that names the
member, never the value.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from tiaki.core.catalogue import Catalogue, FieldError, Value
from tiaki.core.provenance import Source, SourceError

MAX_INPUT_BYTES = 1_000_000
_TOP_LEVEL = {"fields", "source"}


class ClientInputError(ValueError):
    pass


@dataclass(frozen=True)
class ClientInput:
    fields: dict[str, Value]
    source: Source = field(default_factory=Source.person)


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise ClientInputError(f"The member {json.dumps(key)[:60]} appears twice.")
        out[key] = value
    return out


def _no_constants(name: str) -> Any:
    raise ClientInputError(f"{name} is not a valid JSON number.")


def load_json_object(data: bytes) -> dict[str, Any]:
    if len(data) > MAX_INPUT_BYTES:
        raise ClientInputError(f"The input is too large ({len(data):,} bytes; at most {MAX_INPUT_BYTES:,}).")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ClientInputError("The input is not UTF-8 text.") from None
    try:
        doc = json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constants)
    except json.JSONDecodeError as exc:
        raise ClientInputError(f"The input is not valid JSON (line {exc.lineno}, column {exc.colno}).") from None
    except RecursionError:
        raise ClientInputError("The input is nested too deeply.") from None
    if not isinstance(doc, dict):
        raise ClientInputError("The input must be a JSON object with a \"fields\" member.")
    return doc


def parse_client_input(data: bytes, catalogue: Catalogue, *, partial: bool = False) -> ClientInput:
    """Validate a whole new client (``partial=False``) or a set of changes (``partial=True``, null clears)."""
    doc = load_json_object(data)
    unknown = set(doc) - _TOP_LEVEL
    if unknown:
        names = ", ".join(sorted(json.dumps(k)[:40] for k in unknown))
        raise ClientInputError(f"Unknown member(s) {names}; expected \"fields\" and optionally \"source\".")
    raw_fields = doc.get("fields")
    if not isinstance(raw_fields, dict):
        raise ClientInputError('"fields" must be an object mapping field keys to values.')
    try:
        if partial:
            values: dict[str, Any] = {}
            for key, raw in raw_fields.items():
                fdef = catalogue.get(key)  # unknown keys are refused even when clearing
                values[key] = None if raw is None or raw == "" else catalogue.validate(fdef.key, raw)
            fields = values
        else:
            fields = dict(catalogue.validate_record(raw_fields))
        source = Source.from_json(doc["source"]) if "source" in doc else Source.person()
    except FieldError as exc:
        raise ClientInputError(exc.message()) from None
    except SourceError as exc:
        raise ClientInputError(str(exc)) from None
    return ClientInput(fields=fields, source=source)
