"""One hierarchy for every error captions reports as a single line and exit status 2.

``CaptionsError`` is what the CLI catches (and what the Python API raises); its kinds say where the
fault lies: the input (``InputError``: names the file and the place in it), an option
(``OptionError``), an output (``OutputError``), the media or a tool it needs (``MediaError``). Every
member survives pickling, so an error raised in a worker process reaches the parent as itself.
``Interrupted`` is not an error: a signal asked the run to stop, and like ``KeyboardInterrupt`` it
passes every ``except Exception``.
"""

from __future__ import annotations

import signal


class CaptionsError(Exception):
    """An error to show as one line: the message is the whole of it."""


class InputError(CaptionsError):
    """Input that cannot be turned into captions: names the file and the place in it.

    >>> str(InputError("a.txt", "line 3", "not a number")), str(InputError("a.txt", "", "empty"))
    ('a.txt: line 3: not a number', 'a.txt: empty')
    """

    def __init__(self, path: str, where: str, message: str) -> None:
        super().__init__(f"{path}: {where}: {message}" if where else f"{path}: {message}")
        self.path, self.where, self.message = path, where, message

    def __reduce__(self) -> tuple[type[InputError], tuple[str, str, str]]:
        return type(self), (self.path, self.where, self.message)


class OptionError(CaptionsError):
    """An option that cannot be used as given (an unknown format, a speed out of range, --sync without
    media): the command line's usage errors, and the Python API's."""


class OutputError(CaptionsError):
    """An output that must not or could not be written; nothing of the run is left behind."""


class MediaError(CaptionsError):
    """A media file that cannot be used, or ffmpeg or espeak-ng missing or failing."""


class Interrupted(BaseException):
    """SIGTERM (or SIGINT) asked the run to stop: files being written are rolled back, finished ones stay."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum

    @property
    def exit_status(self) -> int:
        """128 + the signal's number, as a shell reports a process a signal ended.

        >>> Interrupted(signal.SIGINT).exit_status, Interrupted(signal.SIGTERM).exit_status
        (130, 143)
        """
        return 128 + self.signum

    @property
    def name(self) -> str:
        return signal.Signals(self.signum).name


def raise_interrupted(signum: int, _frame: object) -> None:
    """A signal handler that turns the signal into ``Interrupted`` where the program is."""
    raise Interrupted(signum)
