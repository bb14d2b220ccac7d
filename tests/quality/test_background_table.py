"""The bundled background table (document frequencies behind every IDF of the matcher) is exactly what
``scripts/build_background_idf.py`` builds from ../shared today: a user who rebuilds it gets the same file, and
a change to the tokenizer or to the bigram characters that would move it shows here."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from devtools.evaluation import load_script


def test_bundled_table_is_what_the_build_script_makes(shared: Path) -> None:
    script = load_script("build_background_idf")
    n_docs, kept = script.build(shared)
    bundled = resources.files("proposalnlp").joinpath("data").joinpath("background_df.tsv.gz").read_bytes()
    assert script.table_bytes(n_docs, kept) == bundled


def test_table_bytes_carry_no_time_stamp() -> None:
    script = load_script("build_background_idf")
    rows = [("c:人才", 5), ("w:人才", 3)]
    assert script.table_bytes(7, rows) == script.table_bytes(7, rows)
    assert script.table_bytes(7, rows) != script.table_bytes(8, rows)
