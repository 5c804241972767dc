"""A Font Awesome subset: the page carries only the icons the book shows.

pydata-sphinx-theme loads ``_static/scripts/fontawesome.js`` on every page: 1.5 MB (all
Font Awesome Free icons and the library) to draw about fifteen icons. ``write_icon_subset``
reads that file at build time, takes the SVG definitions of the icons the theme can show
(its templates and scripts, the header buttons and icon links its options turn on, and the
names in ``briefing_icons``) and writes a replacement of a few kilobytes under the same name,
in a directory that comes after the theme's on ``html_static_path``, so it wins.

The replacement does what Font Awesome does with these icons: it adds Font Awesome's CSS for
inline SVG icons, swaps each ``<i class="fa-solid fa-bars">`` (or ``<span>``) for the same
``<svg class="svg-inline--fa fa-bars" ...>`` when the page loads, and watches the DOM for icons
added later. An icon the subset lacks is left alone (an empty box of the icon's width: the
book ships no Font Awesome web font, see :mod:`sphinx_briefing.html.theme_assets`) and named
once in the browser console, with the ``briefing_icons`` entry that adds it.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeAlias

from sphinx.application import Sphinx
from sphinx.util import logging

from sphinx_briefing import resources
from sphinx_briefing.cache import cached_text, digest, source_digest
from sphinx_briefing.report import warn

logger = logging.getLogger(__name__)

#: Where pydata-sphinx-theme keeps Font Awesome, relative to a theme directory.
FA_SCRIPT = Path("static") / "scripts" / "fontawesome.js"
#: The replacement's path under ``_static`` (the same name, so the pages need no change).
OUTPUT = Path("scripts") / "fontawesome.js"
#: The generated directory that ``add_static_files`` puts last on ``html_static_path``.
GENERATED_DIR = "briefing-static"
#: The extension's own static files (its scripts may add icons).
EXTENSION_STATIC = resources.STATIC

#: Family classes and the icon pack each selects (Font Awesome Free has these three).
FAMILIES: dict[str, str] = {
    "fa": "fas",
    "fas": "fas",
    "fa-solid": "fas",
    "fa-classic": "fas",
    "far": "far",
    "fa-regular": "far",
    "fab": "fab",
    "fa-brands": "fab",
}

#: Font Awesome's modifier classes (size, width, animation, layout): never an icon's name.
#: The same pattern runs in the browser, so it must stay valid JavaScript too.
MODIFIER = re.compile(
    r"^fa-(?:[0-9]+x|[0-9]?xs|sm|lg|[0-9]?xl|fw|width-(?:auto|fixed)|ul|li|border|inverse"
    r"|pull-(?:left|right|start|end)|beat|beat-fade|bounce|fade|flip|flip-(?:both|horizontal"
    r"|vertical)|shake|spin|spin-pulse|spin-reverse|pulse|rotate-(?:90|180|270|by)|stack"
    r"|stack-[12]x|layers|layers-[a-z-]+|swap-opacity|primary|secondary|w-[0-9]+|custom)$"
)

#: Modifier classes whose Font Awesome CSS rules the subset keeps (the others animate, stack
#: or float icons, which the themes never do).
CSS_CLASSES = frozenset(
    {
        "svg-inline--fa",
        "fa-fw",
        "fa-width-fixed",
        "fa-width-auto",
        *(f"fa-{size}" for size in ("2xs", "xs", "sm", "lg", "xl", "2xl")),
    }
)

#: Icons the themes' Python code adds to pages whatever the options (pydata-sphinx-theme's
#: "More" dropdown in the header navigation).
ALWAYS = ("fa-solid fa-chevron-down",)

#: sphinx-book-theme's header buttons, which its Python code builds, by the option that
#: shows them.
HEADER_BUTTONS: dict[str, tuple[str, ...]] = {
    "use_download_button": ("fas fa-download", "fas fa-file", "fas fa-file-pdf"),
    "use_fullscreen_button": ("fas fa-expand",),
    "use_source_button": ("fas fa-code",),
    "use_edit_page_button": ("fas fa-pencil-alt",),
    "use_issues_button": ("fas fa-lightbulb",),
    "use_repository_button": (),
}
#: The header buttons that also show the repository host's logo.
REPOSITORY_BUTTONS = (
    "use_repository_button",
    "use_source_button",
    "use_edit_page_button",
    "use_issues_button",
)
#: pydata-sphinx-theme's shortcuts for ``icon_links``.
ICON_LINK_SHORTCUTS = {
    "github_url": "fa-brands fa-square-github",
    "gitlab_url": "fa-brands fa-square-gitlab",
    "bitbucket_url": "fa-brands fa-bitbucket",
    "twitter_url": "fa-brands fa-square-twitter",
}
LAUNCH_SERVICES = (
    "binderhub_url",
    "jupyterhub_url",
    "colab_url",
    "deepnote_url",
    "jupyterlite_url",
)

_HEX = re.compile(r"[0-9a-fA-F]{1,6}")
_CLASS_ATTRIBUTE = re.compile(r"""class(?:List|Name)?\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)

# --------------------------------------------------------------------------------------
# Reading fontawesome.js
# --------------------------------------------------------------------------------------

JSValue: TypeAlias = "str | float | list[JSValue] | dict[str, JSValue]"

_TOKEN = re.compile(
    r"""\s*(?:("(?:[^"\\\n]|\\.)*")|('(?:[^'\\\n]|\\.)*')"""
    r"""|(-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)|([A-Za-z_$][\w$]*)|([{}\[\],:]))"""
)
#: ``var b={"name":[width,height,[aliases],...`` — the start of an icon pack.
_PACK = re.compile(
    r"""var\s+([\w$]+)\s*=\s*(?=\{\s*(?:"[^"]*"|[\w$]+)\s*:\s*\[\s*[0-9]+\s*,\s*[0-9]+\s*,\s*\[)"""
)
#: The string literal holding the CSS Font Awesome injects.
_CSS_LITERAL = re.compile(r'"(:root, :host \{(?:[^"\\]|\\.)*)"')


class FontAwesomeError(ValueError):
    """fontawesome.js is not laid out as this module expects."""


@dataclass(frozen=True)
class Icon:
    """One icon's SVG: its view box and path data."""

    width: int
    height: int
    path: str
    #: The icon's code point in Font Awesome's web fonts (``0xF0C9`` for bars), or 0.
    codepoint: int = 0


@dataclass(frozen=True)
class FontAwesome:
    """What the subset needs from fontawesome.js."""

    #: Icons by pack (``fas``, ``far``, ``fab``) and canonical name.
    packs: dict[str, dict[str, Icon]]
    #: Other names of icons, by pack: ``{"fas": {"home": "house", ...}}``.
    aliases: dict[str, dict[str, str]]
    #: The CSS Font Awesome adds to the page.
    css: str
    #: The licence banner (fontawesome.js.LICENSE.txt).
    license: str

    def resolve(self, prefix: str, name: str) -> str | None:
        """The canonical name of icon ``name`` in pack ``prefix``, or None if it has none."""
        pack = self.packs.get(prefix, {})
        if name in pack:
            return name
        return self.aliases.get(prefix, {}).get(name)

    def by_codepoint(
        self, codepoint: int, prefixes: Iterable[str] = ("fas", "fab", "far")
    ) -> Icon | None:
        """The icon the web font draws for ``codepoint`` (CSS ``content: "\\f0c9"``), looked up
        in ``prefixes`` in order (solid and regular icons share their code points)."""
        for prefix in prefixes:
            for icon in self.packs.get(prefix, {}).values():
                if icon.codepoint == codepoint:
                    return icon
        return None


def _decode_string(literal: str) -> str:
    if literal.startswith("'"):
        literal = '"' + literal[1:-1].replace("\\'", "'").replace('"', '\\"') + '"'
    try:
        value = json.loads(literal)
    except json.JSONDecodeError as err:
        raise FontAwesomeError(f"unreadable string literal {literal[:40]!r}") from err
    assert isinstance(value, str)
    return value


class _Reader:
    """Reads JavaScript object and array literals of strings and numbers."""

    def __init__(self, text: str) -> None:
        self.text = text

    def token(self, pos: int) -> tuple[re.Match[str], int]:
        match = _TOKEN.match(self.text, pos)
        if match is None:
            raise FontAwesomeError(f"unexpected text at {pos}: {self.text[pos : pos + 40]!r}")
        return match, match.end()

    def punct(self, pos: int, allowed: str) -> tuple[str, int]:
        match, pos = self.token(pos)
        punct = match.group(5)
        if punct is None or punct not in allowed:
            raise FontAwesomeError(f"expected one of {allowed!r} at {match.start()}")
        return punct, pos

    def value(self, pos: int) -> tuple[JSValue, int]:
        match, pos = self.token(pos)
        double, single, number, ident, punct = match.groups()
        if double is not None or single is not None:
            return _decode_string(double or single), pos
        if number is not None:
            return float(number), pos
        if ident is not None:
            return ident, pos
        if punct == "[":
            return self.array(pos)
        if punct == "{":
            return self.object(pos)
        raise FontAwesomeError(f"unexpected {punct!r} at {match.start()}")

    def array(self, pos: int) -> tuple[list[JSValue], int]:
        items: list[JSValue] = []
        match, after = self.token(pos)
        if match.group(5) == "]":
            return items, after
        while True:
            item, pos = self.value(pos)
            items.append(item)
            punct, pos = self.punct(pos, ",]")
            if punct == "]":
                return items, pos

    def object(self, pos: int) -> tuple[dict[str, JSValue], int]:
        members: dict[str, JSValue] = {}
        match, after = self.token(pos)
        if match.group(5) == "}":
            return members, after
        while True:
            match, pos = self.token(pos)
            double, single, number, ident, _punct = match.groups()
            if double is not None or single is not None:
                key = _decode_string(double or single)
            elif number is not None or ident is not None:
                key = number or ident
            else:
                raise FontAwesomeError(f"expected a key at {match.start()}")
            _colon, pos = self.punct(pos, ":")
            members[key], pos = self.value(pos)
            punct, pos = self.punct(pos, ",}")
            if punct == "}":
                return members, pos


def _icon(name: str, value: JSValue) -> tuple[Icon, list[str]]:
    """An icon and its aliases from ``[width, height, [aliases], unicode, path]``."""
    if not (isinstance(value, list) and len(value) >= 5):
        raise FontAwesomeError(f"icon {name!r} is not [width, height, aliases, unicode, path]")
    width, height, aliases, unicode, path = value[:5]
    if not (isinstance(width, float) and isinstance(height, float) and isinstance(aliases, list)):
        raise FontAwesomeError(f"icon {name!r} has no numeric size")
    if isinstance(path, list):
        # Duotone icons keep two layers; drawn in one colour they are their union.
        path = " ".join(part for part in path if isinstance(part, str) and part)
    if not isinstance(path, str) or not path:
        raise FontAwesomeError(f"icon {name!r} has no path data")
    names = [alias for alias in aliases if isinstance(alias, str)]
    codepoint = int(unicode, 16) if isinstance(unicode, str) and _HEX.fullmatch(unicode) else 0
    return Icon(int(width), int(height), path, codepoint), names


def _packs(source: str) -> Iterator[tuple[str, dict[str, JSValue]]]:
    reader = _Reader(source)
    for match in _PACK.finditer(source):
        _brace, start = reader.punct(match.end(), "{")
        pack, end = reader.object(start)
        # The pack is registered right after: ``p("fas",b),p("fa-solid",b)``.
        register = re.compile(
            r'[\w$]+\(\s*"([\w-]+)"\s*,\s*' + re.escape(match.group(1)) + r"\s*\)"
        )
        call = register.search(source, end, end + 4000)
        if call is None:
            raise FontAwesomeError(f"icon pack at {match.start()} is not registered")
        yield call.group(1), pack


def parse_fontawesome(source: str, license_text: str = "") -> FontAwesome:
    """The icons, aliases and CSS in the text of fontawesome.js."""
    packs: dict[str, dict[str, Icon]] = {}
    aliases: dict[str, dict[str, str]] = {}
    for prefix, pack in _packs(source):
        family = FAMILIES.get(prefix, prefix)
        icons = packs.setdefault(family, {})
        other_names = aliases.setdefault(family, {})
        for name, value in pack.items():
            icon, names = _icon(name, value)
            icons[name] = icon
            for alias in names:
                other_names.setdefault(alias, name)
    if not packs.get("fas"):
        raise FontAwesomeError("no solid icon pack found")
    css = _CSS_LITERAL.search(source)
    if css is None:
        raise FontAwesomeError("the CSS for inline SVG icons was not found")
    return FontAwesome(packs, aliases, _decode_string(f'"{css.group(1)}"'), license_text)


@functools.lru_cache(maxsize=4)
def _read_cached(path: Path, _stamp: tuple[int, int]) -> FontAwesome:
    license_file = path.with_name(path.name + ".LICENSE.txt")
    license_text = license_file.read_text(encoding="utf-8") if license_file.is_file() else ""
    return parse_fontawesome(path.read_text(encoding="utf-8"), license_text)


def read_fontawesome(path: Path) -> FontAwesome:
    """Parse fontawesome.js (and its LICENSE.txt); cached while the file is unchanged."""
    stat = path.stat()
    return _read_cached(path, (stat.st_mtime_ns, stat.st_size))


# --------------------------------------------------------------------------------------
# The CSS
# --------------------------------------------------------------------------------------


def _css_rules(css: str) -> Iterator[tuple[str, str]]:
    """Top-level ``(selectors, body)`` pairs; at-rules (keyframes, media) are skipped."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
    pos = 0
    while True:
        brace = css.find("{", pos)
        if brace < 0:
            return
        prelude = css[pos:brace].strip()
        depth, end = 1, brace + 1
        while depth and end < len(css):
            depth += {"{": 1, "}": -1}.get(css[end], 0)
            end += 1
        if not prelude.startswith("@"):
            yield prelude, css[brace + 1 : end - 1]
        pos = end


def _compact(body: str) -> str:
    declarations = (d.strip() for d in body.split(";"))
    return ";".join(
        re.sub(r"\s+", " ", re.sub(r"^([\w-]+)\s*:\s*", r"\1:", d)) for d in declarations if d
    )


def subset_css(css: str) -> str:
    """Font Awesome's rules for inline SVG icons and their size and width classes."""
    kept = []
    for prelude, body in _css_rules(css):
        selectors = [s.strip() for s in prelude.split(",")]
        wanted = [
            s
            for s in selectors
            if re.fullmatch(r"(?:\.[\w-]+)+", s) and set(s[1:].split(".")) <= CSS_CLASSES
        ]
        if wanted:
            kept.append(f"{','.join(wanted)}{{{_compact(body)}}}")
    return "\n".join(kept)


# --------------------------------------------------------------------------------------
# Which icons
# --------------------------------------------------------------------------------------


def icon_classes(classes: str, default: str | None = None) -> list[tuple[str, str]]:
    """``(pack, name)`` for each icon class in a class list, e.g. ``("fas", "bars")``.

    Classes without a family class (``fa-solid``, ``fab`` ...) name no icon, unless
    ``default`` gives the pack to assume.
    """
    tokens = classes.split()
    families = {FAMILIES[token] for token in tokens if token in FAMILIES}
    prefix = next((p for p in ("fab", "far", "fas") if p in families), default)
    if prefix is None:
        return []
    return [
        (prefix, token[3:])
        for token in tokens
        if token.startswith("fa-")
        and len(token) > 3
        and token not in FAMILIES
        and not MODIFIER.match(token)
    ]


def _class_lists(text: str) -> Iterator[str]:
    text = _JINJA.sub(" ", text)
    for match in _CLASS_ATTRIBUTE.finditer(text):
        yield match.group(1) if match.group(1) is not None else match.group(2)


def _template_files(dirs: Iterable[Path]) -> Iterator[Path]:
    for directory in dirs:
        if not directory.is_dir():
            continue
        for path in sorted(directory.rglob("*")):
            if path.suffix in {".html", ".js"} and path.is_file() and path.name != FA_SCRIPT.name:
                yield path


def template_icons(dirs: Iterable[Path]) -> set[tuple[str, str]]:
    """The icons named in class attributes of the templates and scripts under ``dirs``."""
    found: set[tuple[str, str]] = set()
    for path in _template_files(dirs):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        for classes in _class_lists(text):
            found.update(icon_classes(classes))
    return found


def _as_bool(value: object) -> bool:
    if isinstance(value, str):
        return value.strip().lower() == "true"
    return value is True


def option_icons(options: Mapping[str, Any]) -> set[tuple[str, str]]:
    """The icons of the icon links and header buttons that theme ``options`` turn on."""
    wanted: list[str] = list(ALWAYS)
    links = options.get("icon_links") or []
    for link in links if isinstance(links, list) else []:
        if isinstance(link, dict) and link.get("type", "fontawesome") == "fontawesome":
            wanted.append(str(link.get("icon", "")))
    wanted.extend(icon for key, icon in ICON_LINK_SHORTCUTS.items() if options.get(key))
    for option, icons in HEADER_BUTTONS.items():
        if _as_bool(options.get(option)):
            wanted.extend(icons)
    if any(_as_bool(options.get(option)) for option in REPOSITORY_BUTTONS):
        url = str(options.get("repository_url") or "")
        host = str(options.get("repository_provider") or "").lower()
        host = host or next((h for h in ("gitlab", "bitbucket") if h in url), "github")
        wanted.append(f"fab fa-{host}")
    launch = options.get("launch_buttons")
    if isinstance(launch, dict):
        if any(launch.get(key) for key in (*LAUNCH_SERVICES, "thebe")):
            wanted.append("fas fa-rocket")
        if launch.get("thebe"):
            wanted.append("fas fa-play")
    return {icon for classes in wanted for icon in icon_classes(classes)}


# --------------------------------------------------------------------------------------
# The script
# --------------------------------------------------------------------------------------

_SCRIPT = r"""(() => {
  "use strict";
  const ICONS = __ICONS__;
  const ALIASES = __ALIASES__;
  const FAMILIES = __FAMILIES__;
  const FAMILY_CLASS = { far: "fa-regular ", fab: "fa-brands " };
  const MODIFIER = new RegExp(__MODIFIER__);
  const CSS = __CSS__;
  const DONE = "data-fa-i2svg";
  const SELECTOR = Object.keys(FAMILIES).map((c) => "." + c + ":not([" + DONE + "])").join(", ");
  const SVG = "http://www.w3.org/2000/svg";
  const skipped = new WeakSet();
  const warned = new Set();

  // Font Awesome puts its CSS before the page's own, so the theme's rules win ties.
  function addCss() {
    const style = document.createElement("style");
    style.setAttribute("type", "text/css");
    style.textContent = CSS;
    const first = Array.from(document.head.childNodes).find(
      (node) => node.nodeName === "STYLE" || node.nodeName === "LINK",
    );
    document.head.insertBefore(style, first || null);
  }

  function warnOnce(name, prefix) {
    const classes = (FAMILY_CLASS[prefix] || "") + "fa-" + name;
    if (warned.has(classes)) return;
    warned.add(classes);
    console.warn(
      "Font Awesome subset: this build has no icon " + classes + "; add " +
        JSON.stringify(classes) + " to briefing_icons in conf.py.",
    );
  }

  // Font Awesome rewrites the style attribute as "name: value;" pairs.
  function styleText(style) {
    return style
      .split(";")
      .map((declaration) => declaration.split(":"))
      .filter((parts) => parts[0] && parts.length > 1)
      .map((parts) => parts[0] + ": " + parts.slice(1).join(":").trim() + ";")
      .join("");
  }

  function replace(element) {
    if (skipped.has(element) || !element.parentNode) return;
    // Font Awesome sorts the classes; the last fa-* class that is no modifier is the icon.
    const classes = Array.from(new Set(element.classList)).sort();
    const families = classes.filter((c) => c in FAMILIES).map((c) => FAMILIES[c]);
    const names = classes.filter(
      (c) => c.startsWith("fa-") && !(c in FAMILIES) && !MODIFIER.test(c),
    );
    let prefix = ["fab", "far"].find((p) => families.includes(p)) || "fas";
    let name = names.length ? names[names.length - 1].slice(3) : null;
    const dataPrefix = element.getAttribute("data-prefix");
    const dataIcon = element.getAttribute("data-icon");
    if (dataPrefix && dataIcon) {
      prefix = FAMILIES[dataPrefix] || dataPrefix;
      name = dataIcon;
    }
    if (!name) return;
    const canonical = (ALIASES[prefix] || {})[name] || name;
    const icon = (ICONS[prefix] || {})[canonical];
    if (!icon) {
      skipped.add(element);
      warnOnce(name, prefix);
      return;
    }
    const rest = classes.filter((c) => !(c in FAMILIES) && !names.includes(c));
    const own = ["svg-inline--fa", "fa-" + canonical].filter((c) => !rest.includes(c));
    const svg = document.createElementNS(SVG, "svg");
    for (const attribute of Array.from(element.attributes)) {
      svg.setAttribute(attribute.name, attribute.value);
    }
    const style = styleText(element.getAttribute("style") || "");
    if (style) svg.setAttribute("style", style);
    svg.setAttribute("data-prefix", prefix);
    svg.setAttribute("data-icon", canonical);
    svg.setAttribute("class", own.concat(rest).join(" "));
    svg.setAttribute("role", element.getAttribute("role") || "img");
    svg.setAttribute("viewBox", "0 0 " + icon[0] + " " + icon[1]);
    const labelled = ["aria-label", "aria-labelledby", "title", "role", "aria-hidden"].some(
      (a) => element.hasAttribute(a),
    );
    if (!labelled) svg.setAttribute("aria-hidden", "true");
    svg.setAttribute(DONE, "");
    const path = document.createElementNS(SVG, "path");
    path.setAttribute("fill", "currentColor");
    path.setAttribute("d", icon[2]);
    svg.appendChild(path);
    element.parentNode.insertBefore(svg, element);
    element.remove();
  }

  function scan(root) {
    if (root.nodeType !== 1 && root.nodeType !== 9) return;
    if (root.nodeType === 1 && root.matches(SELECTOR)) replace(root);
    root.querySelectorAll(SELECTOR).forEach(replace);
  }

  function start() {
    addCss();
    scan(document);
    const root = document.documentElement.classList;
    root.add("fontawesome-i2svg-active", "fontawesome-i2svg-complete");
    new MutationObserver((records) => {
      for (const record of records) record.addedNodes.forEach(scan);
    }).observe(document.documentElement, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start, { once: true });
  } else {
    start();
  }
})();
"""

_HEADER = """\
/* Font Awesome icons for this book: a subset of pydata-sphinx-theme's scripts/fontawesome.js,
 * written by sphinx-briefing (sphinx_briefing.html.icons) at build time. Do not edit.
 * Icons: {names}
 */
"""

_DEFAULT_LICENSE = (
    "Font Awesome Free by @fontawesome - https://fontawesome.com\n"
    "License - https://fontawesome.com/license/free "
    "(Icons: CC BY 4.0, Fonts: SIL OFL 1.1, Code: MIT License)"
)


def _js(value: object) -> str:
    """JSON for a script: ASCII only, and no ``</`` that could end a ``<script>`` element."""
    return json.dumps(value, ensure_ascii=True, separators=(",", ":")).replace("</", "<\\/")


def _license_comment(text: str) -> str:
    text = text.strip() or _DEFAULT_LICENSE
    if text.startswith("/*") and text.endswith("*/") and text.count("*/") == 1:
        return text + "\n"
    lines = text.replace("*/", "* /").splitlines()
    return "/*!\n" + "".join(f" * {line}".rstrip() + "\n" for line in lines) + " */\n"


def render_subset(fa: FontAwesome, wanted: Iterable[tuple[str, str]]) -> tuple[str, list[str]]:
    """The replacement script for the ``(pack, name)`` icons in ``wanted``.

    Returns the script and the requested icons Font Awesome does not have (as ``fa-name``).
    """
    icons: dict[str, dict[str, list[int | str]]] = {}
    aliases: dict[str, dict[str, str]] = {}
    missing: list[str] = []
    for prefix, name in sorted(set(wanted)):
        canonical = fa.resolve(prefix, name)
        if canonical is None:
            missing.append(f"fa-{name}" if prefix == "fas" else f"{prefix} fa-{name}")
            continue
        icon = fa.packs[prefix][canonical]
        icons.setdefault(prefix, {})[canonical] = [icon.width, icon.height, icon.path]
        if canonical != name:
            aliases.setdefault(prefix, {})[name] = canonical
    script = (
        _SCRIPT.replace("__ICONS__", _js(icons))
        .replace("__ALIASES__", _js(aliases))
        .replace("__FAMILIES__", _js(FAMILIES))
        .replace("__MODIFIER__", _js(MODIFIER.pattern))
        .replace("__CSS__", _js(subset_css(fa.css)))
    )
    names = ", ".join(
        f"{name}" if prefix == "fas" else f"{name} ({prefix})"
        for prefix, pack in sorted(icons.items())
        for name in pack
    )
    header = _HEADER.format(names=names or "none")
    return header + script + _license_comment(fa.license), missing


def _theme_dirs(app: Sphinx) -> list[Path]:
    theme = getattr(app.builder, "theme", None)
    if theme is None:
        return []
    return [Path(directory) for directory in theme.get_theme_dirs()]


def _theme_options(app: Sphinx) -> dict[str, Any]:
    theme = getattr(app.builder, "theme", None)
    overrides = getattr(app.builder, "theme_options", None) or app.config.html_theme_options
    # The theme's defaults (theme.conf), then the project's settings; get_options(overrides)
    # would warn a second time about options the theme does not know.
    defaults: dict[str, Any] = theme.get_options() if theme is not None else {}
    return {**defaults, **overrides}


def wanted_icons(app: Sphinx) -> tuple[set[tuple[str, str]], list[tuple[str, str, str]]]:
    """The icons the build's pages can show, and the ``briefing_icons`` entries to check.

    The second item lists ``(pack, name, entry)`` for each icon named in ``briefing_icons``.
    """
    confdir = Path(app.confdir)
    dirs = [
        *_theme_dirs(app),
        *(confdir / path for path in app.config.templates_path),
        # Scripts may add icons too: the project's and this extension's static files.
        *(confdir / path for path in app.config.html_static_path),
        EXTENSION_STATIC,
    ]
    wanted = template_icons(dirs) | option_icons(_theme_options(app))
    configured: list[tuple[str, str, str]] = []
    for entry in getattr(app.config, "briefing_icons", None) or []:
        entry_text = str(entry)
        tokens = " ".join(t if t.startswith("fa") else f"fa-{t}" for t in entry_text.split())
        for prefix, name in icon_classes(tokens, default="fas"):
            configured.append((prefix, name, entry_text))
            wanted.add((prefix, name))
    return wanted, configured


def _write_if_changed(path: Path, text: str) -> bool:
    data = text.encode("utf-8")
    if path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")  # a dotfile: Sphinx never copies it
    tmp.write_bytes(data)
    tmp.replace(path)
    return True


def fontawesome_source(app: Sphinx) -> Path | None:
    """The theme's fontawesome.js, if the HTML theme (or one it inherits) has one."""
    for directory in _theme_dirs(app):
        if (directory / FA_SCRIPT).is_file():
            return directory / FA_SCRIPT
    return None


def write_icon_subset(app: Sphinx) -> None:
    """Write the icon subset over the theme's fontawesome.js (``builder-inited``, HTML only).

    The file goes to ``<doctreedir>/briefing-static/scripts/fontawesome.js``, which
    ``add_static_files`` puts on ``html_static_path`` after the theme, so Sphinx copies it
    over the theme's file. It is rewritten only when its content changes.
    """
    if app.builder is None or app.builder.format != "html":
        return
    target = Path(app.doctreedir) / GENERATED_DIR / OUTPUT
    source = fontawesome_source(app)
    if source is None:
        # A theme without Font Awesome: leave nothing behind from an earlier build.
        target.unlink(missing_ok=True)
        return
    wanted, configured = wanted_icons(app)
    stat = source.stat()
    # Parsing the theme's 1.4 MB script is most of the cost: the subset is cached per input.
    key = digest(
        source_digest(render_subset), str(source), stat.st_size, stat.st_mtime_ns, sorted(wanted)
    )
    try:
        script = cached_text(
            "fontawesome-subset",
            key + ".js",
            lambda: render_subset(read_fontawesome(source), wanted)[0],
        )
        fa = read_fontawesome(source) if configured else None
    except (OSError, UnicodeDecodeError, FontAwesomeError) as err:
        warn(
            f"cannot read Font Awesome's icons ({err}); the pages keep the full script",
            "icons",
            source,
        )
        target.unlink(missing_ok=True)
        return
    for prefix, name, entry in configured:
        if fa is not None and fa.resolve(prefix, name) is None:
            warn(
                f"briefing_icons: Font Awesome Free has no icon {entry!r}",
                "icons",
                Path(app.confdir) / "conf.py",
            )
    if _write_if_changed(target, script):
        logger.info("briefing: Font Awesome subset written (%d bytes)", len(script.encode()))
