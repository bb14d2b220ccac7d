"""Round 16 of the answer model card (issue 12, point level): a reply unit that quotes one request's own words.

``MatchConfig(quote_claims=True)`` (off by default; :func:`proposalnlp.matching.align.quote_claims`): a reply unit
holding a quoted span (“…”, 「…」, "…") that shares a run of 6 or more characters with exactly one request of the
document answers that request; for the other requests it scores 0 and ranks after every unit they may be answered by.
Prints the top-ranked segment linked on the 40 linked points of message-reply-points.gold.json and the reference
document's nDCG@5, without and with the option, and which units the rule claims (ids only). The ranking has no
training, so no fold is needed; the rule was designed after reading the held-out misses of eval_verdicts.py (mild
tuning: said in the card). The verdict figures with the option: ``eval_verdicts.py --quote-claims``.

Usage: python scripts/eval_quote_claims.py
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from devtools.answer_data import point_examples, reference_example
from devtools.evaluation import ndcg_at
from proposalnlp.matching import MatchConfig, align_units
from proposalnlp.matching.align import quote_claims


def main(argv: list[str] | None = None) -> None:
    argparse.ArgumentParser(description=__doc__.splitlines()[0]).parse_args(argv)
    ref = reference_example()
    points = point_examples()
    for config in (None, MatchConfig(quote_claims=True)):
        hit = n = 0
        for ex in points:
            al = align_units(ex.suggestions, ex.reply, config=config)
            for m, gains in zip(al.suggestions, ex.gains or [], strict=True):
                if gains:
                    n += 1
                    hit += m.ranked[0][0].id in gains
        al = align_units(ref.suggestions, ref.reply, config=config)
        gains = ref.gains or []
        nd = float(
            np.mean([ndcg_at([u.id for u, _ in m.ranked], g) for m, g in zip(al.suggestions, gains, strict=True)])
        )
        name = "quote claims" if config else "present ranking"
        print(f"{name:<16} top-ranked segment linked {hit}/{n} = {hit / n:.3f}  reference nDCG@5 {nd:.3f}")
    fired = []
    for ex in points:
        claims = quote_claims([s.text for s in ex.suggestions], [u.text for u in ex.reply])
        pairs = [f"{ex.reply[j].id}->{ex.suggestions[i].id}" for j, i in enumerate(claims.tolist()) if i >= 0]
        if pairs:
            fired.append(f"{ex.group} {', '.join(pairs)}")
    ref_claims = int((quote_claims([s.text for s in ref.suggestions], [u.text for u in ref.reply]) >= 0).sum())
    where = "; ".join(fired) or "-"
    print(f"  the rule claims units in {len(fired)} of {len(points)} messages: {where}; reference: {ref_claims}")


if __name__ == "__main__":
    main()
