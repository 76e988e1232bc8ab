"""Build a position in Python (no YAML) and render it.

Run:  .venv/bin/python examples/build_in_code.py [OUT_DIR]
"""

from __future__ import annotations

import sys

from paperkit import Position, render
from paperkit.model import ItemList, Organisation, Reference


def make_position() -> Position:
    """A short submission, assembled field by field."""
    return Position(
        id="example-submission",
        kind="submission",
        title="Submission on the draft cybercrime law",
        subtitle="To the Parliamentary Committee on Justice",
        date="2026-03-15",
        issued_by=[Organisation(name="Example Rights Network", url="https://example.org")],
        addressee="Parliamentary Committee on Justice",
        numbered_paragraphs=True,
        lead="We welcome the opportunity to comment on the draft law.",
        body=[
            "The draft criminalises *unauthorised access* without a public-interest defence[^iccpr-19].",
            "Security researchers and journalists would be exposed to **prosecution** for their work.",
        ],
        demands=ItemList(
            lead_in="We recommend that the Committee:",
            items=["add a public-interest defence;", "require prior judicial authorisation for data access."],
        ),
        references={
            "iccpr-19": Reference(
                instrument="International Covenant on Civil and Political Rights",
                pinpoint="Article 19(2)",
                text="Everyone shall have the right to freedom of expression.",
            )
        },
    )


if __name__ == "__main__":
    out = sys.argv[1] if len(sys.argv) > 1 else "out/examples"
    for path in render(make_position(), formats=["pdf", "docx", "html", "md", "txt"], out=out):
        print(path)
