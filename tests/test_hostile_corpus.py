"""The hostile corpus (tests/hostile/corpus.py) through `shezhire extract`, as a user runs it.

One run over 49 bad or hostile files and 3 good ones: no traceback, each bad file named
in one line on stderr with its problem, the good files (and the hostile-shaped acts) still
extracted, exit status 1, memory bounded (the run is limited to 4 GiB of address space; a
file that blew it would end in a MemoryError line). Time is not asserted here: the bench
(bench/bench_hostile.py) shows that it grows linearly; the run's own timeout only stops a hang.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from hostile.corpus import GOOD_ID, GOOD_SEED, MADE_UP_ID, Case, build_hostile_corpus

SHEZHIRE = Path(sys.executable).with_name("shezhire")
MEMORY_LIMIT = 4 * 1024**3


@dataclass
class Run:
    corpus: Path
    outside: Path
    out: Path
    cases: list[Case]
    code: int
    stdout: str
    stderr: str

    def path_of(self, case: Case) -> Path:
        return (self.corpus if case.inside else self.outside) / case.name


def _bounded_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Run:
    base = tmp_path_factory.mktemp("hostile")
    corpus, outside, out = base / "corpus", base / "given", base / "records"
    cases = build_hostile_corpus(corpus, outside)
    given = [str(outside / c.name) for c in cases if not c.inside]
    done = subprocess.run(
        [str(SHEZHIRE), "extract", str(corpus), *given, "--out", str(out),
         "--as-of", "2024-01-01"],
        capture_output=True, text=True, timeout=1800, preexec_fn=_bounded_memory, check=False)
    return Run(corpus, outside, out, cases, done.returncode, done.stdout, done.stderr)


def test_the_corpus_holds_at_least_40_bad_or_hostile_files(run: Run) -> None:
    good = {"good act.txt", "given good.txt", "made-up act.txt"}
    assert len([c for c in run.cases if c.name not in good]) >= 40


def test_no_traceback_and_exit_status_1(run: Run) -> None:
    assert "Traceback" not in run.stderr
    assert "internal error" not in run.stderr
    assert "MemoryError" not in run.stderr
    assert run.code == 1, run.stderr


def test_each_bad_file_is_named_in_one_line_with_its_problem(run: Run) -> None:
    lines = run.stderr.splitlines()
    assert all(line.startswith("shezhire: ") for line in lines), lines
    for case in run.cases:
        named = [line for line in lines if line.startswith(f"shezhire: {run.path_of(case)}: ")]
        if case.problem is None:
            assert named == [], named
        else:
            assert len(named) == 1, (case.name, named)
            assert case.problem in named[0], named[0]
    assert len(lines) == sum(c.problem is not None for c in run.cases), lines


def test_the_good_files_and_the_hostile_shaped_acts_are_extracted(run: Run) -> None:
    records = {p.stem: json.loads(p.read_text("utf-8")) for p in run.out.glob("*.json")}
    read = [c for c in run.cases if c.problem is None]
    # Three texts of the seed act make one record; every other act read makes its own.
    assert len(records) == len(read) - 2
    seed = records[GOOD_ID]
    assert [s["path"] for s in seed["sources"]] == [
        str(run.corpus / "good act.txt"), str(run.corpus / "акт № 130 (көшірме) — екінші.txt"),
        str(run.outside / "given good.txt")]
    assert seed["source"] == seed["sources"][0]
    assert seed["text"] == json.loads(
        subprocess.run([str(SHEZHIRE), "extract", str(GOOD_SEED), "--as-of", "2024-01-01"],
                       capture_output=True, text=True, check=True).stdout)["text"]
    # The file claiming the made-up act with other facts was not used, and the record says so.
    made_up = records[MADE_UP_ID]
    assert [s["path"] for s in made_up["sources"]] == [str(run.corpus / "made-up act.txt")]
    conflict = [f for f in made_up["findings"] if f["kind"] == "conflicting_source"]
    assert len(conflict) == 1
    assert str(run.corpus / "same-id-other-facts.txt") in conflict[0]["message"]
    # File names stay within 255 bytes, whatever the act's number.
    assert all(len(p.name.encode()) <= 255 for p in run.out.iterdir())
    assert any("_9999999999" in name for name in records)


def test_records_are_readable_by_others_and_no_temporary_file_is_left(run: Run) -> None:
    names = sorted(p.name for p in run.out.iterdir())
    assert not [n for n in names if n.endswith(".tmp") or (n.startswith(".") and n != ".shezhire-output")]
    for path in run.out.glob("*.json"):
        assert path.stat().st_mode & 0o777 == 0o644, path
    leftovers = [p.name for p in run.out.parent.iterdir() if ".shezhire-" in p.name]
    assert leftovers == []


# --------------------------------------------------------------------------------------------
# An unreadable file: named, the others processed, exit 1 (not a usage error)
# --------------------------------------------------------------------------------------------

@pytest.fixture
def shared_folder() -> Iterator[Path]:
    """A folder another user can enter (pytest's tmp_path is private to root)."""
    folder = Path(tempfile.mkdtemp(prefix="shezhire-unreadable-"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _command_as_nobody(folder: Path) -> tuple[list[str], int | None]:
    """How to run `shezhire` so that a chmod 0 file is unreadable to it: as is for a normal
    user; for root (who reads any file) as nobody, through an interpreter nobody may run
    (the venv's may live under root's private home) with the venv's packages added."""
    if os.geteuid() != 0:
        return [str(SHEZHIRE)], None
    nobody = 65534
    site_packages = next(p for p in sys.path if p.endswith("site-packages")
                         and Path(p).resolve().is_relative_to(Path(sys.prefix).resolve()))
    launcher = ("import site, sys; site.addsitedir(sys.argv.pop(1)); "
                "from shezhire.cli import cli; sys.argv[0] = 'shezhire'; cli()")
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    loads = ("import site, sys; site.addsitedir(sys.argv[1]); import shezhire.cli; "
             "print(sys.version_info[:2])")
    for python in (sys.executable, f"/usr/bin/{version}", f"/usr/local/bin/{version}"):
        try:
            probe = subprocess.run([python, "-c", loads, site_packages], capture_output=True,
                                   text=True, user=nobody, cwd=folder, timeout=120, check=False)
        except OSError:
            continue
        if probe.returncode == 0 and probe.stdout.strip() == str(tuple(sys.version_info[:2])):
            return [python, "-c", launcher, site_packages], nobody
    pytest.skip(f"no {version} that the user nobody may run with this checkout's packages")


def test_an_unreadable_file_is_named_and_the_others_are_extracted(shared_folder: Path) -> None:
    corpus = shared_folder / "corpus"
    corpus.mkdir()
    corpus.chmod(0o755)
    good = corpus / "good.txt"
    shutil.copyfile(GOOD_SEED, good)
    good.chmod(0o644)
    secret = corpus / "secret.txt"
    shutil.copyfile(GOOD_SEED, secret)
    secret.chmod(0)
    command, user = _command_as_nobody(shared_folder)
    for given in ([str(corpus)], [str(secret), str(good)]):
        # No cache: the tests' cache folder is this (root) process's, closed to nobody.
        done = subprocess.run([*command, "extract", *given, "--as-of", "2024-01-01",
                               "--no-cache"],
                              capture_output=True, text=True, user=user, cwd=shared_folder,
                              timeout=600, check=False)
        assert done.returncode == 1, done.stderr
        assert done.stderr == f"shezhire: {secret}: permission denied\n"
        assert [json.loads(line)["id"] for line in done.stdout.splitlines()] == [GOOD_ID]
