"""Test-only extension: end the build abruptly at a chosen point, deterministically.

``BRIEFING_TEST_INTERRUPT=EVENT`` or ``EVENT:DOCNAME`` names where: the first time EVENT is
emitted (for DOCNAME, when given) the build process is killed with SIGKILL, or, with
``BRIEFING_TEST_INTERRUPT_HOW=ctrl-c``, a KeyboardInterrupt is raised (what Ctrl-C does).
The handler runs before every other handler of that event (priority 0). Without the
variable the extension does nothing.
"""

from __future__ import annotations

import os
import signal
from typing import Any

from sphinx.application import Sphinx

#: Where each event's docname is, among the handler's arguments (None: no docname).
DOCNAME_ARG = {
    "source-read": 0,
    "html-page-context": 0,
    "env-before-read-docs": None,
    "doctree-read": None,  # the document being read: app.env.docname
    "write-started": None,
    "build-finished": None,
}


def _stop() -> None:
    if os.environ.get("BRIEFING_TEST_INTERRUPT_HOW") == "ctrl-c":
        raise KeyboardInterrupt
    os.kill(os.getpid(), signal.SIGKILL)


def setup(app: Sphinx) -> dict[str, Any]:
    spec = os.environ.get("BRIEFING_TEST_INTERRUPT", "")
    if spec:
        event, _, docname = spec.partition(":")
        where = DOCNAME_ARG[event]

        def handler(app: Sphinx, *args: Any) -> None:
            if event == "doctree-read":
                current = app.env.docname
            else:
                current = str(args[where]) if where is not None else ""
            if not docname or current == docname:
                _stop()

        app.connect(event, handler, priority=0)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
