"""Padding augmentation of the traits training (trial 19: one neutral sentence, 23 -> 50)."""

from __future__ import annotations

import dataclasses
import importlib.util
from pathlib import Path

import numpy as np

from servicemind.analyse.base import TRAITS
from servicemind.training._labels import LabelledItem
from servicemind.training._padding import pad_pool, padded_items

ROOT = Path(__file__).resolve().parents[1]


def _item(iid: str, reply: str, language: str = "en") -> LabelledItem:
    item = {"id": iid, "language": language, "context": [], "reply": reply}
    return LabelledItem(iid, item, {"A": {"empathy": 2}})


def test_padded_items_append_one_pool_sentence_in_the_items_language() -> None:
    pool = pad_pool()
    items = [_item("w1-0001", "Refund done. "), _item("w1-0002", "Reembolso hecho.", "es")]
    items.append(_item("w1-0003", "Återbetalning klar.", "sv"))  # no Swedish pads: English
    got = padded_items(items)
    for li, pad, lang in zip(items, got, ["en", "es", "en"], strict=True):
        head = str(li.item["reply"]).rstrip()
        assert str(pad.item["reply"]).startswith(head + " ")
        assert str(pad.item["reply"])[len(head) + 1 :] in pool[lang]
        assert pad.passes == li.passes and pad.id == li.id  # the same labels
        assert li.item["reply"] != pad.item["reply"]  # the original is left alone
    # seeded by the id: the same pad whatever subset the item is padded in, another seed
    # may draw another
    assert padded_items(items[1:])[0].item == got[1].item
    draws = {str(padded_items(items[:1], seed=s)[0].item["reply"]) for s in range(20)}
    assert len(draws) > 1


def test_training_pads_are_not_the_benchmarks_pads() -> None:
    # benchmarks/traits_padding.py measures what the augmentation teaches: it must not
    # measure on the sentences the fit was shown
    spec = importlib.util.spec_from_file_location("tp", ROOT / "benchmarks" / "traits_padding.py")
    assert spec is not None and spec.loader is not None
    tp = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tp)
    train = {s for v in pad_pool().values() for s in v}
    bench = {s for v in tp.POOL.values() for s in v}
    assert len(train) >= 40 and len(bench) >= 40
    assert not train & bench
    # and every language of the corpus's detector has pads in both
    assert set(pad_pool()) == set(tp.POOL)


def test_word_model_scores_the_copies_out_of_fold() -> None:
    from servicemind.training._traits_cv import Recipe
    from servicemind.training.traits import fit_lexical

    rng = np.random.default_rng(0)
    words = [f"r:w{i}" for i in range(12)]
    sets = [{w for w in words if rng.random() < 0.4} | {"r:x"} for _ in range(40)]
    y = np.array([len(s) / 12 for s in sets])
    targets = {"empathy": (np.arange(40), y)}
    spec, oof, _ = fit_lexical(sets, targets, 0, None, Recipe())
    spec2, oof2, _ = fit_lexical(sets, targets, 0, None, Recipe(), extra=sets)
    # the copies never enter the fit; a copy equal to its item gets the item's score
    assert spec2 == spec
    assert len(oof2["empathy"]) == 80
    assert np.array_equal(oof2["empathy"][:40], oof["empathy"])
    assert np.allclose(oof2["empathy"][40:], oof["empathy"])
    # a copy with one more word is scored by the fold model that did not see its item
    more = [s | {"r:w0"} for s in sets]
    _, oof3, _ = fit_lexical(sets, targets, 0, None, Recipe(), extra=more)
    changed = [s != m for s, m in zip(sets, more, strict=True)]
    assert not np.allclose(oof3["empathy"][40:][changed], oof["empathy"][changed])


def _corpus(tmp_path: Path) -> list[LabelledItem]:
    from servicemind.training.traits import load_dataset
    from test_traits_training import _label, _write_corpus

    # longer replies carry the better labels, as on the team's corpus
    replies = [
        ("Thanks so much for waiting! I'd be glad to sort this out for you today, Sam.", 2),
        ("Hi Sam, thank you for your patience. I've refunded the 20 euros just now.", 2),
        ("The refund is done.", 1),
        ("Refund issued.", 1),
        ("Contact the courier.", 0),
    ]
    asks = [
        "Where is my refund? It has been two weeks and nobody answers.",
        "Hi, could you tell me when the refund arrives?",
        "I returned the jacket last month. Refund please.",
    ]
    items, labs = [], []
    for i in range(120):
        iid = f"{'abc'[i % 3]}-{i:04d}"
        text, y = replies[i % len(replies)]
        ctx = [{"role": "customer", "text": asks[i % len(asks)]}]
        items.append({"id": iid, "language": "en", "context": ctx, "reply": text})
        labs.append(_label(iid, y))
    pairs, la, lb = _write_corpus(tmp_path, items, labs)
    return [li for li in load_dataset(pairs, la, lb) if li.split == "train"]


def test_pad_augmented_fit_moves_less_under_padding(tmp_path: Path) -> None:
    from servicemind.analyse.traits._lexical import LexicalModel
    from servicemind.training.traits import RECIPE, _rule_pass, fit, rescore

    data = _corpus(tmp_path)
    results, ctxs, _, reps = _rule_pass(data, lexical=False)
    # a pad of neither pool, so the test does not score what the augmentation was shown
    extra = [
        dataclasses.replace(
            li, item={**li.item, "reply": f"{li.item['reply']} The kettle holds 1.7 litres."}
        )
        for li in data
    ]
    p_results, p_ctxs, _, p_reps = _rule_pass(extra, lexical=False)

    def shift(augment: bool) -> float:
        recipe = dataclasses.replace(RECIPE, pad_augment=augment)
        model, lex_spec, metrics = fit(data, results, ctxs, reps, min_items=10, recipe=recipe)
        assert metrics["traits"]["politeness"]["n"] == len(data)  # counted on the items
        lex = LexicalModel(lex_spec)
        d = []
        for i in range(len(data)):
            a = rescore(model, lex, results[i], ctxs[i], reps[i])
            b = rescore(model, lex, p_results[i], p_ctxs[i], p_reps[i])
            d += [
                abs(b[t].score - a[t].score)
                for t in TRAITS
                if t in model["traits"] and a[t].score is not None and b[t].score is not None
            ]
        return float(np.mean(d))

    plain, augmented = shift(False), shift(True)
    assert augmented < plain / 2, (plain, augmented)
