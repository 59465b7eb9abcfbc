"""The company dictionary files the Companies page edits (add / reject a detected name)."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import streamlit as st

from dashboard import db
from loaders import dictionary_edit

DATA_DIR = Path(__file__).resolve().parents[1] / "data"


def dictionary_paths() -> tuple[Path, Path]:
    """(companies CSV the ingest reads, rejects CSV beside it)."""
    if os.environ.get("DIGEST_COMPANIES"):
        companies = Path(os.environ["DIGEST_COMPANIES"])
    elif db.ensure_database().is_demo:
        companies = DATA_DIR / "demo_companies.csv"
    else:
        companies = DATA_DIR / "companies.csv"
    return companies, companies.with_name("company_rejects.csv")


def undecided(names: pd.DataFrame) -> pd.DataFrame:
    """The detected names not yet added to the dictionary nor rejected."""
    decided = dictionary_edit.known_names(*dictionary_paths())
    return names[~names["name"].str.casefold().isin(decided)].reset_index(drop=True)


def decide_names(names: list[str], add: bool) -> None:
    """Callback: add (or reject) each name; messages are shown as toasts after the rerun."""
    companies, rejects = dictionary_paths()
    messages = []
    for name in names:
        try:
            done = (
                dictionary_edit.add_company(name, companies)
                if add
                else dictionary_edit.reject_company(name, rejects)
            )
        except ValueError as err:
            messages.append(f"“{name}”：{err}")
            continue
        verb = "已加入词典" if add else "已拒绝"
        messages.append(f"{verb} “{name}”" if done else f"“{name}” 已在列表中")
    messages.append(
        "下次导入生效，或在「数据管理」页点「应用词典修改」· Apply on the Data page or at the next ingest."
    )
    st.session_state["companies_decided"] = messages
