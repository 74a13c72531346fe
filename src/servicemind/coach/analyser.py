"""The ``coaching`` analyser: strengths, the one improvement and a rewrite for every reply.

Writes ``agent.coaching = {strengths, improve, rewrite, focus}`` on every agent-side turn,
reading the reply's ``agent.traits`` and ``agent.overall`` and the previous customer-side
turn's ``customer.emotion`` (and ``hostile``). The rewrite comes from the optional LLM
rewriter when one is configured and its answer passes the fact check, else from the
built-in rewriter.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from servicemind.analyse.base import Analyser, Doc
from servicemind.analyse.registry import register
from servicemind.coach.feedback import (
    IMPROVE_BELOW,
    improve,
    misplaced_cheer,
    skipped_advice,
    strengths,
    weakest,
)
from servicemind.coach.llm import DEFAULT_TIMEOUT, LLMConfig, LLMRewriter
from servicemind.coach.rewrite import HOSTILE_AT, RewriteContext, rewrite_reply, situation
from servicemind.conversation import Side

__all__ = ["REWRITE_BELOW", "CoachingAnalyser"]

#: Replies whose overall score is below this get a rewrite even when no single trait is
#: below ``IMPROVE_BELOW`` (the scorecard's "good" band starts at 80 in the default profile).
REWRITE_BELOW = 80


@register("coaching")
class CoachingAnalyser(Analyser):
    """Coaching for every agent reply.

    Parameters
    ----------
    llm_url, llm_model, llm_api_key, llm_timeout:
        An OpenAI-compatible endpoint for the optional LLM rewriter (off when ``llm_url``
        is ``None``). ``llm_from_env=True`` reads them from ``SERVICEMIND_LLM_*`` instead.
    """

    version = "1"
    requires = ("agent.traits", "agent.overall", "customer.emotion")
    assigns = ("agent.coaching",)

    def __init__(
        self,
        llm_url: str | None = None,
        llm_model: str | None = None,
        llm_api_key: str | None = None,
        llm_timeout: float = DEFAULT_TIMEOUT,
        llm_from_env: bool = False,
    ) -> None:
        self.llm_url = llm_url
        self.llm_model = llm_model
        self.llm_api_key = llm_api_key
        self.llm_timeout = llm_timeout
        self.llm_from_env = llm_from_env

    def __repr__(self) -> str:
        params = self.get_params()
        if params.get("llm_api_key"):
            params["llm_api_key"] = "***"  # never print a secret
        return f"{type(self).__name__}({', '.join(f'{k}={v!r}' for k, v in params.items())})"

    def _llm(self) -> LLMRewriter | None:
        if not hasattr(self, "llm_"):
            config: LLMConfig | None = None
            if self.llm_url:
                config = LLMConfig(
                    self.llm_url, self.llm_model or "", self.llm_api_key, self.llm_timeout
                )
            elif self.llm_from_env:
                config = LLMConfig.from_env()
            self.llm_: LLMRewriter | None = LLMRewriter(config) if config else None
        return self.llm_

    def coach(self, doc: Doc, index: int) -> dict[str, Any]:
        """The coaching object of the agent-side turn ``index`` of ``doc``."""
        turn = doc.conversation.turns[index]
        agent = doc.out["turns"][index]["agent"]
        traits: dict[str, Any] = agent.get("traits", {})
        overall = agent.get("overall")
        prev = doc.get_previous(index, Side.CUSTOMER)
        emotion: str | None = None
        hostile = 0.0
        customer_text = ""
        if prev is not None:
            p_turn, p_out = prev
            customer_text = p_turn.text
            cust = p_out.get("customer", {})
            emotion = cust.get("emotion", {}).get("label")
            hostile = float(cust.get("hostile", 0.0) or 0.0)
        low_overall = isinstance(overall, int) and overall < REWRITE_BELOW
        weakest_trait = weakest(traits)
        if weakest_trait is None and not low_overall and not misplaced_cheer(traits):
            # nothing weak enough for advice and nothing to rewrite: skipping traits for the
            # moment cannot make one weak, so the context is not even built
            return {
                "strengths": strengths(traits, turn.text),
                "improve": None,
                "rewrite": None,
                "focus": None,
            }
        ctx = RewriteContext(
            reply=turn.text,
            customer_text=customer_text,
            emotion=emotion,
            hostile=hostile,
            traits=traits,
            overall=overall if isinstance(overall, int) else None,
            conversation=[t.text for t in doc.conversation.turns[: index + 1]],
            key=f"{doc.conversation.id}:{index}",
            history=[
                t.text
                for t, side in zip(
                    reversed(doc.conversation.turns[:index]),
                    reversed(doc.sides[:index]),
                    strict=True,
                )
                if side is Side.CUSTOMER
            ][1:],
            first_reply=Side.AGENT not in doc.sides[:index],
            channel=doc.conversation.channel,
        )
        # advice that does not fit the moment is not given: enthusiasm to an upset customer,
        # a follow-up in a closing or live on a call (what the reply is doing is read only
        # when some trait is weak enough for advice)
        where = situation(ctx) if weakest_trait is not None else frozenset()
        skip = skipped_advice(emotion, hostile >= HOSTILE_AT, where)
        advice, focus = improve(traits, None if hostile >= HOSTILE_AT else emotion, skip, turn.text)
        rewrite: str | None = None
        needs = focus is not None or low_overall
        if needs and turn.text.strip():
            llm = self._llm()
            if llm is not None:
                weak = [
                    n
                    for n, t in traits.items()
                    if t.get("applicable") and (t.get("score") or 0.0) < IMPROVE_BELOW
                ]
                rewrite = llm.rewrite(ctx, weak)
            if rewrite is None:
                built = rewrite_reply(ctx)
                rewrite = built.text
                note = built.advice
                if note and (advice is None or "language" not in advice):
                    advice = f"{advice} {note}" if advice else note
        return {
            "strengths": strengths(traits, turn.text),
            "improve": advice,
            "rewrite": rewrite,
            "focus": focus,
        }

    def annotate(self, docs: Sequence[Doc]) -> None:
        for doc in docs:
            for turn, agent in doc.iter_agent():
                agent["coaching"] = self.coach(doc, turn.index)
