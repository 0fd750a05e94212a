"""``coach history | stats | export | import | report``: reading (and restoring) the journal."""

from __future__ import annotations

import argparse
import json
import re
import sys
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from coach import locations
from coach.coaching.outcome import (
    PAIN_BEFORE_SCOPE,
    label,
    mean_relief_text,
    session_end,
)
from coach.journal import Journal, SessionRecord, now_local
from coach.limits import EARLIEST_SESSION
from coach.textsafe import one_line, visible
from coach.timefmt import words

if TYPE_CHECKING:  # the modules behind these load pydantic: imported where they are used
    from coach.journal.records import ImportCounts
    from coach.journal.stats import Stats, TrainingPlan

__all__ = [
    "parse_since",
    "run_export",
    "run_history",
    "run_import",
    "run_report",
    "run_stats",
    "training_plan",
]

_SINCE = re.compile(r"^(\d+)\s*([dwmy])$")
_UNIT_DAYS = {"d": 1, "w": 7, "m": 30, "y": 365}


def parse_since(text: str) -> date:
    """``4w`` (days, weeks, months of 30 days, years) or a date ``2026-11-01`` -> a start day.

    ``4w`` means the last 28 days including today. A period reaching back before any session
    could exist (``9999999y``, ``0001-01-01``) means "everything": it starts at
    ``EARLIEST_SESSION``, so no date arithmetic ever leaves the calendar. A day after today is
    refused: nothing can have happened since then.
    """
    value = text.strip().lower()
    match = _SINCE.match(value)
    today = now_local().date()
    earliest = EARLIEST_SESSION.date()
    if match:
        days = int(match.group(1)) * _UNIT_DAYS[match.group(2)]
        if days < 1:
            raise argparse.ArgumentTypeError("expected a period of at least one day, e.g. 4w")
        if days > (today - earliest).days:
            return earliest
        return today - timedelta(days=days - 1)
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected a period such as 7d, 4w, 6m, 1y or a date such as 2026-11-01, found {text!a}"
        ) from None
    if day > today:
        raise argparse.ArgumentTypeError(
            f"{day.isoformat()} is after today ({today.isoformat()}): expected a past date"
        )
    return max(earliest, day)


def training_plan() -> TrainingPlan:
    """The weekly goal and rest days from the settings (without the settings model when the
    file sets them plainly: see coach.training)."""
    from coach.journal.stats import TrainingPlan
    from coach.training import quick_training_plan

    plan = quick_training_plan(locations.config_file())
    if plan is not None:
        return plan
    from coach.settings import load_settings

    settings = load_settings().settings
    return TrainingPlan(settings.weekly_goal, frozenset(settings.rest_days))


def _since_instant(day: date) -> datetime:
    return datetime.combine(day, datetime.min.time()).astimezone()


def _history_line(session: SessionRecord) -> str:
    status = label(session_end(session.status, session.dose))
    pain = ""
    if session.pain_before is not None or session.pain_after is not None:
        before = "-" if session.pain_before is None else session.pain_before
        after = "-" if session.pain_after is None else session.pain_after
        pain = f"  pain {before}→{after}"
    tags = []
    if session.preview:
        tags.append(f"preview {session.speed:g}x")
    if session.flare or session.purpose == "flare":
        tags.append("flare")
    if session.side:
        tags.append(session.side)
    tag = f"  [{', '.join(tags)}]" if tags else ""
    note = f"  “{one_line(session.note)}”" if session.note else ""
    return (
        f"{session.started.strftime('%Y-%m-%d %H:%M')}  {one_line(session.routine_title):<30}  "
        f"{status:<15}  {session.dose:>4.0%} of {words(session.work_planned_s)}{pain}{tag}{note}"
    )


def run_history(
    args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """Sessions, newest first."""
    out = out or sys.stdout  # looked up now: tests replace it
    since = _since_instant(args.since) if args.since else None
    with Journal() as journal:
        sessions = journal.sessions(since)
        changes = [] if args.json else _level_changes(journal, since)
    if args.json:
        json.dump([s.to_json() for s in sessions], out, indent=2, ensure_ascii=False)
        print(file=out)
        return 0
    if not sessions and not changes:
        print("No sessions yet." if since is None else "No sessions in that period.", file=out)
        return 0
    lines = [(s.started, _history_line(s)) for s in sessions] + changes
    for _, line in sorted(lines, key=lambda pair: pair[0], reverse=True):
        print(line, file=out)
    return 0


def _level_changes(journal: Journal, since: datetime | None) -> list[tuple[datetime, str]]:
    """Each level change (from ``since`` on) as a dated line for the history, with the routine's
    name as its sessions show it and the reason in words."""
    from coach.journal.logbook import level_changes

    changes = level_changes(journal)
    if not changes:
        return []
    titles = {}
    for routine_id in {change.routine_id for change in changes}:
        # Its latest title, walking the started_at index back from the newest session.
        row = journal.conn.execute(
            "SELECT routine_title FROM sessions WHERE routine_id = ? "
            "ORDER BY started_at DESC LIMIT 1",
            (routine_id,),
        ).fetchone()
        titles[routine_id] = row[0] if row else routine_id
    lines = []
    for change in changes:
        at = datetime.fromisoformat(change.changed_at)
        if since is not None and at < since:
            continue
        title = titles.get(change.routine_id, change.routine_id)
        line = (
            f"{at.strftime('%Y-%m-%d %H:%M')}  {one_line(title):<30}  "
            f"level {change.level} ({change.change}): {one_line(change.reason)}"
        )
        lines.append((at, line))
    return lines


def _print_stats(stats: Stats, out: TextIO) -> None:
    def share(value: float | None) -> str:
        return "n/a" if value is None else f"{value:.0%}"

    pain = stats.pain
    lines = [
        f"Last {(stats.today - stats.window_start).days + 1} days "
        f"({stats.window_start.isoformat()} to {stats.today.isoformat()})",
        f"  This week:  {stats.this_week.done} of {stats.this_week.planned} planned days "
        f"({share(stats.this_week.share)})",
        f"  Adherence:  {stats.window.done} of {stats.window.planned} planned days "
        f"({share(stats.window.share)}); dose {share(stats.dose)} of planned work",
        f"  Active:     {stats.window_active.done} of {stats.window_active.planned} planned days "
        f"({share(stats.window_active.share)}) with a session or a walk; this week "
        f"{stats.this_week_active.done} of {stats.this_week_active.planned}",
        f"  Streak:     {stats.current_streak} day{'' if stats.current_streak == 1 else 's'} "
        f"(best {stats.best_streak})",
        f"  Sessions:   {stats.sessions}"
        + (f" (+{stats.previews} previews, not counted)" if stats.previews else ""),
        "  Pain:       "
        + (f"before {pain.mean_before:.1f}" if pain.mean_before is not None else "before n/a")
        + (f", after {pain.mean_after:.1f}" if pain.mean_after is not None else ", after n/a")
        + f" ({PAIN_BEFORE_SCOPE})",
        "              "
        + mean_relief_text(pain.mean_change, pain.sessions_with_relief, pain.paired_sessions),
    ]
    for routine_id, count in stats.per_routine.items():
        lines.append(f"    {routine_id:<26} {count}")
    print("\n".join(lines), file=out)


def pain_threshold() -> int:
    """Where the red band starts (the ``pain_threshold`` setting), read as plainly as the
    training plan: the full settings loader only when the file sets it oddly."""
    import tomllib

    from coach.limits import MAX_CONFIG_BYTES
    from coach.safefile import UnreadableFileError, read_bounded

    try:
        data = tomllib.loads(read_bounded(locations.config_file(), MAX_CONFIG_BYTES).decode())
        value = data.get("pain_threshold", 7)
        if type(value) is int and 0 <= value <= 10:
            return value
    except UnreadableFileError as exc:
        if exc.missing:
            return 7
    except (UnicodeDecodeError, tomllib.TOMLDecodeError):
        pass
    from coach.settings import load_settings

    return load_settings().settings.pain_threshold


def run_stats(
    args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """Adherence, streak and pain trend; outcomes over weeks and walking."""
    out = out or sys.stdout  # looked up now: tests replace it
    from coach.journal.history import stats_for
    from coach.services.cards import learning
    from coach.services.outcomes import outcome_lines, outcomes, walking, walking_lines

    today = now_local().date()
    plan = training_plan()
    red_from = pain_threshold()
    with Journal() as journal:
        stats = stats_for(journal, plan, today, args.days)
        window_start = today - timedelta(days=args.days - 1)
        results = outcomes(journal, today, window_start, red_from)
        walks = walking(journal, today, window_start)
        learned = learning(journal, today)
    if args.json:
        data = stats.to_json() | {
            "outcomes": results.to_json(),
            "walking": walks.to_json(),
            "learning": learned.to_json(),
        }
        json.dump(data, out, indent=2)
        print(file=out)
    else:
        _print_stats(stats, out)
        lines = walking_lines(walks) + outcome_lines(results) + [learned.line()]
        print("\n".join(f"  {line}" for line in lines), file=out)
    return 0


def run_export(
    args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """CSV (one row per session) or JSON (everything, steps included), session by session."""
    from coach.journal.export import UnexportableError, csv_chunks, json_chunks
    from coach.outfile import OutputError, write_output

    out, err = out or sys.stdout, err or sys.stderr  # looked up now: tests replace them

    try:
        with Journal() as journal:
            chunks = csv_chunks(journal) if args.format == "csv" else json_chunks(journal)
            write_output(chunks, args.output, out, journal=journal.path)
    except (OutputError, UnexportableError) as exc:
        print(visible(f"coach: {exc}"), file=err)
        return 1
    if args.output and args.output != "-":
        print(f"Exported to {args.output}.", file=err)
    return 0


def _import_summary(counts: ImportCounts) -> str:
    """One line: sessions, and the other rows (log entries, level changes, cards shown), each
    added or already in the journal."""
    repeated = f", {counts.repeated} repeated in the file" if counts.repeated else ""
    sessions = (
        f"Imported {counts.added} new session{'s' if counts.added != 1 else ''} "
        f"({counts.present} already in the journal{repeated})"
    )
    if not counts.rows_added and not counts.rows_present:
        return f"{sessions}."
    rows = (
        "log entry, level change or card shown"
        if counts.rows_added == 1
        else "log entries, level changes or cards shown"
    )
    return (
        f"{sessions}, and {counts.rows_added} new {rows} "
        f"({counts.rows_present} already in the journal)."
    )


def run_import(
    args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """Add the sessions of a JSON export that the journal does not have yet: all or nothing.

    The file is read as a stream (memory stays small whatever its size), each session checked
    as it comes and written in the same transaction, committed only when all are good.
    """
    from coach.journal import JournalError
    from coach.journal.export import ExportFormatError, read_export_stream
    from coach.safefile import UnreadableFileError, open_regular

    out, err = out or sys.stdout, err or sys.stderr  # looked up now: tests replace them

    path = Path(args.file)
    try:
        with open_regular(path) as stream, Journal() as journal:
            counts = journal.import_stream(read_export_stream(stream))
    except UnreadableFileError as exc:
        print(visible(f"coach: {path} {exc.reason}; nothing was imported"), file=err)
        return 1
    except (ExportFormatError, JournalError) as exc:
        print(visible(f"coach: {path}: {exc}; nothing was imported"), file=err)
        return 1
    except OSError as exc:  # the file failed while being read (an I/O error)
        reason = exc.strerror or exc
        print(visible(f"coach: {path} cannot be read: {reason}; nothing was imported"), file=err)
        return 1
    print(_import_summary(counts), file=out)
    return 0


def run_report(
    args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """A one-page summary for a physio, as Markdown (default) or one self-contained HTML file."""
    from coach.outfile import OutputError, check_output, write_output
    from coach.report import read_report, render_html, render_markdown
    from coach.report.read import machine_user

    out, err = out or sys.stdout, err or sys.stderr  # looked up now: tests replace them
    today = now_local().date()
    since: date = args.since or parse_since("4w")
    plan = training_plan()
    red_from = pain_threshold()
    try:  # refused before the journal is opened: it keeps what it reads (coach.journal.history)
        if args.output not in (None, "-"):
            check_output(Path(args.output), locations.journal_file())
    except OutputError as exc:
        print(visible(f"coach: {exc}"), file=err)
        return 1
    with Journal() as journal:
        data = read_report(journal, plan, today, since, user=machine_user(), red_from=red_from)
        journal_path = journal.path
    render = render_html if getattr(args, "format", "md") == "html" else render_markdown
    text = render(data, sessions=bool(getattr(args, "sessions", False)))
    try:
        write_output([text], args.output, out, journal=journal_path)
    except OutputError as exc:
        print(visible(f"coach: {exc}"), file=err)
        return 1
    return 0
