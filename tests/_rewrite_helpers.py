"""A rewrite context for the coaching tests: a weak reply to a customer, in one call."""

from __future__ import annotations

from typing import Any

from _contract_builders import traits
from servicemind.coach.rewrite import RewriteContext

__all__ = ["WEAK", "rewrite_context"]

#: Trait scores of a weak reply (empathy, ownership and solution low).
WEAK: dict[str, Any] = traits(0.8, empathy=0.2, ownership=0.2, solution=0.2, politeness=0.3)


def rewrite_context(
    reply: str, customer: str, emotion: str = "angry", *, key: str = "c1:1", **kw: Any
) -> RewriteContext:
    return RewriteContext(
        reply=reply,
        customer_text=customer,
        emotion=emotion,
        traits=kw.pop("traits", WEAK),
        overall=kw.pop("overall", 35),
        conversation=[customer, reply],
        key=key,
        **kw,
    )
