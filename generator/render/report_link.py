"""The "Report a problem with this page" link: an email to the office, written for the
reader, that names the page and its address. No form, no third party, no script."""

from __future__ import annotations

from urllib.parse import quote

from generator.i18n import gettext


def report_problem_url(email: str, title: str, address: str) -> str:
    """A ``mailto:`` address for ``email`` with a subject and a body naming the page's
    ``title`` and absolute ``address``, percent-encoded as RFC 6068 asks (a space is
    '%20', never '+'; lines end '%0D%0A')."""
    subject = gettext("Problem with the page: %(title)s") % {"title": title}
    lines = [gettext("Page: %(title)s") % {"title": title}, gettext("Address: %(address)s") % {"address": address}]
    body = "\r\n".join([*lines, "", gettext("What is wrong or missing:"), ""])
    return f"mailto:{quote(email, safe='@')}?subject={quote(subject, safe='')}&body={quote(body, safe='')}"
