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
    patterns = [*asking, *(p for kind in _given._kinds() for p in kind.ask)]
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
