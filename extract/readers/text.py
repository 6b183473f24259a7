"""Read a plain-text act, and the byte-level checks every text-like reader shares.

A ``.txt`` act is decoded as UTF-8 (a UTF-8 BOM is dropped; UTF-16/32 with a BOM is
accepted) and its line ends are made ``\\n``. Nothing else is changed: joining wrapped
lines and the like is the cleaning step's job.

The Markdown and HTML readers reuse :func:`load_bytes`, :func:`decode_bytes`,
:func:`check_lines` and :class:`TextBuilder` from here, so every reader rejects bad
input with the same one-line :class:`~extract.errors.SourceError` messages.
"""

from __future__ import annotations

import codecs
import errno
import hashlib
import html
import os
import re
import stat
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn

from shezhire.extract.errors import SourceError
from shezhire.extract.limits import Limits, current_limits, over_limit, text_over_limits
from shezhire.extract.mapped import MappedText, fill_back, offsets
from shezhire.extract.readers.base import SourceDocument

#: Larger files are refused before reading: an act is a few MB at most, and every
#: character of the text costs an entry in the origin map. (The default; the limit in
#: force is ``current_limits().file_bytes``, see extract/limits.py.)
MAX_FILE_BYTES = Limits.file_bytes
#: A longer line is not an act's paragraph but a damaged or machine-made file; the
#: limit also keeps the later stages' line-based regexes away from pathological input.
#: (The default, like MAX_FILE_BYTES.)
MAX_LINE_CHARS = Limits.line_chars

# Share of control characters above which a file is binary data, not damaged text.
_BINARY_CONTROL_SHARE = 0.05
_CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\v\f\r") + b"\x7f"
_NOT_CONTROL_BYTES = bytes(b for b in range(256) if b not in _CONTROL_BYTES)
_CONTROL_CHARS = re.compile("[\x00-\x08\x0e-\x1f\x7f]")

# Signatures of common binary formats someone may save with a text extension.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive or an Office document"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
    (b"{\\rtf", "an RTF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"\x7fELF", "a program"),
)

# BOMs, longest first: the UTF-32-LE BOM begins with the UTF-16-LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Bytes that KZ-1048 (the Kazakh variant of cp1251) reads as ә, ғ, қ... where cp1251
# has Serbian or Ukrainian letters that Kazakh text does not use.
_KZ1048_BYTES = bytes(
    b for b in range(0x80, 0x100)
    if bytes([b]).decode("kz1048", "replace") in "ӘәҒғҚқҢңӨөҰұҮүҺһ"
)
_NOT_KZ1048_BYTES = bytes(b for b in range(256) if b not in _KZ1048_BYTES)
_WORD = re.compile(r"[^\W\d_]+")
_CYRILLIC = re.compile("[\u0400-\u04ff]")
_LATIN = re.compile("[A-Za-z]")
_NEWLINE = re.compile(r"\r\n?|\n")


def load_text(path: Path) -> tuple[bytes, str]:
    """A text file's bytes and their decoded text, both within the limits (checked before any
    map of the text is built); any problem is a :class:`SourceError`."""
    data = load_bytes(path)
    raw = decode_bytes(path, data)
    check_lines(path, raw)
    check_text(path, raw)
    return data, raw


def read_text(path: Path) -> SourceDocument:
    """Read a plain-text act: decoded text, line ends made ``\\n``, mapped to the file."""
    data, raw = load_text(path)
    return SourceDocument(
        path=str(path),
        format="txt",
        raw_text=raw,
        text=normalise_newlines(raw),
        sha256=hashlib.sha256(data).hexdigest(),
    )


def check_path(path: Path) -> None:
    """A :class:`SourceError` for a path that names no file to read."""
    name = str(path)
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        if path.is_symlink():
            raise SourceError(name, f"broken symbolic link (to {os.readlink(path)})") from None
        raise SourceError(name, "no such file") from None
    except PermissionError:
        raise SourceError(name, "permission denied") from None
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise SourceError(name, "symbolic link loop") from None
        raise SourceError(name, f"cannot read the file ({error.strerror or error})") from None
    if stat.S_ISDIR(mode):
        raise SourceError(name, "is a directory, not a file")


def load_bytes(path: Path) -> bytes:
    """The file's bytes, or a :class:`SourceError` saying why there are none to read."""
    name = str(path)
    check_path(path)
    try:
        if not path.is_file():
            raise SourceError(name, "not a regular file")
        size = path.stat().st_size
        limit = current_limits().file_bytes
        if size > limit:
            raise SourceError(name, over_limit("file too large", size, "bytes", "file_bytes",
                                               limit))
        with path.open("rb") as handle:  # no further than the limit, if the file grows
            data = handle.read(limit + 1)
        if len(data) > limit:
            raise SourceError(name, over_limit("file too large", len(data), "bytes",
                                               "file_bytes", limit))
    except PermissionError:
        raise SourceError(name, "permission denied") from None
    except OSError as error:
        raise SourceError(name, f"cannot read the file ({error.strerror or error})") from None
    if not data:
        raise SourceError(name, "empty file")
    return data


def decode_bytes(path: Path, data: bytes, encoding: str | None = None) -> str:
    """Decode a text file, refusing binary data and mis-encoded text with a clear reason.

    ``encoding`` is a charset the file declares (an HTML page's ``<meta charset>``); a
    byte-order mark wins over it, and without either the text must be UTF-8. A file
    that is not valid in its encoding is refused, never decoded by a silent guess.
    """
    name = str(path)
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as error:
                raise SourceError(
                    name, f"not valid {codec.upper()} text (bad data at byte {error.start})"
                ) from None
            if codec == "utf-8-sig":
                _check_binary(name, data[len(bom):])
            return _check_decoded(name, text)
    _check_binary(name, data)
    declared = _codec_name(encoding) if encoding else "utf-8"
    if declared is None:
        raise SourceError(name, f"unknown charset {encoding!r} declared in the file")
    try:
        text = data.decode(declared)
    except UnicodeDecodeError as error:
        raise SourceError(name, _decode_problem(data, declared, error)) from None
    return _check_decoded(name, text)


def check_lines(path: Path, text: str, what: str = "line") -> None:
    """Refuse text with a line longer than the ``line_chars`` limit (runs in linear time)."""
    limit = current_limits().line_chars
    if len(text) <= limit:
        return  # no line is longer than the whole text
    start = 0
    number = 1
    for match in _NEWLINE.finditer(text):
        if match.start() - start > limit:
            _line_too_long(path, what, number, match.start() - start, limit)
        start = match.end()
        number += 1
    if len(text) - start > limit:
        _line_too_long(path, what, number, len(text) - start, limit)


def check_text(path: Path, text: str) -> None:
    """Refuse text over the limits of extract/limits.py (length, words, points) before any
    map of it is built: an origin map costs tens of bytes per character."""
    problem = text_over_limits(text, current_limits())
    if problem is not None:
        raise SourceError(str(path), problem)


def _line_too_long(path: Path, what: str, number: int, length: int, limit: int) -> NoReturn:
    raise SourceError(str(path), over_limit(f"{what} {number:,} is too long", length,
                                            "characters", "line_chars", limit))


def normalise_newlines(raw: str) -> MappedText:
    """``raw`` with CRLF and CR line ends made LF; each ``\\n`` maps to the raw line end."""
    if "\r" not in raw:
        return MappedText.identity(raw)
    pieces: list[str] = []
    origin: list[int] = []
    pos = 0
    for match in re.finditer(r"\r\n?", raw):
        pieces.append(raw[pos:match.start()])
        origin.extend(range(pos, match.start()))
        pieces.append("\n")
        origin.append(match.end() - 1)  # CRLF -> the LF itself, lone CR -> the CR
        pos = match.end()
    pieces.append(raw[pos:])
    origin.extend(range(pos, len(raw)))
    return MappedText("".join(pieces), offsets(origin))


def _codec_name(encoding: str) -> str | None:
    try:
        codec = codecs.lookup(encoding.strip()).name
    except LookupError:
        return None
    # An ASCII-compatible page cannot really be UTF-16/32 (the HTML standard's rule).
    if codec.startswith(("utf-16", "utf-32")):
        return "utf-8"
    return codec


def _check_binary(name: str, data: bytes) -> None:
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            raise SourceError(name, f"binary file, not text (looks like {kind})")
    nul = data.find(b"\x00")
    if nul >= 0 and _looks_like_bomless_utf16(data):
        raise SourceError(name, "not UTF-8 text (looks like UTF-16 without a byte-order mark?)")
    controls = len(data.translate(None, _NOT_CONTROL_BYTES))
    if controls > _BINARY_CONTROL_SHARE * len(data):
        raise SourceError(name, "binary file, not text")
    if nul >= 0:
        raise SourceError(name, f"contains NUL bytes (first at byte {nul})")


def _looks_like_bomless_utf16(data: bytes) -> bool:
    """One byte of each pair takes few values (0x00 for Latin, 0x04 for Cyrillic)."""
    sample = data[:4096]
    if len(sample) < 8:
        return False
    for parity in (0, 1):
        high = Counter(sample[parity::2])
        low = sample[1 - parity::2]
        common = sum(count for _, count in high.most_common(2))
        if 0 in high and common > 0.9 * len(sample[parity::2]) and len(set(low)) > 8:
            return True
    return False


def _decode_problem(data: bytes, codec: str, error: UnicodeDecodeError) -> str:
    where = f"byte 0x{data[error.start]:02X} at offset {error.start}"
    if codec != "utf-8":
        return f"not valid {codec} text as the file declares ({where})"
    lenient = data[:200_000].decode("utf-8", errors="replace")
    damaged = lenient.count("\ufffd")
    # Mostly good UTF-8 with a few bad bytes is a damaged UTF-8 file, not a code page.
    fine = sum(1 for c in lenient if c > "\x7f") - damaged
    guess = _guess_cyrillic_codepage(data) if fine < damaged else None
    if guess:
        return f"not UTF-8 text (looks like {guess}?)"
    return f"not UTF-8 text (invalid {where})"


def _guess_cyrillic_codepage(data: bytes) -> str | None:
    """``"cp1251"`` or ``"KZ-1048"`` when the bytes read as Cyrillic words in it."""
    text = data[:200_000].decode("cp1251", errors="replace")
    words = _WORD.findall(text)
    cyrillic = [w for w in words if _CYRILLIC.search(w)]
    if not cyrillic:
        return None
    # A Latin-1 file also decodes to Cyrillic letters, but scattered inside Latin words.
    mixed = sum(1 for w in cyrillic if _LATIN.search(w))
    if mixed > 0.2 * len(cyrillic):
        return None
    if len(data[:200_000].translate(None, _NOT_KZ1048_BYTES)) > 0.01 * len(cyrillic):
        return "KZ-1048"
    return "cp1251"


def _check_decoded(name: str, text: str) -> str:
    controls = len(_CONTROL_CHARS.findall(text[:1_000_000]))
    if controls > _BINARY_CONTROL_SHARE * min(len(text), 1_000_000):
        raise SourceError(name, "binary file, not text")
    nul = text.find("\x00")
    if nul >= 0:
        raise SourceError(name, f"contains NUL characters (first at character {nul})")
    if not text.strip():
        raise SourceError(name, "no text (only whitespace)")
    return text


def unescape_entity(entity: str, at: int) -> tuple[str, list[int]]:
    """Decode one character reference found at offset ``at``: its text and origins.

    The decoded characters map to the ``&``; characters the reference does not consume
    (an unknown ``&name;``, the tail of a legacy ``&notit``) map to themselves.
    """
    decoded = html.unescape(entity)
    keep = 0  # length of the literal tail shared by the reference and its decoding
    while keep < min(len(entity), len(decoded)) and entity[-1 - keep] == decoded[-1 - keep]:
        keep += 1
    if keep == len(decoded):
        keep = len(entity) if decoded == entity else keep - 1
    head = len(decoded) - keep
    tail_start = at + len(entity) - keep
    return decoded, [at] * head + list(range(tail_start, tail_start + keep))


@dataclass
class TextBuilder:
    """Collects output text with its origins, and the reader conventions' line layout.

    Characters added with :meth:`add` are real (they come from ``raw_text``); spaces,
    tabs and line breaks added by the layout methods are synthesised and take the origin
    of the next real character (the one they precede), as :class:`MappedText` does.
    """

    raw_length: int
    chars: list[str] = field(default_factory=list)
    origin: list[int | None] = field(default_factory=list)

    def add(self, text: str, origin: Sequence[int | None]) -> None:
        self.chars.extend(text)
        self.origin.extend(origin)

    def add_char(self, char: str, origin: int | None) -> None:
        self.chars.append(char)
        self.origin.append(origin)

    @property
    def at_line_start(self) -> bool:
        return not self.chars or self.chars[-1] == "\n"

    def space(self, origin: int | None = None) -> None:
        """One space between words, never at a line start nor after another space."""
        if not self.at_line_start and self.chars[-1] not in " \t":
            self.add_char(" ", origin)

    def line_break(self, origin: int | None = None) -> None:
        """End the current line (a no-op at a line start)."""
        self._drop_trailing_spaces()
        if not self.at_line_start:
            self.add_char("\n", origin)

    def block_break(self) -> None:
        """End the current block: the next text starts after one blank line."""
        self.line_break()
        if self.chars and self.chars[-2:] != ["\n", "\n"]:
            self.add_char("\n", None)

    def build(self) -> MappedText:
        """The text, ending with exactly one ``\\n``, and every origin resolved."""
        self.line_break()
        while self.chars[-2:] == ["\n", "\n"]:
            self.chars.pop()
            self.origin.pop()
        last = next((o for o in reversed(self.origin) if o is not None), None)
        tail = min(last + 1, max(self.raw_length - 1, 0)) if last is not None else 0
        return MappedText("".join(self.chars), fill_back(self.origin, tail))

    def _drop_trailing_spaces(self) -> None:
        # Only spaces: a row's trailing tabs stand for its empty last cells.
        while self.chars and self.chars[-1] == " ":
            self.chars.pop()
            self.origin.pop()
