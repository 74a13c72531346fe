"""The output contract's JSON Schema, and validation against it."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from servicemind.errors import SchemaError

__all__ = ["get_schema", "validate", "validate_reference"]


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


@cache
def _compiled() -> Any:
    # fastjsonschema compiles the schema to Python code: about 1 ms per demo conversation
    # against about 10 ms for jsonschema's interpreter (benchmarks/RESULTS.md), which makes
    # validating every output affordable. The tests also check outputs with jsonschema's
    # Draft 2020-12 validator, the reference implementation.
    import fastjsonschema

    return fastjsonschema.compile(get_schema())


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
