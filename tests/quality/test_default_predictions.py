"""The bundled default model predicts the same themes and probabilities as when this fixture was written.

The fixture (``tests/data/default_predictions.json``) holds, for every Jiangsu proposal in ../shared, the
label codes of its sentences (split at 。 and ；) and of the whole text, and a SHA-256 of the probabilities
rounded to 10 decimals: no text is stored. Refactoring the featurizer, the scoring or the model folder code
must leave both unchanged. After retraining the default model on purpose, rewrite it with
``python tests/quality/test_default_predictions.py --write``.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
import sys
from pathlib import Path

FIXTURE = Path(__file__).resolve().parents[1] / "data" / "default_predictions.json"


def sentences(text: str) -> list[str]:
    """The proposal's sentences: split at 。 and ；, blank pieces dropped."""
    return [s for s in re.split("[。；]", text) if s.strip()]


def predictions(shared: Path) -> dict[str, dict[str, str]]:
    """Per proposal id: label codes of its sentences and whole text, and a digest of their probabilities."""
    import proposalnlp

    path = shared / "corpus" / "jiangsu-cppcc-2019" / "proposals.csv"
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    model = proposalnlp.load_model()
    labels = list(model.labels)
    out: dict[str, dict[str, str]] = {}
    for row in rows:
        texts = [*sentences(row["text"]), row["text"]]
        preds = proposalnlp.classify_many(texts)
        codes = [sum(1 << labels.index(t) for t in p.themes) for p in preds]
        probs = json.dumps([[round(p.scores[lab], 10) for lab in labels] for p in preds])
        out[row["id"]] = {
            "codes": "".join(f"{c:x}" for c in codes),
            "sha256": hashlib.sha256(probs.encode()).hexdigest(),
        }
    return out


def test_default_model_predictions_unchanged(shared: Path) -> None:
    expected = json.loads(FIXTURE.read_text(encoding="utf-8"))
    actual = predictions(shared)
    assert set(actual) == set(expected)
    wrong_labels = [k for k in expected if actual[k]["codes"] != expected[k]["codes"]]
    wrong_probs = [k for k in expected if actual[k]["sha256"] != expected[k]["sha256"]]
    assert not wrong_labels, f"labels changed on proposals {wrong_labels[:10]}"
    assert not wrong_probs, f"probabilities changed on proposals {wrong_probs[:10]}"


if __name__ == "__main__":
    if sys.argv[1:] != ["--write"]:
        sys.exit("usage: python tests/quality/test_default_predictions.py --write")
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from devtools.shared import shared_dir

    folder = shared_dir(required=True)
    assert folder is not None
    data = predictions(folder)
    FIXTURE.write_text(json.dumps(data, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {len(data)} proposals to {FIXTURE}")
