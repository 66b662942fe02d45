"""Constants shared by tests (importable as ``support``; pytest puts tests/ on sys.path)."""

from __future__ import annotations

from tiaki.core.keywrap import KdfParams

# Cheap Argon2id for tests that make many stores; the CLI tests use the real default cost.
FAST_KDF = KdfParams(memory_kib=8192, iterations=1, lanes=1)
ADMIN = "aroha"
ADMIN_PASS = "kia kaha te reo 2026"


def collected(session: object, *purposes: str, language: str = "en") -> object:
    """The collection details a test's save needs: purposes (default case management), from the person,
    the current notice given before collection."""
    from tiaki.core.collection import Collection
    from tiaki.core.provenance import Source

    return Collection(frozenset(purposes or ("case_management",)), Source.person(),
                      session.notice_given(language))  # type: ignore[attr-defined]
