"""Invented policy sentences and the synthetic proposal + reply that benchmarks/bench_match.py times and
tests/test_match_fast_identity.py snapshots (one definition, so the two stay the same document)."""

from __future__ import annotations

import random

TOPICS = [
    "技术改造专项资金",
    "智能制造示范项目",
    "人才引进和培训",
    "企业上云和两化融合",
    "绿色工厂创建",
    "融资担保和贷款贴息",
    "产学研合作平台",
    "职业教育体系",
    "政策宣传和宣贯",
    "工作专班和考核机制",
]


def sentence(rng: random.Random) -> str:
    """One invented sentence joining two topics."""
    a, b = rng.sample(TOPICS, 2)
    verb = rng.choice(["加大", "推进", "完善", "强化", "落实", "支持"])
    return f"{verb}{a}，统筹{b}，县（市、区）{rng.randint(2, 90)}家企业参与。"


def synthetic_document(chars: int = 10_000, seed: int = 7) -> tuple[list[str], list[str]]:
    """Six invented suggestions and reply paragraphs of about ``chars`` characters in all."""
    rng = random.Random(seed)
    sugg = ["".join(sentence(rng) for _ in range(8)) for _ in range(6)]
    reply: list[str] = []
    total = sum(map(len, sugg))
    while total < chars:
        para = "".join(sentence(rng) for _ in range(rng.randint(3, 7)))
        reply.append(para)
        total += len(para)
    return sugg, reply


def synthetic_text(sugg: list[str], reply: list[str]) -> str:
    """The document as one text, as match() reads a file: 提案内容 with the suggestions numbered 一是、二是…, then
    答复内容 with the reply paragraphs."""
    nums = "一二三四五六七八九十"
    return (
        "提案内容:\n二、具体建议\n"
        + "\n".join(f"{nums[i % 10]}是{t}" for i, t in enumerate(sugg))
        + "\n答复内容:\n"
        + "\n".join(reply)
    )
