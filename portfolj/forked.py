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

The result crosses back pickled. Classes made at run time (the content
model, made from the taxonomy file) have no importable name; both processes
have them, so they cross as a name that the receiving side looks up
(``made_at_run_time``), and their instances cross whole, not validated again.
"""

from __future__ import annotations

import io
import multiprocessing
import os
import pickle
import sys
import threading
from collections.abc import Callable, Mapping
from typing import Generic, NoReturn, TypeVar

T = TypeVar("T")


def can_fork() -> bool:
    return (sys.platform == "linux" and threading.active_count() == 1
            and len(os.sched_getaffinity(0)) > 1)


class Forked(Generic[T]):
    """``work()`` computed in a forked process; ``result()`` waits for it.

    ``made_at_run_time``: the classes without an importable name that the
    result may hold, by a name of their own."""

    def __init__(self, work: Callable[[], T], made_at_run_time: Mapping[str, type] = {}) -> None:
        self._work = work
        self._classes = dict(made_at_run_time)
        self._process = None
        self._done = False
        self._value: T | None = None
        if can_fork():
            context = multiprocessing.get_context("fork")
            self._receiver, sender = context.Pipe(duplex=False)
            self._process = context.Process(target=_run, args=(work, self._classes, sender), daemon=True)
            self._process.start()
            sender.close()

    def result(self) -> T:
        if self._process is not None:
            process, self._process = self._process, None
            try:
                self._done, self._value = _loads(self._receiver.recv_bytes(), self._classes)
            except EOFError:  # the copy died before it could answer
                pass
            finally:
                self._receiver.close()
                process.join()
        if not self._done:
            # Also when the copy failed: done here, a failure is raised with its real traceback.
            self._value, self._done = self._work(), True
        return self._value


def _run(work: Callable[[], object], classes: dict[str, type], sender) -> None:
    try:
        answer = _dumps((True, work()), classes)
    except BaseException:
        answer = _dumps((False, None), {})
    sender.send_bytes(answer)
    sender.close()


def _dumps(value: object, classes: dict[str, type]) -> bytes:
    names = {id(cls): name for name, cls in classes.items()}
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, pickle.HIGHEST_PROTOCOL)
    pickler.persistent_id = lambda obj: names.get(id(obj)) if isinstance(obj, type) else None
    pickler.dump(value)
    return buffer.getvalue()


def _loads(data: bytes, classes: dict[str, type]) -> object:
    unpickler = pickle.Unpickler(io.BytesIO(data))
    unpickler.persistent_load = classes.__getitem__
    return unpickler.load()


class TwinFailed(Exception):
    """The other half of a build failed or died; what it logged has been passed on."""


class Twin:
    """A forked copy of this process that goes on with the same build and
    does its own half of the pages (see PortfolioBuild.start).

    Both halves run the same code from the fork on, each knowing which it is
    (`is_copy`). They meet once half-way (`meet`: each hands the other what
    only it computed) and the copy ends with its last message (`end` or
    `fail`), which the original waits for (`wait`). Messages cross pickled, as
    ``Forked``'s results do (what the build hands over has no class made at
    run time). Only where ``can_fork``."""

    def __init__(self) -> None:
        to_copy, from_original = os.pipe()
        to_original, from_copy = os.pipe()
        self._pid = os.fork()
        self.is_copy = self._pid == 0
        if self.is_copy:
            os.close(from_original), os.close(to_original)
            self._read, self._write = os.fdopen(to_copy, "rb"), os.fdopen(from_copy, "wb")
        else:
            os.close(to_copy), os.close(from_copy)
            self._read, self._write = os.fdopen(to_original, "rb"), os.fdopen(from_original, "wb")

    def meet(self, mine: object) -> object:
        """Hand ``mine`` to the other half and get what it hands here. The
        copy speaks first, so a long message on either side cannot block both."""
        if self.is_copy:
            self._send(True, mine)
            return self._receive()
        theirs = self._receive()
        self._send(True, mine)
        return theirs

    def end(self, last: object) -> NoReturn:
        """The copy's last word: its half is done."""
        self._send(True, last)
        os._exit(0)

    def fail(self, last: object) -> NoReturn:
        """The copy's last word when its half failed."""
        try:
            self._send(False, last)
        finally:
            os._exit(1)

    def wait(self) -> object:
        """The original: the copy's last message, once its half is done."""
        try:
            return self._receive()
        finally:
            self._reap()

    def stop(self) -> None:
        """The original, when its own half failed: the copy stops at once."""
        if self._pid:
            try:
                os.kill(self._pid, 9)
            except ProcessLookupError:
                pass
            self._reap()

    def _send(self, ok: bool, value: object) -> None:
        data = _dumps((ok, value), {})
        self._write.write(len(data).to_bytes(8, "big") + data)
        self._write.flush()

    def _receive(self) -> object:
        size = self._read.read(8)
        data = self._read.read(int.from_bytes(size, "big")) if len(size) == 8 else b""
        if not data:
            raise TwinFailed(None)
        ok, value = _loads(data, {})
        if not ok:
            raise TwinFailed(value)
        return value

    def _reap(self) -> None:
        if self._pid:
            pid, self._pid = self._pid, 0
            self._read.close(), self._write.close()
            os.waitpid(pid, 0)
