#!/usr/bin/env python3
"""Replays every `az` command line the rendered scripts run through azure-cli's own parser and argument validators,
offline: nothing is executed, no sign-in and no network are needed.

The command lines are the call goldens (Tests/PGHAKitTests/Golden/calls/*.txt, one command a line, quoted as bash
reads it), which the script tests check against what deploy.sh, the drills and cleanup.sh run on fake tools. Each
`az` line is parsed as `az` itself would before running it: the command table and the command's arguments are
loaded, argparse checks every option and value (names, choices, required options, types such as --query's JMESPath),
then the command's and the arguments' validators run. Options must be spelled in full: argparse would accept a
prefix (`--audience` for `--audiences`), az on a newer version might not.

Commands of extensions that are not installed (az grafana from amg, az alerts-management, aks-preview's) are not in
azure-cli's command table: they are skipped and listed. Needs azure-cli importable (`python3 -m pip install
azure-cli`); installs nothing itself. Exit status 1 names each line that does not parse.

Usage: python3 Scripts/check-az-parses.py [CALL_FILE...]
"""

import argparse
import copy
import glob
import io
import os
import shlex
import sys
import tempfile
from contextlib import redirect_stderr, redirect_stdout

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# az keeps its configuration and logs here instead of ~/.azure, and sends no telemetry.
os.environ["AZURE_CONFIG_DIR"] = tempfile.mkdtemp(prefix="check-az-parses-")
os.environ["AZURE_CORE_COLLECT_TELEMETRY"] = "false"

try:
    from azure.cli.core import get_default_cli
    from azure.cli.core.commands import _explode_list_args
    from knack.events import EVENT_INVOKER_POST_PARSE_ARGS, EVENT_INVOKER_PRE_PARSE_ARGS
except ImportError:
    sys.exit("check-az-parses: azure-cli is not importable: python3 -m pip install azure-cli")


def az_lines(paths):
    """Each distinct az argv (without `az`) with the first file:line that runs it, in file order."""
    seen = {}
    for path in paths:
        with open(path, encoding="utf-8") as calls:
            for number, line in enumerate(calls, 1):
                if not line.startswith("az "):
                    continue
                argv = tuple(shlex.split(line)[1:])
                seen.setdefault(argv, f"{os.path.relpath(path, ROOT)}:{number}")
    return seen


def command_parser(invocation, command):
    """The argparse parser of `command` (such as `aks create`), as the invocation built it."""
    words = command.split()
    return invocation.parser.subparsers[tuple(words[:-1])].choices[words[-1]]


def check(argv):
    """None when az would accept argv; otherwise why not. Raises LookupError for a command az does not know. A new
    CLI object each time, as each az process has: loading one command's arguments changes state another's reads."""
    cli = get_default_cli()
    invocation = cli.invocation_cls(cli_ctx=cli, parser_cls=cli.parser_cls,
                                    commands_loader_cls=cli.commands_loader_cls, help_cls=cli.help_cls)
    cli.invocation = invocation
    args = list(argv)
    invocation.commands_loader.load_command_table(args)
    command = invocation._rudimentary_get_command(args)  # pylint: disable=protected-access
    if command not in invocation.commands_loader.command_table:
        raise LookupError(command)
    invocation.data["command_string"] = command
    invocation.commands_loader.command_name = command
    invocation.commands_loader.load_arguments(command)
    invocation.parser.cli_ctx = cli
    invocation.parser.load_command_table(invocation.commands_loader)

    options = command_parser(invocation, command)._option_string_actions
    abbreviated = [arg for arg in args if arg.startswith("--") and arg.split("=", 1)[0] not in options]
    if abbreviated:
        return f"not options of az {command}: {' '.join(abbreviated)} (argparse takes a prefix; spell them in full)"

    messages = io.StringIO()
    try:
        with redirect_stderr(messages), redirect_stdout(messages):
            # As AzCliCommandInvoker.execute does up to running the command (azure-cli 2.91).
            cli.raise_event(EVENT_INVOKER_PRE_PARSE_ARGS, args=args)
            parsed = invocation.parser.parse_args(args)
            cli.raise_event(EVENT_INVOKER_POST_PARSE_ARGS, command=parsed.command, args=parsed)
            for expanded in _explode_list_args(parsed):
                command_copy = copy.copy(parsed.func)
                command_copy.cli_ctx = copy.copy(parsed.func.cli_ctx)
                command_copy.cli_ctx.data = copy.deepcopy(parsed.func.cli_ctx.data)
                expanded.cmd = expanded._cmd = command_copy  # pylint: disable=protected-access
                invocation._validation(expanded)  # pylint: disable=protected-access
    except SystemExit:
        return messages.getvalue().strip().splitlines()[0] if messages.getvalue().strip() else "az's parser refused it"
    except Exception as error:  # validators raise azure-cli's error classes
        return f"{type(error).__name__}: {error}"
    return None


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", help="call files (default: Tests/PGHAKitTests/Golden/calls/*.txt)")
    paths = parser.parse_args().files or sorted(glob.glob(os.path.join(ROOT, "Tests/PGHAKitTests/Golden/calls/*.txt")))
    lines = az_lines(paths)
    if not lines:
        sys.exit("check-az-parses: no az command lines in " + " ".join(paths))
    failures, skipped, checked = [], {}, 0
    for argv, where in lines.items():
        try:
            problem = check(argv)
        except LookupError:
            words = [arg for arg in argv[:3] if not arg.startswith("-")]
            skipped.setdefault(" ".join(words), where)
            continue
        checked += 1
        if problem:
            failures.append(f"{where}: az {shlex.join(argv)}\n  {problem}")
    for command, where in sorted(skipped.items()):
        print(f"skipped (not in azure-cli's command table, an extension's): az {command} ({where})")
    print(f"{checked - len(failures)} of {checked} distinct az command lines parse", flush=True)
    for failure in failures:
        print(f"check-az-parses: {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
