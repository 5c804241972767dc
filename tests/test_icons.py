"""The Font Awesome subset: extraction from the theme's fontawesome.js, the build, the browser."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.util import find_spec
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page
from sphinx.testing.util import SphinxTestApp
from sphinx_briefing.html import icons

from .conftest import ROOTS, BuildFn, serve, warnings_of


def package_dir(name: str) -> Path:
    spec = find_spec(name)
    assert spec is not None and spec.origin is not None, name
    return Path(spec.origin).parent


THEME_DIRS = [
    package_dir("sphinx_book_theme") / "theme" / "sphinx_book_theme",
    package_dir("pydata_sphinx_theme") / "theme" / "pydata_sphinx_theme",
]
FONTAWESOME_JS = THEME_DIRS[1] / icons.FA_SCRIPT
EXTENSION_TEMPLATES = Path(icons.__file__).parent.parent / "templates"
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
# The browser: real headless Chromium against a build of tests/roots/test-icons
# ---------------------------------------------------------------------------------------

#: Every inline icon: its markup (path data left out) and where it sits.
ICON_STATE = """() => Array.from(document.querySelectorAll("svg.svg-inline--fa")).map((svg) => {
  const box = svg.getBoundingClientRect();
  const style = getComputedStyle(svg);
  const html = svg.outerHTML.replace(/ d="[^"]*"/, "");
  return [html, Math.round(box.x * 10), Math.round(box.y * 10), box.width, box.height,
    style.verticalAlign, style.fontSize, style.width, style.display, style.transform];
})"""


class Sites:
    def __init__(self, subset: str, real: str) -> None:
        self.subset = subset
        self.real = real


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sites]:
    """test-icons built once; served as built and with the theme's full fontawesome.js."""
    srcdir = tmp_path_factory.mktemp("icons") / "src"
    shutil.copytree(ROOTS / "test-icons", srcdir)
    app = SphinxTestApp("html", srcdir=srcdir)
    try:
        app.build()
        outdir = Path(app.outdir)
    finally:
        app.cleanup()
    real = srcdir.parent / "real"
    shutil.copytree(outdir, real)
    shutil.copyfile(FONTAWESOME_JS, real / "_static" / "scripts" / "fontawesome.js")
    with serve(outdir) as subset_url, serve(real) as real_url:
        yield Sites(subset_url, real_url)


@contextmanager
def open_page(
    browser: Browser, base: str, path: str = "second.html"
) -> Iterator[tuple[Page, list[str]]]:
    """A page of the site at ``base``; yields it and its console warnings; fails on requests
    that leave the site."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    outside: list[str] = []
    warnings: list[str] = []
    page.on(
        "request",
        lambda request: (
            None if request.url.startswith((base, "data:")) else outside.append(request.url)
        ),
    )
    page.on(
        "console",
        lambda message: warnings.append(message.text) if message.type == "warning" else None,
    )
    page.goto(base + path)
    page.evaluate("document.fonts.ready")
    try:
        yield page, warnings
    finally:
        context.close()
    assert outside == [], "the icons must not need the network"


@pytest.mark.browser
def test_header_and_sidebar_icons_are_inline_svg(browser: Browser, sites: Sites) -> None:
    with open_page(browser, sites.subset) as (page, warnings):
        # No icon element is left for Font Awesome to replace.
        assert page.locator("i[class*='fa-'], span[class*='fa-']").count() == 0
        for selector in (
            ".bd-header-article svg.fa-bars",  # the primary sidebar toggle
            ".theme-switch-button svg.fa-circle-half-stroke",
            ".search-button-field svg.fa-magnifying-glass",
            ".prev-next-area svg.fa-angle-left",
        ):
            icon = page.locator(f"{selector}.svg-inline--fa").first
            assert icon.is_visible(), selector
            box = icon.bounding_box()
            assert box is not None and box["width"] > 10 and box["height"] > 10, selector
            assert icon.locator("path[fill='currentColor']").count() == 1
        assert page.evaluate(
            "document.documentElement.classList.contains('fontawesome-i2svg-complete')"
        )
        assert warnings == []


@pytest.mark.browser
def test_icons_look_as_font_awesome_draws_them(browser: Browser, sites: Sites) -> None:
    states, shots = [], []
    for base in (sites.real, sites.subset):
        with open_page(browser, base) as (page, _warnings):
            page.wait_for_timeout(300)  # the full Font Awesome swaps icons in an animation frame
            states.append(page.evaluate(ICON_STATE))
            shots.append(page.screenshot(clip={"x": 0, "y": 0, "width": 1400, "height": 160}))
    real, subset = states
    assert len(real) >= 10
    assert subset == real
    assert shots[0] == shots[1], "the header differs from the one Font Awesome draws"


@pytest.mark.browser
def test_icons_added_later_are_replaced_and_missing_ones_warn_once(
    browser: Browser, sites: Sites
) -> None:
    with open_page(browser, sites.subset) as (page, warnings):
        page.evaluate(
            """() => {
              const box = document.createElement("p");
              box.id = "later";
              box.innerHTML = '<i class="fa-solid fa-home" title="بيت"></i>'
                + '<i class="fa-solid fa-rocket"></i><i class="fa-solid fa-rocket"></i>';
              document.querySelector("article").append(box);
            }"""
        )
        home = page.locator("#later svg.svg-inline--fa.fa-house")
        home.wait_for()
        assert home.get_attribute("title") == "بيت"
        assert home.get_attribute("aria-hidden") is None  # a titled icon is not hidden
        # Not in the subset: left to the theme's web font, still drawn, named once.
        rockets = page.locator("#later i.fa-rocket")
        assert rockets.count() == 2
        page.wait_for_timeout(100)
        box = rockets.first.bounding_box()
        assert box is not None and box["width"] > 0
        assert [w for w in warnings if "fa-rocket" in w] == [
            'Font Awesome subset: this build has no icon fa-rocket; add "fa-rocket" to briefing_icons in conf.py.'
        ]
