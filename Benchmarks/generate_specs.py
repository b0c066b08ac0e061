#!/usr/bin/env python3
"""Writes COUNT distinct, valid pgha specs into DIR (spec-00001.yaml, ...) for the fleet benchmark.

The specs vary the way a real fleet does: names and namespaces, instance counts and zones, CPU and memory,
storage sizes and classes, PostgreSQL versions and parameters, backups, recovery drills, monitoring and public
endpoints. The same COUNT always gives the same files (fixed seed), so runs compare.

Usage: generate_specs.py COUNT DIR
"""

import os
import random
import sys

TEAMS = ["payments", "orders", "search", "identity", "billing", "catalog", "ledger", "growth", "risk", "media"]
WORDS = ["alpha", "bravo", "cedar", "delta", "ember", "fjord", "grove", "harbor", "iris", "juniper", "kestrel",
         "lumen", "maple", "nova", "onyx", "pine", "quartz", "raven", "sierra", "tundra"]
LOCATIONS = ["westeurope", "northeurope", "eastus2", "westus3", "canadacentral", "uksouth"]
SIZES = [("1", "4Gi", 4096), ("2", "8Gi", 8192), ("4", "16Gi", 16384), ("8", "32Gi", 32768)]


def spec(index, rng):
    team = TEAMS[index % len(TEAMS)]
    name = f"{rng.choice(WORDS)}-{team[:4]}-{index:05d}"
    cpu, memory, memory_mb = rng.choice(SIZES)
    instances = rng.choice([1, 2, 3, 3, 3, 5])
    zones = ["1", "2", "3"] if instances >= 3 else ["1", "2", "3"][:max(instances, 1)]
    shared_buffers_mb = memory_mb // 4
    max_connections = rng.choice([100, 200, 300])
    work_mem_mb = rng.choice([mb for mb in (4, 8, 16) if mb * max_connections <= memory_mb])
    lines = [
        "apiVersion: pgha/v1alpha1",
        "kind: PostgresCluster",
        f"name: {name}",
        f"namespace: {team}-{index % 7}",
        f"instances: {instances}",
        f"zones: [{', '.join(repr(zone).replace(chr(39), chr(34)) for zone in zones)}]",
        "operator:",
        f"  version: \"{rng.choice(['1.25', '1.27', '1.28', '1.29', '1.30', '1.30'])}\"",
        "postgres:",
        f"  version: {rng.choice([15, 16, 17])}",
        "  parameters:",
        f"    shared_buffers: {shared_buffers_mb}MB",
        f"    effective_cache_size: {shared_buffers_mb * 3}MB",
        f"    max_connections: \"{max_connections}\"",
        f"    work_mem: {work_mem_mb}MB",
        f"    checkpoint_timeout: {rng.choice([5, 10, 15])}min",
    ]
    if rng.random() < 0.5:
        lines.append(f"    log_min_duration_statement: \"{rng.choice([250, 500, 1000])}\"")
    lines += [
        "resources:",
        f"  cpu: \"{cpu}\"",
        f"  memory: {memory}",
        "storage:",
        f"  size: {rng.choice([32, 64, 128, 256])}Gi",
        f"  storageClass: {rng.choice(['managed-csi-premium', 'managed-csi'])}",
    ]
    if rng.random() < 0.6:
        lines += ["  wal:", f"    size: {rng.choice([8, 16, 32])}Gi"]
    lines += ["bootstrap:", f"  database: {team}", f"  owner: {team}_app"]
    if instances == 1:
        lines += ["replication:", "  syncReplicas: 0"]
    if rng.random() < 0.7:
        lines += [
            "backup:",
            f"  storageAccount: bk{index:05d}{team[:6]}",
            f"  retention: {rng.choice(['7d', '14d', '30d', '4w'])}",
            f"  schedule: \"0 {rng.randrange(60)} {rng.randrange(24)} * * *\"",
            f"  onDemand: {rng.choice(['true', 'false'])}",
        ]
        if rng.random() < 0.4:
            lines.append("recovery: {}")
    managed_prometheus = rng.random() < 0.5
    lines += ["monitoring:", f"  prometheus: {rng.choice(['true', 'false'])}",
              f"  managedPrometheus: {'true' if managed_prometheus else 'false'}"]
    if rng.random() < 0.3:
        lines += [
            "expose:",
            f"  allowedSourceRanges: [\"203.0.113.{index % 256}/32\"]",
            f"  dnsLabel: {name}",
        ]
    lines += ["azure:", f"  location: {rng.choice(LOCATIONS)}",
              "  identity:", f"    clientID: {index:08x}-5b8d-4e9a-9c6f-1d2e3f4a5b6c"]
    if managed_prometheus:
        lines.append(f"  grafana: grafana-{index:05d}")
    return "\n".join(lines) + "\n"


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    count, directory = int(sys.argv[1]), sys.argv[2]
    os.makedirs(directory, exist_ok=True)
    rng = random.Random(20240601 + count)
    for index in range(1, count + 1):
        with open(os.path.join(directory, f"spec-{index:05d}.yaml"), "w") as file:
            file.write(spec(index, rng))


if __name__ == "__main__":
    main()
