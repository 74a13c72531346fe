"""A reply that helps in an unsafe way: the guideline's "helpful but harmful" (trial 21a F1).

training/guidelines/traits.md (version 2): a reply that solves the request in an unsafe or
forbidden way (sharing a password, disabling two-factor authentication, sending personal
data to an unverified person) scores solution 0 and overall at most 2, however warm it is.
The word model reads such a reply as helpful ("Sure, happy to help! Her temporary password
is …" scored 63 overall), so the rules name the breach and the analyser's harm caps keep
solution at the rule's 0; the scorecard caps ``overall`` of a reply with the flag.

What counts, as data (lexicons/agent_cues.json ``unsafe_compliance`` and
``unsafe_sends_data``, in English and the corpus languages): a credential of someone else
given out, a security control (two-factor login) switched off, a change made without the
identity check, and, when the customer says they ask for someone else
(context_cues.json ``third_party``), account data sent on. A sentence that also states a
limit, a requirement or the check first ("I can't turn off two-factor", "without a security
check we cannot …", "once that's approved, I'll disable 2FA", "to the email on file") is the
safe way, not the breach.
"""

from __future__ import annotations

import re

from servicemind.analyse._cues import Hit, cueset, phrase_set
from servicemind.analyse.traits._context import sentence_spans
from servicemind.analyse.traits._result import Reply, TraitResult

__all__ = ["UNSAFE_FLAG", "UNSAFE_LABEL", "apply_unsafe", "unsafe_hits"]

_LEX = "agent_cues.json"
#: The evidence label of a breach (its cue follows: "unsafe: discloses a credential"); a
#: harm cue of the analyser, so the trained combination cannot raise solution above 0.
UNSAFE_LABEL = "unsafe"
#: The reply's flag (the scorecard caps ``overall`` of a flagged reply).
UNSAFE_FLAG = "unsafe_compliance"
#: A sentence with one of these holds the line or names the safe route: no breach in it.
_SAFE = re.compile(
    r"\b(can'?t|cannot|can not|unable|not able|not allowed|won'?t|will not|never|need to|needs"
    r" to|must|have to|has to|first|before|once|after|as soon as|on file|registered|account"
    r" holder|nicht|sobald|nachdem|une fois|apr[èe]s|d[èe]s que|una vez|despu[ée]s|en cuanto|"
    r"una volta|dopo|appena|zodra|nadat|assim que|depois|ap[óo]s|"
    r"erst|zuerst|bevor|hinterlegt\w*|registriert\w*|ne (peux|pouvons|pouvez)|pas possible|"
    r"d'abord|avant|enregistr[ée]e?|no (se )?(puede|puedo|podemos|es posible)|primero|antes|"
    r"registrad[oa]|non (posso|possiamo|[èe] possibile)|prima|registrat[oa]|niet|geen|eerst|"
    r"voordat|geregistreerd\w*|n[ãa]o (posso|podemos|[ée] poss[ií]vel)|registad[oa])\b",
    re.IGNORECASE,
)


def _safe_sentence(text: str, start: int) -> bool:
    for s, e in sentence_spans(text):
        if s <= start < e:
            return bool(_SAFE.search(text, s, e))
    return False


def unsafe_hits(r: Reply) -> list[Hit]:
    """The spans of ``r`` that breach security or privacy, as negative solution evidence."""
    found = cueset(_LEX, "unsafe_compliance").find(r.text, r.low)
    ctx = r.ctx
    if ctx.has_customer and phrase_set("context_cues.json", "third_party").search(ctx.text):
        found += cueset(_LEX, "unsafe_sends_data").find(r.text, r.low)
    return [
        Hit(h.start, h.end, h.text, -abs(h.weight), f"{UNSAFE_LABEL}: {h.label}")
        for h in found
        if not h.negated and not _safe_sentence(r.text, h.start)
    ]


def apply_unsafe(reply: Reply, results: dict[str, TraitResult]) -> None:
    """Solution 0, with the breach as its evidence and the reply's flag, for a reply that
    helps in an unsafe way; in place. Nothing changes for any other reply."""
    hits = unsafe_hits(reply)
    if not hits:
        return
    sol = results["solution"]
    sol.score = 0.0
    sol.evidence = [*sol.evidence, *hits]
    if UNSAFE_FLAG not in sol.flags:
        sol.flags = [*sol.flags, UNSAFE_FLAG]
