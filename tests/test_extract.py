"""Mentions and figures as they land in the database through the real ingest path."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from loaders import ingest

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture(scope="module")
def seed_db(tmp_path_factory: pytest.TempPathFactory, sudi_dir: Path) -> duckdb.DuckDBPyConnection:
    db_path = tmp_path_factory.mktemp("seed") / "seed.duckdb"
    ingest.ingest_paths([sudi_dir], db_path)
    con = duckdb.connect(str(db_path), read_only=True)
    yield con
    con.close()


# The figures the issue lists for the seed digest: (company, metric, value, currency).
SEED_FIGURES = [
    ("MiniMax", "revenue", 53_400_000, "USD"),
    ("MiniMax", "users", 212_000_000, None),
    ("MiniMax", "mau", 27_600_000, None),
    ("MiniMax", "paying_users", 1_770_000, None),
    ("MiniMax", "net_loss", 186_000_000, "USD"),
    ("字节跳动", "profit", 50_000_000_000, "USD"),
    ("火山引擎", "revenue", 20_000_000_000, "CNY"),
    ("银河通用", "valuation", 20_000_000_000, None),
    ("Trigger.dev", "funding", 16_000_000, "USD"),
    (None, "market_size", 5_000_000_000_000, "USD"),
]


@pytest.mark.parametrize(("company", "metric", "value", "currency"), SEED_FIGURES)
def test_seed_figures(seed_db, company, metric, value, currency) -> None:
    rows = seed_db.execute(
        """select count(*) from figures
        where company is not distinct from ? and metric = ? and value = ?
          and currency is not distinct from ?""",
        [company, metric, value, currency],
    ).fetchone()
    assert rows[0] == 1


def test_qualifier_and_usd(seed_db) -> None:
    row = seed_db.execute(
        "select qualifier, value_usd from figures where company = '火山引擎' and metric = 'revenue'"
    ).fetchone()
    assert row[0] == "超" and 2e9 < row[1] < 4e9
    no_currency = seed_db.execute(
        "select value_usd from figures where company = '银河通用' and metric = 'valuation'"
    ).fetchone()
    assert no_currency == (None,)


def test_no_figure_repeated_within_an_article(seed_db) -> None:
    repeated = seed_db.execute(
        """select article_id, company, metric, value, count(*) from figures
        group by all having count(*) > 1"""
    ).fetchall()
    assert repeated == []


def test_outlets_in_source_lines_are_not_mentions(seed_db) -> None:
    # 极客公园 and 互联网AI早读课 appear only in 来源 lines of the seed digest.
    named = seed_db.execute(
        "select count(*) from mentions where company in ('极客公园', '互联网AI早读课')"
    ).fetchone()
    assert named == (0,)


def test_briefs_have_mentions_and_figures(seed_db) -> None:
    row = seed_db.execute(
        """select f.company, f.metric, f.value from figures f join articles a using (article_id)
        where a.kind = 'brief' and f.company = '智谱AI' and f.metric = 'revenue'"""
    ).fetchone()
    assert row == ("智谱AI", "revenue", 300_000_000)


def test_detected_names_are_recorded_as_not_in_dictionary(seed_db) -> None:
    detected = {
        c
        for (c,) in seed_db.execute(
            "select company from mentions where not in_dictionary"
        ).fetchall()
    }
    assert {"它石智航", "大晓机器人"} <= detected


def test_dictionary_edit_applies_without_rereading(tmp_path: Path, sudi_dir: Path) -> None:
    dictionary = tmp_path / "companies.csv"
    original = (DATA / "companies.csv").read_text(encoding="utf-8")
    dictionary.write_text(original, encoding="utf-8")
    db_path = tmp_path / "d.duckdb"
    ingest.ingest_paths([sudi_dir], db_path, dictionary_path=dictionary)
    dictionary.write_text(original + "它石智航,它石智航,name,\n", encoding="utf-8")
    again = ingest.ingest_paths([sudi_dir], db_path, dictionary_path=dictionary)
    assert again.skipped == 1
    con = duckdb.connect(str(db_path), read_only=True)
    flags = con.execute(
        "select distinct in_dictionary from mentions where company = '它石智航'"
    ).fetchall()
    in_table = con.execute("select count(*) from companies where company = '它石智航'").fetchone()
    con.close()
    assert flags == [(True,)] and in_table == (1,)


def test_new_extraction_rules_apply_without_rereading(tmp_path, sudi_dir, monkeypatch) -> None:
    """An upgrade that changes the rules recomputes figures on the next ingest."""
    db_path = tmp_path / "d.duckdb"
    ingest.ingest_paths([sudi_dir], db_path)
    with duckdb.connect(str(db_path)) as con:  # stand-in for figures from older rules
        con.execute("delete from figures")
    from loaders import extract

    assert ingest.ingest_paths([sudi_dir], db_path).skipped == 1
    with duckdb.connect(str(db_path), read_only=True) as con:
        assert con.execute("select count(*) from figures").fetchone() == (0,)  # same rules

    monkeypatch.setattr(extract, "rules_version", lambda: "code of a later release")
    again = ingest.ingest_paths([sudi_dir], db_path)
    assert again.skipped == 1
    with duckdb.connect(str(db_path), read_only=True) as con:
        assert con.execute("select count(*) from figures").fetchone()[0] >= len(SEED_FIGURES)


# Article-level attribution, from real titles and bullets of the ai-insights and
# ai-daily-harvest feeds: a name detected in one field names the company in the others,
# and a headline's currency-less figure is the body's figure, not a second one.
# (title, insight, bullets, expected (company, metric, value, currency) rows)
ARTICLE_CASES = [
    pytest.param(
        "OpenRouter获1.13亿美元B轮融资，多模型需求推动估值破13亿",
        "AI聚合平台OpenRouter完成1.13亿美元B轮融资，估值飙升至13亿美元",
        (),
        {
            ("OpenRouter", "funding", 113_000_000, "USD"),
            ("OpenRouter", "valuation", 1_300_000_000, "USD"),
        },
        id="detected-name-carries-to-insight",
    ),
    pytest.param(
        "自我改进AI创企Recursive估值40亿美元",
        "成立仅4个月估值达40亿美元，自我改进AI创企Recursive斩获5亿美元融资，前DeepMind研究员创办",
        (),
        {
            ("Recursive", "valuation", 4_000_000_000, "USD"),
            ("Recursive", "funding", 500_000_000, "USD"),
        },
        id="title-subject-beats-a-lab-in-the-body",
    ),
    pytest.param(
        "硅谷独角兽估值达50亿美元",
        "硅谷创始人看好",
        ("智谱完成新一轮融资，估值达50亿美元", "硅谷投资人跟投"),
        {("智谱AI", "valuation", 5_000_000_000, "USD")},
        id="a-word-before-创始人-does-not-spread-or-lead",
    ),
    pytest.param(
        "Recursive估值40亿美元",
        "Recursive Superintelligence斩获5亿美元融资",
        (),
        {
            ("Recursive Superintelligence", "valuation", 4_000_000_000, "USD"),
            ("Recursive Superintelligence", "funding", 500_000_000, "USD"),
        },
        id="short-name-is-the-dictionary-name-it-begins",
    ),
    pytest.param(
        "OpenAI上市前获30亿美元散户注资，亚马逊英伟达软银领投",
        "OpenAI在1220亿美元融资中获得30亿美元散户投资，由亚马逊、英伟达和软银领投，"
        "估值升至8520亿美元，临近IPO",
        (),
        {
            ("OpenAI", "funding", 122_000_000_000, "USD"),
            ("OpenAI", "valuation", 852_000_000_000, "USD"),
        },
        id="a-list-of-investors-is-not-the-subject",
    ),
    pytest.param(
        "AI语音初创Vapi估值破5亿美元，击败40个对手拿下亚马逊Ring",
        "AI语音初创Vapi击败40个竞争对手拿下亚马逊Ring订单，估值突破5亿美元",
        (),
        {("Vapi", "valuation", 500_000_000, "USD")},
        id="the-sentence-subject-not-the-nearest-name",
    ),
    pytest.param(
        "法律科技平台Clio营收突破5亿美元：AI加速垂直行业商业化",
        "",
        (),
        {("Clio", "revenue", 500_000_000, "USD")},
        id="latin-name-before-营收",
    ),
    pytest.param(
        "“卡车界特斯拉”再获2亿美元融资，加速智能重卡量产交付",
        "",
        (),
        {(None, "funding", 200_000_000, "USD")},
        id="figure-of-speech",
    ),
    pytest.param(
        "AI行业迎爆发：Anthropic与OpenAI年底预计创造300亿美元营收",
        "整个AI行业总收入有望突破300亿美元，将深刻重塑全球科技商业格局",
        (),
        {(None, "revenue", 30_000_000_000, "USD")},
        id="joint-and-industry-totals",
    ),
    pytest.param(
        "高中肄业、25岁融资15亿，00后创始人宣战英伟达，不拼算力拼搬运",
        "",
        (),
        {(None, "funding", 1_500_000_000, None)},
        id="a-rival-is-not-the-subject",
    ),
    pytest.param(
        "字节跳动利润500亿美元",
        "字节跳动利润达500亿美元",
        (),
        {("字节跳动", "profit", 50_000_000_000, "USD")},
        id="dictionary-company-unchanged",
    ),
]


@pytest.mark.parametrize(("title", "insight", "bullets", "expected"), ARTICLE_CASES)
def test_article_figures_are_attributed_once(title, insight, bullets, expected) -> None:
    _, rows = article_rows(title, insight, bullets)
    # _figure_row: (id, article, date, company, metric, value, value_high, currency, …)
    assert {(r[3], r[4], r[5], r[7]) for r in rows} == expected


def article_rows(title: str, insight: str, bullets=()) -> tuple[list, list]:
    from datetime import date

    from loaders.extract import article_mentions, figure_rows
    from loaders.models import Article, Digest

    article = Article("feature", 1, title, 1, insight=insight, bullets=bullets)
    digest = Digest(feed="sudi", digest_date=date(2026, 5, 27), title="t", articles=(article,))
    config = ingest.load_config(DATA / "companies.csv")
    mentions, found = article_mentions(article, config)
    return mentions, figure_rows("a1", digest, found, article, config)


def test_headline_qualifier_survives_the_merge() -> None:
    _, rows = article_rows(
        "OpenRouter获1.13亿美元B轮融资，多模型需求推动估值破13亿",
        "AI聚合平台OpenRouter完成1.13亿美元B轮融资，估值飙升至13亿美元",
    )
    valuation = [r for r in rows if r[4] == "valuation"]
    assert [(r[3], r[7], r[10]) for r in valuation] == [("OpenRouter", "USD", "破")]


@pytest.mark.parametrize(
    ("title", "insight", "expected"),
    [
        ("星尘智能完成1亿元融资", "星尘智能体平台上线", {("星尘智能", "星尘智能", 1, False)}),
        ("硅谷独角兽估值达50亿美元", "硅谷创始人看好，华人创始人也看好", set()),
        (
            "OpenRouter获1.13亿美元融资",
            "OpenRouter与OpenRouter_x、OpenRouterX不同；OpenRouter增长快",
            {("OpenRouter", "OpenRouter", 3, False)},
        ),
        (
            "Recursive估值40亿美元",
            "Recursive Superintelligence斩获融资",
            {
                ("Recursive Superintelligence", "Recursive", 1, True),
                ("Recursive Superintelligence", "Recursive Superintelligence", 1, True),
            },
        ),
    ],
    ids=["glued-chinese-name", "cue-word-not-spread", "latin-edges", "short-name-resolved"],
)
def test_article_mention_counts(title, insight, expected) -> None:
    mentions, _ = article_rows(title, insight)
    assert set(mentions) == expected
