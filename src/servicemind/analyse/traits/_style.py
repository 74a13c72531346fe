"""Tone features shared by politeness and enthusiasm: how a reply sounds, not what it says.

Written for carry-over to writers the word model never saw (issue 5): grammatical and
pragmatic categories rather than topic words. Each is a count the trained combination
weighs (``f:<name>`` of politeness or enthusiasm); the rule scores do not read them.

- ``warmth``: positive exclamation words, laughing along, easy-going reassurance,
  encouragement (agent_cues.json "warmth"): energy carried by words, not "!".
- ``courteous_close``: a friendly close or sign-off ("Enjoy your dinner", "Take care").
- ``blame``: counterfactual blame, "next time" lectures, disowning the problem.
- ``bright_open``: the reply opens with a short exclaimed sentence ("Hi!", "¡Hola!",
  "Cheers Ian!"): energy at the first word, in any language.
- ``confront_open``: a sentence opened by a confrontational discourse marker ("Well, ...",
  "Look, ...", "Listen, ...").
- ``bare_imperative``: a sentence opened by a bare command verb with no "please" in it
  ("Hold on.", "Call a plumber."; in another language "Aguarde.", "Czekaj.", "Bekle.").
- ``emoji_calm`` / ``emoji_upset``: emoji at a calm customer (friendly) or an upset one.
- ``caps_calm`` / ``caps_upset``: shouted words (all capitals, 2+ letters, not in the
  customer's message: not an order code) at a calm or an upset customer.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from servicemind.analyse._cues import cueset, lower_case_form, lowerable
from servicemind.analyse.traits._context import sentence_spans
from servicemind.analyse.traits._result import Reply, other_language

__all__ = ["style_features"]

_LEX = "agent_cues.json"
#: Counts are capped here: a third cue of a kind says little more than the second.
CAP = 3.0
#: An opening sentence of at most this many words that ends in "!" is a bright opener
#: ("Hi!", "Cheers Ian!", "Great news!"); longer exclaimed sentences are not openers.
BRIGHT_OPEN_WORDS = 4
#: Discourse markers that open a confrontation when they start a sentence with a comma.
_CONFRONT = re.compile(
    r"[\"'“(\s]*(?:well|look|listen|honestly|frankly|seriously|again|see)\s*,", re.IGNORECASE
)
#: Common command verbs; a sentence opening with one (and no "please") is a bare imperative.
_IMPERATIVE = re.compile(
    r"[\"'“(\s]*(?:call|contact|hold|wait|send|read|check|try|apply|fill|go|give|tell|stop|"
    r"make|visit|email|use|bring|come|keep|note|ring|phone|refer|see|submit|provide|follow|"
    r"restart|reboot|ask|speak|write|calm|listen|look)\b(?!,)",
    re.IGNORECASE,
)
_PLEASE = re.compile(r"\b(?:please|kindly|pls|plz)\b", re.IGNORECASE)
_AS_WRITTEN = (_CONFRONT, _IMPERATIVE, _PLEASE)
#: The three for the lower-cased form of a lowerable reply: the same spans, about twice as
#: fast (``_cues.lower_case_form``).
_LOWERED = tuple(map(lower_case_form, _AS_WRITTEN))
_EMOJI = re.compile("[\U0001f300-\U0001faff\u2600-\u27bf]")
#: A word of 2+ capitals (``\b[A-Z]{2,}\b``, written to start with its letter so that ``re``
#: skips to the capitals: about 2.5 times as fast on a reply).
_CAPS = re.compile(r"[A-Z](?<!\w[A-Z])[A-Z]+(?!\w)")


def _upset(r: Reply) -> bool:
    return r.ctx.hostile or r.ctx.negative >= 0.6


#: What may stand before an opening command verb in a reply in another language.
_OPENERS = "\"'“(¡¿ \t\n-"


def _other_imperatives(r: Reply, sents: Sequence[tuple[int, int]]) -> int:
    """Sentences of a reply in another language that open with a bare command verb
    (agent_cues.json "bare_imperative_other_languages": "Aguarde.", "Czekaj.", "Bekle.") and
    hold none of that list's "please" words ("Aguarde, por favor." is softened)."""
    hits = cueset(_LEX, "bare_imperative_other_languages").find(r.text, r.low, negatable=False)
    if not hits:
        return 0
    verbs = {h.start for h in hits if h.weight < 0}
    softened = [h.start for h in hits if h.weight > 0]
    n = 0
    for s, e in sents:
        sentence = r.text[s:e]
        head = s + len(sentence) - len(sentence.lstrip(_OPENERS))
        if head in verbs and not any(s <= p < e for p in softened):
            n += 1
    return n


def style_features(r: Reply) -> Mapping[str, float]:
    """The tone counts of one reply (memoised on the reply: both traits read them)."""
    cached: Mapping[str, float] | None = r.cache.get("style")
    if cached is not None:
        return cached
    text, low = r.text, r.low
    warmth = cueset(_LEX, "warmth").count_positive(text, low)
    close = cueset(_LEX, "courteous_close").count_positive(text, low)
    if other_language(r):  # the same kinds in the reply's own language
        warmth += cueset(_LEX, "warmth_other_languages").count_positive(text, low)
        close += cueset(_LEX, "courteous_close_other_languages").count_positive(text, low)
    blame = len(cueset(_LEX, "blame").find(text, low))
    confront = imperative = 0
    if lowerable(text) and low == text.lower():  # (the same spans, see _LOWERED)
        subject, (confront_rx, imperative_rx, please_rx) = low, _LOWERED
    else:
        subject, (confront_rx, imperative_rx, please_rx) = text, _AS_WRITTEN
    sents = sentence_spans(text)
    bright = 0.0
    if sents:  # a short exclaimed opener ("Hi!", "Cheers Ian!", "Great news!")
        s0, e0 = sents[0]
        first = text[s0:e0].rstrip()
        bright = float(first.endswith("!") and len(first.split()) <= BRIGHT_OPEN_WORDS)
    for s, e in sents:
        if confront_rx.match(subject, s):
            confront += 1
        elif imperative_rx.match(subject, s) and not please_rx.search(subject, s, e):
            imperative += 1
    if other_language(r):  # command verbs in the reply's own language
        imperative += _other_imperatives(r, sents)
    upset = _upset(r)
    emoji = 0 if text.isascii() else len(_EMOJI.findall(text))
    theirs = r.ctx.text
    caps = sum(1 for m in _CAPS.finditer(text) if m.group(0) not in theirs and m.group(0) != "I")
    out = {
        "warmth": min(CAP, float(warmth)),
        "courteous_close": min(CAP, float(close)),
        "blame": min(CAP, float(blame)),
        "bright_open": bright,
        "confront_open": min(CAP, float(confront)),
        "bare_imperative": min(CAP, float(imperative)),
        "emoji_calm": 0.0 if upset else min(CAP, float(emoji)),
        "emoji_upset": min(CAP, float(emoji)) if upset else 0.0,
        "caps_calm": 0.0 if upset else min(CAP, float(caps)),
        "caps_upset": min(CAP, float(caps)) if upset else 0.0,
    }
    r.cache["style"] = out
    return out
