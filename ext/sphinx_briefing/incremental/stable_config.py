"""A rebuild that changed nothing is told so: the saved configuration is the one read from
``conf.py``, not the one the builder changed afterwards.

Sphinx saves the configuration with the environment and, on the next build, compares it with
the configuration as ``conf.py`` and the ``config-inited`` handlers left it. Some values are
changed later, when the builder starts (``builder-inited``): pydata-sphinx-theme sets
``html_permalinks_icon``, ``html_sourcelink_suffix`` and ``html_theme_options`` and adds its
components to ``templates_path``; the extension adds its static directories to
``html_static_path`` (:func:`sphinx_briefing.html.assets.add_static_files`). Saved with those
changes, the configuration never matched a fresh one, and every rebuild, even one with no
change at all, began with "The configuration has changed (5 options: …)".

:func:`remember` keeps the values as ``config-inited`` leaves them; :func:`save_as_read` puts
them back just before the environment is saved (after ``env-updated``), and
:func:`restore_changes` returns the builder's values before anything is written. Only the
saved copy differs: reading and writing see the builder's values, as before.
"""

from __future__ import annotations

import copy
from typing import Any

from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.config import Config
from sphinx.environment import BuildEnvironment

#: Values as ``config-inited`` left them, by application.
_AS_READ = "_briefing_config_as_read"
#: The builder's values while the saved ones are in place.
_CHANGED = "_briefing_config_changed"


def remember(app: Sphinx, config: Config) -> None:
    """Keep a copy of every value as ``conf.py`` and ``config-inited`` left it (connected
    last, so every other handler has run)."""
    kept: dict[str, Any] = {}
    for option in config:
        try:
            kept[option.name] = copy.deepcopy(option.value)
        except Exception:
            continue
    setattr(app, _AS_READ, kept)


def _differs(a: Any, b: Any) -> bool:
    try:
        return bool(a != b)
    except Exception:
        return False


def save_as_read(app: Sphinx, env: BuildEnvironment) -> None:
    """Before the environment is saved: the values the builder changed go back to those
    read from ``conf.py`` (``env-updated``, connected last)."""
    kept: dict[str, Any] = getattr(app, _AS_READ, {})
    config = app.config
    changed: dict[str, Any] = {}
    for name, value in kept.items():
        current = getattr(config, name, None)
        if _differs(current, value):
            changed[name] = current
            setattr(config, name, copy.deepcopy(value))
    setattr(app, _CHANGED, changed)


def restore_changes(app: Sphinx, *_: object) -> None:
    """The builder's values again, for checking and writing (``env-check-consistency``,
    just after the environment is saved, and ``write-started``, which every build reaches)."""
    changed: dict[str, Any] = getattr(app, _CHANGED, {})
    for name, value in changed.items():
        setattr(app.config, name, value)
    setattr(app, _CHANGED, {})


def setup(app: Sphinx) -> None:
    """Connect the three handlers (called from the extension's ``setup``)."""
    app.connect("config-inited", remember, priority=999)
    app.connect("env-updated", save_as_read, priority=999)
    app.connect("env-check-consistency", _restore_after_check, priority=1)
    app.connect("write-started", _restore_before_writing, priority=1)


def _restore_after_check(app: Sphinx, env: BuildEnvironment) -> None:
    restore_changes(app)


def _restore_before_writing(app: Sphinx, builder: Builder) -> None:
    restore_changes(app)
