"""The sharing history's filter, sort, basis bits and review vocabulary (pure core)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from tiaki.core.history_filter import (
    BASIS_BITS,
    HistoryFilter,
    HistoryFilterError,
    Sort,
    bases_of,
    basis_mask,
    day_range,
    parse_day,
)
from tiaki.core.review import MAX_COMMENT, ReviewError, check_comment, parse_item_id
from tiaki.core.roles import Role, Worker, can_review_disclosures, can_see_history
from tiaki.core.sharing import Basis

UTC = dt.UTC


def test_basis_bits_cover_every_basis_in_a_fixed_order() -> None:
    assert set(BASIS_BITS) == {b.value for b in Basis}
    assert BASIS_BITS[0] == "consent" and BASIS_BITS[-1] == "serious_threat"
    assert basis_mask(["consent"]) == 1 and basis_mask(["serious_threat"]) == 64
    for mask in range(128):
        assert basis_mask(bases_of(mask)) == mask
    with pytest.raises(HistoryFilterError) as err:
        basis_mask(["nonsense"])
    assert err.value.code == "basis"


@pytest.mark.parametrize(("kwargs", "code"), [
    ({"channel": "fax"}, "channel"),
    ({"status": "lost"}, "status"),
    ({"basis": "whim"}, "basis"),
    ({"since": dt.datetime(2026, 1, 2, tzinfo=UTC), "until": dt.datetime(2026, 1, 1, tzinfo=UTC)}, "range"),
    ({"since": dt.datetime(2026, 1, 2)}, "date"),
    ({"search": "x" * 101}, "search"),
    ({"search": "a\u202eb"}, "search"),
])
def test_bad_filters_name_the_part(kwargs: dict[str, object], code: str) -> None:
    with pytest.raises(HistoryFilterError) as err:
        HistoryFilter(**kwargs).validated()  # type: ignore[arg-type]
    assert err.value.code == code
    for value in kwargs.values():
        if isinstance(value, str):
            assert value not in str(err.value)


def test_validated_normalises_and_describe_never_holds_the_search_text() -> None:
    flt = HistoryFilter(client_id="  c1 ", partner_id="", search="  Ma\u0304ori ", basis="consent").validated()
    assert flt.client_id == "c1" and flt.partner_id is None and flt.search == "Māori"
    described = flt.describe()
    assert described == {"client_id": "c1", "basis": "consent", "search": True}
    assert "Māori" not in repr(described)
    assert HistoryFilter().describe() == {"search": False}
    since = dt.datetime(2026, 3, 1, 12, tzinfo=ZoneInfo("Pacific/Auckland"))
    assert HistoryFilter(since=since).describe()["since"] == "2026-02-28T23:00:00.000+00:00"


def test_sort_columns_are_checked() -> None:
    assert Sort().column == "at" and Sort().descending
    with pytest.raises(HistoryFilterError):
        Sort("client_name")


def test_day_range_is_whole_local_days() -> None:
    nz = ZoneInfo("Pacific/Auckland")
    start, end = day_range(dt.date(2026, 4, 5), dt.date(2026, 4, 5), nz)  # NZDT ends that morning
    assert start == dt.datetime(2026, 4, 5, tzinfo=nz)
    assert end == dt.datetime(2026, 4, 6, tzinfo=nz)
    assert end is not None and start is not None and end - start == dt.timedelta(hours=25)
    assert day_range(None, None, nz) == (None, None)


@pytest.mark.parametrize("text", ["2026-1-05", "2026/01/05", "2026-02-30", "20260105", "٢٠٢٦-01-05", ""])
def test_parse_day_is_strict(text: str) -> None:
    with pytest.raises(HistoryFilterError) as err:
        parse_day(text)
    assert err.value.code == "date"


def test_parse_day() -> None:
    assert parse_day("2026-01-05") == dt.date(2026, 1, 5)


def test_item_ids_and_comments() -> None:
    assert parse_item_id("override:abc-1") == ("override", "abc-1")
    for bad in ("override", "weird:abc", "override:", "override:a b", "no_receipt:a:b"):
        with pytest.raises(ReviewError) as err:
            parse_item_id(bad)
        assert err.value.code == "item"
    assert check_comment("  Justified: ka pai\nsecond line ") == "Justified: ka pai\nsecond line"
    for bad in ("", "   ", "x" * (MAX_COMMENT + 1), "bad\x00"):
        with pytest.raises(ReviewError) as err:
            check_comment(bad)
        assert err.value.code == "comment"


def test_roles() -> None:
    def worker(role: Role, active: bool = True) -> Worker:
        return Worker("w", "w", "W", role, active)

    assert can_review_disclosures(worker(Role.SUPERVISOR)) and can_review_disclosures(worker(Role.PRIVACY_OFFICER))
    assert not can_review_disclosures(worker(Role.COORDINATOR))
    assert not can_review_disclosures(worker(Role.CASEWORKER))
    assert not can_review_disclosures(worker(Role.SUPERVISOR, active=False))
    assert all(can_see_history(worker(r)) for r in Role)
    assert not can_see_history(worker(Role.CASEWORKER, active=False))
