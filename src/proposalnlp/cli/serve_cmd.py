"""proposalnlp serve: the web page and the HTTP service (FastAPI + uvicorn; pip install 'proposalnlp[serve]').

proposalnlp serve                                   http://127.0.0.1:8000, the bundled theme model
proposalnlp serve --port 9000 --model my-model/     another port and model
proposalnlp serve --host 0.0.0.0 --allowed-hosts nlp.example.org   reachable by that name from other machines
curl -s localhost:8000/classify -H 'Content-Type: application/json' -d '{"text": "…"}'

Open http://127.0.0.1:8000/ in a browser to check a reply (paste or upload a proposal and its reply).
Endpoints: POST /classify, /match, /parse; GET /health, /version; API docs at /docs (no internet needed).
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from typing import Any

from ..errors import InputValueError
from ..messages import error
from ..messages import text as msg
from ._help import current_lang
from ._io import model_folder, port_number, positive_float, positive_int

__all__ = ["register"]

#: Packages of the ``serve`` extra; a missing one gives the install hint instead of a traceback.
_EXTRA = {"fastapi", "fastapi_offline", "multipart", "python_multipart", "uvicorn", "starlette", "pydantic"}
_EXTRA |= {"pydantic_core", "anyio", "h11"}
INSTALL_HINT = msg("cli.serve_extra", "en")


def register(sub: Any, lang: str) -> None:
    """Add the ``serve`` subcommand, its help in ``lang``."""

    def h(key: str) -> str:
        return msg(f"cli.serve.{key}", lang)

    p = sub.add_parser(
        "serve",
        help=h("help"),
        description=h("description"),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--host", default="127.0.0.1", help=h("arg.host"))
    p.add_argument("--port", type=port_number, default=8000, help=h("arg.port"))
    p.add_argument("--model", "-m", help=msg("cli.arg.model", lang))
    p.add_argument("--max-bytes", type=positive_int, default=None, help=h("arg.max_bytes"))
    p.add_argument("--allowed-hosts", type=_hosts, default=None, metavar="NAMES", help=h("arg.allowed_hosts"))
    p.add_argument("--max-upload-bytes", type=positive_int, default=None, help=h("arg.max_upload_bytes"))
    p.add_argument("--max-pairs", type=positive_int, default=None, help=h("arg.max_pairs"))
    p.add_argument("--concurrency", type=positive_int, default=None, help=h("arg.concurrency"))
    p.add_argument("--body-timeout", type=positive_float, default=None, help=h("arg.body_timeout"))
    p.add_argument(
        "--log-level",
        default="info",
        choices=("critical", "error", "warning", "info", "debug"),
        help=h("arg.log_level"),
    )
    p.set_defaults(func=run)


def _hosts(value: str) -> list[str]:
    hosts = [h.strip() for h in value.split(",") if h.strip()]
    if not hosts:
        raise argparse.ArgumentTypeError(msg("cli.type.no_host", current_lang()))
    return hosts


def _check_bind(host: str, port: int) -> None:
    """Refuse, in one line and before saying where to open the page, an address that cannot be listened on: a
    port in use or a host name that does not resolve (uvicorn logged them in English and exited with 3)."""
    import errno
    import socket

    try:
        infos = socket.getaddrinfo(host or None, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        raise error(InputValueError, "err.serve_host", host=host, detail=exc.strerror) from None
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn does
        try:
            sock.bind(address)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise error(InputValueError, "err.serve_port_in_use", host=host, port=port) from None
            raise error(InputValueError, "err.serve_bind", host=host, port=port, detail=exc.strerror) from None


def run(args: argparse.Namespace) -> int:
    """Load the model (so a bad model fails here, in one line), then serve until interrupted."""
    body_timeout = getattr(args, "body_timeout", None)
    try:
        service = importlib.import_module("proposalnlp.service")
    except ImportError as exc:
        if (exc.name or "").split(".")[0] in _EXTRA:
            line = msg("cli.error_line", args.lang, prog="proposalnlp serve", message=msg("cli.serve_extra", args.lang))
            print(line, file=sys.stderr)
            return 1
        raise
    from ..themes.api import load_model

    if args.log_level == "debug":  # the package's own debug records too (pypdf's warnings about an odd upload)
        logging.getLogger("proposalnlp").setLevel(logging.DEBUG)
    model = load_model(model_folder(args.model))
    _check_bind(args.host, args.port)
    shown = "127.0.0.1" if args.host in ("0.0.0.0", "::", "") else args.host
    shown = f"[{shown}]" if ":" in shown and not shown.startswith("[") else shown
    print(msg("cli.serve_open", args.lang, url=f"http://{shown}:{args.port}/"), file=sys.stderr, flush=True)
    service.serve(
        model,
        host=args.host,
        port=args.port,
        max_bytes=args.max_bytes if args.max_bytes is not None else service.DEFAULT_MAX_BYTES,
        log_level=args.log_level,
        max_pairs=args.max_pairs if args.max_pairs is not None else service.DEFAULT_MAX_PAIRS,
        concurrency=args.concurrency,
        allowed_hosts=args.allowed_hosts,
        body_timeout=body_timeout if body_timeout is not None else service.DEFAULT_BODY_TIMEOUT,
        max_upload_bytes=args.max_upload_bytes or service.DEFAULT_MAX_UPLOAD_BYTES,
    )
    return 0
