"""Real PDFs for the bench and the tests: act text -> HTML -> Debian's chromium
``--print-to-pdf``.

A helper module of the bench (``bench_extract.py``), which the PDF tests import too; it needs
nothing beyond the standard library and chromium (Pillow only for :func:`image_only_pdf`), so
the bench runs after a plain ``pip install -e .``. The PDFs look like the ones users feed the extractor:
DejaVu fonts, a letter-spaced title (as Adilet prints act titles), justified paragraphs with
a first-line indent, act citations as hyperlinks, ruled tables, and running page furniture
repeated on every page - either chromium's own header and footer (date and title on top,
file URL and "1/3" at the bottom) or Adilet-like margin boxes ("Бет 2", the legal system's
name, "- 2 -").

Hyperlinks are ``position: relative`` by default: chromium then paints them after the rest
of the paragraph, so the linked words come last in the content stream, as they do in
Adilet's PDFs (the seed texts show those words displaced to the line end). A reader that
follows stream order gets them wrong; one that follows geometry gets them right.

Chromium is found on PATH; without it, :func:`html_to_pdf` raises :class:`ChromiumMissing`
(the tests skip on it through ``tests/chromium.py``, or fail in CI).
"""

from __future__ import annotations

import hashlib
import html
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")

# Flags that keep a headless chromium off the network and away from the user's profile.
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-dev-shm-usage",
)

# The link target is never fetched: it only makes chromium write a /Link annotation.
LINK_TARGET = "https://adilet.zan.kz/kaz/docs/V1800004874"

# Words that cite another act; on Adilet they are hyperlinks to the cited act.
LINK_WORDS = re.compile(
    r"(?<!\w)(?:қаулысы\w*|бұйрығ\w*|бұйрықп\w*|шешімі\w*|Заңы\w*"
    r"|\d+(?:-\d+)*-(?:тармағ|тармақ|бап|баб)\w*)",
)

ADILET_SYSTEM_NAME = "Нормативтік құқықтық актілердің ақпараттық-құқықтық жүйесі"

Furniture = Literal["browser", "adilet"]


@dataclass(frozen=True)
class Paragraph:
    """One paragraph: ``indent`` gives it a first-line indent, otherwise it is a block
    separated from its neighbours by vertical space (as a header paragraph is)."""

    text: str
    indent: bool = True


@dataclass(frozen=True)
class Table:
    """A ruled table; every row has the same number of cells."""

    rows: tuple[tuple[str, ...], ...]

    @classmethod
    def of(cls, rows: Iterable[Sequence[str]]) -> Table:
        listed = [list(r) for r in rows]
        width = max((len(r) for r in listed), default=0)
        return cls(tuple(tuple(r + [""] * (width - len(r))) for r in listed))


Block = Paragraph | Table


@dataclass
class RenderedSeed:
    """A seed act printed to PDF: what went in (title, blocks) and where the PDF is."""

    name: str
    pdf: Path
    title: str
    blocks: list[Block] = field(default_factory=list)


def find_chromium() -> str | None:
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


class ChromiumMissing(RuntimeError):
    """No chromium on PATH to print with."""


CHROMIUM_MISSING = "chromium is not installed (apt-get install chromium fonts-dejavu-core)"


def require_chromium() -> str:
    """The chromium executable, or :class:`ChromiumMissing`."""
    found = find_chromium()
    if found is None:
        raise ChromiumMissing(CHROMIUM_MISSING)
    return found


# --- seed text -> blocks ---------------------------------------------------------------

_MD_MARKUP = re.compile(r"\*\*|\*|^#{1,6}\s*", re.M)


def seed_text_to_blocks(text: str, *, markdown: bool = False) -> list[Block]:
    """Split an act's plain text (a corpus file) into paragraphs and tables.

    A paragraph starts at a line indented with 6 spaces or after a blank line; wrapped lines
    are joined with a space. A line with a tab is a table row; consecutive rows make one
    table. For Markdown, ``**``, ``*`` and ``#`` markup is stripped first.
    """
    if markdown:
        text = _MD_MARKUP.sub("", text)
    blocks: list[Block] = []
    lines: list[str] = []
    indent = False
    rows: list[list[str]] = []

    def flush_paragraph() -> None:
        nonlocal lines
        joined = " ".join(" ".join(lines).split())
        if joined:
            blocks.append(Paragraph(joined, indent=indent))
        lines = []

    def flush_table() -> None:
        nonlocal rows
        if rows:
            blocks.append(Table.of(rows))
        rows = []

    for line in text.splitlines():
        if "\t" in line:
            flush_paragraph()
            rows.append([" ".join(cell.split()) for cell in line.split("\t")])
            continue
        flush_table()
        if not line.strip():
            flush_paragraph()
        elif line.startswith("      "):
            flush_paragraph()
            indent = True
            lines.append(line)
        else:
            if not lines:
                indent = False
            lines.append(line)
    flush_paragraph()
    flush_table()
    return blocks


# --- blocks -> HTML ----------------------------------------------------------------------

_STYLE = """
body { font-family: 'DejaVu Serif'; font-size: 11pt; line-height: 1.4; }
h1 { font-family: 'DejaVu Sans'; font-size: 12pt; font-weight: bold; letter-spacing: 0.3em;
     text-align: center; margin: 0 2em 1.2em 2em; }
p { text-align: justify; margin: 0; }
p.indent { text-indent: 2.5em; }
p.block { text-indent: 0; margin: 0.8em 0; }
table { border-collapse: collapse; width: 100%; margin: 0.8em 0; }
td { border: 0.75pt solid black; padding: 2pt 4pt; vertical-align: top;
     font-family: 'DejaVu Sans'; font-size: 9pt; line-height: 1.25; }
a { color: inherit; text-decoration: none; }
a.displaced { position: relative; }
"""

_ADILET_PAGE = f"""
@page {{ size: A4; margin: 20mm 15mm 20mm 20mm;
  @top-right {{ content: "Бет " counter(page); font-family: 'DejaVu Sans'; font-size: 8pt; }}
  @bottom-left {{ content: "{ADILET_SYSTEM_NAME}"; font-family: 'DejaVu Sans'; font-size: 8pt; }}
  @bottom-right {{ content: "- " counter(page) " -"; font-family: 'DejaVu Sans';
                   font-size: 8pt; }}
}}
"""


@dataclass(frozen=True)
class PageStyle:
    """How a page is printed: paper size (a CSS page size: "A4", "A5", "Letter"), the body
    font, the page margin and whether paragraphs are justified. The default is the page the
    other PDFs of the bench have (A4, chromium's own margin, DejaVu Serif, justified)."""

    size: str = "A4"
    font: str = "DejaVu Serif"
    margin: str | None = None
    justify: bool = True

    @property
    def name(self) -> str:
        font = self.font.lower().replace(" ", "-")
        return (f"{self.size.lower()}-{font}-{(self.margin or 'default').replace(' ', '')}"
                f"-{'justified' if self.justify else 'ragged'}")

    def css(self) -> str:
        margin = f" margin: {self.margin};" if self.margin else ""
        return (f"@page {{ size: {self.size};{margin} }}\n"
                f"body {{ font-family: '{self.font}'; }}\n"
                f"p {{ text-align: {'justify' if self.justify else 'left'}; }}\n")


def _linked(text: str, displaced: bool) -> str:
    css = ' class="displaced"' if displaced else ""
    out: list[str] = []
    pos = 0
    for m in LINK_WORDS.finditer(text):
        out.append(html.escape(text[pos:m.start()]))
        out.append(f'<a{css} href="{LINK_TARGET}">{html.escape(m.group(0))}</a>')
        pos = m.end()
    out.append(html.escape(text[pos:]))
    return "".join(out)


def blocks_to_html(
    blocks: Sequence[Block | str],
    title: str | None = None,
    *,
    displaced_links: bool = True,
    furniture: Furniture = "browser",
    style: PageStyle | None = None,
) -> str:
    """The HTML page for ``blocks`` (a plain string is an indented paragraph)."""
    body: list[str] = []
    if title:
        body.append(f"<h1>{html.escape(title)}</h1>")
    for block in blocks:
        if isinstance(block, str):
            block = Paragraph(block)
        if isinstance(block, Paragraph):
            css = "indent" if block.indent else "block"
            body.append(f'<p class="{css}">{_linked(block.text, displaced_links)}</p>')
        else:
            cells = (
                "<tr>" + "".join(f"<td>{_linked(c, displaced_links)}</td>" for c in row) + "</tr>"
                for row in block.rows
            )
            body.append("<table>" + "".join(cells) + "</table>")
    page_css = _ADILET_PAGE if furniture == "adilet" else ""
    style_css = style.css() if style is not None else ""
    return (
        '<!doctype html>\n<html lang="kk"><head><meta charset="utf-8">'
        f"<title>{html.escape(title or 'Құжат')}</title>"
        f"<style>{page_css}{_STYLE}{style_css}</style></head>\n<body>\n"
        + "\n".join(body)
        + "\n</body></html>\n"
    )


# --- HTML -> PDF -------------------------------------------------------------------------


def html_to_pdf(page: str, out_path: Path, *, furniture: Furniture = "browser",
                chromium: str | None = None) -> Path:
    """Print an HTML page to ``out_path`` with headless chromium."""
    exe = chromium or require_chromium()
    out_path = Path(out_path).resolve()
    out_path.parent.mkdir(parents=True, exist_ok=True)
    html_path = out_path.with_suffix(".html")
    html_path.write_text(page, encoding="utf-8")
    flags = list(CHROMIUM_FLAGS)
    if furniture == "adilet":
        # The page's own margin boxes stand in for chromium's header and footer.
        flags.append("--no-pdf-header-footer")
    with tempfile.TemporaryDirectory(prefix="chromium-profile-",
                                     ignore_cleanup_errors=True) as profile:
        done = subprocess.run(
            [exe, *flags, f"--user-data-dir={profile}", f"--print-to-pdf={out_path}",
             html_path.as_uri()],
            capture_output=True, text=True, timeout=180, check=False,
        )
    if done.returncode != 0 or not out_path.exists() or out_path.stat().st_size == 0:
        tail = done.stderr.strip().splitlines()[-3:]
        raise RuntimeError(f"chromium could not print {html_path}: {' | '.join(tail)}")
    return out_path


def render_pdf(
    content: str | Sequence[Block | str],
    out_path: Path,
    title: str | None = None,
    *,
    markdown: bool = False,
    displaced_links: bool = True,
    furniture: Furniture = "browser",
    chromium: str | None = None,
    style: PageStyle | None = None,
) -> Path:
    """Render an act to PDF and return the PDF's path.

    ``content`` is either an act's plain text (split by :func:`seed_text_to_blocks`; when
    ``title`` is None its first paragraph becomes the letter-spaced title) or a sequence of
    blocks (a plain string is an indented paragraph).
    """
    if isinstance(content, str):
        blocks: list[Block | str] = list(seed_text_to_blocks(content, markdown=markdown))
        first = blocks[0] if blocks else None
        if title is None and isinstance(first, Paragraph):
            title = first.text
            blocks.pop(0)
    else:
        blocks = list(content)
    page = blocks_to_html(blocks, title, displaced_links=displaced_links, furniture=furniture,
                          style=style)
    return html_to_pdf(page, out_path, furniture=furniture, chromium=chromium)


def render_seed(seed: Path, out_dir: Path, *, max_blocks: int | None = None,
                furniture: Furniture = "browser", chromium: str | None = None) -> RenderedSeed:
    """Print a corpus file (its first ``max_blocks`` blocks, or all) into ``out_dir``.

    The act's name (its first paragraph) is the letter-spaced title.
    """
    blocks = seed_text_to_blocks(seed.read_text(encoding="utf-8"),
                                 markdown=seed.suffix == ".md")
    first = blocks.pop(0)
    title = first.text if isinstance(first, Paragraph) else ""
    if max_blocks is not None:
        blocks = blocks[:max_blocks]
    pdf = render_pdf(blocks, Path(out_dir) / f"{seed.stem}.pdf", title=title,
                     furniture=furniture, chromium=chromium)
    return RenderedSeed(seed.stem, pdf, title, list(blocks))


def render_seeds(seeds: Sequence[Path], out_dir: Path, *,
                 furniture: Furniture = "browser") -> dict[str, RenderedSeed]:
    """Print several corpus files at once (one chromium per file, run side by side);
    keyed by file name."""
    exe = require_chromium()
    workers = max(1, min(len(seeds), os.cpu_count() or 1, 4))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        done = pool.map(lambda seed: render_seed(seed, out_dir, furniture=furniture,
                                                 chromium=exe), seeds)
        return {seed.name: rendered for seed, rendered in zip(seeds, done, strict=True)}


def normalise(text: str) -> str:
    """Whitespace collapsed to single spaces, for comparing text across formats."""
    return " ".join(text.split())


# --- PDFs chromium does not make -----------------------------------------------------------

_PASSWORD_PAD = bytes.fromhex(
    "28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def _rc4(key: bytes, data: bytes) -> bytes:
    box = list(range(256))
    j = 0
    for i in range(256):
        j = (j + box[i] + key[i % len(key)]) % 256
        box[i], box[j] = box[j], box[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + box[i]) % 256
        box[i], box[j] = box[j], box[i]
        out.append(byte ^ box[(box[i] + box[j]) % 256])
    return bytes(out)


def encrypted_pdf_bytes(text: str, *, user_password: str, owner_password: str = "owner") -> bytes:
    """A one-page PDF (Helvetica, ASCII ``text``) encrypted with the standard security
    handler (RC4, 40 bits, revision 2), the oldest kind every reader supports.

    With an empty ``user_password`` anyone may open it (only permissions are restricted).
    """

    def pad(password: str) -> bytes:
        return (password.encode("latin-1") + _PASSWORD_PAD)[:32]

    # MD5 and RC4 are what this (old, weak) PDF encryption is made of.
    file_id = hashlib.md5(text.encode()).digest()
    owner = _rc4(hashlib.md5(pad(owner_password)).digest()[:5], pad(user_password))
    permissions = -44  # print and copy refused: a typical "protected" government PDF
    key = hashlib.md5(
        pad(user_password) + owner + permissions.to_bytes(4, "little", signed=True) + file_id
    ).digest()[:5]
    user = _rc4(key, _PASSWORD_PAD)

    def encrypt(number: int, data: bytes) -> bytes:
        object_key = hashlib.md5(
            key + number.to_bytes(3, "little") + (0).to_bytes(2, "little")).digest()[:10]
        return _rc4(object_key, data)

    escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    content = encrypt(5, f"BT /F1 14 Tf 72 720 Td ({escaped}) Tj ET".encode("latin-1"))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length " + str(len(content)).encode() + b" >>\nstream\n" + content
        + b"\nendstream",
        b"<< /Filter /Standard /V 1 /R 2 /O <" + owner.hex().encode() + b"> /U <"
        + user.hex().encode() + b"> /P " + str(permissions).encode() + b" >>",
    ]
    trailer = f" /Encrypt 6 0 R /ID [<{file_id.hex()}> <{file_id.hex()}>]"
    return pdf_file(objects, trailer)


def image_only_pdf(out_path: Path) -> Path:
    """A one-page PDF holding only a picture of text, as a scanner makes it (Pillow)."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (850, 1100), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((100, 100, 750, 160), outline="black", width=3)
    for y in range(220, 900, 40):
        draw.line((100, y, 750, y), fill="black", width=8)  # lines of "print" on a scan
    image.save(out_path, "PDF", resolution=100.0)
    return out_path


def pdf_file(objects: list[bytes], trailer: str = "") -> bytes:
    """A PDF file of ``objects`` (object 1 is the catalog) with its cross-reference table;
    ``trailer`` adds entries to the trailer dictionary."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R{trailer} >>\nstartxref\n{xref}\n"
            "%%EOF\n").encode()
    return bytes(out)
