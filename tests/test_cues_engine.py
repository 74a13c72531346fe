"""The cue engine's prefilters: one literal scan and the clause sieve drop no match."""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from servicemind.analyse import _cues
from servicemind.analyse._cues import (
    _FOLD_TRAPS,
    Book,
    Cue,
    CueSet,
    LiteralIndex,
    _book,
    _phrase_book,
    _windows,
    anchor_literals,
    has_fold_trap,
    is_negated,
    literal_clauses,
    lower_case_form,
    lowerable,
    lowered_regex,
    phrase_regex,
    shared_index,
)
from servicemind.errors import ModelError

LEXICONS = ("agent_cues.json", "context_cues.json", "commitments.json")


def _lists() -> dict[str, CueSet]:
    out = {f"agent:{k}": v for k, v in _book("agent_cues.json").items()}
    for lx in LEXICONS[1:]:
        out.update({f"{lx}:{k}": v.cues_ for k, v in _phrase_book(lx).items()})
    return out


def _demo_texts() -> list[str]:
    raw = resources.files("servicemind.demo").joinpath("conversations.jsonl").read_text("utf-8")
    return [t["text"] for line in raw.splitlines() for t in json.loads(line)["turns"]]


def _literal_soup(index: LiteralIndex, seed: int, n: int = 200) -> list[str]:
    """Texts made of the index's own literals, cut and glued so that they overlap."""
    rng = random.Random(seed)
    lits = index.literals
    out = []
    for _ in range(n):
        parts = []
        for _ in range(rng.randint(1, 12)):
            w = rng.choice(lits)
            parts.append(w[: rng.randint(1, len(w))] if rng.random() < 0.3 else w)
        out.append(rng.choice(["", " ", "x", "\n"]).join(parts))
    return out


def _indexes() -> list[LiteralIndex]:
    return list({id(cs.index_): cs.index_ for cs in _lists().values()}.values())


def test_cues_literal_scan_equals_substring_checks() -> None:
    texts = [t.lower() for t in _demo_texts()]
    texts += ["\n".join(texts[i : i + 3]) for i in range(0, 60, 2)]  # lines seen before
    texts += ["\n\nsorry\n", "\n"]
    for k, index in enumerate(_indexes()):
        assert len(index.literals) > 50
        for low in [*texts, *_literal_soup(index, k), "", "so", "sorry sorr sor"]:
            assert index.found(low) == frozenset(x for x in index.literals if x in low), low


@pytest.mark.parametrize("automaton", [False, True])
def test_cues_regex_and_automaton_scans_find_the_same_literals(automaton: bool) -> None:
    # the trie regex (pure Python) and the Aho-Corasick automaton (pyahocorasick, when
    # installed) must find exactly the literals present, so the outputs do not depend on
    # which one a machine has
    if automaton:
        pytest.importorskip("ahocorasick")
    texts = [t.lower() for t in _demo_texts()]
    texts += ["\n".join(texts[i : i + 3]) for i in range(0, 60, 2)]
    texts += ["", "\n", "é", "so", "sorry sorr sor", "ça va très bien, danke schön"]
    for k, shared in enumerate(_indexes()):
        index = LiteralIndex(automaton=automaton)
        index.add(frozenset(shared.literals))
        for low in [*texts, *_literal_soup(shared, 20 + k)]:
            want = frozenset(x for x in shared.literals if x in low)
            assert index.found(low) == want, low
    assert LiteralIndex(automaton=automaton).found("anything") == frozenset()


def test_cues_automaton_is_the_default_scan_when_installed() -> None:
    try:
        import ahocorasick  # noqa: F401
    except ImportError:
        assert shared_index().automaton is False
        with pytest.raises(ModelError):
            LiteralIndex(automaton=True)
    else:
        assert shared_index().automaton is True


def _matches(cs: CueSet, i: int, text: str) -> bool:
    return any(m.end() > m.start() for m in cs.regexes[i].finditer(text))


def test_cues_clause_sieve_keeps_every_cue_that_matches() -> None:
    texts = _demo_texts()[::3]
    texts += [t.upper() for t in texts[:20]]
    kept = dropped = 0
    for cs in _lists().values():
        texts_here = [*texts, *_literal_soup(cs.index_, 7, 40)]
        for text in texts_here:
            found = cs.index_.found(text.lower())
            everyone = list(range(len(cs.cues)))
            sifted = set(cs.sift(everyone, text, found))
            for i in everyone:
                if i in sifted:
                    kept += 1
                    continue
                dropped += 1
                assert not _matches(cs, i, text), (cs.cues[i].pattern, text)
    assert dropped > kept  # the sieve does work: most cues cannot match a given text


@settings(
    max_examples=250,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(st.data())
def test_cues_clause_sieve_keeps_generated_matches(data: st.DataObject) -> None:
    lists = _lists()
    cs = lists[data.draw(st.sampled_from(sorted(lists)))]
    i = data.draw(st.integers(0, len(cs.cues) - 1))
    rx = re.compile(phrase_regex(cs.cues[i].pattern), re.IGNORECASE)
    text = data.draw(st.from_regex(rx))
    if _matches(cs, i, text):
        assert cs.sift([i], text, cs.index_.found(text.lower())) == [i]


def test_cues_fold_traps_are_the_only_non_ascii_case_partners_of_ascii() -> None:
    every = "".join(chr(c) for c in range(0x80, 0x110000) if not 0xD800 <= c < 0xE000)
    partners = set(re.findall("[\\x00-\\x7f]", every, re.IGNORECASE))
    assert partners == set(_FOLD_TRAPS.pattern.strip("[]"))


def test_cues_text_with_a_fold_trap_is_not_sifted() -> None:
    cs = _book("agent_cues.json")["empathy"]
    assert cs.sift([0, 1, 2], "I'm ſo ſorry", frozenset()) == [0, 1, 2]


@pytest.mark.parametrize(
    ("regex", "clauses"),
    [
        (phrase_regex("so sorry"), [{"so sorry"}]),
        (phrase_regex("i'll (call|email) you"), [{"i"}, {"ll "}, {"call", "email"}, {" you"}]),
        ("let me (?!know)", [{"let me "}]),  # a lookahead is not consumed: no clause
        ("(?:sorry)? about|regret", [{" about", "regret"}]),
        ("(ab)+cd|x", []),  # a branch with no usable literal: nothing required
        ("müssen", [{"ssen"}]),  # non-ASCII letters split runs
    ],
)
def test_cues_literal_clauses_of_hand_written_patterns(regex: str, clauses: list[set[str]]) -> None:
    want = [frozenset(c) for c in clauses if min(map(len, c)) >= 2]
    assert list(literal_clauses(regex)) == want


def test_cues_politeness_sieve_changes_no_strategy_hit(monkeypatch: pytest.MonkeyPatch) -> None:
    from servicemind.analyse.traits import _politeness
    from servicemind.training._labels import load_items

    pairs = Path(__file__).resolve().parent.parent / "training" / "data" / "traits" / "pairs"
    items = load_items(pairs).values()
    texts = _demo_texts() + [v["reply"] for v in items][:400]
    texts += [t.upper() for t in texts[:40]] + ["Please, could you help?", "PLEASE HELP"]
    sifted = [_politeness.strategy_hits(t) for t in texts]
    monkeypatch.setattr(_politeness, "has_fold_trap", lambda text: True)  # sieve off
    assert [_politeness.strategy_hits(t) for t in texts] == sifted


def test_cues_search_with_the_lazily_built_alternation() -> None:
    cs = _book("agent_cues.json")["empathy"]
    assert cs.search("I'm so sorry about the wait")
    assert not cs.search("")
    assert cs.search("x") is bool(cs.find("x"))


def test_cues_every_lexicon_shares_one_literal_index() -> None:
    from servicemind.analyse.traits._politeness import _literal_index

    shared = shared_index()
    own = {k: cs.index_ for k, cs in _lists().items() if cs.index_ is not shared}
    assert own and all(k.startswith("context_cues.json:") for k in own)
    # the context cues' own index hangs off the shared one, which holds all its literals
    assert len({id(i) for i in own.values()}) == 1
    child = next(iter(own.values()))
    assert child.parent is shared and set(child.literals) <= set(shared.literals)
    assert len(child.literals) < len(shared.literals) / 2
    assert _literal_index() is shared


def test_cues_child_index_takes_lines_the_parent_kept_and_scans_the_others() -> None:
    parent = LiteralIndex()
    parent.add(frozenset({"sorry", "call", "refund"}))
    child = LiteralIndex(parent=parent)
    child.add(frozenset({"sorry", "angry"}))
    assert set(parent.literals) == {"sorry", "call", "refund", "angry"}
    scanned: list[str] = []
    scan = child._found_in
    child._found_in = lambda low: scanned.append(low) or scan(low)  # type: ignore[method-assign]
    assert parent.found("so sorry, i will call") == {"sorry", "call"}
    assert child.found("so sorry, i will call") == {"sorry"}  # the parent's line, no scan
    assert scanned == []
    assert child.found("i am angry and sorry\nso sorry, i will call") == {"angry", "sorry"}
    assert scanned == ["i am angry and sorry"]
    assert child.found("refund me") == frozenset() and scanned[-1] == "refund me"


def test_cues_literal_index_forgets_kept_lines_when_literals_are_added() -> None:
    index = LiteralIndex()
    index.add(frozenset({"sorry"}))
    assert index.found("so sorry, we will call") == {"sorry"}
    assert index.found("so sorry, we will call\nthanks") == {"sorry"}
    index.add(frozenset({"call", "thanks"}))  # a lexicon loaded later
    assert index.found("so sorry, we will call") == {"sorry", "call"}
    assert index.found("so sorry, we will call\nthanks") == {"sorry", "call", "thanks"}


def test_cues_literal_index_line_memo_stays_bounded_and_exact(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(_cues, "LINE_MEMO", 8)
    index = LiteralIndex()
    index.add(frozenset({"sorry", "call"}))
    lines = [
        f"line {i} {'sorry' if i % 3 == 0 else 'call' if i % 3 == 1 else 'ok'}" for i in range(40)
    ]
    for i, line in enumerate(lines):
        want = {lit for lit in ("sorry", "call") if lit in line}
        assert index.found(line) == want
        assert len(index._lines) <= 8
        # a two-line text after the memo is full: the union of its lines, still bounded
        assert index.found(f"{line}\n{lines[i - 1]}") == want | {
            lit for lit in ("sorry", "call") if lit in lines[i - 1]
        }
        assert len(index._lines) <= 8
    assert lines[-1] in index._lines and lines[0] not in index._lines  # the oldest went


def _long_texts() -> list[str]:
    texts = _demo_texts()
    out = [" ".join(texts[i : i + 4]) for i in range(0, len(texts), 4)]
    return [t for t in out if len(t) > 160]


def test_cues_windows_from_found_literals_and_kept_offsets_are_the_same() -> None:
    cs = _book("agent_cues.json")["solution"]
    index = cs.index_
    checked = 0
    for text in [*_long_texts(), *_literal_soup(index, 3, 60)]:
        low = text.lower()
        found = index.found(low)
        where: dict[str, list[int]] = {}
        for i, req in enumerate(cs.required):
            width = cs.width_[i]
            if req is None or width is None:
                continue
            plain = _windows(low, req, width)
            assert _windows(low, req, width, where, found) == plain
            assert _windows(low, req, width, where, found) == plain  # offsets reused
            checked += bool(plain)
    assert checked > 20


@pytest.mark.parametrize("lexicon", ["context_cues.json", "commitments.json"])
def test_cues_any_answers_as_the_full_matches_do(lexicon: str) -> None:
    sets = _phrase_book(lexicon)
    texts = [*_demo_texts(), *_long_texts()]
    texts += _literal_soup(next(iter(sets.values())).cues_.index_, 11, 80)
    yes = no = 0
    for text in texts:
        for key, ps in sets.items():
            book = ps.cues_.book_
            assert book is not None
            low = text.lower()
            answer = book.any(text, low, key)  # asked first: stops at the first match
            book._memo.clear()
            full = bool(book.raw(text, low, key))
            assert answer is full, (key, text)
            assert book.any(text, low, key) is full  # asked after the matches are kept
            yes += full
            no += not full
    assert yes > 50 and no > 50


def test_cues_spans_are_every_non_empty_match_of_each_candidate() -> None:
    # a cue whose first match is empty ("x*" at a word start), one that only ever matches
    # empty, and cues that match several times: each cue's spans are its own finditer's
    # non-empty matches, whether the first one found is empty, non-empty or missing (and
    # "!" matches right after its previous match)
    patterns = ["x*", "(?=a)", "sorry", "we(?:'ll)? call", "zzz", "!"]
    cs = CueSet([Cue(p, 1.0, p) for p in patterns])
    texts = ["ab xx Sorry, sorry!!! we call, We'll call xxx", "xx", "", "no match", "a x", "!!"]
    every = list(range(len(patterns)))
    for text in texts:
        low = text.lower()
        for lowered in (False, True):
            subject = low if lowered else text
            want = [
                (m.start(), i, m.end(), text[m.start() : m.end()])
                for i in every
                for m in (cs.lowered_at(i) if lowered else cs.regex_at(i)).finditer(subject)
                if m.end() > m.start()
            ]
            assert cs._spans(text, low, every, lowered=lowered) == want, (text, lowered)
            assert cs._spans(text, low, every, first=True, lowered=lowered) == want[:1]
    assert len(cs._spans(texts[0], texts[0].lower(), every)) == 9


def test_cues_lists_read_through_their_book_find_what_a_lone_list_finds() -> None:
    texts = _demo_texts()[::2]
    texts += [t.replace("s", "\u017f", 1).replace("k", "\u212a", 1) for t in texts[:60]]
    assert any(has_fold_trap(t) for t in texts)
    for key, cs in _book("agent_cues.json").items():
        alone = CueSet(cs.cues)  # no book: works out the fold trap itself, per call
        for text in texts:
            assert cs.find(text) == alone.find(text), (key, text)


def test_cues_book_triggers_pass_the_cues_the_literal_sieve_passes() -> None:
    # a book reaches its cues through each one's rarest clause (_trigger) rather than its
    # required literals; its candidates must be exactly the required-literal lookup plus
    # the clause sieve of each list (word clauses cleared here: a test of their own checks
    # them), on plain text, on fold-trap text (no sieve) and on literal soup
    texts = _demo_texts()[::2]
    texts += [t.replace("s", "\u017f", 1) for t in texts[:30]]
    books = {id(cs.book_): cs.book_ for cs in _lists().values() if cs.book_ is not None}
    passed = 0
    for book in books.values():
        sets = {
            k: CueSet(c.cues, negatable=c.negatable, index=c.index_) for k, c in book.sets.items()
        }
        for cs in sets.values():
            cs.words_ = [() for _ in cs.words_]
        plain = Book(sets, book.index)
        soup = _literal_soup(book.index, 5, 60)
        for text in [*texts, *soup]:
            low = text.lower()
            cands = plain.candidates(text, low)
            found = book.index.found(low)
            for key, cs in sets.items():
                want = set(cs.candidates_in(found, text))
                assert set(cands.get(key, [])) == want, (key, text)
                passed += len(want)
    assert passed > 1000
    assert sum(len(p.always_sifted) for b in books.values() for p in b._parts) < sum(
        len(p.always) for b in books.values() for p in b._parts
    )  # most cues without a required literal still have a clause to be reached by


@pytest.mark.parametrize(
    ("regex", "want"),
    [
        ("passed away", {"passed away"}),
        ("(?:been|was) (?:with you|a customer)", {"with you", "a customer"}),
        ("😭", {"😭"}),
        ("☹️?", {"☹"}),
        ("d[eé]c[eè]s", {"d"}),  # the literal run before the class
        ("\\w+", None),  # nothing literal
        ("Thanks", None),  # not lower case: its literal is not in lower-cased text as written
    ],
)
def test_cues_anchor_literals(regex: str, want: set[str] | None) -> None:
    got = anchor_literals(regex)
    assert (None if got is None else set(got)) == want
    if got is not None:  # a match holds one of them as written
        for text in ("we passed away with you 😭 ☹️ décès dec", "a customer ☹ d"):
            for m in re.finditer(regex, text):
                assert any(lit in m.group(0) for lit in got)


def test_cues_phrase_count_is_the_number_of_occurrences() -> None:
    sets = _phrase_book("context_cues.json")
    texts = [*_demo_texts(), "Dear Sir or Madam, kind regards", "thx u r gr8 lol!!"]
    counted = 0
    for text in texts:
        for ps in sets.values():
            n = ps.count(text)
            assert n == len(ps.finditer(text)) == len(ps.finditer(text, text.lower()))
            counted += n
    assert counted > 20


def test_cues_lookahead_at_a_window_end_sees_the_following_text() -> None:
    from servicemind.analyse._cues import SHORT_TEXT, Cue

    cs = CueSet([Cue(r"let me (?!know\b)", 1.0, "offer to act")], negatable=False)
    pad = "We checked the account history and the order records carefully. " * 8
    assert len(pad) > SHORT_TEXT  # long enough to be scanned in windows, not whole
    assert cs.find(pad + "If anything else comes up, let me know.") == []
    hits = cs.find(pad + "Let me check the parcel for you.")
    assert [h.text.lower() for h in hits] == ["let me "]


def _spans_both(regex: str, text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    low_rx = lowered_regex(regex)
    assert low_rx is not None
    plain = [m.span() for m in re.finditer(regex, text, re.IGNORECASE)]
    return plain, [m.span() for m in low_rx.finditer(text.lower())]


@pytest.mark.parametrize(
    ("regex", "text"),
    [
        (r"\bI'?ll CALL\b", "i'll call you. I'LL Call! Ill call"),
        (r"[A-Z]{2}\d+", "ref AB12, ab34 and Zq9"),
        (r"[^a-z ]+", "Ab-CD ef!"),
        (r"(sorry|apolog(y|ies)) (?!NOT)\w+", "SORRY about it, Apologies not ok, sorry NOT"),
        (r"(?<=\bDear )[A-Z][a-z]+", "dear john, Dear MARY"),
        (r"(a)b\1", "aBA abA ABa"),  # a back-reference still ignores case
        (r"\bnão\b|é|[à-ÿ]+", "NAO sei, e A"),  # non-ASCII cue characters, an ASCII text
        (r"\bCALL\b", "Recall CALL, xcall call_ call"),  # the leading \b moved after "c"
        (r"\b(?:(te|LE) lo|[a-z]\d)\b", "ate lo, Le lo, tE LO; a1 ba1 _b2"),
        (r"\b(?:-x|y)", "a-x -x y"),  # starts with a non-word character: \b stays first
        # a leading repeat of one word character: its first copy, the \b, the rest
        (r"\b\d{1,2}(:\d{2})? ?(AM|pm)\b", "at 9am, 10:30 PM, 123am x9am 07 am _5pm"),
        (r"\b[a-z]+ WILL\b", "it will, Xwill, _a will, 9 will, é will"),
        (r"\b\w+?LY\b", "Only really LY, fly _ly"),  # a lazy repeat
        (r"\bA{2}b", "aab xaab AAB aaab"),
        (r"\b[a-z]{1}x", "ax bx; cax _x"),  # once exactly: no repeat left after the first
        (r"\b(\d+)-\1", "12-12 x12-12 3-4"),  # inside a group, with a back-reference
    ],
)
def test_cues_lowered_regex_finds_the_same_spans(regex: str, text: str) -> None:
    plain, low = _spans_both(regex, text)
    assert plain == low


def test_cues_lowered_regex_finds_what_case_insensitive_finds() -> None:
    plain, low = _spans_both(r"\bthe ORDER\b", "The Order, THE ORDER, the order")
    assert plain == low == [(0, 9), (11, 20), (22, 31)]


@pytest.mark.parametrize(
    "regex", [r"(?-i:Abc)", r"(?i:x)y", "ſorry", r"[\u2100-\u21ff]", r"\u212a"]
)
def test_cues_lowered_regex_declines_inline_flags_and_fold_traps(regex: str) -> None:
    assert lowered_regex(regex) is None


@settings(
    max_examples=250,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(st.data())
def test_cues_lowered_cue_matches_like_the_cue(data: st.DataObject) -> None:
    lists = _lists()
    cs = lists[data.draw(st.sampled_from(sorted(lists)))]
    i = data.draw(st.integers(0, len(cs.cues) - 1))
    rx = cs.regexes[i]
    # (characters with case outside ASCII dropped: such texts keep the case-insensitive path)
    inner = "".join(c for c in data.draw(st.from_regex(rx)) if lowerable(c))
    flips = data.draw(st.lists(st.booleans(), min_size=len(inner), max_size=len(inner)))
    text = "Ab " + "".join(c.upper() if f else c for c, f in zip(inner, flips, strict=True))
    want = [m.span() for m in rx.finditer(text)]
    assert [m.span() for m in cs.lowered_at(i).finditer(text.lower())] == want


def test_cues_lower_case_form_keeps_the_other_flags() -> None:
    rx = re.compile(r"WILL.+?FRIDAY", re.IGNORECASE | re.DOTALL)
    text = "It Will\nreach you by Friday."
    low_rx = lower_case_form(rx)
    assert low_rx is not rx  # carried over, not the fallback
    assert [m.span() for m in low_rx.finditer(text.lower())] == [(3, 27)]
    assert [m.span() for m in rx.finditer(text)] == [(3, 27)]


def test_cues_lower_case_form_refuses_a_case_sensitive_pattern() -> None:
    with pytest.raises(ValueError, match="not a case-insensitive"):
        lower_case_form(re.compile("Abc"))


def test_cues_lowered_regex_reads_the_text_before_a_window() -> None:
    text = "Recall me; CALL me"
    low_rx = lowered_regex(r"\bcall me\b")
    assert low_rx is not None
    for pos in range(len(text)):
        want = [m.span() for m in re.finditer(r"\bcall me\b", text, re.I) if m.start() >= pos]
        assert [m.span() for m in low_rx.finditer(text.lower(), pos)] == want


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("Plain ASCII, even UPPER case.", True),
        ("It’s £5 — “quoted”… ok 😀", True),  # no case outside ASCII
        ("Café", False),
        ("ſorry", False),  # a fold trap
        ("\u212a", False),  # the Kelvin sign
        ("µ", False),  # cased: the Greek mu is its upper case
    ],
)
def test_cues_lowerable_texts_have_no_case_outside_ascii(text: str, ok: bool) -> None:
    assert lowerable(text) is ok


def test_cues_lowerable_characters_match_only_themselves_ignoring_case() -> None:
    # what re.IGNORECASE does with a character: its simple lower case (_sre.unicode_tolower)
    # and a few extra equivalences (re._casefix); none may join a lowerable non-ASCII
    # character to another, or lower-casing the text would change what a pattern matches
    import _sre
    from re._casefix import _EXTRA_CASES

    for x in range(0x80, 0x110000):
        if 0xD800 <= x < 0xE000:
            continue
        low = _sre.unicode_tolower(x)
        if lowerable(chr(x)):
            assert low == x and not _sre.unicode_iscased(x) and x not in _EXTRA_CASES
        elif low != x and low >= 0x80:
            assert not lowerable(chr(low)), hex(x)


def test_cues_lowered_regex_on_a_lowerable_text() -> None:
    text = "It’s £5 — I'LL CALL you"
    plain, low = _spans_both(r"£\d|\bi['’]ll call\b|it’s", text)
    assert plain == low == [(0, 4), (5, 7), (10, 19)]


def test_cues_search_alone_answers_as_search_does() -> None:
    # a one-off text asked about one list: only that list is sifted, same answer, kept or not
    from servicemind.analyse._cues import phrase_set

    texts = [
        "You useless idiots cut off my internet AGAIN.\nI work from home!!",
        "Thanks, all sorted now!\n",
        "My order still hasn't arrived and it's been two weeks.\nThis is ridiculous!",
        "Hola, mi pedido no ha llegado todavía.",
        "",
    ]
    for key in ("hostile", "problem", "closing"):
        ps = phrase_set("context_cues.json", key)
        for text in texts:
            alone = ps.search_alone(text)
            assert alone == ps.search(text) == ps.search_alone(text)
    assert phrase_set("context_cues.json", "hostile").search_alone(texts[0])
    assert not phrase_set("context_cues.json", "hostile").search_alone(texts[1])


@pytest.mark.parametrize(
    ("regex", "moved"),
    [
        (r"\b[A-Z]{4,}\b(?:\W+\b[A-Z]{2,}\b)+", True),  # the politeness "all caps" strategy
        (r"\bCall\b", True),
        (r"Call\b", False),  # no leading \b: nothing to move
        (r"\b-x", False),  # a non-word character first: the \b stays
    ],
)
def test_cues_boundary_moved_finds_the_same_case_sensitive_spans(regex: str, moved: bool) -> None:
    from servicemind.analyse._lowered import boundary_moved

    rx = boundary_moved(regex)
    assert (rx is not None) is moved
    texts = [
        "PLEASE FIX THIS NOW, ok",
        "xPLEASE FIX IT",
        "THANKS a lot",
        "Call me; Recall call",
        "-x a-x",
    ]
    for text in texts + [t.upper() for t in texts]:
        want = [m.span() for m in re.finditer(regex, text)]
        assert [m.span() for m in (rx or re.compile(regex)).finditer(text)] == want


def test_cues_case_insensitive_regexes_compile_on_first_use() -> None:
    cs = CueSet([Cue("refund", 1.0, "refund"), Cue("call (you|u) back", 1.0, "call back")])
    assert cs.regexes_ == [None, None]  # nothing compiled at load
    assert cs.regex_at(1).search("I'll CALL you back") is not None
    assert cs.regexes_[0] is None and cs.regexes_[1] is cs.regex_at(1)  # kept once compiled
    assert [rx.pattern for rx in cs.regexes] == [phrase_regex("refund"), cs.patterns_[1]]
    # a non-lowerable text (Turkish dotted capital I) takes the case-insensitive path
    assert [h.text for h in cs.find("İ will refund it")] == ["refund"]


def test_cues_every_packaged_cue_compiles() -> None:
    # compiled lazily now, so a lexicon error would surface at first use: check them all here
    for name, cs in _lists().items():
        for rx, pattern in zip(cs.regexes, cs.patterns_, strict=True):
            assert rx.pattern == pattern and rx.flags & re.IGNORECASE, name


def test_cues_preload_runs_each_loader_once_before_the_first_scan() -> None:
    index = LiteralIndex()
    index.add(frozenset({"sorry"}))
    calls: list[str] = []

    def load() -> None:
        calls.append("load")
        index.add(frozenset({"refund"}))

    index.preload(load)
    assert calls == []  # nothing runs until the index is used
    assert index.found("sorry, your refund is on its way") == {"sorry", "refund"}
    assert index.found("a refund") == {"refund"}
    assert calls == ["load"]


def test_cues_lexicon_modules_preload_their_literals_into_the_shared_index() -> None:
    # a fresh process: the first scan must already hold every lexicon's literals, so
    # loading the lexicons afterwards adds none (and does not recompile the trie)
    code = """
from servicemind.analyse import commitments
from servicemind.analyse._cues import shared_index
from servicemind.analyse.traits import _analyser, _politeness
shared = shared_index()
shared.found("warm up")
before = len(shared.literals)
commitments._load_literals()
_analyser._load_agent_lexicons()
_politeness._literal_index()
print(before, len(shared.literals))
"""
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[1] / "src")}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    before, after = map(int, out.stdout.split())
    assert before > 2000 and after == before


@pytest.mark.parametrize(
    ("text", "cue", "negated"),
    [
        # a cue that opens its own clause after "and"/"but" is out of the negator's reach
        ("I'll make sure this never happens again and I guarantee a refund.", "I guarantee", False),
        ("That's not OK and I'm sorry it happened.", "I'm sorry", False),
        ("We can't refund it, but we can offer a voucher.", "we can offer", False),
        # look-alikes: the negator is in the cue's own clause
        ("I cannot guarantee a refund.", "guarantee", True),
        ("It's not your fault.", "your fault", True),
        ("I'm not happy and willing to do that.", "willing", True),
        ("Not now and I don't guarantee it.", "guarantee", True),
    ],
)
def test_cues_negation_stays_in_its_clause(text: str, cue: str, negated: bool) -> None:
    assert is_negated(text, text.index(cue)) is negated


def test_cues_find_negates_as_is_negated_does() -> None:
    """The hot path in CueSet.find writes the negation test out; it must agree."""
    from servicemind.analyse._cues import cueset

    text = "I understand. I'll make sure this never happens again and I guarantee a refund today."
    hits = cueset("agent_cues.json", "over_promise").find(text)
    assert [h.text for h in hits if not h.negated] == ["never happens again", "I guarantee"]
    assert all(not is_negated(text, h.start) for h in hits)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.text(alphabet=st.sampled_from("aksiIK .\u0130\u0131\u017f\u212a\u2019é")))
def test_has_fold_trap_is_the_trap_search(text: str) -> None:
    # (an ASCII text is answered without the search: none of the characters is ASCII)
    assert has_fold_trap(text) is (_FOLD_TRAPS.search(text) is not None)
    # the ASCII shortcut's premise: no fold trap is an ASCII character
    plain = text.encode("ascii", "ignore").decode()
    assert _FOLD_TRAPS.search(plain) is None and not has_fold_trap(plain)
