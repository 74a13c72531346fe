"""When responsibility and balance apply: the situation, not how well the reply met it.

The guideline's "na" table (training/guidelines/traits.md): responsibility is na only when
no action or follow-up is involved; balance only when nothing the customer wants meets a
policy or a fact. A reply that owed a commitment and gave none, or recited a limit with no
acknowledgement, is scored low, not na (trial 19 F10, F11). The cue lists are
lexicons/applicability_cues.json.
"""

from __future__ import annotations

from servicemind.analyse._cues import phrase_set
from servicemind.analyse.traits._context import Context
from servicemind.analyse.traits._result import Reply

__all__ = ["asks_information", "commitment_owed", "disputes", "states_limit"]

_LEX = "applicability_cues.json"


def commitment_owed(ctx: Context) -> bool:
    """The customer's turn calls for a commitment from the agent's side: an action asked
    of it, a wait, a chase, an earlier promise or call-back."""
    return ctx.has_customer and phrase_set(_LEX, "owed").search(ctx.text)


def asks_information(ctx: Context) -> bool:
    """The customer asks for information or how-to (a complete answer settles it)."""
    return ctx.has_customer and phrase_set(_LEX, "info_request").search(ctx.text)


def disputes(ctx: Context) -> bool:
    """The customer wants what may meet a limit: a disputed charge, fee, price or decision,
    a refund or an exception."""
    return ctx.has_customer and phrase_set(_LEX, "disputed").search(ctx.text)


def states_limit(r: Reply) -> bool:
    """The reply states a limit set by a policy, a rule or a fact."""
    return phrase_set(_LEX, "limit").search(r.text, r.low)
