"""The hand-marked units of 60 sampled Teddy Cup replies (devtools/data/teddy_reply_units.json, issue 14): the file
fits the replies of ../shared, and parse() keeps floors on them (development text: the online-reply rules of
tests/test_reply_genre_rules.py were written after reading these replies and the parser's errors on them).

Figures (scripts/eval_parse.py --teddy): before the online-reply rules answer units found 0.630 of 100,
spurious 49/113 = 0.434, closings 33/60, openings 25/67, 13 replies not parsed as replies; after them found
0.840, spurious 10/95 = 0.105, closings 53/60, openings 67/67, 1 not parsed as a reply (it has no salutation and
no receipt). On 30 more replies marked after the rules were written (held out: their parser output was read only
for these figures): before found 0.523 of 44, spurious 19/42 = 0.452, closings 14/32, openings 14/38, 9 not
replies; after found 0.750, spurious 8/41 = 0.195, closings 20/32, openings 32/38, 4 not replies. The floors
below sit a little under the figures after the rules.

Session s10 (questions answered one by one, a list nested in a point of its own style, more closings, a paragraph
after one-paragraph points): dev found 0.840 -> 0.920, spurious 10/95 -> 4/97 = 0.041, closings 53 -> 59/60;
held-out found 0.750 -> 0.750, spurious 8/41 -> 7/40 = 0.175, closings 20 -> 21/32; a second held-out sample
(held_out_2, 30 replies marked before those rules, read once at the end) found 0.913 -> 0.913, spurious 8/50 =
0.160 before and after, closings 20/26 before and after, openings 29/33, 2 not replies.

Session s11 (replies with no salutation: an announced answer or a closing of thanks makes a reply, its closing read
as an online reply's; 市民朋友/来信同志 addresses; thanks after a bare user id; short lines then …回复如下： as the
opening): dev unchanged (found 0.920, spurious 0.041, closings 59/60: the dev replies hold none of these shapes);
held-out found 0.750 -> 0.773, closings 21 -> 22/32, openings 32 -> 33/38, not replies 4 -> 3; held-out-2 found
0.913 -> 0.913, spurious 8/50 -> 9/51 = 0.176, closings 20 -> 21/26; a third held-out sample (held_out_3, seed 2029,
marked before those rules without running the parser, read once at the end) found 0.795 -> 0.795 (kind-aware
0.667), spurious 5/67 -> 4/66 = 0.061, closings 23 -> 24/29, openings 32/33, 0 not replies.

Session s12-teddy (rules of tests/test_reply_citizen_rules.py, read on held_out_4, now development text, and on the
errors of the earlier held-out parts): dev unchanged (0.920, spurious 0.041); held-out found 0.773 -> 0.795,
spurious 0.171 -> 0.125; held-out-2 0.913 -> 0.978, spurious 0.176 -> 0.135; held-out-3 0.795 -> 0.859, spurious
0.061 -> 0.056; held-out-4 0.612 -> 0.701, spurious 0.196 -> 0.021, closings 21 -> 27/32, openings 29 -> 34/35; a
fifth held-out sample (held_out_5, seed 2031, marked before those rules without running the parser, read once at
the end) found 0.597 -> 0.623 (kind-aware 0.416 -> 0.442), spurious 12/58 = 0.207 -> 9/57 = 0.158, closings 25 ->
28/32, openings 34/35, 1 not a reply.

Session s13-teddy (one convention for a numbered list inside one sentence: at the answer's highest level its
numbers are sections, its lead-in an item; inside a numbered section with a body of its own it stays there; gold
amended by it: held_out 134524; then rules of tests/test_reply_citizen_rules.py read on held_out_5, now development
text, and on errors of the earlier parts): dev unchanged (0.920, spurious 0.041); held-out 0.795 -> 0.857 (0.833 on
the amended gold before any parser change), spurious 0.125 -> 0.100; held-out-2 0.978, spurious 0.135 -> 0.022;
held-out-3 0.859 -> 0.936 (kind-aware 0.667 -> 0.923); held-out-4 0.701 -> 0.776; held-out-5 0.623 -> 0.948
(kind-aware 0.442 -> 0.948), spurious 0.158 -> 0.076, closings 28 -> 31/32; a sixth held-out sample (held_out_6,
seed 2032, marked before those rules without running the parser, read once at the end) found 0.810 -> 0.931,
spurious 0.060 -> 0.036, closings 20 -> 21/26, openings 30/33, 1 not a reply.

Session s14-teddy (rules of tests/test_reply_citizen_rules_s14.py read on held_out_6 and held_out_4, now
development text, and on the misses noted by earlier rounds): dev unchanged (0.920, spurious 0.041, closings 59/60);
held-out 0.857 -> 0.976, spurious 0.100 -> 0.068, openings 34 -> 36/38, closings 25 -> 27/32; held-out-2 0.978 ->
1.000 (kind-aware 0.913 -> 1.000), 1 -> 0 not a reply; held-out-3 0.936 -> 0.949, closings 26 -> 27/29; held-out-4
0.776 (unchanged), spurious 0.019 -> 0.000, closings 27 -> 31/32; held-out-5 0.948 -> 0.974, spurious 0.076 ->
0.051, closings 31 -> 32/32; held-out-6 0.931 -> 0.983, spurious 0.036 -> 0.017, closings 21 -> 25/26, openings 30
-> 33/33, 1 -> 0 not a reply; a seventh held-out sample (held_out_7, seed 2033, marked before those rules without
running the parser, read once at the end) found 0.929 -> 0.929, spurious 0.049 -> 0.049, closings 25 -> 26/30,
openings 32/34, none not a reply.

Session s15-teddy (rules of tests/test_reply_citizen_rules_s15.py read on the errors of dev, held-out ... held-out-7,
all development text now): dev found 0.920 (unchanged), spurious 0.041 -> 0.051; held-out 0.976 -> 1.000, closings
27 -> 28/32, 2 -> 1 not a reply; held-out-2 closings 23 -> 25/26, openings 32 -> 33/33; held-out-3 0.949 -> 0.962,
spurious 0.051 -> 0.026, closings 27 -> 29/29; held-out-4 0.776 (unchanged), spurious 0.000 -> 0.019, closings 31
-> 32/32, 2 -> 1 not a reply; held-out-5 0.974 -> 1.000, 1 -> 0 not a reply; held-out-6 unchanged; held-out-7
0.929 -> 1.000, spurious 0.049 -> 0.023, closings 26 -> 29/30; an eighth held-out sample (held_out_8, seed 2034,
marked before those rules without running the parser, read once before and once after them) found 0.879 -> 0.931,
spurious 0.056 -> 0.053, closings 21 -> 23/26, openings 29/30, 2 -> 0 not a reply.

Session s15-teddy2 (rules of tests/test_reply_citizen_rules_s15b.py read on the errors of dev, held-out ...
held-out-8, all development text now): dev 0.920 -> 0.960, spurious 0.051 -> 0.049, 1 -> 0 not a reply; held-out-2
spurious 0.021 -> 0.000, closings 25 -> 26/26; held-out-3 0.962 -> 0.974, spurious 0.026 -> 0.013, openings 32 ->
33/33; held-out-4 0.776 -> 0.955, spurious 0.019 -> 0.000, openings 34 -> 35/35, 1 -> 0 not a reply; held-out-6
spurious 0.017 -> 0.000; held-out-7 spurious 0.023 -> 0.000; held-out-8 spurious 0.053 -> 0.000, closings 23 ->
24/26; held-out and held-out-5 unchanged; a ninth held-out sample (held_out_9, seed 2035, marked before those rules
without running the parser, read once before and once after them) found 0.726 -> 0.726, spurious 0.082 -> 0.082,
closings 27 -> 27/32, openings 30/30, 2 -> 2 not a reply: none of its 30 replies is parsed differently.

Session s15-teddy3 (rules of tests/test_reply_citizen_rules_s15c.py read on the errors of dev, held-out ...
held-out-9, all development text now): held-out-4 kind-aware 0.851 -> 0.955 (found 0.955); held-out-6 0.983 ->
1.000; held-out-8 0.931 -> 0.966; held-out-9 0.726 -> 0.855, spurious 0.082 -> 0.070; dev, held-out, held-out-2,
-3, -5 and -7 unchanged; a tenth held-out sample (held_out_10, seed 2036, marked before those rules without
running the parser, read once before and once after them) found 0.870 -> 0.870, spurious 0.096 -> 0.096, closings
33 -> 33/35, openings 34/35, none not a reply: none of its 30 replies is parsed differently.

Session s16-teddy (rules of tests/test_reply_citizen_rules_s16.py read on the errors of dev, held-out ... held-out-10,
all development text now): held-out spurious 0.067 -> 0.023, closings 28 -> 30/32, openings 36 -> 37/38, 1 -> 0 not
a reply; held-out-6 closings 25 -> 26/26; held-out-7 openings 32 -> 33/34; held-out-8 found 0.966 -> 1.000, closings
24 -> 25/26, openings 29 -> 30/30; held-out-9 found 0.855 -> 0.871, spurious 0.070 -> 0.053, closings 27 -> 28/32,
2 -> 1 not a reply; held-out-10 found 0.870 -> 1.000, spurious 0.096 -> 0.000, closings 33 -> 35/35, openings 34 ->
35/35; dev, held-out-2 ... -5 unchanged; an eleventh held-out sample (held_out_11, seed 2037, marked before those
rules without running the parser, read once before and once after them) found 0.821 -> 0.821, spurious 7/39 =
0.179 -> 0.179, closings 29 -> 29/33, openings 33/35, 1 not a reply: none of its 30 replies is parsed differently.

Session s16-agree (no parser change; second, blind markings of held_out_11, held_out_8 and held_out_5, see
devtools.teddy_units; conventions settled and nine earlier marks amended): held-out-11 unchanged (0.821, spurious
0.179, closings 29/33, openings 33/35); held-out-5 found 77/77 -> 81/81, spurious 0.049 -> 0.000 (a bodiless heading
glued to its first numbered part now a unit of its own); held-out-9 found 0.871 -> 0.877, spurious 0.053 -> 0.000
(three second answer paragraphs now marked items), closings 28 -> 29/32; held-out-8 closings 25/26 -> 26/27;
held-out-7 openings 33/34 -> 33/33 (a receipt note after the date is the closing's).

Session s16-teddy2 (rules of tests/test_reply_citizen_rules_s16b.py read on held-out-11's errors as s16-agree filed
them, development text now): held-out-11 found 0.821 -> 0.949, spurious 7/39 = 0.179 -> 3/40 = 0.075, closings 29 ->
32/33; dev found 0.960 -> 0.970, spurious 5 -> 4/102; held-out ... held-out-10 unchanged; a twelfth held-out sample
(held_out_12, seed 2038, marked before those rules without running the parser, read once before and once after them)
found 56/66 = 0.848 -> 0.848 (kind-aware 0.833), spurious 2/58 = 0.034 -> 0.034, closings 25/28, openings 31/31, 0
not a reply: none of the rules moved a figure of it.

Session s17-teddy (rules of tests/test_reply_citizen_rules_s17.py read on held-out-12's errors, filed by cause in
devtools.teddy_units, development text now): held-out-12 found 0.848 -> 1.000 (66/66, kind-aware 0.833 -> 1.000),
spurious 2/58 -> 0/66, closings 25 -> 27/28; held-out-3 spurious 1/77 -> 0/76; dev, held-out, held-out-2, -4 ... -11
unchanged; a thirteenth held-out sample (held_out_13, seed 2039, 30 replies, 154 units, 89 answer units, marked before
those rules without running the parser, read once before and once after them) found 75/89 = 0.843 -> 0.843
(kind-aware 0.843), spurious 4/79 = 0.051 -> 0.051, closings 26/31, header 0/1, openings 33/33, 0 not a reply: as in
the two rounds before, none of the rules moved a figure of the fresh part.

Session s17-teddy2 (rules of tests/test_reply_citizen_rules_s17b.py read on held-out-13's errors, filed by cause in
devtools.teddy_units, development text now): held-out-13 found 75/89 = 0.843 -> 88/89 = 0.989 (kind-aware 0.843 ->
0.933), spurious 4/79 -> 1/89, closings 26 -> 31/31, header 0 -> 1/1; dev, held-out, held-out-2 ... -12 and the shared
gold unchanged; a fourteenth held-out sample (held_out_14, seed 2040, 30 replies, 115 units, 55 answer units, marked
before those rules without running the parser, read once before and once after them) found 47/55 = 0.855 -> 0.855
(kind-aware 0.855), spurious 7/54 = 0.130 -> 0.130, closings 23/27, openings 32/33, 1 not a reply: the fourth round in a
row whose rules moved nothing on the fresh part."""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType

import pytest

from devtools.evaluation import load_script
from devtools.teddy_units import TEDDY_UNITS_FILE, load_teddy_reply_units


def _eval_module() -> ModuleType:
    return load_script("eval_parse")


def test_the_gold_file_holds_ids_offsets_and_kinds_only() -> None:
    data = json.loads(TEDDY_UNITS_FILE.read_text(encoding="utf-8"))
    assert data["sample"]["seed"] == 2026 and data["sample"]["size"] == 60 == len(data["units"])
    for entries in data["units"].values():
        assert all(isinstance(s, int) and isinstance(k, str) for s, k in entries)


def test_the_gold_fits_the_seeded_sample_of_replies(shared: Path) -> None:
    docs = load_teddy_reply_units(shared)
    held = load_teddy_reply_units(shared, split="held-out")
    held2 = load_teddy_reply_units(shared, split="held-out-2")
    held3 = load_teddy_reply_units(shared, split="held-out-3")
    held4 = load_teddy_reply_units(shared, split="held-out-4")
    held5 = load_teddy_reply_units(shared, split="held-out-5")
    held6 = load_teddy_reply_units(shared, split="held-out-6")
    held7 = load_teddy_reply_units(shared, split="held-out-7")
    held8 = load_teddy_reply_units(shared, split="held-out-8")
    held9 = load_teddy_reply_units(shared, split="held-out-9")
    held10 = load_teddy_reply_units(shared, split="held-out-10")
    held11 = load_teddy_reply_units(shared, split="held-out-11")
    held12 = load_teddy_reply_units(shared, split="held-out-12")
    held13 = load_teddy_reply_units(shared, split="held-out-13")
    held14 = load_teddy_reply_units(shared, split="held-out-14")
    assert len(docs) == 60 and len(held) == 30 and len(held2) == 30 and len(held3) == 30 and len(held4) == 30
    assert len(held5) == 30 and len(held6) == 30 and len(held7) == 30 and len(held8) == 30
    assert len(held9) == 30 and len(held10) == 30 and len(held11) == 30 and len(held12) == 30
    assert len(held13) == 30 and len(held14) == 30
    every = docs + held + held2 + held3 + held4 + held5 + held6 + held7 + held8 + held9 + held10 + held11 + held12
    every += held13 + held14
    assert len({d.id for d in every}) == 480
    assert sum(len(d.units) for d in docs) >= 200
    for d in every:
        for u in d.units:
            assert d.text[u.start : u.end] == u.text
    with pytest.raises(ValueError, match="split"):
        load_teddy_reply_units(shared, split="test")


def test_a_changed_gold_file_is_refused(shared: Path, tmp_path: Path) -> None:
    data = json.loads(TEDDY_UNITS_FILE.read_text(encoding="utf-8"))
    first = next(iter(data["units"]))
    data["units"][first] = [[0, "opening"], [0, "item"]]
    bad = tmp_path / "units.json"
    bad.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ValueError, match="out of order"):
        load_teddy_reply_units(shared, bad)


def test_parse_keeps_its_floors_on_the_teddy_replies(shared: Path) -> None:
    ts = _eval_module().measure_teddy(shared)
    a = ts.pages.answers
    assert a.recall >= 0.96, ts.line()
    assert a.spurious_rate <= 0.05, ts.line()
    assert ts.kinds["closing"][1] >= 56, ts.line()
    assert ts.kinds["opening"][1] >= 64, ts.line()
    assert len(ts.not_reply) <= 1, ts.line()


#: The floors of each held-out part: (split, answer units found >=, spurious <=, closings found >=, openings found >=,
#: texts not taken for a reply <= (None: not checked)); each part's figures are in the module's docstring.
HELD_OUT_FLOORS = [
    ("held-out", 0.70, 0.25, 18, 29, 0),
    ("held-out-2", 0.85, 0.22, 18, 26, None),
    ("held-out-3", 0.75, 0.12, 22, 30, None),
    ("held-out-4", 0.90, 0.06, 26, 33, None),
    ("held-out-5", 0.97, 0.02, 30, 34, None),
    ("held-out-6", 0.95, 0.04, 24, 32, None),
    ("held-out-7", 0.90, 0.07, 25, 31, None),
    ("held-out-8", 0.97, 0.07, 25, 29, 1),
    ("held-out-9", 0.87, 0.02, 28, 29, 1),
    ("held-out-10", 0.97, 0.04, 34, 34, 1),
    ("held-out-11", 0.93, 0.09, 31, 32, 1),
    ("held-out-12", 0.98, 0.02, 26, 31, 0),
    ("held-out-13", 0.98, 0.02, 31, 33, 0),
    ("held-out-14", 0.85, 0.14, 23, 32, 1),
]


@pytest.mark.parametrize(("split", "found", "spurious", "closings", "openings", "not_reply"), HELD_OUT_FLOORS)
def test_parse_keeps_its_floors_on_each_held_out_part(
    shared: Path, split: str, found: float, spurious: float, closings: int, openings: int, not_reply: int | None
) -> None:
    ts = _eval_module().measure_teddy(shared, split)
    a = ts.pages.answers
    assert a.recall >= found, ts.line()
    assert a.spurious_rate <= spurious, ts.line()
    assert ts.kinds["closing"][1] >= closings, ts.line()
    assert ts.kinds["opening"][1] >= openings, ts.line()
    if not_reply is not None:
        assert len(ts.not_reply) <= not_reply, ts.line()
