#!/usr/bin/env python3
"""Writes COUNT copies of a guide-sized spec into DIR (spec-00001.yaml, ...) for the fleet benchmark.

Each copy is TEMPLATE (default Examples/aks-ha.yaml, the deployment of Microsoft's HA PostgreSQL on AKS guide) with
what one fleet cannot share varied per copy, so that the fleet rules (PGHA07xx) pass: the cluster name, the recovery
cluster's name, the backup storage account (unique in all of Azure), the managed identity (Azure allows 20
federated credentials on one, and each copy needs two), the public IP and its DNS label. Everything else, the AKS
cluster included, stays as in the template: a fleet on one AKS cluster, as the guide deploys it, COUNT times.
The same arguments always give the same files.

Usage: generate_specs.py COUNT DIR [TEMPLATE]
"""

import os
import re
import sys

# The lines varied per copy: (YAML path, pattern of the line, its replacement for copy N).
VARIED = [
    ("name", r"^name: .*$", "name: pg-{n:05d}"),
    ("recovery.name", r"^  name: pg-primary-recovered-db$", "  name: pg-{n:05d}-recovered"),
    ("backup.storageAccount", r"^  storageAccount: .*$", "  storageAccount: pgbench{n:05d}bk"),
    ("azure.identity.name", r"^    name: pg-primary-identity$", "    name: pg-{n:05d}-identity"),
    ("expose.dnsLabel", r"^  dnsLabel: .*$", "  dnsLabel: pg-{n:05d}-bench"),
    ("expose.publicIP", r"^  publicIP: .*$", "  publicIP: aks-pg-{n:05d}-pip"),
]


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    count, directory = int(sys.argv[1]), sys.argv[2]
    template_path = sys.argv[3] if len(sys.argv) == 4 else "Examples/aks-ha.yaml"
    with open(template_path) as file:
        template = file.read()
    for path, pattern, _ in VARIED:
        if len(re.findall(pattern, template, flags=re.MULTILINE)) != 1:
            sys.exit(f"error: {template_path} has no single line for {path} matching {pattern!r}; update VARIED")
    os.makedirs(directory, exist_ok=True)
    for n in range(1, count + 1):
        text = template
        for _, pattern, replacement in VARIED:
            text = re.sub(pattern, replacement.format(n=n), text, count=1, flags=re.MULTILINE)
        with open(os.path.join(directory, f"spec-{n:05d}.yaml"), "w") as file:
            file.write(text)


if __name__ == "__main__":
    main()
