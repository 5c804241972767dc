"""Which addresses may become links: ``http`` and ``https`` only.

Every URL in the book comes from untrusted input (sidecars, glossary entries, saved web
pages). A browser strips tabs and newlines inside a URL and ignores the scheme's case, so
``java\tscript:`` is a script link: the check runs on the URL as a browser would read it.
"""

from __future__ import annotations

from urllib.parse import urlsplit

#: C0 controls and space: a browser trims them from both ends of a URL, and removes tab, LF
#: and CR anywhere in it (WHATWG URL), so none of them may hide a scheme.
_CONTROLS = "".join(map(chr, range(33)))
ALLOWED_SCHEMES = frozenset({"http", "https"})


def safe_url(url: str) -> str | None:
    """``url`` if it is an absolute ``http``/``https`` address with a host, else None.

    The address is returned trimmed; nothing else about it is changed.
    """
    cleaned = url.strip(_CONTROLS)
    if any(c in _CONTROLS or c in "<>\"'`\x7f" for c in cleaned):
        return None
    try:
        parts = urlsplit(cleaned)
    except ValueError:
        return None
    if parts.scheme.lower() not in ALLOWED_SCHEMES or not parts.hostname:
        return None
    return cleaned
