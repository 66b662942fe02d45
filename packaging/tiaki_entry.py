"""The bundle's entry point: the same as the ``tiaki`` console script (``tiaki.cli:main``)."""

import sys

from tiaki.cli import main

if __name__ == "__main__":
    sys.exit(main())
