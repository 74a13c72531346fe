from __future__ import annotations

from typing import Any

from _contract_builders import agent, customer, evidence, result, trait, traits
from servicemind.report.aggregate import EMPATHY_MISSING_BELOW, ReportAggregator, Reservoir


def _conv(id: str, author: str, overall: int, empathy: float | None, **kw: Any) -> dict[str, Any]:
    return result(
        [
            ("customer", "My parcel is late!", customer("angry", satisfaction=2.0)),
            (
                "agent",
                "Sorry, it is on its way.",
                agent(overall, traits(0.7, empathy=empathy), **kw),
            ),
            ("customer", "Thanks.", customer("grateful", satisfaction=4.0)),
        ],
        id=id,
        authors={"agent": author, "customer": "cust"},
    )


def test_report_aggregate_counts_replies_per_agent_and_overall_histogram() -> None:
    agg = ReportAggregator()
    for i, (a, o) in enumerate([("Ana", 91), ("Ana", 45), ("Ben", 12)]):
        agg.add(_conv(f"c{i}", a, o, 0.8))
    assert agg.conversations == 3 and agg.replies == 3
    assert agg.agents["Ana"].replies == 2 and agg.agents["Ana"].conversations == 2
    assert agg.overall_hist[9] == 1 and agg.overall_hist[4] == 1 and agg.overall_hist[1] == 1
    assert round(agg.agents["Ana"].overall.mean) == 68
    assert agg.agents["Ana"].overall.std > 30


def test_report_aggregate_trait_means_skip_not_applicable() -> None:
    agg = ReportAggregator()
    agg.add(_conv("a", "Ana", 70, 0.2))
    agg.add(_conv("b", "Ana", 70, None))
    agg.add(_conv("c", "Ana", 70, 0.6))
    assert agg.trait_means()["empathy"] == 0.4
    assert agg.trait_n["empathy"] == 2


def test_report_aggregate_empathy_needed_but_missing_share() -> None:
    agg = ReportAggregator()
    agg.add(_conv("a", "Ana", 70, EMPATHY_MISSING_BELOW - 0.01))  # needed, missing
    agg.add(_conv("b", "Ana", 70, 0.9))  # needed, given
    agg.add(_conv("c", "Ana", 70, None))  # not needed
    assert agg.empathy_missing_share() == 0.5
    assert agg.agents["Ana"].empathy_missing == 1


def test_report_aggregate_commitments_and_coaching_themes() -> None:
    agg = ReportAggregator()
    c = [
        {"text": "I'll call", "start": 0, "end": 9, "due": None, "status": s}
        for s in ("open", "kept", "broken", "kept")
    ]
    coach = {"strengths": [], "improve": "x", "rewrite": None, "focus": "ownership"}
    agg.add(_conv("a", "Ana", 70, 0.8, commitments=c, coaching=coach))
    agg.add(_conv("b", "Ana", 70, 0.8, coaching={**coach, "focus": "empathy"}))
    agg.add(_conv("c", "Ana", 70, 0.8, coaching=coach))
    s = agg.agents["Ana"]
    assert dict(s.commitments) == {"open": 1, "kept": 2, "broken": 1}
    assert agg.themes(s) == [("ownership", 2), ("empathy", 1)]


def test_report_aggregate_keeps_best_and_worst_replies_bounded() -> None:
    agg = ReportAggregator(max_quotes=2)
    for i, o in enumerate([50, 90, 10, 70, 30, 95, 5]):
        agg.add(_conv(f"c{i}", "Ana", o, 0.8))
    s = agg.agents["Ana"]
    assert [q.overall for q in s.best()] == [95, 90]
    assert [q.overall for q in s.worst()] == [5, 10]
    assert s.best()[0].customer == "My parcel is late!"


def test_report_aggregate_never_shows_a_reply_as_both_best_and_worst() -> None:
    agg = ReportAggregator(max_quotes=3)
    for i, o in enumerate([85, 40]):
        agg.add(_conv(f"c{i}", "Sam", o, 0.8))
    s = agg.agents["Sam"]
    assert [q.overall for q in s.best()] == [85]
    assert [q.overall for q in s.worst()] == [40]  # 85 is shown as best, not again as worst


def test_report_aggregate_best_leaves_out_a_weak_reply() -> None:
    agg = ReportAggregator(max_quotes=3)
    for i, o in enumerate([21, 35]):
        agg.add(_conv(f"c{i}", "Priya", o, 0.8))
    s = agg.agents["Priya"]
    assert s.best() == []  # below BEST_MIN: no example to follow
    assert [q.overall for q in s.worst()] == [21, 35]


def test_report_aggregate_quote_carries_evidence_spans() -> None:
    text = "Sorry, it is on its way."
    tr = traits(0.7, empathy=trait(0.9, [evidence("Sorry", text, "apology")]))
    agg = ReportAggregator()
    agg.add(
        result(
            [("customer", "Late!", customer("angry")), ("agent", text, agent(80, tr))],
            authors={"agent": "Ana"},
        )
    )
    q = agg.agents["Ana"].best()[0]
    assert q.spans[0]["text"] == "Sorry" and q.spans[0]["trait"] == "empathy"


def test_report_aggregate_emotion_mix_and_journey_by_position() -> None:
    agg = ReportAggregator()
    agg.add(_conv("a", "Ana", 70, 0.8))
    agg.add(_conv("b", "Ana", 70, 0.8))
    assert agg.emotions == {"angry": 2, "grateful": 2}
    journey = agg.emotion_journey()
    assert journey[0]["angry"] == 1.0 and journey[1]["grateful"] == 1.0
    assert agg.satisfaction_journey()[:2] == [2.0, 4.0]


def test_report_aggregate_response_times_need_timestamps() -> None:
    agg = ReportAggregator()
    agg.add(_conv("a", "Ana", 70, 0.8))
    assert agg.first_sample.seen == 0
    timed = result(
        [
            ("customer", "Hi?", customer()),
            ("agent", "Hello!", agent()),
            ("customer", "And?", customer()),
            ("agent", "Done.", agent()),
        ],
        times=[
            "2026-03-02T10:00:00Z",
            "2026-03-02T10:02:00Z",
            "2026-03-02T10:03:00+00:00",
            "2026-03-02T12:03:00Z",
        ],
    )
    agg.add(timed)
    assert agg.first_sample.items == [120.0]
    assert sorted(agg.reply_sample.items) == [120.0, 7200.0]
    assert agg.first_response[1] == 1  # 1-5 minutes


def test_report_aggregate_moments_are_sampled_with_their_turns() -> None:
    agg = ReportAggregator(max_moments=3)
    for i in range(20):
        r = _conv(f"c{i}", "Ana", 70, 0.8)
        r["summary"]["moments"] = [
            {"turn": 2, "kind": "satisfaction_rise", "detail": "up by 2", "agent_turn": 1}
        ]
        agg.add(r)
    assert agg.moment_kinds["satisfaction_rise"] == 20
    assert len(agg.moments.items) == 3
    q = agg.moments.items[0]
    assert q.text == "Thanks." and q.customer == "Sorry, it is on its way."


def test_report_reservoir_is_bounded_uniform_and_reproducible() -> None:
    a: Reservoir[int] = Reservoir(50, seed=1)
    b: Reservoir[int] = Reservoir(50, seed=1)
    for i in range(10_000):
        a.add(i)
        b.add(i)
    assert a.items == b.items and len(a.items) == 50 and a.seen == 10_000
    assert sum(x >= 5000 for x in a.items) > 10  # not just the first items


def test_report_aggregate_quotes_a_reply_without_the_history_the_analysis_left_out() -> None:
    own = "Sorry, it is on its way."
    text = own + "\n\nOn Mon 3 Nov 2025, Ana <ana@example.com> wrote:\n> My parcel is late!"
    conv = result(
        [("customer", "Late!", customer("angry")), ("agent", text, agent(80))],
        authors={"agent": "Ana"},
    )
    conv["turns"][1]["excluded"] = [{"start": len(own) + 2, "end": len(text), "kind": "quoted"}]
    agg = ReportAggregator()
    agg.add(conv)
    assert agg.agents["Ana"].best()[0].text == own


def test_report_aggregate_best_leaves_out_a_reply_whose_promise_was_broken() -> None:
    agg = ReportAggregator(max_quotes=3)
    # look-alikes: another flag, and no flag, stay eligible
    for cid, overall, flags in (("b", 95, ["broken_promise"]), ("o", 90, ["over_promise"])):
        reply = agent(overall, traits(0.9))
        reply["flags"] = flags
        turns = [("customer", "Late!", customer("angry")), ("agent", "Today.", reply)]
        agg.add(result(turns, id=cid, authors={"agent": "Ana"}))
    agg.add(_conv("p", "Ana", 80, 0.8))
    s = agg.agents["Ana"]
    assert [q.conversation for q in s.best()] == ["o", "p"]
    assert "b" in [q.conversation for q in s.worst()]  # still shown, not as an example
