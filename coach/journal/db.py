"""The journal's SQLite file: opening it safely, its schema, and forward migrations.

Health data, and each row precious: the file is created with mode 0600; WAL is set outside a
transaction; ``synchronous=FULL``; a busy timeout lets a second instance wait rather than fail;
the schema version lives in ``PRAGMA user_version`` and each migration runs in one transaction
(statement by statement: ``executescript`` would commit first).

Anything odd at the journal path (not SQLite, corrupt, another program's database, a newer
schema, an unwritable folder) raises ``JournalError`` with a one-line reason *before anything
is written*: the file is left byte for byte as it was and never recreated over old data.

Health data is this user's alone: the folder is made 0700 and the journal, its ``-wal`` and
``-shm`` 0600 whatever the umask. A journal file of ours that others may read (an empty
``coach.db`` made by ``touch``, 0644) is tightened when opened; one that cannot be written
(``chmod 400``, a read-only ``-shm`` left behind by a run on a read-only journal) is named with
its fix before a session starts. A dangling symlink is refused, never written through: the
person meant the link to point at their journal, and a new empty one there would hide it.
What SQLite says when a write fails is put into words in one place, ``describe_failure``.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from coach.journal.liveness import RunningSession, running_sessions
from coach.locations import make_private_dir
from coach.safefile import UnreadableFileError, read_head

__all__ = [
    "HISTORY_CUTOFF_KEY",
    "HISTORY_VERSION_KEY",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "JournalError",
    "JournalHealth",
    "access_problems",
    "check_journal",
    "connect",
    "connect_writer",
    "describe_failure",
    "transaction",
]

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 10_000

HISTORY_VERSION_KEY = "history_version"
"""The meta key the triggers of migration 3 count up when a session that started before the
cutoff (the meta key ``HISTORY_CUTOFF_KEY``, a day as ``YYYY-MM-DD``) is added, changed or
deleted. Start times are stored as ``isoformat``, so they compare with a day as text."""
HISTORY_CUTOFF_KEY = "history_cutoff"
_CUTOFF = f"(SELECT value FROM meta WHERE key = '{HISTORY_CUTOFF_KEY}')"
_TRIGGER_ROWS = (("INSERT", ("NEW",)), ("UPDATE", ("OLD", "NEW")), ("DELETE", ("OLD",)))
"""Which row each trigger looks at: an update that moves a session across the cutoff counts."""

MIGRATIONS: tuple[tuple[str, ...], ...] = (
    # 1: sessions, their steps, and a small key-value table for app state.
    (
        """
        CREATE TABLE sessions (
            id             TEXT PRIMARY KEY,
            routine_id     TEXT NOT NULL,
            routine_title  TEXT NOT NULL,
            purpose        TEXT NOT NULL,
            fingerprint    TEXT NOT NULL,
            side           TEXT CHECK (side IN ('left', 'right')),
            speed          REAL NOT NULL DEFAULT 1 CHECK (speed > 0),
            started_at     TEXT NOT NULL,
            ended_at       TEXT,
            status         TEXT NOT NULL DEFAULT 'running'
                           CHECK (status IN ('running', 'completed', 'ended_early',
                                             'interrupted')),
            pain_before    INTEGER CHECK (pain_before BETWEEN 0 AND 10),
            pain_after     INTEGER CHECK (pain_after BETWEEN 0 AND 10),
            note           TEXT,
            flare          INTEGER NOT NULL DEFAULT 0 CHECK (flare IN (0, 1)),
            planned_s      INTEGER NOT NULL,
            work_planned_s INTEGER NOT NULL,
            reps_planned   INTEGER NOT NULL,
            work_done_s    REAL NOT NULL DEFAULT 0,
            reps_done      INTEGER NOT NULL DEFAULT 0,
            active_s       REAL NOT NULL DEFAULT 0,
            pid            INTEGER,
            host           TEXT
        )
        """,
        "CREATE INDEX sessions_started ON sessions (started_at)",
        "CREATE INDEX sessions_status ON sessions (status)",
        """
        CREATE TABLE steps (
            session_id  TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
            seq         INTEGER NOT NULL,
            step_index  INTEGER NOT NULL,
            kind        TEXT NOT NULL,
            exercise    TEXT NOT NULL,
            side        TEXT,
            set_no      INTEGER,
            rep         INTEGER,
            planned_s   REAL NOT NULL,
            done_s      REAL NOT NULL,
            work        INTEGER NOT NULL CHECK (work IN (0, 1)),
            counts_rep  INTEGER NOT NULL CHECK (counts_rep IN (0, 1)),
            outcome     TEXT NOT NULL
                        CHECK (outcome IN ('completed', 'skipped', 'back', 'ended')),
            ended_at    TEXT NOT NULL,
            PRIMARY KEY (session_id, seq)
        )
        """,
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    ),
    # 2: what was said or chosen during a session ("it hurts", the easier variant, a skip).
    (
        """
        CREATE TABLE events (
            session_id  TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
            seq         INTEGER NOT NULL CHECK (seq >= 0),
            at_s        REAL NOT NULL CHECK (at_s >= 0),
            kind        TEXT NOT NULL
                        CHECK (kind IN ('hurts', 'easier', 'skipped-exercise',
                                        'leg-symptoms')),
            exercise    TEXT NOT NULL,
            detail      TEXT,
            PRIMARY KEY (session_id, seq)
        )
        """,
    ),
    # 3: a count of changes to sessions that started before a cutoff, kept by SQLite itself
    # whoever writes: what is worked out from the old history (the streak up to a month ago,
    # coach.journal.history) is kept until a session before the cutoff changes.
    (
        f"INSERT OR IGNORE INTO meta (key, value) VALUES ('{HISTORY_VERSION_KEY}', '0')",
        *(
            f"""
            CREATE TRIGGER old_sessions_changed_on_{event.lower()} AFTER {event} ON sessions
            WHEN {" OR ".join(f"{row}.started_at < {_CUTOFF}" for row in rows)}
            BEGIN
                UPDATE meta SET value = CAST(value AS INTEGER) + 1
                WHERE key = '{HISTORY_VERSION_KEY}';
            END
            """
            for event, rows in (
                ("INSERT", ("NEW",)),
                ("UPDATE", ("OLD", "NEW")),
                ("DELETE", ("OLD",)),
            )
        ),
    ),
    # 4: coaching over weeks: the level a session ran at, what is logged outside sessions
    # (walks, the morning check, daily pain, the weekly PEG), level changes with their
    # reasons, and which education card was shown on which day.
    (
        "ALTER TABLE sessions ADD COLUMN level INTEGER CHECK (level >= 1)",
        """
        CREATE TABLE log_entries (
            id         TEXT PRIMARY KEY,
            kind       TEXT NOT NULL CHECK (kind IN ('walk', 'morning', 'pain', 'peg')),
            day        TEXT NOT NULL,
            logged_at  TEXT NOT NULL,
            minutes    INTEGER CHECK (minutes BETWEEN 1 AND 600),
            pain       INTEGER CHECK (pain BETWEEN 0 AND 10),
            leg        INTEGER CHECK (leg BETWEEN 0 AND 10),
            enjoyment  INTEGER CHECK (enjoyment BETWEEN 0 AND 10),
            activity   INTEGER CHECK (activity BETWEEN 0 AND 10),
            morning    TEXT CHECK (morning IN ('worse', 'same', 'better')),
            CHECK (kind <> 'walk' OR minutes IS NOT NULL),
            CHECK (kind <> 'morning' OR morning IS NOT NULL),
            CHECK (kind <> 'pain' OR pain IS NOT NULL),
            CHECK (kind <> 'peg' OR (pain IS NOT NULL AND enjoyment IS NOT NULL
                                     AND activity IS NOT NULL))
        )
        """,
        "CREATE INDEX log_entries_day ON log_entries (day)",
        """
        CREATE TABLE level_changes (
            id          TEXT PRIMARY KEY,
            routine_id  TEXT NOT NULL,
            level       INTEGER NOT NULL CHECK (level >= 1),
            change      TEXT NOT NULL
                        CHECK (change IN ('up', 'down', 'set', 'declined')),
            reason      TEXT NOT NULL,
            changed_at  TEXT NOT NULL
        )
        """,
        "CREATE INDEX level_changes_routine ON level_changes (routine_id, changed_at)",
        "CREATE TABLE cards_shown (day TEXT PRIMARY KEY, card_id TEXT NOT NULL)",
        *(
            f"""
            CREATE TRIGGER old_walks_changed_on_{event.lower()} AFTER {event} ON log_entries
            WHEN {" OR ".join(f"({row}.kind = 'walk' AND {row}.day < {_CUTOFF})" for row in rows)}
            BEGIN
                UPDATE meta SET value = CAST(value AS INTEGER) + 1
                WHERE key = '{HISTORY_VERSION_KEY}';
            END
            """
            for event, rows in _TRIGGER_ROWS
        ),
    ),
    # 5: sessions deleted on purpose, kept as tombstones so that an export, an import or a
    # second machine never brings one back.
    ("CREATE TABLE deleted_sessions (id TEXT PRIMARY KEY, deleted_at TEXT NOT NULL)",),
)
SCHEMA_VERSION = len(MIGRATIONS)


class JournalError(Exception):
    """The journal can't be used; the message is one line for the user. Nothing was written."""


@contextlib.contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """``BEGIN IMMEDIATE`` ... ``COMMIT``, or ``ROLLBACK`` on any error.

    IMMEDIATE takes the write lock at the start, so a second instance waits (busy timeout)
    instead of failing half way through.
    """
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def _check_existing_file(path: Path) -> bool:
    """True when ``path`` exists and holds data; raise when that data is not SQLite."""
    if path.is_dir():
        raise JournalError(f"the journal path {path} is a folder, not a file")
    try:
        header = read_head(path, len(SQLITE_HEADER))  # a FIFO or a device is refused, not read
    except UnreadableFileError as exc:
        if exc.missing:
            return False
        raise JournalError(f"the journal {path} {exc.reason}; it was left untouched") from None
    if not header:
        return False
    if header != SQLITE_HEADER:
        raise JournalError(
            f"{path} is not a coach journal (not an SQLite database); it was left untouched"
        )
    return True


def _refuse_dangling_link(path: Path) -> None:
    if path.is_symlink() and not path.exists():
        target = path.readlink()
        raise JournalError(
            f"the journal {path} is a symlink to {target}, which does not exist; coach does "
            "not create a journal through a link: point it at your journal, or remove it"
        )


def _create_private_file(path: Path) -> None:
    try:
        make_private_dir(path.parent)
        descriptor = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        os.close(descriptor)
    except FileExistsError:
        pass
    except OSError as exc:
        raise JournalError(f"cannot create the journal {path}: {exc.strerror}") from exc


def _inspect(conn: sqlite3.Connection, path: Path, existed: bool) -> int:
    """Read (only read) the schema version, refusing what this app must not touch."""
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if version > SCHEMA_VERSION:
        raise JournalError(
            f"{path} was written by a newer coach (journal version {version}; this coach "
            f"knows {SCHEMA_VERSION}); update coach to use it. The file was left untouched"
        )
    # Reading the schema also makes SQLite look at the file's structure: a damaged file fails
    # here, before anything is written.
    tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    if existed and version == 0 and tables:
        raise JournalError(
            f"{path} is an SQLite database of another program, not a coach journal; "
            "it was left untouched"
        )
    return version


def _migrate(conn: sqlite3.Connection, version: int) -> None:
    for target in range(version + 1, SCHEMA_VERSION + 1):
        with transaction(conn):
            # Another instance may have migrated while we waited for the lock.
            current = int(conn.execute("PRAGMA user_version").fetchone()[0])
            if current >= target:
                continue
            for statement in MIGRATIONS[target - 1]:
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {target}")


def connect(path: Path) -> sqlite3.Connection:
    """Open (creating if absent) the journal at ``path``, migrated to the current schema.

    The caller closes the connection (``Journal`` does, as a context manager).
    """
    _refuse_dangling_link(path)
    existed = _check_existing_file(path)
    if not existed:
        _create_private_file(path)
    _make_private(path)
    problems = access_problems(path, readable_by_others=False)  # another's file: said by doctor
    if problems:
        raise JournalError(f"{problems[0]}; nothing was written")
    conn: sqlite3.Connection | None = None
    try:
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        version = _inspect(conn, path, existed)
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise JournalError(f"cannot use the journal {path}: WAL mode unavailable ({mode})")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        _migrate(conn, version)
        return conn
    except JournalError:
        if conn is not None:
            conn.close()
        raise
    except sqlite3.DatabaseError as exc:
        if conn is not None:
            conn.close()
        raise JournalError(_explain(path, exc)) from exc


def connect_writer(path: Path) -> sqlite3.Connection:
    """A second connection to a journal that ``connect`` has already opened and migrated.

    For the recorder's writes: it never creates the file (a journal deleted under a running
    session fails to open rather than being recreated empty), never migrates, and may be used
    from another thread than the one that opened it (the caller makes sure only one thread
    uses it at a time). The busy timeout starts at 0; the caller sets it for each write.
    """
    conn = sqlite3.connect(
        f"{path.resolve().as_uri()}?mode=rw",
        uri=True,
        timeout=0,
        isolation_level=None,
        check_same_thread=False,
    )
    try:
        conn.execute("PRAGMA busy_timeout = 0")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
    except BaseException:
        conn.close()
        raise
    return conn


@dataclass(frozen=True)
class JournalHealth:
    """What ``coach doctor`` reports of a journal file."""

    version: int
    integrity: str
    sessions: int
    running: tuple[RunningSession, ...] = ()
    """Sessions marked running: a coach open now, or one that crashed (doctor tells which)."""

    @property
    def ok(self) -> bool:
        """True when SQLite's integrity check found nothing and the schema is this app's."""
        return self.integrity == "ok" and self.version == SCHEMA_VERSION


def check_journal(path: Path) -> JournalHealth:
    """Inspect the journal read-only: schema version, ``PRAGMA integrity_check``, sessions
    (and those marked running).

    Never creates, migrates or writes the file; raises ``JournalError`` when it is not a
    coach journal at all (or missing).
    """
    if not _check_existing_file(path):
        raise JournalError(f"the journal {path} does not exist yet")
    conn: sqlite3.Connection | None = None
    try:
        conn = sqlite3.connect(
            f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000
        )
        version = _inspect(conn, path, existed=True)
        rows = conn.execute("PRAGMA integrity_check").fetchall()
        integrity = "; ".join(str(row[0]) for row in rows[:3])
        if version < 1:
            return JournalHealth(version, integrity, 0)
        sessions = int(conn.execute("SELECT count(*) FROM sessions").fetchone()[0])
        return JournalHealth(version, integrity, sessions, tuple(running_sessions(conn)))
    except sqlite3.DatabaseError as exc:
        raise JournalError(_explain(path, exc)) from exc
    finally:
        if conn is not None:
            conn.close()


# -- permissions ------------------------------------------------------------------------------


def companions(path: Path) -> tuple[Path, Path]:
    """The ``-wal`` and ``-shm`` files SQLite keeps beside a journal in WAL mode."""
    return path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")


def _mode(path: Path) -> os.stat_result | None:
    try:
        return path.stat()
    except OSError:
        return None


def _make_private(path: Path) -> None:
    """Tighten the journal and its companions to this user, where they are this user's.

    Group and other bits go (health data); a ``-wal``/``-shm`` of ours that lost its owner
    write bit (made while the journal was ``chmod 400``) gets it back once the journal itself
    is writable again, as SQLite would have made it. Nothing else is changed: a journal the
    person made read-only stays read-only, and is said by ``access_problems``.
    """
    info = _mode(path)
    if info is None or info.st_uid != os.geteuid():
        return
    writable = bool(info.st_mode & stat.S_IWUSR)
    for file in (path, *companions(path)):
        found = _mode(file)
        if found is None or found.st_uid != os.geteuid() or not stat.S_ISREG(found.st_mode):
            continue
        mode = stat.S_IMODE(found.st_mode)
        wanted = 0o600 if file != path and writable else mode & 0o700
        if mode != wanted:
            with contextlib.suppress(OSError):
                file.chmod(wanted)


def _fix(path: Path, folder: bool = False) -> str:
    info = _mode(path)
    if info is not None and info.st_uid != os.geteuid():
        owner = info.st_uid
        return f"it belongs to user id {owner}: sudo chown {os.geteuid()} {path}, or run as {owner}"
    return f"chmod {'700' if folder else '600'} {path}"


def access_problems(path: Path, *, readable_by_others: bool = True) -> list[str]:
    """Why this user cannot write the journal at ``path`` (file, folder, ``-wal``, ``-shm``),
    each with its fix; and (unless told not to) which of them others can read. Empty when all
    is well. Only looks."""
    problems: list[str] = []
    folder = path.parent
    if folder.exists() and not os.access(folder, os.W_OK | os.X_OK):
        problems.append(
            f"the journal's folder {folder} cannot be written by you "
            f"(fix: {_fix(folder, folder=True)})"
        )
    for file in (path, *companions(path)):
        info = _mode(file)
        if info is None:
            continue
        mode = stat.S_IMODE(info.st_mode)
        if not os.access(file, os.R_OK | os.W_OK):
            what = "the journal" if file == path else "the journal's companion file"
            problems.append(
                f"{what} {file} cannot be written by you (mode {mode:o}; fix: {_fix(file)})"
            )
        elif mode & 0o077 and readable_by_others:
            problems.append(
                f"{file} can be read by others (mode {mode:o}) and holds your health data "
                f"(fix: chmod 600 {file}; coach does it when it next opens the journal)"
            )
    return problems


# -- what SQLite's errors mean ------------------------------------------------------------------

_SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_READONLY, _SQLITE_IOERR = 5, 6, 8, 10
_SQLITE_CORRUPT, _SQLITE_FULL, _SQLITE_CANTOPEN, _SQLITE_NOTADB = 11, 13, 14, 26
FULL_BELOW_BYTES = 64 * 1024
"""An I/O error with less free space than this on the journal's disk is a full disk."""


@dataclass(frozen=True)
class Failure:
    """What a failed journal operation means: a ``kind`` for code, a sentence for people."""

    kind: str  # "full", "readonly", "cantopen", "busy", "corrupt", "io", "other"
    sentence: str


def _disk_full(folder: Path) -> bool:
    try:
        info = os.statvfs(folder)
    except OSError:
        return False
    return info.f_bavail * info.f_frsize < FULL_BELOW_BYTES


def describe_failure(path: Path, exc: BaseException) -> Failure:
    """Put an SQLite (or OS) error on the journal at ``path`` into words, naming the cause:
    the one place that knows SQLite's codes. The sentence has no full stop and no capital."""
    code = getattr(exc, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    text = str(exc)
    lowered = text.lower()
    enospc = isinstance(exc, OSError) and exc.errno == errno.ENOSPC
    if primary == _SQLITE_FULL or enospc or "full" in lowered:
        return Failure("full", f"the disk holding {path.parent} is full")
    if primary in (_SQLITE_BUSY, _SQLITE_LOCKED) or "locked" in lowered or "busy" in lowered:
        return Failure("busy", f"the journal {path} is busy in another coach ({text})")
    if primary in (_SQLITE_CORRUPT, _SQLITE_NOTADB) or "malformed" in lowered:
        return Failure("corrupt", f"the journal {path} is damaged ({text})")
    if primary == _SQLITE_READONLY or "readonly" in lowered or "read-only" in lowered:
        problems = access_problems(path)
        why = problems[0] if problems else f"the journal {path} is read-only ({text})"
        return Failure("readonly", why)
    if primary == _SQLITE_CANTOPEN or "unable to open" in lowered:
        problems = access_problems(path)
        why = problems[0] if problems else f"the journal {path} cannot be opened ({text})"
        return Failure("cantopen", why)
    if primary == _SQLITE_IOERR or "disk i/o" in lowered:
        if _disk_full(path.parent):
            return Failure("full", f"the disk holding {path.parent} is full")
        return Failure("io", f"the disk holding {path} could not be written ({text})")
    return Failure("other", f"cannot use the journal {path}: {text}")


def _explain(path: Path, exc: sqlite3.DatabaseError) -> str:
    failure = describe_failure(path, exc)
    if failure.kind == "corrupt":
        return f"{failure.sentence}; it was left untouched"
    if failure.kind == "busy":
        return f"{failure.sentence}; try again"
    if failure.kind == "full":
        return f"{failure.sentence}: free some space; nothing already saved is lost"
    return failure.sentence
