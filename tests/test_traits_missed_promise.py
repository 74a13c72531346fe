"""The reply after a missed promise (trial 22a F3): owning the lapse ("I'm sorry, I missed
Friday", "tut mir leid, dass ich mich nicht gemeldet habe") is responsibility shown, and "in
due course" in any language is no time at all (guideline: vague commitments score 0)."""

from __future__ import annotations

import pytest

from servicemind.analyse._cues import cueset
from servicemind.analyse.traits._analyser import build_reply, score_reply_traits
from servicemind.analyse.traits._context import build_context

PROMISED = ["I'll email you the download link by Friday."]


def _responsibility(reply: str, customer: str) -> float:
    ctx = build_context([(customer, {})], [("The download link never came.", {})], PROMISED)
    score = score_reply_traits(build_reply(reply, ctx))["responsibility"].score
    assert score is not None
    return score


@pytest.mark.parametrize(
    ("customer", "owned", "ignored"),
    [
        (
            "It's Monday and I still have nothing.",
            "I'm sorry, I missed Friday. Here is the link: dl.example.com/4471.",
            "Here is the link: dl.example.com/4471.",
        ),
        (
            "Es ist Montag und ich habe immer noch nichts.",
            "Es tut mir leid, dass ich mich nicht gemeldet habe. Hier ist der Link: dl.example.com/4471.",
            "Hier ist der Link: dl.example.com/4471.",
        ),
        (
            "Nous sommes lundi et je n'ai toujours rien.",
            "Désolé de ne pas vous avoir recontacté. Voici le lien : dl.example.com/4471.",
            "Voici le lien : dl.example.com/4471.",
        ),
        (
            "Es lunes y todavía no tengo nada.",
            "Siento no haberle escrito el viernes. Aquí tiene el enlace: dl.example.com/4471.",
            "Aquí tiene el enlace: dl.example.com/4471.",
        ),
    ],
)
def test_owning_a_missed_promise_raises_responsibility(
    customer: str, owned: str, ignored: str
) -> None:
    labels = {h.label for h in cueset("agent_cues.json", "responsibility").find(owned)}
    assert "owns a missed promise" in labels
    assert _responsibility(owned, customer) > _responsibility(ignored, customer)


@pytest.mark.parametrize(
    ("vague", "dated"),
    [
        ("The fix will be released in due course.", "The fix will be released on Friday."),
        ("Das Update kommt zu gegebener Zeit.", "Das Update kommt am Freitag."),
        ("La correction sera publiée en temps utile.", "La correction sera publiée vendredi."),
        (
            "La corrección se publicará a su debido tiempo.",
            "La corrección se publicará el viernes.",
        ),
        ("La correzione uscirà a tempo debito.", "La correzione uscirà venerdì."),
        ("De oplossing komt te zijner tijd.", "De oplossing komt vrijdag."),
    ],
)
def test_in_due_course_is_no_clear_time(vague: str, dated: str) -> None:
    labels = {h.label for h in cueset("agent_cues.json", "responsibility").find(vague)}
    assert "no clear time" in labels
    assert not {h.label for h in cueset("agent_cues.json", "responsibility").find(dated)} & {
        "no clear time"
    }
