"""``python -m sphinx_briefing.cli``: the ``briefing`` console script."""

import sys

from sphinx_briefing.cli import main

sys.exit(main())
