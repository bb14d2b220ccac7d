"""parse() on the 53 stored reply pages of ../shared (issue 14), as floors.

Figures when written (scripts/eval_parse.py --pages both). Development pages (the rules were written
looking at these): answer units found 0.985 (64/65, start within 3 characters), spurious 2/66 = 0.030,
header and closing found as such 46/46, pairs split 6/6. Held-out pages (devtools.annotate.is_test_document,
first read after the reply-frame rules): found 0.830 of 47, spurious 8/47 = 0.170, header/closing 21/24 =
0.875, pairs 1/2; after the record-form rule (written on the development pairs) the same except pairs 2/2.
The issue's bars (found >= 0.95, spurious <= 0.05, header/closing >= 0.90) hold on the development pages
only; the held-out floors sit a little under the held-out figures.

Genre rules written afterwards on hand-written pages (tests/test_reply_shapes.py), without reading the held-out
pages: development pages found 0.985 (64/65), spurious 1/65 = 0.015, header/closing 46/46, pairs 6/6 (the one
miss and the one spurious unit are a cited title whose 《 and 〕 the stored page lost). The held-out figure after
these rules (read once, by the lead): found 0.830 of 47 (unchanged), spurious 5/44 = 0.114 (was 0.170),
header/closing 21/24, pairs 2/2.
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest

from devtools.corpus import load_reply_page_gold, load_reply_pages
from devtools.evaluation import load_script
from proposalnlp import parse


def _eval_module() -> ModuleType:
    return load_script("eval_parse")


@pytest.fixture(scope="module")
def evaluation(shared: Path) -> ModuleType:
    return _eval_module()


def test_development_pages_meet_the_issue_bars(shared: Path, evaluation: ModuleType) -> None:
    ps = evaluation.measure_pages(shared, "dev")
    assert ps.documents >= 30
    assert ps.answers.recall >= 0.98, ps.answers.misses
    assert ps.answers.spurious_rate <= 0.03, ps.answers.extras
    assert ps.frame_recall >= 0.97, ps.frame_misses
    assert ps.pairs == ps.pairs_split == 6, ps.pair_failures


def test_held_out_pages_floors(shared: Path, evaluation: ModuleType) -> None:
    ps = evaluation.measure_pages(shared, "test")
    assert ps.documents >= 15
    # figures only: the held-out pages' own errors are not printed (they must not guide the rules)
    assert ps.answers.recall >= 0.80, ps.line("held-out")
    assert ps.answers.spurious_rate <= 0.15, ps.line("held-out")
    assert ps.frame_recall >= 0.85, ps.line("held-out")
    assert ps.pairs_split >= 1, ps.line("held-out")


def test_every_page_parses_with_valid_offsets(shared: Path) -> None:
    pages = load_reply_pages(shared)
    assert len(pages) == 53
    for page in pages:
        doc = parse(page.text)
        assert doc.reply, page.id
        for u in doc.units:
            assert u.text == page.text[u.start : u.end]
    for gd in load_reply_page_gold(shared):
        parse(gd.text)


def test_jiangsu_gold_has_no_nested_point_as_a_unit(shared: Path) -> None:
    from devtools.corpus import load_jiangsu_gold

    for gd in load_jiangsu_gold(shared):
        doc = parse(gd.text)
        starts = {g.start for g in gd.units}
        for u in doc.units:
            for c in u.children:
                assert c.kind == "point" and u.start <= c.start and c.end <= u.end
                assert not any(abs(c.start - s) <= 3 for s in starts), (gd.id, c.id)
