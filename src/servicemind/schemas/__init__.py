"""The output contract's JSON Schema, and validation against it."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from servicemind.errors import SchemaError

__all__ = ["get_schema", "inline_refs", "validate", "validate_reference"]


@cache
def get_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one line of ``servicemind analyze`` output."""
    text = (
        resources.files("servicemind.schemas")
        .joinpath("analysis.schema.json")
        .read_text(encoding="utf-8")
    )
    schema: dict[str, Any] = json.loads(text)
    return schema


def inline_refs(schema: dict[str, Any]) -> dict[str, Any]:
    """The schema with every ``{"$ref": "#/$defs/<name>"}`` replaced by that definition.

    The same contract (the definitions are not recursive); compiled, it validates without a
    function call per referenced object, which halves fastjsonschema's time per output.
    """
    defs = schema.get("$defs", {})
    prefix = "#/$defs/"

    def walk(node: Any, seen: tuple[str, ...]) -> Any:
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith(prefix) and len(node) == 1:
                name = ref[len(prefix) :]
                if name in seen:
                    raise ValueError(f"recursive definition '{name}' cannot be inlined")
                return walk(defs[name], (*seen, name))
            return {k: walk(v, seen) for k, v in node.items() if k != "$defs"}
        if isinstance(node, list):
            return [walk(v, seen) for v in node]
        return node

    out: dict[str, Any] = walk(schema, ())
    return out


@cache
def _compiled() -> Any:
    # fastjsonschema compiles the schema to Python code: about 0.6 ms per demo conversation
    # with the references inlined (1.2 ms without) against about 10 ms for jsonschema's
    # interpreter (benchmarks/RESULTS.md), which makes validating every output affordable.
    # The tests also check outputs with jsonschema's Draft 2020-12 validator, the reference.
    import fastjsonschema

    return fastjsonschema.compile(inline_refs(get_schema()))


def validate(obj: dict[str, Any]) -> None:
    """Raise :class:`SchemaError` naming the offending path when ``obj`` is invalid."""
    import fastjsonschema

    try:
        _compiled()(obj)
    except fastjsonschema.JsonSchemaException as exc:
        raise SchemaError(f"output does not match the contract: {exc}") from None


def validate_reference(obj: dict[str, Any]) -> None:
    """Validate with jsonschema's Draft 2020-12 validator (slower; the reference)."""
    import jsonschema

    err = next(iter(jsonschema.Draft202012Validator(get_schema()).iter_errors(obj)), None)
    if err is not None:
        path = "/".join(str(p) for p in err.absolute_path) or "<root>"
        raise SchemaError(f"output does not match the contract at '{path}': {err.message}")
