"""The client JSON parser refuses everything it does not understand, with its own error and nothing else."""

from __future__ import annotations

import contextlib
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tiaki.core.client_json import ClientInput, ClientInputError, parse_client_input
from tiaki.core.notices import load_notices
from tiaki.core.purposes import load_purposes
from tiaki.paths import resource_dir
from tiaki.store.session import default_catalogue

CAT = default_catalogue()
PURPOSES = load_purposes(resource_dir() / "purposes.json")
NOTICES = load_notices(resource_dir() / "notices.json")
KEYS = [f.key for f in CAT.fields] + ["bogus", ""]
GOOD_COLLECTION = {"purposes": ["case_management"], "source": {"kind": "person"},
                   "notice": {"language": "en", "version": NOTICES.version, "timing": "before"}}

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3),
    max_leaves=8,
)
collections = st.one_of(
    st.just(GOOD_COLLECTION),
    st.fixed_dictionaries({"purposes": st.lists(st.sampled_from([*PURPOSES.keys, "nope"]), max_size=3),
                           "source": st.sampled_from([{"kind": "person"}, {"kind": "other", "name": "N", "reason": "R"},
                                                      {"kind": 3}, "x"]),
                           "notice": st.sampled_from([GOOD_COLLECTION["notice"], {"language": "mi",
                                                      "version": NOTICES.version}, {"language": "zz"}, None])}),
    json_values,
)


def parse(doc: object, *, partial: bool = False) -> ClientInput:
    return parse_client_input(json.dumps(doc).encode(), CAT, PURPOSES, NOTICES, partial=partial)


@settings(max_examples=300)
@given(st.dictionaries(st.sampled_from(KEYS), json_values, max_size=6), collections, st.booleans())
def test_any_document_parses_or_is_refused_cleanly(fields: dict[str, object], collection: object,
                                                  anonymous: bool) -> None:
    doc: dict[str, object] = {"fields": fields, "collection": collection}
    if anonymous:
        doc["anonymous"] = True
    for partial in (False, True):
        try:
            parsed = parse(doc, partial=partial)
        except ClientInputError as exc:
            assert str(exc)
            continue
        assert isinstance(parsed, ClientInput)
        assert set(parsed.fields) <= {f.key for f in CAT.fields}
        assert parsed.collection.purposes and parsed.collection.purposes <= set(PURPOSES.keys)


@settings(max_examples=300)
@given(st.binary(max_size=200))
def test_arbitrary_bytes_never_escape_as_another_error(data: bytes) -> None:
    with contextlib.suppress(ClientInputError):
        parse_client_input(data, CAT, PURPOSES, NOTICES)


def test_a_good_client_parses() -> None:
    parsed = parse({"fields": {"given_name": "Ana", "dependent_children": "2"}, "collection": GOOD_COLLECTION})
    assert parsed.fields == {"given_name": "Ana", "dependent_children": 2}
    assert parsed.collection.purposes == {"case_management"}
    assert parsed.collection.notice.hash == NOTICES.template_hash("en")


def test_collection_is_required() -> None:
    with pytest.raises(ClientInputError, match="collection"):
        parse({"fields": {"given_name": "Ana"}})


def test_anonymous_contact_needs_no_name_but_a_purpose_without_identity() -> None:
    parsed = parse({"fields": {"region": "otago"}, "anonymous": True,
                    "collection": {**GOOD_COLLECTION, "purposes": ["helpline_contact"]}})
    assert parsed.anonymous and parsed.fields == {"region": "otago"}
    with pytest.raises(ClientInputError, match="anonymous"):
        parse({"fields": {"region": "otago"}, "anonymous": True, "collection": GOOD_COLLECTION})
    with pytest.raises(ClientInputError, match="anonymous"):
        parse({"fields": {"given_name": "Ana"}, "anonymous": True,
               "collection": {**GOOD_COLLECTION, "purposes": ["helpline_contact"]}})


@pytest.mark.parametrize("raw", [b"", b"null", b"1", b'"x"', b"[]", b"{}", b'{"fields": []}'])
def test_degenerate_documents_are_refused(raw: bytes) -> None:
    with pytest.raises(ClientInputError):
        parse_client_input(raw, CAT, PURPOSES, NOTICES)
