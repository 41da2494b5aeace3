"""The data decides, once: a changed row of the table reaches the site's table, the
calculator, the leaflet and `mappa period`, and they all agree."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from generator.write.pipeline import build_site
from tests.conftest import ROOT, mappa, replace_in

pytestmark = pytest.mark.slow

CAUTION = "    description: A person within section 80(1)(d) (cautioned)\n    period:\n      years: 2\n    halved_under_18: true\n"
HOSPITAL = (
    "    description: A person who has been admitted to a hospital without being subject to a restriction order\n"
    "    period:\n      years: 7\n    halved_under_18: true\n"
)


def text_of(page: Path) -> str:
    return " ".join(BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").get_text(" ").split())


def period_json(data: Path, disposal: str, *flags: str) -> dict:
    result = mappa("period", "--disposal", disposal, *flags, "--json", "--data", str(data))
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def changed(once_per_run) -> tuple[Path, Path]:
    """A copy of the data where a caution gives 3 years, not halved, and a hospital order
    8 years, still halved; and the site built from it."""
    return once_per_run("table-change", build_changed)


def build_changed(folder: Path) -> tuple[Path, Path]:
    import shutil

    data = folder / "data"
    shutil.copytree(ROOT / "data", data)
    table = data / "notification_periods.yaml"
    replace_in(table, CAUTION, CAUTION.replace("years: 2", "years: 3").replace("halved_under_18: true", "halved_under_18: false"))
    replace_in(table, HOSPITAL, HOSPITAL.replace("years: 7", "years: 8"))
    build_site(data, folder / "site", ROOT)
    return data, folder / "site"


def test_the_sites_table_follows_the_row(changed: tuple[Path, Path]) -> None:
    _, site = changed
    soup = BeautifulSoup((site / "notification-periods.html").read_text(encoding="utf-8"), "html.parser")
    rows = {
        " ".join(tr.find_all("td")[0].get_text().split()): [" ".join(td.get_text().split()) for td in tr.find_all("td")[1:]]
        for tr in soup.find_all("tr")
        if tr.find_all("td")
    }
    assert rows["A person within section 80(1)(d) (cautioned)"] == ["3 years", "Not halved"]
    assert rows["A person who has been admitted to a hospital without being subject to a restriction order"] == ["8 years", "4 years"]
    text = text_of(site / "notification-periods.html")
    assert "8 years becomes 4 years" in text and "3 years (Caution)" in text  # the under-18 sentence, from the rows
    assert "2 years becomes 1 year" not in text


def test_the_calculator_follows_the_row(changed: tuple[Path, Path]) -> None:
    _, site = changed
    caution = site / "calculator" / "caution"
    assert sorted(p.name for p in caution.iterdir() if p.suffix not in (".gz", ".br")) == ["index.html"]  # no age question any more
    assert "The notification period is 3 years" in text_of(caution / "index.html")
    hospital = site / "calculator" / "hospital-order"
    assert "The notification period is 4 years" in text_of(hospital / "under-18" / "index.html")
    assert "This is 8 years halved" in text_of(hospital / "under-18" / "index.html")
    assert "The notification period is 8 years" in text_of(hospital / "18-or-over" / "index.html")
    every = text_of(site / "calculator" / "all-outcomes" / "index.html")
    assert "Cautioned Not asked Not asked: the period is the same 3 years" in every


def test_the_leaflet_follows_the_row(changed: tuple[Path, Path]) -> None:
    _, site = changed
    soup = BeautifulSoup((site / "leaflet.html").read_text(encoding="utf-8"), "html.parser")
    lines = {tr.th.get_text(): [td.get_text() for td in tr.find_all("td")] for tr in soup.select("tbody tr")}
    assert lines["Caution"] == ["3 years", "Not halved"]
    assert lines["Hospital order without a restriction order"] == ["8 years", "4 years"]
    pdf = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(str(site / "leaflet.pdf")).pages)
    assert "Caution 3 years Not halved" in pdf


def test_mappa_period_follows_the_row_and_agrees_with_the_pages(changed: tuple[Path, Path]) -> None:
    data, site = changed
    assert period_json(data, "caution", "--under-18")["period"] == "P3Y"
    assert period_json(data, "caution", "--under-18")["halved"] is False
    young = period_json(data, "hospital-order", "--under-18")
    assert (young["period"], young["halved"]) == ("P4Y", True)
    assert period_json(data, "hospital-order")["period"] == "P8Y"
    words = {"P3Y": "3 years", "P4Y": "4 years", "P8Y": "8 years"}
    for path, answer in (
        ("caution", period_json(data, "caution")),
        ("hospital-order/under-18", young),
        ("hospital-order/18-or-over", period_json(data, "hospital-order")),
    ):
        assert f"The notification period is {words[answer['period']]}" in text_of(site / "calculator" / path / "index.html")
