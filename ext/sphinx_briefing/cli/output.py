"""What the ``briefing`` subcommands print, and how they end when it cannot be printed.

Results go through :func:`stdout`, messages through :func:`error` and :func:`warning`.
:func:`guarded` runs a subcommand so that an output that cannot be written (a closed
standard output, a full disk, a reader that went away) ends with one line and a documented
exit status, never a traceback: see the table in ``manual/cli.md``.
"""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Callable

#: The exit statuses of every subcommand (``manual/cli.md``).
OK = 0
#: Nothing found (``search`` matched no entry).
NOT_FOUND = 1
#: Bad input or usage: an unreadable or malformed file, an unknown target, bad arguments.
BAD_INPUT = 2
#: The output could not be written: standard output closed or not writable, disk full.
CANNOT_WRITE = 3
#: The reader of the output went away (``briefing outline FILE | head -1``): 128 + SIGPIPE,
#: what a shell reports for a tool that SIGPIPE ended. Nothing is printed.
BROKEN_PIPE = 141
#: Interrupted (Ctrl-C): 128 + SIGINT. Nothing is printed.
INTERRUPTED = 130


class OutputError(Exception):
    """Standard output could not be written; ``reason`` says why, in a few words."""

    def __init__(self, reason: str, *, broken_pipe: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.broken_pipe = broken_pipe


_CLOSED = "standard output is closed or not writable"


def _failure(err: OSError) -> OutputError:
    if err.errno == errno.EPIPE:
        return OutputError("the reader went away", broken_pipe=True)
    if err.errno == errno.EBADF:
        return OutputError(_CLOSED)
    return OutputError(err.strerror or str(err))


class Output:
    """Standard output as the subcommands write it: ``sys.stdout`` at the time of writing
    (so ``contextlib.redirect_stdout`` works), any failure an :class:`OutputError`.

    A real file is written with ``os.write`` until every byte is out. Through
    ``sys.stdout`` a write larger than its buffer goes straight to the file, and when the
    file takes only part of it (the reader closed the pipe, the disk filled up) CPython's
    buffered writer returns the short count, which the text layer ignores: the rest would be
    dropped without an error and the command would end with status 0.
    """

    def write(self, text: str) -> None:
        if not text:
            return
        stream = sys.stdout
        if stream is None:  # started with file descriptor 1 closed (``briefing … >&-``)
            raise OutputError(_CLOSED)
        try:
            descriptor: int | None = stream.fileno()
        except (OSError, ValueError):  # a StringIO (tests), or closed: its write says which
            descriptor = None
        try:
            if descriptor is None:
                stream.write(text)
                return
            data = memoryview(text.encode(stream.encoding or "utf-8", stream.errors or "strict"))
            stream.flush()  # anything written through sys.stdout goes first
            while data:
                written = os.write(descriptor, data)
                if written <= 0:
                    raise OutputError("nothing could be written")
                data = data[written:]
        except UnicodeEncodeError as err:
            shown = err.object[err.start : err.end]
            raise OutputError(f"its encoding, {stream.encoding}, cannot show {shown!r}") from err
        except ValueError as err:  # "I/O operation on closed file"
            raise OutputError(_CLOSED) from err
        except OSError as err:
            raise _failure(err) from err

    def flush(self) -> None:
        stream = sys.stdout
        if stream is None:
            return
        try:
            stream.flush()
        except ValueError:  # closed: there is nothing left to write
            return
        except OSError as err:
            raise _failure(err) from err


def stdout() -> Output:
    """Where a subcommand writes its results."""
    return Output()


def _say(text: str) -> None:
    stream = sys.stderr
    if stream is None:  # started with file descriptor 2 closed: nowhere to say it
        return
    try:
        stream.write(text + "\n")
        stream.flush()
    except (OSError, ValueError):
        pass  # standard error is gone too: the exit status still tells


def error(message: str) -> None:
    """One line on standard error: ``briefing: MESSAGE``."""
    _say(f"briefing: {message}")


def warning(location: str, message: str) -> None:
    """A warning in the compilers' form, ``FILE:LINE: warning: MESSAGE``."""
    _say(f"{location}: warning: {message}")


def _silence_stdout() -> None:
    """Point file descriptor 1 at ``/dev/null``, so that the interpreter's last flush of
    what is still buffered cannot fail again (Python's advice for ``BrokenPipeError``)."""
    stream = sys.stdout
    if stream is None:
        return
    try:
        descriptor = stream.fileno()
    except (OSError, ValueError):  # not a real file (tests redirect to a StringIO)
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, descriptor)
    finally:
        os.close(devnull)


def guarded(command: Callable[[], int]) -> int:
    """Run ``command`` and flush its output; its exit status, or :data:`CANNOT_WRITE`,
    :data:`BROKEN_PIPE` or :data:`INTERRUPTED` when it could not finish."""
    try:
        try:
            status = command()
        finally:  # also after argparse's SystemExit: what went through sys.stdout goes out
            Output().flush()
    except OutputError as err:
        _silence_stdout()
        if err.broken_pipe:
            return BROKEN_PIPE
        error(f"cannot write output: {err.reason}")
        return CANNOT_WRITE
    except KeyboardInterrupt:
        _silence_stdout()
        return INTERRUPTED
    return status
