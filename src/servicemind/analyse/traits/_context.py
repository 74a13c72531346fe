"""What the conversation so far asks of an agent reply: the customer's state and needs.

Reads the customer side already written by the customer-side analysers
(``customer.emotion``, ``customer.hostile``) and complements it with context cue phrases
(lexicons/context_cues.json) so that a reply can also be scored without them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from servicemind.analyse._cues import load_lexicon, phrase_set
from servicemind.analyse.traits._language import detect_language, detect_languages, settled_language

__all__ = [
    "STOPWORDS",
    "Context",
    "build_context",
    "content_words",
    "context_features",
    "sentence_spans",
    "split_sentences",
    "transcript_clauses",
]

#: customer.hostile at or above this makes the customer hostile (resiliency applies);
#: 0.5 is the decision threshold of a calibrated probability.
HOSTILE_THRESHOLD = 0.5
#: Probability mass on angry/disappointed/confused/anxious above which the customer shows
#: emotion (empathy applies); hand-set, between "neutral with a hint" and clear emotion.
EMOTION_THRESHOLD = 0.45
#: A customer message at least this long (words) is "long" for the curtness check; about
#: four or five sentences of chat.
LONG_MESSAGE_WORDS = 60

#: Texts whose derived word sets are memoised (the same customer message is read by several
#: traits and several replies); bounded so memory stays flat.
TEXT_CACHE = 4096
#: A thank-you message longer than this (words) probably carries a new request too.
CLOSING_MAX_WORDS = 40
#: Shouting (resiliency applies, guideline v2/v3): a run of at least SHOUT_RUN words in
#: capitals of which at least SHOUT_FUNCTION_WORDS are function words ("WHERE IS MY ORDER",
#: "IT DOESN'T WORK"); one word in capitals ("AGAIN") or a run of acronyms ("SSO SAML API")
#: is not. On the train part, the runs so found and not already hostile were resiliency-
#: applicable for the passes' majority in 10 of 11 replies (with one function word: 14 of 29).
SHOUT_RUN = 3
SHOUT_FUNCTION_WORDS = 2

_LEX = "context_cues.json"
#: A sentence: text up to a run of ``.!?`` or a new line. A full stop followed at once by a
#: digit or a lower-case letter is inside the sentence ("23.40", "www.example.com", "e.g"),
#: as the commitment model's splitter and the tracker already read it.
_SENT = re.compile(r"[^.!?\n]+(?:\.(?=[0-9a-zß-öø-ÿĀ-ſ])[^.!?\n]*)*[.!?]*", re.UNICODE)
#: Abbreviations after which a full stop and a space do not end the sentence.
_ABBREV = re.compile(r"(?:^|[\s(])(?:mr|mrs|ms|dr|vs|approx|e\.g|i\.e|z\.b|p\.ej)\.$", re.I)
#: :data:`_ABBREV` without what comes before the abbreviation, and how far before a
#: sentence's end it can start ("approx." is the longest): what the whole pattern needs,
#: looked for first (the whole pattern, opening with "^" or a class, is tried at every
#: position of the sentence; this one only over its last characters).
_ABBREV_END = re.compile(_ABBREV.pattern.removeprefix(r"(?:^|[\s(])"), re.I)
_ABBREV_REACH = 8
#: A line of at least this many words with no sentence punctuation at all (a speech-to-text
#: transcript, issue 5) is cut into clauses at spoken boundary words (:data:`_CLAUSE`);
#: shorter lines ("ok thanks") stay one sentence. About two short spoken sentences.
TRANSCRIPT_MIN_WORDS = 12
#: Where a clause of an unpunctuated transcript begins: discourse markers and fillers that
#: speakers start a sentence with, and bracketed marks ("[inaudible]", "[crosstalk]").
_CLAUSE = re.compile(
    r"(?<=\s)(?:(?:okay|ok|alright|all right|so(?! much| many| that| far| long)|um+|uh+|erm|"
    r"and then|anyway|right so)\b|\[)",
    re.IGNORECASE,
)
_HESITATION = re.compile(r"(?:(?:um+|uh+|erm)\b\s*)*", re.IGNORECASE)
#: An unpunctuated clause that asks: a question word or an inverted auxiliary, after any
#: opening markers ("so can you tell me", "um when is it coming back").
_ASKS = re.compile(
    r"(?:(?:so|okay|ok|and|but|yeah|right|well|um+|uh+|erm)\s+)*"
    r"(?:(?:can|could|would|will|do|does|did|is|are|should|have)\s+"
    r"(?:you|i|we|it|they|there|this|that|someone|anyone|somebody)|"
    r"(?:what|when|where|why|how|who|which)\s+(?:is|are|was|do|does|did|can|could|should|"
    r"will|would|time|about|happens|long|much|many|if))\b",
    re.IGNORECASE,
)
#: A request put as a question anywhere in an unpunctuated clause ("... can you tell me").
_ASKS_INSIDE = re.compile(r"\b(?:can|could|would) you\b", re.IGNORECASE)
_FILLER_ONLY = re.compile(r"(?:\s|\b(?:um+|uh+|erm|okay|ok|so|right|yeah)\b)*", re.IGNORECASE)
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?", re.UNICODE)
#: :data:`_WORD` on ASCII text, where its word characters are letters and digits (the same
#: words, faster), and on lower-cased ASCII text
_WORD_ASCII = re.compile(r"[A-Za-z0-9]+(?:'[A-Za-z0-9]+)?")
_WORD_LOW_ASCII = re.compile(r"[a-z0-9]+(?:'[a-z0-9]+)?")
_STOP = frozenset(
    [
        "the",
        "and",
        "for",
        "that",
        "this",
        "with",
        "have",
        "has",
        "not",
        "you",
        "your",
        "are",
        "was",
        "were",
        "but",
        "from",
        "they",
        "there",
        "been",
        "what",
        "when",
        "where",
        "which",
        "will",
        "would",
        "could",
        "should",
        "can",
        "about",
        "just",
        "into",
        "than",
        "then",
        "them",
        "their",
        "also",
        "some",
        "very",
        "more",
        "much",
        "only",
        "still",
        "again",
        "because",
        "while",
        "please",
        "thanks",
        "thank",
        "hello",
        "dear",
        "need",
        "want",
        "like",
        "know",
        "time",
        "here",
        "over",
        "after",
        "before",
        "does",
        "doesn",
        "didn",
        "don",
        "isn",
        "wasn",
        "haven",
    ]
    # the salutations and sign-offs of the six corpus languages (context_cues.json
    # "_salutation_words"), as "dear" and "hello" above: a reply that greets "Geachte heer"
    # takes up none of the customer's words (trial 22a F10)
) | frozenset(load_lexicon(_LEX)["_salutation_words"])
_EMOJI = re.compile("[\U0001f300-\U0001faff\u2600-\u27bf]")
#: A word of letters (an apostrophe inside: "DON'T"); digits and signs are skipped, so a run
#: of capitals goes on across "3 TIMES"
_LETTERS = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*", re.UNICODE)
_NEGATIVE = ("angry", "disappointed", "confused", "anxious")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) of ``text``, stripped of surrounding spaces.

    A text with no sentence punctuation (a call transcript) is cut into clauses instead
    (:func:`transcript_clauses`), so that sentence length and sentence openers mean the same
    on a transcript as on its punctuated twin."""
    out = []
    unpunctuated = "." not in text and "!" not in text and "?" not in text
    for m in _SENT.finditer(text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            if unpunctuated:
                out.extend(transcript_clauses(text, s, e))
            elif (
                out
                and text[out[-1][1] - 1] == "."
                and _ABBREV_END.search(
                    text, max(out[-1][0], out[-1][1] - _ABBREV_REACH), out[-1][1]
                )
                and _ABBREV.search(text[out[-1][0] : out[-1][1]])  # a slice: "^" is its start
                and ("\n" not in text[out[-1][1] : s])
            ):
                out[-1] = (out[-1][0], e)  # "Mr. Rossi", "e.g. the app": one sentence
            else:
                out.append((s, e))
    return out


def transcript_clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Clause spans of the unpunctuated line ``text[start:end]``: cut where a spoken boundary
    word begins (:data:`_CLAUSE`), a filler-only stretch joining the clause after it; a line
    of fewer than :data:`TRANSCRIPT_MIN_WORDS` words stays whole."""
    if text.count(" ", start, end) + 1 < TRANSCRIPT_MIN_WORDS:
        return [(start, end)]
    out: list[tuple[int, int]] = []
    s = start
    for m in _CLAUSE.finditer(text, start, end):
        cut = m.start()
        if cut <= s or _FILLER_ONLY.fullmatch(text, s, cut):
            continue  # nothing but fillers since the last cut: they open the next clause
        e = cut
        while e > s and text[e - 1].isspace():
            e -= 1
        out.append((s, e))
        s = cut
    out.append((s, end))
    # a clause opens at its first word, not at a hesitation ("um so ..." opens with "so")
    out = [(_HESITATION.match(text, a, b).end(), b) for a, b in out]  # type: ignore[union-attr]
    return [(a, b) for a, b in out if b > a]


def questions_of(text: str) -> list[str]:
    """The questions the customer asked: sentences ending in "?", or, in a transcript
    without sentence punctuation, clauses that open as a question (:data:`_ASKS`)."""
    spans = sentence_spans(text)
    if "?" in text or "." in text or "!" in text:
        return [text[s:e] for s, e in spans if text[s:e].endswith("?")]
    return [
        text[s:e] for s, e in spans if _ASKS.match(text, s, e) or _ASKS_INSIDE.search(text, s, e)
    ]


@lru_cache(maxsize=TEXT_CACHE)
def sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    """:func:`split_sentences` as a tuple, memoised: several traits read the same reply."""
    return tuple(split_sentences(text))


#: The words :func:`content_words` leaves out besides those under 4 letters.
STOPWORDS = _STOP


@lru_cache(maxsize=TEXT_CACHE)
def content_words(text: str) -> frozenset[str]:
    """Lower-cased content words (4+ letters, no stopword), cut to a 5-letter stem."""
    if text.isascii():  # lower-casing first finds the same words (ASCII case keeps lengths)
        words = _WORD_LOW_ASCII.findall(text.lower())
    else:
        words = [m.group(0).lower() for m in _WORD.finditer(text)]
    return frozenset(w[:5] for w in words if len(w) >= 4 and w not in _STOP)


@dataclass(slots=True)
class Context:
    """The customer side a reply answers, reduced to what the traits need."""

    text: str = ""  # the customer turns since the previous agent-side turn
    has_customer: bool = False
    negative: float = 0.0  # probability mass of negative emotions (0..1)
    emotion: str | None = None
    hostile: bool = False
    hostile_score: float = 0.0
    pressure: bool = False  # the guideline's wider hostility: threats, ultimatums, shouting...
    problem: bool = False
    closing: bool = False
    confused: bool = False
    sober: bool = False
    tension: bool = False
    formality: int = 0  # -1 informal, 0 neutral, 1 formal
    language: str | None = None
    #: every language the customer wrote in (their main one and any other a clause is
    #: clearly in: a code-switching customer can be answered in either)
    languages: frozenset[str] = frozenset()
    #: the language the customer has written in throughout (:func:`settled_language`), or
    #: None: a short reply is read in it (trial 20 F16)
    settled_language: str | None = None
    questions: list[str] = field(default_factory=list)
    n_words: int = 0
    earlier_agent: list[str] = field(default_factory=list)  # earlier agent-side texts
    earlier_customer: str = ""  # customer text before the answered block


def context_features(ctx: Context) -> dict[str, float]:
    """The context as numbers, for trained combinations (``ctx:<name>`` features)."""
    return {
        "negative": ctx.negative,
        "hostile": ctx.hostile_score,
        "problem": float(ctx.problem),
        "closing": float(ctx.closing),
        "confused": float(ctx.confused),
        "sober": float(ctx.sober),
        "tension": float(ctx.tension),
        "questions": float(min(3, len(ctx.questions))),
        "long": float(ctx.n_words >= LONG_MESSAGE_WORDS),
        "non_english": float(ctx.language not in (None, "en")),
        "has_earlier_agent": float(bool(ctx.earlier_agent)),
    }


def formality(text: str) -> int:
    """-1 informal, 0 neutral, 1 formal, from context cue phrases and emoji."""
    low = text.lower()
    f = phrase_set(_LEX, "formal").count(text, low)
    i = phrase_set(_LEX, "informal").count(text, low)
    i += len(_EMOJI.findall(text)) + text.count("!!")
    if f > i:
        return 1
    if i > f:
        return -1
    return 0


@lru_cache(maxsize=1)
def _shouted_words() -> frozenset[str]:
    return frozenset(load_lexicon(_LEX)["_shouted_words"])


@lru_cache(maxsize=1)
def _acknowledgement_words() -> frozenset[str]:
    return frozenset(load_lexicon(_LEX)["_acknowledgement_words"])


def acknowledges_only(text: str) -> bool:
    """Whether ``text`` is made only of thanks, acknowledgement and approval words ("ok
    thanks", "Super, merci !", "Top, bedankt!", "Perfetto, grazie mille."), besides at most
    one capitalised word after the first (a name: "Cheers Dave"): nothing in it asks or
    reports anything. Emoji and punctuation say nothing either way."""
    words = _WORD.findall(text)
    if not words:
        return False
    known = _acknowledgement_words()
    other = [(i, w) for i, w in enumerate(words) if w.lower().replace("’", "'") not in known]
    return not other or (len(other) == 1 and other[0][0] > 0 and other[0][1][0].isupper())


#: An ASCII capital: on ASCII text exactly the characters ``str.isupper`` holds.
_ASCII_CAPITAL = re.compile(r"[A-Z]")


def _capitals(text: str) -> int:
    """How many characters of ``text`` are upper case (``str.isupper``), counted in C: on
    ASCII text by one regex pass (about 4x faster than a generator over the characters)."""
    if text.isascii():
        return len(_ASCII_CAPITAL.findall(text))
    return sum(map(str.isupper, text))


def shouts(text: str) -> bool:
    """Whether ``text`` shouts: :data:`SHOUT_RUN` words in capitals in a row, with at least
    :data:`SHOUT_FUNCTION_WORDS` function words among them (not one word, not acronyms)."""
    if _capitals(text) < 2 * SHOUT_RUN:
        return False  # too few capitals for a run: most messages stop here
    function_words = _shouted_words()
    run = function = 0
    for m in _LETTERS.finditer(text):
        w = m.group(0)
        if w.isupper() and (len(w) >= 2 or w == "I"):
            run += 1
            function += w.replace("’", "'") in function_words
            if run >= SHOUT_RUN and function >= SHOUT_FUNCTION_WORDS:
                return True
        else:
            run = function = 0
    return False


def under_pressure(text: str, low: str, earlier: str) -> bool:
    """Whether the customer (now or earlier) puts the agent under the pressure that makes
    resiliency applicable by the guideline (v2/v3: "where hostility starts"), beyond the
    insults and abuse that ``customer.hostile`` reads: threats (legal action, the press, the
    ombudsman, a regulator, a bad review), ultimatums with a consequence for the company
    ("sort it out by Friday or I cancel"), rhetorical challenges ("do you even read
    these?"), sarcasm at the agent ("amazing service"), personal accusations ("you people",
    "a disgrace"), and shouting (:func:`shouts`). Cue phrases: context_cues.json "pressure"."""
    cues = phrase_set(_LEX, "pressure")
    if cues.search(text, low) or shouts(text):
        return True
    return bool(earlier) and (cues.search_alone(earlier) or shouts(earlier))


def _emotion_of(d: dict[str, Any]) -> tuple[float, str | None]:
    emo = d.get("emotion")
    if not isinstance(emo, dict):
        return 0.0, None
    scores = emo.get("scores") or {}
    neg = sum(float(scores.get(k, 0.0)) for k in _NEGATIVE)
    label = emo.get("label")
    return neg, label if isinstance(label, str) else None


def _arrived_clean(text: str, low: str) -> bool:
    """A weak "it arrived / came / went through" says the matter is settled only in a
    sentence that reports no defect ("my order arrived broken" opens a problem; "the refund
    came through" settles one, though "refund" is a problem word)."""
    problems = phrase_set(_LEX, "defect")
    for m in phrase_set(_LEX, "arrived").finditer(text, low):
        for s, e in sentence_spans(text):
            if s <= m.start < e:
                if not problems.search(text[s:e], low[s:e]):
                    return True
                break
    return False


#: Thanks for help still to come: a request's sign-off, never a closing.
_ANTICIPATORY = re.compile(
    r"\b(?:thanks?(?: you)?|many thanks|cheers)(?: so much| very much)? in advance\b", re.IGNORECASE
)
#: A sign-off line: a few words (a thanks, a name, "Best regards"), no sentence inside.
SIGNOFF_MAX_WORDS = 4
#: Words a message needs besides its sign-off to be saying something else.
SIGNOFF_BODY_MIN_WORDS = 6


def _signs_off(text: str, answered: bool) -> bool:
    """True when the message's thanks only signs it off: the closing cue is in the last
    short lines or sentences (:data:`SIGNOFF_MAX_WORDS` words each: "Thanks,", "Maria",
    "Thank you!"), the message before them has :data:`SIGNOFF_BODY_MIN_WORDS` words or more,
    and either nothing was answered yet (a first message opens a request however it ends)
    or the thanks is for help still to come ("thanks in advance")."""
    if _ANTICIPATORY.search(text):
        return True
    if answered:
        return False
    spans = sentence_spans(text)
    cut = len(spans)
    while cut > 0:
        s, e = spans[cut - 1]
        if len(_WORD.findall(text[s:e])) > SIGNOFF_MAX_WORDS:
            break
        cut -= 1
    if cut == len(spans):
        return False
    body = text[: spans[cut - 1][1]] if cut else ""
    if phrase_set(_LEX, "closing").search(body, body.lower()):
        return False
    return len(_WORD.findall(body)) >= SIGNOFF_BODY_MIN_WORDS


@lru_cache(maxsize=TEXT_CACHE)
def closes(text: str) -> bool:
    """Whether a customer message that follows an answer closes what came before it: a
    thanks, a farewell, praise or a report that it is settled ("Vielen Dank für die schnelle
    Klärung.", "Perfect, thank you Ravi.", "Parfait, bonne journée !"), short
    (:data:`CLOSING_MAX_WORDS`), with no question and no new problem unless it says the
    problem is settled."""
    if "?" in text or len(_WORD.findall(text)) > CLOSING_MAX_WORDS:
        return False
    low = text.lower()
    resolved = phrase_set(_LEX, "resolved").search(text, low)
    if not (resolved or _closing_cue(text, low)):
        return False
    return resolved or not phrase_set(_LEX, "problem").search(text, low)


def _closing_cue(text: str, low: str) -> bool:
    """A thanks or a farewell ("merci", "bonne journée"): what a closing message says."""
    return phrase_set(_LEX, "closing").search(text, low) or phrase_set(_LEX, "farewell").search(
        text, low
    )


def last_closing(texts: list[str], answered: bool) -> int:
    """Index of the last of the customer messages ``texts`` that :func:`closes` the issue
    raised before it, or -1. The first message opens the conversation and closes nothing,
    nor does any before an agent answered (``answered``)."""
    if not answered:
        return -1
    for i in range(len(texts) - 1, 0, -1):
        if closes(texts[i]):
            return i
    return -1


def build_context(
    block: list[tuple[str, dict[str, Any]]],
    earlier_customer: list[tuple[str, dict[str, Any]]],
    earlier_agent: list[str],
) -> Context:
    """Context from the answered customer block and the earlier turns.

    ``block`` and ``earlier_customer`` hold ``(text, customer_dict)`` pairs. Hostility
    anywhere earlier in the conversation still counts (resiliency applies). A problem raised
    earlier is still open unless a later customer message closed it (:func:`last_closing`:
    "Vielen Dank für die schnelle Klärung" closes the overdue invoice of the first
    message), and whether the answered block closes the conversation is read from its
    messages after such a closing one ("Perfect, thank you Ravi." and then a new complaint
    is no closing; trial 20 F11).
    """
    ctx = Context(
        earlier_agent=earlier_agent,
        earlier_customer="\n".join(t for t, _ in earlier_customer),
    )
    if not block:
        return ctx
    text = "\n".join(t for t, _ in block)
    low = text.lower()
    ctx.text = text
    ctx.has_customer = True
    upstream_hostile: float | None = None
    for _, d in block:
        neg, label = _emotion_of(d)
        if neg >= ctx.negative:
            ctx.negative = neg
            ctx.emotion = label or ctx.emotion
        h = d.get("hostile")
        if isinstance(h, int | float):
            upstream_hostile = max(upstream_hostile or 0.0, float(h))
    for _, d in earlier_customer:
        h = d.get("hostile")
        if isinstance(h, int | float):
            upstream_hostile = max(upstream_hostile or 0.0, float(h))
    if upstream_hostile is None:  # no hostility analyser ran: the cue phrases decide
        lexical_hostile = phrase_set(_LEX, "hostile").search_alone(
            text + "\n" + ctx.earlier_customer
        )
        ctx.hostile_score = 0.8 if lexical_hostile else 0.0
    else:
        ctx.hostile_score = upstream_hostile
    ctx.hostile = ctx.hostile_score >= HOSTILE_THRESHOLD
    ctx.pressure = under_pressure(text, low, ctx.earlier_customer)
    problems = phrase_set(_LEX, "problem")
    said_problem = problems.search(text, low)
    texts = [t for t, _ in earlier_customer] + [t for t, _ in block]
    closed = last_closing(texts[:-1], bool(earlier_agent))
    still_open = "\n".join(texts[closed + 1 : len(earlier_customer)])
    ctx.problem = (
        said_problem
        or ctx.negative >= EMOTION_THRESHOLD
        or (bool(still_open) and problems.search_alone(still_open))
    )
    ctx.confused = phrase_set(_LEX, "confused").search(text, low) or ctx.emotion == "confused"
    # the customer's situation (a bereavement, a gas leak) holds for the whole conversation:
    # "my father died" two turns ago still asks for a sober tone now
    sober = phrase_set(_LEX, "sober")
    ctx.sober = sober.search(text, low) or (
        bool(ctx.earlier_customer) and sober.search_alone(ctx.earlier_customer)
    )
    ctx.tension = phrase_set(_LEX, "tension").search(text, low)
    ctx.questions = questions_of(text)
    ctx.n_words = len((_WORD_ASCII if text.isascii() else _WORD).findall(text))
    ctx.closing = _closing(ctx, "\n".join(texts[max(closed + 1, len(earlier_customer)) :]))
    if ctx.closing:
        ctx.problem = False
    ctx.formality = formality(text)
    ctx.language = detect_language(text)
    ctx.languages = detect_languages(text)
    ctx.settled_language = settled_language(ctx.language, ctx.earlier_customer)
    return ctx


def _closing(ctx: Context, text: str) -> bool:
    """Whether the answered customer messages ``text`` (those after any closing one of the
    block) close the conversation; ``ctx`` holds what was read from the whole block."""
    low = text.lower()
    said_problem = phrase_set(_LEX, "problem").search(text, low)
    questions = ctx.questions if text == ctx.text else questions_of(text)
    n_words = ctx.n_words if text == ctx.text else len(_WORD.findall(text))
    closing_cue = _closing_cue(text, low)
    resolved = phrase_set(_LEX, "resolved").search(text, low) or _arrived_clean(text, low)
    # none of the closings below closes when the agent's last turn put the customer on hold
    # or left the issue pending ("Let me check, one sec." / "I've raised it with the team."
    # → "ok thanks" or "Perfect, thank you!" lets the agent go and look, or acknowledges work
    # still to come; the issue stays open)
    on_hold = bool(ctx.earlier_agent) and bool(
        phrase_set(_LEX, "hold").search_alone(ctx.earlier_agent[-1])
    )
    # praise ("Brilliant, thanks so much!") closes after an earlier problem too, unless the
    # message itself still reports one ("Thanks so much, but it still drops"); so does a
    # calm farewell after an answer ("Parfait, bonne journée !"; not "Forget it, goodbye.")
    praised = not said_problem and not on_hold and phrase_set(_LEX, "praise").search(text, low)
    # a short thanks after an answer ("ok thanks", "Thanks!", "Super, danke!") closes after an
    # earlier problem as praise does: it asks nothing and reports nothing (trial 22a F2)
    acknowledged = (
        bool(ctx.earlier_agent) and not said_problem and not on_hold and acknowledges_only(text)
    )
    farewell = (
        bool(ctx.earlier_agent)
        and not said_problem
        and not on_hold
        and ctx.negative < EMOTION_THRESHOLD
        and phrase_set(_LEX, "farewell").search(text, low)
    )
    # a thanks that only signs off a message with something else to say ("… arrived broken,
    # I need a replacement.\n\nThanks,\nMaria") opens a request, not a closing, when nothing
    # was answered yet or the thanks is for help still to come ("thanks in advance")
    signoff = (
        closing_cue
        and not resolved
        and not praised
        and ctx.emotion != "grateful"
        and _signs_off(text, bool(ctx.earlier_agent))
    )
    return bool(
        (
            closing_cue
            and not signoff
            and not questions
            and n_words <= CLOSING_MAX_WORDS
            and (resolved or praised or farewell or acknowledged or not ctx.problem)
        )
        # a "grateful" reading does not close a message that reports what is wrong with an
        # arrival: a laugh at one's own problem ("came in 3 sizes too big lol. can i swap it
        # or nah") reads grateful and is a request (trial 21a F9)
        or (
            ctx.emotion == "grateful"
            and not ctx.problem
            and not questions
            and not signoff
            and not phrase_set(_LEX, "defect").search(text, low)
        )
    )
