"""``coach routines list | show | validate | schema``: read the routine library, never change it."""

from __future__ import annotations

import argparse
import json
import sys
from itertools import groupby
from pathlib import Path
from typing import Any, TextIO

from pydantic import TypeAdapter

from coach.engine.plan import Plan, Side, build_plan, painful_side
from coach.flow.resolve import Found, resolve_routine
from coach.routine import Problem, ResolvedRoutine, load_default_library
from coach.routine.describe import describe_dose
from coach.routine.folders import unique_files
from coach.routine.levels import at_level, level_count, level_name
from coach.routine.model import Exercise, Routine
from coach.routine.problems import problems_heading
from coach.textsafe import inert, visible
from coach.timefmt import clock, words

__all__ = [
    "find_routine",
    "print_problems",
    "run_list",
    "run_schema",
    "run_show",
    "run_validate",
]


def print_problems(problems: list[Problem], out: TextIO) -> None:
    """One line per problem, literally as found."""
    for problem in problems:
        print(str(problem), file=out)


def find_routine(name: str, err: TextIO) -> Found | None:
    """The routine ``name`` means (``coach.flow.resolve``), or None after saying why on
    ``err``: the known ids and the nearest one, or the problems of its broken file."""
    found = resolve_routine(name)
    if isinstance(found, Found):
        return found
    print(f"coach: {found.message}", file=err)
    print_problems(found.problems, err)
    return None


def _your_level(resolved: ResolvedRoutine) -> int:
    """The level the person is at (1 when nothing is recorded or the journal can't be read);
    a journal that does not exist yet is not created for this."""
    from coach import locations
    from coach.journal import Journal, JournalError
    from coach.services.progress import level_for

    if not locations.journal_file().exists():
        return 1
    try:
        with Journal() as journal:
            return level_for(journal, resolved) or 1
    except JournalError:
        return 1


def _chosen_level(resolved: ResolvedRoutine, asked: int | None, err: TextIO) -> int | None:
    """The level to show: ``--level`` if given (checked), else the person's; None after
    saying why ``--level`` can't be shown. 0 means the routine has no ladder."""
    count = level_count(resolved)
    if asked is None:
        return _your_level(resolved) if count else 0
    if not count:
        print(f"coach: routine {resolved.id!r} has no progression ladder: no --level", file=err)
        return None
    if not 1 <= asked <= count:
        print(f"coach: routine {resolved.id!r} has levels 1 to {count}, not {asked}", file=err)
        return None
    return asked


def _print_plan(
    resolved: ResolvedRoutine, plan: Plan, steps: bool, out: TextIO, level: int = 0
) -> None:
    routine = resolved.routine
    print(f"{routine.title}  ({routine.id} · {routine.purpose})", file=out)
    print(routine.summary, file=out)
    if level:
        count = level_count(resolved)
        print(f"Level {level} of {count}: {level_name(resolved, level)}", file=out)
    if resolved.replaces is not None:
        yours, builtin = visible(str(resolved.path)), visible(str(resolved.replaces))
        print(f"Your file {yours} replaces the built-in {builtin}.", file=out)
    print(file=out)
    runs = [list(group) for _, group in groupby(plan.steps, key=lambda step: step.position)]
    for number, run in enumerate(runs, start=1):
        use = resolved.uses[run[0].position]
        seconds = sum(step.seconds for step in run)
        print(f"{number:>2}. {use.exercise.name:<26} {clock(seconds):>6}", file=out)
        print(f"    {describe_dose(use, plan.side)}", file=out)
    print(file=out)
    side = f" · painful side: {plan.side}" if plan.side else ""
    print(
        f"Total {clock(plan.total_s)} ({words(plan.total_s)}), of which work "
        f"{words(plan.work_s)}; {plan.reps} reps; {len(plan.steps)} steps{side}.",
        file=out,
    )
    print(f"Voice: {routine.sound_profile} (sound_profile).", file=out)
    if routine.safety:
        print(file=out)
        for note in routine.safety:
            print(f"Safety: {note}", file=out)
    if steps:
        print(file=out)
        at = 0
        for step in plan.steps:
            counters = step.counters()
            extra = f" · {counters}" if counters else ""
            print(
                f"  {clock(at):>6}  {step.label:<15} {step.seconds:>3} s  "
                f"{step.exercise_name}{extra}",
                file=out,
            )
            at += step.seconds


def run_list(args: argparse.Namespace, out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    """``coach routines list``: id, title, purpose and duration of every routine."""
    out, err = inert(out), inert(err)  # titles and cues come from files
    library = load_default_library()
    rows: list[dict[str, Any]] = []
    for resolved in sorted(library.routines.values(), key=lambda r: (r.routine.purpose, r.id)):
        plan = build_plan(resolved)
        rows.append(
            {
                "id": resolved.id,
                "title": resolved.routine.title,
                "purpose": resolved.routine.purpose,
                "duration_s": plan.total_s,
                "source": resolved.source,
                "path": str(resolved.path),
                "replaces": str(resolved.replaces) if resolved.replaces else None,
            }
        )
    if args.json:
        json.dump(rows, out, indent=2)
        print(file=out)
    else:
        width = max((len(row["id"]) for row in rows), default=2)
        title_width = max((len(row["title"]) for row in rows), default=5)
        print(f"{'ID':<{width}}  {'TITLE':<{title_width}}  {'PURPOSE':<9}  TIME", file=out)
        for row in rows:
            line = (
                f"{row['id']:<{width}}  {row['title']:<{title_width}}  "
                f"{row['purpose']:<9}  {clock(row['duration_s']):>5}"
            )
            if row["replaces"]:
                line += f"  (your file {visible(row['path'])} replaces the built-in)"
            elif row["source"] == "user":
                line += "  (yours)"
            print(line, file=out)
    if library.problems:
        print(f"\n{problems_heading(library.problems)}", file=err)
        print_problems(library.problems, err)
    return 0


def run_show(args: argparse.Namespace, out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    """``coach routines show ID``: the plan, as a readable outline or as JSON."""
    out, err = inert(out), inert(err)  # titles and cues come from files
    found = find_routine(args.id, err)
    if found is None:
        return 1
    level = _chosen_level(found.routine, getattr(args, "level", None), err)
    if level is None:
        return 1
    resolved = at_level(found.routine, level) if level else found.routine
    side: Side | None = painful_side(args.side)
    plan = build_plan(resolved, side)
    if args.json:
        data = plan.to_json()
        data["id"] = resolved.id
        data["level"] = level or None
        data["levels"] = level_count(resolved)
        data["level_name"] = level_name(resolved, level) if level else None
        data["summary"] = resolved.routine.summary
        data["exercises"] = [
            {"id": use.exercise.id, "name": use.exercise.name, "dose": describe_dose(use, side)}
            for use in resolved.uses
        ]
        json.dump(data, out, indent=2)
        print(file=out)
    else:
        _print_plan(resolved, plan, args.steps, out, level)
    return 0


def run_validate(
    args: argparse.Namespace, out: TextIO = sys.stdout, err: TextIO = sys.stderr
) -> int:
    """``coach routines validate PATH...``: exit 0 when every file is valid, else 1."""
    out, err = inert(out), inert(err)  # values from files are shown literally
    paths = unique_files(Path(p) for p in args.paths)  # each file once, however it is named
    library = load_default_library(paths)
    failed = False
    for path in paths:
        problems = library.problems_for(path)
        if problems:
            failed = True
            print_problems(problems, err)
            continue
        routines = [r for r in library.routines.values() if r.path == path]
        exercises = [e for e in library.exercises.values() if e.path == path]
        shown = visible(str(path))
        if routines:
            plan = build_plan(routines[0])
            print(f"ok: {shown}: routine {routines[0].id!r}, {clock(plan.total_s)}", file=out)
        elif exercises:
            print(f"ok: {shown}: exercise {exercises[0].exercise.id!r}", file=out)
        else:
            failed = True
            print(f"{shown}: nothing was loaded from this file", file=err)
    return 1 if failed else 0


def run_schema(args: argparse.Namespace, out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    """``coach routines schema [--exercise]``: the JSON Schema of routine (or exercise) files."""
    schema = TypeAdapter(Exercise).json_schema() if args.exercise else Routine.model_json_schema()
    json.dump(schema, out, indent=2)
    print(file=out)
    return 0
