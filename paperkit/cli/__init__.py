"""The command line: thin; every command is one call of the public API.

Exit codes: 0 done, 2 invalid input, 1 anything else — always with a one-line
reason on stderr, never a traceback (set PAPERKIT_DEBUG=1 to see one).
"""

from __future__ import annotations

import argparse
from dataclasses import replace
import os
import sys
import warnings
from pathlib import Path
from typing import Any, Callable, TextIO

from ..errors import InvalidInput, PaperkitError, PaperkitWarning, terminal_safe
from .options import add_allow, add_fallback, add_look


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; return the exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return 2
    with warnings.catch_warnings():
        # The command line's own rule, whatever the caller's filters (a test runner that makes
        # warnings errors, python -W): paperkit's warnings are printed, one line each.
        warnings.simplefilter("default", PaperkitWarning)
        warnings.showwarning = _show_warning
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    """Run the chosen command; errors become one line on stderr and an exit code."""
    try:
        code: int = args.run(args)
        return code
    except InvalidInput as exc:
        for problem in exc.problems:
            print(f"error: {terminal_safe(str(problem))}", file=sys.stderr)
        return exc.exit_code
    except PaperkitError as exc:
        print(f"error: {terminal_safe(str(exc))}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug: say it in one line, keep the traceback for PAPERKIT_DEBUG
        if os.environ.get("PAPERKIT_DEBUG"):
            raise
        print(f"error: internal error ({type(exc).__name__}: {exc}); rerun with PAPERKIT_DEBUG=1 for details",
              file=sys.stderr)
        return 1


def _show_warning(message: Warning | str, category: type[Warning], filename: str, lineno: int,
                  file: TextIO | None = None, line: str | None = None) -> None:
    """A warning as one line on stderr (``warning: …``), without Python's source line."""
    print(f"warning: {terminal_safe(str(message))}", file=sys.stderr if file is None else file)


class _Version(argparse.Action):
    """``--version``, looked up only when asked for (importlib.metadata is slow to import)."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, values: object,
                 option_string: str | None = None) -> None:
        import paperkit

        print(f"paperkit {paperkit.__version__}")
        parser.exit()


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="paperkit", description="Turn a position file into statements, submissions and letters.")
    parser.add_argument("--version", action=_Version, nargs=0, help="show the version and exit")
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")

    render = sub.add_parser("render", help="render position files to documents",
                            description="Render position files; outputs are named <id>.<lang>.<ext> in --out.")
    render.add_argument("files", nargs="+", metavar="FILE", help="position files (YAML)")
    render.add_argument("-f", "--format", default=None,
                        help="comma-separated formats: pdf,docx,html,md,txt (default: all)")
    render.add_argument("-o", "--out", default="out", help="output folder (default: out)")
    render.add_argument("-l", "--lang", default=None,
                        help="language tag(s), comma-separated, or 'all' (default: the first language)")
    add_look(render)
    render.add_argument("--pdf-variant", default="pdf/ua-1", metavar="VARIANT",
                        help="PDF variant WeasyPrint makes: pdf/ua-1 (default, accessible), pdf/a-3b (archival, "
                             "may carry the source), pdf/a-1b … pdf/a-4f, pdf/ua-2, pdf/x-…, or none")
    render.add_argument("--embed-source", action="store_true",
                        help="attach the position file to the PDF (with pdf/a-3b: an archival PDF that carries "
                             "what it was made from)")
    add_fallback(render)
    render.add_argument("--recipients", metavar="CSV", default=None,
                        help="letters: one letter per recipient of CSV (mail merge) into OUT/<id>/<recipient>.<lang>.<ext>, "
                             "with OUT/<id>/manifest.csv")
    render.add_argument("--jobs", type=int, default=None, metavar="N",
                        help="render in N processes, the documents (or a mail merge's letters) shared among them "
                             "(default: the number of CPUs; 1: in this process only)")
    render.add_argument("--timeout", type=float, default=None, metavar="SECONDS",
                        help="the longest one document (a language of a position in one format, a letter of a mail "
                             "merge) may take to make; past it the render fails (exit 1) and nothing of it is written "
                             "(default: 900; 0: no limit)")
    render.add_argument("--combined", action="store_true",
                        help="mail merge: also one PDF of all the letters, OUT/<id>/combined.pdf, for printing")
    render.add_argument("--profile", metavar="NAME", default=None,
                        help="submission profile (e.g. hrc-written-statement/general) instead of the position's "
                             "profile:; its rules are checked and broken ones warned about")
    render.add_argument("--strict", action="store_true",
                        help="a broken profile rule is an error (exit 1, nothing written) instead of a warning")
    render.add_argument("--final", action="store_true",
                        help="the version to send: refuse a position marked draft: or carrying an embargo:")
    render.add_argument("--duplex", action="store_true",
                        help="with --combined: a blank page after each letter of an odd number of pages, so that "
                             "every letter starts on a new sheet when printed on both sides")
    render.add_argument("--watch", action="store_true",
                        help="keep running: render a position again each time its file, a CSV it reads, its theme "
                             "or a template changes, one line per render (Ctrl-C stops)")
    render.set_defaults(run=_render, command="render")

    check_cmd = sub.add_parser(
        "check", help="check position files against the rules of the body they go to (profiles)",
        description="Measure each position against its submission profile (profile: in the file, or --profile): "
                    "words counted as Word counts them, pages of the PDF and of the DOCX (LibreOffice), required "
                    "parts, accepted formats and languages. Each finding names the rule, the measured value, the "
                    "limit and its source. Exit 0 when every rule is kept, 1 when one is broken, 2 on invalid input.")
    check_cmd.add_argument("files", nargs="*", metavar="FILE", help="position files (YAML)")
    check_cmd.add_argument("--profile", metavar="NAME", default=None, help="the profile to check against")
    check_cmd.add_argument("-l", "--lang", default=None,
                           help="language tag(s), comma-separated, or 'all' (default: the first language)")
    add_fallback(check_cmd)
    check_cmd.add_argument("--list", action="store_true", help="list the profiles and their sources, and exit")
    check_cmd.set_defaults(run=_check, command="check")

    from .diff import add_parser as add_diff_parser

    add_diff_parser(sub)
    from .preview import add_parser as add_preview_parser

    add_preview_parser(sub)

    validate = sub.add_parser("validate", help="check position files without rendering",
                              description="Check position files; exit 0 when all are valid, 2 when not.")
    validate.add_argument("files", nargs="+", metavar="FILE")
    add_allow(validate)
    add_fallback(validate)
    validate.set_defaults(run=_validate, command="validate")

    doctor = sub.add_parser("doctor", help="check fonts, libraries and tools for every language",
                            description="Check that the installed fonts cover en, es, fr, ar, zh, ru and ja, that "
                                        "libharfbuzz-subset is there (fast PDFs), and that LibreOffice and poppler "
                                        "are there for the checks; name the Debian package for each gap. Exit 0 "
                                        "when all is well, 1 otherwise.")
    doctor.set_defaults(run=_doctor, command="doctor")

    schema = sub.add_parser("schema", help="print the JSON Schema of a position file",
                            description="Print the JSON Schema of position files (for editors and CI).")
    schema.set_defaults(run=_schema, command="schema")

    new = sub.add_parser("new", help="write a commented starter position file",
                         description="Write a commented starter position of KIND to FILE, and the JSON Schema beside it.")
    new.add_argument("kind", metavar="KIND", help="statement, joint-statement, submission, letter or post")
    new.add_argument("file", metavar="FILE")
    new.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    new.add_argument("--profile", metavar="NAME", default=None,
                     help="a submission profile (e.g. hrc-written-statement/general): the starter follows its rules")
    new.set_defaults(run=_new, command="new")

    signatories = sub.add_parser("signatories", help="work with signatory lists (sign-on exports)",
                                 description="Work with signatory lists.")
    sig_sub = signatories.add_subparsers(title="commands", metavar="COMMAND")
    signatories.set_defaults(run=_help(signatories), command="signatories")
    check = sig_sub.add_parser(
        "check", help="read a sign-on CSV (or a position's list) and report counts and duplicates",
        description="Read a sign-on CSV export, or the signatories of a position file, and report rows, "
                    "counts, groups and duplicates (exit 0), or every broken row (exit 2). Default columns: "
                    "name, type, country, affiliation, role, url, logo, group, withheld, signed, sort_as.",
        epilog="Presets: google-forms (Timestamp, Name, Signing as, Country, Organisation, Title, Website, "
               "Group, Withhold my name); action-network (first_name + last_name, can2_country, organization, "
               "title, created_at). See paperkit/load/signatories.py for the details.")
    check.add_argument("file", metavar="FILE", help="a CSV file, or a position file (YAML)")
    check.add_argument("--map", action="append", default=[], metavar="FIELD=HEADER,…",
                       help='CSV header of a field, e.g. name="Organisation name",country=Country '
                            "(join headers with +: name=First name+Last name)")
    check.add_argument("--preset", choices=["google-forms", "action-network"], default=None,
                       help="column names of a known export")
    check.add_argument("--type", dest="default_type", choices=["organisation", "individual"],
                       default="organisation", help="type of rows that give none (default: organisation)")
    check.add_argument("--order", choices=["given", "alphabetical"], default="given",
                       help="order of the --list (default: given)")
    check.add_argument("--list", action="store_true", help="print the cleaned list too")
    check.set_defaults(run=_signatories_check, command="signatories check")

    letters = sub.add_parser("letters", help="check letters before rendering them",
                             description="Work with letters.")
    let_sub = letters.add_subparsers(title="commands", metavar="COMMAND")
    letters.set_defaults(run=_help(letters), command="letters")
    lcheck = let_sub.add_parser(
        "check", help="print each recipient's salutation and close, and why, without rendering",
        description="For each recipient (of --recipients CSV, else the letter's own) and language, print the "
                    "salutation and complimentary close the letter will have, the role and gender they were "
                    "chosen for (given / derived / guessed), the protocol source (paperkit/data/address/) and "
                    "every warning. Exit 0, or 1 when a recipient would get no letter.")
    lcheck.add_argument("file", metavar="FILE", help="a letter position file (YAML)")
    lcheck.add_argument("--recipients", metavar="CSV", default=None, help="a recipients CSV (as for render)")
    lcheck.add_argument("-l", "--lang", default=None, help="language tag(s), comma-separated, or 'all'")
    add_fallback(lcheck)
    lcheck.set_defaults(run=_letters_check, command="letters check")

    compare = sub.add_parser(
        "compare", help="render the PDF and the DOCX and compare them page by page",
        description="Render FILE as PDF and DOCX, convert the DOCX with LibreOffice, and report for each language "
                    "the page counts, the first words of each page, the fonts each PDF uses (pdffonts) and a "
                    "per-page image difference (0 = identical). Exit 0 when every language has the same pages "
                    "(same count, each page starting in the same paragraph), 1 otherwise.")
    compare.add_argument("file", metavar="FILE", help="a position file (YAML)")
    compare.add_argument("-l", "--lang", default="all", help="language tag(s), comma-separated, or 'all' (default)")
    add_look(compare)
    compare.add_argument("--without-fonts", action="store_true",
                         help="convert as on a machine without Noto: LibreOffice sees only DejaVu and the fonts "
                              "embedded in the DOCX")
    compare.add_argument("--keep", metavar="DIR", default=None,
                         help="write the PDFs, the DOCX, LibreOffice's PDFs and side-by-side PNGs (60 dpi) into DIR")
    compare.set_defaults(run=_compare, command="compare")

    templates = sub.add_parser("templates", help="start your own templates; list what templates can use",
                               description="Work with templates: copy the built-in ones as a starting point, "
                                           "or print the reference of what a template can use.")
    tpl_sub = templates.add_subparsers(title="commands", metavar="COMMAND")
    templates.set_defaults(run=_help(templates), command="templates")
    copy = tpl_sub.add_parser(
        "copy", help="copy the built-in template files of a kind into DIR/KIND/",
        description="Copy the built-in files a kind is made with (document.html.j2, blocks.html.j2, front.html.j2, "
                    "letterhead.html.j2, style.css, document.docx) into DIR/KIND/; point --templates DIR (or "
                    "templates: DIR in the position) at DIR and edit any of them. Delete the ones you keep as they "
                    "are: they then follow paperkit's.")
    copy.add_argument("kind", metavar="KIND", help="base (every kind), statement, joint-statement, submission, letter or post")
    copy.add_argument("dir", metavar="DIR", help="your templates folder")
    copy.add_argument("--force", action="store_true", help="overwrite files that exist")
    copy.set_defaults(run=_templates_copy, command="templates copy")
    reference = tpl_sub.add_parser(
        "reference", help="print every variable a template can use (Markdown)",
        description="Print the template reference: every variable an HTML template sees, every node of the "
                    "document tree with its fields, types and descriptions, the CSS properties a theme sets. "
                    "Made from paperkit's own definitions, so it matches the installed version.")
    reference.add_argument("-o", "--out", metavar="FILE", default=None, help="write to FILE instead of stdout")
    reference.set_defaults(run=_templates_reference, command="templates reference")
    tcheck = tpl_sub.add_parser(
        "check", help="check a templates folder from someone else before using it",
        description="Check a templates folder as a render would: symbolic links, macro-enabled Word files and "
                    "oversized files are refused (exit 2); each DOCX template is rebuilt from an allow-list and "
                    "what the rebuild removes is listed (remote templates, fields that fetch, UNC links, imported "
                    "chunks, OLE objects, macros, comments, tracked changes, hidden text, the other document's "
                    "properties); Jinja templates are parsed. Exit 0 when the folder can be used.")
    tcheck.add_argument("dir", metavar="DIR", help="the templates folder")
    tcheck.set_defaults(run=_templates_check, command="templates check")
    return parser


def _help(parser: argparse.ArgumentParser) -> Callable[[argparse.Namespace], int]:
    """A command without its subcommand: its help, exit 2."""
    def run(args: argparse.Namespace) -> int:
        parser.print_help()
        return 2
    return run


def _render(args: argparse.Namespace) -> int:
    from ..batch import is_merge
    from ..jobs import RenderSettings, check_distinct_ids, distinct_positions, render_all
    from ..load import load
    from ..resolve import resolve

    settings = RenderSettings(  # checked before anything is loaded or written
        formats=args.format, lang=args.lang, out=args.out, templates=args.templates, paper=args.paper,
        pdf_variant=args.pdf_variant, fallback=args.fallback, embed_source=args.embed_source,
        recipients=args.recipients, jobs=args.jobs, combined=args.combined, duplex=args.duplex, allow=args.allow,
        **({"timeout": args.timeout} if args.timeout is not None else {}))
    if args.watch:
        from ..preview.rerender import watch_render

        return watch_render(args.files, settings, sys.stdout)
    loaded = distinct_positions([load(path, fallback=settings.fallback) for path in args.files])
    check_distinct_ids(loaded)
    from ..check import render_checks, with_profile

    loaded = [with_profile(position, args.profile) for position in loaded]
    positions = [resolve(position, allow=settings.allow) for position in loaded]  # all valid before anything is written
    render_checks(positions, settings, strict=args.strict, final=args.final)  # refusals; profile rules
    if settings.recipients or settings.combined or settings.duplex or any(is_merge(p.position) for p in positions):
        if args.format is None:  # a merge writes the letter to send and the one to edit
            from ..batch import MERGE_FORMATS

            settings = replace(settings, formats=MERGE_FORMATS)
        from .merge import merge_command

        return merge_command(positions, settings)  # one letter per recipient (paperkit/batch.py)
    for path in render_all(positions, settings):  # every document made before any is written
        print(path)
    return 0


def _check(args: argparse.Namespace) -> int:
    from ..check import check_command

    return check_command(args)


def _validate(args: argparse.Namespace) -> int:
    from ..load import load
    from ..document.signatories import arranged
    from ..resolve import recipient_problems, resolve

    problems = []
    for path in args.files:
        try:
            position = load(path, fallback=args.fallback)
            resolved = resolve(position, allow=tuple(args.allow))
            arranged(resolved)  # the signatories' duplicates: a warning for each left out, or an error (report)
            problems_of_rows = recipient_problems(resolved)
            if problems_of_rows:  # a letter's recipients CSV: rows wrong on their own
                raise InvalidInput(problems_of_rows)
            _region_warnings(path, position)
            print(f"{path}: ok")
        except InvalidInput as exc:
            problems += exc.problems
    if problems:
        raise InvalidInput(problems)
    return 0


def _region_warnings(path: str, position: Any) -> None:
    """A language without a region whose regions write dates otherwise: say which form is used."""
    if position.date is None:
        return
    from ..document.locale import regional_date_note

    for lang in position.languages:
        note = regional_date_note(lang, position.date)
        if note:
            print(f"warning: {path}: languages: {note}", file=sys.stderr)


def _doctor(args: argparse.Namespace) -> int:
    from ..doctor import diagnose, format_report

    report = diagnose()
    sys.stdout.write(format_report(report))
    return 0 if report.ok else 1


def _schema(args: argparse.Namespace) -> int:
    from ..schema import schema_json

    sys.stdout.write(schema_json())
    return 0


def _new(args: argparse.Namespace) -> int:
    from ..starter import write_starter

    for path in write_starter(args.kind, Path(args.file), force=args.force, profile=args.profile):
        print(path)
    return 0


def _signatories_check(args: argparse.Namespace) -> int:
    from .signatories import check

    sys.stdout.write(terminal_safe(check(args.file, args.map, args.preset, args.default_type, args.order, args.list)))
    return 0


def _letters_check(args: argparse.Namespace) -> int:
    from ..letters import check_addresses, format_check
    from ..load import load

    result = check_addresses(load(args.file, fallback=args.fallback), args.recipients, args.lang, args.fallback)
    sys.stdout.write(format_check(result))
    return 0 if result.ok else 1


def _compare(args: argparse.Namespace) -> int:
    from ..compare import compare, report

    results = compare(args.file, args.lang, args.templates, args.paper, args.without_fonts,
                      Path(args.keep) if args.keep else None, allow=args.allow)
    sys.stdout.write(report(args.file, results))
    return 0 if all(c.same_pages for c in results) else 1


def _templates_copy(args: argparse.Namespace) -> int:
    from ..writers.templating import copy_builtin

    for path in copy_builtin(args.kind, Path(args.dir), force=args.force):
        print(path)
    return 0


def _templates_check(args: argparse.Namespace) -> int:
    from ..writers.checkpoint import check_report

    sys.stdout.write(check_report(Path(args.dir)))
    return 0


def _templates_reference(args: argparse.Namespace) -> int:
    from ..jobs import write_atomic
    from ..reference import template_reference

    text = template_reference()
    if args.out:
        write_atomic(Path(args.out), text.encode("utf-8"))
        print(args.out)
    else:
        sys.stdout.write(text)
    return 0


