"""Where a link of a built guide page leads: the tests resolve pages' links as URLs under a
made-up root, so relative links, "../" and fragments are read as a browser reads them."""

from __future__ import annotations

from urllib.parse import unquote, urldefrag, urljoin, urlsplit

ORIGIN = "http://guide.test/"  # pages are resolved as URLs under this made-up root


def link_target(page_path: str, link: str) -> tuple[str, str]:
    """The site file a link of ``page_path`` points to, and its fragment."""
    url, fragment = urldefrag(urljoin(ORIGIN + page_path, link))
    path = unquote(urlsplit(url).path).lstrip("/")
    if path == "" or path.endswith("/"):
        path += "index.html"
    return path, unquote(fragment)
