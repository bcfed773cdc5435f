"""``python -m autodiag``: see `autodiag.cli`."""

import sys

from .cli import main

sys.exit(main())
