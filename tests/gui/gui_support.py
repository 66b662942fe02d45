"""Constants shared by the GUI tests (the same values as tests/conftest.py, which is not importable)."""

from __future__ import annotations

from tiaki.core.keywrap import KdfParams

FAST_KDF = KdfParams(memory_kib=8192, iterations=1, lanes=1)
ADMIN = "aroha"
ADMIN_PASS = "kia kaha te reo 2026"
