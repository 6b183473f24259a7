"""The hostile corpus: bad and hostile act files, written at test time into a folder.

Nothing here is committed as a file: big files (50 MB of text, a 500-page PDF, a PDF zip
bomb) are made when the tests run, by the shapes of ``bench/hostile_shapes.py`` (which the
bench doubles to show linear time). Every text is MADE UP for testing, except the copies of
one seed act of ``corpus/`` (the good files).

Each :class:`Case` says what the extractor must do with its file: ``problem`` is a piece of
the one line it must print on stderr (the file refused), or None when the file must be
read into a record (hostile in shape, but an act all the same).
"""

from __future__ import annotations

import codecs
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from hostile_shapes import (
    long_number_citation,
    long_sentence,
    long_text,
    long_word,
    made_up_act,
    many_pages_pdf,
    nested_html,
    nested_markdown,
    number_sign_line,
    number_signs,
    numbered_points,
    paren_line,
    paren_points,
    pdf_bomb,
)

ROOT = Path(__file__).resolve().parents[2]
GOOD_SEED = ROOT / "corpus" / "mic-order-2026-130-amendments.txt"
GOOD_ID = "2026-03-30_order_130_qazaqstan-respublikasy-onerkasip-zhane-qurylys-ministri"
MADE_UP_ID = "2020-02-01_decree_7_synaq-oblysy-akimdigi"
MADE_UP_NUMBER = "№ 7 қаулысы".encode()
GOOD_LINE = "1. Осы қаулы алғашқы ресми жарияланған күнінен кейін қолданысқа енгізіледі.\n"


@dataclass(frozen=True)
class Case:
    """One file of the corpus; ``problem`` None means it must become a record."""

    name: str
    problem: str | None
    inside: bool = True  # in the corpus folder; else given as a path of its own


def _write(folder: Path, name: str, data: bytes) -> None:
    (folder / name).write_bytes(data)


def build_hostile_corpus(folder: Path, outside: Path) -> list[Case]:
    """Write the corpus into ``folder`` (and the files given as paths into ``outside``)."""
    folder.mkdir(parents=True, exist_ok=True)
    outside.mkdir(parents=True, exist_ok=True)
    cases: list[Case] = []

    def add(name: str, data: bytes, problem: str | None) -> None:
        if problem is None and MADE_UP_NUMBER in data:
            # Each made-up act that is read gets a number of its own: one id per act.
            data = data.replace(MADE_UP_NUMBER, f"№ {100 + len(cases)} қаулысы".encode(), 1)
        _write(folder, name, data)
        cases.append(Case(name, problem))

    good = GOOD_SEED.read_bytes()
    # -- good files, some under hostile names ------------------------------------------------
    add("good act.txt", good, None)
    add("акт № 130 (көшірме) — екінші.txt", good, None)  # a copy: merged, two sources
    _write(folder, "made-up act.txt", made_up_act("      1. Бірінші тармақ.").encode())
    cases.append(Case("made-up act.txt", None))

    # -- abuse of size and shape ------------------------------------------------------------
    add("fifty-mb.txt", long_text(28_000_000)[:50_000_000].rsplit(b"\n", 1)[0] + b"\n",
        "text too long (")
    add("ten-mb.txt", long_text(5_700_000), "text too long (")
    add("million-points.txt", numbered_points(1_000_000), "the limit is")
    add("thirty-thousand-points.txt",
        made_up_act("\n".join(f"{i}. а" for i in range(1, 30_001))).encode(),
        "too many numbered points (30,00")
    add("number-signs.txt", number_signs(100_000), None)
    add("paren-points.txt", paren_points(100_000), None)
    add("number-sign-line.txt", number_sign_line(100_000), None)
    add("paren-line.txt", paren_line(100_000), None)
    add("long-word.txt", long_word(100_000), "a word on line 6 is too long (100,001 characters")
    add("over-a-million-characters.txt", long_sentence(1_100_000), None)
    add("five-mb-line.txt", GOOD_LINE.encode() + "а".encode() * 5_000_000 + b"\n",
        "line 2 is too long (5,000,000 characters")
    add("nested-100000.html", nested_html(100_000), "elements nested too deeply")
    add("nested-10000.html", nested_html(10_000), "elements nested too deeply")
    add("nested-100000.md", nested_markdown(100_000), None)
    add("cites-200-digits.txt", long_number_citation(200), None)
    own = made_up_act("      1. Бір.").replace("№ 7 қаулысы", "№ " + "9" * 200 + " қаулысы")
    add("numbered-200-digits.txt", own.encode(), None)
    with (folder / "sparse-60-mb.txt").open("wb") as handle:  # sparse: nothing on disk
        handle.seek(60 * 1024 * 1024)
        handle.write(b"\n")
    cases.append(Case("sparse-60-mb.txt", "file too large (62,914,561 bytes"))

    # -- PDFs --------------------------------------------------------------------------------
    from pdf_render import encrypted_pdf_bytes, image_only_pdf

    add("encrypted.pdf", encrypted_pdf_bytes("Secret order", user_password="secret"),
        "PDF is encrypted and needs a password")
    image_only_pdf(folder / "scan.pdf")
    cases.append(Case("scan.pdf", "PDF has no text layer"))
    add("five-hundred-pages.pdf", many_pages_pdf(500), None)
    add("zip-bomb.pdf", pdf_bomb(300 * 1024 * 1024), "compressed streams inflate too far")
    add("truncated.pdf", many_pages_pdf(1)[:-200], "the file is truncated")
    add("garbage.pdf", b"%PDF-1.4\n" + os.urandom(4000) + b"\nstartxref\n9\n%%EOF\n",
        "not a readable PDF")
    add("text-saved-as.pdf", GOOD_LINE.encode() * 10, "no %PDF- header")

    # -- encodings ---------------------------------------------------------------------------
    kazakh = made_up_act("      1. Бірінші тармақ.")
    add("utf16-then-cp1251.txt", codecs.BOM_UTF16_LE + kazakh.encode("utf-16-le")
        + "Постановление акимата".encode("cp1251"), "not valid UTF-16 text")
    add("utf8-then-cp1251.txt", kazakh.encode() + "Постановление акимата".encode("cp1251"),
        "not UTF-8 text")
    add("cp1251.txt", "Постановление акимата области № 5.\n".encode("cp1251"),
        "not UTF-8 text (looks like cp1251?)")
    add("kz1048.md", "Әкімдігінің қаулысы. Күші жойылды.\n".encode("kz1048"),
        "not UTF-8 text (looks like KZ-1048?)")
    add("utf16-no-bom.txt", kazakh.encode("utf-16-le"), "UTF-16 without a byte-order mark")
    add("binary.txt", bytes(range(256)) * 64, "binary file, not text")
    add("nul-byte.txt", GOOD_LINE.encode() * 5 + b"\x00", "contains NUL bytes")
    add("zip-as-text.txt", b"PK\x03\x04" + os.urandom(500), "binary file, not text")
    add("klingon.html", b'<html><head><meta charset="klingon-8"></head><body><p>x</p></body>',
        "unknown charset 'klingon-8'")

    # -- nothing to read ---------------------------------------------------------------------
    add("empty.txt", b"", "empty file")
    add("blank.md", b" \n\t\n", "no text")
    add("menu-only.html", b"<html><body><nav><a href='/'>Menu</a></nav></body></html>",
        "no document text found in the page")
    add("markup-only.md", b"---\n\n![scheme](scheme.png)\n\n<!-- note -->\n", "no text")

    # -- not files ---------------------------------------------------------------------------
    (folder / "folder.txt").mkdir()  # a folder with an act's name: not an act, not entered
    os.symlink("loop-b.txt", folder / "loop-a.txt")
    os.symlink("loop-a.txt", folder / "loop-b.txt")
    cases += [Case("loop-a.txt", "symbolic link loop"), Case("loop-b.txt", "symbolic link loop")]
    os.symlink("nowhere.txt", folder / "broken-link.txt")
    cases.append(Case("broken-link.txt", "broken symbolic link (to nowhere.txt)"))
    os.symlink("/dev/zero", folder / "zero.pdf")
    cases.append(Case("zero.pdf", "not a regular file"))
    os.symlink("/dev/null", folder / "null.txt")
    cases.append(Case("null.txt", "not a regular file"))
    os.mkfifo(folder / "fifo.txt")  # reading it would wait for a writer forever
    cases.append(Case("fifo.txt", "not a regular file"))

    # -- one act, two texts ------------------------------------------------------------------
    add("same-id-other-facts.txt", made_up_act("      1. Бір.\n      3. Үш.").encode(),
        f"act {MADE_UP_ID} is already read from")

    # -- given as paths of their own ---------------------------------------------------------
    os.symlink("given-loop-b.txt", outside / "given-loop-a.txt")
    os.symlink("given-loop-a.txt", outside / "given-loop-b.txt")
    os.symlink("/dev/urandom", outside / "given-random.pdf")  # (/dev/zero is in the folder)
    cases += [Case("given-loop-a.txt", "symbolic link loop", inside=False),
              Case("given-random.pdf", "not a regular file", inside=False),
              Case("absent.txt", "no such file", inside=False),
              Case("report.docx", "unsupported format ('.docx'", inside=False)]
    _write(outside, "report.docx", b"PK\x03\x04")
    shutil.copyfile(GOOD_SEED, outside / "given good.txt")
    cases.append(Case("given good.txt", None, inside=False))
    return cases
