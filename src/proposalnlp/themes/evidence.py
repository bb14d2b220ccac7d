"""A theme needs its evidence: a predicted theme is kept only if the text holds one of its theme's words.

ANNOTATION.md defines each theme by what a unit is about: money (funding), technology, R&D and digital systems
(innovation), people and their skills (talent), minds and publicity (awareness). A unit that says none of its
theme's words cannot be mainly about it, however its n-grams score: a request for 扶持 with no money named is
not funding, a cost of new equipment is not innovation. The rule only removes themes, it never adds one.

:data:`THEME_WORDS` come from ANNOTATION.md's definitions and typical words and from the categories listed in
issue 13 (capital markets, purchase and reimbursement, money as the reason for a delay; emerging industries and
digital systems of schools and hospitals; named professions; mindsets and publicity to the public). They were
written before the rule was measured and not changed after (models/training/README.md, "A theme needs its
evidence"). A model folder holds its own lists (the manifest's ``evidence``), so a model saved without them
behaves as before.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from .._inputs import check_str
from ..errors import InputValueError, ModelFormatError
from ..tokenize import normalize

__all__ = ["THEME_WORDS", "Evidence"]

#: Per theme of the default taxonomy, the words (plain substrings) of which a unit must hold one to keep it.
# fmt: off
THEME_WORDS: dict[str, tuple[str, ...]] = {
    # people and skills: recruiting, training, educating, keeping; experts, entrepreneurs, teams; the workforce
    # of a named profession (teachers, nurses, lawyers); pay meant to keep people
    "talent": (
        "人才", "人员", "人力", "队伍", "团队", "专家", "学者", "教授", "院士", "博士", "硕士", "毕业生",
        "大学生", "学历", "学位", "职称", "技能", "技工", "技师", "工匠", "工程师", "职业教育", "职业院校",
        "职业技能", "培训", "培养", "引进", "引才", "招聘", "招录", "招引", "编制", "岗位", "用工", "员工",
        "职工", "劳动力", "从业", "企业家", "创业者", "带头人", "领军", "骨干", "智力", "教师", "老师",
        "师资", "医生", "医师", "医护", "护士", "护理员", "律师", "社工", "干部", "薪酬", "工资", "待遇",
        "留住", "育人",
    ),
    # money: subsidies, special funds, loans, financing, credit, tax relief, fiscal support, investment sums,
    # capital markets, purchase of services, insurance reimbursement, money lacking or awaited
    "funding": (
        "资金", "经费", "财政", "财税", "财力", "税", "金融", "贷", "融资", "基金", "资本", "投资", "投入",
        "拨款", "拨付", "补贴", "补助", "奖补", "资助", "贴息", "担保", "保险", "报销", "购买服务",
        "政府购买", "采购", "预算", "上市", "债", "股权", "费", "钱", "万元", "亿元", "千元", "奖励资金",
        "专项债", "银行", "信贷", "补偿", "筹资", "募资", "捐赠",
    ),
    # technology and R&D: technical transformation, intelligent and digital manufacturing, cloud, research
    # platforms, industry-university-research cooperation, demonstration projects, IP and brands; emerging
    # industries named by their technology; digital systems adopted by schools, hospitals, care homes
    "innovation": (
        "创新", "研发", "科研", "科技", "技术", "技改", "智能", "智慧", "数字", "大数据", "信息化", "互联网",
        "网络", "线上", "在线", "网上", "远程", "上云", "云计算", "云服务", "平台", "产学研", "研究院",
        "研究所", "研究中心", "实验室", "基础研究", "工程中心", "示范", "专利", "知识产权", "品牌", "商标",
        "成果转化", "孵化", "高新", "新兴", "新材料", "生物医药", "新能源", "集成电路", "芯片", "半导体",
        "物联网", "区块链", "5G", "软件", "电子", "自动化", "机器人", "先进制造", "高端装备", "攻关", "前沿",
    ),
    # attitudes and understanding: attention, mindsets and concepts, publicity and persuasion, willingness
    "awareness": (
        "认识", "重视", "思想", "理念", "观念", "宣传", "意识", "积极性", "主动性", "舆论", "科普", "普及",
        "推广", "引导", "倡导", "动员", "劝导", "说服", "知晓", "了解", "关注", "认知", "共识", "态度",
        "意愿", "信心", "风气", "媒体", "宣讲", "讲座", "素养", "自觉",
    ),
}
# fmt: on


class Evidence:
    """Per label, the words of which a text must hold one to keep that label (multi-label models).

    A label without a word list is always kept. Matching is by plain substring, so the result of a text does
    not depend on the tokenizer or on the batch it is in; a word is looked for in the text as written and, failing
    that, in the text as the model reads it (:func:`~proposalnlp.tokenize.normalize`: no spaces or invisible
    characters between ideographs, full-width forms half-width; case ignored), so that 资 金 of a PDF's layout
    or ５Ｇ still counts.

    Parameters
    ----------
    words : mapping of str to sequence of str
        Per label, its non-empty words.
    """

    def __init__(self, words: Mapping[str, Sequence[str]]) -> None:
        if not isinstance(words, Mapping):
            raise ModelFormatError(f"evidence must map labels to word lists, got {type(words).__name__}")
        out: dict[str, tuple[str, ...]] = {}
        for label, ws in words.items():
            if not isinstance(label, str) or not label:
                raise ModelFormatError(f"evidence: a label must be a non-empty string, got {label!r:.40}")
            if isinstance(ws, (str, bytes)) or not isinstance(ws, Sequence) or not ws:
                raise ModelFormatError(f"evidence: the words of {label!r} must be a non-empty list of strings")
            if not all(isinstance(w, str) and w and not w.isspace() for w in ws):
                raise ModelFormatError(f"evidence: the words of {label!r} must be non-empty strings")
            out[label] = tuple(ws)
        self.words: dict[str, tuple[str, ...]] = out
        # longest words first, so that an alternation tries 专项资金 before 资金 (the same answer either way)
        self._patterns = {
            label: re.compile("|".join(map(re.escape, sorted(set(ws), key=len, reverse=True))), re.IGNORECASE)
            for label, ws in out.items()
        }

    def __repr__(self) -> str:
        return f"Evidence({', '.join(f'{k}: {len(v)} words' for k, v in self.words.items())})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Evidence) and other.words == self.words

    __hash__ = None  # type: ignore[assignment]  # mutable-looking value object: compared, not hashed

    def to_dict(self) -> dict[str, list[str]]:
        """The manifest's ``evidence`` object."""
        return {label: list(ws) for label, ws in self.words.items()}

    def holds(self, text: str, label: str) -> bool:
        """True when ``text`` holds one of ``label``'s words (always, for a label without a list)."""
        check_str(text, "text")
        check_str(label, "label")
        pattern = self._patterns.get(label)
        return pattern is None or _found(pattern, text, {})

    def held(self, text: str, labels: Sequence[str]) -> dict[str, bool]:
        """For each of ``labels``, whether ``text`` holds one of its words (:meth:`holds`), the text normalised
        at most once for all of them."""
        read: dict[int, str] = {}
        patterns = self._patterns
        return {
            label: (pattern := patterns.get(label)) is None or _found(pattern, text, read) for label in labels
        }

    def mask(self, hits: np.ndarray, texts: Sequence[str], labels: Sequence[str]) -> np.ndarray:
        """``hits`` (texts x labels, boolean) without the labels whose words their text does not hold: a new
        array. Only the hits are looked up (a text without any predicted label costs nothing)."""
        out = np.array(hits, dtype=bool, copy=True)
        if len(texts) != out.shape[0]:
            raise InputValueError(f"evidence: {len(texts)} texts for {out.shape[0]} rows of labels")
        patterns = [self._patterns.get(label) for label in labels]
        rows, cols = np.nonzero(out)
        read: dict[int, str] = {}  # each text normalised once, and only when a word is not found as written
        for i, k in zip(rows.tolist(), cols.tolist(), strict=True):
            pattern = patterns[k]
            if pattern is not None and not _found(pattern, texts[i], read, i):
                out[i, k] = False
        return out

    @classmethod
    def from_dict(cls, value: Any) -> Evidence:
        """The evidence of a manifest's ``evidence`` object (:class:`ModelFormatError` when malformed)."""
        if not isinstance(value, dict):
            raise ModelFormatError(f"manifest: evidence must be an object of word lists, got {value!r:.60}")
        return cls(value)


def _found(pattern: re.Pattern[str], text: str, read: dict[int, str], key: int = 0) -> bool:
    """Whether ``pattern`` occurs in ``text`` as written or as the model reads it (its :func:`normalize` form,
    kept in ``read`` under ``key`` for the text's other labels)."""
    if pattern.search(text) is not None:
        return True
    if key not in read:
        read[key] = normalize(text)
    folded = read[key]
    return folded != text and pattern.search(folded) is not None
