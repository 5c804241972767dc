"""Small, safe minifiers for the extension's own CSS and JavaScript (build time, no Sphinx).

Both keep the line structure and drop only what cannot change meaning: comments (except
``/*! ... */`` licence banners), the indentation and trailing blanks of lines, and empty
lines. Strings, ``url(...)``, regular expressions and template literals are copied as they
are. Keeping every line break means JavaScript's automatic semicolon insertion sees the same
line ends as in the source, and a CSS rule keeps its ``selector {`` / ``property: value;``
layout. That saves a third of the bytes of the commented sources, which is most of what a
full minifier would save here, without its risks.

:func:`minify_js` returns the source unchanged if it cannot read it to the end (an
unterminated string, comment, regular expression or template literal): correctness first.
"""

from __future__ import annotations

import re

#: Words after which ``/`` starts a regular expression, not a division.
_REGEX_AFTER_WORDS = frozenset(
    {
        "return",
        "typeof",
        "instanceof",
        "in",
        "of",
        "new",
        "delete",
        "void",
        "throw",
        "case",
        "do",
        "else",
        "yield",
        "await",
    }
)
_WORD_CHAR = re.compile(r"[\w$]")
_SPACES = re.compile(r"[ \t\f\v\r]+")
#: ``url(`` not followed by a quote: its argument runs to the first ``)``.
_UNQUOTED_URL = re.compile(r"url\(\s*(?![\s\"'])")
#: How much significant code to remember (more than the longest keyword).
_MEMORY = 64


class _Unreadable(ValueError):
    """The text ends inside a literal or comment."""


def _compact(code: str, at_start: bool) -> str:
    """Collapse the blanks of a stretch of code (never of a literal): runs of blanks become
    one, and lines lose their indentation and trailing blanks. The ends of the stretch that
    touch a literal keep their blank, so ``url(x) center`` or ``return "x"`` stay apart."""
    lines = [_SPACES.sub(" ", line) for line in code.split("\n")]
    last = len(lines) - 1
    for k, line in enumerate(lines):
        if k > 0 or at_start:
            line = line.lstrip(" ")
        if k < last:
            line = line.rstrip(" ")
        lines[k] = line
    return re.sub(r"\n{2,}", "\n", "\n".join(lines))


def _join(pieces: list[tuple[bool, str]]) -> str:
    """Assemble ``(is_code, text)`` pieces: code compacted without empty lines, literals
    verbatim (a template literal keeps its blank lines)."""
    out = [
        _compact(text, at_start=k == 0) if is_code else text
        for k, (is_code, text) in enumerate(pieces)
    ]
    return "".join(out).strip() + "\n"


# --------------------------------------------------------------------------------------
# CSS
# --------------------------------------------------------------------------------------


def minify_css(text: str) -> str:
    """``text`` without comments (``/*!`` banners kept), indentation or empty lines; the
    source itself if it cannot be read to the end."""
    try:
        return _join(_css_pieces(text))
    except _Unreadable:
        return text


def _css_pieces(text: str) -> list[tuple[bool, str]]:
    pieces: list[tuple[bool, str]] = []
    code: list[str] = []
    i, n = 0, len(text)

    def flush() -> None:
        if code:
            pieces.append((True, "".join(code)))
            code.clear()

    while i < n:
        char = text[i]
        if char in "\"'":
            end = _string_end(text, i, char, multiline=False)
            flush()
            pieces.append((False, text[i:end]))
            i = end
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            end = n if end < 0 else end + 2
            if text.startswith("/*!", i):
                flush()
                pieces.append((False, text[i:end] + "\n"))
            # Any other comment goes without a trace: in CSS a comment is not whitespace
            # (``div/**/.x`` is ``div.x``, not ``div .x``).
            i = end
        elif _UNQUOTED_URL.match(text, i) and (i == 0 or not _WORD_CHAR.match(text[i - 1])):
            end = text.find(")", i)
            if end < 0:
                raise _Unreadable(f"unterminated url( at {i}")
            end += 1
            flush()
            pieces.append((False, text[i:end]))
            i = end
        else:
            code.append(char)
            i += 1
    flush()
    return pieces


def _string_end(text: str, start: int, quote: str, *, multiline: bool) -> int:
    """The index after the string literal opened by ``quote`` at ``start``."""
    i, n = start + 1, len(text)
    while i < n:
        char = text[i]
        if char == "\\":
            i += 2
            continue
        if char == quote:
            return i + 1
        if char == "\n" and not multiline:
            raise _Unreadable(f"line break in a string at {start}")
        i += 1
    raise _Unreadable(f"unterminated string at {start}")


# --------------------------------------------------------------------------------------
# JavaScript
# --------------------------------------------------------------------------------------


def minify_js(text: str) -> str:
    """``text`` without comments (``/*!`` banners kept), indentation or empty lines; the
    source itself if it cannot be read to the end."""
    try:
        return _join(_js_pieces(text))
    except _Unreadable:
        return text


def _remember(previous: str, char: str) -> str:
    """The significant code before the next character, after ``char`` (blanks as one space)."""
    if not char.isspace():
        return previous[-_MEMORY:] + char
    return previous if previous.endswith(" ") else previous + " "


def _regex_allowed(previous: str) -> bool:
    """Whether ``/`` after the significant code ``previous`` starts a regular expression."""
    stripped = previous.rstrip()
    if not stripped:
        return True
    last = stripped[-1]
    if _WORD_CHAR.match(last):
        word = re.search(r"[\w$]+$", stripped)
        return word is not None and word.group(0) in _REGEX_AFTER_WORDS
    # After a closing bracket or a postfix ++/-- it divides; after an operator it is a regex.
    return not (last in ")]}" or stripped.endswith(("++", "--")))


def _regex_end(text: str, start: int) -> int:
    """The index after the regular expression literal (flags included) at ``start``."""
    i, n = start + 1, len(text)
    in_class = False
    while i < n:
        char = text[i]
        if char == "\n":
            raise _Unreadable(f"line break in a regular expression at {start}")
        if char == "\\":
            i += 2
            continue
        if char == "[":
            in_class = True
        elif char == "]":
            in_class = False
        elif char == "/" and not in_class:
            i += 1
            while i < n and _WORD_CHAR.match(text[i]):
                i += 1
            return i
        i += 1
    raise _Unreadable(f"unterminated regular expression at {start}")


def _template_end(text: str, start: int) -> int:
    """The index after the template literal opened at ``start`` (``${...}`` nested)."""
    i, n = start + 1, len(text)
    while i < n:
        char = text[i]
        if char == "\\":
            i += 2
            continue
        if char == "`":
            return i + 1
        if text.startswith("${", i):
            i = _code_end(text, i + 2)
            continue
        i += 1
    raise _Unreadable(f"unterminated template literal at {start}")


def _code_end(text: str, start: int) -> int:
    """The index after the ``}`` that closes a template substitution opened before ``start``."""
    depth = 0
    i, n = start, len(text)
    previous = "("
    while i < n:
        char = text[i]
        if char in "\"'":
            i = _string_end(text, i, char, multiline=False)
            previous = ")"
            continue
        if char == "`":
            i = _template_end(text, i)
            previous = ")"
            continue
        if text.startswith("//", i):
            end = text.find("\n", i)
            i = n if end < 0 else end
            continue
        if text.startswith("/*", i):
            end = text.find("*/", i + 2)
            if end < 0:
                raise _Unreadable(f"unterminated comment at {i}")
            i = end + 2
            continue
        if char == "/" and _regex_allowed(previous):
            i = _regex_end(text, i)
            previous = ")"
            continue
        if char == "{":
            depth += 1
        elif char == "}":
            if depth == 0:
                return i + 1
            depth -= 1
        previous = _remember(previous, char)
        i += 1
    raise _Unreadable(f"unterminated template substitution at {start}")


def _js_pieces(text: str) -> list[tuple[bool, str]]:
    pieces: list[tuple[bool, str]] = []
    code: list[str] = []
    #: The significant code just before (enough of it to find a keyword).
    previous = ""
    i, n = 0, len(text)

    def flush() -> None:
        if code:
            pieces.append((True, "".join(code)))
            code.clear()

    def literal(end: int) -> None:
        nonlocal i, previous
        flush()
        pieces.append((False, text[i:end]))
        i = end
        previous = ")"  # a literal is a value: a following / divides

    while i < n:
        char = text[i]
        if char in "\"'":
            literal(_string_end(text, i, char, multiline=False))
        elif char == "`":
            literal(_template_end(text, i))
        elif text.startswith("//", i):
            end = text.find("\n", i)
            i = n if end < 0 else end
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            if end < 0:
                raise _Unreadable(f"unterminated comment at {i}")
            comment = text[i : end + 2]
            if comment.startswith("/*!"):
                flush()
                pieces.append((False, comment))
            else:
                # A comment with a line break is a line break for semicolon insertion.
                code.append("\n" if "\n" in comment else " ")
                previous = _remember(previous, " ")
            i = end + 2
        elif char == "/" and _regex_allowed(previous):
            literal(_regex_end(text, i))
        else:
            code.append(char)
            previous = _remember(previous, char)
            i += 1
    flush()
    return pieces
