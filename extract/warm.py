"""Importing this module readies the extractor in the importing process: the lexicon's
patterns compiled, the Kazakh tokenizer built, every lazy table loaded.

The process pool's fork server imports it once (``set_forkserver_preload``), so each worker
forked from it starts ready instead of paying that first-file cost itself, again after each
replacement. The text read here is made up (two lines of a header, not an act).
"""

from __future__ import annotations

from shezhire.extract.record import record_from_text

_MADE_UP = ("Сынақ туралы\n\nҚолданыстағы\nАбай облысы әкімдігінің 2020 жылғы 1 қаңтардағы "
            "№ 1 қаулысы.\n\n1. Осы қаулы қол қойылған күнінен бастап қолданысқа енгізіледі.\n")

record_from_text(_MADE_UP, path="<warm-up>", as_of="2020-01-01")
