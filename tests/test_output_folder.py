"""Output folders: a user's files are never lost, and a killed build leaves the last site whole."""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from shezhire.cli import cli

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
SEED = sorted(CORPUS.glob("*.txt"))[0]
DAY = "2026-11-22"


def _corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEED, corpus)
    return corpus


def _tree(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _built_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """A corpus in ``tmp_path`` (the working folder) built into public/: its files' hashes."""
    monkeypatch.chdir(tmp_path)
    _corpus(tmp_path)
    assert CliRunner().invoke(cli, ["build", "--as-of", DAY]).exit_code == 0
    return _tree(tmp_path / "public")


def _someone_elses(folder: Path) -> dict[str, str]:
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "thesis.txt").write_text("three years of work\n", encoding="utf-8")
    (folder / "notes.md").write_text("# notes\n", encoding="utf-8")
    return _tree(folder)


@pytest.mark.parametrize("command", [["build"], ["extract", "corpus"]])
def test_a_folder_of_someone_elses_files_survives_and_the_refusal_says_why(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]) -> None:
    monkeypatch.chdir(tmp_path)
    _corpus(tmp_path)
    before = _someone_elses(tmp_path / "Documents")
    result = CliRunner().invoke(cli, [*command, "--out", "Documents", "--as-of", DAY])
    assert result.exit_code != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Documents" in lines[0] and "did not write" in lines[0]
    assert "empty" in lines[0]  # how to proceed
    assert _tree(tmp_path / "Documents") == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["Documents", "corpus"]


def test_out_dot_never_touches_the_corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    corpus = _corpus(tmp_path)
    before = _tree(corpus)
    result = CliRunner().invoke(cli, ["build", "--out", ".", "--as-of", DAY])
    assert result.exit_code != 0 and "did not write" in result.stderr
    assert _tree(corpus) == before


def test_out_below_a_file_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    _corpus(tmp_path)
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    for command in (["build"], ["extract", "corpus"]):
        result = CliRunner().invoke(cli, [*command, "--out", "afile/public", "--as-of", DAY])
        assert result.exit_code != 0
        assert result.exception is None or isinstance(result.exception, SystemExit)
        assert result.stderr.strip().count("\n") == 0 and "afile" in result.stderr
    for command in (["graph", "export", "--format", "graphml"], ["rules", "export"]):
        result = CliRunner().invoke(cli, [*command, "--out", "afile/export"])
        assert result.exit_code == 1
        assert result.exception is None or isinstance(result.exception, SystemExit)
        assert result.stderr == (
            "Error: afile/export: cannot write here: afile is a file, not a folder\n")


def test_a_previous_build_is_replaced_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    _corpus(tmp_path)
    runner = CliRunner()
    assert runner.invoke(cli, ["build", "--as-of", DAY]).exit_code == 0
    first = _tree(tmp_path / "public")
    (tmp_path / "public" / "stale.html").write_text("old", encoding="utf-8")
    assert runner.invoke(cli, ["build", "--as-of", DAY]).exit_code == 0
    assert _tree(tmp_path / "public") == first  # byte-identical, and the stale page is gone
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus", "public"]


def test_an_interrupted_build_leaves_the_previous_site_byte_identical(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = _built_once(tmp_path, monkeypatch)

    import shezhire.guide.build

    def ctrl_c(*_args: object, **_kwargs: object) -> None:
        raise KeyboardInterrupt

    # Interrupted while MkDocs renders the trees (in this process or in chunks' processes).
    monkeypatch.setattr(shezhire.guide.build, "_render_trees", ctrl_c)
    CliRunner().invoke(cli, ["build", "--as-of", "2026-11-23"])
    assert _tree(tmp_path / "public") == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus", "public"]


# A child that runs `shezhire build` and is killed (SIGKILL: no clean-up of any kind) the
# moment it writes its first output file: the whole build, the command's process and the
# process that reads the corpus and writes the exports (the child's own process group).
_KILLED_AT_FIRST_WRITE = textwrap.dedent("""
    import os, signal, sys
    import shezhire.extract.outputs as outputs
    def die(*args, **kwargs):
        os.killpg(os.getpgid(0), signal.SIGKILL)
    outputs.write_atomic = die
    import shezhire.guide.exports
    shezhire.guide.exports.write_atomic = die
    from shezhire.cli import cli
    cli(["build", "--as-of", sys.argv[1]])
""")


def test_a_build_killed_at_its_first_write_leaves_the_previous_site_and_the_next_completes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = _built_once(tmp_path, monkeypatch)
    child = subprocess.run([sys.executable, "-c", _KILLED_AT_FIRST_WRITE, "2026-11-23"],
                           cwd=tmp_path, capture_output=True, timeout=300,
                           start_new_session=True)
    assert child.returncode == -9, child.stderr
    assert _tree(tmp_path / "public") == before
    assert any(p.name.startswith(".public.shezhire-tmp-") for p in tmp_path.iterdir())
    assert CliRunner().invoke(cli, ["build", "--as-of", DAY]).exit_code == 0
    assert _tree(tmp_path / "public") == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus", "public"]


def test_a_second_build_of_the_same_folder_refuses_on_the_lock(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    _corpus(tmp_path)
    lock = os.open(tmp_path / ".public.shezhire-lock", os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX)  # as a build running now holds it
        result = CliRunner().invoke(cli, ["build", "--as-of", DAY])
    finally:
        os.close(lock)
    assert result.exit_code != 0
    assert "another Shezhire run is writing" in result.stderr
    assert not (tmp_path / "public").exists()


def test_builds_of_two_outputs_at_once_share_nothing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    _corpus(tmp_path)
    command = [sys.executable, "-m", "shezhire.cli", "build", "--as-of", DAY, "--out"]
    children = [subprocess.Popen([*command, name], cwd=tmp_path, stderr=subprocess.PIPE)
                for name in ("one", "two")]
    for child in children:
        assert child.wait(timeout=300) == 0, child.stderr.read() if child.stderr else ""
    assert _tree(tmp_path / "one") == _tree(tmp_path / "two")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus", "one", "two"]


_EXTRACT_KILLED_BEFORE_A_RENAME = textwrap.dedent("""
    import os, signal, sys
    import shezhire.extract.outputs as outputs
    renamed = []
    real_replace = os.replace
    def replace(src, dst):
        # Only the records' renames count: the record cache renames its entries too, and
        # whether it has any to write depends on what ran before in the same cache.
        if os.path.basename(os.path.dirname(dst)).startswith(".records.shezhire-tmp-"):
            if renamed:  # the second record: its .tmp is written, not yet renamed
                os.kill(os.getpid(), signal.SIGKILL)
            renamed.append(dst)
        real_replace(src, dst)
    outputs.os.replace = replace
    from shezhire.cli import cli
    cli(["extract", "corpus", "--out", "records", "--as-of", sys.argv[1]])
""")


def test_a_killed_extract_out_leaves_no_temporary_file_among_the_records(
        tmp_path: Path, tmp_path_factory: pytest.TempPathFactory,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    corpus = _corpus(tmp_path)
    shutil.copy(SEED.parent / "nko-akimat-decree-2018-193-reglament.txt", corpus)
    assert CliRunner().invoke(cli, ["extract", "corpus", "--out", "records",
                                    "--as-of", DAY]).exit_code == 0
    before = _tree(tmp_path / "records")
    # A cold cache of its own, so the child writes cache entries as a first run does.
    env = {**os.environ, "SHEZHIRE_CACHE_DIR": str(tmp_path_factory.mktemp("cold-cache"))}
    child = subprocess.run([sys.executable, "-c", _EXTRACT_KILLED_BEFORE_A_RENAME, "2026-11-23"],
                           cwd=tmp_path, capture_output=True, timeout=300, env=env)
    assert child.returncode == -9, child.stderr
    assert _tree(tmp_path / "records") == before  # no .tmp, nothing half-written
    building = [p for p in tmp_path.iterdir() if p.name.startswith(".records.shezhire-tmp-")]
    assert [p.name.endswith(".tmp") for p in building[0].iterdir()].count(True) == 1
    assert CliRunner().invoke(cli, ["extract", "corpus", "--out", "records",
                                    "--as-of", DAY]).exit_code == 0
    assert _tree(tmp_path / "records") == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus", "records"]
    assert all(p.stat().st_mode & 0o777 == 0o644 for p in (tmp_path / "records").glob("*.json"))


def test_write_atomic_writes_text_pieces_and_bytes_as_the_same_utf8_file(tmp_path: Path) -> None:
    # A cache's bytes are written as they are; text is UTF-8 with its line breaks kept.
    from shezhire.extract.outputs import write_atomic

    text = "Қаулы\r\nжол\n"
    write_atomic(tmp_path / "a.txt", text, durable=False)
    write_atomic(tmp_path / "b.txt", ["Қаулы\r\n", "жол\n"])
    write_atomic(tmp_path / "c.txt", text.encode("utf-8"), durable=False)
    assert {(tmp_path / n).read_bytes() for n in ("a.txt", "b.txt", "c.txt")} \
        == {text.encode("utf-8")}
    assert (tmp_path / "c.txt").stat().st_mode & 0o777 == 0o666 & ~_umask()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.txt", "c.txt"]


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
