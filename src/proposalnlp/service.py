"""The HTTP service behind ``proposalnlp serve``: a web page to check a reply, and classify, match and parse
over JSON (FastAPI).

The web page (``GET /``, :mod:`proposalnlp.webpage`): paste or upload a proposal and its reply, ``POST
/check`` matches them and redirects to ``GET /report/{token}`` (the coverage report, as ``--html`` writes
it, with links to download it as HTML or JSON); Chinese by default, ``?lang=en`` for English. Endpoints:
``POST /classify`` (``{"text": ...}`` or ``{"texts": [...]}``), ``POST /match``, ``POST /parse``,
``GET /health``, ``GET /version``; OpenAPI docs at ``/docs`` (Swagger UI) and ``/redoc``, their scripts
served by the service itself (fastapi-offline), so they work with no internet; ``/openapi.json``. Answers are the
``to_dict()`` of the library's results, so a client gets what :func:`proposalnlp.classify`,
:func:`proposalnlp.match` and :func:`proposalnlp.parse` return in-process.

The theme model loads once, at start-up (the lifespan), and is shared by every request. Request bodies larger
than ``max_bytes`` (``max_upload_bytes`` for the web page's uploads) get 413 before any parsing (the declared
Content-Length and the bytes actually received are both checked), and a body not received within
``body_timeout`` seconds gets 408; malformed JSON (deeply nested too), missing fields and wrong types get 422
with a one-line ``detail``; the library's input errors get 422 with their message. Error bodies are bounded:
at most :data:`_ERROR_ITEMS` errors are listed (with ``error_count``), each text clipped. A ``/match`` request
whose suggestions × reply units exceed ``max_pairs`` gets 413; its answer keeps ``top`` units per suggestion
(:data:`DEFAULT_TOP` unless asked, at most :data:`~proposalnlp.matching.DEFAULT_TOP_K`). Heavy work
(``/match``, ``/parse``, long ``/classify`` batches) runs in worker threads, at most ``concurrency`` at a time
(the CPUs by default); others wait their turn. Requests whose ``Host`` header is not in ``allowed_hosts`` get
400 (DNS rebinding; by default the local names only). Only this module imports FastAPI: it needs the optional
extra ``pip install 'proposalnlp[serve]'``.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping, Sequence
from contextlib import asynccontextmanager
from typing import Annotated, Any

import anyio
import anyio.to_thread
from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi_offline import FastAPIOffline
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictBool, StrictStr, model_validator
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware

from ._version import __version__
from .errors import EmptyInputError, InputTypeError, InputValueError, ModelError, ProposalNLPError
from .matching.align import DEFAULT_TOP_K
from .matching.results import Thresholds, thresholds_with
from .messages import DEFAULT_LANG, LANGS, error, error_text, text
from .themes.api import resolve_model

__all__ = [
    "DEFAULT_ALLOWED_HOSTS",
    "DEFAULT_BODY_TIMEOUT",
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_PAIRS",
    "DEFAULT_MAX_UPLOAD_BYTES",
    "DEFAULT_TOP",
    "PAGE_CSP",
    "TooManyPairs",
    "create_app",
    "default_allowed_hosts",
    "serve",
]

logger = logging.getLogger(__name__)

#: Default limit of a request body, in bytes (1 MiB).
DEFAULT_MAX_BYTES = 1 << 20
#: Default limit of a web page upload (a form with the proposal and reply files), in bytes (16 MiB).
DEFAULT_MAX_UPLOAD_BYTES = 16 << 20
#: Default limit of suggestions × reply units in one ``/match`` request (a long real document: 60 × 200).
DEFAULT_MAX_PAIRS = 1_000_000
#: Ranked reply units per suggestion in a ``/match`` answer unless ``top`` says otherwise (as the CLI's --json).
DEFAULT_TOP = Thresholds().used_rank
#: Host names accepted by default (the ``Host`` header, without its port): this machine only.
DEFAULT_ALLOWED_HOSTS: tuple[str, ...] = ("localhost", "127.0.0.1", "[::1]")
#: Seconds a client has to send its whole request body (then 408).
DEFAULT_BODY_TIMEOUT = 30.0
#: The Content-Security-Policy of every HTML page (the form, reports, the 404 and 413 pages): nothing from
#: outside, scripts and styles only from the page itself.
PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; form-action 'self'"
#: Error bodies list at most this many errors, and clip each text (and the one-line detail) to these lengths.
_ERROR_ITEMS = 20
_ITEM_CHARS = 200
_DETAIL_CHARS = 2000

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
    top: str = Field(
        description="the most probable label; given even when `themes` is empty, and then it is NOT a theme of "
        "the text (no theme reached its threshold): read an empty `themes` as no theme"
    )


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
    top: int | None = Field(
        DEFAULT_TOP,
        ge=1,
        le=DEFAULT_TOP_K,
        strict=True,
        description=f"keep this many ranked reply units per suggestion (null: {DEFAULT_TOP}; at most {DEFAULT_TOP_K})",
    )
    answered: float | None = Field(
        None,
        ge=0.0,
        le=1.0,
        description="a suggestion whose best score reaches this is answered (null: the default threshold)",
    )
    partly: float | None = Field(
        None,
        ge=0.0,
        le=1.0,
        description="a suggestion whose best score reaches this, but not `answered`, is partly answered "
        "(null: the default threshold; at most `answered`)",
    )


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
def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _clip_loc(loc: Sequence[Any]) -> list[Any]:
    return [_clip(x, _ITEM_CHARS) if isinstance(x, str) else x for x in loc[:8]] + (["…"] if len(loc) > 8 else [])


class TooManyPairs(Exception):
    """A ``/match`` request whose suggestions × reply units exceed the service's ``max_pairs`` (413)."""

    def __init__(self, suggestions: int, units: int, limit: int) -> None:
        super().__init__(
            f"too many pairs to match: {suggestions} suggestion(s) × {units} reply unit(s) = {suggestions * units}; "
            f"the limit is {limit} per request: split the proposal or the reply"
        )
        self.counts = {"suggestions": suggestions, "units": units, "limit": limit}


#: The type errors a union member gives when the value is of the other member's type (a list for a text).
_MEMBER_TYPE_ERRORS = ("string_type", "list_type")


def _is_member_tag(part: Any) -> bool:
    """A location part that names a union member (``function-after[_valid_unicode(), str]``), not a field."""
    return isinstance(part, str) and ("[" in part or "(" in part)


def _plain_union_errors(errors: Sequence[Any]) -> list[dict[str, Any]]:
    """Validation errors with the union members' names taken out of their locations: where a text-or-list field
    fails inside one member (an item of the list that is not a text), only that error is kept; where the value
    is neither, one error says it should be a text or a list of texts."""
    out: list[dict[str, Any]] = []
    roots: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
    for err in errors:
        loc = tuple(err.get("loc", ()))
        tag = next((i for i, part in enumerate(loc) if _is_member_tag(part)), None)
        if tag is None:
            out.append(dict(err))
            continue
        root = loc[:tag]
        plain = {**err, "loc": tuple(x for x in loc if not _is_member_tag(x)), "_root": root}
        if root not in roots:
            roots[root] = []
            out.append({"_group": root})
        roots[root].append(plain)
    result: list[dict[str, Any]] = []
    for item in out:
        if "_group" not in item:
            result.append(item)
            continue
        group = roots[item["_group"]]
        specific = [e for e in group if not (e.get("type") in _MEMBER_TYPE_ERRORS and e["loc"] == e["_root"])]
        if specific:
            result.extend({k: v for k, v in e.items() if k != "_root"} for e in specific)
        else:
            msg = "Input should be a valid string (one text) or a list of strings (texts)"
            result.append({"loc": item["_group"], "msg": msg, "type": "string_or_list_type"})
    return result


def _plain_msg(err: Any) -> str:
    """An error's message without pydantic's ``Value error, `` lead-in (the validators' own words)."""
    return str(err.get("msg", "invalid")).removeprefix("Value error, ")


#: pydantic's error types said in the catalogue's words (``api.req.<name>``: the field, in either language).
_REQ_TYPES = {
    "missing": "missing",
    "string_type": "string",
    "string_or_list_type": "string_or_list",
    "list_type": "list",
    "bool_type": "bool",
    "int_type": "int",
    "int_from_float": "int",
    "float_type": "number",
    "float_parsing": "number",
    "int_parsing": "int",
    "bool_parsing": "bool",
    "greater_than_equal": "at_least",
    "greater_than": "at_least",
    "less_than_equal": "at_most",
    "less_than": "at_most",
}


def _problems(errors: Sequence[Any], content_type: str) -> list[tuple[str, str, dict[str, Any]]]:
    """What is wrong with a request, from validation errors as :func:`_plain_union_errors` gives them (the first
    :data:`_ERROR_ITEMS` of them): per error its English words and its catalogue key and values."""
    out: list[tuple[str, str, dict[str, Any]]] = []
    for err in errors[:_ERROR_ITEMS]:
        loc = tuple(_clip_loc(tuple(err.get("loc", ()))))
        kind = err.get("type", "")
        msg = _plain_msg(err)
        ctx = err.get("ctx") or {}
        where = loc[1:] if loc[:1] == ("body",) else loc
        field = ".".join(map(str, where))
        if kind == "json_invalid":
            error = ctx.get("error", "cannot decode")
            if len(loc) > 1:
                out.append((f"malformed JSON at character {loc[1]}: {error}", "api.req.json_at", {"at": loc[1]}))
            else:
                out.append((f"malformed JSON: {error}", "api.req.json", {"detail": error}))
        elif kind == "missing" and not where:
            out.append(("the request needs a JSON object body", "api.req.no_body", {}))
        elif kind in ("model_attributes_type", "dict_type") and not where:
            if "json" not in content_type:
                said = "send the body as JSON with the header Content-Type: application/json"
                out.append((said, "api.req.not_json", {}))
            else:
                out.append(("the body must be a JSON object", "api.req.object", {}))
        elif kind == "extra_forbidden":
            out.append((f"unknown field {field!r}", "api.req.extra", {"field": field}))
        else:
            english = f"{field}: {msg}" if field else msg
            if kind in _REQ_TYPES and field:
                limit = next((ctx[k] for k in ("ge", "gt", "le", "lt") if k in ctx), "")
                limit = f"{limit:g}" if isinstance(limit, float) else limit  # 1, not 1.0
                out.append((english, f"api.req.{_REQ_TYPES[kind]}", {"field": field, "limit": limit}))
            elif kind == "value_error" and msg.startswith("give exactly one of"):
                out.append((english, "api.req.one_of", {}))
            elif kind == "value_error" and "unpaired surrogate" in msg:
                out.append((english, "api.req.surrogate", {"field": field}))
            else:
                out.append((english, "api.req.other", {"field": field or "body", "detail": msg}))
    return out


def _error_message(problems: Sequence[tuple[str, str, dict[str, Any]]], count: int, lang: str | None) -> str:
    """One line saying what is wrong with the request (English when ``lang`` is ``None``: ``detail``, for
    programs; else in ``lang`` for people), each problem once, clipped."""
    if lang is None:
        parts = [english for english, _key, _values in problems]
    else:
        parts = [text(key, lang, **values) for _english, key, values in problems]
    unique = [_clip(x, _ITEM_CHARS) for x in dict.fromkeys(parts)]
    if count > _ERROR_ITEMS:
        unique.append(f"… {count} errors in all" if lang is None else text("api.req.count", lang, n=count))
    if lang is None:
        return _clip("; ".join(unique), _DETAIL_CHARS) if unique else "invalid request"
    return _clip(text("api.req.invalid", lang, problems=("；" if lang == "zh" else "; ").join(unique)), _DETAIL_CHARS)


def _json_error(status: int, detail: str, **extra: Any) -> JSONResponse:
    return JSONResponse({"detail": _clip(detail, _DETAIL_CHARS), **extra}, status_code=status)


def _request_error(request: Request, english: str, key: str, **values: Any) -> JSONResponse:
    """A 422 for a body the service cannot read, in the shape of the library's refusals: ``detail`` (English),
    ``error``, the catalogue ``key`` and the ``message`` for people (Chinese unless ``?lang=en``)."""
    lang = _lang(request.query_params.get("lang"))
    message = text("api.req.invalid", lang, problems=text(key, lang, **values))
    return _json_error(422, english, error="RequestValidationError", key=key, message=message)


async def _on_validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    # the members of a text-or-list union are not named, in the detail nor in the list: a location names the
    # request's own fields (["body", "proposal", 1]), as the client sent them
    errors = _plain_union_errors(exc.errors())
    problems = _problems(errors, request.headers.get("content-type", "").lower())
    if request.url.path == "/match" and any(tuple(e.get("loc", ())) == ("body", "text") for e in errors):
        # /classify and /parse take "text": say where a page holding both parts goes here
        problems.append(
            (
                '/match takes "proposal" (a page holding the proposal and its reply, or the proposal alone) '
                'and "reply"',
                "api.req.match_fields",
                {},
            )
        )
    detail = _error_message(problems, len(errors), None)
    lang = _lang(request.query_params.get("lang"))
    brief = [
        {"loc": _clip_loc(tuple(e.get("loc", ()))), "msg": _clip(_plain_msg(e), _ITEM_CHARS), "type": e.get("type")}
        for e in errors[:_ERROR_ITEMS]
    ]
    # as the library's refusals (see _on_library_error): detail in English for programs, the message for people
    return _json_error(
        422,
        detail,
        error="RequestValidationError",
        key=problems[0][1] if problems else "api.req.invalid",  # the first problem's: a client may branch on it
        message=_error_message(problems, len(errors), lang),
        errors=brief,
        error_count=len(errors),
    )


async def _on_library_error(request: Request, exc: Exception) -> JSONResponse:
    if isinstance(exc, ModelError):
        logger.error("model error on %s: %s", request.url.path, exc)
        return _json_error(503, f"model error: {exc}", error=type(exc).__name__)
    # worded for a client of this API (the library's message may say what to do in Python: reply=...); the detail
    # stays English for programs, the message is for the people a client shows it to (Chinese unless ?lang=en)
    extra: dict[str, Any] = {"error": type(exc).__name__}
    key = getattr(exc, "key", None)
    if key:
        lang = _lang(request.query_params.get("lang"))
        extra.update(key=key, message=_clip(error_text(exc, lang, where="api"), _DETAIL_CHARS))
    return _json_error(422, error_text(exc, "en", where="api"), **extra)


async def _on_too_many_pairs(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, TooManyPairs)
    lang = _lang(request.query_params.get("lang"))
    message = text("web.too_many_pairs", lang, **exc.counts)
    return _json_error(413, str(exc), error="TooManyPairs", key="web.too_many_pairs", message=message)


async def _on_http_error(request: Request, exc: Exception) -> Any:
    """FastAPI answers a body it cannot decode other than as malformed JSON (e.g. nested too deeply for the
    decoder) with 400: a malformed body is a 422 here, like every other."""
    assert isinstance(exc, StarletteHTTPException)
    if exc.status_code == 400 and exc.detail == "There was an error parsing the body":
        cause = exc.__cause__
        if isinstance(cause, RecursionError):
            deep = "nested too deeply"
            return _request_error(request, f"malformed JSON: {deep}", "api.req.json_deep")
        name = type(cause).__name__ if cause else "cannot decode"
        return _request_error(request, f"malformed JSON: {name}", "api.req.json", detail=name)
    return await http_exception_handler(request, exc)


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


def _scope_lang(scope: Scope) -> str:
    """The language a request asks for with ``?lang=`` (the default for anything else), from its ASGI scope."""
    from urllib.parse import parse_qs

    query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
    return _lang((query.get("lang") or [None])[0])


class BodyLimit:
    """ASGI middleware: read the whole request body, refusing one larger than ``max_bytes`` with 413;
    answer an unexpected error with a JSON 500 (and log it).

    A declared Content-Length over the limit is refused before reading anything; a streamed (chunked)
    body is refused as soon as the bytes received pass the limit; a body not complete within
    ``body_timeout`` seconds gets 408; bytes that are no Unicode text get 422 (FastAPI would answer 400).
    The app then gets the body in one piece.
    """

    def __init__(
        self,
        app: ASGIApp,
        max_bytes: int,
        body_timeout: float = DEFAULT_BODY_TIMEOUT,
        max_upload_bytes: int | None = None,
    ) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.body_timeout = body_timeout
        self.max_upload_bytes = max_upload_bytes if max_upload_bytes is not None else max_bytes

    async def _too_large(self, send: Send, limit: int, scope: Scope, form: bool) -> None:
        """413: JSON for the API; for the web page's form a page in its language (a clerk reads it, not a program)."""
        detail = f"request body too large: the limit is {limit} bytes"
        lang = _scope_lang(scope)
        said = {"error": "RequestTooLarge", "key": "api.req.too_large"}
        said["message"] = text("api.req.too_large", lang, limit=limit)
        body: Response = JSONResponse({"detail": detail, **said}, status_code=413)
        if form:
            from .webpage import message_page

            size = f"{limit / 1024 / 1024:.0f} MiB" if limit >= 1024 * 1024 else f"{limit} B"
            page = message_page(text("web.too_large", lang, limit=size), lang)
            body = HTMLResponse(page, status_code=413, headers={"Content-Security-Policy": PAGE_CSP})
        await send({"type": "http.response.start", "status": 413, "headers": body.raw_headers})
        await send({"type": "http.response.body", "body": body.body})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers", ()))
        # a form with files (the web page) is no JSON text and may be larger
        form = headers.get(b"content-type", b"").lower().startswith(b"multipart/form-data")
        limit = self.max_upload_bytes if form else self.max_bytes
        if b"content-length" in headers:
            try:
                declared = int(headers[b"content-length"])
            except ValueError:
                declared = -1
            if declared > limit:
                await self._too_large(send, limit, scope, form)
                return
        chunks: list[bytes] = []
        size = 0
        deadline = anyio.current_time() + self.body_timeout
        while True:
            with anyio.move_on_after(max(0.0, deadline - anyio.current_time())) as waited:
                message = await receive()
            if waited.cancelled_caught:
                detail = f"request body not received within {self.body_timeout:g} s"
                said = {"error": "RequestTimeout", "key": "api.req.timeout"}
                said["message"] = text("api.req.timeout", _scope_lang(scope), seconds=f"{self.body_timeout:g}")
                response = JSONResponse({"detail": detail, **said}, status_code=408, headers={"connection": "close"})
                await response(scope, _no_body, send)
                return
            if message["type"] != "http.request":  # the client went away
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                await self._too_large(send, limit, scope, form)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        if body and not form and not _decodable(body):
            lang = _scope_lang(scope)
            said = {"error": "RequestValidationError", "key": "api.req.not_utf8"}
            said["message"] = text("api.req.invalid", lang, problems=text("api.req.not_utf8", lang))
            response = JSONResponse({"detail": "the body is not JSON text: it must be UTF-8", **said}, status_code=422)
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
def _parse_field(field: str, value: Any) -> Any:
    """A request field's text parsed (a list or None as it is); an error names the field (``reply: the text
    is empty…``), keeping its class and catalogue key."""
    from .document import parse

    if not isinstance(value, str):
        return value
    try:
        return parse(value)
    except ProposalNLPError as exc:
        if len(exc.args) == 1 and isinstance(exc.args[0], str):
            exc.args = (f"{field}: {exc.args[0]}",)
        raise


def _match(body: MatchRequest, model: Any, max_pairs: int) -> dict[str, Any]:
    """Parse, count the pairs (413 past ``max_pairs``), then match keeping ``top`` units per suggestion."""
    from .matching import match, match_units

    proposal = _parse_field("proposal", body.proposal)
    reply = _parse_field("reply", body.reply)
    suggestions, reply_units = match_units(proposal, reply, body.include_problems)
    pairs = len(suggestions) * len(reply_units)
    if pairs > max_pairs:
        raise TooManyPairs(len(suggestions), len(reply_units), max_pairs)
    from .matching.report import proposal_title

    top = body.top if body.top is not None else DEFAULT_TOP
    alignment = match(
        proposal,
        reply,
        include_problems=body.include_problems,
        themes=body.themes,
        theme_model=model,
        top_k=top,
        thresholds=thresholds_with(body.answered, body.partly),
    )
    data = alignment.to_dict(top=top)
    data["title"] = proposal_title(proposal)  # as the CLI's match --json: the proposal's own title, or null
    return data


def _lang(value: Any) -> str:
    """The page language asked for (``?lang=``); the default for anything else."""
    return value.lower() if isinstance(value, str) and value.lower() in LANGS else DEFAULT_LANG


def _check_form(
    fields: dict[str, str], files: dict[str, tuple[str, bytes]], lang: str, model: Any, max_pairs: int
) -> Any:
    """What the web form sent, matched: a :class:`~proposalnlp.webpage.Report` (or FormError)."""
    from .document import parse
    from .matching import match, match_units
    from .matching.report import proposal_title
    from .messages import text
    from .webpage import FormError, Report, read_upload, thresholds_from_form

    def one(name: str, required: bool) -> Any:
        pasted = fields.get(f"{name}_text", "").strip()
        upload = files.get(f"{name}_file")
        if pasted and upload:
            raise FormError(text("web.both_given", lang, field=text(f"web.{name}", lang)))
        if upload:
            try:
                return read_upload(upload[0], upload[1], lang)
            except FormError:
                raise
            except (ProposalNLPError, ValueError) as exc:  # say which of the two files cannot be read
                field = text(f"web.field.{name}", lang)
                shown = error_text(exc, lang, where="web")
                raise FormError(text("web.in_upload", lang, field=field, file=upload[0], error=shown)) from None
        if pasted:
            return parse(pasted)
        if required:
            raise FormError(text("web.need_proposal", lang))
        return None

    thresholds = thresholds_from_form(fields.get("answered"), fields.get("partly"), lang)
    proposal = one("proposal", True)
    reply = one("reply", False)
    try:
        suggestions, reply_units = match_units(proposal, reply)
    except InputValueError as exc:  # the library's messages name the command line's --proposal/--reply
        if exc.key == "err.no_proposal" and reply is not None and reply.suggestions and not reply.reply:
            raise FormError(text("web.swapped", lang)) from None  # the two fields filled the other way round
        if exc.key in ("err.no_proposal", "err.no_reply"):
            raise FormError(text("web." + exc.key.removeprefix("err."), lang)) from None
        raise
    if len(suggestions) * len(reply_units) > max_pairs:  # the page says it in its language
        counts = {"suggestions": len(suggestions), "units": len(reply_units), "limit": max_pairs}
        raise FormError(text("web.too_many_pairs", lang, **counts))
    alignment = match(proposal, reply, themes=True, theme_model=model, thresholds=thresholds)
    return Report(alignment, proposal_title(proposal))


def _parse(body: ParseRequest) -> dict[str, Any]:
    from .document import parse

    return parse(body.text).to_dict()


#: The blank texts of a batch a refusal lists by position (the count says how many more).
_BLANK_SHOWN = 10


def _classify(body: ClassifyRequest, model: Any) -> dict[str, Any]:
    from .themes.api import classify, classify_many

    if body.text is not None:
        return classify(body.text, model=model).to_dict()
    texts = body.texts or []
    blank = [i for i, t in enumerate(texts) if not t.strip()]
    if len(blank) == 1:  # named by its JSON index (the library's message speaks of Python's errors='skip')
        raise error(EmptyInputError, "api.classify.blank_text", index=blank[0], number=blank[0] + 1, total=len(texts))
    if blank:  # every one of them named, up to _BLANK_SHOWN
        more = "…" if len(blank) > _BLANK_SHOWN else ""
        shown = blank[:_BLANK_SHOWN]
        raise error(
            EmptyInputError,
            "api.classify.blank_texts",
            n=len(blank),
            total=len(texts),
            indexes="[" + ", ".join(map(str, shown)) + more + "]",
            numbers=", ".join(str(i + 1) for i in shown) + more,
        )
    return {"predictions": [p.to_dict() for p in classify_many(texts, model=model)]}


def _positive_int(name: str, value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise InputTypeError(f"{name} must be a positive int, got {value!r}")
    return value


def create_app(
    model: Any = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    *,
    max_pairs: int = DEFAULT_MAX_PAIRS,
    concurrency: int | None = None,
    allowed_hosts: Sequence[str] | None = DEFAULT_ALLOWED_HOSTS,
    body_timeout: float = DEFAULT_BODY_TIMEOUT,
    max_upload_bytes: int = DEFAULT_MAX_UPLOAD_BYTES,
) -> FastAPI:
    """The FastAPI app. ``model``: ``None`` (the bundled default), a folder, a ThemeModel or a fitted
    ThemeClassifier; loaded once when the app starts. ``max_bytes``: the largest request body accepted;
    ``max_pairs``: the most suggestions × reply units one ``/match`` request may ask for; ``concurrency``:
    how many heavy requests run at once (default: the CPUs); ``allowed_hosts``: the accepted ``Host`` names
    (``"*"`` any, ``"*.example.org"`` a domain; ``None`` turns the check off); ``body_timeout``: seconds to
    receive a body; ``max_upload_bytes``: the largest form the web page may send (its uploaded files)."""
    _positive_int("max_bytes", max_bytes)
    _positive_int("max_upload_bytes", max_upload_bytes)
    _positive_int("max_pairs", max_pairs)
    workers = _positive_int("concurrency", concurrency) if concurrency is not None else (os.cpu_count() or 1)
    if isinstance(body_timeout, bool) or not isinstance(body_timeout, (int, float)) or not body_timeout > 0:
        raise InputTypeError(f"body_timeout must be a positive number of seconds, got {body_timeout!r}")
    hosts: list[str] | None = None
    if allowed_hosts is not None:
        if isinstance(allowed_hosts, str) or not all(isinstance(h, str) and h for h in allowed_hosts):
            raise InputTypeError(f"allowed_hosts must be a list of host names, got {allowed_hosts!r}")
        hosts = [h.lower() for h in allowed_hosts]
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

    app = FastAPIOffline(
        title="proposalnlp",
        version=__version__,
        description="Themes, structure and reply coverage of Chinese government proposals and replies.",
        lifespan=lifespan,
    )
    app.state.model = None
    app.state.max_bytes = max_bytes
    app.state.max_pairs = max_pairs
    #: heavy requests run in worker threads, at most this many at a time (others wait for a token)
    app.state.limiter = anyio.CapacityLimiter(workers)
    app.add_exception_handler(RequestValidationError, _on_validation_error)
    app.add_exception_handler(ProposalNLPError, _on_library_error)
    app.add_exception_handler(ValueError, _on_library_error)
    app.add_exception_handler(TooManyPairs, _on_too_many_pairs)
    app.add_exception_handler(StarletteHTTPException, _on_http_error)
    app.add_middleware(
        BodyLimit, max_bytes=max_bytes, body_timeout=float(body_timeout), max_upload_bytes=max_upload_bytes
    )
    from .webpage import ReportStore

    app.state.reports = ReportStore()
    if hosts is not None:  # outermost: a foreign Host is refused before its body is read
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=hosts)

    async def heavy(request: Request, fn: Callable[..., dict[str, Any]], *args: Any) -> dict[str, Any]:
        return await anyio.to_thread.run_sync(fn, *args, limiter=request.app.state.limiter)

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
        return await heavy(request, _classify, body, loaded)

    @app.post(
        "/match",
        summary="Match each suggestion with the reply units that answer it",
        responses={
            413: {"description": "body too large, or too many suggestions × reply units"},
            422: {"description": "bad request body or text"},
        },
    )
    async def match_endpoint(body: MatchRequest, request: Request) -> dict[str, Any]:
        """The ``Alignment.to_dict(top)`` of ``proposalnlp.match(proposal, reply, include_problems)`` with the
        proposal's ``title`` (关于…的提案, or null; as ``proposalnlp match --json``); 413 when the suggestions ×
        reply units pass the service's limit."""
        served = current_model(request) if body.themes else None
        return await heavy(request, _match, body, served, request.app.state.max_pairs)

    @app.post(
        "/parse",
        summary="Parse a proposal and/or reply into units",
        responses={413: {"description": "body too large"}, 422: {"description": "bad request body or text"}},
    )
    async def parse_endpoint(body: ParseRequest, request: Request) -> dict[str, Any]:
        """The ``Document.to_dict()`` of ``proposalnlp.parse(text)``: title, metadata and units with offsets."""
        return await heavy(request, _parse, body)

    # -- the web page ------------------------------------------------------------------------------------------
    def page(content: str, status: int = 200) -> HTMLResponse:
        # no external anything: scripts, styles and images only from this page itself
        return HTMLResponse(content, status_code=status, headers={"Content-Security-Policy": PAGE_CSP})

    @app.get("/", include_in_schema=False)
    async def form_endpoint(request: Request) -> HTMLResponse:
        from .webpage import form_page

        return page(form_page(_lang(request.query_params.get("lang"))))

    @app.post("/check", include_in_schema=False)
    async def check_endpoint(request: Request) -> Response:
        """The form's post: match, keep the report, redirect to it (reloading the result does not post again)."""
        from starlette.datastructures import UploadFile

        from .webpage import FormError, form_page

        async with request.form(max_files=4, max_fields=16) as form:
            lang = _lang(form.get("lang") or request.query_params.get("lang"))
            fields: dict[str, str] = {}
            files: dict[str, tuple[str, bytes]] = {}
            for key, value in form.multi_items():
                if isinstance(value, UploadFile):
                    data = await value.read()
                    if data or value.filename:  # a file chosen but empty is said to be empty, not missing
                        files[key] = (value.filename or "", data)
                else:
                    fields[key] = value
        try:
            served = current_model(request)
            report = await anyio.to_thread.run_sync(
                _check_form,
                fields,
                files,
                lang,
                served,
                request.app.state.max_pairs,
                limiter=request.app.state.limiter,
            )
        except ModelError:
            raise
        except (FormError, TooManyPairs, ValueError, TypeError, OSError) as exc:
            # what was sent cannot be read or matched (ProposalNLPError is a ValueError or TypeError): say so
            # on the page, in its language, keeping what was typed
            logger.info("web form refused: %s", exc)
            values = {k: v for k, v in fields.items() if k in ("proposal_text", "reply_text", "answered", "partly")}
            return page(form_page(lang, error=error_text(exc, lang, where="web"), values=values), 422)
        token = request.app.state.reports.add(report)
        return RedirectResponse(f"/report/{token}?lang={lang}", status_code=303)

    def stored(request: Request, token: str) -> Any:
        return request.app.state.reports.get(token)

    def expired(lang: str) -> HTMLResponse:
        from .messages import text
        from .webpage import message_page

        return page(message_page(text("web.expired", lang), lang), 404)

    @app.get("/report/{token}", include_in_schema=False)
    async def report_endpoint(token: str, request: Request) -> HTMLResponse:
        from .matching.html import render_html
        from .webpage import result_nav

        lang = _lang(request.query_params.get("lang"))
        report = stored(request, token)
        if report is None:
            return expired(lang)
        return page(render_html(report.alignment, report.title, lang=lang, nav=result_nav(token, lang)))

    @app.get("/report/{token}/report.html", include_in_schema=False)
    async def report_html_endpoint(token: str, request: Request) -> HTMLResponse:
        from .matching.html import render_html

        lang = _lang(request.query_params.get("lang"))
        report = stored(request, token)
        if report is None:
            return expired(lang)
        response = page(render_html(report.alignment, report.title, lang=lang))
        response.headers["Content-Disposition"] = 'attachment; filename="proposalnlp-report.html"'
        return response

    @app.get("/report/{token}/report.json", include_in_schema=False)
    async def report_json_endpoint(token: str, request: Request) -> Response:
        report = stored(request, token)
        if report is None:
            return expired(_lang(request.query_params.get("lang")))
        return JSONResponse(
            report.to_dict(), headers={"Content-Disposition": 'attachment; filename="proposalnlp-report.json"'}
        )

    return app


def default_allowed_hosts(host: str) -> list[str]:
    """The local names, and the address listened on when it is a specific one (not 0.0.0.0 / ::)."""
    hosts = list(DEFAULT_ALLOWED_HOSTS)
    if host and host not in ("0.0.0.0", "::"):
        name = f"[{host}]" if ":" in host and not host.startswith("[") else host
        if name.lower() not in hosts:
            hosts.append(name.lower())
    return hosts


def serve(
    model: Any = None,
    host: str = "127.0.0.1",
    port: int = 8000,
    max_bytes: int = DEFAULT_MAX_BYTES,
    log_level: str = "info",
    *,
    max_pairs: int = DEFAULT_MAX_PAIRS,
    concurrency: int | None = None,
    allowed_hosts: Sequence[str] | None = None,
    body_timeout: float = DEFAULT_BODY_TIMEOUT,
    max_upload_bytes: int = DEFAULT_MAX_UPLOAD_BYTES,
) -> None:
    """Run the service with uvicorn until interrupted (``allowed_hosts`` by default:
    :func:`default_allowed_hosts` of ``host``)."""
    import uvicorn

    app = create_app(
        model,
        max_bytes=max_bytes,
        max_pairs=max_pairs,
        concurrency=concurrency,
        allowed_hosts=allowed_hosts if allowed_hosts is not None else default_allowed_hosts(host),
        body_timeout=body_timeout,
        max_upload_bytes=max_upload_bytes,
    )
    uvicorn.run(app, host=host, port=port, log_level=log_level)
