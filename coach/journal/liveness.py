"""Is a session the journal marks ``running`` still being run by a live coach?

A session row keeps the process id and host that run it. A process id alone does not say the
process is still ours: after a crash and a reboot (or enough processes) another program holds
that id, and ``os.kill(pid, 0)`` would call a dead session alive for ever. So a session is
taken for dead when any of these holds:

- it was recorded on another host (that machine's coach finishes its own session anyway: its
  end overwrites the mark, so marking it here never loses anything);
- it started more than ``MAX_SESSION_WALL_S`` ago (no session lasts that long, paused or not),
  or that far in the future (a clock once set years ahead would keep it running for ever);
- it started before this machine last booted (Linux: ``btime`` in ``/proc/stat``);
- no process holds its id, or the process holding it started after the session did (Linux:
  ``/proc/<pid>/stat``): a coach records its session after it starts, never before.

Where there is no ``/proc`` only the first two rules and ``os.kill`` remain. What the machine
says is gathered in a ``Machine`` so that tests can give any boot time and process start times.
"""

from __future__ import annotations

import os
import socket
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

from coach.limits import MAX_SESSION_WALL_S

__all__ = [
    "CLOCK_SLACK_S",
    "Machine",
    "RunningSession",
    "boot_time",
    "pid_exists",
    "process_start",
    "running_sessions",
    "still_running",
    "this_machine",
]

CLOCK_SLACK_S = 10.0
"""Start times are compared with this much room: the session's is stored to the second and the
boot time is whole seconds, and a clock nudged by NTP moves one against the other."""

PROC = Path("/proc")
_STAT_BYTES = 4096
"""``/proc/<pid>/stat`` is one line of a few hundred bytes; read no more than this of it."""
_START_FIELD = 22
"""The field of ``/proc/<pid>/stat`` holding the start time, in clock ticks since boot."""


class RunningSession(NamedTuple):
    """What judging a ``running`` session needs, and what doctor says of it."""

    id: str
    routine_title: str
    started_at: str
    pid: int | None
    host: str | None


def running_sessions(conn: sqlite3.Connection) -> list[RunningSession]:
    """The sessions the journal marks running (only reads; works on a read-only connection)."""
    rows = conn.execute(
        "SELECT id, routine_title, started_at, pid, host FROM sessions WHERE status = 'running'"
    ).fetchall()
    return [RunningSession(*row) for row in rows]


@dataclass(frozen=True)
class Machine:
    """What this machine says of time and processes, read once per judgement."""

    host: str
    now: float
    """Seconds since the epoch."""
    boot: float | None
    """When the machine last booted (seconds since the epoch), or ``None`` where unknown."""
    pid_exists: Callable[[int], bool]
    process_start: Callable[[int], float | None]
    """When the process now holding a pid started (seconds since the epoch); ``None`` where
    the machine cannot say (no ``/proc``, or it hides other users' processes)."""


def still_running(session: RunningSession, machine: Machine) -> bool:
    """True when a live process of this machine may still be running ``session``."""
    try:
        started = datetime.fromisoformat(session.started_at).timestamp()
    except (TypeError, ValueError, OverflowError):
        return False  # no coach wrote that start time: nothing runs it
    pid = session.pid
    if session.host != machine.host or not isinstance(pid, int) or pid <= 0:
        return False  # another machine's, or no id a live process of ours can have
    if abs(machine.now - started) > MAX_SESSION_WALL_S:
        return False  # no session lasts that long; nor starts that far ahead of the clock
    if machine.boot is not None and started < machine.boot - CLOCK_SLACK_S:
        return False
    if not machine.pid_exists(pid):
        return False
    holder_started = machine.process_start(pid)
    return holder_started is None or holder_started <= started + CLOCK_SLACK_S


def pid_exists(pid: int) -> bool:
    """Whether some process holds ``pid`` (another user's counts: ``EPERM`` means it exists)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except (OverflowError, OSError):
        return False  # an id no process can have
    return True


def boot_time(proc: Path = PROC) -> float | None:
    """When this machine booted, from ``btime`` in ``/proc/stat``; ``None`` without it."""
    try:
        with (proc / "stat").open("rb") as lines:
            for line in lines:
                if line.startswith(b"btime "):
                    return float(line.split()[1])
    except (OSError, ValueError, IndexError):
        return None
    return None


def process_start(pid: int, boot: float | None, proc: Path = PROC) -> float | None:
    """When the process holding ``pid`` started, from ``/proc/<pid>/stat``; ``None`` where
    that cannot be read. The command name (field 2) may hold spaces and parentheses, so the
    fields are counted after its last ``)``."""
    if boot is None or pid <= 0:
        return None
    try:
        descriptor = os.open(proc / str(pid) / "stat", os.O_RDONLY)
        try:
            line = os.read(descriptor, _STAT_BYTES)
        finally:
            os.close(descriptor)
        fields = line.rpartition(b")")[2].split()
        ticks = int(fields[_START_FIELD - 3])  # fields[0] is field 3, the state
        return boot + ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def this_machine(proc: Path = PROC) -> Machine:
    """This machine, now: its host name, boot time and the ``/proc`` readers."""
    boot = boot_time(proc)
    return Machine(
        host=socket.gethostname(),
        now=time.time(),
        boot=boot,
        pid_exists=pid_exists,
        process_start=lambda pid: process_start(pid, boot, proc),
    )
