"""Running a ``*_many`` function over chunks of its input: serially, or through joblib's backends.

``classify_many`` and ``match_many`` share this: the same chunking, the same rule for when to go through
joblib (several jobs, an explicit backend, or one set with ``joblib.parallel_config``), the same progress
bar. Results always come back in input order and equal the serial ones.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, nullcontext
from typing import Any, TypeVar

from .errors import InputTypeError, InputValueError, ProposalNLPError

__all__ = [
    "backend_context",
    "check_backend",
    "check_errors",
    "check_n_jobs",
    "chunks",
    "each_or_error",
    "parallel_requested",
    "progress_bar",
    "run_chunks",
    "workers",
]

logger = logging.getLogger(__name__)

T = TypeVar("T")
R = TypeVar("R")


def check_n_jobs(n_jobs: Any) -> int:
    """``n_jobs`` as joblib takes it: a non-zero int, -1 for all cores."""
    if not isinstance(n_jobs, int) or isinstance(n_jobs, bool) or n_jobs == 0:
        raise InputTypeError(f"n_jobs must be a non-zero int (-1 for all cores), got {n_jobs!r}")
    return n_jobs


def workers(n_jobs: int) -> int:
    """The number of workers ``n_jobs`` asks for (negative: all cores), at least 2 once parallel is chosen."""
    return max(n_jobs if n_jobs > 0 else (os.cpu_count() or 1), 2)


def parallel_requested(n_jobs: int, backend: Any) -> bool:
    """Whether to go through joblib: several jobs, or a backend given here or by ``joblib.parallel_config``."""
    if n_jobs != 1 or backend is not None:
        return True
    if "joblib" not in sys.modules:  # nobody set a joblib backend; keep the serial path free of the import
        return False
    try:
        from joblib.parallel import get_active_backend

        active, _ = get_active_backend()
    except (ImportError, TypeError, ValueError):  # pragma: no cover - old or missing joblib
        return False
    return type(active).__name__ not in ("LokyBackend", "SequentialBackend")


def check_backend(backend: Any) -> Any:
    """``backend`` as joblib takes it: None, the name of a registered joblib backend (``"loky"``,
    ``"threading"``, ``"dask"``...) or a backend instance."""
    if backend is None or not isinstance(backend, str):
        if backend is not None and not hasattr(backend, "configure"):
            raise InputTypeError(f"backend must be a joblib backend name or instance, got {type(backend).__name__}")
        return backend
    from joblib.parallel import BACKENDS, EXTERNAL_BACKENDS

    known = sorted({*BACKENDS, *EXTERNAL_BACKENDS})
    if backend not in known:
        raise InputValueError(f"unknown joblib backend {backend!r}; expected one of {', '.join(known)}")
    return backend


def backend_context(backend: Any) -> AbstractContextManager[Any]:
    """``joblib.parallel_config(backend=...)`` for a given backend (a name such as "dask" or an instance), else a
    no-op. Going through parallel_config registers joblib's external backends (dask) on first use."""
    if backend is None:
        return nullcontext()
    from joblib import parallel_config

    return parallel_config(backend=backend)


def chunks(items: Sequence[T], size: int) -> Iterator[list[T]]:
    """Consecutive slices of ``items`` of at most ``size`` items."""
    for start in range(0, len(items), size):
        yield list(items[start : start + size])


def progress_bar(total: int, desc: str) -> Any:
    """A tqdm bar over ``total`` items, or None (with a warning) when tqdm is not installed."""
    try:
        from tqdm.auto import tqdm
    except ImportError:
        logger.warning("progress=True needs tqdm (pip install tqdm); continuing without a progress bar")
        return None
    return tqdm(total=total, unit="text", desc=desc)


def run_chunks(
    serial: Callable[[list[T]], list[R]],
    tasks: Iterable[tuple[Callable[..., list[R]], tuple[Any, ...]]] | None,
    parts: Sequence[list[T]],
    n_jobs: int,
    backend: Any = None,
    progress: bool = False,
    desc: str = "",
    total: int | None = None,
) -> list[R]:
    """Results of every chunk in order: ``serial(chunk)`` one after the other when ``n_jobs == 1``, else the
    ``(function, args)`` of ``tasks`` (one per chunk) through ``joblib.Parallel`` with ``backend``."""
    bar = progress_bar(total if total is not None else sum(map(len, parts)), desc) if progress else None
    out: list[R] = []
    try:
        if n_jobs == 1 or tasks is None:
            for part in parts:
                done = serial(part)
                out.extend(done)
                if bar is not None:
                    bar.update(len(done))
        else:
            from joblib import Parallel, delayed

            jobs = (delayed(fn)(*args) for fn, args in tasks)
            with backend_context(backend):
                for done in Parallel(n_jobs=n_jobs, return_as="generator")(jobs):
                    out.extend(done)
                    if bar is not None:
                        bar.update(len(done))
    finally:
        if bar is not None:
            bar.close()
    return out


def check_errors(errors: Any) -> str:
    """The ``errors=`` argument of a ``*_many`` function: ``"raise"`` or ``"skip"``."""
    if errors not in ("raise", "skip"):
        raise InputValueError(f"errors must be 'raise' or 'skip', got {errors!r}")
    return str(errors)


def each_or_error(func: Callable[..., R], items: Sequence[Any], *args: Any) -> list[tuple[R | None, str | None]]:
    """``(func(item, *args), None)`` for each item, or ``(None, message)`` when the item is bad input (a
    :class:`~proposalnlp.errors.ProposalNLPError`, ``ValueError`` or ``TypeError``): the worker side of a
    ``*_many(errors="skip")``; any other exception still propagates."""
    out: list[tuple[R | None, str | None]] = []
    for item in items:
        try:
            out.append((func(item, *args), None))
        except (ProposalNLPError, ValueError, TypeError) as exc:
            out.append((None, f"{type(exc).__name__}: {exc}"))
    return out
