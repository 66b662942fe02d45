"""The encrypted database: key slots, unlock, migrations and repositories."""
