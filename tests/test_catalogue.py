from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tiaki.core.catalogue import FieldError, Sensitivity
from tiaki.core.client import duplicate_key, search_query
from tiaki.core.text import fold, nfc
from tiaki.store.session import default_catalogue

CAT = default_catalogue()


def test_catalogue_has_the_design_categories_and_required_keys() -> None:
    keys = {c.key for c in CAT.categories}
    assert {"identity", "contact", "whanau", "ethnicity", "health", "income", "employment", "living", "safety",
            "case_notes"} <= keys
    for key in ("given_name", "family_name", "date_of_birth"):
        assert key in CAT
    assert CAT.get("case_notes").may_leave_device is False
    assert CAT.get("health_conditions").sensitivity is Sensitivity.RESTRICTED


def test_fold_removes_macrons_and_case() -> None:
    assert fold("Māori") == fold("maori") == "maori"
    assert fold("WHĀNAU") == "whanau"
    decomposed = "Ma\u0304ori"
    assert nfc(decomposed) == "Māori"
    assert fold(decomposed) == "maori"


def test_text_is_stored_nfc() -> None:
    assert CAT.validate("given_name", "A\u0304ta") == "Āta"
    assert unicodedata.is_normalized("NFC", str(CAT.validate("family_name", "Te Wha\u0304nau")))


@pytest.mark.parametrize(("key", "raw", "code"), [
    ("given_name", "x" * 101, "too_long"),
    ("given_name", "bad\x00char", "bad_characters"),
    ("given_name", "rtl\u202eoverride", "bad_characters"),
    ("given_name", "two\nlines", "bad_characters"),
    ("given_name", 42, "wrong_type"),
    ("given_name", "   ", "required"),
    ("date_of_birth", "1990-13-01", "date_invalid"),
    ("date_of_birth", "2020-02-30", "date_invalid"),
    ("date_of_birth", "01/02/1990", "date_format"),
    ("date_of_birth", "1850-01-01", "date_too_early"),
    ("date_of_birth", "2999-01-01", "date_future"),
    ("gender", "martian", "choice"),
    ("dependent_children", -1, "too_small"),
    ("dependent_children", True, "wrong_type"),
    ("dependent_children", "many", "wrong_type"),
    ("email", "not-an-email", "email"),
    ("phone", "call me", "phone"),
    ("nhi", "ABC", "pattern"),
    ("no_such_field", "x", "unknown_field"),
])
def test_validation_rejects_with_a_code(key: str, raw: object, code: str) -> None:
    with pytest.raises(FieldError) as info:
        CAT.validate(key, raw, today=dt.date(2026, 11, 25))
    assert info.value.code == code
    assert info.value.message()


def test_identifiers_are_normalised() -> None:
    assert CAT.validate("nhi", "zzz 0016") == "ZZZ0016"
    assert CAT.validate("dependent_children", "3") == 3


def test_multiline_keeps_newlines() -> None:
    assert CAT.validate("address", "1 Road\nRD 2\nŌpōtiki") == "1 Road\nRD 2\nŌpōtiki"


def test_given_name_is_required_for_a_record() -> None:
    with pytest.raises(FieldError) as info:
        CAT.validate_record({"family_name": "Ngata"})
    assert info.value.code == "required"


def test_duplicate_key_folds_names() -> None:
    a = duplicate_key({"given_name": "Hēmi", "family_name": "Te Whānau", "date_of_birth": "1990-01-01"})
    b = duplicate_key({"given_name": "hemi", "family_name": "te-whanau", "date_of_birth": "1990-01-01"})
    assert a == b
    assert duplicate_key({"given_name": "Hēmi", "family_name": "Ngata"}) is None


@given(st.text())
def test_search_query_never_breaks_fts_syntax(text: str) -> None:
    query = search_query(text)
    if query is not None:
        assert query.count('"') % 2 == 0
        for word in query.split(" "):
            assert word.startswith('"') and word.endswith('"*')
            assert '"' not in word[1:-2]


@given(st.text(max_size=120))
def test_validated_text_is_nfc_and_clean(text: str) -> None:
    try:
        value = CAT.validate("given_name", text)
    except FieldError:
        return
    assert isinstance(value, str)
    assert unicodedata.is_normalized("NFC", value)
    assert value == value.strip() and value
