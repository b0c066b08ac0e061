#!/usr/bin/env bash
# failover-drill.sh: Deletes the pod of pg-prod's primary, as in an unplanned outage, and checks that a standby takes over.
# Rendered by pgha 0.1.0 from production.yaml. Do not edit: change the spec and render again.
# Usage: scripts/failover-drill.sh [--dry-run] (--help for details)
set -euo pipefail

# Values from the spec, checked by pgha and single-quoted: none of them can run a command.
# Kubernetes
CLUSTER_NAME='pg-prod'
NAMESPACE='databases'
RESOURCE_GROUP='rg-pg-prod'
AKS_CLUSTER='aks-pg-prod'

DRY_RUN=0

usage() {
  cat <<'USAGE'
Usage: scripts/failover-drill.sh [--dry-run]

Deletes the pod of pg-prod's primary, as in an unplanned outage, and checks that a standby takes over.

Options:
  --dry-run   Print every command instead of running it.
  -h, --help  Show this help.
USAGE
}

log() { printf '%s\n' "$*"; }
heading() { printf '\n==> %s\n' "$*"; }
fail() {
  printf 'error: %s\n' "$*" >&2
  exit 1
}
quote_args() {
  local quoted
  printf -v quoted ' %q' "$@"
  printf '%s' "${quoted# }"
}

# Prints a command, then runs it (unless --dry-run).
run() {
  log "+ $(quote_args "$@")"
  if [ "$DRY_RUN" = 1 ]; then return 0; fi
  "$@"
}

# The output of a command, which must print something: read_value NAME COMMAND...
# With --dry-run, prints the command and answers <NAME>.
read_value() {
  local name=$1 value
  shift
  printf '+ %s=%s(%s)\n' "$name" '$' "$(quote_args "$@")" >&3
  if [ "$DRY_RUN" = 1 ]; then
    printf '<%s>\n' "$name"
    return 0
  fi
  value="$("$@")" || fail "$(quote_args "$@") failed"
  [ -n "$value" ] || fail "$(quote_args "$@") printed nothing"
  printf '%s\n' "$value"
}

require_tools() {
  local tool missing=''
  for tool in "$@"; do
    command -v "$tool" >/dev/null 2>&1 || missing="$missing $tool"
  done
  if [ -n "$missing" ]; then
    fail "missing on PATH:$missing (Docs/deploy.md, Prerequisites, says where to get each)"
  fi
}

parse_options() {
  while [ "$#" -gt 0 ]; do
    case "$1" in
      --dry-run) DRY_RUN=1 ;;
      -h | --help)
        usage
        exit 0
        ;;
      *) fail "unknown option $1 (see --help)" ;;
    esac
    shift
  done
}

main() {
  exec 3>&1
  parse_options "$@"
  if [ "$DRY_RUN" = 0 ]; then
    require_tools az kubectl
  fi
  heading 'Azure subscription'
  SUBSCRIPTION="$(read_value SUBSCRIPTION az account show --query name --output tsv)"
  log "subscription: $SUBSCRIPTION"
  heading "Kubernetes credentials for $AKS_CLUSTER"
  run az aks get-credentials \
      --name "$AKS_CLUSTER" \
      --resource-group "$RESOURCE_GROUP" \
      --overwrite-existing \
      --output none
  heading "Instances of $CLUSTER_NAME"
  run kubectl get pods \
      --selector "cnpg.io/cluster=$CLUSTER_NAME" \
      --label-columns cnpg.io/instanceRole \
      --output wide \
      --namespace "$NAMESPACE" \
      --context "$AKS_CLUSTER"
  OLD_PRIMARY="$(read_value OLD_PRIMARY kubectl get pods \
      --selector "cnpg.io/cluster=$CLUSTER_NAME,cnpg.io/instanceRole=primary" \
      --output 'jsonpath={.items[*].metadata.name}' \
      --namespace "$NAMESPACE" \
      --context "$AKS_CLUSTER")"
  heading "Failing the primary $OLD_PRIMARY"
  run kubectl delete pod "$OLD_PRIMARY" \
      --grace-period=1 \
      --namespace "$NAMESPACE" \
      --context "$AKS_CLUSTER"
  if [ "$DRY_RUN" = 1 ]; then
    log '# wait until another instance is labelled cnpg.io/instanceRole=primary'
  else
    local new_primary='' attempt=0
    while [ "$attempt" -lt 60 ]; do
      new_primary="$(kubectl get pods --selector "cnpg.io/cluster=$CLUSTER_NAME,cnpg.io/instanceRole=primary" --output 'jsonpath={.items[*].metadata.name}' --namespace "$NAMESPACE" --context "$AKS_CLUSTER")" || new_primary=''
      if [ -n "$new_primary" ] && [ "$new_primary" != "$OLD_PRIMARY" ]; then break; fi
      attempt=$((attempt + 1))
      sleep 5
    done
    if [ -z "$new_primary" ] || [ "$new_primary" = "$OLD_PRIMARY" ]; then
      fail "no standby took over from $OLD_PRIMARY within 5 minutes"
    fi
    log "$new_primary took over from $OLD_PRIMARY"
  fi
  run kubectl wait "clusters.postgresql.cnpg.io/$CLUSTER_NAME" \
      --for=condition=Ready \
      --timeout=15m \
      --namespace "$NAMESPACE" \
      --context "$AKS_CLUSTER"
  heading 'Instances after the failover'
  run kubectl get pods \
      --selector "cnpg.io/cluster=$CLUSTER_NAME" \
      --label-columns cnpg.io/instanceRole \
      --output wide \
      --namespace "$NAMESPACE" \
      --context "$AKS_CLUSTER"
  log "failover drill passed; to make $OLD_PRIMARY primary again: kubectl cnpg promote $CLUSTER_NAME $OLD_PRIMARY --namespace $NAMESPACE --context $AKS_CLUSTER"
}

main "$@"
