#!/usr/bin/env bash
# restore-drill.sh: Restores the backups of billing into the recovery cluster billing-recovered up to a time taken between two marker rows, and checks that only the first came back.
# Rendered by pgha 0.1.0 from internal-only.yaml. Do not edit: change the spec and render again.
# Usage: scripts/restore-drill.sh [--dry-run] (--help for details)
if [ -z "${BASH_VERSION:-}" ]; then echo "run it with bash: bash $0" >&2; exit 2; fi
set -euo pipefail

# Values from the spec, checked by pgha and single-quoted: none of them can run a command.
# Kubernetes
CLUSTER_NAME='billing'
NAMESPACE='payments'
ON_DEMAND_BACKUP='billing-on-demand'
RECOVERY_NAME='billing-recovered'
RESOURCE_GROUP='rg-payments'
AKS_CLUSTER='aks-payments'
IDENTITY_NAME='billing-identity'

OUT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DRY_RUN=0
PGHA_KUBECONFIG="${PGHA_KUBECONFIG:-${XDG_CACHE_HOME:-$HOME/.cache}/pgha/payments/billing/kubeconfig}"
export KUBECONFIG="$PGHA_KUBECONFIG"

usage() {
  cat <<'USAGE'
Usage: scripts/restore-drill.sh [--dry-run]

Restores the backups of billing into the recovery cluster billing-recovered up to a time taken between two marker rows, and checks that only the first came back.

Options:
  --dry-run   Print the plan: run only read-only probes, and print what would be created, updated or deleted.
  -h, --help  Show this help.

Environment:
  PGHA_KUBECONFIG  The kubeconfig file the AKS cluster's credentials go to, which every kubectl and helm call reads; cleanup.sh deletes it (default: ~/.cache/pgha/payments/billing/kubeconfig, under $XDG_CACHE_HOME when set). Never ~/.kube/config: a file of its own, holding no other context.
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

# Prints a command, then runs it. With --dry-run, prints it as a step of the plan instead, named by its
# verb: create, update, delete or run.
run() {
  if [ "$DRY_RUN" = 1 ]; then
    local action=run
    case " $* " in
      *" delete "*) action=delete ;;
      *" create "* | *" add "*) action=create ;;
      *" update "* | *" upgrade "* | *" apply "*) action=update ;;
    esac
    log "plan: $action: $(quote_args "$@")"
    return 0
  fi
  log "+ $(quote_args "$@")"
  "$@"
}

# Whether an argument holds a --dry-run placeholder such as <CLIENT_ID>: has_placeholder ARGUMENT...
has_placeholder() {
  local argument
  for argument in "$@"; do
    case "$argument" in *'<'[A-Z]*'>'*) return 0 ;; esac
  done
  return 1
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

# The output of a read-only command: look_up NAME COMMAND... As read_value, but with --dry-run it reads
# too, answering <NAME> when the command cannot answer yet (what it reads does not exist).
look_up() {
  local name=$1 value
  if [ "$DRY_RUN" = 0 ]; then
    read_value "$@"
    return
  fi
  shift
  printf '+ %s=%s(%s)\n' "$name" '$' "$(quote_args "$@")" >&3
  if ! has_placeholder "$@" && value="$("$@" 2>/dev/null)" && [ -n "$value" ]; then
    printf '%s\n' "$value"
  else
    printf '<%s>\n' "$name"
  fi
}

# Whether something exists: probe DRY_RUN_ANSWER COMMAND... runs a read-only command, keeping its output in
# PROBE_OUTPUT. Only a "not found" answer means it does not exist; any other failure (sign-in, network,
# permissions) stops the script rather than be taken for "absent". With --dry-run it asks too, but where it
# cannot (a value an earlier step would read, a failure) it says so and answers DRY_RUN_ANSWER.
# shellcheck disable=SC2034 # PROBE_OUTPUT is read by the steps that test a probe's output
probe() {
  local dry_run_answer=$1 errors status
  shift
  log "+ $(quote_args "$@")"
  PROBE_OUTPUT=''
  if [ "$DRY_RUN" = 1 ] && has_placeholder "$@"; then
    log "  plan: unknown until the steps before it have run"
    return "$dry_run_answer"
  fi
  {
    IFS= read -r -d '' errors
    IFS= read -r -d '' PROBE_OUTPUT
    IFS= read -r -d '' status
  } < <(
    exec 2>&1
    if output="$("$@")"; then status=0; else status=$?; fi
    printf '\0%s\0%s\0' "$output" "$status"
  )
  if [ "$status" = 0 ]; then return 0; fi
  case "$errors" in
    *SubscriptionNotFound*) ;;
    *NotFound*|*'release: not found'*|*'The extension '*' is not installed.'*) return 1 ;;
  esac
  printf '%s\n' "$errors" >&2
  if [ "$DRY_RUN" = 1 ]; then
    log "  plan: unknown, the probe failed (exit $status)"
    return "$dry_run_answer"
  fi
  fail "$(quote_args "$@") failed (exit $status), and not because it was not found: stopping rather than guess whether it exists. Fix the cause (an expired sign-in: az login; the wrong subscription: az account set; no network; a missing permission) and run the script again."
}

# Whether the kubeconfig in KUBECONFIG (PGHA_KUBECONFIG) is pgha's own: kubeconfig_is_ours AKS_CLUSTER answers yes
# when the file does not exist or holds no context but AKS_CLUSTER's, so writing or deleting it loses nothing else.
kubeconfig_is_ours() {
  local contexts
  [ -e "$KUBECONFIG" ] || return 0
  contexts="$(kubectl config get-contexts --output name)" \
    || fail "cannot read the kubeconfig $KUBECONFIG: fix or delete it (PGHA_KUBECONFIG names it), then run the script again"
  [ -z "$(printf '%s\n' "$contexts" | grep -v -x -F -e "$1" -e '' || true)" ]
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
  if [ "$DRY_RUN" = 1 ]; then
    log 'PLAN (--dry-run): read-only probes run; "plan:" lines say what a run would create, update or delete; nothing is changed.'
  fi
  if [ "$DRY_RUN" = 0 ]; then
    require_tools az kubectl openssl
  fi
  if ! kubeconfig_is_ours "$AKS_CLUSTER"; then
    fail "the kubeconfig $KUBECONFIG holds contexts besides ${AKS_CLUSTER}: pgha's scripts write the AKS cluster's credentials to a kubeconfig of their own and cleanup.sh deletes it. Set PGHA_KUBECONFIG to a new file (or unset it for the default), then run the script again"
  fi
  heading 'Azure subscription'
  SUBSCRIPTION="$(look_up SUBSCRIPTION az account show --query name --output tsv)"
  SUBSCRIPTION_ID="$(look_up SUBSCRIPTION_ID az account show --query id --output tsv)"
  log "subscription: $SUBSCRIPTION ($SUBSCRIPTION_ID)"
  log "azure.subscription is not set: add 'subscription: $SUBSCRIPTION_ID' under azure in the spec so that every script refuses another subscription"
  heading "Kubernetes credentials for $AKS_CLUSTER"
  run az aks get-credentials \
      --name "$AKS_CLUSTER" \
      --resource-group "$RESOURCE_GROUP" \
      --file "$KUBECONFIG" \
      --overwrite-existing \
      --output none
  heading 'Workload identity'
  CLIENT_ID="$(look_up CLIENT_ID az identity show \
      --name "$IDENTITY_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --query clientId \
      --output tsv)"
  if [ "$DRY_RUN" = 0 ] && ! grep -qF -- "$CLIENT_ID" "$OUT_DIR/oneoff/cluster-billing-recovered.yaml"; then
    fail "$OUT_DIR/oneoff/cluster-billing-recovered.yaml does not carry the client ID of ${IDENTITY_NAME} ($CLIENT_ID): run deploy.sh first, or render again with --identity-client-id"
  fi
  heading "Federated credential for $RECOVERY_NAME"
  OIDC_ISSUER="$(look_up OIDC_ISSUER az aks show \
      --name "$AKS_CLUSTER" \
      --resource-group "$RESOURCE_GROUP" \
      --query oidcIssuerProfile.issuerUrl \
      --output tsv)"
  if probe 1 az identity federated-credential show \
      --name "$RECOVERY_NAME" \
      --identity-name "$IDENTITY_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --query 'join('\'' '\'', [issuer, subject])' \
      --output tsv && [ "$PROBE_OUTPUT" = "$OIDC_ISSUER system:serviceaccount:$NAMESPACE:$RECOVERY_NAME" ]; then
    log "= federated credential $RECOVERY_NAME exists"
  else
    if probe 1 az identity federated-credential show \
        --name "$RECOVERY_NAME" \
        --identity-name "$IDENTITY_NAME" \
        --resource-group "$RESOURCE_GROUP" \
        --query subject \
        --output tsv && [ -n "$PROBE_OUTPUT" ]; then
      if [ "$PROBE_OUTPUT" != "system:serviceaccount:$NAMESPACE:$RECOVERY_NAME" ]; then
        fail "the federated credential ${RECOVERY_NAME} of managed identity ${IDENTITY_NAME} is for $PROBE_OUTPUT, not for system:serviceaccount:$NAMESPACE:${RECOVERY_NAME}: it is another cluster's (one of the same name in another namespace uses this identity), and pgha does not take it. Give this spec an identity of its own (set azure.identity.name, say to $NAMESPACE-$CLUSTER_NAME-identity) and render again; or, if nothing uses that credential any more, delete it with az identity federated-credential delete --name ${RECOVERY_NAME} --identity-name ${IDENTITY_NAME} --resource-group ${RESOURCE_GROUP} --yes and run this script again"
      fi
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
  if probe 1 kubectl get "clusters.postgresql.cnpg.io/$RECOVERY_NAME" \
      --output 'jsonpath={.metadata.annotations.pgha\.io/restore-drill}' \
      --namespace "$NAMESPACE" \
      --context "$AKS_CLUSTER"; then
    if [ -z "$PROBE_OUTPUT" ]; then
      fail "the Cluster ${RECOVERY_NAME} exists without the annotation pgha.io/restore-drill, so no restore drill created it: it may be a real recovery, which the drill never deletes. Delete it by hand once it is no longer needed (kubectl delete clusters.postgresql.cnpg.io/$RECOVERY_NAME --namespace $NAMESPACE --context $AKS_CLUSTER --kubeconfig ${KUBECONFIG}), or set another recovery.name in the spec and render again. If a drill of an earlier pgha made it (drills mark their Cluster since this version), mark it and run the drill again: kubectl annotate clusters.postgresql.cnpg.io/$RECOVERY_NAME pgha.io/restore-drill=earlier-drill --namespace $NAMESPACE --context $AKS_CLUSTER --kubeconfig ${KUBECONFIG}"
    fi
    run kubectl delete "clusters.postgresql.cnpg.io/$RECOVERY_NAME" \
        --ignore-not-found \
        --wait \
        --namespace "$NAMESPACE" \
        --context "$AKS_CLUSTER"
  else
    log "= no Cluster $RECOVERY_NAME"
  fi
  PRIMARY_POD="$(look_up PRIMARY_POD kubectl get "clusters.postgresql.cnpg.io/$CLUSTER_NAME" \
      --output 'jsonpath={.status.currentPrimary}' \
      --namespace "$NAMESPACE" \
      --context "$AKS_CLUSTER")"
  heading "Backup $ON_DEMAND_BACKUP"
  run kubectl delete "backups.postgresql.cnpg.io/$ON_DEMAND_BACKUP" \
      --ignore-not-found \
      --namespace "$NAMESPACE" \
      --context "$AKS_CLUSTER"
  run kubectl apply \
      --filename "$OUT_DIR/oneoff/backup-billing-on-demand.yaml" \
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
    log "# apply $OUT_DIR/oneoff/cluster-billing-recovered.yaml with bootstrap.recovery.recoveryTarget.targetTime $TARGET_TIME and the annotation pgha.io/restore-drill"
  else
    local manifest
    manifest="$(kubectl patch --local --filename "$OUT_DIR/oneoff/cluster-billing-recovered.yaml" --type json --patch "[{\"op\":\"add\",\"path\":\"/metadata/annotations\",\"value\":{\"pgha.io/restore-drill\":\"$TARGET_TIME\"}},{\"op\":\"add\",\"path\":\"/spec/bootstrap/recovery/recoveryTarget\",\"value\":{\"targetTime\":\"$TARGET_TIME\"}}]" --output yaml --context "$AKS_CLUSTER")" || fail "cannot set the target time in $OUT_DIR/oneoff/cluster-billing-recovered.yaml: see the error above"
    kubectl apply --filename - --context "$AKS_CLUSTER" <<<"$manifest"
  fi
  run kubectl wait "clusters.postgresql.cnpg.io/$RECOVERY_NAME" \
      --for=condition=Ready \
      --timeout=60m \
      --namespace "$NAMESPACE" \
      --context "$AKS_CLUSTER"
  heading 'Restored data'
  RECOVERED_POD="$(look_up RECOVERED_POD kubectl get "clusters.postgresql.cnpg.io/$RECOVERY_NAME" \
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
  log "$RECOVERY_NAME keeps running for inspection; remove it with: kubectl delete clusters.postgresql.cnpg.io/$RECOVERY_NAME --namespace $NAMESPACE --context $AKS_CLUSTER --kubeconfig $KUBECONFIG (the next drill deletes it too; cleanup.sh deletes its federated credential)"
  if [ "$DRY_RUN" = 1 ]; then
    log 'End of the plan: nothing was changed.'
  fi
}

main "$@"
