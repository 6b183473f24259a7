"""The URL scheme of the public guide: where an act's page and a provision's anchor live.

Every helper that links into the guide (page generator, checklist, graph view) goes through
these two functions so the scheme is written down once.
"""

from __future__ import annotations


def act_url(act_id: str) -> str:
    """Path of an act's page relative to the site root, e.g. ``acts/mic-order-2023-168/``.

    Used for acts of the corpus and for acts that are only referenced: both get a page.
    """
    return f"acts/{act_id}/"


def provision_anchor(provision_id: str) -> str:
    """HTML id of a provision on its act page: ``rules/p-11-1`` -> ``p-rules--p-11-1``.

    Slashes are not allowed to appear in fragment ids we hand to lawyers as permalinks,
    so each ``/`` becomes ``--`` (provision ids never contain ``--`` themselves).
    """
    return "p-" + provision_id.replace("/", "--")
