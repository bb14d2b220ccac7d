"""The one catalogue of words shown to people: reports, the web page and the command line, in Chinese
(the default: the readers are clerks of proposal offices) and in English.

:func:`text` looks a message up by key and fills its ``{placeholders}``; :func:`check_lang` refuses a
language that is not in :data:`LANGS`. Every user-facing string of the report renderers, the web page and
the CLI is here, so a translation is one place to read.
"""

from __future__ import annotations

import errno
from typing import Any, TypeVar

from ._text import given
from .errors import InputTypeError, InputValueError, ProposalNLPError

__all__ = [
    "DEFAULT_LANG",
    "LANGS",
    "Listed",
    "check_lang",
    "error",
    "error_text",
    "has",
    "keys",
    "text",
    "theme_name",
    "themes_label",
]

_E = TypeVar("_E", bound=ProposalNLPError)

#: Languages the catalogue holds, the default first.
LANGS: tuple[str, ...] = ("zh", "en")
#: The language used unless one is asked for.
DEFAULT_LANG = "zh"

_CATALOGUE: dict[str, tuple[str, str]] = {
    # verdicts on a suggestion
    "verdict.answered": ("已答复", "answered"),
    "verdict.partly": ("部分答复", "partly answered"),
    "verdict.unanswered": ("未答复", "unanswered"),
    # how directly a reply unit answers a suggestion (the number shows on hover)
    "strength.direct": ("直接答复", "answers directly"),
    "strength.partial": ("部分相关", "partly related"),
    "strength.weak": ("未涉及", "not addressed"),
    # the answer cue that decided a verdict
    "cue.action": ("已办理/已落实", "already done"),
    "cue.plan": ("计划或承诺办理", "planned"),
    "cue.refusal": ("说明了不能办理的原因", "explains why it cannot be done"),
    "cue.forwarding": ("仅转交办理", "only forwarded to another office"),
    "cue.framing": ("仅为客套或收悉", "only thanks or acknowledgement"),
    # themes
    "theme.talent": ("人才", "talent"),
    "theme.funding": ("资金", "funding"),
    "theme.innovation": ("创新", "innovation"),
    "theme.awareness": ("宣传与意识", "awareness"),
    "theme.none": ("无主题", "no theme"),
    # the coverage report (HTML and text)
    "report.default_title": ("建议答复情况", "Suggestion coverage"),
    "report.coverage": ("覆盖率", "Coverage"),
    "report.coverage_line": (
        "覆盖率：{answered} 条已答复，{partly} 条部分答复，{unanswered} 条未答复，共 {total} 条建议；"
        "{unused} 段答复未回应任何建议{framing}。",
        "Coverage: {answered} answered, {partly} partly answered, {unanswered} unanswered of {total} "
        "suggestion(s); {unused} reply unit(s) answer none{framing}.",
    ),
    "report.unused_framing": ("（其中 {n} 段只是开头、结尾等客套）", " ({n} of them only framing: opening, closing…)"),
    "report.count.answered": ("{n} 条已答复", "{n} answered"),
    "report.count.partly": ("{n} 条部分答复", "{n} partly answered"),
    "report.count.unanswered": ("{n} 条未答复", "{n} unanswered"),
    "report.count.total": (
        "共 {total} 条建议，{unused} 段答复未回应任何建议{framing}",
        "{total} suggestion(s); {unused} reply unit(s) answer none{framing}",
    ),
    "report.share": ("覆盖率 {share}", "coverage {share}"),
    "report.share_title": (
        "已答复或部分答复的建议所占比例",
        "share of the suggestions answered or partly answered",
    ),
    "report.suggestions": ("建议", "Suggestions"),
    "report.reply": ("答复", "Reply"),
    "report.unanswered_list": ("未回应的建议", "Suggestions left unanswered"),
    "report.none_unanswered": ("每条建议都有回应。", "Every suggestion has an answer."),
    "report.themes": ("主题：{themes}", "themes: {themes}"),
    "report.covered": ("已回应：{terms}", "covered: {terms}"),
    "report.missing": ("未回应：{terms}", "not covered: {terms}"),
    "report.cue": ("答复情况：{cue}", "the reply: {cue}"),
    "report.basis_siblings": (
        "判断依据：答复回应了同一提案的其他建议，且本条最相关的段落不属于其他建议，故判为部分答复",
        "basis: the reply answers this proposal's other suggestions and its closest unit is this one's own, "
        "so it counts as partly answered",
    ),
    "report.basis_no_answer": (
        "判断依据：答复只有标题、开头或结尾（如“已收悉”“已转有关部门”），没有回应内容的段落，故判为未回应",
        "basis: the reply holds only its title, opening or closing (received, forwarded), no unit that answers, "
        "so every suggestion counts as unanswered",
    ),
    "report.no_reply_units": ("（没有答复段落）", "(no reply units)"),
    "report.answers": ("回应 {links}", "answers {links}"),
    "report.answers_none": ("未回应任何建议", "answers no suggestion"),
    "report.framing": ("（客套）", "(framing)"),
    "report.unused_units": ("未回应任何建议的答复段落：", "Reply units that answer no suggestion:"),
    "report.no_suggestions": (
        "没有找到建议：提案中没有以“建议”“希望”“请”等提出的要求，也没有编号列出的条目，所以无从核对答复。",
        "No suggestion found: the proposal holds no request (建议…, 希望…, 请…) and no numbered item, so there is "
        "nothing to check the reply against.",
    ),
    "report.score_title": ("得分 {score}（0–1）", "score {score} (0-1)"),
    "report.legend": (
        "得分在 0 到 1 之间：答复段落覆盖建议内容的比例（鼠标悬停可见数值）。"
        "“直接答复”：得分达到 {answered}；“部分相关”：达到 {partly}。由 proposalnlp 生成。",
        "Scores are in [0, 1]: the share of a suggestion a reply unit covers (hover to see the number). "
        '"Answers directly": a score of at least {answered}; "partly related": at least {partly}. '
        "Generated by proposalnlp.",
    ),
    "report.text_legend": (
        "得分：答复段落覆盖建议内容的比例（0–1）；● 直接答复，○ 部分相关。",
        "Scores: share of the suggestion a reply unit covers (0-1); ● answers directly, ○ partly related.",
    ),
    # the part and kind of a unit: the parse outline, the classify --document table and the HTML report's reply
    # column (English: the machine names of --json, unchanged)
    "unit.part.proposal": ("提案", "proposal"),
    "unit.part.reply": ("答复", "reply"),
    "unit.kind.background": ("背景", "background"),
    "unit.kind.problem": ("问题", "problem"),
    "unit.kind.suggestion": ("建议", "suggestion"),
    "unit.kind.point": ("要点", "point"),
    "unit.kind.header": ("文头", "header"),
    "unit.kind.opening": ("开头", "opening"),
    "unit.kind.section": ("段落", "section"),
    "unit.kind.item": ("条目", "item"),
    "unit.kind.next-step": ("下一步", "next-step"),
    "unit.kind.closing": ("结尾", "closing"),
    "unit.kind.other": ("其他", "other"),
    # the web page
    "api.classify.blank_text": (
        "texts[{index}]（第 {number} 项，共 {total} 项）为空或只有空白；"
        "请删去该项或填入文字后重发，本批没有任何文本被分类",
        "texts[{index}] is empty or holds only whitespace (item {number} of {total}, counting from 1): remove it or "
        "give it text and send again; no text of this batch was classified",
    ),
    "api.classify.blank_texts": (
        "texts 中有 {n} 项（共 {total} 项）为空或只有空白：texts{indexes}（从 0 起数，即第 {numbers} 项）；"
        "请删去这些项或填入文字后重发，本批没有任何文本被分类",
        "{n} of the {total} texts are empty or hold only whitespace: texts{indexes} (0-based; items {numbers} "
        "counting from 1): remove them or give them text and send again; no text of this batch was classified",
    ),
    "web.title": ("提案答复核对", "Check a reply to a proposal"),
    "web.intro": (
        "粘贴或上传提案与答复，查看每条建议是否得到回应。只有一份文件时，它应同时包含提案和答复。"
        "文件只在运行本服务的计算机上处理，不会发送到互联网。",
        "Paste or upload a proposal and its reply to see whether each suggestion is answered. With one "
        "document only, it must hold both the proposal and the reply. Files are processed only on the computer "
        "that runs this service, never sent to the internet.",
    ),
    "web.proposal": ("提案（或同时包含提案和答复的文件）", "Proposal (or one document holding both parts)"),
    "web.reply": ("答复（可选）", "Reply (optional)"),
    "web.paste": ("粘贴文字", "paste the text"),
    "web.or_upload": ("或上传文件：", "or upload a file:"),
    "web.formats": ("支持的文件格式：{formats}", "File formats: {formats}"),
    "web.answered": ("“已答复”阈值", "Threshold for answered"),
    "web.partly": ("“部分答复”阈值", "Threshold for partly answered"),
    "web.thresholds": ("阈值（可选，0–1，留空用默认值）", "Thresholds (optional, 0-1; empty for the defaults)"),
    "web.submit": ("核对答复", "Check the reply"),
    "web.download_html": ("下载 HTML 报告", "Download the HTML report"),
    "web.download_json": ("下载 JSON", "Download JSON"),
    "web.new": ("核对另一份", "Check another"),
    "web.language": ("English", "中文"),
    "web.api_docs": ("接口文档", "API docs"),
    "web.error": ("无法核对：{detail}", "Cannot check: {detail}"),
    "web.expired": (
        "这份报告已不在服务器缓存中，请重新提交。",
        "This report is no longer kept by the server; please submit again.",
    ),
    "web.too_large": (
        "上传的文件太大：一次最多 {limit}。请只上传提案和答复本身（例如把扫描件换成文字版），或请管理员用 "
        "--max-upload-bytes 调大上限。",
        "The upload is too large: at most {limit} at once. Upload only the proposal and its reply (a text version "
        "rather than a scan, say), or ask the administrator to raise --max-upload-bytes.",
    ),
    "web.need_proposal": ("请粘贴或上传提案。", "Paste or upload the proposal."),
    "web.no_reply": (
        "没有找到答复：“提案”一栏中只有提案，没有答复部分；请在“答复”一栏粘贴或上传答复，或给出同时包含提案和答复的文件。",
        "No reply found: the Proposal field holds a proposal without a reply part; paste or upload the reply in the "
        "Reply field, or give a file holding both.",
    ),
    "web.too_many_pairs": (
        "文档太大，无法一次核对：{suggestions} 条建议 × {units} 段答复，超过上限 {limit} 个组合；"
        "请把提案或答复分成几部分",
        "Too large to check at once: {suggestions} suggestion(s) × {units} reply unit(s) exceed the limit of {limit} "
        "pairs; split the proposal or the reply.",
    ),
    "web.swapped": (
        "“提案”一栏读起来只有答复，而“答复”一栏读起来是提案：两栏是否填反了？请把提案放在“提案”一栏，答复放在“答复”一栏。",
        "The Proposal field reads as a reply alone and the Reply field as a proposal: are they the wrong way round? "
        "Put the proposal in the Proposal field and the reply in the Reply field.",
    ),
    "web.no_proposal": (
        "“提案”一栏中没有找到提案部分（读起来只有答复）：请在“提案”一栏给出提案，或给出同时包含提案和答复的文件。",
        "No proposal part was found in the Proposal field (it reads as a reply alone): give the proposal there, "
        "or a file holding both the proposal and its reply.",
    ),
    "web.both_given": (
        "{field}：请只粘贴文字或只上传文件，不要两者都给。",
        "{field}: paste the text or upload a file, not both.",
    ),
    "web.bad_threshold": ("{field}必须是 0 到 1 之间的数。", "{field} must be a number between 0 and 1."),
    "web.bad_order": ("“部分答复”阈值不能大于“已答复”阈值。", "The partly threshold cannot exceed the answered one."),
    "web.in_upload": ("{field}一栏上传的文件 {file}：{error}", "the file {file} in the {field} field: {error}"),
    "web.field.proposal": ("“提案”", "Proposal"),
    "web.field.reply": ("“答复”", "Reply"),
    "web.unsupported": (
        "不支持的文件类型 {suffix}；支持：{formats}",
        "unsupported file type {suffix}; supported: {formats}",
    ),
    "web.table_upload": (
        "。这个页面一次核对一件提案；一张表格中的多件提案（每行一件提案和它的答复），请另存为 CSV 后在命令行用 "
        "proposalnlp match --batch 文件.csv 一次核对",
        ". This page checks one proposal at a time; for a table of proposals (one proposal and its reply a row), save "
        "it as CSV and check them all at once with proposalnlp match --batch FILE.csv",
    ),
    # the command line
    "cli.no_theme": ("无主题", "no theme"),
    "cli.themes": ("主题：{themes}", "themes: {themes}"),
    "cli.top": ("最可能的主题：{top}", "most likely: {top}"),
    "cli.top_none": (
        "最可能的主题：{top}（未达到任何主题的阈值）",
        "most likely: {top} (below every theme's threshold)",
    ),
    "cli.scores": ("各主题概率：", "probability of each theme:"),
    "cli.doc_themes": ("全文主题：{themes}", "document themes: {themes}"),
    "cli.doc_share": ("各主题所占篇幅：{shares}", "share of text: {shares}"),
    "cli.note.no_chinese": (
        "{prog}：提示：有 {n} 行不含汉字（第一行在 {where}）；主题模型只读中文，这些行的“无主题”并不说明内容",
        "{prog}: note: {n} rows hold no Chinese character (the first at {where}); the theme model reads Chinese "
        "only, so their \"no theme\" says nothing of what they are about",
    ),
    "cli.note.document_rows": (
        "{prog}：提示：前 {n} 行中有 {docs} 行是完整的文档（{chars} 字以上，可拆成多个段落）；整篇当作一段文字判断时，"
        "常常达不到任何主题的阈值（无主题）。加 --document 可逐段判断，再给出整篇的主题",
        "{prog}: note: {docs} of the first {n} rows are whole documents (over {chars} characters, several units); "
        "classified as one text, a document often reaches no theme's threshold (no theme). Add --document to "
        "classify it unit by unit, then the whole",
    ),
    "cli.note.document_text": (
        "{prog}：提示：这是一份完整的文档（{length} 字，{units} 个段落）；整篇当作一段文字判断时，常常达不到任何主题的"
        "阈值（无主题）。加 --document 可逐段判断，再给出整篇的主题",
        "{prog}: note: this is a whole document ({length} characters, {units} units); classified as one text, a "
        "document often reaches no theme's threshold (no theme). Add --document to classify it unit by unit, then "
        "the whole",
    ),
    "cli.html_written": ("HTML 报告已写入 {path}", "HTML report written to {path}"),
    "cli.html_written_many": ("{n} 份 HTML 报告已写入文件夹 {path}", "{n} HTML report(s) written to the folder {path}"),
    "cli.html_renamed": (
        "{n} 份报告另取了文件名（编号重复的依次加 -2、-3…，文件名中不能用的字符换成 _，Windows 保留的设备名如 CON "
        "后加 _，过长的编号截短）：{names}",
        "{n} report(s) got another file name (a repeated id gets -2, -3…, characters a file name cannot hold "
        "become _, a name Windows keeps for a device such as CON gets _, a long id is cut short): {names}",
    ),
    "cli.html_renamed_one": ("{rid} 的报告为 {name}", "{rid} → {name}"),
    "cli.batch_interrupted": ("已中断：已处理 {n} 件", "interrupted after {n} proposal(s)"),
    "cli.batch_interrupted_held": (
        "；--on-error fail 要等全部处理完才输出，所以没有输出任何结果（--on-error skip 边处理边输出）",
        "; --on-error fail prints only once every row is done, so nothing was printed (--on-error skip prints as "
        "it goes)",
    ),
    "cli.batch_interrupted_html": (
        "；{n} 份 HTML 报告已写入文件夹 {path}",
        "; {n} HTML report(s) are in the folder {path}",
    ),
    "cli.parse_field": ("{key}：{value}", "{key}: {value}"),
    "cli.parse_counts": (
        "提案 {proposal} 段（问题 {problems} 条，建议 {suggestions} 条），答复 {reply} 段",
        "{proposal} proposal units ({problems} problems, {suggestions} suggestions), {reply} reply units",
    ),
    "cli.example_title": ("示例提案与答复", "Example proposal and reply"),
    "cli.serve_open": (
        "在浏览器中打开 {url} 核对答复（Ctrl-C 停止服务）",
        "open {url} in a browser to check a reply (Ctrl-C stops)",
    ),
    "cli.trained": (
        "已用 {n} 条文本训练{mode}模型，保存到 {folder}",
        "trained a {mode} model on {n} texts; saved to {folder}",
    ),
    "cli.train_mode_multi": ("多标签", "multi-label"),
    "cli.train_mode_single": ("单标签", "single-label"),
    "cli.no_label": ("（无标签）", "(no label)"),
    "cli.train_cv": (
        "内部 {folds} 折交叉验证（留出部分）：macro-F1 {macro}，micro-F1 {micro}",
        "held-out (inner {folds}-fold) macro-F1 {macro}, micro-F1 {micro}",
    ),
    "cli.train_few": (
        "注意：训练数据太少（{labels}）；每个标签最好至少有 {min} 条文本，几十条以上更好。上面的交叉验证分数"
        "在这么少的数据上不可靠，模型也很难用于新的文本",
        "note: far too little training data ({labels}); give each label at least {min} texts, better dozens. The "
        "cross-validated score above is not reliable on so few texts, and the model will hardly work on new ones",
    ),
    "cli.train_cv_note": (
        "训练时内部 {folds} 折交叉验证的留出预测（词表取自全部训练文本；阈值和主导比例在同样的折上选定，"
        "因此略为乐观）",
        "{folds}-fold held-out predictions inside fit (vocabulary from all training texts; thresholds and the "
        "dominance ratio chosen on the same folds, so slightly optimistic)",
    ),
    "cli.eval_unknown_labels": (
        "注意：数据中的标签 {labels}（{rows} 行）不是这个模型的标签，模型永远不会预测它们；模型的标签是：{known}。"
        "标签写法不同（例如简称或错字）时，请改成模型的写法",
        "note: the label(s) {labels} of the data ({rows} row(s)) are not labels of this model, which never predicts "
        "them; the model's labels are: {known}. Where a label is spelt otherwise, use the model's spelling",
    ),
    "cli.train_few_label": ("“{label}”只有 {n} 条", "{label!r} has {n}"),
    # the evaluate table (proposalnlp evaluate)
    "eval.col.precision": ("精确率", "precision"),
    "eval.col.recall": ("召回率", "recall"),
    "eval.col.f1": ("F1值", "f1"),
    "eval.col.support": ("条数", "support"),
    "eval.col.tp": ("命中", "tp"),
    "eval.col.fp": ("误报", "fp"),
    "eval.col.fn": ("漏报", "fn"),
    "eval.col.tn": ("正确排除", "tn"),
    "eval.macro": ("宏平均", "macro avg"),
    "eval.micro": ("微平均", "micro avg"),
    "eval.accuracy": ("准确率：{value}", "accuracy: {value}"),
    "eval.exact_match": ("标签集合完全正确的比例：{value}", "exact match of label sets: {value}"),
    "eval.empty": (
        "没有标签的文本中，预测也没有标签的比例：{value}（共 {n} 条）",
        "texts without a label predicted empty: {value} (of {n})",
    ),
    "eval.confusion_matrix": (
        "混淆矩阵（行：真实标签，列：预测标签）",
        "confusion matrix (rows: true, columns: predicted)",
    ),
    "eval.confusion_per_label": (
        "各标签的混淆计数（命中：真实有、预测有；误报：真实无、预测有；漏报：真实有、预测无；正确排除：都无）",
        "confusion per label",
    ),
    "cli.note.id_column": (
        "{prog}：提示：各行以表中的“{column}”列标识（输出的第一列、--html 的报告名；该列为空的行用行号）；"
        "改用别的列请加 --id-column 列名。",
        "{prog}: note: rows are named by the table's \"{column}\" column (the output's first column, the --html "
        "reports' names; the row number where it is blank); another column: --id-column NAME.",
    ),
    "col.label": ("标签", "label"),
    "col.count": ("条数", "count"),
    "col.id": ("编号", "id"),
    "col.row": ("行", "row"),
    "col.file": ("文件", "file"),
    "col.kind": ("类型", "kind"),
    "col.part": ("部分", "part"),
    "col.themes": ("主题", "themes"),
    "col.scores": ("概率", "scores"),
    "col.text": ("文字", "text"),
    "col.error": ("错误", "error"),
    "col.suggestions": ("建议数", "suggestions"),
    "col.answered": ("已答复", "answered"),
    "col.partly": ("部分答复", "partly"),
    "col.unanswered": ("未答复", "unanswered"),
    "col.unanswered_ids": ("未答复的建议", "unanswered suggestions"),
    "col.unused": ("未回应建议的答复段落", "reply units answering none"),
    "col.unused_frame": ("其中客套", "of them framing"),
    "col.title": ("标题", "title"),
    # --- the command line: help -----------------------------------------------------------------------------
    "cli.description": (
        "阅读政府提案、建议及其答复：拆分结构、判断主题、核对答复。",
        "Read Chinese government proposals and their replies.",
    ),
    "cli.arg.help": ("显示帮助并退出", "show this help message and exit"),
    "cli.arg.version": ("显示版本号并退出", "show the version number and exit"),
    "cli.arg.debug": ("出错时显示完整的调用栈和调试日志", "show tracebacks and debug logs"),
    "cli.arg.lang": (
        "输出、帮助和错误信息的语言：zh（中文，默认）或 en（英文）；环境变量 PROPOSALNLP_LANG 可设默认值",
        "language of the output, help and errors: zh (Chinese, the default) or en; $PROPOSALNLP_LANG sets the default",
    ),
    "cli.arg.command": (
        "要运行的命令（proposalnlp 命令 --help 查看其说明）",
        "the command to run (COMMAND --help for its help)",
    ),
    "cli.arg.max_bytes_doc": (
        "每个文件最多读取的字节数（默认 {mib} MiB）",
        "read at most this many bytes per file (default {mib} MiB)",
    ),
    "cli.arg.max_bytes_batch": (
        "数据文件最多读取的字节数（默认 {gib} GiB）",
        "read at most this many bytes of data (default {gib} GiB)",
    ),
    "cli.arg.json": ("输出 JSON", "print JSON"),
    "cli.arg.model": (
        "主题模型文件夹（默认：自带的主题模型）",
        "theme model folder (default: the bundled theme model)",
    ),
    # parse
    "cli.parse.help": ("把提案/答复文档拆分为段落单元", "split a proposal/reply document into units"),
    "cli.parse.description": (
        "把提案和/或答复拆分为段落单元（背景、问题、建议、答复段落、条目、下一步工作……），以提纲或 JSON 形式输出。",
        "Split a proposal and/or its reply into units (background, problems, suggestions, reply sections, items, "
        "next steps...) and print them as an outline or as JSON.",
    ),
    "cli.parse.arg.file": (
        "文本文件（UTF-8、GB18030 或 UTF-16；也可以是 Word、PDF、网页），- 表示标准输入；可给出多个文件或一个文件夹"
        "（其中的 .txt、.docx、.pdf、.html 文件；--json 时每个文档输出一行 JSON）",
        "a text file (UTF-8, GB18030 or UTF-16; or Word, PDF, HTML), or - for stdin; several files or a folder "
        "(its .txt, .docx, .pdf and .html files) work too (with --json, one JSON line per document)",
    ),
    "cli.parse_file": ("文件：{path}", "file: {path}"),
    "cli.parse.arg.example": ("拆分自带的示例文档，而不是文件", "parse the bundled example instead of a file"),
    "cli.parse.arg.json": (
        "输出 JSON（标题、元数据、带偏移量的段落单元）",
        "print JSON (title, metadata, units with offsets)",
    ),
    "cli.parse.arg.width": (
        "提纲中每个段落显示的字符数（默认 60）",
        "characters of unit text shown in the outline (default 60)",
    ),
    # classify
    "cli.classify.help": (
        "判断一段文字、一个文件或一批 CSV/JSONL 数据的主题（人才、资金、创新、宣传与意识）",
        "themes (talent, funding, innovation, awareness) of a text, file or CSV/JSONL batch",
    ),
    "cli.classify.description": (
        "判断文字的主题：一段文字、一个文本文件、一整份文档，或一批 CSV/JSONL 数据。\n\n"
        '  proposalnlp classify "加大对中小企业的贷款贴息支持"          一段文字\n'
        "  proposalnlp classify --file 提案.txt [--document]            一个文本文件（整体，或逐段）\n"
        '  echo "……" | proposalnlp classify -                           标准输入\n'
        "  proposalnlp classify --file 数据.csv --text-column text [--json]   批量：表格，或加 --json 输出 JSONL\n\n"
        "批量数据逐行读取、分块判断，文件再大内存占用也有上限。出错的行（引号未闭合、字段数不对、\n"
        "JSON 无效、文字缺失或为空、字段过长）会标明文件和行号；--on-error 决定如何处理：\n\n"
        "  fail    （默认）停止，只输出错误信息：整个文件读完且没有出错的行之后才输出结果\n"
        "  skip    判断所有正确的行，按顺序输出；统计出错的行数\n"
        "  report  同 skip，并在出错行的位置输出一条错误记录（编号、行号、错误）\n\n"
        "使用 skip 和 report 时，结果边读边输出，结束时在标准错误输出出错行数；有出错的行时退出码为 1。",
        "The themes of a text, a text file, a whole document, or a CSV/JSONL batch.\n\n"
        '  proposalnlp classify "加大对中小企业的贷款贴息支持"      one text\n'
        "  proposalnlp classify --file proposal.txt [--document]   a text file (as one text, or unit by unit)\n"
        '  echo "..." | proposalnlp classify -                      stdin\n'
        "  proposalnlp classify --file data.csv --text-column text [--json]   a batch: table, or JSONL with --json\n\n"
        "Batches are read row by row and classified in chunks, so a file of any size runs in bounded memory.\n"
        "A bad row (an unterminated quote, the wrong number of fields, invalid JSON, a missing, null or empty\n"
        "text, a field over the limit) is named with its file and line; --on-error says what then:\n\n"
        "  fail    (default) stop and print nothing but the error: output is held back until the whole\n"
        "          file has been read without a bad row\n"
        "  skip    classify every good row, in order; count the bad ones\n"
        "  report  as skip, and write an error record (id, line, error) in the bad row's place in the output\n\n"
        "With skip and report, output is written as it goes, a count of bad rows goes to stderr at the end and\n"
        "the exit code is 1 if any row was bad.",
    ),
    "cli.classify.arg.text": ("要判断的文字，- 表示标准输入", "the text to classify, or - for stdin"),
    "cli.classify.arg.file": (
        "文本文件（作为一段文字），或 CSV/TSV/JSONL 批量文件（按后缀或 --format 判断）",
        "a text file (one text), or a CSV/TSV/JSONL batch (by suffix or --format)",
    ),
    "cli.classify.arg.format": ("输入格式（默认：按文件后缀）", "input format (default: from suffix)"),
    "cli.classify.arg.text_column": ("批量：文字所在的列（默认 text）", "batch: column with the text (default: text)"),
    "cli.classify.arg.id_column": (
        "批量：复制到输出中用来标识各行的列（默认：名为 id 或 提案号、编号 等常用编号列名的列，没有则用行号）",
        "batch: column copied to the output to identify rows (default: a column named id, or one of the usual "
        "headings of a proposal's number, else the row number)",
    ),
    "cli.classify.arg.document": (
        "把文字当作文档拆分，逐段判断主题；批量文件中每行当作一份文档，输出整份文档的主题",
        "parse the text as a document; classify each unit (in a batch file, each row is a document and gets the "
        "themes of the whole)",
    ),
    "cli.classify.arg.json": (
        "输出 JSON（批量时为 JSONL，每行一个对象）",
        "JSON output (JSONL, one object per row, for a batch)",
    ),
    "cli.classify.arg.n_jobs": (
        "批量：并行的进程数（默认 1；-1 表示使用全部 CPU）",
        "batch: worker processes (default 1; -1 for all CPUs)",
    ),
    "cli.classify.arg.on_error": (
        "批量：遇到出错的行时，fail（默认：不输出结果，报告行号）、skip（跳过）或 report（在输出中写一条错误记录）；"
        "skip/report 有出错的行时退出码为 1",
        "batch: on a bad row, fail (default: print nothing, name the line), skip it, or report it as an error "
        "record in the output; skip/report exit 1 if any row was bad",
    ),
    "cli.classify.arg.max_bytes": (
        "最多读取的字节数（默认：文字 {mib} MiB，批量文件 {gib} GiB）",
        "read at most this many bytes (default {mib} MiB for a text, {gib} GiB for a batch)",
    ),
    "cli.classify.arg.progress": (
        "批量：在标准错误输出显示进度条（默认：超过 {rows} 行且标准错误输出是终端时显示）",
        "batch: progress bar on stderr (default: on above {rows} rows if stderr is a terminal)",
    ),
    # train / evaluate
    "cli.train.help": (
        "用带标签的 CSV/JSONL 文件训练分类器，并保存为模型文件夹",
        "train a classifier on a labelled CSV/JSONL file and save it as a model folder",
    ),
    "cli.train.description": (
        "用自己的带标签 CSV/JSONL 数据训练分类器。\n\n"
        "数据文件：CSV 或 TSV（UTF-8、GB18030 或带 BOM 的 UTF-16，带表头行）或 JSONL（每行一个 JSON 对象）；\n"
        "格式按后缀（.csv、.tsv、.jsonl 或 .ndjson）判断，也可以用 --format 指定。\n\n"
        "标签（--label-column）：\n"
        "  - 每行一个标签（字符串）：训练普通的多类别分类器；\n"
        '  - 每行多个标签：训练多标签分类器。JSONL 中写成列表（["funding", "talent"]，没有标签写 []）；\n'
        '    CSV 中按 --label-sep 拆分单元格（例如 --label-sep "|"：funding|talent；空单元格表示没有标签）。\n'
        "    --multi-label 把单个标签当作只有一个元素的列表。",
        "Train a classifier on your own labelled CSV/JSONL data.\n\n"
        "Data files: CSV or TSV (UTF-8, GB18030 or UTF-16 with its BOM, with a header row) or JSONL (one JSON\n"
        "object per line); the format follows the suffix (.csv, .tsv, .jsonl or .ndjson) unless --format says\n"
        "otherwise.\n\n"
        "Labels (--label-column):\n"
        "  - one label per row (a string) trains an ordinary multi-class classifier;\n"
        '  - several labels per row train a multi-label one: in JSONL a list (["funding", "talent"], [] for none);\n'
        '    in CSV a cell split on --label-sep (e.g. --label-sep "|": funding|talent; an empty cell means no\n'
        "    label). --multi-label makes single labels one-element lists.",
    ),
    "cli.train.arg.data": (
        "带标签的 CSV/TSV/JSONL 文件，- 表示标准输入（此时请给出 --format）",
        "labelled CSV/TSV/JSONL file, or - for stdin (then give --format)",
    ),
    "cli.train.arg.output": ("要写入的模型文件夹", "model folder to write"),
    "cli.train.arg.overwrite": (
        "替换输出文件夹中已有的模型，或其中不属于模型的文件",
        "replace the model already in the output folder, or files there that are not a model",
    ),
    "cli.train.arg.param": (
        "ThemeClassifier 的参数，例如 C=1.0（可重复）",
        "ThemeClassifier parameter, e.g. C=1.0 (repeatable)",
    ),
    "cli.train.arg.json": ("以 JSON 输出训练摘要", "print the training summary as JSON"),
    "cli.train.arg.text_column": ("文字所在的列（默认 text）", "column with the text (default: text)"),
    "cli.train.arg.label_column": ("标签所在的列（默认 label）", "column with the label(s) (default: label)"),
    "cli.train.arg.label_sep": (
        '按此分隔符拆分 CSV 标签单元格（多标签），例如 "|"',
        'split CSV label cells on this separator (multi-label), e.g. "|"',
    ),
    "cli.train.arg.multi_label": (
        "把单个标签当作只有一个元素的标签列表",
        "treat single labels as one-element label lists",
    ),
    "cli.train.arg.format": ("数据格式（默认：按文件后缀）", "data format (default: from the suffix)"),
    "cli.train.arg.on_error": (
        "遇到出错的行时：fail（默认：停止并报告行号）或 skip（跳过，在标准错误输出计数；退出码为 1）",
        "on a bad row: fail (default: stop, naming its line) or skip it (counted on stderr; exit code 1)",
    ),
    "cli.evaluate.help": (
        "在带标签的文件上评估模型：精确率、召回率、F1 和混淆矩阵",
        "precision, recall, F1 and confusion matrix of a model on a labelled file",
    ),
    "cli.evaluate.description": (
        "在带标签的数据上评估一个模型文件夹（数据格式与 train 相同）。",
        "Evaluate a model folder on labelled data (same data format as train).",
    ),
    "cli.evaluate.arg.model": ("模型文件夹", "model folder"),
    "cli.evaluate.arg.json": ("以 JSON 输出评估报告", "print the report as JSON"),
    # match
    "cli.match.help": (
        "把每条建议与回应它的答复段落对应起来",
        "match each suggestion with the reply units that answer it",
    ),
    "cli.match.description": (
        "把提案的每条建议与回应它的答复段落对应起来，报告哪些建议已答复、部分答复或未答复。",
        "Match each suggestion of a proposal with the reply units that answer it and report which suggestions "
        "are answered, partly answered or left unanswered.",
    ),
    "cli.match.epilog": (
        "批量文件（--batch）读取的列：提案 proposal 与答复 reply（列名可用 --proposal-column、--reply-column 改），"
        "或同时包含两者的一列（--text-column）；编号列（--id-column，默认：名为 id 或 提案号、编号 等常用编号列名的列，"
        "没有则用行号）；"
        "其余列不读。输出（每件提案一行，制表符分隔）的列：{columns}；--json 时每件一行 JSON，键为 {keys}。",
        "Columns a --batch file is read for: the proposal (column proposal) and its reply (column reply; other "
        "names with --proposal-column, --reply-column), or one column holding both (--text-column); the id column "
        "(--id-column; default: a column named id, or one of the usual headings of a proposal's number, else the row "
        "number); other columns are not "
        "read. Columns written (one tab-separated row per proposal): {columns}; with --json one JSON line each, "
        "keys {keys}.",
    ),
    "cli.match.arg.file": (
        "同时包含提案和答复的文档，- 表示标准输入；给出多个文档或一个文件夹（其中的 .txt、.docx、.pdf、.html 文件，"
        "不含子文件夹）时，每个文档输出一行汇总，与 --batch 相同",
        "one document holding the proposal and its reply (or - for stdin); several documents, or a folder (its "
        ".txt, .docx, .pdf and .html files, not its sub-folders), give one summary row each, as --batch does",
    ),
    "cli.match.arg.proposal": ("提案（单独的文件）", "the proposal, as a separate file"),
    "cli.match.arg.reply": ("答复（单独的文件）", "the reply, as a separate file"),
    "cli.match.arg.example": ("使用自带的示例文档", "run on the bundled example document"),
    "cli.match.arg.problems": ("也核对提案中提出的问题", "match the proposal's problems too"),
    "cli.match.arg.top": ("每条建议显示的答复段落数（默认 4）", "reply units shown per suggestion (default 4)"),
    "cli.match.arg.answered": (
        "最高得分达到此值（0 到 1）的建议算作已答复（默认：模型的阈值）",
        "a suggestion whose best score reaches this (0 to 1) is answered (default: the model's)",
    ),
    "cli.match.arg.partly": (
        "最高得分达到此值、但未达到 --answered 的建议算作部分答复（默认：模型的阈值）",
        "a suggestion whose best score reaches this, but not --answered, is partly answered (default: the model's)",
    ),
    "cli.match.arg.json": ("输出 JSON，而不是便于阅读的报告", "print JSON instead of the readable report"),
    "cli.match.arg.html": (
        "另外把独立的 HTML 报告写入 OUT（OUT 是已有的文件夹时写入 OUT/文件名.html；与 --batch 同用或给出多个文档时 "
        "OUT 为文件夹，每件提案一个报告：OUT/编号.html 或 OUT/文件名.html；编号重复的依次加 -2、-3…，"
        "文件名中不能用的字符换成 _）",
        "also write a standalone HTML report to OUT (an existing folder gets OUT/<file name>.html; with --batch or "
        "several documents, OUT is a folder: one report per proposal, OUT/<id>.html or OUT/<file name>.html; a "
        "repeated id gets -2, -3…, characters a file name cannot hold become _)",
    ),
    "cli.match.arg.no_themes": ("不用默认主题模型标注主题", "do not add themes from the default theme model"),
    "cli.match.arg.batch": (
        "批量核对：CSV/TSV/JSONL 文件，每行一件提案及其答复；输出每件一行的汇总表（--json 时为 JSONL）",
        "check a batch: a CSV/TSV/JSONL file with one proposal and its reply per row; prints a summary table, one "
        "row per proposal (JSONL with --json)",
    ),
    "cli.match.arg.format": (
        "批量文件的格式（默认按扩展名判断）",
        "the batch file's format (default: from its suffix)",
    ),
    "cli.match.arg.id_column": (
        "批量文件中作为编号的列（默认：名为 id 或 提案号、编号 等常用编号列名的列，没有则用行号）",
        "the batch column that names each row (default: a column named id, or one of the usual headings of a "
        "proposal's number, else the row number)",
    ),
    "cli.match.arg.text_column": (
        "批量文件中同时包含提案和答复的列（给出时不用 --proposal-column/--reply-column）",
        "the batch column holding proposal and reply in one text (instead of --proposal-column/--reply-column)",
    ),
    "cli.match.arg.proposal_column": (
        "批量文件中提案的列（默认 proposal）",
        "the batch column of the proposal (default: proposal)",
    ),
    "cli.match.arg.reply_column": (
        "批量文件中答复的列（默认 reply）",
        "the batch column of the reply (default: reply)",
    ),
    "cli.match.arg.on_error": (
        "批量中出错的行（或无法读取、核对的文档）：fail 停止（默认）、skip 跳过、report 在输出中报告",
        "a bad row of a batch (or a document that cannot be read or matched): fail stops (default), skip leaves "
        "it out, report writes its error in its place",
    ),
    # serve
    "cli.serve.help": (
        "运行网页和 HTTP 服务（通过 JSON 调用 classify、match、parse）",
        "run the web page and the HTTP service (classify, match, parse over JSON)",
    ),
    "cli.serve.description": (
        "网页和 HTTP 服务（FastAPI + uvicorn；pip install 'proposalnlp[serve]'）。\n\n"
        "  proposalnlp serve                                   http://127.0.0.1:8000，自带的主题模型\n"
        "  proposalnlp serve --port 9000 --model 我的模型/      换一个端口和模型\n"
        "  proposalnlp serve --host 0.0.0.0 --allowed-hosts nlp.example.org   让其他计算机通过该名称访问\n\n"
        "在浏览器中打开 http://127.0.0.1:8000/ 核对答复（粘贴或上传提案及其答复）。\n"
        "接口：POST /classify、/match、/parse；GET /health、/version；接口文档在 /docs（无需联网）。",
        "The web page and the HTTP service (FastAPI + uvicorn; pip install 'proposalnlp[serve]').\n\n"
        "  proposalnlp serve                                   http://127.0.0.1:8000, the bundled theme model\n"
        "  proposalnlp serve --port 9000 --model my-model/     another port and model\n"
        "  proposalnlp serve --host 0.0.0.0 --allowed-hosts nlp.example.org   reachable by that name from other\n"
        "                                                      machines\n\n"
        "Open http://127.0.0.1:8000/ in a browser to check a reply (paste or upload a proposal and its reply).\n"
        "Endpoints: POST /classify, /match, /parse; GET /health, /version; API docs at /docs (no internet needed).",
    ),
    "cli.serve.arg.host": (
        "监听的地址（默认 127.0.0.1，仅本机可访问）",
        "address to listen on (default 127.0.0.1, this machine only)",
    ),
    "cli.serve.arg.port": ("端口（默认 8000）", "port (default 8000)"),
    "cli.serve.arg.max_bytes": (
        "请求体的最大字节数，超过则返回 413（默认 1 MiB）",
        "largest request body in bytes; larger ones get 413 (default 1 MiB)",
    ),
    "cli.serve.arg.allowed_hosts": (
        "服务接受的主机名，用逗号分隔（其他返回 400；'*' 表示任意，'*.example.org' 表示一个域名；"
        "默认：localhost、127.0.0.1、[::1] 和 --host 的地址）",
        "comma-separated Host names the service answers (others get 400; '*' any, '*.example.org' a domain; "
        "default: localhost, 127.0.0.1, [::1] and the --host address)",
    ),
    "cli.serve.arg.max_upload_bytes": (
        "网页提交的表单（含文件）的最大字节数（默认 16 MiB）",
        "largest form the web page may send with its files, in bytes (default 16 MiB)",
    ),
    "cli.serve.arg.max_pairs": (
        "一次 /match 请求最多的“建议 × 答复段落”组合数，超过则返回 413（默认 1,000,000）",
        "most suggestions × reply units one /match request may ask for; more get 413 (default 1,000,000)",
    ),
    "cli.serve.arg.concurrency": (
        "同时处理的耗时请求数，其余排队等待（默认：CPU 核数）",
        "heavy requests run at once; others wait (default: the CPUs)",
    ),
    "cli.serve.arg.body_timeout": (
        "客户端发送请求体的时限（秒），超时返回 408（默认 30）",
        "seconds a client has to send its body; then 408 (default 30)",
    ),
    "cli.serve.arg.log_level": (
        "uvicorn 的日志级别；debug 时也显示本程序的调试信息（如读取异常 PDF 时 pypdf 的警告）",
        "uvicorn log level; debug also shows this package's debug records (e.g. pypdf's warnings about an odd PDF)",
    ),
    # --- the command line: argparse's own words -------------------------------------------------------------
    "cli.usage_prefix": ("用法：", "usage: "),
    "cli.positionals": ("位置参数", "positional arguments"),
    "cli.optionals": ("选项", "options"),
    "cli.error_line": ("{prog}：错误：{message}", "{prog}: error: {message}"),
    "cli.bad_lang": (
        "未知的语言 {lang!r}（{source}）；请用 zh 或 en / unknown language {lang!r} ({source}); use zh or en",
        "unknown language {lang!r} ({source}); use zh or en / 未知的语言 {lang!r}（{source}）；请用 zh 或 en",
    ),
    "argparse.required": ("缺少必需的参数：{args}", "the following arguments are required: {args}"),
    "argparse.unrecognized": ("无法识别的参数：{args}", "unrecognized arguments: {args}"),
    "argparse.invalid_choice": (
        "参数 {arg}：无效的值 {value}（可选：{choices}）",
        "argument {arg}: invalid choice: {value} (choose from {choices})",
    ),
    "argparse.expected_one": ("参数 {arg}：需要一个值", "argument {arg}: expected one argument"),
    "argparse.expected_at_most_one": ("参数 {arg}：最多只能有一个值", "argument {arg}: expected at most one argument"),
    "argparse.expected_at_least_one": ("参数 {arg}：至少需要一个值", "argument {arg}: expected at least one argument"),
    "argparse.expected_n": ("参数 {arg}：需要 {n} 个值", "argument {arg}: expected {n} arguments"),
    "argparse.invalid_type": ("参数 {arg}：无效的 {type} 值：{value}", "argument {arg}: invalid {type} value: {value}"),
    "argparse.not_allowed": (
        "参数 {arg}：不能与参数 {other} 同时使用",
        "argument {arg}: not allowed with argument {other}",
    ),
    "argparse.ignored_explicit": (
        "参数 {arg}：不接受值，忽略了 {value}",
        "argument {arg}: ignored explicit argument {value}",
    ),
    "argparse.one_required": ("必须给出参数 {args} 之一", "one of the arguments {args} is required"),
    "argparse.ambiguous": (
        "选项 {option} 有歧义，可能是 {matches}",
        "ambiguous option: {option} could match {matches}",
    ),
    "argparse.argument": ("参数 {arg}：{message}", "argument {arg}: {message}"),
    # --- the command line: checked values (argparse types) ---------------------------------------------------
    "cli.type.whole_number": ("应为整数，实际为 {value!r}", "expected a whole number, got {value!r}"),
    "cli.type.number": ("应为数字，实际为 {value!r}", "expected a number, got {value!r}"),
    "cli.type.fraction": ("应为 0 到 1 之间的数，实际为 {value!r}", "expected a number from 0 to 1, got {value!r}"),
    "cli.type.port": ("应为端口号，实际为 {value!r}", "expected a port number, got {value!r}"),
    "cli.type.at_least_1": ("必须至少为 1，实际为 {value}", "must be at least 1, got {value}"),
    "cli.type.positive": ("必须是正数，实际为 {value}", "must be a positive number, got {value}"),
    "cli.type.zero_to_one": ("必须在 0 到 1 之间，实际为 {value}", "must be from 0 to 1, got {value}"),
    "cli.type.port_range": ("必须在 0 到 65535 之间，实际为 {value}", "must be between 0 and 65535, got {value}"),
    "cli.type.no_host": ("请至少给出一个主机名", "give at least one host name"),
    "cli.type.n_jobs": (
        "不能为 0：请给出进程数（1 或更多），或 -1（使用全部 CPU）",
        "cannot be 0: give a number of processes (1 or more), or -1 for all CPUs",
    ),
    # --- the command line: usage errors of the commands ------------------------------------------------------
    "cli.usage.stdin_twice": (
        "--proposal 和 --reply 不能都是 -：标准输入只能读取一次；请把其中之一保存为文件，"
        "或给出同时包含提案和答复的一个文件",
        "--proposal and --reply cannot both be -: standard input is read once; save one of them as a file, or give "
        "one file holding both",
    ),
    "cli.usage.match_inputs": (
        "请给出一个文档 FILE，或 --proposal A --reply B，或 --example",
        "give one document FILE, or --proposal A --reply B, or --example",
    ),
    "cli.usage.match_batch": (
        "--batch 不能与 FILE、--proposal、--reply、--example 同时使用",
        "--batch cannot be combined with FILE, --proposal, --reply or --example",
    ),
    "cli.usage.batch_format": (
        "无法从扩展名判断 {path} 的格式；请用 --format csv、tsv 或 jsonl",
        "cannot tell the format of {path} from its suffix; give --format csv, tsv or jsonl",
    ),
    "cli.usage.batch_tab_text": (
        "{path} 是以制表符分隔的文字文件（如 Excel 另存的“Unicode 文本”）：请加 --format tsv 按表格读取",
        '{path} is text separated by tabs (as Excel saves "Unicode Text"): add --format tsv to read it as a table',
    ),
    "cli.usage.batch_folder": (
        "{path} 是一个文件夹，不是数据表：这里要的是一个带表头的 CSV/TSV 文件或 JSONL 文件",
        "{path} is a folder, not a table: this wants a CSV/TSV file with a header row or a JSONL file",
    ),
    "cli.usage.match_batch_folder": (
        "{path} 是一个文件夹，不是数据表：--batch 要的是每行一条提案及答复的 CSV/TSV/JSONL 文件；"
        "要逐个核对文件夹中的文档（.txt、.docx、.pdf、.html），请去掉 --batch：proposalnlp match {path}",
        "{path} is a folder, not a table: --batch wants a CSV/TSV/JSONL file of one proposal and its reply a row; "
        "to check each document of the folder (.txt, .docx, .pdf, .html), leave out --batch: proposalnlp match "
        "{path}",
    ),
    "err.table_as_document": (
        "{path}：这不是一份同时包含提案和答复的文档，而是一个数据表；要逐行核对表格中的提案和答复，请加 --batch："
        "proposalnlp match --batch {path}",
        "{path}: this is no document holding a proposal and its reply but a table; to check the table's proposals "
        "and replies row by row, add --batch: proposalnlp match --batch {path}",
    ),
    "cli.usage.batch_is_document": (
        "{path} 是一份文档（{suffix}），不是数据表：这里要的是带表头的 CSV/TSV 文件或 JSONL 文件，每行一条"
        "（不用 --format 时按文件后缀 .csv、.tsv、.jsonl 判断）",
        "{path} is a document ({suffix}), not a table: this wants a CSV/TSV file with a header row or a JSONL "
        "file, one row each (told by the suffix .csv, .tsv or .jsonl unless --format says)",
    ),
    "cli.usage.classify_text_is_file": (
        "“{text}”是文件名：要判断文件的内容请用 --file {text}（proposalnlp classify 的 TEXT 是要判断的文字本身）",
        "'{text}' is a file name: to classify the file's content use --file {text} (TEXT is the text to classify "
        "itself)",
    ),
    "cli.usage.classify_inputs": (
        "TEXT、-（标准输入）和 --file F 三者请只给一个",
        "give exactly one of TEXT, - (stdin) or --file F",
    ),
    "cli.usage.parse_inputs": (
        "请给出文件 FILE（- 表示标准输入），或 --example",
        "give a FILE (or - for stdin), or --example",
    ),
    "cli.usage.thresholds": (
        "--partly/--answered：“部分答复”阈值（{partly}）不能大于“已答复”阈值（{answered}）；"
        "请同时给出两者，或给出位于另一方默认值合理一侧的值",
        "--partly/--answered: partly ({partly}) cannot exceed answered ({answered}); give both, or a value "
        "on the right side of the other's default",
    ),
    "cli.usage.param_form": (
        "--param 的格式应为 name=value，实际为 {item!r}",
        "--param expects name=value, got {item!r}",
    ),
    "cli.usage.param_unknown": ("未知的 --param {unknown}；可用：{valid}", "unknown --param {unknown}; valid: {valid}"),
    "cli.usage.html_folder": (
        "--html：{path} 是一个文件；核对一批提案（--batch，或多个文档、一个文件夹）时，"
        "--html 应给出文件夹，每件提案一个报告",
        "--html: {path} is a file; with a batch (--batch, several documents or a folder) --html names a folder, "
        "for one report per proposal",
    ),
    "cli.usage.model_exists": (
        "输出文件夹 {path} 中已有一个模型；要替换它请加 --overwrite，或换一个输出文件夹",
        "the output folder {path} already holds a model; add --overwrite to replace it, or choose another folder",
    ),
    "cli.usage.param_bad": ("--param 的值不可用：{detail}", "--param: {detail}"),
    "cli.usage.eval_single": (
        "这是单标签模型：数据的 {column!r} 列每行应只有一个标签；请不要用 --label-sep 或 --multi-label"
        "（或用多标签数据训练的模型来评估）",
        "this model is single-label: each row's {column!r} should hold one label; leave out --label-sep and "
        "--multi-label (or evaluate a model trained on multi-label data)",
    ),
    "cli.bad_rows.skip": (
        "{prog}：{total} 行中有 {bad} 行有错误，已跳过（第一个错误：{first}）",
        "{prog}: {bad} of {total} rows were bad and skipped (first: {first})",
    ),
    "cli.bad_rows.report": (
        "{prog}：{total} 行中有 {bad} 行有错误，已在输出中报告（第一个错误：{first}）",
        "{prog}: {bad} of {total} rows were bad and reported in the output (first: {first})",
    ),
    "cli.bad_files.skip": (
        "{prog}：{total} 个文档中有 {bad} 个有错误，已跳过（第一个错误：{first}）",
        "{prog}: {bad} of {total} documents were bad and skipped (first: {first})",
    ),
    "cli.bad_files.report": (
        "{prog}：{total} 个文档中有 {bad} 个有错误，已在输出中报告（第一个错误：{first}）",
        "{prog}: {bad} of {total} documents were bad and reported in the output (first: {first})",
    ),
    "cli.usage.stdin_alone": (
        "标准输入（-）只能单独使用，不能与其他文档一起给出",
        "stdin (-) can only be given alone, not with other documents",
    ),
    "cli.bad_rows.skipped": (
        "{prog}：跳过了 {bad} 个有错误的行（第一个错误：{first}）",
        "{prog}: {bad} bad rows were skipped (first: {first})",
    ),
    "cli.serve_extra": (
        "网页和 HTTP 服务需要 FastAPI 和 uvicorn：pip install 'proposalnlp[serve]'",
        "the HTTP service needs FastAPI and uvicorn: pip install 'proposalnlp[serve]'",
    ),
    # --- errors a command-line user commonly meets (files, encodings, models) --------------------------------
    "err.in_file": ("{path}：{error}", "{path}: {error}"),  # as every other file error: the path, then what
    "err.no_such_file": ("{path}：文件不存在", "{path}: no such file"),
    "err.is_directory": ("{path}：这是一个文件夹，不是文本文件", "{path}: is a directory, not a text file"),
    "err.char_device": (
        "{path}：这是字符设备；请给出普通文件、FIFO 或 -（标准输入）",
        "{path}: is a character device; give a regular file, a FIFO or - (stdin)",
    ),
    "err.block_device": (
        "{path}：这是块设备；请给出普通文件、FIFO 或 -（标准输入）",
        "{path}: is a block device; give a regular file, a FIFO or - (stdin)",
    ),
    "err.not_a_file": (
        "{path}：不是文件；请给出普通文件、FIFO 或 -（标准输入）",
        "{path}: is not a file; give a regular file, a FIFO or - (stdin)",
    ),
    "err.too_large": (
        "{path}：文件大小 {size} 超过上限 {cap}；请调大 --max-bytes 或拆分文件",
        "{path}: {size} is more than the {cap} cap; raise --max-bytes or split it",
    ),
    "err.over_cap": (
        "{path}：输入超过 {cap}（--max-bytes 上限）；请调大 --max-bytes 或拆分文件",
        "{path}: more than {cap} of input (the --max-bytes cap); raise --max-bytes or split the file",
    ),
    "err.max_bytes": (
        "--max-bytes 必须是正的字节数，实际为 {value!r}",
        "--max-bytes must be a positive number of bytes, got {value!r}",
    ),
    "err.batch_format": (
        "无法从文件名后缀判断 {path!r} 的格式；请用 --format csv|tsv|jsonl",
        "cannot tell the format of {path!r} from its suffix; use --format csv|tsv|jsonl",
    ),
    "err.batch_is_document": (
        "{path}：这是 PDF 或 Word 文档，不是 CSV/TSV/JSONL 数据表",
        "{path}: this is a PDF or Word document, not a CSV/TSV/JSONL table",
    ),
    "err.batch_utf16": (
        "{path}：批量文件须为 UTF-8、GB18030 或带字节顺序标记（BOM）的 UTF-16 编码（此文件为不带 BOM 的 {codec}）；"
        "请在 Excel 中另存为“CSV UTF-8”",
        "{path}: batch files must be UTF-8, GB18030 or UTF-16 with a byte-order mark (this one is {codec} without "
        'one); save it from Excel as "CSV UTF-8"',
    ),
    "err.batch_decode": (
        "{path}，第 {line} 行：含有不是有效 {codec} 的字节（{reason}）；请把文件转换为 UTF-8",
        "{path}, line {line}: bytes that are not valid {codec} ({reason}); convert the file to UTF-8",
    ),
    "err.batch_json": (
        "{path}：这是 JSON 数据（第 1 行以 {{ 或 [ 开头），不是 CSV/TSV 表格；"
        "每行一个 JSON 对象的文件请用 --format jsonl 读取",
        "{path}: this is JSON (its first line opens with {{ or [), not a CSV/TSV table; read a file of one JSON "
        "object a line with --format jsonl",
    ),
    "err.batch_document_text": (
        "{path}：这个文件看起来是一份文档，不是 CSV/TSV 表格（第 1 行“{first}”不像表头）；这里要的是第 1 行为列名、"
        "以后每行一条数据的表格。要读取整份文档，请把它作为文档给出：proposalnlp match 文件、proposalnlp parse 文件，"
        "或 proposalnlp classify --file 文件 --format text",
        '{path}: this looks like a document, not a CSV/TSV table (its line 1 "{first}" is no header); this wants a '
        "table with the column names on line 1 and one row of data a line. To read the whole document, give it as "
        "a document: proposalnlp match FILE, proposalnlp parse FILE, or proposalnlp classify --file FILE --format "
        "text",
    ),
    "err.batch_markup": (
        "{path}：这是网页或 XML 文件（第 1 行以 < 开头），不是 CSV/TSV 表格；请在 Excel 或 WPS 中打开，"
        "另存为“CSV UTF-8（逗号分隔）”文件",
        "{path}: this is a web page or an XML file (its first line opens with <), not a CSV/TSV table; open it in "
        "Excel or WPS and save it as CSV (UTF-8)",
    ),
    "err.batch_sep.tab": (
        "{path}：表头只有一列，其中有制表符：这个文件是以制表符分隔的，请加 --format tsv",
        "{path}: the header is one column holding tabs: the file is separated by tabs; add --format tsv",
    ),
    "err.batch_sep.comma": (
        "{path}：表头只有一列，其中有逗号：这个文件是以逗号分隔的，请用 --format csv",
        "{path}: the header is one column holding commas: the file is separated by commas; use --format csv",
    ),
    "err.batch_sep.semicolon": (
        "{path}：表头只有一列，其中有分号：这个文件是以分号分隔的（某些语言版本的 Excel 这样保存）；"
        "请在 Excel 或 WPS 中另存为“CSV UTF-8（逗号分隔）”",
        "{path}: the header is one column holding semicolons: the file is separated by semicolons (as Excel saves "
        "it in some languages); save it as CSV UTF-8 (comma delimited) in Excel or WPS",
    ),
    "err.batch_sep.fullwidth": (
        "{path}：表头只有一列，其中有中文全角逗号“，”：CSV 文件的各列要用英文半角逗号“,”分隔；"
        "请把作分隔用的“，”换成“,”，或在 Excel 或 WPS 中另存为“CSV UTF-8（逗号分隔）”",
        "{path}: the header is one column holding Chinese full-width commas (，): CSV columns are separated by the "
        "ASCII comma (,); replace the separating ， with , or save the table as CSV (UTF-8) in Excel or WPS",
    ),
    "cli.usage.batch_spreadsheet": (
        "{path} 是 Excel 或 WPS 表格：请在 Excel 或 WPS 中另存为“CSV UTF-8（逗号分隔）”文件，再给出这个 .csv 文件",
        "{path} is an Excel or WPS spreadsheet: save it as CSV (UTF-8) in Excel or WPS and give that .csv file",
    ),
    "err.no_column": (
        "{path}：没有 {column!r} 列；现有的列：{columns}",
        "{path}: no column {column!r}; columns are {columns}",
    ),
    "err.no_column_guess": (
        "{path}：没有 {column!r} 列；现有的列：{columns}。请用 {option} 给出列名，例如 {option} {guess}",
        "{path}: no column {column!r}; columns are {columns}: give the column's name with {option}, e.g. "
        "{option} {guess}",
    ),
    "err.no_column_option": (
        "{path}：没有 {column!r} 列；现有的列：{columns}。请用 {option} 给出列名",
        "{path}: no column {column!r}; columns are {columns}: give the column's name with {option}",
    ),
    "err.header_repeats": (
        "{path}，第 1 行：表头中有重复的列 {columns}",
        "{path}, line 1: the header repeats the column(s) {columns}",
    ),
    "err.bad_file_fail": (
        "{error}（用 --on-error skip 或 report 可继续处理其余文档）",
        "{error} (--on-error skip or report processes the other documents)",
    ),
    "err.bad_file_fail.html": (
        "{error}（用 --on-error skip 或 report 可继续处理其余文档）；出错之前的 {n} 份 HTML 报告已写入文件夹 {path}，"
        "出错的文档及其后的文档没有报告",
        "{error} (--on-error skip or report processes the other documents); the {n} HTML report(s) of the documents "
        "before it are in the folder {path}, the failing document and those after it have none",
    ),
    "err.bad_row_fail.html": (
        "{error}（用 --on-error skip 或 report 可继续处理其余各行）；出错之前的 {n} 份 HTML 报告已写入文件夹 {path}，"
        "出错的行及其后的各行没有报告",
        "{error} (--on-error skip or report processes the other rows); the {n} HTML report(s) of the rows before "
        "it are in the folder {path}, the failing row and those after it have none",
    ),
    "err.serve_port_in_use": (
        "端口 {port} 已被占用（{host}）：请用 --port 换一个端口，或先停止占用它的程序（例如另一个 proposalnlp serve）",
        "port {port} is already in use ({host}): choose another with --port, or stop the program that holds it "
        "(another proposalnlp serve?)",
    ),
    "err.serve_host": (
        "无法监听地址 {host}：{detail}（--host 应是本机的地址，例如 127.0.0.1 或 0.0.0.0）",
        "cannot listen on {host}: {detail} (--host is an address of this machine, e.g. 127.0.0.1 or 0.0.0.0)",
    ),
    "err.serve_bind": ("无法监听 {host}:{port}：{detail}", "cannot listen on {host}:{port}: {detail}"),
    "err.no_documents": (
        "{path}：文件夹中没有可读取的文档（{suffixes}）",
        "{path}: the directory holds no document to read ({suffixes})",
    ),
    "err.bad_row_fail": (
        "{error}（用 --on-error skip 或 report 可继续处理其余各行）",
        "{error} (--on-error skip or report processes the other rows)",
    ),
    # a bad row of a batch file: where it is, then why (the marker in its place in a table)
    "cli.row_error": ("错误", "ERROR"),
    "err.row_of_many": (
        "{path}，第 {line} 行（第 {number} 条数据）：{reason}",
        "{path}, line {line} (data row {number}): {reason}",
    ),
    "err.row": ("{path}，第 {line} 行：{reason}", "{path}, line {line}: {reason}"),
    "err.row.header": ("{path}，第 {line} 行（表头）：{reason}", "{path}, line {line}: the header row has {reason}"),
    "err.row.long_field": ("有字段超过 {limit} 个字符", "a field longer than {limit} characters"),
    "err.row.unterminated": (
        "引号没有闭合（带引号的字段一直延续到文件末尾）",
        "an unterminated quote (the quoted field runs to the end of the file)",
    ),
    "err.row.bad_quote": (
        "引号的位置不对：以引号开头的字段，结尾的引号后面只能是分隔符或换行；字段中的引号要写成两个（\"\"）。"
        "是否有没有闭合的引号？",
        'a quote in the wrong place: in a field that starts with a quote, the closing quote must be followed by the '
        'separator or the end of the line; a quote inside a field is written twice (""). An unterminated quote?',
    ),
    "err.row.bare_cr": (
        "有单独的回车符（只用回车换行，旧式 Mac 格式？）；请在 Excel 或 WPS 中另存为“CSV UTF-8（逗号分隔）”",
        "a lone carriage return (lines that end in CR alone, the old Mac format?); save the table as CSV (UTF-8) "
        "in Excel or WPS",
    ),
    "err.row.nul": ("含有空字符（NUL；二进制文件？）", "a NUL character (binary data?)"),
    "err.row.bad_csv": ("这一行无法按 CSV 格式读取", "something that cannot be read as CSV"),
    "err.row.long_line": ("这一行超过 {limit} 个字符", "a line longer than {limit} characters"),
    "err.row.bad_json": ("不是有效的 JSON（第 {column} 列：{reason}）", "not valid JSON: {reason} (column {column})"),
    "err.row.not_object": ("应为 JSON 对象 {{…}}，实际为 {kind}", "expected a JSON object, got {kind}"),
    "err.row.no_column": ("缺少 {column!r}", "no {column!r}"),
    "err.row.null": ("{column!r} 为 null（没有值）", "{column!r} is null"),
    "err.row.empty": ("{column!r} 为空", "{column!r} is empty"),
    "err.row.not_text": ("{column!r} 不是文字（{kind}）", "{column!r} is not text ({kind})"),
    "err.row.fields": ("有 {n} 个字段，而表头有 {width} 列", "{n} fields where the header has {width}"),
    "err.row.text_not_text": ("{column!r} 不是文字：{value}", "{column!r} is not text: {value}"),
    "err.row.empty_label": (
        "{path}，第 {line} 行：标签为空；多标签数据中有没有标签的行时，请用 --label-sep 或 --multi-label",
        "{path}, line {line} has an empty label; for multi-label data with unlabelled rows use --label-sep or "
        "--multi-label",
    ),
    "err.row.label_items": ("标签必须是字符串，实际为 {value}", "labels must be strings, got {value}"),
    "err.row.label_type": ("标签必须是字符串或列表，实际为 {value}", "a label must be a string or a list, got {value}"),
    "err.no_rows": (
        "{path}：没有数据行（文件为空，或只有表头行）",
        "{path}: no rows (the file is empty or holds only its header)",
    ),
    "err.no_good_rows": (
        "{path}：没有可用的数据行（第一个错误：{first}）",
        "{path}: no good rows (first bad: {first})",
    ),
    "err.example_missing": (
        "此安装中没有附带的示例文档（{detail}）；请给出文件 FILE 或 --proposal/--reply",
        "the bundled example document is not available in this installation ({detail}); pass a FILE or "
        "--proposal/--reply instead",
    ),
    "err.no_text_in": (
        "{path}：文件中没有可读取的文字（空白的 Word 文件、没有正文的网页？）",
        "{path}: the file holds no text to read (an empty Word file, a web page without body text?)",
    ),
    "err.no_text": (
        "文件中没有可读取的文字（空白的 Word 文件、没有正文的网页？）",
        "the file holds no text to read (an empty Word file, a web page without body text?)",
    ),
    "err.blank_file": ("{path}：文件为空或只有空白", "{path}: the file is empty or holds only whitespace"),
    "err.empty_text": ("文本为空或只有空白", "the text is empty or holds only whitespace"),
    "err.text_is_path": (
        "给出的文本 {path!r} 像是文件名，不是文件的内容：请先读取文件（proposalnlp.read(路径)）",
        "the text {path!r} looks like a file name, not a document's text: read the file with proposalnlp.read(path)",
    ),
    "err.empty": ("输入为空：{detail}", "empty input: {detail}"),
    "err.unknown_kind": (
        "{where}：未知的单元类型 {kind}，应为以下之一：{kinds}（或 None，不指定类型）",
        "{where}: unknown unit kind {kind}; expected one of {kinds} (or None for no kind)",
    ),
    "err.kinds_length": (
        "kinds 应与文本一一对应：给出了 {n_kinds} 个单元类型，文本却有 {n_texts} 段",
        "kinds must give one kind per text: {n_kinds} kinds for {n_texts} texts",
    ),
    "err.kinds_str": (
        "kinds 应为单元类型的列表（每段文本一个），不能是一个字符串（给出的是 {given}）",
        "kinds must be a list of unit kinds (one per text), not a single string (got {given})",
    ),
    "err.encoding_looks_like": (
        "文本看起来是 {likely} 编码，不是 UTF-8、GB18030 或 UTF-16；请转换为 UTF-8（例如 iconv -f {codec} -t UTF-8）",
        "the text looks like {likely}, not UTF-8, GB18030 or UTF-16; convert it to UTF-8 (e.g. iconv -f {codec} "
        "-t UTF-8) or decode it yourself and pass a str",
    ),
    "err.not_text": (
        "这些字节不是 UTF-8、GB18030 或 UTF-16 文本（二进制数据？）",
        "the bytes are not text in UTF-8, GB18030 or UTF-16 (binary data?); decode them yourself and pass a str",
    ),
    "err.bad_bytes": (
        "内容开头是 {codec} 编码，但第 {byte} 个字节处起不是有效的 {codec}；请修正或把文件转换为 UTF-8",
        "the bytes start as {codec} but are not valid {codec} at byte {byte}; fix or convert the file to UTF-8",
    ),
    "err.bad_bytes_line": (
        "内容开头是 {codec} 编码，但第 {line} 行起不是有效的 {codec}；请修正或把文件转换为 UTF-8",
        "the bytes start as {codec} but are not valid {codec} at line {line}; fix or convert the file to UTF-8",
    ),
    "err.swapped": (
        "--proposal 给出的 {proposal} 读起来只有答复，而 --reply 给出的 {reply} 读起来是提案：两个文件是否放反了？"
        "请用 --proposal {reply} --reply {proposal}",
        "{proposal} given with --proposal reads as a reply alone, and {reply} given with --reply reads as a "
        "proposal: are the two files swapped? Try --proposal {reply} --reply {proposal}",
    ),
    "err.batch_swapped": (
        "“{proposal}”列读起来只有答复，而“{reply}”列读起来是提案：两列是否放反了？"
        "请用 --proposal-column {reply} --reply-column {proposal}",
        "the '{proposal}' column reads as a reply alone, and the '{reply}' column reads as a proposal: are the two "
        "columns swapped? Try --proposal-column {reply} --reply-column {proposal}",
    ),
    "err.batch_no_proposal": (
        "“{column}”列中没有找到提案部分（读起来只有答复）：请检查这一行，或用 --proposal-column 给出提案所在的列",
        "the '{column}' column holds no proposal part (it reads as a reply alone): check this row, or name the "
        "proposal's column with --proposal-column",
    ),
    "err.batch_text_no_proposal": (
        "“{column}”列中没有找到提案部分（读起来只有答复）：--text-column 的每一格应同时包含提案和答复；"
        "提案和答复分在两列时，请用 --proposal-column 和 --reply-column",
        "the '{column}' column holds no proposal part (it reads as a reply alone): each cell of --text-column "
        "holds a proposal and its reply; when they are in two columns, name them with --proposal-column and "
        "--reply-column",
    ),
    "err.batch_text_no_reply": (
        "“{column}”列中没有找到答复部分：--text-column 的每一格应同时包含提案和答复；"
        "提案和答复分在两列时，请用 --proposal-column 和 --reply-column",
        "the '{column}' column holds no reply part: each cell of --text-column holds a proposal and its reply; "
        "when they are in two columns, name them with --proposal-column and --reply-column",
    ),
    "err.no_proposal": (
        "文档中没有找到提案部分（读起来只有答复）；请给出同时包含提案和答复的文件，或分别给出提案（--proposal）和答复（--reply）",
        "the document holds no proposal part (it reads as a reply alone): give a document holding both the "
        "proposal and its reply, or the proposal and the reply separately",
    ),
    "err.spreadsheet": (
        "文件是 Excel 工作簿，不是文档：表格请在 Excel 或 WPS 中另存为“CSV UTF-8（逗号分隔）”文件，"
        "再用 --file 或 --batch 读取",
        "the file is an Excel workbook, not a document: save the table as CSV (UTF-8) in Excel or WPS and give "
        "that file to --file or --batch",
    ),
    "err.zip_not_docx": (
        "文件是 zip 压缩包（或已损坏的 Word 文件），不是 Word .docx 文档",
        "the file is a zip archive (or a damaged Word file), not a Word .docx document",
    ),
    "err.old_doc": (
        "文件是旧版二进制 Word（.doc）或 Office 文件：请用 Word 或 WPS 另存为 .docx 后再读取",
        "the file is an old binary Word (.doc) or Office file: save it as .docx and read that",
    ),
    "err.name_not_content": (
        "文件名是 {suffix}，但内容不是 {suffix} 文件",
        "the name says {suffix} but the content is not a {suffix} file",
    ),
    "err.docx_unreadable": (
        "无法读取该 Word 文件（{detail}）：文件可能已损坏，请用 Word 或 WPS 打开后重新保存",
        "the Word file cannot be read ({detail})",
    ),
    "err.pdf_unreadable": (
        "无法读取该 PDF 文件（{detail}）：文件可能不完整或已损坏",
        "the PDF cannot be read ({detail})",
    ),
    "err.pdf_encrypted": (
        "该 PDF 已加密（设有打开密码）：请在 PDF 阅读器中输入密码打开，另存为（或打印为）不加密的 PDF 后再读取",
        "the PDF is encrypted (it has a password to open it): open it in a PDF reader with the password and save "
        "(or print) it as a PDF without one",
    ),
    "err.pdf_aes": (
        "该 PDF 使用 AES 加密，读取它需要 cryptography 包：pip install cryptography",
        "the PDF is AES-encrypted: reading it needs the cryptography package (pip install cryptography)",
    ),
    "err.pdf_detail.truncated": ("文件内容在中途结束", "the file ends too early"),
    "err.pdf_detail.other": ("技术信息：{detail}", "{detail}"),
    "err.html_unreadable": ("无法读取该网页文件（{detail}）", "the web page cannot be read ({detail})"),
    "err.not_a_document": ("{path}：这是一个文件夹，不是文档", "{path}: is a directory, not a document"),
    "err.no_chinese.proposal": (
        "提案中没有一个汉字：本工具只读中文的提案和答复，对读不懂的文字给不出结论；请给出中文的提案",
        "the proposal holds no Chinese character: proposalnlp reads Chinese proposals and replies and can give no "
        "verdict on text it cannot read; give the Chinese proposal",
    ),
    "err.no_chinese.reply": (
        "答复中没有一个汉字：本工具只读中文的提案和答复，对读不懂的文字给不出结论；请给出中文的答复",
        "the reply holds no Chinese character: proposalnlp reads Chinese proposals and replies and can give no "
        "verdict on text it cannot read; give the Chinese reply",
    ),
    "err.no_reply": (
        "文档中没有找到答复部分；请给出同时包含提案和答复的文件，或另外给出答复（--reply）",
        "the proposal document holds no reply part: pass reply=... (a text, a Document or paragraphs)",
    ),
    "err.formats_extra": (
        '读取 {what} 文件需要可选扩展 formats 中的 {package} 包：pip install "proposalnlp[formats]"',
        "reading {what} files needs the '{package}' package of the optional 'formats' extra: "
        'pip install "proposalnlp[formats]"',
    ),
    "err.formats_generic": ("缺少读取此文件格式所需的可选扩展：{detail}", "a format extra is missing: {detail}"),
    "err.pdf_no_text": (
        "该 PDF 没有文字层（可能是扫描件）：请先进行文字识别（OCR），或直接提供其文字",
        "the PDF has no text layer (a scan?): run OCR on it first, or give its text",
    ),
    "err.default_model_missing": (
        "附带的默认主题模型缺失（{folder} 中没有 {manifest}）：请重新安装 proposalnlp，或训练自己的模型后用它",
        "the bundled default theme model is missing ({folder} has no {manifest}); train it (see models/README.md) "
        "or pass model=path to your own model",
    ),
    "err.default_model_unpinned": (
        "附带的默认主题模型没有固定的校验值（缺少其 pin 文件）；训练后请运行 python -m proposalnlp.themes.api pin",
        "the bundled default theme model is not pinned (its pin file is missing); run `python -m "
        "proposalnlp.themes.api pin` after training it",
    ),
    "err.train.few_texts": ("训练至少需要 2 条文本，实际只有 {n} 条", "need at least 2 training texts, got {n}"),
    "err.train.no_labels": (
        "数据中没有任何标签；请至少给一条文本加上标签",
        "no labels at all in y; give at least one text a label",
    ),
    "err.train.one_class": (
        "单标签训练至少需要 2 个类别，实际只有 {classes}",
        "single-label training needs at least 2 classes, got {classes}",
    ),
    "err.train.no_features": (
        "训练文本中提取不到任何特征（只有标点、数字或空白？）；请给出含有词语的文本",
        "X: the training texts give no features (only punctuation, digits or whitespace?); give texts with words",
    ),
    "err.train.no_features_min_df": (
        "训练文本中提取不到任何特征（只有标点、数字或空白？或者每个词出现的次数都少于 min_df={min_df}）；"
        "请给出含有词语的文本",
        "X: the training texts give no features (only punctuation, digits or whitespace? or every term is rarer "
        "than min_df={min_df}); give texts with words",
    ),
    "err.no_model_folder": ("找不到模型文件夹 {path!r}", "no model folder at {path!r}"),
    "err.train_data": ("无法用这些数据训练模型：{detail}", "cannot train a model on this data: {detail}"),
    "err.model_is_file": (
        "{path!r} 是一个文件，不是模型：模型是 proposalnlp train -o 保存的文件夹",
        "{path!r} is a file, not a model: a model is the folder proposalnlp train -o saves",
    ),
    "err.model_manifest_file": (
        "{path!r} 是模型的清单文件：请给出它所在的文件夹 {folder!r}",
        "{path!r} is a model's manifest: give the folder that holds it, {folder!r}",
    ),
    "err.not_a_model": (
        "{path!r} 不是 proposalnlp 模型：其中没有 {manifest}",
        "{path!r} is not a proposalnlp model: it has no {manifest}",
    ),
    "err.save_to_file": (
        "无法把模型保存到 {path!r}：这是一个文件，而模型是一个文件夹",
        "cannot save a model to {path!r}: it is a file, a model is a folder",
    ),
    "err.save_not_empty": (
        "无法把模型保存到 {path!r}：该文件夹中有其他文件（{files}）；请选择空的或新的文件夹，"
        "或者整体替换它（命令行用 --overwrite）",
        "cannot save a model to {path!r}: the folder holds other files ({files}); choose an empty or new folder, "
        "or pass overwrite=True to replace it whole",
    ),
    "err.model_unsafe": (
        "模型被拒绝（加载它可能执行代码）：{detail}",
        "model refused (loading it could run code): {detail}",
    ),
    "err.model_integrity": (
        "模型文件校验失败（文件缺失，或与记录的 SHA-256 不符）：{detail}",
        "a model file failed its check (missing, or a SHA-256 mismatch): {detail}",
    ),
    "err.model_version": (
        "{where}：这个模型的格式版本为 {version}，本机的 proposalnlp {ours} 只能读取格式版本 {supported}："
        "请升级 proposalnlp，或用本机的 proposalnlp train 重新训练模型",
        "{where}: unsupported model format version {version}; this proposalnlp {ours} reads version(s) {supported}. "
        "Upgrade proposalnlp or retrain the model",
    ),
    "err.model_kind": (
        "{where}：不是这里要用的那种模型（其格式为 {found}，应为 {expected}）；"
        "主题模型是 proposalnlp train 保存的文件夹",
        "{where}: unknown model format {found} (expected {expected!r}); a theme model is a folder saved by "
        "proposalnlp train",
    ),
    "err.model_format": ("模型文件夹格式不正确：{detail}", "the model folder is malformed: {detail}"),
    "err.model": ("无法使用该模型：{detail}", "the model cannot be used: {detail}"),
    "err.os.not_found": ("找不到文件或文件夹：{path}", "no such file or directory: {path}"),
    "err.os.permission": ("没有权限访问：{path}", "permission denied: {path}"),
    "err.os.is_directory": ("{path} 是文件夹，不是文件", "{path} is a directory, not a file"),
    "err.os.not_directory": ("{path} 的路径中有一部分不是文件夹", "part of the path {path} is not a directory"),
    "err.os.exists": ("{path} 已存在", "{path} already exists"),
    "err.os.no_space": ("磁盘空间不足：{path}", "no space left on the device: {path}"),
    "err.os.other": ("系统错误：{detail}", "system error: {detail}"),
    # library errors as the command line says them (error_text(..., where="cli")): its options, not Python's
    "cli.err.not_text": (
        "内容不是 UTF-8、GB18030 或 UTF-16 编码的文字（二进制文件？）：请给出文本文件（.txt）、Word（.docx）、PDF "
        "或网页（.html）文件，或先把文件转换为 UTF-8 文本",
        "the content is not text in UTF-8, GB18030 or UTF-16 (a binary file?): give a text (.txt), Word (.docx), "
        "PDF or web page (.html) file, or convert the file to UTF-8 text first",
    ),
    "cli.err.encoding_looks_like": (
        "文本看起来是 {likely} 编码，不是 UTF-8、GB18030 或 UTF-16；请转换为 UTF-8（例如 iconv -f {codec} -t UTF-8）",
        "the text looks like {likely}, not UTF-8, GB18030 or UTF-16; convert it to UTF-8 (e.g. iconv -f {codec} "
        "-t UTF-8)",
    ),
    "cli.err.no_proposal": (
        "文档中没有找到提案部分（读起来只有答复）；请给出同时包含提案和答复的文件，或分别给出提案（--proposal）和答复（--reply）",
        "the document holds no proposal part (it reads as a reply alone): give a file holding both the proposal "
        "and its reply, or the proposal with --proposal and the reply with --reply",
    ),
    "cli.err.no_reply": (
        "文档中没有找到答复部分；请给出同时包含提案和答复的文件，或另外给出答复（--reply）",
        "the document holds no reply part: give a file holding both the proposal and its reply, or the reply "
        "with --reply",
    ),
    "cli.err.save_not_empty": (
        "无法把模型保存到 {path!r}：该文件夹中有其他文件（{files}）；请选择空的或新的文件夹，"
        "或用 --overwrite 整体替换它",
        "cannot save a model to {path!r}: the folder holds other files ({files}); choose an empty or new folder, "
        "or give --overwrite to replace it whole",
    ),
    "cli.err.default_model_missing": (
        "附带的默认主题模型缺失（{folder} 中没有 {manifest}）：请重新安装 proposalnlp，或用 proposalnlp train "
        "训练自己的模型，再用 --model 文件夹 指定它",
        "the bundled default theme model is missing ({folder} has no {manifest}): reinstall proposalnlp, or train "
        "your own model with proposalnlp train and give its folder with --model",
    ),
    "cli.err.train.no_labels": (
        "标签列中没有任何标签；请至少给一行加上标签（--label-column 指定标签所在的列）",
        "no labels at all in the label column; give at least one row a label (--label-column names the column)",
    ),
    "cli.err.train.no_features": (
        "训练文本中提取不到任何特征（只有标点、数字或空白？）；请给出含有词语的文本（--text-column 指定文字所在的列）",
        "the training texts give no features (only punctuation, digits or whitespace?); give texts with words "
        "(--text-column names the column)",
    ),
    "cli.err.train.no_features_min_df": (
        "训练文本中提取不到任何特征（只有标点、数字或空白？或者每个词出现的次数都少于 min_df={min_df}）；"
        "请给出含有词语的文本，或用 --param min_df=1",
        "the training texts give no features (only punctuation, digits or whitespace? or every term is rarer "
        "than min_df={min_df}); give texts with words, or --param min_df=1",
    ),
    # ... as the HTTP service says them to its clients (where="api": the JSON fields of /match)
    "api.err.no_reply": (
        "文档中没有找到答复部分：请在 \"reply\" 中给出答复，或在 \"proposal\" 中给出同时包含提案和答复的文字",
        'the proposal holds no reply part: send the reply in "reply", or a "proposal" text holding both the '
        "proposal and its reply",
    ),
    "api.err.no_proposal": (
        "\"proposal\" 中没有找到提案部分（读起来只有答复）：请在 \"proposal\" 中给出提案，答复放在 \"reply\" 中",
        'no proposal part was found in "proposal" (it reads as a reply alone): send the proposal in "proposal" '
        'and the reply in "reply", or one text holding both in "proposal"',
    ),
    "api.err.text_is_path": (
        "给出的文本 {path!r} 像是文件名，不是文件的内容：请在请求中发送文件中的文字",
        "the text {path!r} looks like a file name, not a document's text: send the document's text itself",
    ),
    # a request body the service cannot read (422: a missing field, a wrong type, malformed JSON), in the shape and
    # language of the library's refusals: "message" is api.req.invalid holding one api.req.* line per problem
    "api.req.invalid": ("请求有误：{problems}", "bad request: {problems}"),
    "api.req.count": ("……共 {n} 处错误", "… {n} errors in all"),
    "api.req.missing": ("缺少字段 \"{field}\"", 'the field "{field}" is missing'),
    "api.req.extra": ("未知字段 \"{field}\"（请检查字段名的拼写）", 'unknown field "{field}" (check its spelling)'),
    "api.req.string": ("\"{field}\" 应为一段文字（JSON 字符串）", '"{field}" should be a text (a JSON string)'),
    "api.req.string_or_list": (
        "\"{field}\" 应为一段文字，或由文字组成的列表",
        '"{field}" should be a text or a list of texts',
    ),
    "api.req.list": ("\"{field}\" 应为列表", '"{field}" should be a list'),
    "api.req.bool": ("\"{field}\" 应为 true 或 false", '"{field}" should be true or false'),
    "api.req.int": ("\"{field}\" 应为整数", '"{field}" should be a whole number'),
    "api.req.number": ("\"{field}\" 应为数字", '"{field}" should be a number'),
    "api.req.at_least": ("\"{field}\" 应不小于 {limit}", '"{field}" should be at least {limit}'),
    "api.req.at_most": ("\"{field}\" 应不大于 {limit}", '"{field}" should be at most {limit}'),
    "api.req.one_of": (
        "\"text\"（一段文字）和 \"texts\"（文字列表）须给出其中一个，且只能给一个",
        'give exactly one of "text" (one text) or "texts" (a list of texts)',
    ),
    "api.req.surrogate": (
        "\"{field}\" 中有无效的 Unicode 字符（不成对的代理项），请发送有效的文字",
        '"{field}" holds an unpaired surrogate: send valid Unicode',
    ),
    "api.req.other": ("\"{field}\" 的值不符合要求（{detail}）", '"{field}" is not valid ({detail})'),
    "api.req.json": ("请求体不是有效的 JSON（{detail}）", "the body is not valid JSON ({detail})"),
    "api.req.json_at": (
        "请求体不是有效的 JSON：第 {at} 个字符处有误",
        "the body is not valid JSON: an error at character {at}",
    ),
    "api.req.json_deep": ("请求体的 JSON 嵌套层数过多", "the body's JSON is nested too deeply"),
    "api.req.not_utf8": ("请求体不是 JSON 文字：须为 UTF-8 编码", "the body is not JSON text: it must be UTF-8"),
    "api.req.no_body": ("请求需要一个 JSON 对象作为请求体", "the request needs a JSON object body"),
    "api.req.not_json": (
        "请以 JSON 发送请求体，并带上请求头 Content-Type: application/json",
        "send the body as JSON with the header Content-Type: application/json",
    ),
    "api.req.object": ("请求体应为 JSON 对象（{…}）", "the body must be a JSON object ({…})"),
    "api.req.too_large": ("请求体过大：上限为 {limit} 字节", "request body too large: the limit is {limit} bytes"),
    "api.req.timeout": (
        "请求体未在 {seconds} 秒内传完，请重试",
        "the request body was not received within {seconds} s; try again",
    ),
    "api.req.match_fields": (
        "/match 接收 \"proposal\"（提案，或同时包含提案和答复的文字）和 \"reply\"（答复）",
        '/match takes "proposal" (the proposal, or a page holding the proposal and its reply) and "reply"',
    ),
    # ... and as the web page says them (where="web")
    "web.err.not_text": (
        "内容不是 UTF-8、GB18030 或 UTF-16 编码的文字（二进制文件？）：请上传文本文件（.txt）、Word（.docx）、PDF "
        "或网页（.html）文件，或直接粘贴文字",
        "the content is not text in UTF-8, GB18030 or UTF-16 (a binary file?): upload a text (.txt), Word "
        "(.docx), PDF or web page (.html) file, or paste the text",
    ),
    "web.err.text_is_path": (
        "填入的 {path!r} 像是文件名，不是文件的内容：请粘贴文件中的文字，或上传该文件",
        "{path!r} looks like a file name, not a document's text: paste the document's text, or upload the file",
    ),
    "web.err.old_doc": (
        "文件是旧版二进制 Word（.doc）或 Office 文件：请用 Word 或 WPS 另存为 .docx 后再上传",
        "the file is an old binary Word (.doc) or Office file: save it as .docx in Word or WPS and upload that",
    ),
    "web.err.encoding_looks_like": (
        "文本看起来是 {likely} 编码，不是 UTF-8、GB18030 或 UTF-16；请把文件另存为 UTF-8，或直接粘贴文字",
        "the text looks like {likely}, not UTF-8, GB18030 or UTF-16; save the file as UTF-8, or paste the text",
    ),
}


def check_lang(lang: Any) -> str:
    """``lang`` when it is one of :data:`LANGS` (``None``: :data:`DEFAULT_LANG`); else a clear error."""
    if lang is None:
        return DEFAULT_LANG
    if not isinstance(lang, str):
        raise InputTypeError(f"lang must be a str ({', '.join(LANGS)}) or None, got {given(lang)}")
    if lang.lower() not in LANGS:
        raise InputValueError(f"unknown language {lang!r} for lang; use one of {', '.join(LANGS)}")
    return lang.lower()


class Listed(tuple[str, ...]):
    """Names shown as a list in the reader's language (a file's columns: 编号、提案 in Chinese, ``编号, 提案`` in
    English); as a plain string, the English form."""

    def shown(self, lang: str) -> str:
        """The names joined as ``lang`` writes a list."""
        return ("、" if check_lang(lang) == "zh" else ", ").join(self)

    def __str__(self) -> str:
        return self.shown("en")

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)


def _in_lang(values: dict[str, Any], lang: str) -> dict[str, Any]:
    """``values`` with each :class:`Listed` written as ``lang`` writes a list."""
    return {k: v.shown(lang) if isinstance(v, Listed) else v for k, v in values.items()}


def text(key: str, lang: str = DEFAULT_LANG, /, **values: Any) -> str:
    """The message ``key`` in ``lang`` with its ``{placeholders}`` filled from ``values``."""
    try:
        entry = _CATALOGUE[key]
    except KeyError:
        raise KeyError(f"no message {key!r} in the catalogue") from None
    message = entry[LANGS.index(check_lang(lang))]
    return message.format(**_in_lang(values, lang)) if values else message


def theme_name(label: str, lang: str = DEFAULT_LANG) -> str:
    """A theme label as shown to people (人才 for ``talent``); a label the catalogue lacks (a custom
    model's) is shown as it is."""
    key = f"theme.{label}"
    return text(key, lang) if key in _CATALOGUE else label


def themes_label(themes: list[str], lang: str = DEFAULT_LANG) -> str:
    """Theme labels as shown to people, joined (人才、资金), or 无主题 / no theme."""
    sep = "、" if lang == "zh" else ", "
    return sep.join(theme_name(t, lang) for t in themes) if themes else text("theme.none", lang)


def has(key: str) -> bool:
    """Whether the catalogue holds ``key``."""
    return key in _CATALOGUE


def keys() -> tuple[str, ...]:
    """Every key of the catalogue (for checks that each has both languages)."""
    return tuple(_CATALOGUE)


def error(kind: type[_E], key: str, /, **params: Any) -> _E:
    """An error of class ``kind`` whose English message is the catalogue's ``key`` (filled from ``params``)
    and that carries ``key`` and ``params``, so :func:`error_text` can show it in Chinese too."""
    return kind(text(key, "en", **params)).keyed(key, **params)


#: Chinese renderings of library errors that carry no key, by class name (the English message follows).
_BY_CLASS = (
    ("FormatDependencyError", "err.formats_generic"),
    ("UnsafeModelError", "err.model_unsafe"),
    ("ModelIntegrityError", "err.model_integrity"),
    ("ModelFormatError", "err.model_format"),
    ("ModelError", "err.model"),
    ("EmptyInputError", "err.empty"),
)
_BY_ERRNO = {
    errno.ENOENT: "err.os.not_found",
    errno.EACCES: "err.os.permission",
    errno.EPERM: "err.os.permission",
    errno.EISDIR: "err.os.is_directory",
    errno.ENOTDIR: "err.os.not_directory",
    errno.ENOSPC: "err.os.no_space",
    errno.EEXIST: "err.os.exists",
}


def _keyed(exc: BaseException) -> bool:
    return isinstance(exc, ProposalNLPError) and exc.key is not None and exc.key in _CATALOGUE


def _own_key(exc: ProposalNLPError, where: str | None) -> str:
    """The key to show ``exc`` with: its place's own wording (``cli.err.not_text``) when the catalogue has one."""
    assert exc.key is not None
    return f"{where}.{exc.key}" if where is not None and f"{where}.{exc.key}" in _CATALOGUE else exc.key


def _reworded(exc: BaseException, where: str | None) -> bool:
    """Whether ``exc``, or an error among its params, has a wording of its own at ``where``."""
    if where is None or not isinstance(exc, ProposalNLPError) or not _keyed(exc):
        return False
    return _own_key(exc, where) != exc.key or any(
        isinstance(v, BaseException) and _reworded(v, where) for v in exc.params.values()
    )


def _lead(exc: ProposalNLPError) -> str:
    """What ``str(exc)`` holds before its catalogue message: where the error happened, put in front by the
    code that passed it on (``pairs[3]: `` by ``match_many``); empty when nothing was."""
    own = str(exc)
    try:
        english = text(exc.key or "", "en").format(**exc.params)
    except (KeyError, IndexError, ValueError):
        return ""
    return own[: -len(english)] if english and own != english and own.endswith(english) else ""


def error_text(exc: BaseException, lang: str = DEFAULT_LANG, *, where: str | None = None) -> str:
    """What to show a person for ``exc`` in ``lang``; ``where``: ``"cli"`` or ``"web"``, who is reading.

    English is ``str(exc)``, unchanged, unless the catalogue words the error for ``where`` (``cli.err.not_text``:
    what to do on the command line where the library's message says what to do in Python). Chinese is the
    catalogue's message when the error carries a ``key`` (:meth:`~proposalnlp.errors.ProposalNLPError.keyed`;
    an error among its ``params`` is rendered the same way), after the place ``str(exc)`` names before it
    (``pairs[3]：``); an ``OSError`` is told from its errno and file name; a model error, an empty input or a
    missing ``formats`` extra gets a Chinese lead-in before its English message; anything else is its English
    message.
    """
    if check_lang(lang) == "en" and not _reworded(exc, where):
        return str(exc)
    if isinstance(exc, ProposalNLPError) and _keyed(exc):
        params = {
            k: error_text(v, lang, where=where) if isinstance(v, BaseException) else v for k, v in exc.params.items()
        }
        try:
            shown = text(_own_key(exc, where), lang).format(**_in_lang(params, lang))
        except (KeyError, IndexError, ValueError):  # a key whose placeholders the raiser did not fill
            return str(exc)
        lead = _lead(exc)
        if lang == "zh" and lead.endswith(": "):
            lead = lead[:-2] + "："
        return lead + shown
    if isinstance(exc, OSError) and exc.errno in _BY_ERRNO:
        name = exc.filename if exc.filename is not None else ""
        if exc.filename2 is not None:
            name = f"{name} -> {exc.filename2}"
        return text(_BY_ERRNO[exc.errno], lang, path=name or exc.strerror)
    if isinstance(exc, OSError):
        return text("err.os.other", lang, detail=str(exc))
    names = {cls.__name__ for cls in type(exc).__mro__}
    for name, key in _BY_CLASS:
        if name in names:
            return text(key, lang, detail=str(exc))
    return str(exc)
