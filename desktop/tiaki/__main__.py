"""``python -m tiaki``: the same as the ``tiaki`` command."""

import sys

from tiaki.cli import main

sys.exit(main())
