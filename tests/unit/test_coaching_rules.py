"""The pure coaching rules: traffic light bands, when the red flags are due, a pain rise."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from coach.coaching import after, redflags
from coach.coaching.traffic import Light, light_for, light_text

NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("pain", "light"),
    [(0, Light.GREEN), (3, Light.GREEN), (4, Light.AMBER), (6, Light.AMBER), (7, Light.RED),
     (10, Light.RED), (None, None)],
)  # fmt: skip
def test_the_bands_follow_domain_section_4(pain: int | None, light: Light | None) -> None:
    assert light_for(pain) == light


def test_a_lower_threshold_makes_red_earlier_but_never_later_than_7() -> None:
    assert light_for(5, red_from=5) is Light.RED
    assert light_for(7, red_from=9) is Light.RED
    assert light_for(6, red_from=9) is Light.AMBER


def test_red_says_breathing_and_heat_only_and_heat_safety() -> None:
    text = light_text(Light.RED, 8)
    assert "breathing and heat only" in text
    assert "never on numb skin" in text and "falling asleep" in text


def test_the_check_is_due_first_then_after_30_days_and_after_leg_symptoms() -> None:
    assert redflags.check_due(None, None, NOW) is not None
    assert redflags.check_due(NOW - timedelta(days=30), None, NOW) is None
    stale = redflags.check_due(NOW - timedelta(days=30, seconds=1), None, NOW)
    assert stale is not None and stale.reason == "stale"
    leg = redflags.check_due(NOW - timedelta(days=3), NOW - timedelta(days=1), NOW)
    assert leg is not None and leg.reason == "leg-symptoms"
    assert redflags.check_due(NOW - timedelta(days=1), NOW - timedelta(days=3), NOW) is None


@pytest.mark.parametrize(
    "fragment",
    [
        "retention or incontinence",
        "saddle",
        "loss of bowel control",
        "new sexual dysfunction",
        "sciatica in both legs",
        "leg weakness",
        "chest pain",
        "serious accident or fall",
    ],
)
def test_every_emergency_item_is_listed(fragment: str) -> None:
    assert any(fragment in item for item in redflags.EMERGENCY)


@pytest.mark.parametrize(
    "fragment",
    [
        "fever",
        "weakened immune system",
        "injecting drug use",
        "weight loss",
        "cancer",
        "worse at night",
        "lump",
        "over 50",
        "osteoporosis",
        "eases when lying down",
        "morning stiffness over 30 minutes",
    ],
)
def test_the_see_a_doctor_soon_list_is_complete(fragment: str) -> None:
    assert any(fragment in item for item in redflags.SOON)


def test_spreading_numbness_and_unsteady_walking_are_same_day() -> None:
    assert any("spreading in a leg" in item for item in redflags.URGENT)
    assert any("unsteady walking" in item for item in redflags.URGENT)


def test_only_none_and_a_clinician_checked_soon_item_pass() -> None:
    assert {"none", "soon-checked"} == redflags.PASSING_ANSWERS
    assert "emergency" in redflags.ADVICE["emergency"]


def test_a_rise_is_two_points_or_more() -> None:
    assert after.pain_rose(3, 5)
    assert not after.pain_rose(3, 4)
    assert not after.pain_rose(None, 9) and not after.pain_rose(3, None)


def test_the_rise_advice_differs_for_a_flare_session() -> None:
    assert "No more loaded holds today." in after.rise_advice(3, 6, flare=False)
    flare = " ".join(after.rise_advice(3, 6, flare=True))
    assert "loaded holds" not in flare and "red flags" in flare


def test_a_kept_rise_round_trips_and_bad_values_are_ignored() -> None:
    kept = after.GentlerNext(date(2026, 11, 19), 3, 6)
    assert after.GentlerNext.from_meta(kept.to_meta()) == kept
    for bad in (None, "", "yesterday 3 6", "2026-11-19 three 6", "2026-11-19 3"):
        assert after.GentlerNext.from_meta(bad) is None
    assert "rose from 3 to 6" in after.gentler_note(kept)
