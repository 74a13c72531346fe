"""adaptability (language, readability, formality) and patience (answers, no rushing)."""

from __future__ import annotations

import re
from functools import cache

from servicemind.analyse._cues import Hit, cueset, load_lexicon, phrase_set
from servicemind.analyse.traits._answers import (
    DOUBT_CONFIDENCE,
    read_answers,
    unanswered_evidence,
)
from servicemind.analyse.traits._context import content_words, formality, sentence_spans
from servicemind.analyse.traits._ownership import solution_hits
from servicemind.analyse.traits._result import Reply, TraitResult, agent_hits, clip, sums

__all__ = ["fits_language", "score_adaptability", "score_patience"]

_LEX = "agent_cues.json"
#: A reply that fits well enough by default (most replies are in the right language and
#: register; label ~1.3 of the guidelines).
ADAPT_BASE = 0.65
#: Mean sentence length (words) above which a reply is hard to read for a confused
#: customer (plain-language guidance: aim for 15-20 words per sentence).
LONG_SENTENCE_WORDS = 20
#: Reply length (words) below which it is curt towards a long troubled message.
CURT_WORDS = 12
#: Each stock phrase lowers adaptability by this much, up to the cap (a template does not
#: adapt to anyone; hand-set).
STOCK_STEP = 0.12
STOCK_CAP = 0.35
#: A troubled customer message at least this long (words) deserves more than a one-liner
#: (about two chat sentences; hand-set on the train part of the labelled replies).
CURT_CUSTOMER_WORDS = 25
PATIENCE_BASE = 0.65
#: A reply that takes up none of the customer's questions (traits._answers, sure of it)
#: scores patience no higher than this: the guideline's 0 is "questions left unanswered",
#: its 1 "answers the main question but skips a secondary one"; none answered is below 1.
PATIENCE_UNANSWERED_CAP = 0.25
#: The weight of its negative evidence (as strong as "'as I already said'").
UNANSWERED_WEIGHT = -0.9
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
#: An acronym or a model code: three or more capitals, digits after them allowed ("DCC",
#: "SMETS1", "DHCP"), not part of a longer code ("HDL-220"), not quoted ('PORT') and not
#: followed by an explanation in brackets. Two letters are left out (mostly postcodes and
#: everyday words: "DM", "HD", "EH6"), and so are seven or more (a word in capitals: a name
#: on a statement, a shout).
_ACRONYM = re.compile(r"(?<![\w'‘\"“-])[A-Z]{3,6}\d*(?![\w-])(?!\s*\()")
#: Distinct unexplained acronyms that make a reply jargon to a confused customer: one is
#: often a name the customer needs ("your PIN", "the HMRC app"), two or more read as a
#: specialist talking (guideline: "no jargon for a confused, elderly or non-technical
#: customer"; its 0 example "flush your DNS cache and renew the DHCP lease").
ACRONYMS_MIN = 2


def _acronyms(r: Reply) -> list[Hit]:
    """Unexplained acronyms in a reply to a confused customer, when there are at least
    :data:`ACRONYMS_MIN` distinct ones (not the customer's own, not the everyday ones of
    ``context_cues.json`` ``_plain_acronyms``, not in a shouted reply)."""
    if r.text.isupper():
        return []
    plain = _plain_acronyms()
    theirs = r.ctx.text
    found = [
        m for m in _ACRONYM.finditer(r.text) if m.group(0) not in theirs and m.group(0) not in plain
    ]
    if len({m.group(0) for m in found}) < ACRONYMS_MIN:
        return []
    return [Hit(m.start(), m.end(), m.group(0), -0.3, "jargon: unexplained acronym") for m in found]


#: The familiar "you" of the six languages (du / tu / tú / jij ...), as a word of its own;
#: a formal customer (a letter's salutation, "Sehr geehrte", "Madame, Monsieur") addressed
#: with it is a register the reply did not mirror (guideline: "formality mirrored").
_FAMILIAR = {
    "de": re.compile(r"\b(?:du|dich|dir|dein|deine|deinen|deinem|deiner)\b", re.IGNORECASE),
    "fr": re.compile(r"\b(?:tu|toi|ton|tes|t'as)\b", re.IGNORECASE),
    "es": re.compile(r"\b(?:tú|te|tus|contigo|puedes|tienes|quieres)\b", re.IGNORECASE),
    "it": re.compile(r"\b(?:tu|ti|tuo|tua|tuoi|tue|puoi|hai)\b", re.IGNORECASE),
    "nl": re.compile(r"\b(?:jij|jou|jouw|je)\b", re.IGNORECASE),
    "pt": re.compile(r"\b(?:tu|teu|tua|teus|tuas|contigo|podes|tens)\b", re.IGNORECASE),
}


def _familiar_to_formal(r: Reply) -> Hit | None:
    """The first familiar "you" of a reply in de / fr / es / it / nl / pt to a customer who
    wrote formally and used no familiar form of their own, as a negative hit."""
    rx = _FAMILIAR.get(r.language or "")
    if rx is None or r.ctx.formality != 1 or rx.search(r.ctx.text):
        return None
    m = rx.search(r.text)
    if m is None:
        return None
    return Hit(m.start(), m.end(), m.group(0), -0.5, "familiar 'you' to a formal customer")


@cache
def _plain_acronyms() -> frozenset[str]:
    return frozenset(load_lexicon("context_cues.json")["_plain_acronyms"])


def fits_language(r: Reply) -> bool:
    """Whether the reply is in a language the customer wrote in (or either is unknown): a
    customer who mixes German and English is answered well in either, only a third language
    is wrong (issue 5, code-switching)."""
    ctx = r.ctx
    if r.language is None or ctx.language is None:
        return True
    return r.language == ctx.language or r.language in ctx.languages


def _written(r: Reply) -> str:
    """The customer's languages for the evidence: "'de'", or "'en' and 'de'" (main first)."""
    ctx = r.ctx
    others = sorted(ctx.languages - {ctx.language})
    return " and ".join(f"'{lang}'" for lang in [ctx.language, *others])


def score_adaptability(r: Reply) -> TraitResult:
    ctx = r.ctx
    hits: list[Hit] = []
    flags: list[str] = []
    score = ADAPT_BASE
    lang_match = 0.0
    if ctx.language and r.language:
        if not fits_language(r):
            score -= 0.6
            lang_match = -1.0
            flags.append("wrong_language")
            s, e = sentence_spans(r.text)[0] if sentence_spans(r.text) else (0, len(r.text))
            hits.append(
                Hit(
                    s,
                    e,
                    r.text[s:e],
                    -1.0,
                    f"reply in '{r.language}' to a customer writing {_written(r)}",
                )
            )
        else:
            lang_match = 1.0
            if r.language != "en":
                score += 0.25
                s, e = sentence_spans(r.text)[0] if sentence_spans(r.text) else (0, len(r.text))
                hits.append(
                    Hit(
                        s,
                        e,
                        r.text[s:e],
                        0.5,
                        f"replies in the customer's language ({r.language})",
                    )
                )
    jargon = [
        Hit(h.start, h.end, h.text, -0.3, "jargon")
        for h in phrase_set("context_cues.json", "jargon").finditer(r.text, r.low)
    ]
    if r.ctx.confused:  # (an acronym the list does not name is jargon there too)
        seen = {(h.start, h.end) for h in jargon}
        jargon += [
            h
            for h in _acronyms(r)
            if not any(s <= h.start < e or h.start <= s < h.end for s, e in seen)
        ]
    sents = sentence_spans(r.text)
    mean_len = (r.n_words / len(sents)) if sents else 0.0
    if ctx.confused:
        score -= 0.2 * min(3, len(jargon))
        if r.n_words <= CURT_WORDS:
            score -= 0.3
            hits.append(Hit(0, len(r.text), r.text, -0.5, "too short to guide a confused customer"))
        hits += jargon
        if mean_len > LONG_SENTENCE_WORDS:
            score -= 0.2
            s, e = max(sents, key=lambda se: se[1] - se[0])
            hits.append(Hit(s, e, r.text[s:e], -0.3, "long sentence for a confused customer"))
        elif sents and not jargon:
            score += 0.2
            s, e = sents[0]
            hits.append(
                Hit(s, e, r.text[s:e], 0.4, "plain, short sentences for a confused customer")
            )
    else:
        score -= 0.05 * min(2, len(jargon))
    rf = formality(r.text)
    r.cache["formality"] = rf  # (the reply-shape features read it too)
    familiar = _familiar_to_formal(r)
    if ctx.formality and rf:
        if rf == ctx.formality and familiar is None:
            score += 0.1
        elif rf == -ctx.formality:
            score -= 0.2
            flags.append("register_mismatch")
    if familiar is not None and "register_mismatch" not in flags:
        score -= 0.2
        flags.append("register_mismatch")
    if familiar is not None:
        hits.append(familiar)
    stock = [h for h in cueset(_LEX, "genuineness").find(r.text, r.low) if h.weight < 0]
    if stock:
        score -= min(STOCK_CAP, STOCK_STEP * len(stock))
        hits += [
            Hit(h.start, h.end, h.text, h.weight, f"template, not adapted: {h.label}")
            for h in stock
        ]
    ignores = len(content_words(ctx.text)) >= 8 and not (
        content_words(ctx.text) & content_words(r.text)
    )
    if ignores:
        score -= 0.15
    score = clip(score - 0.2 * bool(r.sarcasm) - 0.25 * bool(r.repeated))
    return TraitResult(
        score,
        ctx.has_customer,
        0.7 if lang_match else 0.5,
        hits,
        flags=flags,
        features={
            "stock": float(len(stock)),
            "ignores": float(ignores),
            "lang_match": lang_match,
            "jargon": float(len(jargon)),
            "mean_len": mean_len,
            "confused": float(ctx.confused),
            "form_c": float(ctx.formality),
            "form_r": float(rf),
        },
    )


def score_patience(r: Reply) -> TraitResult:
    ctx = r.ctx
    # (with patience_other_languages on a reply not in English: "read our terms", "I'll close
    # this chat" in the six languages, trial 22a F1)
    hits = agent_hits(r, "patience")
    reply_words = content_words(r.text)
    unanswered = [q for q in ctx.questions if not (content_words(q) & reply_words)]
    n_q = len(ctx.questions)
    answered = 1.0 - len(unanswered) / n_q if n_q else 1.0
    pos, neg = sums(hits)
    score = PATIENCE_BASE + 0.3 * min(1.0, pos) + 0.6 * neg
    if n_q >= 2:
        score += 0.25 * answered - 0.35 * (1 - answered)
    curt = (
        ctx.n_words >= CURT_CUSTOMER_WORDS
        and r.n_words <= CURT_WORDS
        and (ctx.problem or ctx.negative >= 0.45)
    )
    if curt:
        score -= 0.35
        hits.append(Hit(0, len(r.text), r.text, -0.5, "curt reply to a long, troubled message"))
    if r.repeated:
        score -= 0.15
    score = clip(score - 0.2 * bool(r.sarcasm))
    answers = read_answers(r, solution_hits(r))
    if answers.unanswered:
        s, e, label = unanswered_evidence(r, answers)
        hits.append(Hit(s, e, r.text[s:e], UNANSWERED_WEIGHT, label))
        score = min(score, PATIENCE_UNANSWERED_CAP)
    applicable = ctx.has_customer and not ctx.closing
    return TraitResult(
        score,
        applicable,
        0.5 + 0.1 * min(3, len(hits) + n_q) - DOUBT_CONFIDENCE * answers.doubtful,
        hits,
        features={
            "pos": pos,
            "neg": neg,
            "n_q": float(n_q),
            "answered": answered,
            "curt": float(curt),
            "cust_words": float(ctx.n_words),
        },
    )
