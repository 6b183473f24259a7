"""The bench script runs and prints its table (bench/bench_extract.py).

Only the shape of the output is checked - rows, columns, ratios - never a time: speed is
measured by running the bench, not by the tests.
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from chromium import chromium_or_skip

BENCH = Path(__file__).resolve().parent.parent / "bench" / "bench_extract.py"
SMALL_SEED = "mic-order-2026-130-amendments.txt"  # the smallest seed in corpus/

COLUMNS = ["stage", "files", "chars", "best s", "ms/file", "chars/s", "peak MiB"]
OURS_TEXT = "ours: extract_record (text)"
OURS_PDF = "ours: extract_record (PDF)"
FAST_READ = "ours: read_pdf (pdfium fast path)"
PLUMBER_READ = "ours: read_pdf (pdfplumber only)"
PDFPLUMBER = "pdfplumber: page.extract_text()"
SPACY = "spaCy: kk tokenizer (cleaned text)"
RATIOS = ["ours text / spaCy tokenizer", "ours PDF / pdfplumber extract_text",
          "ours PDF / ours text", "fast PDF read / pdfplumber extract_text",
          "fast PDF read / pdfplumber-only read"]

# A short act of the kind the corpus holds, small enough to print to PDF quickly.
TINY_ACT = """Тұрғын үй көмегін беру қағидаларын бекіту туралы

Қазақстан Республикасы Өнеркәсіп және құрылыс министрінің 2023 жылғы 8 желтоқсандағы № 117 бұйрығы. Қазақстан Республикасының Әділет министрлігінде 2023 жылғы 12 желтоқсанда № 33763 болып тіркелді

БҰЙЫРАМЫН:

      1. Қоса беріліп отырған Тұрғын үй көмегін беру қағидалары бекітілсін.
      2. Осы бұйрық алғашқы ресми жарияланған күнінен кейін күнтізбелік он күн өткен соң қолданысқа енгізіледі.
"""


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    # bench/ is a folder of scripts, not a package: load the script by its path.
    spec = importlib.util.spec_from_file_location("bench_extract", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being made
    spec.loader.exec_module(module)
    return module


def parse_table(out: str) -> tuple[list[str], dict[str, list[str]], dict[str, str]]:
    """The printed header, rows (by stage) and ratios (label -> value as printed)."""
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("stage "))
    header = re.split(r"\s{2,}", lines[start].strip())
    assert set(lines[start + 1].replace(" ", "")) == {"-"}
    rows: dict[str, list[str]] = {}
    end = start + 2
    while lines[end].strip():
        cells = re.split(r"\s{2,}", lines[end].strip())
        rows[cells[0]] = cells[1:]
        end += 1
    ratios = {}
    for line in lines[end + 1:]:
        label, value = re.split(r"\s{2,}", line.strip(), maxsplit=1)
        ratios[label] = value
    return header, rows, ratios


def _number(cell: str) -> float:
    return float(cell.replace(",", ""))


def test_text_only_run_prints_text_and_tokenizer_rows(
        bench: ModuleType, capsys: pytest.CaptureFixture[str]) -> None:
    assert bench.main(["--repeat", "1", "--only", SMALL_SEED, "--no-pdf"]) == 0
    out = capsys.readouterr().out
    assert f"acts: 1 ({SMALL_SEED})" in out
    header, rows, ratios = parse_table(out)
    assert header == COLUMNS
    assert list(rows) == [OURS_TEXT, SPACY]
    for cells in rows.values():
        assert len(cells) == len(COLUMNS) - 1
        assert cells[0] == "1"  # one file
        assert all(_number(cell) >= 0 for cell in cells)
    # The text stage counts the file's characters; the tokenizer, the cleaned text's.
    seed_chars = len((BENCH.parent.parent / "corpus" / SMALL_SEED).read_text(encoding="utf-8"))
    assert _number(rows[OURS_TEXT][1]) == seed_chars
    assert 0 < _number(rows[SPACY][1]) <= seed_chars
    assert list(ratios) == RATIOS
    assert re.fullmatch(r"\d+\.\d\dx", ratios[RATIOS[0]])
    assert all(ratios[label] == "n/a (not measured)" for label in RATIOS[1:])


def test_pdf_run_prints_every_row_and_reuses_the_printed_pdfs(
        bench: ModuleType, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    chromium_or_skip()
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "tiny-order.txt").write_text(TINY_ACT, encoding="utf-8")
    pdf_dir = tmp_path / "pdfs"
    argv = ["--repeat", "1", "--corpus", str(corpus), "--pdf-dir", str(pdf_dir)]

    assert bench.main(argv) == 0
    header, rows, ratios = parse_table(capsys.readouterr().out)
    assert header == COLUMNS
    assert list(rows) == [OURS_TEXT, OURS_PDF, FAST_READ, PLUMBER_READ, PDFPLUMBER, SPACY]
    # Every PDF stage reads the same text layer.
    assert rows[OURS_PDF][1] == rows[FAST_READ][1] == rows[PLUMBER_READ][1] == rows[PDFPLUMBER][1]
    assert _number(rows[OURS_PDF][1]) > 0
    assert list(ratios) == RATIOS
    assert all(re.fullmatch(r"\d+\.\d\dx", value) for value in ratios.values())

    pdf = pdf_dir / "tiny-order.pdf"
    printed = pdf.stat().st_mtime_ns
    assert bench.main(argv) == 0
    assert pdf.stat().st_mtime_ns == printed  # the cached PDF was reused, not printed again
    assert list(parse_table(capsys.readouterr().out)[1]) == list(rows)


def test_unknown_act_is_a_one_line_error(
        bench: ModuleType, capsys: pytest.CaptureFixture[str]) -> None:
    assert bench.main(["--repeat", "1", "--only", "no-such-act.txt", "--no-pdf"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1
    assert "no-such-act.txt" in captured.err


# The packages only `pip install -e '.[test]'` brings; `pip install -e .` has none of them.
TEST_ONLY_PACKAGES = ("pytest", "_pytest", "hypothesis", "playwright", "ruff", "mypy")

_WITHOUT_TEST_PACKAGES = """
import runpy, sys
blocked = set(sys.argv[1].split(","))
class Refuse:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in blocked:
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None
sys.meta_path.insert(0, Refuse())
script = sys.argv[2]
sys.argv = [script, *sys.argv[3:]]
sys.path.insert(0, str(__import__("pathlib").Path(script).parent))
import pdf_render  # the PDF stage's renderer loads too
runpy.run_path(script, run_name="__main__")
"""


def test_bench_runs_without_the_test_packages(tmp_path: Path) -> None:
    """The README's install (`pip install -e .`) is enough to run the bench."""
    done = subprocess.run(
        [sys.executable, "-c", _WITHOUT_TEST_PACKAGES, ",".join(TEST_ONLY_PACKAGES), str(BENCH),
         "--repeat", "1", "--only", SMALL_SEED, "--no-pdf"],
        capture_output=True, text=True, cwd=tmp_path, timeout=600, check=False)
    assert done.returncode == 0, done.stderr
    assert f"acts: 1 ({SMALL_SEED})" in done.stdout
    assert list(parse_table(done.stdout)[1]) == [OURS_TEXT, SPACY]


HOSTILE_BENCH = BENCH.parent / "bench_hostile.py"


def test_the_hostile_bench_prints_a_row_per_size_and_the_ratio_between_them(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """Only the table's shape; the ratios themselves are read by people (bench/README.md)."""
    # The script raises the limits in os.environ when loaded; setenv makes pytest put the
    # variable back as it was (absent) afterwards, so no later test runs with them raised.
    monkeypatch.setenv("SHEZHIRE_LIMITS", "")
    spec = importlib.util.spec_from_file_location("bench_hostile", HOSTILE_BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    assert module.main(["--only", "long-number-citation", "--steps", "3"]) == 0
    lines = capsys.readouterr().out.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("shape "))
    assert re.split(r"\s{2,}|\s+(?=x prev)", lines[header].strip())[:4] == [
        "shape", "n", "bytes", "cpu s"]
    rows = [line.split() for line in lines[header + 2:]]
    assert [row[:2] for row in rows] == [["long-number-citation", n] for n in ("200", "400", "800")]
    assert rows[0][4] == "5" and re.fullmatch(r"\d+\.\d\d", rows[1][4])  # no ratio for the first
