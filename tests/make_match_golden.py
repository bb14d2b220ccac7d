"""Write tests/data/match_golden.json: the snapshots of tests/test_match_fast_identity.py with the code as it is.

Run with the code of main before a change that must not change match()'s results, and commit the file:
``PROPOSALNLP_SHARED=/work/shared python tests/make_match_golden.py`` (without the shared corpus, its digests
are left out and their test skips).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from devtools.shared import shared_dir  # noqa: E402
from test_match_fast_identity import GOLDEN, cases, pairs_snapshot, shared_snapshots, snapshot  # noqa: E402


def main() -> None:
    out = {
        "documents": {name: snapshot(*args) for name, args in sorted(cases().items())},
        "pairs": pairs_snapshot(),
    }
    root = shared_dir()
    if root is not None:
        out["shared"] = shared_snapshots(root)
    GOLDEN.write_text(json.dumps(out, ensure_ascii=False, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {GOLDEN} ({len(out['documents'])} documents, {len(out.get('shared', {}))} shared digests)")


if __name__ == "__main__":
    main()
