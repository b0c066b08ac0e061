#!/usr/bin/env bash
# deploy.sh: Creates the Azure infrastructure of the PostgreSQL cluster pg-prod and deploys it on AKS.
# Rendered by pgha 0.1.0 from production.yaml. Do not edit: change the spec and render again.
# Usage: scripts/deploy.sh [--dry-run] [--spec FILE] (--help for details)
set -euo pipefail

# Values from the spec, checked by pgha and single-quoted: none of them can run a command.
# Kubernetes
CLUSTER_NAME='pg-prod'
NAMESPACE='databases'
OPERATOR_NAMESPACE='cnpg-system'
APP_SECRET='pg-prod-app-credentials'
APP_USER='app'
APP_DATABASE='app'
OPERATOR_CHART_VERSION='0.29.0'
# Azure
LOCATION='westeurope'
RESOURCE_GROUP='rg-pg-prod'
AKS_CLUSTER='aks-pg-prod'
NODE_RESOURCE_GROUP='MC_rg-pg-prod_aks-pg-prod_westeurope'
KUBERNETES_VERSION='1.34'
AKS_TIER='standard'
IDENTITY_NAME='pg-prod-identity'
SYSTEM_POOL='systempool'
SYSTEM_POOL_VM_SIZE='standard_d2s_v3'
SYSTEM_POOL_MIN_COUNT='2'
SYSTEM_POOL_MAX_COUNT='3'
NODE_POOL='postgres'
NODE_POOL_VM_SIZE='standard_d8s_v5'
NODE_POOL_MIN_COUNT='3'
NODE_POOL_MAX_COUNT='6'
ZONES=('1' '2' '3')
NODE_LABELS=('workload=postgres')
NODE_TAINTS='workload=postgres:NoSchedule'
TAGS=('environment=production')
STORAGE_ACCOUNT='pgprodbackups'
BACKUP_CONTAINER='backups'
# Public endpoints
PUBLIC_IP='pg-prod-pip'
DNS_LABEL='pg-prod-example'
READ_WRITE_PORT='5432'
READ_ONLY_PORT='5433'
ALLOWED_SOURCE_RANGES='198.51.100.0/24'
# The spec this was rendered from
SPEC_FILE='production.yaml'

OUT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DRY_RUN=0
PGHA="${PGHA:-pgha}"
SPEC_PATH="${PGHA_SPEC:-}"

usage() {
  cat <<'USAGE'
Usage: scripts/deploy.sh [--dry-run] [--spec FILE]

Creates the Azure infrastructure of the PostgreSQL cluster pg-prod and deploys it on AKS.

Options:
  --dry-run    Print every command instead of running it.
  --spec FILE  The spec to render again with the identity's client ID (default: $PGHA_SPEC, else the spec's file name in the current directory or beside the output directory).
  -h, --help   Show this help.

Environment:
  PGHA  The pgha binary (default: pgha on PATH).
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

# Whether a command prints anything (with --dry-run: prints it and answers no).
prints_something() {
  log "+ $(quote_args "$@")"
  if [ "$DRY_RUN" = 1 ]; then return 1; fi
  [ -n "$("$@" 2>/dev/null)" ]
}

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

on_exit() {
  if [ "$1" != 0 ]; then
    printf '\n%s\n' 'deploy.sh stopped before the end. Fix the cause and run it again: it skips what already exists.' >&2
  fi
}

parse_options() {
  while [ "$#" -gt 0 ]; do
    case "$1" in
      --dry-run) DRY_RUN=1 ;;
      --spec)
        [ "$#" -ge 2 ] || fail '--spec needs a value'
        SPEC_PATH=$2
        shift
        ;;
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
    require_tools az kubectl helm openssl "$PGHA"
  fi
  heading 'Azure subscription'
  SUBSCRIPTION="$(read_value SUBSCRIPTION az account show --query name --output tsv)"
  log "subscription: $SUBSCRIPTION"
  if [ -z "$SPEC_PATH" ]; then
    if [ -f "$SPEC_FILE" ]; then
      SPEC_PATH="$SPEC_FILE"
    elif [ -f "$OUT_DIR/../$SPEC_FILE" ]; then
      SPEC_PATH="$OUT_DIR/../$SPEC_FILE"
    fi
  fi
  if [ -z "$SPEC_PATH" ] || [ ! -f "$SPEC_PATH" ]; then
    fail "cannot find the spec to render again with the identity's client ID: pass --spec FILE or set PGHA_SPEC"
  fi
  heading "Resource group $RESOURCE_GROUP"
  if exists az group show --name "$RESOURCE_GROUP"; then
    log "= resource group $RESOURCE_GROUP exists"
  else
    run az group create \
        --name "$RESOURCE_GROUP" \
        --location "$LOCATION" \
        --tags "${TAGS[@]}" \
        --output none
  fi
  heading "Managed identity $IDENTITY_NAME"
  if exists az identity show --name "$IDENTITY_NAME" --resource-group "$RESOURCE_GROUP"; then
    log "= managed identity $IDENTITY_NAME exists"
  else
    run az identity create \
        --name "$IDENTITY_NAME" \
        --resource-group "$RESOURCE_GROUP" \
        --location "$LOCATION" \
        --tags "${TAGS[@]}" \
        --output none
  fi
  CLIENT_ID="$(read_value CLIENT_ID az identity show \
      --name "$IDENTITY_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --query clientId \
      --output tsv)"
  PRINCIPAL_ID="$(read_value PRINCIPAL_ID az identity show \
      --name "$IDENTITY_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --query principalId \
      --output tsv)"
  IDENTITY_ID="$(read_value IDENTITY_ID az identity show \
      --name "$IDENTITY_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --query id \
      --output tsv)"
  heading 'Manifests with the identity'\''s client ID'
  run "$PGHA" render "$SPEC_PATH" --output "$OUT_DIR" --identity-client-id "$CLIENT_ID"
  log "rendered $OUT_DIR again; add clientID: $CLIENT_ID under azure.identity in the spec so later renders keep it"
  heading "Storage account $STORAGE_ACCOUNT for backups"
  if exists az storage account show \
      --name "$STORAGE_ACCOUNT" \
      --resource-group "$RESOURCE_GROUP"; then
    log "= storage account $STORAGE_ACCOUNT exists"
  else
    run az storage account create \
        --name "$STORAGE_ACCOUNT" \
        --resource-group "$RESOURCE_GROUP" \
        --location "$LOCATION" \
        --sku Standard_ZRS \
        --kind StorageV2 \
        --min-tls-version TLS1_2 \
        --allow-blob-public-access false \
        --tags "${TAGS[@]}" \
        --output none
  fi
  if exists az storage container-rm show \
      --name "$BACKUP_CONTAINER" \
      --storage-account "$STORAGE_ACCOUNT" \
      --resource-group "$RESOURCE_GROUP"; then
    log "= blob container $BACKUP_CONTAINER exists"
  else
    run az storage container-rm create \
        --name "$BACKUP_CONTAINER" \
        --storage-account "$STORAGE_ACCOUNT" \
        --resource-group "$RESOURCE_GROUP" \
        --output none
  fi
  STORAGE_ACCOUNT_ID="$(read_value STORAGE_ACCOUNT_ID az storage account show \
      --name "$STORAGE_ACCOUNT" \
      --resource-group "$RESOURCE_GROUP" \
      --query id \
      --output tsv)"
  if prints_something az role assignment list \
      --assignee-object-id "$PRINCIPAL_ID" \
      --role 'Storage Blob Data Contributor' \
      --scope "$STORAGE_ACCOUNT_ID" \
      --query '[].id' \
      --output tsv; then
    log '= role Storage Blob Data Contributor is assigned'
  else
    run az role assignment create \
        --assignee-object-id "$PRINCIPAL_ID" \
        --assignee-principal-type ServicePrincipal \
        --role 'Storage Blob Data Contributor' \
        --scope "$STORAGE_ACCOUNT_ID" \
        --output none
  fi
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
        --tags "${TAGS[@]}" \
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
        --tags "${TAGS[@]}" \
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
  heading "Static public IP $PUBLIC_IP"
  AKS_NODE_RESOURCE_GROUP="$(read_value AKS_NODE_RESOURCE_GROUP az aks show \
      --name "$AKS_CLUSTER" \
      --resource-group "$RESOURCE_GROUP" \
      --query nodeResourceGroup \
      --output tsv)"
  if [ "$DRY_RUN" = 0 ] && [ "$AKS_NODE_RESOURCE_GROUP" != "$NODE_RESOURCE_GROUP" ]; then
    fail "${AKS_CLUSTER} keeps its nodes in $AKS_NODE_RESOURCE_GROUP, not ${NODE_RESOURCE_GROUP}: set azure.nodeResourceGroup to it and render again"
  fi
  if exists az network public-ip show \
      --name "$PUBLIC_IP" \
      --resource-group "$NODE_RESOURCE_GROUP"; then
    log "= public IP $PUBLIC_IP exists"
  else
    run az network public-ip create \
        --name "$PUBLIC_IP" \
        --resource-group "$NODE_RESOURCE_GROUP" \
        --location "$LOCATION" \
        --sku Standard \
        --allocation-method Static \
        --zone "${ZONES[@]}" \
        --tags "${TAGS[@]}" \
        --output none
  fi
  NODE_RESOURCE_GROUP_ID="$(read_value NODE_RESOURCE_GROUP_ID az group show \
      --name "$NODE_RESOURCE_GROUP" \
      --query id \
      --output tsv)"
  if prints_something az role assignment list \
      --assignee-object-id "$PRINCIPAL_ID" \
      --role 'Network Contributor' \
      --scope "$NODE_RESOURCE_GROUP_ID" \
      --query '[].id' \
      --output tsv; then
    log '= role Network Contributor is assigned'
  else
    run az role assignment create \
        --assignee-object-id "$PRINCIPAL_ID" \
        --assignee-principal-type ServicePrincipal \
        --role 'Network Contributor' \
        --scope "$NODE_RESOURCE_GROUP_ID" \
        --output none
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
  heading 'Secret pg-prod-role-reporting for the role reporting'
  if exists kubectl get secret pg-prod-role-reporting \
      --namespace "$NAMESPACE" \
      --context "$AKS_CLUSTER"; then
    log '= Secret pg-prod-role-reporting exists'
  else
    log "+ $(quote_args openssl rand -base64 24) | $(quote_args kubectl create secret generic pg-prod-role-reporting \
        --type=kubernetes.io/basic-auth \
        --from-literal=username=reporting \
        --from-file=password=/dev/stdin \
        --namespace "$NAMESPACE" \
        --context "$AKS_CLUSTER")"
    if [ "$DRY_RUN" = 0 ]; then
      local secret
      secret="$(openssl rand -base64 24)"
      [ -n "$secret" ] || fail 'the secret generator printed nothing'
      printf '%s' "$secret" | kubectl create secret generic pg-prod-role-reporting \
          --type=kubernetes.io/basic-auth \
          --from-literal=username=reporting \
          --from-file=password=/dev/stdin \
          --namespace "$NAMESPACE" \
          --context "$AKS_CLUSTER"
      unset secret
    fi
  fi
  heading "Federated credential for $CLUSTER_NAME"
  OIDC_ISSUER="$(read_value OIDC_ISSUER az aks show \
      --name "$AKS_CLUSTER" \
      --resource-group "$RESOURCE_GROUP" \
      --query oidcIssuerProfile.issuerUrl \
      --output tsv)"
  if prints "$OIDC_ISSUER system:serviceaccount:$NAMESPACE:$CLUSTER_NAME" az identity federated-credential show \
      --name "$CLUSTER_NAME" \
      --identity-name "$IDENTITY_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --query 'join('\'' '\'', [issuer, subject])' \
      --output tsv; then
    log "= federated credential $CLUSTER_NAME exists"
  else
    if exists az identity federated-credential show \
        --name "$CLUSTER_NAME" \
        --identity-name "$IDENTITY_NAME" \
        --resource-group "$RESOURCE_GROUP"; then
      run az identity federated-credential update \
          --name "$CLUSTER_NAME" \
          --identity-name "$IDENTITY_NAME" \
          --resource-group "$RESOURCE_GROUP" \
          --issuer "$OIDC_ISSUER" \
          --subject "system:serviceaccount:$NAMESPACE:$CLUSTER_NAME" \
          --audiences api://AzureADTokenExchange \
          --output none
    else
      run az identity federated-credential create \
          --name "$CLUSTER_NAME" \
          --identity-name "$IDENTITY_NAME" \
          --resource-group "$RESOURCE_GROUP" \
          --issuer "$OIDC_ISSUER" \
          --subject "system:serviceaccount:$NAMESPACE:$CLUSTER_NAME" \
          --audiences api://AzureADTokenExchange \
          --output none
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
  PUBLIC_IP_ADDRESS="$(read_value PUBLIC_IP_ADDRESS az network public-ip show \
      --name "$PUBLIC_IP" \
      --resource-group "$NODE_RESOURCE_GROUP" \
      --query ipAddress \
      --output tsv)"
  log "read-write, public:     $DNS_LABEL.$LOCATION.cloudapp.azure.com:$READ_WRITE_PORT ($PUBLIC_IP_ADDRESS), from $ALLOWED_SOURCE_RANGES"
  log "read-only, public:      $DNS_LABEL.$LOCATION.cloudapp.azure.com:$READ_ONLY_PORT ($PUBLIC_IP_ADDRESS), from $ALLOWED_SOURCE_RANGES"
  log "PgBouncer read-write, inside AKS: pg-prod-pooler-rw.$NAMESPACE.svc:5432 (and on its LoadBalancer: kubectl get service pg-prod-pooler-rw)"
  log "PgBouncer read-only, inside AKS:  pg-prod-pooler-ro.$NAMESPACE.svc:5432 (and on its LoadBalancer: kubectl get service pg-prod-pooler-ro)"
  log "database $APP_DATABASE, user $APP_USER; its password: kubectl get secret $APP_SECRET --namespace $NAMESPACE --context $AKS_CLUSTER --output jsonpath='{.data.password}' | base64 --decode"
}

main "$@"
