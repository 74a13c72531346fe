"""Support-text normalisation, applied identically before training and at analysis time.

Customer-support messages differ from the Reddit comments the emotion model learns from:
they carry @handles, URLs, order numbers, emoji, shouting, "!!!" and sarcastic praise
("great, another delay"). :func:`normalise` rewrites them into tokens the models can use:

* ``@handle`` → ``[NAME]`` (GoEmotions already masks names as ``[NAME]``);
* URLs and e-mail addresses → ``urltoken``;
* order / ticket / tracking numbers (a run of 5+ letters and digits with at least one
  digit, optionally after ``#``) → ``numtoken``;
* emoji with a clear emotional reading → an English word (``😡`` → ``angry``), so that the
  word features trained on text carry over; other emoji are kept, spaced out;
* shouting (two or more ALL-CAPS words that make up at least a third of the words) →
  ``shoutcue`` appended; the text itself is lower-cased by the vectoriser anyway;
* ``!!`` or more → ``! exclaimcue``; ``??`` or ``?!`` → ``? questioncue``;
* sarcastic praise: a positive word that opens a clause and is followed by a complaint
  marker in the same sentence ("great, another delay", "perfect, still no refund") has
  the positive word replaced by ``ugh sarcasmcue``; fixed phrases ("thanks for nothing")
  likewise. A sentence that reports a recovery with no contrary sign ("Brilliant, the
  printer is working again", "Amazing, the parcel that was delayed just arrived") is
  relief, not sarcasm, and is left as written (trial 21c, F3);
* repeat contact ("third time", "how many times", "still waiting") → ``repeatcue``;
* urgency ("asap", "urgent", "in 2 hours", "leaves tonight") → ``urgentcue``;
* confusion ("I don't understand", "what does X mean", "no idea what", "which one",
  "makes no sense", "confusing", "I don't know where to start") → ``confusecue``: GoEmotions' confusion label is sparse
  (3% of train) and phrased many ways, so one marker pools them.

:func:`find_cues` returns the same surface cues as evidence spans on the original text.
"""

from __future__ import annotations

import re
from typing import Any

from servicemind.analyse import _idioms
from servicemind.analyse._lowered import lowerable

__all__ = ["MAX_CUES", "find_cues", "lead_clause", "normalise"]

_URL = re.compile(r"(?i)\b(?:https?://|www\.)\S+|\b[\w.+-]+@[\w-]+\.[\w.]+\b")
_HANDLE = re.compile(r"(?<![\w@])@\w{1,30}")
# 5+ characters of letters/digits/dashes containing a digit: order, ticket, tracking ids.
_ORDER = re.compile(r"#\w*\d\w*|\b(?=[A-Za-z-]*\d)[A-Za-z0-9-]{5,}\b")
_EXCLAIM = re.compile(r"!{2,}|[!?]*(?:\?!|!\?)[!?]*|\?{2,}")

_EMOJI_WORDS: dict[str, str] = {}
for _chars, _word in (
    ("😡🤬😠👿", "angry"),
    ("😤😒🙄", "annoyed"),
    ("😢😭😞😔☹🙁😿💔", "sad"),
    ("😕🤔😖😵❓", "confused"),
    ("😟😰😨😬😧😱", "worried"),
    ("🙏", "thanks"),
    ("❤♥💕💖💗😍🥰😘", "love"),
    ("😀😃😄😊🙂😁☺🥳🎉", "happy"),
    ("😂🤣😆😹", "lol"),
    ("👍👌✅", "good"),
    ("👎", "bad"),
    ("🤢🤮", "disgusting"),
):
    for _c in _chars:
        _EMOJI_WORDS[_c] = _word
# Pictographs, symbols, dingbats, flags; the variation selector and joiner are dropped.
_EMOJI = re.compile("[\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\u2190-\u21ff]")
_EMOJI_JOINERS = re.compile("[\ufe0f\u200d\U0001f3fb-\U0001f3ff]")

_POSITIVE = (
    r"great|wonderful|fantastic|perfect|brilliant|awesome|amazing|lovely|terrific|"
    r"excellent|superb|marvell?ous|splendid"
)
# A positive word alone in its clause, then in the same sentence a complaint marker.
# ("thanks" is not a cue: "Thank you, I did not know that" is sincere.)
_SARCASM = re.compile(
    rf"(?i)(?:^|(?<=[.!?;:\n])|\b(?:oh|yeah|so|just|wow|really)\b[ ,]*)\s*"
    rf"(?P<pos>{_POSITIVE})\s*(?:[,.…!]+|\s-+)\s*"
    r"(?P<rest>[^.!?\n]*?\b(?:another|again|still|yet another|delay\w*|late|waiting|"
    r"broke\w*|cancel\w*|lost|missing|(?:over)?charged|on hold|twice|crash\w*|nobody|"
    r"no one|(?:second|third|fourth|fifth|\d+(?:st|nd|rd|th)) time|not (?:here|there|arrived|"
    r"delivered|received|working)|never (?:arrived|came|showed up|turned up)|"
    r"(?:has|have|had|did|does|is|was)n'?t (?:arrived|come|shown up|turned up|here|working|work))\b)"
)
#: A claim of the company's in scare quotes ("my parcel was 'delivered'"): the last
#: alternative of _SARCASM_PHRASE, and a search of its own (:func:`_may_mock`).
_QUOTED_CLAIM_RX = (
    r"['\"‘“](?:delivered|help|helpful|support|service|customer service|express|fast|"
    r"next[- ]day|resolved|fixed|on (?:its|the) way|priority|premium|guaranteed)['\"’”]"
)
_QUOTED_CLAIM = re.compile(rf"(?i){_QUOTED_CLAIM_RX}")
_SARCASM_PHRASE = re.compile(
    r"(?i)\b(?:thanks|thank you) (?:a lot )?for nothing\b|\byeah,? right\b|"
    r"\bjust what i needed\b|\bjust great\b|\bjust perfect\b|\bwhat a joke\b|"
    # praise of the ordeal itself, with no praise word: "love waiting on hold for an hour"
    r"\b(?:i |we )?(?:just |really |absolutely |simply )?(?:love|enjoy|adore)\s+"
    r"(?:waiting|being (?:kept |put )?on hold|being (?:ignored|passed around|transferred|"
    r"cut off)|paying (?:twice|for nothing)|getting charged twice|chasing you)\b|"
    r"\blove (?:that|this) for (?:me|us)\b|"
    # scare quotes round what the company claims: "my parcel was 'delivered'", "the 'help'"
    rf"(?:\b(?:thanks|thank you) for (?:the|your|all the|all your) )?{_QUOTED_CLAIM_RX}"
)
# A praise word whose sentence reports a recovery ("Brilliant, the printer is working
# again", "Amazing, the parcel that was delayed just arrived") is relief, not sarcasm, unless
# the sentence also holds a contrary sign (a negation, a failure, another problem): the
# markers "again", "missing", "delayed" describe the trouble that is now over (trial 21c, F3).
_RECOVERED = re.compile(
    r"(?i)\b(?:(?:works?|working|worked|up|online|running|connected|fine) again|"
    r"back(?: (?:on|up|online|to normal))?(?: again)?|found|arrived|(?:turned|showed) up|"
    r"(?:is|are|was|were) now (?:in|here|back|on|working|fixed|sorted)|sorted|fixed|"
    r"resolved|solved|restored)\b"
)
_CONTRARY = re.compile(
    r"(?i)\b(?:not|no|never|nothing|nobody|no one|still|another|yet|broke\w*|crash\w*|"
    r"charged|twice|on hold|error|problem|issue|fault|bug|outage|down|gone|damaged|"
    r"wrong)\b|n't\b"
)
_SENTENCE_END = re.compile(r"[.!?\n]")


def _sincere(text: str, match: re.Match[str]) -> bool:
    """Whether the sentence after a sarcasm match's praise word reports a recovery and
    holds no contrary sign (:data:`_RECOVERED`, :data:`_CONTRARY`)."""
    end = _SENTENCE_END.search(text, match.end("pos"))
    sentence = text[match.end("pos") : end.start() if end is not None else len(text)]
    return bool(_RECOVERED.search(sentence)) and not _CONTRARY.search(sentence)


def _mark_sarcasm(text: str) -> str:
    """``text`` with the praise word of each insincere :data:`_SARCASM` match marked."""
    return _SARCASM.sub(
        lambda m: (
            m.group(0)
            if _sincere(text, m)
            else m.group(0).replace(m.group("pos"), "ugh sarcasmcue", 1)
        ),
        text,
    )


# An eye-roll (🙄 🙃 😒) beside praise or thanks: "Great service as always 🙄".
_EYE_ROLL = "\U0001f644\U0001f643\U0001f612"
_EYE_ROLL_PRAISE = re.compile(rf"(?i)\b(?:{_POSITIVE}|thanks|thank you)\b")
# A thank-you followed by a contrast ("Thanks, but it still does not work"): in support text
# the clause after the contrast leads (:func:`lead_clause`). The thanks opens the turn or a
# sentence; up to 60 characters may follow it in the same sentence ("thank you for the
# quick reply, however ..."), or the contrast opens the next sentence ("Thank you. But the
# parcel is still missing"). Languages of the support corpus.
_THANKS_BUT = re.compile(
    r"(?i)(?:^|(?<=[.!?\n]))\s*(?:(?:ok(?:ay)?|well|hi|hey|yes|yeah)[ ,]+)?"
    r"(?:many thanks|thanks?|thank you|thx|cheers|(?:i )?(?:do |really )?appreciate (?:it|that|this)|"
    r"much appreciated|danke|vielen dank|gracias|merci|grazie|"
    r"bedankt|dank je|obrigad[oa]|dzi[eę]kuj[eę]|te[sş]ekk[uü]r\w*)\b"
    r"(?:[^.!?\n]{0,60}?[,;:]?|[.!]+)\s+(?:but|however|though|even if|although|aber|jedoch|pero|sin embargo|"
    r"mais|cependant|ma|per[oò]|maar|mas|por[eé]m|ale|ama|fakat)\b[ ,]*(?=\S)"
)
_THANKS_HINTS = (
    "thank",
    "appreciat",
    "thx",
    "cheers",
    "danke",
    "dank",
    "gracias",
    "merci",
    "grazie",
    "obrigad",
    "dzi",
    "ekk",
)
_REPEAT = re.compile(
    r"(?i)\b(?:(?:second|third|fourth|fifth|\d+(?:st|nd|rd|th)) time|how many times|"
    r"(?:still|been) waiting|(?:once|yet) again|again and again|keep(?:s)? (?:asking|calling|"
    r"telling|chasing)|(?:already|repeatedly) (?:asked|called|told|explained|contacted))\b"
)
_URGENT = re.compile(
    r"(?i)\b(?:asap|urgent(?:ly)?|emergency|deadline|"
    # not a past duration: "fixed it in 5 minutes", "rebooked me in an hour" praise speed
    r"(?<!ed )(?<!ed me )(?<!ed us )(?<!ed it )(?<!got )(?<!got it )(?<!ook )(?<!came )"
    r"in (?:\d+|an?|one|two|three|few) (?:min(?:ute)?s?|hours?|hrs?)|"
    r"(?:leaves|departs|closes|expires|due) (?:today|tonight|tomorrow|in)|by tonight|"
    r"running out of time|before it'?s too late)\b"
)
_CONFUSED = re.compile(
    r"(?i)\b(?:(?:do ?n[o']?t|does ?n[o']?t|did ?n[o']?t(?! work out)|ca ?n[o']?t|cannot|can't|"
    r"hard to|trying to) (?:really |quite |fully )?(?:understand|get (?:it|this|that|why|how|what)|"
    r"follow|figure (?:it |this |that )?out|work out)|confus\w*|puzzl\w*|baffl\w*|"
    r"perplex\w*|no (?:idea|clue) (?:what|why|how|which|where|if|whether)|"
    r"not sure (?:what|why|how|which|where|if|whether)|what (?:does|do|is) .{1,40}? mean|"
    r"what do you mean|makes? no sense|does ?n[o']?t make (?:any )?sense|which one|"
    r"what'?s the difference|lost here|unclear|"
    r"(?:do ?n[o']?t|does ?n[o']?t) (?:really |even )?know (?:where|how|what(?! to say)|which) to|"
    r"where to (?:start|begin))\b"
)
_WORD = re.compile(r"[^\W\d_]+")
# Shouting: at least this many ALL-CAPS words of 3+ letters ...
_SHOUT_MIN_WORDS = 2
# ... making up at least this share of the 3+ letter words (a third: one acronym in a
# sentence is not shouting; "THIS IS UNACCEPTABLE, I want a refund" is) ...
_SHOUT_MIN_SHARE = 1 / 3
# ... and one of them at least this long (acronyms such as UPS, USPS, ATM are short).
_SHOUT_LONG_WORD = 5


_ASCII_CAPS = re.compile(r"[A-Z]{2}")
_DIGIT = re.compile(r"\d")
_POSITIVE_WORD = re.compile(rf"(?i){_POSITIVE}")
_PHRASE_HINTS = (
    "'",
    '"',
    "\u2018",
    "\u201c",
    "nothing",
    "right",
    "needed",
    "just great",
    "just perfect",
    "joke",
    "love",
    "enjoy",
    "adore",
)
# Substrings one of which every match of _REPEAT / _URGENT contains (exact pre-checks).
_REPEAT_HINTS = (
    "time",
    "waiting",
    "again",
    "keep",
    "asked",
    "called",
    "told",
    "explained",
    "contacted",
)
_URGENT_HINTS = (
    "asap",
    "urgent",
    "emergency",
    "deadline",
    "min",
    "hour",
    "hr",
    "leaves",
    "departs",
    "closes",
    "expires",
    "due",
    "tonight",
    "running out",
    "too late",
)


#: Lower-case substrings one of which every match of _POSITIVE_WORD contains. On ASCII text,
#: where lower-casing is exactly what the case-insensitive match does, a text without any
#: has no match (an exact pre-check: the alternation is slow to search).
_POSITIVE_HINTS = tuple(w.split("l?")[0] for w in _POSITIVE.split("|"))  # "marvell?ous": "marvel"


def _has_positive_word(text: str, low: str) -> bool:
    """``_POSITIVE_WORD.search(text)`` as a bool (``low``: ``text.lower()``)."""
    if text.isascii() and not any(map(low.__contains__, _POSITIVE_HINTS)):
        return False
    return _POSITIVE_WORD.search(text) is not None


_CONFUSED_HINTS = (
    "understand",
    "get ",
    "follow",
    "figure",
    "work out",
    "confus",
    "puzzl",
    "baffl",
    "perplex",
    "idea",
    "clue",
    "sure",
    "mean",
    "sense",
    "which one",
    "difference",
    "lost here",
    "unclear",
    "know",
    "where to",
)


def _is_shouting(text: str) -> bool:
    if text.isascii() and not _ASCII_CAPS.search(text):
        return False  # cheap exact pre-check: no two capitals in a row, no caps word
    words = [w for w in _WORD.findall(text) if len(w) >= 3]
    caps = [w for w in words if w.isupper()]
    return (
        len(caps) >= _SHOUT_MIN_WORDS
        and len(caps) >= _SHOUT_MIN_SHARE * len(words)
        and max(len(w) for w in caps) >= _SHOUT_LONG_WORD
    )


def _emoji(match: re.Match[str]) -> str:
    c = match.group(0)
    return f" {_EMOJI_WORDS.get(c, c)} "


def _exclaim(match: re.Match[str]) -> str:
    s = match.group(0)
    out = []
    if "!" in s and ("!!" in s or "?" in s):
        out.append("! exclaimcue")
    if "?" in s and ("??" in s or "!" in s):
        out.append("? questioncue")
    return " " + " ".join(out) + " "


def lead_clause(text: str) -> str:
    """``text`` without a thank-you that a contrast follows: "Thanks, but it still does not
    work" reads as "it still does not work".

    Applied by the customer analysers before :func:`normalise`, not in training:
    GoEmotions' annotators labelled "Thanks, but I'll pass" gratitude (28 of its 34 train
    comments with the pattern), while a support customer who writes it after the agent's
    help is reporting that the problem is still there. Idioms the models misread ("I'm
    afraid I need to ...", "I don't know what to say") are made plain first
    (:func:`servicemind.analyse._idioms.plain`).
    """
    text = _idioms.plain(text)
    low = text.lower()
    if not any(map(low.__contains__, _THANKS_HINTS)):
        return text
    return _THANKS_BUT.sub(" ", text)


#: The word hints of _PHRASE_HINTS: every match of _SARCASM_PHRASE but a quoted claim holds
#: one of them (lower-cased).
_PHRASE_WORD_HINTS = tuple(h for h in _PHRASE_HINTS if h.isalpha() or " " in h)


def _may_mock(text: str) -> bool:
    """False only where ``_SARCASM_PHRASE`` cannot match ``text`` (an exact pre-check): on a
    :func:`lowerable` text, whose lower-cased form holds what the case-insensitive match
    does, a match holds a word hint or is a quoted claim. The quote hints pass most
    English text (every "I'm"); a whole search of the phrase alternation costs about 40 us
    a message, the quoted claim's own search (it starts with the quote) about 1."""
    if not lowerable(text):
        return True
    low = text.lower()
    return any(map(low.__contains__, _PHRASE_WORD_HINTS)) or _QUOTED_CLAIM.search(text) is not None


def normalise(text: str) -> str:
    """Rewrite a support message into the form the customer models were trained on.

    Deterministic and idempotent on its own output's cues; see the module docstring.
    """
    # Each rewrite runs only when a cheap exact pre-check says it can match.
    shout = _is_shouting(text)
    low = text.lower()
    t = text
    if "http" in low or "www." in low or "@" in t:
        t = _URL.sub(" urltoken ", t)
        t = _HANDLE.sub(" [NAME] ", t)
    if _DIGIT.search(t):
        t = _ORDER.sub(" numtoken ", t)
    if not t.isascii():
        t = _EMOJI_JOINERS.sub("", t)
        t = _EMOJI.sub(_emoji, t)
    if _has_positive_word(t, t.lower()):
        t = _mark_sarcasm(t)
    if any(map(low.__contains__, _PHRASE_HINTS)) and _may_mock(t):
        t = _SARCASM_PHRASE.sub(" ugh sarcasmcue ", t)
    if not text.isascii() and any(map(text.__contains__, _EYE_ROLL)):
        t = _EYE_ROLL_PRAISE.sub("ugh sarcasmcue", t, count=1)
    extra = []
    low_t = t.lower()
    if any(map(low_t.__contains__, _REPEAT_HINTS)) and _REPEAT.search(t):
        extra.append("repeatcue")
    if any(map(low_t.__contains__, _URGENT_HINTS)) and _URGENT.search(t):
        extra.append("urgentcue")
    if any(map(low_t.__contains__, _CONFUSED_HINTS)) and _CONFUSED.search(t):
        extra.append("confusecue")
    if "!!" in t or "??" in t or "?!" in t or "!?" in t:
        t = _EXCLAIM.sub(_exclaim, t)
    if shout:
        extra.append("shoutcue")
    if extra:
        t = t + " " + " ".join(extra)
    return t


def _span(text: str, start: int, end: int, cue: str) -> dict[str, Any]:
    return {"start": start, "end": end, "text": text[start:end], "cue": cue}


#: At most this many cue spans are returned (a 100 kB turn of emoji would give 50,000).
MAX_CUES = 20


def find_cues(text: str) -> list[dict[str, Any]]:
    """The surface cues of ``text`` as evidence spans (offsets into ``text`` itself), the
    first :data:`MAX_CUES` in text order."""
    cues: list[dict[str, Any]] = []
    if _is_shouting(text):
        for m in _WORD.finditer(text):
            if len(m.group(0)) >= 3 and m.group(0).isupper():
                cues.append(_span(text, m.start(), m.end(), "shouting (ALL CAPS)"))
    if "!!" in text or "??" in text or "?!" in text or "!?" in text:
        for m in _EXCLAIM.finditer(text):
            cues.append(_span(text, m.start(), m.end(), "repeated punctuation"))
    low = text.lower()
    if _has_positive_word(text, low):
        for m in _SARCASM.finditer(text):
            if _sincere(text, m):
                continue
            cues.append(_span(text, m.start("pos"), m.end("rest"), "sarcastic praise"))
    if any(map(low.__contains__, _PHRASE_HINTS)):
        for m in _SARCASM_PHRASE.finditer(text):
            cues.append(_span(text, m.start(), m.end(), "sarcastic praise"))
    if not text.isascii() and any(map(text.__contains__, _EYE_ROLL)):
        for m in _EYE_ROLL_PRAISE.finditer(text):
            cues.append(_span(text, m.start(), m.end(), "sarcastic praise (eye-roll emoji)"))
            break  # the normaliser marks the first praise word only
    if any(map(low.__contains__, _THANKS_HINTS)):
        for m in _THANKS_BUT.finditer(text):
            g = m.group(0)
            start, end = m.start() + len(g) - len(g.lstrip()), m.end() - len(g) + len(g.rstrip())
            cues.append(
                _span(text, start, end, "thanks, then a contrast: the clause after it leads")
            )
    if any(map(low.__contains__, _REPEAT_HINTS)):
        for m in _REPEAT.finditer(text):
            cues.append(_span(text, m.start(), m.end(), "repeat contact"))
    if any(map(low.__contains__, _URGENT_HINTS)):
        for m in _URGENT.finditer(text):
            cues.append(_span(text, m.start(), m.end(), "urgency"))
    if any(map(low.__contains__, _CONFUSED_HINTS)):
        for m in _CONFUSED.finditer(text):
            cues.append(_span(text, m.start(), m.end(), "confusion"))
    if not text.isascii():
        for m in _EMOJI.finditer(text):
            word = _EMOJI_WORDS.get(m.group(0))
            if word:
                cues.append(_span(text, m.start(), m.end(), f"emoji ({word})"))
    cues.sort(key=lambda c: (c["start"], c["end"]))
    return cues[:MAX_CUES]
