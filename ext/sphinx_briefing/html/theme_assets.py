"""The theme's static files as the book ships them: no Font Awesome web font, no source maps.

pydata-sphinx-theme's stylesheet declares Font Awesome's three web fonts (240 KB) and a rule
per icon (``.fa-house{--fa:"\\e00d"}``, 66 KB of its 370 KB), and its scripts and stylesheets
end in ``sourceMappingURL`` comments naming 3.5 MB of source maps copied beside them. The
book needs none of it: :mod:`sphinx_briefing.html.icons` draws the icons as inline SVG.

At ``builder-inited`` :func:`write_theme_files` writes cleaned copies of the theme's files
that need it into the generated static directory (after the theme's on
``html_static_path``, so Sphinx copies them over the originals):

- the ``sourceMappingURL`` comments are dropped;
- the Font Awesome ``@font-face`` rules and per-icon rules are dropped;
- the few icons the theme draws with the web font in ``::before``/``::after`` (admonition
  titles, download links, external links, breadcrumbs, ``versionadded``) become CSS masks of
  the same Font Awesome SVG paths: their ``--pst-icon-*`` variables hold an SVG image instead
  of a code point, and each rule that showed one as text paints it in ``currentColor``.

At ``build-finished`` :func:`remove_unshipped` deletes the ``.map`` files and the web fonts
from ``_static``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

from sphinx.application import Sphinx
from sphinx.util import logging

from sphinx_briefing.cache import cached_text, digest, source_digest
from sphinx_briefing.html import icons

logger = logging.getLogger(__name__)

#: ``/*# sourceMappingURL=x.css.map*/`` and ``//# sourceMappingURL=x.js.map`` (``@`` is the
#: old spelling).
SOURCE_MAP_COMMENT = re.compile(
    r"\n?(?:/\*[#@]\s*sourceMappingURL=[^*]*\*/|//[#@]\s*sourceMappingURL=[^\n]*)[ \t]*"
)
_FONT_FACE = re.compile(r"@font-face\s*\{([^{}]*)\}")
_FONT_AWESOME = re.compile(r"Font\s*Awesome", re.IGNORECASE)
_URL = re.compile(r"""url\(\s*["']?([^"')]+)["']?\s*\)""")
#: A rule without nested blocks: selectors and declarations.
_RULE = re.compile(r"([^{}]*)\{([^{}]*)\}")
#: A CSS string holding one private-use code point, escaped (``"\f0c9"``) or as is.
_CODEPOINT_STRING = re.compile(r"""^(["'])(?:\\([0-9a-fA-F]{1,6})\s?|([\ue000-\uf8ff]))\1$""")
_VAR = re.compile(r"^var\(\s*(--[\w-]+)\s*\)$")
_PSEUDO = re.compile(r"::?(?:before|after)\b")
#: A Font Awesome per-icon selector: ``.fa-house``, ``.fa-house:before``.
_ICON_SELECTOR = re.compile(r"\.fa-[\w-]+(?:::?(?:before|after))?")
#: Declarations a per-icon rule may make: ``--fa:"\e00d"``, ``--fa--fa:"..."``, ``content``.
_ICON_DECLARATION = re.compile(r"""(?:--fa[\w-]*|content)\s*:\s*(["']).*\1""")
#: The box of an icon drawn as a mask, where the rule drew a glyph one em high.
MASK_BOX = "display:inline-block;width:1em;height:1em;vertical-align:-.125em"
_WEB_FONT_DECLARATION = re.compile(r"^font\s*:.*var\(\s*--fa-font-[\w-]+\s*\)")


def strip_source_maps(text: str) -> str:
    """``text`` without its ``sourceMappingURL`` comments."""
    return SOURCE_MAP_COMMENT.sub("", text)


def web_font_files(css: str) -> list[str]:
    """The ``url()``s of the Font Awesome ``@font-face`` rules in ``css``."""
    return [
        url
        for match in _FONT_FACE.finditer(css)
        if _FONT_AWESOME.search(match.group(1))
        for url in _URL.findall(match.group(1))
    ]


def _declarations(body: str) -> list[str]:
    # Declarations split on ";" outside strings and brackets (data: URLs hold ";").
    parts, depth, quote_char, start = [], 0, "", 0
    for i, char in enumerate(body):
        if quote_char:
            if char == quote_char and body[i - 1] != "\\":
                quote_char = ""
        elif char in "\"'":
            quote_char = char
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == ";" and depth == 0:
            parts.append(body[start:i])
            start = i + 1
    parts.append(body[start:])
    return [part.strip() for part in parts if part.strip()]


def _split(declaration: str) -> tuple[str, str]:
    name, _, value = declaration.partition(":")
    return name.strip(), value.strip()


def svg_data_url(icon: icons.Icon) -> str:
    """``url("data:image/svg+xml,...")`` of one icon, for a CSS mask."""
    svg = (
        "<svg xmlns='http://www.w3.org/2000/svg' "
        f"viewBox='0 0 {icon.width} {icon.height}'><path d='{icon.path}'/></svg>"
    )
    return 'url("data:image/svg+xml,' + quote(svg, safe=" '=:/.,-") + '")'


def _codepoint(match: re.Match[str]) -> int:
    return int(match.group(2), 16) if match.group(2) else ord(match.group(3))


def _is_icon_rule(selectors: str, declarations: list[str]) -> bool:
    """A Font Awesome per-icon rule (``.fa-house{--fa:"\\e00d"}``)."""
    names = [s.strip() for s in selectors.split(",")]
    return (
        bool(declarations)
        and all(_ICON_SELECTOR.fullmatch(s) for s in names if s)
        and all(_ICON_DECLARATION.fullmatch(d) for d in declarations)
    )


def _image_variables(css: str, fa: icons.FontAwesome) -> dict[str, str]:
    """Custom properties that hold a Font Awesome code point, with the icon's data URL."""
    found: dict[str, str] = {}
    for _selectors, body in _RULE.findall(css):
        for declaration in _declarations(body):
            name, value = _split(declaration)
            match = _CODEPOINT_STRING.match(value)
            if not name.startswith("--") or name.startswith("--fa") or match is None:
                continue
            icon = fa.by_codepoint(_codepoint(match))
            if icon is not None:
                found[name] = svg_data_url(icon)
    return found


def _aliases(css: str, images: set[str]) -> set[str]:
    """Custom properties that are (through ``var()`` chains) one of ``images``."""
    links: dict[str, set[str]] = {}
    for _selectors, body in _RULE.findall(css):
        for declaration in _declarations(body):
            name, value = _split(declaration)
            match = _VAR.match(value)
            if name.startswith("--") and match is not None:
                links.setdefault(name, set()).add(match.group(1))
    known = set(images)
    while True:
        more = {name for name, targets in links.items() if targets & known} - known
        if not more:
            return known
        known |= more


def _masked(declarations: list[str], variables: set[str], fa: icons.FontAwesome) -> list[str]:
    """A ``::before``/``::after`` rule's declarations with its glyph drawn as a mask."""
    out: list[str] = []
    changed = False
    for declaration in declarations:
        name, value = _split(declaration)
        image = None
        if name == "content":
            var = _VAR.match(value)
            literal = _CODEPOINT_STRING.match(value)
            if var is not None and var.group(1) in variables:
                image = f"var({var.group(1)})"
            elif literal is not None:
                icon = fa.by_codepoint(_codepoint(literal))
                image = svg_data_url(icon) if icon is not None else None
        if image is not None:
            out.extend(
                [
                    'content:""',
                    f"-webkit-mask:{image} center/contain no-repeat",
                    f"mask:{image} center/contain no-repeat",
                    "background-color:currentColor",
                ]
            )
            changed = True
        elif _WEB_FONT_DECLARATION.match(declaration):
            out.append(MASK_BOX)
            changed = True
        else:
            out.append(declaration)
    return out if changed else declarations


def clean_theme_css(css: str, fa: icons.FontAwesome | None) -> str:
    """The theme's stylesheet without source map, Font Awesome web fonts or per-icon rules;
    its web-font icons drawn as masks (when Font Awesome's icons are known)."""
    css = strip_source_maps(css)
    if not _FONT_AWESOME.search(css):
        return css
    images = _image_variables(css, fa) if fa is not None else {}
    variables = _aliases(css, set(images))

    def rule(match: re.Match[str]) -> str:
        selectors, body = match.group(1), match.group(2)
        if selectors.rstrip().endswith("@font-face") and _FONT_AWESOME.search(body):
            return selectors[: selectors.rindex("@font-face")]
        declarations = _declarations(body)
        if _is_icon_rule(selectors, declarations):
            # Keep whatever precedes the selectors (a comment, the end of an at-rule).
            return selectors[: len(selectors) - len(selectors.lstrip())]
        new = []
        for declaration in declarations:
            name, _value = _split(declaration)
            new.append(f"{name}:{images[name]}" if name in images else declaration)
        if fa is not None and _PSEUDO.search(selectors):
            new = _masked(new, variables, fa)
        if new == declarations:
            return match.group(0)
        return selectors + "{" + ";".join(new) + "}"

    return _RULE.sub(rule, css)


# --------------------------------------------------------------------------------------
# The build
# --------------------------------------------------------------------------------------

#: What ``write_theme_files`` found not to ship, for ``remove_unshipped`` (``_static``-relative).
_UNSHIPPED = "_briefing_unshipped"


def _theme_static_files(app: Sphinx) -> Iterator[tuple[str, Path]]:
    """``(path under _static, file)`` of the theme's CSS and JS, a child theme's winning."""
    seen: set[str] = set()
    theme = getattr(app.builder, "theme", None)
    if theme is None:
        return
    for directory in theme.get_theme_dirs():
        static = Path(directory) / "static"
        if not static.is_dir():
            continue
        for path in sorted(static.rglob("*")):
            if path.suffix not in (".css", ".js") or not path.is_file():
                continue
            relative = path.relative_to(static).as_posix()
            if relative not in seen:
                seen.add(relative)
                yield relative, path


def _cleaned(relative: str, path: Path, text: str, fa_source: Path | None) -> tuple[str, list[str]]:
    """The cleaned ``text`` of one theme file and the web font files it no longer names."""
    if path.suffix == ".js":
        return strip_source_maps(text), []
    fonts = [
        (Path(relative).parent / url).as_posix()
        for url in web_font_files(text)
        if not url.startswith(("data:", "http:", "https:", "/"))
    ]
    if not _FONT_AWESOME.search(text):
        return strip_source_maps(text), fonts
    stat = path.stat()
    fa_stat = fa_source.stat() if fa_source is not None else None
    key = digest(
        source_digest(clean_theme_css),
        source_digest(icons.parse_fontawesome),
        str(path),
        stat.st_size,
        stat.st_mtime_ns,
        str(fa_source),
        fa_stat.st_mtime_ns if fa_stat else 0,
    )

    def make() -> str:
        fa = None
        if fa_source is not None:
            try:
                fa = icons.read_fontawesome(fa_source)
            except (OSError, UnicodeDecodeError, icons.FontAwesomeError):
                fa = None
        return clean_theme_css(text, fa)

    return cached_text("theme-css", key + ".css", make), fonts


def _normalise(path: str) -> str:
    parts: list[str] = []
    for part in path.split("/"):
        if part == "..":
            if parts:
                parts.pop()
        elif part not in ("", "."):
            parts.append(part)
    return "/".join(parts)


def write_theme_files(app: Sphinx, generated: Path) -> None:
    """Write cleaned copies of the theme's CSS and JS into ``generated`` (HTML builders)."""
    fa_source = icons.fontawesome_source(app)
    unshipped: set[str] = set()
    for relative, path in _theme_static_files(app):
        target = generated / relative
        if relative == icons.OUTPUT.as_posix():
            continue  # the icon subset (html/icons.py) replaces this one
        try:
            text = path.read_text(encoding="utf-8")
            cleaned, fonts = _cleaned(relative, path, text, fa_source)
        except (OSError, UnicodeDecodeError):
            continue
        unshipped.update(_normalise(font) for font in fonts)
        if cleaned == text:
            target.unlink(missing_ok=True)  # left from a build with another theme
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.is_file() or target.read_text(encoding="utf-8") != cleaned:
            target.write_text(cleaned, encoding="utf-8")
    app.builder.__dict__[_UNSHIPPED] = sorted(unshipped)


def remove_unshipped(app: Sphinx, exception: BaseException | None) -> None:
    """Delete the source maps and the Font Awesome web fonts from ``_static``."""
    if exception is not None or app.builder is None or app.builder.format != "html":
        return
    static = Path(app.outdir) / "_static"
    if not static.is_dir():
        return
    removed = 0
    for path in static.rglob("*.map"):
        path.unlink()
        removed += 1
    for relative in app.builder.__dict__.get(_UNSHIPPED, []):
        font = static / relative
        if font.is_file():
            font.unlink()
            removed += 1
        # Folders the fonts leave empty go too (vendor/fontawesome/webfonts).
        folder = font.parent
        while folder != static and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent
    if removed:
        logger.info("briefing: %d source maps and web fonts left out of _static", removed)
