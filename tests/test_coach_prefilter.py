"""The coach's literal prefilter never skips a rule that would have matched."""

from __future__ import annotations

import json
import re
from importlib import resources

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from servicemind.coach import facts, rewrite
from servicemind.coach._data import load
from servicemind.coach._prefilter import (
    FOLD_TO_ASCII,
    Gated,
    GatedAny,
    GatedList,
    alternatives,
    fold,
    required_literals,
)
from servicemind.coach.rewrite import _rules


def _objects() -> list[object]:
    """The rule data's patterns and the rewriter's own prefiltered ones."""
    return [*_rules().values(), *vars(rewrite).values()]


def _all_gated() -> list[Gated]:
    out: list[Gated] = []
    for v in _objects():
        if isinstance(v, Gated):
            out.append(v)
        elif isinstance(v, GatedList):
            out.extend(v.rules)
        elif isinstance(v, GatedAny):
            out.extend(v.parts.rules)
    return out


def _anys() -> list[tuple[GatedAny, re.Pattern[str]]]:
    return [
        (v, re.compile(v.pattern, v.parts.rules[0].rx.flags))
        for v in _objects()
        if isinstance(v, GatedAny)
    ]


def _lists() -> list[GatedList]:
    return [v for v in _objects() if isinstance(v, GatedList)]


def _literal_chars() -> set[str]:
    return {ch for g in _all_gated() for s in g.lits or () for ch in s if not ch.isascii()}


def test_case_folding_traps_are_exactly_the_listed_characters() -> None:
    # every code point outside ASCII that IGNORECASE matches to an ASCII character is one
    # that fold() maps to it; and the non-ASCII characters kept in literals match only
    # themselves
    ascii_any = re.compile(r"[\x00-\x7f]", re.I)
    odd = _literal_chars()
    assert "🙃" in odd  # the rule data has emoji literals: the check below is not empty
    own = re.compile("[" + "".join(re.escape(c) for c in sorted(odd)) + "]", re.I)
    traps: set[str] = set()
    matched_odd: set[str] = set()
    for cp in range(0x80, 0x110000):
        ch = chr(cp)
        if ascii_any.fullmatch(ch):
            traps.add(ch)
        if own.fullmatch(ch):
            matched_odd.add(ch)
    assert traps == set(FOLD_TO_ASCII)
    for ch, letter in FOLD_TO_ASCII.items():
        assert re.fullmatch(letter, ch, re.I)
        assert fold(ch) == letter
    assert matched_odd == odd


def test_required_literals_of_hand_written_patterns() -> None:
    assert required_literals(r"\bas i (?:already )?said") == {"as i "}
    # the most selective clause: the longest shortest string
    assert required_literals(r"(?:Sorry|apolog\w*) for") == {"sorry", "apolog"}
    assert required_literals(r"(?:no|ok) thanks") == {" thanks"}
    # the parser moves the common "c" out of the branch: it is put back
    assert required_literals(r"the (?:chat|call)") == {"the chat", "the call"}
    assert required_literals(r"(?:chat|call) no") == {"chat", "call"}
    assert required_literals(r"x*y?") is None
    assert required_literals(r"\w+") is None
    assert required_literals(r"(?:ab|)") is None  # an empty alternative needs nothing
    assert required_literals(r"(?:abc)+d") == {"abc"}
    assert required_literals(r"(?:abc){0,2}d") == {"d"}
    # a longer string that contains a shorter alternative adds nothing
    assert required_literals(r"(?:thanks|thanks a lot|ty)") == {"thanks", "ty"}


def test_alternatives_of_hand_written_patterns() -> None:
    assert alternatives(r"\b(?:a|b(?:c|d))\b") == [r"\b(?:a)\b", r"\b(?:b(?:c|d))\b"]
    assert alternatives(r"x|\b(?:a|b)") == ["x", r"\b(?:a)", r"\b(?:b)"]
    assert alternatives(r"[|(]|y") == ["[|(]", "y"]
    assert alternatives(r"\|x") == [r"\|x"]
    # not one group around the whole pattern: "(?:a|b) (?:c|d)" is no alternation
    assert alternatives(r"(?:a|b) (?:c|d)") == [r"(?:a|b) (?:c|d)"]
    # parts tied together by a backreference stay whole
    assert alternatives(r"(a)|\1") == [r"(a)|\1"]
    g = GatedAny(r"\b(?:still waiting|not (?:received|arrived))\b|!!")
    assert g.exists("It has NOT arrived") and g.exists("why!!") and not g.exists("arrived")


def test_gated_matches_like_its_pattern_on_hand_written_texts() -> None:
    g = Gated(r"\bnot (?:our|my) problem")
    for text, hit in [
        ("That is NOT OUR PROBLEM.", True),
        ("That is not my problem", True),
        ("nOt mY pRoblem", True),
        ("not\u212a our problem", False),
        ("not yours", False),
        ("", False),
    ]:
        assert (g.search(text) is not None) is hit, text
        assert g.sub("X", text) == g.rx.sub("X", text)
    # the Kelvin sign and the long s match k and s under IGNORECASE: never skipped
    k = Gated(r"\bask them")
    assert k.search("ASK them") and k.search("a\u017f\u212a them")


def _texts() -> list[str]:
    text = resources.files("servicemind").joinpath("demo", "conversations.jsonl").read_text("utf-8")
    out = [
        t["text"] for line in text.splitlines() if line.strip() for t in json.loads(line)["turns"]
    ]
    for name in ("acknowledgements", "phrases"):
        stack = [load(name)]
        while stack:
            x = stack.pop()
            if isinstance(x, str):
                out.append(x)
            elif isinstance(x, dict):
                stack.extend(x.values())
            elif isinstance(x, list):
                stack.extend(x)
    return out


def _check(text: str) -> None:
    for g in _all_gated():
        if g.rx.search(text) is not None:
            assert g.may_match(text), (g.pattern, text)
    for lst in _lists():
        assert lst.candidates(text) == [i for i, g in enumerate(lst.rules) if g.may_match(text)]
    for any_, whole in _anys():
        assert any_.exists(text) == (whole.search(text) is not None), (any_.pattern, text)


def test_no_rule_skipped_on_demo_and_phrase_texts() -> None:
    texts = _texts()
    assert len(texts) > 300
    trap = str.maketrans({"i": "\u0130", "s": "\u017f", "k": "\u212a"})
    for t in texts:
        for variant in (t, t.upper(), t.translate(trap)):
            _check(variant)


def _pieces() -> list[str]:
    lits = sorted({s for g in _all_gated() for s in g.lits or ()})
    return [*lits, " ", ". ", "!", "?", ",", "\n", "'", "’", "I", "you", "we", "the", "it"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from(_pieces()), min_size=1, max_size=12),
    st.sampled_from(["", "upper", "title", "trap"]),
)
def test_no_rule_skipped_on_texts_built_from_rule_words(parts: list[str], case: str) -> None:
    text = " ".join(parts)
    if case == "upper":
        text = text.upper()
    elif case == "title":
        text = text.title()
    elif case == "trap":
        text = text.translate(str.maketrans({"k": "\u212a", "s": "\u017f", "i": "\u0131"}))
    _check(text)


def test_scan_applies_each_rule_in_order_to_what_the_earlier_ones_left() -> None:
    # the second rule only matches after the first removed "very ": it is not skipped
    lst = GatedList([r"very ", r"\bgood job\b", r"\bnever\b"])
    seen: list[int] = []

    def step(i: int, text: str) -> str:
        seen.append(i)
        return lst[i].rx.sub("", text)

    assert lst.scan("good very job!", step) == "!"
    assert seen == [0, 1]


def _tidy_reference(text: str) -> str:
    """The rewriter's tidying as written before its substitutions were skipped when they
    cannot match: every substitution always applied."""
    from servicemind.coach.rewrite import _LOWER_START, _NO_SENTENCE_END, _TIDY

    for rx, repl, _ in _TIDY:
        text = rx.sub(repl, text)

    def upper(m: re.Match[str]) -> str:
        if _NO_SENTENCE_END.search(text, 0, m.start() + 1):
            return m.group()
        return m.group(1) + m.group(2).upper()

    return _LOWER_START.sub(upper, text).strip()


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=" \t\n.,;:!?-abA\u00a0", max_size=30))
def test_tidy_skips_only_substitutions_that_cannot_match(text: str) -> None:
    from servicemind.coach.rewrite import _tidy

    assert _tidy(text) == _tidy_reference(text)


def test_tidy_on_hand_written_text() -> None:
    from servicemind.coach.rewrite import _tidy

    assert _tidy("ok ,  thanks..  see you ;.") == "Ok, thanks. See you."
    assert _tidy("Hi\n, there") == "Hi\nThere"


_FACT_WORDS = [(facts._DATE_WORDS, facts._DATE_WORD), (facts._NUMBER_WORDS, facts._NUMBER_WORD)]


def _spans(rx: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in rx.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from([*facts._DATE_WORDS, *facts._NUMBER_WORDS, "s", "-", " ", "_", "é", "2"]),
        max_size=8,
    ),
    st.sampled_from(["", "upper", "trap"]),
)
def test_fact_word_tries_find_what_the_plain_alternations_find(parts: list[str], case: str) -> None:
    text = "".join(parts)
    if case == "upper":
        text = text.upper()
    elif case == "trap":
        text = text.translate(str.maketrans({"k": "\u212a", "s": "\u017f", "i": "\u0131"}))
    for words, fast in _FACT_WORDS:
        plain = re.compile(r"\b(?:" + "|".join(words) + r")\b", re.I)
        assert _spans(fast, text) == _spans(plain, text)
        assert bool(fast.fullmatch(text)) == bool(plain.fullmatch(text))


def test_fact_word_tries_on_hand_written_text() -> None:
    text = "See you MONDAY or Mondays, twenty-one at noon; weeKend"
    assert [m.group() for m in facts._DATE_WORD.finditer(text)] == ["MONDAY", "noon", "weeKend"]
    assert [m.group() for m in facts._NUMBER_WORD.finditer(text)] == ["twenty", "one"]
