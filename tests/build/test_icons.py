"""The Font Awesome subset: extraction from the theme's fontawesome.js, the build, the browser."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from sphinx_briefing import resources
from sphinx_briefing.html import icons
from tests.helpers import BuildFn, fontawesome_js, theme_dirs, warnings_of

THEME_DIRS = theme_dirs()
FONTAWESOME_JS = fontawesome_js()
EXTENSION_TEMPLATES = resources.TEMPLATES
#: The icons the two themes' templates use (checked by hand against the templates).
THEME_ICONS = {
    "bars",
    "list",
    "magnifying-glass",
    "sun",
    "moon",
    "circle-half-stroke",
    "angle-left",
    "angle-right",
    "arrow-up",
    "outdent",
    "pencil",
    "home",
    "file-lines",
    "xmark",
}
#: The SVG path grammar's characters: commands, numbers, separators.
SVG_PATH = re.compile(r"[Mm][MmZzLlHhVvCcSsQqTtAa0-9eE.,+\- ]*")
LIMIT = 30_000


@pytest.fixture(scope="module")
def fa() -> icons.FontAwesome:
    return icons.read_fontawesome(FONTAWESOME_JS)


def theme_subset() -> set[tuple[str, str]]:
    return icons.template_icons([*THEME_DIRS, EXTENSION_TEMPLATES]) | icons.option_icons({})


# ---------------------------------------------------------------------------------------
# Extraction (no build)
# ---------------------------------------------------------------------------------------


def test_reads_the_three_free_icon_packs(fa: icons.FontAwesome) -> None:
    assert set(fa.packs) == {"fas", "far", "fab"}
    assert len(fa.packs["fas"]) > 1000
    assert fa.resolve("fas", "home") == "house"
    assert fa.resolve("fas", "search") == "magnifying-glass"
    assert fa.resolve("fab", "github") == "github"
    assert fa.resolve("fas", "github") is None
    assert "Font Awesome Free" in fa.license


def test_finds_the_icons_the_theme_templates_use() -> None:
    found = icons.template_icons([*THEME_DIRS, EXTENSION_TEMPLATES])
    assert {name for prefix, name in found if prefix == "fas"} >= THEME_ICONS
    # Modifiers and family classes are no icons.
    assert not {name for _prefix, name in found} & {"lg", "fw", "solid", "custom"}


def test_every_needed_icon_has_valid_path_data(fa: icons.FontAwesome) -> None:
    wanted = theme_subset()
    assert len(wanted) >= len(THEME_ICONS)
    for prefix, name in wanted:
        canonical = fa.resolve(prefix, name)
        assert canonical is not None, (prefix, name)
        icon = fa.packs[prefix][canonical]
        assert 0 < icon.width <= 1024 and icon.height == 512, (name, icon)
        assert SVG_PATH.fullmatch(icon.path), name
        assert len(icon.path) > 20, name


def test_generated_script_is_small_and_keeps_the_licence(fa: icons.FontAwesome) -> None:
    script, missing = icons.render_subset(fa, theme_subset())
    assert missing == []
    assert len(script.encode("utf-8")) < LIMIT
    assert script.isascii()
    assert "svg-inline--fa" in script and "MutationObserver" in script
    licence = script[script.rindex("/*!") :]
    assert "Font Awesome Free" in licence
    assert "CC BY 4.0" in licence and "MIT License" in licence
    # Each icon's path data is embedded once, under its canonical name.
    house = fa.packs["fas"]["house"]
    assert script.count(house.path) == 1
    assert '"home":"house"' in script


def test_icon_data_cannot_end_a_script_element() -> None:
    fake = icons.FontAwesome(
        packs={"fas": {"bars": icons.Icon(448, 512, "M0 0</script><script>alert(1)")}},
        aliases={},
        css=".svg-inline--fa { height: 1em; }",
        license="",
    )
    script, _missing = icons.render_subset(fake, {("fas", "bars")})
    assert "</script" not in script.lower()
    assert "<\\/script>" in script
    assert "Font Awesome Free" in script  # the licence line even without LICENSE.txt


def test_unknown_icons_are_reported_not_embedded(fa: icons.FontAwesome) -> None:
    script, missing = icons.render_subset(fa, {("fas", "bars"), ("fas", "no-such-icon")})
    assert missing == ["fa-no-such-icon"]
    assert "no-such-icon" not in script


def test_css_keeps_only_inline_svg_sizing(fa: icons.FontAwesome) -> None:
    css = icons.subset_css(fa.css)
    rules = dict(re.findall(r"^([^{]+)\{([^}]*)\}$", css, re.MULTILINE))
    assert "width:var(--fa-width, 1.25em)" in rules[".svg-inline--fa"]
    assert "vertical-align:-0.125em" in rules[".svg-inline--fa"]
    assert rules[".svg-inline--fa.fa-lg"] == "vertical-align:-0.2em"
    assert rules[".fa-fw,.fa-width-fixed"] == "--fa-width:1.25em"
    assert "font-size:calc(20 / 16 * 1em)" in rules[".fa-lg"]
    assert ".fa-xs" in rules and ".fa-sm" in rules
    assert not re.search(r"@keyframes|:root|fa-spin|fa-layers|fa-stack", css)
    assert len(css) < 2000


@pytest.mark.parametrize(
    ("classes", "expected"),
    [
        ("theme-switch fa-solid fa-sun fa-lg fa-fw", [("fas", "sun")]),
        ("fab fa-github", [("fab", "github")]),
        ("fa-regular fa-moon", [("far", "moon")]),
        ("fas fa-pencil-alt", [("fas", "pencil-alt")]),
        ("fa-lg fa-sun", []),  # no family class: not an icon
        ("fa-custom fa-lg", []),
    ],
)
def test_icon_classes(classes: str, expected: list[tuple[str, str]]) -> None:
    assert icons.icon_classes(classes) == expected


def test_icon_classes_with_a_default_pack() -> None:
    assert icons.icon_classes("fa-rocket", default="fas") == [("fas", "rocket")]


def test_header_buttons_and_icon_links_follow_the_theme_options() -> None:
    assert icons.option_icons({}) == {("fas", "chevron-down")}
    book_defaults = {"use_download_button": "True", "use_fullscreen_button": "True"}
    assert icons.option_icons(book_defaults) >= {
        ("fas", "download"),
        ("fas", "file"),
        ("fas", "file-pdf"),
        ("fas", "expand"),
    }
    repository = icons.option_icons(
        {"use_issues_button": True, "repository_url": "https://gitlab.com/a/b"}
    )
    assert {("fas", "lightbulb"), ("fab", "gitlab")} <= repository
    links = icons.option_icons(
        {
            "icon_links": [
                {"icon": "fa-brands fa-mastodon", "url": "x", "name": "M"},
                {"icon": "_static/logo.svg", "type": "local", "url": "y", "name": "L"},
            ],
            "github_url": "https://github.com/a/b",
            "launch_buttons": {"thebe": True},
        }
    )
    assert {
        ("fab", "mastodon"),
        ("fab", "square-github"),
        ("fas", "rocket"),
        ("fas", "play"),
    } <= links


def test_unexpected_layout_is_an_error() -> None:
    with pytest.raises(icons.FontAwesomeError):
        icons.parse_fontawesome("(()=>{var x=1})();")


# ---------------------------------------------------------------------------------------
# Builds
# ---------------------------------------------------------------------------------------


def written_script(app: SphinxTestApp) -> str:
    return (app.outdir / "_static" / "scripts" / "fontawesome.js").read_text(encoding="utf-8")


def test_build_replaces_the_theme_script(build: BuildFn) -> None:
    app = build("icons")
    assert warnings_of(app) == ""
    script = written_script(app)
    assert len(script.encode("utf-8")) < LIMIT
    assert FONTAWESOME_JS.stat().st_size > 1_000_000
    assert script.startswith("/* Font Awesome icons for this book")
    for name in ("bars", "list", "magnifying-glass", "circle-half-stroke", "angle-left"):
        assert f'"{name}":[' in script, name
    # The pages load it under the theme's name, so nothing else changes.
    page = (app.outdir / "second.html").read_text(encoding="utf-8")
    assert re.search(r'<script defer src="_static/scripts/fontawesome\.js\?digest=', page)


def test_unchanged_subset_is_not_rewritten(build: BuildFn) -> None:
    app = build("icons")
    generated = Path(app.doctreedir) / icons.GENERATED_DIR / icons.OUTPUT
    before = generated.stat().st_mtime_ns
    icons.write_icon_subset(app)
    assert generated.stat().st_mtime_ns == before


def test_briefing_icons_adds_icons_and_warns_about_unknown_ones(build: BuildFn) -> None:
    app = build(
        "icons", confoverrides={"briefing_icons": ["fa-rocket", "fa-brands fa-github", "fa-nope"]}
    )
    script = written_script(app)
    assert '"rocket":[' in script and '"github":[' in script
    assert "briefing_icons: Font Awesome Free has no icon 'fa-nope'" in warnings_of(app)
    assert "conf.py" in warnings_of(app)


def test_themes_without_font_awesome_get_no_subset(build: BuildFn) -> None:
    app = build("minimal")  # the basic theme
    generated = Path(app.doctreedir) / icons.GENERATED_DIR / icons.OUTPUT
    generated.parent.mkdir(parents=True, exist_ok=True)
    generated.write_text("stale", encoding="utf-8")
    icons.write_icon_subset(app)
    assert not generated.exists()


def test_other_builders_are_left_alone(build: BuildFn) -> None:
    app = build("icons", buildername="text")
    icons.write_icon_subset(app)
    assert not (Path(app.doctreedir) / icons.GENERATED_DIR / icons.OUTPUT).exists()


# ---------------------------------------------------------------------------------------
