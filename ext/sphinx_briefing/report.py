"""Warnings in one place: type ``briefing``, a subtype per kind, and a ``file:line`` location.

Users silence a kind with ``suppress_warnings = ["briefing.<subtype>"]``.
"""

from __future__ import annotations

import os
from pathlib import Path

from sphinx.util import logging

logger = logging.getLogger("briefing")


def location(path: str | Path, line: int | None = None) -> str:
    """``/abs/real/path:LINE``: symlinks resolved so warnings name the file under ``seeds/``."""
    real = os.path.realpath(path)
    return f"{real}:{line}" if line else f"{real}:"


def warn(message: str, subtype: str, path: str | Path, line: int | None = None) -> None:
    """Log a briefing warning of kind ``subtype`` at ``path:line``."""
    logger.warning(message, type="briefing", subtype=subtype, location=location(path, line))
