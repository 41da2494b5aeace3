"""The built site served as a host would serve it, for the tests that need a real server."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest

from tests.browser import serve


@pytest.fixture(scope="session")
def served_site(built_site: Path) -> Iterator[str]:
    """The base URL ('http://127.0.0.1:PORT/') of the built site on a local web server."""
    with serve(built_site) as base:
        yield base
