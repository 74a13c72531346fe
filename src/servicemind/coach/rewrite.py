"""The built-in rewriter: a better version of one agent reply, keeping every fact.

The rewrite fixes what the trait scores say is weak, with phrase data from
``coach/data/`` (several variants each, chosen deterministically from a key):

1. drop sarcasm, blame and rushing ("as I already said"), never a span holding a fact;
2. drop scripted apologies ("We apologize for any inconvenience");
3. turn deflection into ownership ("that's not our department" -> "I'll get this to the
   right team myself ..."; the generic sentence goes again when the reply already names
   what the agent will do), and a warning to an upset customer ("Abuse will not be
   tolerated") into one calm boundary;
4. plain words for a confused customer (jargon list, whole phrases first, in one pass);
5. "please" before bare orders when politeness was weak;
6. add one acknowledgement tailored to the customer's emotion and topic (no second
   apology when the reply already has one), in the customer's language when the reply
   used another and every sentence of it has a known translation (else the rewrite stays
   in the reply's language and the coaching says to answer in the customer's);
7. add one concrete next step with ownership when the reply had none.

At most one sentence is added before the reply and one after, so templates never stack.
Every rewrite goes through :func:`servicemind.coach.facts.check_rewrite`; when it would
lose or invent a fact, a conservative rewrite (acknowledgement + the original + next
step) is used, and when even that fails, no rewrite is given.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from itertools import pairwise
from typing import Any

from servicemind.analyse._cues import lower_case_form, lowerable
from servicemind.analyse.commitments import extract_commitments
from servicemind.analyse.traits._context import sentence_spans
from servicemind.coach._data import load, template_vocabulary
from servicemind.coach._prefilter import Gated, GatedAny, GatedList, first_char_guard
from servicemind.coach.facts import FactReport, check_rewrite, extract_facts
from servicemind.coach.language import detect_language, guess_language

__all__ = [
    "HOSTILE_AT",
    "LANGUAGE_ADVICE",
    "WEAK",
    "Rewrite",
    "RewriteContext",
    "harmful_spans",
    "rewrite_reply",
    "situation",
]

#: A trait score below this counts as weak and gets fixed (the middle of the 0/1/2
#: annotation scale, mapped to 0..1, is 0.5; 0.6 also catches "barely adequate").
WEAK = 0.6
#: A customer turn with ``hostile`` at or above this gets the calm, de-escalating
#: acknowledgement (the probability threshold of the hostility analyser's decision).
HOSTILE_AT = 0.5
#: The coaching note when a reply in another language than the customer's could not be
#: rewritten in theirs (followed by the language code).
LANGUAGE_ADVICE = "Answer in the customer's language"

_NEGATIVE = frozenset({"angry", "disappointed", "confused", "anxious", "hostile"})
_ACK_CUE = GatedAny(
    r"\b(?:sorry|apolog\w*|understand|frustrat\w*|i can see|i hear|must be|that sounds|"
    r"(?:it|this) sounds|i(?:'d| would) (?:be|feel)|i know|no wonder|i can imagine|"
    r"(?:completely|totally) get|fair (?:worry|point|question)|must have been|"
    r"not (?:good enough|acceptable|ok|okay|right)|what a pain|glad (?:you|your)|"
    r"that'?s (?:really |so |very )?(?:dangerous|awful|terrible|horrible|scary|worrying|"
    r"upsetting|not on|a long wait))\b",
    re.I,
)
_SENT_SPLIT = re.compile(r"(?<=[.!?])\s+(?=\S)|\n+")
_GREET_WORDS = (
    r"(?:hi|hello|hey|dear|good (?:morning|afternoon|evening)|hola|bonjour|hallo|olá|"
    r"estimad[oa]s?|querid[oa]|cher|chère|madame|monsieur|sehr geehrte[rn]?|liebe[rn]?|"
    r"guten tag|car[oa]|prezad[oa]|buenos días|buenas tardes)"
)
_GREETING = re.compile(
    r"^\s*" + _GREET_WORDS + r"\b(?:[^\n]{0,40}\n|[^\n.!?,:]{0,30}[,!:.]+[ \t]*)", re.I
)
#: Social-media handles that open a reply ("@jess_k ..."): they stay first.
#: A reply that is only a greeting ("hi", "Hello!").
_GREETING_ONLY = re.compile(r"^\s*" + _GREET_WORDS + r"[\s.!,:;]*$", re.I)
_HANDLES = re.compile(r"^\s*(?:@\w+[ \t,]*)+")
#: A name said first ("Derek, three contacts ..."; "Colin,\n\n..."): it stays first when
#: the name occurs earlier in the conversation.
_VOCATIVE = re.compile(r"^\s*((?:(?:Mr|Mrs|Ms|Dr)\.? )?[A-Z][\w'’-]+(?: [A-Z][\w'’-]+)?),[ \t]*\n?")
_SIGN_WORDS = (
    r"(?:best|regards|kind regards|best regards|warm regards|with best wishes|best wishes|"
    r"all the best|thanks|many thanks|thank you|cheers|sincerely|yours sincerely|"
    r"yours faithfully|take care|speak soon|talk soon|saludos|un saludo|atentamente|"
    r"cordialement|bien à vous|mit freundlichen grüßen|viele grüße|freundliche grüße|"
    r"atenciosamente|cumprimentos|melhores cumprimentos)"
)
_SIGN_OFF = re.compile(r"\n\s*" + _SIGN_WORDS + r"\b[^\n]*(?:\n[^\n]*){0,2}\s*$", re.I)
#: A signature line with no sign-off word ("Admissions Team", "IT"): short, no sentence
#: punctuation at its end, after a blank line.
_SIGNATURE = Gated(r"\n[ \t]*\n((?:[ \t]*[^\n.!?:]{1,40}[^\n.!?:,;]\n?){1,2})\s*$", 0)
_DIRECT_ANSWER = re.compile(
    r"(?i)(?:yes|yep|no(?! (?:worries|problem|bother))|sure|absolutely|of course|correct|"
    r"sí|si|oui|non|ja|nein|sim|não)\b[^.!?\n]*[.!?]+\s*"
)
#: The agent speaking for themselves about what they will do (not "we'll get it sorted").
_FIRST_PERSON = GatedAny(
    r"\b(?:i'll|i will|let me|i'm going to|i am going to|i'm (?:on it|looking|checking|handling))\b",
    re.I,
)
_CHEERY = Gated(
    r"\b(?:have a (?:great|good|nice|lovely|wonderful) (?:day|evening|weekend|one)|"
    r"schönen tag noch|buen día|bonne journée|bom dia)\b[.!]*\s*(?:[^\w\s]\s*)*",
    re.I,
)
_LAUGH = re.compile(r"[😂🤣😅😆😹]+\s*")
#: A closing wish at the end of a reply: an added next step goes before it, not after.
_CLOSING_WISH = Gated(
    r"(?:^|(?<=[.!?]\s))(?:wishing you|have a (?:great|good|nice|lovely)|take care|"
    r"all the best|best of luck|good luck|enjoy)\b[^.!?]*[.!?]*\s*(?:[^\w\s]\s*)*$",
    re.I,
)
_NAME_LINE = re.compile(
    r"\n[ \t]*(?:[-–—~^][ \t]?)?[A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*){0,2}[ \t]*$"
)
#: A signature at the end of the last line, after a sentence: "... take a look. ^JK",
#: "... today. – Sam", "... soon. Best, Ana". Additions go before it, never after.
_INLINE_SIGN = re.compile(
    r"(?<=[.!?])[ \t]+(?:\^[A-Za-z]{1,4}|[-–—~][ \t]?[A-Z][\w'’-]+(?:[ \t][A-Z][\w'’-]+)?|"
    r"(?i:best|regards|kind regards|best regards|cheers|thanks|many thanks|best wishes),?"
    r"[ \t]+[A-Z][\w'’-]+)[ \t]*$"
)
_FILLER = re.compile(r"^\s*(?:ok(?:ay)?|k|sure|fine|noted|right)\W*$", re.I)
_DOUBLED = re.compile(r"\b([^\W\d_]+)(?:[\s,]+\1\b)+", re.I)
_PURE_APOLOGY = re.compile(
    r"^(?:i'?m |i am |we'?re |we are )?(?:so |very |really |truly )?(?:sorry|apologies)\b[^.!?]{0,40}[.!?]?$",
    re.I,
)


@dataclass(frozen=True, slots=True)
class RewriteContext:
    """Everything the rewriter reads about one reply.

    ``traits`` is the reply's ``agent.traits`` object of the output contract; ``emotion``
    the ``customer.emotion.label`` of the previous customer-side turn (``None`` if none);
    ``conversation`` every turn text of the conversation (the facts a rewrite may use);
    ``key`` a stable string (conversation id and turn index) that picks the variants;
    ``history`` the earlier customer-side texts, most recent first (where the topic is
    looked for when the last customer turn names none, e.g. "Still nothing!");
    ``first_reply`` whether this is the agent side's first reply in the conversation;
    ``channel`` the conversation's channel ("phone" and the like are live).
    """

    reply: str
    customer_text: str = ""
    emotion: str | None = None
    hostile: float = 0.0
    traits: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    overall: int | None = None
    conversation: Sequence[str] = ()
    key: str = ""
    history: Sequence[str] = ()
    first_reply: bool = True
    channel: str | None = None


@dataclass(slots=True)
class Rewrite:
    """A rewrite, the changes made (in words, for the coaching text) and its fact check."""

    text: str | None
    changes: list[str]
    facts: FactReport
    conservative: bool = False

    @property
    def advice(self) -> str | None:
        """A note for the coaching text about what the rewrite could not do itself (answer
        in the customer's language), or ``None``."""
        for c in self.changes:
            if c.startswith(LANGUAGE_ADVICE):
                code = c[len(LANGUAGE_ADVICE) :].strip(" ()")
                return f"{LANGUAGE_ADVICE} ('{code}'): the rewrite keeps the reply's language."
        return None


@cache
def _rules() -> dict[str, Any]:
    """The rule data compiled; each pattern behind a literal prefilter (:class:`Gated`):
    most replies hold none of a rule's required words, and then no regex runs at all."""
    r = load("rules")
    # the long alternations are only asked whether they match: tried alternative by
    # alternative (about 1.5-3x faster on the demo set; the short ones are faster whole)
    by_part = ("next_step", "ask_back", "complaint", "follow_up")
    whole = (
        "apology",
        "thanks",
        "customer_sarcasm",
        "customer_relief",
        "asks",
        "praise",
        "resolved",
        "settled",
        "stock_thanks",
        "stock_thanks_end",
        "english_only",
        "refusal",
        "closing",
        "walkthrough",
        "hands_off",
        "answers",
    )
    return {
        **{name: GatedAny(r[name]) for name in by_part},
        **{name: Gated(r[name]) for name in whole},
        "any_deflect": GatedAny(r["deflect_hint"]),
        "remove": GatedList(r["remove"]),
        "formulaic": GatedList(r["formulaic"]),
        "deflect": GatedList(p for p, _ in r["deflect"]),
        "deflect_repl": [repl for _, repl in r["deflect"]],
        "imperative": frozenset(r["imperative"]),
        "boundary": GatedList(r["boundary"]),
        "drop_sentence": GatedList(r["drop_sentence"]),
        "soften": [(re.compile(p, re.I), repl) for p, repl in r["soften"]],
        "boundary_phrase": r["boundary_phrase"],
        "generic_ownership": r["generic_ownership"],
    }


@cache
def _any_jargon() -> Gated:
    """Every jargon term as one alternation, behind its literal prefilter (most replies hold
    no term, and the alternation costs tens of microseconds per text)."""
    terms: dict[str, str] = load("jargon")["terms"]
    alts = "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
    return Gated(r"(?<![\w-])(?:" + alts + r")(?![\w-])", re.I)


@cache
def _jargon() -> dict[str, tuple[re.Pattern[str], str, str]]:
    """Lower-case term -> (its own pattern, the term as listed, the plain words)."""
    terms: dict[str, str] = load("jargon")["terms"]
    return {
        t.lower(): (re.compile(r"(?<![\w-])" + re.escape(t) + r"(?![\w-])", re.I), t, plain)
        for t, plain in terms.items()
    }


_DEFINES = re.compile(r"\s*(?:means|=|stands for|is short for)\s", re.I)
_DEFINES_AT_START = re.compile(r"\s*(?:is|are)\s+(?:an?|the)\b", re.I)
_SENTENCE_HEAD = re.compile(r"(?:^|[.!?:]\s+|\n\s*)(?:(?:an?|the)\s+)?$", re.I)


def _defined(text: str, m: re.Match[str]) -> bool:
    """Whether the reply explains the term ``m`` itself: "FUP = Fair Usage Policy", "OOB
    means out-of-bundle", or a sentence opening "A bolt-on is an add-on"."""
    if _DEFINES.match(text, m.end()):
        return True
    return bool(_DEFINES_AT_START.match(text, m.end()) and _SENTENCE_HEAD.search(text[: m.start()]))


def _long_pair(first: str, second: str) -> bool:
    """Two plain phrases that cannot stand side by side: either is three words or more
    ("internet address settings" + "stored temporary files"); short ones read as one
    ("service level" + "limit", "copied in" + "automatically")."""
    return len(first.split()) >= 3 or len(second.split()) >= 3


def _plain_words(text: str, ctx: RewriteContext, replaced: list[str]) -> str:
    """Jargon in ``text`` swapped for plain words in one pass, whole phrases first ("clear
    the DNS cache" as one), so a replacement is never replaced again. Two terms side by side
    with no phrase for the pair stay as written when their plain words are long: swapping
    each alone breaks the grammar ("the internet address settings stored temporary files")."""
    jargon = _any_jargon()
    if not jargon.may_match(text):
        return text
    found = list(jargon.rx.finditer(text))
    if not found:
        return text
    terms = _jargon()
    out: list[str] = []
    last = 0
    for k, m in enumerate(found):
        own_rx, term, plain = terms[m.group().lower()]
        beside = (
            k > 0
            and not text[found[k - 1].end() : m.start()].strip()
            and _long_pair(terms[found[k - 1].group().lower()][2], plain)
        ) or (
            k + 1 < len(found)
            and not text[m.end() : found[k + 1].start()].strip()
            and _long_pair(plain, terms[found[k + 1].group().lower()][2])
        )
        # a word a customer who is not confused used themselves is one they know; a word
        # the reply explains ("A bolt-on is an add-on") stays, or the explanation breaks
        known = ctx.emotion != "confused" and own_rx.search(ctx.customer_text)
        if beside or known or _defined(text, m):
            continue
        head = text[last : m.start()]
        # the article agrees with the plain words: "a legacy band" -> "an older band"
        a = _ARTICLE_END.search(head)
        if a and bool(a.group(2)) != (plain[:1].lower() in "aeiou"):
            article = a.group(1) + ("" if a.group(2) else "n")
            head = head[: a.start()] + article + " "
        out += [head, plain]
        last = m.end()
        replaced.append(term)
    return "".join(out) + text[last:]


_CUSTOMER_CUES = ("complaint", "asks", "praise", "customer_sarcasm", "customer_relief")


@lru_cache(maxsize=4096)
def _cues(text: str) -> frozenset[str]:
    """The customer-side cue rules that ``text`` matches (memoised: a customer turn is
    looked at several times per reply, and again for every later reply)."""
    rules = _rules()
    return frozenset(name for name in _CUSTOMER_CUES if rules[name].exists(text[:4000]))


def _pick(options: Sequence[str], key: str, slot: str) -> str:
    digest = hashlib.sha256(f"{key}|{slot}".encode()).digest()
    return options[int.from_bytes(digest[:4], "big") % len(options)]


def _score(traits: Mapping[str, Mapping[str, Any]], name: str) -> float | None:
    t = traits.get(name)
    if not t or not t.get("applicable", False):
        return None
    s = t.get("score")
    return float(s) if isinstance(s, int | float) else None


def _weak(traits: Mapping[str, Mapping[str, Any]], name: str) -> bool:
    s = _score(traits, name)
    return s is not None and s < WEAK


#: A sentence a removal cut short: it ends on a word that needs more after it ("Unfortunately
#: there is.", "We will send the.").
_FRAGMENT = re.compile(
    r"(?:\b(?:there|here) (?:is|are|was|were)|\b(?:the|a|an|to|of|for|with|and|or|but|so|"
    r"that|because|your|our|my|their|this|these|those|is|are|was|were|be|been|can|could|"
    r"will|would|should|must|at|in|on|by|from|into|than|if|as|which|who|whose|we|they|he|"
    r"she)|^\W*(?:unfortunately|however|also|but|and|so|then|sadly|honestly))\W*$",
    re.I,
)
#: A sentence with no word in it (what a removal can leave: "!", "🙂.").
_WORDLESS = re.compile(r"^[^\w]*$")
#: A live call: the agent answers on the spot, so "I'll get back to you" does not belong.
_LIVE_CHANNELS = frozenset({"phone", "call", "voice", "video", "telephone"})
_LIVE_CALL = Gated(
    r"\b(?:i'?m|i am) calling\b|\bthanks? (?:you )?for calling\b|\bcan you hear me\b|"
    r"\bon the (?:phone|line) (?:with|now)\b|\bhold the line\b",
    re.I,
)
#: Signs that a customer turn labelled angry shows it: without any, the turn is answered
#: as a calm one (the emotion analyser reads some calm requests as angry).
_FEELING = re.compile(
    r"!|\?\?|(?-i:\b[A-Z]{4,}\b)|\b(?:angry|upset|furious|livid|annoy\w*|frustrat\w*|ridiculous|"
    r"unacceptable|disgust\w*|joke|useless|worst|fed up|sick of|again|third|fourth|"
    r"(?:still|even) (?:no|not|nothing|waiting)|never|nobody|no one|seriously|terrible|"
    r"awful|rubbish|pathetic|shocking|appalling|disappoint\w*|waste|unbelievable|kidding|"
    r"complain\w*|idiot\w*|incompetent|impossible|hopeless|nightmare|can'?t find|why (?:is|are|does|do|has|have|did|can'?t|won'?t)|"
    r"how (?:many|long|hard|difficult))\b",
    re.I,
)
#: A customer turn that asks for nothing ("👍", "ok", "thanks"): no rewrite is given.
_NO_ACTION = re.compile(
    r"^[\W_]*(?:(?:ok(?:ay)?|k|thanks?|thank you|thx|ty|cheers|great|perfect|got it|noted|cool|"
    r"sure|yes|yep|fine|lovely|brilliant|will do|bye)[\W_]*)*$",
    re.I,
)
#: A reply that opens with a plain yes or no answers the customer ("Yes, that's the export
#: option."): nothing is left to look into ("No worries" is no answer).
_YES_NO = re.compile(
    r"^\W*(?:yes|yep|yeah|no(?! (?:worries|problem|bother|need))|correct|that'?s right)\b", re.I
)
_NAME_AFTER_COMMA = re.compile(r",\s*[A-Z][\w'’-]+(?=[\s.,!]|$)")


@cache
def _cue_rx(name: str) -> re.Pattern[str]:
    """``rules.json`` ``harm_cue`` (the evidence cues whose span a rewrite never keeps) or
    ``cut_cue`` (those whose words alone may go from a sentence holding a fact)."""
    return re.compile(load("rules")[name], re.I)


@lru_cache(maxsize=2048)
def _cue_is(name: str, cue: str) -> bool:
    """Whether an evidence cue is one of ``rules.json`` ``name`` (the cue texts repeat: the
    same few hundred descriptions over every reply)."""
    return _cue_rx(name).search(cue) is not None


#: A negative evidence cue that says the reply refuses to act.
_REFUSES = re.compile(r"refuses|unwilling")


@lru_cache(maxsize=1024)
def _refusal_cue(cue: str) -> bool:
    return _REFUSES.search(cue) is not None


def harmful_spans(
    traits: Mapping[str, Mapping[str, Any]], text: str, *, cut_only: bool = False
) -> list[tuple[int, int]]:
    """Offsets in ``text`` of the spans any trait marked negative for sarcasm, insults,
    tone-policing, a non-apology, blame or a refusal to act (``cut_only``: only those that
    may be cut out of a sentence), whether or not the trait applies."""
    name = "cut_cue" if cut_only else "harm_cue"
    out = []
    for t in traits.values():
        for e in t.get("evidence", ()) or ():
            s, end = e.get("start"), e.get("end")
            if (
                e.get("polarity") == "negative"
                and isinstance(s, int)
                and isinstance(end, int)
                and text[s:end] == e.get("text")
                and _cue_is(name, str(e.get("cue", "")))
            ):
                out.append((s, end))
    return sorted(set(out))


def _has_fact(text: str) -> bool:
    """Whether ``text`` holds a fact worth keeping: a number word alone ("another one who
    can't read") is none."""
    return any(
        f.kind != "number" or any(c.isdigit() for c in f.value)
        for f in extract_facts(text, allowed_words=template_vocabulary())
    )


def _drop_harmful(ctx: RewriteContext, changes: list[str], replaced: list[str]) -> tuple[str, bool]:
    """``ctx.reply`` without its harmful sentences: one that holds a span the traits marked as
    sarcasm, an insult, tone-policing, a non-apology or a refusal to act, or that a
    ``drop_sentence`` rule matches, goes whole; when it holds a fact, only the offending
    words go (never a refusal) and what is left must still be a sentence. Returns the text
    and whether a harmful span could not be taken out without losing a fact."""
    text = ctx.reply
    rules = _rules()
    harm = harmful_spans(ctx.traits, text)
    cut = set(harmful_spans(ctx.traits, text, cut_only=True))
    drops = rules["drop_sentence"]
    candidates = drops.may_match(text)
    if not harm and not candidates:
        return text, False
    out: list[str] = []
    last = 0
    stuck = False
    boundary = rules["boundary"]
    for s, e in sentence_spans(text):
        sentence = text[s:e]
        if any(boundary[i].rx.search(sentence) for i in boundary.may_match(sentence)):
            continue  # a warning or tone-policing becomes the calm boundary (below)
        spans = [(a - s, b - s) for a, b in harm if a < e and b > s]
        matched = [
            m.span()
            for i in candidates
            if drops[i].may_match(sentence)
            for m in drops[i].rx.finditer(sentence)
        ]
        if not spans and not matched:
            continue
        out.append(text[last:s])
        last = e
        if "removed what harms (sarcasm, insults, tone-policing)" not in changes:
            changes.append("removed what harms (sarcasm, insults, tone-policing)")
        # a sarcastic word inside a sentence that says something ("It's in 'My Account',
        # genius.") goes alone when the rest is still a sentence
        cuttable = not matched and all((x[0] + s, x[1] + s) in cut for x in spans)
        gone = sorted({x for x in spans if (x[0] + s, x[1] + s) in cut} | set(matched))
        keep = sentence
        for a, b in reversed(gone):
            keep = keep[:a] + keep[b:]
        keep = _tidy(keep)
        whole = len(re.findall(r"\w+", keep)) >= 3 and not _FRAGMENT.search(keep)
        if cuttable and whole:
            out.append(" " + keep + " ")
        elif not _has_fact(sentence):
            replaced.extend(  # the sentence goes whole: its number words go with it
                f.value for f in extract_facts(sentence, allowed_words=template_vocabulary())
            )
        elif _has_fact(sentence):
            # a fact must stay: only the words that harm go, never a refusal
            if (
                not whole
                or any(x not in gone for x in spans)
                or any(x < b for (_, b), (x, _) in pairwise(gone))
            ):
                stuck = True  # no safe cut: no rewrite
            out.append(" " + keep + " ")
    out.append(text[last:])
    return "".join(out), stuck


def _fragments(body: str, original: str) -> tuple[str, bool]:
    """``body`` without the sentences a removal cut short ("Unfortunately there is."), and
    whether such a sentence held a fact (then it cannot go, and the rewrite is unsafe)."""

    def norm(text: str) -> str:
        return " ".join(text.lower().split()).rstrip(".!?")

    whole = {norm(original[s:e]) for s, e in sentence_spans(original)}
    out: list[str] = []
    last = 0
    unsafe = False
    for s, e in sentence_spans(body):
        sentence = body[s:e].strip()
        # (a sentence of the reply as written is whole: the set look-up first, the
        # end-anchored search, which tries every word, only for the others)
        cut_short = norm(sentence) not in whole and _FRAGMENT.search(sentence)
        if not (cut_short or _WORDLESS.match(sentence)):
            continue
        if _has_fact(sentence):
            unsafe = True
            continue
        out.append(body[last:s])
        last = e
    out.append(body[last:])
    return "".join(out), unsafe


def _soften(text: str, replaced: list[str], changes: list[str]) -> str:
    """A guarantee or over-promise turned into what the agent can stand behind ("I guarantee
    100% it will" -> "I'll do everything I can to make sure it will"); a figure said only to
    make the promise sound sure ("100%") may go."""
    for rx, repl in _rules()["soften"]:
        hit = False

        def sub(m: re.Match[str], repl: str = repl) -> str:
            nonlocal hit
            hit = True
            out = m.expand(repl)
            gone = extract_facts(m.group(), allowed_words=template_vocabulary())
            replaced.extend(f.value for f in gone if f.value not in out)
            return out

        text = rx.sub(sub, text)
        if hit and "softened a promise that may not be kept" not in changes:
            changes.append("softened a promise that may not be kept")
    return text


def _live(ctx: RewriteContext) -> bool:
    """The agent is with the customer live: on a call, or guiding them step by step."""
    if (ctx.channel or "").lower() in _LIVE_CHANNELS:
        return True
    if any(_live_call_in(t[:2000]) for t in ctx.conversation[:-1][:2]):
        return True
    return any(_walkthrough_in(t[:4000]) for t in (ctx.reply, *ctx.conversation[:-1]))


@lru_cache(maxsize=4096)
def _live_call_in(text: str) -> bool:
    """(memoised per text: every reply of a conversation reads its earlier turns again)"""
    return bool(_LIVE_CALL.exists(text))


@lru_cache(maxsize=4096)
def _walkthrough_in(text: str) -> bool:
    return bool(_rules()["walkthrough"].exists(text))


#: The last context :func:`situation` read and what it found: the coach asks for the advice
#: and the rewrite asks again, for the same reply.
_LAST_SITUATION: list[tuple[RewriteContext, frozenset[str]]] = []


def situation(ctx: RewriteContext) -> frozenset[str]:
    """:func:`_situation`, worked out once for the same context object."""
    last = _LAST_SITUATION[0] if _LAST_SITUATION else None
    if last is not None and last[0] is ctx:
        return last[1]
    got = _situation(ctx)
    _LAST_SITUATION[:] = [(ctx, got)]
    return got


def _situation(ctx: RewriteContext) -> frozenset[str]:
    """What the reply is doing, for what the coaching may add or advise: ``refusal`` (a final
    answer or refusal), ``answered`` (it answers the customer's question or settles the
    matter), ``closing`` (it only closes), ``no_action`` (the customer's turn asks for
    nothing: "👍", "ok"), ``live`` (a call, or a step-by-step walkthrough), ``hands_off``
    (it gives the customer an action: "please contact the courier")."""
    rules = _rules()
    out = set()
    reply = ctx.reply[:4000]
    if rules["refusal"].exists(reply) or any(
        _refusal_cue(str(e.get("cue", "")))
        for t in ctx.traits.values()
        for e in t.get("evidence", ()) or ()
        if e.get("polarity") == "negative"
    ):
        out.add("refusal")
    if rules["hands_off"].exists(reply):
        out.add("hands_off")
    cues = _cues(ctx.customer_text)
    if (
        _YES_NO.match(reply)
        or (
            "asks" in cues
            and (_DIRECT_ANSWER.match(reply.lstrip()) or rules["answers"].exists(reply))
        )
        or rules["settled"].exists(reply)
    ):
        out.add("answered")
    _, core, _ = _split_frame(reply)
    if rules["closing"].exists(_NAME_AFTER_COMMA.sub("", core) or reply) and not (
        "complaint" in cues and _emotion(ctx) != "grateful"
    ):
        out.add("closing")
    if ctx.customer_text and "?" not in ctx.customer_text and _NO_ACTION.match(ctx.customer_text):
        out.add("no_action")
    if _live(ctx):
        out.add("live")
    return frozenset(out)


#: What every topic's pattern starts with (a keyword starts a word).
_TOPIC_START = r"\b"


@cache
def _topic_patterns() -> list[tuple[re.Pattern[str], dict[str, str]]]:
    return [
        # a keyword starts a word: "fee" is not in "feel", "form" not in "information"
        (
            re.compile(
                _TOPIC_START + "(?:" + "|".join(f"(?:{k})" for k in t["keywords"]) + ")", re.I
            ),
            t,
        )
        for t in load("topics")["topics"]
    ]


@cache
def _topic_scan() -> tuple[re.Pattern[str], re.Pattern[str]] | None:
    """Every topic's keywords as one search, topic by topic in order, each topic a group;
    case-insensitive, and its lower-case form for a :func:`lowerable` text. At the leftmost
    position where any topic's keyword starts, the alternation takes the first topic that
    matches there: the same topic as the earliest of the topics' own searches, ties to the
    earlier topic. ``None`` if a keyword holds a group of its own (then the topics are
    searched one by one).

    Each topic's group, and the whole search, open with a look-ahead for the characters
    their keywords start with (:func:`first_char_guard`): a topic none of whose keywords
    starts at a word's first character is passed over with one test instead of a try of
    every keyword (the same matches; a demo text's search ~30 → ~7 µs)."""
    bodies = [rx.pattern[len(_TOPIC_START) :] for rx, _ in _topic_patterns()]
    groups = "|".join(f"{first_char_guard(b)}({b})" for b in bodies)
    anywhere = first_char_guard("|".join(f"(?:{b})" for b in bodies))
    rx = re.compile(rf"{anywhere}{_TOPIC_START}(?:{groups})", re.I)
    if rx.groups != len(_topic_patterns()):
        return None
    return rx, lower_case_form(rx)


@lru_cache(maxsize=4096)
def _topic_of(text: str) -> int | None:
    """Index of the topic named first in ``text`` (memoised per text): "my permit ... the
    fines be cancelled" is about the permit."""
    scan = _topic_scan()
    if scan is not None:
        m = scan[1].search(text.lower()) if lowerable(text) else scan[0].search(text)
        return None if m is None or m.lastindex is None else m.lastindex - 1
    best: tuple[int, int] | None = None
    for i, (rx, _) in enumerate(_topic_patterns()):
        m = rx.search(text)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), i)
    return best[1] if best else None


@cache
def _topic_lower_forms() -> list[re.Pattern[str]]:
    """Each topic's search in its lower-case form, for a :func:`lowerable` text."""
    return [lower_case_form(rx) for rx, _ in _topic_patterns()]


@lru_cache(maxsize=4096)
def _names_another_topic(text: str, i: int) -> bool:
    """Whether ``text`` also names a topic other than topic ``i`` (memoised per text): some
    other topic's own search matches. (Each topic's search, lower-case on a lowerable text,
    is faster than one case-insensitive alternation of all the others, and there are no
    alternations to compile per topic.)"""
    if lowerable(text):
        low = text.lower()
        return any(rx.search(low) for j, rx in enumerate(_topic_lower_forms()) if j != i)
    return any(rx.search(text) for j, (rx, _) in enumerate(_topic_patterns()) if j != i)


def _topic(ctx: RewriteContext, lang: str) -> str:
    """The topic the customer's own words name, or the neutral default when they name none
    or more than one ("a refund for my hotel booking ... my mum is in hospital" is not
    "your refund")."""
    data = load("topics")
    for text in (ctx.customer_text, *ctx.history):
        i = _topic_of(text[:2000])
        if i is not None and _names_another_topic(text[:2000], i):
            break
        if i is not None:
            t = _topic_patterns()[i][1]
            return str(t.get(lang, t["en"]))
    return str(data["default"].get(lang, data["default"]["en"]))


#: Punctuation right after a sentence's end (what the last :data:`_TIDY` rule needs when
#: not at the very start), and a small letter that may open a sentence (what
#: :data:`_LOWER_START` needs when not at the very start): each pattern's alternation opens
#: with ``^``, so ``re`` tries it at every position; these searches start with a class,
#: which ``re`` skips ahead to, and say whether it can match at all.
_PUNCT_AFTER_END = re.compile(r"[.!?]\s+[!?.,;:]")
_SMALL_AFTER_END = re.compile(r"[.!?\n]\s*[a-z]")


def _end_punct_possible(text: str) -> bool:
    return text[:1] in "!?.,;:" or _PUNCT_AFTER_END.search(text) is not None


#: :func:`_tidy`'s substitutions, in order, each with strings one of which the text must
#: hold for it to match at all, or a test that is false only where it cannot match
#: (``None``: always tried): most replies need few of them.
_TIDY: list[tuple[re.Pattern[str], str, tuple[str, ...] | Callable[[str], bool] | None]] = [
    (re.compile(r"[ \t]+"), " ", ("\t", "  ")),  # a single space for a single space: no change
    (re.compile(r" +([,.!?;:])"), r"\1", tuple(" " + c for c in ",.!?;:")),
    (re.compile(r"([,;:])(?=[.!?])"), "", tuple(a + b for a in ",;:" for b in ".!?")),
    (re.compile(r"^[\s,;:.-]+"), "", None),
    (re.compile(r"(\n\s*)[,;:.]+\s*"), r"\1", ("\n",)),
    (re.compile(r"([.!?])(?:[ \t]*[.,;])+"), r"\1", None),
    (re.compile(r"\.{2,}(?!\.)"), ".", ("..",)),
    (re.compile(r"(^|[.!?]\s+)[!?.,;:]+(?=\s|$)"), r"\1", _end_punct_possible),
]
_LOWER_START = re.compile(r"(^|[.!?]\s+|\n\s*)([a-z])")


def _tidy(text: str) -> str:
    for rx, repl, needs in _TIDY:
        if needs is None or (
            needs(text) if callable(needs) else any(map(text.__contains__, needs))
        ):
            text = rx.sub(repl, text)

    def upper(m: re.Match[str]) -> str:
        # not after a date or abbreviation ("am 4.9. telefonisch", "e.g. the app")
        if _NO_SENTENCE_END.search(text, 0, m.start() + 1):
            return m.group()
        return m.group(1) + m.group(2).upper()

    if "a" <= text[:1] <= "z" or _SMALL_AFTER_END.search(text) is not None:
        text = _LOWER_START.sub(upper, text)
    return text.strip()


_NO_SENTENCE_END = re.compile(r"(?:\d\.|\b(?:e\.g|i\.e|etc|approx|vs|no|ca|z\.b|bzw)\.)$", re.I)
_ARTICLE_END = re.compile(r"\b([Aa])(n?) $")
_SHOUT = re.compile(r"!{2,}")
_HEADER = re.compile(r"\S+(?::|\s+as\b)")
_NOUN_FIRST = re.compile(r"\S+ \S+ (?:is|are|was|were|has|have|will|can)\b", re.I)
_PLEASE = re.compile(r"(?i)please\b")
_LEADING_PUNCT = re.compile(r"^[\s.,;:!?-]+(?=\w)")
_WORD_END = re.compile(r"[\w\"'’”]$")


#: Words that a scripted phrase may hold without being a fact ("... help you with today?").
_SCRIPT_WORDS = frozenset({"today"})


def _keep_facts(
    rx: re.Pattern[str], text: str, repl: str = "", ignore: frozenset[str] = frozenset()
) -> tuple[str, bool]:
    """Substitute ``rx`` in ``text``, but leave any match that holds a fact untouched."""
    changed = False

    def sub(m: re.Match[str]) -> str:
        nonlocal changed
        found = extract_facts(m.group(), allowed_words=template_vocabulary())
        if any(f.value not in ignore for f in found):
            return m.group()
        changed = True
        return m.expand(repl) if repl else ""

    return rx.sub(sub, text), changed


def _clean(ctx: RewriteContext, changes: list[str], replaced: list[str]) -> tuple[str, bool, bool]:
    """Steps 1-5 on the reply body. Returns the body, whether a scripted apology went, and
    whether a harmful span or a sentence cut short could not go without losing a fact."""
    rules = _rules()
    text, stuck = _drop_harmful(ctx, changes, replaced)
    text = _soften(text, replaced, changes)

    def remove(i: int, text: str) -> str:
        text, hit = _keep_facts(rules["remove"][i].rx, text)
        if hit and "removed sarcasm, blame or rushing" not in changes:
            changes.append("removed sarcasm, blame or rushing")
        return text

    # each list runs rule by rule over what the earlier rules left; a rule that cannot
    # match (none of its words is in the text) changes nothing and is skipped
    text = rules["remove"].scan(text, remove)
    # a removal can leave a word twice ("ok, as I said, ok"): collapse repeats the
    # original did not have
    if changes:
        had = {m.group(1).lower() for m in _DOUBLED.finditer(ctx.reply)}
        text = _DOUBLED.sub(lambda m: m.group() if m.group(1).lower() in had else m.group(1), text)
    if "!!" in text:
        text = _SHOUT.sub("!", text)  # "oh no!!!" shouts
    if (
        _emotion(ctx) in _NEGATIVE
        or ctx.hostile >= HOSTILE_AT
        or "complaint" in _cues(ctx.customer_text)
    ):
        # a cheery "Have a great day!" or a laughing emoji to someone with a problem reads
        # as not listening
        hit = False
        for rx in (_CHEERY.rx if _CHEERY.may_match(text) else None, _LAUGH):
            if rx is None:
                continue  # no cheery wish in the text: nothing to drop
            text, h = _keep_facts(rx, text)
            hit = hit or h
        if hit and "removed sarcasm, blame or rushing" not in changes:
            changes.append("removed sarcasm, blame or rushing")
    scripted = False

    def formulaic(i: int, text: str) -> str:
        nonlocal scripted
        text, hit = _keep_facts(rules["formulaic"][i].rx, text, ignore=_SCRIPT_WORDS)
        scripted = scripted or hit
        return text

    text = rules["formulaic"].scan(text, formulaic)
    if scripted:
        changes.append("replaced a scripted phrase")
        # "... help you with today?" went with the script: "today" is no fact that was lost
        replaced += [w for w in _SCRIPT_WORDS if w in ctx.reply.lower() and w not in text.lower()]

    def deflect(i: int, text: str) -> str:
        text, hit = _keep_facts(rules["deflect"][i].rx, text, rules["deflect_repl"][i])
        if hit and "ownership instead of deflection" not in changes:
            changes.append("ownership instead of deflection")
        return text

    # (the hint is looked for only when some rule may match: alone it changes nothing)
    if rules["deflect"].may_match(text) and rules["any_deflect"].exists(text):
        text = rules["deflect"].scan(text, deflect)
    for generic in (
        rules["generic_ownership"] if "ownership instead of deflection" in changes else ()
    ):
        # one ownership sentence is enough: a generic one goes when the reply (after the
        # other replacements) already says what the agent will do ("I'll contact the courier")
        if generic in text:
            text = _first_only(text, generic)
            # ... or gives the customer the action ("please contact the courier"): the
            # agent's promise to handle it would change who does what
            rest = text.replace(generic, "")
            if _FIRST_PERSON.exists(rest) or rules["hands_off"].exists(rest):
                text = text.replace(generic, "")
    boundary = rules["boundary"]
    if any(boundary[i].rx.search(text) for i in boundary.may_match(text)):
        # "Abuse will not be tolerated" to an upset customer: at most one calm boundary
        phrase = _pick(rules["boundary_phrase"], ctx.key, "boundary")
        hit = False

        def calm(m: re.Match[str]) -> str:
            # a threat's details ("the police there in five minutes") are no fact the
            # customer needs: they go with it, on purpose
            nonlocal hit
            hit = True
            replaced.extend(
                f.value for f in extract_facts(m.group(), allowed_words=template_vocabulary())
            )
            return phrase

        for rx in rules["boundary"]:
            text = rx.sub(calm, text)
        if hit:
            text = _first_only(text, phrase)
            changes.append("a calm boundary instead of a warning")
    cust_lang = detect_language(ctx.customer_text) if ctx.customer_text else None
    mismatch = cust_lang is not None and cust_lang != guess_language(ctx.reply, cust_lang)
    if (
        mismatch
        and cust_lang in load("languages")["phrases"]
        and rules["english_only"].exists(text)
    ):
        # the rewrite answers in the customer's language: "we only offer support in
        # English" no longer holds (the one word it may drop on purpose)
        text = rules["english_only"].sub("", text)
        replaced.append("English")
    if ctx.emotion == "confused" or (_weak(ctx.traits, "adaptability") and not mismatch):
        before = len(replaced)
        text = _plain_words(text, ctx, replaced)
        if len(replaced) > before:
            changes.append("plain words instead of jargon")
    if _weak(ctx.traits, "politeness") or ctx.emotion in _NEGATIVE:
        sentences = _SENT_SPLIT.split(text)
        out = []
        for s in sentences:
            first = s.split(" ", 1)[0].lower().strip(",")
            header = _HEADER.match(s)  # "Update: ...", "Update as promised"
            # "Call volumes are high" is no order: a verb in third place makes the first
            # word a noun
            noun = _NOUN_FIRST.match(s)
            if first in rules["imperative"] and not header and not noun and not _PLEASE.match(s):
                s = "Please " + s[0].lower() + s[1:]
                if "added please" not in changes:
                    changes.append("added please")
            out.append(s)
        text = " ".join(out) if "\n" not in text else text
    # no repeated apology: drop later sentences that are only an apology
    sentences = _SENT_SPLIT.split(_tidy(text))
    # only a pure apology after the first sentence can go: without one, all are kept
    pure = any(_PURE_APOLOGY.match(s.strip()) for s in sentences[1:])
    kept: list[str] = [] if pure else sentences
    seen_apology = False
    for s in sentences if pure else ():
        if _PURE_APOLOGY.match(s.strip()) and seen_apology:
            changes.append("removed a repeated apology")
            continue
        seen_apology = seen_apology or bool(rules["apology"].exists(s))
        kept.append(s)
    body = " ".join(kept) if "\n" not in text else _tidy(text)
    body, unsafe = _fragments(_tidy(body), ctx.reply)
    return _tidy(body), scripted, stuck or unsafe


def _first_only(text: str, sentence: str) -> str:
    """``text`` with every occurrence of ``sentence`` after the first removed."""
    i = text.find(sentence)
    if i < 0:
        return text
    j = i + len(sentence)
    return text[:j] + text[j:].replace(sentence, "")


def _split_frame(text: str, earlier: str = "") -> tuple[str, str, str]:
    """Split off handles, a greeting or a name said first, and a sign-off, so that the
    additions go inside them. ``earlier`` is the conversation before the reply (a name said
    first is only taken as one when it occurs there)."""
    greeting = ""
    m = _HANDLES.match(text)
    if m:
        greeting, text = m.group().strip(), text[m.end() :]
    m = _GREETING.match(text)
    if m is None:
        v = _VOCATIVE.match(text)
        first = v.group(1).split()[-1] if v else ""
        if v and re.search(r"\b" + re.escape(first) + r"\b", earlier):
            m = v
    if m:
        greeting = f"{greeting} {m.group().strip()}".strip()
        text = text[m.end() :].lstrip()
    sign = ""
    m2 = _SIGN_OFF.search(text)
    if m2 is None or m2.start() == 0:
        m2 = _SIGNATURE.search(text)
        if m2 and len(m2.group(1).split()) > 6:
            m2 = None
    if m2 is None or m2.start() == 0:
        m2 = _NAME_LINE.search(text)  # "...all the best with Thursday!\nLeah"
    if m2 is None or m2.start() == 0:
        m2 = _INLINE_SIGN.search(text)  # "... and we'll take a look. ^JK"
    if m2 and m2.start() > 0:
        sign, text = m2.group().strip(), text[: m2.start()]
    return greeting, text.strip(), sign


def _hands_back(
    ctx: RewriteContext, core: str, where: frozenset[str], changes: list[str], foreign: bool
) -> bool:
    """Whether the reply gives the customer an action ("contact the courier") while the
    coaching asks for ownership: the rewrite then offers to pick it up if that step does not
    work, so that it never reads as the opposite of the advice."""
    return (
        "hands_off" in where
        and "live" not in where
        and not foreign
        and bool(core)
        and _emotion(ctx) != "grateful"
        and (_weak(ctx.traits, "ownership") or "ownership instead of deflection" in changes)
        and not _FIRST_PERSON.exists(core)
        and bool(_rules()["hands_off"].exists(core))
    )


def _holds(where: frozenset[str]) -> bool:
    """No follow-up promise or next step is added after a final answer or refusal, an
    answered question, a closing, an action the reply gives the customer, or live with
    the customer."""
    return bool(where & {"refusal", "answered", "closing", "no_action", "live", "hands_off"})


def _compose(
    ctx: RewriteContext,
    body: str,
    scripted: bool,
    changes: list[str],
    where: frozenset[str] = frozenset(),
) -> str | None:
    rules = _rules()
    key = ctx.key
    phrases_by_lang: dict[str, Any] = load("languages")["phrases"]
    cust_lang = detect_language(ctx.customer_text) if ctx.customer_text else None
    # a short customer turn may name no language: the whole exchange then gives the prior
    prior = cust_lang or detect_language(f"{ctx.customer_text}\n{ctx.reply}")
    reply_lang = guess_language(ctx.reply, prior)
    # write additions in the customer's language; when it is unknown or English, in the
    # reply's own language (never English phrases inside a Spanish reply)
    lang = cust_lang if cust_lang in phrases_by_lang else reply_lang
    if cust_lang == "en" or (cust_lang is None and reply_lang not in phrases_by_lang):
        lang = "en"
    foreign = phrases_by_lang.get(lang)
    switch_language = foreign is not None and reply_lang != lang
    topic = _topic(ctx, lang)
    emotion = _emotion(ctx)
    greeting, core, sign = _split_frame(body, "\n".join(ctx.conversation[:-1]))
    # a removed first sentence can leave its full stop behind the greeting ("@amy . Please")
    core = _LEADING_PUNCT.sub("", core)
    if not greeting and _GREETING_ONLY.match(core):
        # a bare "hi" is the greeting, not the message: it goes first ("Hi, I'm sorry ..."),
        # never mid-text after the opening
        greeting, core = _cap(core.strip().rstrip(".!,:; ")) + ",", ""
    if _FILLER.match(core):
        core = ""  # a bare "ok" says nothing the additions do not say better
    if not core and _holds(where):
        return None  # nothing left but what the additions would say, and nothing to promise
    if switch_language and core:
        # the opening and closing in the customer's language thank them already
        stripped = core
        for rx in ("stock_thanks", "stock_thanks_end"):
            stripped = rules[rx].sub("", stripped, count=1).strip() or stripped
        translated = _translate(stripped, lang, ctx)
        if translated is not None:
            core = translated
        else:
            # no translation for every sentence: an English sentence framed by Spanish ones
            # reads as a template, so the rewrite stays in the reply's language and the
            # coaching says to answer in the customer's
            changes.append(f"{LANGUAGE_ADVICE} ({lang})")
            lang = reply_lang
            foreign = phrases_by_lang.get(lang)
            switch_language = False
            topic = _topic(ctx, lang)

    has_apology = bool(rules["apology"].exists(f"{greeting}\n{core}\n{sign}"))
    has_ack = bool(_ACK_CUE.exists(core))
    weak_empathy = _weak(ctx.traits, "empathy")
    if emotion == "neutral":
        # a neutral customer needs no apology, but a weak reply gains from a warm opening
        add_ack = not (has_ack or has_apology) and (
            weak_empathy
            or scripted
            or not core
            or (
                not rules["thanks"].exists(core)
                and (
                    _weak(ctx.traits, "enthusiasm")
                    or (ctx.overall is not None and ctx.overall < 60)
                )
            )
        )
    elif emotion == "grateful":
        add_ack = not rules["thanks"].exists(core)
    else:
        # an acknowledgement that already apologises needs no second one on top
        add_ack = (weak_empathy and not (has_ack and has_apology)) or scripted or not has_ack
    if "live" in where and emotion == "grateful":
        add_ack = False  # "Thank you, that's really kind" mid-call is filler
    before = ""
    if foreign:
        calm = emotion == "confused" or (
            emotion == "neutral" and "complaint" not in _cues(ctx.customer_text)
        )
        slot = "thanks" if emotion == "grateful" else "help" if calm else "ack"
        before = _pick(foreign[slot], key, "ack").format(topic=topic)
        if slot == "ack" and has_apology:
            before = ""  # "Lamento mucho ... Lo siento mucho." apologises twice
        if not switch_language and core:
            core = rules["stock_thanks"].sub("", core, count=1).strip() or core
        before = before.strip()
        if switch_language:
            changes.append(f"answered in the customer's language ({lang})")
        elif not (add_ack or (emotion != "grateful" and not has_ack)):
            before = ""
    elif add_ack:
        variants = load("acknowledgements").get(emotion, load("acknowledgements")["neutral"])
        kind = "plain" if has_apology else "apology"
        if (
            emotion == "neutral"
            and weak_empathy
            and "customer_relief" not in _cues(ctx.customer_text)
            and (ctx.first_reply or "complaint" in _cues(ctx.customer_text))
        ):
            kind = "empathy_plain" if has_apology else "empathy"
        elif emotion == "neutral" and not ctx.first_reply:
            kind = "later"
        if (
            emotion == "neutral"
            and kind in ("apology", "plain", "later")
            and (rules["thanks"].exists(core) or "live" in where)
        ):
            # the reply already thanks the customer (a second "thanks for ..." stacks), or
            # the agent is live with them ("Thanks for the update" mid-call is filler)
            pass
        else:
            before = _pick(variants[kind], key, "ack").format(topic=topic)
            changes.append(
                f"acknowledged the customer's {emotion if emotion != 'neutral' else 'request'}"
            )

    after = ""
    wants_next = emotion != "grateful" and (
        _weak(ctx.traits, "solution")
        or _weak(ctx.traits, "responsibility")
        or _weak(ctx.traits, "ownership")
        or not core
    )
    phrases = load("phrases")
    if _hands_back(ctx, core, where, changes, foreign is not None):
        # "Contact the courier." keeps the customer's action, but the advice is to take
        # ownership: the agent offers to pick it up if that does not work (no new action)
        after = _pick(phrases["ownership_after_hands_off"], key, "own")
        changes.append("ownership after the customer's step")
    elif _holds(where):
        pass  # nothing to promise: the reply answered, refused, closed, or is live
    # (whether the core already has a next step is asked only where it decides: the test
    # runs the commitment extractor on the core, a text no earlier step has read)
    elif foreign and emotion != "grateful" and (switch_language or not _has_next_step(core)):
        # after a reply in another language, the next step is said in the customer's
        after = _pick(foreign["next_step"], key, "next")
        changes.append("a concrete next step")
    elif wants_next and not _has_next_step(core):
        after = _pick(phrases[_next_kind(ctx, core, emotion)], key, "next").format(topic=topic)
        changes.append("a concrete next step")
    elif emotion == "grateful" or foreign:
        pass
    elif _weak(ctx.traits, "responsibility") and not rules["follow_up"].exists(core):
        # after a question to the customer, the follow-up starts from their answer
        # ... unless the reply already says what the agent will do once the customer
        # answers ("DM us ... and I'll look into this myself"): then only when they hear back
        asked = (
            bool(core) and bool(rules["ask_back"].exists(core)) and not _FIRST_PERSON.exists(core)
        )
        after = _pick(phrases["next_step_after_question" if asked else "follow_up"], key, "follow")
        changes.append("a follow-up")
    elif _weak(ctx.traits, "ownership") and not _FIRST_PERSON.exists(core):
        after = _pick(phrases["ownership"], key, "own")
        changes.append("ownership language")
    elif (
        emotion == "neutral"
        and _weak(ctx.traits, "politeness")
        and not rules["thanks"].exists(f"{before} {core} {sign}")
    ):
        after = _pick(phrases["closing"], key, "close")
        changes.append("a courteous closing")

    core = core.rstrip(",;: ")
    # (the last two characters: "$" is the end or before a final newline, and a search of
    # the whole text tries every offset, ~20 us on a 300-character reply)
    if core and _WORD_END.search(core[-2:]):
        core += "."
    if greeting.endswith(",") and "\n" not in body and before[:2] not in ("I ", "I'"):
        before = before[:1].lower() + before[1:]  # "Hi Jane, thanks for ..."
    wish = _CLOSING_WISH.search(core) if after else None
    if wish and wish.start() > 0:
        # "... Wishing you all the best!" stays last: the next step goes before it
        after = f"{after} {core[wish.start() :].strip()}"
        core = core[: wish.start()].rstrip()
    if switch_language:
        greeting, sign = _translate_frame(greeting, sign, lang)
    answer = _DIRECT_ANSWER.match(core) if before and not switch_language else None
    if answer:
        # the customer asked a yes/no question: the answer stays first, the warmth follows
        rest = core[answer.end() :]
        parts: tuple[str, ...] = (_cap(answer.group().strip()), before, _cap(rest), after)
    else:
        parts = (before, _cap(core) if before or not greeting else core, after)
    middle = " ".join(p for p in parts if p)
    if not greeting.endswith(",") or "\n" in body:
        middle = _cap(middle)
    if "\n" in body:
        return "\n\n".join(p for p in (greeting, middle, sign) if p)
    return " ".join(p for p in (greeting, middle, sign) if p)


@cache
def _sentences() -> list[tuple[re.Pattern[str], dict[str, str], re.Pattern[str] | None]]:
    return [
        (
            re.compile(r"\s*(?:" + e["en"] + r")[\s.!?]*", re.I),
            e,
            re.compile(e["given"], re.I) if e.get("given") else None,
        )
        for e in load("languages")["sentences"]
    ]


def _translate(core: str, lang: str, ctx: RewriteContext) -> str | None:
    """``core`` in ``lang`` when every sentence is a known short support sentence (numbers
    carried over), else ``None``. A request the customer already answered (the order
    number is in their message) is dropped."""
    out: list[str] = []
    customer = "\n".join((ctx.customer_text, *ctx.history))
    for sentence in _SENT_SPLIT.split(core):
        if not sentence.strip():
            continue
        for rx, entry, given in _sentences():
            m = rx.fullmatch(sentence)
            if m is None or lang not in entry:
                continue
            if given is None or not given.search(customer):
                out.append(entry[lang].format(**m.groupdict()))
            break
        else:
            return None
    return " ".join(out)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _translate_frame(greeting: str, sign: str, lang: str) -> tuple[str, str]:
    """An English greeting word and sign-off in the customer's language ("Hi Ana," ->
    "Hola Ana,"; "Kind regards," -> "Saludos cordiales,"), names kept."""
    frame = load("languages")["frame"][lang]
    for title, word in (("mr", "sir"), ("mrs", "madam"), ("ms", "madam")):
        greeting = re.sub(
            rf"(?i)\bdear {title}\.? (?=[A-Z])", frame[f"dear_{word}"] + " ", greeting, count=1
        )
    greeting = re.sub(
        r"(?i)\b(?:hi|hello|hey|dear(?! (?:mr|mrs|ms|dr|sir|madam)\b))\b",
        frame["hello"],
        greeting,
        count=1,
    )
    sign = re.sub(
        r"(?i)^(?:kind regards|best regards|warm regards|regards|best wishes|best|"
        r"many thanks|thanks|thank you|cheers)\b",
        frame["regards"],
        sign,
        count=1,
    )
    return greeting, sign


def _next_kind(ctx: RewriteContext, core: str, emotion: str) -> str:
    """Which next step fits: the reply asks the customer something (their answer comes
    first), it answers a calm customer's question (nothing left to look into), the customer
    is confused (an offer to walk them through it), or an open problem (I look into it)."""
    rules = _rules()
    if core and rules["ask_back"].exists(core):
        return "next_step_after_question"
    if emotion == "confused":
        return "next_step_confused"
    if core and (
        rules["settled"].exists(core)
        or (rules["resolved"].exists(core) and "complaint" not in _cues(ctx.customer_text))
        or (
            emotion == "neutral"
            and not _weak(ctx.traits, "empathy")  # empathy needed: a problem, not a question
            and "asks" in _cues(ctx.customer_text)
            and "complaint" not in _cues(ctx.customer_text)
        )
    ):
        return "next_step_after_answer"
    return "next_step"


def _has_next_step(text: str) -> bool:
    """Whether ``text`` already says what happens next: a next-step phrase, or a commitment
    the extractor finds in any of its languages ("le escribiré mañana antes de las 12"), so
    the rewrite adds no second one."""
    return bool(_rules()["next_step"].exists(text)) or bool(extract_commitments(text))


def _emotion(ctx: RewriteContext) -> str:
    """The emotion the rewrite answers: hostile above :data:`HOSTILE_AT`; sarcastic thanks
    ("thanks for nothing") is anger, not gratitude."""
    if ctx.hostile >= HOSTILE_AT:
        return "hostile"
    if "customer_sarcasm" in _cues(ctx.customer_text):
        return "angry"
    if ctx.emotion == "angry" and ctx.customer_text and not _FEELING.search(ctx.customer_text):
        # "Solid white now. But my laptop still says no internet." read as angry: a calm
        # turn is not told "I understand why you're upset"
        return "neutral"
    if (
        ctx.emotion == "grateful"
        and "praise" not in (cues := _cues(ctx.customer_text))
        and ("asks" in cues or "complaint" in cues or "customer_relief" not in cues)
    ):
        return "neutral"  # "Can someone look at it today please? Thanks, Maya" is a request
    return ctx.emotion or "neutral"


def _conservative(ctx: RewriteContext, where: frozenset[str] = frozenset()) -> str:
    """Acknowledgement + the untouched original + next step: keeps every fact by construction.

    Each addition is made only where the reply lacks it, inside any greeting and sign-off;
    with nothing to add, the result is the original itself (and no rewrite is given). Its
    additions are English: a reply in another language gets none (an English sentence
    before "Claro, Lucía. Siento mucho la demora." helps nobody).
    """
    if detect_language(ctx.reply) not in (None, "en"):
        return ctx.reply.strip()
    drops = _rules()["drop_sentence"]
    if harmful_spans(ctx.traits, ctx.reply) or any(
        drops[i].rx.search(ctx.reply) for i in drops.may_match(ctx.reply)
    ):
        return ctx.reply.strip()  # the original as written would keep what harms: no rewrite
    emotion = _emotion(ctx)
    topic = _topic(ctx, "en")
    rules = _rules()
    has_apology = bool(rules["apology"].exists(ctx.reply))
    variants = load("acknowledgements").get(emotion, load("acknowledgements")["neutral"])
    before = ""
    if not _ACK_CUE.exists(ctx.reply) and not (
        emotion == "grateful" and rules["thanks"].exists(ctx.reply)
    ):
        kind = "plain" if has_apology else "apology"
        if emotion == "neutral" and not ctx.first_reply:
            kind = "later"
        before = _pick(variants[kind], ctx.key, "ack").format(topic=topic)
        if "live" in where and (emotion == "grateful" or kind in ("apology", "plain", "later")):
            before = ""  # "Thanks for the update" mid-call is filler
        if rules["thanks"].exists(before) and rules["thanks"].exists(ctx.reply):
            before = ""  # "Thanks for getting in touch ... Thanks for flagging." stacks
    _, core, _ = _split_frame(ctx.reply, "\n".join(ctx.conversation[:-1]))
    after = ""
    if emotion != "grateful" and not _holds(where) and not _has_next_step(ctx.reply):
        kind = _next_kind(ctx, core, emotion)
        after = _pick(load("phrases")[kind], ctx.key, "next").format(topic=topic)
    if not (before or after):
        return ctx.reply.strip()
    # the original's text stays exactly as written: only whole additions go around it
    head = ctx.reply[: ctx.reply.find(core)] if core and core in ctx.reply else ""
    if not head.strip() or not core:
        return " ".join(p for p in (before, ctx.reply.strip(), after) if p)
    tail = ctx.reply[ctx.reply.find(core) + len(core) :]
    sep = "\n\n" if "\n" in ctx.reply else " "
    return (
        head.rstrip()
        + sep
        + " ".join(p for p in (before, core, after) if p)
        + (sep + tail.strip() if tail.strip() else "")
    ).strip()


def _unwritable_language(ctx: RewriteContext) -> bool:
    """The reply is in a language the rewriter detects but has no phrases for (Italian):
    additions in English or in another language would not make it better. (An English
    reply to an Italian customer still gets an English rewrite.)"""
    lang = detect_language(ctx.reply)
    return lang not in (None, "en") and lang not in load("languages")["phrases"]


def rewrite_reply(ctx: RewriteContext) -> Rewrite:
    """A better version of ``ctx.reply``; ``text`` is ``None`` when no safe rewrite exists."""
    changes: list[str] = []
    replaced: list[str] = []
    if _unwritable_language(ctx):
        return Rewrite(None, [], FactReport(), True)
    where = situation(ctx)
    if "no_action" in where:
        return Rewrite(None, [], FactReport(), True)  # "👍" -> "Anything else?": nothing to fix
    body, scripted, unsafe = _clean(ctx, changes, replaced)
    text = None if unsafe else _compose(ctx, body, scripted, changes, where)
    if text is None:
        # what harms could not go without losing a fact, or nothing was left to say: the
        # original kept as written would keep it too, so there is no rewrite
        return Rewrite(None, [], FactReport(), True)
    vocab = template_vocabulary()
    report = check_rewrite(
        ctx.reply, text, ctx.conversation, replaced=replaced, allowed_words=vocab
    )
    if not unsafe and report.ok and text.strip() and text.strip() != ctx.reply.strip():
        return Rewrite(text, changes, report)
    text = _conservative(ctx, where)
    report = check_rewrite(ctx.reply, text, ctx.conversation, allowed_words=vocab)
    notes = [c for c in changes if c.startswith(LANGUAGE_ADVICE)]
    if report.ok and text.strip() != ctx.reply.strip():
        return Rewrite(
            text, ["acknowledged the customer", "a concrete next step", *notes], report, True
        )
    return Rewrite(None, notes, report, True)
