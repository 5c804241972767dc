"""The candidate finder compiled with mypyc, where it can be.

Everything else about the package is in ``pyproject.toml``. The finder reads every word of
every article at build time (the coverage report) and in ``briefing candidates``; its modules
are strictly typed Python that mypyc compiles into C extensions that take about half the time, with
the same results (``tests/unit/test_compiled.py``). Where they cannot be compiled (no C
compiler, ``BRIEFING_COMPILE=0``) the same modules run as plain Python.
"""

from __future__ import annotations

import os
import sys

from setuptools import setup
from setuptools.command.build_ext import build_ext

#: The finder's modules that do the per-word work (the rest of the package stays Python).
COMPILED = [
    "ext/sphinx_briefing/candidates/words.py",
    "ext/sphinx_briefing/candidates/spans.py",
    "ext/sphinx_briefing/candidates/lists.py",
    "ext/sphinx_briefing/candidates/variants.py",
    "ext/sphinx_briefing/candidates/finder.py",
]


def compiled_modules() -> list[object]:
    """The mypyc extensions, or none (plain Python) when they cannot be built here."""
    if os.environ.get("BRIEFING_COMPILE", "1") == "0":
        return []
    try:
        from mypyc.build import mypycify
    except ImportError:
        print("sphinx-briefing: mypyc is missing, the finder stays Python", file=sys.stderr)
        return []
    try:
        # The build environment has only the build requirements: other imports are Any.
        extensions = mypycify(
            ["--ignore-missing-imports", *COMPILED],
            opt_level="3",
            # One shared library for the five modules, named after them, and its C sources
            # kept out of the book's own build/ output.
            group_name="sphinx_briefing_finder",
            target_dir="build/mypyc",
        )
    except (Exception, SystemExit) as error:  # a type error or no compiler: plain Python
        print(f"sphinx-briefing: the finder stays Python ({error})", file=sys.stderr)
        return []
    for extension in extensions:
        # A compiler error leaves the module as Python instead of failing the install.
        extension.optional = True
    return list(extensions)


class BuildAllOrNone(build_ext):
    """The compiled modules share one library: if any of them failed to build, none is kept
    (a module without its library would fail to import; plain Python always works)."""

    def build_extensions(self) -> None:
        super().build_extensions()
        built = [self.get_ext_fullpath(extension.name) for extension in self.extensions]
        if built and not all(os.path.exists(path) for path in built):
            for path in built:
                if os.path.exists(path):
                    os.remove(path)
            print(
                "sphinx-briefing: the finder stays Python (not every module built)", file=sys.stderr
            )


setup(ext_modules=compiled_modules(), cmdclass={"build_ext": BuildAllOrNone})
