"""Sentences that only describe, for the theme script's ``--focus-acting`` variant (issue 13; not kept).

The rule was tried as a reading of a unit through the sentences that ask or act (models/training/README.md,
"Reading a unit through its acting sentences"): below its bar, so it lives here for the script, not in the
library's prediction path.
"""

from __future__ import annotations

import re

from proposalnlp.themes.model import split_sentences

__all__ = ["acting_text", "describes"]


#: A word of request or action: the sentence asks (建议, 应, 要), plans (将, 拟, 下一步) or reports a measure
#: (已, 设立, 加大). Broad on purpose (要 also matches 主要): a false match only keeps a sentence.
_ACTING = re.compile(
    "建议|呼吁|希望|请|要|应|需|必须|可以|鼓励|支持|引导|推动|推进|促进|加大|加强|加快|强化|深化|优化|完善|健全|"
    "建立|设立|成立|搭建|打造|构建|培育|培养|引进|扩大|拓宽|提高|提升|落实|实施|开展|组织|制定|出台|修订|解决|"
    "破解|保障|做好|抓好|发挥|简化|整合|统筹|探索|试点|已|将|拟|计划|下一步|力争|争取|着力|积极|努力|进一步"
)
#: A situation stated: a time marker (近年来, 目前, 截至), a figure with its unit, or a shortfall (不足, 缺口).
_DESCRIBING = re.compile(
    r"近年来|近年|近几年|多年来|目前|当前|现阶段|截至|截止|据统计|据调查|据了解|现有|去年|上年|今年以来|"
    r"不足|缺乏|短缺|缺口|滞后|薄弱|偏低|偏少|偏弱|较少|较低|较弱|不高|不够|难以|"
    r"\d+(?:\.\d+)?\s*(?:%|％|亿|万|千|个|家|人|名|项|所|元|户|次|倍)"
)


def describes(sentence: str) -> bool:
    """True when ``sentence`` only describes: it states a situation (a time marker such as 近年来 or 目前, a
    figure with its unit, a shortfall such as 不足 or 缺口) and has no word of request or action (建议, 应,
    加大, 设立, 已, 将...). Such a sentence is background to what its unit asks or reports."""
    return bool(_DESCRIBING.search(sentence)) and not _ACTING.search(sentence)


def acting_text(text: str) -> str:
    """``text`` without its describing sentences (:func:`describes`) when it also has a sentence that asks or
    acts; else ``text`` unchanged. A unit is about what it asks or reports doing, not about the figures or the
    shortfall that lead up to it (an opening 近年来…投入…亿元 does not make a talent suggestion a funding one)."""
    spans = split_sentences(text)
    if len(spans) < 2:
        return text
    keep = [not describes(text[s:e]) for s, e in spans]
    if all(keep) or not any(keep):
        return text
    return "".join(text[s:e] for (s, e), k in zip(spans, keep, strict=True) if k)
