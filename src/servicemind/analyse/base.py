"""The analyser contract and the document an analyser works on.

An analyser (after scikit-learn and ConvoKit):

* ``__init__`` only stores parameters; learned or loaded state ends in ``_``;
* ``fit(X, y)`` returns ``self`` (rule-based analysers fit nothing and return ``self``);
* ``annotate(docs)`` writes its fields into each :class:`Doc` for a whole batch, so models
  can vectorise across conversations; a single reply is a batch of one;
* class attributes ``name``, ``version``, ``requires`` and ``assigns`` declare what it
  reads and writes, as dotted paths into the output contract (spaCy's factories).
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, ClassVar, Self

from servicemind.analyse._authored import authored_text, excluded_parts
from servicemind.conversation import Conversation, Side, Turn

__all__ = ["EMOTIONS", "FINE_EMOTIONS", "TRAITS", "Analyser", "Doc"]

TRAITS: tuple[str, ...] = (
    "empathy",
    "enthusiasm",
    "ownership",
    "responsibility",
    "adaptability",
    "balance",
    "resiliency",
    "patience",
    "politeness",
    "solution",
    "genuineness",
)
EMOTIONS: tuple[str, ...] = ("angry", "disappointed", "confused", "anxious", "grateful", "neutral")
FINE_EMOTIONS: tuple[str, ...] = (
    "admiration",
    "amusement",
    "anger",
    "annoyance",
    "approval",
    "caring",
    "confusion",
    "curiosity",
    "desire",
    "disappointment",
    "disapproval",
    "disgust",
    "embarrassment",
    "excitement",
    "fear",
    "gratitude",
    "grief",
    "joy",
    "love",
    "nervousness",
    "optimism",
    "pride",
    "realization",
    "relief",
    "remorse",
    "sadness",
    "surprise",
    "neutral",
)


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while analysing a batch, restoring its state after
    (also on errors). Analysis allocates many short-lived containers, freed by reference
    counting (no cycles), and each full collection those allocations trigger re-scans every
    live object of the process: the loaded models, and whatever the caller keeps (earlier
    batches' documents included)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@dataclass
class Doc:
    """A conversation under analysis and the contract object being built for it.

    ``out`` is the output object of the contract (see ``servicemind schema``); analysers
    write into ``out["turns"][i]["customer"]``, ``out["turns"][i]["agent"]`` and
    ``out["summary"]``.
    """

    conversation: Conversation
    sides: list[Side | None] = field(init=False)
    out: dict[str, Any] = field(init=False)

    def __post_init__(self) -> None:
        self.sides = self.conversation.get_sides()
        conv = self.conversation
        turns = []
        for t, side in zip(conv.turns, self.sides, strict=True):
            d = t.to_dict()
            d["side"] = side.value if side is not None else None
            if side is Side.CUSTOMER:
                d["customer"] = {}
            elif side is Side.AGENT:
                d["agent"] = {}
            turns.append(d)
        self.out = {
            "id": conv.id,
            "channel": conv.channel,
            "meta": dict(conv.meta),
            "turns": turns,
            "summary": {},
        }
        self.conversation = _authored_view(conv, turns)

    # -- iteration helpers --------------------------------------------------------------
    def iter_side(self, side: Side) -> Iterator[tuple[Turn, dict[str, Any]]]:
        """Yield ``(turn, analysis_dict)`` for every turn of ``side``.

        ``analysis_dict`` is ``out["turns"][i]["customer"]`` (or ``["agent"]``): write into it.
        """
        key = side.value
        for t, s, d in zip(self.conversation.turns, self.sides, self.out["turns"], strict=True):
            if s is side:
                yield t, d[key]

    def iter_customer(self) -> Iterator[tuple[Turn, dict[str, Any]]]:
        return self.iter_side(Side.CUSTOMER)

    def iter_agent(self) -> Iterator[tuple[Turn, dict[str, Any]]]:
        return self.iter_side(Side.AGENT)

    def get_context(self, index: int) -> list[tuple[Turn, dict[str, Any]]]:
        """The turns before ``index`` with their (possibly partial) output dicts."""
        return [(t, self.out["turns"][t.index]) for t in self.conversation.turns[:index]]

    def get_previous(self, index: int, side: Side) -> tuple[Turn, dict[str, Any]] | None:
        """The closest turn of ``side`` before ``index`` and its output dict, or ``None``."""
        for j in range(index - 1, -1, -1):
            if self.sides[j] is side:
                return self.conversation.turns[j], self.out["turns"][j]
        return None


def _authored_view(conv: Conversation, turns: list[dict[str, Any]]) -> Conversation:
    """The conversation as analysers read it: each turn's quoted history, signature,
    disclaimer and help-desk lines blanked (:func:`~servicemind.analyse._authored.authored_text`;
    offsets into it are offsets into the ingested text). The parts go into the output as
    ``turns[].excluded``; a conversation with none is returned as it is."""
    view: list[Turn] | None = None
    for i, (t, d) in enumerate(zip(conv.turns, turns, strict=True)):
        parts = excluded_parts(t.text)
        if not parts:
            continue
        d["excluded"] = [p.to_dict() for p in parts]
        if view is None:
            view = list(conv.turns)
        view[i] = replace(t, text=authored_text(t.text))
    return conv if view is None else replace(conv, turns=view)


class Analyser:
    """Base class of every analyser. Subclasses set the class attributes and ``annotate``."""

    name: ClassVar[str] = ""
    version: ClassVar[str] = "0"
    requires: ClassVar[tuple[str, ...]] = ()
    assigns: ClassVar[tuple[str, ...]] = ()

    def fit(self, X: Sequence[Any] | None = None, y: Sequence[Any] | None = None) -> Self:
        """Learn from data; rule-based and pre-trained analysers return ``self`` unchanged."""
        return self

    def annotate(self, docs: Sequence[Doc]) -> None:
        """Write this analyser's fields into every doc of the batch."""
        raise NotImplementedError

    def get_params(self) -> dict[str, Any]:
        """The constructor parameters (public attributes not ending in ``_``)."""
        return {
            k: v for k, v in vars(self).items() if not k.endswith("_") and not k.startswith("_")
        }

    def __repr__(self) -> str:
        params = ", ".join(f"{k}={v!r}" for k, v in self.get_params().items())
        return f"{type(self).__name__}({params})"
