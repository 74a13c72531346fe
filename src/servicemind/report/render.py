"""The self-contained HTML report: ``build_report(results) -> str`` and ``write_report``.

The page is rendered from ``report/templates/`` with :class:`string.Template`; styles are
inlined, plots are inline SVG from :mod:`servicemind.report.svg`, and there is no script,
web font or remote resource, so the file opens offline and makes no request. Every text
that comes from the data is HTML-escaped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from html import escape
from importlib import resources
from pathlib import Path
from string import Template
from typing import Any

from servicemind import __version__
from servicemind.analyse.base import EMOTIONS, TRAITS
from servicemind.errors import InputError
from servicemind.report import svg
from servicemind.report.aggregate import (
    BEST_MIN,
    RESPONSE_BINS,
    AgentStats,
    Quote,
    ReportAggregator,
)
from servicemind.results import LatestResults, RecordHandler, iter_results

__all__ = ["MAX_AGENTS", "build_report", "highlight", "iter_results", "render", "write_report"]

#: Agents shown in full (most replies first); the rest are listed by name only, which
#: keeps a 10,000-conversation report small.
MAX_AGENTS = 40
#: Further agents listed by name only, so the note stays short with thousands of authors.
MAX_LISTED = 200
#: A reply within this many seconds of the customer turn counts as fast (a common chat
#: service-level target; it is also a bin edge of ``RESPONSE_BINS``).
FAST_REPLY_S = 900


@cache
def _template(name: str) -> str:
    return resources.files("servicemind.report").joinpath("templates", name).read_text("utf-8")


def _render(template: str, /, **values: str) -> str:
    return Template(_template(template)).substitute(values)


def highlight(text: str, spans: Sequence[Mapping[str, Any]]) -> str:
    """``text`` HTML-escaped, with the evidence ``spans`` wrapped in ``<mark>``.

    Spans are ``{start, end, cue, polarity?, trait?}``; overlapping spans keep the first.
    """
    out: list[str] = []
    pos = 0
    for s in sorted(spans, key=lambda s: (s["start"], -s["end"])):
        start, end = int(s["start"]), int(s["end"])
        if start < pos or end > len(text) or start >= end:
            continue
        cls = "neg" if s.get("polarity") == "negative" else "pos"
        tip = f"{s.get('trait', '')}: {s.get('cue', '')}".strip(": ")
        out.append(escape(text[pos:start]))
        out.append(f'<mark class="{cls}" title="{escape(tip)}">{escape(text[start:end])}</mark>')
        pos = end
    out.append(escape(text[pos:]))
    return "".join(out)


def _kpi(value: str, label: str) -> str:
    return f'<div class="kpi"><b>{escape(value)}</b><span>{escape(label)}</span></div>'


def _pct(x: float | None) -> str:
    return "n/a" if x is None else f"{x:.0%}"


def _duration(seconds: float | None) -> str:
    if seconds is None:
        return "n/a"
    if seconds < 90:
        return f"{seconds:.0f} s"
    if seconds < 5400:
        return f"{seconds / 60:.0f} min"
    if seconds < 2 * 86400:
        return f"{seconds / 3600:.1f} h"
    return f"{seconds / 86400:.1f} d"


def _quote(q: Quote, kind: str) -> str:
    where = f"conversation {q.conversation}, turn {q.turn}"
    context = f'<p class="ctx">Customer: {escape(q.customer)}</p>' if q.customer else ""
    extra = ""
    if kind == "worst":
        if q.improve:
            extra += f'<p class="improve"><b>Improve:</b> {escape(q.improve)}</p>'
        if q.rewrite:
            extra += f'<p class="rewrite"><b>Better:</b> {escape(q.rewrite)}</p>'
    if kind == "moment":
        label = (q.label or "").replace("_", " ")
        context = f'<p class="ctx">Agent before: {escape(q.customer)}</p>' if q.customer else ""
        extra = f'<p class="improve"><b>{escape(label)}</b>: {escape(q.improve or "")}</p>'
        score = "Customer"
    else:
        score = f"{q.overall}/100"
    return _render(
        "quote.html",
        kind=kind,
        score=escape(score),
        where=escape(where),
        context=context,
        text=highlight(q.text, q.spans),
        extra=extra,
    )


def _agent(agg: ReportAggregator, s: AgentStats, idx: int) -> str:
    means = s.trait_means()
    kpis = "".join(
        [
            _kpi(str(s.replies), "replies"),
            _kpi(str(s.conversations), "conversations"),
            _kpi(f"{s.overall.mean:.0f}" if s.overall.n else "n/a", "mean overall"),
            _kpi(f"±{s.overall.std:.0f}" if s.overall.n > 1 else "n/a", "spread (std. dev.)"),
            _kpi(
                _pct(s.empathy_missing / s.empathy_needed if s.empathy_needed else None),
                "empathy needed but missing",
            ),
        ]
    )
    timed = sum(s.response)
    if timed:
        fast = sum(
            n
            for n, (edge, _) in zip(s.response, RESPONSE_BINS, strict=True)
            if edge <= FAST_REPLY_S
        )
        kpis += _kpi(_pct(fast / timed), "replies within 15 min")
    radar = svg.radar(list(TRAITS), [means[t] for t in TRAITS], title=f"Trait profile of {s.name}")
    spread = svg.histogram(
        [f"{10 * i}" for i in range(10)],
        s.overall_hist,
        title=f"Overall scores of {s.name}",
        height=150,
    )
    days = s.days()
    stability = ""
    if len(days) >= 2:
        stability = (
            '<figure class="card"><figcaption>Stability over time: mean overall per day</figcaption>'
            + svg.line_chart(
                [d[5:] for d, _ in days],
                [("mean overall", [v for _, v in days])],
                title=f"Mean overall per day of {s.name}",
                ymin=0,
                ymax=100,
            )
            + "</figure>"
        )
    c = s.commitments
    commitments = (
        f'<ul class="plain"><li>open: <b>{c["open"]}</b></li><li>kept: <b>{c["kept"]}</b></li>'
        f"<li>broken: <b>{c['broken']}</b></li></ul>"
        if sum(c.values())
        else '<p class="note">No commitments made.</p>'
    )
    themes_list = agg.themes(s)
    themes = (
        '<ol class="plain">'
        + "".join(f"<li>{escape(t)} ({n} replies)</li>" for t, n in themes_list)
        + "</ol>"
        if themes_list
        else '<p class="note">No coaching focus: every applicable trait was fine.</p>'
    )
    best_quotes, worst_quotes = s.best(), s.worst()
    best = "".join(_quote(q, "best") for q in best_quotes) or (
        f'<p class="note">No reply scored {BEST_MIN} or more.</p>'
        if worst_quotes
        else '<p class="note">No scored replies.</p>'
    )
    worst = "".join(_quote(q, "worst") for q in worst_quotes) or (
        '<p class="note">No other scored replies.</p>'
        if best_quotes
        else '<p class="note">No scored replies.</p>'
    )
    return _render(
        "agent.html",
        anchor=f"agent-{idx}",
        name=escape(s.name),
        kpis=kpis,
        radar=radar,
        spread=spread,
        stability=stability,
        commitments=commitments,
        themes=themes,
        best=best,
        worst=worst,
    )


def _times(agg: ReportAggregator) -> str:
    if not (agg.first_sample.seen or agg.reply_sample.seen):
        return '<p class="note">The conversations carry no timestamps, so response times cannot be shown.</p>'
    labels = [lab for _, lab in RESPONSE_BINS]
    q = agg.quantile
    kpis = "".join(
        [
            _kpi(_duration(q(agg.first_sample.items, 0.5)), "median first response"),
            _kpi(_duration(q(agg.first_sample.items, 0.9)), "90th percentile first response"),
            _kpi(_duration(q(agg.reply_sample.items, 0.5)), "median reply time"),
            _kpi(_duration(q(agg.reply_sample.items, 0.9)), "90th percentile reply time"),
        ]
    )
    return (
        f'<div class="kpis">{kpis}</div><div class="grid">'
        '<figure class="card"><figcaption>First response (customer’s first turn to first reply)</figcaption>'
        + svg.histogram(labels, agg.first_response, title="First response times")
        + '</figure><figure class="card"><figcaption>Every reply (time since the customer turn it answers)</figcaption>'
        + svg.histogram(labels, agg.reply_time, title="Reply times")
        + "</figure></div>"
    )


def build_report(
    results: Iterable[Mapping[str, Any]],
    *,
    title: str = "servicemind report",
    max_quotes: int = 3,
    max_moments: int = 8,
) -> str:
    """The HTML report of analysed conversations (output-contract objects), streamed once."""
    agg = ReportAggregator(max_quotes=max_quotes, max_moments=max_moments)
    for r in results:
        agg.add(r)
    return render(agg, title=title)


def render(agg: ReportAggregator, *, title: str = "servicemind report") -> str:
    """The HTML page of an already filled :class:`ReportAggregator`."""
    means = agg.trait_means()
    c = agg.commitments
    kpis = "".join(
        [
            _kpi(f"{agg.conversations:,}", "conversations"),
            _kpi(f"{agg.replies:,}", "agent replies"),
            _kpi(f"{agg.overall.mean:.0f}" if agg.overall.n else "n/a", "mean overall"),
            _kpi(_pct(agg.empathy_missing_share()), "empathy needed but missing"),
            _kpi(f"{c['open']}/{c['kept']}/{c['broken']}", "commitments open/kept/broken"),
        ]
    )
    bands = [agg.trait_bands[t] for t in TRAITS]
    shown = [t for t, b in zip(TRAITS, bands, strict=True) if sum(b)]
    trait_bands = (
        svg.stacked_bars(
            shown,
            ["weak", "fair", "strong"],
            [agg.trait_bands[t] for t in shown],
            title="Trait bands",
            classes=["weak", "fair", "strong"],
        )
        if shown
        else '<p class="note">No applicable trait scores.</p>'
    )
    agents = agg.agents_sorted()
    note = ""
    if len(agents) > MAX_AGENTS:
        others = agents[MAX_AGENTS : MAX_AGENTS + MAX_LISTED]
        rest = ", ".join(f"{escape(a.name)} ({a.replies})" for a in others)
        more = len(agents) - MAX_AGENTS - len(others)
        if more:
            rest += f" and {more} more"
        note = f'<p class="note">Showing the {MAX_AGENTS} agents with most replies. Others (replies): {rest}.</p>'
    journey = agg.emotion_journey()
    positions = [f"turn {i + 1}" for i in range(len(journey))]
    if journey and len(agg.journey[-1]) and len(journey) == len(agg.journey):
        positions[-1] += "+"
    sat = agg.satisfaction_journey()
    sat_labels = [f"{i + 1}" for i, v in enumerate(sat) if v is not None]
    sat_vals = [v for v in sat if v is not None]
    emotions_total = sum(agg.emotions.values())
    moments = [_quote(q, "moment") for q in agg.moments.items]
    kinds = ", ".join(f"{k.replace('_', ' ')}: {n}" for k, n in agg.moment_kinds.most_common())
    return _render(
        "report.html",
        title=escape(title),
        version=escape(__version__),
        css=_template("report.css"),
        subtitle=escape(
            f"{agg.conversations:,} conversations · {agg.replies:,} agent replies · "
            f"{len(agents)} agents"
        ),
        kpis=kpis,
        overall_hist=svg.histogram(
            [f"{10 * i}" for i in range(10)], agg.overall_hist, title="Overall scores"
        ),
        trait_means=svg.bar_chart(
            list(TRAITS),
            [means[t] for t in TRAITS],
            title="Mean trait scores",
            highlight=[(means[t] or 1) < 0.5 for t in TRAITS],
        ),
        trait_bands=trait_bands,
        agents_note=note,
        agents="".join(_agent(agg, s, i) for i, s in enumerate(agents[:MAX_AGENTS]))
        or '<p class="note">No agent replies.</p>',
        emotion_mix=svg.bar_chart(
            list(EMOTIONS),
            [agg.emotions[e] / emotions_total if emotions_total else None for e in EMOTIONS],
            title="Emotion mix",
            fmt="{:.0%}",
        ),
        journey=svg.stacked_bars(
            positions,
            list(EMOTIONS),
            [[j[e] for e in EMOTIONS] for j in journey],
            title="Emotion journey",
        )
        if journey
        else '<p class="note">No customer turns.</p>',
        satisfaction=svg.line_chart(
            sat_labels,
            [("satisfaction", sat_vals)],
            title="Satisfaction by position",
            ymin=1,
            ymax=5,
        )
        if sat_vals
        else '<p class="note">No satisfaction scores.</p>',
        moments_note=escape(
            f"{sum(agg.moment_kinds.values())} moments ({kinds}); a fixed-seed sample of "
            f"{len(moments)} is quoted."
            if agg.moment_kinds
            else "No moments of truth were found."
        ),
        moments="".join(moments),
        times=_times(agg),
    )


def write_report(
    path_in: str | Path | Sequence[str | Path] | LatestResults,
    path_out: str | Path,
    *,
    title: str | None = None,
    max_quotes: int = 3,
    on_error: RecordHandler | None = None,
    redact: bool = False,
) -> Path:
    """Read analysed JSONL (or a ``--db`` store) from ``path_in`` (one path or several) and
    write the HTML report to ``path_out``.

    Each conversation id counts once, the later one winning (see
    :class:`servicemind.results.LatestResults`; pass one to read its ``duplicates``
    afterwards). A bad line raises, or with ``on_error`` goes there and is left out of the
    report (see :func:`servicemind.results.iter_results`). ``redact`` masks personal data in
    every quote (:func:`servicemind.redaction.redact_result`)."""
    out = Path(path_out)
    if isinstance(path_in, LatestResults):
        latest = path_in
    else:
        latest = LatestResults([path_in] if isinstance(path_in, str | Path) else path_in, on_error)
    names = " + ".join(re.sub(r"[.](jsonl?|sqlite)$", "", p.name) for p in latest.paths)
    results: Iterable[dict[str, Any]] = latest
    if redact:
        from servicemind.redaction import redact_result

        results = map(redact_result, latest)
    html = build_report(
        results, title=title or f"servicemind report: {names}", max_quotes=max_quotes
    )
    try:
        out.write_text(html, encoding="utf-8")
    except OSError as exc:
        raise InputError(
            f"cannot write {out}: {exc.strerror}", hint="check the output folder"
        ) from exc
    return out
