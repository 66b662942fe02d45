"""What a data directory holds, readable without unlocking — and without importing the database or crypto
libraries, so the unlock window can appear as fast as any window."""

from __future__ import annotations

import json
from pathlib import Path

from tiaki.store.errors import DamagedStore, NoStore

DB_FILE_NAME = "tiaki.db"
KEYSLOTS_FILE = "keyslots.json"


def store_exists(data_dir: Path) -> bool:
    return (data_dir / KEYSLOTS_FILE).exists()


def worker_count(data_dir: Path) -> int:
    """How many workers can sign in, from the key slots (which name no one)."""
    try:
        raw = json.loads((data_dir / KEYSLOTS_FILE).read_bytes())
        return sum(1 for slot in raw["slots"] if slot.get("kind") == "passphrase")
    except FileNotFoundError:
        raise NoStore from None
    except (ValueError, KeyError, TypeError, AttributeError):
        raise DamagedStore("The key-slot file") from None
