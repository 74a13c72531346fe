"""The customer's emotion read with the agent turn before it (``_emotion_context``).

Minimal pairs: the same customer words after two agent turns, or two customer turns that
differ in the one feature a rule reads, in several of the corpus languages.
"""

from __future__ import annotations

import pytest
from tests._customer_helpers import annotated

from servicemind.analyse._emotion_context import bad_news, curt_reply, read_in_context
from servicemind.analyse.hostility import turn_signals

REFUSAL = "Unfortunately we can't refund this order, it is outside the 30-day window."
FIX = "I've refunded the full amount, you'll see it on your card in 2 days."
STEPS = "Go to Settings > Billing > Manage plan and tap Change."


def _emotion(agent: str | None, customer: str) -> dict:
    turns = [("customer", "Hi, I have a problem with my order 5512.")]
    if agent is not None:
        turns.append(("agent", agent))
    turns.append(("customer", customer))
    out = annotated(*turns).out["turns"][-1]["customer"]["emotion"]
    return dict(out)


def _reads(text: str, model: str, agent: str | None, first: bool = False) -> str | None:
    """The label the context rules give ``text`` read ``model`` after ``agent``, or None."""
    reading = read_in_context(text, model, agent, first)
    return None if reading is None else reading.label


def _context_cues(emotion: dict) -> list[str]:
    return [c["cue"] for c in emotion.get("cues", [])]


@pytest.mark.parametrize(
    ("refusal", "fix", "reply"),
    [
        (REFUSAL, FIX, "Thank you."),
        (REFUSAL, FIX, "ok thanks"),
        (
            "Malheureusement nous ne pouvons pas rembourser cette commande.",
            "J'ai remboursé la commande, vous le verrez sous 3 jours.",
            "Merci.",
        ),
        (
            "Leider können wir die Bestellung nicht erstatten.",
            "Ich habe die Bestellung erstattet.",
            "Danke.",
        ),
        (
            "Helaas kunnen we dit niet terugbetalen.",
            "Ik heb de bestelling terugbetaald.",
            "Bedankt.",
        ),
    ],
)
def test_emotion_context_curt_thanks_is_grateful_after_a_fix_only(
    refusal: str, fix: str, reply: str
) -> None:
    after_fix = _emotion(fix, reply)
    after_refusal = _emotion(refusal, reply)
    assert after_fix["label"] == "grateful"
    assert after_refusal["label"] in ("neutral", "disappointed")
    assert any("bad news" in c for c in _context_cues(after_refusal))
    # the moved probability goes with the label: the label is the top score
    scores = after_refusal["scores"]
    assert after_refusal["label"] == max(scores, key=scores.__getitem__)


@pytest.mark.parametrize(
    ("reply", "label"),
    [
        ("Thanks.", "disappointed"),  # one word and a full stop
        ("Thanks, I guess.", "disappointed"),
        ("ok then. thanks", "disappointed"),
        ("D'accord. Merci quand même.", "disappointed"),
        ("Thank you.", "neutral"),
        ("Thank you so much for trying!", "grateful"),  # a feeling, not a curt reply
    ],
)
def test_emotion_context_short_replies_to_a_refusal(reply: str, label: str) -> None:
    assert _emotion(REFUSAL, reply)["label"] == label


@pytest.mark.parametrize(
    "text",
    [
        "thanks for nothing",
        "Merci pour rien.",
        "Gracias por nada",
        "Danke für nichts.",
        "Nobody told me that. Thank you for finally checking.",
        "95 minutes for a pizza. wow. just wow",
        "great, thanks a lot for nothing",
        "Vielen Dank für gar nichts.",
    ],
)
def test_emotion_context_sarcastic_thanks_read_angry(text: str) -> None:
    reading = read_in_context(text, "grateful", FIX, first=False)
    assert reading is not None and reading.label == "angry"
    assert text[reading.start : reading.end].strip()


@pytest.mark.parametrize(
    "text",
    [
        "Merci pour votre aide.",
        "Gracias por explicarlo tan claro.",
        "Dank je wel voor de snelle hulp",
        "Obrigada pela ajuda.",
        "Danke für die schnelle Hilfe.",
        "vielen lieben Dank",
    ],
)
def test_emotion_context_thanks_for_help_in_other_languages_is_grateful(text: str) -> None:
    assert _reads(text, "neutral", FIX) == "grateful"
    # look-alikes: a thank-you ending a request, and the customer's opening message
    request = "Pouvez-vous vérifier ma commande ? " + text
    assert read_in_context(request, "neutral", FIX, first=False) is None
    assert read_in_context(text, "neutral", None, first=True) is None


def test_emotion_context_english_thanks_are_left_to_the_model() -> None:
    text = "Thanks for letting me know, I'll wait for the engineer."
    assert read_in_context(text, "neutral", FIX, first=False) is None


def test_emotion_context_bare_thanks_needs_the_fix() -> None:
    assert read_in_context("Merci", "neutral", FIX, first=False) is not None
    assert read_in_context("Merci", "neutral", "Let me check that for you.", False) is None


@pytest.mark.parametrize(
    "text",
    [
        "I called that number for 40 minutes and they told me to use the chat.",
        "You're the third agent today.",
        "nobody answers the phone",
        "On m'a dit de vous écrire ici.",
        "Man hat mir gesagt, ich soll mich an Sie wenden.",
        "Mi hanno detto di scrivere qui.",
        "Niemand neemt op.",
        "Ninguém atende o telefone.",
        "did you even read my message",
    ],
)
def test_emotion_context_passed_around_reads_angry(text: str) -> None:
    assert _reads(text, "neutral", REFUSAL) == "angry"


def test_emotion_context_passed_around_look_alikes() -> None:
    # "told me that" is news, not being sent on
    said = "Me dijeron que la compañía me compensaría la energía."
    assert read_in_context(said, "neutral", None, first=False) is None
    # a stated worry keeps an anxious reading anxious
    worried = "Nobody answers the phone and I'm really worried, my flight is tomorrow."
    assert read_in_context(worried, "anxious", None, first=False) is None
    assert read_in_context("Nobody answers the phone.", "anxious", None, first=False)


@pytest.mark.parametrize(
    "text",
    [
        "Five working days would be after the party, though.",
        "3pm is after the battery runs out.",
        "I have an exam at 9",
        "Ich brauche es heute, sonst verliere ich den Platz.",
        "Jeudi soir : rien reçu. Je commence à désespérer...",
        "Eso sería después de mi viaje.",
        "Alguém está usando meu cartão?",
        "Mon vol part dans 2 heures.",
        "Mein Flug geht in 2 Stunden.",
        "I leave for Spain tomorrow morning.",
    ],
)
def test_emotion_context_a_deadline_or_consequence_reads_anxious(text: str) -> None:
    assert _reads(text, "neutral", None) == "anxious"
    assert read_in_context(text, "angry", None, first=False) is None  # angry wins


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("There's no Manage plan under Billing. I see Invoices and Usage.", "neutral"),
        ("I don't see that option", "neutral"),
        ("Die optie zie ik niet. Ik heb alleen 'beschadigd' en 'anders'.", "angry"),
        ("Da steht nichts von Zeit und Sprache.", "angry"),
        ("Je ne vois pas cette option.", "neutral"),
        ("No me aparece esa opción.", "angry"),
        ("Where is that? I can't find Payment methods anywhere.", "neutral"),
        ("Die knop is er niet bij mij.", "neutral"),
    ],
)
def test_emotion_context_steps_that_do_not_match_the_screen_read_confused(
    text: str, label: str
) -> None:
    assert _reads(text, label, STEPS) == "confused"
    # without steps before it, "there's no ..." is a plain statement
    assert read_in_context(text, label, REFUSAL, first=False) is None
    # "I don't see why" is an objection, not a missing button
    objection = "I don't see why I should pay for this."
    assert read_in_context(objection, "angry", STEPS, first=False) is None
    # an angry reading with capitals or "!!!" stays angry
    assert read_in_context(text, "angry", STEPS, first=False, marked=True) is None


@pytest.mark.parametrize(
    "text",
    [
        "Fine. I'll wait.",
        "Right. Well, I'll believe it when I see it.",
        "enviado. Es la segunda vez este mes",
        "Das ist schon wieder passiert.",
    ],
)
def test_emotion_context_resignation_and_repeats_read_neutral_are_angry(text: str) -> None:
    reading = read_in_context(text, "neutral", REFUSAL, first=False)
    assert reading is not None and reading.label == "angry"
    assert reading.cue == "exasperation or resignation"


@pytest.mark.parametrize(
    "text", ["they are on. i checked. still nothing", "so can I appeal or not?"]
)
def test_emotion_context_a_status_report_stays_neutral(text: str) -> None:
    assert read_in_context(text, "neutral", REFUSAL, first=False) is None


def test_emotion_context_leaving_or_escalating_later_in_the_conversation_is_angry() -> None:
    leave = "Then we will be moving our account to another carrier at the end of the month."
    reading = read_in_context(leave, "neutral", REFUSAL, first=False)
    assert reading is not None and reading.label == "angry"
    assert leave[reading.start : reading.end].startswith("moving our account")
    assert _reads("I'll take this to the ombudsman.", "neutral", REFUSAL) == "angry"
    # an opening that asks about switching is a plain question; a calm cancellation a request
    assert read_in_context("I need a PAC code to switch provider", "neutral", None, True) is None
    calm = "Please cancel my subscription at the end of the month."
    assert read_in_context(calm, "neutral", REFUSAL, first=False) is None


def test_emotion_context_lone_question_mark_after_a_reply_only() -> None:
    assert read_in_context("?", "neutral", STEPS, first=False) is not None
    assert read_in_context("?", "neutral", FIX, first=False) is not None
    assert read_in_context("?", "neutral", "Let me check that for you.", first=False) is None


@pytest.mark.parametrize(
    ("agent", "bad"),
    [
        ("I'm afraid that's not possible.", True),
        ("We're unable to offer a refund for this.", True),
        ("The engineer can't come until Monday.", True),
        ("You'll need to contact the manufacturer directly.", True),
        ("Can you confirm your postcode once more?", True),
        ("Der Techniker kommt erst am Montag.", True),
        ("Dat kan helaas niet.", True),
        ("Unfortunately it's out of stock, but I've refunded you.", False),  # a fix wins
        ("Yes, any of our stores can swap it within 30 days.", False),
        ("Let me check that for you.", False),
    ],
)
def test_emotion_context_bad_news(agent: str, bad: bool) -> None:
    assert bad_news(agent) is bad


@pytest.mark.parametrize(
    ("text", "curt"),
    [
        ("Thanks.", True),
        ("ok thanks then", True),
        ("cheers for that", True),
        ("Thanks!", False),
        ("Thank you so much", False),
        ("ok, but the parcel is still missing", False),
    ],
)
def test_emotion_context_curt_reply(text: str, curt: bool) -> None:
    assert curt_reply(text) is curt


def test_emotion_context_cue_is_evidence_in_the_output() -> None:
    emotion = _emotion(REFUSAL, "Thanks, I guess.")
    cue = next(c for c in emotion["cues"] if c["cue"] == "grudging reply to bad news")
    # the span is the grudging words, not the whole turn
    assert (cue["start"], cue["end"], cue["text"]) == (8, 15, "I guess")


def test_hostility_calling_me_a_liar_is_no_insult() -> None:
    assert turn_signals("are you calling me a liar")[0] is False
    assert turn_signals("you are a liar")[0] is True
    assert turn_signals("you lot are liars")[0] is True
