"""Satisfaction as the analyser writes it on USS, per domain: what the conversation rules do.

    OPENBLAS_NUM_THREADS=1 PYTHONPATH=src python benchmarks/customer_context_uss.py
        [--data ../shared/data] [--domains SGD,MWOZ,ReDial,CCPE]

Every USS dialogue (``satisfaction/*.train.txt``) goes through the shipped emotion,
hostility and satisfaction analysers, and the turn values and ``summary.satisfaction`` are
compared with the annotators' ratings (Spearman per domain, turn and dialogue level).
The text model was trained on these dialogues, so the levels are in-sample and higher than
the model card's cross-validated ones; the script is for comparing two versions of the
RULES that run after the model (run it with ``PYTHONPATH`` at each version's ``src``): the
rules are not fitted, so they meet the same in-sample model in both runs. Also prints how
many turns and dialogues the versions' values differ on is left to a diff of the outputs;
this prints the number of turns at or below 2.5 and of dialogues at or below 2.0.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
from scipy.stats import spearmanr

from servicemind.analyse.base import Doc
from servicemind.analyse.pipeline import Pipeline
from servicemind.conversation import Conversation
from servicemind.training._customer_data import load_uss


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--domains", default="SGD,MWOZ,ReDial,CCPE")
    args = ap.parse_args()
    pipe = Pipeline(components=["emotion", "hostility", "satisfaction"])
    print(
        "| domain | dialogues | turns | turn Spearman | dialogue Spearman | turns <= 2.5 | dialogues <= 2.0 |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|")
    for domain in args.domains.split(","):
        dialogues = load_uss(args.data, domain)
        docs: list[Doc] = []
        for dlg in dialogues:
            turns: list[dict[str, str]] = []
            for agent, user in zip(dlg.previous_agent, dlg.user, strict=True):
                if agent:
                    turns.append({"role": "agent", "text": agent})
                turns.append({"role": "customer", "text": user})
            docs.append(Doc(Conversation.from_turns(turns)))
        pipe.annotate(docs)
        pred: list[float] = []
        gold: list[float] = []
        overall: list[float] = []
        for d, dlg in zip(docs, dialogues, strict=True):
            values = [float(out["satisfaction"]) for _, out in d.iter_customer()]
            pred += values
            gold += dlg.rating
            overall.append(float(d.out["summary"]["satisfaction"]))
        turn_rho = spearmanr(pred, gold).statistic
        dlg_rho = spearmanr(overall, [d.overall for d in dialogues]).statistic
        low_t = int(np.sum(np.asarray(pred) <= 2.5))
        low_d = int(np.sum(np.asarray(overall) <= 2.0))
        print(
            f"| {domain} | {len(dialogues)} | {len(pred)} | {turn_rho:.4f} | {dlg_rho:.4f} "
            f"| {low_t} | {low_d} |"
        )


if __name__ == "__main__":
    main()
