"""A journal that can't be written never ends a session, and nothing recorded is lost.

Real SQLite files throughout: a second connection (another thread) holds ``BEGIN EXCLUSIVE``
as another program would; a 1 MB tmpfs filled to the brim is a full disk. Each session runs
on a fake clock through all its steps; the same session recorded on a free journal is the
reference the late or recovered one must equal, field by field.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from coach.engine.clock import FakeClock
from coach.engine.plan import Plan, Step
from coach.engine.session import Session
from coach.journal.export import EXPORT_FORMAT, read_export
from coach.journal.recorder import Recorder, import_recovered
from coach.journal.records import Journal

FAST = 0.02  # the writer thread's wait for the lock on each retry, in these tests
CET = timezone(timedelta(hours=1))
WALL_START = datetime(2026, 3, 2, 9, 0, 0, tzinfo=CET)
# prepare 5 | hold 10 | rest 3 | hold 10 | stretch 20: 48 s in all, 40 s of work, 3 reps.
PLAN_SOURCE = """Plan(
    routine_id="test",
    title="Test routine",
    purpose="core",
    side=None,
    steps=tuple(
        Step(index, kind, "ex", "Ex", seconds, f"cue {index}", f"spoken {index}")
        for index, (kind, seconds) in enumerate(
            [("prepare", 5), ("hold", 10), ("rest", 3), ("hold", 10), ("stretch", 20)]
        )
    ),
    fingerprint="feedc0de12345678",
)"""
PLAN: Plan = eval(PLAN_SOURCE, {"Plan": Plan, "Step": Step})  # also run in a child process


class Wall:
    """Wall-clock time that moves with the fake clock."""

    def __init__(self, clock: FakeClock) -> None:
        self.clock = clock

    def __call__(self) -> datetime:
        return WALL_START + timedelta(seconds=self.clock.now())


def dead_pid() -> int:
    """The id of a process that has exited (and been reaped)."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


class Locker:
    """Another program holding the journal's write lock (``BEGIN EXCLUSIVE``) from a thread."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._taken = threading.Event()
        self._release = threading.Event()
        self._thread = threading.Thread(target=self._hold, daemon=True)

    def _hold(self) -> None:
        conn = sqlite3.connect(self.path, isolation_level=None)
        try:
            conn.execute("BEGIN EXCLUSIVE")
            self._taken.set()
            self._release.wait(30)
            conn.execute("COMMIT")
        finally:
            conn.close()

    def __enter__(self) -> Locker:
        self._thread.start()
        assert self._taken.wait(5), "could not take the lock"
        return self

    def release(self) -> None:
        self._release.set()
        self._thread.join(5)

    def __exit__(self, *exc: object) -> None:
        self.release()


class Run:
    """A session of PLAN on a fake clock, recorded, with the wall time each call took."""

    def __init__(self, journal: Journal, **options: Any) -> None:
        self.clock = FakeClock()
        self.session = Session(PLAN, self.clock)
        self.notices: list[str] = []
        self.notice_threads: list[str] = []
        self.recorder = Recorder(
            journal,
            PLAN,
            now=Wall(self.clock),
            pain_before=6,
            on_notice=self.notice,
            retry_busy_s=FAST,
            **options,
        )
        self.session.subscribe(self.recorder)
        self.slowest = 0.0

    def notice(self, line: str) -> None:
        self.notices.append(line)
        self.notice_threads.append(threading.current_thread().name)

    def timed(self, action: Callable[[], object]) -> None:
        started = time.perf_counter()
        action()
        self.slowest = max(self.slowest, time.perf_counter() - started)

    def start(self) -> None:
        self.timed(self.session.start)

    def rest_of_session(self) -> None:
        """Every step to the end, with an "it hurts" in the first hold; pain after and note."""
        for step in PLAN.steps[self.session.index :]:
            self.clock.advance(step.seconds / 2)
            self.timed(self.session.update)
            if step.kind == "hold" and step.index == 1:
                self.timed(lambda: self.session.mark("hurts", "sharp"))
            self.clock.advance(step.seconds / 2)
            self.timed(self.session.update)
        assert self.session.is_over
        self.timed(lambda: self.recorder.set_pain_after(3))
        self.timed(lambda: self.recorder.set_note("  better  than before "))

    def whole(self) -> None:
        self.start()
        self.rest_of_session()


def contents(path: Path, session_id: str | None = None) -> dict[str, Any]:
    """One session as the journal holds it (id aside), through a fresh connection."""
    with Journal(path) as journal:
        (session,) = [s for s in journal.sessions() if session_id in (None, s.id)]
        data = asdict(session)
        data.pop("id")
        data["steps"] = [asdict(step) for step in journal.steps(session.id)]
        data["events"] = [asdict(event) for event in journal.events(session.id)]
    return data


@pytest.fixture
def reference(tmp_path: Path) -> dict[str, Any]:
    """The session recorded on a journal nobody else uses."""
    path = tmp_path / "reference" / "coach.db"
    with Journal(path) as journal:
        run = Run(journal)
        run.whole()
        assert run.recorder.finish(1) == []
        assert run.notices == []
    data = contents(path)
    assert data["status"] == "completed"
    assert (data["pain_before"], data["pain_after"], data["note"]) == (6, 3, "better than before")
    assert len(data["steps"]) == 5
    assert [(e["kind"], e["at_s"]) for e in data["events"]] == [("hurts", 10.0)]
    return data


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "journal" / "coach.db"


def session_count(path: Path) -> int:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        return int(conn.execute("SELECT count(*) FROM sessions").fetchone()[0])


def wait_for(condition: Callable[[], bool], limit: float = 3.0) -> bool:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.01)
    return condition()


def no_writer_thread() -> bool:
    return not any(thread.name == "coach-journal" for thread in threading.enumerate())


# -- (a) locked for a while ------------------------------------------------------------------------


def test_a_session_runs_through_a_locked_journal_and_is_written_once_it_is_free(
    path: Path, reference: dict[str, Any]
) -> None:
    with Journal(path) as journal:
        run = Run(journal)
        with Locker(path) as lock:
            run.whole()  # locked from before the start: even the session row waits
            assert run.recorder.session_id is not None
            assert wait_for(lambda: bool(run.notices))
            assert session_count(path) == 0
            assert run.recorder.pending == 1 + 5 + 1 + 1 + 1 + 1  # start, steps, event, ...
            time.sleep(0.3)
            lock.release()
            lines = run.recorder.finish(timeout_s=5)
    assert run.slowest < 0.05, f"a session call took {run.slowest:.3f} s"
    assert run.notices == [
        "The journal is locked by another program: coach keeps this session and writes it "
        "as soon as it can; nothing recorded is lost."
    ]
    assert run.notice_threads == ["coach-journal"]
    assert run.recorder.notice == run.notices[0]
    assert len(lines) == 1
    assert lines[0].startswith("The journal was locked for ")
    assert lines[0].endswith(" s; everything was written once it was free.")
    assert contents(path) == reference
    assert run.recorder.pending == 0
    assert wait_for(no_writer_thread)


def test_writes_resume_by_themselves_when_the_lock_goes(
    path: Path, reference: dict[str, Any]
) -> None:
    """Locked mid-session: the rest waits in order and is written without waiting for finish."""
    with Journal(path) as journal:
        run = Run(journal)
        run.start()
        with Locker(path):
            run.rest_of_session()
            assert wait_for(lambda: bool(run.notices))
        assert run.recorder.wait_written(5)
        assert contents(path) == reference
        assert run.recorder.finish(1)[0].endswith("everything was written once it was free.")


def test_a_brief_lock_is_no_failure(path: Path, reference: dict[str, Any]) -> None:
    """Another coach committing a step holds the lock for moments: waited for, not reported."""
    with Journal(path) as journal:
        run = Run(journal)
        run.recorder.retry_busy_s = 2.0
        run.start()
        lock = Locker(path).__enter__()
        threading.Timer(0.1, lock.release).start()
        run.rest_of_session()
        assert run.recorder.finish(5) == []
    assert run.notices == []
    assert contents(path) == reference


# -- (b) locked past the end -----------------------------------------------------------------------


def test_a_lock_held_past_finish_saves_a_recovery_file_that_the_next_start_adds(
    path: Path, reference: dict[str, Any]
) -> None:
    with Journal(path) as journal:
        run = Run(journal)
        run.start()  # the running session's row is written
        with Locker(path):
            run.rest_of_session()
            started = time.monotonic()
            lines = run.recorder.finish(timeout_s=0.3)
            waited = time.monotonic() - started
    assert 0.3 <= waited < 2
    saved = path.parent / "recovery" / f"{run.recorder.session_id}.json"
    assert lines == [
        f"The journal is locked by another program, so this session was saved to {saved}; "
        "coach adds it to the journal when you next start a session. Nothing recorded is lost."
    ]
    assert oct(saved.stat().st_mode & 0o777) == "0o600"
    document = json.loads(saved.read_text(encoding="utf-8"))
    assert document["format"] == EXPORT_FORMAT
    (one,) = document["sessions"]
    assert (one["status"], one["pain_after"], len(one["steps"])) == ("completed", 3, 5)
    assert one["events"] == [{"at_s": 10.0, "kind": "hurts", "exercise": "ex", "detail": "sharp"}]
    assert [p.name for p in saved.parent.iterdir()] == [saved.name]  # no temporary left

    # The process ends; the next start finds the row it left running and marks it interrupted.
    with contextlib.closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("UPDATE sessions SET pid = ?", (dead_pid(),))
    with Journal(path) as journal:
        assert contents(path)["status"] == "interrupted"
        assert import_recovered(journal) == [
            "Added to the journal: Test routine of 2026-03-02 09:00, saved aside when it "
            "could not be written."
        ]
        assert not saved.exists()
        assert import_recovered(journal) == []
    assert contents(path) == reference


def test_a_session_never_written_at_all_comes_back_whole(
    path: Path, reference: dict[str, Any]
) -> None:
    with Journal(path) as journal:
        run = Run(journal)
        with Locker(path):
            run.whole()
            assert run.recorder.finish(timeout_s=0.1)[0].startswith("The journal is locked")
        assert session_count(path) == 0
        assert len(import_recovered(journal)) == 1
    assert contents(path) == reference


def test_import_recovered_is_cheap_without_files(path: Path) -> None:
    with Journal(path) as journal:
        started = time.perf_counter()
        assert import_recovered(journal) == []
        (path.parent / "recovery").mkdir()
        assert import_recovered(journal) == []
        assert time.perf_counter() - started < 0.01


def test_a_recovery_file_already_in_the_journal_is_fine(
    path: Path, reference: dict[str, Any]
) -> None:
    """Written late after all (say, in the writer's last try): adding it again changes nothing."""
    with Journal(path) as journal:
        run = Run(journal)
        run.whole()
        run.recorder.finish(1)
        # The same session saved aside, as finish would have.
        with contextlib.closing(sqlite3.connect(path)) as conn:
            before = conn.execute("SELECT count(*) FROM steps").fetchone()[0]
        document = read_export_file_for(journal, run.recorder.session_id)
        saved = path.parent / "recovery" / "x.json"
        saved.parent.mkdir()
        saved.write_text(document, encoding="utf-8")
        assert len(import_recovered(journal)) == 1
        assert not saved.exists()
        with contextlib.closing(sqlite3.connect(path)) as conn:
            assert conn.execute("SELECT count(*) FROM steps").fetchone()[0] == before
    assert contents(path) == reference


def read_export_file_for(journal: Journal, session_id: str | None) -> str:
    from coach.journal.export import export_data

    data = export_data(journal)
    data["sessions"] = [s for s in data["sessions"] if s["id"] == session_id]
    return json.dumps(data)


def test_a_recovery_file_that_cannot_be_added_is_kept_and_said(path: Path) -> None:
    folder = path.parent / "recovery"
    folder.mkdir(parents=True)
    broken = folder / "broken.json"
    broken.write_text('{"format": "coach-journal", "version": 2, "sessions": [{}]}')
    (folder / ".half-written.json.tmp").write_text("{")
    with Journal(path) as journal:
        lines = import_recovered(journal)
    assert len(lines) == 1
    expected = "could not be added to the journal (session 1 (no id, line 1): id: Field required)"
    assert expected in lines[0]
    assert f"{broken} was kept" in lines[0]
    assert broken.exists()


def test_an_import_of_a_recovery_file_is_all_or_nothing(
    path: Path, reference: dict[str, Any]
) -> None:
    with Journal(path) as journal:
        run = Run(journal)
        with Locker(path):
            run.whole()
            run.recorder.finish(timeout_s=0.1)
        saved = path.parent / "recovery" / f"{run.recorder.session_id}.json"
        # A trigger refusing the last step: the session row and the others must not stay.
        with contextlib.closing(sqlite3.connect(path)) as conn:
            conn.execute(
                "CREATE TRIGGER refuse BEFORE INSERT ON steps WHEN NEW.seq = 4 "
                "BEGIN SELECT RAISE(ABORT, 'refused'); END"
            )
            conn.commit()
        (line,) = import_recovered(journal)
        assert "refused" in line and "was kept" in line
        assert session_count(path) == 0
        assert saved.exists()
        with contextlib.closing(sqlite3.connect(path)) as conn:
            conn.execute("DROP TRIGGER refuse")
            conn.commit()
        assert import_recovered(journal)[0].startswith("Added to the journal")
    assert contents(path) == reference


def test_the_process_ending_without_finish_still_saves_the_session(tmp_path: Path) -> None:
    """The atexit net: writes still waiting when Python exits go to a recovery file."""
    path = tmp_path / "coach.db"
    script = f"""
import sqlite3, sys
from coach.engine.clock import FakeClock
from coach.engine.plan import Plan, Step
from coach.engine.session import Session
from coach.journal import recorder as module
from coach.journal.records import Journal

PLAN = {PLAN_SOURCE}

module.EXIT_TIMEOUT_S = 0.2
journal = Journal(__import__("pathlib").Path({str(path)!r}))
journal.open()
other = sqlite3.connect(journal.path, isolation_level=None)
other.execute("BEGIN EXCLUSIVE")
clock = FakeClock()
session = Session(PLAN, clock)
recorder = module.Recorder(journal, PLAN, retry_busy_s=0.01)
session.subscribe(recorder)
session.start()
clock.advance(48)
session.update()
print(recorder.session_id, flush=True)
"""
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 0, result.stderr
    session_id = result.stdout.strip()
    saved = tmp_path / "recovery" / f"{session_id}.json"
    assert result.stderr.startswith("coach: The journal is locked by another program, so ")
    assert str(saved) in result.stderr
    with Journal(path) as journal:
        import_recovered(journal)
        assert [s.status for s in journal.sessions()] == ["completed"]
        assert len(journal.steps(session_id)) == 5


# -- (c) a full disk -------------------------------------------------------------------------------


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 1 MB filesystem (tmpfs), so the disk can be filled for real."""
    folder = tmp_path / "small"
    folder.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a 1 MB tmpfs needs root; a full disk can't be made here")
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m,mode=0700", "tmpfs", str(folder)],
        capture_output=True,
        text=True,
    )
    if mounted.returncode != 0:
        pytest.skip(f"mount -t tmpfs is not permitted here: {mounted.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


class Filler:
    """Takes every free byte of a filesystem until ``free`` is called."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / "filler"

    def fill(self) -> None:
        descriptor = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            for size in (65536, 4096, 512, 1):
                with contextlib.suppress(OSError):
                    while True:
                        os.write(descriptor, b"\0" * size)
        finally:
            os.close(descriptor)

    def free(self) -> None:
        self.path.unlink()


def test_a_full_disk_does_not_end_the_session_and_everything_is_written_once_there_is_space(
    small_disk: Path, reference: dict[str, Any]
) -> None:
    path = small_disk / "coach.db"
    filler = Filler(small_disk)
    with Journal(path) as journal:
        run = Run(journal)
        run.start()
        filler.fill()
        run.rest_of_session()
        assert wait_for(lambda: bool(run.notices))
        assert run.notices[0].startswith(f"The disk holding {small_disk} is full: ")
        assert run.notices[0].endswith("nothing recorded is lost.")
        assert run.recorder.pending > 0
        time.sleep(0.2)
        filler.free()
        lines = run.recorder.finish(timeout_s=5)
    assert run.slowest < 0.05
    assert len(lines) == 1 and lines[0].startswith(f"The disk holding {small_disk} was full for ")
    assert lines[0].endswith("everything was written once there was space.")
    assert contents(path) == reference


def test_a_disk_full_past_finish_goes_to_a_recovery_file_elsewhere(
    small_disk: Path, tmp_path: Path, reference: dict[str, Any]
) -> None:
    path = small_disk / "coach.db"
    filler = Filler(small_disk)
    elsewhere = tmp_path / "recovery"
    with Journal(path) as journal:
        run = Run(journal, recovery_dir=elsewhere)
        run.start()
        filler.fill()
        run.rest_of_session()
        (line,) = run.recorder.finish(timeout_s=0.2)
        assert line.startswith(
            f"The disk holding {small_disk} is full, so this session was saved to {elsewhere}/"
        )
        filler.free()
        assert len(import_recovered(journal, elsewhere)) == 1
        assert list(elsewhere.iterdir()) == []
    assert contents(path) == reference


def test_when_even_the_recovery_file_cannot_be_written_finish_can_be_tried_again(
    small_disk: Path, reference: dict[str, Any]
) -> None:
    path = small_disk / "coach.db"
    filler = Filler(small_disk)
    with Journal(path) as journal:
        run = Run(journal)
        run.start()
        filler.fill()
        run.rest_of_session()
        (line,) = run.recorder.finish(timeout_s=0.2)
        assert line.startswith(
            f"The disk holding {small_disk} is full, and this session could not be saved in "
        )
        assert "It is kept while coach runs" in line
        assert run.recorder.pending > 0
        filler.free()
        assert run.recorder.wait_written(5)  # the writer kept trying after finish gave up
        (line,) = run.recorder.finish(timeout_s=5)
        assert line.startswith(f"The disk holding {small_disk} was full for ")
    assert contents(path) == reference
    assert not (small_disk / "recovery").exists() or not list((small_disk / "recovery").iterdir())


def test_recovery_files_hold_what_an_export_holds(path: Path) -> None:
    with Journal(path) as journal:
        run = Run(journal)
        with Locker(path):
            run.whole()
            run.recorder.finish(timeout_s=0.05)
    (saved,) = (path.parent / "recovery").iterdir()
    parsed = read_export(saved.read_text(encoding="utf-8"))
    assert [s.id for s in parsed.sessions] == [run.recorder.session_id]
