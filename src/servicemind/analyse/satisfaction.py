"""Turn-by-turn customer satisfaction (1..5) and the conversation's overall satisfaction.

Writes ``turns[].customer.satisfaction`` and ``summary.satisfaction`` (null when the
conversation has no customer-side turn). The turn model is a linear regression on the
customer turn's text and on the agent-side turn just before it (what the customer is
reacting to), trained on the USS corpus; the overall value is a linear model of the
turns' mean, minimum and last value, fitted on USS dialogue ratings.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from servicemind.analyse import _customer
from servicemind.analyse.base import Analyser, Doc
from servicemind.analyse.registry import register
from servicemind.conversation import Side

__all__ = ["SatisfactionAnalyser"]

_DIGITS = 2


@register("satisfaction")
class SatisfactionAnalyser(Analyser):
    """Trained satisfaction regression over customer-side turns (see module docstring)."""

    version: ClassVar[str] = "1.1"
    requires: ClassVar[tuple[str, ...]] = ()
    assigns: ClassVar[tuple[str, ...]] = ("customer.satisfaction", "summary.satisfaction")

    def __init__(self) -> None:
        pass

    def annotate(self, docs: Sequence[Doc]) -> None:
        texts: list[str] = []
        previous: list[str] = []
        for doc in docs:
            for turn, _ in doc.iter_customer():
                texts.append(turn.text)
                prev = doc.get_previous(turn.index, Side.AGENT)
                previous.append(prev[0].text if prev is not None else "")
        values: Sequence[float] = (
            _customer.turn_satisfaction(texts, previous).tolist() if texts else []
        )
        k = 0
        for doc in docs:
            turn_values: list[float] = []
            for _, out in doc.iter_customer():
                v = round(values[k], _DIGITS)
                out["satisfaction"] = v
                turn_values.append(v)
                k += 1
            doc.out["summary"]["satisfaction"] = (
                round(_customer.overall_satisfaction(turn_values), _DIGITS) if turn_values else None
            )
