#!/usr/bin/env bash
# Runs the recipes of Docs/gitops.md against the pgha on PATH: the pre-commit hooks through `pre-commit try-repo`,
# the GitHub Actions steps and the Argo CD generate command read from Docs/gitops.md, and the Flux check.
# Needs git, python3 with PyYAML, and pre-commit (pip install pre-commit).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
for tool in pgha git python3 pre-commit; do
  command -v "$tool" >/dev/null 2>&1 || { echo "error: $tool is not on PATH" >&2; exit 1; }
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export PRE_COMMIT_HOME="$work/pre-commit-cache"
fail() { echo "FAIL: $*" >&2; exit 1; }
pass() { echo "ok: $*"; }

# The block of Docs/gitops.md marked `<!-- tested: NAME -->`, as JSON.
block() {
  python3 - "$root/Docs/gitops.md" "$1" <<'PY'
import json, sys, yaml
text = open(sys.argv[1]).read()
marker = "<!-- tested: %s -->\n```yaml\n" % sys.argv[2]
start = text.index(marker) + len(marker)
print(json.dumps(yaml.safe_load(text[start:text.index("\n```\n", start)])))
PY
}

# A repository of specs, rendered and committed on main, with a pull request branch that scales orders out.
repo="$work/databases"
mkdir -p "$repo/specs"
cp "$root/Examples/minimal.yaml" "$repo/specs/orders.yaml"
cd "$repo"
git init -q -b main
git config user.email ci@example.com
git config user.name CI
pgha render specs -o rendered
git add -A && git commit -q -m "orders"

# pre-commit: both hooks pass on the clean tree.
pre-commit try-repo "$root" pgha-check --all-files > "$work/hook.txt" 2>&1 || { cat "$work/hook.txt"; fail "pgha-check on a clean tree"; }
pre-commit try-repo "$root" pgha-validate --all-files > "$work/hook.txt" 2>&1 || { cat "$work/hook.txt"; fail "pgha-validate on a clean tree"; }
pass "pre-commit hooks pass on a clean tree"

git checkout -q -b scale-out
echo 'instances: 5' >> specs/orders.yaml
git add -A
if pre-commit try-repo "$root" pgha-check --all-files > "$work/hook.txt" 2>&1; then fail "pgha-check passed with a stale rendering"; fi
grep -q "impact: scale: cnpg-database/orders: instances: scale out 3 -> 5" "$work/hook.txt" || { cat "$work/hook.txt"; fail "pgha-check does not show the impact"; }
pass "pgha-check fails on a stale rendering, with the impact"

# Flux: the check CI runs on the committed rendering.
if pgha check specs --output rendered > /dev/null 2>&1; then fail "pgha check passed with a stale rendering"; fi
pgha render specs -o rendered
pgha check specs --output rendered || fail "pgha check after rendering again"
git add -A && git commit -q -m "orders: 5 instances"
pass "Flux: pgha check fails on a stale rendering and passes on a fresh one"

printf 'apiVersion: pgha/v1alpha1\nkind: PostgresCluster\nname: broken\ninstaces: 3\nazure:\n  location: westus3\n' > specs/broken.yaml
git add -A
if pre-commit try-repo "$root" pgha-validate --files specs/broken.yaml > "$work/hook.txt" 2>&1; then fail "pgha-validate passed an invalid spec"; fi
grep -q "error\[PGHA0010\]: unknown key 'instaces'" "$work/hook.txt" || { cat "$work/hook.txt"; fail "pgha-validate does not say why"; }
git rm -q -f specs/broken.yaml
pass "pgha-validate fails on an invalid spec"

# GitHub Actions: the steps after the install, with the base branch as origin/main.
git remote add origin "$repo" && git fetch -q origin
block github-actions > "$work/workflow.json"
mkdir -p "$work/home"
run_steps() {  # FAIL_ON, expected status of the impact step
  python3 - "$work/workflow.json" "$1" "$work/summary.md" "$work/home" <<'PY'
import json, os, subprocess, sys
workflow = json.load(open(sys.argv[1]))
values = {"BASE_REF": "main", "FAIL_ON": sys.argv[2]}
for step in workflow["jobs"]["pgha"]["steps"]:
    if "run" not in step or step["name"] == "Install pgha":
        continue
    env = dict(os.environ, GITHUB_STEP_SUMMARY=sys.argv[3], HOME=sys.argv[4])
    env.update({key: values[key] if "${{" in value else value for key, value in step.get("env", {}).items()})
    status = subprocess.run(["bash", "-e", "-c", step["run"]], env=env).returncode
    print("%s: %d" % (step["name"], status))
PY
}
run_steps "cluster-deleted,major-upgrade" > "$work/steps.txt"
git worktree remove --force /tmp/base
grep -qx "The rendered output matches the specs: 0" "$work/steps.txt" || { cat "$work/steps.txt"; fail "the check step"; }
grep -qx "Impact of the pull request: 0" "$work/steps.txt" || { cat "$work/steps.txt"; fail "the impact step"; }
grep -q "^impact: scale: cnpg-database/orders: instances: scale out 3 -> 5" "$work/summary.md" || { cat "$work/summary.md"; fail "the job summary"; }
run_steps "scale" > "$work/steps.txt"
git worktree remove --force /tmp/base
grep -qx "Impact of the pull request: 1" "$work/steps.txt" || { cat "$work/steps.txt"; fail "the impact step does not refuse --fail-on scale"; }
# An invalid spec: diff exits 1 with nothing on stdout, which the impact step must not take for a change.
cp specs/orders.yaml "$work/orders.yaml"
echo 'bogus: 1' >> specs/orders.yaml
run_steps "cluster-deleted,major-upgrade" > "$work/steps.txt"
git worktree remove --force /tmp/base
cp "$work/orders.yaml" specs/orders.yaml
grep -qx "Impact of the pull request: 1" "$work/steps.txt" || { cat "$work/steps.txt"; fail "the impact step passes an invalid spec"; }
pass "GitHub Actions: check annotations, impact summary, --fail-on gate, an invalid spec"

# Argo CD: the generate command in an application folder, its output read as YAML documents.
block argocd-cmp > "$work/cmp.json"
app="$work/app"
mkdir -p "$app"
cp "$root/Examples/internal-only.yaml" "$app/pgha.yaml"
cp "$root/Examples/minimal.yaml" "$app/orders.yaml"
python3 - "$work/cmp.json" "$app" <<'PY'
import json, os, subprocess, sys, yaml
plugin = json.load(open(sys.argv[1]))
generate = plugin["spec"]["generate"]
assert plugin["spec"]["discover"]["fileName"] == "pgha.yaml"
for env, name in [({}, "billing"), ({"ARGOCD_ENV_PGHA_SPEC": "orders.yaml"}, "orders")]:
    out = subprocess.run(generate["command"] + generate["args"], cwd=sys.argv[2], env=dict(os.environ, **env),
                         check=True, capture_output=True, text=True).stdout
    documents = [d for d in yaml.safe_load_all(out) if d is not None]
    assert documents, "no manifests"
    for document in documents:
        assert document["apiVersion"] and document["kind"] and document["metadata"]["name"], document
    clusters = [d["metadata"]["name"] for d in documents if d["kind"] == "Cluster"]
    assert clusters == [name], "only the steady-state Cluster, never the one-off recovery one: %s" % clusters
    assert not any(d["kind"] == "Backup" for d in documents), "a one-off Backup on standard output"
PY
pass "Argo CD: the generate command prints the steady-state manifests only, as YAML documents"
