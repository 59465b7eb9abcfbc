"""Ingest problems for a Chinese reader: the stored reason (English, for logs and SQL)
explained in Chinese, and the severity named.

>>> explain("no date in the title line or the file name")
'标题行和文件名中都没有日期'
>>> explain("header says total 30, read 35")
'文件头标称共 30 条，实际读到 35 条'
"""

from __future__ import annotations

import re

SEVERITY_LABELS = {"error": "错误 error", "warning": "警告 warning"}

# (pattern over the stored reason, Chinese explanation); the first match wins.
_RULES = [
    (r"empty file", "空文件"),
    (r"binary file", "二进制文件，不是文本速递"),
    (r"not valid UTF-8 or GB18030 text", "不是有效的 UTF-8 或 GB18030 文本：请另存为 UTF-8"),
    (r"byte-order mark says (\S+) but", r"文件开头的字节顺序标记（BOM）表明是 \1，但内容不符"),
    (r"invalid UTF-8 bytes replaced", "个别无效的 UTF-8 字节已替换为 �，其余内容照常导入"),
    (r"file is ([\d.]+) MB, over the ([\d.]+) MB cap", r"文件 \1 MB，超过 \2 MB 上限，未读取"),
    (r"batch is ([\d.]+) MB, over the ([\d.]+) MB cap", r"本批上传共 \1 MB，超过 \2 MB 上限"),
    (r"only (.+) files are accepted", r"只接受 \1 文件"),
    (r"not a regular file", "不是普通文件（管道、设备或套接字），未读取"),
    (r"cannot read file", "无法读取文件（权限或磁盘问题）"),
    (r"not a digest in any known format", "不是任何已知格式的速递"),
    (r"same content as (.+); not counted twice", r"与 \1 内容相同，不重复计入"),
    (r"replaces the (\S+) digest read from (.+)", r"替换此前从 \2 读取的同一期速递（\1）"),
    (r"no date in the title line or the file name", "标题行和文件名中都没有日期"),
    (r"no feature articles or briefs found", "没有找到专题文章或简讯：不是速递"),
    (r"no 分类 or 来源 lines and no briefs", "没有「分类」「来源」行，也没有简讯：不是速递"),
    (r"unrecognised line ignored", "无法识别的行，已跳过"),
    (r"feature has no 分类", "专题文章缺少「分类」"),
    (r"feature has no 来源", "专题文章缺少「来源」"),
    (r"brief without a link", "简讯缺少链接"),
    (r"item without (.+)", r"条目缺少 \1"),
    (r"overview item not in body", "概览列出的条目在正文中找不到"),
    (r"overview says (\d+) articles, read (\d+)", r"概览标称 \1 篇，实际读到 \2 篇"),
    (r"overview says (\d+) (\S+), read (\d+)", r"概览标称 \2 共 \1 条，实际读到 \3 条"),
    (r"header says total (\d+), read (\d+)", r"文件头标称共 \1 条，实际读到 \2 条"),
    (r"header says picks (\d+), read (\d+)", r"文件头标称编辑精选 \1 条，实际读到 \2 条"),
    (r"header says cats (\d+), read (\d+)", r"文件头标称分类热点 \1 条，实际读到 \2 条"),
    (r"category (.+) says (\d+), read (\d+)", r"分类「\1」标称 \2 条，实际读到 \3 条"),
    (r"not a date", "日期无法识别"),
]
_COMPILED = [(re.compile(pattern), text) for pattern, text in _RULES]


def explain(reason: str | None) -> str:
    """The reason in Chinese; '' for a reason no rule knows (the English is shown anyway)."""
    if not reason:
        return ""
    for pattern, text in _COMPILED:
        m = pattern.match(reason)
        if m:
            return m.expand(text)
    return ""
