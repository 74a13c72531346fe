"""Enthusiasm and politeness cues in the customer's own language (issue 5: writers and
languages the models have not read). Each language gets a warm, courteous reply and a
curt, bossy one to the same message; the other-language lists are read only off English."""

from __future__ import annotations

from typing import Any

import pytest

from servicemind.analyse.traits._analyser import build_reply, score_reply, score_reply_traits
from servicemind.analyse.traits._context import build_context
from servicemind.analyse.traits._style import style_features

#: (language, customer message, warm and courteous reply, curt and bossy reply)
CASES = [
    (
        "es",
        "Hola, mi pedido todavía no ha llegado y ya pasaron dos semanas.",
        "¡Hola! Con mucho gusto le ayudo. Le agradezco su paciencia, ya reviso su pedido. "
        "¡Que tenga un buen día!",
        "Como ya le dije, el pedido está en camino. Espere.",
    ),
    (
        "fr",
        "Bonjour, ma commande n'est toujours pas arrivée, cela fait deux semaines.",
        "Bonjour ! Avec plaisir, je vous remercie de votre patience, je m'en occupe tout de "
        "suite. N'hésitez pas si besoin. Bonne journée !",
        "Comme je l'ai déjà dit, la commande est en route. Attendez.",
    ),
    (
        "de",
        "Hallo, meine Bestellung ist noch nicht da, es sind schon zwei Wochen.",
        "Guten Tag! Sehr gern helfe ich Ihnen. Vielen Dank für Ihre Geduld, ich kümmere mich "
        "sofort darum. Einen schönen Tag noch!",
        "Wie bereits gesagt, die Bestellung ist unterwegs. Warten Sie.",
    ),
    (
        "pt",
        "Olá, o meu pedido ainda não chegou e já passaram duas semanas.",
        "Olá! Fico feliz em ajudar. Obrigado pela paciência, vou verificar o seu pedido agora "
        "mesmo. Tenha um ótimo dia!",
        "Como já disse, o pedido está a caminho. Aguarde.",
    ),
    (
        "it",
        "Buongiorno, il mio ordine non è ancora arrivato, sono passate due settimane.",
        "Buongiorno! Con piacere, la ringrazio per la pazienza, me ne occupo subito. "
        "Buona giornata!",
        "Come già detto, l'ordine è in viaggio. Aspetti.",
    ),
    (
        "nl",
        "Hallo, mijn bestelling is nog steeds niet binnen, het is al twee weken.",
        "Goedemorgen! Ik help u graag, bedankt voor uw geduld, ik ga het meteen voor u "
        "regelen. Geen zorgen. Fijne dag!",
        "Zoals al gezegd, de bestelling is onderweg. Wacht maar.",
    ),
    (
        "pl",
        "Dzień dobry, moje zamówienie jeszcze nie dotarło, minęły już dwa tygodnie.",
        "Dzień dobry! Chętnie pomogę. Dziękuję za cierpliwość, już sprawdzam Pana zamówienie. "
        "Miłego dnia!",
        "Jak już pisałem, zamówienie jest w drodze. Czekaj.",
    ),
    (
        "tr",
        "Merhaba, siparişim hala gelmedi, iki hafta oldu.",
        "Merhaba! Yardımcı olmaktan mutluluk duyarız. Sabrınız için teşekkür ederiz, "
        "siparişinizi hemen kontrol ediyorum. İyi günler dileriz!",
        "Daha önce de söyledim, sipariş yolda. Bekle.",
    ),
]
IDS = [c[0] for c in CASES]


def _agent(customer: str, reply: str, calibrated: bool) -> dict[str, Any]:
    return score_reply(reply, [("customer", customer)], calibrated=calibrated)


def _cues(agent: dict[str, Any], trait: str) -> set[str]:
    return {e["cue"] for e in agent["traits"][trait]["evidence"]}


@pytest.mark.parametrize(("lang", "customer", "warm", "curt"), CASES, ids=IDS)
def test_traits_tone_warm_reply_beats_curt_one_in_every_language(
    lang: str, customer: str, warm: str, curt: str
) -> None:
    for calibrated in (False, True):
        w, c = _agent(customer, warm, calibrated), _agent(customer, curt, calibrated)
        for t in ("enthusiasm", "politeness"):
            assert w["traits"][t]["score"] > c["traits"][t]["score"], (lang, t, calibrated)


@pytest.mark.parametrize(("lang", "customer", "warm", "curt"), CASES, ids=IDS)
def test_traits_tone_cues_found_in_the_replys_language(
    lang: str, customer: str, warm: str, curt: str
) -> None:
    warm_agent = _agent(customer, warm, calibrated=False)
    assert any("(non-English)" in c for c in _cues(warm_agent, "enthusiasm")), lang
    assert "impatient (non-English)" in _cues(_agent(customer, curt, False), "politeness"), lang


def _style(customer: str, reply: str) -> dict[str, float]:
    r = build_reply(reply, build_context([(customer, {})], [], []))
    score_reply_traits(r)
    return dict(style_features(r))


@pytest.mark.parametrize(
    ("customer", "reply", "kind"),
    [
        ("Hola, ¿me cobraron dos veces?", "No se preocupe, ya está devuelto.", "warmth"),
        ("Olá, fui cobrado duas vezes?", "Não se preocupe, já devolvemos o valor.", "warmth"),
        ("Dzień dobry, czy to działa?", "Nie ma problemu, już działa.", "warmth"),
        ("Merhaba, teşekkürler.", "Rica ederim, iyi günler dileriz.", "courteous_close"),
        ("Dzień dobry, dziękuję.", "Proszę bardzo. Pozdrawiam, Ewa", "courteous_close"),
        ("Olá, obrigado.", "De nada! Tenha um ótimo dia.", "courteous_close"),
    ],
)
def test_traits_tone_warmth_and_close_in_other_languages(
    customer: str, reply: str, kind: str
) -> None:
    assert _style(customer, reply)[kind] >= 1


@pytest.mark.parametrize(
    ("customer", "warm", "cold"),
    [
        ("Hi, is the router working now?", "No problem, it works now.", "Problem: it works now."),
        ("Dzień dobry, czy to działa?", "Nie ma problemu, już działa.", "Jest problem, działa."),
        ("Olá, já funciona?", "Não tem problema, já funciona.", "Tem um problema, funciona."),
    ],
)
def test_traits_tone_no_problem_is_reassurance_problem_is_not(
    customer: str, warm: str, cold: str
) -> None:
    assert _style(customer, warm)["warmth"] == 1
    assert _style(customer, cold)["warmth"] == 0


@pytest.mark.parametrize(
    ("customer", "reply"),
    [
        ("Olá, o pedido não chegou.", "Não fico feliz em ajudar com isso."),
        ("Dzień dobry, paczka nie dotarła.", "Nie chętnie pomogę w tej sprawie."),
    ],
)
def test_traits_tone_negated_willingness_lowers_enthusiasm(customer: str, reply: str) -> None:
    agent = _agent(customer, reply, calibrated=False)
    hits = agent["traits"]["enthusiasm"]["evidence"]
    assert any(e["cue"].startswith("negated: ") for e in hits)
    assert agent["traits"]["enthusiasm"]["score"] < 0.45  # below the neutral base


def test_traits_tone_other_language_lists_not_read_on_english() -> None:
    customer = "Hi, my parcel has not arrived and it has been two weeks."
    quoting = (
        "I have checked it for you: the note on the parcel says 'como ya le dije' and "
        "'no se preocupe', and it is with the courier, so it will be with you on Friday."
    )
    agent = _agent(customer, quoting, calibrated=False)
    assert agent["language"] == "en"
    cues = _cues(agent, "politeness") | _cues(agent, "enthusiasm")
    assert not any("(non-English)" in c for c in cues)
    assert _style(customer, quoting)["warmth"] == 0


@pytest.mark.parametrize(
    ("customer", "bossy", "polite"),
    [
        (
            "Olá, o meu pedido ainda não chegou e já passaram duas semanas.",
            "O pedido está a caminho. Aguarde.",
            "O pedido está a caminho. Aguarde, por favor.",
        ),
        (
            "Dzień dobry, moje zamówienie jeszcze nie dotarło, minęły już dwa tygodnie.",
            "Zamówienie jest w drodze. Czekaj na kuriera.",
            "Zamówienie jest w drodze. Proszę czekać na kuriera.",
        ),
        (
            "Merhaba, siparişim hala gelmedi, iki hafta oldu, ne zaman gelecek?",
            "Siparişiniz yolda. Bekle.",
            "Siparişiniz yolda. Lütfen bekleyin.",
        ),
        (
            "Hola, mi pedido todavía no ha llegado y ya pasaron dos semanas.",
            "El pedido está en camino. Espere.",
            "El pedido está en camino. Espere, por favor.",
        ),
    ],
)
def test_traits_tone_bare_imperative_in_other_languages(
    customer: str, bossy: str, polite: str
) -> None:
    assert _style(customer, bossy)["bare_imperative"] == 1
    assert _style(customer, polite)["bare_imperative"] == 0


def test_traits_tone_other_language_imperatives_only_open_a_sentence() -> None:
    customer = "Olá, o meu pedido ainda não chegou e já passaram duas semanas."
    assert (
        _style(customer, "O estafeta disse: espere na porta, e ele esperou.")["bare_imperative"]
        == 0
    )
