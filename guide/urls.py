"""The URL scheme of the public guide: where an act's page and a provision's anchor live.

Every helper that links into the guide goes through these two functions, and the site's
scripts (checklist, graph view) read the same scheme from ``assets/labels.json``
(:func:`url_scheme`), so it is written down once.
"""

from __future__ import annotations

# An act's page: the id in place of {id}. A provision's anchor: the prefix, then the
# provision id with each "/" written as the separator.
ACT_PAGE = "acts/{id}/"
ANCHOR_PREFIX = "p-"
ANCHOR_SEPARATOR = "--"


def act_url(act_id: str) -> str:
    """Path of an act's page relative to the site root, e.g. ``acts/mic-order-2023-168/``.

    Used for acts of the corpus and for acts that are only referenced: both get a page.
    """
    return ACT_PAGE.replace("{id}", act_id)


def provision_anchor(provision_id: str) -> str:
    """HTML id of a provision on its act page: ``rules/p-11-1`` -> ``p-rules--p-11-1``.

    Slashes are not allowed to appear in fragment ids we hand to lawyers as permalinks,
    so each ``/`` becomes ``--`` (provision ids never contain ``--`` themselves).
    """
    return ANCHOR_PREFIX + provision_id.replace("/", ANCHOR_SEPARATOR)


def url_scheme() -> dict[str, str]:
    """The scheme as data, for the site's scripts."""
    return {"act_page": ACT_PAGE, "anchor_prefix": ANCHOR_PREFIX,
            "anchor_separator": ANCHOR_SEPARATOR}
