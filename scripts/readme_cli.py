"""The README's CLI reference is the CLI's own --help: this script writes it between the markers.

    python scripts/readme_cli.py            # rewrite the section in README.md
    python scripts/readme_cli.py --check    # exit 1 when README.md's section is stale (tests/test_cli_help.py)
    python scripts/readme_cli.py --examples # also refresh the first example's rows from `extract seeds/`

Like sqlite-utils' cog-generated docs/cli-reference.rst, without the cog dependency: the text between
BEGIN and END is replaced with each command's --help rendered at a fixed width, so it does not depend on the
terminal. The first example (between EXAMPLE_BEGIN and EXAMPLE_END) is the header and first rows of
`cnnews-ner extract seeds/`; tests/test_cli_help.py checks them against fixtures/seeds/offices.csv, which
tests/test_fixtures.py keeps equal to a fresh run.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
BEGIN = "<!-- cli-reference: begin (generated from --help by scripts/readme_cli.py; do not edit by hand) -->"
END = "<!-- cli-reference: end -->"
EXAMPLE_BEGIN = "<!-- example: begin (cnnews-ner extract seeds/ | head -3, by scripts/readme_cli.py --examples) -->"
EXAMPLE_END = "<!-- example: end -->"
COMMANDS = [[], ["extract"], ["review"], ["apply-review"], ["model", "eval"], ["model", "train"]]
WIDTH = 100
EXAMPLE_ROWS = 2


def help_text(args: list[str], width: int = WIDTH) -> str:
    """``cnnews-ner ARGS --help`` as printed on a terminal ``width`` columns wide."""
    sys.path.insert(0, str(ROOT))
    from cnnews_ner.cli import command

    cmd = command()
    ctx = cmd.context_class(cmd, info_name="cnnews-ner", terminal_width=width, max_content_width=width)
    for name in args:
        sub = ctx.command.get_command(ctx, name)
        ctx = sub.context_class(sub, info_name=name, parent=ctx, terminal_width=width, max_content_width=width)
    return ctx.command.get_help(ctx).rstrip() + "\n"


def reference() -> str:
    """The generated section, markers excluded."""
    parts = []
    for args in COMMANDS:
        line = " ".join(["cnnews-ner", *args, "--help"])
        parts.append(f"`{line}`\n\n```\n{help_text(args)}```\n")
    return "\n" + "\n".join(parts) + "\n"


def replace_between(text: str, begin: str, end: str, body: str) -> str:
    start, stop = text.index(begin) + len(begin), text.index(end)
    return text[:start] + body + text[stop:]


def section(text: str, begin: str, end: str) -> str:
    return text[text.index(begin) + len(begin):text.index(end)]


def example() -> str:
    """The example block: the command and the first rows it prints."""
    done = subprocess.run([sys.executable, "-m", "cnnews_ner.cli", "extract", "seeds/", "--format", "csv"],
                          cwd=ROOT, capture_output=True, check=True)
    lines = done.stdout.decode("utf-8").splitlines()[:1 + EXAMPLE_ROWS]
    return f"\n```\n$ cnnews-ner extract seeds/ | head -{1 + EXAMPLE_ROWS}\n" + "\n".join(lines) + "\n```\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when the README's reference is stale")
    parser.add_argument("--examples", action="store_true", help="also refresh the first example from seeds/")
    args = parser.parse_args()
    text = README.read_text(encoding="utf-8")
    new = replace_between(text, BEGIN, END, reference())
    if args.examples:
        new = replace_between(new, EXAMPLE_BEGIN, EXAMPLE_END, example())
    if args.check:
        if new != text:
            print("README.md's CLI reference is stale: run python scripts/readme_cli.py", file=sys.stderr)
            return 1
        return 0
    if new != text:
        README.write_text(new, encoding="utf-8")
        print("README.md updated", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
