"""The Starlette application behind ``servicemind serve``.

Endpoints (JSON in, JSON out; every analysis validates against the output contract):

- ``GET  /``                 a small page to score a draft reply by hand (no CDN, no fonts)
- ``GET  /healthz``          liveness and versions
- ``GET  /v1/schema``        the output contract (JSON Schema)
- ``POST /v1/score-reply``   ``{"reply", "context": [{"role", "text"}…], "profile"?, "redact"?}``:
  the full output object of the conversation with the draft as its last turn, plus
  ``reply``: that turn's ``agent`` block (traits with evidence, overall, coaching, …),
  and ``warnings``: ``[{"code", "message", "field", "hint"}…]`` about a request that is
  scored but may not be what was meant (``no_customer_turn``: the context holds no
  customer message); an empty list when there is nothing to say
- ``POST /v1/analyze``       ``{"conversations": [conversation…], "redact"?}`` (the JSONL record
  shape): ``results`` in input order and ``rejects`` (index, field, reason); one bad
  conversation never fails the batch

Errors use the one JSON error shape, ``{"error": {"code", "message", "hint", …}}``, with
the field named. Message text is never logged: the log records sizes and timings only.
With ``redact`` (the server's setting, or ``"redact": true`` in a request) every text of
the response has personal data masked (:mod:`servicemind.redaction`).
"""

from __future__ import annotations

import difflib
import json
import logging
import time
from importlib import resources
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from servicemind import __version__
from servicemind.analyse.scorecard import load_profiles, profile_name
from servicemind.api import analyze, get_pipeline
from servicemind.conversation import Conversation, Role
from servicemind.errors import RecordError, ServeError, ServicemindError
from servicemind.ingest._records import Reject
from servicemind.ingest.jsonl import conversation_from_obj, outcomes_from_obj
from servicemind.redaction import redact_reject, redact_result
from servicemind.schemas import get_schema

__all__ = [
    "ANALYZE_KEYS",
    "DRAFT_ROLES",
    "MAX_BODY_BYTES",
    "MAX_CONVERSATIONS",
    "SCORE_KEYS",
    "create_app",
]

log = logging.getLogger("servicemind.serve")

#: Largest request body accepted (bytes).
MAX_BODY_BYTES = 2_000_000
#: Most conversations in one ``/v1/analyze`` call.
MAX_CONVERSATIONS = 200
#: Most context turns sent with a draft reply.
MAX_CONTEXT_TURNS = 200


def _error(exc: ServicemindError, status: int) -> JSONResponse:
    return JSONResponse(exc.to_dict(), status_code=status)


async def _json_body(request: Request) -> Any:
    size = int(request.headers.get("content-length") or 0)
    if size > MAX_BODY_BYTES:
        raise _TooLarge(size)
    raw = await request.body()
    if len(raw) > MAX_BODY_BYTES:
        raise _TooLarge(len(raw))
    try:
        return json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        where = (
            f" (line {exc.lineno}, column {exc.colno})"
            if isinstance(exc, json.JSONDecodeError)
            else ""
        )
        raise RecordError(
            f"the request body is not valid JSON{where}", file="<request>", hint="send UTF-8 JSON"
        ) from None


class _TooLarge(Exception):
    def __init__(self, size: int) -> None:
        self.size = size


#: The keys of a ``/v1/score-reply`` body and of a ``/v1/analyze`` body: any other is a
#: mistake to report (a typo such as "contxt" would otherwise score the draft alone).
SCORE_KEYS = ("reply", "context", "profile", "role", "id", "channel", "redact")
ANALYZE_KEYS = ("conversations", "profile", "redact")
#: Roles a draft may be written in: the answering side (see ``Conversation.get_sides``).
DRAFT_ROLES = ("agent", "bot", "colleague", "supplier")


def _known_keys(body: dict[str, Any], known: tuple[str, ...]) -> None:
    for key in body:
        if key not in known:
            close = difflib.get_close_matches(str(key), known, n=1)
            raise RecordError(
                "unknown field" + (f" (did you mean '{close[0]}'?)" if close else ""),
                file="<request>",
                field=str(key),
                hint=f"the accepted fields are: {', '.join(known)}",
            )


def _profile(body: dict[str, Any], default: str) -> str:
    """The request's scorecard profile, or the server's; an unknown name is the request's
    mistake (422, field ``profile``), not the server's."""
    profile = body.get("profile", default)
    if not isinstance(profile, str):
        raise RecordError("expected a profile name", file="<request>", field="profile")
    names = load_profiles()
    if profile_name(profile) not in names:
        raise RecordError(
            f"unknown scorecard profile '{profile}'",
            file="<request>",
            field="profile",
            hint=f"choose one of: {', '.join(sorted(names))}",
        )
    return profile_name(profile)


def _redact(body: dict[str, Any], server: bool) -> bool:
    """Whether the response is masked: the server's setting, or the request's ``redact``
    (a request can ask for masking, never switch off the server's)."""
    asked = body.get("redact", False)
    if not isinstance(asked, bool):
        raise RecordError("expected true or false", file="<request>", field="redact")
    return server or asked


def _draft_conversation(body: Any) -> Conversation:
    if not isinstance(body, dict):
        raise RecordError("expected a JSON object", file="<request>")
    _known_keys(body, SCORE_KEYS)
    reply = body.get("reply")
    if not isinstance(reply, str) or not reply.strip():
        raise RecordError("a non-empty string is required", file="<request>", field="reply")
    context = body.get("context", [])
    if not isinstance(context, list):
        raise RecordError(
            "expected a list of {role, text} turns", file="<request>", field="context"
        )
    if len(context) > MAX_CONTEXT_TURNS:
        raise RecordError(
            f"at most {MAX_CONTEXT_TURNS} context turns", file="<request>", field="context"
        )
    role = body.get("role", "agent")
    if role not in DRAFT_ROLES:
        raise RecordError(
            f"a draft is an answering turn: role must be one of {', '.join(DRAFT_ROLES)}",
            file="<request>",
            field="role",
            hint="put the customer's messages in 'context'",
        )
    turns = [*context, {"role": role, "text": reply}]
    try:
        conv = conversation_from_obj(
            {"id": body.get("id"), "channel": body.get("channel"), "turns": turns}
        )
    except RecordError as exc:
        field = exc.field or ""
        if field.startswith(f"turns[{len(context)}]"):
            field = field.replace(f"turns[{len(context)}]", "reply", 1)
        elif field.startswith("turns"):
            field = "context" + field[len("turns") :]
        raise RecordError(exc.reason, file="<request>", field=field or None) from None
    return conv


def _draft_warnings(conv: Conversation) -> list[dict[str, Any]]:
    """What the caller should know about a draft that was scored as sent: a context with
    no customer turn (a draft may be the first message, so it is accepted) leaves the
    traits that answer the customer not applicable."""
    if any(t.role is Role.CUSTOMER for t in conv.turns[:-1]):
        return []
    return [
        {
            "code": "no_customer_turn",
            "message": "the context holds no customer message, so the draft is scored as "
            "the first message: traits that answer the customer (empathy, patience, "
            "solution, ...) are not applicable",
            "field": "context",
            "hint": 'put the customer\'s messages in "context" as {"role": "customer", '
            '"text": ...}',
        }
    ]


def create_app(
    *,
    profile: str = "default",
    llm_url: str | None = None,
    llm_model: str | None = None,
    warm: bool = True,
    redact: bool = False,
) -> Starlette:
    """The HTTP application. ``profile`` is the default scorecard profile; ``warm`` loads
    the models now rather than on the first request; ``redact`` masks personal data in
    every response (a request's ``"redact": true`` asks for it when the server does not)."""
    profile = profile_name(profile)
    if warm:
        get_pipeline(profile, llm_url=llm_url, llm_model=llm_model)

    def run(convs: list[Conversation], prof: str, masked: bool) -> list[dict[str, Any]]:
        pipe = get_pipeline(prof, llm_url=llm_url, llm_model=llm_model)
        return list(analyze(convs, pipeline=pipe, encode=redact_result if masked else None))

    async def index(request: Request) -> Response:
        page = resources.files("servicemind.serve").joinpath("templates/index.html")
        return HTMLResponse(page.read_text("utf-8"))

    async def healthz(request: Request) -> Response:
        return JSONResponse({"status": "ok", "version": __version__, "profile": profile})

    async def schema(request: Request) -> Response:
        return JSONResponse(get_schema())

    async def score_reply(request: Request) -> Response:
        started = time.perf_counter()
        try:
            body = await _json_body(request)
            conv = _draft_conversation(body)
            result = run([conv], _profile(body, profile), _redact(body, redact))[0]
        except _TooLarge as exc:
            return _too_large(exc, "send one draft and at most the context it answers")
        except ServicemindError as exc:
            return _error(exc, 422 if isinstance(exc, RecordError) else 400)
        ms = (time.perf_counter() - started) * 1000
        log.info("score-reply: %d context turns, %.1f ms", len(conv.turns) - 1, ms)
        reply = result["turns"][-1].get("agent")
        return JSONResponse(
            {"reply": reply, "result": result, "warnings": _draft_warnings(conv)},
            headers={"Server-Timing": f"score;dur={ms:.1f}"},
        )

    async def analyze_many(request: Request) -> Response:
        started = time.perf_counter()
        try:
            body = await _json_body(request)
            if not isinstance(body, dict) or not isinstance(body.get("conversations"), list):
                raise RecordError(
                    'expected {"conversations": [...]}', file="<request>", field="conversations"
                )
            _known_keys(body, ANALYZE_KEYS)
            items = body["conversations"]
            if len(items) > MAX_CONVERSATIONS:
                raise RecordError(
                    f"at most {MAX_CONVERSATIONS} conversations per call",
                    file="<request>",
                    field="conversations",
                    hint="split the batch, or use `servicemind analyze` for files",
                )
            prof = _profile(body, profile)
            masked = _redact(body, redact)
        except _TooLarge as exc:
            return _too_large(exc, "send fewer conversations per call")
        except ServicemindError as exc:
            return _error(exc, 422 if isinstance(exc, RecordError) else 400)
        convs: list[Conversation] = []
        where: list[int] = []
        rejects: list[dict[str, Any]] = []
        for i, obj in enumerate(items):
            # the checks of `servicemind analyze` on a JSONL line: an empty conversation or
            # one with no message that has text is a reject; an empty turn is left out
            # (a reject entry, its conversation analysed); a time that is no time is null
            try:
                outcomes = outcomes_from_obj(obj)
            except RecordError as exc:
                rejects.append(_reject_entry(i, exc, masked))
                continue
            for o in outcomes:
                if isinstance(o, Reject):
                    rejects.append(_reject_entry(i, o.error, masked))
                else:
                    convs.append(o)
                    where.append(i)
        try:
            results = run(convs, prof, masked) if convs else []
        except ServicemindError as exc:
            return _error(exc, 400)
        ms = (time.perf_counter() - started) * 1000
        log.info("analyze: %d conversations, %d rejected, %.1f ms", len(convs), len(rejects), ms)
        return JSONResponse(
            {"results": results, "rejects": rejects, "indices": where},
            headers={"Server-Timing": f"analyze;dur={ms:.1f}"},
        )

    return Starlette(
        exception_handlers={404: _not_found, 405: _not_allowed},
        routes=[
            Route("/", index),
            Route("/healthz", healthz),
            Route("/v1/schema", schema),
            Route("/v1/score-reply", score_reply, methods=["POST"]),
            Route("/v1/analyze", analyze_many, methods=["POST"]),
        ],
    )


def _too_large(exc: _TooLarge, hint: str) -> JSONResponse:
    err = RecordError(
        f"the request body has {exc.size} bytes; the limit is {MAX_BODY_BYTES}",
        file="<request>",
        hint=hint,
    )
    return JSONResponse(err.to_dict(), status_code=413)


def _reject_entry(i: int, exc: RecordError, masked: bool = False) -> dict[str, Any]:
    field = f"conversations[{i}]" + (f".{exc.field}" if exc.field else "")
    reason = redact_reject(exc, "")[0].reason if masked else exc.reason
    return {"index": i, "field": field, "reason": reason}


#: What the API serves, for the 404 and 405 errors' hint.
ENDPOINTS = "POST /v1/score-reply, POST /v1/analyze, GET /v1/schema, GET /healthz, GET /"


async def _not_found(request: Request, exc: Exception) -> Response:
    err = ServeError(
        f"no such endpoint: {request.method} {request.url.path}", hint=f"the API has {ENDPOINTS}"
    )
    return _error(err, 404)


async def _not_allowed(request: Request, exc: Exception) -> Response:
    err = ServeError(
        f"{request.method} is not allowed on {request.url.path}",
        hint=f"the API has {ENDPOINTS}",
    )
    return _error(err, 405)
