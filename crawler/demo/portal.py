"""The demo portal: a fictional district (青岚区) whose 信息公开专栏 carries seeded defects.

It exists so that ``zwgk demo`` and the end-to-end tests audit something realistic and
know the right answer: every seeded defect is recorded with the exact findings a correct
auditor must report, and nothing else on the portal is wrong. All dates are relative to
``today`` so the ground truth holds on any day; ``fixed`` serves chosen defects repaired at
the same URLs, to test a second audit run after the units have fixed some problems.
"""

from __future__ import annotations

import datetime as dt
import io
import socket
import zipfile
import zlib
from dataclasses import dataclass, field
from html import escape

from . import annual_tables as T
from . import columns as C
from . import pages as P
from . import policy_extras as PX
from . import probe_extras as UX
from . import site_extras as E
from . import text_extras as TX
from .server import SOFT_404_PATH, PortalServer, Resource

EXT, DEAD = P.EXT, P.DEAD
CHINA_TZ = dt.timezone(dt.timedelta(hours=8), "Asia/Shanghai")
DAY = dt.timedelta(days=1)


# ====================================================================== units

@dataclass(frozen=True)
class UnitSpec:
    id: str
    name: str           # as in the config and the breadcrumb
    full: str           # the organisation's full name
    category: str       # 部门 / 镇街
    cms: str            # trs / hanweb / ucap / simple: URL scheme and breadcrumb markup
    meta: str           # table / ul / div
    charset: str
    dates: tuple[str, ...]  # date styles used in its metadata, cycled per page
    list_style: str
    labels: dict
    org_code: str
    norm_prefix: str    # 文号 of its 规范性文件
    policy_prefix: str
    recipients: str
    approve: str
    address: str
    phone: str
    fax: str
    postcode: str
    duties: str
    id_base: int


LABELS_TABLE = {"index": "索 引 号", "issuer": "发文机关", "docno": "文　　号", "written": "成文日期",
                "published": "发布日期", "validity": "有 效 性", "topic": "主题分类"}

UNITS: list[UnitSpec] = [
    UnitSpec("bgs", "区政府办公室", "青岚区人民政府办公室", "部门", "trs", "table", "utf-8", ("iso",), "ul",
             LABELS_TABLE, "113301990025734X", "青政规", "青政发", "各街道办事处，区政府各部门：",
             "区政府第{n}次常务会议", "青岚区府前路18号行政中心1号楼", "0571-86190201", "0571-86190203",
             "311999", "负责区政府机关日常运转，协助区政府领导组织起草区政府文件，督促检查区政府决定事项的落实。",
             71000),
    UnitSpec("jtj", "区教育和体育局", "青岚区教育和体育局", "部门", "trs", "div", "utf-8", ("cn",), "ul",
             {"index": "索引号", "issuer": "发文机关", "docno": "发文字号", "written": "成文日期",
              "published": "发布日期", "validity": "有效性", "topic": "主题分类"},
             "11330199002573619K", "青教体规", "青教体", "各中小学校、幼儿园，局机关各科室：",
             "局党组会议", "青岚区文苑路66号", "0571-86195312", "0571-86195310", "311999",
             "负责全区教育事业和体育事业的统筹规划和管理，推进义务教育均衡发展，指导群众性体育活动。", 51200),
    UnitSpec("sfj", "区司法局", "青岚区司法局", "部门", "hanweb", "table", "gb2312", ("slash",), "table",
             {"index": "索 引 号", "issuer": "发布机构", "docno": "文　　号", "written": "成文日期",
              "published": "发文日期", "validity": "时 效 性", "topic": "主题分类"},
             "113301990025736290", "青司规", "青司", "各街道司法所，局机关各科室：", "局务会议",
             "青岚区府前路18号行政中心5号楼", "0571-86197126", "0571-86197120", "311999",
             "负责全区法治建设统筹协调，承担行政规范性文件合法性审核、公共法律服务和人民调解工作。", 3300),
    UnitSpec("zjj", "区住房和城乡建设局", "青岚区住房和城乡建设局", "部门", "ucap", "ul", "utf-8", ("cnum", "iso"),
             "ul",
             {"index": "索引号", "issuer": "发布机构", "docno": "文号", "written": "成文日期",
              "published": "发布日期", "validity": "效力状态", "topic": "主题分类"},
             "11330199002573782N", "青建规", "青建", "各街道办事处，局机关各科室、局属各单位：", "局党组会议",
             "青岚区建设路120号", "0571-86193358", "0571-86193350", "311999",
             "负责全区住房保障、房地产市场监管、建筑业和物业管理，推进城镇老旧小区改造。", 8800),
    UnitSpec("xhjd", "新湖街道办事处", "青岚区新湖街道办事处", "镇街", "simple", "ul", "utf-8", ("cn", "iso"), "ul",
             {"index": "索引号", "issuer": "发文机关", "docno": "文号", "written": "成文日期",
              "published": "发布日期", "validity": "有效性", "topic": "主题分类"},
             "113301990025739921", "新街规", "新街", "各社区居委会，街道各办（中心）：", "街道党工委会议",
             "青岚区新湖路200号", "0571-86281106", "0571-86281108", "311998",
             "负责辖区社会治理、公共服务和社区建设，组织实施辖区人居环境整治。", 2600),
    UnitSpec("dsjd", "东山街道办事处", "青岚区东山街道办事处", "镇街", "trs", "div", "utf-8", ("iso", "slash"), "ul",
             {"index": "索引号", "issuer": "发布机构", "docno": "文号", "written": "成文日期",
              "published": "发布日期", "validity": "有效性", "topic": "主题分类"},
             "11330199002574018P", "东街规", "东街", "各社区居委会，街道各办（中心）、站所：", "街道党工委会议",
             "青岚区东山大道9号", "0571-86286221", "0571-86286220", "311997",
             "负责辖区城市管理、环境卫生和应急管理，组织实施防汛防台风等工作。", 6100),
]
UNIT = {u.id: u for u in UNITS}

COLUMNS = {"zn": "政府信息公开指南", "zd": "政府信息公开制度", "fdzdgknr": "法定主动公开内容",
           "nb": "政府信息公开年报", "gfxwj": "规范性文件", "zcwj": "政策文件", "zcjd": "政策解读"}
UNDER_FDZD = ("gfxwj", "zcwj", "zcjd")
COLUMNS.update(C.EXTRA_COLUMNS)
COLUMNS.update(PX.EXTRA_COLUMNS)

# (unit, column) -> (page size, pager kind)
PAGINATION = {("bgs", "zcwj"): (5, "plain"), ("jtj", "gfxwj"): (3, "trs"), ("zjj", "gfxwj"): (3, "plain")}


# ====================================================================== documents
# key, unit, column, name-in-《》 (None: `title` is the whole name), days before today,
# validity, how its 解读 is linked, interpretation title, topic, and content.

def _d(key, unit, col, name, off, validity, mode, itl, topic, lead, purpose, points, **kw):
    return dict(key=key, unit=unit, col=col, name=name, off=off, validity=validity, mode=mode, itl=itl,
                topic=topic, lead=lead, purpose=purpose, points=points, **kw)


def _doc_specs() -> list[dict]:
    return [
        # ---------------------------------------------------------------- bgs
        _d("B1", "bgs", "gfxwj", "青岚区政府投资项目管理办法", 40, "有效", "interp",
           "《青岚区政府投资项目管理办法》政策解读", "综合政务\\投资", "区发展和改革局",
           "规范政府投资行为，提高政府投资效益，激发社会投资活力",
           ["政府投资项目实行审批制，项目单位应当编制项目建议书、可行性研究报告和初步设计，按照规定程序报送审批。",
            "政府投资项目建设投资原则上不得超过经核定的投资概算；确需增加投资概算的，项目单位应当提出调整方案及资金来源，报原初步设计审批部门核定。",
            "区发展和改革局会同区财政局、区审计局建立政府投资项目绩效评价制度，对项目实施情况开展监督检查。"],
           basis="《政府投资条例》", scope="本区使用预算安排的资金进行固定资产投资建设活动的政府投资项目",
           attach=[("pdf", "青岚区政府投资项目管理办法（全文）.pdf")],
           related=[("澜江市发展和改革委员会", EXT + "/ext/gov/fgw/")]),
        _d("B2", "bgs", "gfxwj", "青岚区行政规范性文件合法性审核办法", 130, "有效", "doc",
           "解读：我区建立行政规范性文件合法性审核机制", "政府法制", "区司法局",
           "加强行政规范性文件合法性审核工作，推进依法行政，建设法治政府",
           ["起草单位应当在提请审核前完成征求意见、公平竞争审查等程序，并提交起草说明、制定依据和征求意见情况等材料。",
            "合法性审核主要审核制定主体是否合法、是否超越法定职权、内容是否符合法律法规规章和国家政策规定。",
            "审核机构一般应当自收到送审材料之日起7个工作日内完成审核，情况复杂的可以延长，但延长期限不超过7个工作日。"],
           basis="《国务院办公厅关于全面推行行政规范性文件合法性审核机制的指导意见》",
           scope="区人民政府及其工作部门、各街道办事处制定的行政规范性文件的合法性审核工作"),
        _d("B3", "bgs", "gfxwj", None, 220, "有效", "title",
           "《青岚区人民政府关于废止部分行政规范性文件的决定》解读", "综合政务", "区司法局",
           "维护法制统一，做好行政规范性文件定期清理工作",
           ["对全区现行有效的行政规范性文件进行了全面梳理，逐件评估其合法性和适用性。",
            "决定废止与上位法不一致或者已不适应经济社会发展需要的3件行政规范性文件。",
            "各部门、各街道做好废止文件涉及工作的衔接，确保相关工作平稳有序开展。"],
           title="青岚区人民政府关于废止部分行政规范性文件的决定", decision=True,
           scope="本区现行有效的行政规范性文件"),
        _d("B4", "bgs", "gfxwj", "青岚区城市道路占用挖掘管理办法", 700, "失效", "title",
           "关于《青岚区城市道路占用挖掘管理办法》的解读", "城乡建设、环境保护\\城市建设", "区综合行政执法局",
           "加强城市道路管理，规范占用、挖掘城市道路行为，保障城市道路完好和交通安全畅通",
           ["因工程建设需要挖掘城市道路的，应当持有关批准文件向区综合行政执法局申请办理挖掘许可。",
            "占用、挖掘城市道路应当在规定的期限和范围内进行，并设置明显标志和安全防围设施。",
            "挖掘城市道路的单位应当在施工完毕后及时清理现场，按照规定标准恢复路面。"],
           basis="《城市道路管理条例》", scope="本区城市道路占用、挖掘及其监督管理活动"),
        _d("B5", "bgs", "zcwj", "青岚区优化营商环境若干措施", 25, None, "doc",
           "一图读懂《青岚区优化营商环境若干措施》", "综合政务\\经济调节", "区发展和改革局",
           "持续优化营商环境，激发市场主体活力",
           ["深化“一网通办”改革，企业开办全流程压缩至1个工作日以内，推行涉企经营许可事项告知承诺制。",
            "落实减税降费政策，规范涉企收费，建立惠企政策“免申即享”机制。",
            "健全政企沟通机制，畅通企业诉求反映渠道，企业诉求办结率保持在98%以上。"],
           subject="优化营商环境"),
        _d("B6", "bgs", "zcwj", None, 60, None, "title",
           "一图读懂《青岚区人民政府关于加快推进数字政府建设的实施意见》", "综合政务\\电子政务", "区大数据发展中心",
           "加快推进数字政府建设，提升政府治理能力",
           ["推进政务数据共享开放，建成全区统一的公共数据平台。",
            "推动高频政务服务事项“掌上办”“指尖办”，提升基层治理数字化水平。",
            "强化网络安全和数据安全保障，落实安全管理责任。"],
           title="青岚区人民政府关于加快推进数字政府建设的实施意见", subject="数字政府建设"),
        _d("B7", "bgs", "zcwj", "青岚区促进就业创业若干政策", 95, None, "interp",
           "图解：我区出台促进就业创业若干政策", "劳动、人事、监察\\就业", "区人力资源和社会保障局",
           "稳定和扩大就业，支持劳动者创业",
           ["对首次创办小微企业并正常经营1年以上的高校毕业生，给予一次性创业补贴。",
            "对吸纳就业困难人员并缴纳社会保险的用人单位，按规定给予社会保险补贴。",
            "支持开展职业技能培训，对取得职业技能等级证书的人员按规定给予培训补贴。"],
           subject="促进就业创业"),
        _d("B8", "bgs", "zcwj", "青岚区突发事件总体应急预案", 150, None, "title",
           "《青岚区突发事件总体应急预案》政策解读", "公共安全\\应急管理", "区应急管理局",
           "提高应对突发事件的能力，保障人民群众生命财产安全",
           ["明确自然灾害、事故灾难、公共卫生事件和社会安全事件四类突发事件的分级标准。",
            "建立区、街道、社区三级应急指挥体系，明确监测预警、信息报告、应急响应和恢复重建流程。",
            "加强应急队伍、物资、资金和通信保障，定期组织应急演练。"],
           subject="突发事件应急管理"),
        _d("B9", "bgs", "zcwj", None, 180, None, None,
           "一图读懂《青岚区人民政府办公室关于进一步加强城市精细化管理工作的通知》", "城乡建设、环境保护\\城市管理",
           "区综合行政执法局", "提升城市管理精细化水平，改善城市环境面貌",
           ["深入开展市容环境综合整治，重点整治占道经营、乱堆乱放、违规广告招牌等问题。",
            "完善城市管理网格化机制，落实街道、社区和责任单位的网格管理责任。",
            "建立城市管理考核评价机制，考核结果纳入年度综合考评。"],
           title="青岚区人民政府办公室关于进一步加强城市精细化管理工作的通知", subject="城市精细化管理",
           issuer="青岚区人民政府办公室", policy_prefix="青政办发"),
        _d("B10", "bgs", "zcwj", "青岚区政府采购内部控制管理办法", 240, None, "interp",
           "《青岚区政府采购内部控制管理办法》解读", "财政、金融、审计\\政府采购", "区财政局",
           "加强政府采购活动内部控制管理，规范政府采购行为",
           ["采购人应当建立健全政府采购内部控制制度，明确采购需求确定、采购方式选择、合同签订和履约验收等环节的岗位职责。",
            "采购需求应当合规、完整、明确，采购人应当对采购需求和采购实施计划进行审查。",
            "区财政局加强政府采购活动监督检查，依法处理违法违规行为。"],
           subject="政府采购内部控制", issuer="青岚区人民政府办公室", policy_prefix="青政办发"),
        _d("B11", "bgs", "zcwj", None, 300, None, "interp",
           "图解防汛防台风工作要点", "公共安全\\防汛抗旱", "区应急管理局",
           "切实做好防汛防台风工作，确保安全度汛",
           ["落实以行政首长负责制为核心的防汛防台风责任制。",
            "全面排查山塘水库、地质灾害隐患点、在建工地等重点部位，建立隐患清单并限期整改。",
            "加强值班值守，汛期严格执行24小时值班和领导带班制度。"],
           title="青岚区人民政府办公室关于做好{py}年度防汛防台风工作的通知", subject="防汛防台风",
           issuer="青岚区人民政府办公室", policy_prefix="青政办发", back_label="原文链接"),
        # ---------------------------------------------------------------- jtj (TRS, JS pager)
        _d("J1", "jtj", "gfxwj", "青岚区中小学校课后服务管理办法", 20, "有效", None,
           "《青岚区中小学校课后服务管理办法》政策解读", "教育\\基础教育", "区教育和体育局",
           "规范中小学校课后服务工作，切实减轻学生家长接送负担",
           ["课后服务遵循学生家长自愿原则，学校不得以任何方式强制或者变相强制学生参加。",
            "课后服务以指导学生完成作业、开展阅读、体育、艺术、科普等活动为主，不得开展学科类集体补课。",
            "学校应当建立课后服务安全管理制度，明确学生接送、考勤和突发事件处置流程。"],
           basis="《教育部办公厅关于做好中小学生课后服务工作的指导意见》",
           scope="本区公办义务教育阶段学校开展的课后服务活动"),
        _d("J2", "jtj", "gfxwj", "青岚区中小学校课后服务经费管理办法", 35, "有效", "title",
           "《青岚区中小学校课后服务经费管理办法》政策解读", "教育\\基础教育", "区教育和体育局",
           "规范中小学校课后服务经费管理，保障课后服务工作持续健康开展",
           ["课后服务经费实行财政补助和服务性收费相结合的方式筹集，收费标准按照成本补偿、非营利原则确定。",
            "课后服务经费主要用于参与课后服务教师和相关人员的劳务报酬，以及聘请校外专业人员的费用。",
            "学校应当每学期公示课后服务经费收支情况，接受家长和社会监督。"],
           basis="《浙江省物价局 浙江省教育厅关于中小学校课后服务收费有关问题的通知》",
           scope="本区公办义务教育阶段学校课后服务经费的筹集、使用和管理"),
        _d("J3", "jtj", "gfxwj", "青岚区普惠性民办幼儿园认定和管理办法", 70, "有效", "doc",
           "政策解读：普惠性民办幼儿园怎么认定？", "教育\\学前教育", "区教育和体育局",
           "扩大普惠性学前教育资源，规范普惠性民办幼儿园认定和管理",
           ["申请认定的民办幼儿园应当办园满一年，办园行为规范，年检合格，保教费收费标准不高于规定标准。",
            "认定工作按照自愿申报、实地核查、社会公示、审批认定的程序进行，认定结果有效期为三年。",
            "对认定的普惠性民办幼儿园，按照在园幼儿数给予生均经费补助，在教师培训、评优评先等方面与公办幼儿园同等对待。"],
           basis="《中共中央 国务院关于学前教育深化改革规范发展的若干意见》",
           scope="本区取得办学许可证并依法登记的民办幼儿园",
           attach=[("pdf", "附件1：普惠性民办幼儿园认定标准.pdf"), ("xls", "附件2：普惠性民办幼儿园申请表.xls")]),
        _d("J4", "jtj", "gfxwj", "青岚区公共体育设施开放管理办法", 110, "有效", "doc",
           "一图读懂《青岚区公共体育设施开放管理办法》", "文化、广电、新闻出版\\体育", "区教育和体育局",
           "推动公共体育设施向社会开放，满足群众健身需求",
           ["公共体育设施应当全年向公众开放，开放时间每周不少于35小时，法定节假日和学校寒暑假期间适当延长。",
            "公共体育设施实行免费或者低收费开放，对学生、老年人、残疾人等群体给予优惠。",
            "管理单位应当在醒目位置公示开放时间、收费标准和安全须知，定期对设施进行检查维护。"],
           basis="《公共文化体育设施条例》", scope="本区由政府投资或者筹集社会资金兴建的公共体育设施的开放和管理"),
        _d("J5", "jtj", "gfxwj", "青岚区校外培训机构监督管理办法", 400, "废止", "title",
           "关于《青岚区校外培训机构监督管理办法》的解读", "教育\\民办教育", "区教育和体育局",
           "规范校外培训机构办学行为，维护学生及家长合法权益",
           ["校外培训机构应当依法取得办学许可证和营业执照后方可开展培训活动。",
            "培训机构收费时段应当与教学进度相适应，不得一次性收取时间跨度超过3个月的费用。",
            "建立校外培训机构黑白名单制度，对违规机构依法查处并向社会公布。"],
           basis="《中华人民共和国民办教育促进法》", scope="本区面向中小学生开展非学科类培训的校外培训机构"),
        _d("J6", "jtj", "gfxwj", "青岚区中小学生学籍管理实施细则", 480, "已修改", "interp",
           "《青岚区中小学生学籍管理实施细则》政策解读", "教育\\基础教育", "区教育和体育局",
           "规范中小学生学籍管理，维护学生合法权益",
           ["学生学籍实行电子化管理，以学生居民身份证号为学籍号，一人一号，终身不变。",
            "学生转学由转入学校通过学籍系统发起申请，转出学校和教育行政部门在规定时限内办理。",
            "学校应当建立学籍档案，指定专人负责学籍管理，严禁空挂学籍、人籍分离。"],
           basis="《中小学生学籍管理办法》", scope="本区各级各类中小学校的学生学籍管理工作",
           back_label="原文链接", related=[("澜江市教育局学籍管理服务平台", EXT + "/ext/waf")]),
        _d("J7", "jtj", "gfxwj", "青岚区中小学教师培训管理办法", 560, "有效", "title",
           "一图读懂《青岚区中小学教师培训管理办法》", "教育\\师资队伍", "区教育和体育局",
           "加强中小学教师培训管理，提升教师专业素养",
           ["教师每五年累计参加培训不少于360学时，培训学时作为教师考核、职称评审的重要依据。",
            "培训采取集中培训、校本研修、网络研修相结合的方式。",
            "区教师发展中心负责培训项目的组织实施和质量评估。"],
           basis="《中华人民共和国教师法》", scope="本区公办中小学校、幼儿园在编在岗教师的培训工作",
           attach=[("docx", "青岚区中小学教师培训学时登记表.docx")]),
        _d("J8", "jtj", "zcwj", None, 50, None, "interp",
           "解读：义务教育阶段学校招生入学政策问答", "教育\\基础教育", "区教育和体育局",
           "做好义务教育阶段学校招生入学工作，保障适龄儿童少年依法接受义务教育",
           ["坚持免试就近入学原则，公办学校按照划定的学区招生，民办学校与公办学校同步招生。",
            "优化入学报名服务，全面推行网上报名，减少证明材料。",
            "保障随迁子女、残疾儿童等群体平等接受义务教育的权利。"],
           title="青岚区教育和体育局关于做好{py}年义务教育阶段学校招生入学工作的通知",
           subject="义务教育阶段学校招生入学"),
        _d("J9", "jtj", "zcwj", "青岚区全民健身实施计划（{py}—{py2}年）", 140, None, "title",
           "图解《青岚区全民健身实施计划（{py}—{py2}年）》", "文化、广电、新闻出版\\体育", "区教育和体育局",
           "深入实施全民健身国家战略，提高群众身体素质和健康水平",
           ["新建改建一批体育公园、健身步道和社区多功能运动场地，实现城市社区15分钟健身圈全覆盖。",
            "广泛开展群众性体育赛事活动，每年举办区级全民健身赛事不少于20项。",
            "加强社会体育指导员队伍建设，推动学校体育场地设施向社会开放。"],
           subject="全民健身"),
        # ---------------------------------------------------------------- sfj (GBK, Hanweb)
        _d("S1", "sfj", "gfxwj", "青岚区行政执法公示办法", 45, "有效", "doc",
           "《青岚区行政执法公示办法》解读", "政府法制\\行政执法", "区司法局",
           "规范行政执法公示工作，保障公民、法人和其他组织的知情权",
           ["行政执法机关应当在事前公开执法主体、执法人员、职责权限、依据、程序、救济渠道和随机抽查事项清单等信息。",
            "行政执法人员在执法过程中应当主动出示执法证件，出具执法文书，主动告知当事人执法事由和依据。",
            "行政执法决定作出之日起7个工作日内，应当公开执法机关、执法对象、执法类别、执法结论等信息。"],
           basis="《国务院办公厅关于全面推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度的指导意见》",
           scope="本区行政执法机关的行政执法公示工作"),
        _d("S2", "sfj", "gfxwj", "青岚区人民调解工作规范", 650, None, "title",
           "《青岚区人民调解工作规范》解读", "政府法制\\人民调解", "区司法局",
           "规范人民调解工作，及时化解矛盾纠纷",
           ["人民调解委员会调解民间纠纷，应当坚持自愿、平等、合法的原则，不收取任何费用。",
            "调解达成协议的，可以制作人民调解协议书，当事人可以向人民法院申请司法确认。",
            "人民调解员应当参加司法行政部门组织的业务培训，每年不少于24学时。"],
           basis="《中华人民共和国人民调解法》", scope="本区各级人民调解委员会开展的人民调解工作",
           marker="【已失效】"),
        _d("S3", "sfj", "gfxwj", "青岚区法律援助经济困难标准", 160, "有效", "interp",
           "图解：法律援助经济困难标准有哪些变化", "政府法制\\法律援助", "区司法局",
           "保障经济困难公民获得必要的法律援助",
           ["申请人及其共同生活的家庭成员人均收入低于本区最低工资标准的，认定为经济困难。",
            "城乡低保对象、特困供养人员、残疾人等特定群体申请法律援助的，免予核查经济困难状况。",
            "法律援助机构通过信息共享查询等方式核查申请人经济困难状况，不得要求申请人重复提交材料。"],
           basis="《中华人民共和国法律援助法》", scope="在本区申请法律援助的公民的经济困难审查",
           attach=[("doc", "法律援助经济困难状况说明表.doc")],
           related=[("澜江市法律援助中心", EXT + SOFT_404_PATH)]),
        _d("S4", "sfj", "zcwj", "青岚区{py}年普法依法治理工作要点", 80, None, None,
           "《青岚区{py}年普法依法治理工作要点》解读", "政府法制\\普法", "区司法局",
           "深入推进法治社会建设，提升全民法治素养",
           ["深入宣传宪法、民法典等法律法规，推动法律进机关、进乡村、进社区、进学校、进企业。",
            "落实“谁执法谁普法”普法责任制，推行普法责任清单制度。",
            "推进法治乡村建设，培育农村学法用法示范户。"],
           subject="普法依法治理"),
        _d("S5", "sfj", "zcwj", "青岚区公共法律服务体系建设实施方案", 260, None, "title",
           "关于《青岚区公共法律服务体系建设实施方案》的解读", "政府法制\\公共法律服务", "区司法局",
           "加快建设覆盖城乡、便捷高效、均等普惠的公共法律服务体系",
           ["建成区公共法律服务中心、街道公共法律服务工作站和村（社区）公共法律服务点三级实体平台。",
            "整合律师、公证、法律援助、人民调解等法律服务资源，推行“一站式”服务。",
            "建立公共法律服务质量评价机制，群众满意度保持在95%以上。"],
           subject="公共法律服务体系建设"),
        # ---------------------------------------------------------------- zjj
        _d("Z1", "zjj", "gfxwj", "青岚区住宅小区物业服务管理办法", 30, "有效", "doc",
           "《青岚区住宅小区物业服务管理办法》政策解读", "城乡建设、环境保护\\房地产业", "区住房和城乡建设局",
           "规范住宅小区物业服务活动，维护业主和物业服务企业的合法权益",
           ["业主大会成立前，建设单位应当依法选聘前期物业服务企业，并签订前期物业服务合同。",
            "物业服务企业应当每半年公示物业服务合同履行情况、收费标准和公共收益收支情况。",
            "街道办事处指导和监督业主大会、业主委员会依法履行职责，协调处理物业服务中的矛盾纠纷。"],
           basis="《物业管理条例》", scope="本区行政区域内住宅小区的物业服务及其监督管理活动",
           attach=[("xls", "物业服务收费公示表.xls")]),
        _d("Z2", "zjj", "gfxwj", "青岚区既有住宅加装电梯实施办法", 90, "有效", "title",
           "一图读懂《青岚区既有住宅加装电梯实施办法》", "城乡建设、环境保护\\城市建设", "区住房和城乡建设局",
           "适应人口老龄化需要，方便群众生活",
           ["加装电梯应当经本单元专有部分面积占比三分之二以上且人数占比三分之二以上的业主参与表决，并经参与表决者四分之三以上同意。",
            "加装电梯项目实行联合审查，区住房和城乡建设局会同自然资源、市场监管等部门在10个工作日内出具意见。",
            "对符合条件的加装电梯项目，按照规定标准给予财政补助。"],
           basis="《中华人民共和国民法典》《中华人民共和国特种设备安全法》",
           scope="本区国有土地上已建成投入使用、未设电梯的四层及以上住宅加装电梯"),
        _d("Z3", "zjj", "gfxwj", "青岚区建筑工地扬尘污染防治管理规定", 600, "失效", "interp",
           "政策解读：建筑工地扬尘污染防治有新规", "城乡建设、环境保护\\建筑业", "区住房和城乡建设局",
           "防治建筑工地扬尘污染，改善环境空气质量",
           ["施工现场应当设置连续、密闭的围挡，主要道路进行硬化处理。",
            "土方作业应当采取洒水、覆盖等降尘措施，出场车辆应当冲洗干净。",
            "对扬尘污染防治不力的施工单位，依法责令改正并纳入信用管理。"],
           basis="《中华人民共和国大气污染防治法》", scope="本区房屋建筑和市政基础设施工程施工现场的扬尘污染防治"),
        _d("Z4", "zjj", "gfxwj", "青岚区城镇老旧小区改造资金管理办法", 200, "有效", "title",
           "关于《青岚区城镇老旧小区改造资金管理办法》的解读", "城乡建设、环境保护\\城市建设", "区住房和城乡建设局",
           "规范城镇老旧小区改造资金管理，提高资金使用效益",
           ["改造资金由政府补助、居民出资、社会资本参与等多渠道筹集。",
            "改造资金实行专款专用，按照工程进度拨付，严禁挤占挪用。",
            "区财政局、区审计局对资金使用情况开展监督检查和绩效评价。"],
           basis="《国务院办公厅关于全面推进城镇老旧小区改造工作的指导意见》",
           scope="本区城镇老旧小区改造项目资金的筹集、使用和监督管理"),
        _d("Z5", "zjj", "gfxwj", "青岚区房屋租赁管理办法", 320, "已修改", "doc",
           "图解《青岚区房屋租赁管理办法》", "城乡建设、环境保护\\房地产业", "区住房和城乡建设局",
           "加强房屋租赁管理，规范房屋租赁行为",
           ["房屋租赁合同订立后30日内，租赁当事人应当办理房屋租赁登记备案。",
            "出租住房应当以原设计的房间为最小出租单位，人均租住建筑面积不得低于规定标准。",
            "房地产经纪机构从事租赁经纪业务，应当如实发布房源信息，不得发布虚假房源。"],
           basis="《商品房屋租赁管理办法》", scope="本区国有土地上的房屋租赁及其监督管理"),
        _d("Z6", "zjj", "zcwj", "青岚区{py}年城镇老旧小区改造工作计划", 55, None, "title",
           "《青岚区{py}年城镇老旧小区改造工作计划》政策解读", "城乡建设、环境保护\\城市建设", "区住房和城乡建设局",
           "扎实推进城镇老旧小区改造，改善居民居住条件",
           ["全年计划改造老旧小区12个，涉及居民3200户，建筑面积28万平方米。",
            "同步实施雨污分流、管线入地、加装电梯、适老化改造等内容。",
            "建立居民议事协商机制，改造方案经居民充分协商后实施。"],
           subject="城镇老旧小区改造", related=[("澜江市城镇老旧小区改造专题", EXT + "/ext/gone.html")]),
        # ---------------------------------------------------------------- xhjd
        _d("X1", "xhjd", "gfxwj", "新湖街道社区网格化服务管理办法", 65, None, "title",
           "《新湖街道社区网格化服务管理办法》政策解读", "民政、扶贫、救灾\\社区建设", "新湖街道综合治理办公室",
           "推进社区网格化服务管理，提升基层治理精细化水平",
           ["按照地域相邻、规模适度、便于管理的原则，每个网格原则上覆盖300至500户居民。",
            "每个网格配备网格长、专职网格员和兼职网格员，明确工作职责。",
            "网格员应当定期走访辖区居民，及时发现和上报矛盾纠纷、安全隐患等事项。"],
           basis="《浙江省平安建设条例》", scope="新湖街道辖区内各社区的网格化服务管理工作",
           effective="本办法自印发之日起施行，有效期5年。",
           interp_related=[("浙江省平安建设信息系统", EXT + "/ext/waf403")]),
        _d("X2", "xhjd", "gfxwj", "新湖街道临时救助实施细则", 120, "有效", None,
           "关于《新湖街道临时救助实施细则》的解读", "民政、扶贫、救灾\\社会救助", "新湖街道社会事务办公室",
           "规范临时救助工作，切实保障困难群众基本生活",
           ["临时救助实行属地管理，申请人向户籍所在地或者经常居住地社区提出申请。",
            "对情况紧急的，可以先行救助，事后补充说明情况。",
            "临时救助标准根据困难类型和程度分档确定，一般不超过当地月最低生活保障标准的6倍。"],
           basis="《社会救助暂行办法》", scope="新湖街道辖区内遭遇突发性、紧迫性、临时性生活困难的家庭或者个人"),
        _d("X3", "xhjd", "gfxwj", "新湖街道集体资产管理办法", 210, "有效", "doc",
           "新湖街道集体资产管理办法解读", "农业、林业、水利\\农村经济", "新湖街道经济发展办公室",
           "加强社区集体资产管理，防止集体资产流失",
           ["集体资产实行台账管理，每年至少开展一次清产核资。",
            "集体资产发包、出租应当通过公共资源交易平台公开进行。",
            "集体资产的重大事项应当经股东代表大会讨论决定，并向社员公开。"],
           basis="《中华人民共和国民法典》", scope="新湖街道辖区内社区股份经济合作社的集体资产管理",
           related=[("澜江市农村集体资产交易平台", EXT + "/ext/old")]),
        _d("X4", "xhjd", "zcwj", "新湖街道{py}年度人居环境整治工作方案", 40, None, "interp",
           "一图读懂新湖街道人居环境整治工作方案", "城乡建设、环境保护\\环境治理", "新湖街道城市管理办公室",
           "持续改善辖区人居环境，建设美丽宜居街道",
           ["开展背街小巷环境整治，年内完成15条背街小巷改造提升。",
            "推进生活垃圾分类，实现辖区生活垃圾分类覆盖率100%。",
            "建立“街长制”长效管理机制，落实门前三包责任。"],
           subject="人居环境整治", related=[("新湖街道便民服务网上平台", DEAD + "/")]),
        # ---------------------------------------------------------------- dsjd (TRS)
        _d("E1", "dsjd", "gfxwj", "东山街道城市管理综合执法协作办法", 85, "有效", "doc",
           "《东山街道城市管理综合执法协作办法》解读", "城乡建设、环境保护\\城市管理", "东山街道综合行政执法队",
           "加强城市管理综合执法协作，形成执法合力",
           ["建立联席会议制度，每季度召开一次，研究解决执法协作中的重大问题。",
            "执法协作事项实行首接负责制，接到线索的单位应当在规定时限内移送相关执法部门。",
            "建立执法信息共享机制，及时通报执法检查和处理结果。"],
           basis="《浙江省综合行政执法条例》", scope="东山街道辖区内城市管理领域的综合执法协作工作",
           repeal="自本办法施行之日起，原{old}同时废止。"),
        _d("E2", "dsjd", "gfxwj", "东山街道环境卫生网格化管理办法", 170, "有效", "title",
           "关于《东山街道环境卫生网格化管理办法》的解读", "城乡建设、环境保护\\环境卫生", "东山街道城市管理办公室",
           "提升辖区环境卫生管理水平",
           ["将辖区划分为若干环境卫生管理网格，每个网格明确责任单位和责任人。",
            "实行保洁质量每日巡查、每周通报、每月考核制度。",
            "考核结果与保洁服务费用拨付挂钩。"],
           basis="《城市市容和环境卫生管理条例》", scope="东山街道辖区内道路、公共场所的环境卫生网格化管理",
           repeal="原{old}中有关环境卫生管理的规定同时废止。",
           attach=[("pdf", "东山街道环境卫生管理网格划分图.pdf")]),
        _d("E3", "dsjd", "gfxwj", "东山街道城市管理协作暂行办法", 900, "废止", "interp",
           "图解：东山街道城市管理协作暂行办法", "城乡建设、环境保护\\城市管理", "东山街道城市管理办公室",
           "加强城市管理协作，提高城市管理水平",
           ["街道城市管理办公室牵头组织辖区城市管理协作工作。",
            "各社区应当及时发现并报告辖区内违反城市管理规定的行为。",
            "相关职能部门接到移送线索后应当及时处理并反馈结果。"],
           basis="《城市市容和环境卫生管理条例》", scope="东山街道辖区内城市管理协作工作"),
        _d("E4", "dsjd", "zcwj", "东山街道防汛防台风应急预案", 30, None, "title",
           "图解《东山街道防汛防台风应急预案》", "公共安全\\防汛抗旱", "东山街道应急管理办公室",
           "高效有序做好防汛防台风应急处置工作，最大程度减少人员伤亡和财产损失",
           ["街道成立防汛防台风指挥部，下设综合协调、抢险救援、转移安置、后勤保障等工作组。",
            "应急响应分为四级，根据气象预警和灾情发展适时启动和调整。",
            "各社区建立危险区域人员转移清单，确保应转尽转、不漏一人。"],
           subject="防汛防台风应急处置", related=[("澜江市水利局实时雨水情", EXT + "/ext/slow")]),
    ]


# ====================================================================== defects

DEFECTS: list[dict] = [
    {"id": "D01", "rule": "link.broken", "unit": "jtj",
     "description": "规范性文件《青岚区普惠性民办幼儿园认定和管理办法》详情页的附件1（PDF）链接返回404，附件文件缺失。"},
    {"id": "D02", "rule": "link.broken", "unit": "bgs",
     "description": "政策文件列表第2页中《青岚区政府采购内部控制管理办法》的链接地址有误，指向不存在的页面（404）。"},
    {"id": "D03", "rule": "link.broken", "unit": "zjj",
     "description": "政策文件《青岚区城镇老旧小区改造工作计划》的相关链接指向的站外页面返回404。"},
    {"id": "D04", "rule": "link.broken", "unit": "xhjd",
     "description": "规范性文件《新湖街道集体资产管理办法》的相关链接经302跳转后落到404页面。"},
    {"id": "D05", "rule": "link.broken", "unit": "sfj",
     "description": "规范性文件《青岚区法律援助经济困难标准》的相关链接返回200，但页面显示“页面不存在”（软404）。"},
    {"id": "D06", "rule": "link.broken", "unit": "dsjd",
     "description": "政策文件《东山街道防汛防台风应急预案》的相关链接所在站点响应超时。"},
    {"id": "D07", "rule": "link.broken", "unit": "xhjd",
     "description": "政策文件《新湖街道人居环境整治工作方案》的相关链接指向已关闭的服务端口，连接被拒绝。"},
    {"id": "D08", "rule": "link.broken", "unit": "dsjd",
     "description": "两件规范性文件正文中指向原《东山街道城市管理协作暂行办法》的链接仍使用旧栏目地址，返回404（两个页面各一处）。"},
    {"id": "D09", "rule": "link.unverified", "unit": "jtj",
     "description": "规范性文件《青岚区中小学生学籍管理实施细则》的相关链接被目标站点防护策略拦截（HTTP 412 脚本挑战），需人工核验。"},
    {"id": "D10", "rule": "link.unverified", "unit": "xhjd",
     "description": "《新湖街道社区网格化服务管理办法》政策解读页的相关链接被目标站点防火墙拦截（HTTP 403 挑战页），需人工核验。"},
    {"id": "D11", "rule": "normative.validity-missing", "unit": "jtj",
     "description": "规范性文件《青岚区公共体育设施开放管理办法》（列表第2页，仅由脚本分页可达）的元数据中没有有效性一栏。"},
    {"id": "D12", "rule": "normative.validity-missing", "unit": "sfj",
     "description": "规范性文件《青岚区行政执法公示办法》的“时效性”一栏为空。"},
    {"id": "D13", "rule": "normative.validity-missing", "unit": "xhjd",
     "description": "规范性文件《新湖街道社区网格化服务管理办法》未标注有效性，仅在正文中写明“有效期5年”。"},
    {"id": "D14", "rule": "guide.missing", "unit": "xhjd",
     "description": "新湖街道办事处信息公开专栏未设置政府信息公开指南。"},
    {"id": "D15", "rule": "guide.revision-missing", "unit": "sfj",
     "description": "区司法局政府信息公开指南未标注修订或更新日期（页面仅有发布日期）。"},
    {"id": "D16", "rule": "guide.revision-outdated", "unit": "dsjd",
     "description": "东山街道办事处政府信息公开指南最近一次修订距今约500天，超过一年未更新。"},
    {"id": "D17", "rule": "policy.interpretation-missing", "unit": "jtj",
     "description": "规范性文件《青岚区中小学校课后服务管理办法》没有政策解读（同栏目的《课后服务经费管理办法》解读不是它的解读）。"},
    {"id": "D18", "rule": "policy.interpretation-missing", "unit": "bgs",
     "description": "政策文件《青岚区人民政府办公室关于进一步加强城市精细化管理工作的通知》没有政策解读。"},
    {"id": "D19", "rule": "policy.interpretation-missing", "unit": "sfj",
     "description": "政策文件《青岚区普法依法治理工作要点》没有政策解读。"},
    {"id": "D20", "rule": "policy.interpretation-missing", "unit": "xhjd",
     "description": "规范性文件《新湖街道临时救助实施细则》没有政策解读。"},
]
DEFECTS += [
    {"id": "D21", "rule": "normative.fields-missing", "unit": "zjj",
     "description": "规范性文件《青岚区城镇老旧小区改造资金管理办法》的元数据中没有成文日期。"},
    {"id": "D22", "rule": "normative.date-inconsistent", "unit": "sfj",
     "description": "规范性文件《青岚区法律援助经济困难标准》标注的成文日期晚于发布日期6天。"},
    {"id": "D23", "rule": "normative.docnumber-malformed", "unit": "jtj",
     "description": "规范性文件《青岚区普惠性民办幼儿园认定和管理办法》的文号漏写了序号（“青教体规〔年份〕号”）。"},
    {"id": "D24", "rule": "normative.validity-expired", "unit": "jtj",
     "description": "规范性文件《青岚区中小学教师培训管理办法》正文写明有效期1年，早已届满，仍标注“有效”。"},
    {"id": "D25", "rule": "normative.repealed-still-valid", "unit": "dsjd",
     "description": "《东山街道城市管理协作暂行办法》已被《东山街道城市管理综合执法协作办法》宣布废止，页面仍标注“有效”。"},
    {"id": "D26", "rule": "normative.list-validity-mismatch", "unit": "zjj",
     "description": "住建局规范性文件列表把已失效的《青岚区建筑工地扬尘污染防治管理规定》显示为“现行有效”。"},
    {"id": "D27", "rule": "guide.elements-missing", "unit": "zjj",
     "description": "区住房和城乡建设局政府信息公开指南没有写明办公时间和传真号码。"},
    {"id": "D28", "rule": "guide.outdated-regulation", "unit": "sfj",
     "description": "区司法局政府信息公开指南仍引用国务院令第492号，保留“三需要”申请条件和检索、复制、邮寄等成本费用。"},
    {"id": "D29", "rule": "interpretation.late", "unit": "bgs",
     "description": "《青岚区促进就业创业若干政策》的图解在文件发布20天后才发布。"},
    {"id": "D30", "rule": "interpretation.formalistic", "unit": "zjj",
     "description": "《青岚区住宅小区物业服务管理办法》政策解读只是照搬文件条文。"},
    {"id": "D31", "rule": "annual-report.missing", "unit": "sfj",
     "description": "区司法局政府信息公开年报栏目中没有已到发布期限的最近一个年度的年度报告。"},
    {"id": "D32", "rule": "annual-report.late", "unit": "jtj",
     "description": "区教育和体育局前年度的政府信息公开工作年度报告于3月15日才发布，晚于1月31日的期限。"},
    {"id": "D33", "rule": "annual-report.sections-missing", "unit": "dsjd",
     "description": "东山街道上一年度政府信息公开工作年度报告缺少“五、存在的主要问题及改进情况”。"},
    {"id": "D34", "rule": "column.missing", "unit": "dsjd",
     "description": "东山街道办事处政府信息公开专栏没有设置“政府信息公开制度”栏目。"},
    {"id": "D35", "rule": "column.misnamed", "unit": "zjj",
     "description": "区住房和城乡建设局把“政府信息公开年报”栏目命名为“政府信息公开工作年度报告”。"},
    {"id": "D38", "rule": "link.mismatch", "unit": "jtj",
     "description": "《青岚区中小学校课后服务经费管理办法》页面“相关链接”写的是《青岚区中小学校课后服务管理办法》，"
                    "打开的却是《青岚区普惠性民办幼儿园认定和管理办法》。"},
    {"id": "D39", "rule": "link.internal-host", "unit": "xhjd",
     "description": "《新湖街道临时救助实施细则》的附件链接指向编辑人员电脑上的文件（file:///D:/…）。"},
] + C.DEFECTS + T.DEFECTS + PX.DEFECTS + E.DEFECTS + TX.DEFECTS
DEFECTS += UX.DEFECTS  # D130–D131: uptime history, home-page accessibility
DEFECT_IDS = frozenset(d["id"] for d in DEFECTS)

# Link defects: doc key -> (defect id, repaired href). The broken href is in the doc spec.
_RELATED_DEFECT = {"Z6": ("D03", EXT + "/ext/gov/zjj/"), "X3": ("D04", EXT + "/ext/gov/"),
                   "S3": ("D05", EXT + "/ext/gov/sfj/"), "E4": ("D06", EXT + "/ext/gov/"),
                   "X4": ("D07", EXT + "/ext/gov/"), "J6": ("D09", EXT + "/ext/gov/jyj/")}
_MISSING_INTERP = {"J1": "D17", "B9": "D18", "S4": "D19", "X2": "D20"}
FILE_LINK = "file:///D:/xhjd/xxgk/fujian/linshijiuzhu-shenpibiao.doc"

EXT_OK_PAGES = {
    "/ext/gov/": "澜江市人民政府",
    "/ext/gov/fgw/": "澜江市发展和改革委员会",
    "/ext/gov/jyj/": "澜江市教育局",
    "/ext/gov/zjj/": "澜江市住房和城乡建设局",
    "/ext/gov/sfj/": "澜江市司法局",
}

ATTACH_TYPES = {"pdf": "application/pdf", "doc": "application/msword",
                "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                "xls": "application/vnd.ms-excel"}


def _attachment_bytes(ext: str, title: str) -> bytes:
    if ext == "pdf":
        return (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>"
                b"endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n"
                b"%%EOF\n")
    if ext in ("doc", "xls"):
        # OLE2 compound-file signature followed by padding: what a legacy Office file starts with
        return bytes.fromhex("D0CF11E0A1B11AE1") + b"\x00" * 504
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types '
                    'xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        zf.writestr("word/document.xml", f'<?xml version="1.0" encoding="UTF-8"?><document>{escape(title)}</document>')
    return buf.getvalue()


def _safe(d: dt.date) -> dt.date:
    """Step back until the compact form (used in URLs) has no '404' in it (a soft-404 trap)."""
    while "404" in d.strftime("%Y%m%d"):
        d -= DAY
    return d


@dataclass
class Page:
    text: str
    charset: str  # "utf-8" or "gbk"


@dataclass
class Doc:
    spec: dict
    unit: UnitSpec
    col: str
    title: str       # as displayed, marker included
    name: str | None
    published: dt.date
    written: dt.date
    path: str = ""
    seq: int = 0
    docno: str = ""
    index_no: str = ""
    interp_path: str | None = None
    interp_title: str | None = None
    interp_mode: str | None = None
    interp_date: dt.date | None = None
    validity: str | None = None
    attachments: list = field(default_factory=list)  # (href, filename, ext, exists)
    related: list = field(default_factory=list)      # (text, href)
    show_written: bool = True                        # the 成文日期 row is shown
    effective: str | None = None                     # the last article, when it is not the default
    file_links: list = field(default_factory=list)   # (text, href) pointing at the editor's own disk
    paragraphs: list = field(default_factory=list)   # the text as built, for the 解读 that copies it


# ====================================================================== the builder

class _Build:
    """Builds every page of one portal instance (for one ``today`` and one ``fixed`` set)."""

    def __init__(self, today: dt.date, fixed: frozenset[str]):
        self.today = today
        self.fixed = fixed
        self.pages: dict[str, Page] = {}
        self.binaries: dict[str, tuple[bytes, str]] = {}
        self.findings: list[tuple[str, str, str, str, str | None]] = []  # defect, rule, unit, path, target
        self.docs: list[Doc] = []
        self._make_docs()
        self._make_interpretations()
        for d in self.docs:
            self._doc_page(d)
        for u in UNITS:
            self._unit_pages(u)
        self._site_pages()
        E.add_extras(self)  # home page, search box, 机构职能, 留言, roll-ups (D90–D117)
        TX.add_extras(self)  # 公共企事业单位信息公开, 规章库, wording (D120–D123)
        UX.add_extras(self)  # D130 (seeded probe history, see probe_extras), D131 (home page)

    # ------------------------------------------------------------ helpers
    def is_fixed(self, defect: str) -> bool:
        return defect in self.fixed

    def found(self, defect: str, path: str, target: str | None = None) -> None:
        if self.is_fixed(defect):
            return
        d = next(x for x in DEFECTS if x["id"] == defect)
        self.findings.append((defect, d["rule"], d["unit"], path, target))

    def page_id(self, u: UnitSpec, key: str) -> int:
        """A stable number for a page: the same page keeps its URL whatever else is served."""
        i = u.id_base + zlib.crc32(f"{u.id}/{key}".encode()) % 9000
        while "404" in str(i):
            i += 1
        return i

    def dfmt(self, u: UnitSpec, d: dt.date, salt: str) -> str:
        """Units mix date styles; the choice depends on the page only, not on build order."""
        style = u.dates[zlib.crc32(salt.encode()) % len(u.dates)]
        return P.fmt_date(d, style)

    def ago(self, days: int) -> dt.date:
        return _safe(self.today - days * DAY)

    def detail_path(self, u: UnitSpec, col: str, d: dt.date, key: str, ext: str = "html") -> tuple[str, int]:
        i = self.page_id(u, key)
        base = f"/xxgk/{u.id}/{col}/"
        if u.cms == "trs":
            return f"{base}{d:%Y%m}/t{d:%Y%m%d}_{i}.{ext}", i
        if u.cms == "hanweb":
            colid = {"zn": 2100, "zd": 2101, "nb": 2102, "gfxwj": 2103, "zcwj": 2104, "zcjd": 2105, "gzdt": 2106,
                     "yjzj": 2107, "zxly": 2108}[col]
            return f"{base}art_{colid}_{i}.{ext}", i
        if u.cms == "ucap":
            return f"{base}{d:%Y}/{d:%m%d}/{i}.shtml", i
        return f"{base}content_{i}.{ext}", i

    def add(self, path: str, text: str, u: UnitSpec | None = None) -> None:
        assert path not in self.pages, path
        self.pages[path] = Page(text, "gbk" if u is not None and u.charset != "utf-8" else "utf-8")

    def crumbs(self, u: UnitSpec, col: str | None) -> list[tuple[str, str]]:
        out = [("政府信息公开", "/xxgk/"), (u.name, f"/xxgk/{u.id}/")]
        if col in UNDER_FDZD or col == "ghjh":
            out.append((COLUMNS["fdzdgknr"], f"/xxgk/{u.id}/fdzdgknr/"))
        if col:
            out.append((COLUMNS[col], f"/xxgk/{u.id}/{col}/"))
        return out

    def frame(self, u: UnitSpec, col: str | None, title: str, body: str, metas: dict | None = None) -> str:
        cms = "hanweb" if u.cms == "hanweb" else "trs"
        return P.frame(title=title, body=body, crumbs=self.crumbs(u, col), unit=(u.name, f"/xxgk/{u.id}/"),
                       charset=u.charset, metas=metas, cms=cms)

    def fmt_title(self, s: str, d: dt.date) -> str:
        return s.format(py=d.year, py2=d.year + 2)

    # ------------------------------------------------------------ documents
    def _make_docs(self) -> None:
        specs = _doc_specs()
        seq: dict[tuple[str, str, int], int] = {}
        for s in sorted(specs, key=lambda s: -s["off"]):  # oldest first: 文号 numbers grow with time
            u = UNIT[s["unit"]]
            pub = self.ago(s["off"])
            written = _safe(pub - (2 + s["off"] % 4) * DAY)
            name = self.fmt_title(s["name"], pub) if s["name"] else None
            title = self.fmt_title(s["title"], pub) if s.get("title") else f"关于印发《{name}》的通知"
            title = s.get("marker", "") + title
            doc = Doc(spec=s, unit=u, col=s["col"], title=title, name=name, published=pub, written=written)
            doc.path, doc.seq = self.detail_path(u, s["col"], pub, s["key"])
            prefix = u.norm_prefix if s["col"] == "gfxwj" else s.get("policy_prefix", u.policy_prefix)
            k = (u.id, prefix, written.year)
            seq[k] = seq.get(k, 0) + 1
            doc.docno = f"{prefix}〔{written.year}〕{seq[k] + (1 if s['col'] == 'zcwj' else 0)}号"
            doc.index_no = f"{u.org_code}/{pub.year}-{doc.seq % 997:05d}"
            doc.validity = s["validity"]
            doc.interp_mode = s["mode"]
            for n, (ext, fname) in enumerate(s.get("attach", []), 1):
                stem = doc.path.rsplit("/", 1)[0]
                href = f"{stem}/P0{pub:%Y%m%d}{doc.seq}{n}.{ext}" if u.cms == "trs" else \
                    f"{stem}/{doc.path.rsplit('/', 1)[1].split('.')[0]}_fj{n}.{ext}"
                doc.attachments.append([href, fname, ext, True])
            doc.related = [list(r) for r in s.get("related", [])]
            self.docs.append(doc)
        self.docs.sort(key=lambda d: (d.unit.id, d.col, d.published), reverse=False)
        by_key = {d.spec["key"]: d for d in self.docs}
        self.by_key = by_key

        # --- seeded defects on documents
        j3 = by_key["J3"]  # D01: first attachment missing
        if not self.is_fixed("D01"):
            j3.attachments[0][3] = False
        self.found("D01", j3.path, j3.attachments[0][0])
        for key, (defect, repaired) in _RELATED_DEFECT.items():
            doc = by_key[key]
            broken = doc.related[0][1]
            if self.is_fixed(defect):
                doc.related[0][1] = repaired
            self.found(defect, doc.path, broken)
        if not self.is_fixed("D11"):  # J4: no validity row at all
            by_key["J4"].validity = None
        self.found("D11", by_key["J4"].path)
        by_key["S1"].validity = "有效" if self.is_fixed("D12") else ""   # empty cell
        self.found("D12", by_key["S1"].path)
        by_key["X1"].validity = "有效" if self.is_fixed("D13") else None  # only a body sentence
        self.found("D13", by_key["X1"].path)
        for key, defect in _MISSING_INTERP.items():
            if self.is_fixed(defect):
                by_key[key].interp_mode = "interp"
            self.found(defect, by_key[key].path)
        self._document_defects(by_key)
        PX.prepare(self, by_key)  # D50–D55: late publication, 统一编号, two-way 解读 links, 解读 issuer

    def _document_defects(self, by_key: dict[str, "Doc"]) -> None:
        """D21–D25, D38, D39: metadata, dates, 文号, validity and links of single documents."""
        z4 = by_key["Z4"]  # D21: no 成文日期 row
        z4.show_written = self.is_fixed("D21")
        self.found("D21", z4.path)
        s3 = by_key["S3"]  # D22: 成文日期 typed after the 发布日期
        if not self.is_fixed("D22"):
            s3.written = _safe(s3.published + 6 * DAY)
        self.found("D22", s3.path)
        j3 = by_key["J3"]  # D23: the serial number of the 文号 left out
        if not self.is_fixed("D23"):
            j3.docno = j3.docno.split("〕")[0] + "〕号"
        self.found("D23", j3.path)
        j7 = by_key["J7"]  # D24: a one-year period long over, still labelled 有效
        j7.effective = f"本办法自{P.fmt_date(j7.published + 30 * DAY, 'cn')}起施行，有效期1年。"
        j7.validity = "失效" if self.is_fixed("D24") else "有效"
        self.found("D24", j7.path)
        e3 = by_key["E3"]  # D25: repealed by E1 (原《…》同时废止) but still labelled 有效
        e3.validity = "废止" if self.is_fixed("D25") else "有效"
        self.found("D25", e3.path)
        j2 = by_key["J2"]  # D38: 相关文件 names J1 but opens J3
        target = by_key["J1"] if self.is_fixed("D38") else by_key["J3"]
        j2.related.append([f"《{by_key['J1'].name}》", target.path])
        self.found("D38", j2.path, by_key["J3"].path)
        x2 = by_key["X2"]  # D39: an attachment linked on the editor's own disk
        fname = "新湖街道临时救助申请审批表.doc"
        if self.is_fixed("D39"):
            stem = x2.path.rsplit("/", 1)[0]
            x2.attachments.append([f"{stem}/{x2.path.rsplit('/', 1)[1].split('.')[0]}_fj9.doc", fname, "doc", True])
        else:
            x2.file_links.append((fname, FILE_LINK))
        self.found("D39", x2.path, FILE_LINK)

    def _make_interpretations(self) -> None:
        for d in self.docs:
            if not d.interp_mode:
                continue
            u = d.unit
            d.interp_date = min(_safe(d.published + (d.spec["off"] % 3) * DAY), self.today)
            d.interp_title = self.fmt_title(d.spec["itl"], d.published)
            d.interp_path, _ = self.detail_path(u, "zcjd", d.interp_date, "jd-" + d.spec["key"])
        b7 = self.by_key["B7"]  # D29: the 解读 dated 20 days after the document (same page, same URL)
        if not self.is_fixed("D29"):
            b7.interp_date = _safe(b7.published + 20 * DAY)
        self.found("D29", b7.interp_path)

    # ------------------------------------------------------------ a document page
    def _doc_page(self, d: Doc) -> None:
        u, s = d.unit, d.spec
        L = u.labels
        issuer = s.get("issuer") or (u.full if u.id != "bgs" else "青岚区人民政府")
        rows = [(L["index"], d.index_no), (L["topic"], s["topic"]), (L["issuer"], issuer),
                (L["written"], self.dfmt(u, d.written, d.path + "w") if d.show_written else None)]
        if u.meta == "table":
            rows.append(("标　　题", d.title))
        rows += [(L["docno"], d.docno), (L["published"], self.dfmt(u, d.published, d.path + "p"))]
        if d.col == "gfxwj" or d.validity is not None:
            rows.append((L["validity"], d.validity))
        rows += PX.doc_rows(self, d)
        meta = P.meta_block(u.meta, rows, validity_label=L["validity"])

        effective = d.effective or s.get("effective") or (
            f"本{P.kind_of(d.name or d.title).replace('实施细则', '细则')}自{P.fmt_date(d.published + 30 * DAY, 'cn')}起施行。")
        if s.get("decision"):
            text = [u.recipients,
                    "为维护法制统一，根据行政规范性文件定期清理工作要求，区政府对现行有效的行政规范性文件进行了全面清理。"
                    "经区政府常务会议研究，决定废止《青岚区农村住房建设管理暂行办法》《青岚区城市绿化管理暂行办法》"
                    "等3件行政规范性文件，自本决定公布之日起停止执行。",
                    "各部门、各街道要做好相关工作的衔接，确保废止后相关工作平稳有序开展。对清理后继续有效的行政规范性文件，"
                    "要加强宣传解读和贯彻落实；对需要修改的，要抓紧按照程序修改。",
                    '<p style="text-align:right">青岚区人民政府</p>',
                    f'<p style="text-align:right">{P.fmt_date(d.written, "cn")}</p>']
        elif d.col == "gfxwj":
            repeal = ""
            if s.get("repeal"):
                old = self.by_key["E3"]
                href = "/xxgk/dsjd/zfwj/art_1587_20731.html"  # the stale address of the old CMS
                if self.is_fixed("D08"):
                    href = old.path
                self.found("D08", d.path, href)
                repeal = s["repeal"].format(old=f'<a href="{href}">《{old.name}》</a>')
            text = P.normative_text(
                name=d.name or d.title, issuer=issuer, recipients=u.recipients,
                approve=u.approve.format(n=12 + d.spec["off"] % 17), purpose=s["purpose"], basis=s["basis"],
                scope=s["scope"], lead=s["lead"], clauses=s["points"], signed=d.written,
                effective=effective, repeal=repeal)
        else:
            text = P.policy_text(subject=s["subject"], issuer=issuer, recipients=u.recipients,
                                 purpose=s["purpose"], tasks=s["points"], signed=d.written, lead=s["lead"])
            if d.name:
                text.insert(1, f"现将《{d.name}》印发给你们，请认真组织实施。")
        d.paragraphs = list(text)
        extra = []
        if d.attachments or d.file_links:
            links = []
            for href, fname, ext, exists in d.attachments:
                links.append(f'<p>附件：<a href="{href}" target="_blank">{escape(fname)}</a></p>')
                if exists:
                    self.binaries[href] = (_attachment_bytes(ext, fname), ATTACH_TYPES[ext])
            links += [f'<p>附件：<a href="{href}" target="_blank">{escape(t)}</a></p>' for t, href in d.file_links]
            extra.append('<div class="attachment">' + "".join(links) + "</div>")
        if d.interp_mode == "doc":
            extra.append(f'<div class="xgjd"><p>相关解读：<a href="{d.interp_path}" target="_blank">'
                         f'{escape(d.interp_title)}</a></p></div>')
        extra += PX.doc_links(self, d)
        if d.related:
            extra.append('<div class="related"><p>相关链接：' + "　".join(
                f'<a href="{h}" target="_blank">{escape(t)}</a>' for t, h in d.related) + "</p></div>")
        body = (f"{meta}\n<h1>{escape(d.title)}</h1>\n"
                + (f'<p class="docno" style="text-align:center">{d.docno}</p>\n' if u.cms == "trs" else "")
                + P.paras(text) + "\n" + "\n".join(extra))
        metas = self.metas(u, d.col, d.title, d.published, issuer)
        self.add(d.path, self.frame(u, d.col, self.page_title(u, d.col, d.title), body, metas), u)
        if d.interp_mode:
            self._interp_page(d, issuer)

    def metas(self, u: UnitSpec, col: str, title: str, pub: dt.date, source: str) -> dict | None:
        if u.cms == "trs":
            return {"ColumnName": COLUMNS[col], "ArticleTitle": title,
                    "PubDate": f"{pub.isoformat()} {9 + pub.day % 8:02d}:{(pub.day * 7) % 60:02d}",
                    "ContentSource": source}
        if u.cms == "hanweb":
            return {"ColumnName": COLUMNS[col], "ArticleTitle": title, "PubDate": f"{pub.isoformat()} 10:15"}
        return None

    def page_title(self, u: UnitSpec, col: str, title: str) -> str:
        if u.cms == "trs" and u.id != "bgs":
            return f"{title}_{COLUMNS[col]}_{u.full}"
        return f"{title}_{P.SITE_NAME}"

    def _interp_page(self, d: Doc, issuer: str) -> None:
        u, s = d.unit, d.spec
        L = u.labels
        rows = [(L["index"], f"{u.org_code}/{d.interp_date.year}-{(d.seq + 7) % 997:05d}"),
                (L["issuer"], PX.interp_issuer(self, d)  # D55: published by another department
                 or (s["lead"] if s["lead"].startswith(("新湖", "东山")) else u.full)),
                (L["published"], self.dfmt(u, d.interp_date, d.interp_path)), (L["topic"], s["topic"])]
        meta = P.meta_block(u.meta, rows)
        doc_ref = f"《{d.name}》" if d.name else f"《{d.title.replace('【已失效】', '')}》"
        text = P.interpretation_text(doc_name=doc_ref, lead=s["lead"], purpose=s["purpose"],
                                     scope=s.get("scope", "本区相关单位和个人"), highlights=s["points"],
                                     effective=f"该文件自{P.fmt_date(d.published + 30 * DAY, 'cn')}起施行")
        if s["key"] == "Z1":  # D30: a 解读 that only copies the articles of the document
            if not self.is_fixed("D30"):
                text = [f"现将{doc_ref}的主要内容解读如下："] + [p for p in d.paragraphs if p.startswith("第")]
            self.found("D30", d.interp_path)
        extra = []
        if d.interp_mode == "interp":
            label = s.get("back_label", "相关文件")
            extra.append(f'<div class="xgwj"><p>{label}：<a href="{d.path}" target="_blank">'
                         f'{escape(d.title)}</a></p></div>')
        extra += PX.interp_links(self, d)
        for t, h in s.get("interp_related", []):
            href = h
            if d.spec["key"] == "X1":
                if self.is_fixed("D10"):
                    href = EXT + "/ext/gov/"
                self.found("D10", d.interp_path, h)
            extra.append(f'<div class="related"><p>相关链接：<a href="{href}" target="_blank">{escape(t)}</a></p></div>')
        body = (f"{meta}\n<h1>{escape(d.interp_title)}</h1>\n" + P.paras(text) + "\n" + "\n".join(extra))
        metas = self.metas(u, "zcjd", d.interp_title, d.interp_date, issuer)
        self.add(d.interp_path, self.frame(u, "zcjd", self.page_title(u, "zcjd", d.interp_title), body, metas), u)

    # ------------------------------------------------------------ unit pages
    def _list_pages(self, u: UnitSpec, col: str, items: list[tuple[str, str, dt.date]],
                    broken: dict[str, str] | None = None, statuses: dict[str, str] | None = None) -> None:
        """items: (href, title, date), newest first. ``broken`` maps an href to what the list shows,
        ``statuses`` an href to the validity its row shows."""
        size, pager = PAGINATION.get((u.id, col), (len(items) or 1, "none"))
        chunks = [items[i:i + size] for i in range(0, len(items), size)] or [[]]
        for k, chunk in enumerate(chunks):
            rows = [((broken or {}).get(h, h), t, d.isoformat()) + ((statuses.get(h, ""),) if statuses else ())
                    for h, t, d in chunk]
            body = f'<div class="column-title"><h2>{COLUMNS[col]}</h2></div>\n' + P.list_items(rows, u.list_style)
            if len(chunks) > 1:
                body += "\n" + (P.trs_pager(len(chunks), k) if pager == "trs" else P.plain_pager(len(chunks), k))
            page_title = f"{COLUMNS[col]}_{u.name}_{P.SITE_NAME}"
            path = f"/xxgk/{u.id}/{col}/" if k == 0 else f"/xxgk/{u.id}/{col}/index_{k}.html"
            self.add(path, self.frame(u, col, page_title, body), u)
            if k == 0:
                self.pages[f"/xxgk/{u.id}/{col}/index.html"] = self.pages[path]
            for h, _, _ in chunk:
                if broken and h in broken:
                    self.found("D02", path, broken[h])

    def _unit_pages(self, u: UnitSpec) -> None:
        docs = [d for d in self.docs if d.unit.id == u.id]
        # 规范性文件 / 政策文件 / 政策解读 lists
        for col in ("gfxwj", "zcwj"):
            items = sorted(((d.path, d.title, d.published) for d in docs if d.col == col),
                           key=lambda x: (x[2], x[0]), reverse=True)
            broken = None
            if u.id == "bgs" and col == "zcwj" and not self.is_fixed("D02"):
                # D02: a mistyped address (one digit too many) for B10, which lands on page 2
                head, num = self.by_key["B10"].path.rsplit("_", 1)
                broken = {self.by_key["B10"].path: f"{head}_1{num}"}
            self._list_pages(u, col, items, broken, self._list_statuses(u, col, docs))
        interps = [(d.interp_path, d.interp_title, d.interp_date) for d in docs if d.interp_mode]
        self._list_pages(u, "zcjd", sorted(interps, key=lambda x: (x[2], x[0]), reverse=True))

        self._guide(u)
        self._systems(u)
        self._annual_reports(u)
        extra = C.add_columns(self, u) + PX.add_columns(self, u)  # 工作动态, 意见征集 … and 决策和执行公开
        # 法定主动公开内容 index
        under = UNDER_FDZD + (("ghjh",) if "ghjh" in C.UNIT_COLUMNS.get(u.id, ()) else ())
        lis = "".join(f'\n<li><a href="/xxgk/{u.id}/{c}/">{COLUMNS[c]}</a></li>' for c in under)
        body = (f'<div class="column-title"><h2>{COLUMNS["fdzdgknr"]}</h2></div>\n<ul class="sub-columns">{lis}\n</ul>')
        self.add(f"/xxgk/{u.id}/fdzdgknr/",
                 self.frame(u, "fdzdgknr", f"{COLUMNS['fdzdgknr']}_{u.name}_{P.SITE_NAME}", body), u)
        self.pages[f"/xxgk/{u.id}/fdzdgknr/index.html"] = self.pages[f"/xxgk/{u.id}/fdzdgknr/"]
        # column home
        cols = ["zn", "zd", "fdzdgknr", "nb"] if self.has_guide(u) else ["zd", "fdzdgknr", "nb"]
        names = dict(COLUMNS)
        if u.id == "dsjd":
            if not self.is_fixed("D34"):
                cols.remove("zd")  # D34: no 政府信息公开制度 column
            self.found("D34", f"/xxgk/{u.id}/")
        if u.id == "zjj":
            if not self.is_fixed("D35"):
                names["nb"] = "政府信息公开工作年度报告"  # D35: the 年报 column under another name
            self.found("D35", f"/xxgk/{u.id}/")
        lis = "".join(f'\n<li><a href="/xxgk/{u.id}/{c}/">{names[c]}</a></li>' for c in cols)
        sub = "".join(f'\n<li><a href="/xxgk/{u.id}/{c}/">{COLUMNS[c]}</a></li>' for c in UNDER_FDZD)
        links = [("澜江市人民政府", EXT + "/ext/gov/")]
        if u.id == "bgs":
            links.append(("澜江市政务服务网", EXT + "/ext/flaky"))
        if u.id == "zjj":
            links.append(("澜江市住房和城乡建设局", EXT + "/ext/moved"))
        ext = "　".join(f'<a href="{h}" target="_blank">{t}</a>' for t, h in links)
        body = (f'<div class="unit-intro"><h2>{u.full}</h2><p>主要职责：{u.duties}</p>'
                f"<p>办公地址：{u.address}　联系电话：{u.phone}</p></div>\n"
                f'<div class="columns"><h3>信息公开目录</h3><ul>{lis}\n</ul>\n'
                f'<h3>{COLUMNS["fdzdgknr"]}</h3><ul>{sub}\n</ul>'
                + ('\n<h3>政务动态与互动</h3><ul>' + "".join(f'\n<li><a href="{h}">{t}</a></li>' for h, t in extra)
                   + "\n</ul>" if extra else "")
                + f'</div>\n<div class="links"><p>上级部门：{ext}</p></div>')
        self.add(f"/xxgk/{u.id}/", P.frame(title=f"{u.name}_政府信息公开_{P.SITE_NAME}", body=body,
                                           crumbs=[("政府信息公开", "/xxgk/"), (u.name, f"/xxgk/{u.id}/")],
                                           unit=(u.name, f"/xxgk/{u.id}/"), charset=u.charset,
                                           cms="hanweb" if u.cms == "hanweb" else "trs"), u)
        self.pages[f"/xxgk/{u.id}/index.html"] = self.pages[f"/xxgk/{u.id}/"]

    def _list_statuses(self, u: UnitSpec, col: str, docs: list[Doc]) -> dict[str, str] | None:
        """The 住建局 lists the validity of its 规范性文件 in the list; D26: Z3 shown as 现行有效."""
        if u.id != "zjj" or col != "gfxwj":
            return None
        shown = {"有效": "现行有效", "失效": "已失效", "废止": "已废止", "已修改": "已修改"}
        statuses = {d.path: shown.get(d.validity or "", "") for d in docs if d.col == col}
        z3 = self.by_key["Z3"]
        if not self.is_fixed("D26"):
            statuses[z3.path] = "现行有效"
        self.found("D26", z3.path)
        return statuses

    def has_guide(self, u: UnitSpec) -> bool:
        return u.id != "xhjd" or self.is_fixed("D14")

    def _guide(self, u: UnitSpec) -> None:
        if not self.has_guide(u):
            self.found("D14", f"/xxgk/{u.id}/")
            return
        title = f"{u.full}政府信息公开指南"
        head_line = ""
        # Each unit marks its revision its own way; 发布日期 and PubDate are not revision marks.
        if u.id == "bgs":
            pub, rev = self.ago(700), self.ago(60)
            info = [f"发布日期：{pub.isoformat()}", f"修订时间：{rev.isoformat()}"]
        elif u.id == "jtj":
            pub = self.ago(120)
            head_line = f'<p class="revision" style="text-align:center">（{P.fmt_date(pub, "cnum_month")}修订）</p>'
            info = [f"发布日期：{P.fmt_date(pub, 'cn')}"]
        elif u.id == "sfj":
            pub = self.ago(800)
            info = [f"发文日期：{P.fmt_date(pub, 'slash')}"]
            if self.is_fixed("D15"):
                info.append(f"更新日期：{P.fmt_date(self.ago(30), 'cn')}")
        elif u.id == "zjj":
            pub = self.ago(200)
            info = [f"更新日期：{P.fmt_date(pub, 'cn')}", "来源：青岚区住房和城乡建设局"]
        elif u.id == "xhjd":
            pub = self.ago(30)
            info = [f"修订时间：{pub.isoformat()}"]
        else:  # dsjd: repaired in place, so the page keeps its URL and first publication date
            pub, rev = self.ago(500), self.ago(30 if self.is_fixed("D16") else 500)
            head_line = f'<p class="revision" style="text-align:center">（{P.fmt_date(rev, "cn_month")}修订）</p>'
            info = [f"发布时间：{pub.isoformat()}", "来源：东山街道党政办公室"]
        text = P.guide_text(org=u.full, unit_short=u.full.replace("青岚区", ""), address=u.address,
                            phone=u.phone, fax=u.fax, email=f"xxgk_{u.id}@qinglan.gov.cn",
                            hours="工作日上午8:30-12:00，下午14:00-17:30", postcode=u.postcode,
                            realtime_update=(u.id == "sfj"),
                            no_hours_fax=(u.id == "zjj" and not self.is_fixed("D27")),
                            old_regulation=(u.id == "sfj" and not self.is_fixed("D28")))
        body = (f'<h1>{title}</h1>\n{head_line}\n<div class="article-info">'
                + "".join(f"<span>{x}</span>　" for x in info) + "</div>\n" + P.paras(text))
        path, _ = self.detail_path(u, "zn", pub, "zn")
        metas = {"ColumnName": COLUMNS["zn"], "ArticleTitle": title, "PubDate": f"{pub.isoformat()} 09:00"}
        self.add(path, self.frame(u, "zn", f"{title}_{P.SITE_NAME}", body, metas), u)
        if u.id == "sfj":
            self.found("D15", path)
            self.found("D28", path)
        if u.id == "zjj":
            self.found("D27", path)
        if u.id == "dsjd":
            self.found("D16", path)
        self._list_pages(u, "zn", [(path, title, pub)])

    def _systems(self, u: UnitSpec) -> None:
        kinds = ["保密审查", "工作"] if u.category == "部门" else ["保密审查"]
        items = []
        for n, kind in enumerate(kinds):
            pub = self.ago(400 + 130 * n + len(u.id) * 11)
            title = f"{u.full}政府信息公开{kind}制度"
            path, _ = self.detail_path(u, "zd", pub, f"zd{n}")
            body = (f"<h1>{title}</h1>\n<div class=\"article-info\"><span>发布日期：{pub.isoformat()}</span></div>\n"
                    + P.paras(P.system_text(org=u.full, kind=kind)))
            self.add(path, self.frame(u, "zd", f"{title}_{P.SITE_NAME}", body), u)
            items.append((path, title, pub))
        self._list_pages(u, "zd", sorted(items, key=lambda x: x[2], reverse=True))

    def _annual_reports(self, u: UnitSpec) -> None:
        items = []
        backs = (1, 2)
        if u.id == "sfj":  # D31: the report of the latest year already due (31 January) is not published
            due = self.today.year - 1 if self.today > dt.date(self.today.year, 1, 31) else self.today.year - 2
            if not self.is_fixed("D31"):
                backs = tuple(self.today.year - y for y in (due - 1, due - 2))
            self.found("D31", f"/xxgk/{u.id}/nb/")
        backs = T.report_years(self, u, backs)  # D75: a year missing from 东山街道's archive
        for back in backs:
            year = self.today.year - back
            pub = dt.date(year + 1, 1, 18 + len(u.id))
            if u.id == "jtj" and back == 2:  # D32: published on 15 March instead of by 31 January
                pub = pub if self.is_fixed("D32") else dt.date(year + 1, 3, 15)
            if pub >= self.today:
                pub = self.today - 2 * DAY
            pub = _safe(pub)
            title = f"{u.full}{year}年政府信息公开工作年度报告"
            path, _ = self.detail_path(u, "nb", pub, f"nb{back}")
            info = f"<span>发布日期：{self.dfmt(u, pub, path)}</span>　<span>来源：{u.full}</span>"
            text = T.report_text(self, u, year, path, n_active=120 + 17 * back + len(u.id) * 9, newest=back == backs[0],
                                 no_problems=(u.id == "dsjd" and back == 1 and not self.is_fixed("D33")))
            body = f'<h1>{title}</h1>\n<div class="article-info">{info}</div>\n' + P.paras(text)
            metas = {"ColumnName": COLUMNS["nb"], "PubDate": f"{pub.isoformat()} 16:30"} if u.cms == "trs" else None
            self.add(path, self.frame(u, "nb", f"{title}_{P.SITE_NAME}", body, metas), u)
            items.append((path, title, pub))
            if u.id == "jtj" and back == 2:
                self.found("D32", path)
            if u.id == "dsjd" and back == 1:
                self.found("D33", path)
        self._list_pages(u, "nb", items)

    # ------------------------------------------------------------ site pages
    def _site_pages(self) -> None:
        groups = []
        for cat, label in (("部门", "区政府部门"), ("镇街", "街道")):
            lis = "".join(f'\n<li><a href="/xxgk/{u.id}/">{u.name}</a></li>' for u in UNITS if u.category == cat)
            groups.append(f"<h3>{label}</h3><ul>{lis}\n</ul>")
        body = ('<div class="intro"><h2>政府信息公开</h2><p>本专栏集中发布青岚区人民政府及区政府各部门、各街道办事处'
                "依法主动公开的政府信息，包括政府信息公开指南、政府信息公开制度、法定主动公开内容和政府信息公开年报。"
                "公民、法人和其他组织也可以依法申请获取相关政府信息。</p></div>\n" + "\n".join(groups))
        self.add("/xxgk/", P.frame(title=f"政府信息公开_{P.SITE_NAME}", body=body,
                                   crumbs=[("政府信息公开", "/xxgk/")], unit=None))
        self.pages["/xxgk/index.html"] = self.pages["/xxgk/"]
        body = ('<div class="home"><h2>欢迎访问青岚区人民政府门户网站</h2>'
                '<p><a href="/xxgk/">政府信息公开</a></p></div>')
        self.add("/", P.frame(title=P.SITE_NAME, body=body, crumbs=[], unit=None))
        self.pages["/index.html"] = self.pages["/"]
        for path, name in EXT_OK_PAGES.items():
            text = (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{name}</title></head><body>'
                    f'<div class="header">{name}</div><div class="main"><p>欢迎访问{name}网站。</p>'
                    f"<p>本站提供政务公开、政务服务和互动交流等栏目。</p></div>"
                    f'<div class="footer">主办单位：{name}办公室</div></body></html>')
            self.pages[path] = Page(text, "utf-8")


# ====================================================================== public API

def _free_port(host: str) -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return s.getsockname()[1]


class DemoPortal:
    """The fictional 青岚区 portal: serve it, get its config and the findings it must produce."""

    def __init__(self, today: dt.date | None = None, fixed: frozenset[str] = frozenset()):
        unknown = set(fixed) - DEFECT_IDS
        if unknown:
            raise ValueError(f"unknown defect ids: {sorted(unknown)}")
        self.today = today or dt.datetime.now(CHINA_TZ).date()  # the audit judges dates in China time
        self.fixed = frozenset(fixed)
        self._build = _Build(self.today, self.fixed)
        self._server: PortalServer | None = None
        self.base_url: str | None = None
        self._ext_origin = ""
        self._dead_origin = ""

    # -- serving
    def start(self, host: str = "127.0.0.1", port: int = 0) -> str:
        if self._server is not None:
            return self.base_url
        dead = _free_port(host)
        routes: dict[str, Resource] = {}
        server = PortalServer(routes, b"")
        real_port = server.start(host, port)
        ext_host = "localhost" if host != "localhost" else "127.0.0.1"
        self.base_url = f"http://{host}:{real_port}"
        self._ext_origin = f"http://{ext_host}:{real_port}"
        self._dead_origin = f"http://{host}:{dead}"
        routes.update(self._render())
        server.ok_page = routes["/ext/gov/"].body
        routes["/robots.txt"] = Resource(b"User-agent: *\nDisallow:\n", "text/plain")
        self._server = server
        return self.base_url

    def stop(self) -> None:
        if self._server is not None:
            self._server.stop()
            self._server = None

    def __enter__(self) -> "DemoPortal":
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def _fill(self, text: str) -> str:
        return text.replace(EXT, self._ext_origin).replace(DEAD, self._dead_origin)

    def _render(self) -> dict[str, Resource]:
        out: dict[str, Resource] = {}
        for path, page in self._build.pages.items():
            text = self._fill(page.text)
            if page.charset == "gbk":
                out[path] = Resource(text.encode("gbk"), "text/html")  # no charset: the page's meta says it
            else:
                out[path] = Resource(text.encode("utf-8"), "text/html; charset=utf-8")
        for path, (body, ctype) in self._build.binaries.items():
            out[path] = Resource(body, ctype)
        return out

    def _require_started(self) -> None:
        if self.base_url is None:
            raise RuntimeError("DemoPortal.start() must be called first (the URLs need the port)")

    def _abs(self, ref: str | None) -> str | None:
        if ref is None:
            return None
        if ref.startswith("/"):
            return self.base_url + ref
        return self._fill(ref)

    # -- ground truth
    def units(self) -> list[dict]:
        return [{"id": u.id, "name": u.name, "category": u.category, "prefix": f"/xxgk/{u.id}/"} for u in UNITS]

    def config_toml(self) -> str:
        self._require_started()
        b = self.base_url
        parts = ["[site]", 'id = "demo"', f'name = "{P.SITE_NAME}"', f'start_urls = ["{b}/xxgk/"]', ""]
        for u in UNITS:
            parts += ["[[units]]", f'id = "{u.id}"', f'name = "{u.name}"', f'urls = ["{b}/xxgk/{u.id}/"]',
                      f'category = "{u.category}"', ""]
        parts += ["[crawl]", "allow_private_networks = true", "concurrency_per_host = 8",
                  "requests_per_second_per_host = 0", "timeout_seconds = 2", "retries = 1", "obey_robots = true", ""]
        parts += PX.config_lines()
        parts += TX.config_lines()
        # [report] stays last: callers append their own report options (formats, …) to it
        parts += ["[report]", 'issuer = "青岚区人民政府办公室"', 'recipients = "各街道办事处，区政府各部门："', ""]
        return "\n".join(parts)

    def expected_findings(self) -> list[dict]:
        self._require_started()
        rows = [{"rule": rule, "unit": unit, "url": self._abs(path), "target": self._abs(target), "defect": did}
                for did, rule, unit, path, target in self._build.findings]
        return sorted(rows, key=lambda r: (r["defect"], r["url"], r["target"] or ""))

    def defects(self) -> list[dict]:
        return [dict(d) for d in DEFECTS]

    def paths(self) -> list[str]:
        """Every path served with 200 (pages and attachments), for tests."""
        return sorted(set(self._build.pages) | set(self._build.binaries))
