"""`rasd dates`: one line per expression; a bad anchor is a usage error."""
from __future__ import annotations

from typer.testing import CliRunner

from rasd.cli import app


def test_dates_command_prints_value_and_rule():
    res = CliRunner().invoke(app, ["dates", "وصل الوفد أمس الاثنين إلى الرباط", "--anchor", "2023-12-05"])
    assert res.exit_code == 0, res.output
    assert "2023-12-04" in res.output and "deictic" in res.output and "weekday ok" in res.output


def test_dates_command_bad_anchor():
    res = CliRunner().invoke(app, ["dates", "أمس", "--anchor", "05/12/2023"])
    assert res.exit_code == 2


def test_dates_command_nothing_found():
    res = CliRunner().invoke(app, ["dates", "لا تاريخ هنا"])
    assert res.exit_code == 0 and "no temporal expression" in res.output
