"""scripts/bench.py's scale table (scripts/bench_scale.py): its steps and the verdict it exits with.

The measurements themselves need servers and minutes (`make bench`); what is checked here is
what a CI job relies on: the steps asked for, and exit code 1 for a failing or too slow page.
"""

import importlib
import sys
from types import SimpleNamespace

import pytest

# bench.py runs as a script from scripts/: it imports prodenv.py and its bench_*.py siblings
# by their bare names, which stand here for the modules of the scripts package.
for sibling in ["prodenv", "bench_site", "bench_table", "bench_scale"]:
    sys.modules.setdefault(sibling, importlib.import_module(f"scripts.{sibling}"))
from scripts import bench, bench_scale  # noqa: E402

DATABASE = SimpleNamespace(description="PostgreSQL 127.0.0.1:5432/pole_bench_test")
PAGES = [("accueil", "/"), ("liste", "/actualites/")]


def result(ms, size=20_000, failure=None):
    return {"ms": [ms] * 3, "bytes": [size] * 3, "failure": failure}


def steps(home, listing):
    """[(label, news items, results, server problems)] with one time per page and step."""
    labels = [("démo", 4), ("+2000", 2004), ("+10000", 10004)]
    return [
        (label, count, {"/": home[number], "/actualites/": listing[number]}, [])
        for number, (label, count) in enumerate(labels)
    ]


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        ([], [2000, 10000]),
        (["--steps", "500"], [500]),
        (["--steps", "10000,2000"], [2000, 10000]),
        (["--many", "10000", "--many", "2000"], [2000, 10000]),
        (["-m", "300", "--steps", "100,300"], [100, 300]),
    ],
)
def test_steps_are_cumulative_totals_in_order(argv, expected):
    assert bench.parse_args(["--scale", *argv]).steps == expected


@pytest.mark.parametrize(
    "argv", [["--steps", "0"], ["--many", "-5"], ["--max-ratio", "0"], ["--url", "actualites"]]
)
def test_invalid_scale_options_are_refused(argv, capsys):
    with pytest.raises(SystemExit) as exit_info:
        bench.parse_args(["--scale", *argv])
    assert exit_info.value.code == 2
    assert "error" in capsys.readouterr().err


def test_the_table_gives_each_step_its_ratio_to_the_demo(capsys):
    args = bench.parse_args(["--scale", "--max-ratio", "3"])
    home = [result(20), result(30), result(50)]
    listing = [result(40), result(40), result(44, size=25_000)]

    assert bench_scale.report_scale(args, DATABASE, PAGES, steps(home, listing)) == 0

    output = capsys.readouterr().out
    assert "| page | démo ms | Ko | +2000 ms | ×démo | Ko | +10000 ms | ×démo | Ko |" in output
    assert "| accueil | 20.0 | 20.0 | 30.0 | ×1.50 | 20.0 | 50.0 | ×2.50 | 20.0 |" in output
    assert "| liste | 40.0 | 20.0 | 40.0 | ×1.00 | 20.0 | 44.0 | ×1.10 | 25.0 |" in output
    assert "pire rapport : ×2.50 (accueil, +10000)" in output


def test_a_ratio_above_max_ratio_fails_the_run(capsys):
    args = bench.parse_args(["--scale", "--max-ratio", "2"])
    home = [result(20), result(30), result(50)]
    listing = [result(40), result(40), result(44)]

    assert bench_scale.report_scale(args, DATABASE, PAGES, steps(home, listing)) == 1

    output = capsys.readouterr().out
    assert "Au-delà de ×2 :\n- accueil, +10000 : ×2.50\n" in output


def test_a_page_that_is_not_200_fails_the_run(capsys):
    args = bench.parse_args(["--scale"])
    home = [result(20), result(30), result(0, failure="statut 500")]
    listing = [result(40), result(40), result(44)]

    assert bench_scale.report_scale(args, DATABASE, PAGES, steps(home, listing)) == 1

    output = capsys.readouterr().out
    assert "| accueil | 20.0 | 20.0 | 30.0 | ×1.50 | 20.0 | échec | – | – |" in output
    assert "- accueil (/), +10000 : statut 500" in output
