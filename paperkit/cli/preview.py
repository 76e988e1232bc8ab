"""``paperkit preview FILE``: the command line of the live preview (paperkit/preview/)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from .options import add_fallback, add_look


def add_parser(sub: Any) -> None:  # argparse's sub-parsers action
    """Add the ``preview`` command to the CLI's sub-parsers."""
    preview = sub.add_parser(
        "preview", help="show a position in the browser, updated on each save",
        description="Serve a live preview of FILE at http://127.0.0.1:PORT/: the HTML (and PDF) of the document, "
                    "each language, two languages side by side, a letter's recipients one at a time; the page "
                    "reloads when the position, a CSV it reads, its theme or a template changes, and shows what "
                    "is wrong (file, line, field) over the last good rendering while the file is not valid.")
    preview.add_argument("file", metavar="FILE", help="a position file (YAML)")
    preview.add_argument("-l", "--lang", default=None, help="the language shown first (default: the first language)")
    preview.add_argument("--port", type=int, default=8765, help="the port (default: 8765; 0 picks a free one)")
    preview.add_argument("--host", default=None,
                         help="the address to listen on (default: 127.0.0.1, this machine only); any other "
                              "address shows your position to the network")
    add_look(preview)
    add_fallback(preview)
    preview.set_defaults(run=run, command="preview")


def run(args: argparse.Namespace) -> int:
    from ..errors import UsageError
    from ..jobs import RenderSettings
    from ..preview.server import LOCAL_HOSTS, serve
    from ..preview.session import PreviewSession

    if not Path(args.file).is_file():
        raise UsageError(f"no such file: {args.file}")
    settings = RenderSettings(formats=("html", "pdf"), lang=args.lang, templates=args.templates, paper=args.paper,
                              fallback=args.fallback, allow=args.allow)
    host = args.host or "127.0.0.1"
    if host not in LOCAL_HOSTS:
        print(f"warning: --host {host}: the preview (your position and its files' contents) is open to every "
              "machine that can reach this address", file=sys.stderr)
    return serve(PreviewSession(args.file, settings), host, args.port)
