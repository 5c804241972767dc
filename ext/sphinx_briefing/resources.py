"""Where the package's data files are: templates, static files, schemas, data, catalogues.

Modules in the stage folders find them here rather than through their own ``__file__``, so
moving a module never breaks a path.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).parent
DATA = PACKAGE / "data"
SCHEMAS = PACKAGE / "schemas"
STATIC = PACKAGE / "static"
TEMPLATES = PACKAGE / "templates"
LOCALE = PACKAGE / "locale"
JS = PACKAGE / "js"
TYPST = PACKAGE / "typst"
