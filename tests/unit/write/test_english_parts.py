"""Acts' titles left in English on a Welsh page are marked lang="en" (generator/write/english_parts.py)."""

from __future__ import annotations

from generator.write.english_parts import with_english_marked


def test_an_act_in_a_welsh_sentence_is_marked_english() -> None:
    html = "<p>adrannau 325 i 327 o'r Criminal Justice Act 2003 a'r Crime and Policing Act 2026.</p>"
    assert with_english_marked(html) == (
        "<p>adrannau 325 i 327 o'r <span lang=\"en\">Criminal Justice Act 2003</span> a'r "
        '<span lang="en">Crime and Policing Act 2026</span>.</p>'
    )


def test_what_is_already_english_code_or_markup_is_left_alone() -> None:
    html = (
        '<p><span lang="en">Sexual Offences Act 2003, s82</span> <code>Sex Offenders Act 1997</code><a href="#Children Act 1989">x</a></p>'
    )
    assert with_english_marked(html) == html


def test_welsh_inside_an_english_part_is_welsh_again() -> None:
    html = '<div lang="en"><p lang="cy">o dan y Children Act 1989</p></div>'
    assert with_english_marked(html) == '<div lang="en"><p lang="cy">o dan y <span lang="en">Children Act 1989</span></p></div>'
