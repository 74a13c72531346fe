"""Analysis over worker processes: the same output, in the same order, as one process."""

from __future__ import annotations

import json
import pickle
from importlib import resources
from pathlib import Path

import pytest
from click.testing import CliRunner

from servicemind.analyse.pipeline import Pipeline
from servicemind.api import analyze, get_pipeline
from servicemind.batch import analyze_parallel, resolve_jobs
from servicemind.cli import cli
from servicemind.conversation import Conversation
from servicemind.errors import ConfigError, RecordError, SchemaError
from servicemind.ingest import read

DEMO = Path(str(resources.files("servicemind.demo").joinpath("conversations.jsonl")))


def _demo() -> list[Conversation]:
    return list(read(DEMO, "jsonl", strict=True))


def test_batch_two_workers_give_the_single_process_output() -> None:
    base = get_pipeline()
    # small batches: many batches in flight, and copy-paste detection sees batch neighbours
    pipe = Pipeline(base.components, config=base.config, batch_size=5)
    convs = _demo()
    one = list(analyze(convs, pipeline=pipe))
    two = list(analyze(convs, pipeline=pipe, jobs=2))
    assert [o["id"] for o in two] == [c.id for c in convs]
    assert json.dumps(two, sort_keys=True) == json.dumps(one, sort_keys=True)


def test_batch_empty_input_yields_nothing() -> None:
    assert list(analyze_parallel(get_pipeline(), [], 2)) == []


def test_batch_worker_errors_reach_the_caller_intact() -> None:
    convs = [
        Conversation.from_turns([{"role": "customer", "text": "hello"}], id=f"x{i}")
        for i in range(2)
    ]
    # its outputs lack the summary: validation fails in a worker (two batches: a pool runs)
    pipe = Pipeline(("emotion",), batch_size=1)
    with pytest.raises(SchemaError):
        list(analyze_parallel(pipe, convs, 2, check=True))


def test_batch_one_batch_is_analysed_without_a_pool(monkeypatch: pytest.MonkeyPatch) -> None:
    import servicemind.batch._local as local

    def no_pool(*args: object) -> None:
        raise AssertionError("a pool was started for a single batch")

    monkeypatch.setattr(local.mp, "get_context", no_pool)
    base = get_pipeline()
    convs = _demo()[:7]
    pipe = Pipeline(base.components, config=base.config, batch_size=7)
    out = list(analyze_parallel(pipe, convs, 2))
    assert json.dumps(out, sort_keys=True) == json.dumps(
        list(analyze(convs, pipeline=pipe)), sort_keys=True
    )
    # one more conversation makes a second batch, and then the pool is used
    with pytest.raises(AssertionError, match="pool was started"):
        list(analyze_parallel(pipe, _demo()[:8], 2))


@pytest.mark.parametrize(("extra", "pool"), [([], True), (["--jobs", "1"], False)])
def test_batch_cli_uses_workers_by_default_once_the_input_exceeds_a_batch(
    extra: list[str], pool: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import servicemind.batch._local as local

    class PoolStarted(Exception):
        pass

    def no_pool(*args: object) -> None:
        raise PoolStarted

    monkeypatch.setattr(local.mp, "get_context", no_pool)
    monkeypatch.setenv("SERVICEMIND_BATCH_SIZE", "20")  # the demo's 49 make three batches
    out = tmp_path / "o.jsonl"
    res = CliRunner().invoke(cli, ["analyze", str(DEMO), "-o", str(out), *extra])
    assert isinstance(res.exception, PoolStarted) is pool
    if not pool:
        assert res.exit_code == 0, res.output
        assert len(out.read_text(encoding="utf-8").splitlines()) == len(_demo())


def test_batch_cli_rejects_a_batch_size_below_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SERVICEMIND_BATCH_SIZE", "0")
    res = CliRunner().invoke(cli, ["analyze", str(DEMO), "--jobs", "1"])
    assert res.exit_code != 0
    assert "batch_size" in res.output and "Traceback" not in res.output


def test_batch_errors_survive_pickling_with_hint_and_fields() -> None:
    err = RecordError("bad time", file="a.csv", line=3, field="time", hint="use ISO 8601")
    back = pickle.loads(pickle.dumps(err))
    assert (type(back), str(back), back.line, back.field) == (
        RecordError,
        str(err),
        3,
        "time",
    )


def test_batch_resolve_jobs() -> None:
    assert resolve_jobs(3) == 3
    assert resolve_jobs(0) >= 1
    with pytest.raises(ConfigError):
        resolve_jobs(-1)


def test_batch_cli_jobs_output_equals_single_process(tmp_path: Path) -> None:
    outs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"o{jobs}.jsonl"
        res = CliRunner().invoke(cli, ["analyze", str(DEMO), "-o", str(out), "--jobs", jobs])
        assert res.exit_code == 0, res.output
        outs.append(out.read_text(encoding="utf-8"))
    assert outs[0] == outs[1]
    assert len(outs[0].splitlines()) == len(_demo())


def test_batch_cli_progress_bar_counts_conversations_with_jobs(tmp_path: Path) -> None:
    out = tmp_path / "o.jsonl"
    res = CliRunner().invoke(
        cli, ["analyze", str(DEMO), "-o", str(out), "--jobs", "2", "--progress"]
    )
    assert res.exit_code == 0, res.output
    assert f"{len(_demo())}" in res.output and "conv" in res.output


def test_batch_cli_rejects_negative_jobs() -> None:
    res = CliRunner().invoke(cli, ["analyze", str(DEMO), "--jobs", "-1"])
    assert res.exit_code == 1
    assert "jobs" in res.output and "Traceback" not in res.output


def _squares_and_gc(batch: list[int]) -> list[tuple[int, int]]:
    """Each item squared, with the worker's count of objects frozen out of collection."""
    import gc

    return [(x * x, gc.get_freeze_count()) for x in batch]


def test_batch_map_batches_keeps_order_and_freezes_the_inherited_heap_in_workers() -> None:
    import gc

    from servicemind.batch import map_batches

    batches = [list(range(i, i + 3)) for i in range(0, 30, 3)]  # more than in flight at once
    got = list(map_batches(_squares_and_gc, batches, 2))
    assert [sq for sq, _ in got] == [x * x for x in range(30)]
    assert all(frozen > 0 for _, frozen in got)  # forked while the parent's heap was frozen
    assert gc.get_freeze_count() == 0  # and the parent's is thawed again


def test_batch_map_batches_leaves_a_callers_freeze_alone() -> None:
    import gc

    from servicemind.batch import map_batches

    gc.freeze()
    try:
        before = gc.get_freeze_count()
        assert [sq for sq, _ in map_batches(_squares_and_gc, [[1], [2]], 2)] == [1, 4]
        assert gc.get_freeze_count() >= before
    finally:
        gc.unfreeze()


def _id_and_turns(obj: dict[str, object]) -> tuple[object, int]:
    turns = obj["turns"]
    assert isinstance(turns, list)
    return obj["id"], len(turns)


@pytest.mark.parametrize("jobs", [1, 2])
def test_batch_encode_is_applied_to_every_output_in_order(jobs: int) -> None:
    base = get_pipeline()
    pipe = Pipeline(base.components, config=base.config, batch_size=7)  # 49 demo: 7 batches
    convs = _demo()
    got = list(analyze(convs, pipeline=pipe, jobs=jobs, encode=_id_and_turns))
    assert got == [(c.id, len(c.turns)) for c in convs]


def test_batch_cli_lines_made_in_workers_equal_the_objects_written_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SERVICEMIND_BATCH_SIZE", "20")  # three batches: the pool runs
    outs = []
    for extra in (
        ["--jobs", "1"],
        ["--jobs", "2"],
        ["--jobs", "2", "--db", str(tmp_path / "r.db")],
    ):
        out = tmp_path / f"o{len(outs)}.jsonl"
        res = CliRunner().invoke(cli, ["analyze", str(DEMO), "-o", str(out), *extra])
        assert res.exit_code == 0, res.output
        outs.append(out.read_bytes())
    assert outs[0] == outs[1] == outs[2]  # (the --db run writes the objects it stores)
    assert len(outs[0].splitlines()) == len(_demo())


def test_batch_cli_progress_counts_turns_of_lines_made_in_workers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SERVICEMIND_BATCH_SIZE", "20")
    res = CliRunner().invoke(
        cli, ["analyze", str(DEMO), "-o", str(tmp_path / "o.jsonl"), "--jobs", "2", "--progress"]
    )
    assert res.exit_code == 0, res.output
    assert f"turns={sum(len(c.turns) for c in _demo())}" in res.output
