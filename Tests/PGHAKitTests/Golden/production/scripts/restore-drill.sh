#!/usr/bin/env bash
# restore-drill.sh: Restores the backups of pg-prod into the recovery cluster pg-prod-recovered and checks that a row written just before came back.
# Rendered by pgha 0.1.0 from production.yaml. Do not edit: change the spec and render again.
# Usage: scripts/restore-drill.sh [--dry-run] (--help for details)
set -euo pipefail

# Values from the spec, checked by pgha and single-quoted: none of them can run a command.
# Kubernetes
CLUSTER_NAME='pg-prod'
NAMESPACE='databases'
ON_DEMAND_BACKUP='pg-prod-on-demand'
RECOVERY_NAME='pg-prod-recovered'
RESOURCE_GROUP='rg-pg-prod'
AKS_CLUSTER='aks-pg-prod'
IDENTITY_NAME='pg-prod-identity'

OUT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DRY_RUN=0

usage() {
  cat <<'USAGE'
Usage: scripts/restore-drill.sh [--dry-run]

Restores the backups of pg-prod into the recovery cluster pg-prod-recovered and checks that a row written just before came back.

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

# Whether a command succeeds, quietly: succeeds DRY_RUN_ANSWER COMMAND... (with --dry-run: prints it and
# returns DRY_RUN_ANSWER).
succeeds() {
  local dry_run_answer=$1
  shift
  log "+ $(quote_args "$@")"
  if [ "$DRY_RUN" = 1 ]; then return "$dry_run_answer"; fi
  "$@" >/dev/null 2>&1
}

exists() { succeeds 1 "$@"; }

# Whether a command prints exactly TEXT: prints TEXT COMMAND... (with --dry-run: prints it and answers no).
prints() {
  local expected=$1
  shift
  log "+ $(quote_args "$@")"
  if [ "$DRY_RUN" = 1 ]; then return 1; fi
  [ "$("$@" 2>/dev/null)" = "$expected" ]
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
    require_tools az kubectl openssl
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
  heading 'Workload identity'
  CLIENT_ID="$(read_value CLIENT_ID az identity show \
      --name "$IDENTITY_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --query clientId \
      --output tsv)"
  if [ "$DRY_RUN" = 0 ] && ! grep -qF -- "$CLIENT_ID" "$OUT_DIR/oneoff/cluster-pg-prod-recovered.yaml"; then
    fail "$OUT_DIR/oneoff/cluster-pg-prod-recovered.yaml does not carry the client ID of ${IDENTITY_NAME} ($CLIENT_ID): run deploy.sh first, or render again with --identity-client-id"
  fi
  heading "Federated credential for $RECOVERY_NAME"
  OIDC_ISSUER="$(read_value OIDC_ISSUER az aks show \
      --name "$AKS_CLUSTER" \
      --resource-group "$RESOURCE_GROUP" \
      --query oidcIssuerProfile.issuerUrl \
      --output tsv)"
  if prints "$OIDC_ISSUER system:serviceaccount:$NAMESPACE:$RECOVERY_NAME" az identity federated-credential show \
      --name "$RECOVERY_NAME" \
      --identity-name "$IDENTITY_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --query 'join('\'' '\'', [issuer, subject])' \
      --output tsv; then
    log "= federated credential $RECOVERY_NAME exists"
  else
    if exists az identity federated-credential show \
        --name "$RECOVERY_NAME" \
        --identity-name "$IDENTITY_NAME" \
        --resource-group "$RESOURCE_GROUP"; then
      run az identity federated-credential update \
          --name "$RECOVERY_NAME" \
          --identity-name "$IDENTITY_NAME" \
          --resource-group "$RESOURCE_GROUP" \
          --issuer "$OIDC_ISSUER" \
          --subject "system:serviceaccount:$NAMESPACE:$RECOVERY_NAME" \
          --audiences api://AzureADTokenExchange \
          --output none
    else
      run az identity federated-credential create \
          --name "$RECOVERY_NAME" \
          --identity-name "$IDENTITY_NAME" \
          --resource-group "$RESOURCE_GROUP" \
          --issuer "$OIDC_ISSUER" \
          --subject "system:serviceaccount:$NAMESPACE:$RECOVERY_NAME" \
          --audiences api://AzureADTokenExchange \
          --output none
    fi
  fi
  heading 'Recovery cluster of an earlier drill'
  run kubectl delete "clusters.postgresql.cnpg.io/$RECOVERY_NAME" \
      --ignore-not-found \
      --wait \
      --namespace "$NAMESPACE" \
      --context "$AKS_CLUSTER"
  heading "Marker row in $CLUSTER_NAME"
  PRIMARY_POD="$(read_value PRIMARY_POD kubectl get "clusters.postgresql.cnpg.io/$CLUSTER_NAME" \
      --output 'jsonpath={.status.currentPrimary}' \
      --namespace "$NAMESPACE" \
      --context "$AKS_CLUSTER")"
  MARKER="$(read_value MARKER openssl rand -hex 8)"
  run kubectl exec "$PRIMARY_POD" \
      --container postgres \
      --namespace "$NAMESPACE" \
      --context "$AKS_CLUSTER" \
      -- psql \
      --dbname postgres \
      --no-psqlrc \
      --no-align \
      --tuples-only \
      --set ON_ERROR_STOP=1 \
      --command 'CREATE TABLE IF NOT EXISTS pgha_restore_drill (marker text PRIMARY KEY, written_at timestamptz NOT NULL DEFAULT now())' \
      --command "INSERT INTO pgha_restore_drill (marker) VALUES ('$MARKER')"
  heading "Backup $ON_DEMAND_BACKUP"
  run kubectl delete "backups.postgresql.cnpg.io/$ON_DEMAND_BACKUP" \
      --ignore-not-found \
      --namespace "$NAMESPACE" \
      --context "$AKS_CLUSTER"
  run kubectl apply \
      --filename "$OUT_DIR/oneoff/backup-pg-prod-on-demand.yaml" \
      --context "$AKS_CLUSTER"
  run kubectl wait "backups.postgresql.cnpg.io/$ON_DEMAND_BACKUP" \
      '--for=jsonpath={.status.phase}=completed' \
      --timeout=60m \
      --namespace "$NAMESPACE" \
      --context "$AKS_CLUSTER"
  heading "Recovery cluster $RECOVERY_NAME"
  run kubectl apply \
      --filename "$OUT_DIR/oneoff/cluster-pg-prod-recovered.yaml" \
      --context "$AKS_CLUSTER"
  run kubectl wait "clusters.postgresql.cnpg.io/$RECOVERY_NAME" \
      --for=condition=Ready \
      --timeout=60m \
      --namespace "$NAMESPACE" \
      --context "$AKS_CLUSTER"
  heading 'Restored data'
  RECOVERED_POD="$(read_value RECOVERED_POD kubectl get "clusters.postgresql.cnpg.io/$RECOVERY_NAME" \
      --output 'jsonpath={.status.currentPrimary}' \
      --namespace "$NAMESPACE" \
      --context "$AKS_CLUSTER")"
  FOUND="$(read_value FOUND kubectl exec "$RECOVERED_POD" \
      --container postgres \
      --namespace "$NAMESPACE" \
      --context "$AKS_CLUSTER" \
      -- psql \
      --dbname postgres \
      --no-psqlrc \
      --no-align \
      --tuples-only \
      --set ON_ERROR_STOP=1 \
      --command "SELECT count(*) FROM pgha_restore_drill WHERE marker = '$MARKER'")"
  if [ "$DRY_RUN" = 0 ] && [ "$FOUND" != 1 ]; then
    fail "${RECOVERY_NAME} does not hold the marker row $MARKER written to ${CLUSTER_NAME} before the backup"
  fi
  log "restore drill passed: $RECOVERY_NAME holds the row written to $CLUSTER_NAME before the backup"
  log "$RECOVERY_NAME keeps running for inspection; remove it with: kubectl delete clusters.postgresql.cnpg.io/$RECOVERY_NAME --namespace $NAMESPACE --context $AKS_CLUSTER (cleanup.sh deletes its federated credential)"
}

main "$@"
