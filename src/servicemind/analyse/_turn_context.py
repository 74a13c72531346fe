"""What a customer turn says about the conversation so far (trial 20, F5, F6, F8, F14).

The emotion and satisfaction models read one turn at a time. These small rules read the
wording a turn shares with the conversation (``lexicons/customer_moments.json``):

* :func:`relieved`: the problem is over or the customer is relieved ("that's a relief",
  "fixed it"), even when the turn also mentions the old failure;
* :func:`complains`: exasperation or a demand that shows the turn still complains
  ("unbelievable", "the same message", "... or not?");
* :func:`asks_again`: the customer says they are asking again ("I asked twice", "as I
  said"), asks a question that an earlier customer turn already asked
  (:func:`repeats_question`), or sends only a question mark (trial 22c, F5: "?" after a
  reply says it did not answer);
* :func:`chases`: "hello? still there?" — after a gap of at least :data:`CHASE_GAP_MIN`
  minutes when both turns carry a time;
* :func:`sarcastic_approval`: a sentence that is only an approval word ("Perfect.",
  "Great.", "Genial.") beside other sentences: in a turn read angry or disappointed it is
  sarcasm, not praise (trial 22c, F2);
* :func:`bare_reply`: only an acknowledgement or the data the agent asked for ("ok
  thanks", "it's 4471"): it answers a request and says nothing about how the customer
  feels.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from datetime import datetime

from servicemind.analyse._cues import LiteralIndex, Screened, literal_clauses, load_lexicon

__all__ = [
    "CHASE_GAP_MIN",
    "asks_again",
    "bare_reply",
    "chases",
    "complains",
    "relieved",
    "repeats_question",
    "sarcastic_approval",
]

#: Minutes of silence before "still there?" reads as chasing (when the turns are dated).
CHASE_GAP_MIN = 10.0
#: A question repeats an earlier one when at least this share of its content words (and
#: at least :data:`_REPEAT_MIN_WORDS` of them) occur in one earlier customer question.
_REPEAT_SHARE = 0.8
_REPEAT_MIN_WORDS = 5
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_QUESTION = re.compile(r"[^.!?\n]*\?")


@functools.cache
def _words_of(key: str) -> frozenset[str]:
    """A word list of the lexicon: ``acknowledgement`` (the words of a bare reply) or
    ``function_words`` (left out when comparing questions)."""
    return frozenset(load_lexicon("customer_moments.json")[key])


#: The word lists of customer_moments.json read as whole-word patterns on a lower-cased
#: turn: this module's and the moments analyser's stated kinds (:func:`says_at`).
SAID_KEYS = (
    "relief",
    "complaint",
    "repeat",
    "chase",
    "churn",
    "escalation",
    "churn_exempt",
)
#: The literals of every :data:`SAID_KEYS` pattern, found in a lower-cased turn in one scan.
_INDEX = LiteralIndex()


@functools.cache
def _screened() -> dict[str, Screened]:
    """Each :data:`SAID_KEYS` list as one whole-word pattern behind its literal clauses (all
    built at once, so the index holds every literal before its first scan). The patterns
    are case-sensitive and run on the lower-cased turn, where a match holds each clause's
    literal exactly: a turn lacking one cannot match, and most turns lack them all."""
    lex = load_lexicon("customer_moments.json")
    out = {}
    for key in SAID_KEYS:
        body = "(?:" + "|".join(lex[key]) + ")"
        out[key] = Screened.on(
            _INDEX, re.compile(r"(?<!\w)" + body + r"(?!\w)"), literal_clauses(body)
        )
    return out


def says_at(key: str, low: str) -> re.Match[str] | None:
    """The first whole-word match of list ``key`` (one of :data:`SAID_KEYS`) in the
    lower-cased turn ``low``."""
    screened = _screened()
    return screened[key].search(low, _INDEX.found(low))


@functools.lru_cache(maxsize=4096)
def _says(key: str, text: str) -> bool:
    return says_at(key, text.lower()) is not None


def relieved(text: str) -> bool:
    """Whether the turn says the problem is over or the customer is relieved."""
    return _says("relief", text)


def complains(text: str) -> bool:
    """Whether the turn still complains (exasperation, a demand, "the same message")."""
    return _says("complaint", text)


def _content(text: str) -> set[str]:
    return {
        w
        for w in (m.group(0).lower() for m in _WORD.finditer(text))
        if w not in _words_of("function_words")
    }


def repeats_question(text: str, earlier: Sequence[str]) -> bool:
    """Whether a question in ``text`` was already asked in one of the ``earlier`` customer
    turns (most of its content words, numbers included, occur in one earlier question)."""
    questions = _QUESTION.findall(text) if "?" in text else []
    if not questions:
        return False
    asked = [_words(q) for e in earlier if "?" in e for q in _QUESTION.findall(e)]
    for q in questions:
        words = _words(q)
        if len(words) < _REPEAT_MIN_WORDS:
            continue
        for seen in asked:
            if len(words & seen) >= _REPEAT_SHARE * len(words):
                return True
    return False


def _words(text: str) -> set[str]:
    return _content(text) | set(re.findall(r"\d+", text))


_ONLY_QUESTION = re.compile(r"\s*[¿?]+\s*")


def asks_again(text: str, earlier: Sequence[str]) -> bool:
    """Whether the customer says they are asking again, repeats an earlier question or
    sends only a question mark."""
    return (
        _ONLY_QUESTION.fullmatch(text) is not None
        or _says("repeat", text)
        or repeats_question(text, earlier)
    )


#: A sentence: a run up to and including its end marks.
_SENTENCE = re.compile(r"[^.!?…]+[.!?…]*")
_APPROVAL_FRAME = re.compile(r"(?:oh|just|well|how|so|wow)\b\s*,?\s*", re.IGNORECASE)


def sarcastic_approval(text: str) -> bool:
    """Whether one sentence of ``text`` is only an approval word ("Perfect.", "Great!",
    "Oh great.", "Genial."; ``approval`` in the lexicon) and another sentence says
    something else. Whether that is sarcasm is the emotion's call: the satisfaction
    analyser reads it so only in a turn read angry or disappointed."""
    sentences = [s.strip() for s in _SENTENCE.findall(text) if s.strip()]
    if len(sentences) < 2:
        return False
    approval = _words_of("approval")
    for s in sentences:
        word = _APPROVAL_FRAME.sub("", s.rstrip(".!?… ").lower()).strip()
        if word in approval:
            return True
    return False


def _minutes(a: str | None, b: str | None) -> float | None:
    if not a or not b:
        return None
    try:
        return (datetime.fromisoformat(b) - datetime.fromisoformat(a)).total_seconds() / 60.0
    except (ValueError, TypeError):
        return None


def chases(text: str, time: str | None, previous_time: str | None) -> bool:
    """Whether the turn asks if anyone is still there: the wording, and (when both turns
    are dated) at least :data:`CHASE_GAP_MIN` minutes after the turn before it."""
    if not _says("chase", text):
        return False
    gap = _minutes(previous_time, time)
    return gap is None or gap >= CHASE_GAP_MIN


def bare_reply(text: str) -> bool:
    """Whether the turn is only an acknowledgement and/or data (numbers, references, an
    address): at most eight words, each an acknowledgement or filler ("ok", "thanks",
    "sent") or a name (capitalised, not the first word), and no exclamation mark."""
    if "!" in text:
        return False  # an exclamation shows a feeling ("Wow thanks!")
    words = _WORD.findall(re.sub(r"\S*\d\S*|\S+@\S+|@\w+", " ", text))
    if not words or len(words) > 8:
        return not words and bool(text.strip())
    ack = _words_of("acknowledgement")
    return all(
        w.lower() in ack or (i > 0 and w[0].isupper() and w[1:].islower())
        for i, w in enumerate(words)
    )
