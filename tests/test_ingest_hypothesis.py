"""Round trip: Conversation -> servicemind JSONL -> read -> the same Conversation."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from servicemind.conversation import Conversation, Role
from servicemind.ingest import read
from servicemind.ingest._records import has_text

json_scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**53), max_value=2**53)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20)
)
json_values = st.recursive(
    json_scalars,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)
metas = st.dictionaries(st.text(max_size=10), json_values, max_size=4)
turns = st.fixed_dictionaries(
    {
        "role": st.sampled_from(list(Role)),
        # ingest reports a turn without text instead of reading it (see test_ingest_empty)
        "text": st.text(max_size=200).filter(has_text),
        "author": st.none() | st.text(min_size=1, max_size=12),
        # a time that is no ISO-8601 time is set to null with a warning (test_ingest_times)
        "time": st.none() | st.datetimes().map(lambda d: d.isoformat()),
        "meta": metas,
    }
)


@st.composite
def conversations(draw: Any) -> Conversation:
    return Conversation.from_turns(
        draw(st.lists(turns, min_size=1, max_size=6)),
        id=draw(st.none() | st.text(min_size=1, max_size=20)),
        channel=draw(st.none() | st.text(min_size=1, max_size=10)),
        meta=draw(metas),
    )


@settings(max_examples=60, deadline=None)
@given(st.lists(conversations(), min_size=1, max_size=4), st.sampled_from(["\n", "\r\n"]))
def test_ingest_jsonl_round_trip_gives_equal_conversations(
    convs: list[Conversation], newline: str
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "convs.jsonl"
        with open(path, "w", encoding="utf-8", newline="") as fh:
            for conv in convs:
                fh.write(json.dumps(conv.to_dict(), ensure_ascii=False) + newline)
        assert list(read(path, strict=True)) == convs
