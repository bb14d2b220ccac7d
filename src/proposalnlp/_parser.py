"""The document parser and its lexicon: text -> units with offsets (the engine behind :func:`proposalnlp.parse`).

How the parser works (rules of Chinese official documents, no per-document tricks):

* A page is first read as the letter it holds, one character for one (:func:`_normalise_page`): the web page's
  furniture (breadcrumbs, 字号, 打印本页/关闭窗口, 发布时间, 来源, 浏览次数, 分享到, navigation bars, the site's
  footer) is blank space; a table copied as ``|``- or tab-separated rows is read one cell a line, a field's name
  and its value cell as ``name：value``; look-alike colons and a half-width stop after Chinese text are read as
  ``：`` and ``。``.
* Paragraphs are lines; a run of spaces containing a no-break space (or two or more spaces) inside a
  line is a paragraph break too (the Jiangsu layout writes whole proposals as one line).
* Part markers switch the part and the kind of what follows: 提案内容 / 答复内容, 调研情况 (background),
  问题分析 / 存在问题 (problem), 具体建议 / 为此建议 (suggestion), a greeting such as ``XX委员：`` and the
  ``……收悉`` paragraph (reply opening), 下一步 (next steps), thanks, signature, date and 抄送 (closing).
* Enumerations (一、 （一） 一是/一要/一靠/一无 第一， 第一步， 首先/其次/最后 1. 1、 1． 1） （1） ①) are accepted
  only as runs 1, 2, … of one style (a run may continue the numbering of another style: 一是 … 2、 3、). A list that
  starts inside an item is nested; a nested list of sub-points (一是, （1）, ①, 第一, 首先) written inline
  stays inside its parent, while a numbered list under a 一、 or （一） heading gives child units.
* The first item of a list merges with the lead-in before it when the lead-in is not a full sentence
  (``具体建议：为此建议：1、…`` is one unit), or when it is a short lead-in (up to 100 characters after the part's
  label) that announces the list with a colon, even holding a full sentence and the part's label said again
  (``具体建议：为…，需要统筹推进。具体建议：一是…``), also as a paragraph of its own after a few words on the label's
  line (``问题分析：…存在的问题／经调研，主要有以下不足：／1、…``); paragraphs inside an open item are its body. A
  numbered heading naming a part (…简介/概况/现状, …问题/原因, …建议/对策/呼吁) opens it. A sentence opening
  with 此外/另外/另一方面 starts a unit of the part, except 另一方面 answering an 一方面 earlier in its paragraph.
* A reply letter is read as a frame first (:func:`_reply_frame`): header lines before the salutation
  (类别, 公开, 文号, 签发人, its own title), the opening (salutation and the 收悉/答复如下 sentence), the body,
  and the closing found backwards from the end (thanks, 此复, signature, date, contacts, 抄送, remarks). A
  page holding a proposal's record form (提案号/提案人/内容/承办单位…) or a notice (建议内容（摘要）/
  办理复文（摘要）) is split into its proposal part and its reply part.
* A table whose columns are named in one row (提案号 提案人 内容 承办单位, a space, a tab or a bar apart) and filled
  in the rows below is read cell by cell under its column's name (:meth:`_Parser.column_events`); a navigation
  bar that runs into the letter's first line is blank; a salutation may name several people (欧阳明、司马青：,
  李明  王芳委员：) with one- or two-character surnames.
* Inside a reply's body: a proposal's part words (基本情况, 存在问题) are the answer's words; a line broken
  mid-sentence, an un-numbered heading line and a quotation over several lines run on into the next line; a
  numbered list inside one sentence after words of that sentence is numbered like any other (sections at the
  answer's highest level, inside a numbered section with a body of its own or a plan paragraph it stays there),
  and a list run inside a paragraph ends with it; a sentence opening with 下一步/下步
  starts the plans (those announced at its paragraph's end are under it); a reply stored as one line keeps its
  paragraph breaks as a space after a full stop.
* Afterwards, a nested sub-list inside a proposal's request becomes the request's points
  (:func:`_fold_points`), and a proposal without list markers is split into its requests.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass
from typing import Any, NamedTuple

__all__ = [
    "FIELD_LABEL",
    "FIELD_NAME",
    "TITLE_LINE",
    "TITLE_MAX",
    "Parsed",
    "UnitRecord",
    "is_blank",
    "is_title_line",
    "leading_frame",
    "parse_units",
    "trailing_frame",
]

#: One unit as the parser emits it: the fields of :class:`proposalnlp.document.Unit`, in order
#: (id, part, kind, level, parent, heading, text, start, end).
UnitRecord = tuple[str, str, str, int, str | None, str | None, str, int, int]


class Parsed(NamedTuple):
    """What :func:`parse_units` returns: the units in document order, the header's metadata and the title."""

    units: list[UnitRecord]
    metadata: dict[str, str]
    title: str | None
    #: sub-points (kind "point") of a proposal's problem or suggestion, by the id of the unit they belong to
    points: dict[str, list[UnitRecord]] | None = None


# --------------------------------------------------------------------------------------------------
# Lexical patterns
# --------------------------------------------------------------------------------------------------

_CN = "一二三四五六七八九十"
_CN_DIGIT = {c: i for i, c in enumerate("零一二三四五六七八九")}
_SPACE = " \t\xa0\u3000\ufeff\u200b"
_STRIP = " \t\r\n\f\v\x1c\x1d\x1e\x1f\x85\xa0\u3000\ufeff\u200b\u2028\u2029"
#: Characters after which a new sentence (and so a marker) may start.
_BOUND = set("。；;：:！!？?”’」』）)】》…")
#: Extra boundaries for inline sub-point markers (一是, 第一, 首先), which often follow a comma.
_SOFT_BOUND = set("，,、")
_CONTENT = re.compile(r"[^\s\ufeff\u200b：:，,]")
_SENT_END = re.compile(r"[。！？!?；;]")
_FULL_STOP = re.compile(r"[。！？!?]")
_LINE = re.compile(r"[^\r\n]+")
#: Inside a line, a run of two or more spaces (no-break or not) breaks the paragraph.
_SOFT_BREAK = re.compile(r"[ \t\xa0\u3000]{2,}(?![，,。、；;：:）)])")
_CJK = re.compile(r"[\u4e00-\u9fff]")

_ENUM = re.compile(
    rf"(?=[（(第{_CN}首其再最\d①-⑳Ⅰ-Ⅻ疑问关有对针])(?:"
    rf"(?P<cnp>[（(]\s?(?P<cnp_n>[{_CN}]{{1,3}})\s?[）)])"
    r"|(?P<np>[（(]\s?(?P<np_n>\d{1,2})\s?[）)])"
    # 其一， / 其一是 (after a boundary) number like 第一， / 一是; a reply taking the message's points in turn
    # numbers its parts by them: 关于第二点， / 有关第一个问题：
    rf"|(?P<di>(?:(?:关于|有关|对于|针对)(?=第))?(?:第|(?<![\u4e00-\u9fff])其)(?P<di_n>[{_CN}]{{1,3}})"
    r"(?:点|步|个问题)?\s?[、，,：:．.])"
    # 一是 / 一要 / 一靠 / 一无 (一无主管部门，二无…): the numbered points of the genre's inline lists
    rf"|(?P<shi>(?:(?<![\u4e00-\u9fff])其)?(?P<shi_n>[{_CN}]{{1,3}})[是要靠无])"
    rf"|(?P<cn>(?P<cn_n>[{_CN}]{{1,3}})\s?(?:[、．]|\.(?![.．])))"
    r"|(?P<seq>(?P<seq_w>首先|其次|再次|最后)\s?[，,：:、])"
    r"|(?P<num>(?P<num_n>\d{1,2})\s?(?:[、．]|\.(?![．.])))"
    r"|(?P<numr>(?P<numr_n>\d{1,2})\s?[）)])"
    r"|(?P<circ>[①-⑳])"
    r"|(?P<rom>第?(?P<rom_n>[Ⅰ-Ⅻ])\s?[、．.，,]?)"
    # a reply answering questions one by one: 疑问一：…答：… / 问题二：… (kept in a reply's body only)
    rf"|(?P<qa>(?:疑问|问题)(?P<qa_n>[{_CN}]{{1,3}})\s?[：:、．.]))"
)
_STYLES = ("cnp", "np", "di", "shi", "cn", "seq", "num", "numr", "circ", "rom", "qa")
#: Rank of the hierarchical numbering styles of official documents (一、 > （一） > 1. > （1） > ①).
_RANK = {"qa": 1, "cn": 1, "cnp": 2, "num": 3, "numr": 3, "rom": 3, "np": 4, "circ": 5}
_SEQ_N = {"首先": 1, "其次": 2, "再次": 3, "最后": 0}
#: Characters that make 一是 part of a word (统一是, 唯一是…) rather than a marker.
_NOT_BEFORE_SHI = set("统唯之这那第同单逐万专划归")
_NOT_BEFORE_NUM = set("第前后近约共达至每余超占或及和与到")

_LABELS: dict[str, str] = {
    "background": r"调研情况|背景情况|基本情况|调查情况|有关情况|情况分析|现状分析|背景",
    "problem": (
        r"问题分析|问题及(?:其)?(?:原因)?分析|问题(?:和|与|及)原因|存在(?:的)?(?:主要)?问题|主要问题|原因分析"
        r"|面临的(?:主要)?问题|当前(?:存在的)?(?:主要)?问题"
    ),
    "suggestion": (
        r"具体建议|对策(?:和|与|及)?建议|对策措施|意见建议|工作建议|几点建议|相关建议|有关建议|主要建议|政策建议"
        r"|具体意见|几点意见|意见如下"
        r"|下一?步(?:工作)?建议|建议如下|(?:为此|因此|对此|据此|鉴于此|鉴此)[，,]?\s?(?:我们|特|本人)?"
        r"(?:提出(?:如下|以下))?(?:几点)?建议|对策|建议"
    ),
}
#: First characters of every label above (a quick pre-check that keeps the search linear and fast).
_LABEL_FIRST = "调背基有情现问存主原面当具对意工几相政下建为因据鉴"
_PART_LABEL = re.compile(rf"(?=[{_LABEL_FIRST}])(?:" + "|".join(rf"(?P<{k}>{v})" for k, v in _LABELS.items()) + ")")
#: The number before a label (二、问题分析), matched backwards from the label.
_PREFIX_BEFORE = re.compile(rf"(?:[{_CN}]{{1,3}}\s?[、．.]|[（(][{_CN}]{{1,3}}[）)]|\d{{1,2}}\s?[、．.])\s?$")
#: Labels strong enough to be recognised even when the text runs into them without punctuation.
_STRONG_LABEL = re.compile(r"调研情况|问题分析|具体建议")
_AFTER_LABEL = re.compile(
    rf"[ \t\xa0\u3000]*[：:]|[ \t\xa0\u3000]*(?=[\r\n]|$)"
    rf"|[ \t\xa0\u3000]*(?=[{_CN}]{{1,3}}[、是]|[（(]|\d{{1,2}}\s?[、.．）)]|第[{_CN}]|首先)"
)
_HEADING_LABEL = re.compile(
    rf"(?:[{_CN}]{{1,3}}[、．]|[（(][{_CN}]{{1,3}}[）)])[^。！？；;!?\r\n\xa0]{{0,40}}?"
    r"(?P<what>建议|对策|思考|呼吁|问题|原因分析|原因|不足|困境|短板|难题|现状|简介|概况)"
    r"[ \t\xa0\u3000]*(?:[：:]|(?=[\r\n]|$|[ \t\xa0\u3000]{2}))"
)
_HEADING_KIND = {"建议": "suggestion", "对策": "suggestion", "思考": "suggestion", "呼吁": "suggestion"}
_HEADING_KIND.update(dict.fromkeys(("问题", "原因分析", "原因", "不足", "困境", "短板", "难题"), "problem"))
_HEADING_KIND.update(dict.fromkeys(("现状", "简介", "概况"), "background"))
_ORDER = {"none": 0, "background": 1, "problem": 2, "suggestion": 3}
_CLAUSE_LABEL = re.compile(
    r"(?P<what>问题|建议|对策|措施)(?:如下|主要有|有以下几[点个条方面]+)?[ \t\xa0\u3000]*[：:][ \t\xa0\u3000]*"
    rf"(?=[{_CN}]{{1,3}}[、是]|[（(][{_CN}\d]|\d{{1,2}}\s?[、.．）)]|第[{_CN}][、，,]|首先|[①-⑳]|[\r\n])"
)
_PROPOSAL_START = re.compile(
    r"(?:提案|建议|议案)(?:内容|正文|原文|摘要|全文)(?:\s*[（(]摘要[）)])?\s*[：:]?|案由\s*[：:]|原(?:提案|建议|议案)\s*[：:]"
    # a proposal appended after its reply: 附：64、标题：…, 附件：建议内容
    r"|(?:附(?:件)?\s*\d{0,2}\s*[：:]\s*(?:\d{1,4}\s*[、.．]\s*)?(?=标题|建议|提案|议案|关于|案由)"
    # 附：代表建议原文 / 附：\n第45号提案 / 附件\n李军代表建议： (the label alone on its line, the proposal below)
    r"|附(?:件)?\s*\d{0,2}\s*[：:]?\s*(?=(?:代表|委员)(?:建议|提案)|第\s*\d{1,4}\s*号(?:建议|提案|议案)"
    r"|[^\s，。：:]{1,12}(?:代表|委员)(?:的)?(?:建议|提案)[：:\n]))"
    r"(?![^\n]{0,20}(?:意见表|回执|反馈表|满意度|测评表))"  # 附：办理结果满意度测评表 is a closing's remark
)
_REPLY_START = re.compile(
    r"(?=[答办复回承单])(?:(?:答复|办理)(?:内容|意见|情况|复文)|办理答复|办理回复|答复(?:摘要|全文|正文)|复文(?:内容|摘要)?"
    r"|(?:承办|主办)?单位(?:答复|意见|回复)|答\s?复(?=[ \t\u3000]*[：:][ \t\xa0\u3000]*(?:\r?\n|$))"
    r"|回复(?:内容|意见))(?:\s*[（(]摘要[）)])?\s*[：:]?"
)
_SALUTATION = re.compile(
    r"(?:尊敬的)?[^\s，。：:,；;！!？?]{1,30}?(?:委员|代表|同志|先生|女士|主席|主委|委员会|党派|支部|小组|联组)(?:们)?"
    r"\s*[：:]"
)
_OPENING_CUE = re.compile(
    r"收悉|答复如下|现答复|现将.{0,12}答复|如下答复|感谢(?:您|你)|(?:您|你)(?:们)?(?:提出|所提|领衔)"
)
#: A paragraph that opens with the plans: 下一步， / 下步工作打算： / 在下一步工作中， / 下阶段， / 接下来，
#: / 今后一个时期，
_NEXT_STEP = re.compile(
    r"(?:在|对于)?(?:下一步|下步|下阶段|下一阶段|今后(?:一个?(?:时期|阶段)|一段时[期间])?|接下来)(?:工作)?"
    r"(?:打算|计划|安排|措施|重点|思路)?(?:中|里)?\s*[，,：:]"
)
#: The end of a plan paragraph that announces its list (…将：/ …重点做好以下几方面工作。): the list is under it.
_LIST_AHEAD = re.compile(r"(?:[：:]|(?:以下|如下|几个?方面|几点|几项)[^。；;\n]{0,12}[。：:])\s*$")
#: A paragraph that adds a point of its own after the answer's sections (此外，… / 另外，…).
_ASIDE = re.compile(r"(?:此外|另外)[，,]")
#: A sentence that turns to another question of the message: 至于扶贫政策，…
_TURN = re.compile(r"(?:至于|除了(?:以上|上述))(?=[\u4e00-\u9fff“《])")
_NEXT_STEP_HEAD = re.compile(r"\s?(?:下一步|下步|下阶段|下一阶段|今后)")
#: Thanks that close a reply written as one paragraph (only near the end of the text).
_CLOSING_INLINE = re.compile(r"(?:再次|衷心|诚挚|非常|十分)?感谢(?:您|你)")
_CLOSING = re.compile(
    r"(?:再次|衷心|诚挚|非常|十分|特此)?(?:感谢|谢谢)|特此(?:答复|函复|复函)|欢迎.{0,20}(?:监督|指导|意见)"
    r"|抄\s*送|联系人|联系电话"
)
_DATE_LINE = re.compile(
    r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|[二〇零一二三四五六七八九○]{4}年[一二三四五六七八九十]{1,2}月"
)
_SPLIT_CUE = re.compile(r"此外|另外|另一方面|究其原因")
#: 一方面 as the first of two sides (not the 另一方面 of an earlier pair).
_ONE_SIDE = re.compile(r"(?<!另)一方面")
_BLANK = re.compile(rf"[{_STRIP}：:]*")


def _skip_blank(text: str, pos: int) -> int:
    """The first position at or after ``pos`` that is neither whitespace nor a colon."""
    m = _BLANK.match(text, pos)
    return m.end() if m else pos


_CLOSE_CUE = re.compile(r"综上|总之|总而言之|总的来看|总体而言")
_TOPIC = re.compile(r"在[^，。；：:,\s]{1,12}(?:方面|层面)\s*[：:，,]")
_PROBLEM_CUE = re.compile(r"问题|困难|瓶颈|制约|短板|不足|滞后|薄弱|缺乏|难以|不够|突出")
_REPLY_CUE = re.compile(r"我(?:部|局|厅|办|署)|我委(?!员)|答复|收悉|回复如下")
#: An office naming itself in the first person (我大队, 我分局, 我街道, 我中心), as a reply does, not a proposal or a
#: citizen (我公司, 我乡, 我单位 are also where a citizen works or lives).
_OFFICE_SPEAKS = re.compile(r"我(?:大队|支队|中队|分局|街道办?|中心)(?![\u4e00-\u9fff]{0,2}(?:委员|代表))")
#: The writer of the message spoken to (你的建议, 您反映的, 你所提的…): the text answers the message.
_TO_THE_WRITER = re.compile(
    r"(?:您|你)(?:们)?(?:的(?:建议|意见|来信|留言|诉求|问题|反映)|所?(?:反映|提出|提|咨询|投诉|举报)的)"
)
#: The labels of a guide to a procedure: what to hand in and how it is done (材料准备, 申请材料, 办事流程, 办理时限…).
_GUIDE_LABEL = re.compile(r"(?:材料准备|申请材料|所需材料|办事流程|办理流程|办理程序|办理时限|收费标准)")
#: Sending the reader to an office or a number for the details (详情可到镇便民服务中心询问, 具体情况可咨询…).
_DETAILS_AT = re.compile(r"(?:详情|具体情况|具体事宜)(?:可|请)[^。！!？?\n]{0,20}?(?:查询|咨询|了解)")
_META_KEYS = (
    "文号|索引号|关键词|主题分类|体裁分类|服务对象|发布机构|发文机关|成文日期|发布日期|生成日期|标题|名称|编号"
    "|提案号|案号|建议号|提案人|提案者|领衔人|联名人|代表|委员|类别|分类|承办单位|主办单位|会办单位|办理单位"
    "|答复单位|签发人|联系人|联系电话|届次|时间|日期|公开方式|公开属性|界别|党派"
)
_META_LINE = re.compile(rf"(?P<key>{_META_KEYS})\s*[：:]\s*(?P<value>.*)")
#: Where the next field of a header line holding several (类别：B类 公开方式：主动公开 签发人：王明) starts.
_META_NEXT = re.compile(rf"\s+(?=(?:{_META_KEYS})\s*[：:])")


def _meta_fields(line: str, longest: int | None = None) -> list[tuple[str, str]]:
    """The (key, value) fields of a header line, several when it holds several (类别：B类 公开方式：主动公开); with
    ``longest``, fields longer than that are left out."""
    out = []
    for field in _META_NEXT.split(line):
        f = _META_LINE.fullmatch(field)
        if f and (longest is None or len(field) <= longest):
            out.append((f.group("key"), f.group("value").strip(_STRIP)))
    return out


#: The name of a form at the top of a page (…提案办理情况答复表, 代表建议办理情况登记表).
_FORM_TITLE = re.compile(
    r".{2,60}(?:提案|建议|议案|意见)(?:办理|答复|办理情况|办理结果|情况|答复情况)*(?:表|单|一览表|登记表)"
)
_ANYOU = re.compile(r"案\s*由\s*[：:]")
#: The label of a form's title field before the title itself: 案由：/ 由：(a table page that lost its 案) / 提案名称：
FIELD_LABEL = re.compile(r"^(?:(?:建议|提案|议案)?(?:名称|标题|题目)|(?:案\s*)?由)\s*[：:]\s*(?=\S)")
#: A document's own title line: 关于…的提案 / 关于…的答复 / 关于…的意见 / …的建议 / 第12号建议答复书; a form field's
#: label before it (由：关于…的提案) is allowed. The one definition the parser, the reports and the CLI share.
TITLE_LINE = re.compile(
    r"^关于.{2,80}(?:提案|建议|议案|答复|复函|的函|报告|回复|回函|复文|的意见|的通知)$"
    r"|^.{2,80}(?:的提案|的建议|的答复|的复函|的回复|的回函|的复文|答复书)$"
)
#: A title is one line of a few dozen characters: longer, it is a paragraph.
TITLE_MAX = 90


def is_title_line(line: str) -> bool:
    """Whether ``line`` (one line, stripped) reads as a document's own title (:data:`TITLE_LINE`): at most
    :data:`TITLE_MAX` characters and no sentence punctuation (。！？；), since a title is a name, not a sentence."""
    return len(line) <= TITLE_MAX and TITLE_LINE.search(line) is not None and _SENT_END.search(line) is None


def _cn_number(s: str) -> int:
    """Value of a Chinese numeral up to 99 (一, 十, 十二, 二十三)."""
    if "十" not in s:
        return _CN_DIGIT.get(s, 0) if len(s) == 1 else 0
    tens, _, units = s.partition("十")
    t = _CN_DIGIT.get(tens, 0) if tens else 1
    u = _CN_DIGIT.get(units, 0) if units else 0
    return t * 10 + u


# --------------------------------------------------------------------------------------------------
# Events
# --------------------------------------------------------------------------------------------------


@dataclass
class _Enum:
    pos: int
    end: int
    style: str
    n: int  # 0 means "last of the run" (最后)
    hard: bool  # at the start of a line
    run: int = -1
    run_first: bool = False


@dataclass
class _U:
    start: int
    part: str
    kind: str
    level: int
    parent: int | None
    label_end: int
    heading: str | None = None
    item: bool = False
    content: bool = False
    lead_para: bool = False  # a short lead-in paragraph after the label is in the unit (_lead_paragraph)


class _Text:
    """Look-ups over the original text: the character before a position, quotations, sentence ends."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.sent_ends = [m.start() for m in _SENT_END.finditer(text)]
        self.opens = [m.start() for m in re.finditer("“", text)]
        self.closes = [m.start() for m in re.finditer("”", text)]

    def prev_char(self, pos: int) -> tuple[str, bool, bool]:
        """The previous non-space character, whether a line break and whether a soft break lies between."""
        text = self.text
        i = pos - 1
        spaces = 0
        while i >= 0 and text[i] in _SPACE:
            spaces += 1
            i -= 1
        if i < 0:
            return "", True, True
        ch = text[i]
        if ch in "\r\n":
            return ch, True, True
        return ch, False, spaces >= 2

    def in_quote(self, pos: int) -> bool:
        """Whether ``pos`` lies inside a “quotation” opened less than 600 characters before."""
        k = bisect.bisect_left(self.opens, pos) - 1
        if k < 0 or pos - self.opens[k] > 600:
            return False
        c = bisect.bisect_left(self.closes, pos) - 1
        return c < 0 or self.closes[c] < self.opens[k]

    def in_closed_quote(self, pos: int) -> bool:
        """Whether ``pos`` lies inside a “quotation” that also closes after it (within 600 characters)."""
        if not self.in_quote(pos):
            return False
        c = bisect.bisect_left(self.closes, pos)
        o = bisect.bisect_left(self.opens, pos)
        if c >= len(self.closes) or self.closes[c] - pos > 600:
            return False
        return o >= len(self.opens) or self.opens[o] > self.closes[c]

    def has_sentence_end(self, lo: int, hi: int) -> bool:
        """Whether a sentence-final punctuation mark lies in ``text[lo:hi]``."""
        k = bisect.bisect_left(self.sent_ends, lo)
        return k < len(self.sent_ends) and self.sent_ends[k] < hi


#: The number that opens a numbered part (一、 1. （一） （1） ① 一是 第一，).
_PART_NUMBER = re.compile(
    rf"^(?:[{_CN}]{{1,3}}\s?[、．.]|\d{{1,2}}\s?[、.．]|[（(][^）)]{{1,3}}[）)]|[①-⑳]|[{_CN}]{{1,3}}是|第[{_CN}]{{1,3}}[、，,：:．.]?)"
)
#: A regulation's article number standing before its text (第九条, 第12条).
_ARTICLE_LABEL = re.compile(r"第[一二三四五六七八九十百零〇\d]{1,6}条$")


def _paragraphs(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, hard) of every non-blank paragraph; hard when it starts a line."""
    out: list[tuple[int, int, bool]] = []
    for m in _LINE.finditer(text):
        s0, e0 = m.start(), m.end()
        pos = s0
        hard = True
        for b in _SOFT_BREAK.finditer(text, s0, e0):
            if _names_apart(text, s0, b.start(), e0):
                continue
            art = _ARTICLE_LABEL.search(text, max(pos, b.start() - 12), b.start())
            if art and (art.start() == pos or text[art.start() - 1] in "。；;！!？?：:"):
                continue  # a quoted regulation's article number, spaces, then its text (…标志。第九条  有下列…)
            if b.start() > pos:
                _add_para(text, out, pos, b.start(), hard)
                hard = hard and not text[pos : b.start()].strip(_STRIP)
            pos = b.end()
        _add_para(text, out, pos, e0, hard)
    return out


def _names_apart(text: str, lo: int, pos: int, hi: int) -> bool:
    """Whether the spaces at ``pos`` separate names of one salutation (李明  王芳委员：): a short word before them,
    after a space or the line's start, begins a run of names that ends in a colon."""
    w = pos
    while w > lo and pos - w < 4 and _CJK.match(text[w - 1]):
        w -= 1
    if w == pos or pos - w < 2 or (w > lo and text[w - 1] not in _SPACE):
        return False
    m = _SPACED_NAMES.match(text, w, min(hi, w + 120))
    return m is not None and m.end() > pos


#: A reply's title and its salutation on one line, one space apart (a page stored as a single line).
_TITLE_THEN_SALUTATION = re.compile(
    r"(?:(?<=答复函)|(?<=的复函)|(?<=的答复)|(?<=答复意见))[ \xa0\u3000]*"
    r"(?=[^\s，。：:；;]{1,40}?(?:代表|委员|同志|先生|女士|主任|老师|代表团|委员会)(?:们)?[：:])"
)


def _add_para(text: str, out: list[tuple[int, int, bool]], s: int, e: int, hard: bool) -> None:
    s, e = _strip_span(text, s, e)
    if s >= e:
        return
    head = text[s : min(e, s + 200)]
    m = _TITLE_THEN_SALUTATION.search(text, s, min(e, s + 200)) if "答复" in head or "复函" in head else None
    if m is None and hard and (" " in head or "\u3000" in head or "\xa0" in head):
        m = _header_then_salutation(text, s, min(e, s + 200))
    if m is None and not hard:
        # after a soft break (two spaces in a page stored as one line) a salutation followed by the opening sentence
        # starts the letter as if on a line of its own
        sal = _FRAME_SALUTATION.match(text, s, min(e, s + 100))
        if sal and sal.group().rstrip()[-1:] in "：:" and _OPENING_CUE.search(text, sal.end(), sal.end() + 150):
            hard = True
    if m:
        out.append((s, m.start(), hard))
        out.append((m.end(), e, True))  # the salutation starts the letter as if on a line of its own
        return
    out.append((s, e, hard))


#: What marks a letter's header line (category, openness, document number, signer, its title).
_HEADER_MARK = re.compile(r"[A-DＡ-Ｄ]\s*类|公开|〔\s*(?:19|20)\d{2}\s*〕|签\s*发\s*人|答复|复函|会办意见|的函")


def _header_then_salutation(text: str, lo: int, hi: int) -> re.Match[str] | None:
    """In a page stored as one line, the space before a salutation that follows header text (B类 县交函〔2023〕12号
    李军代表：…): the match of that space, or None."""
    for m in re.finditer(r"[ \xa0\u3000]+", text[lo:hi]):
        a, b = lo + m.start(), lo + m.end()
        before = text[lo:a]
        if not _HEADER_MARK.search(before) or not _header_like(before):
            continue
        sal = _FRAME_SALUTATION.match(text, b, hi)
        if sal and sal.group().rstrip()[-1:] in "：:" and _OPENING_CUE.search(text, sal.end(), sal.end() + 150):
            return re.compile(r"[ \xa0\u3000]+").match(text, a)
        if re.match(r"(?:您|你|贵)", text[b : b + 1]) and _OPENING_END.search(text, b, min(len(text), b + 150)):
            return re.compile(r"[ \xa0\u3000]+").match(text, a)  # no salutation: the opening sentence
    return None


def _split_paragraphs(
    text: str, paras: list[tuple[int, int, bool]], cuts: list[int]
) -> list[tuple[int, int, bool]]:
    """``paras`` with a paragraph starting (as if on a line of its own) at each position of ``cuts``."""
    out: list[tuple[int, int, bool]] = []
    cuts = sorted(cuts)
    for s, e, hard in paras:
        inner = [c for c in cuts if s < c < e]
        for c in inner:
            a, b = _strip_span(text, s, c)
            if a < b:
                out.append((a, b, hard))
            s, hard = c, True
        out.append((s, e, hard))
    return out


def _inside(spans: list[tuple[int, int]], starts: list[int], pos: int) -> bool:
    """Whether ``pos`` lies inside one of the sorted (start, end) spans."""
    k = bisect.bisect_right(starts, pos) - 1
    return k >= 0 and spans[k][0] <= pos < spans[k][1]


def _paragraphs_cache(parser: Any) -> list[tuple[int, int, bool]]:
    """The paragraphs of a parser's text, computed once."""
    cached = getattr(parser, "_all_paras", None)
    if cached is None:
        cached = _paragraphs(parser.text)
        parser._all_paras = cached
    return cached


def _inside_any(spans: list[tuple[int, int]], pos: int) -> bool:
    """Whether ``pos`` lies in one of the sorted, non-overlapping (start, end) spans."""
    k = bisect.bisect_right(spans, (pos, float("inf"))) - 1
    return k >= 0 and spans[k][0] <= pos < spans[k][1]


def _strip_span(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in _STRIP:
        s += 1
    while e > s and text[e - 1] in _STRIP:
        e -= 1
    return s, e


#: A numbered heading of a few words that ends in a comma (三、补偿价格确定，), right before the list it heads.
#: A figure after a list number (一、116路…), not a number of its own (一、2、).
_FIGURE_AFTER = re.compile(r"\d{1,4}(?![\d、.．)）])")
_HEADING_COMMA = re.compile(
    rf"(?:^|[。！？!?；;：:\n\u3000])[ \u3000]*[{_CN}]{{1,3}}、[^，,。！？!?；;：:\s]{{2,20}}[，,]$"
)


#: A phone number ending the text before a list marker (…咨询电话：0731-5551111 2、…): the item before ended there.
_PHONE_BEFORE = re.compile(
    r"(?:电\s*话|热线)[：:]?[ \t\xa0\u3000]*[\d\-－]{0,6}?\d{3,4}(?:[\-－]\d{4})?[\-－]\d{7,8}[ \t\xa0\u3000]*$"
)


def _find_enums(tx: _Text) -> list[_Enum]:
    """Candidate enumeration markers that stand at a sentence or paragraph start (not inside a quotation)."""
    text = tx.text
    out: list[_Enum] = []
    for m in _ENUM.finditer(text):
        style = next(s for s in _STYLES if m.group(s) is not None)
        pos = m.start()
        prev, hard, soft = tx.prev_char(pos)
        nxt = text[m.end() : m.end() + 1]
        at_start = hard or soft
        ok = at_start or prev in _BOUND
        after_cjk = bool(prev) and _CJK.match(prev) is not None
        # a list of places each ending with its phone number and no stop: a number right after the phone starts the
        # next item (validated as a run below)
        after_phone = prev.isdigit() and _PHONE_BEFORE.search(text, max(0, pos - 40), pos) is not None
        if style in ("shi", "di", "seq"):
            ok = ok or prev in _SOFT_BOUND
            if style == "shi":
                word = text[m.end() - 1]
                if prev in _NOT_BEFORE_SHI or nxt in "否的非一" or not nxt:
                    ok = False
                elif word == "无" and nxt in "所是":
                    ok = False  # 一无所知 / 一无所获 / 一无是处: an idiom, not a list's first point
                elif after_cjk and word == "是":
                    ok = True  # a heading that runs into its sub-points: 构建保障机制一是建立…
                elif after_cjk:
                    ok = False  # 一要/一靠/一无 inside a clause (对此一要…) is a list's only at a clause's start
        elif style in ("num", "numr"):
            sep = text[m.end() - 1]
            year = sep == "、" and re.match(r"\d{3}", text[m.end() : m.end() + 3]) is not None
            # 2.0-3岁 / 1.2021年以来 at a line start: the item number followed by a figure (validated as a run
            # below); elsewhere N.5 is a decimal
            after = text[m.end() : m.end() + 6]
            digit_ok = nxt.isdigit() and hard and sep in ".．" and not re.match(r"\d+[.．%]", after)
            # a figure that fills a table's cell (东湖区\t1.3\t18, a row's last cell 1.3) is a decimal, not an item
            # number with a figure after it: a tab before it, or nothing but digits up to a tab or the line's end
            digit_ok = digit_ok and text[pos - 1 : pos] != "\t" and not re.match(r"\d+(?:[\t\r\n]|$)", after)
            # after a sentence's end, N.YYYY年 is the item number followed by a year (…如下：1.2016年本县…)
            digit_ok = digit_ok or (sep in ".．" and ok and re.match(r"(?:19|20)\d{2}\s?年", after) is not None)
            # …回复如下：　　1、3月29日，… : at a sentence's or paragraph's start, the item number followed by a date
            digit_ok = digit_ok or (ok and re.match(r"\d{1,2}月\d{1,2}日", after) is not None)
            if after_phone and not nxt.isdigit():
                ok = True
            elif prev.isdigit() or (prev.isascii() and prev.isalpha()) or (prev and prev in ".．%") or (
                nxt.isdigit() and not year and not digit_ok
            ):
                ok = False
            elif not ok and after_cjk and prev not in _NOT_BEFORE_NUM and (_CJK.match(nxt or " ") or nxt == " "):
                ok = True  # 原因分析1.交通… (validated as a run below)
            elif not ok and prev in "，," and _HEADING_COMMA.search(text, max(0, pos - 30), pos):
                ok = True  # a heading of a few words runs into its list after a comma: 三、价格确定，1、… (a run)
        elif style == "cnp":
            if not ok and after_phone:
                ok = True
            elif not ok and after_cjk and prev not in "见和与及或":
                # a heading glued to its first sub-point: 对策建议（一）加大… (validated as a run below); inside a
                # sentence (…包括（一）…、（二）…) the sub-points stay in it
                back = text[max(0, pos - 40) : pos]
                cut = max(back.rfind(c) for c in "\n。；;：:！？!?")
                number = rf"^\s*(?:[{_CN}]{{1,3}}[、．.]|\d{{1,2}}[、.．]|[（(][^）)]{{1,3}}[）)])"
                seg = re.sub(number, "", back[cut + 1 :])
                ok = not re.search(r"[，,、]", seg)
        elif style == "cn":
            # after a sentence's end, 一、116路… is the item number before a figure (not before a number 1、 of its own)
            figure = ok and text[m.end() - 1] == "、" and _FIGURE_AFTER.match(text, m.end()) is not None
            # after the semicolon that ends the item before, 二.1.5米… is the next item's number before a figure
            figure = figure or (prev in "；;" and text[m.end() - 1] in ".．")
            if nxt in _CN or (nxt.isdigit() and not figure):
                ok = False  # 一、二、三产业; 一.5 (a decimal written with a Chinese number)
            elif not ok and after_cjk and prev not in _NOT_BEFORE_SHI:
                ok = True  # 问题及分析一、现状… (validated as a run below)
        if not ok or (not at_start and tx.in_quote(pos)):
            continue
        if style == "seq":
            n = _SEQ_N[m.group("seq_w")]
        elif style == "circ":
            n = ord(m.group("circ")) - ord("①") + 1
        elif style == "rom":
            n = ord(m.group("rom_n")) - ord("Ⅰ") + 1  # Roman numerals Ⅰ Ⅱ Ⅲ (U+2160…), also 第Ⅱ
        elif style in ("num", "numr", "np"):
            n = int(m.group(f"{style}_n"))
        else:
            n = _cn_number(m.group(f"{style}_n"))
            if n == 0:
                continue
        out.append(_Enum(pos, m.end(), style, n, hard))
    return out


def _rejoin_around_nested(runs: list[list[_Enum]], barriers: list[int]) -> list[list[_Enum]]:
    """A list of one style nested inside an item of a list of the same style (一是…其本人提出：一是…；二是…。二是…):
    the outer list goes on after the nested one, so its items before and after it are one run (the nested run
    stays a run of its own, nested in the outer item). ``runs`` are in order within each style."""
    out: list[list[_Enum]] = []
    i = 0
    while i < len(runs):
        r = runs[i]
        if i + 2 < len(runs):
            inner, rest = runs[i + 1], runs[i + 2]
            seg = {bisect.bisect_right(barriers, x[0].pos) for x in (r, inner, rest)}
            if (
                r[0].n == 1
                and inner[0].n == 1
                and len(inner) >= 2
                and rest[0].n == r[-1].n + 1
                and r[0].style == inner[0].style == rest[0].style
                and len(seg) == 1
                and r[-1].pos < inner[0].pos < inner[-1].pos < rest[0].pos
            ):
                out += [r + rest, inner]
                i += 3
                continue
        out.append(r)
        i += 1
    return out


def _validate_runs(enums: list[_Enum], barriers: list[int]) -> list[_Enum]:
    """Keep markers that form runs 1, 2, … of one style within a part.

    A run of one item is kept when it starts a line (a heading) or when another style's run continues its
    numbering right after it (一是 … 2、 3、); a run that starts above 1 is kept only as such a continuation, or as
    a run 二、三、四、… of three or more (its first part un-numbered).
    """
    by_style: dict[str, list[_Enum]] = {}
    for e in enums:
        by_style.setdefault(e.style, []).append(e)
    runs: list[list[_Enum]] = []
    for items in by_style.values():
        run: list[_Enum] = []
        last = 0
        seg = -1
        for e in items:
            s = bisect.bisect_right(barriers, e.pos)
            n = e.n if e.n else last + 1
            if run and s == seg and n == last + 1 and e.n != 1:
                e.n = n
                run.append(e)
                last = n
                continue
            if run:
                runs.append(run)
            run, seg = [], s
            if e.n == 0:
                last = 0
                continue
            run = [e]
            last = e.n
        if run:
            runs.append(run)
    runs = _rejoin_around_nested(runs, barriers)
    runs.sort(key=lambda r: r[0].pos)
    keep = [(r[0].n == 1 and (len(r) >= 2 or (r[0].hard and r[0].style != "seq"))) for r in runs]
    # 二、…三、…四、… after an un-numbered first part (…情况如下：考生甲…。二、考场基本情况…): a list of three or
    # more parts numbered 一、 style from 二 is the answer's list, its first part the un-numbered lead before it
    keep = [k or (r[0].style == "cn" and r[0].n == 2 and len(r) >= 3) for k, r in zip(keep, runs, strict=True)]
    # continuations: a run starting at k > 1 right after a run (of another style) that reached k - 1
    ends = sorted((r[-1].pos, i) for i, r in enumerate(runs))
    end_pos = [p for p, _ in ends]
    for i, r in enumerate(runs):
        first = r[0]
        if first.n <= 1:
            continue
        k = bisect.bisect_left(end_pos, first.pos) - 1
        if k < 0:
            continue
        j = ends[k][1]
        prev_run = runs[j]
        same_seg = bisect.bisect_right(barriers, prev_run[-1].pos) == bisect.bisect_right(barriers, first.pos)
        if prev_run[-1].n == first.n - 1 and prev_run[0].n == 1 and prev_run[0].style != first.style and same_seg:
            keep[i] = keep[j] = True
    kept: list[_Enum] = []
    for run_id, (r, ok) in enumerate(zip(runs, keep, strict=True)):
        if not ok:
            continue
        for i, e in enumerate(r):
            e.run = run_id
            e.run_first = i == 0
        kept.extend(r)
    kept.sort(key=lambda e: e.pos)
    return kept


# --------------------------------------------------------------------------------------------------
# The frame of a reply letter: header, opening, body, closing
# --------------------------------------------------------------------------------------------------

#: Common surnames: a bare name addressed with no title (李军：) starts with one of them.
_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金"
    "石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷"
)
#: Two-character surnames (欧阳, 司马…): a bare name addressed with no title may start with one of them.
_COMPOUND_SURNAMES = (
    "欧阳|司马|诸葛|上官|东方|皇甫|尉迟|公孙|慕容|令狐|夏侯|宇文|长孙|司徒|端木|南宫|西门|轩辕|独孤|申屠|钟离|闻人|万俟"
    "|澹台|公冶|太叔|濮阳|淳于|单于|呼延|赫连|百里|东郭|左丘|第五|拓跋|完颜|爱新觉罗"
)
#: A person's name: a two-character surname and one or two characters, or a common surname and one to three.
_NAME = rf"(?:(?:{_COMPOUND_SURNAMES})[\u4e00-\u9fff]{{1,2}}|[{_SURNAMES}][\u4e00-\u9fff·]{{1,3}})"
#: Several names joined by 、 or a comma, or a space apart (欧阳明、司马青 / 李明 王芳).
_NAMES = rf"{_NAME}(?:[ \u3000\xa0]*[、，,][ \u3000\xa0]*{_NAME}|[ \u3000\xa0]{{1,4}}{_NAME}){{0,20}}"
#: Names a space or a few apart addressed at a line's start (李明  王芳委员：, 欧阳明　　司马青：).
_SPACED_NAMES = re.compile(
    rf"(?<![^ \t\xa0\u3000])(?:尊敬的)?{_NAME}(?:[ \u3000\xa0]{{1,4}}{_NAME})+"
    r"[ \u3000]?(?:委员|代表|同志|先生|女士)?(?:们)?[ \t\u3000]*[：:]"
)
_TITLED = r"[ \u3000]?(?:委员|代表|同志|先生|女士)?"
#: A salutation: a person, several people (names joined by 、, 等N名), a delegation, a committee, a party, a
#: sector (农业界别：), a people's organisation (县妇联：, 县科协：) or a department, then a colon (尊敬的赵立委员：,
#: 周岚等6名代表：, 县政协农业和农村委员会：, 市水利局：); an office is addressed only before an opening sentence.
_FRAME_SALUTATION = re.compile(
    # a bare name on a line of its own, or before 您/你 (李军：); an opening sentence must follow (_is_salutation)
    rf"(?:尊敬的)?{_NAMES}[ \t\u3000]*[：:](?=[ \t\u3000]*(?:$|[您你]))|"
    # names joined by commas, each with its title or one title after them, or 等 (李明，欧阳青委员： / 尊敬的李明委员，
    # 王芳委员： / 欧阳明委员等：)
    rf"(?:尊敬的)?{_NAME}{_TITLED}(?:[ \u3000]*[、，,][ \u3000]*(?:尊敬的)?{_NAME}{_TITLED}){{0,20}}"
    r"(?:(?<=委员|代表|同志|先生|女士)|等[\d一二三四五六七八九十]{0,3}[位名人]?(?:委员|代表)?)(?:们)?[ \t\u3000]*[：:]|"
    # the title before the name: 尊敬的市政协委员王立新：
    r"(?:尊敬的)?[^\s，。：:,；;！!？?“”《》]{0,20}?(?:委员|代表)[\u4e00-\u9fff·]{2,4}[ \t\u3000]*[：:]|"
    # names a space apart (李明 王芳 张强委员：) or joined by 、
    r"(?:尊敬的)?(?:[\u4e00-\u9fff·]{2,4}[ \u3000]){0,12}[^\s，。：:,；;！!？?“”《》]{1,80}?[ \u3000]?"
    r"(?:委员|代表|同志|先生|女士|主席|主委|主任|老师|会长|校长|院长|书记|委员会|党派|支部|小组|联组|代表团|代表组|工作委员会|民革\w{0,4}|民盟\w{0,4}"
    r"|民建\w{0,4}|民进\w{0,4}|农工党\w{0,4}|致公党\w{0,4}|九三学社\w{0,4}|台盟\w{0,4}|工商联|科协|总工会|妇联|团\w{0,2}委"
    r"|[厅局委办部处室联会院校所社团组]|总支|界别|人民政府|政府|公司|中心)(?:们)?"
    r"(?:[（(][^）)\n]{1,24}[）)])?[ \t\u3000]*(?:[：:]|$)"  # a note on the proposal: 何静代表（第123号建议）：
)
#: Header lines of a reply letter: category, openness, document number, signer, the reply's own title.
_HEADER_LINE = re.compile(
    r"(?:(?:办理|答复|公开|信息公开)?类\s*[别型]|(?:公开)?属\s*性|公开方式|分\s*类|办理结果|签\s*发\s*人|文\s*号|公开"
    r"|答复(?:单位|部门|机关))\s*[：:]"
    r"|[（(【\[［]?[A-DＡ-Ｄ]\s*类|[（(【\[［]?(?:此件|本件)?(?:同意|主动|依申请|不予)?公开(?:发布)?[）)】\]］]?$"
    r"|.{0,20}[〔【\[［(（]\s*(?:19|20)\d{2}\s*[〕】\]］)）]\s*\d{0,5}\s*号"
    r"|.{0,60}(?:答复|答复函|答复书|复函|复文|回复|回函|答复意见|会办意见|的意见|的函|办理情况|办理结果|的情况说明)[）)]?"
    r"(?:[（(][^）)\n]{1,10}[）)])?$"
    # the reply's own title ending in a colon above its opening (关于…问题的回复：)
    r"|关于.{2,60}(?:答复|回复|复函|答复意见)[：:]$"
    r"|答\s*复$"
)
#: A line of a government page's catalogue of the document (索引号, 主题分类, 发布机构, 成文日期…): page metadata,
#: no line of the letter's header.
_CATALOG = re.compile(
    r"[ \t\xa0\u3000]*(?:索\s*引\s*号|主题分类|体裁分类|组配分类|服务对象|发布机构|发文机关|成文日期|发布日期|生成日期"
    r"|关\s*键\s*词|公文种类|有\s*效\s*性|信息类别|标\s*题|名\s*称)\s*[：:]"
)
#: The end of an opening: the proposal was received, studied and is answered here.
_OPENING_END = re.compile(
    r"(?:现|特)?(?:将有关情况|将办理情况|就有关问题|结合.{0,12})?(?:答复|函复|回复|反馈|函告|告知|说明|意见|报告|汇报|通报)(?:转载|转发)?(?:如下|于后|如后)"
    # (a numbered heading after it, 现回复如下：一、收费依据：1、…, is the answer's first part, and so is a finding's
    # lead word with its colon, 现回复如下：经核实：该站…)
    r"[。：:，,]?(?:(?!(?:疑问|问题)[一二三四五六七八九十]|[一二三四五六七八九十]{1,3}[、．]|\d{1,2}[、．.]|[（(]"
    r"|经(?:调查|核实|核查|查实?|了解|研究)[：:])"
    # (a heading holds no comma: 依照规程，申领时须提交：… is the answer's first sentence, cut at no colon of it)
    r"[^。？?\n，,]{0,20}[：:])?"
    # 现作如下答复： / 特作如下说明 / …并就来信所询之事作出回复： (the answer follows the colon)
    r"|(?:作|做|提出)(?:出)?如下(?:答复|回复|函复|说明|会办意见|办理意见)[。：:，,]?|(?:作出|做出|予以)(?:答复|回复)[：:]"
    # …收悉 / …已收到 / 留言已阅 / 您所提…建议，已转由本站研究处理。
    r"|(?:收悉|已收到|(?<=留言|来信)已阅|(?<=[我局办委部队厅镇乡已])知悉(?=[。，,！!])|(?<=[议案])[^。；;\n]{0,60}?(?:交|转)(?:由|给)?[^\s，。；;]{1,8}?(?:研究)?(?:办理|处理)(?=[。；;]))"
    r"[。，,；;！!]?"
    r"(?![^\n]{0,150}(?:(?:答复|函复|回复|反馈|函告|告知|说明|意见|报告|汇报|通报)如下|如下(?:答复|回复|函复|说明|会办意见|办理意见)"
    r"|(?:作出|做出|予以)(?:答复|回复)[：:]))"
)
#: The announcement that ends an opening: 现答复如下 / 现作如下答复.
_ANNOUNCE = re.compile(
    r"(?:答复|函复|回复|反馈|函告|告知|说明|意见|报告|汇报|通报)(?:转载|转发)?(?:如下|于后|如后)[。：:，,]?"
    r"|(?:作|做|提出)(?:出)?如下(?:答复|回复|函复|说明|会办意见|办理意见)[。：:，,]?"
)
#: A greeting on a line of its own after the salutation (您好！): still the opening.
_GREETING = re.compile(r"(?:您|你)(?:们)?好[！!。，,]?")
#: The request for the proposer's comments on the answer: 对以上答复如有意见…, 如有不同意见，请…反馈, 请与我们联系.
_FEEDBACK = (
    r"(?:对|如对)(?:(?:以上|上述|本|此|该)(?:答复|复函|办理)|答复|复函)(?:意见|情况|结果)?.{0,20}(?:意见|建议|反馈|满意)"
    r"|如(?:还|仍|再)?有(?:不同|其他|任何)?(?:意见|建议|疑问|异议)|(?:请|可|欢迎)(?:随时)?与我(?:们|局|委|厅|办|单位)联系"
)
#: The record lines that sign off an office's letter: who handled, checked and signed it (承办人, 核稿, 签发…),
#: its openness (公开方式：主动公开) and the office's print note (…2023年6月5日印发).
_SIGN_OFF = (
    r"^(?:承办人|经办人|拟稿人?|核稿人?|审核人?|签发人?|校对人?|分管领导|办理人|责任人)\s*[：:]"
    r"|^(?:公开方式|公开属性|公开类别)\s*[：:]|印\s*发$"
)
#: The letter's formula of respect and good wishes before the signature: 此致 敬礼, 顺致敬意, 顺颂时祺, 祝工作顺利.
_SIGN_OFF_WISH = (
    r"^此\s*致|^敬\s*礼[！!。]?$|^顺(?:致|颂|祝)|^谨致|^致以[^。！!\n]{0,8}敬意"
    r"|^(?:祝|恭祝|敬祝)(?:您|你)?(?:们)?(?:工作顺利|身体健康|万事如意|新春愉快|新年快乐|阖家幸福)"
    # good wishes as a sentence of their own: 祝好。 / 祝愿…越来越好！
    r"|^祝好[。！!]?$|^(?:衷心)?祝愿"
)
#: The request that the proposer keep following the work or keep commenting on it (敬请继续关心支持…,
#: 欢迎您今后继续提出宝贵意见, 恳请一如既往地关注…): the letter's last words.
_KEEP_SUPPORTING = (
    r"(?:敬请|恳请|欢迎|请)(?:您|你)?(?:们)?(?:今后)?(?:继续|一如既往地?)[^。！!？?\n]{0,30}"
    r"(?:关心|关注|支持|监督|指导|意见|建议)"
)
#: The summing-up that opens a closing sentence: 以上为本所对来信的回复，… / 以上回复，请您…
_SUMMING_UP = r"^以上(?:是|为)?[^。！？!?，,]{0,16}?(?:答复|回复)"
#: The same, matched at a position of a longer text (``match(text, pos)``: no copy of the text after it).
_SUMMING_UP_AT = re.compile(_SUMMING_UP.removeprefix("^"))
#: An apology for the trouble (给您带来不便，我们深表歉意！ / 由此带来的麻烦，深感歉意。): closing matter, and enough to
#: close a reply that ends with it.
_APOLOGY = r"(?:不便|麻烦)[^。！!？?]{0,12}(?:深表|深感|表示|致以)(?:歉意|抱歉)"
#: Sentences and lines that belong to a closing (the closing runs from the first of them to the end).
_CLOSING_SENT = re.compile(
    r"^以上答复|" + _SUMMING_UP
    # an apology for the trouble before the thanks: 对此造成的不便我们深表歉意！
    + r"|" + _APOLOGY
    # or asks the writer to excuse it: 给您带来的不便敬请谅解！ (the trouble the public had stays the answer's)
    + r"|(?:您|你)[^。！!？?，,]{0,6}(?:不便|麻烦)[，,]?(?:敬请|恳请|请|望)(?:您|你)?(?:们)?(?:予以)?(?:谅解|原谅)"
    + r"|^(?:敬请|恳请|请)(?:您|你)?(?:们)?(?:予以)?(?:谅解|理解)|" + _SIGN_OFF
    + r"|感谢|谢谢|此复|(?:特|专)此(?:答复|函复|复函|函告|回复)|" + _SIGN_OFF_WISH
    + r"|希望(?:您|你|各位|广大|以后|今后|继续|多).{0,30}(?:意见|建议|支持|关心|关注|监督|指导|理解|谅解)"
    r"|欢迎.{0,30}(?:意见|建议|监督|指导)"
    # a request that the writer leave a way to reach them, so the office can follow up (请您留下联系方式，以便…)
    r"|请(?:您|你)留下(?:您的|你的)?(?:联系方式|联系电话|电话|姓名)"
    r"|如有不妥|批评指正|征询意见|意见表|反馈表|回执|审签|审核签发|满意度|办结时间|办理结果"
    r"|主动公开|依申请公开|抄\s*送|抄\s*报|分\s*送|^主\s*送\s*[：:]|联系人|联系电话|联\s*系\s*人|^[（(]?(?:联系)?电\s*话\s*[：:]|联系方式|^附\s*件|^附\s*[：:]|^注\s*[：:]"
    # a phone labelled for the reader's questions on a line or sentence of its own (咨询电话：…, 服务热线：…)
    r"|^[（(]?(?:咨询|服务|投诉|举报|监督|办公)(?:电\s*话|热线)\s*[：:]?\s*[\d（(]"
    r"|^(?:承办|答复|主办|办理)单位\s*[：:]|负责人\s*[：:]|对办理情况|满意$|^[（(]?联系|^尊敬的|^[（(]?此件"
    r"|(?:请|敬请|恳请)(?:您|你).{0,30}(?:意见|建议|监督|指导)|" + _FEEDBACK + "|" + _KEEP_SUPPORTING
    # the web page's furniture after the letter
    + r"|^[【\[](?:打印|关闭|返回|收藏|分享)|打印本页|关闭窗口|分享到|^上一篇|^下一篇|返回顶部|浏览次数|阅读次数"
)
#: Closings that are certain (a closing needs one of them): thanks, 此复, a date, contact lines, copies.
_CLOSING_STRONG = re.compile(
    _SIGN_OFF
    + r"|" + _APOLOGY
    + r"|感谢|谢谢|此复|特此|专此|联系人|联系电话|^[（(]?(?:联系)?电\s*话\s*[：:]|" + _SIGN_OFF_WISH
    + r"|^[（(]?(?:咨询|服务|投诉|举报|监督|办公)(?:电\s*话|热线)\s*[：:]?\s*[\d（(]"
    + r"|抄\s*送|抄\s*报|分\s*送|^主\s*送\s*[：:]|办结时间|办理结果|征询意见|意见表|反馈表|测评表|回执|审签"
    r"|如有不妥|满意度|^(?:代表|委员|提案人|建议人)[^：:\n]{0,8}[：:]\s*(?:基本|比较|很|非常)?(?:不)?满意$"
    r"|^尊敬的|^[（(]?此件|希望(?:您|你|广大).{0,30}(?:关心|关注|支持|监督|指导|意见|建议)"
    r"|(?:请|敬请|恳请)(?:您|你).{0,30}(?:意见|建议|监督|指导)|" + _FEEDBACK + "|" + _KEEP_SUPPORTING
    # the letter's summing-up line (以上答复，请予审阅) and the office that answers (答复单位：…)
    + r"|^以上(?:答复|回复)|" + _SUMMING_UP + r"|^(?:答复|办理)单位\s*[：:]"
    + r"|(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月|(?:19|20)\d{2}[.\-/年]\d{1,2}|[二〇零○][〇零○一二三四五六七八九]{3}年"
)
#: The proposal an office or committee is addressed about: 康明委员提出的…, 你们提出的…, 贵委所提…
#: A paragraph that speaks to the proposer (thanks, 您…, 你们…, 你县…, 贵单位…): after a full opening it restates
#: or appraises the proposal.
_TO_PROPOSER = re.compile(
    r"(?:首先[，,]\s*)?(?:(?:非常|十分|衷心|诚挚)?感谢|您|你(?:们|县|市|区|镇|乡|村|单位|校|院|委|会)?|贵(?:单位|[县市区镇委会校院局厅]))"
)
_ADDRESSED = re.compile(r"(?:委员|代表|你们|您们|你|您|贵[^\s，。]{0,3})(?:等\S{0,4})?(?:提出|所提|领衔|提交)")
_RECORD_LINE = re.compile(r"[^\s：:，。,]{1,8}\s*[：:]")
#: a numbered list item (一、 （一） 1、 1.): a line of a proposal's list, never of a reply letter's header
_LIST_ITEM_LINE = re.compile(
    rf"\s*(?:[{_CN}]{{1,3}}\s?[、．]|[（(][{_CN}\d]{{1,3}}[）)]|\d{{1,2}}\s?[、．]|\d{{1,2}}\.(?!\d))"
)
_SIGNATURE = re.compile(r"[^。！？!?；;，,：:]{2,40}")
#: The list of a proposal's attachments after its text (附件：1.…, 附件1：…, 附件：alone with the titles below).
_ATTACHMENTS = re.compile(r"[ \t\u3000]*附件[ \t\u3000]*(?:[0-9一二三四五六七八九十]{1,2}[ \t\u3000]*)?[：:]")
_DATEISH = re.compile(r"[\d〇零○一二三四五六七八九十年月日.\-/\s]{4,20}")
#: A row of a table of figures: a label and a figure (托位数：3100, 补助资金（万元）\t1500, 覆盖率 85%), with at most
#: a measure word after the figure; a contact line (联系电话：…, 邮编：…) is no such row but the letter's record.
_FIGURE_ROW = re.compile(
    r"(?P<label>[^\s：:，。,；;\d][^\s：:，。,；;]{0,19})(?:[ \t\u3000\xa0]*[：:][ \t\u3000\xa0]*|[ \t\u3000\xa0]+)"
    r"[-+]?\d[\d,，]*(?:\.\d+)?[ \t]*(?:%|％|(?![年月日号])[\u4e00-\u9fff]{1,2})?"
)
_CONTACT_LABEL = re.compile(r"电话|手机|传真|邮编|邮政|号|热线|[qQ][qQ]|微信|信箱|邮箱")


def _is_figure_row(piece: str) -> bool:
    """Whether a line is a row of a table of figures (:data:`_FIGURE_ROW`): the answer's, never its signature or
    record line."""
    m = _FIGURE_ROW.fullmatch(piece)
    return m is not None and not _CONTACT_LABEL.search(m.group("label"))


def _is_date(word: str) -> bool:
    """Whether a word is a reply's date: date characters with a month or a day (or a year and more: a date cut
    short, 2026年5), digits a separator apart, or a date whose 年月日 were lost (2026年6月18日, 二〇二六年六月,
    2026.6.18, 2026 5 8, 2022413); a number or a year alone (a table's 3100 or 2000, its column 2025年) is none."""
    return bool(
        _DATEISH.fullmatch(word)
        and re.search(
            r"[月日]|年\s*[\d〇零○一二三四五六七八九十]|\d\s*[.\-/]\s*\d|^\s*(?:19|20)\d{4,6}\s*$"
            r"|^\s*(?:19|20)\d\d\s+\d{1,2}\s+\d{1,2}\s*$",
            word,
        )
    )
#: An un-numbered heading line of a reply's answer: short, no punctuation inside, no number before it.
_HEADING_LINE = re.compile(r"(?![一二三四五六七八九十\d（(第①-⑳])[^\s，。！？!?；;,、：:“”]{2,30}[：:]?")
#: What ends an office's name (局, 厅, 委员会, 人民政府…), with a seal note after it (（公章）).
_OFFICE_END = (
    r"(?:局|厅|委员会|委|办公室|办|人民政府|政府|公司|中心|院|社|站|所|部|处|集团|大队|中队|支队)"
    r"(?:[（(](?:盖章|公章|印章|章)[）)])?"
)
_OFFICE_NAME = re.compile(r"[^\s，。：:；;、]{2,24}" + _OFFICE_END)
#: The office's name and the date run together at the end of a page stored as one line (…局2023年6月5日).
_SIGNED_DATED = re.compile(
    r"(?!\d)[^。！？!?；;，,：:\s]{1,30}?"
    + _OFFICE_END
    + r"\s*(?P<date>(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?"
    r"|[二〇零○][〇零○一二三四五六七八九]{3}年[一二三四五六七八九十]{1,2}月(?:[一二三四五六七八九十]{1,3}日)?)"
)
#: A full date in figures (2019年7月11日), as a regular expression to build others from.
_YMD = r"(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日"
#: A short name run into a date with no office word at its end (B3镇文化站2021年7月12日).
_NAME_DATED = re.compile(
    r"(?!\d)[^。！？!?；;，,：:\s]{2,24}?(?P<date>" + _YMD + ")"
)
_SPACED = re.compile(r"[^ \t\xa0\u3000]+")
#: A sentence that opens with the plans (下一步，… / 今后，…).
_PLAN_OPENER = re.compile(r"(?:在|对于)?(?:下一步|下步|下阶段|下一阶段|今后|接下来)")
#: A sentence's end, then one space before the next sentence: a paragraph break in a text stored as one line.
_SPACED_SENTENCE = re.compile(r"(?<=[。！？!?])[”’」』）)]?[ \xa0\u3000](?=[\u4e00-\u9fff“（(])")
_SENT_PIECE = re.compile(r"[^。！？!?]*(?:[。！？!?]+[”’」』）)]*|$)")
#: Inside a paragraph, only a sentence opening with 下一步/下步 (在下一步工作中) starts the plans; 今后 / 下阶段 /
#: 接下来 open a next-step paragraph only at its start (see _NEXT_STEP).
_NEXT_INLINE = re.compile(
    r"在?(?:下一步|下步)(?![的是])|(?:今后|下阶段|下一阶段|接下来)"
    r"(?=[，,]|(?:工作)?(?:打算|计划|安排|措施|重点|思路)[ \t\u3000]*(?:[：:\r\n]|$))"  # 今后工作安排 (a heading)
)
_TITLE_AFTER_LABEL = re.compile(
    # the cited reply's title (its 《 lost or not)
    r"\s*(?:《[^》\n]{4,100}》|[^《》。；;\n]{4,100}(?:答复|复函|意见|的函)》)"
    # then its number in brackets, also when the copy lost the bracket's end ((泸交函〔2020〕11号), (泸交函〔202011…)
    r"\s*(?:[（(][^）)\n]{2,40}[）)]|[（(][^）)\n〔]{0,12}〔\s*(?:19|20)\d{2}\s*〕?\s*\d{1,4}\s*号?[）)]?)?"
)
#: The start of a sentence that asks: a request of a proposal without list markers.
_REQUEST = re.compile(r"(?:建议|希望|恳请|请求|呼吁|请(?![示假]))(?![：:])|[一二三四五六七八九十]要(?=[^求])")
#: Fields of a proposal's record form (a table or notice page): their lines are the record, kind "other".
_RECORD_KEYS = (
    r"提案号|建议号|议案号|案号|提案人|提案者|建议人|提议人|领衔人|联名人|领衔代表|领衔委员|联名代表|联名委员|代表|委员|建议标题|提案标题|建议名称|提案名称|建议题目|提案题目"
    r"|标题|承办单位|主办单位|会办单位"
    r"|责任单位|责任人|责任领导|政府督办领导|督办领导|督办单位|交办日期|交办时间|反馈时间|办结时间|协商方式|类别|届次"
)
#: Fields holding the proposal's own text: 内容 (what it says), 实施建议 / 建议内容（摘要） (what it asks).
_RECORD_FIELD = re.compile(
    # the lookahead on first characters keeps the scan fast (most positions fail at once)
    rf"(?=[提建议案领联代委标承主会责政督交反办协类届对实内])(?:(?P<record>{_RECORD_KEYS})|(?P<suggestion>(?:对本案的)?实施建议(?:及措施)?|建议内容(?:\s*[（(]摘要[）)])?|建议摘要)"
    r"|(?P<background>内\s{0,4}容|提案内容(?:\s*[（(]摘要[）)])?|提案摘要))\s*(?:[：:]|(?=\s*\d)"
    # a table stored one cell a line: the field's name alone on its line, its value on the next
    r"|(?=[ \t\xa0\u3000]*(?:\r?\n|$)))"
)
_PROPOSAL_RECORD = re.compile(r"(?:提案号|案号|建议号|提案人|提案者|领衔人|建议标题|提案标题|案由|第\s*\d+\s*号)")


#: The end of a reply's own title (…的答复, 答复函, 复函, 回复, 答复书…).
_REPLY_TITLE = re.compile(
    r"(?:答复|答复函|答复书|复函|复文|回复|回函|答复意见|会办意见)[）)]?(?:[（(][^）)\n]{1,10}[）)])?$"
)


def _column_kinds(names: list[str], others: bool) -> list[str] | None:
    """The kinds of a table's columns from their names (record, rec-background, rec-suggestion, reply), or None when
    they are no row of column names: three known names or more, a record column and exactly one content column
    (``others``: a short column name of another kind is a record column)."""
    kinds: list[str] = []
    known = 0
    for name in names:
        m = _RECORD_FIELD.fullmatch(name + "：")
        if m is None and not _FIELD_CELL.fullmatch(name):
            if not others or not re.fullmatch(r"[\u4e00-\u9fff]{2,6}", name):
                return None
            kinds.append("record")  # another short column name (提案类别, 附议人, 提交日期)
            continue
        known += 1
        kind = (m.lastgroup or "record") if m else "reply" if _REPLY_START.fullmatch(name) else "record"
        kinds.append(kind if kind in ("record", "reply") else f"rec-{kind}")
    if len(names) == 1:
        return kinds  # one name: a candidate line of a column of names
    if known < 3 or "record" not in kinds or sum(k.startswith("rec-") for k in kinds) != 1:
        return None
    return kinds


#: A column holding a proposal's title: its value is the document's title.
_TITLE_COLUMN = re.compile(r"(?:建议|提案|议案)?(?:标题|名称|题目)|案\s*由")


class _Frame(NamedTuple):
    """The frame of one reply: where its header, opening, body and closing start (-1: none)."""

    header: int
    opening: int
    body: int
    closing: int
    end: int


#: Other addresses of a person who wrote in: 网民(朋友), 市民(朋友), 群众(朋友), 来信人/来信同志, 留言人.
_CITIZEN = r"网民(?:朋友)?|市民(?:朋友)?|居民朋友|群众朋友|来信(?:人|者|同志|群众|市民)|写信人|留言(?:人|者)"
#: A reply to a citizen's message addresses its writer as a net user: 网友 (尊敬的/各位/广大/亲爱的网友, 网友朋友,
#: or 市民朋友, 来信同志…: :data:`_CITIZEN`; a public-spirited one too, 热心(的)市民/网友), the user's
#: name in quotes (网友“张三”, “UU0081711”, “雨滴”网友) or a user id before 网友 (UU0081203网友), then a colon or a
#: greeting (您好) — or the greeting alone opens the letter; a citizen addressed by surname as 先生/女士 (张先生：) is
#: addressed the same way. The greeting after the address belongs to it.
#: (a stray comma after the greeting's mark, 您好！，感谢…, is the greeting's too)
_NETIZEN_GREETING = r"(?:[ \t\u3000\xa0]*(?:您|你)(?:们)?好[ \t\u3000\xa0]*(?:[！!。][，,]|[！!。，,：:])?)"
_NETIZEN_SALUTATION = re.compile(
    # a net user addressed by name, then a colon and the greeting (网友张明：你好！)
    r"(?:网友|" + _CITIZEN + r")[\u4e00-\u9fff·]{2,4}[ \t\u3000\xa0]*[：:]" + _NETIZEN_GREETING
    + r"|(?:(?:(?:尊敬|亲爱|热心)的|热心|各位|广大)?(?:网友(?:朋友)?|" + _CITIZEN + r")(?:们)?"
    r"[_ \t\u3000\xa0]*(?:[“\"][^”\"\n]{1,24}[”\"])?"
    r"|(?:(?:尊敬|亲爱)的)?[“\"][^”\"\n]{1,24}[”\"][ \t\u3000\xa0]*网友|[A-Za-z0-9_]{2,24}网友)"
    # a colon, or a comma before the greeting (网友，你好！), or a semicolon typed for the colon (来信人；　　你好！)
    r"(?:[ \t\u3000\xa0]*[：:]|[，,](?=[ \t\u3000\xa0]*(?:您|你)(?:们)?好)"
    r"|[；;](?=[ \t\u3000\xa0]*(?:(?:您|你)(?:们)?好|$)))?"
    + _NETIZEN_GREETING + "?"
    # a user name in quotes with no 网友: a colon or a greeting must follow, unless it is a user id (UU0081034)
    + r"|[“\"](?:[A-Za-z0-9_]{2,24}[”\"](?:[ \t\u3000\xa0]*[：:])?|[^”\"\n]{1,24}[”\"][ \t\u3000\xa0]*[：:])"
    + _NETIZEN_GREETING + "?"
    + r"|[“\"][^”\"\n]{1,24}[”\"]" + _NETIZEN_GREETING
    # a user id with no quotes, then a colon (UU0081557：): letters then at least four digits
    + r"|[A-Za-z]{1,4}\d{4,20}[ \t\u3000\xa0]*[：:]" + _NETIZEN_GREETING + "?"
    # a citizen addressed by surname as 先生/女士 (张先生：, 欧阳女士您好, H先生： with the surname masked as a
    # capital letter): a reply to a letter from the public
    + rf"|(?:尊敬的)?(?:{_COMPOUND_SURNAMES}|[{_SURNAMES}A-Z])(?:先生|女士)"
    + r"(?:[ \t\u3000\xa0]*[：:]" + _NETIZEN_GREETING + "?|" + _NETIZEN_GREETING + ")"
)
#: Where a reply stored after another one starts: a date (or a full stop), then a net user addressed.
_STACKED_REPLY = re.compile(
    r"(?:(?P<date>" + _YMD + r"|(?:19|20)\d{2}[.\-/]\d{1,2}[.\-/]\d{1,2})|(?P<stop>[。！!]))"
    r"[ \t\u3000\xa0]*(?P<sal>(?=(?:尊敬的|亲爱的|热心的|热心|各位|广大)?(?:网友|[“\"]|" + _CITIZEN + r")"
    r"|[A-Za-z0-9_]{2,24}网友"
    # a citizen addressed by surname (…2021年7月12日K女士：您好！)
    r"|[\u4e00-\u9fffA-Z]{1,2}(?:先生|女士)[：:]"
    # after a date, the greeting alone (…2021年7月12日您好！谢谢您…): the next reply, addressed to no one
    r"|(?<=日)(?:您|你)(?:们)?好[ \t\u3000\xa0]*[！!，,]))"
)
#: Nothing, or a net user addressed and nothing else (网友, 网友：): before a date, an answer left empty.
_ADDRESS_ONLY = re.compile(rf"(?:(?:尊敬的)?(?:网友|{_CITIZEN})[：:，,]?)?")
#: A date that ends the text before a position: a greeting right after it opens a reply stored after another one.
_DATE_BEFORE = re.compile(_YMD + "$")
#: A full date alone (2016年2月26日).
_DATE_LINE_ONLY = re.compile(_YMD)
#: Where a reply stored after another one starts with no address: the date that ends the reply before (after its
#: last sentence), then the office's opening that announces its answer within two sentences (…办复。2021年8月2日您于
#: 7月30日来信所说…一事，本站派人查看，现答复如下： / …2021年4月9日乡政府十分重视，…。现将办理结果通报如下：).
_STACKED_ANNOUNCED = re.compile(
    r"(?<=[。！!？?])[ \t\u3000\xa0]*" + _YMD + r"[ \t\u3000\xa0]*"
    r"(?P<sal>(?=(?:[^。！!？?\n]{1,120}?[。！!])?[^。！!？?\n]{1,120}?"
    r"(?:答复|回复|汇报|说明|反馈|通报)如下[：:。，,]))"
)
#: A date that ends an answer (after its last sentence), then words: the note stored after it may be another reply.
_DATED_NOTE = re.compile(r"(?<=[。！!？?])[ \t\u3000\xa0]*" + _YMD + r"[ \t\u3000\xa0]*(?P<note>(?=[\u4e00-\u9fff]))")
#: An office telling what it did or found, at a sentence start (我局接件后…, 经核实，…).
_OFFICE_ACTS = re.compile(
    r"(?:我(?:们|局|委|办|厅|队|所|镇|乡|街道|区|县|市|中心|公司|单位)|经(?:调查|核实|核查|查实?|了解))"
    r"[^。！!？?\n]{8,}[。！!]"
)
#: The platform's receipt of the message: 您的留言已收悉！
_RECEIPT_NOTE = re.compile(r"(?:您|你)?的?(?:留言|来信)已(?:经)?(?:收到|收悉)[。！!，,]")
#: An office's opening of its own that announces its answer within two sentences (收到…后，局领导高度重视，…。现就有关
#: 情况报告如下：).
_OWN_ANNOUNCEMENT = re.compile(
    r"(?:[^。！!？?\n]{1,120}?[。！!])?[^。！!？?\n]{1,120}?(?:答复|回复|汇报|报告|说明|反馈|通报)如下[：:。，,]"
)
#: An opening that ends announcing the answer (…现将有关情况回复如下：), before a position.
_ANNOUNCED_BEFORE = re.compile(r"(?:回复|答复)如下[：:]$")
#: A paragraph that greets the writer again and announces its own answer (您好！本站收到来信后，…。现把办理结果答复
#: 如下：…): the office's letter stored inside the platform's opening.
_GREETS_AGAIN = re.compile(
    r"(?:您|你)(?:们)?好[ \t\u3000\xa0]*[！!，,](?:[^。！!？?\n]{1,120}?[。！!])?"
    r"[^。！!？?\n]{1,120}?(?:回复|答复)如下[：:]"
)
#: The greeting alone at the top of a text (您好，来信收悉…): a reply with no addressee.
_GREETING_FIRST = re.compile(r"(?:您|你)(?:们)?好[ \t\u3000\xa0]*(?:[！!][，,]|[！!，,])")


def _netizen_salutation(text: str, s: int, e: int) -> int:
    """End of a salutation to a net user at paragraph start ``s`` (after its greeting, if any), or -1: the
    address must end where the paragraph ends or be followed by a colon or a greeting (网友 alone inside a
    sentence addresses nobody); the greeting alone opens only the text's first paragraph, or a reply stored after
    the date of another one."""
    m = _NETIZEN_SALUTATION.match(text, s, e)
    before = text[max(0, s - 24) : s].rstrip(_STRIP)
    first = _strip_span(text, 0, s)[0] == s  # the text's first paragraph (found from the start: no copy of it)
    if not m and (first or _DATE_BEFORE.search(before) or _ANNOUNCED_BEFORE.search(before)):
        m = _GREETING_FIRST.match(text, s, e)
    if not m:
        return -1
    end = _strip_span(text, m.end(), e)[0] if m.end() < e else e
    word = text[s : m.end()].rstrip(_STRIP)
    if re.search(rf"(?:网友|{_CITIZEN})(?:们)?$", word) and end < e:
        return -1  # 网友反映… / 市民朋友反映… is a sentence, not an address
    return end


def _is_salutation(text: str, s: int, e: int) -> int:
    """End of a salutation at paragraph start ``s`` (after its colon), or -1."""
    line = text[s:e]
    net = _netizen_salutation(text, s, e)
    if net >= 0:
        return net
    m = _FRAME_SALUTATION.match(line)
    field = re.split(r"[：:]", line, maxsplit=1)[0].strip(_STRIP)
    if not m or _META_LINE.match(line) or _HEADER_LINE.match(line) or _FIELD_CELL.fullmatch(field):
        return -1  # a field's name (领衔代表, 领衔代表：李军) is no salutation
    person = r"(?:委员|代表|同志|先生|女士|主席|主委)(?:们)?(?:[（(][^）)\n]{1,24}[）)])?[ \t\u3000]*[：:]?$"
    if not re.search(person, m.group().rstrip()):
        # an office or a committee (省商务厅：, 县政协经济委员会：) is addressed only when the letter's
        # opening sentence follows (…提出的…, …收悉); a line such as 主办处室：… in a proposal is no salutation
        after = text[s + m.end() : s + m.end() + 150]
        if not _OPENING_CUE.search(after) and not _ADDRESSED.search(after):
            return -1
    if m.group().rstrip()[-1:] not in "：:":
        # no colon (高松代表): only a person's short line of its own, followed by the opening sentence
        core = line.strip(_STRIP)
        if len(core) > 24 or not re.search(r"(?:代表|委员|同志|先生|女士)(?:们)?$", core):
            return -1
        if not _OPENING_CUE.search(text, e, e + 200):
            return -1
    return s + m.end()


def _header_like(line: str) -> bool:
    """A paragraph of a letter's header: short, no sentence in it."""
    core = line.strip(_STRIP)
    return len(core) <= 90 and not _SENT_END.search(core.rstrip("。"))


#: The end of a lead-in that says 建议 (我们建议。 / 建议如下；): it announces the list as a colon does.
_SAYS_JIANYI = re.compile(r"建议(?:如下)?[。；;]?$")


def _announces_list(before: str) -> bool:
    """Whether the words just before a number (blanks stripped) end a lead-in that announces the list: a colon, or
    建议 / 建议如下 closed by any stop (…我们建议。1.…), as proposals write it."""
    return before[-1:] in "：:" or _SAYS_JIANYI.search(before) is not None


def leading_frame(text: str) -> str | None:
    """"header" or "opening" when a paragraph that comes first in a reply (a reply given as a list of paragraphs)
    is only the reply's title (关于…的答复, a header line) or only its opening (it ends where an opening ends:
    …收悉。 / …现答复如下：, or the receipt then where the message was sent: …收悉，已转…处理。); otherwise None.
    At most 200 characters: a longer paragraph holds more than that."""
    t = text.strip()
    if not t or len(t) > 200:
        return None
    if "\n" not in t and _header_like(t) and _HEADER_LINE.fullmatch(t):
        return "header"
    ends = [m.end() for m in _OPENING_END.finditer(t)]
    end = ends[-1] if ends else -1
    while 0 <= end < len(t):
        # the receipt, then where the message was sent (…收悉，已转市城管局调查处理。): still only the opening
        fwd = _FORWARDED.match(t, _strip_span(t, end, len(t))[0])
        end = _strip_span(t, fwd.end(), len(t))[0] if fwd else -1
    return "opening" if end == len(t) else None


def trailing_frame(text: str) -> str | None:
    """"closing" when a paragraph that comes last in a reply (a reply given as a list of paragraphs) is only its
    closing: thanks, wishes, 此复, the signature, the date, a contact line or the offer of a number to call, from
    its first sentence on (as :func:`_closing_start` reads a reply to a net user, so an answer's last sentence
    with thanks after a comma stays the answer's); otherwise None. At most 200 characters."""
    t = text.strip(_STRIP)
    if not t or len(t) > 200:
        return None
    return "closing" if _closing_start(t, 0, len(t), _paragraphs(t), online=True) == 0 else None


#: A web address run into the next words (详见：https://example.org/如有不明请来电。): it ends a sentence.
_URL_THEN_WORDS = re.compile(r"https?://[\x21-\x7e]+(?=[\u4e00-\u9fff])")


def _sentence_pieces(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """The sentences of ``text[s:e]`` (:data:`_SENT_PIECE`), a web address ending one where words run on after it."""
    cuts = [s, *(m.end() for m in _URL_THEN_WORDS.finditer(text, s, e)), e]
    return [(m.start(), m.end()) for a, b in itertools.pairwise(cuts) for m in _SENT_PIECE.finditer(text, a, b)]


#: A fragment of HTML markup left at the end of a stored page (a tag, or its cut-off tail: </p>, <br/>, n>).
_MARKUP_TAIL = re.compile(r"(?:(?<![A-Za-z])(?:</?[A-Za-z]{1,6}[ \t]*/?>|[A-Za-z]{1,6}/?>)[ \t\xa0\u3000\r\n]*)+$")


def _closing_start(text: str, lo: int, hi: int, paras: list[tuple[int, int, bool]], online: bool = False) -> int:
    """Start of the closing at the end of ``text[lo:hi]``: the earliest of a run of closing sentences and lines
    (thanks, wishes, 此复, signature, date, contacts, 抄送, feedback remarks) that reaches the end; -1 if none.

    ``online``: the reply answers a citizen's online message (addressed to a net user, see
    :func:`_netizen_salutation`), a short letter mostly stored as one paragraph: there the signature and the date
    may stand a no-break space apart or follow the last sentence with no break, thanks may close the answer's
    last sentence after a comma, and contact words close it only where the sentence is about the contact."""
    tail = _MARKUP_TAIL.search(text, max(lo, hi - 80), hi)  # anchored at the end: only the last characters
    if tail is not None and tail.start() > lo:
        hi = tail.start()  # …2013年11月21日n> / </p>: a fragment of the page's markup left after the letter
    pieces: list[tuple[int, int, bool]] = []  # (start, end, whether it stands alone like a line)
    ends_para: set[int] = set()  # ends of pieces that end their paragraph
    k0 = max(0, bisect.bisect_left(paras, (lo, -1, False)) - 1)
    k1 = bisect.bisect_left(paras, (hi, -1, False))
    for s, e, _hard in paras[k0:k1]:
        if e <= lo or s >= hi:
            continue
        s, e = max(s, lo), min(e, hi)
        for ps, pe in _sentence_pieces(text, s, e):
            a, b = _strip_span(text, ps, pe)
            if a >= b:
                continue
            words = [text[w.start() : w.end()] for w in _SPACED.finditer(text, a, b)]
            # a page stored as one line: the signature and the date after the last sentence, a space apart
            sig_date = len(words) > 1 and all(
                (_SIGNATURE.fullmatch(w) and len(w) <= 30) or _DATEISH.fullmatch(w) for w in words
            ) and bool(_DATEISH.fullmatch(words[-1]))
            sig_date = sig_date or bool(_SIGNED_DATED.fullmatch(text, a, b))
            # a reply to a net user: the signature run into the date on a line of its own (…电视台2015年5月29日)
            sig_date = sig_date or (online and a == s and b == e and bool(_NAME_DATED.fullmatch(text, a, b)))
            pieces.append((a, b, (a == s and b == e) or sig_date))
            ends_para.add(b) if b == e else None
    start = -1
    strong = False
    n_sig = 0
    for k, (a, b, whole_para) in reversed(list(enumerate(pieces))):
        piece = text[a:b]
        if online and k > 0 and not whole_para and _BRACKET_NOTE.fullmatch(piece):
            # …你可向镇农技站咨询补贴标准。（镇农技站联系电话：0000-1234567）。 a note in brackets run on after
            # a sentence of the answer is that sentence's (a contact note after the thanks stays the closing's)
            pa, pb, _w = pieces[k - 1]
            prev = text[pa:pb]
            if not text[pb:a].strip(_STRIP) and not _closing_words(prev) and not _DATEISH.fullmatch(prev):
                break
        signed = _SIGNED_DATED.fullmatch(piece) or (_NAME_DATED.fullmatch(piece) if online and whole_para else None)
        # the signature and the date a space apart (a no-break space too)
        spaced = whole_para and (len(piece.split()) > 1 if online else " " in piece)
        last_word = signed.group("date") if signed else piece.split()[-1] if spaced else piece
        if spaced and not signed and _is_date(piece):
            last_word = piece  # a date whose 年月日 were lost, its numbers a space apart (2026 5 8)
        closing_words = _closing_words(piece) if online else _CLOSING_SENT.search(piece)
        plea = _PLEA_CLAUSE.search(piece) if online and not closing_words else None
        if plea is not None and len(_CJK.findall(piece, 0, plea.start())) >= 8:
            start, strong = a + plea.start("plea"), True
            break
        if closing_words or _is_date(last_word):
            if piece.startswith(("首先",)):
                break
            if closing_words and _NUMBERED_POINT.match(piece):
                break  # 3、欢迎各界监督，… a numbered point of the answer is the answer's, whatever its words
            if closing_words and online and re.match(r"最后[，,]", piece) and re.search(r"感谢|谢谢", piece):
                # 最后，我们对您…的关心和支持表示感谢！ the last words announced as such: the closing starts there
                start, strong = a, True
                break
            thanks = _THANKS_CLAUSE.search(piece) if closing_words and online else None
            at = thanks.start("thanks") if thanks else -1
            summing_up = re.match(_SUMMING_UP, piece) is not None
            if thanks and not summing_up and closing_words and closing_words.start() in range(at, thanks.end()) and len(
                _CJK.findall(piece, 0, thanks.start())
            ) >= 8:
                # 我局将进一步研究论证，感谢您对我们工作的支持。 thanks after a comma at the end of the answer's last
                # sentence: the answer is the body's, the closing starts at the thanks
                start = a + at
                strong = True
                break
            plan = _PLAN_OPENER.match(piece) if closing_words else None
            clause = max(piece.rfind(c, 0, closing_words.start()) for c in "，,；;") if closing_words else -1
            if plan and len(_CJK.findall(piece, plan.end(), max(clause, 0))) >= 4:
                # 下一步，我局将继续加大投入，也欢迎您继续提出宝贵意见。 the plan is the answer's; the closing starts
                # at the clause of thanks or welcome after it
                start = _strip_span(text, a + clause + 1, b)[0]
                strong = strong or bool(_CLOSING_STRONG.search(text, start, b))
                break
            start = a
            strong = strong or bool(_CLOSING_STRONG.search(piece)) or bool(_DATEISH.fullmatch(last_word))
            strong = strong or (online and _CALL_US.search(piece) is not None)
            continue
        if whole_para and _is_figure_row(piece):
            break  # 托位数：3100 a row of a table of figures ends the answer, before any closing
        if whole_para and _RECORD_LINE.match(piece) and len(piece) <= 60 and not _FULL_STOP.search(piece[-1:]):
            start = a  # a record line after the body (经办人：…, 联系人：…, 办结时间：…), not a sentence
            continue
        office = bool(_OFFICE_NAME.fullmatch(piece))
        # the office's name after the answer's last sentence, ending its line, before the date: the signature
        # (…特此函复。青石岭乡人民政府 : the name ending the text signs it, date or not)
        alone = whole_para or (online and office and b in ends_para and (start >= 0 or b == pieces[-1][1]))
        signs = _SIGNATURE.fullmatch(piece) is not None and _CJK.search(piece) is not None  # an office or a name
        if alone and signs and (n_sig < 2 or (office and n_sig < 5)) and len(piece) <= 30:
            n_sig += 1  # a signature: the office's name on a line of its own (a joint reply: several offices)
            start = a
            # the office's name ending the page (局, 厅, 委员会, 人民政府…) signs the letter even with no date
            strong = strong or (b == pieces[-1][1] and office)
            continue
        advice = _REFERRAL.match(piece) is not None and pieces[k + 1][0] == start if start >= 0 else False
        if online and advice and _PHONE_FIRST.match(text, start):
            # 建议您先到社区服务站问清所需材料再申请。联系电话：…  advice on where to ask, followed only by the number
            # to call and the rest of the closing: the closing starts at the advice
            start = a
            break
        if online and start >= 0:
            # 感谢网友对市场管理工作的建议。我们将加强市场管理，… / 感谢您…！建议您…，并预祝您取得成功！ thanks to the
            # writer after the answer, then a promise, advice or a wish in their paragraph: the closing starts at them
            thanked = _thanks_then_promise(text, pieces, k, paras)
            if thanked >= 0:
                start, strong = thanked, True
        break
    if online:
        # the reply's date with the platform's receipt note stored after it (…2020年3月2日您的留言已经收到！并已
        # 转有关单位办理…): the note is no answer, the closing runs from the date
        notes = list(_DATED_RECEIPT.finditer(text, lo, hi))
        note = notes[-1] if notes else None
        if note is not None and (start < 0 or note.start() < start):
            start, strong = note.start(), True
            # thanks or a summing-up right before that date close the reply from where they start
            before = _closing_start(text, lo, note.start(), paras, online)
            start = before if before >= 0 else start
    if online and (start < 0 or not strong):
        # the reply's date ending the text closes it even when no stop comes before it (…注意保暖.2020年1月8日)
        tail = _TRAILING_DATE.search(text, lo, _strip_span(text, lo, hi)[1])
        if tail is not None and _CJK.search(text, lo, tail.start()):
            start, strong = tail.start("date"), True
    if online and start > lo:
        # an offer to answer further questions, after a comma, ends the answer's last sentence (…尚无定论，如有其他
        # 疑问可直接询问东湖水务所0000-7654321): the closing starts at the offer
        for a, b, _w in pieces:
            if a == start:
                offer = _OFFER_CLAUSE.search(text, a, b)
                head = text[a : offer.start("offer")] if offer is not None else ""
                if offer is not None and len(_CJK.findall(head)) >= 8 and not _CLOSING_SENT.search(head):
                    start = offer.start("offer")
                break
    if online:
        # the summing-up of the answer (以上即对来信的回复，如有不明请致电…) starts the closing, whatever the last
        # few sentences after it say (an appeal to the public, where to complain)
        for a, _b, _w in pieces[-4:]:
            if _SUMMING_UP_AT.match(text, a) and (start < 0 or a < start):
                start, strong = a, True
                break
    if not strong:
        return -1
    # the closing starts with a full sentence: 同时，衷心感谢… / 最后，再次感谢…
    return start


#: Thanks to the writer opening a sentence (感谢您…, 谢谢你…, 感谢网友“…”对…).
_THANKS_OPEN = re.compile(r"(?:再次|衷心|诚挚|非常|十分)?(?:感谢|谢谢)(?:您|你|网友|广大)")
#: What may follow the thanks in the closing's paragraph: a general promise (我们将加强…, 我局将一如既往…, 在今后的
#: 工作中，我们将…), advice
#: to the writer (建议您…) or a wish (预祝您…).
_AFTER_THANKS = re.compile(
    # (in the work to come: 在今后的工作中，我们将…)
    r"(?:同时[，,]?)?(?:在?今后(?:的工作中)?[，,]?)?(?:我们|我(?:局|办|委|队|所|镇|区|县|市|中心|单位|部门))(?:也|还)?"
    r"(?:将|会)|(?:建议|希望|请)(?:您|你)|(?:并)?(?:预祝|祝)"
    # or a notice of where the office will publish more, asking the reader to follow it (…及时公开，敬请关注。)
    r"|[^。！!？?]{0,80}?敬请(?:您|你)?(?:们)?(?:持续|继续|及时)?关注[。！!]"
)


def _thanks_then_promise(
    text: str, pieces: list[tuple[int, int, bool]], k: int, paras: list[tuple[int, int, bool]]
) -> int:
    """Start of a thanks sentence (:data:`_THANKS_OPEN`) among the two sentences before ``pieces[k]`` such that
    every sentence from it to ``pieces[k]`` (a promise, advice or a wish, :data:`_AFTER_THANKS`) is short and in
    its paragraph, after some answer; -1 if none."""
    for j in (k - 1, k - 2):
        if j < 1:
            return -1
        a = pieces[j][0]
        if not _THANKS_OPEN.match(text, a):
            continue
        rest = pieces[j + 1 : k + 1]
        para = bisect.bisect_right(paras, (a, len(text) + 1, True)) - 1
        if para < 0 or pieces[k][1] > paras[para][1]:
            return -1  # the thanks and what follows them are not one paragraph
        if all(b - s <= 90 and _AFTER_THANKS.match(text, s) for s, b, _w in rest):
            return a
        return -1
    return -1


def _thanks_the_reader(text: str, lo: int, hi: int, paras: list[tuple[int, int, bool]]) -> bool:
    """Whether ``text[lo:hi]`` ends with the closing of a letter to a person who wrote in (read as a reply to a net
    user reads it): a closing that opens with thanks to 您/你 or with the offer of a number to call."""
    c = _closing_start(text, lo, hi, paras, online=True)
    return c >= 0 and bool(_CLOSING_INLINE.match(text, c) or _CALL_US.match(text, c) or _THANKS_FIRST.match(text, c))


#: A sentence that is only a note in brackets (（联系电话：0746-8222289）。).
_BRACKET_NOTE = re.compile(r"[（(][^（()）]{1,80}[）)][。．.]?")
#: A date run into the receipt note of an online message (…2020年3月2日您的留言已经收到！…).
_DATED_RECEIPT = re.compile(
    _YMD + r"[ \t\u3000\xa0]*(?=(?:您|你)?的?留言已(?:经)?(?:收到|收悉))"
)
#: Thanks or wishes opening a clause after a comma (…研究论证，感谢您… / …办复，感谢您的留言).
_THANKS_CLAUSE = re.compile(r"[，,；;]\s*(?P<thanks>(?:再次|衷心|诚挚|非常|十分)?(?:感谢|谢谢)(?:您|你))")
#: The receipt sentence of an online message cut off after the platform's name, its bracket left open, the answer
#: run on right after it (你在平台《民声直通车一、… / 我局于2021年4月9日在《民声直通车经查…).
_CUT_RECEIPT = re.compile(
    r"(?:(?:您|你)(?:于[^。！？!?，,《]{0,16}?)?|我[\u4e00-\u9fff]{1,2}于[^。！？!?，,《]{0,16}?)"
    r"在(?:平台)?《问政[\u4e00-\u9fff]{1,4}?[省市](?![》\u4e00-\u9fff]{0,2}》)"
)
#: A numbered heading that only names its topic (…的问题。 / 有关…情况。), ending with a full stop before its list.
_TOPIC_HEADING = re.compile(r"[^。！？!?；;，,：:]{2,24}?(?:问题|情况|事项|事宜)。")
#: A plea for understanding as the last clause of a sentence, after a comma (…正在选址规划，给市民带来不便敬请谅解！):
#: it closes the answer's last sentence as thanks do (a plea to the public as a sentence of its own stays the answer's).
_PLEA_CLAUSE = re.compile(
    r"[，,；;]\s*(?P<plea>(?:给|对)[^，,。！!？?；;]{0,12}?(?:带来|造成)的?(?:不便|麻烦|困扰)[，,]?"
    r"(?:敬请|恳请|尽请|请|望)[^，,。！!？?]{0,6}?(?:谅解|原谅)[。！!]?)$"
)
#: Contact words (联系人, 联系电话, 联系方式).
_CONTACT_WORDS = re.compile(r"联\s*系\s*人|联系电话|联系方式")


#: A point of the answer numbered at its start (3、…, 二、…, （一）…, 2.…).
_NUMBERED_POINT = re.compile(
    r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s?[、．.](?!\d)|[（(](?:\d{1,2}|[一二三四五六七八九十]{1,3})[）)]"
)
#: A date that ends the text, not one a sentence ends on (…于2019年9月24日).
_TRAILING_DATE = re.compile(r"(?<![于在至到从自止及和与或、，,])(?P<date>" + _YMD + r")$")
#: A number to call: a phone number (seven figures or more, with its area code), or a public service hotline of five
#: figures starting with 12 (12345, 12358 价格举报, 12315), as a reply names them for the reader to call.
_CALL_NUMBER = r"(?:\d[\d\-－—]{6,}|(?<!\d)12\d{3}(?!\d))"
#: An offer to answer further questions with a number to call, as the clause after a comma that ends the last
#: sentence (…，如有其他疑问可直接咨询…0731-2233445 / …，如需咨询请致电…).
_OFFER_CLAUSE = re.compile(
    r"[，,]\s*(?P<offer>[^，,。！？!?]{0,6}?(?:如|若)(?:还|仍)?有[^。！？!?，,]{0,12}(?:疑问|问题|不明|咨询|需要)[^。！？!?]{0,40}?"
    r"(?:咨询|联系|致电|拨打|来电)[^。！？!?]{0,40}?" + _CALL_NUMBER + ")"
)
#: A sentence that offers a phone number for further questions: 您还可以拨打…电话0738-6825215咨询, 您可以致电….
_CALL_US = re.compile(
    r"^[^。！？!?]{0,16}?(?:您|你)[^。！？!?，,]{0,6}?(?:可以?|请)[^。！？!?，,]{0,4}?(?:拨打|致电|来电)"
    r"[^。！？!?]{0,30}?(?:\d[\d\-－]{5,}|(?<!\d)12\d{3}(?!\d))"
    # if there are more questions, whom to contact or call, and the number (若还有别的疑问，可联系…，电话…)
    r"|^(?:[^。！？!?，,]{0,6}?)(?:如|若)[^。！？!?]{0,40}?(?:联系|咨询|致电|拨打|来电)[^。！？!?]{0,40}?"
    + _CALL_NUMBER
    # for details, whom to ask and the number (具体细节您可向县园林所问询，电话：…; 详情请咨询…，电话…)
    + r"|^(?:具体|详细|详情)[^。！？!?，,]{0,6}?(?:您|你)?[^。！？!?，,]{0,4}?(?:可以?|请)[^。！？!?]{0,30}?"
    r"(?:咨询|联系|了解|查询)[^。！？!?]{0,40}?" + _CALL_NUMBER
    # an office's name and its number, nothing else (市医保处0731-8800123。)
    + r"|^[^\s\d，,。；;：:！!？?]{2,20}?(?:电话|热线)?[：:]?[ \t\xa0\u3000]*[（(]?\d{3,4}[）)]?[\-－—]?\d{7,8}[。]?$"
)


#: A referral to the office that handles the matter: 建议您就该问题向市局咨询, 请你到县社保中心办理.
_REFERRAL = re.compile(
    r"(?:建议|请)(?:您|你)[^。！？!?]{0,20}?(?:向|到|至|与)[^。！？!?]{1,30}?(?:咨询|反映|联系|办理|了解)"
)


#: A phone line that opens a closing (联系电话：…, 具体咨询电话…, 服务热线…).
_PHONE_FIRST = re.compile(r"[（(]?(?:具体|详细)?(?:联系|咨询|服务|办公|投诉|举报)?(?:电\s*话|热线)\s*[：:]?\s*[\d（(]")
#: A referral to a number to call: 建议您拨打12329热线…, 请你致电….
#: (您的问题请致电…: the matter named first, then 请 with no 您)
_REFERRAL_CALL = re.compile(
    r"(?:建议|请)(?:您|你)[^。！？!?]{0,12}?(?:拨打|致电)|^(?:您|你)的?(?:问题|事项|情况)?请(?:拨打|致电)"
)
#: Thanks as the last clause of a sentence, after a comma (…为您解答，谢谢！).
_THANKS_LAST = re.compile(
    r"[，,][ \t\xa0\u3000]*(?P<thanks>(?:再次|衷心|诚挚|非常|十分)?(?:感谢|谢谢)[^，,。！!？?]{0,30}[。！!]?)$"
)


def _after_referral(text: str, body: int, hi: int, paras: list[tuple[int, int, bool]], closing: int) -> int:
    """Where the closing starts when the answer's first sentence, a referral (建议您拨打12329热线… / 请您到…办理),
    was taken for the closing: a referral that is the whole answer is the answer, and the closing starts after it
    (at thanks after its last comma, …，谢谢！), or there is none; ``closing`` when the sentence is no referral."""
    end = _sentence_end(text, body, hi)
    sentence = text[body:end]
    if not (_REFERRAL.search(sentence) or _REFERRAL_CALL.search(sentence)):
        return closing
    thanks = _THANKS_LAST.search(sentence)
    if thanks is not None and len(_CJK.findall(sentence, 0, thanks.start())) >= 8:
        return body + thanks.start("thanks")
    nxt = _strip_span(text, end, hi)[0]
    return _closing_start(text, nxt, hi, paras, True) if nxt < hi else -1


def _closing_words(piece: str) -> re.Match[str] | None:
    """The closing words of a sentence (:data:`_CLOSING_SENT`), or None. Contact words close a reply only where
    the sentence is about the contact: they open it, a bracket or a part after a space, they label it (a colon
    after them), or it opens with 如/若 (…if you have questions, call…); 因您未留下联系方式… or
    …直接与公司联系，联系电话… inside an answer's sentence are the answer's words. A sentence that only offers a
    number to call (您还可以拨打…电话…咨询) closes the reply too."""
    call = _CALL_US.search(piece)
    if call:
        return call
    m = _CLOSING_SENT.search(piece)
    if m is None or not _CONTACT_WORDS.fullmatch(m.group()):
        return m
    rest = _CLOSING_SENT.search(piece, m.end())
    while rest is not None and _CONTACT_WORDS.fullmatch(rest.group()):
        rest = _CLOSING_SENT.search(piece, rest.end())
    before = piece[: m.start()].rstrip(" \t\xa0\u3000")
    # the contact opens the sentence, a bracket or a part of its own (…2021年8月2日 (联系人及电话:…)
    opens = not before or before[-1] in "（([【" or before != piece[: m.start()]
    # 承办单位联系人：…, 联系人及电话：…; but the number of the office the sentence sends its reader to
    # (…，建议您向县局问询，联系电话：…) is the referral's, an answer's words
    labelled = bool(re.match(r"[^，,。；;]{0,4}[：:]", piece[m.end() :])) and not _REFERRAL.search(before)
    if opens or labelled or piece.lstrip("（( ").startswith(("如", "若", "欢迎", "咨询")):
        return m
    return rest


def _reply_frame(
    text: str,
    paras: list[tuple[int, int, bool]],
    lo: int,
    hi: int,
    anchor: int,
    from_top: bool,
    cells: set[int] | None = None,
) -> _Frame:
    """The frame of the reply in ``text[lo:hi]``; ``anchor`` is the index of its salutation or reply label
    paragraph (-1 when the reply starts at ``lo`` with neither); ``cells`` are the starts of answer cells of a
    table, labelled by their column's name (办理情况) rather than by a label of their own."""
    idx = list(range(bisect.bisect_left(paras, (lo, -1, False)), bisect.bisect_left(paras, (hi, -1, False))))
    if not idx:
        return _Frame(-1, -1, lo, -1, hi)
    first = idx[0]
    header = opening = -1
    body = paras[first][0]
    sal_i = -1
    label_end = -1
    if anchor >= 0:
        s, e, _h = paras[anchor]
        reply_label = _REPLY_START.match(text, s)
        if reply_label:
            label_end = reply_label.end()
        elif cells and s in cells:
            label_end = s
        else:
            sal_i = anchor
    else:
        for i in idx[:12]:
            s, e, hard = paras[i]
            if hard and _is_salutation(text, s, e) >= 0:
                sal_i = i
                break
            if not _header_like(text[s:e]):
                break
    online = sal_i >= 0 and _netizen_salutation(text, paras[sal_i][0], paras[sal_i][1]) >= 0
    if label_end >= 0:
        # 办理复文（摘要）：《…的答复》（…号）: the label and the cited title are the header
        t = _TITLE_AFTER_LABEL.match(text, label_end)
        after = t.end() if t else label_end
        nxt = _strip_span(text, after, hi)[0]
        rest = text[nxt : paras[anchor][1]].strip(_STRIP)
        # short lines above the label at the top of a reply (a table's column names: 序号, 领衔代表…) are header
        top = paras[first][0] if from_top and first < anchor else paras[anchor][0]
        if t is None and rest and _header_like(rest) and _HEADER_LINE.fullmatch(rest):
            # 办理情况：关于第88号建议的答复 — the reply's title on the label's line, the letter after it
            f = _reply_frame(text, paras, _para_after(paras, anchor, hi), hi, -1, True)
            return f._replace(header=top)
        if t is not None or nxt < paras[anchor][1]:
            body = nxt if nxt < paras[anchor][1] else _para_after(paras, anchor, hi)
            opening = -1
            k = bisect.bisect_right(paras, (body, len(text) + 1, True)) - 1
            pend = paras[k][1] if k >= 0 else paras[anchor][1]
            # after a cited title (办理复文（摘要）：《…的答复》), only a sentence to the proposer (您提出的…收悉) opens
            to_proposer = t is None or _TO_PROPOSER.match(text, body) is not None
            m = _OPENING_END.search(text, body, min(pend, body + 250)) if to_proposer else None
            if m:  # 办理情况：您提出的建议收悉，现答复如下：… the opening follows the label on its line
                opening = body
                body = _strip_span(text, m.end(), pend)[0]
                if body >= pend:
                    body = _para_after(paras, k, hi)
            head = -1 if label_end == paras[anchor][0] else paras[anchor][0]  # an answer cell has no label line
            return _Frame(head, opening, body, _closing_start(text, body, hi, paras, online), hi)
        # a bare label line (答复内容：) starts the reply: the letter follows it
        f = _reply_frame(text, paras, _para_after(paras, anchor, hi), hi, -1, True)
        return f._replace(header=top) if top < paras[anchor][0] else f
    if sal_i >= 0:
        # header: the short lines right before the salutation (the letter's number, category, its title)
        j = sal_i
        while j > (first if from_top else max(first - 1, 0)) and j - 1 >= 0:
            s, e, _h = paras[j - 1]
            line = text[s:e]
            if s < lo and not from_top:
                break
            if not _header_like(line):
                break
            if _LIST_ITEM_LINE.match(line):
                break  # a proposal's numbered suggestion right before the salutation is no line of the reply's header
            if not from_top and _RECORD_LINE.match(line) and not _HEADER_LINE.match(line):
                break  # the proposal's own record (承办单位：…, 交办日期：…) ends before the reply's header
            if _CATALOG.match(line):
                break  # the page's catalogue (索引号, 发布机构, 成文日期…) is no line of the letter
            j -= 1
        if j < sal_i:
            header = paras[j][0]
        opening = paras[sal_i][0]
        body = _after_opening(text, paras, sal_i, hi)
        cut = _CUT_RECEIPT.match(text, body, hi) if body < hi else None
        if cut is not None and cut.end() < hi:
            # 你在平台《问政西地省一、…: the receipt sentence cut off after the platform's name is the opening's
            body = _strip_span(text, cut.end(), hi)[0]
    else:
        # no salutation: header lines at the top, then an opening sentence (…收悉/现答复如下) if any
        top = first
        while top < len(paras) and paras[top][0] < hi and _CATALOG.match(text, paras[top][0], paras[top][1]):
            top += 1  # the page's catalogue above the letter
        k = _header_block_end(text, paras, top, hi)
        if k > top:
            header = paras[top][0]
        if k < len(paras) and paras[k][0] < hi:
            s, e, _h = paras[k]
            m = _OPENING_END.search(text, s, min(e, s + 250))
            j = k
            while m is None and j + 1 < len(paras) and j - k < 2 and paras[j + 1][0] < hi:
                # short lines (an address, the reply's title: UU001： / …问题的回复：), then a paragraph that ends by
                # announcing the answer (…现将有关情况回复如下：): the lines and that paragraph are the opening
                if not _header_like(text[paras[j][0] : paras[j][1]]):
                    break
                j += 1
                a = _ANNOUNCE.search(text, paras[j][0], min(paras[j][1], paras[j][0] + 250))
                if a and not text[a.end() : paras[j][1]].strip(_STRIP):
                    m = a
            thanks = _THANKS_FIRST.match(text, s, e) if m is None and header < 0 else None
            after = _strip_span(text, thanks.end(), hi)[0] if thanks else hi
            if m:
                opening = s
                body = _after_opening(text, paras, j - 1, hi, j)
            elif thanks and after < hi and _closing_start(text, after, hi, paras, True) != after:
                # 首先，感谢您对…的支持，更感谢您…提出的宝贵意见。 a reply with no address that opens by thanking the
                # writer: the thanks, with the rest of their paragraph (an appraisal of the proposal), are its opening
                nxt_para = _para_after(paras, k, hi)
                opening, body = s, nxt_para if nxt_para < hi else after
            else:
                body = s
            # no salutation and no letter header: a reply to a citizen's message when it opens with the receipt of
            # the message (您的留言已收悉…) or closes as such a reply does (…感谢您的关注。 / 如有疑问，请致电…)
            # (or ends with the platform's receipt note run after its date: …2021年9月14日您的留言已收悉！…)
            online = header < 0 and (
                bool(_ONLINE_WORDS.search(text, s, min(e, s + 30)))
                or _thanks_the_reader(text, body, hi, paras)
                or _DATED_RECEIPT.search(text, body, hi) is not None
            )
        else:
            body = hi
    closing = _closing_start(text, body, hi, paras, online)
    if (online or (header < 0 and opening < 0)) and 0 <= closing <= body < hi:
        # a referral that is the whole answer is the answer, with a salutation or none (建议您至…咨询，联系电话…)
        closing = _after_referral(text, body, hi, paras, closing)
    praise = _praise_only(text, body, closing if closing >= 0 else hi) if online and body < hi else -1
    if praise >= 0:
        body = closing = praise  # 谢谢您对本站的表扬。…我们会继续做好服务…: a reply to praise answers no question
    if (online or (header < 0 and opening < 0)) and _handled_only(text, body, closing if closing >= 0 else hi):
        # the whole answer only says where the message went or that it is being handled: no answer unit
        return _Frame(header, opening if opening >= 0 else body, closing if closing >= 0 else hi, closing, hi)
    return _Frame(header, opening, body, closing, hi)


#: Thanks for the writer's praise opening a sentence (感谢您对我们工作的肯定。).
_PRAISE_THANKS = re.compile(
    r"(?:再次|衷心|诚挚|非常|十分)?(?:感谢|谢谢)(?:您|你)(?:们)?(?:对[^。！!？?，,\n]{0,30}?)?的?"
    r"(?:肯定|表扬|赞扬|称赞|好评|认可|鼓励)[。！!]"
)
#: A promise to keep working (我们将更加努力…, 我局会继续…).
_PROMISE = re.compile(r"(?:我们|我(?:局|办|委|队|所|镇|区|县|市|中心|单位|部门))(?:也|还)?(?:将|会)")


def _praise_only(text: str, body: int, end: int) -> int:
    """Where the thanks start when the answer ``text[body:end]`` only thanks the writer for praise and promises to
    work on (谢谢您对本站的表扬。…我们会继续做好服务…。, the thanks at its start or ending the opening right
    before it): a reply to praise, with no answer unit; -1 otherwise."""
    m = _PRAISE_THANKS.match(text, body, end)
    if m is None:
        before = text[max(0, body - 40) : body].rstrip(_STRIP)
        m = next((x for x in _PRAISE_THANKS.finditer(before) if x.end() == len(before)), None)
        if m is None:
            return -1
        start, after = max(0, body - 40) + m.start(), body
    else:
        start, after = m.start(), m.end()
    rest = [p for p in _SENT_PIECE.finditer(text, after, end) if text[p.start() : p.end()].strip(_STRIP)]
    return start if rest and all(_PROMISE.search(p.group()) for p in rest) else -1


#: A reply that only says where the message was sent or that it is being handled (来信所说之事已转至水务部门 /
#: 有关来信所说之事正在商议办理中), perhaps after a word on the message (谢谢你的提议。) and with a pointer where to
#: ask or call (，请您直接拨打… / ，可与该站联系，电话：…): no answer, the opening of a reply.
_HANDLED_ONLY = re.compile(
    r"(?:[^。！!？?，,\n]{0,12}(?:很好|很有道理|合理|收悉|收到)[。！!，,])?"
    r"[^。！!？?，,\n]{0,40}?(?:(?:(?<=我们)已经|已|并)(?:将[^，,。！!？?\n]{1,20}?)?(?:于[^，,。！!？?\n]{0,14})?"
    r"(?:转交|转至|转给|转由|转到|转|交由|交办给?|发函交办给?)[^，,。！!？?\n]{1,30}"
    r"|正在[^，,。！!？?\n]{0,8}(?:处理|办理|核查|调查|核实|研究)[^，,。！!？?\n]{0,6})"
    r"(?:[，,](?:因[^，,。！!？?\n]{0,20}[，,])?(?:建议|请|可|您可|你可|如有|敬请)[^。！!？?\n]{0,60}?"
    r"(?:联系|拨打|咨询|致电|电话|反映|留意|关注)[^。！!？?\n]{0,40}?"
    r"|[，,][^。！!？?\n]{0,6}(?:将|会)及时(?:反馈|回复|答复|告知)[^。！!？?\n]{0,12})?"
    r"[。！!，,；;]?"
)


def _handled_only(text: str, body: int, end: int) -> bool:
    """Whether the answer in ``text[body:end]`` only says where the message was sent or that it is being handled
    (:data:`_HANDLED_ONLY`): such a reply is all opening."""
    a, b = _strip_span(text, body, end)
    return a < b and b - a <= 120 and _HANDLED_ONLY.fullmatch(text, a, b) is not None


def _header_block_end(text: str, paras: list[tuple[int, int, bool]], first: int, hi: int) -> int:
    """Index of the paragraph after the header lines at the top of a reply with no salutation.

    The header is the short lines before the first sentence (the office's name, 类别, the letter's number, its
    title, a title broken over two lines), up to the last of them that is a header line by itself or ends a
    title with the lines before it; a numbered line is the answer's."""
    k = first
    last = first
    joined = ""
    while k < len(paras) and paras[k][0] < hi and k - first < 6:
        line = text[paras[k][0] : paras[k][1]].strip(_STRIP)
        if not _header_like(line) or line[-1] in "。！？!?" or (_ENUM.match(line) and not _HEADER_LINE.match(line)):
            break
        joined += line
        k += 1
        if _HEADER_LINE.match(line) or _HEADER_LINE.fullmatch(joined):
            last = k
    return last


def _para_after(paras: list[tuple[int, int, bool]], i: int, hi: int) -> int:
    """Start of the paragraph after paragraph ``i`` (``hi`` if none before it)."""
    return paras[i + 1][0] if i + 1 < len(paras) and paras[i + 1][0] < hi else hi


def _sentence_end(text: str, pos: int, hi: int) -> int:
    """End of the sentence starting at ``pos`` (after its full stop), at most ``hi``."""
    m = _FULL_STOP.search(text, pos, hi)
    return m.end() if m else hi


#: A sentence saying where the message was sent (已转F6县调查处理, 已交有关部门调查回复, 我们已发函交办给…办理),
#: with the promise to report back after it (有关情况将及时反馈, 敬请留意近期回复): the receipt of an online message,
#: not an answer; said in the first person too (关于…一事，我们已经转交区园林处办理 / 我们已转交…关注).
_FORWARDED = re.compile(
    r"(?:[^。！!？?\n]{0,40}?(?:(?<=我们)已经|已|并)(?:将[^，,。！!？?\n]{1,20}?)?(?:于[^，,。！!\n]{0,14})?"
    r"(?:转交|转至|转给|转由|转|交由|交给|交办给?|发函交办给?|交)"
    r"[^。！!？?\n]{1,40}?(?:处理|办理|核处|核查|核实|调查|答复|回复|反馈|办复|部门|单位|关注)[^。！!？?，,\n]{0,12}"
    r"(?:[。！!；;]|[，,](?=[ \t\u3000\xa0]*(?:感谢|谢谢))|(?=[，,][^。！!？?\n]{0,20}(?:将|会)及时)))"
    r"(?:[，,]?[^。！!？?\n]{0,20}(?:将|会)及时(?:反馈|回复|答复|告知)[^。！!？?\n]{0,12}[。！!，,])?"
    # or asks the writer to watch for it (敬请留意近期回复。)
    r"(?:[ \t\u3000\xa0]*(?:敬请|请|望)(?:您|你)?(?:留意|关注|等待)[^。！!？?\n]{0,8}?(?:回复|答复|反馈)[。！!])?"
)


#: A note that the message was answered elsewhere, with the address (此事前已答复过，可见链接：https://…): the
#: opening's, as a note of where it was sent.
_ANSWERED_AT = re.compile(
    r"[^。！!？?\n]{0,30}?已(?:经)?(?:回复|答复|办复)[^。！!？?\n]{0,20}?(?:链接|网址|地址)[：:]?[ \t\xa0]*"
    r"https?://[\x21-\x7e]+[。．.]?"
)
#: The reply's own title on a line after the greeting: 关于《…的投诉》一贴的回复.
_ONLINE_TITLE = re.compile(r"关于.{2,80}?的?(?:回复|答复|复函|处理情况)")
#: Words of an online message's receipt (您的留言已收悉, 您在平台发帖…): a reply to a net user.
_ONLINE_WORDS = re.compile(r"留言|发帖|帖文|网帖|该帖|网友")
#: The announcement of the answer in a reply to an online message: …把辖区内的路灯逐一排查了一遍，结果通报如下：
_ONLINE_ANNOUNCE = re.compile(
    r"(?:[^。！!？?\n“]|“[^”\n]{0,40}”){0,80}?(?:(?:情况|结果)(?:汇报|通报|说明|回复|答复)?如下[。：:，,]"
    # …，现将…水塘何时清淤的情况的答复： (the answer follows the colon, as after 回复如下：)
    r"|现将[^。！!？?\n：:]{0,60}?的?(?:回复|答复|汇报|通报|说明)[：:])"
)
#: The receipt of the message and what was done to look into it, as a sentence of its own (接到您…的反映，我办十分
#: 重视，当即派人…到现场调查。 / 在收到您的来信后，转请…核实后回复： / after …已收悉，: 本所高度重视，
#: 已安排专人核查此事。): still the opening.
_RECEIPT_HANDLED = re.compile(
    r"(?:(?:在)?(?:收到|接到|接悉)(?:您|你)|(?:我|[^\s，,。！!]{1,10}?(?:局|委|办|处|所|公司|政府)|领导)[^\s，,。！!]{0,4}?"
    r"(?:高度|十分|非常)重视[，,])"
    # (…导致我们无法核实。: a check that could not be made is the answer's news, not the receipt's)
    r"[^。！!？?\n]{0,120}?(?<!无法)(?<!不能)(?<!未能)(?<!难以)(?:调查|核实|核查)[^。！!？?，,；;\n]{0,12}?"
    r"(?:[。！!]|(?:回复|答复|反馈)(?:如下)?[：:])"
)
#: Taking the writer's criticism or advice, then thanks, before the answer (我们接受您的意见，也谢谢您对…的
#: 留意。): the opening's, as thanks alone are.
_ACCEPT_THANKS = re.compile(
    r"[^。！!？?，,\n]{0,8}(?:接受|采纳|认同|赞同)(?:您|你)的?[^。！!？?，,\n]{0,12}[，,](?:并|同时)?"
    r"(?:再次|衷心|诚挚|非常|十分)?(?:感谢|谢谢)(?:您|你)[^。！!？?\n]{0,40}[。！!]"
)
#: The office naming itself as the one that answers, before the answer (…来信已收悉！青湾社区居委会答复：1.…): the
#: opening's.
_OFFICE_REPLIES = re.compile(r"[^\s，,。；;！!？?：:“”]{2,20}?(?:回复|答复)[：:]")
#: Thanks for the message that open a sentence: 感谢您对我县农机推广工作的留意与帮助。
_THANKS_FIRST = re.compile(
    r"(?:首先[，,]?)?(?:再次|衷心|诚挚|非常|十分)?(?:感谢|谢谢)(?:您|你)[^。！!？?\n]{0,40}[。！!]"
)
def _quote_closed(text: str, lo: int, pos: int) -> bool:
    """Whether every quotation opened in ``text[lo:pos]`` is closed before ``pos`` (a full stop there ends a
    sentence, not a quoted question: 您提出的关于“为什么…呢？”的问题已收悉。)."""
    return text.count("“", lo, pos) <= text.count("”", lo, pos)


#: Words of an opening sentence about the message and what was done with it (收悉, 您反映的, 高度重视, 调查核实…).
_ABOUT_THE_MESSAGE = re.compile(
    r"收悉|收到|接到|接悉|知悉|反映|留言|来信|来电|帖|咨询|投诉|举报|问题|诉求|建议|提出|所提|重视|调查|核实|核查|了解|转|交办|感谢|谢谢"
    r"|答复|回复|网友|网民"
)
#: Thanks for the interest as a clause of their own before the answer's first words, after a comma (十分感谢您留意
#: 本站的工作，按照… / 感谢对园林绿化工作的支持，补植行道树…).
_THANKS_LEAD = re.compile(
    r"(?:首先[，,]?)?(?:再次|衷心|诚挚|非常|十分)?(?:感谢|谢谢)(?:您|你)?(?:们)?(?:对|关心|关注|支持)"
    r"[^。！!？?，,；;\n]{0,30}[，,]"
)
#: An apology for the trouble after the thanks, before the answer: 同时也对…未能满足您的需求表示抱歉。
_APOLOGY_FIRST = re.compile(r"(?:同时[，,]?)?(?:也|我们)?(?:对[^。！!？?\n]{0,40}?)?(?:表示|深表)(?:歉意|抱歉)[。！!]")


def _after_opening(text: str, paras: list[tuple[int, int, bool]], sal_i: int, hi: int, first: int = -1) -> int:
    """Where the body starts after an opening that begins at paragraph ``sal_i`` (or ``first``). In a reply to an
    online message (a net user addressed), 您好 after the salutation is the opening's even with the answer on its
    line, only the first sentence after the salutation may be the opening sentence, and the sentences saying
    where the message was sent (已转…处理, 有关情况将及时反馈) are the opening's."""
    body = _after_opening_core(text, paras, sal_i, hi, first)
    if first >= 0:
        # no salutation: the receipt of an online message (您的留言已收悉…) opens such a reply too
        online = bool(_ONLINE_WORDS.search(text, paras[first][0], min(paras[first][1], paras[first][0] + 30)))
    else:
        online = _netizen_salutation(text, paras[sal_i][0], paras[sal_i][1]) >= 0
    if not online:
        return body
    # once the opening has announced the answer (…现回复如下：), a later …详细情况如下： is the answer's lead-in
    announced = _ANNOUNCE.search(text, paras[first if first >= 0 else sal_i][0], body) is not None
    while body < hi:
        g = _GREETING.match(text, body, hi)
        at = _strip_span(text, g.end(), hi)[0] if g else body
        m = _FORWARDED.match(text, at, hi) or (None if announced else _ONLINE_ANNOUNCE.match(text, at, hi))
        announced = announced or (m is not None and m.re is _ONLINE_ANNOUNCE)
        m = m or _RECEIPT_HANDLED.match(text, at, hi) or _OFFICE_REPLIES.match(text, at, hi)
        m = m or _ANSWERED_AT.match(text, at, hi)
        if m is None:
            # thanks for the message before the answer (…收悉，感谢您对我市旅游工作的关注与支持。我市…)
            t = _THANKS_FIRST.match(text, at, hi) or _ACCEPT_THANKS.match(text, at, hi)
            rest = _strip_span(text, t.end(), hi)[0] if t else hi
            if t and rest < hi and _closing_start(text, rest, hi, paras, True) != rest:
                m = t
            # …现答复如下：十分感谢您留意本站的工作，按照…: a thanks clause running on from the opening's
            # paragraph is the opening's (a paragraph of its own that opens with thanks is the answer's)
            k = bisect.bisect_left(paras, (at, -1, False))
            para_start = k < len(paras) and paras[k][0] == at
            lead = _THANKS_LEAD.match(text, at, hi) if m is None and not para_start else None
            after_lead = _strip_span(text, lead.end(), hi)[0] if lead else hi
            if lead and after_lead < hi and _closing_start(text, after_lead, hi, paras, True) != after_lead:
                m = lead
            # an apology for the trouble before the answer (同时也对…表示抱歉。): still the opening's
            a = _APOLOGY_FIRST.match(text, rest if m is not None else at, hi)
            after = _strip_span(text, a.end(), hi)[0] if a else hi
            if a and after < hi and _closing_start(text, after, hi, paras, True) != after:
                m = a
        if not m:
            break
        body = _strip_span(text, m.end(), hi)[0]
    return body


def _after_opening_core(
    text: str, paras: list[tuple[int, int, bool]], sal_i: int, hi: int, first: int = -1
) -> int:
    start = first if first >= 0 else sal_i
    online = first < 0 and _netizen_salutation(text, paras[sal_i][0], paras[sal_i][1]) >= 0
    for i in range(start, min(start + 3, len(paras))):
        s, e, _h = paras[i]
        if s >= hi:
            break
        m = _OPENING_END.search(text, s, e)
        if m and online and i == sal_i:
            # “QK1”您好！按您说的情况，这笔补贴可以申领。申领要带的材料列在下面：… the sentence after the greeting
            # already answers (it names neither the message nor what was done with it): the opening ends with the
            # greeting, and the announcement further on is the answer's lead-in
            sal_end = _strip_span(text, _netizen_salutation(text, s, e), e)[0]
            first_end = next(
                (f.end() for f in _FULL_STOP.finditer(text, sal_end, e) if _quote_closed(text, sal_end, f.start())), e
            )
            if sal_end < first_end <= m.start() and not _ABOUT_THE_MESSAGE.search(text, sal_end, first_end):
                return sal_end
        if m:
            nxt = _strip_span(text, m.end(), e)[0]
            cut = nxt < e and e - nxt <= 40 and not text[e:hi].strip(_STRIP) and not _SENT_END.search(text, nxt, e)
            if cut and not _ANNOUNCE.search(m.group()):
                return hi  # …收悉。经认真研究，现 (the page ends mid-sentence in the opening)
            if nxt < e:
                return nxt  # …现答复如下： the answer runs on in the same paragraph
            if i + 1 < len(paras) and paras[i + 1][0] < hi and not _ANNOUNCE.search(m.group()):
                # …收悉。 then a paragraph of its own ending in 现将办理情况答复如下： the opening runs over it
                s2, e2, _h2 = paras[i + 1]
                a = _ANNOUNCE.search(text, s2, min(e2, s2 + 200))
                if a:
                    nxt = _strip_span(text, a.end(), e2)[0]
                    if nxt < e2:
                        return nxt
                    return paras[i + 2][0] if i + 2 < len(paras) else hi
            return paras[i + 1][0] if i + 1 < len(paras) else hi
        if i > sal_i and _GREETING.fullmatch(text, s, e):
            continue
        g = _GREETING.match(text, s, e) if i == sal_i + 1 and online else None
        if g and not _OPENING_CUE.search(text, g.end(), _sentence_end(text, g.end(), e)):
            # 您好！ then the answer on the greeting's line: the greeting is the opening's, the answer the body's
            return _strip_span(text, g.end(), e)[0]
        if i > sal_i and not _OPENING_CUE.search(text, s, min(e, s + 120)):
            break
    # no 收悉/答复如下: the salutation alone opens (the answer follows it), or its own line's text
    s, e, _h = paras[start]
    end_sal = _is_salutation(text, s, e) if first < 0 else -1
    if end_sal >= 0:
        nxt = _strip_span(text, end_sal, e)[0]
        if nxt < e and first < 0:
            # the opening sentence follows the salutation on its line only when its first sentence is one
            # (您提出的…); thanks at the end of a one-paragraph answer make no opening of it
            g = _GREETING.match(text, nxt, e)
            first_end = _sentence_end(text, g.end() if g else nxt, min(e, nxt + 60)) if online else min(e, nxt + 60)
            cue = _OPENING_CUE.search(text, nxt, first_end)
            if online and cue is not None and cue.group().startswith("感谢"):
                # to a net user, thanks open the letter only as a sentence of their own (“UU001”感谢您的关心。我局…:
                # the answer follows on the line); thanks at the end of the answer's sentence are the closing's
                at = _strip_span(text, g.end(), e)[0] if g else nxt
                thanks = _THANKS_FIRST.match(text, at, e)
                if thanks is None:
                    return nxt
                after = _strip_span(text, thanks.end(), e)[0]
                if after < e:
                    return after
            return nxt if cue is None else (paras[start + 1][0] if start + 1 < len(paras) else hi)
    j = start + 1
    while online and end_sal >= 0 and j < len(paras) and paras[j][0] < hi and j - start <= 2:
        # to a net user: 您好！ on a line of its own, then the reply's title (关于…一贴的回复) are the opening's
        line = text[paras[j][0] : paras[j][1]].strip(_STRIP)
        if not (_GREETING.fullmatch(line) or (_header_like(line) and _ONLINE_TITLE.fullmatch(line))):
            break
        j += 1
    return paras[j][0] if j < len(paras) else hi


# --------------------------------------------------------------------------------------------------
# The parser
# --------------------------------------------------------------------------------------------------


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.original = text  # the text as given (units are cut from it; ``text`` may have normalised colons)
        self.tx = _Text(text)
        self.units: list[_U] = []
        self.cuts: list[int] = []
        #: Starts of the lines :meth:`header` consumed (metadata, the title): in a reply's header they start no unit.
        self.header_lines: set[int] = set()
        self.metadata: dict[str, str] = {}
        self.title: str | None = None
        self.structured = False
        self.framed = False
        self.record_form = False
        self.column_cells: set[int] = set()  # value cells of a table whose columns are named in one row
        self.reply_cells: set[int] = set()  # the cells of such a table's answer column (办理情况)
        self.stacked: list[int] = []  # where a reply stored right after another one starts (its salutation)
        self.stacked_bare: set[int] = set()  # those that start with the answer itself (no address, no opening)
        self.online_bodies: list[tuple[int, int]] = []  # bodies of replies addressed to a net user
        self._all_paras: list[tuple[int, int, bool]] | None = None
        self.para_starts: set[int] = set()
        self.para_sorted: list[int] = []  # the same, in order: which paragraph starts lie between two places
        self.enum_starts: set[int] = set()

    # -- header -------------------------------------------------------------------------------
    def header(self, paras: list[tuple[int, int, bool]]) -> int:
        """Consume the metadata lines and the title at the top; return the index of the first body paragraph."""
        text = self.text
        i = 0
        while i < len(paras) and i < 40:
            s, e, hard = paras[i]
            line = text[s:e]
            if line.count("|") >= 2:
                self._table_metadata(line)
                self.cuts.append(s)
                i += 1
                continue
            m = _META_LINE.fullmatch(line)
            if m and len(line) <= 80 and hard:
                self.metadata.update(_meta_fields(line))  # 类别：B类 公开方式：主动公开: two fields
                self.cuts.append(s)
                self.header_lines.add(s)
                i += 1
                continue
            core = line.strip(_STRIP + "：:")
            if hard and (_CATALOG.fullmatch(core + "：") or core == "文号"):
                self.metadata.setdefault(core, "")  # a catalogue field left empty (文号 | 索引号 | …)
                self.cuts.append(s)
                self.header_lines.add(s)
                i += 1
                continue
            if hard and _FORM_TITLE.fullmatch(line.strip(_STRIP)):
                self.metadata.setdefault("表名", line.strip(_STRIP))  # the name of the form the page is
                self.cuts.append(s)
                self.header_lines.add(s)
                i += 1
                continue
            anyou = _ANYOU.match(line)
            if anyou and self.title is None and hard:
                self.title = line[anyou.end() :].strip(_STRIP) or None
                self.cuts.append(s)
                self.header_lines.add(s)
                i += 1
                continue
            if self.title is None and hard and is_title_line(line):
                self.title = FIELD_LABEL.sub("", line, count=1)  # 建议名称：关于… / 由:关于… (a form that lost its 案)
                self.cuts.append(s)
                self.header_lines.add(s)
                i += 1
                continue
            break
        return i

    def _table_metadata(self, line: str) -> None:
        cells = [c.strip(_STRIP) for c in line.split("|")]
        known = re.compile(rf"(?:{_META_KEYS})")
        j = 0
        while j < len(cells):
            key = cells[j]
            if not key:
                j += 1
                continue
            nxt = cells[j + 1] if j + 1 < len(cells) else ""
            if nxt and not known.fullmatch(nxt):
                self.metadata[key] = nxt
                j += 2
            else:
                self.metadata.setdefault(key, "")
                j += 1

    # -- events ---------------------------------------------------------------------------------
    def part_events(self, body_start: int) -> list[tuple[int, int, str, int]]:
        """Part markers: (pos, order, kind, label end)."""
        text, tx = self.text, self.tx
        events: list[tuple[int, int, str, int]] = []
        for m in _PART_LABEL.finditer(text, body_start):
            kind = m.lastgroup or ""
            core = m.group()
            pm = _PREFIX_BEFORE.search(text, max(body_start, m.start() - 6), m.start())
            start = pm.start() if pm else m.start()
            label = text[start : m.end()]
            bare = core in ("建议", "对策", "背景")
            after = _AFTER_LABEL.match(text, m.end())
            if after:
                has_colon = ":" in after.group() or "：" in after.group()
                label_end = after.end()
            elif core != label and not bare:
                has_colon, label_end = False, m.end()  # 三、意见建议我省… (a numbered label running into text)
            else:
                continue
            if bare and not has_colon and core == label:
                continue  # a bare word needs a colon, or a number before it (三、建议)
            prev, hard, soft = tx.prev_char(start)
            ok = hard or soft or prev in _BOUND or (has_colon and prev in "，,")
            if not ok and not (has_colon and _STRONG_LABEL.search(label)):
                continue
            if bare and not (hard or soft or prev in "。；;！!？?"):
                continue
            events.append((start, 0, kind, label_end))
        # a numbered heading whose title names the part: 三、推进…产业发展的对策与建议
        for m in _HEADING_LABEL.finditer(text, body_start):
            prev, hard, soft = tx.prev_char(m.start())
            if hard or soft or prev in _BOUND:
                events.append((m.start(), 2, _HEADING_KIND[m.group("what")], m.end()))
        # a short sentence ending in 问题：/建议： right before a list: 当前存在的主要问题：1、…
        spans = sorted((a, d) for a, _b, _c, d in events)
        span_starts = [a for a, _d in spans]
        for m in _CLAUSE_LABEL.finditer(text, body_start):
            if _inside(spans, span_starts, m.start()):
                continue
            k = bisect.bisect_left(tx.sent_ends, m.start()) - 1
            lo = max(tx.sent_ends[k] + 1 if k >= 0 else body_start, body_start)
            nl = text.rfind("\n", lo, m.start())
            lo = nl + 1 if nl >= 0 else lo
            if m.start() - lo > 60:
                continue
            s0, _e0 = _strip_span(text, lo, m.start())
            kind = "problem" if m.group("what") == "问题" else "suggestion"
            events.append((s0, 2, kind, m.end()))
        return events

    def cue_events(self, body_start: int) -> list[tuple[int, str]]:
        """Sentence-initial discourse cues that start a unit: 此外, 综上, 在…方面：."""
        out: list[tuple[int, str]] = []
        cues = ((_SPLIT_CUE, "split"), (_CLOSE_CUE, "close"), (_TOPIC, "topic"), (_CLOSING_INLINE, "closing"))
        for rx, kind in cues:
            for m in rx.finditer(self.text, body_start):
                prev, hard, soft = self.tx.prev_char(m.start())
                if hard or soft or prev in "。！？!?；;" or (kind == "topic" and prev in "：:"):
                    out.append((m.start(), kind))
        return out

    def run(self) -> Parsed:
        text = self.text
        paras = _paragraphs(text)
        all_paras = paras
        self._all_paras = paras
        first = self.header(paras)
        if first >= len(paras):  # nothing but header-like lines: read them as the body
            first, self.metadata, self.title, self.cuts = 0, {}, None, []
            self.header_lines = set()
        body_start = paras[first][0] if first < len(paras) else len(text)
        paras = paras[first:]
        enum_cands = [e for e in _find_enums(self.tx) if e.pos >= body_start]
        parts = self.part_events(body_start)
        record = self.record_events(all_paras)
        columns, column_rows = self.column_events()
        if columns:
            # a table whose columns are named in one row: its header row and value cells replace the fields
            record = [p for p in record if not _inside_any(column_rows, p[0])] + columns
        if record:
            # a record form (提案号/提案人/内容/承办单位…): its fields replace the labels found inside them
            fields = {p[0] for p in record}
            parts = [p for p in parts if p[0] not in fields] + record
            self.record_form = True
        self.stacked = self._stacked_replies(all_paras)
        cut = self._inline_reply_fields(bool(record)) + sorted(self.reply_cells) + self.stacked
        if cut:
            all_paras = _split_paragraphs(text, all_paras, cut)
            self._all_paras = all_paras
            paras = [p for p in all_paras if p[0] >= body_start]
        # reply-side paragraph-level markers
        para_events: list[tuple[int, int, str, int]] = []
        for s, e, hard in paras:
            line = text[s:e]
            ps = _PROPOSAL_START.match(line) if hard else None
            alone = hard and ps is None and line.strip(_STRIP + "：:") in ("附", "附件")
            if ps:
                para_events.append((s, 0, "proposal-start", s + ps.end()))
            elif alone and _PROPOSAL_START.match(text, s):  # 附：/附件 alone on its line, the proposal below it
                para_events.append((s, 0, "proposal-start", e))
            elif hard and (am := _ATTACHMENTS.match(line)):  # 附件：1.…调查表 2.… the list of a proposal's attachments
                para_events.append((s, 0, "attachments", s + am.end()))
            elif hard and _REPLY_START.match(line):
                para_events.append((s, 0, "reply-start", s + _REPLY_START.match(line).end()))  # type: ignore[union-attr]
            elif s in self.reply_cells:
                para_events.append((s, 0, "reply-start", s))  # the answer column's cell, labelled by its column
            sal_end = _is_salutation(text, s, e) if hard else -1
            if sal_end >= 0 and sal_end - s <= 100:
                para_events.append((s, 1, "salutation", sal_end))
        if column_rows:
            # in a table whose columns are named in one row, the names (建议内容, 办理情况) label no part: the cells do
            para_events = [p for p in para_events if p[0] in self.reply_cells or not _inside_any(column_rows, p[0])]
        reply_first = self._starts_as_reply(parts + para_events, paras)
        frames = self.frames(all_paras, para_events, reply_first)
        self.online_bodies = sorted(
            (f.body, f.closing if f.closing >= 0 else f.end)
            for f in frames
            if f.opening >= 0 and self._online(f.opening)
        )
        frame_events, quiet = self._frame_events(frames)
        if frames:
            # inside a frame's header and opening, and in its closing, nothing else starts a unit
            para_events = [p for p in para_events if p[2] == "proposal-start" or not _inside_any(quiet, p[0])]
            # in a reply's body, a proposal's part labels (基本情况, 存在问题, 建议) are words of the answer
            # (一、基本情况 is a section of it), not part markers
            bodies = sorted((f.body, f.end) for f in frames)
            parts = [
                p for p in parts
                if not _inside_any(quiet, p[0]) and not (p[2] in _ORDER and _inside_any(bodies, p[0]))
            ]
            paras = [p for p in paras if not _inside_any(quiet, p[0])]
            enum_cands = [e for e in enum_cands if not _inside_any(quiet, e.pos)]
        barriers = sorted(p[0] for p in parts + para_events + frame_events if p[1] != 2)
        spans = sorted((p[0], p[3]) for p in parts + para_events if p[1] != 2)
        span_starts = [a for a, _b in spans]
        enum_cands = [e for e in enum_cands if not _inside(spans, span_starts, e.pos)]
        enums = _validate_runs(enum_cands, barriers)
        bodies = sorted((f.body, f.end) for f in frames)
        # questions answered one by one (疑问一：…答：…) are the sections of a reply's body only
        enums = [e for e in enums if e.style != "qa" or _inside_any(bodies, e.pos)]
        if frames:
            enums = self._drop_sentence_lists(enums, bodies)
        # a list of attachments alone is no structure: a plain text with one is still split into its requests
        self.structured = bool(parts or any(p[2] != "attachments" for p in para_events) or enums or frames)
        cues = self.cue_events(body_start)
        if frames:
            cues = [c for c in cues if c[1] != "closing" and not _inside_any(quiet, c[0])]
            cues += self.next_step_cues(frames)
        self.framed = bool(frames)
        if frames:
            paras = self._join_broken_lines(paras, frames)
            paras = self._spaced_paragraphs(paras, frames)
        self.para_starts = {p[0] for p in paras}
        self.para_sorted = sorted(self.para_starts)
        self.enum_starts = {e.pos for e in enums}
        self.walk(paras, parts + para_events + frame_events, enums, cues, reply_first)
        return self.finish()

    def _stacked_replies(self, paras: list[tuple[int, int, bool]]) -> list[int]:
        """Replies to an online message stored one after another (a forwarding note, then the office's answer):
        a net user addressed right after a date (…2021年5月6日网友：您好！…) or after a full stop with a colon
        (…已清理。网友：) starts the next reply, and so does an opening that announces its answer after the date
        (:data:`_STACKED_ANNOUNCED`). The salutations' (or openings') starts."""
        text = self.text
        out: list[int] = []
        for m in _STACKED_REPLY.finditer(text):
            pos = m.start("sal")
            if pos == 0 or pos in out:
                continue
            k = bisect.bisect_right(paras, (pos, len(text) + 1, True)) - 1
            if k < 0 or not paras[k][0] <= pos < paras[k][1]:
                continue
            end = _netizen_salutation(text, pos, paras[k][1])
            if end < 0 or (m.group("stop") and not re.search(r"[：:]", text[pos:end])):
                continue
            out.append(pos)
        for m in _STACKED_ANNOUNCED.finditer(text):
            pos = m.start("sal")
            k = bisect.bisect_right(paras, (pos, len(text) + 1, True)) - 1
            # only after a reply to an online message (a net user addressed, or the message named before it)
            online = bool(paras) and (
                _netizen_salutation(text, paras[0][0], paras[0][1]) >= 0 or bool(_ONLINE_WORDS.search(text, 0, pos))
            )
            if online and pos not in out and k >= 0 and paras[k][0] <= pos < paras[k][1]:
                out.append(pos)
        for m in _DATED_NOTE.finditer(text):
            # …已全部修好。2021年6月3日　　该帖已转县水利局办理。2021年6月1日: after the date that ends an answer,
            # the platform's forwarding note is another reply stored after it (an opening of its own)
            pos = m.start("note")
            k = bisect.bisect_right(paras, (pos, len(text) + 1, True)) - 1
            # (the receipt run after the date, 2020年3月2日您的留言已经收到！…, stays the closing's: _DATED_RECEIPT)
            fwd = _FORWARDED.match(text, pos) if not _RECEIPT_NOTE.match(text, pos) else None
            if fwd and pos not in out and k >= 0 and paras[k][0] <= pos < paras[k][1]:
                out.append(pos)
                self.stacked_bare.add(pos)  # no address: its frame is read as a text of its own
        if paras:
            # 您的留言已收悉，…已转市规划局调查处理。收到…后，局领导高度重视，…现就有关情况报告如下：… the platform's
            # forwarding note, then the office's own opening that announces its answer: the office's reply
            s0, e0, _h0 = paras[0]
            fwd = _FORWARDED.search(text, s0, min(e0, s0 + 120))
            if fwd and fwd.group().rstrip()[-1:] in "。！!" and not _ANNOUNCE.search(text, s0, fwd.end()):
                pos = _strip_span(text, fwd.end(), e0)[0]
                dated = _DATE_LINE_ONLY.match(text, pos) is not None  # a date closes the note: the rules above
                own = _OWN_ANNOUNCEMENT.match(text, pos, e0) if pos < e0 and not dated else None
                # (what the office did with the message, then the announcement: 区教育局回复如下： alone only names the
                # office that answers, the note's opening goes on)
                if own and pos not in out and re.search(r"[，,。！!]", own.group()[:-1]):
                    out.append(pos)
                note_date = _DATE_LINE_ONLY.match(text, pos) if dated else None
                acts = _strip_span(text, note_date.end(), e0)[0] if note_date else e0
                if note_date and acts < e0 and acts not in out and _OFFICE_ACTS.match(text, acts, e0):
                    # …已转交区城管局办理。2021年9月1日我局接件后…: the forwarding note's date run into the office's
                    # account of what it did: the office's answer stored after the note, with no address
                    out.append(acts)
                    self.stacked_bare.add(acts)
        for k in range(1, len(paras)):
            # …现把办理结果答复如下：　　您好！本站收到来信后，…。现把办理结果答复如下：… a paragraph that greets
            # again and announces its own answer, right after an opening that announced one: the office's own reply
            s, e, _h = paras[k]
            if (
                s not in out
                and _ANNOUNCED_BEFORE.search(text[paras[k - 1][0] : paras[k - 1][1]].rstrip(_STRIP))
                and _GREETS_AGAIN.match(text, s, e)
            ):
                out.append(s)
        for k in range(1, len(paras) - 1):
            # a date on a line of its own between two answers (…请继续监督我们的工作。　2021年6月3日　　我站于
            # 6月1日收到…的反映，…已全部修好。): the next paragraph is another reply, stored with no address
            s, e, _h = paras[k]
            ns, ne, _nh = paras[k + 1]
            date = text[s:e].strip(_STRIP)
            nxt = text[ns:ne].strip(_STRIP)
            if (
                _DATE_LINE_ONLY.fullmatch(date)
                and len(nxt) >= 40
                and nxt[-1] in "。！!"
                and not _CLOSING_SENT.search(nxt, 0, _sentence_end(nxt, 0, len(nxt)))
                and not _RECORD_LINE.match(nxt)
                and ns not in out
            ):
                out.append(ns)
                self.stacked_bare.add(ns)
        return sorted(out)

    def _inline_reply_fields(self, record_form: bool) -> list[int]:
        """In a record form written on one line (…承办单位：水务局 办理情况：王明代表：您提出的…), the reply's
        field starts a paragraph where it stands; and a salutation right after a reply's label (答复内容：王明代表：…)
        starts one too."""
        text = self.text
        out: list[int] = []
        for m in _REPLY_START.finditer(text):
            _prev, hard, _soft = self.tx.prev_char(m.start())
            if not hard:
                if not record_form or text[m.start() - 1] not in _SPACE:
                    continue
                out.append(m.start())
            nxt = _strip_span(text, m.end(), min(len(text), m.end() + 120))[0]
            sal = _FRAME_SALUTATION.match(text, nxt)
            if sal and sal.group().rstrip()[-1:] in "：:":
                out.append(nxt)
        return out

    def _join_broken_lines(
        self, paras: list[tuple[int, int, bool]], frames: list[_Frame]
    ) -> list[tuple[int, int, bool]]:
        """In a reply's body, a long line that stops mid-sentence (no punctuation at its end: the page broke
        the line, 场地硬化等附 / 属工程，…) runs on into the next line, which starts no paragraph of its own; so
        does an un-numbered heading line (关于道路硬化问题): its body is the paragraph after it, and a lead-in
        ending in a colon with the quotation after it."""
        text = self.text
        out: list[tuple[int, int, bool]] = []
        bodies = sorted((f.body, f.closing if f.closing >= 0 else f.end) for f in frames)
        prev = ""  # the line before (the last one joined, when lines were joined)
        for para in paras:
            line = text[para[0] : para[1]]
            if out:
                k = bisect.bisect_right(bodies, (out[-1][0], len(text) + 1)) - 1
                in_body = k >= 0 and bodies[k][0] <= out[-1][0] and para[0] < bodies[k][1]
                broken = (
                    len(prev) >= 30
                    and (_CJK.match(prev[-1]) or prev[-1].isdigit())
                    and (_CJK.match(line[0]) or line[0].isdigit())
                )
                # a quotation that runs over lines (您在建议中提出：/“1.增加班次；/2.延长运营时间。”) is one paragraph
                quoted = (prev[-1] in "：:" and line[0] in "“\"") or (
                    prev[-1] not in "。！？!?" and "“" in prev and "”" not in prev[prev.rindex("“") :]
                    and "”" in text[para[0] : para[0] + 300]
                )
                # a line that stops after a comma (…等文件，/ 全市新建…) goes on in the next line
                comma = len(prev) >= 10 and prev[-1] in "，,、" and not _ENUM.match(line)
                joins = broken or quoted or comma or _HEADING_LINE.fullmatch(prev)
                if in_body and joins and not _NEXT_STEP.match(line):
                    prev = line
                    continue
            out.append(para)
            prev = line
        return out

    def _spaced_paragraphs(
        self, paras: list[tuple[int, int, bool]], frames: list[_Frame]
    ) -> list[tuple[int, int, bool]]:
        """A reply whose body was stored as one line keeps its paragraph breaks as a single space after a sentence's
        end (…已建成展馆。 下步，… / …签约。 推进智慧养老。…): there, in such a body, a paragraph starts — in a reply
        to an online message, not inside a quotation (a regulation cited in full)."""
        text = self.text
        cuts: list[int] = []
        ends: list[int] = []
        for f in frames:
            hi = f.closing if f.closing >= 0 else f.end
            lo, hi = _strip_span(text, f.body, hi)
            top = f.opening if f.opening >= 0 else f.header
            if top < 0 or top >= lo or "\n" in text[top:hi]:
                continue  # the opening (or header) and the body on one line: the reply was stored as one line
            # inside a quotation (a regulation cited in full), a space after a sentence breaks no paragraph
            online = f.opening >= 0 and self._online(f.opening)
            found = [
                m.end() for m in _SPACED_SENTENCE.finditer(text, lo, hi)
                if not (online and self.tx.in_closed_quote(m.end()))
            ]
            cuts += found
            ends += [hi] * len(found)
        if not cuts:
            return paras
        spans = [(s, e) for s, e, _h in paras]
        inside = [c for c in cuts if _inside_any(spans, c)]
        out = _split_paragraphs(text, paras, inside) if inside else list(paras)
        # a cut in no paragraph (the body runs on in the opening's line, which holds no paragraph of the body)
        starts = sorted(s for s, _e, _h in out)
        for k, (c, hi) in enumerate(zip(cuts, ends, strict=True)):
            if c in inside:
                continue
            nxt = min([hi, *cuts[k + 1 : k + 2], *(s for s in starts[bisect.bisect_right(starts, c) :][:1])])
            a, b = _strip_span(text, c, nxt)
            if a < b:
                out.append((a, b, True))
        return sorted(out)

    def _online(self, pos: int) -> bool:
        """Whether the paragraph at ``pos`` addresses a net user (a reply to an online message), or starts a reply
        stored after one."""
        if pos in self.stacked:
            return True
        paras = _paragraphs_cache(self)
        k = bisect.bisect_left(paras, (pos, -1, False))
        return k < len(paras) and paras[k][0] == pos and _netizen_salutation(self.text, pos, paras[k][1]) >= 0

    def _drop_sentence_lists(self, enums: list[_Enum], bodies: list[tuple[int, int]]) -> list[_Enum]:
        """A list numbered 1. 2. / （1）（2） / ① ② that runs inside one sentence after words of that sentence
        (出台了政策：1.《…》；2.《…》。) is numbered like any other list (devtools/teddy_units.py, inline lists): at
        the answer's highest level its numbers are sections, its lead-in sentence an item; inside a
        numbered section with a body of its own (一、…进一步释放政策红利：1.…；2.…。) or a plan paragraph
        (下一步，我们将：1.…；2.…。) it stays in that unit: those lists are dropped here. Lists of 一是 / 第一 /
        首先 are never dropped (the numbering rules nest them)."""
        runs: dict[int, list[_Enum]] = {}
        for e in enums:
            runs.setdefault(e.run, []).append(e)
        drop: set[int] = set()
        for rid, r in runs.items():
            if len(r) < 2 or r[0].style in ("shi", "di", "seq") or any(e.hard for e in r):
                continue
            if all(self.tx.prev_char(e.pos)[2] for e in r):
                continue  # each number opens a paragraph of its own (…；　　2、…): the answer's parts
            k = bisect.bisect_right(bodies, (r[0].pos, len(self.text) + 1)) - 1
            if k < 0 or not bodies[k][0] <= r[0].pos < bodies[k][1]:
                continue
            lead = self.text[max(bodies[k][0], r[0].pos - 200) : r[0].pos]
            lead = re.split(r"[。！？!?\n]", lead)[-1].strip(_STRIP)
            if not lead:
                continue  # the list starts the sentence (现答复如下：1.…；2.…。): its items are the answer's parts
            m = _FULL_STOP.search(self.text, r[0].pos, r[-1].pos + 400)
            if not (m and m.start() > r[-1].pos and "\n" not in self.text[r[0].pos : m.start()]):
                continue
            if self._list_in_unit(enums, rid, bodies[k][0], r[0].pos):
                drop.add(rid)
        return [e for e in enums if e.run not in drop]

    def _list_in_unit(self, enums: list[_Enum], rid: int, body: int, pos: int) -> bool:
        """Whether the inline list at ``pos`` (run ``rid``) lies inside a unit that keeps it: in a numbered part
        with a body of its own (more than a heading of a few words: 二、救助病种：（1）… is under a heading, its
        list the sections) in the same paragraph and of another style (a list that starts its numbering again in
        the style of the part before it is a new list beside it), or in a paragraph of plans (下一步，…)."""
        text = self.text
        para = max(text.rfind("\n", body, pos) + 1, body)
        for m in _SOFT_BREAK.finditer(text, para, pos):
            para = m.end()
        for m in _NEXT_INLINE.finditer(text, para, pos):
            # a plan that opens a sentence or the paragraph (…，下一步，我们将落实以下措施：1、… after a comma opens no
            # plan unit: the list it announces is the answer's parts)
            prev, hard, soft = self.tx.prev_char(m.start())
            if hard or soft or m.start() == para or prev in "。！？!?；;":
                return True
        before = [e for e in enums if e.run != rid and para <= e.pos < pos]
        if not before:
            return False
        if before[-1].style == next(e.style for e in enums if e.run == rid):
            return False  # the numbering starts again in the same style: a new list beside the last one
        return self._has_body(before[-1].pos, pos)

    def _row_cells(self, lo: int, hi: int) -> list[tuple[int, int]]:
        """The cells of one line of the original text: between bars, tabs, runs of two or more spaces, or else
        single spaces; (start, end) of each, stripped (an empty cell between bars is kept, empty)."""
        line = self.original[lo:hi]
        if "|" in line or "｜" in line:
            edges = [lo - 1] + [lo + i for i, c in enumerate(line) if c in "|｜"] + [hi]
            cells = [(edges[k] + 1, edges[k + 1]) for k in range(len(edges) - 1)]
            while cells and not line[cells[0][0] - lo : cells[0][1] - lo].strip(_STRIP):
                cells.pop(0)  # the bars at the row's two ends
            while cells and not line[cells[-1][0] - lo : cells[-1][1] - lo].strip(_STRIP):
                cells.pop()
            return [_strip_span(self.original, a, b) for a, b in cells]
        wide = re.search(r"[ \xa0\u3000]{2,}", line.strip(_STRIP))
        rx = r"\t" if "\t" in line else r"[ \xa0\u3000]{2,}" if wide else r"[ \xa0\u3000]+"
        out: list[tuple[int, int]] = []
        pos = lo
        for m in re.finditer(rx, line):
            out.append(_strip_span(self.original, pos, lo + m.start()))
            pos = lo + m.end()
        out.append(_strip_span(self.original, pos, hi))
        return [c for c in out if c[0] < c[1]]

    def column_events(self) -> tuple[list[tuple[int, int, str, int]], list[tuple[int, int]]]:
        """A table whose columns are named in one row (提案号 提案人 内容 承办单位) and whose values fill the rows
        below it, in the same order: the header row is the record, and each value cell is read as its column's
        field (the 内容 cell is the proposal's text, the others its record). Returns the events and the rows' spans.

        A value row has one cell per column; when it splits on single spaces into more pieces, the pieces in
        excess belong to the one content column (its text has spaces in it)."""
        text = self.original
        if "内" not in text and "建议" not in text and "案由" not in text:
            return [], []
        lines = [(m.start(), m.end()) for m in _LINE.finditer(text)]
        events: list[tuple[int, int, str, int]] = []
        rows: list[tuple[int, int]] = []
        i = 0
        while i < len(lines):
            lo, hi = lines[i]
            i += 1
            if hi - lo > 300:
                continue  # no row of column names
            cells = self._row_cells(lo, hi)
            if len(cells) == 1:
                found = self._column_cells_a_line(lines, i - 1)
                if found:
                    events += found[0]
                    rows += found[1]
                    i = found[2]
                continue
            if len(cells) < 3 or len(cells) > 12 or any(a >= b for a, b in cells):
                continue
            kinds = _column_kinds([text[a:b] for a, b in cells], True)
            if kinds is None:
                continue
            content = [j for j, k in enumerate(kinds) if k.startswith("rec-")]
            row_events: list[tuple[int, int, str, int]] = [(cells[0][0], 0, "record", cells[-1][1])]
            row_spans = [(lo, hi)]
            while i < len(lines):
                vlo, vhi = lines[i]
                if re.fullmatch(r"[\s|｜:：\-—+]*", text[vlo:vhi]):
                    i += 1  # a separator row (|---|---|)
                    continue
                vals = self._row_cells(vlo, vhi)
                bars = "|" in text[vlo:vhi] or "｜" in text[vlo:vhi]
                if len(vals) > len(cells) and not bars:
                    c = content[0]
                    extra = len(vals) - len(cells)
                    vals = [*vals[:c], (vals[c][0], vals[c + extra][1]), *vals[c + extra + 1 :]]
                below = -1
                if len(vals) == len(cells) - 1 and kinds[-1] == "reply" and i + 1 < len(lines):
                    # the answer column's cell left empty on the row: the reply is the text on the lines below it
                    below = lines[i + 1][0]
                    vals = [*vals, (below, below)]
                if len(vals) != len(cells) or _FIELD_CELL.fullmatch(text[vals[0][0] : vals[0][1]]):
                    break
                if below >= 0:
                    self.reply_cells.add(below)
                for (a, b), kind, (n0, n1) in zip(vals, kinds, cells, strict=True):
                    if a >= b:
                        continue
                    if kind == "reply":
                        self.reply_cells.add(a)  # the office's answer in its cell: the reply starts there
                        continue
                    row_events.append((a, 0, kind, a))
                    self.column_cells.add(a)
                    if kind == "record" and len(row_spans) == 1:
                        self.metadata.setdefault(text[n0:n1], text[a:b])
                        if self.title is None and _TITLE_COLUMN.fullmatch(text[n0:n1]):
                            self.title = text[a:b]
                row_spans.append((vlo, vhi))
                i += 1
                if below >= 0:
                    break  # the lines below are the reply's
            if len(row_spans) > 1:
                events += row_events
                rows += row_spans
        return events, rows

    def _column_cells_a_line(
        self, lines: list[tuple[int, int]], i: int
    ) -> tuple[list[tuple[int, int, str, int]], list[tuple[int, int]], int] | None:
        """The same table stored one cell a line: three or more lines of column names from line ``i``, then as many
        lines of values in the same order (the answer column's value runs on below). Events, spans, next line."""
        text = self.original
        k = i
        while k < len(lines) and k - i < 12 and _column_kinds([text[slice(*lines[k])].strip(_STRIP)], False):
            k += 1
        n = k - i
        kinds = _column_kinds([text[slice(*lines[j])].strip(_STRIP) for j in range(i, k)], False) if n >= 3 else None
        if kinds is None or k + n > len(lines) + (kinds[-1] == "reply"):
            return None
        values = [_strip_span(text, *lines[j]) for j in range(k, min(k + n, len(lines)))]
        if any(_FIELD_CELL.fullmatch(text[a:b]) for a, b in values):
            return None
        events: list[tuple[int, int, str, int]] = [(lines[i][0], 0, "record", lines[k - 1][1])]
        for j, ((a, _b), kind) in enumerate(zip(values, kinds, strict=False)):
            if kind == "reply":
                self.reply_cells.add(a)
                continue
            events.append((a, 0, kind, a))
            self.column_cells.add(a)
            if kind == "record":
                name = text[slice(*lines[i + j])].strip(_STRIP)
                self.metadata.setdefault(name, text[a:_b])
        used = k + n - (kinds[-1] == "reply")
        return events, lines[i:used], used

    def record_events(self, paras: list[tuple[int, int, bool]]) -> list[tuple[int, int, str, int]]:
        """Fields of a proposal's record form at line starts or after a space: (pos, 0, kind, label end)."""
        text = self.text
        out: list[tuple[int, int, str, int]] = []
        n_record = 0
        del paras  # fields are looked for on whole lines (内  容： would be cut in two paragraphs)
        for line in _LINE.finditer(text):
            for m in _RECORD_FIELD.finditer(text, line.start(), line.end()):
                prev, hard, soft = self.tx.prev_char(m.start())
                spaced = m.start() > 0 and text[m.start() - 1] in " \t\xa0\u3000"
                if not (hard or soft or spaced or prev in "、：:"):
                    continue
                if not hard and not _CONTENT.search(text, m.end(), line.end()) and not re.search(r"[：:\d]", m.group()):
                    continue  # a field's name alone (a table cell a line) only on a line of its own
                kind = m.lastgroup or "record"
                n_record += kind == "record"
                out.append((m.start(), 0, kind if kind == "record" else f"rec-{kind}", m.end()))
        kinds = {k for _p, _o, k, _e in out}
        if n_record < 1 or kinds == {"record"} or len(out) < 3:
            return []  # a record form has at least two record fields and a content field
        return out

    def frames(
        self, paras: list[tuple[int, int, bool]], para_events: list[tuple[int, int, str, int]], reply_first: bool
    ) -> list[_Frame]:
        """The frames of the replies in the text: one per reply (a reply-first text, then after each proposal part)."""
        text = self.text
        if not paras:
            return []
        index = {s: i for i, (s, _e, _h) in enumerate(paras)}
        starts = sorted(p[0] for p in para_events if p[2] == "proposal-start")
        anchors = sorted((p[0], p[2]) for p in para_events if p[2] in ("reply-start", "salutation"))
        # a reply stored after another one with no address (its opening announces the answer) is anchored there too
        anchors = sorted({*anchors, *((p, "salutation") for p in self.stacked if p not in {a for a, _k in anchors})})
        out: list[_Frame] = []
        lo = paras[0][0]
        if reply_first:
            first_anchor = -1
            for pos, _kind in anchors:
                i = index.get(pos, -1)
                if pos in self.stacked and pos > lo:
                    break  # a reply stored after a first one (您的留言已收悉，已转…。“UU01”：您好！): not its header
                if i >= 0 and i < 12 and all(_header_like(text[a:b]) for a, b, _h in paras[:i]):
                    first_anchor = i
                break
            k = bisect.bisect_right(starts, lo)
            hi = starts[k] if k < len(starts) else len(text)
            hi = min([hi, *(p for p in self.stacked if p > lo)])
            out.append(_reply_frame(text, paras, lo, hi, first_anchor, True, self.reply_cells))
        for pos, _kind in anchors:
            if out and pos < out[-1].end:
                continue  # inside the current reply (its own salutation, or a later one in the same letter)
            if pos in self.stacked and pos in index:
                # a reply stored after another one: from its salutation to the next reply or proposal part
                k = bisect.bisect_right(starts, pos)
                hi = min([starts[k] if k < len(starts) else len(text), *(p for p in self.stacked if p > pos)])
                anchor = -1 if pos in self.stacked_bare else index[pos]
                out.append(_reply_frame(text, paras, pos, hi, anchor, True, self.reply_cells))
                continue
            k = bisect.bisect_left(starts, pos)
            before = starts[k - 1 : k] if k > 0 else []
            if not before and not out and reply_first:
                continue
            lo = before[-1] if before else paras[0][0]
            k = bisect.bisect_right(starts, pos)
            hi = starts[k] if k < len(starts) else len(text)
            i = index.get(pos, -1)
            if i < 0:
                continue
            out.append(_reply_frame(text, paras, lo, hi, i, False, self.reply_cells))
        return out

    def _frame_events(self, frames: list[_Frame]) -> tuple[list[tuple[int, int, str, int]], list[tuple[int, int]]]:
        """Part events for the frames and the spans where nothing else starts a unit."""
        events: list[tuple[int, int, str, int]] = []
        quiet: list[tuple[int, int]] = []
        for f in frames:
            top = f.header if f.header >= 0 else f.opening if f.opening >= 0 else f.body
            if f.header >= 0:
                events.append((f.header, 0, "header", f.header))
                zone_end = f.opening if f.opening >= 0 else f.body
                self._header_metadata(f.header, zone_end)
                # a reply's header is one unit from its first line to the opening, the reply's title included
                self.cuts = [c for c in self.cuts if not (c in self.header_lines and f.header < c < zone_end)]
            if f.opening >= 0:
                events.append((f.opening, 0, "opening", f.opening))
            second = self._appraisal(f)
            if second >= 0:
                events.append((second, 0, "opening", second))
                f = f._replace(body=self._next_para(second, f.end))
            events.append((f.body, 0, "body", f.body))
            quiet.append((top, f.body))
            if f.closing >= 0:
                events.append((f.closing, 0, "closing", f.closing))
                quiet.append((f.closing, f.end))
        quiet.sort()
        return events, quiet

    def _next_para(self, pos: int, hi: int) -> int:
        paras = _paragraphs_cache(self)
        k = bisect.bisect_right(paras, (pos, len(self.text) + 1, True))
        return paras[k][0] if k < len(paras) and paras[k][0] < hi else hi

    def _appraisal(self, f: _Frame) -> int:
        """A paragraph after a full opening (…收悉/答复如下) that speaks to the proposer (您所提出的…,
        非常感谢您…) before an answer of several paragraphs: it restates or appraises the proposal, and is
        an opening of its own. Its start, or -1."""
        text = self.text
        hi = f.closing if f.closing >= 0 else f.end
        allp = _paragraphs_cache(self)
        k = bisect.bisect_left(allp, (f.body, -1, False))
        paras = [(s, e) for s, e, _h in allp[k : k + 2] if s < hi]
        if len(paras) < 2 or paras[0][0] != f.body:
            return -1
        if f.opening >= 0 and not _OPENING_END.search(text, f.opening, f.body):
            return -1  # after a bare salutation, the first paragraph already answers (你提出的…已列入…)
        if f.opening >= 0 and _ANNOUNCE.search(text, f.opening, f.body):
            k0 = bisect.bisect_right(allp, (f.opening, len(text) + 1, True)) - 1
            if k0 >= 0 and _netizen_salutation(text, allp[k0][0], allp[k0][1]) >= 0:
                # to a net user, the paragraph after …现将有关情况回复如下： is the answer even when it speaks to the
                # writer (您反映的…已处理 / 您可到…办理)
                return -1
        s, _e = paras[0]
        if _TO_PROPOSER.match(text, s):
            return s
        return -1

    def _header_metadata(self, lo: int, hi: int) -> None:
        """Metadata of a reply's header lines: category, document number, signer, the reply's title."""
        zone = self.text[lo:hi]
        for key, rx in (
            ("类别", r"(?:类\s*别|办理结果)\s*[：:]\s*([A-DＡ-Ｄ]\s*类?)|([A-DＡ-Ｄ])\s*类"),
            ("文号", r"([^\s：:《》（(]{0,20}[〔【\[［(（]\s*(?:19|20)\d{2}\s*[〕】\]］)）]\s*\d{1,5}\s*号)"),
            ("签发人", r"签\s*发\s*人\s*[：:]\s*([^\s]{2,8})"),
        ):
            m = re.search(rx, zone)
            if m:
                value = next(g for g in m.groups() if g)
                self.metadata.setdefault(key, value.strip(_STRIP))
        for line in zone.split("\n"):  # other labelled fields (公开方式：主动公开), however they are spaced
            for key, value in _meta_fields(line.strip(), 40):
                if value:
                    self.metadata.setdefault(key, value)
        if self.title is None:
            for line in zone.split("\n"):
                core = line.strip(_STRIP)
                own_title = re.search(r"(?:的答复|答复函|答复书|复函|的回复|的回函|的复文|会办意见)[）)]?$", core)
                if own_title and len(core) <= 90:
                    self.title = core
                    break

    def next_step_cues(self, frames: list[_Frame]) -> list[tuple[int, str]]:
        """A sentence opening with 下一步/下步 inside a reply's body, or a paragraph opening with 今后/下阶段/
        接下来, starts a next-step unit."""
        out: list[tuple[int, str]] = []
        for f in frames:
            hi = f.closing if f.closing >= 0 else f.end
            for m in _NEXT_INLINE.finditer(self.text, f.body, hi):
                prev, hard, soft = self.tx.prev_char(m.start())
                inline = m.group().lstrip("在").startswith(("下一步", "下步"))
                if hard or soft or (prev in "。！？!?；;" and inline):
                    out.append((m.start(), "next"))
            # 至于…, the sentence after an inline numbered list that turns to another question of the message
            for m in _TURN.finditer(self.text, f.body, hi):
                prev, hard, _soft = self.tx.prev_char(m.start())
                if not hard and prev in "。！？!?；;":
                    out.append((m.start(), "turn"))
            # 此外，… after a sentence end and a space (a page stored as one line): a paragraph of its own
            for m in _ASIDE.finditer(self.text, f.body, hi):
                prev, hard, _soft = self.tx.prev_char(m.start())
                if not hard and prev in "。！？!?" and self.text[m.start() - 1] in _SPACE:
                    out.append((m.start(), "aside"))
        return out

    # -- state machine ----------------------------------------------------------------------------
    def walk(
        self,
        paras: list[tuple[int, int, bool]],
        part_events: list[tuple[int, int, str, int]],
        enums: list[_Enum],
        cues: list[tuple[int, str]],
        reply_first: bool,
    ) -> None:
        """Walk the events in document order (at one position: part markers, enumerations, cues, paragraphs)."""
        ev: list[tuple[int, int, int, Any]] = []
        for p in part_events:
            ev.append((p[0], 0 + p[1], 0, p))
        for e in enums:
            ev.append((e.pos, 2, 1, e))
        for para in paras:
            ev.append((para[0], 4, 2, para))
        for c in cues:
            ev.append((c[0], 3, 3, c))
        ev.sort(key=lambda x: (x[0], x[1]))

        self.part = "reply" if reply_first else "proposal"
        self.ctx = "opening?" if reply_first else "none"
        self.stack: list[tuple[str, int, int, int]] = []  # (style, last n, unit index, run)
        self.cur: int | None = None  # index of the current unit
        self.head: int | None = None  # heading unit that parents the part's lists
        self.suppressed: set[int] = set()
        self.reply_body_units = 0
        self.next_para_end = -1  # end of the paragraph where an inline 下一步 sentence started
        self.next_nested = False  # whether that 下一步 sentence is inside a numbered section
        self.topics = 0
        self.run_items: dict[int, list[int]] = {}  # the markers' positions of each run
        self.run_first_n: dict[int, int] = {}  # the number of each run's first marker
        for e in enums:
            self.run_items.setdefault(e.run, []).append(e.pos)
            self.run_first_n.setdefault(e.run, e.n)
        self.runs_went_on: set[int] = set()  # runs with an item whose body ran over a paragraph break
        last_pos = -1
        handled_at = -1
        stacked = set(self.stacked)
        for pos, _prio, typ, obj in ev:
            if self.ctx == "closing" and not (
                typ == 0
                and (obj[2] in ("proposal-start", "reply-start") or (obj[2] in ("opening", "body") and pos in stacked))
            ):
                continue  # the closing runs to the end, unless a new document part (or a reply stored after it) starts
            if typ == 0:
                if self.on_part(obj):
                    handled_at = pos
            elif typ == 1:
                if self.on_enum(obj):
                    handled_at = pos
            elif typ == 3:
                if handled_at != pos and self.on_cue(obj):
                    handled_at = pos
            else:
                if handled_at == pos or pos < last_pos:
                    continue
                s, e, hard = obj
                self.on_para(s, e, hard)
            last_pos = max(last_pos, pos)

    def _starts_as_reply(
        self, part_events: list[tuple[int, int, str, int]], paras: list[tuple[int, int, bool]]
    ) -> bool:
        top = self.text.lstrip(_STRIP)[:40]
        lines = [x.strip(_STRIP) for x in self.text.lstrip(_STRIP).split("\n", 3)[:3]]
        if any(_REPLY_TITLE.search(x) and _header_like(x) for x in lines):
            top = ""  # the reply's own title (第12号建议答复书, 第12号\n关于…的答复) is no record of the proposal
        if _PROPOSAL_RECORD.match(top) or any(k in self.metadata for k in ("提案号", "案号", "建议号", "提案人")):
            return False  # a page that opens with the proposal's record (提案号, 提案人, 建议标题…) holds it first
        strong = [p for p in part_events if p[1] != 2]
        first_kind = min(strong)[2] if strong else ""
        if first_kind in ("reply-start", "salutation"):
            return True
        if first_kind != "proposal-start" and self.title and re.search(
            r"(?:答复|复函|回复|回函|复文)(?:函|书|意见)?[）)]?(?:[（(][^）)]{1,10}[）)])?$", self.title
        ):
            return True  # the text's own title says it is a reply (关于第12号建议的答复): 基本情况… are its words
        if first_kind:
            return False
        head = self.text[paras[0][0] : paras[0][0] + 2000] if paras else ""
        if paras and _THANKS_FIRST.match(self.text, paras[0][0]):
            return True  # a text that opens by thanking its reader (首先，感谢您对…的支持。) answers a message
        if _REPLY_CUE.search(head) or not paras:
            return bool(_REPLY_CUE.search(head))
        # a text that closes by thanking its reader (…感谢您的关注。) or offering a number to call (如有疑问，请致电…)
        # answers a message: a reply with no salutation and no opening
        if _thanks_the_reader(self.text, max(paras[0][0], len(self.text) - 1000), len(self.text), paras):
            return True
        # an office that speaks of itself (我大队…, 我街道…) or speaks to the writer of the message (你的建议很好,
        # 您反映的…) answers it
        if _OFFICE_SPEAKS.search(head) or _TO_THE_WRITER.search(head):
            return True
        # a guide to a procedure (材料准备…, 办事流程…, 办理时限…): an office's answer to how something is done
        if len({m.group() for m in _GUIDE_LABEL.finditer(head)}) >= 2 and not re.search(r"呼吁|恳请|提案|议案", head):
            return True
        # a text that sends its reader to an office for the details (详情可到镇便民服务中心询问): an answer
        if _DETAILS_AT.search(head):
            return True
        # a text with no address, no proposal's words and no cue that ends with its date after a full stop
        # (…已在清运中。2021年8月2日) is an office's dated answer
        tail = self.text.rstrip(_STRIP)
        dated = _TRAILING_DATE.search(tail)
        stop_before = bool(dated and re.search(r"[。！!]\s*$", tail[: dated.start()]))
        # nothing but the date, or the address and the date (网友2019年4月8日): an answer left empty, dated
        empty = bool(dated and _ADDRESS_ONLY.fullmatch(tail[: dated.start()].strip(_STRIP)))
        return empty or (stop_before and not re.search(r"建议|呼吁|恳请|提案|议案", self.text))

    def _new(
        self,
        pos: int,
        kind: str,
        label_end: int | None = None,
        item: bool = False,
        level: int = 1,
        parent: int | None = None,
    ) -> int:
        self.units.append(
            _U(pos, self.part, kind, level, parent, label_end if label_end is not None else pos, item=item)
        )
        self.cuts.append(pos)
        self.cur = len(self.units) - 1
        if self.part == "reply" and kind not in ("opening", "closing"):
            self.reply_body_units += 1
        return self.cur

    def _kind(self, item: bool, nested: bool, heading: str = "") -> str:
        """The kind of a new unit from the part, the context (label seen last) and its place in the lists."""
        ctx = self.ctx
        if self.part == "reply":
            if ctx == "next-step":
                return "next-step"
            if ctx == "closing":
                return "closing"
            if item and not nested and self.head is None:
                return "section"
            return "item"
        if ctx in ("background", "problem", "suggestion"):
            return ctx
        if item:
            # a list in a proposal without part labels: problems when they say what is wrong, else suggestions
            return "problem" if _PROBLEM_CUE.search(heading) else "suggestion"
        return "background"

    def _answers_one_side(self, pos: int) -> bool:
        """Whether the cue at ``pos`` is 另一方面 answering an 一方面 earlier in its paragraph and unit
        (一方面要…。另一方面要…): the second half of one statement, not a new unit."""
        if not self.text.startswith("另一方面", pos) or self.cur is None:
            return False
        k = bisect.bisect_right(self.para_sorted, pos) - 1
        lo = max(self.para_sorted[k] if k >= 0 else 0, self.units[self.cur].start, pos - 400)
        return bool(_ONE_SIDE.search(self.text, lo, pos))

    def _lead_in(self, upto: int) -> bool:
        """Whether the current unit is a proposal part's short lead-in up to ``upto``: opened by the part's label
        (问题分析 / 具体建议), no list in it yet, and at most 100 characters of one paragraph after the label (the
        length of 为推动…，特提出如下建议：; a longer opening paragraph is a unit of its own)."""
        if self.cur is None or self.part != "proposal" or self.stack or self.head is not None:
            return False
        u = self.units[self.cur]
        if u.item or u.kind != self.ctx or u.kind not in ("problem", "suggestion") or u.label_end <= u.start:
            return False
        if upto - u.label_end > 400:
            return False
        words = self.text[u.label_end : upto].strip(_STRIP + "：:")
        return 0 < len(words) <= 100 and (u.lead_para or "\n" not in words)

    def _lead_paragraph(self, s: int, e: int) -> bool:
        """Whether paragraph ``s``-``e`` is the short lead-in of the list right after it, in a problem or suggestion
        part whose label opened the current unit with a few words on its line (问题分析：…存在的问题／经调研，主要有以下
        不足：／1、…): the label's line, the lead-in and the first item are one unit, as when written on one line (at
        most 100 characters after the label). Marks the unit so that the first item takes it."""
        if self.part != "proposal" or self.stack or self.cur is None or self.ctx not in ("problem", "suggestion"):
            return False
        u = self.units[self.cur]
        if u.item or u.lead_para or u.label_end <= u.start or self.head is not None:
            return False  # (a label alone on its line heads its part: a shape not read here)
        words = self.text[u.label_end : e].strip(_STRIP + "：:")
        if not 0 < len(words) <= 100 or self.text[s:e].rstrip(_STRIP)[-1:] not in "：:":
            return False
        if _skip_blank(self.text, e) not in self.enum_starts:
            return False
        u.lead_para = True
        return True

    def _label_only(self, upto: int) -> bool:
        """Whether the current unit holds nothing but its label up to ``upto``."""
        if self.cur is None:
            return False
        u = self.units[self.cur]
        if u.content:
            return False
        # searched once per unit: events come in document order, so content found stays found
        if _CONTENT.search(self.text, u.label_end, upto):
            u.content = True
            return False
        return True

    def on_part(self, p: tuple[int, int, str, int]) -> bool:
        """Apply a part marker; False when it is ignored."""
        pos, _o, kind, label_end = p
        text = self.text
        if kind == "record":
            if self.part == "reply" and self.reply_body_units:
                return False
            if self.ctx == "record" and self.part == "proposal":
                return True  # consecutive record fields are one unit
            self.part, self.ctx, self.stack, self.head = "proposal", "record", [], None
            self._new(pos, "other", label_end)
            return True
        if kind.startswith("rec-"):  # a content field of a record form: never a heading of its own
            if self.part == "reply" and self.reply_body_units:
                return False
            self.part, self.ctx, self.stack, self.head = "proposal", kind[4:], [], None
            self._new(pos, kind[4:], label_end)
            return True
        if kind in ("header", "opening", "closing"):  # a reply's frame
            self.part, self.ctx, self.stack, self.head = "reply", kind, [], None
            self._new(pos, kind)
            return True
        if kind == "body":
            self.part, self.ctx, self.stack, self.head = "reply", "body", [], None
            if pos in self.para_starts or pos in self.enum_starts:
                self.cur = None
                return False  # the paragraph or the numbered item there opens the first unit
            self._new(pos, "item")
            return True
        if kind == "proposal-start":
            if self.cur is not None and self.units[self.cur].start == pos and self.units[self.cur].part == "proposal":
                return True  # a record form's content field (建议内容：…) already opened the proposal's unit here
            if self.part == "reply" and self.reply_body_units:
                self.record_form = True  # a proposal appended after its reply: its requests are its suggestions
            self.part, self.ctx, self.stack, self.head = "proposal", "none", [], None
            self.cuts.append(pos)
            self.cur = None
            if text[pos:label_end].startswith("案由"):
                line_end = text.find("\n", label_end, label_end + 200)
                line = text[label_end : line_end if line_end >= 0 else len(text)].strip(_STRIP)
                if line and self.title is None:
                    self.title = line
                return True
            line_end = text.find("\n", label_end)
            if _CONTENT.search(text, label_end, line_end if line_end >= 0 else len(text)):
                # 建议内容（摘要）：… with the text on the label's line: the summary is the proposal's content,
                # read like a record form's 内容 (its requests, or the whole summary, are what it asks)
                self.record_form = True
                self._new(pos, "background", label_end)
            return True
        if kind == "attachments":
            # the list of attachments after a proposal's text is none of its suggestions (nor of their bodies, nor
            # its background); a record form's fields stay one unit
            if self.part != "proposal" or self.ctx == "record" or not any(u.part == "proposal" for u in self.units):
                return False
            self.ctx, self.stack, self.head = "attachments", [], None
            self._new(pos, "other", label_end)
            return True
        if kind == "reply-start":
            self.part, self.ctx, self.stack, self.head = "reply", "opening?", [], None
            self.cuts.append(pos)
            self.cur = None
            return True
        if kind == "salutation":
            if self.part == "reply" and self.reply_body_units:
                return False
            self.part, self.ctx, self.stack, self.head = "reply", "opening", [], None
            self._new(pos, "opening", label_end)
            return True
        # proposal part labels; weak ones (order 2: headings, clauses) only move the part forward
        if self.part == "reply":
            return False
        if _o == 2 and _ORDER.get(kind, 0) <= _ORDER.get(self.ctx, 0):
            return False
        self.stack = []
        _prev, hard, _soft = self.tx.prev_char(pos)
        if self.cur is not None and self.ctx == kind and self._label_only(pos):
            self.units[self.cur].label_end = label_end  # a repeated label: 问题分析：二、问题分析：
            return True
        if self.ctx == kind and self._lead_in(pos) and _skip_blank(text, label_end) in self.enum_starts:
            # 具体建议：为…，需要统筹推进。具体建议：一是… / …加大支持力度。建议如下：1、… the part's label said again
            # after a short lead-in, right before the list it announces: part of the lead-in, which the first item
            # takes (on_enum)
            return True
        self.ctx = kind
        self.head = None
        self.topics = 0
        line_end = text.find("\n", label_end, label_end + 200)
        rest = text[label_end : line_end if line_end >= 0 else label_end + 200]
        if hard and not rest.strip(_STRIP + "：:"):
            self.head = self._new(pos, "section", label_end)
            self.units[self.head].heading = text[pos:label_end].strip(_STRIP + "：:")
            return True
        self._new(pos, kind, label_end)
        return True

    def on_enum(self, e: _Enum) -> bool:
        """Apply an enumeration marker: a sibling, a nested list, a new list or (inline sub-points) nothing."""
        if e.run in self.suppressed or self.ctx in ("closing", "attachments"):
            return False
        if self.part == "reply" and self.ctx == "next-step" and not e.hard and 0 <= e.pos < self.next_para_end:
            if self.next_nested and any(run == e.run and last + 1 == e.n for _s, last, _u, run in self.stack):
                # 3、…。下一步我们将…处置。4、对于… the next number of the list the 下一步 sentence is in ends the
                # plans: it is the next numbered part
                self.ctx, self.next_para_end = "body", -1
            else:
                # 下步，我们将抓好三个方面：一是…；二是… the plans listed inside the 下一步 paragraph stay in it
                self.suppressed.add(e.run)
                return False
        if self.cur is not None and self.units[self.cur].start == e.pos:
            # a numbered label (三、对策建议) already opened a unit here: it is also this list's item
            if self.cur != self.head:
                u = self.units[self.cur]
                u.item, u.heading = True, self._heading(e.pos)
                self.stack = [(e.style, e.n, self.cur, e.run)]
            return True
        if self.ctx in ("opening", "opening?"):
            # an inline list may follow the opening sentence of a reply written as one paragraph
            inline_ok = self.cur is not None and self.tx.has_sentence_end(self.units[self.cur].start, e.pos)
            if not (e.hard or inline_ok):
                return False
            if not e.hard and self.cur is not None and self.units[self.cur].label_end == self.units[self.cur].start:
                self.units[self.cur].kind = "item"  # no greeting: the lead-in of the body
            self.ctx = "body" if self.part == "reply" else self.ctx
        # a sibling of an open list
        for depth in range(len(self.stack) - 1, -1, -1):
            _style, last, uidx, run = self.stack[depth]
            if run == e.run and e.n == last + 1:
                self.stack = self.stack[:depth]
                u = self.units[uidx]
                return self._item(e, u.level, u.parent, depth)
        if not e.run_first:
            self.suppressed.add(e.run)
            return False
        if e.n > 1:
            # continues the numbering of another style (一是 … 2、 3、)
            if self.stack and self.stack[-1][1] == e.n - 1:
                _s, _l, uidx, _r = self.stack[-1]
                self.stack.pop()
                u = self.units[uidx]
                return self._item(e, u.level, u.parent, len(self.stack))
            if not (e.n == 2 and e.style == "cn" and self.part == "reply" and not self.stack):
                self.suppressed.add(e.run)
                return False
            # 二、三、四、… in a reply's answer (a run of three or more, _validate_runs) after its un-numbered first
            # part: a list of its own at the answer's top level
        if self.stack:
            same = [d for d, entry in enumerate(self.stack) if entry[0] == e.style]
            # in a reply's body, an inline list that starts its numbering again in the style of an ended list
            # (…（七）…。第九条 有下列情形之一的：（一）…) is a new list beside it, not inside its last item
            again = bool(same) and self.part == "reply" and self.framed and e.style not in ("shi", "di", "seq")
            again = again and max(self.run_items.get(self.stack[same[0]][3], [e.pos])) < e.pos
            if same and (e.hard or again):
                # a list never nests in a list of its own style: a new run restarts the numbering at that
                # level (keeps the nesting, and the sibling search above, shallow on long repetitive texts)
                depth = same[0]
                u = self.units[self.stack[depth][2]]
                self.stack = self.stack[:depth]
                if again and not e.hard and self.cur is not None:
                    # its lead-in sentence (第九条 有下列情形之一的，不予登记：) is an item, no longer the last part
                    cut = max(self.text.rfind(c, self.units[self.cur].start, e.pos) for c in "。！？!?")
                    lead_at = _strip_span(self.text, cut + 1, e.pos)[0] if cut >= 0 else e.pos
                    if lead_at < e.pos:
                        self._new(lead_at, "item", level=u.level, parent=u.parent)
                return self._item(e, u.level, u.parent, depth)
            pstyle, _l, pidx, _r = self.stack[-1]
            parent = self.units[pidx]
            if self.part == "reply" and self.framed and e.style in ("shi", "di", "seq"):
                self.suppressed.add(e.run)  # 一是… inside a numbered section of a reply stays inside it
                return False
            if self.part == "reply" and self.framed and not e.hard and self._has_body(parent.start, e.pos):
                # a list inside a numbered section with a body of its own (一、关于调价。…其理由：1、…2、…) stays
                # inside it; under a heading of a few words (二、救助病种：（1）…) it is the heading's parts; under a
                # heading on a line of its own with a body paragraph under it, a list whose first number opens a
                # paragraph (四、处理情况　　body…如下：　　1、…　　2、…) is the section's parts, as （一） under 一、,
                # and the section's body runs over paragraphs (those after its last part are still its own)
                first = min(self.run_items.get(e.run, [e.pos]))
                k = bisect.bisect_right(self.para_sorted, parent.start)  # a paragraph starts inside the section
                own_body = k < len(self.para_sorted) and self.para_sorted[k] < first
                if not (own_body and any(self.tx.prev_char(first)[1:])):
                    self.suppressed.add(e.run)
                    return False
                self.runs_went_on.update(r for _s, _l, _u, r in self.stack)
            as_units = e.hard or (
                e.style in _RANK and pstyle in _RANK and _RANK[pstyle] <= 2 and _RANK[e.style] > _RANK[pstyle]
            )
            if (
                not as_units
                and self.part == "reply"
                and self.framed
                and e.style in _RANK
                and pstyle in _RANK
                and _RANK[e.style] > _RANK[pstyle]
                and self.text[parent.start : e.pos].rstrip(_STRIP)[-1:] in "：:"
                and (self.tx.prev_char(e.pos)[2] or self._heading_only(parent.start, e.pos))
            ):
                # a numbered part that only announces its own list with a colon (2.需符合以下条件之一：), each
                # number opening a paragraph, or a heading of a few words glued to its list (2.使用情况：（1）…；
                # （2）…): the numbers are its parts at any depth
                as_units = True
            if not as_units:
                self.suppressed.add(e.run)
                return False
            return self._item(e, parent.level + 1, pidx, len(self.stack))
        # a new top-level list: merge with a lead-in that is not a full sentence (in a reply's body every list
        # starts sections of its own even inline, after the lead-in clause …采取了以下措施，一是… / …材料：1.…;
        # devtools/teddy_units.py, inline lists)
        if (
            not e.hard
            and not (self.part == "reply" and self.framed)
            # in a reply, a number opening a paragraph of its own starts a part; its lead paragraph is an item
            and not (self.part == "reply" and self.tx.prev_char(e.pos)[2])
            and self.cur is not None
            and not self.units[self.cur].item
            and self.units[self.cur].part == self.part
            and self.units[self.cur].kind not in ("opening", "section")
            and self.cur != self.head
            and not self.tx.has_sentence_end(self.units[self.cur].start, e.pos)
        ):
            u = self.units[self.cur]
            u.item = True
            u.heading = self._heading(e.pos)
            self.stack.append((e.style, e.n, self.cur, e.run))
            return True
        if self._lead_in(e.pos) and _announces_list(self.text[max(0, e.pos - 40) : e.pos].rstrip(_STRIP)):
            # a short lead-in after the part's label that announces the list with a colon belongs to its first item,
            # also when it holds a full sentence (具体建议：建议省里…加大支持力度。建议如下：1、…), and so does one that
            # ends by saying 建议 whatever stop closes it (…为此，我们建议。1.… / …建议如下；1.…)
            cur = self.cur if self.cur is not None else -1  # _lead_in holds only for a current unit
            u = self.units[cur]
            u.item = True
            u.heading = self._heading(e.pos)
            self.stack.append((e.style, e.n, cur, e.run))
            return True
        if self.head is not None:
            h = self.units[self.head]
            lead = self.text[h.start : e.pos].strip(_STRIP)
            if (
                self.part == "proposal"
                and self.cur == self.head
                and self.ctx in ("problem", "suggestion")
                and len(lead) <= 100
                and lead[-1:] in "：:"
                and re.search(r"[，,]", lead)
            ):
                # a short lead-in sentence (为推动…，特提出如下建议：) belongs to the first item of its list
                h.kind, h.item, h.heading = self.ctx, True, self._heading(e.pos)
                self.head = None
                self.stack = [(e.style, e.n, self.cur, e.run)]
                return True
            return self._item(e, h.level + 1, self.head, 0)
        return self._item(e, 1, None, 0)

    def _heading_only(self, start: int, pos: int) -> bool:
        """Whether the numbered part at ``start`` holds only a heading of a few words before ``pos`` (no clause
        mark, at most 16 characters after its number, its colon aside), not a sentence announcing its list
        (申请人还须符合以下条件之一：, whose list stays inside it when written on in its paragraph)."""
        words = _PART_NUMBER.sub("", self.text[start:pos].strip(_STRIP), count=1).strip(_STRIP).rstrip("：:")
        return 0 < len(words) <= 16 and not re.search(r"[。！？!?；;，,、：:]|以下|如下|下列", words)

    def _has_body(self, start: int, pos: int) -> bool:
        """Whether the numbered part at ``start`` has words of its own before ``pos`` beyond a heading of a few
        words: a sentence or clause mark, or more than 20 characters after its number. A comma or colon that only
        ends the heading before its list (三、价格确定，1、…) is no body, and a heading that only announces its list
        with a colon (一、外地社保转入本市的申请条件如下：) is a heading up to 40 characters."""
        words = _PART_NUMBER.sub("", self.text[start:pos].strip(_STRIP), count=1).strip(_STRIP)
        if _TOPIC_HEADING.fullmatch(words):
            return False  # 二、皮肤科开展微创手术的问题。1、… a heading naming its topic, with a full stop
        announces = words[-1:] in "：:" and bool(words)
        words = words.rstrip("，,：:").rstrip(_STRIP)
        return len(words) > (40 if announces else 20) or bool(re.search(r"[。！？!?；;，,]", words))

    def on_cue(self, cue: tuple[int, str]) -> bool:
        """A discourse cue starts a unit at part level in the proposal's background, problem or suggestion part."""
        pos, kind = cue
        if self.ctx == "attachments":
            return False  # an attachment's title (…的建议) is no request
        if kind == "next":
            if self.part != "reply" or self.ctx in ("closing", "header", "opening"):
                return False
            if self.cur is not None and self.units[self.cur].start == pos:
                self.units[self.cur].kind = "next-step"
                self.ctx = "next-step"
                return True
            if self.ctx == "next-step" and (self.next_para_end < 0 or pos < self.next_para_end):
                return False  # 今后… inside the next-step paragraph itself
            self.ctx = "next-step"
            self.next_para_end = self._para_end(pos)
            _prev, hard, _soft = self.tx.prev_char(pos)
            if hard and _LIST_AHEAD.search(self.text, pos, self.next_para_end):
                self.next_para_end = -1  # 下一步，重点做好以下工作： what follows is the plan, under it
                self.stack = []
                self.head = self._new(pos, "next-step")
                return True
            ahead = _LIST_AHEAD.search(self.text, pos, self.next_para_end)
            if ahead and not self.stack and self.text[pos : ahead.start()].count("。") == 0 and self.framed:
                # …已完成改造。下一步，我局将： the plan sentence ends its paragraph announcing the plans of the
                # paragraphs below: they are under it
                self.next_para_end = -1
                self.head = self._new(pos, "next-step")
                return True
            nested = bool(self.stack) and not hard
            self.next_nested = nested
            if nested:  # 下步… inside a numbered section: a unit of its own, the section's numbering goes on
                self._new(pos, "next-step", level=self.units[self.cur].level if self.cur is not None else 1,
                          parent=self.units[self.cur].parent if self.cur is not None else None)
            else:
                self.stack = []
                self._new(pos, "next-step")
            return True
        if kind == "aside":
            if self.part != "reply" or self.ctx != "body" or not (self.stack or self.head is not None):
                return False
            self.stack, self.head = [], None  # as the paragraph 此外，… after numbered sections (on_para)
            self._new(pos, "item")
            return True
        if kind == "turn":
            # …；3.乡镇农技站…登记。至于林地补偿属林业站负责。 after the last number of an inline list, 至于… turns to
            # another question of the message: an item of its own (inside the list, or after a list of paragraphs,
            # it stays in its section)
            if self.part != "reply" or self.ctx != "body" or not self.stack:
                return False
            runs = [run for _s, _l, _u, run in self.stack]
            items = [p for run in runs for p in self.run_items.get(run, [])]
            if max(items, default=pos) > pos or any(p in self.para_starts for p in items):
                return False
            self.stack, self.head = [], None
            self._new(pos, "item")
            return True
        if kind == "close" and self.part == "reply":
            # 总之，… / 综上，… after the answer's numbered sections sums them all up: an item of its own, not the
            # last section's words (inside a plain paragraph it stays in it)
            if self.ctx != "body" or not self.stack:
                return False
            if any(max(self.run_items.get(run, [pos])) > pos for _s, _l, _u, run in self.stack):
                # 一、…综上，…不需要更换。二、… the list goes on after it: the conclusion is its section's
                return False
            self.stack, self.head = [], None
            self._new(pos, "item")
            return True
        if kind == "closing":
            if self.part != "reply" or not self.reply_body_units or len(self.text) - pos > 400:
                return False
            self.ctx, self.stack = "closing", []
            self._new(pos, "closing")
            return True
        if self.part != "proposal" or self.ctx not in ("background", "problem", "suggestion"):
            return False
        if kind == "split" and self._answers_one_side(pos):
            return False
        if kind == "close":
            if self.ctx == "background":
                return False
            self.stack = []
        elif kind == "topic" and self.stack and self.stack[-1][0] == "topic":
            self.stack.pop()
        elif self.stack:
            return False
        if kind == "topic":
            self.topics += 1
            if self.topics == 1 and self.cur is not None:
                # the first topic stays with the lead-in, which now holds an open topic
                self.stack.append(("topic", 1, self.cur, -2))
                return False
        if self.cur is not None and self._label_only(pos):
            return False
        if self.head is not None:
            h = self.units[self.head]
            idx = self._new(pos, self._kind(False, True), level=h.level + 1, parent=self.head)
        else:
            idx = self._new(pos, self._kind(False, False))
        if kind == "topic":
            self.stack.append(("topic", self.topics, idx, -2))
        return True

    def _item(self, e: _Enum, level: int, parent: int | None, depth: int) -> bool:
        self.stack = self.stack[:depth]
        nested = depth > 0 or (parent is not None and parent != self.head)
        online = self.part == "reply" and _inside_any(self.online_bodies, e.pos)
        if self.part == "reply" and not nested and e.style != "qa" and _NEXT_STEP_HEAD.match(self.text, e.end):
            # 三、下一步工作打算 (after 疑问二：, 今后… is the user's question, not the plans); to a net user, a
            # numbered part at the answer's top level is a section whatever it is about (devtools/teddy_units.py)
            self.ctx = "body" if online else "next-step"
        elif self.part == "reply" and not nested and self.ctx == "next-step" and self.framed \
                and self.next_para_end >= 0:
            self.ctx = "body"  # a new numbered section after a 下步… sentence inside the previous one
        heading = self._heading(e.pos)
        kind = self._kind(True, nested, heading)
        if nested and parent is not None and self.units[parent].kind in ("problem", "suggestion"):
            kind = self.units[parent].kind  # children of an unlabelled list item keep its kind
        elif nested and kind == "item" and self.part == "reply" and _inside_any(self.online_bodies, e.pos):
            # in a reply to a net user, a numbered part under a numbered heading (二、救助病种：（1）…) is a section
            # (../shared/ANNOTATION.md: （一） under 一、), as the sampled replies are marked
            kind = "section"
        elif (
            nested
            and kind == "item"
            and self.part == "reply"
            and not any(u.kind == "opening" for u in self.units)
            and parent is not None
            and self.units[parent].kind == "section"
            and not self._has_body(self.units[parent].start, self._first_child(parent, e.pos))
        ):
            # an answer stored with no letter frame (no salutation: the office's text only, as replies to net users
            # are) numbers like one to a net user: the numbered parts under a numbered heading with no body of its
            # own (二、本市登记车辆（一）材料准备…（二）办事流程…) are that heading's sections
            kind = "section"
        idx = self._new(e.pos, kind, e.pos, item=True, level=level, parent=parent)
        self.units[idx].heading = heading
        self.stack.append((e.style, e.n, idx, e.run))
        return True

    def _first_child(self, parent: int, pos: int) -> int:
        """Where the first numbered part under unit ``parent`` starts (``pos`` when none is before it): the end of
        the parent's own words."""
        start = self.units[parent].start
        return min([pos, *(u.start for u in self.units if u.parent == parent and u.start > start)])

    def _para_end(self, pos: int) -> int:
        """End of the line (paragraph) holding ``pos``."""
        nl = self.text.find("\n", pos)
        return nl if nl >= 0 else len(self.text)

    def _heading(self, pos: int) -> str:
        text = self.text
        end = min(len(text), pos + 60)
        m = re.compile(r"[。；;！!？?\r\n]|\xa0|[ \t\u3000]{2}").search(text, pos, end)
        stop = m.start() if m else end
        return self.original[pos:stop].strip(_STRIP + "：:，,∶")

    def on_para(self, s: int, e: int, hard: bool) -> None:
        text = self.text
        line = text[s:e]
        if self.cur is not None and self._label_only(s) and not (hard and self.units[self.cur].kind == "section"):
            return  # the body of a label such as 调研情况：
        if self.part == "reply" and self.framed:
            if self.ctx == "next-step" and self.next_para_end >= 0 and s >= self.next_para_end:
                self.ctx = "body"  # a 下一步 sentence runs to the end of its paragraph
                self.next_para_end = -1
                self.stack = []
            elif hard and self.ctx == "next-step" and self.next_para_end < 0 and _NEXT_STEP.match(line):
                pass
            if hard and _NEXT_STEP.match(line) and self.ctx != "next-step":
                self.ctx = "next-step"
                self.stack = []
                self.next_para_end = -1 if _LIST_AHEAD.search(line) else e
                idx = self._new(s, "next-step")
                if self.next_para_end < 0:
                    self.head = idx
                return
            if hard and self.ctx == "body" and (self.stack or self.head is not None) and _ASIDE.match(line):
                self.stack, self.head = [], None  # 此外，… after numbered sections: an item of its own, not their body
                self._new(s, "item")
                return
            if self.ctx == "body" and len(self.stack) == 1 and self._after_paragraph_list(s):
                # a reply to a net user whose numbered points are one paragraph each: the un-numbered paragraph
                # after the last of them (到目前为止，…) is an answer paragraph of its own, not the last point's body
                self.stack, self.head = [], None
                self._new(s, "item")
                return
            if self.ctx == "body" and self.stack:
                self.runs_went_on.add(self.stack[-1][3])
            inline_list = bool(self.stack) and self.units[self.stack[0][2]].start not in self.para_starts
            if (hard or _inside_any(self.online_bodies, s)) and self.ctx == "body" and inline_list:
                # a list run inside a paragraph (加强培训。一是…；二是…。) ends with it: the next paragraph, with no
                # number of its own, is the next measure of the answer, not the last item's body (in a reply to a
                # net user, also a paragraph after a run of spaces)
                self.stack = []
        elif self.part == "reply":
            if self.ctx in ("opening", "opening?"):
                if _OPENING_CUE.search(line[:300]):
                    if self.ctx == "opening?" or self.cur is None:
                        self.ctx = "opening"
                        self._new(s, "opening")
                    return
                self.ctx = "body"
            if self.reply_body_units and hard and (_CLOSING.match(line) or _DATE_LINE.fullmatch(line)):
                self.ctx = "closing"
                self.stack = []
                self._new(s, "closing")
                return
            if hard and _NEXT_STEP.match(line):
                self.ctx = "next-step"
                self.stack = []
                self.head = self._new(s, "next-step")
                return
        if self.stack or (self.ctx in ("record", "attachments") and self.part == "proposal"):
            return  # body of the open item, the value of a record field, or an attachment's title
        if self._lead_paragraph(s, e):
            return  # the lead-in of the list below, with the part's label before it
        if self.head is not None and self.cur is not None:
            h = self.units[self.head]
            self._new(s, self._kind(False, True), level=h.level + 1, parent=self.head)
            return
        if self.part == "reply" and self.framed and self.ctx == "body" and self._heading_item(s):
            return  # 调查情况： on a line of its own: an un-numbered heading is one item with the paragraph under it
        self._new(s, self._kind(False, False))

    def _heading_item(self, s: int) -> bool:
        """Whether the current unit is an un-numbered answer paragraph that is only a heading of a few words ending
        with a colon (2020年补偿情况：), right before paragraph ``s``."""
        if self.cur is None:
            return False
        u = self.units[self.cur]
        if s - u.start > 80 or u.kind != "item":
            return False  # (no copy of a long unit's text for each paragraph after it)
        words = self.text[u.start : s].strip(_STRIP)
        return (
            u.kind == "item"
            and not u.item
            and 0 < len(words) <= 30
            and words[-1] in "：:"
            and not re.search(r"[。！？!?；;，,]", words)
        )

    def _after_paragraph_list(self, s: int) -> bool:
        """Whether paragraph ``s`` follows the last point of the open list in a reply to a net user, the list
        having two points or more, each a paragraph of its own with no paragraph of body after it so far, the last
        one a full sentence (a heading with no full stop has its body in the paragraph after it)."""
        run = self.stack[0][3]
        items = self.run_items.get(run, [])
        return (
            len(items) >= 2
            and items[-1] < s
            and self.text[items[-1] : s].rstrip(_STRIP)[-1:] in ("。", "！", "？", "!", "?", "；", ";")
            and run not in self.runs_went_on
            and all(p in self.para_starts for p in items)
            and _inside_any(self.online_bodies, s)
        )

    # -- output -----------------------------------------------------------------------------------
    def split_requests(self) -> None:
        """A proposal written without list markers: each sentence that asks (建议…, 希望…, 请…, 一要…二要…)
        starts a suggestion of its own, so that one paragraph making several requests gives one unit per request.

        Applies to the proposal part when none of its units is a numbered item: to its suggestion units (the
        first request keeps the lead-in before it), and to the paragraphs of a text with no structure at all
        (sentences before the first request stay background).
        """
        if any(u.item for u in self.units if u.part == "proposal"):
            return
        text = self.text
        plain = not self.structured
        if plain and self.part != "proposal":
            return
        cuts = sorted(set(self.cuts))
        added: list[_U] = []
        for u in self.units:
            if u.part != "proposal" or (
                u.kind != "suggestion" and not ((plain or self.record_form or self.framed) and u.kind == "background")
            ):
                continue
            k = bisect.bisect_right(cuts, u.start)
            end = cuts[k] if k < len(cuts) else len(text)
            starts = [
                m.start()
                for m in _REQUEST.finditer(text, u.label_end, end)
                if self._request_start(m.start(), m.group())
            ]
            if not starts:
                continue
            if u.kind == "background":  # a plain text: the requests are its suggestions
                self.structured = True
                if _strip_span(text, u.start, starts[0])[0] >= starts[0]:
                    u.kind = "suggestion"
                    starts = starts[1:]
                else:
                    # the sentences before the first request stay background, when they say something
                    pass
            elif not plain:
                starts = starts[1:]  # the first request keeps its lead-in
            for pos in starts:
                added.append(_U(pos, "proposal", "suggestion", u.level, u.parent, pos))
                self.cuts.append(pos)
        self.units.extend(added)
        if self.record_form and not any(u.kind == "suggestion" for u in self.units if u.part == "proposal"):
            # a record form whose 内容 asks nothing in a sentence of its own: the 内容 is what it asks
            for u in self.units:
                if u.part == "proposal" and u.kind == "background" and (
                    u.label_end > u.start or u.start in self.column_cells
                ):
                    u.kind = "suggestion"

    def _request_start(self, pos: int, word: str) -> bool:
        prev, hard, soft = self.tx.prev_char(pos)
        if hard or soft or prev in "。！？!?；;":
            return not self.tx.in_quote(pos)
        return word.endswith("要") and prev in "，,、：:" and not self.tx.in_quote(pos)

    def finish(self) -> Parsed:
        self.split_requests()
        text = self.text
        cuts = sorted(set(self.cuts))
        # two units opened at one position (问题分析：建议：, a label then a number): the later one stands
        last_at = {u.start: i for i, u in enumerate(self.units)}
        order = sorted(last_at.values(), key=lambda i: self.units[i].start)
        ids: dict[int, str] = {}
        counters: dict[str, int] = {}
        units: list[UnitRecord] = []
        for i in order:
            u = self.units[i]
            k = bisect.bisect_right(cuts, u.start)
            end = cuts[k] if k < len(cuts) else len(text)
            s, e = _strip_span(text, u.start, end)
            if s >= e:
                continue
            kind = u.kind if self.structured else "other"
            if u.parent is not None and u.parent in ids:
                pid: str | None = ids[u.parent]
                key = pid or ""
                counters[key] = counters.get(key, 0) + 1
                uid = f"{pid}.{counters[key]}"
            else:
                pid = None
                key = "P" if u.part == "proposal" else "R"
                counters[key] = counters.get(key, 0) + 1
                uid = f"{key}{counters[key]}"
            ids[i] = uid
            level = uid.count(".") + 1
            units.append((uid, u.part, kind, level, pid, u.heading, self.original[s:e], s, e))
        parsed = _fold_points(self.original, Parsed(units, self.metadata, self.title, {}))
        inline = [
            sorted(self.run_items[r])
            for r in self.suppressed
            if len(self.run_items.get(r, ())) >= 2 and self.run_first_n.get(r) == 1
        ]
        return _reply_points(self.original, _inline_points(self.original, parsed, inline))


def _fold_points(text: str, parsed: Parsed) -> Parsed:
    """Nested sub-points of a proposal's problem or suggestion become its points, not units of their own.

    A suggestion is one top-level request: its sub-list ((一)…1.…, 一是 under (二)) is what it asks in detail, so
    the sub-points are kept as ``points`` of the unit (kind "point") and the unit's text runs over them.
    """
    by_id = {r[0]: r for r in parsed.units}
    owner: dict[str, str] = {}  # point id -> the top problem/suggestion unit it belongs to
    decided: set[str] = set()
    for r in parsed.units:
        pid = r[4]
        if r[1] != "proposal" or pid is None:
            continue
        top = owner.get(pid)
        parent = by_id.get(pid)
        if top is None and pid not in decided and parent is not None and parent[2] in ("problem", "suggestion"):
            decided.add(pid)  # decided at the parent's first sub-point
            # a request numbered below the top level ((二)…, 1.…, 一是…) holds its sub-list; a part heading
            # numbered 一、 (一、问题分析 … 1、2、) or a lead-in announcing the list (具体表现如下：) leaves its
            # items as units of their own
            own = re.sub(r"^[^：:。，,\n]{0,12}[：:]\s*", "", parent[6])
            lead = text[parent[7] : r[7]].rstrip(_STRIP)
            if not re.match(rf"[{_CN}]{{1,3}}\s?[、．.]", own) and lead[-1:] not in "：:":
                owner[pid + "#"] = pid
        if top is None and owner.get(pid + "#") == pid:
            top = pid
        if top is not None:
            owner[r[0]] = top
    if not owner:
        return parsed
    points: dict[str, list[UnitRecord]] = {}
    ends: dict[str, int] = {}
    units: list[UnitRecord] = []
    for r in parsed.units:
        if r[0] in owner:
            uid, part, _kind, level, pid, heading, _t, s, e = r
            points.setdefault(str(pid), []).append((uid, part, "point", level, pid, heading, text[s:e], s, e))
            top = owner[uid]
            ends[top] = max(ends.get(top, 0), e)
            continue
        units.append(r)
    out: list[UnitRecord] = []
    for r in units:
        if r[0] in ends and ends[r[0]] > r[8]:
            uid, part, kind, level, pid, heading, _t, s, _e = r
            e = ends[uid]
            r = (uid, part, kind, level, pid, heading, text[s:e], s, e)
        out.append(r)
    return Parsed(out, parsed.metadata, parsed.title, points)


#: A point 一是 / 二是 … after a sentence's or clause's end inside a reply's section (…高度重视，一是…；二是…).
_NESTED_SHI = re.compile(r"(?<=[，,。；;：:！!\s])([一二三四五六七八九十])是(?=[^\s，,。；;])")


#: A sentence that opens a reply's closing after a point (感谢…, 此复, 特此答复, 以上答复…, 如有不同意见…).
_POINT_CLOSING = re.compile(
    r"(?<=[。！？!?])[”’」』）)]?[ \t\xa0\u3000]*(?P<c>(?:再次|衷心|诚挚|非常|十分)?(?:感谢|谢谢)|此复"
    r"|(?:特|专)此(?:答复|函复|复函|回复)|以上(?:答复|回复)|如有(?:不同|其他)?(?:意见|疑问))"
)


def _inline_points(text: str, parsed: Parsed, runs: list[list[int]]) -> Parsed:
    """A numbered list written inline inside one suggestion (1.…主要有两点：一是…；二是…, 三、…（一）…（二）…) is what
    that request asks point by point: its numbers become the suggestion's ``points`` (kind "point", from each number
    to the next, the last to the unit's end), as a nested list under it already does (:func:`_fold_points`).
    ``runs``: the marker positions of the lists the parser kept inside their unit, each counted from 1; a
    suggestion takes the list that starts first in it."""
    if not runs:
        return parsed
    points = dict(parsed.points or {})
    ids = {r[0] for r in parsed.units}
    firsts = sorted(runs)
    for uid, part, kind, level, _pid, _heading, _body, s, e in parsed.units:
        if part != "proposal" or kind != "suggestion" or level != 1 or uid in points:
            continue
        k = bisect.bisect_right(firsts, [s])
        run = firsts[k] if k < len(firsts) else None
        if run is None or run[-1] >= e or any(f"{uid}.{n}" in ids for n in range(1, len(run) + 1)):
            continue
        out: list[UnitRecord] = []
        for n, (a, b) in enumerate(zip(run, [*run[1:], e], strict=True), 1):
            ps, pe = _strip_span(text, a, b)
            out.append((f"{uid}.{n}", part, "point", level + 1, uid, None, text[ps:pe], ps, pe))
        points[uid] = out
    return parsed._replace(points=points)


def _reply_points(text: str, parsed: Parsed) -> Parsed:
    """A list 一是…二是… inside a numbered section of a reply (一、关于人才引进。…一是…；二是…) is what that section
    does point by point: the points become its ``points`` (kind "point"; from each marker to the next one, the
    last to the end of its paragraph) and the section keeps its text. The list must start at 一是 and count on
    (一是, 二是, …) with at least two points."""
    points = dict(parsed.points or {})
    ids = {r[0] for r in parsed.units}
    for uid, part, kind, level, _pid, _heading, body, s, _e in parsed.units:
        if part != "reply" or kind != "section" or uid in points:
            continue
        run: list[int] = []
        for m in _NESTED_SHI.finditer(body, 1):
            n = _CN.index(m.group(1)) + 1
            if n == len(run) + 1:
                run.append(m.start())
            elif n == 1:
                run = [m.start()]  # a list starts again
        if len(run) < 2 or any(f"{uid}.{k}" in ids for k in range(1, len(run) + 1)):
            continue
        last_end = body.find("\n", run[-1])
        last_end = len(body) if last_end < 0 else last_end
        # the last point stops where the closing starts (…。感谢您的关心！此复。 glued to its paragraph)
        first = _FULL_STOP.search(body, run[-1], last_end)
        close = _POINT_CLOSING.search(body, first.end(), last_end) if first else None
        ends = [*run[1:], close.start("c") if close else last_end]
        out: list[UnitRecord] = []
        for k, (a, b) in enumerate(zip(run, ends, strict=True), 1):
            ps, pe = _strip_span(text, s + a, s + b)
            out.append((f"{uid}.{k}", part, "point", level + 1, uid, None, text[ps:pe], ps, pe))
        points[uid] = out
    return parsed._replace(points=points) if points else parsed


def is_blank(text: str) -> bool:
    """Whether ``text`` holds nothing but whitespace (including no-break and zero-width spaces)."""
    return not text.strip(_STRIP)


#: Look-alike colons of scraped pages (∶ ratio, ﹕ small, ︰ vertical) read as the full-width colon：
#: one character for one, so offsets stay those of the original text.
_COLONS = str.maketrans({"∶": "：", "﹕": "：", "︰": "："})


#: A row of a table copied from a web page: cells between ``|`` (or ``｜``), at least two of them on the line.
_TABLE_ROW = re.compile(
    r"[ \t\xa0\u3000]*[|｜].*[|｜]|[^\n|｜]*[|｜][^\n|｜]*[|｜]"
    # cells between tabs (a table copied as tab-separated text): a tab between two cells of text
    r"|(?P<tab>[ \t\xa0\u3000]*[^\s|｜][^\t\n]*\t[ \t]*[^\s|｜])"
)
#: A site's navigation bar (首页 | 政务公开 | 互动交流 …, or a space apart): a line of nothing but menu words.
_NAV_WORD = (
    r"(?:网站首页|首[ \u3000]?页|政务公开|信息公开|政府信息公开|政务服务|互动交流|办事服务|新闻中心|新闻动态|要闻动态"
    r"|走进[^\s|｜]{1,6}|政务动态|政策文件|政策解读|网上办事|公众互动|通知公告|机构概况"
    r"|专题专栏|公众参与|政民互动|无障碍(?:浏览)?|长者模式|关怀版|English|繁體|繁体|简体|登录|注册|网站地图|联系我们|智能问答)"
)
_NAV_GAP = r"[ \t\xa0\u3000|｜·•/]"
_NAV_LINE = re.compile(rf"^{_NAV_GAP}*{_NAV_WORD}(?:{_NAV_GAP}+{_NAV_WORD})+{_NAV_GAP}*$", re.M)
_NAV_SP = r"[ \t\xa0\u3000]"
_NAV_CELL = r"[^\s|｜，。：:；;！？!?,、“”《》（）()]"
#: A navigation bar that runs into the letter on one line (首页 | 政务公开 | 建议提案办理 关于…的答复): a menu word
#: at the line's start, then ``|``-separated menu entries; the entry after the last bar is the menu's when a space
#: follows it (the letter's title or salutation comes after); or two or more menu words a space apart.
_NAV_HEAD = re.compile(
    rf"^{_NAV_GAP}*{_NAV_WORD}(?:"
    rf"(?:{_NAV_SP}*[|｜]{_NAV_SP}*{_NAV_CELL}{{1,12}}(?={_NAV_SP}*[|｜]))*{_NAV_SP}*[|｜]"
    rf"(?:{_NAV_SP}*{_NAV_CELL}{{4,12}}(?={_NAV_SP}+\S))?"
    rf"|(?:{_NAV_SP}+{_NAV_WORD})+(?={_NAV_SP}+\S))",
    re.M,
)
#: Words of the site's footer (copyright, registration numbers ICP备/公网安备, site code, technical support): a line
#: holding one and no sentence is the footer (:func:`_footer_lines`).
_FOOTER_KEY = re.compile(
    r"版权所有|ICP备|公网安备|网站标识码|技术支持[ \t\u3000]*[：:]|[Cc]opyright|COPYRIGHT|建议使用[^\n]{0,30}浏览器"
)
#: The footer's pieces inside a line (a page stored as one line): copyright, registration numbers, site code,
#: technical support.
_FOOTER_INLINE = re.compile(
    r"(?=[I公版网技Cc])(?:ICP备[^\s|｜]{0,24}|公网安备[ \t]*[^\s|｜]{0,24}"
    r"|版权所有[ \t\u3000]*[：:©]?[ \t\u3000]*[^\s|｜。，；]{0,30}(?=\s|$)"
    r"|网站标识码[ \t\u3000]*[：:]?[ \t\u3000]*[0-9A-Za-z]{0,20}"
    r"|技术支持[ \t\u3000]*[：:][ \t\u3000]*[^\s|｜。，；]{0,30}(?=\s|$)"
    r"|(?:Copyright|copyright|COPYRIGHT)[^\n。]{0,60})"
)
_PROVINCE_BEFORE = re.compile(r"[\u4e00-\u9fff]{1,2}(?=ICP备|公网安备)")
_ORPHAN_BRACKETS = re.compile(r"(?<![^\s])[【】\[\]]+(?![^\s])")
_TABLE_EDGE = re.compile(r"[ \t\xa0\u3000]*[|｜][^\n]*|[^\n]*[|｜][ \t\xa0\u3000]*$")
_CHROME_FIRST = "当您所首字【[打关返收分发更来信文浏阅点访扫上下责相"
#: The web page's furniture around a letter (breadcrumbs, font size, print and close buttons, publication time,
#: source, view count, share buttons, previous and next article): no text of the letter.
_CHROME = re.compile(
    rf"(?=[{_CHROME_FIRST}])(?:"
    r"(?:当前位置|您的位置|您现在的位置|您当前的位置|所在位置|当前页面)[ \t\xa0\u3000]*[：:]?[ \t\xa0\u3000]*"
    r"(?:网站首页|首页|主页)?(?:[ \t\xa0\u3000]*[>＞»›→/][ \t\xa0\u3000]*[^\s>＞»›→/|｜]{1,24})*"
    r"|(?<![\u4e00-\u9fff])(?:网站首页|首页)(?:[ \t\xa0\u3000]*[>＞»›→][ \t\xa0\u3000]*[^\s>＞»›→|｜]{1,24})+"
    r"|[【\[]?[ \t\u3000]*(?:字号|字体)[ \t\u3000]*[：:]?(?:[ \t\u3000【】\[\]|｜]*[大中小]){2,3}[ \t\u3000】\]]*"
    r"|(?<![^\s])[【\[][ \t\u3000]*大[ \t\u3000]*[】\]][ \t\u3000]*[【\[][ \t\u3000]*中[ \t\u3000]*[】\]]"
    r"[ \t\u3000]*[【\[][ \t\u3000]*小[ \t\u3000]*[】\]]"
    r"|[【\[][ \t\u3000]*(?:打印|关闭|返回|收藏|分享|加入收藏|我要纠错|纠错)[^】\]\n]{0,8}[】\]]"
    r"|打印本页|打印此页|打印文章|关闭窗口|关闭本页|返回顶部|返回首页|返回列表|加入收藏"
    r"|(?<![\u4e00-\u9fff])(?:相关链接|相关文章|相关阅读|相关新闻|相关信息|相关附件|附件下载)[ \t\u3000]*[：:]?(?=\s|$)"
    r"|扫一扫(?:在手机(?:上)?打开(?:当前页面?)?)?(?=[ \t\xa0\u3000]*(?:\n|$))"
    r"|(?:发布|更新|发稿)(?:时间|日期)[ \t\u3000]*[：:][ \t\xa0\u3000]*"
    r"(?:(?:19|20)\d{2}[ \t]*[-年./][ \t]*\d{1,2}[ \t]*[-月./][ \t]*\d{1,2}[ \t]*日?"
    r"(?:[ \t]*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?)?"
    r"|(?<![\u4e00-\u9fff])(?:信息|文章|稿件)?来[ \t\u3000]?源[ \t\u3000]*[：:][ \t\xa0\u3000]*"
    r"[^\s|｜【】\[\]，。；,;]{0,30}?"
    r"(?=[\s|｜【】\[\]]|$|发布|更新|浏览|点击|阅读|作者|字号|字体)"  # a source, not a sentence (来源：省级补助资金…。)
    r"|(?<![\u4e00-\u9fff])(?:浏览|阅读|点击|访问)(?:次数|量|数)[ \t\u3000]*[：:][ \t\xa0\u3000]*\d*[ \t]*次?"
    r"|(?<![\u4e00-\u9fff])分享到[ \t\u3000]*[：:]?"
    r"(?:[ \t\xa0\u3000]*(?:微信|微博|新浪微博|QQ空间|QQ|朋友圈|人人网|豆瓣|腾讯微博))*"
    r"|责任编辑[ \t\u3000]*[：:][ \t\xa0\u3000]*[^\s|｜]{0,12}"
    r"|(?<![\u4e00-\u9fff])[上下]一篇[ \t\u3000]*[：:][^\n]{0,80}"
    r")"
)


#: A table cell that names a field (提案号, 提案人, 内容, 承办单位, 办理情况…): the cell after it is its value.
_FIELD_CELL = re.compile(
    rf"(?:{_META_KEYS}|{_RECORD_KEYS}|案\s*由|内\s*容|提案内容|建议内容|议案内容|办理情况|答复内容|办理复文|答复意见"
    r"|办理意见|办理结果|办结时间|答复时间|答复日期|办理时间|满意度|代表意见|委员意见|公开属性|公开类别|答复类型"
    r"|领衔代表|领衔委员|联名代表|联名委员|代表姓名|委员姓名|建议题目|提案题目|答复情况|办理答复|序号"
    r"|(?:承办|主办)?单位(?:答复|意见|回复)|答复摘要|建议摘要|提案摘要|建议名称|提案名称)"
    r"(?:\s*[（(]摘要[）)])?"
)


#: The field names of a record form, for :mod:`proposalnlp.readers` (a PDF line opening with one starts a field).
FIELD_NAME = _FIELD_CELL


def _table_row(row: str, seps: str) -> str:
    """One row of a table copied from a web page, rewritten one character for one: a field's name and its value
    cell read as ``name：value`` (the ``|`` between them as a colon), every other ``|`` as a line break, a
    separator cell (---) as blank space."""
    lo = len(row) - len(row.lstrip(_STRIP)) if seps == "\t" else 0  # the line's indentation is no cell
    bars = [i for i in range(lo, len(row)) if row[i] in seps]
    edges = [lo - 1, *bars, len(row)]
    cells = [(edges[k] + 1, edges[k + 1]) for k in range(len(edges) - 1)]
    chars = list(row)
    for i in bars:
        chars[i] = "\n"
    for k, (a, b) in enumerate(cells):
        core = row[a:b].strip(_STRIP)
        if re.fullmatch(r":?-{2,}:?", core):
            chars[a:b] = " " * (b - a)
        elif k + 1 < len(cells) and seps != "\t" and _FIELD_CELL.fullmatch(core):  # (a tab stays white space)
            nxt = row[cells[k + 1][0] : cells[k + 1][1]].strip(_STRIP)
            if nxt and not _FIELD_CELL.fullmatch(nxt) and not re.fullmatch(r":?-{2,}:?", nxt):
                chars[b] = "："
    return "".join(chars)


def _table_rows(text: str) -> str:
    """``text`` with every row of a table (cells between ``|``/``｜``, or between tabs) rewritten by
    :func:`_table_row`; only the lines that hold a separator are looked at."""
    starts: set[int] = set()
    for sep in "|｜\t":
        pos = text.find(sep)
        while pos >= 0:
            line = text.rfind("\n", 0, pos) + 1
            starts.add(line)
            end = text.find("\n", pos)
            if end < 0:
                break
            pos = text.find(sep, end)
    if not starts:
        return text
    rows: list[tuple[int, int, str]] = []
    edges: list[tuple[int, int]] = []  # lines of a cell broken over several lines: a bar at one end only
    for lo in sorted(starts):
        hi = text.find("\n", lo)
        hi = len(text) if hi < 0 else hi
        m = _TABLE_ROW.match(text, lo, hi)
        if m and m.group("tab"):
            # tab-separated cells: three or more, or a field's name and its value (a stray tab is no table)
            cells = [c for c in (c.strip(_STRIP) for c in text[lo:hi].split("\t")) if c]
            if len(cells) >= 3 or (len(cells) == 2 and _FIELD_CELL.fullmatch(cells[0])):
                rows.append((lo, hi, "\t"))
        elif m:
            rows.append((lo, hi, "|｜"))
        elif _TABLE_EDGE.match(text, lo, hi):
            edges.append((lo, hi))
    if any(sep != "\t" for _lo, _hi, sep in rows):
        rows = sorted(rows + [(lo, hi, "|｜") for lo, hi in edges])
    parts: list[str] = []
    last = 0
    for lo, hi, seps in rows:
        parts.append(text[last:lo])
        parts.append(_table_row(text[lo:hi], seps))
        last = hi
    parts.append(text[last:])
    return "".join(parts)


#: A half-width full stop ending a Chinese sentence (…示范村15个.下一步…): read as 。 (not after a digit, where it
#: numbers an item or marks a decimal).
_HALF_STOP = re.compile(r"(?<=[\u4e00-\u9fff”’）)》])[.．](?=[\u4e00-\u9fff“‘（(《 \t\xa0\u3000\r\n]|$)")


def _half_stop(text: str, i: int) -> str:
    """``。`` for the half-width stop at ``i``, unless it numbers an item after a Chinese numeral (一. 十二.)."""
    j = i
    while j > 0 and text[j - 1] in _CN:
        j -= 1
    if j < i and (j == 0 or text[j - 1] in _STRIP or text[j - 1] in _BOUND or text[j - 1] in _SOFT_BOUND):
        return text[i]
    return "。"


def _footer_lines(text: str) -> str:
    """``text`` with the lines of the site's footer blank: a line holding a footer word (:data:`_FOOTER_KEY`) and no
    sentence (我局将提供技术支持：… stays)."""
    spans: list[tuple[int, int]] = []
    for m in _FOOTER_KEY.finditer(text):
        lo = text.rfind("\n", 0, m.start()) + 1
        if spans and spans[-1][0] == lo:
            continue
        hi = text.find("\n", m.end())
        hi = len(text) if hi < 0 else hi
        if not _SENT_END.search(text, lo, hi):
            spans.append((lo, hi))
    if not spans:
        return text
    parts: list[str] = []
    last = 0
    for lo, hi in spans:
        parts += [text[last:lo], " " * (hi - lo)]
        last = hi
    parts.append(text[last:])
    return "".join(parts)


def _normalise_page(text: str, found: dict[str, str] | None = None) -> str:
    """The text as the parser reads it, one character for one (offsets stay those of the original text):
    look-alike colons read as ``：``, a half-width full stop after Chinese text as ``。``, a table copied from a
    web page as one cell a line (its ``|`` read as line breaks), and the web page's furniture (:data:`_CHROME`) as
    blank space, so that none of it starts a unit. The page's publication time and source (发布时间, 来源) go
    into ``found`` when given."""
    if "∶" in text or "﹕" in text or "︰" in text:  # translate() costs a pass over the text
        text = text.translate(_COLONS)
    if "." in text or "．" in text:
        text = _HALF_STOP.sub(lambda m: _half_stop(text, m.start()), text)
    if "首" in text or "政务公开" in text or "互动交流" in text or "信息公开" in text:
        text = _NAV_LINE.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)
        text = _NAV_HEAD.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)
    if "ICP" in text or "版权所有" in text or "opyright" in text or "网站标识码" in text or "技术支持" in text:
        text = _footer_lines(text)
        if "ICP备" in text or "公网安备" in text:  # the province's name before the number (滇ICP备…)
            text = _PROVINCE_BEFORE.sub(lambda m: " " * len(m.group()), text)
        text = _FOOTER_INLINE.sub(lambda m: " " * len(m.group()), text)
    hits = list(_CHROME.finditer(text))
    if hits:
        parts: list[str] = []
        pos = 0
        for m in hits:
            kv = re.match(r"(发布(?:时间|日期)|(?:信息|文章|稿件)?来\s?源)\s*[：:]\s*(\S.*)", m.group())
            if found is not None and kv:
                found.setdefault(re.sub(r"\s", "", kv.group(1)), kv.group(2).strip(_STRIP))
            parts.append(text[pos : m.start()])
            parts.append(re.sub(r"[^\n]", " ", m.group()))
            pos = m.end()
        parts.append(text[pos:])
        text = "".join(parts)
        # brackets left alone by the furniture they held (【 来源：… 】): blank too
        text = _ORPHAN_BRACKETS.sub(lambda m: " " * len(m.group()), text)
    if "|" in text or "｜" in text or "\t" in text:
        text = _table_rows(text)
    return text


def parse_units(text: str) -> Parsed:
    """Parse a non-blank decoded text into unit records, the header's metadata and the title."""
    page: dict[str, str] = {}
    parser = _Parser(_normalise_page(text, page))
    parser.original = text
    parsed = parser.run()
    for key, value in page.items():
        parsed.metadata.setdefault(key, value)
    return parsed
