"""Test-only: the partner inbox, which exits the process right after the Nth envelope commits and before it
replies ("crash after commit, before the reply"). Usage: python inbox_crash_launcher.py DATA_DIR N"""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

from tiaki.partner.serve import serve

CRASH_EXIT_CODE = 17


def main() -> None:
    data_dir, crash_on = Path(sys.argv[1]), int(sys.argv[2])
    seen = 0
    lock = threading.Lock()

    def after_commit(envelope_id: str) -> None:
        nonlocal seen
        with lock:
            seen += 1
            if seen >= crash_on:
                os._exit(CRASH_EXIT_CODE)

    serve(data_dir, "127.0.0.1", 0, after_commit=after_commit)


if __name__ == "__main__":
    main()
