"""A lossless source codec, so undecodable articles reach the parser instead of crashing.

Sphinx reads every source with ``source_encoding`` in strict mode; a Windows-1256 article
would stop the build with a traceback. The ``briefing-utf-8-sig`` codec decodes exactly
like ``utf-8-sig`` but keeps undecodable bytes as lone surrogates (``surrogateescape``):
the article parser turns them back into bytes and decodes them with a clear warning.
"""

from __future__ import annotations

import codecs
import encodings.utf_8_sig
from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

CODEC = "briefing-utf-8-sig"


def _decode(data: Any, errors: str = "strict", /) -> tuple[str, int]:
    view = bytes(data)
    if view.startswith(codecs.BOM_UTF8):
        return view[3:].decode("utf-8", "surrogateescape"), len(view)
    return view.decode("utf-8", "surrogateescape"), len(view)


class _IncrementalDecoder(encodings.utf_8_sig.IncrementalDecoder):
    def __init__(self, errors: str = "strict") -> None:
        super().__init__("surrogateescape")


class _StreamReader(encodings.utf_8_sig.StreamReader):
    def __init__(self, stream: codecs._ReadableStream, errors: str = "strict") -> None:
        super().__init__(stream, "surrogateescape")


def _search(name: str) -> codecs.CodecInfo | None:
    if name.replace("_", "-") != CODEC:
        return None
    base = encodings.utf_8_sig.getregentry()
    return codecs.CodecInfo(
        name=CODEC,
        encode=base.encode,
        decode=_decode,
        incrementalencoder=base.incrementalencoder,
        incrementaldecoder=_IncrementalDecoder,
        streamwriter=base.streamwriter,
        streamreader=_StreamReader,
    )


codecs.register(_search)


def use_lenient_encoding(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Read sources with the lenient twin of UTF-8 (``env-before-read-docs``).

    Only the reader's setting changes, not ``source_encoding``, which stays UTF-8 as
    Sphinx expects; a project that chose another encoding keeps it.
    """
    current = str(env.settings.get("input_encoding", "utf-8-sig"))
    if current.lower().replace("_", "-") in ("utf-8-sig", "utf-8", "utf8"):
        env.settings["input_encoding"] = CODEC
