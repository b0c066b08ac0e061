#!/usr/bin/env bash
# deploy.sh: Creates the Azure infrastructure of the PostgreSQL cluster pg-primary and deploys it on AKS.
# Rendered by pgha 0.1.0 from aks-ha.yaml. Do not edit: change the spec and render again.
# Usage: scripts/deploy.sh [--dry-run] (--help for details)
set -euo pipefail

# Values from the spec, checked by pgha and single-quoted: none of them can run a command.
# Kubernetes
CLUSTER_NAME='pg-primary'
NAMESPACE='cnpg-database'
OPERATOR_NAMESPACE='cnpg-system'
APP_SECRET='db-user-pass'
APP_USER='app'
APP_DATABASE='appdb'
OPERATOR_CHART_VERSION='0.29.0'
# Azure
LOCATION='westus3'
RESOURCE_GROUP='rg-cnpg-demo'
AKS_CLUSTER='aks-pg-primary'
NODE_RESOURCE_GROUP='MC_rg-cnpg-demo_aks-pg-primary_westus3'
KUBERNETES_VERSION='1.32'
AKS_TIER='standard'
IDENTITY_NAME='pg-primary-identity'
IDENTITY_CLIENT_ID='3f2a7c1e-5b8d-4e9a-9c6f-1d2e3f4a5b6c'
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
TAGS=('environment=demo')
STORAGE_ACCOUNT='pgprimarybackups'
BACKUP_CONTAINER='backups'
GRAFANA='pg-primary-grafana'
MONITOR_WORKSPACE='pg-primary-prometheus'
LOG_ANALYTICS_WORKSPACE='pg-primary-logs'
# shellcheck disable=SC2016 # ALERT_RULES holds a literal $ or `, which single quotes keep
ALERT_RULES='[{"alert":"PostgresMetricsAbsent","expression":"absent(cnpg_collector_up{namespace=\"cnpg-database\", cluster=\"pg-primary\"})","for":"PT5M","severity":0,"enabled":true,"labels":{"cluster":"pg-primary","severity":"critical"},"annotations":{"runbook":"Docs/runbooks.md#postgresmetricsabsent","summary":"No instance of pg-primary reports metrics: the cluster is down or not scraped."},"resolveConfiguration":{"autoResolved":true,"timeToResolve":"PT10M"}},{"alert":"PostgresInstanceDown","expression":"cnpg_collector_up{namespace=\"cnpg-database\", cluster=\"pg-primary\"} == 0","for":"PT5M","severity":0,"enabled":true,"labels":{"cluster":"pg-primary","severity":"critical"},"annotations":{"runbook":"Docs/runbooks.md#postgresinstancedown","summary":"PostgreSQL in {{ $labels.pod }} is not running."},"resolveConfiguration":{"autoResolved":true,"timeToResolve":"PT10M"}},{"alert":"PostgresHALost","expression":"max(cnpg_pg_replication_streaming_replicas{namespace=\"cnpg-database\", pod=~\"pg-primary-[0-9]+\"}) < 1","for":"PT5M","severity":0,"enabled":true,"labels":{"cluster":"pg-primary","severity":"critical"},"annotations":{"runbook":"Docs/runbooks.md#postgreshalost","summary":"No standby of pg-primary streams from the primary: a primary failure would stop the service."},"resolveConfiguration":{"autoResolved":true,"timeToResolve":"PT10M"}},{"alert":"PostgresStandbysMissing","expression":"max(cnpg_pg_replication_streaming_replicas{namespace=\"cnpg-database\", pod=~\"pg-primary-[0-9]+\"}) < 2","for":"PT5M","severity":2,"enabled":true,"labels":{"cluster":"pg-primary","severity":"warning"},"annotations":{"runbook":"Docs/runbooks.md#postgresstandbysmissing","summary":"Fewer than 2 standbys of pg-primary stream from the primary."},"resolveConfiguration":{"autoResolved":true,"timeToResolve":"PT10M"}},{"alert":"PostgresReplicationLagging","expression":"max by (pod) (cnpg_pg_replication_lag{namespace=\"cnpg-database\", pod=~\"pg-primary-[0-9]+\"}) > 60","for":"PT5M","severity":2,"enabled":true,"labels":{"cluster":"pg-primary","severity":"warning"},"annotations":{"runbook":"Docs/runbooks.md#postgresreplicationlagging","summary":"{{ $labels.pod }} lags more than 60 seconds behind the primary."},"resolveConfiguration":{"autoResolved":true,"timeToResolve":"PT10M"}},{"alert":"PostgresInstancesShareANode","expression":"max(cnpg_collector_nodes_used{namespace=\"cnpg-database\", pod=~\"pg-primary-[0-9]+\"}) < 3","for":"PT15M","severity":2,"enabled":true,"labels":{"cluster":"pg-primary","severity":"warning"},"annotations":{"runbook":"Docs/runbooks.md#postgresinstancesshareanode","summary":"Instances of pg-primary share a node: one node failure takes down more than one."},"resolveConfiguration":{"autoResolved":true,"timeToResolve":"PT10M"}},{"alert":"PostgresSynchronousStandbysMissing","expression":"max(cnpg_collector_sync_replicas{namespace=\"cnpg-database\", pod=~\"pg-primary-[0-9]+\", value=\"observed\"}) < 1","for":"PT2M","severity":0,"enabled":true,"labels":{"cluster":"pg-primary","severity":"critical"},"annotations":{"runbook":"Docs/runbooks.md#postgressynchronousstandbysmissing","summary":"Fewer synchronous standbys than 1: commits on pg-primary wait."},"resolveConfiguration":{"autoResolved":true,"timeToResolve":"PT10M"}},{"alert":"PostgresConnectionsNearLimit","expression":"sum by (pod) (cnpg_backends_total{namespace=\"cnpg-database\", pod=~\"pg-primary-[0-9]+\"}) / max by (pod) (cnpg_pg_settings_setting{namespace=\"cnpg-database\", pod=~\"pg-primary-[0-9]+\", name=\"max_connections\"}) * 100 > 80","for":"PT5M","severity":2,"enabled":true,"labels":{"cluster":"pg-primary","severity":"warning"},"annotations":{"runbook":"Docs/runbooks.md#postgresconnectionsnearlimit","summary":"{{ $labels.pod }} uses more than 80% of max_connections."},"resolveConfiguration":{"autoResolved":true,"timeToResolve":"PT10M"}},{"alert":"PostgresVolumeAlmostFull","expression":"max by (persistentvolumeclaim) (kubelet_volume_stats_used_bytes{namespace=\"cnpg-database\", persistentvolumeclaim=~\"pg-primary-[0-9]+(-wal)?\"} / kubelet_volume_stats_capacity_bytes{namespace=\"cnpg-database\", persistentvolumeclaim=~\"pg-primary-[0-9]+(-wal)?\"}) * 100 > 80","for":"PT5M","severity":2,"enabled":true,"labels":{"cluster":"pg-primary","severity":"warning"},"annotations":{"runbook":"Docs/runbooks.md#postgresvolumealmostfull","summary":"The volume {{ $labels.persistentvolumeclaim }} is more than 80% full."},"resolveConfiguration":{"autoResolved":true,"timeToResolve":"PT10M"}},{"alert":"PostgresTransactionIDAgeHigh","expression":"max(cnpg_pg_database_xid_age{namespace=\"cnpg-database\", pod=~\"pg-primary-[0-9]+\"}) > 1000000000","for":"PT10M","severity":2,"enabled":true,"labels":{"cluster":"pg-primary","severity":"warning"},"annotations":{"runbook":"Docs/runbooks.md#postgrestransactionidagehigh","summary":"A database of pg-primary is past half of the transaction ID space: vacuum is not freezing rows."},"resolveConfiguration":{"autoResolved":true,"timeToResolve":"PT10M"}},{"alert":"PostgresWALArchivingFailing","expression":"max(cnpg_pg_stat_archiver_last_failed_time{namespace=\"cnpg-database\", pod=~\"pg-primary-[0-9]+\"}) > max(cnpg_pg_stat_archiver_last_archived_time{namespace=\"cnpg-database\", pod=~\"pg-primary-[0-9]+\"})","for":"PT5M","severity":0,"enabled":true,"labels":{"cluster":"pg-primary","severity":"critical"},"annotations":{"runbook":"Docs/runbooks.md#postgreswalarchivingfailing","summary":"WAL archiving of pg-primary fails: point-in-time recovery falls behind and WAL piles up."},"resolveConfiguration":{"autoResolved":true,"timeToResolve":"PT10M"}},{"alert":"PostgresBackupFailed","expression":"max(cnpg_collector_last_failed_backup_timestamp{namespace=\"cnpg-database\", pod=~\"pg-primary-[0-9]+\"}) > max(cnpg_collector_last_available_backup_timestamp{namespace=\"cnpg-database\", pod=~\"pg-primary-[0-9]+\"})","for":"PT1M","severity":2,"enabled":true,"labels":{"cluster":"pg-primary","severity":"warning"},"annotations":{"runbook":"Docs/runbooks.md#postgresbackupfailed","summary":"The latest backup of pg-primary failed."},"resolveConfiguration":{"autoResolved":true,"timeToResolve":"PT10M"}},{"alert":"PostgresBackupTooOld","expression":"time() - max(cnpg_collector_last_available_backup_timestamp{namespace=\"cnpg-database\", pod=~\"pg-primary-[0-9]+\"}) > 93600","for":"PT10M","severity":2,"enabled":true,"labels":{"cluster":"pg-primary","severity":"warning"},"annotations":{"runbook":"Docs/runbooks.md#postgresbackuptooold","summary":"The latest completed backup of pg-primary is older than 26 hours."},"resolveConfiguration":{"autoResolved":true,"timeToResolve":"PT10M"}}]'
# Public endpoints
PUBLIC_IP='aks-pg-primary-pip'
DNS_LABEL='pg-primary-demo'
READ_WRITE_PORT='5432'
READ_ONLY_PORT='5433'
ALLOWED_SOURCE_RANGES='203.0.113.7/32'

OUT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DRY_RUN=0

usage() {
  cat <<'USAGE'
Usage: scripts/deploy.sh [--dry-run]

Creates the Azure infrastructure of the PostgreSQL cluster pg-primary and deploys it on AKS.

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
  if exists az extension show --name amg; then
    log '= az extension amg is installed'
  else
    run az extension add --name amg --yes
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
  if [ "$DRY_RUN" = 0 ] && [ "$CLIENT_ID" != "$IDENTITY_CLIENT_ID" ]; then
    fail "azure.identity.clientID is ${IDENTITY_CLIENT_ID} but ${IDENTITY_NAME} has client ID $CLIENT_ID: correct the spec and render again"
  fi
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
  heading 'Azure Managed Grafana, Azure Monitor workspace and Log Analytics workspace'
  if exists az grafana show --name "$GRAFANA" --resource-group "$RESOURCE_GROUP"; then
    log "= Managed Grafana $GRAFANA exists"
  else
    run az grafana create \
        --name "$GRAFANA" \
        --resource-group "$RESOURCE_GROUP" \
        --zone-redundancy Enabled \
        --location "$LOCATION" \
        --tags "${TAGS[@]}" \
        --output none
  fi
  GRAFANA_ID="$(read_value GRAFANA_ID az grafana show \
      --name "$GRAFANA" \
      --resource-group "$RESOURCE_GROUP" \
      --query id \
      --output tsv)"
  if exists az monitor account show \
      --name "$MONITOR_WORKSPACE" \
      --resource-group "$RESOURCE_GROUP"; then
    log "= Azure Monitor workspace $MONITOR_WORKSPACE exists"
  else
    run az monitor account create \
        --name "$MONITOR_WORKSPACE" \
        --resource-group "$RESOURCE_GROUP" \
        --location "$LOCATION" \
        --tags "${TAGS[@]}" \
        --output none
  fi
  MONITOR_WORKSPACE_ID="$(read_value MONITOR_WORKSPACE_ID az monitor account show \
      --name "$MONITOR_WORKSPACE" \
      --resource-group "$RESOURCE_GROUP" \
      --query id \
      --output tsv)"
  if exists az monitor log-analytics workspace show \
      --workspace-name "$LOG_ANALYTICS_WORKSPACE" \
      --resource-group "$RESOURCE_GROUP"; then
    log "= Log Analytics workspace $LOG_ANALYTICS_WORKSPACE exists"
  else
    run az monitor log-analytics workspace create \
        --workspace-name "$LOG_ANALYTICS_WORKSPACE" \
        --resource-group "$RESOURCE_GROUP" \
        --location "$LOCATION" \
        --tags "${TAGS[@]}" \
        --output none
  fi
  LOG_ANALYTICS_ID="$(read_value LOG_ANALYTICS_ID az monitor log-analytics workspace show \
      --workspace-name "$LOG_ANALYTICS_WORKSPACE" \
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
        --enable-azure-monitor-metrics \
        --azure-monitor-workspace-resource-id "$MONITOR_WORKSPACE_ID" \
        --grafana-resource-id "$GRAFANA_ID" \
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
  heading 'Container insights'
  if prints true az aks show \
      --name "$AKS_CLUSTER" \
      --resource-group "$RESOURCE_GROUP" \
      --query addonProfiles.omsagent.enabled \
      --output tsv; then
    log '= the monitoring add-on is enabled'
  else
    run az aks enable-addons \
        --addons monitoring \
        --name "$AKS_CLUSTER" \
        --resource-group "$RESOURCE_GROUP" \
        --workspace-resource-id "$LOG_ANALYTICS_ID" \
        --output none
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
  heading "Azure Prometheus alert rules $CLUSTER_NAME-alerts"
  if exists az extension show --name alertsmanagement; then
    log '= az extension alertsmanagement is installed'
  else
    run az extension add --name alertsmanagement --yes
  fi
  if exists az alerts-management prometheus-rule-group show \
      --name "$CLUSTER_NAME-alerts" \
      --resource-group "$RESOURCE_GROUP"; then
    run az alerts-management prometheus-rule-group update \
        --name "$CLUSTER_NAME-alerts" \
        --resource-group "$RESOURCE_GROUP" \
        --rules "$ALERT_RULES" \
        --output none
  else
    run az alerts-management prometheus-rule-group create \
        --name "$CLUSTER_NAME-alerts" \
        --resource-group "$RESOURCE_GROUP" \
        --location "$LOCATION" \
        --cluster-name "$AKS_CLUSTER" \
        --scopes "$MONITOR_WORKSPACE_ID" \
        --interval PT1M \
        --enabled \
        --description "Alerts of the PostgreSQL cluster $CLUSTER_NAME (Docs/runbooks.md)" \
        --rules "$ALERT_RULES" \
        --tags "${TAGS[@]}" \
        --output none
  fi
  heading 'CloudNativePG dashboard for kube-prometheus-stack'\''s Grafana'
  run helm repo add cnpg-grafana https://cloudnative-pg.github.io/grafana-dashboards --force-update
  run helm upgrade cnpg-grafana-dashboard cnpg-grafana/cluster \
      --install \
      --version 0.0.5 \
      --namespace "$NAMESPACE" \
      --kube-context "$AKS_CLUSTER"
  heading "CloudNativePG dashboard in Azure Managed Grafana $GRAFANA"
  run az grafana dashboard import \
      --name "$GRAFANA" \
      --resource-group "$RESOURCE_GROUP" \
      --definition https://raw.githubusercontent.com/cloudnative-pg/grafana-dashboards/cluster-v0.0.5/charts/cluster/grafana-dashboard.json \
      --overwrite true \
      --output none
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
  log "database $APP_DATABASE, user $APP_USER; its password: kubectl get secret $APP_SECRET --namespace $NAMESPACE --context $AKS_CLUSTER --output jsonpath='{.data.password}' | base64 --decode"
}

main "$@"
