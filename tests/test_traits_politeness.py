"""Politeness: trained strategy weights, evidence, sarcasm; genuineness: scripts, copy-paste."""

from __future__ import annotations

import pytest

from _agent_helpers import customer_fields, last_agent, make_doc, trait
from servicemind.analyse.base import Doc
from servicemind.analyse.traits import TraitsAnalyser
from servicemind.analyse.traits._analyser import build_reply, score_reply_traits
from servicemind.analyse.traits._context import build_context
from servicemind.analyse.traits._politeness import load_politeness_model, strategy_hits

Q = "Can you tell me when my order 4471 will arrive?"


@pytest.mark.parametrize(
    ("text", "strategy"),
    [
        ("Thank you so much for waiting.", "gratitude"),
        ("Hi Maria, it ships today.", "greeting"),
        ("Could you please send the receipt?", "counterfactual_modal"),
        ("Could you please send the receipt?", "please"),
        ("Please send the receipt.", "please_start"),
        ("Send the receipt.", "direct_imperative"),
        ("Sorry about the delay.", "apologizing"),
        ("I think it might arrive Monday.", "hedges"),
        ("You forgot the receipt.", "second_person_start"),
    ],
)
def test_traits_politeness_strategies_detected(text: str, strategy: str) -> None:
    assert strategy in strategy_hits(text)


@pytest.mark.parametrize(
    ("text", "strategy"),
    [
        ("¡Hola! Claro que sí, le ayudo.", "greeting"),
        ("Beste Roel, dank voor het bericht.", "greeting"),
        ("Beste Roel, dank voor het bericht.", "gratitude"),
        ("Sehr geehrte Frau Hartwig, vielen Dank für Ihre Nachricht.", "greeting"),
        ("Sehr geehrte Frau Hartwig, vielen Dank für Ihre Nachricht.", "gratitude"),
        ("Hej Anna, tack för ditt meddelande.", "gratitude"),
        ("Cheers Ian! Hope the floor's dry now.", "gratitude"),
        ("Hiya! Yes, I can see it.", "greeting"),
        ("Perdona, tienes toda la razón.", "apologizing"),
        ("Onze excuses voor de vertraging.", "apologizing"),
        ("Mi scuso: è un nostro errore.", "apologizing"),
        ("Pour cela, veuillez nous envoyer la facture.", "please"),
        ("Dzień dobry Pani Anno, dziękujemy za wiadomość.", "greeting"),
        ("Dzień dobry Pani Anno, dziękujemy za wiadomość.", "gratitude"),
        ("Przepraszamy za opóźnienie.", "apologizing"),
        ("Czy może Pan proszę przesłać zdjęcie licznika?", "please"),
        ("Merhaba Ayşe Hanım, yaşadığınız sorun için özür dileriz.", "greeting"),
        ("Merhaba Ayşe Hanım, yaşadığınız sorun için özür dileriz.", "apologizing"),
        ("Sabrınız için teşekkür ederiz.", "gratitude"),
        ("Sipariş numaranızı lütfen paylaşın.", "please"),
    ],
)
def test_traits_politeness_courtesy_in_other_languages(text: str, strategy: str) -> None:
    assert strategy in strategy_hits(text)


@pytest.mark.parametrize(
    ("text", "strategy"),
    [
        ("No excuses: we change tack from today.", "apologizing"),
        ("No excuses: we change tack from today.", "gratitude"),
        ("The best route is via Leeds.", "greeting"),  # "best", not "Beste"
        ("Check the charger, then restart it.", "greeting"),  # "Check", not "Cher"
        ("We thank nobody for this mess.", "gratitude"),  # not "thank you" / "thanks"
        ("The Sayings app is free.", "greeting"),  # "Sayın" only as a word
        ("Proszek do prania wysłany.", "please"),  # "proszek" (powder), not "proszę"
    ],
)
def test_traits_politeness_courtesy_near_misses(text: str, strategy: str) -> None:
    assert strategy not in strategy_hits(text)


def test_traits_politeness_model_artefact_has_all_strategies_and_metrics() -> None:
    m = load_politeness_model()
    assert set(m["coef"]) == set(m["features"])
    assert m["metrics"]["cv_accuracy_mean"] > 0.7
    assert m["coef"]["gratitude"] > 0 > m["coef"]["direct_start"]


def test_traits_politeness_courteous_beats_blunt() -> None:
    polite = trait(
        Q,
        "Hi! Thanks for waiting. Could you please confirm your postcode? I'd be glad to check.",
        "politeness",
    )
    blunt = trait(Q, "Send the postcode. Why didn't you read the tracking email?", "politeness")
    assert polite["score"] > 0.7
    assert blunt["score"] < 0.4
    assert polite["evidence"] and all(e["text"] for e in polite["evidence"])


def test_traits_politeness_sarcasm_lowers_score() -> None:
    plain = trait(Q, "Thanks, it arrives on Monday.", "politeness")
    sarcastic = trait(Q, "Thanks, genius, it arrives on Monday. Shocking, I know.", "politeness")
    assert sarcastic["score"] < plain["score"] - 0.3


def test_traits_genuineness_scripted_vs_specific() -> None:
    scripted = trait(
        Q,
        "We apologize for any inconvenience this may have caused. Your satisfaction "
        "is our top priority. Please do not hesitate to contact us.",
        "genuineness",
    )
    specific = trait(
        Q,
        "I checked order 4471: it left our Leeds warehouse this morning and I "
        "expect it with you on Thursday.",
        "genuineness",
    )
    assert scripted["score"] < 0.3
    assert specific["score"] > 0.8


def test_traits_genuineness_copy_paste_across_one_agents_replies() -> None:
    script = "We are looking into this and will update you as soon as we have news."
    docs = []
    for i, q in enumerate(
        ["Where is my parcel?", "My app crashes on login.", "Why was I charged?"]
    ):
        docs.append(
            make_doc(
                [
                    {"role": "customer", "text": q},
                    {"role": "agent", "text": f"Hi there. {script}", "author": "agent-7"},
                ],
                [customer_fields()],
            )
        )
        assert i >= 0
    other = make_doc(
        [
            {"role": "customer", "text": "Where is my parcel?"},
            {"role": "agent", "text": f"Hi there. {script}", "author": "agent-9"},
        ],
        [customer_fields()],
    )
    TraitsAnalyser(calibrated=False).annotate([*docs, other])
    first = last_agent(docs[0])
    assert "copy_paste" in first["flags"]
    assert any(
        e["cue"].startswith("copy-paste") for e in first["traits"]["genuineness"]["evidence"]
    )
    alone = last_agent(other)  # another agent sending it once is not copy-paste
    assert "copy_paste" not in alone["flags"]
    assert alone["traits"]["genuineness"]["score"] > first["traits"]["genuineness"]["score"]


def test_traits_evidence_offsets_exact_for_every_trait() -> None:
    reply = (
        "Hi Sam, I'm so sorry! That must be frustrating. I've refunded the 12.50 euros and "
        "I'll email you the receipt by 5 pm today. Thanks for your patience."
    )
    doc: Doc = make_doc(
        [("customer", "You charged me twice for order 881, this is a joke!!"), ("agent", reply)],
        [customer_fields("angry", 0.6)],
    )
    TraitsAnalyser(calibrated=False).annotate([doc])
    traits = last_agent(doc)["traits"]
    assert sum(len(t["evidence"]) for t in traits.values()) >= 8
    for t in traits.values():
        for e in t["evidence"]:
            assert reply[e["start"] : e["end"]] == e["text"]


@pytest.mark.parametrize(
    ("reply", "kinds"),
    [
        ("Hi Ana! Thanks for waiting, and sorry for the delay. Have a lovely day.", 3),
        ("Hola Ana, gracias por esperar.", 2),
        ("Could you send the receipt?", 1),
        ("The receipt is attached.", 0),
        ("Why didn't you send the receipt?", 0),
    ],
)
def test_traits_politeness_courtesy_kinds_counts_kinds_not_words(reply: str, kinds: int) -> None:
    ctx = build_context([(Q, {})], [], [])
    assert (
        score_reply_traits(build_reply(reply, ctx))["politeness"].features["courtesy_kinds"]
        == kinds
    )


@pytest.mark.parametrize(
    ("text", "strategy", "span"),
    [
        # a social-media reply opens with the customer's @handle: the greeting after it is
        # still a sentence-start greeting, and its evidence span is the greeting itself
        ("@neilmac Hi Neil, yes, there is a fault in Leith.", "greeting", "Hi"),
        ("@ana_r @soporte: Buenos días Ana, la avería está registrada.", "greeting", "Buenos días"),
        ("@rosaliedraws Please DM us your order number.", "please_start", "Please"),
        ('  "Hello there," she wrote.', "greeting", "Hello"),
    ],
)
def test_traits_politeness_sentence_start_after_handles(
    text: str, strategy: str, span: str
) -> None:
    hits = strategy_hits(text)
    assert strategy in hits
    s, e = hits[strategy][0]
    assert text[s:e] == span


@pytest.mark.parametrize(
    ("text", "strategy"),
    [
        # near misses: a handle in mid-sentence, or a greeting word that does not open a
        # sentence, is no sentence-start strategy
        ("Contact @support hi there for help.", "greeting"),
        ("Message @billing please and they will help.", "please_start"),
        ("@neilmac yes, there is a fault, hi to the team.", "greeting"),
    ],
)
def test_traits_politeness_handles_do_not_open_sentences_anywhere(text: str, strategy: str) -> None:
    assert strategy not in strategy_hits(text)


@pytest.mark.parametrize(
    ("reply", "cue"),
    [
        ("Chętnie pomogę, proszę podać numer zamówienia.", "willing to help (non-English)"),
        ("Oczywiście! Zmienię adres jeszcze dziś.", "ready agreement (non-English)"),
        (
            "Mamy dobrą wiadomość: dobre wiadomości, paczka już jedzie.",
            "positive energy (non-English)",
        ),
        ("Memnuniyetle yardımcı olurum.", "willing to help (non-English)"),
        ("Elbette! Faturanızı hemen gönderiyorum.", "ready agreement (non-English)"),
        ("Sevindim, sorun çözüldü.", "positive energy (non-English)"),
    ],
)
def test_traits_enthusiasm_cues_in_polish_and_turkish(reply: str, cue: str) -> None:
    from servicemind.analyse._cues import cueset

    labels = {h.label for h in cueset("agent_cues.json", "enthusiasm").find(reply)}
    labels |= {h.label for h in cueset("agent_cues.json", "enthusiasm_other_languages").find(reply)}
    assert cue in labels
