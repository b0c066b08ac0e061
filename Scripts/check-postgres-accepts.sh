#!/usr/bin/env bash
# Asks a real PostgreSQL server whether it accepts the spec.postgresql.parameters of rendered CNPG Clusters.
#
#   bash Scripts/check-postgres-accepts.sh out/cluster-*.yaml
#
# For each postgresql.cnpg.io/v1 Cluster in the files, the parameters that Debian's postgresql-15 server knows are
# written to a scratch data directory's postgresql.auto.conf the way CloudNativePG writes them (name = 'value', quotes
# doubled), and `postgres -C` parses the whole configuration without starting a server. Parameters the server does
# not know, and extension ones (a dot in the name), are skipped and listed. Exits 1 if the server rejects any value
# (its messages are printed), 2 on bad input. A configuration that parses is then used to start the server for
# real (no TCP, a Unix socket in the scratch directory), which also catches values the machine cannot honour. Installs postgresql-15 and PyYAML when missing; as root it runs
# PostgreSQL as the system user pgha-check, creating it if needed.
set -euo pipefail

if [ "$#" -eq 0 ]; then
  echo "usage: $0 CLUSTER.yaml..." >&2
  exit 2
fi

bindir=/usr/lib/postgresql/15/bin
if [ ! -x "$bindir/postgres" ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 >/dev/null
fi
python3 -c 'import yaml' 2>/dev/null || python3 -m pip install --quiet pyyaml

run_as=()
if [ "$(id -u)" = 0 ]; then
  id -u pgha-check >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin pgha-check
  run_as=(runuser -u pgha-check --)
fi

workdir="$(mktemp -d)"
trap 'rm -rf "$workdir"' EXIT
[ "${#run_as[@]}" -eq 0 ] || chown pgha-check "$workdir"
"${run_as[@]}" "$bindir/initdb" -D "$workdir/data" --auth=trust --no-sync >"$workdir/initdb.log" 2>&1 \
  || { cat "$workdir/initdb.log" >&2; exit 2; }

export PGHA_BINDIR="$bindir" PGHA_DATADIR="$workdir/data"
export PGHA_RUN_AS="${run_as[*]}"
python3 - "$@" <<'PYTHON'
import os
import re
import subprocess
import sys

import yaml

bindir, datadir = os.environ["PGHA_BINDIR"], os.environ["PGHA_DATADIR"]
run_as = os.environ["PGHA_RUN_AS"].split()
auto_conf = os.path.join(datadir, "postgresql.auto.conf")
pristine = open(auto_conf).read()


def bad_input(message):
    print(message, file=sys.stderr)
    sys.exit(2)


def postgres(*args):
    return subprocess.run(run_as + [os.path.join(bindir, "postgres"), *args], capture_output=True, text=True)


def starts(label):
    """Starts the server on the configuration and stops it; prints the server log when it does not start."""
    scratch = os.path.dirname(datadir)
    log = os.path.join(scratch, "server.log")
    pg_ctl = os.path.join(bindir, "pg_ctl")
    start = subprocess.run(run_as + [pg_ctl, "-D", datadir, "-w", "-t", "60", "-l", log,
                                     "-o", f"-c listen_addresses='' -k {scratch}", "start"],
                           capture_output=True, text=True)
    if start.returncode != 0:
        print(f"{label}: PostgreSQL {version} parses the parameters but does not start with them:")
        for message in (open(log).read() if os.path.exists(log) else start.stderr).splitlines():
            print("    " + log_prefix.sub("", message))
        return False
    subprocess.run(run_as + [pg_ctl, "-D", datadir, "-w", "-m", "fast", "stop"], capture_output=True)
    return True


version = re.search(r"\d+(\.\d+)+", postgres("--version").stdout).group(0)
known = {line.split("\t")[0].lower() for line in postgres("--describe-config").stdout.splitlines()}
log_prefix = re.compile(r"^\S+ \S+ \S+ \[\d+\] ")
failed = False

for path in sys.argv[1:]:
    try:
        documents = [doc for doc in yaml.safe_load_all(open(path)) if isinstance(doc, dict)]
    except (OSError, yaml.YAMLError) as error:
        bad_input(f"{path}: {error}")
    clusters = [doc for doc in documents
                if doc.get("apiVersion") == "postgresql.cnpg.io/v1" and doc.get("kind") == "Cluster"]
    if not clusters:
        bad_input(f"{path}: no postgresql.cnpg.io/v1 Cluster")
    for cluster in clusters:
        label = f"{path} ({cluster.get('metadata', {}).get('name', '?')})"
        parameters = ((cluster.get("spec") or {}).get("postgresql") or {}).get("parameters") or {}
        lines, unknown, extension = [], [], []
        for name, value in sorted(parameters.items()):
            if not isinstance(value, str):
                print(f"{label}: {name} is {value!r}, not a string (the Cluster CRD requires strings)")
                failed = True
            elif "." in name:
                extension.append(name)
            elif name.lower() not in known:
                unknown.append(name)
            else:
                lines.append(f"{name} = '{value.replace(chr(39), chr(39) * 2)}'\n")
        with open(auto_conf, "w") as conf:
            conf.write(pristine + "".join(lines))
        result = postgres("-D", datadir, "-C", "shared_buffers")
        if not lines:
            print(f"{label}: no parameters that PostgreSQL {version} knows")
        elif result.returncode == 0 and starts(label):
            print(f"{label}: PostgreSQL {version} accepts all {len(lines)} parameters it knows, and starts with them")
        elif result.returncode == 0:
            failed = True
        else:
            failed = True
            print(f"{label}: PostgreSQL {version} rejects the configuration:")
            for message in result.stderr.splitlines():
                print("    " + log_prefix.sub("", message))
        if unknown:
            print(f"    skipped, unknown to PostgreSQL {version}: {', '.join(unknown)}")
        if extension:
            print(f"    skipped, extension parameters: {', '.join(extension)}")

sys.exit(1 if failed else 0)
PYTHON
