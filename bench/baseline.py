"""The obvious alternative: a pandas pipeline running jieba.posseg over every text field.

It is slow, so it runs on an evenly spread sample of files and its rate is
extrapolated to the whole corpus; jieba's one-time dictionary load is timed
apart and left out of the rate (in its favour).
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pandas as pd

SECTION = re.compile(r"^## ", re.M)
INSIGHT = re.compile(r"^\*\*核心洞察：\*\*\s*(.*)$", re.M)
CATEGORY = re.compile(r"^> \*\*分类：\*\*\s*(.*)$", re.M)
BULLET = re.compile(r"^- (?!\[)(.*)$", re.M)
BRIEF = re.compile(r"^- \[(.+)\]\((\S+)\)$", re.M)
ENTITY_TAGS = {"nt", "nz", "nr", "ns", "eng", "nrt"}


def sample_paths(paths: list[Path], n: int) -> list[Path]:
    """``n`` files spread evenly over the corpus (all of them when there are fewer)."""
    if len(paths) <= n:
        return list(paths)
    step = len(paths) / n
    return [paths[int(i * step)] for i in range(n)]


def read_frame(paths: list[Path]) -> pd.DataFrame:
    """One row per article: the digest's sections split with regexes, as a user would."""
    rows = []
    for path in paths:
        for section in SECTION.split(path.read_text(encoding="utf-8"))[1:]:
            title, _, rest = section.partition("\n")
            if title.startswith("其他相关资讯"):
                rows += [
                    {"file": path.name, "title": t, "insight": "", "body": ""}
                    for t, _ in BRIEF.findall(rest)
                ]
                continue
            insight = INSIGHT.search(rest)
            category = CATEGORY.search(rest)
            rows.append(
                {
                    "file": path.name,
                    "title": title,
                    "category": category.group(1) if category else None,
                    "insight": insight.group(1) if insight else "",
                    "body": "\n".join(BULLET.findall(rest)),
                }
            )
    return pd.DataFrame(rows)


def tag_frame(df: pd.DataFrame) -> pd.DataFrame:
    """POS-tag every text field, then keep entity-like words and numbers per article."""
    import jieba.posseg as pseg

    for col in ("title", "insight", "body"):
        tagged = df[col].map(lambda text: [(w.word, w.flag) for w in pseg.cut(text)])
        df[f"{col}_entities"] = tagged.map(lambda ws: [w for w, f in ws if f in ENTITY_TAGS])
        df[f"{col}_numbers"] = tagged.map(lambda ws: [w for w, f in ws if f == "m"])
    return df


def measure_baseline(paths: list[Path], n_files: int = 20) -> dict:
    """Rate of the pandas + jieba.posseg pipeline on a sample, extrapolated to ``paths``."""
    import jieba

    jieba.setLogLevel(60)
    start = time.perf_counter()
    jieba.initialize()
    init_s = time.perf_counter() - start
    sample = sample_paths(paths, n_files)
    size = sum(p.stat().st_size for p in sample) / 1e6
    start = time.perf_counter()
    df = tag_frame(read_frame(sample))
    seconds = time.perf_counter() - start
    rate = size / seconds
    total = sum(p.stat().st_size for p in paths) / 1e6
    return {
        "sample_files": len(sample),
        "sample_mb": size,
        "sample_s": seconds,
        "rows": len(df),
        "init_s": init_s,
        "mb_per_s": rate,
        "extrapolated_full_s": total / rate + init_s,
        "note": f"measured on {len(sample)} of {len(paths)} files and extrapolated; "
        "jieba dictionary load timed apart",
    }
