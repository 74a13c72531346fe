"""Whole-word clauses: a cue skipped for lacking its words could not have matched."""

from __future__ import annotations

import re
import re._parser as _sre_parse

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from servicemind.analyse._cues import Book, CueSet, has_fold_trap, phrase_regex
from servicemind.analyse._word_clauses import text_words, word_clauses
from test_cues_engine import _demo_texts, _lists, _literal_soup

#: Hand-written replies in the languages whose openers are closed lists of short words.
MULTILINGUAL = [
    "Hola Ana, te lo envío mañana por la mañana y le llamo el lunes.",
    "Se lo cambiamos hoy mismo; les escribimos cuando llegue.",
    "Lo siento mucho. Le enviamos la etiqueta de devolución esta tarde.",
    "Te mando el enlace ahora. Nos encargamos del reembolso.",
    "Olá, vou enviar-lhe o código amanhã. Lhe ligamos na segunda.",
    "Vi mandiamo il rimborso entro venerdì; ti richiamo domani.",
    "Ci scusiamo per il ritardo, la contatteremo entro 24 ore.",
    "Je vous rappelle demain matin et nous vous enverrons le colis.",
    "On vous le renvoie lundi. Je m'en occupe.",
    "Wir rufen Sie morgen an. Ich schicke Ihnen die Rechnung.",
    "Ik bel u vanmiddag terug en we sturen u morgen een nieuwe kaart.",
    "Jutro zadzwonię i wyślemy nową kartę. Przepraszamy.",
    "Yarın sizi arayacağım ve kartınızı göndereceğiz.",
    "I'll call you tomorrow before noon. We'll refund the £40 by Friday.",
    "The technician, Mark, will visit on Tuesday between 8am and 12pm.",
    "They'll be in touch within 2 working days; she will email you the label.",
    "I can guarantee we won't charge you again. Let me check that for you.",
    "Please click Settings, then tap Reset. I've sent you the link.",
    "TE LO ENVÍO HOY. WE'LL CALL YOU BACK AT 3PM.",
    "item please style tell steal lesson, se-lo te_le: l'item",
    "Dziękuję! Ürününüz yarın kargoya verilecek, ne olursa olsun.",
    "ok 👍 we’ll sort it — promise… £5 credit today",
]


def _texts() -> list[str]:
    texts = [*_demo_texts(), *MULTILINGUAL]
    return texts + [t.upper() for t in texts[:40]] + [t.title() for t in MULTILINGUAL]


@pytest.mark.parametrize(
    ("regex", "clauses"),
    [
        (r"\b(?:(te|le|les|se lo) \w+(o|amos))\b", [{"te", "le", "les", "se"}]),
        (r"\b(?:i['’]ll|we will) call\b", [{"i", "we"}, {"call"}]),
        (r"\b(?:(will|would) be)\b", [{"will", "would"}, {"be"}]),
        (r"\b(?:vi|ti|ci) (mand|invi)\w+", [{"vi", "ti", "ci"}]),
        (r"\b(?:[iw](?<!\w[iw])e) can\b", [{"ie", "we"}, {"can"}]),
        (
            r"\b(?:(the|our)( very)? (team|staff)s?)\b",
            [{"the", "our"}, {"team", "teams", "staff", "staffs"}],
        ),
        (r"\w+ly(te|le)\b", []),  # no boundary before the list
        (r"\b(?:te)", []),  # the word may go on ("tell")
        (r"\b(?:(te|leave) (?:lo|la))\b", [{"te", "leave"}, {"lo", "la"}]),
        (r"\b(?:(?:te )?(?:x|y)z)\b", [{"te", "xz", "yz"}]),  # with the optional word or not
    ],
)
def test_word_clauses_of_hand_written_patterns(regex: str, clauses: list[set[str]]) -> None:
    got = word_clauses(_sre_parse.parse(regex, re.IGNORECASE))
    assert sorted(sorted(c) for c in got) == sorted(sorted(w.encode() for w in c) for c in clauses)


def test_word_clauses_text_words_are_the_words_of_the_text() -> None:
    for text in [*_texts(), "", "a_b c'd 3pm", "İstanbul ſ K", "naïve café"]:
        low = text.lower()
        want = frozenset(w.lower().encode() for w in re.findall(r"\w+", text))
        assert text_words(text, low, False) == want, text
        if low == text.lower() and (text.isascii() or not any(c.isalpha() for c in text)):
            assert text_words(text, low, True) == want, text


def _matches(rx: re.Pattern[str], text: str) -> bool:
    return any(m.end() > m.start() for m in rx.finditer(text))


def test_word_clauses_every_match_holds_its_words() -> None:
    lists = _lists()
    checked = skipped = 0
    for cs in lists.values():
        texts = [*_texts(), *_literal_soup(cs.index_, 5, 30)]
        for text in texts:
            if has_fold_trap(text):
                continue
            words = text_words(text, text.lower(), False)
            for i, clauses in enumerate(cs.words_):
                if not clauses:
                    continue
                met = all(not words.isdisjoint(c) for c in clauses)
                if not met:
                    skipped += 1
                    assert not _matches(cs.regex_at(i), text), (cs.cues[i].pattern, text)
                else:
                    checked += 1
    assert skipped > 1000 and checked > 1000  # the clauses do rule cues out


@settings(
    max_examples=300,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(st.data())
def test_word_clauses_hold_in_generated_matches(data: st.DataObject) -> None:
    lists = _lists()
    cs = lists[data.draw(st.sampled_from(sorted(lists)))]
    with_words = [i for i, w in enumerate(cs.words_) if w]
    if not with_words:
        return
    i = data.draw(st.sampled_from(with_words))
    rx = re.compile(phrase_regex(cs.cues[i].pattern), re.IGNORECASE)
    text = data.draw(st.from_regex(rx))
    if _matches(rx, text) and not has_fold_trap(text):
        words = text_words(text, text.lower(), False)
        assert all(not words.isdisjoint(c) for c in cs.words_[i]), (cs.cues[i].pattern, text)


def _ungated(book: Book) -> Book:
    """A copy of ``book``'s lists whose sieve has no word clauses (the plain literal sieve)."""
    sets = {
        k: CueSet(cs.cues, negatable=cs.negatable, index=cs.index_) for k, cs in book.sets.items()
    }
    for cs in sets.values():
        cs.words_ = [() for _ in cs.words_]
    return Book(sets, book.index)


def test_word_clauses_gated_and_ungated_books_find_the_same() -> None:
    books = {id(cs.book_): cs.book_ for cs in _lists().values() if cs.book_ is not None}
    texts = _texts()
    fewer = 0
    for book in books.values():
        plain = _ungated(book)
        for text in texts:
            low = text.lower()
            gated_cands = book.candidates(text, low)
            plain_cands = plain.candidates(text, low)
            fewer += sum(len(v) for v in plain_cands.values()) - sum(
                len(v) for v in gated_cands.values()
            )
            for key in book.sets:
                assert book.raw(text, low, key) == plain.raw(text, low, key), (key, text)
    assert fewer > 500  # the gate skips cues on these texts
