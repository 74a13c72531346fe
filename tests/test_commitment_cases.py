"""The hand-written commitment cases of the tests and the trainer's guideline cases agree.

The trainer (servicemind.training.commitments) keeps the model only to settings under which
``GUIDELINE_CASES`` (training/_commitment_cases.py) hold; the tests assert the same kind of
cases on the shipped model. Every extraction case a test parametrises must be a guideline
case with the same expected spans, so a case added to a test cannot be forgotten by the
trainer. Every parametrised test of the two commitment test modules is classified below:
a new one that is neither an extraction test nor declared as another kind fails here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from types import ModuleType
from typing import Any

import pytest

import test_commitment_model
import test_commitments
from servicemind.training._commitment_cases import GUIDELINE_CASES

_MODULES = (test_commitments, test_commitment_model)

#: Tests whose cases are (reply, expected spans) of ``extract_commitments`` (the spans as
#: texts, or as (text, due) pairs), or a reply that must give none.
EXTRACTION = frozenset(
    [
        "test_commitments_extracts_promises_with_due",
        "test_commitments_ignores_non_promises",
        "test_commitments_finds_passive_present_and_non_english_promises",
        "test_commitments_ignores_near_misses",
        "test_commitments_ignores_offers_waiting_for_a_yes",
        "test_commitments_bookings_for_a_future_date",
        "test_commitments_forecasts_for_this_customer",
        "test_commitments_negative_promises_and_forecasts",
        "test_commitments_negative_promises_with_our_side_as_subject",
        "test_commitments_opt_outs_and_reassurance_v3",
        "test_commitments_present_futures_in_other_languages",
        "test_commitments_present_for_future_it_es_pt_nl",
        "test_commitments_process_steps_after_customer_action",
        "test_commitments_offer_rule_keeps_promises",
        "test_commitments_progressive_with_a_time",
        "test_commitments_rebookings_and_due_forms",
        "test_commitments_adverbs_and_staff_subjects",
        "test_commitments_partners_figures_and_targets",
        "test_commitments_non_english_futures",
        "test_commitments_third_parties_and_participles",
        "test_commitments_schedules_chat_and_due_forms",
        "test_commitments_negatives_and_offers_round_four",
        "test_commitments_non_english_round_four",
        "test_commitments_schedule_forms_and_near_misses",
        "test_commitment_model_leaves_general_statements_alone",
        "test_commitment_model_adds_a_second_promise_beside_a_rule_span",
        "test_a_bare_will_do_promises_nothing",
        "test_commitments_polish_turkish_portuguese_dutch",
        "test_commitments_polish_turkish_without_letters_and_promise_verbs",
        "test_commitments_one_entry_per_joined_action",
        "test_commitments_lookups_bookings_and_due_clauses",
        "test_commitments_present_sanctions_and_spoken_clauses",
        "test_commitments_third_party_outcomes_and_add_guards",
        "test_commitments_states_and_reassurance",
        "test_commitments_rebukes_languages_obligations_and_day_dots",
        "test_commitments_present_outcomes_and_fronted_times",
    ]
)
#: Parametrised tests of another contract (due times, the guards, the scoring gate,
#: the due search, the rules alone): their cases are not extraction results.
OTHER = frozenset(
    [
        "test_commitments_due_phrase_resolves_against_turn_time",
        "test_commitments_due_every_lettered_weekday_reads_without_its_letters",
        "test_commitments_tracks_polish_and_turkish_outcomes",
        "test_commitments_due_search_matches_the_alternation",
        "test_commitment_model_keeps_clear_rule_promises",
        "test_commitment_model_scores_no_clause_without_a_signal",
        "test_commitment_model_gate_reads_future_forms_of_more_languages",
        "test_guard_keeps_performative_promises",
        "test_guard_refuses_offers_waiting_for_a_yes",
        "test_guard_refuses_offers_and_no_promise_sentences",
        "test_guard_refuses_reminders_and_unnamed_third_parties",
        "test_guard_refuses_statements_of_fact",
        "test_guard_refuses_done_work_comments_and_instructions",
        "test_commitment_features_read_sentence_forms",
        "test_commitments_rules_read_spoken_contractions",
        "test_commitments_due_phrases_of_speech_and_short_waits",
        "test_commitments_rules_read_present_and_verbless_schedules",
        "test_commitment_model_reads_spoken_lines",
        "test_commitment_model_adds_a_dated_sentence_from_its_own_threshold",
        "test_commitments_one_by_one_is_no_clock_time",
    ]
)


def _parametrised(module: ModuleType) -> Iterator[tuple[str, Callable[..., Any]]]:
    for name, fn in vars(module).items():
        if name.startswith("test_") and any(
            m.name == "parametrize" for m in getattr(fn, "pytestmark", [])
        ):
            yield name, fn


def _cases(fn: Callable[..., Any]) -> list[tuple[str, tuple[str, ...]]]:
    """``(reply, expected span texts)`` of an extraction test's parametrised cases."""
    out = []
    for mark in fn.pytestmark:
        if mark.name != "parametrize":
            continue
        names, values = mark.args[0], mark.args[1]
        multi = isinstance(names, tuple | list) or "," in names
        for v in values:
            v = getattr(v, "values", v)  # pytest.param
            if not multi:
                reply, expected = (v[0], v[1]) if isinstance(v, tuple) else (v, [])
            else:
                reply, expected = v[0], v[1]
            texts = tuple(e[0] if isinstance(e, tuple) else e for e in expected)
            out.append((reply, texts))
    return out


def test_commitment_cases_every_parametrised_test_is_classified() -> None:
    names = {n for m in _MODULES for n, _ in _parametrised(m)}
    assert names - EXTRACTION - OTHER == set()
    assert not EXTRACTION & OTHER


@pytest.mark.parametrize(
    ("name", "fn"),
    [(n, f) for m in _MODULES for n, f in _parametrised(m) if n in EXTRACTION],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_commitment_cases_are_guideline_cases(name: str, fn: Callable[..., Any]) -> None:
    guideline = dict(GUIDELINE_CASES)
    cases = _cases(fn)
    assert cases, name
    missing = [c for c in cases if guideline.get(c[0]) != c[1]]
    assert missing == [], f"{name}: add these to training/_commitment_cases.py"


def test_commitment_cases_hold_no_reply_twice() -> None:
    replies = [r for r, _ in GUIDELINE_CASES]
    assert len(replies) == len(set(replies))
