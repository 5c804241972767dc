"""The extension's interface translations: compiled from ``locale/*.po`` at build time.

``sphinx.po`` fills the messages that Sphinx's and pydata-sphinx-theme's Arabic catalogues
leave empty (Python, templates and the search page's JavaScript); ``booktheme.po`` replaces
sphinx-book-theme's. The ``.po`` files are the single source: the ``.mo`` catalogues and the
``sphinx.js`` the search page loads are generated from them into the doctree directory.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from sphinx import package_dir
from sphinx.application import Sphinx
from sphinx.config import Config

from sphinx_briefing import resources

SOURCE_DIR = resources.LOCALE
#: Catalogue domains the extension fills, by file name.
CATALOGS = ("sphinx", "booktheme")
_JS_TEMPLATE = "Documentation.addTranslations({data});\n"


def cache_dir(app: Sphinx) -> Path:
    """Where the compiled catalogues live for this build."""
    return Path(app.doctreedir) / "briefing-locale"


def _read(path: Path, language: str) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=language.replace("-", "_"))


def compile_catalogs(app: Sphinx) -> Path:
    """Compile every shipped ``.po`` to ``.mo`` under :func:`cache_dir` when out of date."""
    out = cache_dir(app)
    for po in sorted(SOURCE_DIR.glob("*/LC_MESSAGES/*.po")):
        language = po.parent.parent.name
        mo = out / language / "LC_MESSAGES" / (po.stem + ".mo")
        if mo.is_file() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        mo.parent.mkdir(parents=True, exist_ok=True)
        catalog = _read(po, language)
        tmp = mo.with_suffix(f".mo.{os.getpid()}.tmp")  # per process: two builds at once
        with tmp.open("wb") as handle:
            write_mo(handle, catalog)
        tmp.replace(mo)  # atomic: parallel builds may compile at once
    return out


def register_catalogs(app: Sphinx) -> None:
    """Compile and register the catalogues ahead of the themes' own."""
    out = compile_catalogs(app)
    for catalog in CATALOGS:
        app.add_message_catalog(catalog, out)


def write_search_catalog(app: Sphinx, config: Config) -> None:
    """Write the search page's ``sphinx.js``: Sphinx's own, with its empty messages filled.

    The directory is added to ``locale_dirs`` by absolute path, which Sphinx looks at
    before its bundled catalogue.
    """
    language = config.language or "en"
    po = SOURCE_DIR / language / "LC_MESSAGES" / "sphinx.po"
    bundled = Path(package_dir) / "locale" / language / "LC_MESSAGES" / "sphinx.js"
    if not po.is_file() or not bundled.is_file():
        return
    target = cache_dir(app) / language / "LC_MESSAGES" / "sphinx.js"
    if target.is_file() and target.stat().st_mtime >= max(
        po.stat().st_mtime, bundled.stat().st_mtime
    ):
        _add_locale_dir(config, target)
        return
    match = re.search(r"addTranslations\((\{.*\})\);", bundled.read_text("utf-8"), re.DOTALL)
    if match is None:
        return
    data = json.loads(match.group(1))
    ours = _js_messages(_read(po, language))
    messages: dict[str, str | list[str]] = data["messages"]
    for key, value in list(messages.items()):
        # Sphinx leaves an untranslated message as "" and a plural one as ["", "", ...].
        untranslated = not any(value) if isinstance(value, list) else not value
        if untranslated and key in ours:
            messages[key] = ours[key]
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(f".js.{os.getpid()}.tmp")
    tmp.write_text(
        _JS_TEMPLATE.format(data=json.dumps(data, ensure_ascii=False, indent=1)), "utf-8"
    )
    tmp.replace(target)
    _add_locale_dir(config, target)


def _js_messages(catalog: Catalog) -> dict[str, str | list[str]]:
    """Translated messages keyed as sphinx.js keys them: a plural by its singular id."""
    found: dict[str, str | list[str]] = {}
    for message in catalog:
        if not message.id or not message.string:
            continue
        if isinstance(message.id, list | tuple):
            forms = [str(form) for form in message.string]
            if all(forms):
                found[str(message.id[0])] = forms
        else:
            found[str(message.id)] = str(message.string)
    return found


def _add_locale_dir(config: Config, sphinx_js: Path) -> None:
    root = str(sphinx_js.parent.parent.parent)
    if root not in config.locale_dirs:
        config.locale_dirs = [*config.locale_dirs, root]
