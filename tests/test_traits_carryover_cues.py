"""Cues and reply-shape features added for writers the models never saw (issue 5, round 4):
actions reported in other languages, workarounds, vague hand-offs, actions
completed in the reply (responsibility, guideline v2), and the agent-as-actor / question
coverage / register features."""

from __future__ import annotations

import pytest

from _agent_helpers import trait
from servicemind.analyse._cues import cueset
from servicemind.analyse.traits._analyser import build_reply, score_reply_traits, shape_features
from servicemind.analyse.traits._context import build_context

PROBLEM = "My invoice shows the wrong price and I need it corrected before month end."


def _cues(key: str, text: str) -> list[tuple[str, float, str]]:
    """Hits of a cue list and of its ``<key>_other_languages`` list (read for replies not
    detected as English)."""
    hits = cueset("agent_cues.json", key).find(text)
    if key in ("ownership", "solution", "enthusiasm"):
        hits += cueset("agent_cues.json", f"{key}_other_languages").find(text)
    return [(h.text, h.weight, h.label) for h in hits]


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Hoy mismo he desbloqueado su acceso.", "he desbloqueado"),
        ("Le hemos enviado un código por SMS.", "hemos enviado"),
        ("Já corrigi a morada da encomenda.", "Já corrigi"),
        ("J'ai annulé la commande en double.", "J'ai annulé"),
        ("Ich habe Ihren Antrag bereits unter der Nummer EC-22910 angelegt.", None),
    ],
)
def test_traits_non_english_action_done_is_ownership_and_solution(
    text: str, span: str | None
) -> None:
    for key in ("ownership", "solution"):
        hits = [h for h in _cues(key, text) if h[1] > 0]
        assert hits and "(" in hits[0][2]  # a non-English cue: "(non-English)", "(fr)"
        if span is not None:
            assert hits[0][0] == span


def test_traits_other_language_cues_reach_the_scores_only_off_english() -> None:
    spanish = "Hola Ana: ya le hemos enviado el código por SMS."
    cues = {e["cue"] for e in trait("Hola, no puedo entrar.", spanish, "ownership")["evidence"]}
    assert "has taken action (es)" in cues
    cues = {
        e["cue"] for e in trait("Hola, no puedo entrar.", spanish, "responsibility")["evidence"]
    }
    assert "action completed in the reply" in cues
    english = "Hi Ana, we sent the code. The Spanish form is 'hemos enviado'."
    cues = {e["cue"] for e in trait(PROBLEM, english, "ownership")["evidence"]}
    assert "has taken action (es)" not in cues


def test_traits_non_english_promise_is_ownership() -> None:
    for text in (
        "Je vous envoie le numéro de suivi.",
        "Te enviamos un par nuevo.",
        "Vou verificar.",
    ):
        assert any(
            w > 0 and lab.startswith("takes the action on")
            for _, w, lab in _cues("ownership", text)
        )


def test_traits_non_english_action_negated_flips() -> None:
    hits = _cues("ownership", "Todavía no le hemos enviado el paquete.")
    assert hits and all(w < 0 for _, w, _ in hits)


@pytest.mark.parametrize(
    ("reply", "cue"),
    [
        ("There's no bulk button, but there's a workaround: tick all and export.", "gives a fix"),
        (
            "You can keep the extra jacket, no need to send it back.",
            "says what the customer need not do",
        ),
        ("You'll need proof of address and a birth certificate.", "says what the customer needs"),
    ],
)
def test_traits_solution_new_step_cues(reply: str, cue: str) -> None:
    assert any(label == cue and w > 0 for _, w, label in _cues("solution", reply))


def test_traits_solution_vague_handoff_lowers_solution_and_ownership() -> None:
    handoff = "Thank you for your email. You should take this up with the haulier."
    base = "Thank you for your email."
    vague = "We have passed your query to the relevant department and will reply in due course."
    named = "We have passed your query to our billing team and will reply by Friday."
    assert trait(PROBLEM, handoff, "solution")["score"] < trait(PROBLEM, base, "solution")["score"]
    assert trait(PROBLEM, vague, "solution")["score"] < trait(PROBLEM, named, "solution")["score"]
    assert (
        trait(PROBLEM, handoff, "ownership")["score"] < trait(PROBLEM, base, "ownership")["score"]
    )
    cues = {e["cue"] for e in trait(PROBLEM, vague, "solution")["evidence"]}
    assert {"vague handoff", "vague timing"} <= cues


def test_traits_responsibility_action_completed_in_reply() -> None:
    done = "I have cancelled INV-30877 and attached the corrected invoice."
    t = trait(PROBLEM, done, "responsibility")
    assert t["applicable"]
    assert [e["cue"] for e in t["evidence"]] == ["action completed in the reply"]  # one, not two
    assert [e["text"] for e in t["evidence"]] == ["I have cancelled"]
    assert (
        t["score"] > trait(PROBLEM, "Please check the attached terms.", "responsibility")["score"]
    )


def test_traits_responsibility_action_not_done_is_not_credited() -> None:
    t = trait(PROBLEM, "We haven't corrected the invoice yet.", "responsibility")
    assert all(e["polarity"] == "negative" for e in t["evidence"])
    assert t["score"] <= trait(PROBLEM, "Okay.", "responsibility")["score"]


def _shape(customer: str, reply: str) -> dict[str, float]:
    ctx = build_context([(customer, {})], [], [])
    built = build_reply(reply, ctx)
    score_reply_traits(built)  # as at run time
    return shape_features(built)


def test_traits_shape_question_coverage_and_overlap() -> None:
    customer = "Is there a fee for the copy? Can my husband collect the licence?"
    both = _shape(customer, "The copy costs $15 and your husband can collect the licence.")
    one = _shape(customer, "The copy costs $15.")
    assert both["answered"] == 1.0 and one["answered"] == 0.5
    assert both["overlap"] > one["overlap"] > 0
    assert _shape("Thanks, all sorted.", "Great!")["answered"] == 1.0  # nothing asked


@pytest.mark.parametrize(
    ("reply", "n"),
    [
        ("I'll check it now and we've refunded the fee. Let me know.", 2),  # not "let me know"
        ("I'm sorry about that.", 0),  # an apology is not an action
        ("The fee was refunded.", 0),
    ],
)
def test_traits_shape_counts_the_agent_as_actor(reply: str, n: int) -> None:
    assert _shape(PROBLEM, reply)["self_actor"] == n


def test_traits_shape_emoji_and_register_gap() -> None:
    formal = (
        "Dear Sir or Madam, I would be grateful if you could review the charges. Yours faithfully"
    )
    casual = _shape(formal, "hey np lol, fee refunded 👍🎉")
    fitting = _shape(formal, "Dear Mr MacRae, thank you for your letter. Yours sincerely")
    assert casual["emoji"] == 2.0
    assert casual["register_gap"] > fitting["register_gap"]


@pytest.mark.parametrize(
    "text",
    [
        "¡Claro! Ve a Configuración.",
        "Bonne nouvelle : c'est réglé.",
        "Das freut mich sehr.",
        "Que bom!",
    ],
)
def test_traits_enthusiasm_non_english_energy(text: str) -> None:
    assert any(w > 0 and "non-English" in lab for _, w, lab in _cues("enthusiasm", text))


def test_traits_enthusiasm_non_english_energy_negated() -> None:
    hits = _cues("enthusiasm", "No es una buena noticia, lo siento.")
    assert hits and all(w < 0 for _, w, _ in hits)


@pytest.mark.parametrize(
    ("reply", "flat"),
    [
        ("Fine. I'll check.", True),  # a bare "Fine." is flat
        ("Okay. Send it.", True),
        ("Right, so that's an estimate: read the meter and I'll redo the bill.", False),
        ("Okay, first thing: nothing's getting shut off.", False),  # a spoken discourse marker
    ],
)
def test_traits_flat_opening_only_when_it_stands_alone(reply: str, flat: bool) -> None:
    for key in ("enthusiasm", "rudeness"):
        hits = cueset("agent_cues.json", key).find(reply)
        assert any(h.start == 0 and h.weight < 0 for h in hits) is flat


def test_shape_features_do_not_depend_on_whether_the_traits_were_scored_first() -> None:
    customer = "My refund still hasn't arrived, can you check?"
    reply = "I'll look into it now and I've already asked finance to release the refund."
    fresh = build_reply(reply, build_context([(customer, {})], [], []))
    before = shape_features(fresh)
    scored = build_reply(reply, build_context([(customer, {})], [], []))
    score_reply_traits(scored)
    after = shape_features(scored)
    assert before["self_actor"] >= 1.0
    assert before == after


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Gentile Cliente, ci scusiamo per l'eventuale disagio.", "impersonal greeting"),
        ("Gentile Cliente, ci scusiamo per l'eventuale disagio.", "stock apology"),
        ("Beste klant, onze excuses voor het ongemak.", "stock apology"),
        ("Estimado cliente: le informamos que su pedido ha salido.", "corporate line"),
        ("Wir bitten um Ihr Verständnis.", "stock apology"),
    ],
)
def test_traits_non_english_templates_are_stock_lines(text: str, label: str) -> None:
    hits = [h for h in _cues("genuineness", text) if h[1] < 0]
    assert any(h[2] == f"{label} (non-English)" for h in hits)


@pytest.mark.parametrize(
    "text",
    [
        "Gentile Sig. Ferrari, la ringrazio: ho corretto la fattura.",  # named, personal
        "Estimado Sr. Ruiz, ya le he enviado la factura corregida.",
        "Beste Roel, dank voor het bericht.",
    ],
)
def test_traits_named_greetings_in_other_languages_are_not_stock(text: str) -> None:
    assert not [h for h in _cues("genuineness", text) if h[1] < 0]


@pytest.mark.parametrize(
    ("text", "willing"),
    [
        ("Certo! Ti ho iscritto all'avviso.", True),
        ("Natuurlijk! Ik pas het adres aan.", True),
        ("Goed nieuws: het pakket is onderweg.", True),
        ("Lo faccio con piacere.", True),
        ("Het is zeker dat het pakket gisteren is verstuurd.", False),  # "zeker" mid-clause
        ("Certo che il pacco è partito ieri.", False),  # no punctuation: not an exclamation
    ],
)
def test_traits_enthusiasm_in_italian_and_dutch(text: str, willing: bool) -> None:
    assert any(h[1] > 0 for h in _cues("enthusiasm", text)) is willing


@pytest.mark.parametrize(
    ("key", "text", "label"),
    [
        ("empathy", "Bardzo mi przykro, że paczka nie dotarła.", "apology (pl)"),
        ("empathy", "Yaşattığımız aksaklık için özür dileriz.", "apology (tr)"),
        ("empathy", "Het spijt me zeer dat de monteur niet kwam.", "apology (nl)"),
        ("empathy", "Siamo spiacenti per il ritardo.", "apology (it)"),
        ("empathy", "Peço desculpas pela cobrança duplicada.", "apology (pt)"),
        ("empathy", "Entendo a sua frustração com a fatura.", "acknowledges the feeling (pt)"),
        ("empathy", "Capisco il disagio, soprattutto in viaggio.", "acknowledges the feeling (it)"),
        ("empathy", "Ik begrijp uw ergernis volkomen.", "acknowledges the feeling (nl)"),
        ("empathy", "Doskonale rozumiem, to bardzo nieprzyjemne.", "acknowledges the feeling (pl)"),
        ("empathy", "Sizi çok iyi anlıyorum.", "acknowledges the feeling (tr)"),
        ("empathy", "Proszę się nie martwić, pieniądze są bezpieczne.", "reassures (non-English)"),
        (
            "ownership",
            "Sprawdziłam status i zgłosiłam reklamację u kuriera.",
            "has taken action (pl)",
        ),
        ("ownership", "Oddzwonię jutro przed dwunastą.", "takes the action on (pl)"),
        ("ownership", "Siparişinizi kontrol ettim.", "has taken action (tr)"),
        ("ownership", "Yarın sizi arayacağız.", "takes the action on (tr)"),
        ("ownership", "Ho già inoltrato la pratica all'ufficio rimborsi.", "has taken action (it)"),
        ("ownership", "Controllerò personalmente domani mattina.", "takes the action on (it)"),
        ("ownership", "Ik heb de factuur gecorrigeerd.", "has taken action (nl)"),
        ("ownership", "We gaan de meter morgen vervangen.", "takes the action on (nl)"),
        ("solution", "Wysłałem nowy kod SMS-em.", "reports an action taken (pl)"),
        ("solution", "Aboneliğinizi iptal ettik.", "reports an action taken (tr)"),
        ("solution", "Ho già annullato l'ordine doppio.", "reports an action taken (it)"),
        ("solution", "Ik heb het abonnement geannuleerd.", "reports an action taken (nl)"),
        ("solution", "Estornei a cobrança em duplicado.", "reports an action taken (pt)"),
        (
            "solution",
            "Takibi uygulamadan yapabilirsiniz.",
            "tells the customer what they can do (non-English)",
        ),
        (
            "solution",
            "U kunt de factuur downloaden in Mijn Account.",
            "tells the customer what they can do (non-English)",
        ),
    ],
)
def test_traits_cues_in_more_languages(key: str, text: str, label: str) -> None:
    """Empathy, ownership and solution cues in Polish, Turkish, Dutch, Italian, Portuguese."""
    assert label in {lab for _, w, lab in _cues(key, text) if w > 0}


@pytest.mark.parametrize(
    "text",
    [
        "Bu paketi göndermeyeceğiz.",  # Turkish negation inside the verb: "we will not send"
        "Sizi aramayacağım.",  # "I will not call you"
    ],
)
def test_traits_turkish_negative_futures_are_not_taking_action_on(text: str) -> None:
    assert not [h for h in _cues("ownership", text) if h[1] > 0]


@pytest.mark.parametrize(
    "text",
    [
        "Nie sprawdzę tego dzisiaj.",  # pl
        "Não vou enviar o reembolso.",  # pt
        "Non abbiamo spedito il pacco.",  # it
    ],
)
def test_traits_other_language_negators_flip_a_cue(text: str) -> None:
    hits = _cues("ownership", text)
    assert hits and all(w < 0 for _, w, _ in hits)


@pytest.mark.parametrize(
    ("reply", "flat"),
    [
        ("Okay. Send it over.", True),
        ("I'll check. Fine.", True),
        ("That's not okay. I'll fix it today.", False),  # "not okay" recognises the let-down
        ("It isn't fine. I'll sort it.", False),
        ("That's not really okay. Leave it with me.", False),
    ],
)
def test_traits_flat_reply_cue_is_not_a_negated_okay(reply: str, flat: bool) -> None:
    hits = cueset("agent_cues.json", "enthusiasm").find(reply)
    assert any(h.label == "flat or grudging reply" for h in hits) is flat


def test_traits_network_jargon_to_a_confused_elderly_customer_is_named() -> None:
    customer = (
        "I'm 82 and I don't understand any of this. The internet box has a red light "
        "and nothing works. What do I do?"
    )
    jargon = trait(
        customer,
        "Just reboot the ONT and then check the WAN LED status and PPPoE credentials in "
        "the admin panel at 192.168.1.1.",
        "adaptability",
        emotion="confused",
    )
    plain = trait(
        customer,
        "Let's fix it together. Find the white box by the door. Unplug it. Wait ten "
        "seconds. Plug it back in. Tell me what colour the light is.",
        "adaptability",
        emotion="confused",
    )
    named = {e["text"] for e in jargon["evidence"] if e["cue"] == "jargon"}
    assert {"ONT", "PPPoE", "admin panel", "192.168.1.1"} <= named
    assert not any(e["cue"].startswith("plain, short") for e in jargon["evidence"])
    assert jargon["score"] < plain["score"] - 0.3
