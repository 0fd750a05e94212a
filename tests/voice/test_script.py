"""What the voice says in whole sessions of the built-in routines, on a fake clock.

A real ``Session`` and ``VoiceCoach`` feed a real ``Channel`` whose output is a fake that
"speaks" about 14 characters a second; the test pumps the channel itself (see ``Rig``).
"""

from __future__ import annotations

import pytest
from voice_support import START, TICK, Played, Rig, assert_no_overlap, library, plan_of

from coach.engine.plan import Plan, Step, StepKind
from coach.settings import DEFAULT_ANNOUNCEMENTS, Announcement, VoiceSettings
from coach.timefmt import spoken
from coach.voice.channel import Priority
from coach.voice.script import MILESTONES, cues_for_step, done_cue, voice_options

ROUTINES = ["daily-core", "mcgill-big-3", "diaphragmatic-breathing", "flare-up"]
WITH_COUNTDOWN: list[Announcement] = [*DEFAULT_ANNOUNCEMENTS, "countdown"]


def played_during(rig: Rig, kind: str, start: float, within: float) -> list[Played]:
    """Cues of ``kind`` that started in ``[start, start + within]``."""
    return [
        p for p in rig.output.played if p.kind == kind and start - 1e-9 <= p.start <= start + within
    ]


def hand_plan(*steps: tuple[StepKind, int, str], profile: str = "quiet") -> Plan:
    """A plan made by hand: (kind, seconds, spoken) per step, one exercise, no sides."""
    return Plan(
        routine_id="hand-made",
        title="Hand made",
        purpose="breathing",
        side=None,
        steps=tuple(
            Step(index, kind, "ex", "Ex", seconds, f"cue {index}", words)
            for index, (kind, seconds, words) in enumerate(steps)
        ),
        sound_profile=profile,  # type: ignore[arg-type]
    )


def index_of_first(plan: Plan, kind: str) -> int:
    return next(step.index for step in plan.steps if step.kind == kind)


# -- whole sessions ----------------------------------------------------------------------------


@pytest.mark.parametrize("routine_id", ROUTINES)
def test_a_whole_session_says_every_milestone_and_ends_with_done(routine_id: str) -> None:
    """Default settings: each exercise is named, every switch and last rep is heard on time,
    "Done" with the time comes last, and no two cues overlap or start after their shelf life."""
    rig = Rig(plan_of(routine_id)).start()
    rig.run_to_end()
    plan, played, starts = rig.plan, rig.output.played, rig.step_starts()

    names = [use.exercise.spoken_name for use in library().routines[routine_id].uses]
    exercise_cues = [p.text for p in played if p.kind == "exercise"]
    assert len(exercise_cues) == len(names)
    for name, text in zip(names, exercise_cues, strict=True):
        assert text.startswith(f"{name}."), (name, text)

    for step in plan.steps:
        at = starts[step.index]
        if step.kind == "switch":
            heard = played_during(rig, "switch", at, 3.0)
            assert [p.text for p in heard] == [step.spoken], step
            assert step.spoken.startswith("Switch sides")
        if step.milestone in ("halfway", "last-rep"):
            heard = played_during(rig, step.milestone, at, 2.0)
            assert [p.text for p in heard] == [step.moment_spoken], step
    assert sum(p.kind == "switch" for p in played) == sum(s.kind == "switch" for s in plan.steps)
    assert sum(p.kind == "last-rep" for p in played) == sum(
        s.milestone == "last-rep" for s in plan.steps
    )

    last = played[-1]
    assert last.kind == "done"
    assert last.text == f"Done. {spoken(plan.total_s)}."
    assert last.start >= START + plan.total_s
    assert sum(p.kind == "done" for p in played) == 1
    assert_no_overlap(played)
    for p in played:
        assert p.cue.due - 1e-9 <= p.start <= p.cue.expires


def test_daily_core_names_each_exercise_and_speaks_each_hold_and_rest() -> None:
    """Full profile: a work or milestone cue for every hold and "Rest" for every rest."""
    rig = Rig(plan_of("daily-core")).start()
    rig.run_to_end()
    starts = rig.step_starts()
    for step in rig.plan.steps:
        at = starts[step.index]
        if step.kind == "hold":
            kind = step.milestone if step.milestone in ("halfway", "last-rep") else "work"
            words = step.spoken if kind == "work" else step.moment_spoken
            if step.milestone == "start" and step.moment_spoken:
                words = step.moment_spoken  # the first rep's own words
            assert [p.text for p in played_during(rig, str(kind), at, 2.0)] == [words]
        elif step.kind == "rest" and step.moment_spoken:
            # The set break of the curl-up: its words instead of "Rest".
            assert [p.text for p in played_during(rig, "halfway", at, 2.5)] == [step.moment_spoken]
            assert played_during(rig, "rest", at, 1.5) == []
        elif step.kind == "rest":
            assert [p.text for p in played_during(rig, "rest", at, 1.5)] == ["Rest"]
    assert rig.output.texts("exercise")[0].startswith("Curl-up.")


def test_the_done_cue_says_the_time_and_an_early_end_says_so() -> None:
    """``done_cue``: "Done. <time>." when completed, "Session ended. <time> done." otherwise."""
    rig = Rig(plan_of("daily-core")).start()
    rig.run_to_end()
    summary = rig.session.summary()
    assert done_cue(summary, 5.0).text == f"Done. {spoken(summary.active_s)}."
    assert done_cue(summary, 5.0).priority is Priority.URGENT
    assert done_cue(summary, 5.0).due == 5.0


def test_ending_early_says_session_ended_not_done() -> None:
    """SessionEnded early: "Session ended. 30 seconds done." is the last cue, and no "Done"."""
    rig = Rig(plan_of("daily-core")).start()
    rig.run_for(30.0)
    rig.session.end()
    rig.run_to_end()
    last = rig.output.played[-1]
    assert last.kind == "done"
    assert last.text == f"Session ended. {spoken(rig.session.summary().active_s)} done."
    assert last.text == "Session ended. 30 seconds done."
    assert not any(p.text.startswith("Done") for p in rig.output.played)
    assert rig.speaker.finished  # told to let its thread end after the last words


# -- which announcements ------------------------------------------------------------------------


def test_the_quiet_profile_says_only_milestones() -> None:
    """Flare-up is quiet: no work, rest or countdown cues even when the user asks for them."""
    settings = VoiceSettings(announce=WITH_COUNTDOWN)
    options = voice_options(settings, plan_of("flare-up"))
    assert options.announce == MILESTONES
    rig = Rig(plan_of("flare-up"), settings).start()
    rig.run_to_end()
    kinds = {p.kind for p in rig.output.played}
    assert kinds <= {*MILESTONES, "breath"}
    assert {"exercise", "switch", "last-rep", "done", "breath"} <= kinds


def test_the_off_profile_says_nothing_and_silences_breathing() -> None:
    """A routine set to off in the settings: nothing announced, breathing silent, no sound."""
    settings = VoiceSettings(profiles={"diaphragmatic-breathing": "off"})
    options = voice_options(settings, plan_of("diaphragmatic-breathing"))
    assert options.announce == frozenset()
    assert options.breathing == "silent"
    assert options.silent
    rig = Rig(plan_of("diaphragmatic-breathing"), settings).start()
    rig.run_to_end()
    assert rig.output.played == []


def test_the_users_profile_overrides_the_routines_own() -> None:
    """``profiles`` wins: flare-up made full speaks its stretches; daily-core made quiet doesn't."""
    loud = VoiceSettings(profiles={"flare-up": "full"})
    assert {"work", "rest"} <= voice_options(loud, plan_of("flare-up")).announce
    rig = Rig(plan_of("flare-up"), loud).start()
    rig.run_to_end()
    assert rig.output.texts("work")

    hushed = VoiceSettings(profiles={"daily-core": "quiet"})
    assert voice_options(hushed, plan_of("daily-core")).announce == MILESTONES
    rig = Rig(plan_of("daily-core"), hushed).start()
    rig.run_to_end()
    assert rig.output.texts("work") == []
    assert rig.output.texts("rest") == []
    assert rig.output.texts("switch")


def test_a_profile_for_another_routine_changes_nothing() -> None:
    """Only the routine named in ``profiles`` is affected."""
    settings = VoiceSettings(profiles={"flare-up": "off"})
    options = voice_options(settings, plan_of("daily-core"))
    assert options.announce == frozenset(DEFAULT_ANNOUNCEMENTS)
    assert options.breathing == "tones"


def test_plain_mode_keeps_only_milestones() -> None:
    """The plain runner: the user's choice narrowed to milestones; breathing untouched."""
    settings = VoiceSettings(announce=WITH_COUNTDOWN, breathing="words")
    options = voice_options(settings, plan_of("daily-core"), plain=True)
    assert options.announce == MILESTONES
    assert options.breathing == "words"
    rig = Rig(plan_of("daily-core"), settings, plain=True).start()
    rig.run_to_end()
    assert {p.kind for p in rig.output.played} <= MILESTONES


def test_the_users_announce_list_narrows_everything() -> None:
    """Only switch asked for: a full daily-core session says only "Switch sides"."""
    settings = VoiceSettings(announce=["switch"])
    assert voice_options(settings, plan_of("daily-core")).announce == {"switch"}
    assert voice_options(settings, plan_of("flare-up"), plain=True).announce == {"switch"}
    rig = Rig(plan_of("daily-core"), settings).start()
    rig.run_to_end()
    assert rig.output.played
    assert {p.kind for p in rig.output.played} == {"switch"}
    assert all(p.text.startswith("Switch sides") for p in rig.output.played)


def test_an_empty_announce_list_still_marks_breaths_with_tones() -> None:
    """Nothing announced, tones kept: the options are not silent and only tones play."""
    settings = VoiceSettings(announce=[])
    options = voice_options(settings, plan_of("diaphragmatic-breathing"))
    assert not options.silent
    rig = Rig(plan_of("diaphragmatic-breathing"), settings).start()
    rig.run_to_end()
    assert rig.output.played
    assert all(p.cue.tone in ("in", "out") for p in rig.output.played)


# -- breathing ---------------------------------------------------------------------------------


def test_breaths_are_marked_by_tones_and_only_milestones_are_spoken() -> None:
    """Default settings: a played "in" tone at every inhale, "out" at every exhale, no words."""
    rig = Rig(plan_of("diaphragmatic-breathing")).start()
    rig.run_to_end()
    starts = rig.step_starts()
    for step in rig.plan.steps:
        if step.kind in ("inhale", "exhale"):
            tone = "in" if step.kind == "inhale" else "out"
            heard = played_during(rig, "breath", starts[step.index], 0.5)
            assert [p.cue.tone for p in heard] == [tone], step
    spoken_cues = [p for p in rig.output.played if p.cue.tone is None]
    assert {p.kind for p in spoken_cues} <= MILESTONES
    assert "In" not in rig.output.texts()
    assert "Out" not in rig.output.texts()
    assert_no_overlap(rig.output.played)


def test_a_milestone_breath_plays_its_tone_then_its_words() -> None:
    """Halfway and last breath: the tone first, the words right after it, both heard."""
    rig = Rig(plan_of("diaphragmatic-breathing")).start()
    rig.run_to_end()
    starts = rig.step_starts()
    marked = [s for s in rig.plan.steps if s.milestone in ("halfway", "last-rep")]
    assert marked
    for step in marked:
        heard = [
            p for p in rig.output.played if starts[step.index] <= p.start < starts[step.index] + 3
        ]
        assert [(p.cue.tone, p.kind) for p in heard[:2]] == [
            ("in", "breath"),
            (None, step.milestone),
        ]


HOLD_BREATHING = (
    ("prepare", 5, "Belly breathing"),
    ("inhale", 4, "In"),
    ("breath-hold", 2, "Hold"),
    ("exhale", 6, "Out"),
    ("breath-hold", 2, "Hold"),
    ("inhale", 4, "In"),
    ("exhale", 6, "Out"),
)


def test_breath_holds_get_no_tone() -> None:
    """Tones mark only in and out; a breath-hold step plays nothing."""
    rig = Rig(hand_plan(*HOLD_BREATHING)).start()
    rig.run_to_end()
    assert [p.cue.tone for p in rig.output.played if p.kind == "breath"] == [
        "in",
        "out",
        "in",
        "out",
    ]
    hold = next(s for s in rig.plan.steps if s.kind == "breath-hold")
    assert cues_for_step(hold, rig.options, 0.0) == []


def test_breathing_words_say_in_out_and_hold_and_play_no_tones() -> None:
    """``breathing = "words"``: In, Hold, Out, Hold, In, Out spoken; no tone at all."""
    settings = VoiceSettings(breathing="words")
    rig = Rig(hand_plan(*HOLD_BREATHING), settings).start()
    rig.run_to_end()
    assert all(p.cue.tone is None for p in rig.output.played)
    assert rig.output.texts("breath") == ["In", "Hold", "Out", "Hold", "In", "Out"]

    rig = Rig(plan_of("diaphragmatic-breathing"), settings).start()
    rig.run_to_end()
    assert all(p.cue.tone is None for p in rig.output.played)
    assert rig.output.texts("breath")[:4] == ["In", "Out", "In", "Out"]


def test_silent_breathing_with_a_full_profile_marks_no_breath() -> None:
    """``breathing = "silent"``: no breath cue, but the exercise and done are still said."""
    settings = VoiceSettings(breathing="silent")
    rig = Rig(hand_plan(*HOLD_BREATHING, profile="full"), settings).start()
    rig.run_to_end()
    assert rig.output.texts("breath") == []
    assert [p.kind for p in rig.output.played] == ["exercise", "done"]


# -- countdown ---------------------------------------------------------------------------------


def test_every_hold_longer_than_four_seconds_gets_three_two_one_before_its_end() -> None:
    """Countdown on: cues 3, 2, 1 due 3, 2, 1 s before the end; 4 s holds get none."""
    options = voice_options(VoiceSettings(announce=WITH_COUNTDOWN), plan_of("daily-core"))
    for step in plan_of("daily-core").steps:
        count = [c for c in cues_for_step(step, options, 100.0) if c.kind == "countdown"]
        if step.counts_rep and step.seconds > 4:
            end = 100.0 + step.seconds
            assert [(c.text, c.due) for c in count] == [
                ("3", end - 3),
                ("2", end - 2),
                ("1", end - 1),
            ]
            assert all(c.priority is Priority.TIMED for c in count)
        else:
            assert count == []
    short = hand_plan(("hold", 4, "Hold"), ("hold", 5, "Hold"), profile="full")
    assert [c.kind for c in cues_for_step(short.steps[0], options, 0.0)] == ["work"]
    assert [c.text for c in cues_for_step(short.steps[1], options, 0.0)][1:] == ["3", "2", "1"]


def test_the_countdown_is_heard_on_time_in_a_whole_session() -> None:
    """In a daily-core run every hold's 3, 2, 1 plays at 3, 2 and 1 s before its end."""
    rig = Rig(plan_of("daily-core"), VoiceSettings(announce=WITH_COUNTDOWN)).start()
    rig.run_to_end()
    starts = rig.step_starts()
    for step in rig.plan.steps:
        if step.kind == "hold":
            end = starts[step.index] + step.seconds
            heard = [
                p for p in rig.output.played if p.kind == "countdown" and end - 3.5 < p.start < end
            ]
            assert [p.text for p in heard] == ["3", "2", "1"], step
            for p, left in zip(heard, (3, 2, 1), strict=True):
                assert end - left - 1e-9 <= p.start <= end - left + TICK + 1e-9
    assert_no_overlap(rig.output.played)


def test_pausing_silences_and_the_countdown_restarts_from_the_new_deadline() -> None:
    """Paused 4 s before a hold ends: nothing plays while paused; on resume 3, 2, 1 count down
    to the new deadline, once each."""
    rig = Rig(plan_of("daily-core"), VoiceSettings(announce=WITH_COUNTDOWN)).start()
    hold = rig.plan.steps[index_of_first(rig.plan, "hold")]
    hold_start = rig.step_starts()[hold.index]
    rig.run_for(hold_start + hold.seconds - 4.0 - rig.now)
    assert rig.session.current_step == hold
    assert [c.text for c in rig.channel.pending if c.kind == "countdown"] == ["3", "2", "1"]

    rig.session.pause()
    paused_at = rig.now
    assert rig.channel.pending == []
    assert not rig.channel.busy
    assert all(p.finished <= paused_at + 1e-9 for p in rig.output.played)
    rig.run_for(20.0)
    assert all(p.start <= paused_at for p in rig.output.played)

    rig.session.resume()
    deadline = rig.session.deadline
    assert deadline is not None
    rig.run_for(4.5)
    heard = [p for p in rig.output.played if p.start > paused_at]
    assert [p.text for p in heard][:3] == ["3", "2", "1"]
    assert sum(p.kind == "countdown" for p in heard) == 3
    for p, left in zip(heard, (3, 2, 1), strict=False):
        assert deadline - left - 1e-9 <= p.start <= deadline - left + TICK + 1e-9


def test_pausing_stops_the_sentence_being_spoken() -> None:
    """Pause while the exercise is being named: its handle is stopped at once."""
    rig = Rig(plan_of("daily-core")).start()
    rig.run_for(1.0)
    rig.session.pause()
    naming = rig.output.played[0]
    assert naming.kind == "exercise"
    assert naming.stopped_at == rig.now
    assert rig.speaker.silenced == 1


def test_a_pause_late_in_a_hold_resumes_with_only_the_numbers_left() -> None:
    """Paused with 2.5 s left: on resume only 2 and 1 are said."""
    rig = Rig(plan_of("daily-core"), VoiceSettings(announce=WITH_COUNTDOWN)).start()
    hold = rig.plan.steps[index_of_first(rig.plan, "hold")]
    rig.run_for(rig.step_starts()[hold.index] + hold.seconds - 2.5 - rig.now)
    rig.session.pause()
    paused_at = rig.now
    rig.run_for(5.0)
    rig.session.resume()
    assert [c.text for c in rig.channel.pending] == ["2", "1"]  # 3 is past: not scheduled
    rig.run_for(2.4)
    assert [p.text for p in rig.output.played if p.start > paused_at] == ["2", "1"]


def test_moving_to_the_next_step_drops_the_unplayed_countdown() -> None:
    """Skipping a hold 2 s in: none of its 3, 2, 1 is ever said; the next step is."""
    rig = Rig(plan_of("daily-core"), VoiceSettings(announce=WITH_COUNTDOWN)).start()
    hold = rig.plan.steps[index_of_first(rig.plan, "hold")]
    rig.run_for(rig.step_starts()[hold.index] + 2.0 - rig.now)
    rig.session.next()
    assert rig.session.current_step.kind == "rest"
    assert not any(c.kind == "countdown" for c in rig.channel.pending)
    assert [c.text for c in rig.channel.dropped if c.kind == "countdown"] == ["3", "2", "1"]
    rig.run_for(3.0)
    assert rig.output.texts("countdown") == []
    assert rig.output.texts("rest") == ["Rest"]


def test_skipping_to_a_hold_while_paused_counts_down_only_after_resume() -> None:
    """Paused, then next onto a hold: no countdown while paused; after resume, 3, 2, 1 once."""
    rig = Rig(plan_of("daily-core"), VoiceSettings(announce=WITH_COUNTDOWN)).start()
    rig.run_for(3.0)
    rig.session.pause()
    rig.session.next()
    assert rig.session.current_step.kind == "hold"
    paused_from = rig.now
    rig.run_for(20.0)
    assert [
        p.text for p in rig.output.played if p.start >= paused_from and p.kind == "countdown"
    ] == []
    rig.session.resume()
    resumed_at = rig.now
    rig.run_for(rig.session.current_step.seconds)
    heard = [p.text for p in rig.output.played if p.start >= resumed_at and p.kind == "countdown"]
    assert heard == ["3", "2", "1"]


def test_skipping_one_step_says_the_step_landed_on() -> None:
    """Next during a hold, once the channel is free: "Rest" is said at once."""
    rig = Rig(plan_of("daily-core")).start()
    rig.run_for(13.0)  # the first hold (10 s to 18 s), its words said
    count = len(rig.output.played)
    rig.session.next()
    rig.run_for(1.0)
    assert [p.text for p in rig.output.played[count:]] == ["Rest"]


def test_skipping_onto_a_switch_says_the_switch_not_the_steps_skipped_past() -> None:
    """Switch sides is urgent: skipping rest and hold onto it drops their waiting words."""
    rig = Rig(plan_of("daily-core")).start()
    # A switch three steps after a hold with short words ("Last hold"): a long sentence still
    # being said would outlast the switch's shelf life, which is the channel's rule, not this.
    switch = next(s for s in rig.plan.steps if s.kind == "switch" and s.index > 25)
    before = rig.plan.steps[switch.index - 3]
    rig.run_for(rig.step_starts()[before.index] + 0.5 - rig.now)
    assert rig.channel.busy  # the hold's words are still being said
    count = len(rig.output.played)
    while rig.session.current_step != switch:
        rig.session.next()
    rig.run_for(4.0)
    assert [p.text for p in rig.output.played[count:]] == [switch.spoken]


def test_priorities_follow_the_table() -> None:
    """Switch, last rep and done are urgent; countdown and breaths timed; the rest normal."""
    settings = VoiceSettings(announce=WITH_COUNTDOWN)
    seen: dict[str, set[Priority]] = {}
    for routine_id in ("daily-core", "diaphragmatic-breathing"):
        plan = plan_of(routine_id)
        options = voice_options(settings, plan)
        for step in plan.steps:
            for item in cues_for_step(step, options, 0.0):
                seen.setdefault(item.kind, set()).add(item.priority)
    assert seen == {
        "exercise": {Priority.NORMAL},
        "work": {Priority.NORMAL},
        "rest": {Priority.NORMAL},
        "halfway": {Priority.NORMAL, Priority.TIMED},
        "switch": {Priority.URGENT},
        "last-rep": {Priority.URGENT, Priority.TIMED},
        "countdown": {Priority.TIMED},
        "breath": {Priority.TIMED},
    }


def test_skipping_through_several_steps_says_only_where_you_landed() -> None:
    """Three quick nexts (hold, rest, hold): only the last hold's words are heard."""
    rig = Rig(plan_of("daily-core")).start()
    rig.run_for(6.0)  # the exercise's name has been said; the channel is free
    count = len(rig.output.played)
    for _ in range(3):
        rig.session.next()
    landed = rig.session.current_step
    assert landed.kind == "hold"
    rig.run_for(4.0)
    assert [p.text for p in rig.output.played[count:]] == [landed.spoken]


# -- muting ------------------------------------------------------------------------------------


def test_muting_stops_what_plays_and_puts_nothing_more() -> None:
    """``set_muted(True)`` mid-sentence: stopped now, and nothing at all after, not even done."""
    rig = Rig(plan_of("daily-core"), VoiceSettings(announce=WITH_COUNTDOWN)).start()
    rig.run_for(1.0)
    rig.coach.set_muted(True)
    assert rig.coach.muted
    assert rig.output.played[0].stopped_at == rig.now
    assert rig.channel.pending == []
    count = len(rig.output.played)
    rig.run_to_end()
    assert len(rig.output.played) == count
    assert rig.channel.pending == []
    assert rig.channel.dropped == []


def test_unmuting_speaks_again_from_the_next_step() -> None:
    """Muted for a while, then unmuted mid-step: silent until the next step starts."""
    rig = Rig(plan_of("daily-core")).start()
    rig.coach.set_muted(True)
    rig.run_for(12.0)  # into the first hold, which started muted
    count = len(rig.output.played)
    rig.coach.set_muted(False)
    rig.run_for(5.0)  # still the first hold (10 s to 18 s)
    assert len(rig.output.played) == count
    rig.run_for(2.0)  # the rest at 18 s
    assert [p.text for p in rig.output.played[count:]] == ["Rest"]


# -- safety at "Get ready", the set break, the easier variant -------------------------------------


def test_get_ready_says_the_safety_advice_after_the_setup_in_one_cue() -> None:
    plan = plan_of("daily-core")
    prepare = next(s for s in plan.steps if s.exercise == "side-bridge")
    assert prepare.safety_spoken == "Stop if pain spreads down a leg"
    for settings, plain in ((VoiceSettings(), False), (VoiceSettings(), True)):
        cues = cues_for_step(prepare, voice_options(settings, plan, plain), 0.0)
        assert [(c.kind, c.text) for c in cues] == [
            ("exercise", f"{prepare.spoken}. Stop if pain spreads down a leg")
        ]
    quiet = VoiceSettings(announce=["work", "rest", "done"])
    assert cues_for_step(prepare, voice_options(quiet, plan), 0.0) == []
    off = VoiceSettings(profiles={"daily-core": "off"})
    assert cues_for_step(prepare, voice_options(off, plan), 0.0) == []


def test_an_exercise_without_safety_words_says_only_its_setup() -> None:
    plan = plan_of("diaphragmatic-breathing")
    [cue] = cues_for_step(plan.steps[0], voice_options(VoiceSettings(), plan), 0.0)
    assert cue.text == plan.steps[0].spoken


@pytest.mark.parametrize("plain", [False, True])
def test_switch_the_bent_leg_is_said_as_the_set_break_rest_starts(plain: bool) -> None:
    rig = Rig(plan_of("mcgill-big-3"), plain=plain).start()
    rig.run_to_end()
    starts = rig.step_starts()
    [rest] = [s for s in rig.plan.steps if s.moment_spoken == "Switch the bent leg"]
    assert rest.kind == "rest"
    heard = played_during(rig, "halfway", starts[rest.index], 2.5)
    assert [p.text for p in heard] == ["Switch the bent leg"]
    holds = [s for s in rig.plan.steps if s.kind == "hold"]
    for hold in holds:
        at = starts[hold.index]
        assert not any("bent leg" in p.text for p in rig.output.played if at <= p.start < at + 1)


def test_taking_the_easier_variant_says_its_name_at_once() -> None:
    rig = Rig(plan_of("daily-core")).start()
    rig.run_for(12.0)  # into the first curl-up hold
    assert rig.session.take_easier()
    rig.run_for(3.0)
    easier = [p for p in rig.output.played if p.kind == "easier"]
    assert [p.text for p in easier] == ["Easier: Head and shoulders down"]
    assert easier[0].cue.priority is Priority.URGENT
    # The other marks are for the front ends to speak.
    count = len(rig.output.played)
    rig.session.mark("hurts", "sharp")
    rig.run_for(0.5)
    assert not any(p.kind == "easier" or "sharp" in p.text for p in rig.output.played[count:])


def test_the_easier_variant_is_not_said_when_muted_or_off() -> None:
    off = VoiceSettings(profiles={"daily-core": "off"})
    for rig, muted in (
        (Rig(plan_of("daily-core"), off), False),
        (Rig(plan_of("daily-core")), True),
    ):
        rig.start()
        rig.coach.set_muted(muted)
        rig.run_for(12.0)
        assert rig.session.take_easier()
        rig.run_for(3.0)
        assert not any(p.kind == "easier" for p in rig.output.played)


def test_a_session_skipped_through_is_not_called_done() -> None:
    from coach.engine.session import Summary
    from coach.voice.script import done_cue

    skipped = Summary("completed", 40.0, 9.0, 100, 1, 12, 3, 30)
    finished = Summary("completed", 300.0, 100.0, 100, 12, 12, 30, 30)
    assert "Done" not in done_cue(skipped, 0.0).text
    assert "not counted" in done_cue(skipped, 0.0).text
    assert done_cue(finished, 0.0).text.startswith("Done.")
