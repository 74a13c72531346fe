"""The real TWCS and ABCD samples in ../shared/data (skipped when the data is absent).

The expected structure was worked out by hand from twcs_sample.csv: 93 tweets in 27
threads (union of the reply links; links to tweets outside the sample are kept in meta).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from servicemind.conversation import Role
from servicemind.ingest import detect_format, read

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "conversations"
TWCS = DATA / "twcs_sample.csv"
ABCD = DATA / "abcd_sample.json"

needs_twcs = pytest.mark.skipif(not TWCS.is_file(), reason="shared TWCS sample not present")
needs_abcd = pytest.mark.skipif(not ABCD.is_file(), reason="shared ABCD sample not present")


@needs_twcs
def test_ingest_real_twcs_sample_rebuilds_27_threads() -> None:
    assert detect_format(TWCS) == "twcs"
    convs = list(read(TWCS, strict=True))
    sizes = sorted(len(c.turns) for c in convs)
    assert len(convs) == 27
    assert sum(sizes) == 93
    assert sizes == sorted([1] + [2] * 12 + [3] * 5 + [4] * 3 + [5, 6, 7, 7, 8, 8])
    tweet_ids = [t.meta["tweet_id"] for c in convs for t in c.turns]
    assert len(set(tweet_ids)) == 93
    assert len({c.id for c in convs}) == 27


@needs_twcs
def test_ingest_real_twcs_turns_in_time_order_and_brands_are_agents() -> None:
    for conv in read(TWCS, strict=True):
        times = [datetime.fromisoformat(t.time or "") for t in conv.turns]
        assert times == sorted(times)
        for t in conv.turns:
            # In TWCS customers are anonymised to digits; brands keep their handle.
            assert (t.role is Role.AGENT) == (not (t.author or "").isdigit())
        assert conv.id == f"twcs-{conv.turns[0].meta['tweet_id']}"


@needs_twcs
def test_ingest_real_twcs_virgin_trains_thread() -> None:
    convs = {c.id: c for c in read(TWCS, strict=True)}
    thread = convs["twcs-119246"]
    # 119246 is a reply whose timestamp precedes its parent's in the data: time order wins.
    assert [t.meta["tweet_id"] for t in thread.turns] == [
        "119246", "119242", "119240", "119241", "119243", "119244", "119245",
    ]  # fmt: skip
    assert [t.role.value for t in thread.turns] == ["agent", "customer"] * 3 + ["agent"]
    assert thread.meta["brand"] == "VirginTrains"
    assert thread.turns[0].time == "2017-10-10T10:13:19+00:00"


@needs_abcd
def test_ingest_real_abcd_sample() -> None:
    convs = list(read(ABCD, strict=True))
    assert [c.id for c in convs] == ["abcd-3592", "abcd-9489", "abcd-3695"]
    first = convs[0]
    assert len(first.turns) == 29
    assert first.meta["flow"] == "product_defect"
    assert first.meta["subflow"] == "return_size"
    assert sum(t.role is Role.SYSTEM for t in first.turns) == 4  # its four "action" rows
