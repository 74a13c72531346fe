"""Tracking commitments across a conversation: kept, broken or open.

The rules of ``training/guidelines/commitment-tracking.md`` (version 2), over the turns after
each promise, in order:

* A later turn is read sentence by sentence (cut at ``.!?;``, new lines, " - " and "but").
  A sentence with a ``broken`` cue ("nobody called", "still no refund", "no text") shows a
  promise not done; one with a ``kept`` cue ("got the link", "the refund came through",
  "was delivered") shows it done, unless the turn has a ``late`` cue ("two days after you
  said") or the sentence dates it after the due moment ("came at 7pm" for "by 5pm"): done
  late is broken.
* Such a sentence is about the open promises it shares a content word with (word stems, and
  the ``topics`` groups: "rang" fits "call", "here" fits "delivery"). A customer's sentence
  that fits none ("nobody got back to me", "got it, thanks") is charged to the **latest**
  open promise; unrelated news about something else decides nothing.
* The **first** later turn that shows a promise done, not done or late decides it
  (``resolved_by``); a customer's "still nothing" before the promise is due is chasing, no
  outcome. Only when no turn shows any of these, the first turn **dated after** its due
  moment makes it broken. Shown done after the due moment, without a word that it was late,
  is kept: people confirm things when they next write.
* The **latest decisive evidence** wins over a weak kept sign (a sentence naming nothing, one
  naming another promise better, or the agent side's word): a later customer's miss report
  naming the promise makes it broken, unless it fits an open promise made after the kept
  sign. A promise's own action in its past form ("is reimaged") shows it done; a named day
  ("collected on Thursday") after the due moment (more than a day for money), in the clause
  about the promise, is done late, and so is a stated time taken longer than the promised
  interval ("30+ minutes, not 10"); "finally" is late only past the due moment; a promise
  opening its sentence with "it" is read with the sentence before.
* **Kinds, not phrases**: the same kind of action in other languages fits (``topics`` of
  ``_OWN``); a miss report naming some promises by their own words is not about those
  sharing only its kind; a sentence naming a decided promise decides nothing for another of
  its kind made with it; a one-word kept cue ("works") names only a promise of that verb; a
  kept cue after a future ("we will deliver it as agreed") is no sign; a promise that
  something will not happen ("won't be charged again") is kept by its absence ("no roaming
  charges") and broken by its return ("another 30 pounds of roaming").
* A promise **moved before it is due** (a later agent promise about the same thing, with
  another due moment or "instead" / "moved" / "rescheduled") stays open and is no longer
  judged: the new promise is tracked in its place.
* A promise of several things is broken when any part is shown not done: a broken sentence
  that fits it decides, even beside a kept one in the same turn.
* What a sentence really says (``lexicons/tracking_cues.json``): an agent-side admission or
  retraction ("I wasn't able to call", "I have to correct ...", "offered in error") is
  broken; a sentence that names as there what the promise said would not be there ("it
  includes a 96 GBP fee" for "no termination fee") is broken; a kept cue right after a
  negation ("not working"), inside a clause still to come ("as soon as this is unlocked"),
  in a question ("will it show the fee?") or beside agreement to a plan ("Thursday it is")
  shows nothing. The clock time of a scheduled event in a promise ("tomorrow's 07:10
  flight", "on the 11:20 flight and delivered by 6pm") is not its due time.
* **Dates and times said** (third round): a time or day the sentence gives ("delivered at
  half four, finally", "dated the 14th") decides on time or late, over a vague "finally";
  an arrival's date says nothing of a promise only to hand a thing over ("goes to the
  courier on Monday" + "it came on the 15th"); a turn's "later than I said" is not the
  lateness of a promise due on the event ("I'll confirm as soon as the fix is live"). An
  interval counted from an event ("within two days of that review") or a time something
  starts ("after tonight's push", "from Monday") gives no due moment.
* **Which promise** (third round): a customer's sentence about a service's state ("the
  connection has been rock solid") keeps a fix, not a call or email promised beside it; a
  miss report of one kind of action is not about a promise of another kind it shares a
  word with ("no eggs, no driver": the driver bringing eggs, not the egg refund); the
  sentence holding a promise names it without the words of the other promises in it; a
  sentence naming a moved promise, fitting no live one, is about its replacement.
"""

from __future__ import annotations

import re
import re._compiler as _sre_compiler
import re._constants as _sre
import re._parser as _sre_parse
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from functools import cache, lru_cache
from typing import Any, cast

from servicemind.analyse._cues import (
    LiteralIndex,
    has_fold_trap,
    literal_clauses,
    load_lexicon,
    phrase_regex,
)
from servicemind.analyse._due import _WEEKDAY_NAMES as WEEKDAY_NAMES
from servicemind.analyse._due import DATE_NAMES, resolve_due

__all__ = [
    "AS_PROMISED",
    "Outcome",
    "Promise",
    "Turn",
    "due_moment",
    "resolve",
    "stated_day",
    "stated_time",
    "stems",
]

_TIMING = "commitment_timing.json"
#: The tracker's own additions to the later-turn lists of ``_TIMING``, list by list, and
#: its ``absence`` phrases.
_OWN = "tracking_cues.json"
#: Later turns whose outcomes are memoised (scripted replies and customer stock phrases
#: repeat across a batch); bounded so memory stays flat on any input size.
OUTCOME_CACHE = 8192
#: Letters of a word that make its stem ("refund", "refunded" -> "refu"; hand-set: five did
#: no better on the tracking set's train part).
STEM = 4
_WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)
#: A two-letter word in capitals is a content word too ("got the DM", "the ID card"), but
#: for these.
_ACRONYM = re.compile(r"\b[A-Z]{2}\b")
#: A social-media handle ("@Bezorgd") names who is addressed, not what was done.
_HANDLE = re.compile(r"@\w+")
_NOT_ACRONYMS = frozenset(
    {"ok", "hi", "no", "so", "is", "it", "to", "me", "my", "we", "us", "an", "at", "in", "on"}
    | {"or", "am", "pm", "be", "by", "do", "go", "he", "if", "of", "up"}
)
#: A sentence that opens as a question asks about an outcome, it does not show one.
_QUESTION = re.compile(
    r"\W*(?:(?:and|but|so|ok|okay|also|hi|hello)\W+)?(?:will|would|did|does|do|is|are|has|"
    r"have|had|can|could|should|shall|when|where|what|why|how|was|were|which|who)\b",
    re.IGNORECASE,
)
#: Where a later turn is cut into the sentences judged one by one.
_SENTENCE = re.compile(
    r"[.!?;\n]+(?:\s|$)|,?\s+(?:but|aber|mais|pero|mas|ma)\s+|\s+-\s|,?\s+and\s+(?=no\b)", re.I
)
#: A sentence that opens with a condition tells what would happen, not what did.
_CONDITIONAL = re.compile(
    r"\W*(?:(?:but|and|so|ok|okay|fine)\W+)*(?:what if|if|unless|in case|should|whether)\b", re.I
)
#: Words that say a later promise replaces an earlier one rather than repeating it, in
#: English and the other languages: with a promise's own words in an agent turn before it
#: is due, the promise is moved even when the new time is not read as a promise of its own
#: ("il tecnico non potrà venire domani: verrà invece mercoledì").
_MOVED = re.compile(
    r"\b(?:instead|rescheduled|re-?booked|re-?arranged|moved|brought forward|pushed back|"
    r"changed to|new (?:date|time|slot)|now (?:booked|coming|going|due|scheduled|arriving|set|"
    r"planned|be done)|"
    r"invece|stattdessen|verschoben|à la place|plutôt|reporté|reportée|reprogrammé|"
    r"reprogrammée|en su lugar|en lugar de eso|en vez de eso|reprogramad[oa]|aplazad[oa]|"
    r"riprogrammat[oa]|rinviat[oa]|in plaats daarvan|verplaatst|em vez disso|remarcad[oa]|"
    r"reagendad[oa])\b",
    re.IGNORECASE,
)
_IRREGULAR = {
    "sent": "send",
    "rang": "ring",
    "spoke": "speak",
    "spoken": "speak",
    "paid": "pay",
    "came": "come",
    "got": "get",
    "gave": "give",
    "given": "give",
    "bought": "buy",
    "called": "call",
    "calling": "call",
    "emailed": "email",
    "shipped": "ship",
}
#: Words too common to tie a later sentence to a promise.
_GENERIC = frozenset(
    [
        "the",
        "and",
        "you",
        "your",
        "our",
        "will",
        "for",
        "with",
        "this",
        "that",
        "have",
        "been",
        "are",
        "was",
        "can",
        "get",
        "into",
        "from",
        "let",
        "make",
        "sure",
        "shall",
        "going",
        "today",
        "tomorrow",
        "within",
        "hours",
        "hour",
        "minutes",
        "minute",
        "mins",
        "seconds",
        "days",
        "day",
        "week",
        "weeks",
        "then",
        "also",
        "now",
        "just",
        "about",
        "back",
        "there",
        "here",
        "what",
        "when",
        "they",
        "them",
        "their",
        "its",
        "it's",
        "all",
        "any",
        "one",
        "two",
        "some",
        "more",
        "still",
        "thanks",
        "thank",
        "please",
        "sorry",
        "hi",
        "hello",
        "dear",
        "regards",
        "kind",
        "best",
        "yes",
        "not",
        "but",
    ]
)


@dataclass(slots=True)
class Promise:
    """A commitment being tracked: where it was made, its words and due moment, its outcome."""

    turn: int
    text: str
    due_time: datetime | None
    status: str = "open"
    resolved_by: int | None = None
    #: Moved to another time before it was due: open for good (guidelines, "Rescheduling").
    moved: bool = False
    #: The sentence holding the promise ("a refund of the €96 train fare; both will be paid
    #: ..."): what a later sentence that fits no promise's own words may refer to.
    context: str = ""
    stems: frozenset[str] = field(default=frozenset())
    context_stems: frozenset[str] = field(default=frozenset())
    #: What it says will not be there ("no termination fee" -> "fee"), None until needed.
    absent: frozenset[str] | None = None
    #: Shown kept by a customer's sentence naming it ("got the receipt email"), not by a
    #: sentence naming nothing or by the agent side: a later miss report does not reopen it.
    confirmed: bool = False
    #: When it was made (its turn's time; set by :func:`resolve`).
    made_at: datetime | None = None
    #: Whether it says something will not happen (again), None until needed (``_negated``).
    negated: bool | None = None
    #: Whether it says something will be held or stopped, None until needed (``_went_ahead``).
    held: bool | None = None
    #: ``stems`` without the kinds of action, None until needed (``_words``).
    words: frozenset[str] | None = None


@dataclass(frozen=True, slots=True)
class Turn:
    """A turn as the tracker reads it: index, whether it is an agent-side turn, text, time."""

    index: int
    agent: bool
    text: str
    time: datetime | None


@dataclass(frozen=True, slots=True)
class Outcome:
    """What one sentence of a later turn shows: ``kept`` or ``broken``, its stems and text."""

    status: str
    stems: frozenset[str]
    text: str
    #: It decides only a promise it shares a word with, never the latest promise by default:
    #: a ``kept_if_related`` cue alone ("thanks for the quote", not "thanks for the quick
    #: reply"), or a broken sentence without a ``waiting`` cue ("still no internet" is a
    #: state; "nobody got back to me" is a promise not kept).
    specific: bool = False
    #: Shown only by a ``kept_by_agent`` cue ("the price list is attached"): an outcome in
    #: an agent-side turn only (the customer's "attached" is their own step).
    by_agent: bool = False
    #: Kept with only a vague word of lateness in its turn ("finally", "enfin", "endlich"):
    #: late for a promise whose due moment the turn is past, not for one without a due
    #: moment or not yet due (relief at the end of a long story, not this promise late).
    vaguely_late: bool = False
    #: Shown done, but its turn says it came late ("two days later than I said"): broken,
    #: but for a promise due on an event ("I'll confirm here as soon as the fix is live",
    #: kept by the agent's "the fix went live ... two days later than I said": the lateness
    #: is the fix's, the confirmation came with the event).
    done_late: bool = False
    #: The one-word kept cue left out of ``stems`` ("works"), as a lemma; it names only a
    #: promise of that very word ("landed" for "as soon as it lands").
    cue: str = ""


#: The cue lists a later turn is read with, in the order :func:`_possible` returns them.
_LISTS = (
    "kept",
    "broken",
    "late",
    "kept_if_related",
    "waiting",
    "kept_by_agent",
    "broken_by_agent",
    "plan",
)
#: The lists that make an outcome (the others only qualify one): kept, broken, thanks, and
#: kept or broken by the agent.
_DECIDING = (0, 1, 3, 5, 6)
#: Characters beyond ASCII that a cue's literals may hold (``_cues.literal_clauses``'s
#: ``keep``): "reçu", "réglé", "todavía" would otherwise give only "re" and "gl".
LITERAL_EXTRA = "àáâãäåçèéêëìíîïñòóôõöùúûüý£€"
_REPEATS = (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT)


def relaxed(regex: str) -> re.Pattern[str] | None:
    """``regex`` (case ignored) without its anchors other than ``\\b`` and without its
    lookarounds but those of word characters only: it matches a turn wherever ``regex``
    matches one of the turn's sentences, so a turn it does not match needs no sentence
    search. (The cuts of :data:`_SENTENCE` begin and end with a character that is no word
    character, so ``\\b`` and a lookaround of word characters, "(?!problem|worries)", read
    the same in a sentence as in its turn.) None for a regex this cannot vouch for (a back
    reference)."""
    parsed = _sre_parse.parse(regex, re.IGNORECASE)
    if not _relax(parsed):
        return None
    return cast("re.Pattern[str]", _sre_compiler.compile(parsed, re.IGNORECASE))


def _relax(parsed: Any) -> bool:
    """Drop the anchors (but ``\\b``) and lookarounds (but of word characters) of a parsed
    regex, in place."""
    keep = []
    for op, av in parsed.data:
        if op in (_sre.ASSERT, _sre.ASSERT_NOT):
            if _word_only(av[1]):
                keep.append((op, av))
            continue
        if op is _sre.AT and av is not _sre.AT_BOUNDARY:
            continue
        if op in (_sre.GROUPREF, _sre.GROUPREF_EXISTS):
            return False
        subs = (
            [av[-1]]
            if op is _sre.SUBPATTERN
            else [av]
            if op is _sre.ATOMIC_GROUP
            else [av[2]]
            if op in _REPEATS
            else av[1]
            if op is _sre.BRANCH
            else []
        )
        if not all(_relax(sub) for sub in subs):
            return False
        keep.append((op, av))
    parsed.data[:] = keep
    return True


def _word_only(parsed: Any) -> bool:
    """Whether a parsed regex matches only strings of word characters: literals, groups and
    alternatives of them."""
    for op, av in parsed.data:
        if op is _sre.LITERAL:
            if not _WORD_CHAR.match(chr(av)):
                return False
        elif op is _sre.SUBPATTERN:
            if not _word_only(av[-1]):
                return False
        elif op is _sre.BRANCH:
            if not all(_word_only(b) for b in av[1]):
                return False
        else:
            return False
    return True


_WORD_CHAR = re.compile(r"\w")


@dataclass(frozen=True, slots=True)
class _Phrase:
    """A cue phrase: its list, compiled pattern, the literals it needs (all of ``every``,
    one of each of ``some``), and ``whole``: the pattern to try on the whole turn first (its
    own when it has no anchor or lookaround; None: none can be had), so a turn without them
    skips it."""

    list_no: int
    pattern: re.Pattern[str]
    every: frozenset[str]
    some: tuple[frozenset[str], ...]
    whole: re.Pattern[str] | None


@dataclass(frozen=True, slots=True)
class _CueIndex:
    """The cue phrases of all lists and how to find the few a text may match.

    ``anchors`` maps a literal to the phrases that need it (each phrase is filed under one
    literal of one of its clauses, or under all of one clause's), so only the phrases filed
    under a literal the text holds are checked in full; ``free`` have no literal."""

    literals: LiteralIndex
    phrases: tuple[_Phrase, ...]
    anchors: dict[str, tuple[int, ...]]
    anchor_keys: frozenset[str]
    free: frozenset[int]


@cache
def cue_lists() -> dict[str, list[str]]:
    """Each later-turn cue list (:data:`_LISTS`): ``_TIMING``'s phrases, then ``_OWN``'s."""
    timing, own = load_lexicon(_TIMING), load_lexicon(_OWN)
    return {key: [*timing.get(key, []), *own.get(key, [])] for key in _LISTS}


@cache
def _cues() -> _CueIndex:
    """The cue lists, phrase by phrase, and one literal index over all their literals (its
    own: later turns are mostly customer text, which the shared index need not learn)."""
    lex = cue_lists()
    index = LiteralIndex()
    phrases: list[_Phrase] = []
    anchors: dict[str, list[int]] = {}
    free: list[int] = []
    for list_no, key in enumerate(_LISTS):
        for p in lex[key]:
            regex = phrase_regex(p)
            pattern = re.compile(regex, re.IGNORECASE)
            whole = pattern if _EDGE.search(regex) is None else relaxed(regex)
            clauses = literal_clauses(regex, keep=LITERAL_EXTRA)
            index.add(frozenset(lit for c in clauses for lit in c))
            every = frozenset(lit for c in clauses if len(c) == 1 for lit in c)
            some = tuple(c for c in clauses if len(c) > 1)
            pid = len(phrases)
            phrases.append(_Phrase(list_no, pattern, every, some, whole))
            if every:  # the longest literal it needs: likely the rarest
                anchors.setdefault(max(sorted(every), key=len), []).append(pid)
            elif some:  # each literal of the clause whose shortest one is longest
                for lit in max(some, key=lambda c: (min(map(len, c)), sorted(c))):
                    anchors.setdefault(lit, []).append(pid)
            else:
                free.append(pid)
    _elapsed()  # the tracker's other patterns, built with the cue lists (once, at load)
    for key in ("late_vague", "negated_promise", "none", "again"):
        _pattern(key)
    return _CueIndex(
        index,
        tuple(phrases),
        {lit: tuple(ids) for lit, ids in anchors.items()},
        frozenset(anchors),
        frozenset(free),
    )


#: Whether a regex may hold an anchor other than ``\b`` or a lookaround (a ``$`` or ``^``
#: not escaped, ``\A``, ``\Z``, ``\B``, ``(?=``, ``(?!``, ``(?<=``, ``(?<!``; a negated
#: class's ``^`` too, which only costs a relaxed copy).
_EDGE = re.compile(r"(?<!\\)(?:\\\\)*(?:[$^]|\\[AZB])|\(\?<?[=!]")
_NONE: tuple[tuple[re.Pattern[str], ...], ...] = tuple(() for _ in _LISTS)


def _possible(text: str) -> tuple[tuple[re.Pattern[str], ...], ...]:
    """For each cue list, the phrases that may match ``text`` or one of its sentences: those
    whose literals all occur in it (all of them for a text with a character that case-folds
    to ASCII, where the literals do not apply) and whose ``whole`` pattern matches it;
    nothing at all when no kept, broken or thanks phrase is left."""
    cues = _cues()
    phrases = cues.phrases
    if has_fold_trap(text):
        ids: Iterable[int] = range(len(phrases))
    else:
        found = cues.literals.found(text.lower())
        candidates = set(cues.free)
        for lit in found & cues.anchor_keys:
            candidates.update(cues.anchors[lit])
        ids = [
            i
            for i in sorted(candidates)  # (in lexicon order)
            if phrases[i].every <= found and all(not found.isdisjoint(c) for c in phrases[i].some)
        ]
        if not any(phrases[i].list_no in _DECIDING for i in ids):
            return _NONE
    by_list: list[list[re.Pattern[str]]] = [[] for _ in _LISTS]
    for i in ids:
        ph = phrases[i]
        if ph.whole is None or ph.whole.search(text):
            by_list[ph.list_no].append(ph.pattern)
    if not any(by_list[n] for n in _DECIDING):
        return _NONE
    return tuple(map(tuple, by_list))


def _any(phrases: tuple[re.Pattern[str], ...], text: str) -> bool:
    return any(rx.search(text) for rx in phrases)


#: Just before a cue: a negation ("not working", "n'est pas arrivée") or a modal ("we should
#: have updated you sooner": what did not happen), up to two words away.
_NEGATED = re.compile(
    r"(?:\b(?:not|never|no longer|nor|hardly|pas|nicht|nie|niemals|kein\w*|niet|nooit|geen|"
    r"não|nao|non|mai|jamais|nunca|nothing|nobody|no one|none|nichts|niemand|rien|personne|"
    r"nada|nadie|niente|nessuno|niets|ninguém|"
    r"should|could|would|ought to|might)|n't|'d)"
    r"\s+(?:[\w'’]+\s+){0,2}$",
    re.IGNORECASE,
)
#: Earlier in a cue's clause: a condition or a time still to come ("as soon as this is
#: unlocked", "once it arrived", "sobald"): what will or would happen, not what did.
_PENDING = re.compile(
    r"\b(?:as soon as|once|until|till|unless|if|whenever|dès que|des que|une fois que|"
    r"sobald|wenn|en cuanto|hasta que|cuando|appena|quando|zodra|wanneer|assim que)\b[^,;:]*$",
    re.IGNORECASE,
)


#: A negation inside a cue's own words ("Er hat | nicht | angerufen", "ich habe es nie
#: bekommen"): the cue matched around it, nothing shown done.
_NEGATION_IN = re.compile(
    r"\b(?:not|never|nicht|nie|niemals|kein\w*|niemand|pas|jamais|personne|nunca|nadie|non|"
    r"mai|nessun\w*|niet|nooit|geen|não|nao|ninguém)\b|n't\b",
    re.IGNORECASE,
)
#: Earlier in a cue's clause: a future ("we will deliver the order on the 8th as agreed",
#: "wir werden ... wie vereinbart"): what someone will do, not what was done.
_FUTURE = re.compile(
    r"(?:\b(?:will|shall|going to|wird|werden|werde|va a|vamos a|van a|zal|zullen|vai|vamos)"
    r"|'ll)\b[^,;:]*$",
    re.IGNORECASE,
)


def _shown(phrases: tuple[re.Pattern[str], ...], text: str) -> bool:
    """Whether a phrase matches ``text`` where it states a fact: not right after a negation
    ("it's not working now") nor inside a clause of what is still to come ("as soon as this
    is unlocked", "we will deliver it on the 8th as agreed")."""
    for rx in phrases:
        for m in rx.finditer(text):
            before = text[: m.start()]
            if not (
                _NEGATED.search(before)
                or _PENDING.search(before)
                or _FUTURE.search(before)
                or _NEGATION_IN.search(m.group(0))
            ):
                return True
    return False


def _naming(phrases: tuple[re.Pattern[str], ...], sentence: str) -> tuple[frozenset[str], str]:
    """The stems that may name a promise in a kept ``sentence``, and the cue word left out:
    when the cue that shows it done is one word ("works now", "landed"), its words but that
    one, with the cue's kinds of action ("works" does not name "the workaround doc"; the
    cue word is put back for a promise of that very verb, :func:`_judge`)."""
    all_stems = stems(sentence)
    for rx in phrases:
        m = rx.search(sentence)
        if m is not None and len(m.group(0).split()) == 1:
            rest = stems(sentence[: m.start()] + " " + sentence[m.end() :])
            return rest | frozenset(w for w in all_stems if w.startswith("#")), _lemma(m.group(0))
    return all_stems, ""


_ENDINGS = ("ing", "ed", "es", "s", "d")


def _lemma(word: str) -> str:
    """A word without its English inflection ("landed", "lands" -> "land"; "works" ->
    "work", not "workaround")."""
    w = word.lower().strip()
    for end in _ENDINGS:
        if w.endswith(end) and len(w) - len(end) >= 3:
            return w[: -len(end)]
    return w


@lru_cache(maxsize=OUTCOME_CACHE)
def _lemmas(text: str) -> frozenset[str]:
    return frozenset(_lemma(m.group(0)) for m in _WORD.finditer(text))


@cache
def _topics() -> dict[str, tuple[str, ...]]:
    """Each ``topics`` word (lower case) to its groups' first words: ``_TIMING``'s groups,
    then ``_OWN``'s, each joining the group its first word names (the same kinds of action
    in other languages: "angerufen" and "rufe ... zurück" are a call; "came" is a delivery
    and a visit)."""
    out: dict[str, tuple[str, ...]] = {}
    for group in [*load_lexicon(_TIMING)["topics"], *load_lexicon(_OWN).get("topics", [])]:
        words = group.split("|")
        name = "#" + words[0]
        for w in words:
            if name not in out.get(w, ()):
                out[w] = (*out.get(w, ()), name)
    return out


@cache
def _generic() -> frozenset[str]:
    """:data:`_GENERIC` and the ``generic`` words of ``_OWN`` (the same in other languages)."""
    return _GENERIC | frozenset(load_lexicon(_OWN)["generic"])


@lru_cache(maxsize=OUTCOME_CACHE)
def stems(text: str) -> frozenset[str]:
    """The content-word stems of ``text`` (first STEM letters), plus its topic groups."""
    topics = _topics()
    text = _HANDLE.sub(" ", text)
    out = {w for m in _ACRONYM.finditer(text) if (w := m.group(0).lower()) not in _NOT_ACRONYMS}
    generic = _generic()
    for m in _WORD.finditer(text.lower()):
        w = m.group(0)
        if w in generic:
            continue
        out.add(_IRREGULAR.get(w, w)[:STEM])
        out.update(topics.get(w, ()))
    return frozenset(out)


def outcomes(text: str) -> list[Outcome]:
    """The sentences of ``text`` that show a promise kept or broken, in order; a kept one is
    broken when the turn says it came late ("two days after you said")."""
    return list(_outcomes(text))


@lru_cache(maxsize=OUTCOME_CACHE)
def _outcomes(text: str) -> tuple[Outcome, ...]:
    kept, broken, late, thanks, waiting, by_agent, admitted, plan = _possible(text)
    if not (kept or broken or thanks or by_agent or admitted):
        return ()
    is_late = vague = False
    if late:  # ("finally" is a late phrase too: no late phrase, no vague word either)
        vague = _pattern("late_vague").search(text) is not None
        is_late = _any(late, _pattern("late_vague").sub(" ", text) if vague else text)
        vague = vague and not is_late
    out = []
    for sent, asked in _statements(text):
        if _CONDITIONAL.match(sent):
            continue  # "if it isn't on the van, ...": what would happen, not what did
        if _any(plan, sent):
            continue  # "Thursday it is", "No hace falta": agreement or an answer, no outcome
        if _any(broken, sent):
            # "still no internet" is about a state, and fits only a promise it names;
            # "nobody got back to me" may be about the latest promise
            out.append(Outcome("broken", stems(sent), sent, not _any(waiting, sent)))
        elif _any(admitted, sent):
            # "sorry, I wasn't able to call you as promised", "I have to correct that":
            # the agent side says it was not (or will not be) done
            out.append(Outcome("broken", stems(sent), sent, True, by_agent=True))
        elif asked and _QUESTION.match(sent):
            continue  # "will it show the fee?" asks, it shows nothing done
        elif _shown(kept, sent):
            status = "broken" if is_late else "kept"
            named, cue = _naming(kept, sent)
            out.append(Outcome(status, named, sent, vaguely_late=vague, cue=cue, done_late=is_late))
        elif _shown(thanks, sent):
            status = "broken" if is_late else "kept"
            out.append(
                Outcome(status, stems(sent), sent, True, vaguely_late=vague, done_late=is_late)
            )
        elif _any(by_agent, sent):
            status = "broken" if is_late else "kept"
            out.append(
                Outcome(
                    status, stems(sent), sent, by_agent=True, vaguely_late=vague, done_late=is_late
                )
            )
    return tuple(out)


_STATED_CLOCK = re.compile(r"\b(?:at|by|around|about) (\d{1,2})(?:[:.h](\d{2}))? ?(am|pm)?\b", re.I)


#: The hours in words ("half four"), one to twelve.
_HOUR_WORDS = (
    *("one", "two", "three", "four", "five", "six"),
    *("seven", "eight", "nine", "ten", "eleven", "twelve"),
)
_HALF_HOUR = re.compile(rf"\bhalf (?:past )?({'|'.join(_HOUR_WORDS)}|\d{{1,2}})\b", re.I)


def stated_time(sentence: str, at: datetime) -> datetime | None:
    """When a sentence written at ``at`` says something happened ("came at 17:40", "arrived
    at 11.50 last night", "yesterday"), or None: a clock time is the latest such moment not
    after ``at``; "yesterday" / "last night" is the day before (noon / 22:00)."""
    low = sentence.lower()
    day = at
    if "yesterday" in low or "last night" in low:
        day = at - timedelta(days=1)
    if (half := _HALF_HOUR.search(low)) is not None:
        # "at half four" (British: 4:30): the latest 4:30 or 16:30 not after ``at``
        word = half.group(1)
        hour = int(word) if word.isdigit() else _HOUR_WORDS.index(word) + 1
        if 1 <= hour <= 12:
            moments = [
                day.replace(hour=h % 24, minute=30, second=0, microsecond=0)
                for h in (hour % 12, hour % 12 + 12)
            ]
            moments = [t - timedelta(days=1) if t > at else t for t in moments]
            return max(moments)
    m = _STATED_CLOCK.search(low)
    if m is not None:
        hour, minute = int(m.group(1)), int(m.group(2) or 0)
        if m.group(3) == "pm" and hour < 12:
            hour += 12
        if m.group(3) is None and m.group(2) is None:
            return None  # "at 3" without minutes or am/pm: too loose
        if hour > 23 or minute > 59:
            return None
        moment = day.replace(hour=hour, minute=minute, second=0, microsecond=0)
        if moment > at:
            moment -= timedelta(days=1)
        return moment
    if day is not at:
        return day.replace(hour=22 if "night" in low else 12, minute=0, second=0, microsecond=0)
    return None


#: A day named without a clock time is late for a promise of money (the ``refund`` kind of
#: action) only when it begins more than this after the due moment ("saw the £20 back on
#: Tuesday" for "I'll refund it today", said on Monday: a refund shows a day after it is
#: made); for any other promise when it begins after the due moment ("got into the drive
#: on Tuesday" for "by end of day" on Monday; trial 21's reviewers, 2 of 2).
DAY_MARGIN = timedelta(days=1)
_MONEY = "#refund"
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
#: Each weekday's name in English and the due phrases' other languages -> 0 (Monday) to 6.
_WEEKDAY_OF = {name: i for i, name in enumerate(_WEEKDAYS)} | {
    name: i for i, names in enumerate(WEEKDAY_NAMES) for name in names
}
_STATED_DAY = re.compile(
    rf"\bon (?P<en>{'|'.join(_WEEKDAYS)})\b"  # English names a day with "on"
    r"|\b(?:(?:am|le|el|il|op|na|no|à) )?"
    rf"(?P<wd>{'|'.join(sorted({n for ns in WEEKDAY_NAMES for n in ns}, key=len, reverse=True))})"
    r"(?:-feira)?\b"
    r"|\b(?:on the|(?:dated|postmarked|stamped)(?: on)? the|le|am|el(?: día)?|il|op de|"
    r"(?:no )?dia) (?P<dom>\d{1,2})"
    r"(?:st|nd|rd|th|er|e|ste|de|º|\.)?(?!\d|[.,:]\d| ?(?:%|h\b|uhr|uur|ore|heures?|€|eur))"
)


#: Portuguese weekday names that are also ordinals ("a segunda caixa", "a quinta parcela"):
#: a day only with "na"/"no"/"à" before them or "-feira" after them.
_ORDINAL_DAYS = frozenset({"segunda", "terça", "terca", "quarta", "quinta", "sexta"})


def _ordinal_not_day(low: str, m: re.Match[str]) -> bool:
    """Whether the weekday name :data:`_STATED_DAY` matched is an ordinal here ("recebi a
    sexta parcela"), not a day ("na sexta", "sexta-feira")."""
    name = m.group("wd")
    if name not in _ORDINAL_DAYS:
        return False
    said = m.group(0)
    return not (said.endswith("-feira") or said.startswith(("na ", "no ", "à ")))


def stated_day(sentence: str, at: datetime) -> datetime | None:
    """The start of the day a sentence written at ``at`` names ("came on Tuesday", "arrived
    on the 8th"): the latest such day before ``at``'s (a weekday named on that weekday is
    last week's), or ``at``'s month's day; None when it names none."""
    low = sentence.lower()
    m = next(
        (m for m in _STATED_DAY.finditer(low) if not _ordinal_not_day(low, m)),
        None,
    )
    if m is None:
        return None
    start = at.replace(hour=0, minute=0, second=0, microsecond=0)
    if name := m.group("en") or m.group("wd"):
        # a weekday named on that weekday is last week's (today's would be "today")
        back = (at.weekday() - _WEEKDAY_OF[name]) % 7 or 7
        return start - timedelta(days=back)
    dom = int(m.group("dom"))
    if not 1 <= dom <= 31:
        return None
    if dom <= at.day:
        return start.replace(day=dom)
    prev = start.replace(day=1) - timedelta(days=1)  # the last day of the month before
    return prev.replace(day=dom) if dom <= prev.day else None


#: How far past its due phrase a commitment's clause is read for the rest of the time
#: ("by tomorrow 12:00" when the phrase found is "by tomorrow", "by 20 March" for "by 20").
DUE_REACH = 40
#: "As promised, ...", "as agreed", "like I said": what follows carries out an earlier
#: promise (the tracker reads it as that promise's outcome; the extractor does not read an
#: action in progress after it as a new promise).
AS_PROMISED = re.compile(
    r"\bas (?:promised|agreed|discussed|i said)\b|\blike (?:i|we) (?:said|promised)\b",
    re.IGNORECASE,
)
#: A second promise joined to the clause ("now and I'll update you by Thursday"): the
#: first one's clause ends there (its "now" does not take the second one's Thursday).
_NEXT_PROMISE = re.compile(
    r"\s(?:and|but|et|mais|und|aber|y|pero|e|ma|en|maar|mas)\s+(?:(?:i|we|i'll|we'll|i’ll|we’ll|"
    r"je|nous|ich|wir|yo|io|noi|ik|wij|eu|nós)\b"
    # or another subject with its own future ("today and payment will go out in Thursday's
    # run": the Thursday is the payment's)
    r"|(?:[\w'’]+\s+){1,3}(?:will|shall|'ll|’ll|is going to|are going to|wird|werden|sera|"
    r"seront|será|serán|sarà|saranno|zal|zullen|vai|vão)\b)",
    re.IGNORECASE,
)
#: AS_PROMISED in the other languages (read by the tracker only).
_AS_PROMISED_OTHER = re.compile(
    r"\b(?:comme (?:promis|convenu)|wie (?:versprochen|vereinbart|besprochen)|"
    r"como (?:prometido|acordado|quedamos)|come (?:promesso|concordato|d'accordo)|"
    r"zoals (?:beloofd|afgesproken)|conforme (?:prometido|combinado))\b",
    re.IGNORECASE,
)
#: Where a due phrase's clause ends: a stop or a comma, but not a comma before a day of the
#: month nor the stop of a German ordinal date ("bis Mittwoch, 20. Mai" is one due moment).
_CLAUSE_END = re.compile(r"[;!?\n(]|,(?!\s*\d{1,2}\b)|(?<!\d)\.|\.(?!\s*[^\W\d_])")
#: A scheduled event in the rest of a due phrase's clause, or up to EVENT_REACH characters
#: of the commitment before it ("tomorrow's 07:10 flight", "an appointment tomorrow at
#: 9am"): the clock time there is when the event starts, not when the promise is due, so
#: the phrase is read alone ("tomorrow").
EVENT_REACH = 25
_EVENT = re.compile(
    r"\b(?:flights?|trains?|departures?|departs|departing|sailings?|ferry|bus|coach|"
    r"appointments?|meetings?|vuelo|vol|volo|flug|zug|vlucht|trein|voo|cita|rendez-vous|termin)\b",
    re.IGNORECASE,
)


def due_moment(text: str, start: int, due: str | None, made_at: datetime | None) -> datetime | None:
    """The due moment of a commitment starting at ``start`` in ``text`` whose due phrase is
    ``due``: the phrase with the rest of its clause (up to DUE_REACH characters: "by
    tomorrow 12:00", "by Friday 27 November") when that resolves, else the phrase alone."""
    if made_at is None:
        return None
    if due is None:
        return _written_deadline(text[start : start + DEADLINE_REACH], made_at)
    pos = text.find(due, start)
    if pos >= 0:
        if _NOT_BEFORE.search(text[max(0, pos - 20) : pos]):
            return None  # "after tonight's push", "from Monday": no deadline, a start
        tail = text[pos + len(due) : pos + len(due) + DUE_REACH]
        if _ANCHORED.match(tail):
            return None  # "within two working days of that review": counted from an event
        if _EVENT.match(tail.lstrip()):
            # "on the 11:20 flight and delivered by 6pm": the clock time is the event's;
            # the deadline, if any, comes later in the sentence
            rest = text[pos + len(due) :]
            end = _SENTENCE_END.search(rest)
            m = _DEADLINE_AFTER.search(rest[: end.start()] if end else rest)
            return resolve_due(m.group(0), made_at) if m else None
        ends = [m.start() for rx in (_CLAUSE_END, _NEXT_PROMISE) if (m := rx.search(tail))]
        longer = due + tail[: min(ends, default=len(tail))]
        if (
            longer != due
            and _EVENT.search(text[max(start, pos - EVENT_REACH) : pos] + longer) is None
            and (moment := resolve_due(longer, made_at)) is not None
        ):
            return moment
    return resolve_due(due, made_at)


def _own_delivery(sentence: str) -> bool:
    """Whether a customer's ``sentence`` hands over something "as promised" themself
    ("Timeline attached as promised", "anbei wie versprochen"): their own promise kept."""
    return _as_promised(sentence) and _pattern("own_delivery").search(sentence) is not None


def _as_promised(sentence: str) -> bool:
    """Whether ``sentence`` says it carries out an earlier promise ("as promised", "comme
    promis", "wie versprochen")."""
    return bool(AS_PROMISED.search(sentence) or _AS_PROMISED_OTHER.search(sentence))


#: After an interval ("within two working days"), the event it counts from when that is not
#: now ("of that review", "after receiving your receipts", "nach Eingang"): no due moment
#: can be had from the time of the message.
_ANCHORED = re.compile(
    r"\s*(?:of|after|from|following|upon|on receipt of)\s+(?!(?:today|now|tomorrow|this)\b)"
    r"(?:the|that|this|your|our|its|their|it|them|receiving|receipt|getting|we|you)\b"
    r"|\s*(?:nach|après|après réception|dopo|na|depois de|após|tras|después de)\s+"
    r"(?:eingang|erhalt|réception|ricezione|ontvangst|recepción|receção|recebimento|la |il |de |het |o |a )",
    re.IGNORECASE,
)
#: Just before a due phrase: it names when something starts, not a deadline ("appear on
#: your machine after tonight's push").
_NOT_BEFORE = re.compile(
    r"\b(?:after|from|starting|nach|ab|après|à partir de|después de|a partir de|dopo|"
    r"a partire da|na|vanaf|depois de)\s+$",
    re.IGNORECASE,
)
#: A deadline later in a sentence whose first time is an event's ("by 6pm today").
_DEADLINE_AFTER = re.compile(
    r"\b(?:by|before|until|no later than|bis|avant|antes de|entro|vóór|voor|até)\s+[^,;.!?\n]+",
    re.IGNORECASE,
)
#: How far into a commitment with no due phrase a written deadline is looked for.
DEADLINE_REACH = 120
#: A deadline word before a written date, in the due phrases' languages ("entro il 20
#: aprile", "bis zum 15. Mai", "avant le 3 mars", "antes del 8 de mayo", "uiterlijk 4 mei").
_DEADLINE = re.compile(
    r"\b(?:by|before|no later than|entro(?: il| l')?|bis(?: zum| spätestens(?: zum| am)?)?|"
    r"spätestens(?: am| zum)?|avant le|d'ici le|au plus tard le|antes del?|hasta el|"
    r"a más tardar el|uiterlijk(?: op)?|vóór|até(?: ao| dia)?) (\d{1,2}\.? ?\w+)",
    re.IGNORECASE,
)
#: A sentence's end: a stop that does not follow a digit ("15. Mai" goes on).
_SENTENCE_END = re.compile(r"(?<!\d)[.!?](?:\s|$)|\n")


def _written_deadline(span: str, made_at: datetime) -> datetime | None:
    """The end of the day a deadline word with a written date names in ``span``, up to its
    sentence's end ("Le invieremo la bolletta entro il 20 aprile"), or None: a commitment
    whose due phrase was not read is still due by the date it states."""
    end = _SENTENCE_END.search(span)
    m = _DEADLINE.search(span[: end.start()] if end else span)
    if m is None:
        return None
    moment = resolve_due(m.group(1), made_at)
    return moment if moment is not None and moment > made_at else None


def _after(t: datetime, due: datetime) -> bool:
    try:
        return t > due
    except TypeError:  # naive vs aware timestamps
        return t.replace(tzinfo=None) > due.replace(tzinfo=None)


def _moves(old: Promise, new: Promise, at: Turn, made: Sequence[Promise]) -> bool:
    """Whether ``new`` (made in agent turn ``at``) moves ``old`` before it was due."""
    if not (_own(old) & _own(new)):
        return False
    if old.due_time is not None and at.time is not None and _after(at.time, old.due_time):
        return False
    if _MOVED.search(new.text) is not None:
        return True
    # a word of moving elsewhere in the turn, but not inside another promise it makes ("I've
    # rebooked the collection for Saturday, and we'll send the cushion today": the
    # collection moved, the cushion did not)
    others = [q.text for q in made if q is not new]
    return any(not any(m.group(0) in q for q in others) for m in _MOVED.finditer(at.text))


@cache
def _date_stems() -> frozenset[str]:
    """The stems of month and weekday names: a date shared names no promise."""
    return stems(" ".join(DATE_NAMES))


def _moved_in(old: Promise, at: Turn) -> bool:
    """Whether agent turn ``at``, making no promise read as one, moves ``old`` before it is
    due: a sentence with a word of moving that names it by its own words."""
    if old.due_time is None or at.time is None or _after(at.time, old.due_time):
        return False
    if not _MOVED.search(at.text):
        return False
    words = _words(old) - _date_stems()
    return any(
        _MOVED.search(sent) and stems(sent) & words
        for sent, asked in _statements(at.text)
        if not asked
    )


def resolve(turns: Sequence[Turn], promises: Sequence[Promise]) -> None:
    """Set ``status`` and ``resolved_by`` of every promise (made in ``turns``, in order).

    The first later turn that shows a promise done, not done or late decides it; only when
    none does, the first turn dated after its due moment makes it broken."""
    by_turn: dict[int, list[Promise]] = {}
    times = {t.index: t.time for t in turns}
    for p in promises:
        by_turn.setdefault(p.turn, []).append(p)
        p.made_at = times.get(p.turn)
    overdue: dict[int, int] = {}  # id(promise) -> the first turn dated after its due moment
    for turn in turns:
        live = [p for p in promises if p.turn < turn.index and p.status == "open" and not p.moved]
        made = [p.text for p in by_turn.get(turn.index, [])]
        kept = [p for p in promises if p.status == "kept" and not p.confirmed]
        if kept and not turn.agent:
            _reopen(turn, kept, live, made)
        if live:
            earlier = [p for p in promises if p.turn < turn.index]
            _judge(turn, live, made, earlier)
            for p in live:
                if p.status == "open" and id(p) not in overdue and _overdue(p, turn):
                    overdue[id(p)] = turn.index
        for new in by_turn.get(turn.index, []):
            for old in live:
                if old.status == "open" and _moves(old, new, turn, by_turn[turn.index]):
                    old.moved = True
        if turn.agent and not by_turn.get(turn.index):
            for old in live:
                if old.status == "open" and _moved_in(old, turn):
                    old.moved = True
    for p in promises:
        if p.status == "open" and not p.moved and id(p) in overdue:
            p.status, p.resolved_by = "broken", overdue[id(p)]


def _reopen(turn: Turn, kept: list[Promise], live: list[Promise], made: list[str]) -> None:
    """The latest decisive evidence wins over a weak kept sign (a sentence naming nothing,
    "got it, thanks", or the agent side's word; not a customer's confirmation naming the
    promise, ``Promise.confirmed``): a later sentence that reports a promise shown kept as
    not done, naming what it promised ("my bill arrived and there's no credit on
    it" after a kept sign for "I'll credit 15 pounds"), makes it broken. Only a sentence
    that shares one of the promise's own words decides here: a report that names nothing
    ("nobody got back to me") stays with the open promises, and so does one that fits an
    open promise made after the kept one was shown done (a complaint is about the latest
    promise that fits: "the loaner is still on my desk, nobody came for it" is about "I'll
    collect the loaner", not the loaner delivered before). Only a customer's report
    counts (``resolve`` calls this for customer turns only)."""
    for o in outcomes(turn.text):
        if o.status != "broken" or o.by_agent or any(m in o.text for m in made):
            continue
        newer = [q.turn for q in live if _own(q) & o.stems]
        for p in kept:
            if (
                p.resolved_by is not None
                and p.resolved_by < turn.index
                and not any(t > p.resolved_by for t in newer)
                and _own(p) & o.stems
                and _status(o, p, turn) == "broken"
            ):
                p.status, p.resolved_by = "broken", turn.index


def _own(p: Promise) -> frozenset[str]:
    """The stems of a promise's own words (worked out when first needed)."""
    if not p.stems:
        p.stems = stems(p.text)
    return p.stems


def _by_kind(o: Outcome, live: list[Promise], earlier: Sequence[Promise]) -> list[int] | None:
    """The live promises (indices) sentence ``o`` fits by their own words or their kind of
    action (``topics``), or None when it is about a promise already decided. A miss report
    names what is missing: when it names some by their own words, not those sharing only
    its kind ("the voucher never came" is not about the refund). A sentence naming a
    decided promise by its own words is about that one, not about another of its kind made
    before or with it (a newer one of that kind takes its place: "the payment" after a
    failed payment run)."""
    fits = [i for i, p in enumerate(live) if _own(p) & o.stems]
    if o.status == "broken" and any(_words(live[i]) & o.stems for i in fits):
        fits = [i for i in fits if _words(live[i]) & o.stems]
    named = [q.turn for q in earlier if q.status != "open" and _words(q) & o.stems]
    if not fits and any(q.moved and _words(q) & o.stems for q in earlier):
        return None  # "il tecnico è passato" after the visit was moved: about the new visit
    if fits and named:
        fits = [i for i in fits if _words(live[i]) & o.stems or live[i].turn > max(named)]
        if not fits:
            return None
    return fits


def _of_kind(o: Outcome, targets: list[int], live: list[Promise], agent: bool) -> list[int]:
    """Of the promises (indices) a kept sentence naming none of them may confirm, those of
    its kind of action when it has one and some are ("they came at 10" confirms the
    engineer's visit made beside a refund, not the refund); all of them otherwise ("got it,
    thanks")."""
    kinds = {w for w in o.stems if w.startswith("#")}
    if not agent:
        targets = _not_a_message(o, targets, live) or targets
    same = [i for i in targets if kinds & _own(live[i])]
    return same or targets


#: The kind of action (``topics``) of a service's state ("the connection has been solid",
#: "the power is back"), and the kinds of a message (a call, an email, a text, a letter).
_STATE = "#water"
_MESSAGES = frozenset({"#call", "#email", "#text", "#letter"})


def _not_a_message(o: Outcome, fits: list[int], live: list[Promise]) -> list[int]:
    """Of the promises (indices) a customer's kept sign ``o`` fits, those it can show done:
    a customer's sentence about a service's state and no message ("the connection has been
    rock solid since Wednesday") shows a fix done, not a call or email made (a promise of a
    message kind "to make sure the connection is stable" names the state only as its
    purpose). The agent side telling the state ("the crew has just restored power") is the
    message promised ("I'll text you the moment power is back"), so not for its turns."""
    kinds = {w for w in o.stems if w.startswith("#")}
    if o.status != "kept" or _STATE not in kinds or kinds & _MESSAGES:
        return fits
    return [i for i in fits if not _own(live[i]) & _MESSAGES]


def _of_its_kind(o: Outcome, fits: list[int], live: list[Promise]) -> list[int]:
    """Of the promises (indices) miss report ``o`` fits, not those of another kind of action
    than its own when some are of its kind ("no eggs, no driver" is about the driver
    bringing eggs, not the refund for the eggs); a promise of no kind stays."""
    kinds = {w for w in o.stems if w.startswith("#")}
    if not kinds or not any(_own(live[i]) & kinds for i in fits):
        return fits
    return [i for i in fits if _own(live[i]) & kinds or not _kinds(live[i])]


def _kinds(p: Promise) -> frozenset[str]:
    """A promise's kinds of action (``topics`` groups)."""
    return _own(p) - _words(p)


def _beside(p: Promise, earlier: Sequence[Promise]) -> frozenset[str]:
    """The stems of the sentence holding ``p`` but the words (not the kinds of action) only
    other promises made in its turn have."""
    others = frozenset().union(*(_words(q) for q in earlier if q.turn == p.turn and q is not p))
    return _context(p) - (others - _own(p))


#: A sum of money as written ("£4.99", "15 €", "25 euros"): its digits name the promise.
_AMOUNT = re.compile(
    r"[£€$]\s?(\d+(?:[.,]\d+)?)|(\d+(?:[.,]\d+)?)\s?(?:€|eur\b|euros?\b|pounds?\b|"
    r"dollars?\b|gbp\b|usd\b)",
    re.IGNORECASE,
)


def _amounts(text: str) -> frozenset[str]:
    """The sums of money ``text`` names, as their digits ("£4.99" -> "4.99")."""
    return frozenset((m.group(1) or m.group(2)).replace(",", ".") for m in _AMOUNT.finditer(text))


def _of_another_kind(o: Outcome, live: list[Promise], earlier: Sequence[Promise]) -> bool:
    """Whether a miss report naming no live promise names a kind of action (``topics``) that
    an earlier promise has and no live one does: it is about that one ("nobody has turned
    up" after the engineer's visit, not the credit promised since)."""
    kinds = {w for w in o.stems if w.startswith("#")}
    return (
        o.status == "broken"
        and bool(kinds)
        and not any(kinds & _own(p) for p in live)
        and any(kinds & _own(q) for q in earlier)
    )


def _words(p: Promise) -> frozenset[str]:
    """A promise's own word stems without its kinds of action (``topics`` groups)."""
    if p.words is None:
        p.words = frozenset(w for w in _own(p) if not w.startswith("#"))
    return p.words


def _context(p: Promise) -> frozenset[str]:
    """The stems of the sentence holding a promise (worked out when first needed)."""
    if not p.context_stems:
        p.context_stems = stems(p.context)
    return p.context_stems


def _overdue(p: Promise, turn: Turn) -> bool:
    return p.due_time is not None and turn.time is not None and _after(turn.time, p.due_time)


@cache
def _absence() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(phrase_regex(p), re.I) for p in load_lexicon(_OWN)["absence"])


def _absent(p: Promise) -> frozenset[str]:
    """The things a promise says will not be there: the last word of each ``absence``
    phrase in it ("with no termination fee" -> "fee")."""
    if p.absent is None:
        p.absent = frozenset(
            m.group(0).split()[-1].lower() for rx in _absence() for m in rx.finditer(p.text)
        )
    return p.absent


#: Before a thing named in a later sentence: it is still absent ("no fee", "without any
#: charge", "not charged a fee") ...
_STILL_ABSENT = re.compile(r"\b(?:no|not|without|zero|free of|nor|never)\b[^.,;]{0,30}$", re.I)
#: ... or after it ("the fee was waived", "fee removed").
_TAKEN_AWAY = re.compile(
    r"^\w*\W+(?:[\w'’]+\s+){0,3}(?:waived|removed|refunded|cancelled|canceled|dropped|gone|"
    r"taken off|credited back)\b",
    re.I,
)


def _statements(text: str) -> Iterable[tuple[str, bool]]:
    """The sentences of ``text`` as :data:`_SENTENCE` cuts them, each with whether it ends
    in a question mark."""
    pos = 0
    for m in _SENTENCE.finditer(text):
        yield text[pos : m.start()], "?" in m.group(0)
        pos = m.end()
    yield text[pos:], False


def _contradicts(p: Promise, sentence: str) -> bool:
    """Whether ``sentence`` names as there a thing promise ``p`` said would not be there
    ("it includes a 96 GBP early termination fee" for "a final bill with no termination
    fee"): the promise shown not kept, whatever else the sentence says."""
    for word in _absent(p):
        for m in re.finditer(rf"\b{re.escape(word)}", sentence, re.I):
            if not (
                _STILL_ABSENT.search(sentence[: m.start()])
                or _TAKEN_AWAY.search(sentence[m.start() :])
            ):
                return True
    return False


def _judge(
    turn: Turn, live: list[Promise], made: list[str], earlier: Sequence[Promise] = ()
) -> None:
    """Decide what ``turn`` shows about the open promises ``live`` made before it
    (``made``: the promises this turn makes; a sentence holding one is a new promise, not
    an outcome: "a replacement ships tomorrow, and I've emailed you a gift card").
    ``earlier``: every promise made before the turn, decided or not: a sentence naming one
    by its own words is about that one, not about another that shares only its kind of
    action ("the voucher never came" after "a voucher" and "a refund" were promised)."""
    decided: dict[int, str] = {}
    confirmed: set[int] = set()  # decided by a customer's sentence naming the promise
    if any(_absent(p) or _negated(p) for p in live):
        for sent, asked in _statements(turn.text):
            if asked or any(m in sent for m in made) or _CONDITIONAL.match(sent):
                continue
            for i, p in enumerate(live):
                if _contradicts(p, sent) or (not turn.agent and _repeated(p, sent)):
                    decided[i] = "broken"
    unspecific: list[Outcome] = []
    for o in [*outcomes(turn.text), *_done_verbs(turn.text, live)]:
        if any(m in o.text for m in made) or (o.by_agent and not turn.agent):
            continue
        if not turn.agent and _own_delivery(o.text):
            continue  # "Timeline attached as promised": the customer keeps their own word
        owners = {i for i, p in enumerate(live) if o.cue and o.cue in _lemmas(p.text)}
        if owners:
            o = replace(o, stems=o.stems | {o.cue[:STEM]})
        fits = _by_kind(o, live, earlier)
        if fits is None:
            continue  # about a promise already decided: no outcome for the others
        if owners:
            # the verb put back names only the promises made with it ("works now" names
            # "so it works again", not "the workaround doc" beside it)
            cue = o.cue[:STEM]
            fits = [i for i in fits if i in owners or (_own(live[i]) & o.stems) - {cue}]
        # named: the customer's sentence shares the most words with it of all promises
        # ("got the hotel voucher" names the voucher promise, not "a taxi from the hotel")
        best = max((len(_own(live[i]) & o.stems) for i in fits), default=0)
        named = {i for i in fits if len(_own(live[i]) & o.stems) == best and not turn.agent}
        if not fits and not any(q.status != "open" and _words(q) & o.stems for q in earlier):
            # by the sentence holding it, unless the sentence names a promise decided
            # ("the extension didn't save" is about the trial extension, not the doc
            # promised beside it), and not by the words of another promise made in it
            # ("I've added a credit" is about "I'll refund the eggs", not "I'll ask the
            # store to check their packing" beside it)
            fits = [i for i, p in enumerate(live) if _beside(p, earlier) & o.stems]
        if not fits and (amounts := _amounts(o.text)):
            # by the amount it names ("no sign of the £4.99" for "I'll refund the £4.99")
            fits = [i for i, p in enumerate(live) if amounts & _amounts(p.text)]
        if not fits and _of_another_kind(o, live, earlier):
            continue  # "nobody has turned up" after a visit decided: not about the credit
        if not turn.agent:
            fits = _not_a_message(o, fits, live)
        if o.status == "broken" and len(fits) > 1:
            fits = _of_its_kind(o, fits, live)
        if not fits:
            unspecific.append(o)
        for i in fits:
            status = _status(o, live[i], turn)
            # partial: a part shown not done breaks it, whatever else the turn shows
            if status is not None and decided.get(i) != "broken":
                decided[i] = status
                if i in named:
                    confirmed.add(i)
    unspecific = [o for o in unspecific if not o.specific]
    if unspecific and (not turn.agent or _as_promised(unspecific[0].text)):
        # "nobody got back to me", "got it, thanks", an agent's "as promised, ...": about
        # the latest promise the turn has not decided (a "kept" about all of the latest
        # promise turn's: "got it" after "I'm adding it now and I'll email the invoice")
        rest = [i for i in range(len(live)) if i not in decided]
        if rest:
            o = unspecific[0]
            last = rest[-1]
            targets = [last]
            if o.status == "kept":
                same_turn = [i for i in rest if live[i].turn == live[last].turn]
                targets = _of_kind(o, same_turn, live, turn.agent)
            for i in targets:
                if (status := _status(o, live[i], turn)) is not None:
                    decided[i] = status
    for i, status in decided.items():
        live[i].status, live[i].resolved_by = status, turn.index
        live[i].confirmed = i in confirmed


#: The action a promise names: the verb after its future ("I'll reimage it", "we will
#: escalate").
_PROMISED_VERB = re.compile(
    r"(?:'ll|\bwill|\bshall|\bgoing to)\s+(?:(?:also|then|personally|now|just)\s+)?"
    r"([a-z]{4,})\b",
    re.IGNORECASE,
)


def _past_forms(verb: str) -> tuple[str, ...]:
    """The regular past forms of an English verb ("reimage" -> "reimaged")."""
    if verb.endswith("e"):
        return (verb + "d",)
    if verb.endswith("y") and verb[-2:-1] not in "aeiou":
        return (verb[:-1] + "ied",)
    return (verb + "ed",)


def _done_verbs(text: str, live: list[Promise]) -> list[Outcome]:
    """Sentences of ``text`` that state a live promise's own action done, in its past form
    ("your laptop is reimaged" for "I'll reimage it"), not negated nor after a modal, not
    asked nor under a condition, and not already read as an outcome."""
    low = text.lower()
    forms = {f for p in live for f in _done_forms(p.text) if f in low}
    if not forms:
        return []
    seen = {o.text for o in outcomes(text)}
    out = []
    for sent, asked in _statements(text):
        if asked or sent in seen or _CONDITIONAL.match(sent):
            continue
        for m in _LETTERS.finditer(sent.lower()):
            if m.group(0) in forms and not _NEGATED.search(sent[: m.start()]):
                out.append(Outcome("kept", stems(sent), sent))
                break
    return out


_LETTERS = re.compile(r"[a-z]+")


@lru_cache(maxsize=OUTCOME_CACHE)
def _done_forms(promise: str) -> frozenset[str]:
    """The past forms of the actions ``promise`` names ("I'll reimage it" -> "reimaged")."""
    return frozenset(
        f for m in _PROMISED_VERB.finditer(promise) for f in _past_forms(m.group(1).lower())
    )


#: A promise due on an event rather than a time ("as soon as the fix is live", "the moment
#: power is back"), in the due phrases' languages.
_ON_EVENT = re.compile(
    r"\b(?:as soon as|once|the moment|the minute|dès que|des que|sobald|en cuanto|"
    r"tan pronto como|appena|non appena|zodra|assim que|logo que)\b",
    re.IGNORECASE,
)


def _status(o: Outcome, p: Promise, turn: Turn) -> str | None:
    """What outcome sentence ``o`` of ``turn`` decides about ``p``: ``kept``, ``broken``, or
    None (a customer's "still nothing" before the promise is due is chasing, no outcome)."""
    if o.done_late and p.due_time is None and _ON_EVENT.search(p.text):
        o = replace(o, status="kept", done_late=False)
    if o.status == "kept":
        if _went_ahead(o, p):
            return "broken"  # "the direct debit went out yesterday" for "will be held"
        if p.due_time is not None and turn.time is not None:
            if _took_longer(turn.text, p):
                return "broken"  # "30+ minutes, not 10" for "in 10 minutes"
            if _as_promised(o.text):
                return "kept"  # "As promised, here's the update: ... yesterday": on time
            if _handed_over(o, p):
                return "kept"  # "it came on the 15th" for "goes to the courier on Monday"
            clause = _clause(o.text, p)
            when = stated_time(clause, turn.time)
            if when is not None:
                # dated: late ("came at 7pm" for "by 5pm") or on time ("delivered at half
                # four, finally" for "between 2 and 5pm": the time said outweighs "finally")
                return "broken" if _after(when, p.due_time) else "kept"
            day = stated_day(clause, turn.time)
            margin = DAY_MARGIN if _MONEY in _own(p) else timedelta(0)
            if day is not None:
                return "broken" if _after(day - margin, p.due_time) else "kept"
            if o.vaguely_late and _after(turn.time, p.due_time):
                return "broken"  # "finally" after the due moment
        return "kept"
    if _absent_as_promised(o, p):
        return "kept"  # "no roaming charges this time" for "you won't see roaming charges"
    return None if not turn.agent and _not_yet_due(p, turn) else "broken"


@cache
def _pattern(key: str) -> re.Pattern[str]:
    """The phrases of ``_OWN``'s list ``key`` as one pattern."""
    return re.compile("|".join(phrase_regex(p) for p in load_lexicon(_OWN)[key]), re.I)


#: How far before a promise's span its negation is looked for ("Ya no | se le cobrará").
NEGATION_REACH = 12
#: How many words after a negative determiner name the thing said absent ("no roaming
#: charges", "aucun frais de roaming").
ABSENT_REACH = 3


#: Seconds in each unit of the ``units`` groups of ``_OWN``.
_UNIT_SECONDS = {"minute": 60, "hour": 3600, "day": 86400, "week": 7 * 86400}
#: A stated time taken is late when it passes the promised interval by more than this share
#: (a hedged time allows a small margin: guidelines, "Times").
ELAPSED_MARGIN = 0.25


@cache
def _elapsed() -> tuple[re.Pattern[str], dict[str, int]]:
    """The ``elapsed`` phrases of ``_OWN`` as one pattern (``UNIT`` in a phrase stands for
    any ``units`` word; its number is the phrase's only digit group), with each unit word's
    seconds."""
    own = load_lexicon(_OWN)
    units = {w.lower(): _UNIT_SECONDS[k] for k, words in own["units"].items() for w in words}
    unit = "(" + "|".join(sorted(units, key=len, reverse=True)) + ")"
    return re.compile(
        "|".join(phrase_regex(p.replace("UNIT", unit)) for p in own["elapsed"]), re.I
    ), units


def _took_longer(text: str, p: Promise) -> bool:
    """Whether ``text`` states a time taken longer than ``p``'s promised interval (from
    when it was made to its due moment) by more than ELAPSED_MARGIN: "30+ minutes, not 10",
    "tardó 3 días" for "within 24 hours"."""
    if p.made_at is None or p.due_time is None:
        return False
    taken = _time_taken(text)
    if not taken:
        return False
    try:
        interval = (p.due_time - p.made_at).total_seconds()
    except TypeError:  # naive vs aware timestamps
        return False
    return max(taken) > interval * (1 + ELAPSED_MARGIN)


@lru_cache(maxsize=OUTCOME_CACHE)
def _time_taken(text: str) -> tuple[int, ...]:
    """The times taken ``text`` states (``elapsed`` phrases), in seconds."""
    if not any(c.isdigit() for c in text):
        return ()
    rx, units = _elapsed()
    out = []
    for m in rx.finditer(text):
        n = next(int(g) for g in m.groups() if g and g.isdigit())
        unit = next(g.lower() for g in m.groups() if g and g.lower() in units)
        out.append(n * units[unit])
    return tuple(out)


def _went_ahead(o: Outcome, p: Promise) -> bool:
    """Whether kept sign ``o`` names the thing promise ``p`` said would be held or stopped
    (``hold_promise``: "the direct debit will be held") as done, not as held ("went out",
    not ``hold_kept``'s "paused" or "wasn't taken")."""
    if p.held is None:
        p.held = _pattern("hold_promise").search(p.text) is not None
    return p.held and bool(o.stems & _words(p)) and _pattern("hold_kept").search(o.text) is None


def _negated(p: Promise) -> bool:
    """Whether ``p`` promises that something will not happen (again): "you won't be charged
    for roaming again", "ya no se le cobrará" (its span may start after the negation)."""
    if p.negated is None:
        pos = p.context.find(p.text)
        before = p.context[max(0, pos - NEGATION_REACH) : pos] if pos > 0 else ""
        p.negated = _pattern("negated_promise").search(before + p.text) is not None
    return p.negated


def _repeated(p: Promise, sentence: str) -> bool:
    """Whether a customer's ``sentence`` reports again what negated promise ``p`` said would
    not happen, naming it ("another 30 pounds of Norway roaming" for "you won't be charged
    for roaming in Norway again"), and not as absent ("no roaming charges again")."""
    return (
        _negated(p)
        and _pattern("again").search(sentence) is not None
        and _pattern("none").search(sentence) is None
        and bool(stems(sentence) & _words(p))
    )


def _absent_as_promised(o: Outcome, p: Promise) -> bool:
    """Whether sentence ``o`` says absent a thing that promise ``p`` said would not happen
    (``negated_promise``: "you won't see roaming charges", "vous ne paierez plus de frais")
    with a negative determiner before one of the promise's own words ("no roaming charges
    this time"): what was promised, not a miss."""
    if not _negated(p):
        return False
    words = _words(p)
    for m in _pattern("none").finditer(o.text):
        after = o.text[m.end() :].split()[:ABSENT_REACH]
        if stems(" ".join(after)) & words:
            return True
    return False


#: Where a sentence's clauses part, but not before a phrase dating the thing just named
#: ("the letter came, dated the 18th").
_CLAUSES = re.compile(
    r",(?!\s*(?:dated|postmarked|stamped|timestamped)\b)\s*|\s+(?:and|but|while)\s+", re.IGNORECASE
)


def _clause(sentence: str, p: Promise) -> str:
    """The clause of ``sentence`` about ``p`` (the one sharing most of its own words, else of
    its sentence's; the first of equals), or the whole sentence: "the bin was collected on Tuesday and the manager rang yesterday" dates
    the collection on Tuesday, not yesterday."""
    parts = _CLAUSES.split(sentence)
    if len(parts) == 1:
        return sentence
    for words in (_own(p), _context(p)):
        shared = [len(stems(part) & words) for part in parts]
        if max(shared):
            return parts[shared.index(max(shared))]
    return sentence


def _handed_over(o: Outcome, p: Promise) -> bool:
    """Whether kept sign ``o`` says a thing arrived ("it came on the 15th") and ``p``
    promised only to hand it over ("goes to the courier on Monday", "we'll post it by
    Friday"), not that it would arrive: an arrival shows the hand-over done, and its date
    says nothing of when that was (a parcel arriving after the hand-over day is on time)."""
    return (
        _pattern("arrival").search(o.text) is not None
        and _pattern("handover_promise").search(p.text) is not None
        and _pattern("arrival_promise").search(p.text) is None
    )


def _not_yet_due(p: Promise, turn: Turn) -> bool:
    """Whether ``turn`` comes before ``p`` is due: before its due moment, or for a promise
    due on a day ("on 14 November", "tomorrow"), before that day begins (a customer's "no
    internet" in the evening of the install day is a miss, not chasing)."""
    if p.due_time is None or turn.time is None or _after(turn.time, p.due_time):
        return False
    if (p.due_time.hour, p.due_time.minute) != (23, 59):
        return True
    day_start = p.due_time.replace(hour=0, minute=0, second=0)
    return not _after(turn.time, day_start)
