"""The interface's words in templates (generator/render/templating.py `install_words`): a
message is the template's own text, in the current language; a value put into it is escaped
as every value from the data is."""

from __future__ import annotations

from pathlib import Path

from generator.i18n import speaking
from generator.render.templating import environment
from tests.conftest import ROOT

HOSTILE = "<script>alert(1)</script> [x](javascript:alert(2)) **bold**"


def test_a_value_put_into_a_markdown_message_is_escaped_for_markdown_and_html(tmp_path: Path) -> None:
    env = environment([tmp_path], ROOT, "markdown")
    text = env.from_string('{{ _("Call %(office)s") % {"office": name} }}').render(name=HOSTILE)
    assert text == r"Call &lt;script&gt;alert(1)&lt;/script&gt; \[x\](javascript:alert(2)) \*\*bold\*\*"
    assert env.from_string('{{ _("Call %(office)s") | format(office=name) }}').render(name=HOSTILE) == text


def test_a_value_put_into_an_html_message_is_escaped_for_html(tmp_path: Path) -> None:
    env = environment([tmp_path], ROOT, "html")
    assert env.from_string('{{ _("Call %(office)s") % {"office": name} }}').render(name=HOSTILE).startswith("Call &lt;script&gt;")


def test_the_message_is_in_the_current_language(tmp_path: Path) -> None:
    env = environment([tmp_path], ROOT, "markdown")
    template = env.from_string('{{ _("Menu") }} {{ _("not a message") }}')
    english = template.render()
    with speaking("cy", ROOT):
        welsh = template.render()
    assert english == "Menu not a message"
    assert welsh == "Dewislen not a message"  # a text the catalogue does not hold is the template's own


def test_english_left_in_english_is_marked_only_on_a_welsh_page(tmp_path: Path) -> None:
    env = environment([tmp_path], ROOT, "markdown")
    template = env.from_string("{{ title | in_english }}")
    assert template.render(title="Sexual Offences Act 2003") == "Sexual Offences Act 2003"
    with speaking("cy", ROOT):
        assert template.render(title="Act <b>") == '<span lang="en">Act &lt;b&gt;</span>'
