"""Commitments: what the agent promised, by when, and whether it was kept.

A commitment is a clause in an agent-side reply that promises a future action by the
agent or the company ("I'll call you tomorrow", "your refund will arrive within 5
business days"). Openers live in lexicons/commitments.json; due phrases, kept / broken cues
and hedges in lexicons/commitment_timing.json.

Extraction: an ``opener`` (a subject and modal: "I'll", "we are refunding", "te lo envío")
starts a span that runs to the end of its clause; a ``predicate`` (a verb group whose subject
comes first: "will be credited", "won't be charged") starts it at the clause's beginning;
the ``timed_`` lists count only with a due phrase in the clause ("it ships tomorrow"). An
opener is dropped after a hedge in its clause ("usually", "please"), when a ``not_opener``
starts where it does ("let me explain", "he'll be chuffed"), or before a perfect ("should
have heard"). A later opener after ", and" inside the clause starts a second commitment.
A due phrase after the span is its due only when no clause with its own subject comes
between ("... never happens again and I guarantee a full refund today": the refund's). A
perfect of an arranging verb ("I've booked", "ich habe ... gebucht", "he programado") is a
booking when a later time follows ("now" or "today" as the time of the work is not one).
A sanction under a condition ("if it's not here by Friday we'll invoke the penalty clause")
is dropped (``_is_sanction``); in an unpunctuated call transcript the spans end with their
spoken clause (``_commitment_model.sentence_spans``).

Guideline v2 (training/guidelines/traits.md, "Version 2 clarifications"): an offer that waits
for the customer's yes is no commitment, so "I / we can", "happy to" and "I'd like to" open
none, and a span is dropped when an ``offer`` phrase governs it ("if you'd like, I'll...",
"I'll send one if you ask", "reply 'yes' and I'll...") or a question after its sentence asks
for the go-ahead ("Shall I do that?"). "You" or "it" after the customer's own step ("text PAC
to 65075 and you'll get a code") is how a process goes, not a promise. Bookings made for a
dated future event, forecasts of a specific outcome and negative promises count; so do work
in progress with a time in its clause, any action verb ("the team is patching it tonight",
"a router is being couriered to you today"), but not with "it", "that", "you" or "people" as
its subject, nor a past passive ("was refunded to your card on 2 May").

Version 3 (fourth writing round): third parties the company answers for ("they'll confirm
by email", "a specialist from WheelCare UK will", "every delivery will come with"), work
scheduled into a dated run or release ("it's in this Friday's payment run"), third-person
futures in es/pt/it/fr from the clause's subject ("a transportadora vai entregá-la
amanhã", "il tecnico la chiamerà"), subjectless chat forecasts after a comma or at a
sentence start ("..., should land in 5-10 days"); general subjects ("no one should be...")
promise nothing.

Negative promises with our side as the subject count ("we won't charge you again", "you'll
not be billed for it"; guideline v2), refusals and security policy do not ("we won't
continue this conversation", "we will never ask for your PIN"). The sentence model may not
add a reminder of a fact ("je vous rappelle que le magasin ferme à 18 h") nor an unnamed
"they'll ..." that opens the reply (``model_may_add``).

Tracking (``analyse/_tracking.py``, tracking guidelines v2): each commitment is **kept** when
the first later turn that shows an outcome shows it done, **broken** when it shows it not
done or done late (or, when no turn shows anything, a later turn is dated after its due
moment), **open** otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from servicemind.analyse import _pl_tr
from servicemind.analyse._commitment_model import (
    NOW,
    TIME,
    SentenceModel,
    check,
    has_signal,
    load_sentence_model,
    normalise,
    sentence_spans,
    sentence_words,
)
from servicemind.analyse._cues import (
    Hit,
    literal_clauses,
    load_lexicon,
    lower_case_form,
    lowerable,
    phrase_regex,
    phrase_set,
    shared_index,
)
from servicemind.analyse._due import DATE_NAMES, parse_time
from servicemind.analyse._tracking import AS_PROMISED, Promise, Turn, due_moment, resolve
from servicemind.analyse.base import Analyser, Doc
from servicemind.analyse.registry import register
from servicemind.conversation import Side

__all__ = ["Commitment", "CommitmentAnalyser", "extract_commitments", "track_commitments"]

_LEX = "commitments.json"
_TIMING = "commitment_timing.json"
#: Longest commitment span in words; longer clauses are cut (annotated spans in the
#: guidelines are one clause, rarely over 20 words).
MAX_WORDS = 25
#: Replies whose extraction is memoised (the traits and the tracker both read them; scripted
#: replies repeat across a batch). Bounded so memory stays flat on any input size.
EXTRACT_CACHE = 8192
#: A German (or Nordic) date's day, "20." before its month ("bis Mittwoch, 20. Mai"): the
#: dot of an ordinal, not the end of the sentence.
_DAY_DOT = (
    r"(?!(?<=\d\.)\s+(?:januar|februar|märz|maerz|april|mai|juni|juli|august|september|"
    r"oktober|november|dezember|jan|feb|mär|apr|jun|jul|aug|sep|sept|okt|nov|dez|maj|desember|"
    r"december)\b)"
)
_CUT = re.compile(
    rf"(?:[!?;:]|\.(?<!\bca\.)(?<!\bnr\.)(?<!\bbzw\.)(?<!\bggf\.){_DAY_DOT})(?=\s|$)|\n|\s+-\s|,?\s+(?:but|however|because|since|unless|although|though|so that|"
    r"while|if|whereas|ale|bo|ponieważ|jeśli|jeżeli|ama|fakat|çünkü|ancak|maar|omdat|tenzij)\b|,\s*(?:and\s+)?(?=(?:i|we)\b)|\s+and\s+(?=(?:i|we)(?:['’]?ll| will)\b)|"
    r",\s+(?:please|thanks|thank you|which|as|in the meantime|meanwhile|so|he|she|they|it|"
    r"that|this|you|just|and you|or you)\b",
    re.IGNORECASE,
)
#: How far back (characters) a predicate opener ("... will be credited", "... is booked for")
#: looks for the start of its clause, where the subject begins.
SUBJECT_REACH = 80
_CLAUSE_START = re.compile(
    r"(?:[.!?;:(](?=\s)|\n|\s[-–•]\s|,(?!\d)|\b(?:and|so|but|then|now|once|when|as|e|y|et|und)\b)\s*",
    re.IGNORECASE,
)
#: ``_CLAUSE_START`` for the Polish and Turkish lists, whose clauses begin after "i", "oraz",
#: "a", "ale" (pl) and "ve", "ama", "ayrıca" (tr) instead of the conjunctions of the other
#: languages (the Romance "e" would cut "e-posta"): "Sprawdzę to dziś i dam Panu znać",
#: "kontrol edeceğim ve size dönüş yapacağım" (Turkish puts the verb last, so the span starts
#: at the clause, not at the verb).
_WIDE_CLAUSE_START = re.compile(
    r"(?:[.!?;:(](?=\s)|\n|\s[-–•]\s|,(?!\d)|\b(?:i|oraz|a|ale|ve|ama|fakat|ayrıca)\b)\s*",
    re.IGNORECASE,
)
#: An opener that ends at its subject and modal ("I'll", "let me"), so the promise must follow.
_BARE_OPENER = re.compile(
    r"(?:\s|\b(?:will|shall|to|me|gonna|promise|guarantee|will do)|['’]ll)$", re.IGNORECASE
)
#: A perfect after the modal looks back, it promises nothing ("you should have heard from us").
_PERFECT = re.compile(
    r"\b(?:will|should|would|['’]ll) have (?:been|had|heard|given|got|gotten|received|seen|"
    r"done|sent|made)\b",
    re.IGNORECASE,
)
#: Text just before a later opener that makes it a second promise ("..., and it will").
_JOINED = re.compile(r"(?:,|\b(?:and|then|plus|y|e|et|und|i|oraz|a|ve))\s*$", re.IGNORECASE)
#: What a span does not end with: spaces, commas, quotes, a dangling "and" (the Polish "i" and
#: "a" in lower case only: "Plan A").
_TAIL = re.compile(
    r"(?:[\s,\t\"'”)]|\b(?:and|or|then|plus|y|e|et|und|oraz|ve|(?-i:i|a))\b)+$", re.IGNORECASE
)
_SENT_END = re.compile(r"[.!?\n]")


@dataclass(frozen=True, slots=True)
class Commitment:
    """A promise found in a reply: span, text and due phrase (as written)."""

    start: int
    end: int
    text: str
    due: str | None
    #: ``"rules"``, or ``"model"`` for a sentence the sentence model added.
    source: str = "rules"
    #: The sentence model's probability for a span it added; ``None`` for rule spans.
    probability: float | None = None


@cache
def _regexes() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The due, kept, broken and hedge phrase lists, each as one alternation."""
    lex = load_lexicon(_TIMING)

    def alt(key: str) -> re.Pattern[str]:
        return re.compile("|".join(phrase_regex(p) for p in lex[key]), re.IGNORECASE)

    return alt("due"), alt("kept"), alt("broken"), alt("hedge")


def _due_regex(langs: tuple[str, ...]) -> re.Pattern[str]:
    """The due alternation for a text in the Polish or Turkish of ``langs``
    (``_pl_tr.languages``): ``_pl_tr.due_regex`` when there are any."""
    return _pl_tr.due_regex() if langs else _regexes()[0]


@cache
def _lower_case_forms() -> tuple[re.Pattern[str], ...]:
    """The due and hedge lists, ``_PERFECT``, ``_CUT`` and ``_JOINED`` for the lower-cased
    form of a lowerable reply (the same spans, faster: ``_cues.lower_case_form``)."""
    due, _, _, hedge = _regexes()
    return tuple(lower_case_form(rx) for rx in (due, hedge, _PERFECT, _CUT, _JOINED))


#: A due phrase for lower-cased text, its literals all needed and its clauses needing one.
_DuePhrase = tuple[re.Pattern[str], frozenset[str], tuple[frozenset[str], ...]]


@cache
def _due_phrases() -> tuple[_DuePhrase, ...]:
    """Each due phrase on its own, in list order, for the lower-cased form of a lowerable
    reply (``_cues.lower_case_form``), with its literal clauses (``_cues.literal_clauses``)
    as (strings all needed, clauses needing one of several): a phrase whose clause has no
    string in the text cannot match there. Their strings join the shared literal index,
    so the reply's one scan finds them."""
    out = []
    index = shared_index()
    for p in load_lexicon(_TIMING)["due"]:
        regex = phrase_regex(p)
        clauses = literal_clauses(regex)
        index.add(frozenset(lit for c in clauses for lit in c))
        every = frozenset(lit for c in clauses if len(c) == 1 for lit in c)
        some = tuple(c for c in clauses if len(c) > 1)
        out.append((lower_case_form(re.compile(regex, re.IGNORECASE)), every, some))
    return tuple(out)


def _load_literals() -> None:
    """This module's lexicons (the commitment phrases load whole on their first list), and
    the strings of Polish and Turkish typed without their letters (``_pl_tr.languages``)."""
    phrase_set(_LEX, "not_opener")
    _due_phrases()
    _plain_cues_indexed()


@cache
def _plain_cues_indexed() -> None:
    """The ``_pl_tr`` plain cues join the shared literal index (once)."""
    shared_index().add(_pl_tr.plain_cue_literals())


# their literals join the shared index before its first scan (``LiteralIndex.preload``)
shared_index().preload(_load_literals)


@cache
def _due_triggers() -> tuple[dict[str, tuple[int, ...]], tuple[int, ...]]:
    """The due phrases (numbers into :func:`_due_phrases`) by the strings of one clause each
    (the one with the longest shortest string: likely the rarest), and those with no clause:
    a phrase none of whose trigger strings is in a text fails there, unchecked."""
    by: dict[str, list[int]] = {}
    always: list[int] = []
    for n, (_, every, some) in enumerate(_due_phrases()):
        clauses = [frozenset({lit}) for lit in every] + list(some)
        if not clauses:
            always.append(n)
            continue
        for lit in max(clauses, key=lambda c: (min(map(len, c)), -len(c), sorted(c))):
            by.setdefault(lit, []).append(n)
    return {lit: tuple(ns) for lit, ns in by.items()}, tuple(always)


def _possible_due(found: frozenset[str]) -> list[re.Pattern[str]]:
    """The due phrases whose every literal clause is met by ``found`` (the shared index's
    literals in the text), in list order (only those a trigger string of names are
    checked: :func:`_due_triggers`)."""
    phrases = _due_phrases()
    by, always = _due_triggers()
    cands = set(always)
    for lit in found & by.keys():
        cands.update(by[lit])
    out = []
    for n in sorted(cands):
        rx, every, some = phrases[n]
        if every <= found:
            for c in some:
                if found.isdisjoint(c):
                    break
            else:
                out.append(rx)
    return out


def _due_search(
    low: str, pos: int, endpos: int, phrases: list[re.Pattern[str]]
) -> tuple[int, int] | None:
    """The span the due alternation finds in ``low[pos:endpos]`` (lower-cased lowerable
    text), from the phrases that can occur in it (:func:`_due_phrases`, sifted), one by one.

    An alternation's search returns the leftmost position where any alternative matches,
    and there the first alternative (in list order) that does; each phrase's own search
    gives its leftmost match with the same span it would match there inside the
    alternation, so the earliest start, ties to the earlier phrase, is that span. Faster
    than the 45-way alternation, which tries every phrase at every position."""
    best: tuple[int, int] | None = None
    for rx in phrases:
        m = rx.search(low, pos, endpos)
        if m is not None and (best is None or m.start() < best[0]):
            best = m.span()
    return best


#: How far after a commitment's span an offer phrase still governs it ("I'll book it, if
#: you'd like"): the span is cut right before "if"; a later clause's offer is its own.
OFFER_REACH = 4
#: A later offer or alternative in the sentence, which a question after it asks about instead
#: ("you'll hear from us next time. I can also send a hotspot; would that help?").
_ANOTHER_OFFER = re.compile(r"\b(?:i|we) (?:can|could)\b|,\s*or\b|;", re.IGNORECASE)


@cache
def _offers() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The offer phrases in a sentence and in a question after it (guidelines v2)."""
    lex = load_lexicon(_TIMING)
    return tuple(  # type: ignore[return-value]
        re.compile("|".join(phrase_regex(p) for p in lex[k]), re.IGNORECASE)
        for k in ("offer", "offer_question")
    )


#: A customer's action that the rest of the sentence follows from: an instruction joined by
#: "and" ("Text PAC to 65075 and ...") or "once / when / after you ..." before the span.
_STEP_VERBS = (
    "text|tap|tick|click|go|pop|call|ring|send|reply|visit|open|select|choose|enter|press|log|"
    "sign|fill|head|bring|take|post|pick|switch|turn|drop|use|add|type|scan|download|install|"
    "forward|email|order|apply|register|follow|check|restart|unplug|plug"
)
_CUSTOMER_STEP = re.compile(
    rf"\b(?:once|when|after|as soon as) you\b|^\s*(?:just |simply |then )?(?:{_STEP_VERBS})\b"
    r".*\band\s*$",
    re.IGNORECASE | re.DOTALL,
)
#: The subjects of how a process goes for anyone ("you'll get a code", "it will be added").
_PROCESS_SUBJECT = re.compile(r"(?:you|it)\b", re.IGNORECASE)
#: Subjects that make a verb group a general statement, not a promise to this customer
#: ("no one should be spoken to like that", "everyone will be asked"): guidelines v2.
_GENERAL_SUBJECT = re.compile(
    r"(?:no[ -]?one|nobody|anyone|anybody|everyone|everybody|people)\b", re.IGNORECASE
)


def _sentence_start(text: str, s: int) -> int:
    """Where the sentence (or ``;`` part) holding offset ``s`` starts: after the last
    ``.!?;`` or newline before it."""
    return max(text.rfind(ch, 0, s) for ch in ".!?;\n") + 1


def _after_separators(text: str, e: int, reach: int) -> int:
    """``e`` moved past the spaces and commas among the ``reach`` characters after it."""
    stop = min(len(text), e + reach)
    while e < stop and text[e] in " ,":
        e += 1
    return e


def _is_process_step(text: str, s: int) -> bool:
    """Whether the span at ``s`` tells what follows from the customer's own step.

    Guidelines v2, general statements: "Text PAC to 65075 and you'll get a code back",
    "once you're registered, you'll get a poll card". Only with "you" or "it" as the subject:
    "DM us and we'll refund it" is the company's promise.
    """
    if not _PROCESS_SUBJECT.match(text, s):
        return False
    lo = _sentence_start(text, s)
    return _CUSTOMER_STEP.search(text[lo:s]) is not None


#: A time that recurs ("cada mes", "ogni giorno", "elke week", "jeden Morgen", "chaque
#: jour", "monatlich"): in a present-for-future clause, a habit.
_RECURRING = (
    r"cada (?:d[ií]a|semana|mes|m[eê]s|año|ano|vez)|todos (?:los|os) (?:d[ií]as|meses|"
    r"años|anos|lunes|martes|viernes)|todas (?:las|as) (?:semanas|mañanas|manhãs|noches|noites)|"
    r"ogni (?:giorno|settimana|mese|anno|volta)|tutti i (?:giorni|mesi)|tutte le settimane|"
    r"(?:elke|iedere) (?:dag|week|maand|keer)|jeden (?:tag|monat|morgen|abend|montag|freitag)|"
    r"jede woche|jedes (?:mal|jahr|quartal)|monatlich|täglich|chaque (?:jour|semaine|mois|"
    r"année|fois|matin|soir)|tous les (?:jours|mois|ans|matins|soirs)|toutes les semaines|"
    r"mensualmente|mensilmente|mensalmente|maandelijks|dagelijks"
)
#: A habit in the clause of a present-for-future form ("le enviamos la factura cada mes",
#: "le inviamo il codice ogni mese", "we sturen elke maand", "Wir schicken Rechnungen immer
#: am Monatsende"): how things go, not a promise.
_HABIT = re.compile(
    rf"\b(?:{_RECURRING}|siempre|sempre|altijd|immer(?! noch)|toujours|habitualmente|"
    r"di solito|geralmente|meestal|d['’]habitude)\b",
    re.IGNORECASE,
)
#: ``_RECURRING`` alone: a sentence the sentence model would add that tells of a recurring
#: time ("Neue Termine werden jeden Morgen um 8 Uhr freigeschaltet") is a habit too; the
#: adverbs of ``_HABIT`` ("di solito arriva in 2-3 giorni, quindi entro venerdì ...") often
#: sit beside a promise there.
_RECURRING_TIME = re.compile(rf"\b(?:{_RECURRING})\b", re.IGNORECASE)
#: "Wil je het lager? Dan zet ik het op €95": a Dutch "dan ..." after a question that offers
#: a choice is that offer, not a promise.
_THEN = re.compile(r"\s*dan\b", re.IGNORECASE)
#: A question that offers a choice ("Wil je het lager?", "Heb je liever ...?", "Zal ik
#: ...?"), unlike one that asks for what the work needs ("Wil je ons je bestelnummer
#: sturen? Dan zoeken we het uit": a promise).
_CHOICE = re.compile(
    r"\b(?:liever|zal ik|zullen we|(?:wil|wilt) (?:je|u) (?:het|dat|die|deze)\b)", re.IGNORECASE
)


def _is_question_or_habit(text: str, s: int, e: int) -> bool:
    """Whether the span ``text[s:e]`` is asked ("¿Le enviamos la etiqueta?", "Zet ik het
    lager?"), follows a question as its "dan" ("Wil je het lager? Dan zet ik ..."), or tells a
    habit ("le enviamos la factura cada mes"): an offer or how things go, no promise."""
    lo = _sentence_start(text, s)
    before = text[lo:s].strip()
    if before in ("", "¿"):  # the sentence opens with the form and asks it
        q = _after_separators(text, e, 3)
        if before == "¿" or (q < len(text) and text[q] == "?"):
            return True
    if lo > 0 and text[lo - 1] == "?" and _THEN.match(text[lo:s]):
        asked = text[_sentence_start(text, lo - 1) : lo]
        if _CHOICE.search(asked):
            return True
    return _HABIT.search(text, s, e) is not None


def _is_offer(text: str, s: int, e: int) -> bool:
    """Whether the promise ``text[s:e]`` waits for the customer's yes (guidelines v2).

    An offer phrase before it in its sentence or right after it ("if you'd like, I'll set it
    up", "I'll send one if you ask"), or a question right after its sentence that asks for
    the go-ahead ("... Shall I go ahead?").
    """
    offer, question = _offers()
    lo = _sentence_start(text, s)
    if offer.search(text, lo, s):
        return True
    if offer.match(text, _after_separators(text, e, OFFER_REACH)) is not None:
        return True
    end = _SENT_END.search(text, e)
    if end is None or end.group(0) != ".":
        return False
    nxt = _SENT_END.search(text, end.end())
    if nxt is None or nxt.group(0) != "?":
        return False
    q = question.search(text, end.end(), nxt.end())
    return q is not None and not _ANOTHER_OFFER.search(text, e, q.start())


def extract_commitments(text: str) -> list[Commitment]:
    """Every commitment in ``text``, in order, with exact offsets."""
    return list(_extract(text))


#: Lexicon lists that open a commitment: (key, needs a due phrase in the clause, the span
#: starts at the clause's subject rather than at the match).
_OPENERS = (
    ("opener", False, False),
    ("timed_opener", True, False),
    ("predicate", False, True),
    ("timed_predicate", True, True),
)
#: Lists whose every match holds a non-ASCII character (es / pt / it futures in "-á", "-ão"):
#: tried only on replies that hold one, so plain-ASCII replies skip them (speed only).
_NON_ASCII_OPENERS = (
    ("non_ascii_opener", False, False),
    ("non_ascii_timed_opener", True, False),
    ("non_ascii_timed_predicate", True, True),
)


def _clause_start(text: str, s: int, wide: bool = False) -> int:
    """Where the clause holding offset ``s`` begins (at most SUBJECT_REACH back); ``wide``
    also at the Polish and Turkish conjunctions (``_WIDE_CLAUSE_START``)."""
    lo = max(0, s - SUBJECT_REACH)
    start = lo
    for m in (_WIDE_CLAUSE_START if wide else _CLAUSE_START).finditer(text, lo, s):
        start = m.end()
    if start == lo and lo > 0:  # no boundary in reach: start at the next word
        sp = text.find(" ", lo, s)
        start = sp + 1 if sp >= 0 else s
    return min(start, s)


@lru_cache(maxsize=EXTRACT_CACHE)
def _extract(text: str) -> tuple[Commitment, ...]:
    """The commitments of ``text``: the rules' spans, checked by the sentence model when
    ``USE_MODEL`` is on (memoised: the traits and the tracker both read them)."""
    rules = _rule_commitments(text)
    found = combine(text, rules, load_sentence_model()) if USE_MODEL else rules
    if AS_PROMISED.search(text) is None:
        return found
    return tuple(c for c in found if not _fulfils(text, c.start))


#: An action in progress now ("I'm calling you now", "we're sending it"): done, not promised.
_IN_PROGRESS = re.compile(
    r"(?:i['’]?m|i am|we['’]?re|we are) (?:just |now )?\w+ing\b", re.IGNORECASE
)


def _fulfils(text: str, s: int) -> bool:
    """Whether the span at ``s`` carries out an earlier promise: an action in progress in a
    sentence that says so ("Hi, as promised I'm calling you now"): the tracker reads it as
    that promise kept, not as a new one."""
    lo = _sentence_start(text, s)
    return AS_PROMISED.search(text, lo, s) is not None and _IN_PROGRESS.match(text, s) is not None


#: Whether the trained sentence model checks the rules' spans (vetoes some, adds missed
#: sentences; analyse/_commitment_model.py). On since it beat the rules alone on the fifth
#: writing round, unseen by rules and model (benchmarks/RESULTS.md, "Commitment
#: detection", 2026-11-24 01:18 UTC); off gives the rules alone.
USE_MODEL = True


#: An explicit performative promise ("I promise", "we can guarantee", "you have my word",
#: and the promise verbs of the other corpus languages: "te prometo", "je vous promets",
#: "ich verspreche", "prometto", "ik beloof", "obiecuję", "söz veriyorum"): a commitment by
#: the guidelines' definition, whatever the sentence model's statistics.
_PERFORMATIVE = re.compile(
    r"\b(?:i|we)(?: can| do| will)? (?:promise|guarantee)\b|\byou have my word\b|"
    r"(?<!\bno )(?<!\bnon )(?<!\bnão )(?<!\bnie )(?<!\bne )(?<!\bno te )(?<!\bno le )"
    r"(?<!\bnon ti )(?<!\bnon le )(?<!\bnão te )(?<!\bne vous )(?<!\bne te )"
    r"\b(?:prometo|prometemos|prometto|promettiamo|promets|promettons|verspreche|versprechen|"
    r"beloof|beloven|obiecuję|obiecujemy|söz veri(?:yorum|yoruz|rim|riz))\b"
    r"(?! (?:nada|nulla|niente|rien|nichts|niets|nic)\b)",
    re.IGNORECASE,
)


def model_may_veto(text: str, s: int, e: int) -> bool:
    """Whether the sentence model may drop the rule span ``text[s:e]``: not when its
    sentence makes an explicit performative promise (guidelines: a promise is a promise)."""
    return _PERFORMATIVE.search(text, _sentence_start(text, s), e) is None


#: Words by which a sentence says it promises nothing ("it's unlikely you'll get anything
#: back", "refunds usually take 5 days"): the rules drop an opener after them (the
#: ``hedge`` list); the sentence model may not add such a sentence back.
_NO_PROMISE = re.compile(
    r"\b(?:unlikely|can't promise|cannot promise|can't guarantee|cannot guarantee|"
    r"no guarantee|usually|normally|typically|generally|in most cases)\b",
    re.IGNORECASE,
)


#: A sentence that opens as a reminder of a fact ("Je vous rappelle que le magasin ferme à
#: 18 h", "just a reminder that the office is closed on Monday"): it restates how things
#: are, it promises nothing, however future its words (guideline case: the French "je vous
#: rappelle" is also "I'll call you back", which the rules read only without "que"). The
#: sentence model may not add one; a promise inside it is still the rules' to find. (No
#: ``^``: ``match(text, s)`` anchors at the sentence start, where ``^`` would only ever
#: match at the start of the reply.)
_REMINDER = re.compile(
    r"(?:(?:je|nous) vous rappel(?:le|ons) (?:que|qu['’])|(?:on|il) (?:vous )?rappelle que|"
    r"(?:le|les|te|os) (?:recuerdo|recordamos) que|recuerde(?:n)? que|(?:lhe |vos |te )?"
    r"(?:lembro|lembramos) que|(?:le |vi |ti )?(?:ricordo|ricordiamo) che|ricordate che|"
    r"(?:ich|wir) erinner(?:e|n) (?:sie|dich|euch)? ?daran|(?:just )?a (?:quick |friendly )?"
    r"reminder(?: that|:)|(?:just )?(?:to )?remind(?:ing)? you (?:that|of)|may i remind you|"
    r"i(?:'d|’d| would) (?:like to )?remind you)",
    re.IGNORECASE,
)


#: A third person as the subject ("they'll ...", "he will ..."): at the very start of a reply
#: it names no party, so nothing says it is one the company answers for (guidelines v3 count
#: a partner's or colleague's promise when the reply says who they are).
_UNNAMED = re.compile(
    r"(?:they|he|she)(?:['’]ll| will| are going to| is going to)\b", re.IGNORECASE
)


#: A statement of fact: a present "is / are" (also "it's", "there's") with nothing of a
#: promise beside it, e.g. a price ("The 38 pounds is for 760MB at 5p per MB."), a
#: reference or a limit. Such a sentence enters the model's scoring by its figure alone; the
#: model may not add it when it also has no future (no "will" / modal / future ending, no
#: time word, weekday or month, no date such as "12/1" or "3rd"), no agent (no "I / we / our
#: / us / me / my"), and no action verb (no word in "-ed" or "-ing": "is approved", "is
#: being sent"). On the w1-w33 train part 106 scored sentences are such statements, none
#: of them a promise in either pass.
_BE = frozenset(["is", "are", "it's", "that's", "there's", "here's"])
_AGENT = frozenset(
    [
        "i",
        "we",
        "our",
        "ours",
        "us",
        "me",
        "my",
        "i'm",
        "we're",
        "i've",
        "we've",
        "i'll",
        "we'll",
        "i'd",
        "we'd",
        "im",
        "ive",
        "let's",
    ]
)
#: The due parser's month and weekday names (all its languages, Dutch weekdays included),
#: with "sept", which it does not read.
_DATE_WORDS = DATE_NAMES | {"sept"}
_DATE = re.compile(r"\d{1,2}\s?[/.-]\s?\d{1,2}\b|\d{1,2}(?:st|nd|rd|th)\b|\d{1,2}[:.h]\d\d")


def _fact_statement(text: str, s: int, e: int) -> bool:
    """Whether ``text[s:e]`` states a present fact and nothing else (``_BE``)."""
    seg = normalise(text[s:e])
    words = sentence_words(seg)
    ws = set(words)
    if _BE.isdisjoint(ws) or not _AGENT.isdisjoint(ws):
        return False
    if has_signal(seg, words) or not TIME.isdisjoint(ws) or not NOW.isdisjoint(ws):
        return False
    if not _DATE_WORDS.isdisjoint(ws) or _DATE.search(text, s, e):
        return False
    return not any(w.endswith(("ed", "ing")) for w in words)


#: Reassurance about what the law or others will do ("you won't be arrested", "you won't
#: be fired"): not a service promise (guideline v3, "reassurance"), though its form is that
#: of "you won't be charged". The rules' negative predicate leaves these verbs out too
#: (lexicons/commitments.json); the sentence model may not add one back.
_NOT_OURS = re.compile(
    r"\b(?:won't|won’t|wont|will not|will never) be (?:arrested|prosecuted|jailed|deported|"
    r"sued|fired|sacked|dismissed|blamed)\b",
    re.IGNORECASE,
)


#: A sanction: what our side will do to the other party if it fails (guideline v3, "not
#: service promises": "we'll cancel the cover if the premium isn't paid", "if you can't be
#: civil I'll end this call"; trial 19 F13: "we will charge the penalty in clause 9 and look
#: for another supplier"). In the span: a penalty charged or invoked, a contract, cover or
#: account ended, legal steps, another supplier, deliveries or service stopped, this call
#: ended; in the sentence: a condition ("if", "unless", "otherwise", "or else", and their
#: de / fr / es / it / nl / pt forms) that is not the customer's own wish ("if you'd rather
#: cancel, we'll cancel the contract today" is a promise). Refunds, replacements and credits
#: are never sanctions: "if it's not fixed by Friday I'll refund you" is a promise.
_SANCTION = re.compile(
    r"\b(?:charge|invoke|enforce|apply|impose|claim|levy|deduct|appliqu\w*|factur\w*|"
    r"aplic\w*|applic\w*|cobr\w*|addebit\w*|innen|rekenen)\b[^.!?\n]{0,40}\b(?:"
    r"penalt(?:y|ies)|fines?|damages|surcharges?|late (?:fee|charge)s?|clause|pénalités?|"
    r"penalidad(?:es)?|penalizaci[oó]n|penali|boete|multa)\b|"
    r"\b(?:vertragsstrafe|konventionalstrafe|schadenersatz)\b|"
    r"\b(?:terminate|cancel|end|suspend|withdraw|close|freeze|kündigen|résilier|rescindir|"
    r"cancelar|recedere|opzeggen)\b[^.!?\n]{0,25}\b(?:contract|agreement|cover|policy|"
    r"membership|account|partnership|relationship|cooperation|supply|this (?:call|chat|"
    r"conversation)|the (?:call|chat|conversation)|vertrag|contrat|contrato|contratto|"
    r"overeenkomst)\b|"
    r"\b(?:take|start|begin|pursue|initiate|bring) (?:legal|formal|court|further legal) "
    r"(?:action|proceedings|steps)\b|\b(?:involve|instruct|contact) (?:our|a) (?:lawyers?|"
    r"solicitors?|legal (?:team|department)|debt collect\w*)\b|"
    r"\b(?:look for|find|switch to|source from|move to) (?:another|a new|an alternative|a "
    r"different|other) (?:supplier|vendor|provider|partner|carrier|haulier)s?\b|"
    r"\banderen (?:lieferanten|anbieter)\b|\bautre fournisseur\b|\botro proveedor\b|"
    r"\baltro fornitore\b|\bandere leverancier\b|"
    r"\b(?:stop|suspend|halt|block|withhold) (?:all |any |further |the )?(?:deliveries|orders|"
    r"payments?|service|supplies|shipments)\b|\breport (?:you|this|the driver) to\b",
    re.IGNORECASE,
)
_CONDITION = re.compile(
    r"\b(?:if|unless|otherwise|or else|failing (?:that|which)|should (?:you|it|they|the)|sonst|"
    r"andernfalls|falls|wenn|sinon|à défaut|faute de|si|de lo contrario|en caso contrario|"
    r"altrimenti|se|anders|indien|als|caso contrário|senão)\b",
    re.IGNORECASE,
)
#: A condition that is the other party's own choice: the span then grants it, no sanction.
_WISH = re.compile(
    r"\b(?:if|unless|wenn|falls|si|se|als) (?:you|sie|du|vous|tu|usted|lei|u|je)\b[^.!?\n]{0,20}"
    r"\b(?:want|wish|prefer|rather|like|choose|decide|would|'d|möchten|wollen|souhaitez|voulez|"
    r"preferisce|prefiere|quiere|desea|wilt|wil)\b",
    re.IGNORECASE,
)


def _not_a_promise(
    text: str, s: int, e: int, hits: Sequence[tuple[int, int]] | None = None
) -> bool:
    """Whether ``text[s:e]`` holds a form the guideline rules out whatever its tense: a
    rebuke ("Mit diesem Ton kommen wir nicht weiter"), the language the agent writes in
    ("je vous réponds en français"), or the customer's own obligation ("dient binnen 14
    dagen te worden voldaan"): lexicons/commitments.json, ``not_a_promise``. ``hits``: the
    list's matches in ``text`` when already found (:func:`_not_a_promise_hits`)."""
    if hits is None:
        hits = _not_a_promise_hits(text)
    return any(s <= a < e for a, _ in hits)


def _not_a_promise_hits(text: str, low: str | None = None) -> list[tuple[int, int]]:
    """Where the ``not_a_promise`` list matches ``text`` (one sieved scan of the reply)."""
    found = phrase_set(_LEX, "not_a_promise").finditer(text, text.lower() if low is None else low)
    return [(h.start, h.end) for h in found]


def _is_sanction(text: str, s: int, e: int) -> bool:
    """Whether ``text[s:e]`` threatens a sanction under a condition (``_SANCTION``): a
    warning to the other party, not a promise to the customer (guideline v3)."""
    if _SANCTION.search(text, s, e) is None:
        return False
    lo, hi = _sentence_start(text, s), _sentence_end(text, e)
    cond = _CONDITION.search(text, lo, hi)
    return cond is not None and _WISH.match(text, cond.start()) is None


#: Work done in the reply: a past or perfect of our side, or a passive perfect ("I've issued
#: a full refund of £69.99 today", "A refund of £38 has been processed to your card"), with
#: no arranging verb (bookings are perfects: "I've booked", "I've asked the team to ...").
_DONE_WORK = re.compile(
    r"\b(?:i['’]?ve|we['’]?ve|i have|we have|has been|have been|was|were|i|we) (?:just |now |"
    r"already |also |personally |since )?(?!(?:re)?booked|scheduled|arranged|organi[sz]ed|"
    r"ordered|reserved|set|lined|asked|requested|instructed|told|moved)[a-z]+ed\b",
    re.IGNORECASE,
)
#: What makes such a sentence look ahead: a modal or future, an infinitive of purpose ("to
#: check"), a later time ("for Friday", "until", "by the 3rd", "3-5 working days", a
#: weekday), a booking word, or a present "is / are" (the rest of the sentence may promise).
_AHEAD = re.compile(
    r"\b(?:will|won['’]t|shall|going to|gonna|should|to (?!(?:your|you|the|a|an|my|our|me|us|"
    r"it|him|her|them)\b)[a-z]+|(?:for|from|by) (?:the|next|end|tomorrow|\d)|until|till|"
    r"starting|within|in \d|is|are|tomorrow|tonight|next|monday|tuesday|wednesday|thursday|"
    r"friday|saturday|sunday|booked|scheduled|asked|arranged)\b|['’]ll\b|"
    r"\d\s*[–-]\s*\d+ (?:working |business )?days",
    re.IGNORECASE,
)


def _done_work(text: str, s: int, e: int) -> bool:
    """Whether ``text[s:e]`` reports work done and nothing to come (guideline: "things
    already done ('I've refunded you') are not marked")."""
    return _DONE_WORK.search(text, s, e) is not None and _AHEAD.search(text, s, e) is None


#: A comment on the customer's situation: "is / are / sounds / must be" and a word of how it
#: feels ("A wedding tomorrow and no suit is stressful"): empathy, however dated its words.
_COMMENT = re.compile(
    r"\b(?:is|are|sounds|must be|['’]s)\s+(?:so |really |very |completely |totally |incredibly |"
    r"genuinely |such |a real |a |an )?(?:stressful|frustrating|annoying|worrying|upsetting|"
    r"understandable|awful|horrible|terrible|scary|disappointing|unacceptable|inconvenient|"
    r"nightmare|pain|worry|hassle|shame|stress|mess)\b",
    re.IGNORECASE,
)


#: A sentence or clause that only tells the customer what to do ("tell me by 3pm today",
#: "please send the full load by 14:00"), or only states a condition ("If it's not with you
#: by Thursday 6pm", a clause beside a rule span): the customer's action, or what a promise
#: waits for, not a promise (guideline: "actions the customer must do"). Not when a result
#: follows ("Order before 3pm and it ships today", "send us a DM and the £85 will go back").
_INSTRUCTION = re.compile(
    rf"\s*(?:[-•*]\s*)?(?:(?:please|just|simply|then|so|now|also)\s+)*(?:{_STEP_VERBS}|tell|try|"
    r"keep|ping|message|contact|give|upload|attach|reboot|reset)\b(?!\s+(?:you|ya|u)\b)(?!:)|"
    r"\s*(?:if|unless|when|once|as soon as)\b[^,;:]*$",
    re.IGNORECASE,
)
_RESULT = re.compile(r"\band\b|[,;]|\b(?:will|should)\b|['’]ll\b", re.IGNORECASE)


def _instruction(text: str, s: int, e: int) -> bool:
    """Whether ``text[s:e]`` only tells the customer what to do or only states a condition."""
    return _INSTRUCTION.match(text[s:e]) is not None and _RESULT.search(text, s, e) is None


def model_may_add(
    text: str, s: int, e: int, no_promise: Sequence[tuple[int, int]] | None = None
) -> bool:
    """Whether the sentence model may add the sentence (or clause) ``text[s:e]``: not an
    offer that waits for the customer's yes ("I'll pass your details on today. Is that
    alright?", "I'll send you a copy if you ask": an offer phrase anywhere in it), nor one
    that says it promises nothing (``_NO_PROMISE``), which the guidelines exclude however
    promise-like its words are, nor a reminder of a fact (``_REMINDER``), nor a present
    statement of fact with no future, no agent and no action verb (``_fact_statement``),
    nor a reassurance about what the law or others will do (``_NOT_OURS``). ``no_promise``:
    the reply's :func:`_not_a_promise_hits` when already found (one scan per reply)."""
    while e > s and text[e - 1] in ".!?":
        e -= 1
    if _offers()[0].search(text, s, e) or _NO_PROMISE.search(text, s, e):
        return False
    if (
        _NOT_OURS.search(text, s, e)
        or _is_sanction(text, s, e)
        or _not_a_promise(text, s, e, no_promise)
    ):
        return False
    if _REMINDER.match(text, s) is not None or _fact_statement(text, s, e):
        return False
    if _done_work(text, s, e) or _COMMENT.search(text, s, e):
        return False  # "A refund of £38 has been processed", "... is stressful"
    if _RECURRING_TIME.search(text, s, e):
        return False  # "Neue Termine werden jeden Morgen um 8 Uhr freigeschaltet": a habit
    if _instruction(text, s, e):
        return False  # "tell me by 3pm today", "If it's not with you by Thursday 6pm"
    if _UNNAMED.match(text, s) is not None and not text[:s].strip():
        return False  # "They'll come back to it." as the whole reply: whose promise?
    return not _is_offer(text, s, e)


def combine(text: str, rules: Sequence[Commitment], model: SentenceModel) -> tuple[Commitment, ...]:
    """The rule spans the sentence model keeps, plus the sentences it adds, in order (the
    guideline guards :func:`model_may_veto` and :func:`model_may_add` have the last word)."""
    veto, add = check(text, [(c.start, c.end, c.due is not None) for c in rules], model)
    out = [
        c for i, c in enumerate(rules) if i not in veto or not model_may_veto(text, c.start, c.end)
    ]
    no_promise = _not_a_promise_hits(text) if add else []
    add = [(s, e, p) for s, e, p in add if model_may_add(text, s, e, no_promise)]
    langs = _pl_tr.languages(text) if add else ()
    # a lowerable reply in none of those languages: the due phrases one by one on its lower
    # case (:func:`_due_search`, the same span as the alternation, as the rules read it)
    low = text.lower() if add and not langs and lowerable(text) else None
    phrases = _possible_due(shared_index().found(low)) if low is not None else []
    due_re = _due_regex(langs) if add and low is None else None
    for s, e, p in add:
        e = s + len(_TAIL.sub("", text[s:e]))
        if low is not None:
            due_span = _due_search(low, s, e, phrases)
        else:
            due_m = due_re.search(text, s, e) if due_re is not None else None
            due_span = due_m.span() if due_m else None
        due = text[due_span[0] : due_span[1]] if due_span else None
        out.append(Commitment(s, e, text[s:e], due, "model", round(p, 3)))
    if add:
        out.sort(key=lambda c: c.start)
    return tuple(out)


def _rule_commitments(text: str) -> tuple[Commitment, ...]:
    """The spans the rules alone find in ``text`` (openers, predicates, cuts, drops)."""
    low = text.lower()
    _due_phrases()  # (their literals join the shared index before the first scan)
    _plain_cues_indexed()
    due_phrases: list[re.Pattern[str]] | None = None
    langs: tuple[str, ...] = ()
    if lowerable(text):  # the same spans, case-sensitively in the lower-cased text
        subject = low
        due_re, hedge, perfect, cut_re, joined = _lower_case_forms()
        found = shared_index().found(low)
        langs = _pl_tr.languages(text, found)  # Polish or Turkish typed without its letters
        if langs:
            due_re = _pl_tr.due_regex()
        else:
            due_phrases = _possible_due(found)
    else:
        subject = text
        _, _, _, hedge = _regexes()
        langs = _pl_tr.languages(text)
        due_re = _due_regex(langs)
        perfect, cut_re, joined = _PERFECT, _CUT, _JOINED
    blocked = {h.start for h in phrase_set(_LEX, "not_opener").finditer(text, low)}
    no_promise = _not_a_promise_hits(text, low)
    # a reply without any .!? (a speech-to-text call): its spoken clauses, where spans end
    spoken = None
    if "." not in text and "!" not in text and "?" not in text:
        spoken = sentence_spans(text)
    # (span start, opener hit, needs a due phrase, subject before the hit, wide clauses)
    starts: list[tuple[int, Hit, bool, bool, bool]] = []
    lists = _OPENERS if text.isascii() else _OPENERS + _NON_ASCII_OPENERS
    for key, needs_due, back in lists:
        for h in phrase_set(_LEX, key).finditer(text, low):
            s = _clause_start(text, h.start) if back else h.start
            starts.append((s, h, needs_due, back, False))
    for lang in langs:
        for rx, needs_due in _pl_tr.verb_lists()[lang]:
            for f in rx.finditer(text):
                h = Hit(f.start(), f.end(), f.group(), 1.0, lang)
                starts.append((_clause_start(text, f.start(), True), h, needs_due, True, True))
    starts.sort(key=lambda t: (t[0], t[2], t[1].start))
    out: list[Commitment] = []
    pos = 0
    for i, (s, m, needs_due, back, wide) in enumerate(starts):
        if s < pos and spoken is not None:  # "... the money our fraud team will call you"
            s = next((a for a, b in spoken if pos <= a < m.end), s)
        if s < pos:
            continue
        if m.start in blocked:
            continue  # "let me explain", "he'll be chuffed": no action promised
        if back and _GENERAL_SUBJECT.match(text, s):
            continue  # "no one should be spoken to like that": a general statement
        if perfect.search(subject, m.start, m.end + 12):
            continue
        if hedge.search(subject, _clause_start(text, m.start, wide), m.end):
            continue  # "usually arrives within a week": how things go, not a promise
        if back and _IF_NOT.search(text, _clause_start(text, m.start, wide), m.end):
            continue  # "DM us if it's not back by Friday": the condition, not a promise
        if back and _PASSED_ON.search(text, s, m.start) is not None:
            continue  # "our supplier says new stock lands Tuesday": their forecast, not ours
        cut = cut_re.search(subject, m.end)
        e = cut.start() if cut else len(text)
        if spoken is not None:  # an unpunctuated call line: the span ends with its clause
            at = max(m.start, s)
            e = min(e, next((b for a, b in spoken if a <= at < b), e))
        for s2, *_ in starts[i + 1 :]:
            if s2 >= e:
                break
            if s2 > m.end and joined.search(subject, max(m.end, s2 - 8), s2):
                e = s2  # "..., and it will reach you by Friday": a second promise
                break
        words = list(re.finditer(r"\S+", text[s:e]))
        if len(words) > MAX_WORDS:
            e = s + words[MAX_WORDS - 1].end()
        e = s + len(_TAIL.sub("", text[s:e]))
        if not back and e - m.start < len(m.text.strip()) + 2 and _BARE_OPENER.search(m.text):
            continue  # "I'll.", "let me" or a bare "Will do!": nothing promised after it
        sent_end = _SENT_END.search(text, e)
        due_end = sent_end.start() if sent_end else len(text)
        if due_phrases is not None:
            due_span = _due_search(subject, s, due_end, due_phrases)
        else:
            due_m = due_re.search(subject, s, due_end)
            due_span = due_m.span() if due_m else None
        if (
            due_span is not None
            and due_span[0] >= e
            and _OTHER_CLAUSE.search(subject, e, due_span[0])
        ):
            due_span = None  # "... and I guarantee a refund today": the other clause's due
        if needs_due and _PERFECT_AUX.match(m.text) is not None:
            due_span, e = _booking_due(text, subject, e, due_span, due_end, due_phrases, due_re)
        elif needs_due and not back and (due_span is None or due_span[0] > e):
            # the time fronted in its clause ("Mañana te escribo", "Domattina ricontrollo i
            # log"): the span starts at the clause, with its due
            cs = max(_clause_start(text, m.start, wide), pos)
            if due_phrases is not None:
                before = _due_search(subject, cs, m.start, due_phrases)
            else:
                due_b = due_re.search(subject, cs, m.start)
                before = due_b.span() if due_b else None
            if before is not None and _FRONTED_CONDITION.search(text, before[1], m.start) is None:
                s, due_span = cs, before
        if needs_due and (due_span is None or due_span[0] > e):
            continue  # (a perfect with only "today" or "now": work done, not a booking)
        if _is_offer(text, s, e):
            continue  # "I'll book it if you'd like": waits for the customer's yes
        if _is_question_or_habit(text, s, e):
            continue  # "¿le enviamos la etiqueta?", "... cada mes": an offer, a habit
        if _is_process_step(text, s):
            continue  # "text PAC and you'll get a code": how it works, not a promise
        if _is_sanction(text, s, e):
            continue  # "if the cartons are not here by the 12th we will charge the penalty"
        if no_promise and _not_a_promise(text, s, e, no_promise):
            continue  # "Mit diesem Ton kommen wir nicht weiter", "je vous réponds en français"
        due = text[due_span[0] : due_span[1]] if due_span else None
        # "let me check with the warehouse and get back to you" stays one (guideline)
        pieces = _one_per_action(text, m.end, s, e) if not _LET_ME.match(m.text) else [(s, e)]
        for k, (a, b) in enumerate(pieces):
            # the due phrase goes with the entry that holds it (the last, when it follows)
            mine = due_span is not None and (
                a <= due_span[0] < b or (k == len(pieces) - 1 and due_span[0] >= b)
            )
            out.append(Commitment(a, b, text[a:b], due if mine else None))
        pos = e
    return tuple(out)


#: A subject of its own between a fronted time and the opener: the time is a condition's
#: ("Next time you sign in you'll be asked ..."), not the promise's.
_FRONTED_CONDITION = re.compile(
    r"\b(?:you|when|if|once|after|before|what|which|who|is|isn['’]t|was|were)\b", re.IGNORECASE
)


#: A failure condition before a predicate in its clause ("DM us if it's not back by
#: Friday"): the predicate is the condition's. After it, a promise with its own subject
#: stays one ("if it's not fixed by Friday, I'll refund you": a promise, guideline v3).
_IF_NOT = re.compile(r"\bif (?:it['’]s not|it isn['’]t|it is not|you don['’]t|you do not)\b", re.I)


#: A third party's forecast the agent only passes on (guideline v3, "whose forecast": "our
#: supplier says new stock lands Tuesday"): a sayer other than our side before the predicate
#: in its clause. (The company's own systems are not a third party: "the status page shows
#: service back by Saturday morning" is marked.)
_PASSED_ON = re.compile(
    r"(?<!\bi )(?<!\bwe )\b(?:says|said|tells us|told us|according to)\b",
    re.IGNORECASE,
)


#: The auxiliary of a perfect ("I've booked", "ich habe ... gebucht", "he programado", "j'ai
#: réservé", "ho prenotato", "ik heb ... ingepland"): an arranging verb in the perfect is a
#: booking, a commitment whose due is the future time it names (guideline v2, bookings).
_PERFECT_AUX = re.compile(
    r"\s*(?:i['’]?ve|i have|we['’]?ve|we have|ich habe|wir haben|habe ich|haben wir|"
    r"j['’]ai|nous avons|on a [a-zé]+é|(?:he|hemos) [a-z]+[ai]do|(?:ho|abbiamo) (?:\w+ )?[a-z]+ato|"
    r"ik heb|(?:we|wij) hebben|heb ik|hebben (?:we|wij))\b",
    re.IGNORECASE,
)
#: A due phrase that is the time the work was done, not a later one ("now", "sofort",
#: "ahora mismo"; "today" unless "for" or a clock time makes it the booked time: "booked
#: for today", "leaving today at 16:00").
_NOW_TIME = re.compile(
    r"(?:right |just )?now|immediately|straight away|sofort|jetzt|maintenant|ahora(?: mismo)?|"
    r"subito|adesso|agora|nu|meteen",
    re.IGNORECASE,
)
_TODAY = re.compile(
    r"today|this (?:morning|afternoon)|heute|aujourd['’]hui|hoy|oggi|hoje|vandaag", re.IGNORECASE
)
#: What joins a perfect's clause to the booked time after it ("I've booked it properly now:
#: Saturday 8am-12pm"): the span runs on to that time.
_BOOKED_TIME = re.compile(r"\s*[:–-]\s+")
_FOR = re.compile(r"\b(?:for|für|pour|para|per|voor)\s+$", re.IGNORECASE)
_CLOCK_AFTER = re.compile(r"\s*(?:at\s+|um\s+|à\s+|a las\s+|alle\s+|om\s+)?\d")


def _booking_due(
    text: str,
    subject: str,
    e: int,
    due: tuple[int, int] | None,
    due_end: int,
    phrases: list[re.Pattern[str]] | None,
    due_re: re.Pattern[str],
) -> tuple[tuple[int, int] | None, int]:
    """The due phrase and end of a perfect opener's span (``_PERFECT_AUX``) ending at ``e``:
    its first time after now in the sentence (``_done_time`` skipped; ``subject`` is the text
    the due phrases are searched in, up to ``due_end``), the span running on to a time right
    after a colon or dash ("I've booked it properly now: Saturday 8am-12pm")."""
    while due is not None and due[0] < e and _done_time(text, due):
        if phrases is not None:
            due = _due_search(subject, due[1], due_end, phrases)
        else:
            nxt = due_re.search(subject, due[1], due_end)
            due = nxt.span() if nxt else None
    joint = _BOOKED_TIME.match(text, e)
    if due is not None and joint is not None and due[0] == joint.end():
        comma = text.find(",", due[1], due_end)
        e = comma if comma >= 0 else due_end
    return due, e


def _done_time(text: str, due: tuple[int, int]) -> bool:
    """Whether the due phrase ``text[a:b]`` of a perfect opener (``_PERFECT_AUX``) is the time
    of the work itself: "I've ordered a replacement fuser today", "Ich habe die
    Wiederanschaltung sofort veranlasst" report work done; "I've booked an engineer for
    today", "I've now booked our engineer, Wednesday 1-5pm" book an event (its later time)."""
    a, b = due
    phrase = text[a:b].strip()
    if _NOW_TIME.fullmatch(phrase) is not None:
        return True
    if _TODAY.fullmatch(phrase) is None:
        return False
    return _FOR.search(text, max(0, a - 6), a) is None and _CLOCK_AFTER.match(text, b) is None


#: A clause with its own subject between a span's end and a due phrase after it: the due
#: phrase is that clause's ("I will make sure this never happens again and I guarantee a full
#: refund today": "today" is the refund's, not the first promise's).
_OTHER_CLAUSE = re.compile(
    r"(?:\b(?:and|but|then|so|und|et|e|y|en)\b|,)\s+(?:also\s+)?(?:i|we|you|they|he|she|it|"
    r"there|our|your|my|ich|wir|je|nous|vous|io|noi|ik|wij)\b",
    re.IGNORECASE,
)
#: An opener whose joined actions stay one entry: the guideline's own example marks "Let me
#: check with the warehouse and get back to you" whole (the check leads to the follow-up).
_LET_ME = re.compile(r"\s*let (?:me|us)\b", re.IGNORECASE)


@cache
def _joined_action() -> re.Pattern[str]:
    """Where a span is cut for a second action with its own verb (``joined_action``), not
    before a verb that a ``joined_action_noun`` follows ("the label and return form")."""
    lex = load_lexicon(_LEX)

    def alt(key: str) -> str:
        words = sorted(lex[key], key=len, reverse=True)
        return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)

    verb, noun = alt("joined_action"), alt("joined_action_noun")
    return re.compile(
        rf"\s+and\s+(?:then\s+|also\s+)?(?=(?:{verb})\b(?!\s+(?:{noun})\b))", re.IGNORECASE
    )


def _one_per_action(text: str, after: int, s: int, e: int) -> list[tuple[int, int]]:
    """``text[s:e]`` as one entry per action (guideline v3): cut before each " and
    <verb>" after the opener (``after``), the next entry starting at the verb ("I'll
    compare the two and call you back" -> "I'll compare the two", "call you back")."""
    if " and " not in text[after:e]:
        return [(s, e)]
    out = []
    for m in _joined_action().finditer(text, after, e):
        out.append((s, m.start()))
        s = m.end()
    out.append((s, e))
    return out


def _sentence_end(text: str, e: int) -> int:
    """Where the sentence holding offset ``e`` ends (at the next ``.!?`` or new line)."""
    m = _SENT_END.search(text, e)
    return m.start() if m else len(text)


#: A commitment that opens its sentence with a pronoun ("It will be delivered ..."): the
#: tracker reads the sentence before with it, where the thing is named.
_PRONOUN_SUBJECT = re.compile(r"(?:it|they)\b", re.IGNORECASE)


def track_commitments(doc: Doc) -> None:
    """Write ``agent.commitments`` with statuses and ``summary.commitments`` into ``doc``.

    Each commitment is tracked over the later turns by ``_tracking.resolve`` (the rules of
    ``training/guidelines/commitment-tracking.md``)."""
    last = max((i for i, side in enumerate(doc.sides) if side is not None), default=-1)
    found: list[tuple[dict[str, Any], Commitment, Promise]] = []
    for turn, agent in doc.iter_agent():
        agent["commitments"] = []
        cs = extract_commitments(turn.text)
        if not cs:
            continue
        made_at = parse_time(turn.time)
        for c in cs:
            due_time = due_moment(turn.text, c.start, c.due, made_at)
            # the sentence holding it, read only by a later turn (none after the last one)
            start = _sentence_start(turn.text, c.start)
            if (
                _PRONOUN_SUBJECT.match(c.text)
                and start > 1
                and not turn.text[start : c.start].strip()
            ):
                # "It will be with you by Friday": what "it" is, the sentence before says
                start = _sentence_start(turn.text, start - 1)
            context = (
                turn.text[start : _sentence_end(turn.text, c.end)] if turn.index < last else ""
            )
            found.append((agent, c, Promise(turn.index, c.text, due_time, context=context)))
    if found and found[0][2].turn < last:
        # only the turns after the first promise can show an outcome or move a promise
        first = found[0][2].turn
        turns = [
            Turn(t.index, side is Side.AGENT, t.text, parse_time(t.time))
            for t, side in zip(doc.conversation.turns, doc.sides, strict=True)
            if side is not None and t.index >= first
        ]
        resolve(turns, [p for _, _, p in found])
    counts = {"open": 0, "kept": 0, "broken": 0}
    for agent, c, p in found:
        counts[p.status] += 1
        item: dict[str, Any] = {
            "text": c.text,
            "start": c.start,
            "end": c.end,
            "due": c.due,
            "due_time": p.due_time.isoformat() if p.due_time else None,
            "status": p.status,
            "resolved_by": p.resolved_by,
        }
        if c.source != "rules":  # evidence: the sentence model added it, with p
            item["source"] = c.source
            item["probability"] = c.probability
        agent["commitments"].append(item)
    doc.out["summary"]["commitments"] = counts


@register("commitments")
class CommitmentAnalyser(Analyser):
    """Extracts the agent's commitments and tracks each as kept, broken or open."""

    version = "22"
    requires = ()
    assigns = ("agent.commitments", "summary.commitments")

    def annotate(self, docs: Sequence[Doc]) -> None:
        for doc in docs:
            track_commitments(doc)
