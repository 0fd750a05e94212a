"""The recorder: one more consumer of session events, writing the journal as the session goes.

The plain runner and the Textual app both subscribe the same recorder, so a session is saved
the same way whichever screen ran it: a row when it starts, a row per step as it ends, each
``Marked`` event, the end state, then pain after and the note (``set_pain_after``,
``set_note``), and ``finish`` when the flow is over.

A journal write that fails never ends, stops or freezes a session (DESIGN.md section 1).
How, and why this way:

- **Written at once when the journal is free.** Each write is first tried on the caller's
  thread, on a connection of the recorder's own with a busy timeout of 0: when nothing holds
  the journal it is committed before the event handler returns, exactly as before, so a
  ``kill -9`` still loses at most the step in progress and anything that reads the journal
  right after (the summary, stats) sees it. That costs one small commit (an fsync of the WAL:
  median 0.5 ms, p99 6 ms on an SSD; ``benchmarks/recorder_bench.py``) and never waits for a
  lock.
- **Kept in order when it is not.** A write that fails (``database is locked``, ``database or
  disk is full``, ``disk I/O error``, read-only) goes into an in-memory queue, and so does
  every later write while the queue is not empty, so the order never changes. The write's
  content (times, seconds, ids) was fixed when the event happened: written late, it is the
  same row as if written on time. The session's id is made here (uuid4), so later writes can
  refer to a session row that is not written yet.
- **Written as soon as it can be, off the session's thread.** A writer thread (a daemon, alive
  only while something waits) retries the whole queue in one transaction, waiting up to
  ``retry_busy_s`` for the lock each time, then backing off a little (at most half a second).
  A queue of writes retried only on the next session event was the other choice; it would
  leave writes waiting through a long hold or a pause, and each retry would still have to
  choose between blocking the screen and failing at once. Every write is idempotent
  (``records.Write``), so a retry after a commit whose outcome was unclear does no harm.
- **Said once, plainly.** The first time the writer thread fails, ``on_notice`` gets one line
  naming the cause ("The journal is locked by another program: ...") and saying nothing
  recorded is lost; ``notice`` keeps it. A brief wait for another coach's commit is not a
  failure: the first retry waits ``retry_busy_s`` for the lock.
- **Never lost at the end.** ``finish`` waits up to its timeout for everything to be written.
  If it can't be, the whole session (the same JSON as one session of the JSON export, steps
  and events included) is written atomically to ``recovery/`` next to the journal, and
  ``import_recovered``, called at the start of the next session, brings it back. If even that
  file cannot be written, everything stays in memory, the writer thread keeps trying while
  the process lives, and ``finish`` may be called again.
  Should the process exit without ``finish`` while writes wait, an ``atexit`` hook does it
  (with a shorter timeout) and prints its lines on stderr.

Threads: session events, ``set_pain_after``, ``set_note`` and ``finish`` may come from any
thread (one at a time, as a session delivers its events); ``on_notice`` is called from the
recorder's writer thread, at most once per recorder, never while a lock of the recorder is
held. A callback that hands the line to a UI must not wait for that UI (in Textual use
``app.call_from_thread`` only if ``finish`` runs off the event loop, else ``post_message``).
"""

from __future__ import annotations

import atexit
import contextlib
import os
import socket
import sqlite3
import sys
import threading
import time
import uuid
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from coach.coaching.outcome import session_end
from coach.engine.plan import Plan
from coach.engine.session import Event, Marked, SessionEnded, SessionStarted, StepEnded, Summary
from coach.journal import db
from coach.journal.logbook import MAX_WALK_MIN
from coach.journal.records import Journal
from coach.journal.recovery import import_recovered, recovery_dir_for, write_recovery_file
from coach.journal.rows import (
    EventRecord,
    SessionRecord,
    StepRecord,
    Write,
    apply_writes,
    clean_note,
    event_insert,
    finish_update,
    note_update,
    now_local,
    pain_after_update,
    session_insert,
    step_insert,
)

__all__ = ["Recorder", "import_recovered", "walk_entry"]

RETRY_BUSY_S = 0.5
"""How long each retry of the writer thread waits for the journal's lock."""
MAX_BACKOFF_S = 0.5
EXIT_TIMEOUT_S = 5.0
"""How long the ``atexit`` safety net waits for a busy journal before the recovery file."""


def walk_entry(record: SessionRecord, summary: Summary) -> Write | None:
    """The walking-log entry of a timed walk (a routine of purpose ``walk``) that was
    completed at speed 1, or ``None``: a preview or a walk skipped through is no walk.

    The entry takes the session's id, so it is written once however often this runs, its
    start day, and the minutes walked (at least 1).
    """
    if record.purpose != "walk" or record.speed != 1:
        return None
    if session_end(summary.outcome, summary.dose) != "completed":
        return None
    minutes = min(MAX_WALK_MIN, max(1, round(summary.work_done_s / 60)))
    return (
        "INSERT INTO log_entries (id, kind, day, logged_at, minutes) "
        "VALUES (?, 'walk', ?, ?, ?) ON CONFLICT (id) DO NOTHING",
        (record.id, record.started_at[:10], record.ended_at or record.started_at, minutes),
    )


@dataclass(frozen=True)
class _Cause:
    """Why a write failed, in the words the user reads."""

    now: str  # "The journal is locked by another program"
    then: str  # "The journal was locked"
    until: str  # "once it was free"


_LOCKED = _Cause(
    "The journal is locked by another program", "The journal was locked", "once it was free"
)


def _failure(exc: BaseException, path: Path) -> _Cause:
    """The plain cause of a failed write, from ``db.describe_failure`` (the one place that
    reads SQLite's errors): locked, the disk full (named), unwritable (the file and its fix)."""
    failure = db.describe_failure(path, exc)
    if failure.kind == "busy":
        return _LOCKED
    if failure.kind == "full":
        folder = path.parent
        return _Cause(
            f"The disk holding {folder} is full",
            f"The disk holding {folder} was full",
            "once there was space",
        )
    sentence = failure.sentence[:1].upper() + failure.sentence[1:]
    return _Cause(sentence, "The journal could not be written", "once it could be")


class Recorder:
    """Writes one session to a journal: a row at the start, a row per step, events, the end.

    ``on_notice`` receives one line the first time a write fails (from the writer thread);
    ``level`` is the progression level the plan was built at (None without a ladder);
    ``recovery_dir`` is where ``finish`` saves a session it could not write (default:
    ``recovery/`` beside the journal); ``retry_busy_s`` is how long each retry waits for the
    journal's lock.
    """

    def __init__(
        self,
        journal: Journal,
        plan: Plan,
        *,
        speed: float = 1.0,
        pain_before: int | None = None,
        flare: bool = False,
        level: int | None = None,
        now: Callable[[], datetime] = now_local,
        on_notice: Callable[[str], None] | None = None,
        recovery_dir: Path | None = None,
        retry_busy_s: float = RETRY_BUSY_S,
    ) -> None:
        self.journal = journal
        self.plan = plan
        self.speed = speed
        self.pain_before = pain_before
        self.flare = flare or plan.purpose == "flare"
        self.level = level
        self.now = now
        self.on_notice = on_notice
        self.recovery_dir = recovery_dir or recovery_dir_for(journal.path)
        self.retry_busy_s = retry_busy_s
        self.session_id: str | None = None
        self._seq = 0
        self._event_seq = 0
        # What the journal should hold of this session, kept whole for a recovery file.
        self._record: SessionRecord | None = None
        self._steps: list[StepRecord] = []
        self._events: list[EventRecord] = []
        # Writes not yet committed, oldest first; the lock guards them and what follows.
        self._lock = threading.Condition()
        self._pending: deque[Write] = deque()
        self._generation = 0  # moves on when the queue is saved aside and cleared
        self._conn: sqlite3.Connection | None = None
        self._thread: threading.Thread | None = None
        self._stopping = False
        self._at_exit = False
        self._notice: str | None = None
        self._cause: _Cause | None = None
        self._failed_in_backlog = False
        self._backlog_since = 0.0
        self._held_s = 0.0
        self._held_cause: _Cause | None = None

    # -- session events ---------------------------------------------------------------------

    def __call__(self, event: Event) -> None:
        """Handle one session event (pass the recorder to ``Session.subscribe``).

        Never raises because of the journal and never waits for it.
        """
        if isinstance(event, SessionStarted):
            self._started()
        elif self.session_id is None:
            return
        elif isinstance(event, StepEnded):
            self._step_ended(event)
        elif isinstance(event, Marked):
            record = EventRecord(
                seq=self._event_seq,
                at_s=round(max(0.0, event.elapsed_s), 3),
                kind=event.kind,
                exercise=event.exercise,
                detail=event.detail,
            )
            self._event_seq += 1
            self._events.append(record)
            self._submit(event_insert(self.session_id, record))
        elif isinstance(event, SessionEnded):
            summary = event.summary
            assert self._record is not None
            self._record = replace(
                self._record,
                status=summary.outcome,
                ended_at=self.now().isoformat(timespec="seconds"),
                work_done_s=round(summary.work_done_s, 3),
                reps_done=summary.reps_done,
                active_s=round(summary.active_s, 3),
            )
            self._submit(
                finish_update(
                    self.session_id,
                    status=self._record.status,
                    ended_at=self._record.ended_at or "",
                    work_done_s=self._record.work_done_s,
                    reps_done=self._record.reps_done,
                    active_s=self._record.active_s,
                )
            )
            walk = walk_entry(self._record, summary)
            if walk is not None:
                self._submit(walk)

    def _started(self) -> None:
        record = SessionRecord(
            id=uuid.uuid4().hex,
            routine_id=self.plan.routine_id,
            routine_title=self.plan.title,
            purpose=self.plan.purpose,
            fingerprint=self.plan.fingerprint,
            side=self.plan.side,
            speed=self.speed,
            started_at=self.now().isoformat(timespec="seconds"),
            ended_at=None,
            status="running",
            pain_before=self.pain_before,
            pain_after=None,
            note=None,
            flare=self.flare,
            planned_s=self.plan.total_s,
            work_planned_s=self.plan.work_s,
            reps_planned=self.plan.reps,
            work_done_s=0.0,
            reps_done=0,
            active_s=0.0,
            level=self.level,
        )
        self._record = record
        self.session_id = record.id
        self._submit(session_insert(record, pid=os.getpid(), host=socket.gethostname()))

    def _step_ended(self, event: StepEnded) -> None:
        assert self.session_id is not None
        step = event.step
        record = StepRecord(
            seq=self._seq,
            step_index=step.index,
            kind=step.kind,
            exercise=step.exercise,
            side=step.side,
            set_no=step.set,
            rep=step.rep,
            planned_s=float(step.seconds),
            done_s=round(event.done_s, 3),
            work=step.is_work,
            counts_rep=step.counts_rep,
            outcome=event.outcome,
            ended_at=self.now().isoformat(timespec="seconds"),
        )
        self._seq += 1
        self._steps.append(record)
        self._submit(step_insert(self.session_id, record))

    # -- after the session --------------------------------------------------------------------

    def set_pain_after(self, pain: int | None) -> None:
        """Pain after the session (0-10, or ``None`` when skipped), written like the rest.

        Raises ``ValueError`` for a score outside 0-10 (the caller's mistake, not the
        journal's); does nothing when the session never started.
        """
        if self.session_id is None or self._record is None:
            return
        write = pain_after_update(self.session_id, pain)
        self._record = replace(self._record, pain_after=pain)
        self._submit(write)

    def set_note(self, note: str | None) -> None:
        """The session's one-line note (blank means none), written like the rest."""
        if self.session_id is None or self._record is None:
            return
        self._record = replace(self._record, note=clean_note(note))
        self._submit(note_update(self.session_id, note))

    @property
    def notice(self) -> str | None:
        """The line said the first time a write failed, or ``None`` while none has."""
        return self._notice

    @property
    def pending(self) -> int:
        """How many writes wait to be committed (0 when the journal is up to date)."""
        with self._lock:
            return len(self._pending)

    def wait_written(self, timeout_s: float) -> bool:
        """Wait up to ``timeout_s`` for every write so far to be committed; True if it was."""
        deadline = time.monotonic() + timeout_s
        with self._lock:
            while self._pending:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._lock.wait(min(left, 0.05))
            return True

    def finish(self, timeout_s: float = 30.0) -> list[str]:
        """Write everything still waiting, trying until ``timeout_s``; lines for the user.

        Call it once, last (after ``set_pain_after`` and ``set_note``), where waiting is fine:
        the flow is over or the process is about to exit. Returns nothing when every write
        went through at once; a line saying how long the journal was unavailable when it was
        written late; or, when it could not be written in time, a line with the recovery file
        the whole session was saved to (``import_recovered`` brings it back). If even that
        file cannot be written, the session stays in memory, is written as soon as it can be
        while the process lives, and ``finish`` may be called again (after freeing space).
        """
        with self._lock:
            self._wait_drained(time.monotonic() + max(0.0, timeout_s))
            if self._pending:
                self._stop_thread()
            lines = self._finish_lines()
            if self._pending:
                self._start_thread()  # saved nowhere: keep trying while the process lives
            else:
                self._close_connection()
                self._forget_outage()
                if not self._at_exit:
                    atexit.unregister(self._exit_flush)
        return lines

    # -- writing ------------------------------------------------------------------------------

    def _submit(self, write: Write) -> None:
        """Write now if nothing waits and the journal is free, else queue behind the rest."""
        with self._lock:
            if not self._pending and self._thread is None:
                try:
                    self._apply([write], busy_s=0)
                    return
                except Exception:  # whatever it was, the session goes on: queued, retried
                    pass
            if not self._pending:
                self._backlog_since = time.monotonic()
            self._pending.append(write)
            self._start_thread()

    def _apply(self, writes: list[Write], busy_s: float) -> None:
        """Commit ``writes`` in one transaction on the recorder's connection (opened lazily)."""
        if self._conn is None:
            self._conn = db.connect_writer(self.journal.path)
        self._conn.execute(f"PRAGMA busy_timeout = {int(busy_s * 1000)}")
        apply_writes(self._conn, writes)

    def _start_thread(self) -> None:
        if self._thread is not None or self._stopping:
            return
        self._thread = threading.Thread(target=self._retry, name="coach-journal", daemon=True)
        self._thread.start()
        if not self._at_exit:
            atexit.register(self._exit_flush)

    def _retry(self) -> None:
        """The writer thread: retry the queue until it is empty (or ``finish`` gives up)."""
        backoff = 0.02
        while True:
            with self._lock:
                if self._stopping or not self._pending:
                    self._thread = None
                    self._lock.notify_all()
                    return
                batch = list(self._pending)
                generation = self._generation
            # Only this thread touches the connection while writes wait.
            try:
                self._apply(batch, busy_s=self.retry_busy_s)
            except Exception as exc:  # kept, retried, said once
                self._failed(exc)
                with self._lock:
                    if not self._stopping:
                        self._lock.wait(backoff)
                backoff = min(backoff * 2, MAX_BACKOFF_S)
                continue
            backoff = 0.02
            with self._lock:
                if generation == self._generation:
                    for _ in batch:
                        self._pending.popleft()
                if not self._pending and self._failed_in_backlog:
                    self._held_s += time.monotonic() - self._backlog_since
                    self._failed_in_backlog = False
                self._lock.notify_all()

    def _failed(self, exc: BaseException) -> None:
        cause = _failure(exc, self.journal.path)
        with self._lock:
            self._cause = cause
            self._held_cause = cause
            self._failed_in_backlog = True
            first = self._notice is None
            notice = (
                f"{cause.now}: coach keeps this session and writes it as soon as it can; "
                "nothing recorded is lost."
            )
            if first:
                self._notice = notice
        if first and self.on_notice is not None:
            with contextlib.suppress(Exception):  # a broken callback must not stop writing
                self.on_notice(notice)

    # -- finishing ----------------------------------------------------------------------------

    def _wait_drained(self, deadline: float) -> None:
        """With the lock held: wait for the queue to empty, keeping the thread alive."""
        while self._pending:
            self._start_thread()
            left = deadline - time.monotonic()
            if left <= 0:
                return
            self._lock.wait(min(left, 0.05))

    def _stop_thread(self) -> None:
        """With the lock held: let the writer thread end its attempt, then stop it."""
        self._stopping = True
        self._lock.notify_all()
        limit = time.monotonic() + self.retry_busy_s + 2.0
        while self._thread is not None and time.monotonic() < limit:
            self._lock.wait(0.05)
        self._stopping = False

    def _finish_lines(self) -> list[str]:
        """With the lock held: what to tell the user, saving the session aside if needed."""
        if not self._pending:
            if self._held_cause is None:
                return []
            seconds = max(1, round(self._held_s))
            cause = self._held_cause
            return [f"{cause.then} for {seconds} s; everything was written {cause.until}."]
        cause = self._cause or _LOCKED
        if self._record is None:  # pragma: no cover - writes exist only once started
            return []
        try:
            path = write_recovery_file(self.recovery_dir, self._record, self._steps, self._events)
        except OSError as exc:
            return [
                f"{cause.now}, and this session could not be saved in {self.recovery_dir} "
                f"either ({exc.strerror or exc}). It is kept while coach runs and written as "
                "soon as the journal can take it."
            ]
        self._pending.clear()
        self._generation += 1
        self._failed_in_backlog = False
        return [
            f"{cause.now}, so this session was saved to {path}; coach adds it to the "
            "journal when you next start a session. Nothing recorded is lost."
        ]

    def _close_connection(self) -> None:
        if self._conn is not None and self._thread is None:
            self._conn.close()
            self._conn = None

    def _forget_outage(self) -> None:
        self._held_s = 0.0
        self._held_cause = None

    def _exit_flush(self) -> None:
        """The ``atexit`` safety net: the process ends with writes still waiting."""
        self._at_exit = True
        if not self.pending:
            return
        for line in self.finish(EXIT_TIMEOUT_S):
            print(f"coach: {line}", file=sys.stderr)
