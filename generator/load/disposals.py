"""The kinds of disposal the notification table and the calculator know, by their slugs.

Kept apart from the data models so that the `mappa` command can name them without
loading the models.
"""

from typing import Literal, get_args

Disposal = Literal[
    "imprisonment",
    "life",
    "hospital-restriction-order",
    "hospital-order",
    "caution",
    "conditional-discharge",
    "absolute-discharge",
    "other",
]
DISPOSALS: tuple[str, ...] = get_args(Disposal)
