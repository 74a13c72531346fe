"""The re-ask memo's literal screen (issue 5 speed): a pattern is skipped only where it
cannot match, so screened and unscreened searches agree on every sentence."""

from __future__ import annotations

import json
from importlib import resources

from servicemind.analyse.traits import _given
from servicemind.analyse.traits._context import sentence_spans

ASKS = [
    "Could you give me the serial number and the exact error message?",
    "¿Me puede indicar su número de pedido, por favor?",
    "Pourriez-vous me communiquer votre numéro de commande ?",
    "Können Sie mir bitte Ihre Bestellnummer nennen?",
    "Mi può indicare il numero d'ordine?",
    "Pode indicar-me o número da encomenda?",
    "Kunt u het bestelnummer doorgeven?",
    "Czy może pan podać numer zamówienia?",
    "Sipariş numaranızı paylaşabilir misiniz? Lütfen",
    "WHICH OS ARE YOU ON? KINDLY SEND THE ERROR.",
    "Straße und Hausnummer, bitte: wir brauchen Ihre Adresse.",
    "İyi günler, hata mesajını gönderebilir misiniz?",
]


def _sentences() -> list[str]:
    demo = resources.files("servicemind.demo").joinpath("conversations.jsonl")
    out = list(ASKS)
    for line in demo.read_text("utf-8").splitlines():
        for turn in json.loads(line)["turns"]:
            text = turn["text"]
            out.extend(text[s:e] for s, e in sentence_spans(text))
    return out


def test_screened_patterns_match_exactly_where_the_patterns_do() -> None:
    asking, _ = _given._sentence_rules()
    patterns = [*asking.patterns, *(p for kind in _given._kinds() for p in kind.ask.patterns)]
    sentences = _sentences()
    assert len(sentences) > 300
    matched = 0
    for sent in sentences:
        found = _given._found(sent)
        for p in patterns:
            screened = p.search(sent, found)
            full = p.rx.search(sent)
            assert (screened is None) == (full is None), (p.rx.pattern, sent)
            matched += full is not None
    assert matched > 50  # the corpus exercises the patterns, not only their misses


def test_screens_reach_every_pattern_that_matches_in_order() -> None:
    """A :class:`Screens` list names, through each pattern's trigger clause, a subsequence
    of its patterns that holds every one matching the sentence; its first match is the
    first of the whole list's."""
    asking, _ = _given._sentence_rules()
    lists = [asking, *(kind.ask for kind in _given._kinds())]
    hits = skipped = 0
    for sent in _sentences():
        found = _given._found(sent)
        for screens in lists:
            cands = list(screens.candidates(found))
            order = [screens.patterns.index(p) for p in cands]
            assert order == sorted(set(order))
            matching = [p for p in screens.patterns if p.rx.search(sent)]
            assert all(p in cands for p in matching), sent
            first = next((m for p in screens.patterns if (m := p.search(sent, found))), None)
            got = screens.search(sent, found)
            assert (got is None) == (first is None)
            if got is not None and first is not None:
                assert (got.re, got.span()) == (first.re, first.span())
                hits += 1
            skipped += len(screens.patterns) - len(cands)
    assert hits > 50
    assert skipped > 1000  # the screen does skip most patterns, not only agree
