"""The invented world of the demo corpus: companies, outlets, categories and text templates.

Every company, product, person and outlet here is fictional (see loaders/demo.py).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DemoCompany:
    """One fictional company: ``scale`` 1 (small) … 5 (conglomerate) sizes its figures."""

    name: str
    aliases: tuple[str, ...]
    products: tuple[str, ...]
    parent: str | None
    sector: str
    founded: int
    scale: int
    usd: bool = False


def _co(spec: str) -> DemoCompany:
    name, aliases, products, parent, sector, founded, scale = spec.split("|")
    return DemoCompany(
        name=name,
        aliases=tuple(a for a in aliases.split(",") if a),
        products=tuple(p for p in products.split(",") if p),
        parent=parent or None,
        sector=sector,
        founded=int(founded),
        scale=int(scale),
        usd=name.isascii() or name.startswith("Nova"),
    )


# name | aliases | products | parent | sector | founded | scale — all invented.
COMPANIES: tuple[DemoCompany, ...] = tuple(
    _co(s)
    for s in (
        "青禾科技|青禾|青禾大模型,禾苗助手||llm|2016|4",
        "云帆智能|云帆AI|帆语||llm|2019|3",
        "NovaMind|诺瓦心智|Nova Chat||llm|2017|4",
        "澄明智算|澄明|澄明一体机||chip|2018|3",
        "曜石芯片|曜石半导体|曜石X1||chip|2014|4",
        "星穹动力|星穹|穹影人形机器人||robot|2020|3",
        "沧澜机器人|沧澜|沧澜灵臂||robot|2015|3",
        "墨衡科技|墨衡|墨衡知识库||ent|2013|3",
        "极昼智能|极昼|极昼视频||app|2021|3",
        "朗岳数据|朗岳|||ent|2012|2",
        "溯光医疗|溯光|溯光影像大模型||health|2016|2",
        "白鹭智驾|白鹭|白鹭领航||auto|2015|4",
        "千屿科技|千屿|千屿搜索||app|2011|4",
        "栖梧智能|栖梧|梧桐Agent||llm|2022|2",
        "霁风AI|霁风|霁风语音||app|2017|2",
        "锦书教育|锦书|锦书学伴||edu|2013|3",
        "玄鸟计算|玄鸟|玄鸟云||chip|2017|3",
        "北辰匠作|北辰机器人|||robot|2019|2",
        "枫桥智联|枫桥|||auto|2014|2",
        "南星语言|南星|南星翻译||llm|2016|2",
        "鲸歌科技|鲸歌|鲸歌音乐||app|2020|2",
        "天衡集团|天衡|||ent|2005|5",
        "天衡云|||天衡集团|chip|2014|4",
        "天衡智驾|||天衡集团|auto|2019|3",
        "鸿钧互联|鸿钧|鸿钧社区,鸿钧大模型||app|2009|5",
        "鸿钧云|||鸿钧互联|chip|2016|4",
        "远舟控股|远舟|||ent|2003|5",
        "远舟机器人|||远舟控股|robot|2021|3",
        "Quillforge|羽锻科技|Quill Studio||app|2021|2",
        "Lumenary AI|Lumenary|Lumen Agent||llm|2018|3",
        "Veridian Robotics|维瑞机器人|||robot|2018|3",
        "Orbitron Labs|Orbitron|||chip|2016|3",
        "Tesselate AI|Tesselate|||ent|2020|2",
        "Heliograph|日冕科技|Helio Canvas||app|2019|2",
        "Kestrel Dynamics|Kestrel|||robot|2016|3",
        "Cobaltline|钴线科技|||chip|2021|2",
        "Pinegrove AI|Pinegrove|||health|2020|2",
        "Marlowe Systems|Marlowe|||auto|2017|3",
        "赤霄智能|赤霄|赤霄大模型||llm|2023|3",
        "流萤视觉|流萤|流萤短剧||app|2022|2",
        "岚山医疗|岚山|||health|2014|3",
        "朔方半导体|朔方|朔方N2||chip|2020|3",
        "听潮科技|听潮|听潮耳机||app|2018|2",
        "青冥智驾|青冥|||auto|2021|2",
        "竹简学堂|竹简|竹简AI题库||edu|2016|2",
        "弈星互娱|弈星|||app|2012|3",
        "瀚海拾光|拾光|拾光相机||app|2022|1",
        "观澜数科|观澜|||ent|2018|2",
        "铸鼎科技|铸鼎|铸鼎协作臂||robot|2015|2",
        "明渠算力|明渠|||chip|2022|2",
        "苍梧物流智能|苍梧|||ent|2017|2",
        "晴川法务|晴川|晴川律助||ent|2021|1",
        "杏林智医|杏林|杏林问诊||health|2019|2",
        "逐浪智能|逐浪|||llm|2023|2",
        "拓野机器人|拓野|||robot|2022|1",
        "Brightwell AI|Brightwell|||edu|2019|2",
        "Ironleaf Robotics|铁叶机器人|||robot|2021|2",
        "Sablewave|黑浪科技|Sable Voice||app|2022|1",
        "雁回科技|雁回|雁回陪伴||app|2020|2",
        "潮汐半导体|潮汐芯|||chip|2021|2",
    )
)

# name, weight: a few outlets carry most stories, as in real digests.
OUTLETS: tuple[tuple[str, int], ...] = (
    ("星河科技评论", 30),
    ("硅谷前哨", 22),
    ("深度算力", 16),
    ("智能涌现观察", 12),
    ("青橙AI日报", 9),
    ("云端观察", 7),
    ("未来纪元", 6),
    ("算法前线", 5),
    ("数智研究社", 4),
    ("远见投研", 3),
    ("新芽创投", 2),
    ("机器纪事", 2),
)

# category: (base weight, yearly trend, cycle amplitude, cycle years, phase)
CATEGORIES: dict[str, tuple[float, float, float, float, float]] = {
    "市场动态": (26, 0.00, 0.20, 3.0, 0.0),
    "技术前沿解读": (28, 0.03, 0.25, 4.0, 1.5),
    "深度行业分析": (12, 0.00, 0.15, 5.0, 3.0),
    "观点洞察": (10, -0.02, 0.30, 2.5, 0.5),
    "产品发布": (12, 0.06, 0.20, 2.0, 2.0),
    "投融资": (8, 0.00, 0.60, 4.5, 4.0),
    "政策监管": (3, 0.14, 0.30, 3.5, 1.0),
}

SECTORS = {
    "llm": ("大模型", ("长上下文", "推理加速", "MoE架构", "多模态理解", "Agent编排", "代码生成")),
    "chip": ("AI算力", ("推理芯片", "训练集群", "液冷机房", "高带宽存储", "国产GPU", "算力调度")),
    "robot": (
        "具身智能",
        ("灵巧手", "人形机器人", "世界模型", "遥操作数据", "VLA模型", "仿真训练"),
    ),
    "auto": ("智能驾驶", ("城市领航", "端到端模型", "Robotaxi", "激光雷达", "舱驾一体", "BEV感知")),
    "app": ("AI应用", ("AI陪伴", "视频生成", "AI搜索", "数字人", "AI音乐", "短剧生成")),
    "ent": (
        "企业服务",
        ("知识库问答", "智能客服", "流程自动化", "私有化部署", "数据治理", "AI中台"),
    ),
    "health": (
        "医疗AI",
        ("影像诊断", "药物发现", "病历生成", "辅助问诊", "基因分析", "院内大模型"),
    ),
    "edu": ("教育AI", ("AI学伴", "作业批改", "口语陪练", "个性化题库", "课堂分析", "职业培训")),
}

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹"
GIVEN = (
    "子墨",
    "一鸣",
    "思远",
    "嘉禾",
    "若川",
    "景行",
    "知秋",
    "晓岚",
    "承泽",
    "明哲",
    "书瑶",
    "亦凡",
)
REGIONS = (
    "国家网信部门",
    "工信部门",
    "某沿海省份",
    "长三角三地",
    "粤港澳大湾区",
    "欧盟",
    "北美某州",
)
ROUNDS = (
    "天使轮",
    "Pre-A轮",
    "A轮",
    "A+轮",
    "B轮",
    "B+轮",
    "C轮",
    "C+轮",
    "D轮",
    "Pre-IPO轮",
    "战略",
)


TITLES: dict[str, tuple[str, ...]] = {
    "市场动态": (
        "{co}冲刺港股：{sec}独角兽的增长逻辑与隐忧",
        "{co}{period}收入约{revenue}：{topic}业务成为第二增长曲线",
        "{co}与{co2}同期披露经营数据：{sec}赛道分化加剧",
        "{co}组织架构调整：{topic}业务升级为一级部门，全力押注商业化",
        "{co}加速出海：{prod}海外收入占比提升，本地化团队扩张",
    ),
    "技术前沿解读": (
        "{co}提出{topic}新方法：推理成本下降近{pct}%，{prod}率先落地",
        "{topic}技术路线之争：{co}与{co2}给出截然不同的答案",
        "{co}开源{topic}模型：从论文到工程，一次完整的可复现实践",
        "突破{topic}瓶颈：{co}研究团队提出全新训练范式",
    ),
    "深度行业分析": (
        "{sec}赛道{year}年复盘：从{topic}到{topic2}，头部玩家的差异化路径",
        "{topic}产业链拆解：{co}、{co2}等企业的卡位逻辑",
        "{sec}商业化困局：{co}的收入结构折射出行业共性难题",
    ),
    "观点洞察": (
        "{person}谈{topic}：下一阶段的竞争是系统效率而非模型规模",
        "{co}创始人{person}：{sec}行业正在经历「去泡沫化」",
        "对话{person}：为什么{topic}会成为{sec}的分水岭",
    ),
    "产品发布": (
        "{co}推出{prod}新版本：{topic}能力全面升级，定价下调",
        "{co}发布{prod}：主打{topic}，瞄准中小企业市场",
        "实测{prod}：{topic}体验追平{co2}旗舰产品",
    ),
    "投融资": (
        "{co}完成{amount}{round}融资：{sec}赛道再获资本加注",
        "{co}估值突破{valuation}：{topic}成为投资人新宠",
        "{sec}融资月报：{co}、{co2}领衔，{topic}方向最受关注",
    ),
    "政策监管": (
        "{region}出台{sec}新规：{topic}应用须完成备案与安全评估",
        "{region}发布{topic}治理指引：{co}等企业率先响应",
        "数据合规新要求落地：{sec}企业面临{topic}场景的重新审视",
    ),
}

LABELS: dict[str, tuple[str, ...]] = {
    "市场动态": (
        "上市进程",
        "业务结构与收入",
        "用户规模与粘性",
        "财务状况",
        "竞争格局",
        "风险点",
        "战略布局",
        "组织调整",
    ),
    "技术前沿解读": (
        "核心问题",
        "技术方案",
        "实验结果",
        "工程实现",
        "局限与挑战",
        "潜在影响",
        "开源情况",
    ),
    "深度行业分析": (
        "行业现状",
        "市场规模",
        "竞争格局",
        "商业模式",
        "典型案例",
        "发展趋势",
        "关键变量",
    ),
    "观点洞察": ("核心观点", "论证逻辑", "行业判断", "争议焦点", "对从业者的建议", "个人经历"),
    "产品发布": ("产品定位", "核心功能", "定价策略", "用户反馈", "竞品对比", "上线节奏"),
    "投融资": ("融资概况", "投资方阵容", "资金用途", "估值变化", "业务进展", "赛道格局"),
    "政策监管": ("政策要点", "适用范围", "合规要求", "企业影响", "各方回应", "后续走向"),
}

# Share of bullets that carry a business figure, per category.
FIGURE_SHARE = {"市场动态": 0.7, "投融资": 0.8, "产品发布": 0.5, "深度行业分析": 0.5}

FIGURES = (
    "{co}{period}收入约{revenue}，同比增长{growth}%",
    "{co}毛利率从上年同期的{gm_prev}%提升至{gm}%",
    "{co}旗下产品月活{mau}，付费用户{paid}",
    "报告期内{co}净亏损{loss}，亏损幅度较上年有所收窄",
    "{co}最新一轮估值突破{valuation}",
    "{co}宣布完成{amount}{round}融资",
    "{co}现金储备约{cash}，预计可支撑{months}个月运营",
    "{co}累计服务企业客户超{clients}家，其中付费客户约{paid_clients}家",
)

# Sectors whose companies report users; the others report business clients.
CONSUMER = {"llm", "app", "edu"}
B2B_FIGURES = tuple(f for f in FIGURES if "{mau}" not in f)

SENTENCES = (
    "{co}表示，{prod}已在{n}个行业场景完成验证，{topic}相关调用量在过去一个季度持续攀升",
    "据知情人士透露，{co}正在与多家{sec}上下游企业洽谈合作，计划年内推出面向中小企业的标准化方案",
    "{co}创始人{person}在内部信中强调，公司将坚持「技术优先、场景驱动」的路线，不参与低价竞争",
    "相比之下，{co2}更强调开放生态，已向第三方开发者开放{topic}相关接口",
    "业内人士认为，{topic}方向的竞争已进入下半场，单点技术突破难以形成长期壁垒",
    "{co}的研发团队以年轻工程师为主，研发人员占比接近{pct}%，核心成员多来自头部实验室",
    "根据第三方测评，{prod}在{topic}相关基准上位列行业前列，但在长尾场景中仍存在明显短板",
    "{co}计划将新增资金主要用于{topic}研发、算力采购与海外市场拓展",
    "分析人士指出，{co}面临的最大风险在于客户集中度过高，前五大客户贡献了约{pct}%的收入",
    "{co}还宣布与{co2}达成战略合作，双方将围绕{topic}共建联合实验室",
    "{prod}采用分层订阅模式，个人版免费开放，专业版面向团队按席位计费",
    "{region}此前已就{topic}场景征求意见，本次文件在数据出境与内容标识方面作出了更细致的规定",
    "{co}在{topic}上的投入已持续{n}年，累计申请相关专利超过{k}项",
    "从用户反馈看，{prod}在响应速度上的改进最为明显，但复杂任务的成功率仍有提升空间",
    "{person}认为，{sec}行业真正的瓶颈不在算力，而在高质量数据与可复用的工程体系",
    "与{co2}相比，{co}的产品更偏重垂直场景，客单价更高但获客周期更长",
    "该方案通过{topic}与{topic2}的组合，将端到端延迟压缩至原来的三分之一左右",
    "多家券商研报预计，{sec}市场规模将在未来三年保持{pct}%以上的年均增速",
    "{co}同时披露，海外业务已覆盖{n}个国家和地区，本地化团队规模扩大至{k}人",
    "部分开发者对{prod}的接口稳定性提出质疑，{co}回应称将在下个版本中修复相关问题",
    "值得注意的是，{co}在{topic}方向的人才储备明显强于同业，近一年从{co2}吸纳了多名核心成员",
    "{co}管理层坦言，{topic}的商业化仍处于早期，短期内不会以牺牲毛利换取规模",
)

INSIGHTS = (
    "{co}的这一动作揭示了{sec}赛道正在经历的关键转折：竞争焦点正从「参数规模」转向「落地效率」，谁能率先跑通商业闭环，谁就能在下一阶段占据主动。",
    "一方面，{co}依托{topic}能力构建了差异化的产品壁垒；另一方面，其在渠道与生态上的投入仍显不足，短期内难以复制头部玩家的规模效应。",
    "对行业从业者而言，{co}的案例表明，{topic}不再只是技术指标的比拼，而是「数据-算法-场景」协同的系统工程。",
    "值得注意的是，{co2}在同一时间窗口采取了截然相反的策略，两条路线的分化将在未来12到18个月内得到检验。",
    "这种转变的深层驱动力来自客户需求的变化：企业不再为「能力演示」买单，而是要求可度量的投入产出比。",
    "从资本视角看，{sec}赛道的估值逻辑正在从「讲故事」回归「看现金流」，具备稳定收入来源的公司将获得更高溢价。",
    "然而，这条路径同样面临双重挑战：一是{topic}的工程化成本居高不下，二是同质化竞争正在压缩价格空间。",
    "{co}选择以{prod}切入，本质上是用高频场景换取数据飞轮，这与早期移动互联网的增长逻辑一脉相承。",
    "未来，{topic}与行业知识的深度融合可能成为新的分水岭，单纯依赖通用能力的产品将越来越难以建立护城河。",
    "这意味着行业需要重新定义成功的衡量标准：从「用户规模」转向「留存与付费」，从「模型榜单」转向「业务指标」。",
    "如果说上一阶段的竞争是「谁的模型更大」，那么下一阶段的竞争将是「谁的系统更省、更稳、更可控」。",
    "对投资人而言，最关键的信号并非单次融资金额，而是{co}能否在{topic}方向形成可持续的收入结构。",
    "监管环境的逐步明晰也在重塑竞争格局，合规能力正在从成本项转变为{sec}企业的核心竞争力之一。",
    "{co}与{co2}的竞合关系尤其值得关注：双方在底层技术上高度依赖同一供应链，却在应用层展开正面交锋。",
    "从更长的时间尺度看，{sec}行业正在复制云计算早期的发展路径：先由少数头部厂商定义标准，再由大量垂直玩家完成渗透。",
    "这一趋势对中小团队既是挑战也是机会：通用能力的门槛被头部厂商持续抬高，而细分场景的需求仍远未被满足。",
    "团队组织方式同样是决定性变量，扁平化结构与AI原生的工作流使{co}在迭代速度上保持了明显优势。",
    "短期看，{topic}的价格战仍将持续；长期看，真正的赢家将是那些能把技术优势转化为渠道与品牌优势的公司。",
)

BRIEFS = (
    "{co}发布{prod}新版本：{topic}能力全面升级",
    "{co}完成{amount}{round}融资，加码{topic}研发",
    "{co}估值突破{valuation}：{sec}赛道资本热度回升",
    "{sec}周报：{topic}与{topic2}成为本周关键词",
    "{person}：{topic}的下一站是「可控」而非「更大」",
    "{co}开源{topic}模型，{n}天内获得{k}个星标",
    "{region}发布{sec}新规：{topic}应用需完成备案",
    "{co}{topic}团队负责人离职，{co2}被曝接洽",
    "{co}月活突破{mau}：{prod}成为增长引擎",
    "实测{prod}：{topic}体验接近{co2}旗舰产品",
    "{co}{period}收入约{revenue}，{topic}业务贡献过半",
    "{co}与{co2}达成战略合作，共建{topic}联合实验室",
    "{topic}落地观察：{co}在{n}家客户中跑通付费闭环",
    "{co}举办开发者大会：{prod}生态开发者突破{k}人",
)

B2B_BRIEFS = tuple(b for b in BRIEFS if "{mau}" not in b)
