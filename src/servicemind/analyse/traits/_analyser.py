"""The ``traits`` analyser: eleven service-mindset traits for every agent-side reply."""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Any

from servicemind.analyse._cues import cueset, is_negated, phrase_set, shared_index
from servicemind.analyse.base import TRAITS, Analyser, Doc, gc_paused
from servicemind.analyse.registry import register
from servicemind.analyse.traits._answers import UNANSWERED_LABEL
from servicemind.analyse.traits._calibration import (
    Calibration,
    calibrate_batch,
    compile_calibration,
    load_traits_model,
)
from servicemind.analyse.traits._context import (
    Context,
    build_context,
    content_words,
    context_features,
    formality,
    sentence_spans,
)
from servicemind.analyse.traits._empathy import CHEER_CUE, score_empathy, score_enthusiasm
from servicemind.analyse.traits._explain import explain_traits
from servicemind.analyse.traits._fit import fits_language, score_adaptability, score_patience
from servicemind.analyse.traits._genuineness import normalise_sentence, score_genuineness
from servicemind.analyse.traits._given import REASK_LABEL, apply_reask
from servicemind.analyse.traits._language import reply_language
from servicemind.analyse.traits._lexical import lexical_features
from servicemind.analyse.traits._ownership import (
    FORGETS_CUE,
    OVER_PROMISE_CUES,
    ownership_hits,
    score_ownership,
    score_responsibility,
    score_solution,
)
from servicemind.analyse.traits._politeness import score_politeness
from servicemind.analyse.traits._pressure import score_balance, score_resiliency
from servicemind.analyse.traits._result import Reply, TraitResult
from servicemind.analyse.traits._unsafe import UNSAFE_LABEL, apply_unsafe
from servicemind.conversation import Conversation, Side, Turn

__all__ = [
    "HARM_CUES",
    "SARCASM_TRAITS",
    "SCORERS",
    "TraitsAnalyser",
    "apply_caps",
    "build_reply",
    "harm_caps",
    "score_reply",
    "score_reply_traits",
]

#: A sentence must be at least this long (characters) to count as copy-paste when the same
#: agent sends it again: shorter ones ("Thanks!") are ordinary, not scripts.
MIN_REPEAT_CHARS = 30

SCORERS: dict[str, Callable[[Reply], TraitResult]] = {
    "empathy": score_empathy,
    "enthusiasm": score_enthusiasm,
    "ownership": score_ownership,
    "responsibility": score_responsibility,
    "adaptability": score_adaptability,
    "balance": score_balance,
    "resiliency": score_resiliency,
    "patience": score_patience,
    "politeness": score_politeness,
    "solution": score_solution,
    "genuineness": score_genuineness,
}
assert tuple(SCORERS) == TRAITS


def _author_key(doc: Doc, turn: Turn) -> str:
    return turn.author if turn.author else f"{doc.conversation.id}\x1f{turn.role.value}"


def find_repeats(docs: Sequence[Doc]) -> dict[tuple[int, int], list[tuple[int, int]]]:
    """Sentences each agent-side author sent in more than one reply of the batch.

    Returns ``{(doc position, turn index): [(start, end), ...]}`` of the repeated sentences.
    """
    seen: dict[tuple[str, str], set[tuple[int, int]]] = defaultdict(set)
    spans: dict[tuple[int, int], list[tuple[tuple[str, str], int, int]]] = {}
    for di, doc in enumerate(docs):
        for turn, _ in doc.iter_agent():
            key = _author_key(doc, turn)
            mine = []
            for s, e in sentence_spans(turn.text):
                if e - s < MIN_REPEAT_CHARS:
                    continue
                sent = (key, normalise_sentence(turn.text[s:e]))
                seen[sent].add((di, turn.index))
                mine.append((sent, s, e))
            spans[(di, turn.index)] = mine
    out: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for where, items in spans.items():
        rep = [(s, e) for sent, s, e in items if len(seen[sent]) > 1]
        if rep:
            out[where] = rep
    return out


#: The traits whose rules mark sarcasm down (its hits are their negative evidence, or they
#: subtract for it).
SARCASM_TRAITS = (
    "empathy",
    "enthusiasm",
    "adaptability",
    "resiliency",
    "patience",
    "politeness",
    "genuineness",
)
#: The cues that name harm outright (their descriptions in lexicons/agent_cues.json): a trait
#: with one of them, not negated ("it's not your fault"), scores no higher than its rules.
#: Chosen from what the cues say, not fitted; benchmarks/traits_harm_caps.py says what they
#: cost on the labelled replies. Disowning the problem and deflecting to another department
#: are ownership 0 in the guidelines; capped, they score so in every language, where the word
#: model (trained mostly on English words) cannot see them (trial 19 F6: "Dafür sind wir
#: nicht zuständig" 0.61 against "We are not responsible" 0.06; train Spearman unchanged).
#: Regretting that another party handles the request ("Leider werden Umbuchungen vom
#: Flughafenschalter bearbeitet") is capped in the six languages for the same reason (the
#: guideline's "warm but deflecting" is ownership 0; the English "I'm afraid that's handled
#: by" is read by the word model).
#: A re-ask of a detail the customer already gave (its evidence label opens with
#: ``REASK_LABEL``, then names what was re-asked) caps patience and genuineness the same way,
#: and a security or privacy breach (``UNSAFE_LABEL``: a password given out, two-factor login
#: switched off; traits._unsafe) caps solution at its rule score of 0. A reply that takes up
#: none of the customer's questions (``UNANSWERED_LABEL``, traits._answers) caps patience and
#: solution: a cue-word template scored like the right answer (trial ux24 F5).
HARM_CUES = frozenset(
    [
        "refuses to help",
        "refuses to act",
        "blames the customer",
        "retaliates",
        "retaliates with blame",
        "insults or labels the customer",
        "insults the customer",
        "tells the customer to calm down",
        "dismisses the customer",
        "dismisses the customer's feeling",
        "threatens the customer",
        "wishes the customer harm",
        "condescends",
        "mocks the customer",
        "disowns the problem",
        "deflects: not our department",
        "deflects to another department",
        # (non-English only: "Leider werden Umbuchungen vom Flughafenschalter bearbeitet"
        # kept ownership 0.73 against 0.34 in English; trial 22a F1)
        "deflects: handled elsewhere",
        # guideline v3: cheer out of place after a loss or a scare lowers empathy and
        # genuineness; uncapped, the trained words and politeness lifted "Yay, all sorted! 🎉"
        # to empathy 0.74 with the cue as its evidence (trial 22a F5)
        CHEER_CUE,
        # guideline, patience 0: "As I already explained…", "like I said", pushing to close
        # while the issue is open (patience is n/a on a closing exchange, so the cue is read
        # only where the issue is still open); uncapped, the trained words kept "As I said,
        # the money will be back within 48 hours" at 0.46 (trial 22b F7)
        "'as I already said'",
        "'like I said'",
        "'I already told you'",
        "impatient repetition",
        "pushes to close",
        "pushes to close (non-English)",
        # guideline, responsibility 0: forgetting an earlier promise the customer reports
        # missed (traits._ownership.forgets_missed_promise; trial 22b F8)
        FORGETS_CUE,
        # guideline, responsibility 0: over-promising ("I guarantee it will be with you by
        # Friday, 100%" kept 0.53, trial 22b F10)
        *OVER_PROMISE_CUES,
    ]
)


def harm_caps(reply: Reply, results: dict[str, TraitResult]) -> dict[str, float]:
    """The rule scores (read before any calibration) that cap the traits of a reply with
    named harm: the sarcasm traits of a sarcastic reply, and every trait with a
    :data:`HARM_CUES` cue that no negator precedes. Empty for most replies."""
    caps: dict[str, float] = {}
    for t, r in results.items():
        if r.score is None:
            continue
        if (reply.sarcasm and t in SARCASM_TRAITS) or any(
            (h.label in HARM_CUES and not is_negated(reply.text, h.start))
            or h.label.startswith((REASK_LABEL, f"{UNSAFE_LABEL}: ", UNANSWERED_LABEL))
            for h in r.evidence
        ):
            caps[t] = r.score
    return caps


def apply_caps(results: dict[str, TraitResult], caps: dict[str, float]) -> None:
    """Keep each capped trait's calibrated score at or below its rule score, in place.

    The trained combination reads the count of sarcasm cues and the cue sums as features
    among many, beside the learned word score; where the rules already put a harmful reply
    near zero, the fit can correct them upwards and the words can outweigh them ("I will not
    look into it" reads "look into"). On a reply with three sarcastic phrases that raised
    politeness to 0.96 and empathy to 0.73, and each phrase added raised them further
    (trial 18). The rules' named harm has the last word: the score is never higher than
    theirs.
    """
    for t, cap in caps.items():
        got = results[t].score
        if got is not None and got > cap:
            results[t].score = cap


def _load_agent_lexicons() -> None:
    """The agent, context and applicability cue lexicons (each loads whole on its first
    list)."""
    cueset("agent_cues.json", "sarcasm")
    phrase_set("context_cues.json", "hostile")
    phrase_set("applicability_cues.json", "owed")


# their literals join the shared index before its first scan, with the commitment and
# politeness lexicons' (which those modules preload themselves)
shared_index().preload(_load_agent_lexicons)


def _context_for(doc: Doc, index: int) -> Context:
    block: list[tuple[str, dict[str, Any]]] = []
    earlier_customer: list[tuple[str, dict[str, Any]]] = []
    earlier_agent: list[str] = []
    j = index - 1
    while j >= 0 and doc.sides[j] is not Side.AGENT:  # the customer block being answered
        if doc.sides[j] is Side.CUSTOMER:
            block.append((doc.conversation.turns[j].text, doc.out["turns"][j].get("customer", {})))
        j -= 1
    block.reverse()
    for k in range(j + 1):
        if doc.sides[k] is Side.CUSTOMER:
            earlier_customer.append(
                (doc.conversation.turns[k].text, doc.out["turns"][k].get("customer", {}))
            )
        elif doc.sides[k] is Side.AGENT:
            earlier_agent.append(doc.conversation.turns[k].text)
    if not block:  # agent follows itself: answer the last customer block seen
        prev = doc.get_previous(index, Side.CUSTOMER)
        if prev is not None:
            block = [(prev[0].text, prev[1].get("customer", {}))]
    return build_context(block, earlier_customer, earlier_agent)


def build_reply(text: str, ctx: Context, repeated: list[tuple[int, int]] | None = None) -> Reply:
    """The shared per-reply bundle: language, sarcasm hits, copy-paste spans, length."""
    return Reply(
        text=text,
        ctx=ctx,
        language=reply_language(text, ctx.settled_language),
        sarcasm=cueset("agent_cues.json", "sarcasm").find(text, negatable=False),
        repeated=repeated or [],
        n_words=len(text.split()),
    )


_EXCL = re.compile(r"!")
_QMARK = re.compile(r"\?")
_DIGIT = re.compile(r"\d")
_EMOJI = re.compile("[\U0001f300-\U0001faff\u2600-\u27bf]")


def shape_features(reply: Reply) -> dict[str, float]:
    """The context and the reply's shape as numbers (``ctx:<name>`` features)."""
    ctx = reply.ctx
    feats = context_features(ctx)
    n = max(1, reply.n_words)
    mine = content_words(reply.text)
    theirs = content_words(ctx.text)
    qs = ctx.questions
    answered = sum(1 for q in qs if content_words(q) & mine) / len(qs) if qs else 1.0
    rf = reply.cache.get("formality")  # adaptability's, when the traits were scored
    if rf is None:
        rf = formality(reply.text)
    sents = max(1, len(sentence_spans(reply.text)))
    feats.update(
        {
            "reply_words": float(min(200, reply.n_words)),
            "reply_log_ratio": math.log((1 + reply.n_words) / (1 + reply.ctx.n_words)),
            "mean_sentence": n / sents,
            "exclaim": float(min(5, len(_EXCL.findall(reply.text)))),
            "asks": float(min(3, len(_QMARK.findall(reply.text)))),
            "digits": float(bool(_DIGIT.search(reply.text))),
            "sarcasm": float(len(reply.sarcasm)),
            "repeated": float(bool(reply.repeated)),
            "answered": answered,
            "overlap": len(theirs & mine) / len(theirs) if theirs else 0.0,
            # the agent as the one who acts: ownership's positive cue hits ("I'll look
            # into", "let me check", "I've refunded"), counted, not weighed
            "self_actor": float(min(3, sum(1 for h in ownership_hits(reply) if h.weight > 0))),
            "emoji": 0.0
            if reply.text.isascii()
            else float(min(3, len(_EMOJI.findall(reply.text)))),
            "register_gap": float(abs(ctx.formality - rf)),
            "lang_match": float(fits_language(reply)),
        }
    )
    return feats


def _model_features(reply: Reply) -> dict[str, float]:
    """What the trained combination reads besides the cue results: the context and reply
    shape (``ctx:*``) and the learned word scores (``lex:*``)."""
    feats = shape_features(reply)
    feats.update(lexical_features(reply.text, reply.ctx.text))
    return feats


def score_reply_traits(reply: Reply) -> dict[str, TraitResult]:
    """Every trait's rule result for one reply (patience and genuineness lowered where it
    asks again for what the customer already gave; solution 0 where it helps in an unsafe
    way)."""
    results = {name: fn(reply) for name, fn in SCORERS.items()}
    apply_reask(reply, results)
    apply_unsafe(reply, results)
    return results


@register("traits")
class TraitsAnalyser(Analyser):
    """Cue-based detectors for the eleven traits, optionally calibrated on labelled replies.

    Parameters
    ----------
    calibrated:
        Combine the cue features with the trained weights in ``models/traits/`` when
        present (default); ``False`` keeps the transparent rule scores.
    """

    version = "1"
    requires = ("customer.emotion", "customer.hostile")
    assigns = ("agent.traits", "agent.flags", "agent.language")

    def __init__(self, calibrated: bool = True) -> None:
        self.calibrated = calibrated

    def annotate(self, docs: Sequence[Doc]) -> None:
        # (called on its own, e.g. by a training or a benchmark loop, the batch is no less
        # allocation-heavy than inside a pipeline)
        with gc_paused():
            self._annotate(docs)

    def _annotate(self, docs: Sequence[Doc]) -> None:
        model = load_traits_model() if self.calibrated else None
        cal = _compiled(model) if model is not None else None
        repeats = find_repeats(docs)
        done: list[tuple[dict[str, Any], Reply, dict[str, TraitResult]]] = []
        for di, doc in enumerate(docs):
            for turn, agent in doc.iter_agent():
                ctx = _context_for(doc, turn.index)
                reply = build_reply(turn.text, ctx, repeats.get((di, turn.index)))
                done.append((agent, reply, score_reply_traits(reply)))
        if cal is not None:  # the whole batch at once: same floats as reply by reply
            # the rule scores of replies with named harm, for the cap below (read before
            # the calibration replaces them in place)
            capped = [(res, caps) for _, p, res in done if (caps := harm_caps(p, res))]
            calibrate_batch(cal, [r for _, _, r in done], [_model_features(p) for _, p, _ in done])
            for res, caps in capped:
                apply_caps(res, caps)
        for agent, reply, results in done:
            explain_traits(reply, results)  # (after the scores: it reads, never sets them)
            agent["traits"] = {t: results[t].to_dict(reply.text) for t in TRAITS}
            flags = sorted(
                {f for r in results.values() for f in r.flags}
                | ({"sarcasm"} if reply.sarcasm else set())
            )
            agent["flags"] = flags
            agent["language"] = reply.language


_COMPILED: dict[int, tuple[dict[str, Any], Calibration]] = {}


def _compiled(model: dict[str, Any]) -> Calibration:
    """``model`` laid out for batch scoring, once per model object."""
    got = _COMPILED.get(id(model))
    if got is None or got[0] is not model:
        got = (model, compile_calibration(model))
        _COMPILED.clear()
        _COMPILED[id(model)] = got
    return got[1]


def score_reply(
    text: str, context: Sequence[tuple[str, str]] = (), **kwargs: Any
) -> dict[str, Any]:
    """Score one reply given ``(role, text)`` context turns, without a corpus or a pipeline.

    Returns the reply's ``agent`` dict (``traits``, ``flags``, ``language``).
    """
    turns = [{"role": r, "text": t} for r, t in context] + [{"role": "agent", "text": text}]
    doc = Doc(Conversation.from_turns(turns))
    TraitsAnalyser(**kwargs).annotate([doc])
    agent: dict[str, Any] = doc.out["turns"][-1]["agent"]
    return agent
