"""The HTTP service behind ``proposalnlp serve``: classify, match and parse over JSON (FastAPI).

Endpoints: ``POST /classify`` (``{"text": ...}`` or ``{"texts": [...]}``), ``POST /match``, ``POST /parse``,
``GET /health``, ``GET /version``; OpenAPI docs at ``/docs`` and ``/openapi.json``. Answers are the
``to_dict()`` of the library's results, so a client gets what :func:`proposalnlp.classify`,
:func:`proposalnlp.match` and :func:`proposalnlp.parse` return in-process.

The theme model loads once, at start-up (the lifespan), and is shared by every request. Request bodies
larger than ``max_bytes`` get 413 before any parsing (the declared Content-Length and the bytes actually
received are both checked); malformed JSON, missing fields and wrong types get 422 with a one-line
``detail``; the library's input errors get 422 with their message. Only this module imports FastAPI: it
needs the optional extra ``pip install 'proposalnlp[serve]'``.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping, Sequence
from contextlib import asynccontextmanager
from typing import Annotated, Any

from fastapi import FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictBool, StrictStr, model_validator

from ._version import __version__
from .errors import InputTypeError, ModelError, ProposalNLPError
from .themes.api import resolve_model

__all__ = ["DEFAULT_MAX_BYTES", "create_app", "serve"]

logger = logging.getLogger(__name__)

#: Default limit of a request body, in bytes (1 MiB).
DEFAULT_MAX_BYTES = 1 << 20

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

#: Classify requests up to this many characters run on the event loop; longer ones in a worker thread,
#: so that a large batch does not hold up other requests.
_INLINE_CHARS = 2000

_EXAMPLE_TEXT = "建议设立青年科技人才专项基金，支持高校毕业生留在本地创新创业。"


# -- request and response bodies -----------------------------------------------------------------------------
def _valid_unicode(text: str) -> str:
    """Refuse lone surrogates (``"\\ud800"`` in JSON): they cannot be written back as UTF-8."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ValueError(f"the text holds an unpaired surrogate at character {exc.start}; send valid Unicode") from None
    return text


#: A JSON string that is valid Unicode (no coercion from numbers or null).
Text = Annotated[StrictStr, AfterValidator(_valid_unicode)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ClassifyRequest(_Strict):
    """One text (``text``) or a batch (``texts``); exactly one of the two."""

    text: Text | None = Field(None, description="one text: a paragraph or unit works best")
    texts: list[Text] | None = Field(None, description="a batch of texts, answered in order")

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"text": _EXAMPLE_TEXT}]})

    @model_validator(mode="after")
    def _one_of(self) -> ClassifyRequest:
        if (self.text is None) == (self.texts is None):
            raise ValueError('give exactly one of "text" (one text) or "texts" (a list of texts)')
        return self


class Prediction(BaseModel):
    """The themes of one text: ``ThemePrediction.to_dict()``."""

    themes: list[str] = Field(description="themes whose probability reaches their threshold (possibly none)")
    scores: dict[str, float] = Field(description="calibrated probability of every theme")
    top: str = Field(description="the most probable theme, even when `themes` is empty")


class BatchPrediction(BaseModel):
    """The themes of each text of a batch, in order."""

    predictions: list[Prediction]


class MatchRequest(_Strict):
    """A proposal and its reply; each a text (parsed) or a list (suggestions / reply paragraphs)."""

    proposal: Text | list[Text] = Field(
        description="the proposal text (it may hold the reply too), or a list of suggestion texts"
    )
    reply: Text | list[Text] | None = Field(
        None, description="the reply text or a list of reply paragraphs; omit when `proposal` holds both"
    )
    include_problems: StrictBool = Field(False, description="match the proposal's problems too")
    themes: StrictBool = Field(False, description="add each suggestion's themes (from the served model)")
    top: int | None = Field(None, ge=1, strict=True, description="keep this many ranked reply units per suggestion")


class ParseRequest(_Strict):
    """A proposal and/or its reply, as one text."""

    text: Text

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"text": _EXAMPLE_TEXT}]})


# -- model -----------------------------------------------------------------------------------------------------
def _model_info(model: Any) -> dict[str, Any]:
    path = getattr(model, "path", None)
    return {
        "labels": list(model.labels),
        "mode": model.mode,
        "name": path.name if path is not None else None,
    }


# -- errors ------------------------------------------------------------------------------------------------------
def _error_message(errors: Sequence[Any], content_type: str) -> str:
    """One line saying what is wrong with the request, from pydantic/FastAPI validation errors."""
    parts: list[str] = []
    for err in errors:
        loc = tuple(err.get("loc", ()))
        kind = err.get("type", "")
        msg = str(err.get("msg", "invalid"))
        where = loc[1:] if loc[:1] == ("body",) else loc
        if kind == "json_invalid":
            pos = f" at character {loc[1]}" if len(loc) > 1 else ""
            error = (err.get("ctx") or {}).get("error", "cannot decode")
            parts.append(f"malformed JSON{pos}: {error}")
        elif kind == "missing" and not where:
            parts.append("the request needs a JSON object body")
        elif kind in ("model_attributes_type", "dict_type") and not where:
            if "json" not in content_type:
                parts.append("send the body as JSON with the header Content-Type: application/json")
            else:
                parts.append("the body must be a JSON object")
        elif kind == "extra_forbidden":
            parts.append(f"unknown field {'.'.join(map(str, where))!r}")
        else:
            if msg.startswith("Value error, "):
                msg = msg[len("Value error, ") :]
            field = ".".join(map(str, where))
            parts.append(f"{field}: {msg}" if field else msg)
    unique = list(dict.fromkeys(parts))
    return "; ".join(unique) if unique else "invalid request"


def _json_error(status: int, detail: str, **extra: Any) -> JSONResponse:
    return JSONResponse({"detail": detail, **extra}, status_code=status)


async def _on_validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = exc.errors()
    detail = _error_message(errors, request.headers.get("content-type", "").lower())
    brief = [{"loc": list(e.get("loc", ())), "msg": e.get("msg"), "type": e.get("type")} for e in errors]
    return _json_error(422, detail, errors=brief)


async def _on_library_error(request: Request, exc: Exception) -> JSONResponse:
    if isinstance(exc, ModelError):
        logger.error("model error on %s: %s", request.url.path, exc)
        return _json_error(503, f"model error: {exc}", error=type(exc).__name__)
    return _json_error(422, str(exc), error=type(exc).__name__)


# -- body size limit ---------------------------------------------------------------------------------------------
def _decodable(body: bytes) -> bool:
    """Whether JSON could decode these bytes (UTF-8, or UTF-16/32 as ``json.loads`` detects them)."""
    try:
        body.decode(json.detect_encoding(body), "strict")
    except (UnicodeDecodeError, LookupError):
        return False
    return True


async def _no_body() -> Message:
    return {"type": "http.disconnect"}


class BodyLimit:
    """ASGI middleware: read the whole request body, refusing one larger than ``max_bytes`` with 413;
    answer an unexpected error with a JSON 500 (and log it).

    A declared Content-Length over the limit is refused before reading anything; a streamed (chunked)
    body is refused as soon as the bytes received pass the limit; bytes that are no Unicode text get 422
    (FastAPI would answer 400). The app then gets the body in one piece.
    """

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def _too_large(self, send: Send) -> None:
        body = JSONResponse({"detail": f"request body too large: the limit is {self.max_bytes} bytes"}, status_code=413)
        await send({"type": "http.response.start", "status": 413, "headers": body.raw_headers})
        await send({"type": "http.response.body", "body": body.body})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", ()):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = -1
                if declared > self.max_bytes:
                    await self._too_large(send)
                    return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":  # the client went away
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                await self._too_large(send)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        if body and not _decodable(body):
            response = JSONResponse({"detail": "the body is not JSON text: it must be UTF-8"}, status_code=422)
            await response(scope, _no_body, send)
            return
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        started = False

        async def watched_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, replay, watched_send)
        except Exception as exc:
            # answered here rather than re-raised: the server keeps the connection and logs one traceback
            logger.exception("unexpected error on %s %s", scope.get("method"), scope.get("path"))
            if not started:
                response = JSONResponse({"detail": "internal error", "error": type(exc).__name__}, status_code=500)
                await response(scope, _no_body, send)


# -- the app --------------------------------------------------------------------------------------------------------
def _classify(body: ClassifyRequest, model: Any) -> dict[str, Any]:
    from .themes.api import classify, classify_many

    if body.text is not None:
        return classify(body.text, model=model).to_dict()
    return {"predictions": [p.to_dict() for p in classify_many(body.texts or [], model=model)]}


def create_app(model: Any = None, max_bytes: int = DEFAULT_MAX_BYTES) -> FastAPI:
    """The FastAPI app. ``model``: ``None`` (the bundled default), a folder, a ThemeModel or a fitted
    ThemeClassifier; loaded once when the app starts. ``max_bytes``: the largest request body accepted."""
    if not isinstance(max_bytes, int) or isinstance(max_bytes, bool) or max_bytes < 1:
        raise InputTypeError(f"max_bytes must be a positive int, got {max_bytes!r}")
    if model is not None and not isinstance(model, (str, os.PathLike)):
        model = resolve_model(model)  # an object in memory: check its type now; folders load at start-up

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        from .themes.api import classify

        loaded = resolve_model(model)
        classify("加快培养青年科技人才", model=loaded)  # warm up: tokenizer dictionaries load now, not per request
        app.state.model = loaded
        logger.info("proposalnlp service ready: %s", _model_info(loaded))
        yield
        app.state.model = None

    app = FastAPI(
        title="proposalnlp",
        version=__version__,
        description="Themes, structure and reply coverage of Chinese government proposals and replies.",
        lifespan=lifespan,
    )
    app.state.model = None
    app.state.max_bytes = max_bytes
    app.add_exception_handler(RequestValidationError, _on_validation_error)
    app.add_exception_handler(ProposalNLPError, _on_library_error)
    app.add_exception_handler(ValueError, _on_library_error)
    app.add_middleware(BodyLimit, max_bytes=max_bytes)

    def current_model(request: Request) -> Any:
        loaded = request.app.state.model
        if loaded is None:
            raise ModelError("the theme model is not loaded (the service is starting or stopping)")
        return loaded

    @app.get("/health", summary="Is the service up and its model loaded?")
    async def health(request: Request) -> JSONResponse:
        ready = request.app.state.model is not None
        return JSONResponse({"status": "ok" if ready else "starting"}, status_code=200 if ready else 503)

    @app.get("/version", summary="Versions of the library and the served model")
    async def version(request: Request) -> dict[str, Any]:
        loaded = request.app.state.model
        return {
            "name": "proposalnlp",
            "version": __version__,
            "model": _model_info(loaded) if loaded is not None else None,
            "max_bytes": request.app.state.max_bytes,
        }

    @app.post(
        "/classify",
        response_model=Prediction | BatchPrediction,
        summary="Themes of one text or of a batch",
        responses={413: {"description": "body too large"}, 422: {"description": "bad request body or text"}},
    )
    async def classify_endpoint(body: ClassifyRequest, request: Request) -> dict[str, Any]:
        """``{"text": ...}`` gives one prediction (as ``proposalnlp.classify``); ``{"texts": [...]}`` gives
        ``{"predictions": [...]}`` in order (as ``proposalnlp.classify_many``)."""
        loaded = current_model(request)
        size = len(body.text) if body.text is not None else sum(map(len, body.texts or []))
        if size <= _INLINE_CHARS:  # a short text takes well under a millisecond: no thread hand-off
            return _classify(body, loaded)
        return await run_in_threadpool(_classify, body, loaded)

    @app.post(
        "/match",
        summary="Match each suggestion with the reply units that answer it",
        responses={413: {"description": "body too large"}, 422: {"description": "bad request body or text"}},
    )
    def match_endpoint(body: MatchRequest, request: Request) -> dict[str, Any]:
        """The ``Alignment.to_dict()`` of ``proposalnlp.match(proposal, reply, include_problems)``."""
        from .matching import match
        from .themes.api import classify_many

        alignment = match(body.proposal, body.reply, include_problems=body.include_problems)
        if body.themes and alignment.suggestions:
            units = [m.suggestion for m in alignment.suggestions]
            preds = classify_many([u.text for u in units], model=current_model(request))
            alignment.themes = {u.id: list(p.themes) for u, p in zip(units, preds, strict=True)}
        return alignment.to_dict(top=body.top)

    @app.post(
        "/parse",
        summary="Parse a proposal and/or reply into units",
        responses={413: {"description": "body too large"}, 422: {"description": "bad request body or text"}},
    )
    def parse_endpoint(body: ParseRequest) -> dict[str, Any]:
        """The ``Document.to_dict()`` of ``proposalnlp.parse(text)``: title, metadata and units with offsets."""
        from .document import parse

        return parse(body.text).to_dict()

    return app


def serve(
    model: Any = None,
    host: str = "127.0.0.1",
    port: int = 8000,
    max_bytes: int = DEFAULT_MAX_BYTES,
    log_level: str = "info",
) -> None:
    """Run the service with uvicorn until interrupted."""
    import uvicorn

    uvicorn.run(create_app(model, max_bytes=max_bytes), host=host, port=port, log_level=log_level)
