#!/usr/bin/env python3
"""Checks every PrometheusRule pgha rendered with Prometheus's own `promtool check rules`.

Usage: check-prometheus-rules.py [--self-test] DIR...

Each DIR is searched for `prometheusrule-*.yaml`; the object's `spec` (its rule groups, which Azure's Prometheus rule
group also receives) is written to a rules file and handed to promtool, which parses every PromQL expression, duration
and template. promtool is taken from $PROMTOOL or PATH. `--self-test` first proves the check refuses a broken
expression and accepts a sound one.
"""
import os
import pathlib
import subprocess
import sys
import tempfile

import yaml

PROMTOOL = os.environ.get("PROMTOOL", "promtool")


def check_groups(label, groups):
    """Runs promtool on `groups`; returns (ok, what promtool printed)."""
    with tempfile.TemporaryDirectory() as folder:
        rules = pathlib.Path(folder) / "rules.yaml"
        rules.write_text(yaml.safe_dump({"groups": groups}, sort_keys=False))
        result = subprocess.run([PROMTOOL, "check", "rules", str(rules)], capture_output=True, text=True)
        output = (result.stdout + result.stderr).replace(str(rules), label)
        return result.returncode == 0, output.strip()


def self_test():
    broken = [{"name": "self-test", "rules": [{"alert": "Broken", "expr": "rate(cnpg_collector_up[5m]"}]}]
    sound = [{"name": "self-test", "rules": [{"alert": "Sound", "expr": "rate(cnpg_collector_up[5m]) > 0", "for": "5m"}]}]
    ok, output = check_groups("self-test broken expression", broken)
    if ok:
        sys.exit("check-prometheus-rules: self-test failed: promtool accepted a broken expression")
    print(f"self-test 'broken expression' refused: {output.splitlines()[-1] if output else ''}")
    ok, output = check_groups("self-test sound expression", sound)
    if not ok:
        sys.exit(f"check-prometheus-rules: self-test failed: promtool refused a sound expression:\n{output}")
    print("self-test 'sound expression' accepted")


def main(arguments):
    if arguments[:1] == ["--self-test"]:
        self_test()
        arguments = arguments[1:]
    files = sorted(path for folder in arguments for path in pathlib.Path(folder).rglob("prometheusrule-*.yaml"))
    if arguments and not files:
        sys.exit("check-prometheus-rules: no prometheusrule-*.yaml under " + " ".join(arguments))
    failures = 0
    for path in files:
        document = yaml.safe_load(path.read_text())
        groups = document["spec"]["groups"]
        ok, output = check_groups(str(path), groups)
        count = sum(len(group.get("rules", [])) for group in groups)
        if ok:
            print(f"{path}: {count} rules pass promtool check rules")
        else:
            failures += 1
            print(f"{path}: promtool check rules refused it:\n{output}", file=sys.stderr)
    if failures:
        sys.exit(f"check-prometheus-rules: {failures} of {len(files)} PrometheusRules refused")


if __name__ == "__main__":
    main(sys.argv[1:])
