"""Every bad input file gives a SourceError with a one-line reason, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from shezhire.extract.errors import SourceError, UnsupportedFormatError
from shezhire.extract.readers import read_source
from shezhire.extract.readers.text import MAX_FILE_BYTES

GOOD_TEXT = "1. Осы қаулы алғашқы ресми жарияланған күнінен кейін қолданысқа енгізіледі.\n"


def problem_of(path: Path) -> str:
    with pytest.raises(SourceError) as caught:
        read_source(path)
    error = caught.value
    assert error.path == str(path)
    assert "\n" not in str(error)
    return error.problem


def make(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_missing_file(tmp_path: Path) -> None:
    assert problem_of(tmp_path / "absent.txt") == "no such file"
    assert problem_of(tmp_path / "absent.docx") == "no such file"


def test_directory_given_as_a_file(tmp_path: Path) -> None:
    folder = tmp_path / "act.txt"
    folder.mkdir()
    assert problem_of(folder) == "is a directory, not a file"


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html"])
def test_empty_file(tmp_path: Path, suffix: str) -> None:
    assert problem_of(make(tmp_path, "act" + suffix, b"")) == "empty file"


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html"])
def test_whitespace_only(tmp_path: Path, suffix: str) -> None:
    assert problem_of(make(tmp_path, "act" + suffix, b" \n\t\r\n  \n")).startswith("no text")


def test_markdown_with_markup_only(tmp_path: Path) -> None:
    path = make(tmp_path, "act.md", b"---\n\n![scheme](scheme.png)\n\n<!-- note -->\n")
    assert problem_of(path).startswith("no text")


def test_html_without_document_text(tmp_path: Path) -> None:
    page = b"<html><body><nav><a href='/'>Menu</a></nav><script>var x=1;</script></body></html>"
    assert problem_of(make(tmp_path, "act.html", page)) == "no document text found in the page"


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html"])
def test_binary_data(tmp_path: Path, suffix: str) -> None:
    data = bytes(range(256)) * 64
    assert problem_of(make(tmp_path, "act" + suffix, data)).startswith("binary file, not text")


def test_pdf_saved_as_text(tmp_path: Path) -> None:
    data = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"
    assert problem_of(make(tmp_path, "act.txt", data)) == (
        "binary file, not text (looks like a PDF document)")


def test_single_nul_byte_in_good_text(tmp_path: Path) -> None:
    data = GOOD_TEXT.encode() * 20 + b"\x00" + GOOD_TEXT.encode()
    problem = problem_of(make(tmp_path, "act.txt", data))
    assert problem == f"contains NUL bytes (first at byte {len(GOOD_TEXT.encode()) * 20})"


def test_cp1251_text_is_named(tmp_path: Path) -> None:
    russian = "Постановление акимата Западно-Казахстанской области от 13 мая 2014 года № 111.\n"
    path = make(tmp_path, "act.txt", russian.encode("cp1251"))
    assert problem_of(path) == "not UTF-8 text (looks like cp1251?)"


def test_kz1048_text_is_named(tmp_path: Path) -> None:
    kazakh = "Батыс Қазақстан облысы әкімдігінің қаулысы. Ескерту. Күші жойылды.\n"
    path = make(tmp_path, "act.md", kazakh.encode("kz1048"))
    assert problem_of(path) == "not UTF-8 text (looks like KZ-1048?)"


def test_latin1_text_is_not_called_cyrillic(tmp_path: Path) -> None:
    path = make(tmp_path, "act.txt", "Décret numéro 12, entré en vigueur.\n".encode("latin-1"))
    assert problem_of(path) == "not UTF-8 text (invalid byte 0xE9 at offset 1)"


def test_utf16_without_bom(tmp_path: Path) -> None:
    path = make(tmp_path, "act.txt", GOOD_TEXT.encode("utf-16-le"))
    assert problem_of(path) == "not UTF-8 text (looks like UTF-16 without a byte-order mark?)"


def test_html_declaring_an_unknown_charset(tmp_path: Path) -> None:
    page = b'<html><head><meta charset="klingon-8"></head><body><p>text</p></body></html>'
    assert problem_of(make(tmp_path, "act.html", page)) == (
        "unknown charset 'klingon-8' declared in the file")


def test_html_declaring_utf8_but_cp1251(tmp_path: Path) -> None:
    page = '<html><head><meta charset="utf-8"></head><body><p>Постановление акимата</p>'
    assert problem_of(make(tmp_path, "act.html", page.encode("cp1251"))) == (
        "not UTF-8 text (looks like cp1251?)")


@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_five_megabyte_single_line_is_refused(tmp_path: Path, suffix: str) -> None:
    data = GOOD_TEXT.encode() + "а".encode() * 5_000_000 + b"\n"
    path = make(tmp_path, "act" + suffix, data)
    assert problem_of(path) == (
        "line 2 is too long (5,000,000 characters; the limit is 1,000,000, "
        "SHEZHIRE_LIMITS=line_chars=N changes it)")


def test_html_text_line_too_long(tmp_path: Path) -> None:
    page = "<html><body><p>" + "сөз " * 300_000 + "</p></body></html>"
    assert problem_of(make(tmp_path, "act.html", page.encode())) == (
        "text line 1 is too long (1,199,999 characters; the limit is 1,000,000, "
        "SHEZHIRE_LIMITS=line_chars=N changes it)")


def test_file_too_large(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:  # sparse: no 50 MB written to disk
        handle.seek(MAX_FILE_BYTES)
        handle.write(b"\n")
    assert problem_of(path).startswith("file too large (52,428,801 bytes")


def test_unknown_extension(tmp_path: Path) -> None:
    path = make(tmp_path, "act.docx", b"PK\x03\x04")
    with pytest.raises(UnsupportedFormatError) as caught:
        read_source(path)
    assert caught.value.problem == (
        "unsupported format ('.docx'; Shezhire reads .txt, .md, .pdf, .html, .htm)")
    no_suffix = make(tmp_path, "act", GOOD_TEXT.encode())
    with pytest.raises(UnsupportedFormatError):
        read_source(no_suffix)


def test_unreadable_file(tmp_path: Path) -> None:
    path = make(tmp_path, "act.txt", GOOD_TEXT.encode())
    path.chmod(0)
    try:
        if path.stat().st_mode & 0o400 or _can_read(path):
            pytest.skip("running as a user that can read any file")
        assert problem_of(path) == "permission denied"
    finally:
        path.chmod(0o644)


def _can_read(path: Path) -> bool:
    try:
        path.read_bytes()
    except PermissionError:
        return False
    return True


def test_utf8_with_one_damaged_byte_is_not_called_cp1251(tmp_path: Path) -> None:
    data = GOOD_TEXT.encode() * 10 + b"\xff" + GOOD_TEXT.encode()
    offset = len(GOOD_TEXT.encode()) * 10
    assert problem_of(make(tmp_path, "act.txt", data)) == (
        f"not UTF-8 text (invalid byte 0xFF at offset {offset})")
