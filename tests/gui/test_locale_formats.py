"""Dates, numbers and the order of words follow the interface language's New Zealand locale."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from PySide6.QtCore import QLocale

from tiaki.ui.labels import local_date, local_time, moment_text, number, text_order
from tiaki.ui.language import locale_for


@pytest.fixture
def locale(qapp) -> Iterator[None]:
    before = QLocale()
    yield
    QLocale.setDefault(before)


@pytest.mark.parametrize(("language", "day"), [("en", "{d:02d}/{m:02d}/{y}"), ("mi", "{d:02d}-{m:02d}-{y}")])
def test_dates_follow_the_language(locale, language: str, day: str) -> None:
    QLocale.setDefault(locale_for(language))
    moment = dt.datetime(2026, 5, 3, 2, 2, tzinfo=dt.UTC)
    local = moment.astimezone()
    text = moment_text(moment)
    assert text.startswith(day.format(d=local.day, m=local.month, y=local.year) + " ")
    assert str(local.minute).zfill(2) in text
    assert local_time(moment.isoformat()) == text
    assert local_time("not a time") == "not a time"


@pytest.mark.parametrize(("language", "expected"), [("en", "03/05/1990"), ("mi", "03-05-1990")])
def test_a_date_of_birth_follows_the_language(locale, language: str, expected: str) -> None:
    QLocale.setDefault(locale_for(language))
    assert local_date("1990-05-03") == expected
    assert local_date("1990-02-30") == "1990-02-30", "a value that is not a date is shown as stored"


def test_counts_follow_the_locale(locale) -> None:
    QLocale.setDefault(locale_for("en"))
    assert number(1234567) == "1,234,567"
    QLocale.setDefault(QLocale("de_DE"))
    assert number(1234567) == "1.234.567"


def test_words_sort_ignoring_case_and_macrons() -> None:
    words = ["Zed", "Ārani", "apa", "Arapeta", "ōtaki", "Ngāti Porou", "nga"]
    assert sorted(words, key=text_order) == ["apa", "Ārani", "Arapeta", "nga", "Ngāti Porou", "ōtaki", "Zed"]
