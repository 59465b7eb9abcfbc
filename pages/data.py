"""数据管理 Data: upload and ingest digests, re-scan the folder, problems, the dictionary."""

import pandas as pd
import streamlit as st

from dashboard import db, queries, shell, ui
from dashboard.dictionary import dictionary_paths
from dashboard.problems import SEVERITY_LABELS, explain
from loaders import ingest, uploads

shell.frame()

version = db.data_version()
settings = db.ensure_database()
st.title("数据管理 Data")
st.caption(
    f"数据库 database：`{settings.db_path}` · 速递文件夹 digest folder：`{settings.digest_dir}`"
)


def run_ingest(paths: list, label: str, refused: list[str]) -> None:
    """Ingest with a progress bar, then rerun the page to report on the new data."""
    bar = st.progress(0.0, text=label)

    def progress(done: int, total: int, name: str) -> None:
        bar.progress(done / total if total else 1.0, text=f"{label} {done}/{total} · {name}")

    summary = ingest.ingest_paths(paths, settings.db_path, progress=progress)
    bar.progress(1.0, text="完成 done")
    st.session_state["data_last_run"] = (summary, refused)
    st.rerun()  # every page element, the sidebar included, then reads the new data


def report(summary: ingest.Summary) -> str:
    return (
        f"读取 {summary.files_read} 个文件，跳过未变更 {summary.skipped} 个；"
        f"导入 {summary.digests} 期、{summary.articles} 篇文章；问题 {summary.problems} 条"
        + (f"，其中 {summary.errors} 条为错误：相关文件未导入。" if summary.errors else "。")
    )


last_run, refused_last = st.session_state.pop("data_last_run", (None, []))
if last_run:
    (st.warning if last_run.errors else st.success)(report(last_run))
    for message in refused_last:
        st.error(message)


st.subheader("上传速递 Upload digests")
files = st.file_uploader(
    f"选择文件（可多选；仅 {', '.join(uploads.ALLOWED_SUFFIXES)}；每个 ≤ {uploads.MAX_FILE_MB:g} MB，"
    f"每批 ≤ {uploads.MAX_BATCH_MB:g} MB）",
    type=[s.lstrip(".") for s in uploads.ALLOWED_SUFFIXES],
    accept_multiple_files=True,
    key="data_upload",
)
if st.button(
    "导入上传的文件 Ingest uploads", key="data_ingest", disabled=not files, type="primary"
):
    kept = uploads.save_uploads(
        [(f.name, f.getvalue()) for f in files], settings.digest_dir / "uploads"
    )
    refused = [
        f"未导入 {u.name}：{explain(u.reason) or u.reason}" for u in kept if u.stored is None
    ]
    stored = [u.stored for u in kept if u.stored is not None]
    if stored:
        run_ingest(stored, "导入上传 Ingesting uploads", refused)
    for message in refused:
        st.error(message)

st.subheader("重新扫描文件夹 Re-scan the digest folder")
st.caption("只导入新增或变更的文件；未变更的文件会被跳过。Only new or changed files are read.")
if not settings.digest_dir.is_dir():
    st.info(
        f"文件夹 `{settings.digest_dir}` 不存在：设置环境变量 DIGEST_DIR 指向速递文件夹后重启，"
        "或先上传文件。The digest folder does not exist: set DIGEST_DIR, or upload files."
    )
if st.button("重新扫描 Re-scan", key="data_rescan", disabled=not settings.digest_dir.is_dir()):
    run_ingest([settings.digest_dir], "扫描 Scanning", [])

st.subheader("导入问题 Ingest problems")
problems = queries.ingest_problems(version)
if last_run and last_run.ingest_id is not None:
    this_run = problems[problems["ingest_id"] == last_run.ingest_id]
    if not this_run.empty:
        st.warning(f"本次导入发现 {len(this_run)} 条问题，见下表（本次导入的排在最前）。")
        problems = pd.concat([this_run, problems.drop(this_run.index)])
if problems.empty:
    st.success("没有问题 No problems.")
else:
    shown = problems.assign(
        severity=problems["severity"].map(lambda s: SEVERITY_LABELS.get(s, s)),
        explained=problems["reason"].map(explain),
    )
    ui.table(
        shown[["file", "line", "severity", "explained", "reason", "ingest_id"]].rename(
            columns={
                "file": "文件 file",
                "line": "行 line",
                "severity": "级别 severity",
                "explained": "说明",
                "reason": "原因 reason",
            }
        ),
        "data_problems",
        "导入问题",
        None,
    )

with st.expander("导入记录 Ingest runs"):
    ui.table(queries.ingest_history(version), "data_runs", "导入记录", None)

st.subheader("公司词典 Company dictionary")
companies_csv, rejects_csv = dictionary_paths()
st.caption(
    f"上次导入使用的词典（编辑 `{companies_csv}`，拒绝列表 `{rejects_csv}`，重新导入后生效）"
)
if st.button(
    "应用词典修改 Apply dictionary changes",
    key="data_apply_dictionary",
    help="按当前词典重新提取全部文章的公司提及与数据指标（不重读文件）。"
    "Re-extract mentions and figures from stored text.",
):
    with st.spinner("重新提取中… Re-extracting…"):
        run_ingest([], "应用词典 Applying the dictionary")
ui.table(
    queries.company_dictionary(version).rename(
        columns={
            "company": "公司 company",
            "alias": "别名 alias",
            "kind": "类型 kind",
            "parent": "母公司 parent",
        }
    ),
    "data_dictionary",
    "公司词典",
    None,
)
