#!/usr/bin/env bash
# restore-drill.sh: Restores the backups of pg-primary into the recovery cluster pg-primary-recovered-db up to a time taken between two marker rows, and checks that only the first came back.
# Rendered by pgha 0.1.0 from aks-ha.yaml. Do not edit: change the spec and render again.
# Usage: scripts/restore-drill.sh [--dry-run] (--help for details)
set -euo pipefail

# Values from the spec, checked by pgha and single-quoted: none of them can run a command.
# Kubernetes
CLUSTER_NAME='pg-primary'
NAMESPACE='cnpg-database'
ON_DEMAND_BACKUP='pg-primary-on-demand'
RECOVERY_NAME='pg-primary-recovered-db'
RESOURCE_GROUP='rg-cnpg-demo'
AKS_CLUSTER='aks-pg-primary'
IDENTITY_NAME='pg-primary-identity'

OUT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DRY_RUN=0

usage() {
  cat <<'USAGE'
Usage: scripts/restore-drill.sh [--dry-run]

Restores the backups of pg-primary into the recovery cluster pg-primary-recovered-db up to a time taken between two marker rows, and checks that only the first came back.

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
  if [ "$DRY_RUN" = 0 ] && ! grep -qF -- "$CLIENT_ID" "$OUT_DIR/oneoff/cluster-pg-primary-recovered-db.yaml"; then
    fail "$OUT_DIR/oneoff/cluster-pg-primary-recovered-db.yaml does not carry the client ID of ${IDENTITY_NAME} ($CLIENT_ID): run deploy.sh first, or render again with --identity-client-id"
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
  PRIMARY_POD="$(read_value PRIMARY_POD kubectl get "clusters.postgresql.cnpg.io/$CLUSTER_NAME" \
      --output 'jsonpath={.status.currentPrimary}' \
      --namespace "$NAMESPACE" \
      --context "$AKS_CLUSTER")"
  heading "Backup $ON_DEMAND_BACKUP"
  run kubectl delete "backups.postgresql.cnpg.io/$ON_DEMAND_BACKUP" \
      --ignore-not-found \
      --namespace "$NAMESPACE" \
      --context "$AKS_CLUSTER"
  run kubectl apply \
      --filename "$OUT_DIR/oneoff/backup-pg-primary-on-demand.yaml" \
      --context "$AKS_CLUSTER"
  if [ "$DRY_RUN" = 1 ]; then
    log "# wait until $ON_DEMAND_BACKUP is completed, stopping when it fails"
  else
    local phase='' attempt=0
    while [ "$attempt" -lt 360 ]; do
      phase="$(kubectl get "backups.postgresql.cnpg.io/$ON_DEMAND_BACKUP" --output 'jsonpath={.status.phase}' --namespace "$NAMESPACE" --context "$AKS_CLUSTER")" || fail "cannot read the phase of Backup ${ON_DEMAND_BACKUP}: see the error above"
      case "$phase" in
        completed) break ;;
        failed) fail "Backup ${ON_DEMAND_BACKUP} failed: $(kubectl get "backups.postgresql.cnpg.io/$ON_DEMAND_BACKUP" --output 'jsonpath={.status.error}' --namespace "$NAMESPACE" --context "$AKS_CLUSTER"): fix the cause (kubectl describe backups.postgresql.cnpg.io/${ON_DEMAND_BACKUP}) and run the drill again" ;;
      esac
      attempt=$((attempt + 1))
      sleep 10
    done
    [ "$phase" = completed ] || fail "Backup ${ON_DEMAND_BACKUP} is still '$phase' after 60 minutes: see kubectl describe backups.postgresql.cnpg.io/${ON_DEMAND_BACKUP}"
    log "Backup ${ON_DEMAND_BACKUP} completed"
  fi
  heading "Markers in $CLUSTER_NAME: A before the target time, B after it"
  MARKER_A="$(read_value MARKER_A openssl rand -hex 8)"
  MARKER_B="$(read_value MARKER_B openssl rand -hex 8)"
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
      --command "INSERT INTO pgha_restore_drill (marker) VALUES ('$MARKER_A')"
  TARGET_TIME="$(read_value TARGET_TIME kubectl exec "$PRIMARY_POD" \
      --container postgres \
      --namespace "$NAMESPACE" \
      --context "$AKS_CLUSTER" \
      -- psql \
      --dbname postgres \
      --no-psqlrc \
      --no-align \
      --tuples-only \
      --set ON_ERROR_STOP=1 \
      --command 'SELECT to_char(now() AT TIME ZONE '\''UTC'\'', '\''YYYY-MM-DD"T"HH24:MI:SS.US"Z"'\'')')"
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
      --command "INSERT INTO pgha_restore_drill (marker) VALUES ('$MARKER_B')"
  heading 'WAL archive'
  WAL_FILE="$(read_value WAL_FILE kubectl exec "$PRIMARY_POD" \
      --container postgres \
      --namespace "$NAMESPACE" \
      --context "$AKS_CLUSTER" \
      -- psql \
      --dbname postgres \
      --no-psqlrc \
      --no-align \
      --tuples-only \
      --set ON_ERROR_STOP=1 \
      --command 'SELECT pg_walfile_name(pg_switch_wal())')"
  if [ "$DRY_RUN" = 1 ]; then
    log "# wait until $WAL_FILE is archived"
  else
    local archived='' attempt=0
    while [ "$attempt" -lt 60 ]; do
      archived="$(kubectl exec "$PRIMARY_POD" --container postgres --namespace "$NAMESPACE" --context "$AKS_CLUSTER" -- psql --dbname postgres --no-psqlrc --no-align --tuples-only --set ON_ERROR_STOP=1 --command "SELECT last_archived_wal >= '$WAL_FILE' FROM pg_stat_archiver")" || archived=''
      if [ "$archived" = t ]; then break; fi
      attempt=$((attempt + 1))
      sleep 10
    done
    [ "$archived" = t ] || fail "$WAL_FILE was not archived within 10 minutes: check the Cluster's ContinuousArchiving condition"
  fi
  heading "Recovery cluster $RECOVERY_NAME, restored to $TARGET_TIME"
  if [ "$DRY_RUN" = 1 ]; then
    log "# apply $OUT_DIR/oneoff/cluster-pg-primary-recovered-db.yaml with bootstrap.recovery.recoveryTarget.targetTime $TARGET_TIME"
  else
    local manifest
    manifest="$(kubectl patch --local --filename "$OUT_DIR/oneoff/cluster-pg-primary-recovered-db.yaml" --type json --patch "[{\"op\":\"add\",\"path\":\"/spec/bootstrap/recovery/recoveryTarget\",\"value\":{\"targetTime\":\"$TARGET_TIME\"}}]" --output yaml --context "$AKS_CLUSTER")" || fail "cannot set the target time in $OUT_DIR/oneoff/cluster-pg-primary-recovered-db.yaml: see the error above"
    kubectl apply --filename - --context "$AKS_CLUSTER" <<<"$manifest"
  fi
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
      --command "SELECT count(*) FILTER (WHERE marker = '$MARKER_A') || ' ' || count(*) FILTER (WHERE marker = '$MARKER_B') FROM pgha_restore_drill")"
  if [ "$DRY_RUN" = 0 ] && [ "$FOUND" != '1 0' ]; then
    case "$FOUND" in
      0\ *) fail "${RECOVERY_NAME} does not hold marker A ($MARKER_A), written to ${CLUSTER_NAME} before $TARGET_TIME" ;;
      *) fail "${RECOVERY_NAME} holds marker B ($MARKER_B), written to ${CLUSTER_NAME} after $TARGET_TIME: recovery did not stop at the target time" ;;
    esac
  fi
  log "restore drill passed: $RECOVERY_NAME holds marker A, written before $TARGET_TIME, and not marker B, written after"
  log "$RECOVERY_NAME keeps running for inspection; remove it with: kubectl delete clusters.postgresql.cnpg.io/$RECOVERY_NAME --namespace $NAMESPACE --context $AKS_CLUSTER (cleanup.sh deletes its federated credential)"
}

main "$@"
