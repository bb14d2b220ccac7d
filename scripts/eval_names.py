"""Do cleaner names help the answer model's verdicts? (issue 12, round 14: one cause of its errors, one fix)

Round 14 read a seeded sample of the held-out verdict errors by cause (``eval_verdicts.py --dump``,
``error_sample.py``). A fifth of the own replies called unanswered had a *name conflict* (``name_conflict``: the
text names only places the request does not) caught from phrases that are no names: the name pattern (a few
characters before a kind: …县, …市, …村, …号) takes the words before it along (并转交给了县, 以向当地特殊教育学校,
现在我市, 一是通过对七甲坪镇 against a request naming 七甲坪), and a reply's document numbers (〔2008〕230号) count as
places. The rule a reader states: a name begins and ends where words do, and the general words a sentence puts
before it are no part of it; this is the rule the report already applies to a suggestion's names
(``answer._whole_word_names``, what ``covered_terms`` shows).

Variants, each fixed (with its bar) before its figures were seen:

- ``names_ww``: every name the model's features read (the request's and the text's) is a whole-word name
  (``_whole_word_names`` of the pattern's matches), on both sides.
- ``names_rev``: ``names_ww`` and one more column per pair (monotone +1), the share of the text's names whose core
  (``_name_core``) the request holds (1 when the text names nothing): a reply about another place names places
  the message never mentions. Written into the ``refusal`` column, which the model computes but does not read.

Bar (fixed before the first run): balanced accuracy >= baseline + 0.01 (the baseline run of main: 0.755), random
other reply unanswered >= 0.98, linked points unanswered (sibling rule) not worse, unlinked points not worse.

The evaluation is ``eval_verdicts.py``'s (its functions, run with the variant's feature code): 5 folds grouped by
message, the whole training procedure inside each training fold.

Usage: python scripts/eval_names.py --variant names_ww|names_rev [--cache FILE] [--dump FILE]
(``--cache`` must name a file of the variant's own: the rows differ from the baseline's)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import eval_verdicts as ev
import numpy as np
import train_answer_model as tam

from devtools.evaluation import teddy_message_replies
from proposalnlp.matching import answer

_NAMES_IN = answer.names_in
_PAIR_FEATURES = answer.pair_features
REV_COLUMN = answer.PAIR_FEATURES.index("refusal")


def whole_word_names(folded: str) -> set[str]:
    """The names of ``names_in`` that begin and end where words do, general words before them dropped."""
    return answer._whole_word_names(folded, frozenset(_NAMES_IN(folded)))


def pair_features_rev(
    request: answer.PairText, text: str, scores: tuple[float, float, float], cache: dict[object, object] | None = None
) -> np.ndarray:
    """Today's pair features, the unread ``refusal`` column replaced by the share of the text's names whose core
    the request holds (1 when the text names nothing)."""
    out = _PAIR_FEATURES(request, text, scores, cache)
    names = answer._info(answer._folded(text, cache), cache).names
    out[REV_COLUMN] = sum(answer._name_core(x) in request.folded for x in names) / len(names) if names else 1.0
    return out


def use_variant(variant: str) -> None:
    """Point match()'s feature code and the training script at the variant."""
    answer.names_in = whole_word_names  # type: ignore[assignment]
    if variant == "names_rev":
        answer.pair_features = pair_features_rev  # type: ignore[assignment]
        tam.MONOTONE["refusal"] = 1
        # (the training script's own definition of USED, now with the new column)
        tam.USED = tuple(
            f
            for f in answer.MODEL_FEATURES
            if f not in ("several", "request_specific_mass", "request_length") and f.split("_", 1)[1] in tam.MONOTONE
        )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--variant", choices=["names_ww", "names_rev"], required=True)
    ap.add_argument("--cache", type=Path, default=None, help="the variant's featurized examples (.npz)")
    ap.add_argument("--dump", type=Path, default=None, help="each row's held-out probability (JSON lines, ids only)")
    ap.add_argument("--folds", type=int, default=5)
    args = ap.parse_args()
    use_variant(args.variant)
    print(f"variant {args.variant}: the trees read {tam.USED}")
    rows = teddy_message_replies()
    ev.run_cv(tam.load_table(args.cache), rows, args.folds, dump=args.dump)


if __name__ == "__main__":
    main()
