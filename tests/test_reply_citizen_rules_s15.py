"""Hand-written replies to citizens' online messages (invented offices, people, places, ids and figures) for the
rules of session s15-teddy, read on the errors of the tuned Teddy parts (dev, held-out ... held-out-7) and on the
misses noted by the last round: each test is one rule a reader would state about replies to citizens' messages."""

from __future__ import annotations

from proposalnlp import parse


def units(text: str) -> list[tuple[str, str]]:
    """(kind, first characters) of every unit."""
    return [(u.kind, u.text[:6]) for u in parse(text).units]


def test_a_phone_labelled_for_questions_is_a_contact_line_of_the_closing() -> None:
    text = (
        "网友：您好！我所民警于6月2日到青松小区核查，已责令两家商铺夜间停止施工，商铺负责人表示配合。"
        "咨询电话：0731-5566-7788。2020年6月5日"
    )
    assert units(text)[-1] == ("closing", "咨询电话：0")
    # a phone inside an answer's sentence is the answer's
    inside = (
        "网友：您好！小区的供水由县自来水公司负责，维修可拨打咨询电话：0731-5566-7788，工作人员当天上门。"
        "2020年6月5日"
    )
    assert units(inside)[1][0] == "item" and units(inside)[-1] == ("closing", "2020年6")


def test_hoping_the_reader_understands_is_a_closing_sentence() -> None:
    text = (
        "网友“QK8801”您好！您的留言已收悉。现将有关情况回复如下：该路段属省道，改造须由省交通厅立项，县里已上报。"
        "也希望您能理解我们的工作。2020年7月1日"
    )
    assert units(text)[-1] == ("closing", "也希望您能理")


def test_a_numbered_point_of_the_answer_is_no_closing_even_when_it_welcomes_supervision() -> None:
    text = (
        "网友“QK8802”　　您好！根据您反映的情况，街道安排人员进行了核查，现回复如下：　　"
        "1、经核查，该作坊已停止生产，设备已封存。　　2、街道已将情况报县环保局，由其依法处理。　　"
        "3、欢迎各界监督，对群众合法的诉求街道将坚决支持。　　　　青河街道办事处2020年3月2日"
    )
    kinds = units(text)
    assert [k for k, _ in kinds] == ["opening", "section", "section", "section", "closing"]
    assert kinds[3] == ("section", "3、欢迎各界")
    assert kinds[4] == ("closing", "青河街道办事")
    # un-numbered, the welcome still starts the closing
    plain = text.replace("3、欢迎各界监督", "欢迎各界监督")
    assert units(plain)[3] == ("closing", "欢迎各界监督")


def test_the_date_that_ends_the_reply_closes_it_with_no_stop_before_it() -> None:
    text = (
        "“QK8803”您好，您所反映的问题我大队已收到，大队将组织中队开展为期一周的货运站周边交通整治，"
        "对乱停乱放的车辆严管重罚.2020年9月4日"
    )
    assert units(text)[-1] == ("closing", "2020年9")
    # a date the last sentence is about is that sentence's (…于2020年9月4日)
    about = "网友：您好！我局已对该路段完成检测，结果将于2020年9月4日"
    assert all(k != "closing" for k, _ in units(about))


def test_an_offer_to_answer_further_questions_after_a_comma_starts_the_closing() -> None:
    text = (
        "来信同志：　　您好！　现行的宅基地审批办法可在自然资源局网站查阅。因您未写明所在的村组，暂无法具体答复，"
        "如有其他疑问可直接咨询东湖国土所0000-8812345"
    )
    assert units(text)[-1] == ("closing", "如有其他疑问")
    # after thanks, the offer stays in the closing that the thanks start
    thanks = (
        "网友：您好！该厂已完成除尘设备改造，排放经检测达标。"
        "感谢您对环保工作的关心，如有其他问题可拨打我局热线0000-8812345。2020年4月1日"
    )
    assert units(thanks)[-1] == ("closing", "感谢您对环保")


def test_thanks_announced_as_the_last_words_start_the_closing() -> None:
    text = (
        "广大网友：近日有网民询问燃气公司收取安检费一事，现回复如下：按价格主管部门核定，每户每年收取一次安检费。"
        "如住户长期不在家，可与客服联系（电话：0000-6612345），登记后暂停上门。"
        "最后，我们对您的关注和支持表示诚挚的感谢！也请您继续支持燃气安全工作。特此复函2020年8月2日"
    )
    kinds = units(text)
    assert kinds[-1] == ("closing", "最后，我们对")
    assert kinds[-2][0] == "item"


def test_the_platform_s_receipt_note_after_the_date_makes_a_reply_with_no_address_an_online_one() -> None:
    text = (
        "现将有关情况回复如下：　　该安置房项目由区住建局代建，因消防设计变更，验收推迟，整改正在进行，"
        "验收合格后即组织分房和办证。2021年3月2日您的留言已收悉！已交有关单位办理，"
        "请留意后续答复，谢谢！"
    )
    kinds = units(text)
    assert kinds[-1] == ("closing", "2021年3")
    assert [k for k, _ in kinds] == ["opening", "item", "closing"]


def test_an_office_that_names_itself_answers_the_message() -> None:
    text = (
        "针对河滨公园夜间广场舞噪音的问题，6月3日，城管二中队派员到该公园查看，公园周边住户密集，只能划定有限活动区域。"
        "同时，我中队对超时、超音量活动的队伍均会当场劝导、限期整改。下一步，我中队将继续加强该公园的夜间巡查。"
    )
    doc = parse(text)
    assert doc.reply
    assert [u.kind for u in doc.units] == ["item", "next-step"]
    # a citizen's company or township is no office answering (我公司, 我乡)
    citizen = "我公司每月都晚发工资，还常常扣绩效，我乡不少打工的人都遇到过，请有关部门查一查。"
    assert not parse(citizen).reply


def test_speaking_to_the_writer_about_their_message_answers_it() -> None:
    text = "你的建议很好，我们会在明年的线路调整中统筹考虑，并在调整前向社会公示。"
    assert parse(text).reply
    # a text about what others reported does not speak to its writer
    other = "群众反映的问题较多，集中在停车难、充电难两方面，需要统筹规划，加快建设公共充电设施。"
    assert not parse(other).reply


def test_a_plain_text_ending_with_its_date_after_a_full_stop_is_an_office_s_answer() -> None:
    text = (
        "青石镇农贸市场提质改造工程由一家建筑公司中标承建，现已完成主体施工。关于来信说的材料款拖欠一事，经核实，"
        "镇政府已按进度拨付工程款，并责成施工方结清欠款，现款项正在结算中。　　2020年2月14日"
    )
    doc = parse(text)
    assert doc.reply
    assert [u.kind for u in doc.units] == ["item", "closing"]
    # a text with a proposal's words is no answer, dated or not
    proposal = text.replace("现款项正在结算中", "建议建立工程款监管制度")
    assert not parse(proposal).reply


def test_a_reply_taking_the_message_s_points_in_turn_numbers_its_parts_by_them() -> None:
    text = (
        "网友“QK8804”您好！来信收悉，现回复如下：有关第一点，园林部门已在该公园增设垃圾桶，早晚各清运一次，"
        "并安排保洁员定时巡查。有关公园东门加建公厕的问题，相关部门正在选址。"
        "关于第二点，一是健身器材的更换计划已报区政府；二是遛狗不拴绳的劝导将纳入日常巡查。2020年5月8日"
    )
    kinds = units(text)
    assert [k for k, _ in kinds] == ["opening", "section", "section", "closing"]
    assert kinds[1] == ("section", "有关第一点，") and kinds[2] == ("section", "关于第二点，")
    # 第一 inside a sentence (…位居全省第一，) numbers nothing
    inside = "网友：您好！我县的路网密度位居全市第一，今年将再改造三条县道。2020年5月8日"
    assert [k for k, _ in units(inside)] == ["opening", "item", "closing"]


def test_an_opening_that_says_the_answer_follows_its_colon_ends_there() -> None:
    text = (
        "“QK8805”平台《关于请求修缮桃源村古戏台的报告》一帖我镇已收悉，镇里高度重视，当即安排文化站人员前往查看"
        "并就其所述事项作出回复：经实地查看，该戏台木构件多处朽坏，修缮须报文物部门审批，我镇正在准备材料。2020年10月26日"
    )
    kinds = units(text)
    assert [k for k, _ in kinds] == ["opening", "item", "closing"]
    assert kinds[1] == ("item", "经实地查看，")


def test_a_summing_up_after_the_numbered_sections_is_an_item_of_its_own() -> None:
    text = (
        "网友：您好！您的留言已收悉，现回复如下：一、县卫健局按规定审批民营诊所，每年进行校验。"
        "二、民营诊所医师的执业按医师法管理。三、今年新建两个乡镇卫生院，新增床位八十张。"
        "总之，我县将持续加强基层医疗，方便群众就近看病。感谢您的关注！2020年1月28日"
    )
    kinds = units(text)
    assert [k for k, _ in kinds] == ["opening", "section", "section", "section", "item", "closing"]
    assert kinds[4] == ("item", "总之，我县将")
    # in a plain answer with no numbered sections, it stays in its paragraph
    plain = "网友：您好！您的留言已收悉，现回复如下：今年新建两个乡镇卫生院。总之，我县将加强基层医疗。2020年1月28日"
    assert [k for k, _ in units(plain)] == ["opening", "item", "closing"]


def test_a_forwarding_note_before_a_net_user_s_salutation_is_a_reply_of_its_own_not_a_header() -> None:
    text = (
        "您的留言已收悉，对您所说之事，已交市公安局出入境管理支队核实处理。“QK8806”：您好！按照有关规定，"
        "未满16周岁的申请人办理护照须由监护人陪同，您的孩子可由您陪同到窗口办理。专此回复。2020年9月11日"
    )
    kinds = units(text)
    assert [k for k, _ in kinds] == ["opening", "opening", "item", "closing"]
    assert kinds[0] == ("opening", "您的留言已收")
    # a letter's own header lines before the salutation stay its header
    letter = "关于青松路停车问题的回复\n“QK8806”：您好！该路段已施划停车位，夜间允许停车。专此回复。2020年9月11日"
    assert units(letter)[0][0] == "header"
