"""The output contract's JSON Schema, and validation against it."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from servicemind.errors import SchemaError

__all__ = ["get_schema", "validate"]


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
def _validator() -> Any:
    import jsonschema

    return jsonschema.Draft202012Validator(get_schema())


def validate(obj: dict[str, Any]) -> None:
    """Raise :class:`SchemaError` naming the first offending path when ``obj`` is invalid."""
    err = next(iter(_validator().iter_errors(obj)), None)
    if err is not None:
        path = "/".join(str(p) for p in err.absolute_path) or "<root>"
        raise SchemaError(f"output does not match the contract at '{path}': {err.message}")
