"""The exports' cache (guide/exports.py): each act's Akoma Ntoso files are kept in the cache
folder, keyed by what they are made from; a rebuild makes again only the files of the acts
whose record, amending records or effects changed, and the docs folder holds the same files,
byte for byte, as a build without the cache."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from amended_corpus import AMENDED, AMENDING, files, original_and_changed
from golden_facts import GOLDEN_DAY

from shezhire.extract.pipeline import link_records
from shezhire.guide import exports, json_pieces
from shezhire.guide.build import build_docs


@pytest.fixture(scope="module")
def corpora(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict[str, Any]]]:
    return original_and_changed(tmp_path_factory.mktemp("corpora"))[1]


def _ids(recs: list[dict[str, Any]], seed: str) -> str:
    return next(str(r["id"]) for r in recs if r["source"]["path"].endswith(seed))


def test_a_rebuild_makes_again_only_the_changed_acts_akn_files_and_writes_a_full_builds_files(
        tmp_path: Path, corpora: dict[str, list[dict[str, Any]]],
        monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[str] = []
    real = exports.iter_corpus_akn

    def counted(records: Any, *args: Any) -> Any:
        records = list(records)
        made.extend(str(r["id"]) for r in records)
        return real(records, *args)

    monkeypatch.setattr(exports, "iter_corpus_akn", counted)
    cache = tmp_path / "cache"
    original, changed = corpora["original"], corpora["changed"]
    amending, amended = _ids(original, AMENDING), _ids(original, AMENDED)
    n = 0

    def both(recs: list[dict[str, Any]]) -> tuple[dict[str, bytes], dict[str, bytes]]:
        nonlocal n
        n += 1
        made.clear()
        with_cache = files(build_docs(recs, tmp_path / f"c{n}", as_of=GOLDEN_DAY, cache=cache)
                           and tmp_path / f"c{n}")
        acts = sorted(made)
        fresh = files(build_docs(recs, tmp_path / f"f{n}", as_of=GOLDEN_DAY)
                      and tmp_path / f"f{n}")
        made[:] = acts
        return with_cache, fresh

    cached, fresh = both(original)
    assert cached == fresh and sorted(made) == sorted(r["id"] for r in original)
    first = cached

    # The same records again: no act's files made.
    cached, fresh = both(original)
    assert cached == fresh == first and made == []

    # The amending act changed: its files and the amended act's (its versions) are made
    # again, no other act's; the amended act's files did change.
    cached, fresh = both(changed)
    assert cached == fresh
    assert sorted(made) == sorted([amending, amended])
    assert any(k.startswith(f"akn/{amended}/") and first.get(k) != v for k, v in cached.items())

    # An act removed, then added back: the files of a build without the cache; only the acts
    # whose effects or amending records changed are made again, and with the act back every
    # act's files are the first build's entries.
    without = link_records([copy.deepcopy(r) for r in original if r["id"] != amending])
    cached, fresh = both(without)
    assert cached == fresh and f"akn/{amending}/kaz@.xml" not in cached
    assert amended in made and len(made) < len(without)
    cached, fresh = both(original)
    assert cached == fresh == first and made == []

    # Damaged entries (cut short, another key inside) are made again: the same files.
    entries = sorted(cache.rglob("*.json"))
    assert len(entries) >= len(original)
    for i, entry in enumerate(entries):
        data = entry.read_text("utf-8")
        entry.write_text(data[: len(data) // 2] if i % 2 else data.replace('"key": "', '"key": "x'),
                         "utf-8")
    cached, fresh = both(original)
    assert cached == fresh == first and sorted(made) == sorted(r["id"] for r in original)


def test_records_files_come_from_the_cache_while_the_record_is_the_same(
        tmp_path: Path, corpora: dict[str, list[dict[str, Any]]],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """records/ID.json (indented by the pure-Python encoder) is made again only for a record
    that changed; a damaged entry is made again; the files are a build without cache's."""
    indented: list[str] = []
    real = exports.record_to_json

    def counted(value: Any) -> str:
        if isinstance(value, dict) and "provisions" in value:  # a record, not a schema
            indented.append(str(value["id"]))
        return real(value)

    monkeypatch.setattr(exports, "record_to_json", counted)
    cache = tmp_path / "cache"
    original, changed = corpora["original"], corpora["changed"]
    n = 0

    def build(recs: list[dict[str, Any]], with_cache: bool) -> dict[str, bytes]:
        nonlocal n
        n += 1
        build_docs(recs, tmp_path / f"d{n}", as_of=GOLDEN_DAY,
                   cache=cache if with_cache else None)
        return {k: v for k, v in files(tmp_path / f"d{n}").items() if k.startswith("records")}

    first = build(original, True)
    assert sorted(indented) == sorted(str(r["id"]) for r in original)
    indented.clear()
    assert build(original, True) == first and indented == []
    # The amending act's record changed (its text and the amendment's new wording); the
    # amended act's record is the same.
    after = build(changed, True)
    assert indented == [_ids(changed, AMENDING)]
    indented.clear()
    assert after == build(changed, False) != first
    # Damaged entries (a byte changed, cut short) are made again: the same files.
    entries = sorted((cache / "json").rglob("*.json"))
    assert entries
    for i, entry in enumerate(entries):
        data = entry.read_bytes()
        entry.write_bytes(data[: len(data) // 2] if i % 2 else data[:-2] + b"x\n")
    indented.clear()
    assert build(changed, True) == after
    assert sorted(indented) == sorted(str(r["id"]) for r in changed)


def test_graph_json_pieces_come_from_the_cache_while_they_are_the_same(
        tmp_path: Path, corpora: dict[str, list[dict[str, Any]]],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """graph.json's nodes and edges (indented by the pure-Python encoder) are indented again
    only where they changed; a damaged pieces file is not read; graph.json is a build
    without cache's every time."""
    indented: list[Any] = []
    real = json_pieces.indented_json

    def counted(value: Any) -> str:
        indented.append(value)
        return real(value)

    monkeypatch.setattr(json_pieces, "indented_json", counted)
    cache = tmp_path / "cache"
    original, changed = corpora["original"], corpora["changed"]
    n = 0

    def build(recs: list[dict[str, Any]], with_cache: bool) -> bytes:
        nonlocal n
        n += 1
        build_docs(recs, tmp_path / f"d{n}", as_of=GOLDEN_DAY,
                   cache=cache if with_cache else None)
        return (tmp_path / f"d{n}" / "graph.json").read_bytes()

    first = build(original, True)
    data = json.loads(first)
    pieces = len(data["nodes"]) + len(data["edges"]) + 4  # and the top-level values
    assert len(indented) >= pieces - 4
    assert first == build(original, False)
    indented.clear()
    assert build(original, True) == first and indented == []
    # The amending act changed: the pieces made again are those of graph.json that differ.
    after = build(changed, True)
    fresh = build(changed, False)
    assert after == fresh != first
    new = json.loads(after)
    changed_pieces = [p for part in ("nodes", "edges") for p in new[part]
                      if p not in data[part]]
    assert changed_pieces and all(p in indented for p in changed_pieces)
    assert len(indented) < len(new["nodes"]) + len(new["edges"])
    # A damaged file (a byte changed, then cut short) is not read: every piece made again.
    entry = cache / "graph" / "pieces.json"
    for damage in (lambda b: b[:-2] + b"x" + b[-1:], lambda b: b[: len(b) // 2]):
        entry.write_bytes(damage(entry.read_bytes()))
        indented.clear()
        assert build(changed, True) == fresh
        assert len(indented) >= len(new["nodes"]) + len(new["edges"])


@pytest.mark.parametrize("other", [
    {"b": 1, "a": [1, 2]},  # the keys' order
    {"a": [1.0, 2], "b": 1},  # a number's type
    {"a": [True, 2], "b": 1},
    {"a": [1, 2], "b": "1"},
    {"a": [1, 2], "b": 1, "c": None},
    {"a": [[1], 2], "b": 1},
])
def test_a_piece_is_indented_again_when_its_value_changes(tmp_path: Path,
                                                          other: dict[str, Any]) -> None:
    value = {"a": [1, 2], "b": 1}
    first = json_pieces.IndentedPieces(tmp_path)
    assert first(value) == json.dumps(value, indent=2)
    first.save()
    again = json_pieces.IndentedPieces(tmp_path)
    assert again(value) == json.dumps(value, indent=2) and again.made == 0
    assert again(other) == json.dumps(other, indent=2) and again.made == 1


def test_akn_and_record_files_are_links_of_checked_cache_files_and_a_damaged_one_is_remade(
        tmp_path: Path, corpora: dict[str, list[dict[str, Any]]]) -> None:
    """With the cache, a rebuild's AKN and records/ID.json files are hard links of the
    cache's plain files (one file system here): no byte written again. A cache file changed
    in place (as an edit of a published file linked to it would) is not served: the act's
    files are made again, the same bytes as a build without the cache."""
    cache = tmp_path / "cache"
    original = corpora["original"]
    fresh = files(build_docs(original, tmp_path / "fresh", as_of=GOLDEN_DAY)
                  and tmp_path / "fresh")
    build_docs(original, tmp_path / "first", as_of=GOLDEN_DAY, cache=cache)
    docs = tmp_path / "again"
    build_docs(original, docs, as_of=GOLDEN_DAY, cache=cache)
    assert files(docs) == fresh
    kept = [p for p in cache.rglob("*") if p.suffix in (".xml", ".json")]
    linked = [p for p in docs.rglob("*") if p.is_file()
              and p.relative_to(docs).parts[0] in ("akn", "records") and p.name != "index.json"]
    assert any(p.suffix == ".xml" for p in linked) and any(p.suffix == ".json" for p in linked)
    for path in linked:
        assert path.stat().st_nlink >= 2 and any(path.samefile(k) for k in kept), path

    # Every cache file of the AKN files changed in place (a byte) or cut short.
    bodies = sorted((cache / "akn").rglob("*.xml"))
    assert bodies
    for i, body in enumerate(bodies):
        data = body.read_bytes()
        with body.open("r+b") as handle:
            if i % 2:
                handle.truncate(len(data) // 2)
            else:
                handle.write(data.replace(b"<", b">", 1)[:1])
    docs = tmp_path / "damaged"
    build_docs(original, docs, as_of=GOLDEN_DAY, cache=cache)
    assert files(docs) == fresh
    # Made again as new files: the next build links them.
    build_docs(original, tmp_path / "after", as_of=GOLDEN_DAY, cache=cache)
    assert all(p.stat().st_nlink >= 2 for p in (tmp_path / "after" / "akn").rglob("*.xml"))


def test_the_pieces_file_holds_the_last_builds_pieces_and_only_a_whole_builds(
        tmp_path: Path) -> None:
    """A build's pieces replace the file's when it is saved (those not asked for are
    dropped); a build that failed (discarded) leaves the file and no file of its own."""
    one, two = {"a": [1, 2]}, {"b": "бір\nекі"}
    first = json_pieces.IndentedPieces(tmp_path)
    assert first(one) == first(one) == json.dumps(one, indent=2) and first.made == 1
    first.save()
    kept = (tmp_path / "pieces.json").read_bytes()
    failed = json_pieces.IndentedPieces(tmp_path)
    failed(two)
    failed.discard()
    assert [p.name for p in tmp_path.iterdir()] == ["pieces.json"]
    assert (tmp_path / "pieces.json").read_bytes() == kept
    second = json_pieces.IndentedPieces(tmp_path)
    assert second(two) == json.dumps(two, ensure_ascii=False, indent=2) and second.made == 1
    assert second(one) == json.dumps(one, indent=2) and second.made == 1
    second.save()
    third = json_pieces.IndentedPieces(tmp_path)
    assert third(two) == json.dumps(two, ensure_ascii=False, indent=2) and third.made == 0
    third.save()
    assert [p.name for p in tmp_path.iterdir()] == ["pieces.json"]
    fourth = json_pieces.IndentedPieces(tmp_path)
    fourth(one)
    assert fourth.made == 1  # not asked for by the build before: dropped from the file
    fourth.discard()
