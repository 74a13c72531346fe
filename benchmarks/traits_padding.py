"""Padding sensitivity of the trait scores: one neutral sentence appended to a reply.

    OPENBLAS_NUM_THREADS=1 PYTHONPATH=src python3 benchmarks/traits_padding.py \
        training/data/traits/pairs training/data/traits/labels/A training/data/traits/labels/B \
        [--n 1000] [--seed 0] [--model-dir DIR] [--rules]

A reviewer found that a rude reply scored 23 and the same reply with one sentence of product
specs appended 50 (trial 19, F1/F2): the trained combination read the length. This takes a
seeded sample of TRAIN-part replies (the test part is never read), appends to each one
sentence from :data:`POOL` (in the item's language where the pool has it, else English;
sentences that carry no service behaviour: product specs, opening hours, how a process
works), scores both versions as the analyser does (rule pass, word model, calibration, harm
caps) and reports per trait, over the replies where the trait applies both times, the mean
and 90th percentile of |score change| and the mean signed change, the share of replies whose
applicability flips, and the same for the scorecard's overall (0..100, default profile).

The pool is written for this benchmark only; a training-time augmentation must draw its pads
from a different pool, or this benchmark would measure what the fit was shown.
``--model-dir`` scores with ``traits.json`` / ``lexical.json.gz`` from a directory (e.g.
``servicemind train traits --out DIR``); ``--rules`` with the rule scores only.
"""

from __future__ import annotations

import argparse
import copy
import gzip
import json
import random
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from servicemind.analyse.base import TRAITS
from servicemind.analyse.scorecard import load_profiles, overall_score
from servicemind.analyse.traits._analyser import apply_caps, harm_caps
from servicemind.analyse.traits._calibration import apply_calibration, load_traits_model
from servicemind.analyse.traits._lexical import LexicalModel, load_lexical_model
from servicemind.analyse.traits._result import Reply, TraitResult
from servicemind.training._labels import LabelledItem
from servicemind.training.traits import _rule_pass, load_dataset

#: Neutral sentences by language: product facts, opening hours, how a process works. None
#: names the customer, the agent's action, a feeling, thanks, an apology or a promise.
POOL: dict[str, tuple[str, ...]] = {
    "en": (
        "The kettle holds 1.7 litres and switches off automatically when the water boils.",
        "Our stores are open from 9 am to 6 pm on weekdays and from 10 am to 4 pm on Saturdays.",
        "Parcels are sorted at the central depot before they go out on the delivery vans.",
        "The router has four Ethernet ports and supports both 2.4 GHz and 5 GHz bands.",
        "The standard warranty on small appliances covers manufacturing defects for two years.",
        "Invoices are generated on the first working day of each month.",
        "The mobile app is available for both Android and iOS devices.",
        "Card payments usually appear on a statement within two to three working days.",
        "The blender comes with a 1.5 litre glass jug and three speed settings.",
        "Train tickets for the regional lines can be bought at the station machines.",
        "Most of the fleet consists of Airbus A320 aircraft.",
        "The meter is read remotely every half hour and the readings are sent overnight.",
        "Each account can hold up to five user profiles.",
        "The jacket is made of recycled polyester and can be machine washed at 30 degrees.",
        "Software updates are released on the second Tuesday of every month.",
        "The warehouse processes orders in the order in which they are received.",
        "The headphones offer up to 30 hours of playback on a single charge.",
        "Express deliveries are carried by a different courier than standard ones.",
        "The office is closed on public holidays.",
        "The monthly plan includes unlimited calls and texts within the country.",
    ),
    "es": (
        "La tienda abre de lunes a sábado de 10 a 21 horas.",
        "El modelo incluye una batería de 4000 mAh y pantalla de seis pulgadas.",
        "Los pedidos se preparan en el almacén central de Zaragoza.",
        "La garantía legal de los productos electrónicos es de tres años.",
    ),
    "fr": (
        "Le magasin est ouvert du lundi au samedi de 9 h à 19 h.",
        "La bouilloire a une capacité de 1,7 litre et un filtre amovible.",
        "Les factures sont émises le premier jour ouvré du mois.",
        "Le colis passe par le centre de tri régional avant la livraison.",
    ),
    "de": (
        "Die Filiale ist montags bis freitags von 8 bis 18 Uhr geöffnet.",
        "Das Gerät hat eine Leistung von 1000 Watt und sechs Geschwindigkeitsstufen.",
        "Rechnungen werden immer am ersten Werktag des Monats erstellt.",
        "Pakete werden im Verteilzentrum in Leipzig sortiert.",
    ),
    "pt": (
        "A loja funciona de segunda a sábado, das 9h às 20h.",
        "O aparelho tem um motor de 800 W e um copo de vidro de 1,5 litro.",
        "As faturas são emitidas no primeiro dia útil de cada mês.",
        "As encomendas saem do armazém central todas as manhãs.",
    ),
    "it": (
        "Il negozio è aperto dal lunedì al sabato dalle 9 alle 19.",
        "Il frullatore ha una caraffa in vetro da 1,5 litri.",
        "Le fatture vengono emesse il primo giorno lavorativo del mese.",
        "I pacchi passano dal centro di smistamento di Bologna.",
    ),
    "nl": (
        "De winkel is open van maandag tot en met zaterdag van 9 tot 18 uur.",
        "Het apparaat heeft een vermogen van 1200 watt en een glazen kan.",
        "Facturen worden op de eerste werkdag van de maand verstuurd.",
        "Pakketten worden gesorteerd in het distributiecentrum in Utrecht.",
    ),
    "pl": (
        "Sklep jest czynny od poniedziałku do soboty w godzinach 9-20.",
        "Urządzenie ma moc 1000 W i dzbanek o pojemności 1,5 litra.",
        "Faktury są wystawiane pierwszego dnia roboczego miesiąca.",
    ),
    "tr": (
        "Mağaza pazartesiden cumartesiye 09.00-20.00 saatleri arasında açıktır.",
        "Cihazın gücü 1000 W ve hazne kapasitesi 1,5 litredir.",
        "Faturalar her ayın ilk iş gününde düzenlenir.",
    ),
}


def pad_text(reply: str, rng: random.Random, language: str | None) -> str:
    """``reply`` with one sentence of :data:`POOL` appended (the item's language, else en)."""
    pool = POOL.get(language or "en", POOL["en"])
    return reply.rstrip() + " " + rng.choice(pool)


def padded(items: Sequence[LabelledItem], seed: int) -> list[LabelledItem]:
    """A copy of every item whose reply carries one pad sentence (seeded per item order)."""
    rng = random.Random(seed)
    out = []
    for li in items:
        item = copy.deepcopy(li.item)
        item["reply"] = pad_text(str(item["reply"]), rng, item.get("language"))
        out.append(LabelledItem(li.id, item, li.passes))
    return out


def score(
    model: dict[str, Any] | None,
    lex: LexicalModel | None,
    results: dict[str, TraitResult],
    ctx: dict[str, float],
    reply: Reply,
) -> dict[str, dict[str, Any]]:
    """One reply's trait outputs (score, applicable) as the analyser computes them."""
    r = copy.deepcopy(results)
    if model is not None:
        caps = harm_caps(reply, r)
        c = dict(ctx)
        if lex is not None:
            c.update({f"lex:{k}": v for k, v in lex.scores(reply.text, reply.ctx.text).items()})
        apply_calibration(model, r, c)
        apply_caps(r, caps)
    return {t: r[t].to_dict(reply.text) for t in TRAITS}


def report(
    base: Sequence[dict[str, dict[str, Any]]], pad: Sequence[dict[str, dict[str, Any]]]
) -> dict[str, dict[str, float]]:
    """Per trait and overall: mean and p90 of |change|, mean signed change, flip share."""
    weights = load_profiles()["default"]
    out: dict[str, dict[str, float]] = {}
    pooled: list[float] = []
    for t in [*TRAITS, "overall"]:
        deltas, flips, n = [], 0, 0
        for b, p in zip(base, pad, strict=True):
            if t == "overall":
                deltas.append((overall_score(p, weights) - overall_score(b, weights)) / 100)
                n += 1
                continue
            if b[t]["applicable"] or p[t]["applicable"]:
                n += 1
                flips += b[t]["applicable"] != p[t]["applicable"]
            if b[t]["score"] is not None and p[t]["score"] is not None:
                deltas.append(p[t]["score"] - b[t]["score"])
        d = np.array(deltas)
        if t != "overall":
            pooled.extend(d.tolist())
        out[t] = {
            "n": len(d),
            "mean_abs": round(float(np.abs(d).mean()), 4) if len(d) else 0.0,
            "p90_abs": round(float(np.quantile(np.abs(d), 0.9)), 4) if len(d) else 0.0,
            "mean_signed": round(float(d.mean()), 4) if len(d) else 0.0,
            "flip_share": round(flips / n, 4) if t != "overall" and n else 0.0,
        }
    d = np.array(pooled)
    flip = [v["flip_share"] for k, v in out.items() if k != "overall"]
    out["all traits"] = {
        "n": len(d),
        "mean_abs": round(float(np.abs(d).mean()), 4),
        "p90_abs": round(float(np.quantile(np.abs(d), 0.9)), 4),
        "mean_signed": round(float(d.mean()), 4),
        "flip_share": round(float(np.mean(flip)), 4),
    }
    return out


def sample(pairs: str, labels_a: str, labels_b: str, n: int, seed: int) -> list[LabelledItem]:
    """``n`` train-part items drawn with ``seed`` (all of them when ``n`` is 0)."""
    data = [li for li in load_dataset(pairs, labels_a, labels_b) if li.split == "train"]
    if 0 < n < len(data):
        data = random.Random(seed).sample(data, n)
    return data


def load_dir(path: str) -> tuple[dict[str, Any], LexicalModel]:
    d = Path(path)
    model: dict[str, Any] = json.loads((d / "traits.json").read_text("utf-8"))
    lex = LexicalModel(json.loads(gzip.decompress((d / "lexical.json.gz").read_bytes())))
    return model, lex


def print_table(rep: dict[str, dict[str, float]]) -> None:
    print("\n| trait | n | mean abs change | p90 abs change | mean signed change | flip share |")
    print("|---|---:|---:|---:|---:|---:|")
    for t, v in rep.items():
        print(
            f"| {t} | {v['n']} | {v['mean_abs']:.4f} | {v['p90_abs']:.4f} | "
            f"{v['mean_signed']:+.4f} | {v['flip_share']:.4f} |"
        )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("pairs")
    ap.add_argument("labels_a")
    ap.add_argument("labels_b")
    ap.add_argument("--n", type=int, default=1000, help="train replies sampled (0: all)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--model-dir", default=None)
    ap.add_argument("--rules", action="store_true")
    args = ap.parse_args()
    data = sample(args.pairs, args.labels_a, args.labels_b, args.n, args.seed)
    model: dict[str, Any] | None = None
    lex: LexicalModel | None = None
    if args.model_dir:
        model, lex = load_dir(args.model_dir)
    elif not args.rules:
        model, lex = load_traits_model(), load_lexical_model()
    outs = []
    for items in (data, padded(data, args.seed)):
        results, ctxs, _, replies = _rule_pass(items, lexical=False)
        outs.append(
            [score(model, lex, r, c, p) for r, c, p in zip(results, ctxs, replies, strict=True)]
        )
    rep = report(outs[0], outs[1])
    print(json.dumps({"n_items": len(data), "seed": args.seed, "traits": rep}, indent=1))
    print_table(rep)


if __name__ == "__main__":
    main()
