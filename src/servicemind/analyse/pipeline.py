"""The pipeline: run registered analysers over batches of conversations.

``Pipeline().analyze(conversations)`` yields one output-contract object per conversation.
Conversations are processed in batches so that trained models vectorise across turns,
while memory stays bounded for any input size (streaming in, streaming out).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import islice
from typing import Any

from servicemind import __version__
from servicemind.analyse.base import Analyser, Doc, gc_paused
from servicemind.analyse.registry import get_component
from servicemind.conversation import Conversation
from servicemind.errors import ConfigError

__all__ = ["DEFAULT_COMPONENTS", "SCHEMA_VERSION", "Pipeline"]

#: The default pipeline, in order. Customer side first: the agent side reads it.
DEFAULT_COMPONENTS: tuple[str, ...] = (
    "emotion",
    "hostility",
    "satisfaction",
    "moments",
    "traits",
    "commitments",
    "scorecard",
    "coaching",
)
SCHEMA_VERSION = "1"


class Pipeline:
    """An ordered list of analysers.

    Parameters
    ----------
    components:
        Component names, in order (default :data:`DEFAULT_COMPONENTS`).
    config:
        Per-component keyword arguments, e.g. ``{"scorecard": {"profile": "airline"}}``.
    batch_size:
        Conversations analysed together.
    """

    def __init__(
        self,
        components: Sequence[str] = DEFAULT_COMPONENTS,
        config: Mapping[str, Mapping[str, Any]] | None = None,
        batch_size: int = 256,
    ) -> None:
        self.components = tuple(components)
        self.config = {k: dict(v) for k, v in (config or {}).items()}
        self.batch_size = batch_size
        unknown = set(self.config) - set(self.components)
        if unknown:
            raise ConfigError(
                f"configuration given for components not in the pipeline: {sorted(unknown)}"
            )
        self.analysers_: list[Analyser] = [
            get_component(name)(**self.config.get(name, {})) for name in self.components
        ]
        self._check_order()

    def _check_order(self) -> None:
        available: set[str] = set()
        for a in self.analysers_:
            missing = [r for r in a.requires if r not in available]
            if missing:
                raise ConfigError(
                    f"component '{a.name}' requires {missing}, which no earlier component assigns",
                    hint="put the components that assign them before it",
                )
            available.update(a.assigns)

    @property
    def provenance(self) -> dict[str, Any]:
        profile = "default"
        for a in self.analysers_:
            p = getattr(a, "profile", None)
            if isinstance(p, str):
                profile = p
        return {
            "version": __version__,
            "schema": SCHEMA_VERSION,
            "profile": profile,
            "components": [{"name": a.name, "version": a.version} for a in self.analysers_],
        }

    def annotate(self, docs: Sequence[Doc]) -> None:
        """Run every analyser over one batch of docs, in place.

        The cyclic garbage collector is paused for the batch: analysis allocates many
        short-lived containers (freed by reference counting, no cycles), and each full
        collection would re-scan the loaded models and the whole batch (about a tenth of
        the time). Collection resumes when the batch is done.
        """
        with gc_paused():
            for a in self.analysers_:
                a.annotate(docs)
        prov = self.provenance
        for d in docs:
            d.out["servicemind"] = prov

    def analyze(self, conversations: Iterable[Conversation]) -> Iterator[dict[str, Any]]:
        """Yield the output-contract object of every conversation, in input order."""
        it = iter(conversations)
        while True:
            batch = list(islice(it, self.batch_size))
            if not batch:
                return
            docs = [Doc(c) for c in batch]
            self.annotate(docs)
            for d in docs:
                yield d.out

    def analyze_one(self, conversation: Conversation) -> dict[str, Any]:
        """Analyse a single conversation."""
        return next(self.analyze([conversation]))
