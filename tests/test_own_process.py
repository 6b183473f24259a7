"""The build reads the corpus and writes the exports and pages in a process of its own (its
memory goes back to the system when it ends): what comes back from it, and that the command's
process never holds the records."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest
from click.testing import CliRunner

from shezhire.cli import cli
from shezhire.extract.errors import ShezhireError, UsageError
from shezhire.guide import corpus_docs
from shezhire.guide.own_process import StepProcessError, run_in_own_process

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpus"
DAY = "2024-07-01"


def _pid_and(value: int) -> tuple[int, int]:
    return os.getpid(), value * 2


def _refuse(message: str) -> None:
    raise UsageError(message)


def _bug() -> None:
    raise KeyError("a key")


def _killed() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def test_a_function_runs_in_another_process_and_its_result_comes_back() -> None:
    pid, value = run_in_own_process(_pid_and, 21)
    assert value == 42
    assert pid != os.getpid()


def test_the_childs_error_message_bug_and_death_are_raised_here() -> None:
    with pytest.raises(ShezhireError, match=r"^no act files in x$"):
        run_in_own_process(_refuse, "no act files in x")
    with pytest.raises(RuntimeError, match="KeyError: 'a key'"):
        run_in_own_process(_bug)
    with pytest.raises(StepProcessError, match="exit code -9"):
        run_in_own_process(_killed)


def test_the_build_reads_the_corpus_outside_the_commands_process(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Marked in this process's memory only: a forked child sets its own copy of the mark,
    # and a child started by the fork server (when a thread of an earlier test still runs
    # here) has never seen this patch. Either way this process's mark stays unset, while the
    # records below show the corpus was read.
    called_here: list[int] = []
    spool_corpus = corpus_docs.spool_corpus

    def spool_and_mark(*args: object, **kwargs: object) -> object:
        called_here.append(os.getpid())
        return spool_corpus(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(corpus_docs, "spool_corpus", spool_and_mark)
    # A file that cannot be read fails only itself; the command names it and exits 1.
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for seed in sorted(CORPUS.glob("*.txt"))[:2]:
        (corpus / seed.name).write_bytes(seed.read_bytes())
    (corpus / "broken.pdf").write_bytes(b"not a pdf")
    result = CliRunner().invoke(cli, ["build", "--corpus", str(corpus), "--out",
                                      str(tmp_path / "public"), "--as-of", DAY, "--no-cache",
                                      "--jobs", "1"])
    assert result.exit_code == 1, result.output
    assert called_here == []
    assert "broken.pdf" in result.stderr
    assert "2 act record(s) and the guide written to" in result.stderr
    assert (tmp_path / "public" / "records.jsonl").read_text("utf-8").count("\n") == 2


def test_a_build_on_the_dask_engine_publishes_the_records_of_a_local_extraction(
        tmp_path: Path) -> None:
    from dask.distributed import LocalCluster

    local = CliRunner().invoke(cli, ["extract", str(CORPUS), "--as-of", DAY, "--no-cache",
                                     "--jobs", "1"])
    assert local.exit_code == 0
    # The cluster's threads run in this process: the build's corpus process is started by
    # the fork server, not forked, and reaches the scheduler on the loopback.
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False, protocol="tcp",
                      host="127.0.0.1", dashboard_address=None) as cluster:
        built = CliRunner().invoke(cli, ["build", "--corpus", str(CORPUS), "--out",
                                         str(tmp_path / "public"), "--as-of", DAY,
                                         "--engine", "dask", "--scheduler",
                                         cluster.scheduler_address, "--no-cache"])
    assert built.exit_code == 0, built.output
    assert (tmp_path / "public" / "records.jsonl").read_text("utf-8") == local.stdout


def test_a_rebuild_with_the_cache_takes_the_pages_from_it_and_writes_the_same_site(
        tmp_path: Path) -> None:
    def build(out: Path) -> dict[str, bytes]:
        result = CliRunner().invoke(cli, ["build", "--corpus", str(CORPUS), "--out", str(out),
                                          "--as-of", DAY, "--cache-dir", str(tmp_path / "c"),
                                          "--jobs", "1"])
        assert result.exit_code == 0, result.output
        return {p.relative_to(out).as_posix(): p.read_bytes()
                for p in sorted(out.rglob("*")) if p.is_file()}

    first = build(tmp_path / "first")
    made = sorted((tmp_path / "c" / "markdown").rglob("*"))  # written by the corpus's process
    assert made
    assert build(tmp_path / "second") == first
    assert sorted((tmp_path / "c" / "markdown").rglob("*")) == made
