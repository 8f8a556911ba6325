"""Work done on the machine's other core while this process goes on.

A build runs in one Python thread, and the engine keeps it busy rendering
pages. Much of the portfolio's own work needs only the validated content:
half the reading, the exports, the related initiatives. A forked copy of
this process computes such work meanwhile and sends back the result.

Fork copies only the thread that calls it, so it is used only while this
process has no other thread (a build, `portfolj check`; not `mkdocs
serve`'s server), on Linux, with a second core to run on. Anywhere else,
and if the copy fails, the work is done here when its result is asked for:
the result is the same either way.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


def can_fork() -> bool:
    return (sys.platform == "linux" and threading.active_count() == 1
            and len(os.sched_getaffinity(0)) > 1)


class Forked(Generic[T]):
    """``work()`` computed in a forked process; ``result()`` waits for it.

    The result crosses back pickled: it must be plain data (no classes made
    at run time, such as the content model)."""

    def __init__(self, work: Callable[[], T]) -> None:
        self._work = work
        self._process = None
        self._done = False
        self._value: T | None = None
        if can_fork():
            context = multiprocessing.get_context("fork")
            self._receiver, sender = context.Pipe(duplex=False)
            self._process = context.Process(target=_run, args=(work, sender), daemon=True)
            self._process.start()
            sender.close()

    def result(self) -> T:
        if self._process is not None:
            process, self._process = self._process, None
            try:
                self._done, self._value = self._receiver.recv()
            except EOFError:  # the copy died before it could answer
                pass
            finally:
                self._receiver.close()
                process.join()
        if not self._done:
            # Also when the copy failed: done here, a failure is raised with its real traceback.
            self._value, self._done = self._work(), True
        return self._value


def _run(work: Callable[[], object], sender) -> None:
    try:
        answer = (True, work())
    except BaseException:
        answer = (False, None)
    sender.send(answer)
    sender.close()
