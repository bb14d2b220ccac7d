"""The results of :func:`~proposalnlp.matching.match`: :class:`Alignment` of :class:`SuggestionMatch`, judged
by :class:`Thresholds`, as a dict (JSON) or a readable text report."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .._inputs import check_dict, check_int
from ..document import Unit
from ..errors import InputValueError

__all__ = [
    "FRAME_KINDS",
    "VERDICTS",
    "Alignment",
    "SuggestionMatch",
    "Thresholds",
    "is_frame",
    "thresholds_with",
]

#: the verdicts on a suggestion, from its best clause-level score
VERDICTS: tuple[str, ...] = ("answered", "partly", "unanswered")

#: unit kinds that frame a reply rather than answer it (thanks, greetings, sign-off): only kinds that
#: :func:`~proposalnlp.document.parse` emits (:data:`~proposalnlp.document.KINDS`), so that parsed and gold
#: documents are treated alike; gold kinds are mapped to these first (``devtools.corpus.GOLD_KIND_MAP``). List
#: introductions (现答复如下： / 下一步，我们将…：) are found by their text, whatever their kind.
FRAME_KINDS = frozenset({"header", "opening", "closing"})
_FRAME_TEXT = re.compile(r"^(?:再次)?(?:衷心)?感谢|您好|收悉|谢谢")


def is_frame(u: Unit) -> bool:
    """Whether a reply unit frames rather than answers: an opening or closing, or a short unit that thanks,
    greets or introduces a list (现答复如下： / 下一步，我们将…：)."""
    text = u.text.strip()
    if u.kind in FRAME_KINDS:
        return True
    return len(text) < 120 and (text.endswith((":", "：")) or bool(_FRAME_TEXT.search(text[:40])))


def _model_answered() -> float:
    from .answer import default_answer_model

    return default_answer_model().answered


def _model_partly() -> float:
    from .answer import default_answer_model

    return default_answer_model().partly


@dataclass(frozen=True)
class Thresholds:
    """Verdict thresholds on the answer model's calibrated probability that the reply answers a suggestion.

    ``Thresholds()`` holds the bundled answer model's own thresholds, chosen by cross-validation on its
    training folds (``models/answer-default/README.md``); derive others with
    ``dataclasses.replace(Thresholds(), answered=..., partly=...)``.

    Parameters
    ----------
    answered : float, default: the answer model's
        A suggestion whose probability reaches this is *answered*.
    partly : float, default: the answer model's
        A suggestion whose probability reaches this (but not ``answered``) is *partly* answered; below it,
        *unanswered*.
    used_rank : int, default=4
        A reply unit answers a suggestion (is "used") when it is among the suggestion's best ``used_rank``
        units and its own probability reaches ``partly``; also how many units a report shows by default.

    Attributes
    ----------
    answered, partly : float
        As given (a frozen dataclass: derive a variant with :func:`dataclasses.replace`).
    used_rank : int
        As given.
    """

    answered: float = field(default_factory=_model_answered)
    partly: float = field(default_factory=_model_partly)
    used_rank: int = 4

    def __post_init__(self) -> None:
        for name in ("answered", "partly"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0.0 <= value <= 1.0:
                raise InputValueError(f"Thresholds.{name} must be a probability in [0, 1], got {value!r}")
        if self.partly > self.answered:
            raise InputValueError(
                f"Thresholds.partly ({self.partly}) must not exceed Thresholds.answered ({self.answered})"
            )
        if isinstance(self.used_rank, bool) or not isinstance(self.used_rank, int) or self.used_rank < 1:
            raise InputValueError(f"Thresholds.used_rank must be a positive int, got {self.used_rank!r}")


def thresholds_with(answered: float | None = None, partly: float | None = None) -> Thresholds | None:
    """The default :class:`Thresholds` with the values given replaced (``None``: keep the default); ``None`` when
    neither is given. Raises :class:`~proposalnlp.errors.InputValueError` naming both values when ``partly`` would
    exceed ``answered`` (one of them given, the other the default's), or a value is not a number in [0, 1]. The command
    line, the HTTP service and the web page build their thresholds with it."""
    if answered is None and partly is None:
        return None
    for name, value in (("answered", answered), ("partly", partly)):  # before comparing them (a dict's "0.7")
        if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float))):
            raise InputValueError(f"Thresholds.{name} must be a probability in [0, 1], got {value!r}")
    base = Thresholds()
    a = base.answered if answered is None else answered
    p = base.partly if partly is None else partly
    if p > a:
        raise InputValueError(
            f"partly ({p:g}) cannot exceed answered ({a:g}); give both, or a value on the right side of the "
            "other's default"
        )
    return dataclasses.replace(base, answered=a, partly=p)


@dataclass
class SuggestionMatch:
    """One suggestion (or problem) with the reply units ranked by how well they answer it.

    Parameters
    ----------
    suggestion : Unit
        The suggestion.
    ranked : list of (Unit, float)
        The best reply units with their scores in [0, 1], best first: every unit of a short reply, at most
        ``top_k`` of :func:`~proposalnlp.matching.match` (50 by default) of a long one.
    verdict : str
        One of :data:`VERDICTS`.
    support : list of float, optional
        For each entry of ``ranked``, the best score of a single clause of the suggestion against that
        unit: how directly the unit answers some part of it. Empty when not computed; the scores stand in.
    covered, missing : list of str, optional
        The suggestion's specific terms (places, organisations, objects, names, numbers) that its best
        answering unit holds, and those it leaves out.
    cue : str or None, optional
        What the best answering unit does: "action", "plan", "refusal", "forwarding" or "framing"
        (:data:`~proposalnlp.matching.answer.CUES`), or None.
    probability : float or None, optional
        The answer model's calibrated probability that the reply answers the suggestion (the verdict's basis).
    unit_probability : list of float, optional
        For the first ranked units, the probability with that unit as the best one (0 for openings and
        closings).
    basis : str, optional
        What the verdict rests on: "model" (the probability and the thresholds) or "siblings" (a suggestion
        among several that the model alone calls unanswered, called partly answered because the reply answers
        its siblings, its best unit is its own and its evidence is not much weaker than theirs:
        :mod:`proposalnlp.matching.siblings`) or "no_answer" (the reply holds no unit that may answer, only its
        header, opening or closing: every suggestion is unanswered, with probability 0).

    Attributes
    ----------
    suggestion, ranked, verdict, support, covered, missing, cue, probability, unit_probability, basis
        The parameters.
    best : tuple of (Unit, float) or None
        The best reply unit and its score, or None when the reply is empty.
    """

    suggestion: Unit
    ranked: list[tuple[Unit, float]]
    verdict: str
    support: list[float] = field(default_factory=list)
    covered: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    cue: str | None = None
    probability: float | None = None
    unit_probability: list[float] = field(default_factory=list)
    basis: str = "model"

    def strength(self, index: int, thresholds: Thresholds | None = None) -> str:
        """How the ``index``-th ranked unit answers: "direct", "partial" or "weak" (from the answer model's
        probability with that unit as the best one; without it, from its support).

        A suggestion called partly answered by the sibling rule rests that verdict on its best unit (its own,
        with evidence not much weaker than its siblings'), so that unit is at least "partial": a report never
        says "partly answered" above a list whose first unit is "not related"."""
        t = thresholds or Thresholds()
        if index < len(self.unit_probability):
            value = self.unit_probability[index]
        else:
            value = self.support[index] if index < len(self.support) else self.ranked[index][1]
        word = "direct" if value >= t.answered else ("partial" if value >= t.partly else "weak")
        if word == "weak" and index == 0 and self.basis == "siblings" and self.verdict == "partly":
            return "partial"
        return word

    @property
    def best(self) -> tuple[Unit, float] | None:
        """The best reply unit and its score, or None when the reply is empty."""
        return self.ranked[0] if self.ranked else None

    def to_dict(self, top: int | None = None) -> dict[str, Any]:
        """A JSON-ready dict: the suggestion, the verdict and the ranked reply unit ids with scores."""
        top = check_int(top, "top", allow_none=True)
        ranked = self.ranked if top is None else self.ranked[:top]
        support = self.support or [s for _, s in self.ranked]
        ranked_out: list[dict[str, Any]] = []
        for i, (u, s) in enumerate(ranked):
            entry: dict[str, Any] = {
                "reply_unit": u.id,
                "score": round(float(s), 4),
                "support": round(float(support[i]), 4),
            }
            if i < len(self.unit_probability):
                entry["probability"] = round(float(self.unit_probability[i]), 4)
            ranked_out.append(entry)
        return {
            "suggestion": self.suggestion.to_dict(),
            "verdict": self.verdict,
            "probability": None if self.probability is None else round(float(self.probability), 4),
            "covered": list(self.covered),
            "missing": list(self.missing),
            "cue": self.cue,
            "basis": self.basis,
            "ranked": ranked_out,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], units: Mapping[str, Unit]) -> SuggestionMatch:
        """The match of a :meth:`to_dict` dict (read back from JSON); ``units``: the reply units by id, which
        its ranked entries name. Scores come back as that dict rounded them (4 decimals)."""
        check_dict(data, ("suggestion", "verdict"), "SuggestionMatch")
        ranked_in = list(data.get("ranked") or [])
        try:
            ranked = [(units[e["reply_unit"]], float(e["score"])) for e in ranked_in]
        except KeyError as exc:
            raise InputValueError(f"suggestion {data.get('suggestion', {}).get('id')!r}: no reply unit {exc}") from None
        probs = [float(e["probability"]) for e in ranked_in if "probability" in e]
        return cls(
            suggestion=Unit.from_dict(data["suggestion"]),
            ranked=ranked,
            verdict=str(data["verdict"]),
            support=[float(e.get("support", e["score"])) for e in ranked_in],
            covered=list(data.get("covered") or []),
            missing=list(data.get("missing") or []),
            cue=data.get("cue"),
            probability=None if data.get("probability") is None else float(data["probability"]),
            unit_probability=probs if len(probs) == len(ranked_in) else [],
            basis=str(data.get("basis", "model")),
        )


@dataclass
class Alignment:
    """Suggestions matched with reply units: the result of :func:`~proposalnlp.matching.match`.

    Parameters
    ----------
    suggestions : list of SuggestionMatch
        One entry per suggestion, in the proposal's order.
    reply_units : list of Unit
        The reply units that were ranked.
    unused_reply_units : list of Unit
        The reply units that answer no suggestion.
    thresholds : Thresholds, optional
        The thresholds the verdicts were given with.
    themes : dict of str to list of str, optional
        Each suggestion's themes by unit id (filled by ``match(..., themes=True)``); empty otherwise.

    Attributes
    ----------
    suggestions, reply_units, unused_reply_units, thresholds, themes
        The parameters.
    coverage : dict of str to int
        Counts of suggestions by verdict, with the total and the number of unused reply units (see
        :attr:`coverage`).
    """

    suggestions: list[SuggestionMatch]
    reply_units: list[Unit]
    unused_reply_units: list[Unit]
    thresholds: Thresholds = field(default_factory=Thresholds)
    themes: dict[str, list[str]] = field(default_factory=dict)

    @property
    def coverage(self) -> dict[str, int]:
        """Counts of suggestions by verdict (``answered``, ``partly``, ``unanswered``, ``total``), and of the reply
        units that answer none: ``unused_reply_units`` all of them (the report's "N 段答复未回应任何建议"),
        ``unused_frame_units`` those that only frame the letter (opening, thanks, closing: :func:`is_frame`; the
        report's "其中 M 段只是…客套"), ``unused_answer_units`` the others, the ones worth a reader's look (every
        letter has an opening and a closing, so the first count is rarely 0)."""
        counts = {v: 0 for v in VERDICTS}
        for m in self.suggestions:
            counts[m.verdict] += 1
        counts["total"] = len(self.suggestions)
        frames = sum(map(is_frame, self.unused_reply_units))
        counts["unused_reply_units"] = len(self.unused_reply_units)
        counts["unused_answer_units"] = len(self.unused_reply_units) - frames
        counts["unused_frame_units"] = frames
        return counts

    def to_dict(self, top: int | None = None) -> dict[str, Any]:
        """A JSON-serialisable dict of the whole alignment."""
        top = check_int(top, "top", allow_none=True)
        out: dict[str, Any] = {
            "coverage": self.coverage,
            "thresholds": {"answered": self.thresholds.answered, "partly": self.thresholds.partly},
            "suggestions": [m.to_dict(top) for m in self.suggestions],
            "reply_units": [u.to_dict() for u in self.reply_units],
            "unused_reply_units": [u.id for u in self.unused_reply_units],
        }
        if self.themes:
            out["themes"] = {k: list(v) for k, v in self.themes.items()}
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Alignment:
        """The alignment of a :meth:`to_dict` dict, e.g. ``Alignment.from_dict(json.load(f))`` for a result saved
        as JSON (``match --json`` of one document too): its report, coverage and dict come back as they were
        (scores rounded to the dict's 4 decimals; ``used_rank`` is not in the dict and is the default)."""
        check_dict(data, ("suggestions", "reply_units"), "Alignment")
        reply_units = [Unit.from_dict(u) for u in data["reply_units"]]
        by_id = {u.id: u for u in reply_units}
        for u in reply_units:  # ranked units may be children of a listed unit
            by_id.update({c.id: c for c in u.children if c.id not in by_id})
        t = data.get("thresholds") or {}
        thresholds = Thresholds(float(t["answered"]), float(t["partly"])) if t else Thresholds()
        unused = [by_id[i] for i in data.get("unused_reply_units") or []]
        return cls(
            suggestions=[SuggestionMatch.from_dict(m, by_id) for m in data["suggestions"]],
            reply_units=reply_units,
            unused_reply_units=unused,
            thresholds=thresholds,
            themes={k: list(v) for k, v in (data.get("themes") or {}).items()},
        )

    def report(self, top: int | None = None, width: int = 60, lang: str = "zh") -> str:
        """A readable coverage report in ``lang`` ("zh" or "en"): each suggestion, its verdict and why, and its
        best reply units (``top``: how many; by default as many as may count as answering it). The same text
        as ``proposalnlp match`` prints (:func:`proposalnlp.matching.report.render_text`)."""
        from .report import render_text

        top = check_int(top, "top", allow_none=True)
        width = check_int(width, "width") or 0
        return render_text(self, top, width, lang=lang)

    def __str__(self) -> str:
        return self.report()

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        """IPython / Jupyter show an alignment left at the end of a cell as its report, not as the dataclass's
        repr (every unit's fields, some 20,000 characters for a short proposal)."""
        printer.text("Alignment(...)" if cycle else self.report())
