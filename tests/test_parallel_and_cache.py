"""--jobs, the record cache and the Dask engine give the same records as one job in this
process; the cache re-extracts only what changed and survives a damaged entry; the synthetic
corpus of bench/make_corpus.py has every repeal edge its truth lists in graph.json."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import make_corpus
import pytest
from click.testing import CliRunner

from shezhire.cli import cli
from shezhire.extract.cache import RecordCache
from shezhire.extract.engine import RunSettings, RunStats
from shezhire.extract.pipeline import extract_corpus

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "corpus"
REALWORLD = REPO / "tests" / "realworld"
DAY = "2024-07-01"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def records_text(records: list[dict[str, object]]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


@pytest.mark.parametrize("corpus", [CORPUS, REALWORLD], ids=["seeds", "realworld"])
def test_two_jobs_print_the_same_bytes_as_one(corpus: Path) -> None:
    one = run("extract", str(corpus), "--as-of", DAY, "--jobs", "1", "--no-cache")
    two = run("extract", str(corpus), "--as-of", DAY, "--jobs", "2", "--no-cache")
    assert one[1].count("\n") >= 5
    assert two == one  # exit status, stdout (records in input order) and stderr alike


def test_a_bad_file_among_good_ones_fails_only_itself_with_two_jobs(tmp_path: Path) -> None:
    for seed in sorted(CORPUS.glob("*.txt"))[:3]:
        shutil.copy(seed, tmp_path / seed.name)
    (tmp_path / "b-broken.txt").write_bytes(b"\x00\x01\x02\x03garbage\x00\xff")
    (tmp_path / "c-empty.txt").write_text("", "utf-8")
    one = run("extract", str(tmp_path), "--as-of", DAY, "--jobs", "1", "--no-cache")
    code, out, err = run("extract", str(tmp_path), "--as-of", DAY, "--jobs", "2", "--no-cache")
    assert code == 1
    assert out.count("\n") == 3
    lines = err.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"shezhire: {tmp_path / 'b-broken.txt'}: ")
    assert lines[1].startswith(f"shezhire: {tmp_path / 'c-empty.txt'}: ")
    assert (code, out, err) == one


def _extract(paths: list[Path], cache: Path | None, jobs: int = 1) -> tuple[str, RunStats]:
    stats = RunStats()
    records, failures = extract_corpus(paths, dt.date.fromisoformat(DAY), stats=stats,
                                       settings=RunSettings(jobs=jobs, cache=cache))
    assert failures == []
    return records_text(records), stats


def test_the_cache_extracts_only_the_changed_act(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    cache = tmp_path / "cache"
    full, stats = _extract([corpus], cache)
    assert (stats.extracted, stats.cached) == (5, 0)
    again, stats = _extract([corpus], cache, jobs=2)
    assert (stats.extracted, stats.cached) == (0, 5)
    assert again == full
    # One act changes (a line of made-up text added at its end): only it is extracted again.
    changed = corpus / "nko-akimat-decree-2018-193-reglament.txt"
    changed.write_text(changed.read_text("utf-8") + "\nБұл жол тест үшін қосылды.\n", "utf-8")
    rebuilt, stats = _extract([corpus], cache, jobs=2)
    assert (stats.extracted, stats.cached) == (1, 4)
    assert rebuilt == _extract([corpus], None)[0]  # the same bytes as a full extraction
    assert rebuilt != full
    # Another --as-of day is another status: not taken from the cache.
    stats = RunStats()
    extract_corpus([corpus], dt.date(2010, 1, 1), stats=stats, settings=RunSettings(cache=cache))
    assert (stats.extracted, stats.cached) == (5, 0)


def test_a_change_of_meta_yaml_alone_re_extracts_its_act_folder(tmp_path: Path) -> None:
    folder = tmp_path / "gov-2024-01-25-35"
    shutil.copytree(REALWORLD / "kazakhstan-law-national" / "gov-2024-01-25-35", folder)
    cache = tmp_path / "cache"
    assert _extract([tmp_path], cache)[1].extracted == 1
    assert _extract([tmp_path], cache)[1].cached == 1
    meta = folder / "meta.yaml"
    meta.write_text(meta.read_text("utf-8") + "# edited\n", "utf-8")
    assert _extract([tmp_path], cache)[1].extracted == 1


def test_a_damaged_cache_entry_is_extracted_again_with_a_warning(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    args = ("extract", str(CORPUS), "--as-of", DAY, "--cache-dir", str(cache), "--jobs", "1")
    code, full, err = run(*args)
    assert (code, err) == (0, "")
    entries = sorted((cache / "records").glob("*/*.json"))
    assert len(entries) == 5
    entries[0].write_text('{"key": "trunc', "utf-8")
    entries[1].write_text('{"key": "another", "record": {}}\n', "utf-8")
    code, out, err = run(*args)
    assert code == 0
    assert out == full
    warnings = err.splitlines()
    assert len(warnings) == 2
    assert all(w.startswith("shezhire: warning: ") and "damaged cache entry" in w
               for w in warnings)
    assert {str(entries[0]), str(entries[1])} == {w.split(": ")[2] for w in warnings}
    assert run(*args) == (0, full, "")  # the entries were written anew


def test_cache_info_and_clear(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "notes.txt").write_text("mine", "utf-8")
    run("extract", str(CORPUS), "--as-of", DAY, "--cache-dir", str(cache))
    code, out, _ = run("cache", "info", "--cache-dir", str(cache))
    assert code == 0
    assert "records           5" in out
    code, _, err = run("cache", "clear", "--cache-dir", str(cache))
    assert code == 0
    assert err.startswith("5 cached record(s) removed")
    assert RecordCache(cache).info().entries == 0
    assert (cache / "notes.txt").read_text("utf-8") == "mine"
    (tmp_path / "file").write_text("x", "utf-8")
    code, _, err = run("cache", "clear", "--cache-dir", str(tmp_path / "file"))
    assert code != 0


def test_no_cache_writes_no_cache(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    run("extract", str(CORPUS), "--as-of", DAY, "--cache-dir", str(cache), "--no-cache")
    assert not cache.exists()


def test_the_dask_engine_gives_the_same_records(tmp_path: Path) -> None:
    from dask.distributed import LocalCluster

    day = dt.date.fromisoformat(DAY)
    local, _ = extract_corpus([CORPUS], day)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False, protocol="tcp",
                      host="127.0.0.1", dashboard_address=None) as cluster:
        settings = RunSettings(engine="dask", scheduler=cluster.scheduler_address,
                               cache=tmp_path / "cache")
        stats = RunStats()
        on_dask, failures = extract_corpus([CORPUS], day, settings=settings, stats=stats)
        assert (failures, stats.extracted) == ([], 5)
        # The workers wrote the cache; the next run reads it.
        stats = RunStats()
        cached, _ = extract_corpus([CORPUS], day, settings=settings, stats=stats)
        assert stats.cached == 5
        code, out, _ = run("extract", str(CORPUS), "--as-of", DAY, "--engine", "dask",
                           "--scheduler", cluster.scheduler_address, "--no-cache")
    assert records_text(on_dask) == records_text(local) == records_text(cached)
    assert (code, out) == (0, records_text(local))


def test_the_dask_engine_needs_a_scheduler() -> None:
    code, _, err = run("extract", str(CORPUS), "--engine", "dask")
    assert code == 2
    assert "--scheduler" in err


def test_make_corpus_is_deterministic_and_its_repeals_are_in_graph_json(tmp_path: Path) -> None:
    truth = make_corpus.write_corpus(14, tmp_path / "a")
    make_corpus.write_corpus(14, tmp_path / "b")
    for name in ["truth.json", *(a["file"] for a in truth["acts"])]:
        sub = "" if name == "truth.json" else "acts/"
        assert (tmp_path / "a" / sub / name).read_bytes() == (tmp_path / "b" / sub / name).read_bytes()
    assert len(truth["acts"]) == 14
    assert len(truth["repeals"]) >= 3
    # Each true edge is said by the repealed act's header.
    first = truth["repeals"][0]
    repealed = next(a for a in truth["acts"] if a["number"] == first["repealed"]["number"])
    text = (tmp_path / "a" / "acts" / repealed["file"]).read_text("utf-8")
    assert f"№ {first['repealing']['number']} қаулысымен" in text
    out = tmp_path / "site"
    code, _, err = run("build", "--corpus", str(tmp_path / "a" / "acts"), "--out", str(out),
                       "--as-of", DAY, "--jobs", "2")
    assert (code, err.count("\n")) == (0, 1), err
    graph = json.loads((out / "graph.json").read_text("utf-8"))
    assert make_corpus.missing_repeals(truth, graph) == []
    # The check finds an edge that is not there.
    graph["edges"] = [e for e in graph["edges"] if e["relation"] != "repeals"]
    assert len(make_corpus.missing_repeals(truth, graph)) == len(truth["repeals"])


@pytest.mark.parametrize("jobs", [2, 3])
def test_workers_are_renewed_without_losing_or_reordering_a_file(
        monkeypatch: pytest.MonkeyPatch, jobs: int) -> None:
    from shezhire.extract import engine

    # One file a worker: each of the five files is extracted by a fresh worker.
    monkeypatch.setattr(engine, "TASKS_PER_WORKER", 1)
    renewed, stats = _extract([CORPUS], None, jobs=jobs)
    assert stats.extracted == 5
    assert renewed == _extract([CORPUS], None, jobs=1)[0]


# Run in a fresh process: its workers are forked from it (no other thread there), so they run
# the extract_file set here, which kills its own worker on one file, as the system's
# out-of-memory killer would.
_KILLING_RUN = """
import os, signal, sys
from shezhire.cli import cli
from shezhire.extract import engine
extract_file = engine.extract_file
def killed_on_the_victim(task):
    if task.path == sys.argv[1]:
        os.kill(os.getpid(), signal.SIGKILL)
    return extract_file(task)
engine.extract_file = killed_on_the_victim
engine.TASKS_PER_WORKER = 2
assert engine._pool_context().get_start_method() == "fork"
cli.main(sys.argv[2:], prog_name="shezhire")
"""


def test_a_worker_killed_fails_only_its_file_with_a_one_line_error(tmp_path: Path) -> None:
    import subprocess
    import sys

    seeds = sorted(CORPUS.glob("*.txt"))
    for seed in seeds:
        shutil.copy(seed, tmp_path / seed.name)
    victim = tmp_path / seeds[1].name
    killing = subprocess.run(
        [sys.executable, "-c", _KILLING_RUN, str(victim), "extract", str(tmp_path), "--as-of",
         DAY, "--jobs", "2", "--no-cache"], capture_output=True, text=True, check=False)
    assert killing.returncode == 1
    assert killing.stderr.splitlines() == [
        f"shezhire: {victim}: the worker process extracting it ended without a record "
        "(exit status -9: killed, or out of memory?)"]
    victim.unlink()
    assert killing.stdout == run("extract", str(tmp_path), "--as-of", DAY, "--jobs", "1",
                                 "--no-cache")[1]


def test_workers_forked_or_started_by_the_fork_server_give_the_same_records() -> None:
    import threading

    from shezhire.extract import engine

    forked, _ = _extract([CORPUS], None, jobs=2)
    # A second thread in this process: workers are not forked from it but from the fork
    # server (a lock held by the other thread would stay locked in a forked child).
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert engine._pool_context().get_start_method() != "fork"
        served, _ = _extract([CORPUS], None, jobs=2)
    finally:
        stop.set()
        other.join()
    assert served == forked == _extract([CORPUS], None, jobs=1)[0]


def test_build_keeps_the_guides_pages_in_the_cache_folder_and_clear_removes_them(
        tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    code, _, err = run("build", "--out", str(tmp_path / "public"), "--corpus", str(CORPUS),
                       "--as-of", DAY, "--cache-dir", str(cache), "--jobs", "1")
    assert code == 0, err
    info = RecordCache(cache).info()
    assert info.entries == 5 and info.pages > 5  # the act pages and the guide's own pages
    assert any((cache / "search").iterdir())  # the search index's runs
    assert any((cache / "pages" / "out").rglob("*.html"))  # the laid-out pages
    assert any((cache / "markdown").rglob("*.md"))  # the act pages' Markdown
    code, out, _ = run("cache", "info", "--cache-dir", str(cache))
    assert f"pages             {info.pages}" in out
    run("cache", "clear", "--cache-dir", str(cache))
    assert RecordCache(cache).info() == type(info)(cache, 0, 0, 0)
    assert not (cache / "search").exists() and not (cache / "pages").exists()
    assert not (cache / "markdown").exists()


def test_a_cache_folder_that_cannot_be_written_is_one_warning_and_the_run_goes_on(
        tmp_path: Path) -> None:
    (tmp_path / "file").write_text("mine", "utf-8")
    code, out, err = run("extract", str(CORPUS), "--as-of", DAY, "--jobs", "1",
                         "--cache-dir", str(tmp_path / "file" / "cache"))
    assert code == 0 and len(out.splitlines()) == 5
    assert err.splitlines() == [f"shezhire: warning: {tmp_path / 'file' / 'cache'}: cannot "
                                f"write the cache ({tmp_path / 'file'} is a file, not a folder); "
                                "continuing without it"]
    assert (tmp_path / "file").read_text("utf-8") == "mine"
