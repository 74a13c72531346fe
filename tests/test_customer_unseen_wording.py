"""Customer side on unseen support wording (trial 21c): insults and threats in the corpus
languages, sincere relief that is not sarcasm, politeness idioms, calm cancellations and
escalation to consumer bodies. Every rule is tested with a look-alike it must leave alone."""

from __future__ import annotations

from typing import Any

import pytest

from _customer_helpers import annotated
from servicemind.analyse._normalise import find_cues, lead_clause, normalise
from servicemind.analyse.hostility import turn_signals
from servicemind.analyse.moments import leaves_unhappy, stated
from servicemind.analyse.satisfaction import HOSTILE_CAP, end_state


def _customer(text: str) -> dict[str, Any]:
    out: dict[str, Any] = annotated(("customer", text)).out["turns"][0]["customer"]
    return out


def _cues(text: str) -> set[str]:
    return {c["cue"] for c in find_cues(text)}


INSULTS = [
    "Bande d'incompétents, ça fait un mois que j'attends mon remboursement.",
    "Wat een stelletje prutsers zijn jullie. Gewoon mijn geld terug, nu.",
    "Ihr seid ein Haufen Stümper.",
    "Vocês são uns incompetentes, não sabem fazer nada.",
    "Siete degli incompetenti.",
    "You are a bunch of incompetents.",
    "I'll knock your teeth out if you hang up on me again.",
    "keep hanging up on me and I'll come down to your office and sort you out myself",
    "I know where your office is. Think about that.",
    "I hope whoever decided to cut off a pensioner loses their job over this.",
]
NOT_AIMED = [
    "This app is incompetent, it logs me out every five minutes.",
    "The damn export has crashed again.",
    "I hope you don't lose your job over this, you were very kind.",
    "Can you sort out my account please?",
    "Son unos productos inútiles, quiero devolverlos.",
    "I bought a bunch of flowers for my mum.",
    "Sie sind unterwegs, sagt die Sendungsverfolgung.",
    "i bought 200 quid of gems on my mum's card she's going to kill me can it be refunded",
]


@pytest.mark.parametrize("text", INSULTS)
def test_insults_and_threats_are_hostile_with_evidence(text: str) -> None:
    assert turn_signals(text)[0]
    out = _customer(text)
    assert out["hostile"] >= 0.5
    assert {s["cue"] for s in out["hostile_evidence"]} & {"insult", "threat", "abusive phrase"}


@pytest.mark.parametrize("text", NOT_AIMED)
def test_look_alikes_aimed_at_nobody_are_no_attack(text: str) -> None:
    assert not turn_signals(text)[0]


@pytest.mark.parametrize(
    "text",
    ["You'd better watch your back, mate.", "Vous êtes une bande d'incompétents."],
)
def test_a_hostile_turn_is_read_angry_not_calm(text: str) -> None:
    out = _customer(text)
    assert out["hostile"] >= 0.5
    assert out["emotion"]["label"] == "angry"
    assert out["satisfaction"] <= HOSTILE_CAP


@pytest.mark.parametrize(
    "text", ["Thanks so much, you're a star!", "Could you resend the invoice please?"]
)
def test_a_calm_turn_without_attack_keeps_its_emotion(text: str) -> None:
    out = _customer(text)
    assert out["hostile"] < 0.5
    assert out["emotion"]["label"] in ("grateful", "neutral")


@pytest.mark.parametrize(
    "text",
    [
        "Brilliant, printer's working again. Owe you a coffee!",
        "Great, my internet is back again!",
        "Amazing, the parcel that was delayed just arrived.",
        "Wonderful, you found the lost suitcase!",
    ],
)
def test_sincere_relief_is_not_sarcasm(text: str) -> None:
    assert "sarcasmcue" not in normalise(text)
    assert not any(c.startswith("sarcastic") for c in _cues(text))


@pytest.mark.parametrize(
    "text",
    [
        "Great, the error is back again.",
        "Great, another delay.",
        "Great, the parcel arrived broken again.",
        "Perfect, it works again for a minute and then crashes.",
    ],
)
def test_praise_with_a_contrary_sign_is_still_sarcasm(text: str) -> None:
    assert "sarcasmcue" in normalise(text)
    assert "sarcastic praise" in _cues(text)


@pytest.mark.parametrize(
    "text",
    [
        "I'm afraid I need to cancel the table for the 12th.",
        "I'm afraid so, yes. The order number is 44120.",
        "Unfortunately I'm afraid we'll be away that week, could the visit be in July?",
        "My father died last week and I need to close his account, I'm afraid.",
    ],
)
def test_polite_im_afraid_is_not_fear(text: str) -> None:
    assert "afraid" not in lead_clause(text)
    assert _customer(text)["emotion"]["label"] != "anxious"


@pytest.mark.parametrize(
    "text",
    [
        "I'm afraid I'll lose my flat if the deposit doesn't come back.",
        "I'm really afraid I need to pay twice now.",
        "I'm afraid of losing my job over this.",
    ],
)
def test_fearful_im_afraid_keeps_its_words(text: str) -> None:
    assert "afraid" in lead_clause(text)


def test_speechless_and_failed_are_not_confusion() -> None:
    assert "confusion" not in _cues("The trip was cancelled and I don't know what to say.")
    assert "confusion" not in _cues("The new phone didn't work out for me.")
    assert "decir" not in lead_clause("Se canceló el viaje y no sé qué decir.")
    # look-alikes: asking how to go on, or not being able to work something out
    assert "confusion" in _cues("I don't know where to start with this form.")
    assert "confusion" in _cues("I can't work out how the fee was calculated.")


def test_a_past_duration_praises_speed_and_sets_no_deadline() -> None:
    assert "urgency" not in _cues("Your colleague fixed it in 5 minutes!")
    assert lead_clause("Rebooked me in two minutes.") == "Rebooked me quickly."
    # look-alikes: a deadline ahead, or one the customer asks for
    assert "urgency" in _cues("My flight leaves in 2 hours and the app won't load.")
    assert lead_clause("I need it fixed in 2 hours.") == "I need it fixed in 2 hours."


def test_appreciation_then_a_contrast_lets_the_contrast_lead() -> None:
    assert lead_clause("Appreciate it, however the issue remains.").strip() == (
        "the issue remains."
    )
    even_if = "Thanks for trying, I do appreciate it, even if it failed."
    assert lead_clause(even_if).strip() == "it failed."
    # look-alike: appreciation with no contrast stays as written
    assert lead_clause("I really appreciate it, thank you.") == "I really appreciate it, thank you."


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Fine. 11 years with you and this is it. I'm off to a competitor.", "churn_intent"),
        ("Terceira vez este mês. Vou cancelar a assinatura.", "churn_intent"),
        ("Presentaré una reclamación ante la OCU.", "escalation_threat"),
        (
            "This thread goes to every local Facebook group and the consumer show.",
            "escalation_threat",
        ),
        ("You're a joke. An absolute joke. Put your manager on.", "escalation_threat"),
    ],
)
def test_churn_and_escalation_wording(text: str, kind: str) -> None:
    assert kind in stated(text)


@pytest.mark.parametrize(
    "text",
    [
        "I'm off to bed, speak tomorrow.",
        "I saw your advert on TV.",
        "I haven't seen that. I'll put it on the list.",
        "Can you put a note on my account?",
        "I'm moving to Canada next month and would like to close my account.",
        "Ma mère est décédée et je dois résilier son abonnement.",
        "Mein Vater ist verstorben, ich möchte seinen Vertrag kündigen.",
    ],
)
def test_no_churn_or_escalation_in_look_alikes_and_exemptions(text: str) -> None:
    assert not stated(text)


def test_a_move_to_a_provider_is_still_churn() -> None:
    assert "churn_intent" in stated("I'm moving to another provider next month.")


def test_a_calm_cancellation_request_is_not_capped() -> None:
    calm = "Please cancel my subscription at the end of the billing period. Thanks."
    assert not leaves_unhappy(calm, "neutral")
    assert leaves_unhappy(calm, "angry")
    assert leaves_unhappy("Cancel my contract, this is ridiculous.", "neutral")  # complains
    assert leaves_unhappy("Moving my money elsewhere.", "neutral")  # leaves, not a request
    assert leaves_unhappy("I'll take this to the ombudsman.", "neutral")
    assert end_state(3.4, 3.1, calm, "neutral") == 3.4
    assert end_state(3.4, 3.1, calm, "angry") == HOSTILE_CAP
    assert end_state(3.4, 3.1, calm) == HOSTILE_CAP  # no emotion read: as before
