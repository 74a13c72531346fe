"""The customer's emotion read in context: rules after the six-emotion model (issue 4).

The six-emotion model reads one turn alone, so a short reply reads the same whatever came
before it. These rules read the turn with the agent turn before it (the wording lists of
``lexicons/customer_emotion_context.json``) and the guideline's order (angry, anxious,
disappointed, confused, grateful, neutral: the emotion a reply must not miss wins). Each
returns the label it reads and the span that made it, which the emotion analyser writes as
a cue (evidence), or ``None`` to keep the model's label.

* sarcastic thanks ("thanks for nothing", thanks for your 'help', "thanks for finally
  checking", "just wow") read neutral or grateful: angry (trial 22c, F11);
* a curt reply after bad news (a refusal, a delay, asking again; :func:`curt_reply`): a
  "Thanks." with no praise word is no gratitude; it is disappointed when grudging ("I
  guess", "then", one word and a full stop), else at most neutral (F5);
* being passed around or ignored ("they told me to use the chat", "nobody answers", the
  third agent) read neutral, confused or anxious: angry (F12);
* a consequence or the customer's own deadline that the wait would miss, despair, someone
  else using the account, read neutral: anxious (F6);
* after instructions, what they name is not on the screen ("there's no X under Y", "ik
  zie die knop niet") read neutral, angry or anxious without a complaint: confused (F7);
* a reply of only "?" to an agent turn that gave steps or says it did something, read
  neutral: confused (F5: the answer did not make sense to the customer; after "let me
  check" it only waits);
* a later turn read neutral that says the customer will leave for elsewhere or take it
  higher (``moments.leaves_unhappy``: not a calm cancellation request): angry; an opening
  that asks about switching or a chargeback is a plain question (the support labels);
* a turn read neutral that still complains in the moments' wording (disbelief, resigned
  acceptance, a failure that repeats: "Fine. I'll wait.", "es la segunda vez este mes";
  ``_turn_context.complains``) but is no status report ("still nothing") or tag question
  ("or not?"): angry, the guideline's annoyance said calmly;
* a thank-you for something ("merci pour votre aide", "gracias por explicarlo"), an
  emphatic one ("vielen lieben Dank") or any thanks after the agent fixed it, read
  neutral, in a later turn with no question and no complaint: grateful (F8). In the
  corpus languages other than English only: the model learnt gratitude from English.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from servicemind.analyse import _turn_context
from servicemind.analyse._cues import (
    LiteralIndex,
    Screened,
    Screens,
    literal_clauses,
    load_lexicon,
)
from servicemind.analyse._tracking import LITERAL_EXTRA
from servicemind.analyse.moments import leaves_unhappy, stated

__all__ = ["ContextReading", "bad_news", "curt_reply", "read_in_context"]

_LEX = "customer_emotion_context.json"
#: The most words a curt reply has ("ok thanks then", "fine, I guess"): longer replies say
#: more than an acknowledgement. A rule value, not fitted.
CURT_MAX_WORDS = 4
_WORD = re.compile(r"[^\W\d_][\w'’]*")
#: Complaint wording that is a status report or a tag question ("still nothing", "can I
#: appeal or not?"): the support labels read such a turn neutral (train part: 4 of 5).
_STATUS = re.compile(r"still\b|or not\b")
#: A reply of only question marks: the agent's answer left the customer not following.
_LONE_QUESTION = re.compile(r"\s*[¿?]+\s*")


@dataclass(frozen=True)
class ContextReading:
    """A label the context rules read, with the span of the customer turn behind it."""

    label: str
    start: int
    end: int
    cue: str


#: The word lists read here: this lexicon's, and customer_emotion.json's thank-yous and
#: worries (``(lexicon, key)`` of each name).
_LISTS: dict[str, tuple[tuple[str, str], ...]] = {
    **{
        key: ((_LEX, key),)
        for key in (
            "bad_news",
            "agent_fix",
            "instructions",
            "sarcastic",
            "grudging",
            "thanks_for",
            "emphatic_thanks",
            "not_there",
            "passed_around",
            "at_stake",
        )
    },
    "thanks_gloss": (("customer_emotion.json", "thanks_gloss"),),
    "bare_thanks": ((_LEX, "bare_thanks"),),
    "worry": (
        ("customer_emotion.json", "worry"),
        ("customer_emotion.json", "own_deadline"),
        (_LEX, "at_stake"),
    ),
}
#: The literals of every list's pattern, found in a lower-cased text in one scan.
_INDEX = LiteralIndex()


@functools.cache
def _screened() -> dict[str, tuple[Screens, re.Pattern[str]]]:
    """Each list as whole-word patterns, one a phrase, each behind its literal clauses and
    run on the lower-cased text only when the text holds them (the lists are lower case;
    one alternation of a whole list would be tried at every position of every turn), and
    as one case-insensitive pattern for a text whose lower-casing changes its length (the
    offsets would not hold)."""
    out = {}
    for name, parts in _LISTS.items():
        words = [w for lexicon, key in parts for w in load_lexicon(lexicon)[key]]
        screens = Screens(
            Screened.on(
                _INDEX,
                re.compile(r"(?<!\w)(?:" + w + r")(?!\w)"),
                literal_clauses(f"(?:{w})", keep=LITERAL_EXTRA),
            )
            for w in words
        )
        folded = re.compile(r"(?<!\w)(?:" + "|".join(words) + r")(?!\w)", re.IGNORECASE)
        out[name] = (screens, folded)
    return out


@functools.lru_cache(maxsize=4096)
def _lowered(text: str) -> tuple[str, frozenset[str] | None]:
    low = text.lower()
    if len(low) != len(text):
        return text, None
    _screened()  # the index holds every list's literals before its first scan
    return low, _INDEX.found(low)


def _search(name: str, text: str) -> re.Match[str] | None:
    """A whole-word match of list ``name`` in ``text``: that of its first phrase, in list
    order, that matches (offsets into ``text``), or None."""
    screened, folded = _screened()[name]
    low, found = _lowered(text)
    if found is None:
        return folded.search(text)
    return screened.search(low, found)


@functools.cache
def _curt_vocabulary() -> frozenset[str]:
    moments = load_lexicon("customer_moments.json")
    words = [*moments["acknowledgement"], *moments["approval"], *load_lexicon(_LEX)["curt_words"]]
    return frozenset(w.lower() for w in words)


def _worried(text: str) -> bool:
    """Whether the turn states a worry, a stake in the customer's own life or a deadline
    (customer_emotion.json's ``worry`` and ``own_deadline``, and ``at_stake``): an anxious
    reading of it stays anxious when the customer was also passed around."""
    return _search("worry", text) is not None


def bad_news(agent: str | None) -> bool:
    """Whether the agent turn refuses, delays, limits or asks again, and fixes nothing."""
    return bool(agent) and _search("bad_news", agent or "") is not None and not _fixed(agent)


def _fixed(agent: str | None) -> bool:
    return bool(agent) and _search("agent_fix", agent or "") is not None


#: A path through menus ("Settings > Billing"): the agent gives steps on a screen.
_PATH_MARKS = (">", "→")


def _gives_steps(agent: str | None) -> bool:
    """Whether the agent turn gives steps on a screen (``instructions``, or a menu path)."""
    if not agent:
        return False
    return any(map(agent.__contains__, _PATH_MARKS)) or _search("instructions", agent) is not None


def curt_reply(text: str) -> bool:
    """Whether ``text`` is a curt reply: at most :data:`CURT_MAX_WORDS` words, each an
    acknowledgement, an approval word or a grudging filler ("ok.", "Thanks, I guess",
    "cheers for that"), and no exclamation mark (which shows a feeling: "Thanks!")."""
    if "!" in text or "?" in text:
        return False
    words = _WORD.findall(text)
    vocab = _curt_vocabulary()
    return 0 < len(words) <= CURT_MAX_WORDS and all(w.lower() in vocab for w in words)


def _grudging(text: str) -> re.Match[str] | None:
    """A grudging word, or the whole reply when it is one word and a full stop ("Thanks.")."""
    m = _search("grudging", text)
    if m is not None:
        return m
    stripped = text.strip()
    one = _WORD.fullmatch(stripped.rstrip(".").strip())
    if one is not None and stripped.endswith(".") and not stripped.endswith(".."):
        return re.search(re.escape(stripped), text)
    return None


def _whole(text: str) -> tuple[int, int]:
    start = len(text) - len(text.lstrip())
    return start, len(text.rstrip())


def read_in_context(
    text: str, label: str, agent: str | None, first: bool, marked: bool = False
) -> ContextReading | None:
    """The label the context rules read for the customer turn ``text`` (the model read
    ``label``; ``agent``: the agent turn before it, or None; ``first``: the customer's
    first turn; ``marked``: the turn carries a surface cue of feeling, capitals, "!!!" or
    sarcasm, so an angry reading stays), or None to keep the model's label. See the
    module docstring."""
    calm = label in ("neutral", "grateful")
    m = _search("sarcastic", text) if calm else None
    if m is not None:
        return ContextReading("angry", m.start(), m.end(), "sarcastic thanks")
    if calm and curt_reply(text) and bad_news(agent):
        g = _grudging(text)
        if g is not None:
            return ContextReading("disappointed", g.start(), g.end(), "grudging reply to bad news")
        if label == "grateful":
            return ContextReading("neutral", *_whole(text), "curt thanks after bad news")
        return None
    if label in ("neutral", "confused") or (label == "anxious" and not _worried(text)):
        m = _search("passed_around", text)
        if m is not None:
            return ContextReading("angry", m.start(), m.end(), "passed around or ignored")
    if label == "neutral":
        m = _search("at_stake", text)
        if m is not None:
            return ContextReading("anxious", m.start(), m.end(), "a deadline or consequence")
    if (
        label == "neutral"
        and _LONE_QUESTION.fullmatch(text)
        and (_fixed(agent) or _gives_steps(agent))
    ):
        return ContextReading("confused", *_whole(text), "a lone question mark after a reply")
    complains = _turn_context.complains(text)
    if label == "neutral" and not first and leaves_unhappy(text, label):
        span = next(iter(stated(text).values()))
        start = max(text.find(span), 0)
        return ContextReading("angry", start, start + len(span), "leaves or takes it higher")
    if label == "neutral" and complains:
        low = text.lower()
        m = _turn_context.says_at("complaint", low)
        if m is not None and not _STATUS.match(m.group(0)):
            at = (m.start(), m.end()) if len(low) == len(text) else _whole(text)
            return ContextReading("angry", *at, "exasperation or resignation")
    if (label in ("neutral", "anxious") or (label == "angry" and not marked)) and not complains:
        m = _search("not_there", text)
        if m is not None and _gives_steps(agent):
            return ContextReading("confused", m.start(), m.end(), "the steps do not match")
    if label == "neutral" and not first and "?" not in text and not complains:
        return _thanked(text, agent)
    return None


def _thanked(text: str, agent: str | None) -> ContextReading | None:
    """A thank-you that reads as gratitude: for something or emphatic (not after bad
    news), or any thank-you after the agent fixed it."""
    m = _search("thanks_for", text) or _search("emphatic_thanks", text)
    m = m or _search("thanks_gloss", text)
    if m is None:
        m = _search("bare_thanks", text)
        if m is None or not _fixed(agent):
            return None
    if bad_news(agent):
        return None
    return ContextReading("grateful", m.start(), m.end(), "thanks for help received")
