"""Times are stored in UTC with their offset (ISO 8601) and shown in the worker's local time."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable

Clock = Callable[[], dt.datetime]


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat(timespec="milliseconds")


def parse_iso(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


def new_id() -> str:
    """Made on the device that creates the thing, so records from many devices never collide."""
    return str(uuid.uuid4())
