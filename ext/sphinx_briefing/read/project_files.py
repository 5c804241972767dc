"""Which files under the source directory may become articles: none that leaves the project.

``docs/articles`` is a link to ``seeds/``, and a link inside ``seeds/`` is followed like any
file. A link that points outside the project (``seeds/x.txt -> /etc/passwd``) would publish
that file as an article, with a raw copy in ``_sources/``: such links are left out of the
build (``exclude_patterns``) with a ``briefing.outside-link`` warning, unless
``briefing_allow_outside_links`` is set. The project is ``briefing_source_root`` (the
repository, ``..`` from ``docs/``).
"""

from __future__ import annotations

import os
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config

from sphinx_briefing.report import logger


def project_root(app: Sphinx, config: Config) -> Path:
    """The folder every article must live in, links resolved."""
    return (Path(app.confdir) / str(config.briefing_source_root)).resolve()


def outside_links(srcdir: Path, root: Path, suffixes: tuple[str, ...]) -> list[Path]:
    """Files with one of ``suffixes`` under ``srcdir`` (links followed, each folder once)
    whose real path is outside ``root``."""
    found: list[Path] = []
    seen: set[str] = set()
    for folder, dirs, files in os.walk(srcdir, followlinks=True):
        real_folder = os.path.realpath(folder)
        if real_folder in seen:  # a link loop, or the same folder reached twice
            dirs[:] = []
            continue
        seen.add(real_folder)
        dirs[:] = [d for d in dirs if not d.startswith((".", "_"))]
        for name in files:
            path = Path(folder, name)
            if path.suffix in suffixes and not Path(os.path.realpath(path)).is_relative_to(root):
                found.append(path)
    return found


def refuse_outside_links(app: Sphinx, config: Config) -> None:
    """Leave articles that are links out of the project out of the build (``config-inited``,
    after Sphinx has merged the extensions' source suffixes, before it looks for documents)."""
    if config.briefing_allow_outside_links:
        return
    srcdir = Path(app.srcdir)
    root = project_root(app, config)
    suffixes = tuple(s for s, kind in config.source_suffix.items() if kind == "briefing-article")
    for path in outside_links(srcdir, root, suffixes):
        relative = path.relative_to(srcdir).as_posix()
        config.exclude_patterns.append(relative)
        # Located at the link itself (report.warn would name the file it points to).
        logger.warning(
            f"a link to {os.path.realpath(path)}, outside the project ({root}): left out of "
            "the book (set briefing_allow_outside_links = True to publish it)",
            type="briefing",
            subtype="outside-link",
            location=f"{path}:",
        )
