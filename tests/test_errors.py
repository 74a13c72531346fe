"""The one error tree and its JSON shape."""

from __future__ import annotations

import servicemind.errors as errors
from servicemind.errors import RecordError, ServicemindError


def test_errors_every_error_derives_from_servicemind_error_with_a_unique_code() -> None:
    classes = [getattr(errors, n) for n in errors.__all__]
    assert all(issubclass(c, ServicemindError) for c in classes)
    codes = [c.code for c in classes]
    assert len(codes) == len(set(codes))


def test_errors_record_error_names_file_line_and_field() -> None:
    e = RecordError(
        "role is missing", file="in.jsonl", line=7, field="turns[2].role", hint="add it"
    )
    assert str(e) == "[E202] in.jsonl:7 field 'turns[2].role': role is missing (add it)"
    shape = e.to_dict()["error"]
    assert (shape["code"], shape["file"], shape["line"], shape["field"]) == (
        "E202",
        "in.jsonl",
        7,
        "turns[2].role",
    )
