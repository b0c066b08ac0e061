#!/usr/bin/env bash
# deploy.sh: Creates the Azure infrastructure of the PostgreSQL cluster orders and deploys it on AKS.
# Rendered by pgha 0.1.0 from minimal.yaml. Do not edit: change the spec and render again.
# Usage: scripts/deploy.sh [--dry-run] (--help for details)
set -euo pipefail

# Values from the spec, checked by pgha and single-quoted: none of them can run a command.
# Kubernetes
CLUSTER_NAME='orders'
NAMESPACE='cnpg-database'
OPERATOR_NAMESPACE='cnpg-system'
APP_SECRET='orders-app-credentials'
APP_USER='app'
APP_DATABASE='app'
OPERATOR_CHART_VERSION='0.29.0'
# Azure
LOCATION='canadacentral'
RESOURCE_GROUP='rg-orders'
AKS_CLUSTER='aks-orders'
NODE_RESOURCE_GROUP='MC_rg-orders_aks-orders_canadacentral'
KUBERNETES_VERSION='1.32'
AKS_TIER='standard'
IDENTITY_NAME='orders-identity'
SYSTEM_POOL='systempool'
SYSTEM_POOL_VM_SIZE='standard_d2s_v3'
SYSTEM_POOL_MIN_COUNT='2'
SYSTEM_POOL_MAX_COUNT='3'
NODE_POOL='postgres'
NODE_POOL_VM_SIZE='standard_d4s_v3'
NODE_POOL_MIN_COUNT='3'
NODE_POOL_MAX_COUNT='6'
ZONES=('1' '2' '3')
NODE_LABELS=('workload=postgres')
NODE_TAINTS='workload=postgres:NoSchedule'

OUT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DRY_RUN=0

usage() {
  cat <<'USAGE'
Usage: scripts/deploy.sh [--dry-run]

Creates the Azure infrastructure of the PostgreSQL cluster orders and deploys it on AKS.

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

on_exit() {
  if [ "$1" != 0 ]; then
    printf '\n%s\n' 'deploy.sh stopped before the end. Fix the cause and run it again: it skips what already exists.' >&2
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
  trap 'on_exit "$?"' EXIT
  if [ "$DRY_RUN" = 0 ]; then
    require_tools az kubectl helm openssl
  fi
  heading 'Azure subscription'
  SUBSCRIPTION="$(read_value SUBSCRIPTION az account show --query name --output tsv)"
  log "subscription: $SUBSCRIPTION"
  heading "Resource group $RESOURCE_GROUP"
  if exists az group show --name "$RESOURCE_GROUP"; then
    log "= resource group $RESOURCE_GROUP exists"
  else
    run az group create --name "$RESOURCE_GROUP" --location "$LOCATION" --output none
  fi
  heading "Managed identity $IDENTITY_NAME"
  if exists az identity show --name "$IDENTITY_NAME" --resource-group "$RESOURCE_GROUP"; then
    log "= managed identity $IDENTITY_NAME exists"
  else
    run az identity create \
        --name "$IDENTITY_NAME" \
        --resource-group "$RESOURCE_GROUP" \
        --location "$LOCATION" \
        --output none
  fi
  IDENTITY_ID="$(read_value IDENTITY_ID az identity show \
      --name "$IDENTITY_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --query id \
      --output tsv)"
  heading "AKS cluster $AKS_CLUSTER"
  if exists az aks show --name "$AKS_CLUSTER" --resource-group "$RESOURCE_GROUP"; then
    log "= AKS cluster $AKS_CLUSTER exists"
  else
    run az aks create \
        --name "$AKS_CLUSTER" \
        --resource-group "$RESOURCE_GROUP" \
        --location "$LOCATION" \
        --tier "$AKS_TIER" \
        --kubernetes-version "$KUBERNETES_VERSION" \
        --node-resource-group "$NODE_RESOURCE_GROUP" \
        --enable-managed-identity \
        --assign-identity "$IDENTITY_ID" \
        --network-plugin azure \
        --network-plugin-mode overlay \
        --network-dataplane cilium \
        --nodepool-name "$SYSTEM_POOL" \
        --node-vm-size "$SYSTEM_POOL_VM_SIZE" \
        --enable-cluster-autoscaler \
        --min-count "$SYSTEM_POOL_MIN_COUNT" \
        --max-count "$SYSTEM_POOL_MAX_COUNT" \
        --zones "${ZONES[@]}" \
        --enable-oidc-issuer \
        --enable-workload-identity \
        --generate-ssh-keys \
        --output none
  fi
  run az aks wait --name "$AKS_CLUSTER" --resource-group "$RESOURCE_GROUP" --created
  heading "PostgreSQL node pool $NODE_POOL"
  if exists az aks nodepool show \
      --cluster-name "$AKS_CLUSTER" \
      --name "$NODE_POOL" \
      --resource-group "$RESOURCE_GROUP"; then
    log "= node pool $NODE_POOL exists"
  else
    run az aks nodepool add \
        --cluster-name "$AKS_CLUSTER" \
        --name "$NODE_POOL" \
        --resource-group "$RESOURCE_GROUP" \
        --node-vm-size "$NODE_POOL_VM_SIZE" \
        --enable-cluster-autoscaler \
        --min-count "$NODE_POOL_MIN_COUNT" \
        --max-count "$NODE_POOL_MAX_COUNT" \
        --zones "${ZONES[@]}" \
        --labels "${NODE_LABELS[@]}" \
        --node-taints "$NODE_TAINTS" \
        --output none
  fi
  heading "Kubernetes credentials for $AKS_CLUSTER"
  run az aks get-credentials \
      --name "$AKS_CLUSTER" \
      --resource-group "$RESOURCE_GROUP" \
      --overwrite-existing \
      --output none
  heading Namespaces
  if exists kubectl get namespace "$NAMESPACE" --context "$AKS_CLUSTER"; then
    log "= namespace $NAMESPACE exists"
  else
    run kubectl create namespace "$NAMESPACE" --context "$AKS_CLUSTER"
  fi
  if exists kubectl get namespace "$OPERATOR_NAMESPACE" --context "$AKS_CLUSTER"; then
    log "= namespace $OPERATOR_NAMESPACE exists"
  else
    run kubectl create namespace "$OPERATOR_NAMESPACE" --context "$AKS_CLUSTER"
  fi
  heading "CloudNativePG operator (Helm chart $OPERATOR_CHART_VERSION)"
  run helm repo add cnpg https://cloudnative-pg.github.io/charts --force-update
  run helm upgrade cnpg cnpg/cloudnative-pg \
      --install \
      --namespace "$OPERATOR_NAMESPACE" \
      --create-namespace \
      --version "$OPERATOR_CHART_VERSION" \
      --kube-context "$AKS_CLUSTER" \
      --set config.create=false \
      --wait
  heading kube-prometheus-stack
  run helm repo add prometheus-community https://prometheus-community.github.io/helm-charts \
      --force-update
  run helm upgrade prometheus-community prometheus-community/kube-prometheus-stack \
      --install \
      --namespace "$NAMESPACE" \
      --kube-context "$AKS_CLUSTER" \
      --values https://raw.githubusercontent.com/cloudnative-pg/cloudnative-pg/v1.30.0/docs/src/samples/monitoring/kube-stack-config.yaml \
      --wait
  heading "Secret $APP_SECRET for the application user"
  if exists kubectl get secret "$APP_SECRET" --namespace "$NAMESPACE" --context "$AKS_CLUSTER"; then
    log "= Secret $APP_SECRET exists"
  else
    log "+ $(quote_args openssl rand -base64 24) | $(quote_args kubectl create secret generic "$APP_SECRET" \
        --type=kubernetes.io/basic-auth \
        "--from-literal=username=$APP_USER" \
        --from-file=password=/dev/stdin \
        --namespace "$NAMESPACE" \
        --context "$AKS_CLUSTER")"
    if [ "$DRY_RUN" = 0 ]; then
      local secret
      secret="$(openssl rand -base64 24)"
      [ -n "$secret" ] || fail 'the secret generator printed nothing'
      printf '%s' "$secret" | kubectl create secret generic "$APP_SECRET" \
          --type=kubernetes.io/basic-auth \
          "--from-literal=username=$APP_USER" \
          --from-file=password=/dev/stdin \
          --namespace "$NAMESPACE" \
          --context "$AKS_CLUSTER"
      unset secret
    fi
  fi
  heading Manifests
  run kubectl apply --kustomize "$OUT_DIR" --context "$AKS_CLUSTER"
  heading "Waiting for $CLUSTER_NAME to be ready"
  run kubectl wait "clusters.postgresql.cnpg.io/$CLUSTER_NAME" \
      --for=condition=Ready \
      --timeout=30m \
      --namespace "$NAMESPACE" \
      --context "$AKS_CLUSTER"
  heading 'CloudNativePG dashboard for kube-prometheus-stack'\''s Grafana'
  run helm repo add cnpg-grafana https://cloudnative-pg.github.io/grafana-dashboards --force-update
  run helm upgrade cnpg-grafana-dashboard cnpg-grafana/cluster \
      --install \
      --version 0.0.5 \
      --namespace "$NAMESPACE" \
      --kube-context "$AKS_CLUSTER"
  heading Endpoints
  log "read-write, inside AKS: $CLUSTER_NAME-rw.$NAMESPACE.svc:5432"
  log "read-only, inside AKS:  $CLUSTER_NAME-ro.$NAMESPACE.svc:5432"
  log "database $APP_DATABASE, user $APP_USER; its password: kubectl get secret $APP_SECRET --namespace $NAMESPACE --context $AKS_CLUSTER --output jsonpath='{.data.password}' | base64 --decode"
}

main "$@"
