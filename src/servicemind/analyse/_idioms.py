"""Idioms the customer emotion models misread, rewritten on customer text (trial 21c).

Applied at analysis time only, by :func:`servicemind.analyse._normalise.lead_clause`
(so the emotion heads, the six-emotion stack's cue families, the hostility model and the
satisfaction model all read the plain form); the models were trained without it. The
wording is data (``lexicons/customer_idioms.json``):

* ``polite_afraid``: "I'm afraid I need to cancel", "I'm afraid so", "..., I'm afraid." is
  the British politeness hedge, not fear; it is removed. "I'm afraid of ...", "I'm afraid
  I'll lose ..." and "I'm really afraid" keep their words;
* ``speechless``: "no sé qué decir" ("I don't know what to say"; the English phrase is left out
  of the confusion marker itself) is speechlessness after a loss or a kindness,
  not a request for an explanation; it is removed;
* ``past_speed``: a duration after a past-tense verb ("rebooked me in two minutes") praises
  speed and sets no deadline; it is rewritten "quickly", unless the words before it ask
  for it ("I need it fixed in 2 hours").
"""

from __future__ import annotations

import functools
import re

from servicemind.analyse._cues import load_lexicon

__all__ = ["plain"]

#: Each idiom holds one of its hints (lower case): cheap screens before the patterns.
_AFRAID_HINTS = ("afraid", "temo")
_SPEECHLESS_HINTS = ("decir", "dire", "sagen", "dizer", "zeggen")
_SPEED_HINTS = (" in ", "within")
#: Words before a past participle that make its duration a deadline ("need it fixed in
#: 2 hours", "want this sorted within an hour").
_ASKED = re.compile(r"(?i)\b(?:need|needs|want|wants|must|have to|has to|got to|should|be)\b")


@functools.cache
def _pattern(key: str) -> re.Pattern[str]:
    words = load_lexicon("customer_idioms.json")[key]
    return re.compile("(?i)(?:" + "|".join(words) + ")")


#: A duration word that the ``past_speed`` idiom needs (a second screen: " in " is common).
_PAST = re.compile(r"\b(?:min(?:ute)?s?|hours?|hrs?|seconds?|secs?)\b")


def _speed(text: str, m: re.Match[str]) -> str:
    if _ASKED.search(text[max(0, m.start() - 30) : m.start()]):
        return m.group(0)
    return (m.group("obj") or "") + " quickly"


def plain(text: str) -> str:
    """``text`` with the idioms of ``lexicons/customer_idioms.json`` made plain."""
    low = text.lower()
    if any(map(low.__contains__, _AFRAID_HINTS)):
        text = _pattern("polite_afraid").sub(" ", text)
    if any(map(low.__contains__, _SPEECHLESS_HINTS)):
        text = _pattern("speechless").sub(" ", text)
    if any(map(low.__contains__, _SPEED_HINTS)) and _PAST.search(low):
        text = _pattern("past_speed").sub(lambda m: _speed(text, m), text)
    return text
