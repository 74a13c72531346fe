"""Evidence for a trait score that no cue of the trait explains.

The cue lists give most scores their spans ("I'm really sorry" for empathy). Some scores come
from what the reply does rather than from a phrase: it answers the customer's questions
(patience), writes in the customer's language and register (adaptability), picks up the
customer's own words and gives specifics (genuineness), promises a next step (solution), or
uses wording the trained word model learned from labelled replies. When an applicable trait
has no span after scoring, :func:`explain` adds the spans of those features, each with a
cue that says which feature it is and a polarity that says which way it moved the score.

Nothing here changes a score: the spans are read from the same reply bundle and features the
scorers and the trained combination read (``_fit``, ``_genuineness``, ``_ownership``,
``_lexical``), after the scores are set.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from functools import cache

import numpy as np

from servicemind.analyse._cues import Hit, load_lexicon
from servicemind.analyse.traits._context import STOPWORDS, content_words, formality, sentence_spans
from servicemind.analyse.traits._fit import fits_language
from servicemind.analyse.traits._genuineness import specific_details
from servicemind.analyse.traits._lexical import TRANSCRIPT_NOISE, LexicalModel, load_lexical_model
from servicemind.analyse.traits._ownership import ownership_hits
from servicemind.analyse.traits._politeness import PRONOUN_STRATEGIES, strategy_label
from servicemind.analyse.traits._result import Reply, TraitResult

__all__ = [
    "EXPLAINED_CUES",
    "EXPLAIN_WEIGHT",
    "GENERIC_STEMS",
    "LEX_MIN",
    "LEX_MIN_WORD",
    "MAX_EXPLAINED",
    "WORD_MODEL_CUE",
    "explain",
    "explain_traits",
    "quotable",
    "word_hits",
]

#: Weight given to an explaining span: below every cue weight of the lexicons (0.2 and up),
#: so that were a cue span present it would sort first.
EXPLAIN_WEIGHT = 0.15
#: Spans added per trait (enough to show where the score came from, short to read).
MAX_EXPLAINED = 3
#: A word model term must move the trait's word score by at least this much to be shown
#: (the weights are ridge coefficients on 0..1 labels; above the 99th percentile of the
#: absolute weights of the content words of every trait in the shipped model, 0.008-0.018).
LEX_MIN = 0.025
#: A lone word needs more: only the words the model weighs most ("sorry", "guarantee",
#: "policy", "unfortunately") say something to a reader; "back" or "days" at 0.02 do not.
LEX_MIN_WORD = 0.035
#: The cue of a word-model span; the coach does not quote these (a lone word is no advice).
LEX_CUE = "{cue} links with {direction} {trait}"
#: The cues of the explained spans (each opens the cue text; some go on with details).
ANSWERS_CUE = "answers the customer's question"
LANGUAGE_CUE = "replies in the customer's language"
REGISTER_CUE = "matches the customer's"
DETAIL_CUE = "specific detail"
OWN_WORDS_CUE = "takes up the customer's own words"
NEXT_STEP_CUE = "next step promised"
DONE_CUE = "says what was done"
WILL_DO_CUE = "says what will be done"
WILLING_CUE = "willing to help:"
#: Every cue opening of a structural explanation, and that of the word model's spans.
EXPLAINED_CUES = (
    ANSWERS_CUE,
    LANGUAGE_CUE,
    REGISTER_CUE,
    DETAIL_CUE,
    OWN_WORDS_CUE,
    NEXT_STEP_CUE,
    DONE_CUE,
    WILL_DO_CUE,
    WILLING_CUE,
)
WORD_MODEL_CUE = "wording the trained word model"
#: Cues of spans that explain a score but are no advice or praise to quote to an agent: a lone
#: learned word, and writing in the customer's language or register (most replies do).
_NOT_QUOTABLE = (WORD_MODEL_CUE, LANGUAGE_CUE, REGISTER_CUE)


#: The politeness strategies that only count pronouns: no longer shown as evidence, but a
#: results file written before may still hold them.
_PRONOUN_CUES = frozenset(strategy_label(s) for s in PRONOUN_STRATEGIES)


def quotable(cue: str) -> bool:
    """Whether the coach may quote a span with this cue as a strength or as what to change:
    not a lone learned word, a language or register match, or a pronoun count."""
    return not cue.startswith(_NOT_QUOTABLE) and cue not in _PRONOUN_CUES


#: The word lists of lexicons/explain_words.json (documented there).
_WORDS = load_lexicon("explain_words.json")
#: Words too common to explain anything, besides the content-word filter's own stop list
#: (words under 4 letters never count).
FUNCTION_WORDS: frozenset[str] = frozenset(_WORDS["function_words"])

#: Ownership cues that are not willingness to help (owning a fault is not energy).
NOT_WILLINGNESS = frozenset(
    ["admits the fault", "admits the company's fault", "accepts responsibility"]
)

#: Greetings and thanks a reply shares with any customer message: not "the customer's own
#: words" in any sense that shows attention.
GREETINGS: frozenset[str] = frozenset(_WORDS["greetings"])

_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*|[!?]")
#: :data:`_TOKEN` on lower-cased ASCII text
_TOKEN_ASCII = re.compile(r"[a-z]+(?:'[a-z]+)*|[!?]")


def _first_sentence(r: Reply) -> tuple[int, int]:
    spans = sentence_spans(r.text)
    return spans[0] if spans else (0, len(r.text))


def _hit(r: Reply, span: tuple[int, int], cue: str, weight: float = EXPLAIN_WEIGHT) -> Hit:
    s, e = span
    return Hit(s, e, r.text[s:e], weight, cue)


#: Content-word stems (the first five letters) every support exchange shares: a reply that
#: repeats them ("I will not help") takes up no question.
GENERIC_STEMS: frozenset[str] = frozenset(_WORDS["generic_stems"])


def _answers(r: Reply) -> list[Hit]:
    """patience: for each question of the customer the reply takes up (shares a content word
    with, as the scorer counts it, other than the :data:`GENERIC_STEMS`), the reply's
    sentence that shares most with it."""
    sents = sentence_spans(r.text)
    out: list[Hit] = []
    used: set[tuple[int, int]] = set()
    for q in r.ctx.questions:
        qw = content_words(q) - GENERIC_STEMS
        best = max(
            sents, key=lambda se: len(qw & content_words(r.text[se[0] : se[1]])), default=None
        )
        if best is None or best in used or not qw & content_words(r.text[best[0] : best[1]]):
            continue
        used.add(best)
        short = " ".join(q.split())
        short = short if len(short) <= 60 else short[:57].rstrip() + "…"
        out.append(_hit(r, best, f"{ANSWERS_CUE} “{short}”"))
    return out


def _fits(r: Reply) -> list[Hit]:
    """adaptability: the reply is in the customer's language, and in their register."""
    ctx = r.ctx
    out: list[Hit] = []
    first = _first_sentence(r)
    if ctx.language and r.language and fits_language(r):
        out.append(_hit(r, first, f"{LANGUAGE_CUE} ({r.language})"))
    rf = r.cache.get("formality")
    if rf is None:
        rf = formality(r.text)
    if ctx.formality and rf == ctx.formality:
        register = "formal" if rf > 0 else "informal"
        out.append(_hit(r, first, f"{REGISTER_CUE} {register} register"))
    return out


def _specifics(r: Reply) -> list[Hit]:
    """genuineness: the customer's own words taken up, and specific details (numbers, codes,
    named dates): the scorer's ``shared`` and ``specific`` counts."""
    details: list[tuple[int, int]] = []
    for s, e in specific_details(r.text):  # "4471-2290" is one detail, not two
        if details and r.text[details[-1][1] : s] in ("-", "/", " "):
            s = details.pop()[0]
        details.append((s, e))
    out = [_hit(r, se, DETAIL_CUE) for se in details]
    shared = set(content_words(r.text) & content_words(r.ctx.text)) if r.ctx.text else set()
    for m in _TOKEN.finditer(r.text) if shared else ():
        if len(out) >= MAX_EXPLAINED or not shared:
            break
        word = m.group(0)
        low = word.lower()
        stem = low[:5]
        if stem in shared and _is_content(low, word) and low not in GREETINGS:
            shared.discard(stem)
            out.append(_hit(r, m.span(), OWN_WORDS_CUE))
    return out


def _next_steps(r: Reply) -> list[Hit]:
    """solution: the promises found in the reply (a next step; responsibility's rule score,
    which the solution combination reads)."""
    return [_hit(r, (c.start, c.end), NEXT_STEP_CUE) for c in r.cache.get("commitments", ())]


def _acts(r: Reply) -> list[Hit]:
    """ownership: what the reply says was done or will be done (responsibility's promises
    and solution's completed actions, whose rule scores the ownership combination reads)."""
    done = [h for h in r.cache.get("solution_hits", ()) if h.facet == "done" and h.weight > 0]
    out = [_hit(r, (h.start, h.end), DONE_CUE) for h in done]
    out += [_hit(r, (c.start, c.end), WILL_DO_CUE) for c in r.cache.get("commitments", ())]
    return sorted(out, key=lambda h: h.start)


def _willing(r: Reply) -> list[Hit]:
    """enthusiasm: the agent taking the action on (ownership's positive cues that act), the
    willingness to help the guidelines count as enthusiasm."""
    return [
        _hit(r, (h.start, h.end), f"{WILLING_CUE} {h.label}")
        for h in ownership_hits(r)
        if h.weight > 0 and h.label not in NOT_WILLINGNESS
    ]


#: The structural explanations of each trait, tried before the word model's terms.
_STRUCTURAL: Mapping[str, Callable[[Reply], list[Hit]]] = {
    "patience": _answers,
    "adaptability": _fits,
    "genuineness": _specifics,
    "solution": _next_steps,
    "enthusiasm": _willing,
    "ownership": _acts,
}


def _is_content(word: str, raw: str) -> bool:
    """A word that can explain: a content word, not a function word, not a contraction
    ("that's", "I've": ``raw`` is the word as written)."""
    return (
        len(word) >= 4
        and word not in STOPWORDS
        and word not in FUNCTION_WORDS
        and "'" not in raw
        and "’" not in raw
    )


Row = tuple[float, ...]


@cache
def _explainable(model: LexicalModel) -> tuple[dict[str, Row], dict[tuple[str, str], Row]]:
    """The reply-side words and word pairs that can explain a score: a content word (a pair:
    one of its two words is), weighing at least :data:`LEX_MIN` (a word alone
    :data:`LEX_MIN_WORD`) for some trait; with their weight rows (one weight per trait, 0
    under the bar). About a hundred of the model's terms."""
    uni, pairs = model.reply_ids()
    top = np.abs(model.weights).max(axis=1)

    def row(j: int, bar: float) -> Row:  # (a weight under the bar reads 0: never shown)
        return tuple(float(w) if abs(w) >= bar else 0.0 for w in model.weights[j])

    ux = {
        w: row(j, LEX_MIN_WORD)
        for w, j in uni.items()
        if top[j] >= LEX_MIN_WORD and _is_content(w, w)
    }
    px = {
        ab: row(j, LEX_MIN)
        for ab, j in pairs.items()
        if top[j] >= LEX_MIN and (_is_content(ab[0], ab[0]) or _is_content(ab[1], ab[1]))
    }
    return ux, px


def _reply_terms(r: Reply, model: LexicalModel) -> list[tuple[int, int, Row]]:
    """The reply's terms that can explain (see :func:`_explainable`), with their spans and
    weight rows, found once per reply."""
    got: list[tuple[int, int, Row]] | None = r.cache.get("word_terms")
    if got is not None:
        return got
    ux, px = _explainable(model)
    if r.text.isascii():  # (lower-casing keeps every offset; r.low is already made)
        toks = [
            (*m.span(), k if "'" not in (k := m.group()) else k.replace("'", ""), m.group())
            for m in _TOKEN_ASCII.finditer(r.low)
        ]
    else:
        toks = [
            (*m.span(), m.group().lower().replace("'", "").replace("’", ""), m.group())
            for m in _TOKEN.finditer(r.text)
        ]
    if not TRANSCRIPT_NOISE.isdisjoint(k for _, _, k, _ in toks):
        toks = [t for t in toks if t[2] not in TRANSCRIPT_NOISE]
    got = []
    for i, (s, e, k, raw) in enumerate(toks):
        # a contraction as written ("that's" read as "thats") explains nothing on its own
        if (w := ux.get(k)) is not None and "'" not in raw and "’" not in raw:
            got.append((s, e, w))
        if i + 1 < len(toks) and (w := px.get((k, toks[i + 1][2]))) is not None:
            got.append((s, toks[i + 1][1], w))
    r.cache["word_terms"] = got
    return got


def word_hits(
    r: Reply, trait: str, model: LexicalModel | None = None, *, sign: int = 0
) -> list[Hit]:
    """The reply's words and word pairs that moved ``trait``'s learned word score most (at
    least :data:`LEX_MIN`), content words only, strongest first; a pair is shown instead of
    its own words. ``sign`` +1 or -1 keeps only the words that raised or lowered it."""
    model = model if model is not None else load_lexical_model()
    if model is None or trait not in model.traits:
        return []
    col = model.traits.index(trait)
    found = [
        (w, s, e)
        for s, e, row in _reply_terms(r, model)
        if abs(w := row[col]) >= LEX_MIN and sign * w >= 0
    ]
    found.sort(key=lambda x: (-abs(x[0]), x[1]))
    out: list[Hit] = []
    taken: list[tuple[int, int]] = []
    for w, s, e in found:
        if len(out) >= MAX_EXPLAINED:
            break
        if any(s < b and a < e for a, b in taken):
            continue
        taken.append((s, e))
        direction = "higher" if w > 0 else "lower"
        cue = LEX_CUE.format(cue=WORD_MODEL_CUE, direction=direction, trait=trait)
        out.append(Hit(s, e, r.text[s:e], EXPLAIN_WEIGHT if w > 0 else -EXPLAIN_WEIGHT, cue))
    return out


def explain(r: Reply, trait: str, result: TraitResult, model: LexicalModel | None = None) -> None:
    """Give ``result`` (an applicable trait of reply ``r`` with no evidence) the spans of the
    features its score came from, in place."""
    if result.evidence or not result.applicable:
        return
    fn = _STRUCTURAL.get(trait)
    hits = fn(r)[:MAX_EXPLAINED] if fn is not None else []
    if not hits and result.score is not None:
        # the words that pushed the score the way it went: up for a score of at least a
        # half, down below it (a word that raised a low score does not explain it)
        hits = word_hits(r, trait, model, sign=1 if result.score >= 0.5 else -1)
    result.evidence = hits


def explain_traits(r: Reply, results: Mapping[str, TraitResult]) -> None:
    """:func:`explain` every trait of one reply."""
    model = load_lexical_model()
    for trait, result in results.items():
        if not result.evidence and result.applicable:
            explain(r, trait, result, model)
