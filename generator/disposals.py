"""The kinds of disposal the notification table and the calculator know, by their slugs."""

DISPOSALS = (
    "imprisonment",
    "life",
    "hospital-restriction-order",
    "hospital-order",
    "caution",
    "conditional-discharge",
    "other",
)
