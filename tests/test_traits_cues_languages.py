"""The agent's harmful and helpful moves, and the customer's problem, in the languages
customers write (issue 5; trial 19 F6, F7): deflection, sending elsewhere, refusal, blame,
"calm down" and "as I already said" in de, fr, es, pt, it, nl, pl and tr lower the traits
with evidence as their English forms do, and their negated look-alikes do not."""

from __future__ import annotations

from typing import Any

import pytest

from _agent_helpers import customer_fields, last_agent, make_doc, trait
from servicemind.analyse.traits import TraitsAnalyser
from servicemind.analyse.traits._analyser import HARM_CUES, build_reply, harm_caps
from servicemind.analyse.traits._analyser import score_reply_traits as rule_results
from servicemind.analyse.traits._context import build_context
from servicemind.analyse.traits._ownership import OWNERSHIP_BASE

# (customer text, reply, a span of the reply, the cue it must be read as)
DEFLECTIONS = [
    (
        "ich verstehe die Rechnung nicht, das hab ich nie bestellt",
        "Das ist ein Abo eines Drittanbieters. Dafür sind wir nicht zuständig, bitte wenden "
        "Sie sich an den Anbieter.",
        "Dafür sind wir nicht zuständig",
        "disowns the problem",
    ),
    (
        "je ne comprends pas la facture, je n'ai jamais commandé ça",
        "Il s'agit d'un service tiers. Ce n'est pas de notre ressort, veuillez contacter le "
        "fournisseur.",
        "veuillez contacter le fournisseur",
        "sends the customer to a third party",
    ),
    (
        "no entiendo la factura, nunca lo pedí",
        "Es una suscripción de un tercero. No es responsabilidad nuestra, por favor contacte "
        "con el proveedor.",
        "No es responsabilidad nuestra",
        "disowns the problem",
    ),
    (
        "não percebo a fatura, nunca pedi isto",
        "É uma assinatura de terceiros. Não é da nossa responsabilidade, entre em contato com "
        "a operadora.",
        "entre em contato com a operadora",
        "sends the customer to a third party",
    ),
    (
        "non capisco la bolletta, non ho mai ordinato questo servizio",
        "È un abbonamento di terzi. Non è di nostra competenza, si rivolga al fornitore.",
        "Non è di nostra competenza",
        "disowns the problem",
    ),
    (
        "ik snap de rekening niet, dit heb ik nooit besteld",
        "Dat is een abonnement van een derde partij. Daar zijn wij niet verantwoordelijk "
        "voor, neem contact op met de aanbieder.",
        "neem contact op met de aanbieder",
        "sends the customer to a third party",
    ),
    (
        "nie rozumiem faktury, nigdy tego nie zamawiałem",
        "To usługa zewnętrznego dostawcy. Nie odpowiadamy za to, proszę skontaktować się z "
        "operatorem.",
        "proszę skontaktować się z operatorem",
        "sends the customer to a third party",
    ),
    (
        "faturayı anlamadım, bunu hiç sipariş etmedim",
        "Bu üçüncü taraf bir abonelik. Bu konudan sorumlu değiliz, lütfen satıcı ile "
        "iletişime geçin.",
        "Bu konudan sorumlu değiliz",
        "disowns the problem",
    ),
]


def _cues(result: dict[str, Any]) -> dict[str, str]:
    return {e["text"]: e["cue"] for e in result["evidence"]}


@pytest.mark.parametrize(("customer", "reply", "span", "cue"), DEFLECTIONS)
def test_traits_deflection_in_the_customers_language_lowers_ownership(
    customer: str, reply: str, span: str, cue: str
) -> None:
    got = trait(customer, reply, "ownership")
    assert _cues(got).get(span) == cue
    assert got["score"] < OWNERSHIP_BASE


# (customer, reply, trait, span, cue): a refusal or blame is named harm (it caps the score)
HARMS = [
    ("meine Waschmaschine ist kaputt", "Da können wir leider nichts machen.", "ownership",
     "Da können wir leider nichts machen", "refuses to act"),
    ("mon lave-linge est en panne", "Nous ne pouvons rien faire pour vous.", "ownership",
     "Nous ne pouvons rien faire", "refuses to act"),
    ("el vaso llegó roto", "Es culpa suya, debería haber leído las instrucciones.",
     "ownership", "Es culpa suya", "blames the customer"),
    ("a máquina avariou", "A culpa é sua, devia ter lido o manual.", "ownership",
     "A culpa é sua", "blames the customer"),
    ("la lavatrice è guasta", "Non possiamo fare niente.", "ownership",
     "Non possiamo fare niente", "refuses to act"),
    ("mijn wasmachine is kapot", "Dat is uw eigen schuld.", "ownership",
     "Dat is uw eigen schuld", "blames the customer"),
    ("Dzień dobry, moja pralka jest zepsuta i nie działa od tygodnia.",
     "Nic nie możemy zrobić.", "ownership", "Nic nie możemy zrobić", "refuses to act"),
    ("çamaşır makinem bozuk", "Bu sizin hatanız.", "ownership",
     "sizin hatanız", "blames the customer"),
    ("Das ist eine Frechheit!!", "Beruhigen Sie sich bitte.", "empathy",
     "Beruhigen Sie sich", "tells the customer to calm down"),
    ("¡¡Es una vergüenza!!", "Cálmese, señor.", "resiliency", "Cálmese",
     "tells the customer to calm down"),
]  # fmt: skip


@pytest.mark.parametrize(("customer", "reply", "name", "span", "cue"), HARMS)
def test_traits_harm_in_other_languages_is_named_harm(
    customer: str, reply: str, name: str, span: str, cue: str
) -> None:
    got = trait(customer, reply, name, emotion="angry", hostile=0.9)
    assert _cues(got).get(span) == cue
    assert cue in HARM_CUES
    ctx = build_context([(customer, customer_fields("angry", 0.9))], [], [])
    r = build_reply(reply, ctx)
    assert name in harm_caps(r, rule_results(r))


@pytest.mark.parametrize(
    ("customer", "reply"),
    [
        ("el vaso llegó roto", "No es culpa suya, le enviamos otro vaso hoy."),
        ("mon colis est abîmé", "Ce n'est pas de votre faute, je vous renvoie un colis."),
        ("meine Waschmaschine ist kaputt", "Das ist nicht Ihr Fehler, ich schicke heute jemanden."),
        ("chegou partido", "Não foi culpa sua, já enviei outro hoje."),
        ("è arrivato rotto", "Non è colpa sua, le spedisco un altro oggi."),
        ("het is kapot aangekomen", "Dat is niet uw schuld, ik stuur vandaag een nieuwe."),
        ("przyszło uszkodzone", "To nie jest pana wina, wyślę dziś nowy."),
        ("kırık geldi", "Bu sizin hatanız değil, bugün yenisini gönderiyoruz."),
        (
            "meine Waschmaschine ist kaputt",
            "Ich bin zwar nicht zuständig, aber ich kümmere mich darum.",
        ),
        (
            "me han cobrado dos veces, ¿tengo que hablar con la tienda?",
            "¡Hola! Tranquila, no tienes que hablar con la tienda: lo reclamo yo.",
        ),
        ("fui cobrado duas vezes", "Não precisa de contactar o banco, eu trato disso hoje."),
    ],
)
def test_traits_negated_look_alikes_are_not_blame_or_deflection(customer: str, reply: str) -> None:
    got = trait(customer, reply, "ownership")
    negative = [e["cue"] for e in got["evidence"] if e["polarity"] == "negative"]
    assert negative == []
    assert got["score"] >= OWNERSHIP_BASE


def test_traits_stay_calm_reassurance_is_not_tone_policing() -> None:
    # Turkish "sakin olun, halledeceğiz" (stay calm, we will sort it) to a stranded traveller
    # reassures; "sakin olur musunuz" (will you calm down) polices the tone
    customer = "Uçağı kaçırdım, havalimanındayım, ne yapacağımı bilmiyorum!"
    kind = trait(customer, "Tamam Burak Bey, sakin olun, halledeceğiz.", "empathy", "anxious")
    assert all(e["polarity"] != "negative" for e in kind["evidence"])
    rude = trait(customer, "Sakin olur musunuz lütfen? Bekleyin.", "empathy", "anxious")
    assert "tells the customer to calm down" in {e["cue"] for e in rude["evidence"]}


@pytest.mark.parametrize(
    ("reply", "span"),
    [
        ("Wie bereits gesagt, die Rechnung ist korrekt.", "Wie bereits gesagt"),
        ("Como ya le dije, la factura es correcta.", "Como ya le dije"),
        ("Comme je l'ai déjà dit, la facture est correcte.", "Comme je l'ai déjà dit"),
        ("Zoals al eerder gezegd, de factuur klopt.", "Zoals al eerder gezegd"),
        ("Per l'ultima volta: la fattura è corretta.", "Per l'ultima volta"),
    ],
)
def test_traits_impatience_in_other_languages_lowers_patience(reply: str, span: str) -> None:
    got = trait("Why is my bill so high?", reply, "patience")
    assert span in _cues(got)
    assert got["score"] < 0.65  # the patience base


def test_traits_named_feeling_in_dutch_and_german_is_empathy() -> None:
    nl = trait("Mijn bestelling mist de frietjes.", "Wat vervelend! Ik stort het terug.", "empathy")
    assert _cues(nl).get("Wat vervelend") == "names the customer's feeling"
    de = trait(
        "Mein Outlook stürzt ständig ab.",
        "Das ist ärgerlich, ich schaue sofort nach.",
        "empathy",
    )
    assert _cues(de).get("Das ist ärgerlich") == "names the customer's feeling"


def test_traits_german_deflection_scores_below_the_same_reply_taking_it_on() -> None:
    customer = "ich verstehe die Rechnung nicht, das hab ich nie bestellt"
    doc = make_doc(
        [
            ("customer", customer),
            ("agent", "Dafür sind wir nicht zuständig, bitte wenden Sie sich an den Anbieter."),
            ("customer", customer),
            ("agent", "Das war unser Fehler, überlassen Sie das mir: ich storniere es heute."),
        ],
        [customer_fields(), customer_fields()],
    )
    TraitsAnalyser(calibrated=False).annotate([doc])
    agents = [d for _, d in doc.iter_agent()]
    assert agents[0]["traits"]["ownership"]["score"] < agents[1]["traits"]["ownership"]["score"]
    assert last_agent(doc)["traits"]["ownership"]["score"] > OWNERSHIP_BASE


# "deal with it" dismisses the customer, but "let's deal with it now" takes the problem on
# (trial 22b: it zeroed empathy on the best reply of the set)
@pytest.mark.parametrize(
    ("reply", "dismissive"),
    [
        ("That's the policy, deal with it.", True),
        ("You'll just have to deal with it.", True),
        ("This is an emergency, so let's deal with it now. I've sent a team.", False),
        ("I'll deal with it personally and call you back by 5pm.", False),
        ("We can deal with it together: I've reordered the part.", False),
    ],
)
def test_traits_deal_with_it_dismisses_only_when_it_leaves_the_customer_to_it(
    reply: str, dismissive: bool
) -> None:
    result = trait(
        "The power is out and my dad needs his oxygen machine!", reply, "empathy", "anxious"
    )
    assert ("dismisses the customer" in _cues(result).values()) is dismissive


# a bare "Closing this chat." pushes to close as "I'm closing this chat" does; closing it
# after the customer confirms does not
@pytest.mark.parametrize(
    ("reply", "pushes"),
    [
        ("Your refund has been issued. Closing this chat now.", True),
        ("Your refund has been issued. Closing this chat.", True),
        ("Before closing this chat, can you confirm the refund arrived?", False),
        ("I'll be closing this ticket once you confirm it works.", False),
    ],
)
def test_traits_a_bare_closing_this_chat_pushes_to_close(reply: str, pushes: bool) -> None:
    result = trait("I was charged twice, can you refund one?", reply, "patience")
    assert ("pushes to close" in _cues(result).values()) is pushes
