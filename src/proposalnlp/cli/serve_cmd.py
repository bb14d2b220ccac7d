"""``proposalnlp serve``: the HTTP service (FastAPI + uvicorn; ``pip install 'proposalnlp[serve]'``).

proposalnlp serve                                   http://127.0.0.1:8000, the bundled theme model
proposalnlp serve --port 9000 --model my-model/     another port and model
curl -s localhost:8000/classify -H 'Content-Type: application/json' -d '{"text": "…"}'

Endpoints: POST /classify, /match, /parse; GET /health, /version; API docs at /docs.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from typing import Any

from ..errors import InputValueError

__all__ = ["register"]

#: Packages of the ``serve`` extra; a missing one gives the install hint instead of a traceback.
_EXTRA = {"fastapi", "uvicorn", "starlette", "pydantic", "pydantic_core", "anyio", "h11"}
INSTALL_HINT = "the HTTP service needs FastAPI and uvicorn: pip install 'proposalnlp[serve]'"


def register(sub: Any) -> None:
    """Add the ``serve`` subcommand."""
    p = sub.add_parser(
        "serve",
        help="run the HTTP service (classify, match, parse over JSON)",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1, this machine only)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument("--model", "-m", help="theme model folder (default: the bundled model)")
    p.add_argument(
        "--max-bytes", type=int, default=None, help="largest request body in bytes; larger ones get 413 (default 1 MiB)"
    )
    p.add_argument(
        "--log-level",
        default="info",
        choices=("critical", "error", "warning", "info", "debug"),
        help="uvicorn log level",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Load the model (so a bad model fails here, in one line), then serve until interrupted."""
    if not 0 <= args.port <= 65535:
        raise InputValueError(f"--port must be between 0 and 65535, got {args.port}")
    if args.max_bytes is not None and args.max_bytes < 1:
        raise InputValueError(f"--max-bytes must be at least 1, got {args.max_bytes}")
    try:
        service = importlib.import_module("proposalnlp.service")
    except ImportError as exc:
        if (exc.name or "").split(".")[0] in _EXTRA:
            print(f"proposalnlp serve: error: {INSTALL_HINT}", file=sys.stderr)
            return 1
        raise
    from ..themes.api import load_model

    model = load_model(args.model)
    service.serve(
        model,
        host=args.host,
        port=args.port,
        max_bytes=args.max_bytes if args.max_bytes is not None else service.DEFAULT_MAX_BYTES,
        log_level=args.log_level,
    )
    return 0
