"""The client JSON parser refuses everything it does not understand, with its own error and nothing else."""

from __future__ import annotations

import contextlib
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tiaki.core.client_json import ClientInput, ClientInputError, parse_client_input
from tiaki.store.session import default_catalogue

CAT = default_catalogue()
KEYS = [f.key for f in CAT.fields] + ["bogus", ""]

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3),
    max_leaves=8,
)


@settings(max_examples=300)
@given(st.dictionaries(st.sampled_from(KEYS), json_values, max_size=6),
       st.sampled_from([None, {"kind": "person"}, {"kind": "other", "name": "N", "reason": "R"}, {"kind": 3}, "x"]))
def test_any_fields_object_parses_or_is_refused_cleanly(fields: dict[str, object], source: object) -> None:
    doc: dict[str, object] = {"fields": fields}
    if source is not None:
        doc["source"] = source
    for partial in (False, True):
        try:
            parsed = parse_client_input(json.dumps(doc).encode(), CAT, partial=partial)
        except ClientInputError as exc:
            assert str(exc)
            continue
        assert isinstance(parsed, ClientInput)
        assert set(parsed.fields) <= {f.key for f in CAT.fields}


@settings(max_examples=300)
@given(st.binary(max_size=200))
def test_arbitrary_bytes_never_escape_as_another_error(data: bytes) -> None:
    with contextlib.suppress(ClientInputError):
        parse_client_input(data, CAT)


def test_a_good_client_parses() -> None:
    parsed = parse_client_input(json.dumps({"fields": {"given_name": "Ana", "dependent_children": "2"},
                                            "source": {"kind": "person"}}).encode(), CAT)
    assert parsed.fields == {"given_name": "Ana", "dependent_children": 2}


@pytest.mark.parametrize("raw", [b"", b"null", b"1", b'"x"', b"[]", b"{}", b'{"fields": []}'])
def test_degenerate_documents_are_refused(raw: bytes) -> None:
    with pytest.raises(ClientInputError):
        parse_client_input(raw, CAT)
