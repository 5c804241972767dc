"""The theme's files as shipped (html/theme_assets.py): no source maps, no Font Awesome web
fonts or per-icon rules, web-font icons drawn as masks of the same SVG paths."""

from __future__ import annotations

import re
from urllib.parse import unquote

import pytest

from sphinx_briefing.html import icons, theme_assets
from tests.helpers import fontawesome_js, theme_dirs

PYDATA_CSS = theme_dirs()[1] / "static" / "styles" / "pydata-sphinx-theme.css"


@pytest.fixture(scope="module")
def fa() -> icons.FontAwesome:
    return icons.read_fontawesome(fontawesome_js())


@pytest.fixture(scope="module")
def cleaned(fa: icons.FontAwesome) -> str:
    return theme_assets.clean_theme_css(PYDATA_CSS.read_text(encoding="utf-8"), fa)


def test_source_map_comments_go() -> None:
    js = "var a=1;\n//# sourceMappingURL=bootstrap.js.map"
    css = "a{color:red}\n/*# sourceMappingURL=theme.css.map*/"
    assert theme_assets.strip_source_maps(js) == "var a=1;"
    assert theme_assets.strip_source_maps(css) == "a{color:red}"


def test_the_theme_names_the_web_fonts_the_build_removes() -> None:
    fonts = theme_assets.web_font_files(PYDATA_CSS.read_text(encoding="utf-8"))
    assert fonts and all(re.search(r"fontawesome/webfonts/fa-[\w-]+\.woff2$", f) for f in fonts)


def test_no_web_font_source_map_or_icon_rule_is_left(cleaned: str) -> None:
    original = PYDATA_CSS.read_text(encoding="utf-8")
    assert "sourceMappingURL" not in cleaned
    assert theme_assets.web_font_files(cleaned) == []
    assert ".woff2" not in cleaned
    assert ".fa-house{" in original and ".fa-house{" not in cleaned
    assert cleaned.count("{") == cleaned.count("}")
    assert len(cleaned) < len(original) - 40_000
    # The rules that give an icon's placeholder its box, before the script swaps it, stay.
    assert re.search(r"\.fa,\.fa-brands,[^{]*\{[^}]*width:var\(--fa-width,1\.25em\)", cleaned)
    # No rule draws text in Font Awesome's font any more.
    assert not re.search(r"font:var\(--fa-font-", cleaned)


def test_pseudo_element_icons_become_masks_of_the_same_icons(
    cleaned: str, fa: icons.FontAwesome
) -> None:
    variable = re.search(r'--pst-icon-download:url\("data:image/svg\+xml,([^"]*)"\)', cleaned)
    assert variable is not None
    svg = unquote(variable.group(1))
    download = fa.packs["fas"]["download"]
    assert f"viewBox='0 0 {download.width} {download.height}'" in svg
    assert f"d='{download.path}'" in svg
    rule = re.search(r"a\.reference\.download:before\{([^}]*)\}", cleaned)
    assert rule is not None
    body = rule.group(1)
    assert 'content:""' in body
    assert "mask:var(--pst-icon-download) center/contain no-repeat" in body
    assert "background-color:currentColor" in body
    assert theme_assets.MASK_BOX in body
    # Each admonition kind keeps its own icon, through the variables' chain.
    note = re.search(r"\.admonition\.note>\.admonition-title:after[^{]*\{([^}]*)\}", cleaned)
    assert note is not None and "mask:var(--pst-icon-admonition-note)" in note.group(1)


def test_a_small_stylesheet(fa: icons.FontAwesome) -> None:
    css = (
        '@font-face{font-family:"Font Awesome 7 Free";src:url(../webfonts/fa.woff2)}'
        '@font-face{font-family:"Other";src:url(other.woff2)}'
        '.fa-bars{--fa:"\\f0c9"}.fa-fw{width:1.25em}'
        ':root{--icon:"\\f0c9";--chain:var(--icon)}'
        "p.x:before{content:var(--chain);font:var(--fa-font-solid);color:red}"
        'p.y:after{content:"\\f0c9"}'
        "p.z:after{content:var(--other)}"
    )
    out = theme_assets.clean_theme_css(css, fa)
    assert "Font Awesome" not in out and "fa.woff2" not in out
    assert '@font-face{font-family:"Other";src:url(other.woff2)}' in out
    assert ".fa-bars" not in out and ".fa-fw{width:1.25em}" in out
    assert re.search(r'--icon:url\("data:image/svg\+xml,[^"]+"\);--chain:var\(--icon\)', out)
    assert (
        'p.x:before{content:"";-webkit-mask:var(--chain) center/contain no-repeat;'
        "mask:var(--chain) center/contain no-repeat;background-color:currentColor;"
        f"{theme_assets.MASK_BOX};color:red}}"
    ) in out
    assert re.search(r'p\.y:after\{content:"";-webkit-mask:url\("data:image/svg', out)
    assert "p.z:after{content:var(--other)}" in out
    # Without Font Awesome's icons the glyph rules stay; only the fonts and maps go.
    bare = theme_assets.clean_theme_css(css, None)
    assert "Font Awesome" not in bare and 'p.y:after{content:"\\f0c9"}' in bare
