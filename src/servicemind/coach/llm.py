"""An optional rewriter that asks any OpenAI-compatible chat endpoint for the rewrite.

Off by default and never required. Configure it with :class:`LLMConfig` (or the
environment: ``SERVICEMIND_LLM_URL``, ``SERVICEMIND_LLM_MODEL``, ``SERVICEMIND_LLM_API_KEY``,
``SERVICEMIND_LLM_TIMEOUT``). It POSTs to ``<base_url>/v1/chat/completions`` with the
standard library's ``urllib`` and a timeout. Its answer goes through the same fact check as
the built-in rewriter; the caller falls back to the built-in rewrite when the endpoint
fails or the answer loses or invents a fact. Message text is never logged.
"""

from __future__ import annotations

import json
import logging
import os
import urllib.error
import urllib.request
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from servicemind.coach._data import template_vocabulary
from servicemind.coach.facts import check_rewrite
from servicemind.coach.rewrite import RewriteContext
from servicemind.errors import ConfigError, ServeError

__all__ = ["DEFAULT_TIMEOUT", "LLMConfig", "LLMRewriter"]

log = logging.getLogger(__name__)

#: Seconds to wait for the endpoint; a chat completion of one short reply takes a few
#: seconds on hosted models, and a stuck endpoint must not stall a batch run.
DEFAULT_TIMEOUT = 20.0
#: Longest answer accepted, in characters (a rewrite several times the reply is a ramble).
MAX_ANSWER = 4000

_SYSTEM = (
    "You rewrite one customer-support reply so that it shows a stronger service mindset: "
    "acknowledge the customer's feeling and topic, take ownership instead of deflecting, "
    "give a concrete next step, use plain words for a confused customer, answer in the "
    "customer's language, and remove sarcasm, blame and 'as I already said'. Keep every "
    "fact, number, name, date and link of the original reply. Never add a number, date, "
    "price, name or link that is not in the conversation. One apology at most. Answer with "
    "the rewritten reply only."
)


@dataclass(frozen=True, slots=True)
class LLMConfig:
    """Where the endpoint is: ``base_url`` (without ``/v1``), ``model``, optional key."""

    base_url: str
    model: str
    api_key: str | None = field(default=None, repr=False)
    timeout: float = DEFAULT_TIMEOUT

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> LLMConfig | None:
        """The configuration from the environment, or ``None`` when no URL is set (off)."""
        env = os.environ if env is None else env
        url = env.get("SERVICEMIND_LLM_URL", "").strip()
        if not url:
            return None
        model = env.get("SERVICEMIND_LLM_MODEL", "").strip()
        if not model:
            raise ConfigError(
                "SERVICEMIND_LLM_URL is set but SERVICEMIND_LLM_MODEL is not",
                hint="set SERVICEMIND_LLM_MODEL to the model name the endpoint serves",
            )
        try:
            timeout = float(env.get("SERVICEMIND_LLM_TIMEOUT", DEFAULT_TIMEOUT))
        except ValueError as exc:
            raise ConfigError(
                "SERVICEMIND_LLM_TIMEOUT is not a number", hint="give seconds, e.g. 20"
            ) from exc
        return cls(url, model, env.get("SERVICEMIND_LLM_API_KEY") or None, timeout)


class LLMRewriter:
    """Rewrites through an OpenAI-compatible ``/v1/chat/completions`` endpoint."""

    def __init__(self, config: LLMConfig) -> None:
        self.config = config

    def _messages(self, ctx: RewriteContext, weak: Sequence[str]) -> list[dict[str, str]]:
        convo = "\n".join(f"- {t}" for t in ctx.conversation)
        user = (
            f"Conversation so far:\n{convo}\n\n"
            f"Customer's emotion: {ctx.emotion or 'unknown'}.\n"
            f"Weakest traits of the reply: {', '.join(weak) or 'none'}.\n\n"
            f"Reply to rewrite:\n{ctx.reply}"
        )
        return [{"role": "system", "content": _SYSTEM}, {"role": "user", "content": user}]

    def complete(self, messages: list[dict[str, str]]) -> str:
        """POST the chat and return the first choice's content; :class:`ServeError` on failure."""
        url = self.config.base_url.rstrip("/")
        if not url.endswith("/v1"):
            url += "/v1"
        body = json.dumps(
            {"model": self.config.model, "messages": messages, "temperature": 0}
        ).encode()
        headers = {"Content-Type": "application/json"}
        if self.config.api_key:
            headers["Authorization"] = f"Bearer {self.config.api_key}"
        req = urllib.request.Request(url + "/chat/completions", data=body, headers=headers)
        try:
            with urllib.request.urlopen(req, timeout=self.config.timeout) as resp:
                payload: Any = json.loads(resp.read().decode("utf-8"))
            content = payload["choices"][0]["message"]["content"]
        except (
            urllib.error.URLError,
            TimeoutError,
            OSError,
            ValueError,
            KeyError,
            IndexError,
            TypeError,
        ) as exc:
            raise ServeError(
                f"the LLM endpoint at {self.config.base_url} did not answer usably: {type(exc).__name__}",
                hint="check SERVICEMIND_LLM_URL and SERVICEMIND_LLM_MODEL, or switch the LLM rewriter off",
            ) from exc
        if not isinstance(content, str):
            raise ServeError("the LLM endpoint answered without text content")
        return content.strip()

    def rewrite(self, ctx: RewriteContext, weak: Sequence[str] = ()) -> str | None:
        """The endpoint's rewrite if it passes the fact check, else ``None`` (use the fallback)."""
        try:
            text = self.complete(self._messages(ctx, weak))
        except ServeError as exc:
            log.warning("LLM rewriter unavailable, using the built-in rewriter: %s", exc.message)
            return None
        if not text or len(text) > MAX_ANSWER:
            return None
        report = check_rewrite(
            ctx.reply, text, ctx.conversation, allowed_words=template_vocabulary()
        )
        if not report.ok:
            log.info(
                "LLM rewrite rejected by the fact check (%d missing, %d invented)",
                len(report.missing),
                len(report.invented),
            )
            return None
        return text
