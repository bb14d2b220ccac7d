"""A genre battery of formal reply pages (issue 14), invented offices, people and figures: letter headers, every
kind of addressee, no salutation, one-paragraph replies, plans mid-paragraph, 此外/另外, numbered plans, closings of
every make, record tables, notices with 摘要 and pages cut off mid-text; each case is one shape a reader names, with
wording and punctuation varied as offices vary them (half-width colons, spaced 类 别, 二〇二六年 dates, a closing glued
to the last answer paragraph)."""

from __future__ import annotations

import pytest

from proposalnlp import parse


def kinds(text: str) -> list[str]:
    """The kinds of the reply's units, in order."""
    return [u.kind for u in parse(text).units if u.part == "reply"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            (
                "B类\n公开\n东平政提复〔2026〕12号\n签发人：周立新\n"
                "关于加快发展乡村旅游的提案的答复\n王明委员：\n"
                "您提出的《关于加快发展乡村旅游的提案》收悉。现答复如下：\n一、完善规划。"
                "我局已编制全县乡村旅游规划。\n二、加大投入。今年安排专项资金300万元。\n"
                "感谢您对旅游工作的关心。\n东平县文化和旅游局\n2026年5月8日\n联系人："
                "李华，联系电话：0531-1234567"
            ),
            ["header", "opening", "section", "section", "closing"],
            id="hdr_abc",
        ),
        pytest.param(
            (
                "类 别：A\n公开属性：主动公开\n签 发 人：赵刚\n西川政提复〔2026〕7号\n"
                "关于提升城区绿化水平的提案的答复\n张丽委员：\n"
                "你提出的关于提升城区绿化水平的提案收悉，现答复如下：\n"
                "我局高度重视城区绿化工作，今年新建口袋公园12个。\n"
                "下一步，我局将继续推进园林城市创建。\n此复。\n西川市园林局\n二〇二六年六月三日"
            ),
            ["header", "opening", "item", "next-step", "closing"],
            id="hdr_spaced",
        ),
        pytest.param(
            (
                "类别:B类    公开方式:依申请公开\n关于改善农村饮水条件的建议的答复\n"
                "刘强代表:\n您提出的关于改善农村饮水条件的建议收悉,现答复如下:\n"
                "今年全县新建集中供水工程8处,解决2万人饮水问题。\n感谢您的关心和支持!\n"
                "2026年4月2日"
            ),
            ["header", "opening", "item", "closing"],
            id="hdr_halfcolon",
        ),
        pytest.param(
            (
                "李明、王芳、陈红委员：\n你们提出的关于加强社区养老服务的提案收悉，现答复如下：\n"
                "一、建设养老服务中心。全市已建成街道养老服务中心15个。\n二、培育服务队伍。"
                "开展护理员培训500人次。\n此复。\n东城市民政局\n2026年7月1日"
            ),
            ["opening", "section", "section", "closing"],
            id="addr_names",
        ),
        pytest.param(
            (
                "东山县代表团：\n贵团提出的关于建设东山大桥的建议收悉，现答复如下：\n"
                "东山大桥已列入省交通建设规划，前期工作正在推进。\n"
                "下一步，我厅将积极争取国家资金支持。\n感谢贵团对交通工作的关心。\n省交通运输厅\n"
                "2026年6月18日"
            ),
            ["opening", "item", "next-step", "closing"],
            id="addr_deleg",
        ),
        pytest.param(
            (
                "市政协人口资源环境委员会：\n贵委提出的关于加强河道治理的提案收悉。"
                "经认真研究，现答复如下：\n（一）开展河道清淤。今年完成清淤河道30公里。\n"
                "（二）落实河长制。各级河长巡河5000余次。\n感谢贵委对水利工作的支持。\n"
                "市水利局\n2026年8月8日"
            ),
            ["opening", "section", "section", "closing"],
            id="addr_committee",
        ),
        pytest.param(
            (
                "民盟南江市委员会：\n贵委提出的关于推进职业教育产教融合的提案收悉，现答复如下：\n"
                "近年来，我市出台职业教育改革实施方案，建设产教融合实训基地10个。\n"
                "此外，市财政每年安排职业教育专项资金2000万元。\n感谢贵委对教育工作的关心。\n"
                "南江市教育局\n2026年5月20日"
            ),
            ["opening", "item", "item", "closing"],
            id="addr_party_mm",
        ),
        pytest.param(
            (
                "九三学社北湖市委员会：\n"
                "你们提出的《关于加强科技人才引进的提案》收悉，现答复如下：\n1.完善人才政策。"
                "出台人才新政20条。\n2.搭建平台。建设院士工作站5家。\n"
                "再次感谢你们对人才工作的关心和支持！\n北湖市科学技术局\n2026年7月9日"
            ),
            ["opening", "section", "section", "closing"],
            id="addr_party_93",
        ),
        pytest.param(
            (
                "市财政局：\n你局会办的关于设立中小企业发展基金的提案，经研究，现答复如下：\n"
                "我委已会同有关部门起草基金设立方案，拟于年内报市政府审定。\n特此函复。\n市发"
                "展和改革委员会\n2026年6月1日"
            ),
            ["opening", "item", "closing"],
            id="addr_dept",
        ),
        pytest.param(
            (
                "省财政厅：\n你厅转来的关于支持县域经济发展的建议收悉，现将办理情况答复如下："
                "\n一是加大转移支付力度。二是支持县域产业园区建设。\n专此函复。\n省发展改革委"
                "\n2026年3月30日"
            ),
            ["opening", "section", "section", "closing"],
            id="addr_dept_ting",
        ),
        pytest.param(
            (
                "关于加强农村人居环境整治的提案的答复\n"
                "您提出的关于加强农村人居环境整治的提案收悉，现答复如下：\n"
                "今年全县完成农村改厕3000户，建设污水处理设施20处。\n"
                "感谢您对农业农村工作的关心。\n青河县农业农村局\n2026年5月6日"
            ),
            ["header", "opening", "item", "closing"],
            id="nosal",
        ),
        pytest.param(
            (
                "孙伟委员：您提出的关于发展夜间经济的提案收悉。现答复如下："
                "今年我市在城区打造夜间消费街区3条，延长公交运营时间至23时，并对夜间经营商户给予租金补贴。"
                "感谢您对商务工作的关心和支持！东城市商务局 2026年6月10日"
            ),
            ["opening", "item", "closing"],
            id="onepara",
        ),
        pytest.param(
            (
                "周红委员：\n您提出的关于加强校园安全的提案收悉，现答复如下：\n一、完善安防设施。"
                "全市中小学已实现一键报警全覆盖。\n二、加强安全教育。每学期开展应急演练两次以上。"
                "下一步，我局将会同公安部门加强校园周边巡逻。\n感谢您对教育工作的关心。\n"
                "2026年9月1日"
            ),
            ["opening", "section", "section", "next-step", "closing"],
            id="nextmid",
        ),
        pytest.param(
            (
                "吴刚代表：\n您提出的关于完善农村公路养护的建议收悉，现答复如下：\n近年来，全"
                "县落实农村公路养护资金1800万元。下步，我局将推行农村公路路长制，提升养护"
                "水平。\n此复。\n2026年4月12日"
            ),
            ["opening", "item", "next-step", "closing"],
            id="xiabu_mid",
        ),
        pytest.param(
            (
                "郑洁委员：\n您提出的关于扶持小微企业的提案收悉，现答复如下：\n一、减税降费。"
                "今年为小微企业减税1.2亿元。\n二、融资支持。设立小微企业贷款风险补偿资金。\n"
                "另外，我局还组织开展银企对接活动12场。\n感谢您的关心。\n2026年5月5日"
            ),
            ["opening", "section", "section", "item", "closing"],
            id="ciwai",
        ),
        pytest.param(
            (
                "何平委员：\n您提出的关于加快5G网络建设的提案收悉，现答复如下：\n"
                "今年全市新建5G基站2000个，实现城区全覆盖。\n"
                "下一步，我们将重点做好以下工作：\n1.推进农村地区5G覆盖。\n"
                "2.拓展5G应用场景。\n感谢您对通信工作的关心和支持。\n2026年10月9日"
            ),
            ["opening", "item", "next-step", "next-step", "next-step", "closing"],
            id="next_numbered",
        ),
        pytest.param(
            (
                "陈静委员：\n你提出的关于建设全民健身中心的提案收悉，现答复如下：\n全民健身中"
                "心已列入我市十四五规划，选址工作正在进行。\n联系人：王刚，联系电话：0551"
                "-7654321\n抄报：市政府督查室"
            ),
            ["opening", "item", "closing"],
            id="closing_contact_only",
        ),
        pytest.param(
            (
                "黄河委员：\n您提出的关于发展智慧农业的提案收悉，现答复如下：\n今年我市建设智"
                "慧农业示范基地5个，推广物联网技术应用。感谢您对农业工作的关心和支持！\n20"
                "26年8月20日"
            ),
            ["opening", "item", "closing"],
            id="closing_glued",
        ),
        pytest.param(
            (
                "林涛委员：\n您提出的关于推进垃圾分类的提案收悉，现答复如下：\n目前全市垃圾分"
                "类覆盖率达到90%，建成分类处理设施12座。此复。\n2026年3月3日"
            ),
            ["opening", "item", "closing"],
            id="closing_cifu_glued",
        ),
        pytest.param(
            (
                "罗斌委员：\n您提出的关于加强文物保护的提案收悉，现答复如下：\n一、加强文物普查。"
                "全市已完成不可移动文物普查，登记文物点1200处。\n二、加大投入力度。"
                "今年安排文物保护资金500万元，对重点文物进行修缮，其中"
            ),
            ["opening", "section", "section"],
            id="midtext",
        ),
        pytest.param(
            (
                "东政提复〔2026〕12号\u3000\u3000\u3000\u3000签发人：王强\n答复类别：A类\n"
                "关于推进老旧小区改造的提案的答复\n尊敬的李明委员：\n"
                "您提出的关于推进老旧小区改造的提案收悉。现答复如下：\n"
                "今年全区改造老旧小区45个，惠及居民1.2万户。\n东平区住房和城乡建设局\n"
                "2026年6月8日"
            ),
            ["header", "opening", "item", "closing"],
            id="wenhao_signer_oneline",
        ),
        pytest.param(
            (
                "（A类）\n（此件公开发布）\n关于发展县域特色产业的建议的答复\n陈光代表：\n"
                "你提出的关于发展县域特色产业的建议收悉，现答复如下：\n一、培育龙头企业。"
                "二、打造区域品牌。\n此复。\n县工业和信息化局\n2026年3月8日"
            ),
            ["header", "opening", "section", "section", "closing"],
            id="cat_paren",
        ),
        pytest.param(
            (
                "李明等5位委员：\n你们提出的关于加强基层医疗卫生服务的提案收悉，现答复如下：\n"
                "我委已制定基层医疗卫生服务能力提升方案，全市乡镇卫生院标准化建设达标率达到100%。"
                "\n感谢你们的关心！\n市卫生健康委员会\n2026年9月1日"
            ),
            ["opening", "item", "closing"],
            id="list_deng",
        ),
        pytest.param(
            (
                "致公党东江市委员会：\n贵委提出的关于发展跨境电商的提案收悉。"
                "现将办理情况答复如下：\n1. 完善政策体系。出台跨境电商扶持办法。\n"
                "2. 建设产业园区。建成跨境电商产业园2个。\n下一步，我局将继续加大招商力度。\n"
                "东江市商务局\n2026年8月1日"
            ),
            ["opening", "section", "section", "next-step", "closing"],
            id="party_zg",
        ),
        pytest.param(
            (
                "农工党市卫生支部：\n你们提出的关于完善分级诊疗的提案收悉，现答复如下：\n今年"
                "全市组建医联体12个，基层首诊率提高到55%。\n此复。\n2026年4月4日"
            ),
            ["opening", "item", "closing"],
            id="party_ng_branch",
        ),
        pytest.param(
            (
                "民进西湖区基层委员会：\n贵委提出的关于加强中小学课后服务的提案收悉，现答复如下："
                "\n全区中小学课后服务实现全覆盖，参与学生比例达到92%。\n"
                "感谢贵委对教育工作的关心和支持。\n西湖区教育局\n二〇二六年五月二十日"
            ),
            ["opening", "item", "closing"],
            id="minjin",
        ),
        pytest.param(
            (
                "王刚委员：\n您提出的关于加强农产品质量安全的提案收悉，现答复如下：\n"
                "今年全县开展农产品抽检2000批次。\n委员对答复的意见："
                "满意□\u3000基本满意□\u3000不满意□\n县农业农村局\n2026年7月7日"
            ),
            ["opening", "item", "closing"],
            id="feedback_form",
        ),
        pytest.param(
            (
                "刘芳委员：\n您提出的关于加快充电桩建设的提案收悉，现答复如下：\n今年全市新建"
                "公共充电桩1500个。\n此复。\n市发展改革委\n2026年5月9日\n抄报：市政"
                "府办公室\n抄送：市政协提案委员会"
            ),
            ["opening", "item", "closing"],
            id="chaobao",
        ),
        pytest.param(
            (
                "赵红委员：\n您提出的关于加强水污染防治的提案收悉，现答复如下：\n一、开展专项"
                "整治。今年共排查入河排污口300个。\n二、完善监测网络。新建水质自动监测站1"
                "0个。下步，我局将进一步扩大监测范围，加强对重点"
            ),
            ["opening", "section", "section", "next-step"],
            id="xiabu_in_section_cut",
        ),
        pytest.param(
            (
                "孙明委员：\n您提出的关于加强社区文化建设的提案收悉，现答复如下：\n今年全区建"
                "成社区文化活动中心20个。\n区文化和旅游局\n2026.5.8"
            ),
            ["opening", "item", "closing"],
            id="date_dots",
        ),
        pytest.param(
            (
                "钱进代表:您提出的关于改善城乡交通的建议收悉,现答复如下:今年我县开通城乡公"
                "交线路8条,实现行政村公交全覆盖。下一步,我局将优化线路,提升服务质量。感谢"
                "您的关心和支持!县交通运输局 2026年3月12日"
            ),
            ["opening", "item", "next-step", "closing"],
            id="onepara_halfwidth",
        ),
        pytest.param(
            (
                "马林委员：\n您提出的关于加强养老护理人才培养的提案收悉，现答复如下：\n"
                "今年全市培训养老护理员3000人次。\n感谢您对民政工作的关心和支持。\n联系人："
                "王红，联系电话：0371-6543210\n市民政局\n2026年8月18日"
            ),
            ["opening", "item", "closing"],
            id="contact_comma",
        ),
        pytest.param(
            (
                "林华委员：\n您提出的关于推进全民阅读的提案收悉，现答复如下：\n今年全市建设城"
                "市书房30个。此外，我局还组织开展读书活动100余场。\n感谢您的关心。\n20"
                "26年4月23日"
            ),
            ["opening", "item", "closing"],
            id="ciwai_mid",
        ),
        pytest.param(
            (
                "答复类型：A\n签发：王明\n南山府提复〔2026〕第12号\n对市政协十三届"
                "二次会议第123号提案的答复\n李红委员：\n您在市政协十三届二次会议上提出"
                "的第123号提案收悉，现将办理情况答复如下：\n今年全市新增城市绿地200"
                "公顷。\n特此函复。\n南山市人民政府办公室\n2026年6月10日"
            ),
            ["header", "opening", "item", "closing"],
            id="h_type_sign",
        ),
        pytest.param(
            (
                "东水复字[2026]8号\n关于加快水利设施建设的提案的答复函\n张强委员："
                "\n您领衔提出的关于加快水利设施建设的提案已交我局办理，现就有关情况答复如"
                "下：\n一是加快病险水库除险加固。二是推进灌区改造。三是加强小型水利设施管"
                "护。\n专此答复。\n2026 年 5 月 8 日"
            ),
            ["header", "opening", "section", "section", "section", "closing"],
            id="h_bracket_year",
        ),
        pytest.param(
            (
                "类别：所提问题已经解决或采纳的（A类）\n公开属性：主动公开\n赵敏代表：\n"
                "您提出的关于增设公交站点的建议收悉，现答复如下：\n我局已在新城片区增设公"
                "交站点6个。\n感谢您的关心。\n（此件公开发布）"
            ),
            ["header", "opening", "item", "closing"],
            id="h_resolved",
        ),
        pytest.param(
            (
                "西江市人民政府办公室关于市政协十二届三次会议第45号提案的答复函\n市工商"
                "联：\n贵会提出的关于优化营商环境的提案收悉。经研究，现答复如下：\n（一）"
                "深化“放管服”改革。企业开办时间压缩至1个工作日。\n（二）加强要素保障。"
                "设立企业纾困基金5亿元。\n此复。\n西江市人民政府办公室\n2026年7月3"
                "日"
            ),
            ["header", "opening", "section", "section", "closing"],
            id="office_title_han",
        ),
        pytest.param(
            (
                "何勇代表：\n您在市十六届人大三次会议上提出的第56号建议收悉。经认真研究"
                "，现将办理情况答复如下：\n一、关于资金问题\n今年已下达补助资金1000万"
                "元。\n二、关于用地问题\n已完成用地报批。\n以上答复，如有不同意见，请及时"
                "与我们联系。\n联系单位及电话：市自然资源局，0371-1234567"
            ),
            ["opening", "section", "section", "closing"],
            id="open_ni_lingxian",
        ),
        pytest.param(
            (
                "何勇代表：\n您提出的关于加强农村电网建设的建议收悉，现答复如下：\n我局高"
                "度重视农村电网建设，一是实施农网改造升级工程，今年投资3亿元；二是加强线"
                "路巡检；三是提升供电可靠性。\n下步工作中，我局将继续加大投入。\n感谢您的"
                "关心和支持！\n2026年9月9日"
            ),
            ["opening", "item", "section", "section", "section", "next-step", "closing"],
            id="yishi_inline_para",
        ),
        pytest.param(
            (
                "王芳委员：\n您提出的关于加强未成年人保护的提案收悉，现答复如下：\n近年来"
                "，我市出台未成年人保护工作实施意见。\n今后，我们将进一步完善未成年人保护"
                "工作机制。\n此复。\n2026年6月1日"
            ),
            ["opening", "item", "next-step", "closing"],
            id="jinhou_para",
        ),
        pytest.param(
            (
                "李明委员：\n您提出的提案收悉，现答复如下：\n今年已完成城区道路改造10公"
                "里。\n西川市城市管理局\n2026年5月12日\n经办人：张华　　联系电话："
                "0551-1234567\n（对答复满意程度请在回执中填写）"
            ),
            ["opening", "item", "closing"],
            id="closing_jingban",
        ),
        pytest.param(
            (
                "李明委员：\n您提出的提案收悉，现答复如下：\n今年已完成城区道路改造10公"
                "里。\n办理单位（盖章）：西川市城市管理局\n2026年5月12日"
            ),
            ["opening", "item", "closing"],
            id="closing_dept_seal",
        ),
        pytest.param(
            (
                "李明委员：\n您提出的提案收悉，现答复如下：\n今年已完成城区道路改造10公"
                "里。\n委员意见：满意\n西川市城市管理局\n2026年5月12日"
            ),
            ["opening", "item", "closing"],
            id="closing_satisfaction",
        ),
        pytest.param(
            (
                "您提出的关于加强城市排水防涝的提案收悉，现答复如下：今年我市改造排水管网"
                "80公里，新建泵站5座，城区易涝点全部完成整治。下一步，我局将继续推进海"
                "绵城市建设。感谢您对城市建设工作的关心。西川市住房和城乡建设局　2026"
                "年8月2日"
            ),
            ["opening", "item", "next-step", "closing"],
            id="one_para_no_sal",
        ),
        pytest.param(
            (
                "李明委员：\n您提出的提案收悉，现答复如下：\n今年已完成城区道路改造10公"
                "里。\n感谢您对城市管理工作的关心和支持，欢迎继续"
            ),
            ["opening", "item", "closing"],
            id="cut_in_closing",
        ),
        pytest.param(
            (
                "李明委员：\n您提出的提案收悉，现答复如下：\n今年已完成城区道路改造10公"
                "里。\n另外，关于路灯问题，已转交县城管局办理。\n下一步，我局将加快推进道"
                "路改造。\n感谢您的关心。"
            ),
            ["opening", "item", "item", "next-step", "closing"],
            id="lingwai_after_next",
        ),
        pytest.param(
            (
                "李明　王芳　陈红委员：\n你们提出的关于加强城市公园管理的提案收悉，现答复"
                "如下：\n今年已完成公园提质改造8个。\n感谢你们的关心。\n2026年5月5"
                "日"
            ),
            ["opening", "item", "closing"],
            id="names_space",
        ),
        pytest.param(
            (
                "东城区代表组：\n你们提出的关于加快地铁建设的建议收悉，现答复如下：\n地铁"
                "3号线已开工建设，预计2028年建成通车。\n感谢你们对交通工作的关心。\n"
                "2026年4月4日"
            ),
            ["opening", "item", "closing"],
            id="deleg_group",
        ),
        pytest.param(
            (
                "王 明 委员:\n您提出的关于加强社区治理的提案收悉,现答复如下:\n今年全"
                "区建成智慧社区20个。\n此复。\n2026年4月4日"
            ),
            ["opening", "item", "closing"],
            id="sal_halfcolon_space",
        ),
        pytest.param(
            (
                "B类 公开 东农提复〔2026〕3号 关于发展设施农业的提案的答复 王明"
                "委员： 您提出的关于发展设施农业的提案收悉，现答复如下： 一、加大政策扶"
                "持。今年安排设施农业补贴2000万元。 二、强化技术服务。组织农技人员开"
                "展技术指导500人次。 感谢您对农业工作的关心和支持！ 东平县农业农村局"
                " 2026年5月8日"
            ),
            ["header", "opening", "section", "section", "closing"],
            id="oneline_spaces",
        ),
        pytest.param(
            (
                "A类　　关于发展设施农业的提案的答复　　王明委员：　　您提出的提案收悉，"
                "现答复如下：　　今年安排设施农业补贴2000万元。　　下一步，我局将加强"
                "技术服务。　　感谢您的关心！　　东平县农业农村局　　2026年5月8日"
            ),
            ["header", "opening", "item", "next-step", "closing"],
            id="oneline_ideo",
        ),
        pytest.param(
            (
                "李华代表：\n您提出的关于改善农村交通的建议收悉，现答复如下：\n关于道路硬"
                "化问题：今年已完成村组道路硬化50公里。\n关于客运班线问题：已开通镇村公"
                "交线路6条。\n此复。\n2026年3月3日"
            ),
            ["opening", "item", "item", "closing"],
            id="guanyu_headings",
        ),
        pytest.param(
            (
                "李华代表：\n您提出的建议收悉，现答复如下：\n（1）完善路网。今年新建道路"
                "20公里。\n（2）优化公交。新开公交线路3条。\n顺致敬意！\n县交通运输局"
                "\n2026年3月3日"
            ),
            ["opening", "section", "section", "closing"],
            id="paren_top",
        ),
        pytest.param(
            (
                "李华代表：\n您提出的建议收悉，现答复如下：\n第一，完善路网。今年新建道路"
                "20公里。\n第二，优化公交。新开公交线路3条。\n祝工作顺利！\n2026年"
                "3月3日"
            ),
            ["opening", "section", "section", "closing"],
            id="diyi",
        ),
        pytest.param(
            (
                "李华代表：\n您提出的建议收悉，现答复如下：\n今年新建道路20公里，新开公"
                "交线路3条。\n此致\n敬礼！\n县交通运输局\n2026年3月3日"
            ),
            ["opening", "item", "closing"],
            id="cizhi",
        ),
        pytest.param(
            (
                "李华代表：\n您提出的建议收悉，现答复如下：\n今年新建道路20公里。\n县交"
                "通运输局\n2026年3月3日\n联系人及电话：王华　1234567"
            ),
            ["opening", "item", "closing"],
            id="contact_and",
        ),
        pytest.param(
            ("尊敬的李明委员、王芳委员：\n你们提出的提案收悉，现答复如下：\n今年新建道路20公里。\n此复。"),
            ["opening", "item", "closing"],
            id="salut_each_title",
        ),
        pytest.param(
            ("各位代表：\n你们提出的关于加强生态保护的建议收悉，现答复如下：\n今年完成植树造林5万亩。\n此复。"),
            ["opening", "item", "closing"],
            id="salut_gezhu",
        ),
        pytest.param(
            (
                "李明委员：\n您提出的关于发展数字经济的提案收悉，现答复如下：\n您的提案对"
                "我市发展数字经济具有重要参考价值，我局高度重视，认真研究办理。\n一、完善"
                "政策。出台数字经济发展规划。\n二、培育企业。引进数字经济企业30家。\n感"
                "谢您的关心。"
            ),
            ["opening", "opening", "section", "section", "closing"],
            id="appraise_para",
        ),
        pytest.param(
            (
                "主办单位：市发展和改革委员会\n会办单位：市财政局\n关于设立产业引导基金的"
                "提案的答复\n李明委员：\n您提出的提案收悉，现答复如下：\n市产业引导基金已"
                "于今年3月设立，规模10亿元。\n此复。"
            ),
            ["header", "opening", "item", "closing"],
            id="header_zhuban",
        ),
        pytest.param(
            ("尊敬的市政协委员王立新：\n您提出的提案收悉，现答复如下：\n今年新建道路20公里。\n此复。"),
            ["opening", "item", "closing"],
            id="daiyu_sal",
        ),
        pytest.param(
            (
                "李华代表：\n您提出的建议收悉，现答复如下：\n今年新建道路20公里。下一步"
                "，我局将重点抓好以下工作：一是加快项目建设；二是争取上级资金。\n此复。"
            ),
            ["opening", "item", "next-step", "closing"],
            id="next_then_numbered_inline",
        ),
        pytest.param(
            (
                "李华代表：\n您提出的建议收悉，现答复如下：\n今年新建道路20公里。\n感谢"
                "您的关心。\n县交通运输局\n2026 5 8"
            ),
            ["opening", "item", "closing"],
            id="date_no_ymd",
        ),
        pytest.param(
            (
                "李华代表：\n您提出的建议收悉，现答复如下：\n今年新建道路20公里。\n县交"
                "通运输局\n二〇二六年五月八日\n人：王华  电话：1234567"
            ),
            ["opening", "item", "closing"],
            id="date_cn_no_ymd",
        ),
        pytest.param(
            (
                "李华代表：\n您提出的建议收悉，现答复如下：\n今年新建道路20公里。\n承办"
                "单位：县交通运输局　　单位负责人：王明\n2026年5月8日\n抄送：县人大"
                "常委会人代工委"
            ),
            ["opening", "item", "closing"],
            id="head_of_unit",
        ),
        pytest.param(
            ("李华代表：\n您提出的建议收悉，现答复如下：今年新建道路20公里。\n注：主动公开\n2026年5月8日"),
            ["opening", "item", "closing"],
            id="zhu_gongkai",
        ),
        pytest.param(
            (
                "李华代表：\n您提出的建议收悉，现答复如下：\n今年新建道路20公里，新开公"
                "交线路3条。\n下一步，我局将继续优化路网。\n此复函已经局长王明审签。如对"
                "答复有意见，请在回执中注明。\n县交通运输局\n2026年5月8日"
            ),
            ["opening", "item", "next-step", "closing"],
            id="shenqian",
        ),
        pytest.param(
            (
                "李华代表：\n您提出的建议收悉，现答复如下：\n今年新建道路20公里。下步我"
                "局将继续争取资金。\n最后，再次感谢您对交通工作的关心和支持！\n县交通运输"
                "局\n2026年5月8日"
            ),
            ["opening", "item", "next-step", "closing"],
            id="zuihou",
        ),
        pytest.param(
            (
                "李华代表：\n首先感谢您对我县交通工作的关心和支持！您提出的关于改善农村交"
                "通的建议收悉，现答复如下：\n今年新建道路20公里。\n此复。"
            ),
            ["opening", "item", "closing"],
            id="thanks_first",
        ),
        pytest.param(
            (
                "李华代表：\n您提出的建议收悉，现答复如下：\n今年投入资金3000万元，新"
                "建道路20公里。\n受财力所限，部分道路暂未列入计划。\n尊敬的代表，我们的"
                "工作"
            ),
            ["opening", "item", "item", "closing"],
            id="cut_in_closing_zunjing",
        ),
        pytest.param(
            (
                "A类\n公开\n李华代表：\n您提出的建议收悉，现答复如下：\n关于“加大资金投"
                "入”的建议。今年已安排资金3000万元。\n关于“加强养护”的建议。已建立"
                "县乡村三级养护体系。\n下步，我局将加强督查。\n附件：农村公路建设项目表\n"
                "县交通运输局\n2026年5月8日\n联系人：王华，电话：1234567"
            ),
            ["header", "opening", "item", "item", "next-step", "closing"],
            id="guanyu_jianyi_runon",
        ),
        pytest.param(
            (
                "省商务厅：\n关于省人大代表李华提出的关于发展农村电商的建议，我厅会办意见"
                "如下：\n一是支持农村电商服务站点建设。二是加强电商人才培训。三是推动农产"
                "品上行。\n省农业农村厅\n2026年4月2日"
            ),
            ["opening", "section", "section", "section", "closing"],
            id="huiban_to_zhuban",
        ),
        pytest.param(
            (
                "县科协：\n贵会提出的关于加强科普阵地建设的提案收悉，现答复如下：今年全县"
                "建成科普示范基地5个。感谢贵会对教育工作的关心。[1]\n2026年6月6"
                "日"
            ),
            ["opening", "item", "closing"],
            id="footnote",
        ),
        pytest.param(
            (
                "李华代表：您提出的建议收悉，现答复如下：一方面，我局加大资金投入，今年新"
                "建道路20公里；另一方面，加强道路养护。下步，我局将继续努力。感谢您的关"
                "心！县交通运输局2026年5月8日 联系人及电话：王华 1234567"
            ),
            ["opening", "item", "next-step", "closing"],
            id="yifangmian",
        ),
        pytest.param(
            (
                "首页 > 政务公开 > 建议提案办理\n关于改善农村交通的建议的答复\n发布"
                "时间：2026-05-10　来源：县交通运输局　浏览次数：123\n李华代"
                "表：\n您提出的建议收悉，现答复如下：\n今年新建道路20公里。\n感谢您的关"
                "心。\n县交通运输局\n2026年5月8日\n【打印本页】【关闭窗口】"
            ),
            ["header", "opening", "item", "closing"],
            id="mirror_chrome",
        ),
        pytest.param(
            ("王明副主席：\n您提出的关于推进乡村振兴的提案收悉，现答复如下：\n今年全县实施乡村振兴项目50个。\n此复。"),
            ["opening", "item", "closing"],
            id="sal_fuzhuxi",
        ),
        pytest.param(
            (
                "东平县人民政府：\n你县报来的关于支持东平港建设的请示收悉，现函复如下：\n"
                "我厅原则同意东平港建设方案。\n此复。\n省交通运输厅\n2026年4月4日"
            ),
            ["opening", "item", "closing"],
            id="sal_renmin_zf",
        ),
        pytest.param(
            (
                "李明委员：\n您提出的关于发展数字经济的提案收悉。\n该提案对推动我市数字经"
                "济发展具有重要意义，我局高度重视，组织专人研究办理。现将办理情况答复如下"
                "：\n一、完善政策。出台数字经济发展规划。\n二、培育企业。引进数字经济企业"
                "30家。\n感谢您的关心。"
            ),
            ["opening", "section", "section", "closing"],
            id="open_two_para",
        ),
        pytest.param(
            (
                "李明委员：\n您提出的提案收悉，现将办理情况函告如下：\n今年引进数字经济企"
                "业30家。\n特此函告。\n2026年3月3日"
            ),
            ["opening", "item", "closing"],
            id="hanggao",
        ),
        pytest.param(
            (
                "王明委员：\n您提出的关于加快发展乡村旅游的提案收悉，现答复如下：\n一、完"
                "善规划。我局已编制全县乡村旅游规划。\n二、加大投入。今年安排专项资金30"
                "0万元。\n三、加强"
            ),
            ["opening", "section", "section", "section"],
            id="cut_heading",
        ),
        pytest.param(
            (
                "王明委员：\n您提出的关于加快发展乡村旅游的提案收悉，现答复如下：\n一、完"
                "善规划。我局已编制全县乡村旅游规划。\n二、加大投入。今年安排专项资金30"
                "0万元。\n下一步，"
            ),
            ["opening", "section", "section", "next-step"],
            id="cut_after_xiayibu",
        ),
        pytest.param(
            (
                "王明委员：\n您提出的关于加快发展乡村旅游的提案收悉，现答复如下：\n一、完"
                "善规划。我局已编制全县乡村旅游规划。\n二、加大投入。今年安排专项资金30"
                "0万元。\n感谢您的关心。\n东平县文化和旅游局\n2026年5月8日\n联系人"
                "：王"
            ),
            ["opening", "section", "section", "closing"],
            id="cut_in_contact",
        ),
        pytest.param(
            (
                "王明委员：\n您提出的关于加快发展乡村旅游的提案收悉，现答复如下：\n一、完"
                "善规划。我局已编制全县乡村旅游规划。\n二、加大投入。今年安排专项资金30"
                "0万元。\n此"
            ),
            ["opening", "section", "section"],
            id="cut_after_ci",
        ),
        pytest.param(
            (
                "王明委员：\n您提出的关于加快发展乡村旅游的提案收悉，现答复如下：\n一、完"
                "善规划。我局已编制全县乡村旅游规划。\n二、加大投入。今年安排专项资金30"
                "0万元。\n东平县文化和旅游局\n2026年5"
            ),
            ["opening", "section", "section", "closing"],
            id="cut_date",
        ),
        pytest.param(
            (
                "王明委员：\n您提出的关于加快发展乡村旅游的提案收悉，现答复如下：\n一、完"
                "善规划。我局已编制全县乡村旅游规划。\n二、加大投入。今年安排专项资金30"
                "0万元。\n感谢您对旅游工作的关心和支持！\n东平县文化"
            ),
            ["opening", "section", "section", "closing"],
            id="cut_sig",
        ),
        pytest.param(
            ("王明委员：\n您提出的关于加快发展乡村旅游的提案收悉，现答复"),
            ["opening"],
            id="cut_opening_sentence",
        ),
        pytest.param(
            (
                "王明委员：\n您提出的关于加快发展乡村旅游的提案收悉，现答复如下：\n近年来"
                "，我县高度重视乡村旅游发展，先后出台了"
            ),
            ["opening", "item"],
            id="cut_mid_first_answer",
        ),
        pytest.param(
            (
                "王明委员：\n您提出的提案收悉，现答复如下：\n今年安排专项资金300万元。"
                "\n下一步，我局将进一步加大对乡村旅游的支持力度，重点"
            ),
            ["opening", "item", "next-step"],
            id="cut_next_para_mid",
        ),
        pytest.param(
            (
                "王明委员：\n您提出的《关于加快发展乡村旅游的提案》（第123号）已收到，"
                "经认真研究，现答复如下：\n今年安排专项资金300万元。\n此复。"
            ),
            ["opening", "item", "closing"],
            id="open0",
        ),
        pytest.param(
            (
                "王明委员：\n你们提出的关于加快发展乡村旅游的提案，由我局主办，市财政局会"
                "办。经认真研究，现答复如下：\n今年安排专项资金300万元。\n此复。"
            ),
            ["opening", "item", "closing"],
            id="open1",
        ),
        pytest.param(
            (
                "王明委员：\n您领衔提出的关于加快发展乡村旅游的建议，我局高度重视，组织专"
                "人调研。现将有关情况答复如下：\n今年安排专项资金300万元。\n此复。"
            ),
            ["opening", "item", "closing"],
            id="open2",
        ),
        pytest.param(
            (
                "王明委员：\n您提出的关于加快发展乡村旅游的提案收悉。现将办理情况报告如下"
                "：\n今年安排专项资金300万元。\n此复。"
            ),
            ["opening", "item", "closing"],
            id="open3",
        ),
        pytest.param(
            ("王明委员：\n您提出的提案收悉，现就办理情况答复如下：\n今年安排专项资金300万元。\n此复。"),
            ["opening", "item", "closing"],
            id="open4",
        ),
        pytest.param(
            ("王明委员：\n您提出的提案收悉，现将有关情况说明如下：\n今年安排专项资金300万元。\n此复。"),
            ["opening", "item", "closing"],
            id="open5",
        ),
        pytest.param(
            ("王明委员：\n《关于加快发展乡村旅游的提案》收悉。经研究，现答复如下：\n今年安排专项资金300万元。\n此复。"),
            ["opening", "item", "closing"],
            id="open6",
        ),
        pytest.param(
            ("王明委员：\n收到您的提案后，我局高度重视，认真研究，现答复如下：\n今年安排专项资金300万元。\n此复。"),
            ["opening", "item", "closing"],
            id="open7",
        ),
        pytest.param(
            ("王明委员：\n关于您提出的加快发展乡村旅游的提案，现答复如下：\n今年安排专项资金300万元。\n此复。"),
            ["opening", "item", "closing"],
            id="open8",
        ),
        pytest.param(
            (
                "王明委员：\n您在县政协十届三次会议上提出的第56号提案收悉，感谢您对旅游"
                "工作的关心和支持。现答复如下：\n今年安排专项资金300万元。\n此复。"
            ),
            ["opening", "item", "closing"],
            id="open9",
        ),
        pytest.param(
            (
                "王明委员：\n您提出的关于加快发展乡村旅游的提案已转我局办理。经研究，现答"
                "复如下：\n今年安排专项资金300万元。\n此复。"
            ),
            ["opening", "item", "closing"],
            id="open10",
        ),
        pytest.param(
            (
                "王明委员：\n您提出的提案收悉，现答复如下：\n１．完善规划。已编制乡村旅游"
                "规划。\n２．加大投入。今年安排专项资金300万元。\n此复。"
            ),
            ["opening", "section", "section", "closing"],
            id="num0",
        ),
        pytest.param(
            (
                "王明委员：\n您提出的提案收悉，现答复如下：\n１、完善规划。已编制乡村旅游"
                "规划。\n２、加大投入。今年安排专项资金300万元。\n此复。"
            ),
            ["opening", "section", "section", "closing"],
            id="num1",
        ),
        pytest.param(
            (
                "王明委员：\n您提出的提案收悉，现答复如下：\n（１）完善规划。已编制乡村旅"
                "游规划。\n（２）加大投入。今年安排专项资金300万元。\n此复。"
            ),
            ["opening", "section", "section", "closing"],
            id="num2",
        ),
        pytest.param(
            (
                "王明委员：\n您提出的提案收悉，现答复如下：\n一．完善规划。已编制乡村旅游"
                "规划。\n二．加大投入。今年安排专项资金300万元。\n此复。"
            ),
            ["opening", "section", "section", "closing"],
            id="num3",
        ),
        pytest.param(
            (
                "王明委员：\n您提出的提案收悉，现答复如下：\n一.完善规划。已编制乡村旅游"
                "规划。\n二.加大投入。今年安排专项资金300万元。\n此复。"
            ),
            ["opening", "section", "section", "closing"],
            id="num4",
        ),
        pytest.param(
            (
                "王明委员：\n您提出的提案收悉，现答复如下：\n①完善规划。已编制乡村旅游规"
                "划。\n②加大投入。今年安排专项资金300万元。\n此复。"
            ),
            ["opening", "section", "section", "closing"],
            id="num5",
        ),
        pytest.param(
            (
                "王明委员：\n您提出的提案收悉，现答复如下：\n1）完善规划。已编制乡村旅游"
                "规划。\n2）加大投入。今年安排专项资金300万元。\n此复。"
            ),
            ["opening", "section", "section", "closing"],
            id="num6",
        ),
        pytest.param(
            (
                "王明委员：\n您提出的提案收悉，现答复如下：\n(1)完善规划。已编制乡村旅"
                "游规划。\n(2)加大投入。今年安排专项资金300万元。\n此复。"
            ),
            ["opening", "section", "section", "closing"],
            id="num7",
        ),
        pytest.param(
            (
                "王明委员：\n您提出的提案收悉，现答复如下：\n1．完善规划。已编制乡村旅游"
                "规划。\n2．加大投入。今年安排专项资金300万元。\n此复。"
            ),
            ["opening", "section", "section", "closing"],
            id="num8",
        ),
        pytest.param(
            (
                "王明委员：\n您提出的关于加快发展乡村旅游的提案收悉。\n您在提案中指出，我"
                "县乡村旅游存在规划滞后、投入不足等问题，建议加强规划、加大投入。这些意见"
                "和建议切中要害，对推动我县乡村旅游发展具有重要意义。\n现将办理情况答复如"
                "下：\n今年安排专项资金300万元。\n此复。"
            ),
            ["opening", "opening", "item", "closing"],
            id="open_two_paras_restate",
        ),
        pytest.param(
            (
                "B类\r\n关于加快发展乡村旅游的提案的答复\r\n王明委员：\r\n您提出的提案收"
                "悉，现答复如下：\r\n一、完善规划。已编制乡村旅游规划。\r\n二、加大投入。"
                "今年安排专项资金300万元。\r\n此复。\r\n2026年5月8日"
            ),
            ["header", "opening", "section", "section", "closing"],
            id="crlf",
        ),
        pytest.param(
            (
                "王明委员：\n您提出的提案收悉，现答复如下：\n一、完善规划。已编制乡村旅游"
                "规划。\n- 1 -\n二、加大投入。今年安排专项资金300万元。\n此复。\n"
                "2026年5月8日"
            ),
            ["opening", "section", "section", "closing"],
            id="page_number",
        ),
        pytest.param(
            (
                "王明委员：\n\xa0\xa0\xa0\xa0您提出的提案收悉，现答复如下：\n\xa0\xa0\xa0\xa0今年安排专项"
                "资金300万元。\n\xa0\xa0\xa0\xa0此复。\n\xa0\xa0\xa0\xa0\xa0\xa0\xa0\xa0东平县文化和旅游局\n\xa0"
                "\xa0\xa0\xa0\xa0\xa0\xa0\xa02026年5月8日"
            ),
            ["opening", "item", "closing"],
            id="nbsp_indent",
        ),
        pytest.param(
            (
                "王明委员：\n\n您提出的提案收悉，现答复如下：\n\n今年安排专项资金300万"
                "元。\n\n下一步，我局将继续加大投入。\n\n此复。\n\n\n东平县文化和旅游局\n"
                "\n2026年5月8日"
            ),
            ["opening", "item", "next-step", "closing"],
            id="blank_lines",
        ),
        pytest.param(
            ("王明委员：\n您提出的提案收悉，现答复如下：\n今年安排专项资金 300 万元，建成示范村 10 个。\n此复。"),
            ["opening", "item", "closing"],
            id="spaces_inside",
        ),
        pytest.param(
            ("王明委员：\n\t您提出的提案收悉，现答复如下：\n\t今年安排专项资金300万元。\n\t此复。"),
            ["opening", "item", "closing"],
            id="tab_indent",
        ),
    ],
)
def test_the_units_of_a_formal_reply_page(text: str, expected: list[str]) -> None:
    doc = parse(text)
    assert [u.kind for u in doc.units if u.part == "reply"] == expected
    for u in doc.units:
        assert u.text == text[u.start : u.end]


def test_a_citizen_addressed_as_xiansheng_or_nvshi_is_written_to_like_a_net_user() -> None:
    # 先生/女士 after a surname addresses a citizen: where the letter was passed on is the opening's, no answer
    for salutation in ("张先生：\n", "李女士：", "尊敬的欧阳先生：\n", "王女士您好！"):
        text = f"{salutation}您的来信收悉，已转市住房和城乡建设局研究办理。\n2026年3月5日"
        assert kinds(text) == ["opening", "closing"], salutation
    text = "李女士：您的来信收悉，已转区教育局研究办理。区教育局回复如下：经核实，该校已退还多收费用。感谢您的监督。"
    assert kinds(text) == ["opening", "item", "closing"]
    # a 先生 inside a sentence addresses nobody
    doc = parse("张先生反映的路灯问题，建议：一、尽快修复路灯。二、加强日常巡查。")
    assert not doc.reply


def test_a_reply_title_ending_in_a_colon_above_the_opening_is_the_header() -> None:
    text = (
        "关于城区噪声扰民问题的回复：\n您反映的问题收悉，现回复如下：\n经查，该工地已"
        "停止夜间施工。\n感谢您的监督！\n2026年5月1日"
    )
    doc = parse(text)
    assert [u.kind for u in doc.units] == ["header", "opening", "item", "closing"]
    assert doc.units[0].text == "关于城区噪声扰民问题的回复："


def test_the_last_point_of_a_section_stops_where_the_closing_starts() -> None:
    text = (
        "王明委员：\n您的提案收悉，现答复如下：\n一、关于资金。一是争取上级资金。二是"
        "设立专项资金。感谢您对我们工作的关心！此复。\n"
        "二、关于人才。一是引进人才。"
    )
    sec = parse(text).units[1]
    assert [p.text for p in sec.children] == ["一是争取上级资金。", "二是设立专项资金。"]
    # a second sentence of the point's own stays in it
    text = text.replace("感谢您对我们工作的关心！此复。", "今年已落实200万元。")
    assert parse(text).units[1].children[-1].text == "二是设立专项资金。今年已落实200万元。"


def test_a_request_for_comments_on_the_answer_on_a_feedback_form_closes_the_letter() -> None:
    text = (
        "冯军委员：\n您提出的关于加强食品安全监管的提案收悉，现答复如下：\n今年全市开"
        "展食品安全抽检1万批次，合格率98%。\n"
        "对答复的意见请填写意见反馈表并寄回我局。\n西川市市场监督管理局\n"
        "2026年7月15日\n抄送：市政府办公室"
    )
    assert kinds(text) == ["opening", "item", "closing"]
    # 对办理… inside an answer's sentence is the answer's
    text = "冯军委员：\n您的提案收悉，现答复如下：\n对办理营业执照的个体户，我局免收工本费，并听取其意见。\n"
    assert kinds(text) == ["opening", "item"]


def test_an_opening_that_announces_the_offices_comments_as_hui_ban_yi_jian() -> None:
    text = (
        "省农业农村厅：\n关于支持高标准农田建设的建议已收悉，经认真研究，现提出如下会办意见：\n"
        "今年我厅安排高标准农田建设资金5亿元。\n省财政厅\n2026年4月20日"
    )
    assert kinds(text) == ["opening", "item", "closing"]


@pytest.mark.parametrize(
    "text",
    [
        "提案号：第0123号\n提案人：马丽\n内容：建议加大对农村留守儿童的关爱力度，"
        "建立关爱服务体系。\n承办单位：市民政局\n"
        "办理情况：马丽委员：您提出的提案收悉，现答复如下：我局已建立留守儿童信息台账"
        "，开展关爱活动200场。感谢您的关心。",
        "建议号：2026-045\n建议人：周涛\n建议标题：关于加强乡村教师队伍建设的"
        "建议\n内容：当前乡村教师流失严重，建议提高乡村教师待遇。\n"
        "承办单位：县教育局\n办理情况：周涛代表：您提出的建议收悉，现答复如下：今年全"
        "县乡村教师生活补助提高到每月800元。感谢您的关心。",
        "关于第45号建议的办理结果公开\n建议内容（摘要）：建议在城区增设公共停车场，"
        "缓解停车难问题。\n"
        "办理复文（摘要）：今年我市新建公共停车场8处，新增停车位3000个。",
        "第12号提案办理复文\n提案内容（摘要）：建议加快城市公园建设，增加市民休闲空"
        "间。\n办理复文（摘要）：经研究，今年新建城市公园5个。此复。",
    ],
    ids=["table", "table-jianyi", "notice", "notice-tian"],
)
def test_a_record_table_or_a_notice_splits_into_the_proposal_and_one_answer(text: str) -> None:
    doc = parse(text)
    assert doc.proposal and doc.reply
    assert max(u.end for u in doc.proposal) <= min(u.start for u in doc.reply)
    assert len(doc.answers) == 1 and doc.answers[0].text.startswith(("我局", "今年", "经研究"))


@pytest.mark.parametrize(
    "closing",
    [
        "以上答复，请予审阅。",
        "专此函复，请予审阅。",
        "敬请继续关心支持我县旅游工作。",
        "恳请您继续关注和支持文化旅游事业发展。",
        "欢迎您今后继续对旅游工作提出宝贵意见。",
        "再次感谢您对旅游工作的关心和支持，欢迎继续提出宝贵意见和建议。",
        "顺颂时祺！",
        "谨致谢忱！",
        "请您继续关注和监督我们的工作。",
        "衷心希望您一如既往地关心支持旅游工作。",
        "以上答复，如有不妥，请批评指正。",
        "特此答复。",
        "承办人：李华　　审核人：王刚",
        "（此件依申请公开）",
        "东平县文化和旅游局\n2026年5月8日",
        "东平县文化和旅游局（盖章）\n2026年5月8日",
        "办理单位：东平县文化和旅游局　　2026年5月8日",
        "答复单位：东平县文化和旅游局",
        "抄　送：县政府办公室",
        "联系单位：东平县文化和旅游局　联系人：王华　电话：1234567",
        "2026年5月8日\n（联系人：王华，电话：1234567）",
        "附件：征询意见表",
        "委员对办理结果：满意",
        "对答复是否满意：满意",
        "二〇二六年五月八日",
        "2026-05-08",
        "2026/5/8",
        "谨此复函。",
    ],
)
def test_a_closing_of_every_make_after_the_last_answer_paragraph(closing: str) -> None:
    # thanks, 此复, 以上答复…, a request to keep following the work (敬请继续关心…), the office that answers, the
    # signer's record, openness notes, a feedback remark, the date in any of its forms: one closing unit
    text = "王明委员：\n您提出的关于加快发展乡村旅游的提案收悉，现答复如下：\n今年安排专项资金300万元。\n" + closing
    doc = parse(text)
    assert [u.kind for u in doc.units] == ["opening", "item", "closing"]
    assert doc.units[-1].text == closing


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            (
                "王明委员：\n您提出的提案收悉，现答复如下：\n今年安排专项资金300万元。"
                "\n下一阶段，我局将加快推进项目建设。\n此复。"
            ),
            ["opening", "item", "next-step", "closing"],
            id="next_xiayijieduan",
        ),
        pytest.param(
            (
                "王明委员：\n您提出的提案收悉，现答复如下：\n今年安排专项资金300万元。"
                "\n接下来，我局将加快推进项目建设。\n此复。"
            ),
            ["opening", "item", "next-step", "closing"],
            id="next_jiexialai",
        ),
        pytest.param(
            (
                "王明委员：\n您提出的提案收悉，现答复如下：\n今年安排专项资金300万元。"
                "\n今后一个时期，我局将加快推进项目建设。\n此复。"
            ),
            ["opening", "item", "next-step", "closing"],
            id="next_jinhou_yige",
        ),
        pytest.param(
            (
                "B类　主动公开\n东府函〔2026〕12号\n王明委员：\n您提出的提案收悉，"
                "现答复如下：\n今年安排专项资金300万元。\n此复。"
            ),
            ["header", "opening", "item", "closing"],
            id="hdr_one_line_two",
        ),
        pytest.param(
            ("（B类）（此件公开发布）\n王明委员：\n您提出的提案收悉，现答复如下：\n今年安排专项资金300万元。\n此复。"),
            ["header", "opening", "item", "closing"],
            id="hdr_both_paren",
        ),
        pytest.param(
            (
                "东人建复字〔2026〕第3号\n类别：C\n王明代表：\n您提出的建议收悉，现"
                "答复如下：\n今年安排专项资金300万元。\n此复。"
            ),
            ["header", "opening", "item", "closing"],
            id="hdr_renjian",
        ),
        pytest.param(
            (
                "王明委员：\n您提出的提案收悉，现答复如下：\n针对您提出的第一条建议，我局"
                "今年安排专项资金300万元。\n针对第二条建议，我局已建立联席会议制度。\n"
                "此复。"
            ),
            ["opening", "item", "item", "closing"],
            id="zhendui",
        ),
    ],
)
def test_plans_headers_and_answer_paragraphs_of_more_makes(text: str, expected: list[str]) -> None:
    # 下一阶段 / 接下来 / 今后一个时期 open the plans; category and openness on one line or in brackets, a 复字 number
    assert kinds(text) == expected
