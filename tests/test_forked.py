"""Work done beside the build: in a forked copy when that is safe, here otherwise,
with the same result either way."""

import os
import subprocess
import sys
import threading

import pytest

from portfolj.forked import Forked
from support import ROOT, needs_two_cores


def in_a_fresh_process(code: str) -> str:
    """This test process may run browser threads, and fork waits for a process with one thread."""
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


@needs_two_cores
def test_the_work_is_done_in_another_process_while_this_one_goes_on():
    out = in_a_fresh_process("""
import os
from portfolj.forked import Forked
beside = Forked(lambda: (os.getpid(), sum(range(10))))
pid, value = beside.result()
print(beside.result() == (pid, value), pid != os.getpid(), value)
""")
    assert out == "True True 45"


def test_a_failure_in_the_copy_is_raised_here_with_its_own_error():
    out = in_a_fresh_process("""
import os
from portfolj.forked import Forked
pids = []
def work():
    pids.append(os.getpid())
    raise ValueError("trasigt")
try:
    Forked(work).result()
except ValueError as error:
    print(error, pids == [os.getpid()])
""")
    assert out == "trasigt True"  # done again here, where the failure can be seen


def test_a_copy_that_dies_is_replaced_by_doing_the_work_here():
    out = in_a_fresh_process("""
import os
from portfolj.forked import Forked
parent = os.getpid()
print(Forked(lambda: os._exit(3) if os.getpid() != parent else "här").result())
""")
    assert out == "här"


def test_with_other_threads_the_work_is_done_here_when_asked_for():
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        calls = []
        beside = Forked(lambda: calls.append(os.getpid()) or "klart")
        assert calls == []  # not started: a fork beside threads could hang on a lock they hold
        assert beside.result() == "klart" and beside.result() == "klart"
        assert calls == [os.getpid()]
    finally:
        stop.set()
        other.join()


def test_on_one_core_nothing_is_forked():
    out = in_a_fresh_process("""
import os
from portfolj.forked import Forked
os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
print(Forked(os.getpid).result() == os.getpid())
""")
    assert out == "True"


@needs_two_cores
def test_instances_of_classes_made_at_run_time_cross_whole():
    """The content model is made from the taxonomy file: pickle cannot name it,
    so it crosses by the name it is given, and its values are not validated again."""
    out = in_a_fresh_process("""
import os
from pydantic import create_model
from portfolj.forked import Forked
Event = create_model("Event", day=(int, ...))
Record = create_model("Record", title=(str, ...), events=(list[Event], ...))
parent = os.getpid()
made = Forked(lambda: (os.getpid(), Record(title="Ett", events=[Event(day=3)])), made_at_run_time={"Record": Record, "Event": Event})
pid, record = made.result()
print(pid != parent, type(record) is Record, type(record.events[0]) is Event, record.events[0].day)
""")
    assert out == "True True True 3"


# ----------------------------------------------------------------------------
# A build in two halves (Twin): both processes go on from the fork
# ----------------------------------------------------------------------------

def test_twins_meet_half_way_and_the_copy_ends_with_its_last_word():
    """Each hands the other a message larger than a pipe holds, at once: neither waits for ever."""
    out = in_a_fresh_process("""
import os
from portfolj.forked import Twin
twin = Twin()
big = "x" * 1_000_000
theirs = twin.meet(("kopian" if twin.is_copy else "originalet", big))
if twin.is_copy:
    twin.end(("klar", theirs[0], len(theirs[1])))
print(theirs[0], len(theirs[1]), twin.wait())
""")
    assert out == "kopian 1000000 ('klar', 'originalet', 1000000)"


@pytest.mark.parametrize("ending, told", [
    ('twin.fail(["Fel på sidan x"])', "['Fel på sidan x']"),  # it failed, and hands over why
    ("os._exit(3)", "None"),  # it died: nothing to tell
])
def test_a_copy_that_fails_or_dies_is_told_apart(ending, told):
    out = in_a_fresh_process(f"""
import os
from portfolj.forked import Twin, TwinFailed
twin = Twin()
if twin.is_copy:
    {ending}
try:
    twin.meet("något")
except TwinFailed as error:
    print(error.args[0])
""")
    assert out == told


def test_the_original_stops_the_copy_at_once():
    """Without waiting for the copy's work: the copy here would sleep for longer than the test may take."""
    out = in_a_fresh_process("""
import os, time
from portfolj.forked import Twin
twin = Twin()
copy = twin.meet(os.getpid())
if twin.is_copy:
    time.sleep(600)
    os._exit(0)
twin.stop()
try:
    os.kill(copy, 0)
except ProcessLookupError:
    print("borta")
""")
    assert out == "borta"
