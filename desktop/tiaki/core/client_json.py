"""The client JSON shape used by the CLI and documented in docs/client-json.md.

Input: ``{"fields": {...}, "collection": {"purposes": [...], "source": {...}, "notice": {...}}}`` (and
``"anonymous": true`` for a contact without identity). No collection details, no save. Parsing is strict:
unknown members, duplicate keys, non-finite numbers and wrong types are refused with a message that names
the member, never the value.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from tiaki.core.catalogue import Catalogue, FieldError, Value
from tiaki.core.collection import Collection, CollectionError
from tiaki.core.notices import NoticeCatalogue
from tiaki.core.purposes import PurposeCatalogue

MAX_INPUT_BYTES = 1_000_000
_TOP_LEVEL = {"fields", "collection", "anonymous"}


class ClientInputError(ValueError):
    pass


@dataclass(frozen=True)
class ClientInput:
    fields: dict[str, Value | None]
    collection: Collection
    anonymous: bool = False


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


def parse_client_input(
    data: bytes, catalogue: Catalogue, purposes: PurposeCatalogue, notices: NoticeCatalogue, *, partial: bool = False
) -> ClientInput:
    """Validate a whole new client (``partial=False``) or a set of changes (``partial=True``, null clears),
    with the collection details every change of personal information needs."""
    doc = load_json_object(data)
    unknown = set(doc) - _TOP_LEVEL
    if unknown:
        names = ", ".join(sorted(json.dumps(k)[:40] for k in unknown))
        raise ClientInputError(f'Unknown member(s) {names}; expected "fields", "collection" and optionally '
                               '"anonymous".')
    raw_fields = doc.get("fields")
    if not isinstance(raw_fields, dict):
        raise ClientInputError('"fields" must be an object mapping field keys to values.')
    anonymous = doc.get("anonymous", False)
    if not isinstance(anonymous, bool) or (partial and "anonymous" in doc):
        raise ClientInputError('"anonymous" must be true or false, and only when adding a client.')
    if "collection" not in doc:
        raise ClientInputError('"collection" is required: the purposes, the source and the notice given '
                               '(see docs/client-json.md).')
    try:
        if partial:
            values: dict[str, Value | None] = {}
            for key, raw in raw_fields.items():
                fdef = catalogue.get(key)  # unknown keys are refused even when clearing
                values[key] = None if raw is None or raw == "" else catalogue.validate(fdef.key, raw)
            fields = values
        else:
            fields = dict(catalogue.validate_record(raw_fields, anonymous=anonymous))
        collection = Collection.from_json(doc["collection"], notices.version, notices.template_hash)
        collection.check(purposes, anonymous=anonymous)
    except FieldError as exc:
        raise ClientInputError(exc.message()) from None
    except CollectionError as exc:
        raise ClientInputError(str(exc)) from None
    return ClientInput(fields=fields, collection=collection, anonymous=anonymous)
