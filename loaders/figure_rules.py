"""Rule data for the business-figure extractor (``loaders/figures.py``).

Sources: currency codes are ISO 4217; the cue words, traps and qualifiers were
collected by reading the sample digests in ../shared/corpus (sudi,
ai-insights, ai-daily-harvest) and keeping only words that name a business
figure unambiguously. Order inside a table does not matter: the extractor
sorts alternatives longest first.
"""

from __future__ import annotations

METRICS = (
    "revenue",
    "profit",
    "net_loss",
    "valuation",
    "funding",
    "market_size",
    "cash",
    "users",
    "mau",
    "dau",
    "paying_users",
    "customers",
    "growth_rate",
    "margin",
    "other",
)

MONEY_METRICS = frozenset(
    {"revenue", "profit", "net_loss", "valuation", "funding", "market_size", "cash"}
)
# Count metrics and the unit stored with them.
COUNT_UNITS = {
    "users": "users",
    "mau": "users",
    "dau": "users",
    "paying_users": "users",
    "customers": "customers",
}

# Currency as written -> ISO 4217. ¥ is read as CNY: the digests are Chinese.
CURRENCIES = {
    "美元": "USD",
    "美金": "USD",
    "US$": "USD",
    "$": "USD",
    "USD": "USD",
    "元": "CNY",
    "人民币": "CNY",
    "RMB": "CNY",
    "CNY": "CNY",
    "¥": "CNY",
    "￥": "CNY",
    "港元": "HKD",
    "港币": "HKD",
    "HK$": "HKD",
    "HKD": "HKD",
    "欧元": "EUR",
    "€": "EUR",
    "EUR": "EUR",
    "英镑": "GBP",
    "£": "GBP",
    "GBP": "GBP",
    "日元": "JPY",
    "JPY": "JPY",
    "韩元": "KRW",
    "新台币": "TWD",
}

MAGNITUDES = {
    "万": 10**4,
    "十万": 10**5,
    "百万": 10**6,
    "千万": 10**7,
    "亿": 10**8,
    "十亿": 10**9,
    "百亿": 10**10,
    "千亿": 10**11,
    "万亿": 10**12,
    "thousand": 10**3,
    "K": 10**3,
    "million": 10**6,
    "M": 10**6,
    "billion": 10**9,
    "bn": 10**9,
    "B": 10**9,
    "trillion": 10**12,
}

CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4}
CN_DIGITS |= {"五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_UNITS = {"十": 10, "百": 100, "千": 1000}

# Cue word -> metric, for amounts (money or counts), read before or after the number.
AMOUNT_CUES = {
    "收入": "revenue",
    "营收": "revenue",
    "营业收入": "revenue",
    "总收入": "revenue",
    "年收入": "revenue",
    "年营收": "revenue",
    "销售额": "revenue",
    "营业额": "revenue",
    "ARR": "revenue",
    "年化收入": "revenue",
    "年化营收": "revenue",
    "年经常性收入": "revenue",
    "年度经常性收入": "revenue",
    "利润": "profit",
    "净利润": "profit",
    "净利": "profit",
    "年利润": "profit",
    "经营利润": "profit",
    "盈利": "profit",
    "亏损": "net_loss",
    "净亏损": "net_loss",
    "净亏": "net_loss",
    "经调整净亏损": "net_loss",
    "估值": "valuation",
    "投后估值": "valuation",
    "投前估值": "valuation",
    "市值": "valuation",
    "融资": "funding",
    "融资额": "funding",
    "募资": "funding",
    "募集资金": "funding",
    "筹集": "funding",
    "市场规模": "market_size",
    "现金储备": "cash",
    "现金": "cash",
    "现金及现金等价物": "cash",
    "用户": "users",
    "用户数": "users",
    "用户规模": "users",
    "个人用户": "users",
    "注册用户": "users",
    "累计用户": "users",
    "活跃用户": "users",
    "周活": "users",
    "周活跃用户": "users",
    "WAU": "users",
    "月活": "mau",
    "月活用户": "mau",
    "月活跃用户": "mau",
    "MAU": "mau",
    "日活": "dau",
    "日活用户": "dau",
    "日活跃用户": "dau",
    "DAU": "dau",
    "付费用户": "paying_users",
    "付费会员": "paying_users",
    "订阅用户": "paying_users",
    "付费订阅用户": "paying_users",
    "客户": "customers",
    "企业客户": "customers",
    "企业用户": "customers",
    "企业开发者": "customers",
}

# Only right after the number: 5万亿美元市场, 1600万美元A轮融资.
AFTER_ONLY_CUES = {
    "市场": "market_size",
    "轮融资": "funding",
    "战略融资": "funding",
    "战略投资": "funding",
}

# Cue word -> metric, for percentages.
PERCENT_CUES = {
    "毛利率": "margin",
    "净利率": "margin",
    "利润率": "margin",
    "净利润率": "margin",
    "经营利润率": "margin",
    "市场份额": "other",
    "份额": "other",
    "市占率": "other",
    "渗透率": "other",
    "留存率": "other",
    "付费率": "other",
    "转化率": "other",
    "续费率": "other",
    "净收入留存率": "other",
}

# Growth words before a percentage; a subject (收入, 月活 ...) must come before
# them unless they are "standalone" or modified by 同比/环比.
GROWTH_UP = ("增长", "增加", "增幅", "上涨", "上升", "提升", "提高", "大涨", "暴涨", "激增")
GROWTH_UP += ("飙升", "猛增")
GROWTH_DOWN = ("下降", "下滑", "减少", "降低", "下跌", "暴跌", "大跌", "缩水", "萎缩", "锐减")
GROWTH_STANDALONE = ("增速", "增长率", "复合增长率", "年复合增长率", "CAGR", "同比增幅")
YEAR_ON_YEAR = ("同比", "环比", "较去年同期", "较上年同期")

# Words that say the nearby number is not a business figure (costs, prices,
# pay, compute, model size); a blocker nearer than any cue wins.
BLOCKERS = (
    "费用",
    "成本",
    "开支",
    "支出",
    "投入",
    "赔偿",
    "罚款",
    "罚金",
    "薪资",
    "薪酬",
    "年薪",
    "月薪",
    "工资",
    "奖金",
    "价格",
    "售价",
    "定价",
    "单价",
    "报价",
    "收费",
    "补贴",
    "预算",
    "参数",
    "参数量",
    "token",
    "Token",
    "tokens",
    "Tokens",
    "使用量",
    "调用量",
    "算力",
    "时长",
    "速度",
    "延迟",
    "效率",
    "性能",
    "误差",
    "准确率",
    "显存",
    "员工",
    "人员",
    "工程师",
    "人才",
    "毛利",
    "现金流",
    "现金消耗",
    "消耗",
    "蒸发",
    "获赔",
    "岗位",
    "新增用户",
    "GPU",
)

# Cue words read only before the number (95美元现金 is a payout, not cash held).
BEFORE_ONLY_CUES = ("现金",)

# A number right after these is a change, not a level (营收增加1亿美元, 日增百万用户).
DELTA_WORDS = ("增", "新增", "日增", "净增", "增加", "增长", "增收", "激增", "暴增", "提高", "提升")
DELTA_WORDS += ("减少", "下降", "减", "蒸发")

# Written before a number that is not a figure of its own: 数百亿, 每赚1美元.
VAGUE_OR_PER = ("数", "几", "每")

# Words right after the number that make it something other than a business figure.
TRAP_UNITS = (
    "年",
    "个月",
    "月",
    "周",
    "天",
    "日",
    "小时",
    "分钟",
    "秒",
    "毫秒",
    "倍",
    "次",
    "台",
    "辆",
    "架",
    "件",
    "张",
    "卡",
    "块",
    "颗",
    "枚",
    "款",
    "篇",
    "项",
    "种",
    "条",
    "部",
    "座",
    "层",
    "行",
    "字",
    "帧",
    "级",
    "代",
    "届",
    "岁",
    "期",
    "轮",
    "步",
    "分",
    "所",
    "股",
    "吨",
    "公里",
    "米",
    "度",
    "瓦",
    "大",
    "个百分点",
    "终端",
    "设备",
    "参数",
    "token",
    "Token",
    "tokens",
    "Tokens",
    "GPU",
    "GB",
    "TB",
    "MB",
    "/",
)

# Written just before the number (约5340万, 超200亿 ...), kept as written.
QUALIFIERS = (
    "约",
    "约为",
    "约合",
    "大约",
    "超",
    "超过",
    "远超",
    "超出",
    "逾",
    "近",
    "将近",
    "接近",
    "突破",
    "高达",
    "达",
    "达到",
    "过",
    "不足",
    "不到",
    "至少",
    "仅",
    "破",
    "首破",
    "逼近",
)
# Written just after it: 10万余家, 1亿美元以上.
SUFFIX_QUALIFIERS = ("余", "多", "以上", "左右", "之多", "+")
