"""Properties of the rewriter over many replies: facts kept, none invented, reads cleanly."""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from _contract_builders import traits
from servicemind.coach import analyser, facts, feedback, language, llm, rewrite
from servicemind.coach._data import load, template_vocabulary
from servicemind.coach.facts import check_rewrite
from servicemind.coach.rewrite import RewriteContext, rewrite_reply

EMOTIONS = ["angry", "disappointed", "confused", "anxious", "grateful", "neutral", None]
PIECES = [
    "That's not our department.",
    "As I already said,",
    "obviously",
    "the refund of $49.99",
    "takes 5 business days.",
    "Your order 4451 ships on Monday.",
    "Maria in billing can help.",
    "See help.example.com/returns.",
    "We apologize for any inconvenience.",
    "Sorry.",
    "Please reboot the router.",
    "You'll need to contact the courier.",
    "Calm down.",
    "I'll call you tomorrow.",
    "Fill in the RMA.",
    "It's your own fault.",
    "ok",
    "Hi Jane,\n\n",
    "\n\nBest,\nTom",
    "Thanks for waiting!",
    "per my last email,",
]
CUSTOMERS = [
    "Where is my refund?!",
    "I don't understand the RMA form",
    "My flight leaves tomorrow and I'm worried",
    "Thank you so much!",
    "Hola, mi pedido todavía no ha llegado",
    "You are useless idiots",
    "Can I change my booking?",
    "Still nothing.",
]


def _weak_traits(seed: int) -> dict[str, Any]:
    names = [
        "empathy",
        "ownership",
        "solution",
        "politeness",
        "patience",
        "adaptability",
        "enthusiasm",
    ]
    return traits(0.8, **{n: 0.2 for i, n in enumerate(names) if (seed >> i) & 1})


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    pieces=st.lists(st.sampled_from(PIECES), min_size=1, max_size=5),
    customer=st.sampled_from(CUSTOMERS),
    emotion=st.sampled_from(EMOTIONS),
    weak=st.integers(0, 127),
    hostile=st.sampled_from([0.0, 0.9]),
)
def test_coach_properties_rewrite_keeps_facts_invents_none_and_reads_cleanly(
    pieces: list[str], customer: str, emotion: str | None, weak: int, hostile: float
) -> None:
    reply = " ".join(pieces).strip()
    ctx = RewriteContext(
        reply=reply,
        customer_text=customer,
        emotion=emotion,
        hostile=hostile,
        traits=_weak_traits(weak),
        overall=40,
        conversation=[customer, reply],
        key=f"k{weak}",
    )
    rw = rewrite_reply(ctx)
    if rw.text is None:
        return
    jargon = list(load("jargon")["terms"])
    report = check_rewrite(
        reply, rw.text, [customer], replaced=jargon, allowed_words=template_vocabulary()
    )
    assert report.ok, (reply, rw.text, report)
    # independent: digits are never invented nor lost
    assert set(re.findall(r"\d+", rw.text)) <= set(re.findall(r"\d+", reply + customer))
    assert set(re.findall(r"\d+", reply)) <= set(re.findall(r"\d+", rw.text))
    # reads cleanly
    doubled = {m.group(1).lower() for m in re.finditer(r"\b(\w+)\W+\1\b", reply, re.I)}
    for m in re.finditer(r"\b(\w+) \1\b", rw.text, re.I):
        assert m.group(1).lower() in doubled, rw.text
    assert not re.search(r"[.!?,;]\s*[.,;]", rw.text), rw.text
    assert rw.text[0] not in ".,;:!?"
    assert len(re.findall(r"\bsorry\b|\bapologi", rw.text, re.I)) <= max(
        1, len(re.findall(r"\bsorry\b|\bapologi", reply, re.I))
    ), rw.text
    # no stacked templates: at most one added opener and one added closing sentence
    assert sum(bool(rx.search(rw.text)) for rx in _OPENERS) <= 1, rw.text
    assert sum(bool(rx.search(rw.text)) for rx in _CLOSERS) <= 1, rw.text


def _template_patterns(strings: list[str]) -> list[re.Pattern[str]]:
    # a variant shared by two kinds counts once
    patterns = {re.escape(t).replace(re.escape("{topic}"), ".+?") for t in strings}
    return [re.compile(p, re.I) for p in sorted(patterns)]


_OPENERS = _template_patterns(
    [
        t
        for kinds in load("acknowledgements").values()
        if isinstance(kinds, dict)
        for variants in kinds.values()
        for t in variants
    ]
)
_CLOSERS = _template_patterns(
    [
        t
        for k, v in load("phrases").items()
        if k.startswith("next_step") or k in ("ownership", "closing", "follow_up")
        for t in v
    ]
)


def _template_strings() -> list[str]:
    out: list[str] = []

    def walk(obj: Any, key: str = "") -> None:
        if isinstance(obj, str) and key not in ("_about", "keywords"):
            out.append(obj)
        elif isinstance(obj, dict):
            for k, v in obj.items():
                # the English patterns of the sentence translations are not phrases
                if k not in ("_about", "keywords", "stopwords", "en", "given"):
                    walk(v, k)
        elif isinstance(obj, list):
            for v in obj:
                walk(v, key)

    for name in ("acknowledgements", "topics", "phrases", "jargon", "languages"):
        walk(load(name))
    out += [re.sub(r"\\\d", "", repl) for _, repl in load("rules")["deflect"]]
    return out


@pytest.mark.parametrize("phrase", _template_strings())
def test_coach_data_phrases_contain_no_facts(phrase: str) -> None:
    assert not re.search(r"\d|https?://|www\.|@", phrase)
    found = facts.extract_facts(
        phrase.replace("{topic}", "this"), allowed_words=template_vocabulary()
    )
    assert not [f for f in found if f.kind != "name"], found


def test_coach_data_every_emotion_has_three_variants_of_each_kind() -> None:
    ack = load("acknowledgements")
    for emotion in (
        "angry",
        "disappointed",
        "confused",
        "anxious",
        "grateful",
        "neutral",
        "hostile",
    ):
        assert len(ack[emotion]["apology"]) >= 3 and len(ack[emotion]["plain"]) >= 3
    for lang in ("es", "fr", "de", "pt"):
        for slot in ("ack", "help", "thanks", "next_step"):
            assert len(load("languages")["phrases"][lang][slot]) >= 3


@pytest.mark.parametrize("module", [analyser, facts, feedback, language, llm, rewrite])
def test_coach_public_surface_is_declared(module: Any) -> None:
    assert module.__all__
    for name in module.__all__:
        assert hasattr(module, name)
