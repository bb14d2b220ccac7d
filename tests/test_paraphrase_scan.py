"""The paraphrase scan (devtools/paraphrase_scan.py) on invented texts only: no shared text is read."""

from __future__ import annotations

from pathlib import Path

from devtools.paraphrase_scan import RepoText, repo_texts, scan

# Invented "shared" corpus: one specific reply, two other replies, and a formula all three repeat.
_FORMULA = "感谢您对我们工作的关心、理解和支持"
_SHARED = [
    ("a", "经核实，北坡村灌溉水渠去年汛期冲毁约两百米，镇水利站已列入今冬修复计划，预计明年三月前完工。" + _FORMULA),
    ("b", "关于小区电梯频繁停运的问题，街道已约谈物业公司，要求本月底前完成全部维保。" + _FORMULA),
    ("c", "您反映的夜市噪音扰民问题，城管中队已调整摆摊时段，晚上十点后一律收摊。" + _FORMULA),
]


def _item(text: str) -> RepoText:
    return RepoText("x.py", 1, text)


def test_paraphrase_of_one_shared_text_is_flagged_with_its_id() -> None:
    # Same facts as "a", reworded: many rare 5-grams point at "a" alone.
    close = "据核实，北坡村灌溉水渠在去年汛期冲毁约两百米，现由镇水利站列入今冬修复计划，预计明年三月前可完工。"
    hits = scan([_item(close)], _SHARED)
    assert [h.shared_id for h in hits] == ["a"]
    assert hits[0].rare >= 7


def test_long_common_run_is_flagged_even_without_rare_grams() -> None:
    hits = scan([_item("答复：" + _FORMULA + "。")], _SHARED)
    assert {h.rare for h in hits} == {0}  # the formula is in all three: no rare 5-gram
    assert hits and hits[0].run == len(_FORMULA)


def test_fresh_text_and_a_short_formula_are_not_flagged() -> None:
    fresh = "关于公园健身器材锈蚀的问题，园林所已安排更换，下周开放。感谢您的支持"
    assert scan([_item(fresh)], _SHARED) == []


def test_repo_texts_reads_strings_and_comment_blocks_with_lines(tmp_path: Path) -> None:
    src = tmp_path / "t.py"
    src.write_text('x = 1\n# 第一行注释\n# 第二行注释\ns = "示例 文本"\nt = "ascii only"\n', encoding="utf-8")
    got = {(t.line, t.text) for t in repo_texts(src, "t.py")}
    assert got == {(2, "第一行注释第二行注释"), (4, "示例文本")}
