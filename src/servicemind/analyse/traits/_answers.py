"""Does the reply address what the customer asked? (issue 5: patience and solution).

The guideline asks of patience that every question gets an answer, and of solution that the
reply moves *this* issue forward: a fix about something else is a wrong answer (solution 0).
Cue phrases ("I have refunded", "tomorrow at 10:00") fire whatever they are about, so a
pasted template scored like the right answer (trial ux24 F5). This module reads, for the
customer turns the reply answers, each question (or, with none, the request or problem
stated), and decides whether the reply takes it up:

- a content word shared with it (light stemming: the five-letter stems of
  :func:`content_words`; support-domain synonyms from lexicons/answer_cues.json count as
  the same word: parcel/order/delivery, refund/money back, ...), or
- an answer of the question's own type without a shared word: a yes/no question answered by
  "yes"/"no"/"we do"/"unfortunately" at the reply's opening, "when/how long" by a time, "how
  much" by an amount, "where" by a place or a link, "how do I" by steps, "why" by a reason.

A reply that takes up none of them is *off topic*. The verdict is *sure* only when the
check can be trusted: the reply claims a fix, an action or a step (a solution cue: what a
pasted template does) in at least :data:`MIN_REPLY_WORDS` words; a question names at least
:data:`MIN_STEMS` things of its own (not "is it done?") and does not point back ("and the
other one?"); the reply is in the question's language, asks for no detail it needs (a
clarifying question the guideline allows) and shares nothing with the earlier conversation
either (a follow-up answered in the conversation's terms). A problem stated with no such
question is never judged sure: its fix may name other things than the complaint ("water
gushing out of the footpath" - "a crew has been dispatched"; on the train part of the
labelled replies such verdicts were wrong more often than right). Unsure verdicts only
lower the confidence of the two traits.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from servicemind.analyse._cues import Hit, load_lexicon
from servicemind.analyse.traits._context import content_words, sentence_spans
from servicemind.analyse.traits._result import Reply

__all__ = [
    "DOUBT_CONFIDENCE",
    "MIN_REPLY_WORDS",
    "MIN_STEMS",
    "UNANSWERED_LABEL",
    "Answers",
    "Ask",
    "ask_kind",
    "read_answers",
    "stems",
    "unanswered_evidence",
]

#: Confidence taken off patience and solution when the check finds nothing taken up but
#: cannot trust itself (a one-word question, a follow-up, another language).
DOUBT_CONFIDENCE = 0.15

_LEX = "answer_cues.json"
#: The evidence label of a reply that answers none of the customer's questions; the
#: analyser's harm caps read it (the calibrated score stays at or below the rule score).
UNANSWERED_LABEL = "does not address what the customer asked"
#: Content-word stems (besides the generic ones) a question must name for a sure verdict:
#: one stem ("is it done?", "any update?") says too little to tell on topic from off.
MIN_STEMS = 2
#: Letters a stem keeps for the comparison: four, a light stemmer that joins "copy" and
#: "copies", "deliver" and "delivery" (content words are cut to five letters).
STEM_LETTERS = 4
#: A social-media handle ("@AquaVicWater"): names the company, not what was asked.
_HANDLE = re.compile(r"@\w+")
#: A greeting or filler before the question proper ("Hi, how do I ...?").
_OPENER = re.compile(
    r"^(?:(?:hi|hello|hey|ok|okay|so|um|uh|well|hola|bonjour|hallo|olá|ola|ciao|hoi|oi)\b[^,.!?]{0,20}[,.!]\s*)+"
)
#: The first two sentences of a lower-cased reply ("I understand. Yes, she needs to ...").
_FIRST = re.compile(r"[^.!?\n]*[.!?\n]*[^.!?\n]*")
#: A figure: a question about one ("Is 2000 right?", "why is my bill £84?") is answered by
#: another ("It should be 200", "which came to £49").
_FIGURE = re.compile(r"\d")
#: A shorter reply is not judged sure: terse right answers ("ok. added.", "Still £20,000
#: for 2026/27.") share no word with the question more often than they miss it.
MIN_REPLY_WORDS = 10
#: Stems every support exchange shares (lexicons/explain_words.json "generic_stems",
#: "help", "sorry", "issue", ...) and its function words the stop list lets through ("para",
#: "vous", "done"): sharing them takes up no question.
_GENERIC: frozenset[str] = frozenset(load_lexicon("explain_words.json")["generic_stems"]) | {
    w[:5] for w in load_lexicon("explain_words.json")["function_words"]
}


@dataclass(frozen=True, slots=True)
class Ask:
    """One thing the customer asked: a question, or with none the request/problem stated."""

    text: str
    kind: str  # yesno, time, amount, place, howto, why, open, problem
    stems: frozenset[str]  # content stems, synonyms mapped to their group
    follow_up: bool = False


@dataclass(frozen=True, slots=True)
class Answers:
    """What the reply takes up of what the customer asked."""

    asks: tuple[Ask, ...] = ()
    addressed: tuple[bool, ...] = ()
    sure: bool = False  # the off-topic verdict can be trusted

    @property
    def off_topic(self) -> bool:
        """The customer asked something and the reply takes up none of it."""
        return bool(self.asks) and not any(self.addressed)

    @property
    def unanswered(self) -> bool:
        """Off topic, and sure of it: the case that lowers patience and caps solution."""
        return self.off_topic and self.sure

    @property
    def doubtful(self) -> bool:
        """Off topic by the check, but the check is unsure: confidence only."""
        return self.off_topic and not self.sure


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    lex = load_lexicon(_LEX)
    out = {f"kind:{k}": re.compile(v) for k, v in lex["kinds"].items()}
    out |= {f"answer:{k}": re.compile(v, re.M) for k, v in lex["answers"].items()}
    for key in ("wh_words", "follow_up", "clarify", "refers_back"):
        out[key] = re.compile(lex[key])
    return out


@cache
def _synonyms() -> dict[str, str]:
    """Stem -> the group's name (its first word's stem)."""
    out: dict[str, str] = {}
    for group in load_lexicon(_LEX)["synonyms"]:
        head = f"~{group[0]}"
        for word in group:
            found = content_words(word)
            if len(found) == 1 and not any(c in word for c in " -'"):  # "rendez-vous": no
                out.setdefault(next(iter(found)), head)
    return out


def stems(text: str) -> frozenset[str]:
    """The content stems of ``text`` without the generic ones and @handles, each synonym
    mapped to its group (so "parcel" and "order" are one stem), else cut to its first
    :data:`STEM_LETTERS` letters ("paused"/"pausing")."""
    syn = _synonyms()
    return frozenset(
        syn.get(s, s[:STEM_LETTERS])
        for s in content_words(_HANDLE.sub(" ", text))
        if s not in _GENERIC
    )


def ask_kind(question: str) -> str:
    """The question's type from its opening (lexicons/answer_cues.json "kinds"): time,
    amount, place, howto, why; a question with no question word is yes/no; else open."""
    low = _OPENER.sub("", _HANDLE.sub("", question.lower()).lstrip("¿¡ \"'"))
    pats = _patterns()
    for kind in ("time", "amount", "place", "howto", "why"):
        if pats[f"kind:{kind}"].match(low):
            return kind
    return "open" if pats["wh_words"].match(low) else "yesno"


def _asks(text: str, questions: list[str]) -> tuple[Ask, ...]:
    """The questions, then the rest of the text as one request or problem when it names
    something (with questions beside it, at least :data:`MIN_STEMS` things): a reply that
    takes up the problem answers the customer even where it skips the question."""
    pats = _patterns()
    out = [
        Ask(q, ask_kind(q), stems(q), bool(pats["follow_up"].match(q.lower().lstrip("¿¡ "))))
        for q in questions
    ]
    rest = text
    for q in questions:
        rest = rest.replace(q, " ")
    found = stems(rest)
    if found and (not out or len(found) >= MIN_STEMS):
        out.append(Ask(rest.strip(), "problem", found))
    return tuple(out)


def _typed_answer(kind: str, low: str) -> bool:
    """Whether the reply (lower-cased) answers a question of ``kind`` without a shared word."""
    pats = _patterns()
    if kind == "yesno":
        low = _HANDLE.sub("", low).lstrip(" \"'¡:")
        first = _FIRST.match(low)
        return bool(
            pats["answer:yesno"].match(low)
            or (first and pats["answer:yes_inside"].search(first.group(0)))
        )
    pat = pats.get(f"answer:{kind}")
    return bool(pat and pat.search(low))


def read_answers(r: Reply, solution: Sequence[Hit]) -> Answers:
    """What ``r`` takes up of the customer's last turns (memoised in ``r.cache``), given the
    reply's solution cue hits: the verdict is sure only for a reply that claims a fix, an
    action or a step (what a template about something else does; a reply that claims none
    already scores low on solution)."""
    got: Answers | None = r.cache.get("answers")
    if got is not None:
        return got
    got = _read(r, any(h.weight > 0 for h in solution))
    r.cache["answers"] = got
    return got


def _read(r: Reply, claims: bool) -> Answers:
    ctx = r.ctx
    if not ctx.has_customer or ctx.closing or not r.text.strip():
        return Answers()
    asks = _asks(ctx.text, ctx.questions)
    if not asks:
        return Answers()
    reply = stems(r.text)
    low = r.low
    figure = bool(_FIGURE.search(low))
    addressed = tuple(
        bool(a.stems & reply)
        or (
            a.kind != "problem"
            and (_typed_answer(a.kind, low) or (figure and bool(_FIGURE.search(a.text))))
        )
        for a in asks
    )
    if any(addressed):
        return Answers(asks, addressed, True)
    pats = _patterns()
    earlier = stems(" ".join([ctx.earlier_customer, *ctx.earlier_agent[-2:]]))
    same_language = r.language is None or ctx.language is None or r.language == ctx.language
    sure = (
        claims
        and r.n_words >= MIN_REPLY_WORDS
        and same_language
        and any(_named(a) for a in asks)
        and not pats["clarify"].search(low)
        and not (asks[-1].kind == "problem" and pats["refers_back"].search(low))
        and not (earlier & reply)
    )
    return Answers(asks, addressed, sure)


def _named(ask: Ask) -> bool:
    """A question that names what it asks about: enough stems, no pointing back."""
    return ask.kind != "problem" and len(ask.stems) >= MIN_STEMS and not ask.follow_up


def unanswered_evidence(r: Reply, answers: Answers) -> tuple[int, int, str]:
    """The span (the reply's first sentence) and label of the negative evidence of an
    unanswered reply: the label names the question, as the positive "answers the customer's
    question" names the answer."""
    spans = sentence_spans(r.text)
    s, e = spans[0] if spans else (0, len(r.text))
    ask = max(answers.asks, key=lambda a: len(a.stems))  # the one that names most
    named = ask.text if len(ask.text) <= 80 else ask.text[:77].rstrip() + "..."
    return s, e, f"{UNANSWERED_LABEL}: '{named}'"
