"""The ``servicemind`` command line: parse, call the library, turn errors into messages.

No analysis logic lives here (sqlite-utils' ``cli.py`` → ``db.py``).
"""

from __future__ import annotations

import contextlib
import json
import logging
import sys
from collections.abc import Callable, Iterator
from functools import wraps
from importlib import resources
from pathlib import Path
from typing import IO, Any, TypeVar, cast

import click

from servicemind import __version__
from servicemind.errors import ConfigError, InputError, RecordError, ServicemindError
from servicemind.settings import SETTINGS, load_settings

__all__ = ["cli", "main"]

F = TypeVar("F", bound=Callable[..., Any])
T = TypeVar("T")


def _friendly(fn: F) -> F:
    """Turn servicemind (and I/O) errors into a one-line message and exit code 1."""

    @wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except ServicemindError as exc:
            click.echo(f"servicemind: error: {exc}", err=True)
            sys.exit(1)
        except OSError as exc:
            click.echo(f"servicemind: error: {exc.strerror or exc}: {exc.filename or ''}", err=True)
            sys.exit(1)
        except KeyboardInterrupt:
            click.echo("servicemind: interrupted", err=True)
            sys.exit(130)

    return cast(F, wrapper)


def _progress(
    items: Iterator[T], enabled: bool | None, desc: str, turns_of: Callable[[T], int] | None = None
) -> Iterator[T]:
    """Wrap an iterator of output objects (or of anything ``turns_of`` counts the turns of)
    in a progress bar on stderr when it is a terminal."""
    show = sys.stderr.isatty() if enabled is None else enabled
    if not show:
        yield from items
        return
    from tqdm import tqdm

    count = turns_of or _turns_of
    with tqdm(desc=desc, unit=" conv", file=sys.stderr, dynamic_ncols=True) as bar:
        turns = 0
        for item in items:
            turns += count(item)
            bar.update(1)
            bar.set_postfix(turns=turns, refresh=False)
            yield item


def _turns_of(obj: Any) -> int:
    return len(obj["turns"])


def _jsonl_record(obj: dict[str, Any]) -> tuple[str, int]:
    """An output object as its output line and its number of turns: made where the object
    is (in the worker with ``--jobs``), so only the text travels back to this process."""
    return json.dumps(obj, ensure_ascii=False) + "\n", len(obj["turns"])


def _redacted_record(obj: dict[str, Any]) -> tuple[str, int]:
    """:func:`_jsonl_record` of the object with personal data masked (``--redact``)."""
    from servicemind.redaction import redact_result

    return _jsonl_record(redact_result(obj))


def _record_turns(record: tuple[str, int]) -> int:
    return record[1]


_REDACT_HELP = (
    "Mask personal data (emails, phone, card and account numbers, names, addresses) in "
    "everything written; scores are computed on the original text (default: setting redact)."
)


@contextlib.contextmanager
def _open_output(path: str | None) -> Iterator[IO[str]]:
    if path in (None, "-"):
        yield sys.stdout
        return
    assert path is not None
    with open(path, "w", encoding="utf-8") as fh:
        yield fh


@contextlib.contextmanager
def _ingest_notes() -> Iterator[None]:
    """Show what ingest reports on stderr while reading: which headers it read as which
    columns (info), and rejects when there is no --rejects file (warnings). These lines
    name files, lines, fields and headers, never message text."""
    log = logging.getLogger("servicemind.ingest")
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("servicemind: %(message)s"))
    handler.setLevel(logging.INFO)
    level = log.level
    log.addHandler(handler)
    if log.getEffectiveLevel() > logging.INFO:
        log.setLevel(logging.INFO)
    try:
        yield
    finally:
        log.removeHandler(handler)
        log.setLevel(level)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="servicemind")
def cli() -> None:
    """servicemind: make the service mindset visible, measurable and teachable.

    Analyse support conversations (every agent reply scored on eleven traits with
    evidence; every customer turn's emotion, hostility and satisfaction), coach, and report.
    """


def _parse_options(options: str | None) -> dict[str, Any] | None:
    if options is None:
        return None
    try:
        value = json.loads(options)
    except json.JSONDecodeError as exc:
        raise ConfigError(f"--options is not valid JSON: {exc.msg}") from None
    if not isinstance(value, dict):
        raise ConfigError('--options must be a JSON object, e.g. \'{"text_column": "body"}\'')
    return value


@cli.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option(
    "--format",
    "-f",
    "fmt",
    default=None,
    help="Input format (default: detected). See `servicemind formats`.",
)
@click.option("--output", "-o", default=None, help="Output JSONL file (default: stdout).")
@click.option(
    "--rejects",
    default=None,
    help="Write rejected records (with file, line, field, reason) to this JSONL file.",
)
@click.option(
    "--strict", is_flag=True, help="Stop at the first bad record instead of rejecting it."
)
@click.option(
    "--options",
    default=None,
    help="Format options as a JSON object (column names, speaker labels).",
)
@click.option("--profile", default=None, help="Scorecard profile (default, airline, bank, ...).")
@click.option(
    "--db",
    default=None,
    help="Also store the results in this SQLite file (re-runs add no duplicates; a "
    "conversation whose content changed is re-analysed and replaces the stored one).",
)
@click.option(
    "--report", "report_path", default=None, help="Also write a self-contained HTML report here."
)
@click.option(
    "--validate/--no-validate",
    default=None,
    help="Validate each output object against the schema (default: on).",
)
@click.option(
    "--progress/--no-progress",
    default=None,
    help="Show a progress bar (default: when stderr is a terminal).",
)
@click.option(
    "--jobs",
    "-j",
    type=int,
    default=None,
    help=(
        "Worker processes (default 0: one per CPU core once the input exceeds one batch; "
        "1: this process only). Same output, same order."
    ),
)
@click.option(
    "--summary",
    is_flag=True,
    help="Also print a summary of each conversation on stderr (its best and worst replies "
    "and why, the moments of truth), as `servicemind demo` does.",
)
@click.option("--redact/--no-redact", default=None, help=_REDACT_HELP)
@_friendly
def analyze(
    inputs: tuple[str, ...],
    fmt: str | None,
    output: str | None,
    rejects: str | None,
    strict: bool,
    options: str | None,
    profile: str | None,
    db: str | None,
    report_path: str | None,
    validate: bool | None,
    progress: bool | None,
    jobs: int | None,
    summary: bool,
    redact: bool | None,
) -> None:
    """Analyse conversations and write one JSON object per conversation (JSONL).

    INPUTS are files in any supported format. The output contract is printed by
    `servicemind schema` and documented in docs/output.md. Exits with status 1 when
    records were read but every one was rejected (nothing analysed).
    """
    from servicemind.api import analyze as run_analysis
    from servicemind.ingest import RejectWriter, dedupe, is_warning, log_reject, read_all
    from servicemind.redaction import redact_reject, redact_result
    from servicemind.report.text import Tally, summarize

    settings = load_settings(
        {"profile": profile, "validate": validate, "db": db, "jobs": jobs, "redact": redact}
    )
    opts = _parse_options(options)
    with contextlib.ExitStack() as stack:
        stack.enter_context(_ingest_notes())
        on_reject = stack.enter_context(RejectWriter(rejects)) if rejects else None
        rejected = 0

        def count_reject(error: RecordError, raw: str) -> None:
            nonlocal rejected
            rejected += not is_warning(error)
            if settings["redact"]:
                error, raw = redact_reject(error, raw)
            (on_reject or log_reject)(error, raw)

        streams = read_all(list(inputs), fmt, strict=strict, on_reject=count_reject, options=opts)
        convs = dedupe(streams, on_reject=count_reject, strict=strict)
        # objects are only needed here for the store, the report and the summaries;
        # otherwise each conversation comes back as its output line
        keep = bool(settings["db"]) or bool(report_path) or summary
        encode: Callable[[dict[str, Any]], Any] | None = _jsonl_record
        if settings["redact"]:
            encode = redact_result if keep else _redacted_record
        elif keep:
            encode = None
        run: dict[str, Any] = {
            "profile": settings["profile"],
            "check": settings["validate"],
            "llm_url": settings["llm_url"],
            "llm_model": settings["llm_model"],
            "jobs": settings["jobs"],
            "batch_size": settings["batch_size"],
        }
        results: Iterator[Any] = run_analysis(convs, **run, encode=encode)
        store = None
        if settings["db"]:
            from servicemind.store import ResultStore

            store = stack.enter_context(ResultStore(settings["db"]))
        from servicemind.report import ReportAggregator, render

        agg = ReportAggregator() if report_path else None
        tally = Tally() if summary else None
        out = stack.enter_context(_open_output(output))
        n = 0
        added = skipped = updated = 0
        for item in _progress(results, progress, "analysing", None if keep else _record_turns):
            line, _ = _jsonl_record(item) if keep else item
            out.write(line)
            n += 1
            if store is not None:
                done = store.add([item])
                added += done.added
                skipped += done.skipped
                updated += done.updated
            if agg is not None:
                agg.add(item)
            if tally is not None:
                click.echo(summarize(item) + "\n", err=True)
                tally.add(item)
        if tally is not None and n:
            click.echo(tally.line(), err=True)
        if output not in (None, "-"):
            click.echo(f"analysed {n} conversation{'' if n == 1 else 's'} -> {output}", err=True)
        if store is not None:
            click.echo(
                f"stored {added} new, skipped {skipped} already in {settings['db']}, "
                f"updated {updated} whose content changed",
                err=True,
            )
        if on_reject is not None and on_reject.count:
            kept = f", {on_reject.warned} kept with a warning" if on_reject.warned else ""
            click.echo(
                f"rejected {on_reject.count - on_reject.warned} records{kept} -> {rejects}",
                err=True,
            )
        if n == 0 and rejected:
            raise InputError(
                f"nothing analysed: all {rejected} record(s) read were rejected",
                hint=f"see {rejects}"
                if rejects
                else "the reasons are above; --rejects FILE keeps them",
            )
        if n == 0:
            click.echo("servicemind: warning: no conversations found in the input", err=True)
        if agg is not None and report_path:
            Path(report_path).write_text(render(agg), encoding="utf-8")
            click.echo(f"report -> {report_path}", err=True)


@cli.command()
def schema() -> None:
    """Print the JSON Schema of the output contract."""
    from servicemind.schemas import get_schema

    click.echo(json.dumps(get_schema(), indent=2, ensure_ascii=False))


@cli.command()
def formats() -> None:
    """List the input formats and their options."""
    from servicemind.ingest import FORMATS

    for f in FORMATS.values():
        opts = f" (options: {', '.join(f.options)})" if f.options else ""
        click.echo(f"{f.name:10s} {f.summary}{opts}")


@cli.command()
def components() -> None:
    """List the registered analysers with their versions, requires and assigns."""
    from servicemind.analyse.registry import registered

    for name, info in registered().items():
        click.echo(
            f"{name:13s} v{info['version']}  requires {', '.join(info['requires']) or '-'}"  # type: ignore[arg-type]
            f"  assigns {', '.join(info['assigns']) or '-'}"  # type: ignore[arg-type]
        )


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=8000, show_default=True, type=int, help="Port to listen on.")
@click.option("--profile", default=None, help="Default scorecard profile.")
@click.option(
    "--redact/--no-redact",
    default=None,
    help='Mask personal data in every response; a request\'s "redact": true asks for it '
    "when the server does not (default: setting redact).",
)
@_friendly
def serve(host: str, port: int, profile: str | None, redact: bool | None) -> None:
    """Run the HTTP API: score a draft reply in real time, analyse conversations.

    POST /v1/score-reply, POST /v1/analyze, GET /v1/schema, GET /healthz, and a page at /
    to try a draft by hand. Needs the ``serve`` extra. See docs/serve.md.
    """
    try:
        import uvicorn

        from servicemind.serve import create_app
    except ImportError as exc:
        raise ConfigError(
            f"the HTTP API needs the serve extra ({exc.name} is missing)",
            hint="pip install 'servicemind[serve]'",
        ) from None
    settings = load_settings({"profile": profile, "redact": redact})
    app = create_app(
        profile=settings["profile"],
        llm_url=settings["llm_url"],
        llm_model=settings["llm_model"],
        redact=bool(settings["redact"]),
    )
    click.echo(f"servicemind API on http://{host}:{port}/ (Ctrl-C to stop)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


def _demo_path() -> Path:
    return Path(str(resources.files("servicemind.demo").joinpath("conversations.jsonl")))


@cli.command()
@click.option(
    "--out-dir",
    default="servicemind-demo",
    show_default=True,
    help="Where the results, database and report are written.",
)
@click.option("--profile", default=None, help="Scorecard profile.")
@click.option(
    "--progress/--no-progress",
    default=None,
    help="Show a progress bar (default: when stderr is a terminal).",
)
@_friendly
def demo(out_dir: str, profile: str | None, progress: bool | None) -> None:
    """Analyse the built-in demo conversations and print a summary of each.

    Writes results.jsonl, results.sqlite and report.html into --out-dir.
    """
    from servicemind.api import analyze as run_analysis
    from servicemind.ingest import read
    from servicemind.report.text import Tally, summarize
    from servicemind.store import ResultStore

    settings = load_settings({"profile": profile})
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    results = list(
        _progress(
            run_analysis(read(_demo_path(), "jsonl", strict=True), profile=settings["profile"]),
            progress,
            "demo",
        )
    )
    with open(out / "results.jsonl", "w", encoding="utf-8") as fh:
        for obj in results:
            fh.write(json.dumps(obj, ensure_ascii=False) + "\n")
    with ResultStore(out / "results.sqlite") as store:
        added, skipped, updated = store.add(results)
    for obj in results:
        click.echo(summarize(obj))
        click.echo()
    replies = sum(1 for r in results for t in r["turns"] if "agent" in t)
    click.echo(f"{len(results)} conversations, {replies} agent replies analysed.")
    tally = Tally()
    for obj in results:
        tally.add(obj)
    click.echo(tally.line())
    click.echo(f"results  -> {out / 'results.jsonl'}")
    click.echo(
        f"database -> {out / 'results.sqlite'} ({added} added, {updated} updated, {skipped} already there)"
    )
    try:
        from servicemind.report import build_report
    except ImportError:  # pragma: no cover - the report room ships with the package
        return
    (out / "report.html").write_text(build_report(results), encoding="utf-8")
    click.echo(f"report   -> {out / 'report.html'}")


@cli.command()
@_friendly
def settings() -> None:
    """Show every setting with its current value and where to set it."""
    from servicemind.analyse.scorecard import load_profiles, profile_name

    values = load_settings()
    for s in SETTINGS:
        click.echo(f"{s.name:12s} = {values[s.name]!r:34s} env {s.env}  {s.help}")
    known = load_profiles()
    if profile_name(values["profile"]) not in known:
        raise ConfigError(
            f"profile = {values['profile']!r} is not a scorecard profile",
            hint="known: " + ", ".join(known),
        )


@cli.command()
@click.option(
    "--trainee", required=True, help="Who is practising (progress is saved under this name)."
)
@click.option(
    "--from",
    "from_results",
    default=None,
    type=click.Path(dir_okay=False),
    help="Build scenarios from this analyze output (the agent's weakest replies).",
)
@click.option("--agent", default=None, help="With --from: whose replies (default: the trainee).")
@click.option(
    "--scenario", "scenario_ids", multiple=True, help="Practise this scenario id (repeatable)."
)
@click.option(
    "--trait", "traits", multiple=True, help="Only scenarios that train this trait (repeatable)."
)
@click.option(
    "--difficulty",
    type=click.IntRange(1, 3),
    default=None,
    help="Only scenarios of this difficulty (1-3).",
)
@click.option("--count", default=5, show_default=True, help="How many scenarios.")
@click.option("--attempts", default=3, show_default=True, help="Tries per scenario.")
@click.option(
    "--db", "db_path", default=None, help="Progress database (default: setting practice_db)."
)
@click.option(
    "--no-self-care", is_flag=True, help="No check-ins, reset suggestions or self-talk prompts."
)
@click.option("--profile", default=None, help="Scorecard profile.")
@_friendly
def practice(
    trainee: str,
    from_results: str | None,
    agent: str | None,
    scenario_ids: tuple[str, ...],
    traits: tuple[str, ...],
    difficulty: int | None,
    count: int,
    attempts: int,
    db_path: str | None,
    no_self_care: bool,
    profile: str | None,
) -> None:
    """Practise answering difficult customers: reply, get scored and coached, retry.

    Type a reply and press Enter (end a line with \\ to continue it); :hint, :skip, :quit
    (:skip and :quit work at every prompt). A reply of one or two characters is confirmed
    before it is scored.
    """
    from servicemind.api import get_pipeline
    from servicemind.coach.practice import run_practice

    settings = load_settings({"profile": profile, "practice_db": db_path})
    run_practice(
        get_pipeline(settings["profile"]),
        trainee=trainee,
        from_results=from_results,
        agent=agent,
        scenario_ids=scenario_ids,
        traits=traits,
        difficulty=difficulty,
        count=count,
        db_path=Path(settings["practice_db"]).expanduser(),
        self_care=not no_self_care and bool(settings["wellbeing"]),
        max_attempts=attempts,
        input_fn=input,
        output_fn=click.echo,
    )


@cli.command()
@click.argument("results", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option(
    "--output", "-o", default="report.html", show_default=True, help="The HTML file to write."
)
@click.option("--title", default=None, help="Title of the report.")
@click.option("--redact/--no-redact", default=None, help=_REDACT_HELP)
@_friendly
def report(results: tuple[str, ...], output: str, title: str | None, redact: bool | None) -> None:
    """Write a self-contained HTML report (plots embedded, works offline) of analyze output.

    RESULTS are `analyze` JSONL files or `--db` stores. A conversation id in several of
    them (or twice in one) counts once: the later one wins, as in the store."""
    from servicemind.report import write_report
    from servicemind.results import LatestResults

    masked = bool(load_settings({"redact": redact})["redact"])

    skipped = 0

    def skip(err: RecordError) -> None:  # the batch goes on: name the line, leave it out
        nonlocal skipped
        skipped += 1
        click.echo(f"skipped {err}", err=True)

    latest = LatestResults(list(results), skip)
    write_report(latest, output, title=title, redact=masked)
    notes = []
    if skipped:
        notes.append(f"{skipped} bad line(s) left out")
    if latest.duplicates:
        notes.append(f"{latest.duplicates} duplicate conversation(s) dropped, the later kept")
    note = f" ({'; '.join(notes)})" if notes else ""
    click.echo(f"report -> {output}{note}", err=True)


TRAINABLE = ("commitments", "customer", "embeddings", "politeness", "traits")


@cli.command()
@click.argument("model", type=click.Choice(TRAINABLE))
@click.option(
    "--data",
    default=None,
    help="Training data: the shared corpora folder (customer, embeddings, politeness; "
    "default ../shared/data) or the labelled trait corpus (traits, commitments; default "
    "training/data/traits). customer also reads the team's labelled support turns from "
    "training/data.",
)
@click.option(
    "--out",
    default=None,
    help="Where artefacts go (default: the package's models/ folder; embeddings: "
    "build/embedding, not shipped).",
)
@click.option(
    "--seed",
    default=0,
    show_default=True,
    help="Random seed; the same seed gives the same artefacts.",
)
@_friendly
def train(model: str, data: str | None, out: str | None, seed: int) -> None:
    """Retrain a shipped model reproducibly (needs the `train` or `distill` extra).

    commitments, customer, politeness and traits need scikit-learn (`train`); embeddings distils the
    static embedding from a pretrained encoder (`distill`: onnxruntime and the model)."""
    import importlib

    corpus = model in ("traits", "commitments")
    data_dir = Path(data or ("training/data/traits" if corpus else "../shared/data"))
    if not data_dir.is_dir():
        raise InputError(f"training data folder {data_dir} does not exist", hint="pass --data PATH")
    try:
        module = importlib.import_module(f"servicemind.training.{model}")
    except ImportError as exc:
        raise ConfigError(
            f"training '{model}' needs an extra dependency: {exc.name}",
            hint="pip install 'servicemind[train]'",
        ) from None
    out_dir = Path(out) if out else None
    if model == "traits":
        labels = data_dir / "labels"
        metrics = module.main(data_dir / "pairs", labels / "A", labels / "B", out_dir, seed=seed)
    else:
        metrics = module.main(data_dir, out_dir, seed=seed)
    click.echo(json.dumps(metrics, indent=2, default=str))


def main() -> None:
    """Entry point of the ``servicemind`` script."""
    cli(prog_name="servicemind")


if __name__ == "__main__":  # pragma: no cover
    main()
