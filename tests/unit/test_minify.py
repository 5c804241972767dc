"""The CSS and JavaScript minifiers (html/minify.py): what they drop, what they must keep, and
that every script the extension ships still parses after them (Node.js)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from sphinx_briefing import resources
from sphinx_briefing.html.minify import minify_css, minify_js

STATIC = resources.STATIC
SCRIPTS = sorted(STATIC.rglob("*.js"))
SHEETS = sorted(STATIC.rglob("*.css"))

# ---------------------------------------------------------------------------------------
# CSS
# ---------------------------------------------------------------------------------------


def test_css_loses_comments_indentation_and_blank_lines() -> None:
    source = """/* The header. */

html {
  /* width */
  --x: 1rem;   /* trailing */
}


a  >  b {
    color: red;
}
"""
    assert minify_css(source) == "html {\n--x: 1rem;\n}\na > b {\ncolor: red;\n}\n"


def test_css_keeps_strings_urls_and_licence_banners() -> None:
    source = (
        "/*! Licence: keep me */\n"
        'a::before { content: "/* not a comment */  x"; }\n'
        "b { background: url(data:image/svg+xml;utf8,<svg/>/*x*/) center; }\n"
        "c { font-family: 'A  B', serif; }\n"
    )
    out = minify_css(source)
    assert "/*! Licence: keep me */" in out
    assert 'content: "/* not a comment */  x"' in out
    assert "url(data:image/svg+xml;utf8,<svg/>/*x*/) center" in out
    assert "'A  B'" in out


def test_a_css_comment_is_not_whitespace() -> None:
    # div/**/.x selects div.x; a space instead would select .x inside a div.
    assert minify_css("div/**/.x { color: red; }") == "div.x { color: red; }\n"


def test_unreadable_css_is_left_as_it_is() -> None:
    source = 'a { content: "unterminated }\n'
    assert minify_css(source) == source


@pytest.mark.parametrize("path", SHEETS, ids=lambda p: p.name)
def test_shipped_stylesheets_keep_every_rule(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    out = minify_css(source)
    assert len(out) < len(source)
    assert out.count("{") == out.count("}") == source.count("{") - _braces_in_comments(source)
    # Idempotent: the bundle may be minified again without change.
    assert minify_css(out) == out


def _braces_in_comments(css: str) -> int:
    import re

    return sum(c.count("{") for c in re.findall(r"/\*.*?\*/", css, flags=re.DOTALL))


# ---------------------------------------------------------------------------------------
# JavaScript
# ---------------------------------------------------------------------------------------


def test_js_loses_comments_and_indentation_but_keeps_line_ends() -> None:
    source = """"use strict";
// a line comment
const a = 1; // trailing
/* a block
   comment */
function f() {
    return a
    + 1;
}
"""
    assert minify_js(source) == '"use strict";\nconst a = 1;\nfunction f() {\nreturn a\n+ 1;\n}\n'


def test_js_keeps_literals_that_look_like_comments() -> None:
    source = (
        'const url = "https://example.org/*x*/";\n'
        "const re = /\\/\\/|[/*]/g;\n"
        "const t = `line one\n    // not a comment\n\n  ${a /* gone */ + `//${b}`}`;\n"
        "const d = x / 2 / y; // divided\n"
        "if (/^\\d+$/.test(s)) return /a'b/.source;\n"
    )
    out = minify_js(source)
    assert 'const url = "https://example.org/*x*/";' in out
    assert "const re = /\\/\\/|[/*]/g;" in out
    # A template literal is copied whole: its blank line, indentation and // stay.
    assert "`line one\n    // not a comment\n\n  ${a /* gone */ + `//${b}`}`" in out
    assert "const d = x / 2 / y;\n" in out
    assert "return /a'b/.source;" in out


def test_a_multiline_comment_still_ends_the_line() -> None:
    # Automatic semicolon insertion: "a /*\n*/ b" is two statements.
    assert minify_js("a /*\n*/ b\n") == "a\nb\n"


def test_unreadable_js_is_left_as_it_is() -> None:
    for source in ('const s = "open;\n', "const t = `open;\n", "/* open\n", "x = /open\n"):
        assert minify_js(source) == source


@pytest.mark.parametrize("path", SCRIPTS, ids=lambda p: p.name)
def test_shipped_scripts_still_parse(path: Path, tmp_path: Path) -> None:
    node = shutil.which("node")
    assert node, "Node.js checks the minified scripts"
    source = path.read_text(encoding="utf-8")
    out = minify_js(source)
    assert out != source and len(out) < len(source), "the script was read to its end"
    target = tmp_path / path.name
    target.write_text(out, encoding="utf-8")
    result = subprocess.run([node, "--check", str(target)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert minify_js(out) == out
