"""loaders.dictionary_edit: one-click add / reject of detected company names."""

from __future__ import annotations

import pytest

from loaders.dictionary_edit import add_company, check_name, known_names, reject_company


def test_add_appends_a_name_row_once(tmp_path):
    path = tmp_path / "companies.csv"
    path.write_text("# comment\ncompany,alias,kind,parent\nOpenAI,OpenAI,name,", encoding="utf-8")
    assert add_company(" 它石智航 ", path) is True
    assert add_company("它石智航", path) is False
    assert add_company("openai", path) is False  # already an alias (any case)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[-2:] == ["OpenAI,OpenAI,name,", "它石智航,它石智航,name,"]


def test_reject_creates_the_file_with_a_header(tmp_path):
    path = tmp_path / "company_rejects.csv"
    assert reject_company("本期速递", path) is True
    assert reject_company("本期速递", path) is False
    assert path.read_text(encoding="utf-8") == "name\n本期速递\n"
    assert "本期速递" in known_names(tmp_path / "none.csv", path)


@pytest.mark.parametrize(
    "bad", ["", "   ", "=1+1", "+x", "-x", "@x", "#x", "a\nb", "x" * 41, "tab\there"]
)
def test_invalid_names_are_refused(bad):
    with pytest.raises(ValueError):
        check_name(bad)


def test_commas_and_quotes_are_quoted(tmp_path):
    path = tmp_path / "companies.csv"
    add_company('A, "B" Inc', path)
    assert (
        path.read_text(encoding="utf-8").splitlines()[-1] == '"A, ""B"" Inc","A, ""B"" Inc",name,'
    )
