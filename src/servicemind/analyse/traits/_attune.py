"""How well a reply is attuned to this customer: features for enthusiasm and adaptability.

Counts and ratios the trained combination weighs (``f:<name>`` of the trait); the rule
scores do not read them. Written from the guidelines (training/guidelines/traits.md), with
the word lists in lexicons/attune.json, not from items:

- enthusiasm is willingness and energy *proportionate to the situation*: the agent
  offering to take the problem on (``offer_help``, and at an upset customer
  ``offer_help_upset``), a quick yes that opens the reply (``yes_open``: "Sure,", "Claro"),
  the customer's own energy and how far the reply's falls short of it (``customer_cheer``,
  ``energy_gap``), cheer at a customer in a negative mood (``cheer_negative``), and selling
  something nobody asked for (``sales_pitch``; ``pitch_at_close`` when the customer was
  signing off);
- adaptability is readability and register matched to the customer: sentences much longer
  than the customer's own (``sentence_ratio``, ``long_for_confused``), jargon the customer
  used themselves (``jargon_shared``: an expert's own terms are no barrier) against jargon
  new to a confused customer (``jargon_new_confused``), the familiar or polite "you"
  mirrored or not (``address_match``, ``address_mismatch``: du/Sie, tu/vous, tú/usted,
  jij/u, ty/pan, sen/siz), and a sales pitch to a customer who was signing off
  (``pitch_at_close``: a reply that ignores what the customer said).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from functools import cache

from servicemind.analyse._cues import load_lexicon, phrase_set
from servicemind.analyse.traits._context import sentence_spans
from servicemind.analyse.traits._result import Reply

__all__ = ["adaptability_features", "address_side", "enthusiasm_features", "sales_pitch"]

_LEX = "attune.json"
#: Counts are capped here: a fourth cue of a kind says little more than the third.
CAP = 3.0
_EMOJI = re.compile("[\U0001f300-\U0001faff\u2600-\u27bf]")


@cache
def _address_patterns() -> dict[str, tuple[re.Pattern[str] | None, re.Pattern[str] | None]]:
    """Per language: the familiar and the polite forms as one whole-word regex each."""

    def rx(words: list[str], cased: list[str]) -> re.Pattern[str] | None:
        parts = [f"(?i:{re.escape(w)})" for w in words] + [re.escape(w) for w in cased]
        if not parts:
            return None
        return re.compile(r"(?<![\w'])(?:" + "|".join(parts) + r")(?![\w'])")

    return {
        lang: (rx(forms["T"], []), rx(forms["V"], forms["V_cased"]))
        for lang, forms in load_lexicon(_LEX)["address"].items()
    }


@cache
def _words(key: str) -> re.Pattern[str]:
    """A whole-word, case-insensitive regex of the lexicon's list ``key``."""
    return re.compile(r"(?<!\w)(?:" + "|".join(load_lexicon(_LEX)[key]) + r")(?!\w)", re.I)


@cache
def _yes_open() -> re.Pattern[str]:
    """An affirmative (lexicon "yes_open") as the reply's first words."""
    words = "|".join(load_lexicon(_LEX)["yes_open"])
    return re.compile(r"[\s\"'“(¡¿-]*(?:" + words + r")(?!\w)", re.I)


def sales_pitch(text: str) -> int:
    """How many times ``text`` sells something (lexicon "sales_pitch")."""
    return len(_words("sales_pitch").findall(text))


def address_side(text: str, language: str | None) -> int:
    """-1 when ``text`` addresses its reader with the familiar "you" of ``language``
    (du, tu, tú, jij, ty, sen), 1 with the polite one (Sie, vous, usted, u, pan, siz), 0
    when neither prevails or the language has no such pair (English)."""
    pats = _address_patterns().get(language or "")
    if pats is None:
        return 0
    t = len(pats[0].findall(text)) if pats[0] is not None else 0
    v = len(pats[1].findall(text)) if pats[1] is not None else 0
    return (v > t) - (t > v)


def _mean_sentence(text: str, n_words: int) -> float:
    return n_words / max(1, len(sentence_spans(text)))


def adaptability_features(r: Reply) -> Mapping[str, float]:
    """The readability and register fit of one reply to its customer (see the module)."""
    ctx = r.ctx
    ratio = 0.0
    if ctx.text:
        mine = _mean_sentence(r.text, r.n_words)
        ratio = math.log((1.0 + mine) / (1.0 + _mean_sentence(ctx.text, ctx.n_words)))
    confused = float(ctx.confused)
    low_theirs = ctx.text.lower()
    jargon = phrase_set("context_cues.json", "jargon").finditer(r.text, r.low)
    shared = sum(1 for h in jargon if h.text.lower() in low_theirs)
    side_c = address_side(ctx.text, ctx.language)
    side_r = address_side(r.text, r.language) if r.language == ctx.language else 0
    return {
        "sentence_ratio": ratio,
        "long_for_confused": max(0.0, ratio) * confused,
        "jargon_shared": min(CAP, float(shared)),
        "jargon_new_confused": min(CAP, float(len(jargon) - shared)) * confused,
        "address_match": float(side_c != 0 and side_c == side_r),
        "address_mismatch": float(side_c != 0 and side_r == -side_c),
        "pitch_at_close": min(CAP, float(sales_pitch(r.text))) * float(ctx.closing),
    }


def _cheer(text: str) -> float:
    """Energy markers: exclamation marks, emoji and gushing words (lexicon "cheer")."""
    emoji = 0 if text.isascii() else len(_EMOJI.findall(text))
    return min(CAP, float(text.count("!") + emoji + len(_words("cheer").findall(text))))


def enthusiasm_features(r: Reply, upset: bool) -> Mapping[str, float]:
    """Willingness and energy set against the customer's mood (``upset``: the rule's
    hostile-or-very-negative customer; see the module)."""
    pitch = min(CAP, float(sales_pitch(r.text)))
    offer = min(CAP, float(len(_words("offer_help").findall(r.text))))
    theirs, mine = _cheer(r.ctx.text), _cheer(r.text)
    return {
        "offer_help": offer,
        "offer_help_upset": offer if upset else 0.0,
        "yes_open": float(bool(_yes_open().match(r.text))),
        "customer_cheer": theirs,
        "energy_gap": theirs - mine,
        "cheer_negative": mine * r.ctx.negative,
        "sales_pitch": pitch,
        "pitch_at_close": pitch * float(r.ctx.closing),
    }
