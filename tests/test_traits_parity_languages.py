"""The harm cue families of English in the six corpus languages (trial 22a F1): a rebuke of
the customer's tone, sending the customer to read the terms, regretting that another party
handles the request, a limit stated as the only way ("nur schriftlich möglich"); each lowers
the trait its English twin lowers, in minimal pairs against the same reply without it."""

from __future__ import annotations

import pytest

from servicemind.analyse._cues import cueset
from servicemind.analyse.traits._analyser import build_reply, score_reply, score_reply_traits
from servicemind.analyse.traits._context import build_context, content_words

HOSTILE = {
    "de": "Ihr seid unfähig und ich habe die Nase voll von euch Idioten!",
    "fr": "Vous êtes des incapables, des idiots, j'en ai marre de vous !",
    "es": "¡Son unos inútiles y unos idiotas, estoy harto de ustedes!",
    "it": "Siete degli incompetenti e degli idioti, sono stufo di voi!",
    "pt": "Vocês são uns incompetentes e idiotas, estou farto de vocês!",
    "nl": "Jullie zijn incompetente idioten, ik ben het spuugzat!",
}
#: (language, a neutral fix, a rebuke of the customer's tone)
TONE = [
    ("de", "Ich habe die Rechnung korrigiert.", "Achten Sie bitte auf Ihren Ton."),
    ("fr", "J'ai corrigé la facture.", "Je ne continuerai pas sur ce ton."),
    ("es", "He corregido la factura.", "Modere su tono, por favor."),
    ("it", "Ho corretto la fattura.", "Moderi i toni, per favore."),
    ("pt", "Já corrigi a fatura.", "Peço-lhe que modere o tom."),
    ("nl", "Ik heb de factuur gecorrigeerd.", "Let alstublieft op uw toon."),
]


@pytest.mark.parametrize(("lang", "fix", "rebuke"), TONE)
def test_a_rebuke_of_the_tone_lowers_resiliency_and_politeness(
    lang: str, fix: str, rebuke: str
) -> None:
    labels = {h.label for h in cueset("agent_cues.json", "resiliency_other_languages").find(rebuke)}
    assert f"rebukes the customer's tone ({lang})" in labels
    ctx = build_context([(HOSTILE[lang], {"hostile": 0.9})], [], [])
    calm = score_reply_traits(build_reply(fix, ctx))
    snap = score_reply_traits(build_reply(f"{rebuke} {fix}", ctx))
    assert snap["resiliency"].applicable
    for trait in ("resiliency", "politeness"):
        assert (snap[trait].score or 0.0) < (calm[trait].score or 0.0), trait


#: (language, a reply that sends the customer to read the terms)
TERMS = [
    ("de", "Lesen Sie bitte die Geschäftsbedingungen."),
    ("fr", "Consultez nos conditions générales."),
    ("es", "Consulte nuestros términos y condiciones."),
    ("it", "Consulti le nostre condizioni generali."),
    ("pt", "Consulte os nossos termos e condições."),
    ("nl", "Lees onze algemene voorwaarden."),
]


@pytest.mark.parametrize(("lang", "terms"), TERMS)
def test_sending_the_customer_to_read_the_terms_is_impatient(lang: str, terms: str) -> None:
    hits = cueset("agent_cues.json", "patience_other_languages").find(terms)
    assert [h for h in hits if h.weight < 0], lang
    hits = cueset("agent_cues.json", "rudeness_other_languages").find(terms)
    assert [h for h in hits if h.weight < 0], lang
    # and the patience scorer reads that list: the reply scores below the fix alone
    ctx = build_context([("Die Rechnung ist falsch, was soll das?", {})], [], [])
    fix = "Ich habe die Rechnung korrigiert."
    alone = score_reply_traits(build_reply(fix, ctx))["patience"]
    sent = score_reply_traits(build_reply(f"{fix} {terms}", ctx))["patience"]
    assert (sent.score or 0.0) < (alone.score or 0.0), lang
    assert any(h.weight < 0 for h in sent.evidence), lang


#: (language, another party handles it, with regret; our own team handles it)
HANDLED = [
    (
        "de",
        "Leider werden Erstattungen von der Bank bearbeitet.",
        "Leider werden Erstattungen von unserem Team erst morgen bearbeitet.",
    ),
    (
        "fr",
        "Malheureusement les remboursements sont traités par la banque.",
        "Malheureusement les remboursements sont traités par notre service demain.",
    ),
    (
        "es",
        "Lamentablemente los reembolsos los tramita el banco.",
        "Lamentablemente los reembolsos los tramita nuestro equipo mañana.",
    ),
    (
        "it",
        "Purtroppo i rimborsi sono gestiti dalla banca.",
        "Purtroppo i rimborsi sono gestiti dal nostro ufficio domani.",
    ),
    (
        "pt",
        "Infelizmente os reembolsos são tratados pelo banco.",
        "Infelizmente os reembolsos são tratados pela nossa equipa amanhã.",
    ),
    (
        "nl",
        "Helaas worden terugbetalingen afgehandeld door de bank.",
        "Helaas worden terugbetalingen morgen afgehandeld door ons team.",
    ),
]
CUSTOMER = {
    "de": "Mir wurde der Betrag doppelt abgebucht, ich will mein Geld zurück.",
    "fr": "J'ai été débité deux fois, je veux être remboursé.",
    "es": "Me han cobrado dos veces, quiero mi reembolso.",
    "it": "Mi avete addebitato due volte, voglio il rimborso.",
    "pt": "Fui cobrado duas vezes, quero o reembolso.",
    "nl": "Er is twee keer afgeschreven, ik wil mijn geld terug.",
}


@pytest.mark.parametrize(("lang", "elsewhere", "ours"), HANDLED)
def test_regret_that_another_party_handles_it_is_a_deflection(
    lang: str, elsewhere: str, ours: str
) -> None:
    find = cueset("agent_cues.json", "ownership_other_languages").find
    assert "deflects: handled elsewhere" in {h.label for h in find(elsewhere)}
    assert "deflects: handled elsewhere" not in {h.label for h in find(ours)}
    context = [("customer", CUSTOMER[lang])]
    deflected = score_reply(elsewhere, context)["traits"]["ownership"]
    owned = score_reply(ours, context)["traits"]["ownership"]
    assert deflected["score"] < owned["score"]
    assert (
        deflected["score"]
        <= score_reply(elsewhere, context, calibrated=False)["traits"]["ownership"]["score"]
    )


@pytest.mark.parametrize(
    ("lang", "limit"),
    [
        ("de", "Eine Kündigung ist nur schriftlich möglich."),
        ("fr", "Une résiliation n'est possible qu'à la fin du contrat."),
        ("es", "La baja solo es posible por escrito."),
        ("it", "La disdetta è possibile solo per iscritto."),
        ("pt", "O cancelamento só é possível por escrito."),
        ("nl", "Opzeggen is alleen schriftelijk mogelijk."),
    ],
)
def test_a_limit_stated_as_the_only_way_is_a_limit_balance_reads(lang: str, limit: str) -> None:
    hits = cueset("agent_cues.json", "balance_policy_other_languages").find(limit)
    assert hits, lang
    neutral = limit.split()[0] + " " + limit.split()[1]
    assert not cueset("agent_cues.json", "balance_policy_other_languages").find(neutral)


@pytest.mark.parametrize(
    ("impersonal", "personal"),
    [
        (
            "Madame, Monsieur,\n\nVotre dossier est en cours.",
            "Madame Roux,\n\nVotre dossier est en cours.",
        ),
        (
            "Sehr geehrte Damen und Herren,\n\nIhr Antrag ist in Bearbeitung.",
            "Sehr geehrte Frau Roth,\n\nIhr Antrag ist in Bearbeitung.",
        ),
        (
            "Geachte heer/mevrouw,\n\nUw aanvraag is in behandeling.",
            "Geachte heer Smit,\n\nUw aanvraag is in behandeling.",
        ),
        (
            "Estimados señores:\n\nSu solicitud está en curso.",
            "Estimada Sra. Ruiz:\n\nSu solicitud está en curso.",
        ),
    ],
)
def test_a_sir_or_madam_greeting_is_impersonal_in_every_language(
    impersonal: str, personal: str
) -> None:
    def labels(text: str) -> set[str]:
        return {h.label for h in cueset("agent_cues.json", "genuineness").find(text)}

    assert "impersonal greeting (non-English)" in labels(impersonal)
    assert "impersonal greeting (non-English)" not in labels(personal)


@pytest.mark.parametrize(
    ("customer", "reply"),
    [
        ("Geachte heer/mevrouw, mijn factuur klopt niet.", "Geachte heer Smit, wij kijken ernaar."),
        (
            "Sehr geehrte Damen und Herren, die Rechnung stimmt nicht.",
            "Sehr geehrter Herr Roth, wir prüfen das.",
        ),
        ("Madame, Monsieur, la facture est fausse.", "Madame, nous vérifions cela."),
    ],
)
def test_a_salutation_is_none_of_the_customers_words(customer: str, reply: str) -> None:
    # "Geachte heer" in both turns is no sign the reply took up what the customer said
    assert not content_words(customer) & content_words(reply)


@pytest.mark.parametrize(
    ("flat", "warm"),
    [
        ("Fine. I'll look.", "I'll look, and I hope the driver is okay."),
        ("Sent it. Whatever.", "Sent it; I hope everything is fine."),
    ],
)
def test_a_flat_word_is_grudging_only_as_a_sentence_of_its_own(flat: str, warm: str) -> None:
    # trial 22a F10: "hope the driver's okay." read as a grudging "Okay."
    def grudging(text: str) -> bool:
        found = cueset("agent_cues.json", "enthusiasm").find(text)
        return any(h.label == "flat or grudging reply" for h in found)

    assert grudging(flat)
    assert not grudging(warm)
