"""Labelled-data tooling: kappa, deterministic split, span F1, and a training round trip."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from servicemind.analyse.base import TRAITS
from servicemind.training._labels import cohen_kappa, gold_spans, load_labels, span_f1, split_of
from servicemind.training.traits import main as train_traits


def test_traits_training_kappa_known_values() -> None:
    assert cohen_kappa([0, 1, 2, 0], [0, 1, 2, 0], [0, 1, 2]) == pytest.approx(1.0)
    # two raters that never agree beyond chance structure
    assert cohen_kappa([0, 0, 1, 1], [0, 1, 0, 1], [0, 1]) == pytest.approx(0.0)
    # quadratic weights punish 0-vs-2 more than 0-vs-1
    near = cohen_kappa([0, 1, 2, 2], [1, 1, 2, 2], [0, 1, 2], "quadratic")
    far = cohen_kappa([0, 1, 2, 2], [2, 1, 2, 2], [0, 1, 2], "quadratic")
    assert near > far


def test_traits_training_split_is_deterministic_and_about_20_percent() -> None:
    ids = [f"w{i}-{i:04d}" for i in range(2000)]
    test = [i for i in ids if split_of(i) == "test"]
    assert split_of("abc-0001") == split_of("abc-0001")
    assert 0.16 < len(test) / len(ids) < 0.24


def test_traits_training_span_f1_matches_overlapping_clauses() -> None:
    reply = "Thanks. I'll call you tomorrow before noon to confirm."
    gold = gold_spans(reply, ["I'll call you tomorrow before noon"])
    assert gold == [(8, 42)]
    res = span_f1([[(8, 53)]], [gold])
    assert res["f1"] == 1.0
    assert span_f1([[]], [gold])["recall"] == 0.0
    assert span_f1([[(0, 7)]], [[]])["precision"] == 0.0


def _label(item_id: str, score: int) -> dict[str, object]:
    d: dict[str, object] = dict.fromkeys(TRAITS, score)
    d.update({"id": item_id, "resiliency": "na", "overall": score + 2, "commitments": []})
    return d


def _write_corpus(
    root: Path, items: list[dict[str, object]], labels: list[dict[str, object]]
) -> tuple[Path, Path, Path]:
    """A one-file corpus under ``root``: pairs, and the same labels as both passes."""
    pairs, la, lb = root / "pairs", root / "A", root / "B"
    for d in (pairs, la, lb):
        d.mkdir()
    (pairs / "p.jsonl").write_text("\n".join(json.dumps(x) for x in items), encoding="utf-8")
    for d in (la, lb):
        (d / "p.jsonl").write_text("\n".join(json.dumps(x) for x in labels), encoding="utf-8")
    return pairs, la, lb


def test_traits_training_invalid_label_lines_are_skipped(tmp_path: Path) -> None:
    f = tmp_path / "a.jsonl"
    good = _label("x-1", 2)
    bad = {**_label("x-2", 1), "empathy": 7}
    f.write_text(json.dumps(good) + "\n" + json.dumps(bad) + "\n{not json\n", encoding="utf-8")
    assert set(load_labels(f)) == {"x-1"}


def test_traits_training_commitment_relabel_replaces_only_its_items(tmp_path: Path) -> None:
    la = tmp_path / "labels" / "A"
    la.mkdir(parents=True)
    one, two = _label("x-1", 2), _label("x-2", 1)
    one["commitments"], two["commitments"] = ["I can refund it"], ["I'll call you"]
    (la / "w1.jsonl").write_text(json.dumps(one) + "\n" + json.dumps(two) + "\n", "utf-8")
    re_a = tmp_path / "labels" / "commitments-v2" / "A"
    re_a.mkdir(parents=True)
    (re_a / "w1.jsonl").write_text(json.dumps({"id": "x-1", "commitments": []}) + "\n", "utf-8")
    got = load_labels(la)
    assert got["x-1"]["commitments"] == [] and got["x-1"]["commitments_relabelled"] is True
    assert (
        got["x-2"]["commitments"] == ["I'll call you"]
        and "commitments_relabelled" not in got["x-2"]
    )
    assert got["x-1"]["empathy"] == 2  # the trait labels stay
    original = load_labels(la, relabelled=False)
    assert original["x-1"]["commitments"] == ["I can refund it"]


def test_traits_training_round_trip_writes_small_artefact(tmp_path: Path) -> None:
    good = (
        "I'm so sorry about that! I've refunded the 20 euros and I'll email you the receipt today."
    )
    bad = "Not our department. Contact the courier."
    pairs, la, lb = tmp_path / "pairs", tmp_path / "A", tmp_path / "B"
    for d in (pairs, la, lb):
        d.mkdir()
    items, labs_a, labs_b = [], [], []
    for i in range(60):
        iid = f"{'abc'[i % 3]}-{i:04d}"  # three writers: a, b, c
        items.append(
            {
                "id": iid,
                "industry": "retail",
                "channel": "chat",
                "language": "en",
                "context": [{"role": "customer", "text": f"My order {1000 + i} arrived broken!"}],
                "reply": good if i % 2 else bad,
            }
        )
        labs_a.append(_label(iid, 2 if i % 2 else 0))
        labs_b.append(_label(iid, 2 if i % 2 else 1))
    (pairs / "p.jsonl").write_text("\n".join(json.dumps(x) for x in items), encoding="utf-8")
    (la / "p.jsonl").write_text("\n".join(json.dumps(x) for x in labs_a), encoding="utf-8")
    (lb / "p.jsonl").write_text("\n".join(json.dumps(x) for x in labs_b), encoding="utf-8")
    metrics = train_traits(pairs, la, lb, tmp_path / "out", min_items=10)
    art = tmp_path / "out" / "traits.json"
    assert art.stat().st_size < 3_000_000
    model = json.loads(art.read_text())
    assert "resiliency" not in metrics["traits"]  # every pass said na: nothing to fit
    for trait, m in metrics["traits"].items():
        # weights ship only where they beat the rules in CV (or for trained applicability)
        assert (trait in model["traits"]) == (
            m["score_by"] == "trained" or m["trained_applicability"]
        )
    assert metrics["traits"]["ownership"]["rule_spearman"] > 0.5
    assert (tmp_path / "out" / "MODEL_CARD.md").read_text().startswith("# Model card")


def test_traits_training_calibration_applies_trained_weights() -> None:
    from servicemind.analyse.traits._calibration import apply_calibration
    from servicemind.analyse.traits._result import TraitResult

    results = {t: TraitResult(0.5, True, 0.5) for t in TRAITS}
    results["empathy"].features["neg"] = -1.0
    model = {
        "traits": {
            "empathy": {
                "features": ["f:neg", "rule:solution"],
                "mean": [0.0, 0.5],
                "scale": [1.0, 0.25],
                "coef": [0.2, 0.1],
                "intercept": 0.6,
                "applicability": {
                    "features": ["ctx:closing"],
                    "mean": [0.0],
                    "scale": [1.0],
                    "coef": [-5.0],
                    "intercept": 1.0,
                },
            }
        }
    }
    apply_calibration(model, results, {"closing": 1.0})
    # 0.6 + 0.2 * (-1 - 0) / 1 + 0.1 * (0.5 - 0.5) / 0.25 = 0.4
    assert results["empathy"].score == pytest.approx(0.4)
    assert results["empathy"].applicable is False  # 1 - 5 < 0
    assert results["solution"].score == 0.5  # traits without weights keep the rule score


def test_traits_training_word_model_learns_and_is_reproducible(tmp_path: Path) -> None:
    import gzip

    from servicemind.analyse.traits._lexical import LexicalModel, terms

    warm = [
        "Happy to sort this out for you right away, thanks for telling us!",
        "Glad you asked, happy to help: the new card goes out today.",
        "Great news, happy to do that for you now.",
    ]
    flat = [
        "Ticket noted. Wait for the email.",
        "See the terms. Nothing else to add.",
        "Noted. Wait for processing.",
    ]
    items, labs = [], []
    for i in range(90):
        iid = f"t-{i:04d}"
        good = i % 2 == 0
        reply = (warm if good else flat)[i % 3]
        items.append(
            {
                "id": iid,
                "context": [{"role": "customer", "text": f"Where is my card {i}?"}],
                "reply": reply,
            }
        )
        labs.append(_label(iid, 2 if good else 0))
    pairs, la, lb = _write_corpus(tmp_path, items, labs)
    metrics = train_traits(pairs, la, lb, tmp_path / "out", min_items=10)
    first = (tmp_path / "out" / "lexical.json.gz").read_bytes()
    train_traits(pairs, la, lb, tmp_path / "out2", min_items=10)
    assert (tmp_path / "out2" / "lexical.json.gz").read_bytes() == first  # same bytes
    assert metrics["traits"]["enthusiasm"]["word_model"]["oof_spearman"] > 0.5
    model = LexicalModel(json.loads(gzip.decompress(first)))
    assert "r:happy_to" in model.vocab and "r:wait" in model.vocab
    new_warm = model.scores("I'm happy to help right away!")["enthusiasm"]
    new_flat = model.scores("Wait for the email.")["enthusiasm"]
    assert new_warm > new_flat
    assert terms("Happy to help!", "Where?") >= {"r:happy", "r:happy_to", "r:!", "c:where"}
    # the combination reads the word score as a feature of its own kind
    combo = json.loads((tmp_path / "out" / "traits.json").read_text())
    trained = [t for t, m in metrics["traits"].items() if m["score_by"] == "trained"]
    assert trained
    for t in trained:
        assert f"lex:{t}" in combo["traits"][t]["features"]


def test_traits_calibration_reads_word_scores_from_the_context_features() -> None:
    from servicemind.analyse.traits._calibration import feature_vector
    from servicemind.analyse.traits._result import TraitResult

    results = {t: TraitResult(0.5, True, 0.5) for t in TRAITS}
    ctx = {"closing": 1.0, "lex:empathy": 0.8, "lex:patience": 0.1}
    names = ["lex:empathy", "ctx:closing", "lex:ownership"]
    assert feature_vector("empathy", results, names, ctx) == [0.8, 1.0, 0.0]


def test_traits_shipped_word_model_explains_itself() -> None:
    from servicemind.analyse.traits._lexical import load_lexical_model, top_terms

    model = load_lexical_model()
    assert model is not None and set(model.traits) <= set(TRAITS)
    reply = "Not my problem, read the terms and conditions."
    hot = top_terms("ownership", reply, "My parcel never came!")
    assert hot and all(t.startswith(("r:", "c:")) for t, _ in hot)
    assert len(hot) <= 5 and abs(hot[0][1]) >= abs(hot[-1][1])


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200), st.text(max_size=200))
def test_traits_word_model_fast_lookup_equals_the_term_set(reply: str, customer: str) -> None:
    from servicemind.analyse.traits._lexical import load_lexical_model, terms

    model = load_lexical_model()
    assert model is not None
    words = "happy to help sorry thanks please the order refund not our department "
    for r, c in ((reply, customer), (words + reply, customer + words)):
        slow = sorted(i for i in (model.vocab.get(t) for t in terms(r, c)) if i is not None)
        assert model.indices(r, c) == slow


@settings(max_examples=200, deadline=None)
@given(
    st.text(
        alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 '_!?.,-\n",
        max_size=200,
    ),
    st.text(alphabet="abcdeHIJKsorythanpl 'ÉéüÜ!?\n", max_size=200),
)
def test_traits_word_model_ascii_tokens_equal_the_unicode_ones(reply: str, customer: str) -> None:
    # ASCII texts take a plain a-z tokeniser: the same ids as the term set
    from servicemind.analyse.traits._lexical import load_lexical_model, terms

    model = load_lexical_model()
    assert model is not None
    for r, c in ((reply, customer), ("Sorry, I'm happy to help! " + reply, "don't " + customer)):
        slow = sorted(i for i in (model.vocab.get(t) for t in terms(r, c)) if i is not None)
        assert model.indices(r, c) == slow


def test_traits_training_folds_hold_out_whole_writers() -> None:
    from servicemind.training._traits_cv import folds, group_of

    ids = ["w2-0001", "w1-0002", "w3-0003", "w2-0004", "w1-0005", "w3-0006", "w2-0007"]
    groups = [group_of(i) for i in ids]
    fold, n = folds(len(ids), 0, groups)
    assert n == 3
    for f in range(n):
        held = {g for g, k in zip(groups, fold.tolist(), strict=True) if k == f}
        assert len(held) == 1  # one writer per fold, and all of its items
    assert fold.tolist() == [1, 0, 2, 1, 0, 2, 1]  # sorted writer order, whatever the seed
    assert folds(len(ids), 5, groups)[0].tolist() == fold.tolist()
    # two writers are too few to hold one out: a seeded random 5-fold split
    two = ["a", "b"] * 10
    rand, n2 = folds(20, 0, two)
    assert n2 == 5 and rand.tolist() == folds(20, 0, None)[0].tolist()


def test_traits_training_word_model_can_drop_one_writer_terms() -> None:
    from servicemind.training._traits_cv import Recipe
    from servicemind.training.traits import fit_lexical

    # "zebra" is used by writer a only (6 items); "refund" by all three writers
    sets = [{"r:refund", "r:zebra"} if g == "a" else {"r:refund"} for g in "aaaaaabbbbbbcccccc"]
    groups = list("aaaaaabbbbbbcccccc")
    y = np.array([1.0 if i % 2 else 0.0 for i in range(18)])
    targets = {"empathy": (np.arange(18), y)}
    loose, _, _ = fit_lexical(sets, targets, 0, groups, Recipe(min_term_writers=1))
    strict, _, _ = fit_lexical(sets, targets, 0, groups, Recipe(min_term_writers=2))
    assert "r:zebra" in loose["vocab"] and "r:zebra" not in strict["vocab"]
    assert "r:refund" in strict["vocab"]


def test_writer_ranges_orders_writers_by_number_and_shows_gaps() -> None:
    # one function names the writers on both model cards (traits and commitments); a gap is
    # shown, not bridged: w1, w2, w9, w10, w17 are not "w1-w17"
    from servicemind.training._labels import writer_ranges

    assert writer_ranges(["w10", "w2", "w1", "w17", "w9"]) == "w1-w2, w9-w10, w17"
    assert writer_ranges([f"w{i}" for i in range(29, 0, -1)]) == "w1-w29"
    assert writer_ranges(["w3", "w3"]) == "w3"
    assert writer_ranges([]) == "none"


@pytest.mark.parametrize(
    ("labels", "expected"),
    [
        # ties share their mean rank; the result keeps the labels' order on 0..1
        ([0.0, 0.5, 0.5, 1.0], [0.25, 0.625, 0.625, 1.0]),
        ([1.0, 1.0, 1.0, 0.5], [0.75, 0.75, 0.75, 0.25]),
        # most labels on one level: the gap below it is what the rank target widens
        ([0.5, 1.0, 1.0, 1.0, 1.0], [0.2, 0.7, 0.7, 0.7, 0.7]),
    ],
)
def test_traits_training_midranks(labels: list[float], expected: list[float]) -> None:
    from servicemind.training.traits import midranks

    assert midranks(np.array(labels)).tolist() == pytest.approx(expected)


def test_traits_training_rank_target_keeps_the_label_scale(tmp_path: Path) -> None:
    """A rank-target trait is fitted on mid-ranks, then mapped back to the label scale:
    its trained scores on the train items keep the labels' mean (a least-squares line),
    and a trait left on the label target is fitted exactly as before."""
    import dataclasses

    from servicemind.analyse.traits._lexical import LexicalModel
    from servicemind.training._labels import mean_label
    from servicemind.training.traits import RECIPE, _rule_pass, fit, load_dataset, rescore

    replies = [
        ("Thanks so much for waiting! I'd be glad to sort this for you today.", 2),
        ("Hi Sam, thank you. I've refunded the 20 euros.", 2),
        ("The refund is done.", 1),
        ("Refund issued. Allow 5 days.", 1),
        ("Not our department. Contact the courier.", 0),
    ]
    asks = [
        "Where is my refund? It has been two weeks and nobody answers.",
        "Hi, could you tell me when the refund arrives?",
        "I returned the jacket last month. Refund please.",
        "This is ridiculous, I want my money back NOW.",
    ]
    items, labs = [], []
    for i in range(90):
        iid = f"{'abc'[i % 3]}-{i:04d}"
        text, y = replies[i % len(replies)]
        items.append(
            {
                "id": iid,
                "industry": "retail",
                "channel": "chat",
                "language": "en",
                "context": [{"role": "customer", "text": asks[i % len(asks)]}],
                "reply": text,
            }
        )
        labs.append(_label(iid, y))
    pairs, la, lb = _write_corpus(tmp_path, items, labs)
    data = [li for li in load_dataset(pairs, la, lb) if li.split == "train"]
    results, ctxs, _, reps = _rule_pass(data, lexical=False)
    plain = dataclasses.replace(RECIPE, rank_target=())
    ranked = dataclasses.replace(RECIPE, rank_target=("politeness",))
    m_plain, _, _ = fit(data, results, ctxs, reps, min_items=10, recipe=plain)
    m_rank, lex_spec, _ = fit(data, results, ctxs, reps, min_items=10, recipe=ranked)
    assert m_rank["traits"]["solution"] == m_plain["traits"]["solution"]
    assert m_rank["traits"]["politeness"] != m_plain["traits"]["politeness"]
    # scored as at run time, the train items' politeness keeps the labels' mean (0.5-ish
    # on the rank scale would put every 1 and 2 label higher than the labels say)
    lex = LexicalModel(lex_spec)
    scores = [
        rescore(m_rank, lex, r, c, rep)["politeness"].score
        for r, c, rep in zip(results, ctxs, reps, strict=True)
    ]
    labels = [mean_label(li, "politeness") for li in data]
    assert np.mean(scores) == pytest.approx(np.mean(labels), abs=0.05)
    # and the order of the five replies follows their labels
    by_label: dict[float, list[float]] = {}
    for s, y in zip(scores, labels, strict=True):
        by_label.setdefault(y, []).append(s)
    means = [np.mean(by_label[y]) for y in sorted(by_label)]
    assert means == sorted(means)


def test_traits_training_hinges_only_for_features_with_many_values() -> None:
    from servicemind.training._traits_cv import hinge_names

    spread = np.arange(30, dtype=float)  # 30 distinct values: two tercile cuts inside
    flag = np.array([0.0, 1.0] * 15)  # two values: a flag gets no hinge
    capped = np.array([0.0, 1.0, 2.0, 3.0] * 7 + [0.0, 0.0])  # a capped count: none
    mostly_zero = np.array([0.0] * 12 + list(range(1, 19)), dtype=float)
    X = np.column_stack([spread, flag, capped, mostly_zero])
    names = ["lex:enthusiasm", "f:bright_open", "f:warmth", "ctx:reply_words"]
    got = hinge_names(names, X, 3)
    cuts = np.quantile(spread, [1 / 3, 2 / 3])
    assert got[:2] == [f"hinge:lex:enthusiasm@{round(float(c), 6)!r}" for c in cuts]
    # the lower tercile is the least value (0): a hinge there would only repeat the feature
    assert got[2:] == ["hinge:ctx:reply_words@8.333333"]
    assert not any("bright_open" in n or "warmth" in n for n in got)
