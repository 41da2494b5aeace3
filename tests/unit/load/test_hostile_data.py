"""Every free-text field of the data, filled with markup, comes out as text in the site and the PDF."""

from __future__ import annotations

import typing
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup
from pypdf import PdfReader

from generator.load.data import DATA_FILES
from generator.load.fields import Record, Text
from generator.write.pipeline import build_site
from tests.conftest import ROOT

PAYLOAD = '<script>alert(1)</script>"onmouseover=alert(2)'
TEXT_METADATA = typing.get_args(Text)[1:]


def is_text(annotation: Any) -> bool:
    """Whether a field's type is free text (not an id, address, code or date)."""
    if typing.get_origin(annotation) is typing.Annotated:
        return typing.get_args(annotation)[1:] == TEXT_METADATA
    return any(is_text(arg) for arg in typing.get_args(annotation) if arg is not type(None))


def record_type(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, Record):
        return annotation
    for argument in typing.get_args(annotation):
        found = record_type(argument)
        if found is not None:
            return found
    return None


def poison(value: Any, model: type[Record], counter: list[int]) -> Any:
    """Replace every free-text value in ``value`` (shaped like ``model``) with the payload."""
    for name, field in model.model_fields.items():
        if name not in value:
            continue
        if is_text(field.annotation) or (field.annotation is str and tuple(field.metadata) == TEXT_METADATA):
            if isinstance(value[name], list):
                value[name] = [f"{PAYLOAD} {next_number(counter)}" for _ in value[name]]
            elif value[name] is not None:
                value[name] = f"{PAYLOAD} {next_number(counter)}"
            continue
        inner = record_type(field.annotation)
        if inner is None:
            continue
        if isinstance(value[name], list):
            value[name] = [poison(item, inner, counter) if isinstance(item, dict) else item for item in value[name]]
        elif isinstance(value[name], dict):
            value[name] = poison(value[name], inner, counter)
    return value


def next_number(counter: list[int]) -> int:
    counter[0] += 1
    return counter[0]


@pytest.mark.slow
def test_markup_in_every_text_field_is_shown_as_text(tmp_path: Path, data_copy: Path) -> None:
    counter = [0]
    for filename, registered in DATA_FILES.items():
        path = data_copy / filename
        value = yaml.safe_load(path.read_text(encoding="utf-8"))
        path.write_text(yaml.safe_dump(poison(value, registered.model, counter), allow_unicode=True), encoding="utf-8")
    assert counter[0] > 100  # every kind of text field was reached
    out = tmp_path / "site"
    build_site(data_copy, out, ROOT)
    shown = 0
    for page in out.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        soup = BeautifulSoup(html, "html.parser")
        assert not [s for s in soup.find_all("script") if "alert" in s.get_text()], page.name
        assert not soup.find_all(attrs={"onmouseover": True}), page.name
        assert "<script>alert" not in html, page.name
        shown += soup.get_text().count(PAYLOAD)
    assert shown > counter[0]  # the text itself is on the pages, unchanged
    pdf_text = "".join(p.extract_text() for p in PdfReader(str(out / "leaflet.pdf")).pages)
    assert "<script>alert(1)</script>" in pdf_text
