"""One built page of the site, made a chapter of the whole guide (see :mod:`generator.render.guide`).

Of a page that the site engine built, only its article is kept (the page's own content:
no menu, header or footer), and in it:

* every id, and every attribute naming one, starts with the page's anchor, so ids stay
  unique across the guide;
* a link to a page in the guide goes to that page's place in the guide (and to the same
  heading there); a link to a page of the site that is not in the guide (the calculator's
  questions, the leaflet) becomes that page's address on the site;
* after each link to an address on the web (``http:``, ``https:``) the address is printed
  as people write it, unless the link's own text already is that address;
* no link embeds a file in the PDF: ``rel="attachment"`` is dropped;
* permalinks (the "¶" after headings), the home page's link to the guide itself
  (``mappa-guide-download``), each page's contents list (``mappa-contents``: the guide
  has its own), the language switch and anything marked ``mappa-web-only`` (such as
  "Related") are left out;
  ``mappa-print-only`` text stays (the guide's stylesheet shows it).

Text and character references are copied exactly as written; attribute values are
escaped again after they are read.
"""

from __future__ import annotations

import html
import posixpath
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlsplit

from generator.wording import url_as_written

SKIPPED_CLASSES = {"headerlink", "mappa-contents", "mappa-guide-download", "mappa-language-switch", "mappa-web-only", "md-content__button"}
ID_ATTRIBUTES = ("id", "for", "headers", "aria-labelledby", "aria-describedby", "aria-controls")
WEB = ("http:", "https:")
ARTICLE_CLASS = "md-content__inner"


def page_anchor(built_path: str) -> str:
    """A page's anchor in the guide, from its path in the built site:
    'calculator/all-outcomes/index.html' -> 'page-calculator-all-outcomes-index'."""
    return "page-" + built_path.removesuffix(".html").replace("/", "-")


@dataclass
class Chapter:
    """A page's article rewritten for the guide, its first h1's text, the site's files it
    shows (images, by their path in the built site) and the web addresses it links to."""

    html: str
    heading: str
    resources: list[str] = field(default_factory=list)
    addresses: list[str] = field(default_factory=list)


class _ArticleRewriter(HTMLParser):
    """Copies the article of a built page, rewritten as the module docstring says."""

    def __init__(self, built_path: str, anchors: dict[str, str], site_url: str) -> None:
        super().__init__(convert_charrefs=False)
        self.built_path, self.anchors, self.site_url = built_path, anchors, site_url.rstrip("/") + "/"
        self.prefix = anchors.get(built_path) or page_anchor(built_path)
        self.out: list[str] = []
        self.articles = 0  # depth of <article> elements; the first one's content is copied
        self.done = False
        self.skipped: tuple[str, int] | None = None  # the element being left out, and its depth
        self.link: tuple[str, list[str]] | None = None  # the web link open now, and its text so far
        self.heading: list[str] | None = None  # the first h1's text, while it is read
        self.chapter = Chapter(html="", heading="")

    def copying(self) -> bool:
        """Whether what is read now is copied: inside the article, not in a left-out element."""
        return self.articles > 0 and not self.done and self.skipped is None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Start or continue copying; rewrite the element's attributes."""
        self._start(tag, attrs, self.get_starttag_text() or "", empty=False)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """An element written as empty (``<br/>``)."""
        self._start(tag, attrs, self.get_starttag_text() or "", empty=True)

    def _start(self, tag: str, attrs: list[tuple[str, str | None]], written: str, empty: bool) -> None:
        if self.skipped is not None and not empty and tag == self.skipped[0]:
            self.skipped = (tag, self.skipped[1] + 1)
        if tag == "article" and not self.done:
            self.articles += 1
            if self.articles == 1 and ARTICLE_CLASS not in (dict(attrs).get("class") or "").split():
                self.articles = 0
            return
        if not self.copying():
            return
        classes = set((dict(attrs).get("class") or "").split())
        if classes & SKIPPED_CLASSES:
            if not empty:
                self.skipped = (tag, 1)
            return
        if tag == "h1" and self.heading is None and not self.chapter.heading:
            self.heading = []
        self.out.append(self._tag(tag, attrs, empty))

    def _tag(self, tag: str, attrs: list[tuple[str, str | None]], empty: bool) -> str:
        parts = [tag]
        for name, value in attrs:
            if value is None:
                parts.append(name)
                continue
            if name in ID_ATTRIBUTES:
                value = " ".join(f"{self.prefix}--{one}" for one in value.split())
            elif name == "href" and tag == "a":
                value = self._href(value)
            elif name == "src":
                value = self._src(value)
            elif name == "rel":  # no link may embed a file in the PDF (WeasyPrint's rel="attachment")
                value = " ".join(word for word in value.split() if word.lower() != "attachment")
            parts.append(f'{name}="{html.escape(value, quote=True)}"')
        return "<" + " ".join(parts) + ("/>" if empty else ">")

    def _href(self, href: str) -> str:
        """Where a link goes in the guide (see the module docstring)."""
        if href.startswith("#"):
            return f"#{self.prefix}--{href[1:]}" if href[1:] else f"#{self.prefix}"
        parts = urlsplit(href)
        if parts.scheme or parts.netloc:
            if href.startswith(WEB):
                self.link = (href, [])
                self.chapter.addresses.append(href)
            return href
        target = self._site_path(parts.path) if parts.path else self.built_path
        if target in self.anchors:
            anchor = self.anchors[target]
            return f"#{anchor}--{parts.fragment}" if parts.fragment else f"#{anchor}"
        address = self.site_url + target + (f"?{parts.query}" if parts.query else "") + (f"#{parts.fragment}" if parts.fragment else "")
        self.link = (address, [])
        self.chapter.addresses.append(address)
        return address

    def _src(self, src: str) -> str:
        """A file of the site shown in the page, found from the guide's folder beside the site's."""
        if urlsplit(src).scheme:
            return src
        path = self._site_path(src)
        self.chapter.resources.append(path)
        return "../site/" + path

    def _site_path(self, path: str) -> str:
        """A relative address's path from the site's root: a folder's means its index.html."""
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(self.built_path), path))
        if path.endswith("/"):
            return ("" if resolved == "." else resolved + "/") + "index.html"
        return resolved

    def handle_endtag(self, tag: str) -> None:
        """Copy the end tag; after a web link, its address."""
        if tag == "article" and self.articles and not self.done:
            self.articles -= 1
            self.done = self.articles == 0
            return
        if self.skipped is not None:
            if tag == self.skipped[0]:
                self.skipped = None if self.skipped[1] == 1 else (tag, self.skipped[1] - 1)
            return
        if not self.copying():
            return
        self.out.append(f"</{tag}>")
        if tag == "a" and self.link is not None:
            address, text = self.link
            self.link = None
            if " ".join(html.unescape("".join(text)).split()) not in (address, url_as_written(address)):
                self.out.append(f'<span class="guide-address"> ({html.escape(url_as_written(address))})</span>')
        if tag == "h1" and self.heading is not None:
            self.chapter.heading = " ".join(html.unescape("".join(self.heading)).split())
            self.heading = None

    def _text(self, text: str) -> None:
        if not self.copying():
            return
        self.out.append(text)
        for collected in (self.link[1] if self.link else None, self.heading):
            if collected is not None:
                collected.append(text)

    def handle_data(self, data: str) -> None:
        """Copy text as written."""
        self._text(data)

    def handle_entityref(self, name: str) -> None:
        """Copy a named character reference as written."""
        self._text(f"&{name};")

    def handle_charref(self, name: str) -> None:
        """Copy a numbered character reference as written."""
        self._text(f"&#{name};")


def chapter(page_html: str, built_path: str, anchors: dict[str, str], site_url: str) -> Chapter:
    """The article of the built page ``page_html`` (at ``built_path`` in the site), rewritten
    for the guide. ``anchors`` maps each guide page's built path to its anchor."""
    rewriter = _ArticleRewriter(built_path, anchors, site_url)
    # Only the articles are read: from the first to the end of the last (the page's menus,
    # header and footer around them are some half of it).
    start, end = page_html.find("<article"), page_html.rfind("</article>")
    rewriter.feed(page_html[start : end + len("</article>")] if 0 <= start < end else page_html)
    rewriter.close()
    rewriter.chapter.html = "".join(rewriter.out).strip() + "\n"
    return rewriter.chapter
