#!/usr/bin/env bash
# failover-drill.sh: Writes rows through the -rw Service of shop, deletes the primary's pod as in an unplanned outage, measures how long the Service refused writes, and reads the rows back through it.
# Rendered by pgha 0.1.0 from pooler-public.yaml. Do not edit: change the spec and render again.
# Usage: scripts/failover-drill.sh [--dry-run] (--help for details)
if [ -z "${BASH_VERSION:-}" ]; then echo "run it with bash: bash $0" >&2; exit 2; fi
set -euo pipefail

# Values from the spec, checked by pgha and single-quoted: none of them can run a command.
# Kubernetes
CLUSTER_NAME='shop'
NAMESPACE='cnpg-database'
APP_SECRET='shop-app-credentials'
APP_USER='app'
APP_DATABASE='app'
POSTGRES_IMAGE='ghcr.io/cloudnative-pg/postgresql:18.6-minimal-trixie'
RESOURCE_GROUP='rg-shop'
AKS_CLUSTER='aks-shop'

DRY_RUN=0
PGHA_KUBECONFIG="${PGHA_KUBECONFIG:-${XDG_CACHE_HOME:-$HOME/.cache}/pgha/cnpg-database/shop/kubeconfig}"
export KUBECONFIG="$PGHA_KUBECONFIG"

usage() {
  cat <<'USAGE'
Usage: scripts/failover-drill.sh [--dry-run]

Writes rows through the -rw Service of shop, deletes the primary's pod as in an unplanned outage, measures how long the Service refused writes, and reads the rows back through it.

Options:
  --dry-run   Print the plan: run only read-only probes, and print what would be created, updated or deleted.
  -h, --help  Show this help.

Environment:
  PGHA_KUBECONFIG  The kubeconfig file the AKS cluster's credentials go to, which every kubectl and helm call reads; cleanup.sh deletes it (default: ~/.cache/pgha/cnpg-database/shop/kubeconfig, under $XDG_CACHE_HOME when set). Never ~/.kube/config: a file of its own, holding no other context.
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
  heading "Client $CLUSTER_NAME-failover-client for $CLUSTER_NAME-rw and $CLUSTER_NAME-pooler-rw"
  run kubectl delete pod "$CLUSTER_NAME-failover-client" \
      --ignore-not-found \
      --wait \
      --namespace "$NAMESPACE" \
      --context "$AKS_CLUSTER"
  run kubectl run "$CLUSTER_NAME-failover-client" \
      --image "$POSTGRES_IMAGE" \
      --restart Never \
      --overrides "{\"apiVersion\":\"v1\",\"spec\":{\"containers\":[{\"name\":\"$CLUSTER_NAME-failover-client\",\"image\":\"$POSTGRES_IMAGE\",\"command\":[\"sleep\",\"3600\"],\"env\":[{\"name\":\"PGPASSWORD\",\"valueFrom\":{\"secretKeyRef\":{\"name\":\"$APP_SECRET\",\"key\":\"password\"}}}]}]}}" \
      --namespace "$NAMESPACE" \
      --context "$AKS_CLUSTER"
  run kubectl wait "pod/$CLUSTER_NAME-failover-client" \
      --for=condition=Ready \
      --timeout=5m \
      --namespace "$NAMESPACE" \
      --context "$AKS_CLUSTER"
  RUN="$(read_value RUN openssl rand -hex 8)"
  heading "100 rows written through $CLUSTER_NAME-rw"
  run kubectl exec "$CLUSTER_NAME-failover-client" \
      --namespace "$NAMESPACE" \
      --context "$AKS_CLUSTER" \
      -- psql "host=$CLUSTER_NAME-rw port=5432 dbname=$APP_DATABASE user=$APP_USER sslmode=require connect_timeout=3" \
      --no-psqlrc \
      --no-align \
      --tuples-only \
      --set ON_ERROR_STOP=1 \
      --command 'CREATE TABLE IF NOT EXISTS pgha_failover_drill (run text NOT NULL, n integer NOT NULL, written_at timestamptz NOT NULL DEFAULT clock_timestamp())' \
      --command "INSERT INTO pgha_failover_drill (run, n) SELECT '$RUN', g FROM generate_series(1, 100) g"
  heading "100 rows written through $CLUSTER_NAME-pooler-rw"
  run kubectl exec "$CLUSTER_NAME-failover-client" \
      --namespace "$NAMESPACE" \
      --context "$AKS_CLUSTER" \
      -- psql "host=$CLUSTER_NAME-pooler-rw port=5432 dbname=$APP_DATABASE user=$APP_USER sslmode=require connect_timeout=3" \
      --no-psqlrc \
      --no-align \
      --tuples-only \
      --set ON_ERROR_STOP=1 \
      --command "INSERT INTO pgha_failover_drill (run, n) SELECT '$RUN', g FROM generate_series(101, 200) g"
  heading "Instances of $CLUSTER_NAME"
  run kubectl get pods \
      --selector "cnpg.io/cluster=$CLUSTER_NAME" \
      --label-columns cnpg.io/instanceRole \
      --output wide \
      --namespace "$NAMESPACE" \
      --context "$AKS_CLUSTER"
  OLD_PRIMARY="$(look_up OLD_PRIMARY kubectl get pods \
      --selector "cnpg.io/cluster=$CLUSTER_NAME,cnpg.io/instanceRole=primary" \
      --output 'jsonpath={.items[*].metadata.name}' \
      --namespace "$NAMESPACE" \
      --context "$AKS_CLUSTER")"
  heading "Failing the primary $OLD_PRIMARY"
  if [ "$DRY_RUN" = 1 ]; then
    log '# start the outage clock'
  else
    FAILOVER_STARTED=$SECONDS
  fi
  run kubectl delete pod "$OLD_PRIMARY" \
      --grace-period=1 \
      --namespace "$NAMESPACE" \
      --context "$AKS_CLUSTER"
  if [ "$DRY_RUN" = 1 ]; then
    log "# write through $CLUSTER_NAME-rw and $CLUSTER_NAME-pooler-rw once a second until each accepts writes again"
  else
    local attempt=0 failed_over='' new_primary='' rw_refused=0 rw_outage='' pooler_refused=0 pooler_outage=''
    while [ "$attempt" -lt 300 ]; do
      if [ -z "$failed_over" ]; then
        new_primary="$(kubectl get pods --selector "cnpg.io/cluster=$CLUSTER_NAME,cnpg.io/instanceRole=primary" --output 'jsonpath={.items[*].metadata.name}' --namespace "$NAMESPACE" --context "$AKS_CLUSTER")" || new_primary=''
        if [ -n "$new_primary" ] && [ "$new_primary" != "$OLD_PRIMARY" ]; then failed_over=1; fi
      fi
      if [ -z "$rw_outage" ]; then
        if kubectl exec "$CLUSTER_NAME-failover-client" --namespace "$NAMESPACE" --context "$AKS_CLUSTER" -- psql "host=$CLUSTER_NAME-rw port=5432 dbname=$APP_DATABASE user=$APP_USER sslmode=require connect_timeout=3" --no-psqlrc --no-align --tuples-only --set ON_ERROR_STOP=1 --command "INSERT INTO pgha_failover_drill (run, n) VALUES ('$RUN', 0)" >/dev/null 2>&1; then
          if [ "$rw_refused" -gt 0 ]; then
            rw_outage=$((SECONDS - FAILOVER_STARTED))
          elif [ -n "$failed_over" ]; then
            rw_outage=0
          fi
        else
          rw_refused=$((rw_refused + 1))
        fi
      fi
      if [ -z "$pooler_outage" ]; then
        if kubectl exec "$CLUSTER_NAME-failover-client" --namespace "$NAMESPACE" --context "$AKS_CLUSTER" -- psql "host=$CLUSTER_NAME-pooler-rw port=5432 dbname=$APP_DATABASE user=$APP_USER sslmode=require connect_timeout=3" --no-psqlrc --no-align --tuples-only --set ON_ERROR_STOP=1 --command "INSERT INTO pgha_failover_drill (run, n) VALUES ('$RUN', 0)" >/dev/null 2>&1; then
          if [ "$pooler_refused" -gt 0 ]; then
            pooler_outage=$((SECONDS - FAILOVER_STARTED))
          elif [ -n "$failed_over" ]; then
            pooler_outage=0
          fi
        else
          pooler_refused=$((pooler_refused + 1))
        fi
      fi
      if [ -n "$rw_outage" ] && [ -n "$pooler_outage" ]; then break; fi
      attempt=$((attempt + 1))
      sleep 1
    done
    [ -n "$rw_outage" ] || fail "$CLUSTER_NAME-rw did not accept writes again within 5 minutes of deleting $OLD_PRIMARY"
    [ -n "$pooler_outage" ] || fail "$CLUSTER_NAME-pooler-rw did not accept writes again within 5 minutes of deleting $OLD_PRIMARY"
    log "$CLUSTER_NAME-rw refused writes for ${rw_outage} seconds ($rw_refused writes failed, one tried a second)"
    log "$CLUSTER_NAME-pooler-rw refused writes for ${pooler_outage} seconds ($pooler_refused writes failed, one tried a second)"
  fi
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
  heading "Rows read back through $CLUSTER_NAME-rw"
  RW_ROWS="$(read_value RW_ROWS kubectl exec "$CLUSTER_NAME-failover-client" \
      --namespace "$NAMESPACE" \
      --context "$AKS_CLUSTER" \
      -- psql "host=$CLUSTER_NAME-rw port=5432 dbname=$APP_DATABASE user=$APP_USER sslmode=require connect_timeout=3" \
      --no-psqlrc \
      --no-align \
      --tuples-only \
      --set ON_ERROR_STOP=1 \
      --command "SELECT count(*) FROM pgha_failover_drill WHERE run = '$RUN' AND n > 0")"
  if [ "$DRY_RUN" = 0 ] && [ "$RW_ROWS" != 200 ]; then
    fail "$CLUSTER_NAME-rw returns $RW_ROWS of the 200 rows written before the failover: committed rows were lost"
  fi
  heading "Rows read back through $CLUSTER_NAME-pooler-rw"
  POOLER_ROWS="$(read_value POOLER_ROWS kubectl exec "$CLUSTER_NAME-failover-client" \
      --namespace "$NAMESPACE" \
      --context "$AKS_CLUSTER" \
      -- psql "host=$CLUSTER_NAME-pooler-rw port=5432 dbname=$APP_DATABASE user=$APP_USER sslmode=require connect_timeout=3" \
      --no-psqlrc \
      --no-align \
      --tuples-only \
      --set ON_ERROR_STOP=1 \
      --command "SELECT count(*) FROM pgha_failover_drill WHERE run = '$RUN' AND n > 0")"
  if [ "$DRY_RUN" = 0 ] && [ "$POOLER_ROWS" != 200 ]; then
    fail "$CLUSTER_NAME-pooler-rw returns $POOLER_ROWS of the 200 rows written before the failover: committed rows were lost"
  fi
  run kubectl exec "$CLUSTER_NAME-failover-client" \
      --namespace "$NAMESPACE" \
      --context "$AKS_CLUSTER" \
      -- psql "host=$CLUSTER_NAME-rw port=5432 dbname=$APP_DATABASE user=$APP_USER sslmode=require connect_timeout=3" \
      --no-psqlrc \
      --no-align \
      --tuples-only \
      --set ON_ERROR_STOP=1 \
      --command 'DROP TABLE pgha_failover_drill'
  run kubectl delete pod "$CLUSTER_NAME-failover-client" \
      --wait=false \
      --namespace "$NAMESPACE" \
      --context "$AKS_CLUSTER"
  log "failover drill passed: all 200 rows written through $CLUSTER_NAME-rw and $CLUSTER_NAME-pooler-rw before the failover came back through each"
  log "to make $OLD_PRIMARY primary again: kubectl cnpg promote $CLUSTER_NAME $OLD_PRIMARY --namespace $NAMESPACE --context $AKS_CLUSTER --kubeconfig $KUBECONFIG"
  if [ "$DRY_RUN" = 1 ]; then
    log 'End of the plan: nothing was changed.'
  fi
}

main "$@"
