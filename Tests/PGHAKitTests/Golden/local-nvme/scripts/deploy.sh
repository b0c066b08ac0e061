#!/usr/bin/env bash
# deploy.sh: Creates the Azure infrastructure of the PostgreSQL cluster nvme and deploys it on AKS.
# Rendered by pgha 0.1.0 from local-nvme.yaml. Do not edit: change the spec and render again.
# Usage: scripts/deploy.sh [--dry-run] (--help for details)
if [ -z "${BASH_VERSION:-}" ]; then echo "run it with bash: bash $0" >&2; exit 2; fi
set -euo pipefail

# Values from the spec, checked by pgha and single-quoted: none of them can run a command.
# Kubernetes
CLUSTER_NAME='nvme'
NAMESPACE='cnpg-database'
OPERATOR_NAMESPACE='cnpg-system'
APP_SECRET='nvme-app-credentials'
APP_USER='app'
APP_DATABASE='app'
OPERATOR_CHART_VERSION='0.29.0'
CERT_MANAGER_CHART_VERSION='v1.21.0'
PLUGIN_CHART_VERSION='0.7.0'
# Azure
LOCATION='westeurope'
RESOURCE_GROUP='rg-nvme'
AKS_CLUSTER='aks-nvme'
NODE_RESOURCE_GROUP='MC_rg-nvme_aks-nvme_westeurope'
KUBERNETES_VERSION='1.35'
AKS_TIER='standard'
IDENTITY_NAME='nvme-identity'
IDENTITY_CLIENT_ID='7d2e3f4a-5b6c-4d7e-8f9a-0b1c2d3e4f5a'
CONTROL_PLANE_IDENTITY_NAME='aks-nvme-identity'
SYSTEM_POOL='systempool'
SYSTEM_POOL_VM_SIZE='standard_d2s_v3'
SYSTEM_POOL_MIN_COUNT='2'
SYSTEM_POOL_MAX_COUNT='3'
NODE_POOL='postgres'
NODE_POOL_VM_SIZE='standard_l8s_v3'
NODE_POOL_MIN_COUNT='3'
NODE_POOL_MAX_COUNT='6'
ZONES=('1' '2' '3')
NODE_LABELS=('workload=postgres')
NODE_TAINTS='workload=postgres:NoSchedule'
STORAGE_ACCOUNT='nvmebackups'
BACKUP_CONTAINER='backups'

OUT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DRY_RUN=0
PGHA_KUBECONFIG="${PGHA_KUBECONFIG:-${XDG_CACHE_HOME:-$HOME/.cache}/pgha/cnpg-database/nvme/kubeconfig}"
export KUBECONFIG="$PGHA_KUBECONFIG"
PGHA_HELM_REPOSITORY_CONFIG="${PGHA_HELM_REPOSITORY_CONFIG:-${XDG_CACHE_HOME:-$HOME/.cache}/pgha/helm/repositories.yaml}"
export HELM_REPOSITORY_CONFIG="$PGHA_HELM_REPOSITORY_CONFIG"
PGHA_HELM_REPOSITORY_CACHE="${PGHA_HELM_REPOSITORY_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pgha/helm/repository}"
export HELM_REPOSITORY_CACHE="$PGHA_HELM_REPOSITORY_CACHE"

usage() {
  cat <<'USAGE'
Usage: scripts/deploy.sh [--dry-run]

Creates the Azure infrastructure of the PostgreSQL cluster nvme and deploys it on AKS.

Options:
  --dry-run   Print the plan: run only read-only probes, and print what would be created, updated or deleted.
  -h, --help  Show this help.

Environment:
  PGHA_KUBECONFIG  The kubeconfig file the AKS cluster's credentials go to, which every kubectl and helm call reads; cleanup.sh deletes it (default: ~/.cache/pgha/cnpg-database/nvme/kubeconfig, under $XDG_CACHE_HOME when set). Never ~/.kube/config: a file of its own, holding no other context.
  PGHA_HELM_REPOSITORY_CONFIG  The Helm repository list deploy.sh adds its chart repositories to and every helm call reads, exported as HELM_REPOSITORY_CONFIG (default: ~/.cache/pgha/helm/repositories.yaml, under $XDG_CACHE_HOME when set, shared by every spec). Never your own: helm repo add --force-update would point your entries of the same names at the public charts.
  PGHA_HELM_REPOSITORY_CACHE  The folder of the Helm repositories' indexes and charts, exported as HELM_REPOSITORY_CACHE (default: ~/.cache/pgha/helm/repository, under $XDG_CACHE_HOME when set).
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
  if [ "$DRY_RUN" = 1 ]; then
    log 'PLAN (--dry-run): read-only probes run; "plan:" lines say what a run would create, update or delete; nothing is changed.'
  fi
  trap 'on_exit "$?"' EXIT
  if [ "$DRY_RUN" = 0 ]; then
    require_tools az kubectl helm openssl
  fi
  if ! kubeconfig_is_ours "$AKS_CLUSTER"; then
    fail "the kubeconfig $KUBECONFIG holds contexts besides ${AKS_CLUSTER}: pgha's scripts write the AKS cluster's credentials to a kubeconfig of their own and cleanup.sh deletes it. Set PGHA_KUBECONFIG to a new file (or unset it for the default), then run the script again"
  fi
  heading 'Azure subscription'
  SUBSCRIPTION="$(look_up SUBSCRIPTION az account show --query name --output tsv)"
  SUBSCRIPTION_ID="$(look_up SUBSCRIPTION_ID az account show --query id --output tsv)"
  log "subscription: $SUBSCRIPTION ($SUBSCRIPTION_ID)"
  log "azure.subscription is not set: add 'subscription: $SUBSCRIPTION_ID' under azure in the spec so that every script refuses another subscription"
  heading "Kubernetes $KUBERNETES_VERSION in $LOCATION"
  if probe 1 az aks show --name "$AKS_CLUSTER" --resource-group "$RESOURCE_GROUP"; then
    log "= AKS cluster $AKS_CLUSTER exists: its Kubernetes version stays as it is"
  else
    OFFERED_VERSIONS="$(look_up OFFERED_VERSIONS az aks get-versions \
        --location "$LOCATION" \
        --query 'values[?!isPreview && contains(capabilities.supportPlan, '\''KubernetesOfficial'\'')].version' \
        --output tsv)"
    if [ "$DRY_RUN" = 0 ] && ! grep -Fqx -- "$KUBERNETES_VERSION" <<<"$OFFERED_VERSIONS"; then
      fail "AKS does not create Kubernetes ${KUBERNETES_VERSION} in ${LOCATION}; it offers ${OFFERED_VERSIONS//$'\n'/, }. Set azure.kubernetesVersion to one of them that CloudNativePG supports and render again"
    fi
  fi
  heading "Availability zones in $LOCATION"
  REGION_ZONES="$(look_up REGION_ZONES az account list-locations \
      --query "length([?name=='$LOCATION'].availabilityZoneMappings[])" \
      --output tsv)"
  if [ "$REGION_ZONES" = 0 ]; then
    if [ "$DRY_RUN" = 1 ]; then
      log "plan: stop here: ${LOCATION} has no availability zones, but the spec spreads the cluster over zones ${ZONES[*]}"
    else
      fail "${LOCATION} has no availability zones (az account list-locations lists none for this subscription), but the spec spreads the cluster over zones ${ZONES[*]}: set zones: [] in the spec (and remove storage.premiumV2, which needs zones) and render again, or choose a region with zones"
    fi
  fi
  if [ "$REGION_ZONES" != 0 ]; then
    STORAGE_SKU=Standard_ZRS
  else
    STORAGE_SKU=Standard_LRS
  fi
  heading "Storage account name $STORAGE_ACCOUNT"
  if probe 1 az storage account show \
      --name "$STORAGE_ACCOUNT" \
      --resource-group "$RESOURCE_GROUP"; then
    log "= storage account $STORAGE_ACCOUNT exists in $RESOURCE_GROUP"
  else
    NAME_AVAILABLE="$(look_up NAME_AVAILABLE az storage account check-name \
        --name "$STORAGE_ACCOUNT" \
        --query nameAvailable \
        --output tsv)"
    if [ "$DRY_RUN" = 0 ] && [ "$NAME_AVAILABLE" != true ]; then
      fail "the storage account name ${STORAGE_ACCOUNT} is taken in Azure (storage account names are global): set backup.storageAccount to another name and render again"
    fi
  fi
  heading 'Azure CLI extensions'
  if probe 1 az extension show --name k8s-extension; then
    log '= Azure CLI extension k8s-extension (Azure Container Storage) is installed'
  else
    run az extension add --name k8s-extension --yes
  fi
  heading "Resource group $RESOURCE_GROUP"
  if probe 1 az group show --name "$RESOURCE_GROUP"; then
    log "= resource group $RESOURCE_GROUP exists"
  else
    run az group create \
        --name "$RESOURCE_GROUP" \
        --location "$LOCATION" \
        --tags "pgha.spec=$NAMESPACE/$CLUSTER_NAME" "pgha.member.$NAMESPACE.$CLUSTER_NAME=$NAMESPACE/$CLUSTER_NAME" \
        --output none
  fi
  heading "Managed identity $CONTROL_PLANE_IDENTITY_NAME (the AKS cluster)"
  if probe 1 az identity show \
      --name "$CONTROL_PLANE_IDENTITY_NAME" \
      --resource-group "$RESOURCE_GROUP"; then
    log "= managed identity $CONTROL_PLANE_IDENTITY_NAME exists"
  else
    run az identity create \
        --name "$CONTROL_PLANE_IDENTITY_NAME" \
        --resource-group "$RESOURCE_GROUP" \
        --location "$LOCATION" \
        --tags "'pgha.spec'=$NAMESPACE/$CLUSTER_NAME" "'pgha.member.$NAMESPACE.$CLUSTER_NAME'=$NAMESPACE/$CLUSTER_NAME" \
        --output none
  fi
  CONTROL_PLANE_IDENTITY_ID="$(look_up CONTROL_PLANE_IDENTITY_ID az identity show \
      --name "$CONTROL_PLANE_IDENTITY_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --query id \
      --output tsv)"
  heading "Managed identity $IDENTITY_NAME (the database's workload identity)"
  if probe 1 az identity show --name "$IDENTITY_NAME" --resource-group "$RESOURCE_GROUP"; then
    log "= managed identity $IDENTITY_NAME exists"
  else
    run az identity create \
        --name "$IDENTITY_NAME" \
        --resource-group "$RESOURCE_GROUP" \
        --location "$LOCATION" \
        --tags "'pgha.spec'=$NAMESPACE/$CLUSTER_NAME" "'pgha.member.$NAMESPACE.$CLUSTER_NAME'=$NAMESPACE/$CLUSTER_NAME" \
        --output none
  fi
  CLIENT_ID="$(look_up CLIENT_ID az identity show \
      --name "$IDENTITY_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --query clientId \
      --output tsv)"
  PRINCIPAL_ID="$(look_up PRINCIPAL_ID az identity show \
      --name "$IDENTITY_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --query principalId \
      --output tsv)"
  if [ "$DRY_RUN" = 0 ] && [ "$CLIENT_ID" != "$IDENTITY_CLIENT_ID" ]; then
    fail "azure.identity.clientID is ${IDENTITY_CLIENT_ID} but ${IDENTITY_NAME} has client ID $CLIENT_ID: correct the spec and render again"
  fi
  heading "Storage account $STORAGE_ACCOUNT for backups"
  if probe 1 az storage account show \
      --name "$STORAGE_ACCOUNT" \
      --resource-group "$RESOURCE_GROUP"; then
    log "= storage account $STORAGE_ACCOUNT exists"
  else
    run az storage account create \
        --name "$STORAGE_ACCOUNT" \
        --resource-group "$RESOURCE_GROUP" \
        --location "$LOCATION" \
        --sku "$STORAGE_SKU" \
        --kind StorageV2 \
        --min-tls-version TLS1_2 \
        --allow-blob-public-access false \
        --tags "pgha.spec=$NAMESPACE/$CLUSTER_NAME" "pgha.member.$NAMESPACE.$CLUSTER_NAME=$NAMESPACE/$CLUSTER_NAME" \
        --output none
  fi
  if probe 1 az storage container-rm show \
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
  STORAGE_ACCOUNT_ID="$(look_up STORAGE_ACCOUNT_ID az storage account show \
      --name "$STORAGE_ACCOUNT" \
      --resource-group "$RESOURCE_GROUP" \
      --query id \
      --output tsv)"
  if probe 1 az role assignment list \
      --assignee-object-id "$PRINCIPAL_ID" \
      --role 'Storage Blob Data Contributor' \
      --scope "$STORAGE_ACCOUNT_ID" \
      --query '[].id' \
      --output tsv && [ -n "$PROBE_OUTPUT" ]; then
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
  if probe 1 az aks show --name "$AKS_CLUSTER" --resource-group "$RESOURCE_GROUP"; then
    log "= AKS cluster $AKS_CLUSTER exists"
    if [ "$DRY_RUN" = 0 ]; then
      local identities
      identities="$(az aks show --name "$AKS_CLUSTER" --resource-group "$RESOURCE_GROUP" --query 'identity.userAssignedIdentities && join('\'' '\'', keys(identity.userAssignedIdentities)) || identity.type' --output tsv)" || fail "cannot read the identity of AKS cluster ${AKS_CLUSTER}: see the error above"
      case " $(printf '%s' "$identities" | tr '[:upper:]' '[:lower:]') " in
        *" $(printf '%s' "$CONTROL_PLANE_IDENTITY_ID" | tr '[:upper:]' '[:lower:]') "*) ;;
        *) printf 'warning: %s\n' "AKS cluster ${AKS_CLUSTER} runs as ${identities:-a service principal} (its identity), not as ${CONTROL_PLANE_IDENTITY_NAME}. Set azure.controlPlaneIdentity.name to the identity the cluster runs as and render again, or move the cluster to ${CONTROL_PLANE_IDENTITY_NAME} with az aks update --name ${AKS_CLUSTER} --resource-group ${RESOURCE_GROUP} --assign-identity $CONTROL_PLANE_IDENTITY_ID (it asks for confirmation)" >&2 ;;
      esac
    fi
    if ! run az aks wait --name "$AKS_CLUSTER" --resource-group "$RESOURCE_GROUP" --created; then
      local state
      state="$(az aks show --name "$AKS_CLUSTER" --resource-group "$RESOURCE_GROUP" --query provisioningState --output tsv)" || state=unknown
      fail "AKS cluster ${AKS_CLUSTER} is not running (provisioningState: $state): reconcile it with az aks update --name $AKS_CLUSTER --resource-group ${RESOURCE_GROUP}, or delete it with az aks delete --name $AKS_CLUSTER --resource-group ${RESOURCE_GROUP} so that deploy.sh creates it again; then run deploy.sh again"
    fi
  else
    run az aks create \
        --name "$AKS_CLUSTER" \
        --resource-group "$RESOURCE_GROUP" \
        --location "$LOCATION" \
        --tier "$AKS_TIER" \
        --kubernetes-version "$KUBERNETES_VERSION" \
        --node-resource-group "$NODE_RESOURCE_GROUP" \
        --enable-managed-identity \
        --assign-identity "$CONTROL_PLANE_IDENTITY_ID" \
        --network-plugin azure \
        --network-plugin-mode overlay \
        --network-dataplane cilium \
        --nodepool-name "$SYSTEM_POOL" \
        --node-vm-size "$SYSTEM_POOL_VM_SIZE" \
        --node-count "$SYSTEM_POOL_MIN_COUNT" \
        --enable-cluster-autoscaler \
        --min-count "$SYSTEM_POOL_MIN_COUNT" \
        --max-count "$SYSTEM_POOL_MAX_COUNT" \
        --zones "${ZONES[@]}" \
        --enable-oidc-issuer \
        --enable-workload-identity \
        --no-ssh-key \
        --tags "pgha.spec=$NAMESPACE/$CLUSTER_NAME" "pgha.member.$NAMESPACE.$CLUSTER_NAME=$NAMESPACE/$CLUSTER_NAME" \
        --output none
    if ! run az aks wait --name "$AKS_CLUSTER" --resource-group "$RESOURCE_GROUP" --created; then
      local state
      state="$(az aks show --name "$AKS_CLUSTER" --resource-group "$RESOURCE_GROUP" --query provisioningState --output tsv)" || state=unknown
      fail "AKS cluster ${AKS_CLUSTER} is not running (provisioningState: $state): reconcile it with az aks update --name $AKS_CLUSTER --resource-group ${RESOURCE_GROUP}, or delete it with az aks delete --name $AKS_CLUSTER --resource-group ${RESOURCE_GROUP} so that deploy.sh creates it again; then run deploy.sh again"
    fi
  fi
  heading "PostgreSQL node pool $NODE_POOL"
  if probe 1 az aks nodepool show \
      --cluster-name "$AKS_CLUSTER" \
      --name "$NODE_POOL" \
      --resource-group "$RESOURCE_GROUP"; then
    log "= node pool $NODE_POOL exists"
    if ! run az aks nodepool wait --cluster-name "$AKS_CLUSTER" --name "$NODE_POOL" --resource-group "$RESOURCE_GROUP" --created; then
      local state
      state="$(az aks nodepool show --cluster-name "$AKS_CLUSTER" --name "$NODE_POOL" --resource-group "$RESOURCE_GROUP" --query provisioningState --output tsv)" || state=unknown
      fail "node pool $NODE_POOL of AKS cluster ${AKS_CLUSTER} is not running (provisioningState: $state): reconcile it with az aks nodepool update --cluster-name $AKS_CLUSTER --name $NODE_POOL --resource-group ${RESOURCE_GROUP}, or delete it with az aks nodepool delete --cluster-name $AKS_CLUSTER --name $NODE_POOL --resource-group ${RESOURCE_GROUP} so that deploy.sh adds it again; then run deploy.sh again"
    fi
    if probe 1 az aks nodepool show \
        --cluster-name "$AKS_CLUSTER" \
        --name "$NODE_POOL" \
        --resource-group "$RESOURCE_GROUP" \
        --query 'join('\'','\'', sort([nodeTaints][]))' \
        --output tsv && [ "$PROBE_OUTPUT" = workload=postgres:NoSchedule ]; then
      log "= node pool $NODE_POOL has the spec's taints"
    else
      run az aks nodepool update \
          --cluster-name "$AKS_CLUSTER" \
          --name "$NODE_POOL" \
          --resource-group "$RESOURCE_GROUP" \
          --node-taints "$NODE_TAINTS" \
          --output none
    fi
  else
    run az aks nodepool add \
        --cluster-name "$AKS_CLUSTER" \
        --name "$NODE_POOL" \
        --resource-group "$RESOURCE_GROUP" \
        --node-vm-size "$NODE_POOL_VM_SIZE" \
        --node-count "$NODE_POOL_MIN_COUNT" \
        --enable-cluster-autoscaler \
        --min-count "$NODE_POOL_MIN_COUNT" \
        --max-count "$NODE_POOL_MAX_COUNT" \
        --zones "${ZONES[@]}" \
        --labels "${NODE_LABELS[@]}" \
        --node-taints "$NODE_TAINTS" \
        --tags "pgha.spec=$NAMESPACE/$CLUSTER_NAME" "pgha.member.$NAMESPACE.$CLUSTER_NAME=$NAMESPACE/$CLUSTER_NAME" \
        --output none
    if ! run az aks nodepool wait --cluster-name "$AKS_CLUSTER" --name "$NODE_POOL" --resource-group "$RESOURCE_GROUP" --created; then
      local state
      state="$(az aks nodepool show --cluster-name "$AKS_CLUSTER" --name "$NODE_POOL" --resource-group "$RESOURCE_GROUP" --query provisioningState --output tsv)" || state=unknown
      fail "node pool $NODE_POOL of AKS cluster ${AKS_CLUSTER} is not running (provisioningState: $state): reconcile it with az aks nodepool update --cluster-name $AKS_CLUSTER --name $NODE_POOL --resource-group ${RESOURCE_GROUP}, or delete it with az aks nodepool delete --cluster-name $AKS_CLUSTER --name $NODE_POOL --resource-group ${RESOURCE_GROUP} so that deploy.sh adds it again; then run deploy.sh again"
    fi
  fi
  heading "Kubernetes credentials for $AKS_CLUSTER"
  run az aks get-credentials \
      --name "$AKS_CLUSTER" \
      --resource-group "$RESOURCE_GROUP" \
      --file "$KUBECONFIG" \
      --overwrite-existing \
      --output none
  heading "Azure Container Storage on $AKS_CLUSTER"
  if probe 1 az k8s-extension show \
      --cluster-type managedClusters \
      --cluster-name "$AKS_CLUSTER" \
      --resource-group "$RESOURCE_GROUP" \
      --name acstor; then
    log "= Azure Container Storage is enabled on $AKS_CLUSTER"
  else
    run az aks update \
        --name "$AKS_CLUSTER" \
        --resource-group "$RESOURCE_GROUP" \
        --enable-azure-container-storage \
        --output none
  fi
  heading Namespaces
  if probe 1 kubectl get namespace "$NAMESPACE" --context "$AKS_CLUSTER"; then
    log "= namespace $NAMESPACE exists"
  else
    run kubectl create namespace "$NAMESPACE" --context "$AKS_CLUSTER"
  fi
  if probe 1 kubectl get namespace "$OPERATOR_NAMESPACE" --context "$AKS_CLUSTER"; then
    log "= namespace $OPERATOR_NAMESPACE exists"
  else
    run kubectl create namespace "$OPERATOR_NAMESPACE" --context "$AKS_CLUSTER"
  fi
  heading "Ownership: pgha.member.$NAMESPACE.$CLUSTER_NAME=$NAMESPACE/$CLUSTER_NAME"
  RESOURCE_GROUP_CREATOR="$(look_up RESOURCE_GROUP_CREATOR az group show \
      --name "$RESOURCE_GROUP" \
      --query 'tags."pgha.spec" || '\''none'\''' \
      --output tsv)"
  if [ "$DRY_RUN" = 0 ] && [ "$RESOURCE_GROUP_CREATOR" = none ]; then
    log "note: the resource group ${RESOURCE_GROUP} existed before and pgha did not create it (no pgha.spec tag): deploy.sh uses it, cleanup.sh never deletes it"
  fi
  OWNED_ID="$(look_up OWNED_ID az group show --name "$RESOURCE_GROUP" --query id --output tsv)"
  run az tag update \
      --resource-id "$OWNED_ID" \
      --operation merge \
      --tags "pgha.member.$NAMESPACE.$CLUSTER_NAME=$NAMESPACE/$CLUSTER_NAME" \
      --output none
  OWNED_ID="$(look_up OWNED_ID az aks show \
      --name "$AKS_CLUSTER" \
      --resource-group "$RESOURCE_GROUP" \
      --query id \
      --output tsv)"
  run az tag update \
      --resource-id "$OWNED_ID" \
      --operation merge \
      --tags "pgha.member.$NAMESPACE.$CLUSTER_NAME=$NAMESPACE/$CLUSTER_NAME" \
      --output none
  OWNED_ID="$(look_up OWNED_ID az storage account show \
      --name "$STORAGE_ACCOUNT" \
      --resource-group "$RESOURCE_GROUP" \
      --query id \
      --output tsv)"
  run az tag update \
      --resource-id "$OWNED_ID" \
      --operation merge \
      --tags "pgha.member.$NAMESPACE.$CLUSTER_NAME=$NAMESPACE/$CLUSTER_NAME" \
      --output none
  OWNED_ID="$(look_up OWNED_ID az identity show \
      --name "$CONTROL_PLANE_IDENTITY_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --query id \
      --output tsv)"
  run az tag update \
      --resource-id "$OWNED_ID" \
      --operation merge \
      --tags "pgha.member.$NAMESPACE.$CLUSTER_NAME=$NAMESPACE/$CLUSTER_NAME" \
      --output none
  OWNED_ID="$(look_up OWNED_ID az identity show \
      --name "$IDENTITY_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --query id \
      --output tsv)"
  run az tag update \
      --resource-id "$OWNED_ID" \
      --operation merge \
      --tags "pgha.member.$NAMESPACE.$CLUSTER_NAME=$NAMESPACE/$CLUSTER_NAME" \
      --output none
  heading Helm
  HELM_VERSION="$(look_up HELM_VERSION helm version --template '{{.Version}}')"
  case "$HELM_VERSION" in
    v2.* | v3.[0-9].* | v3.1[0-2].*)
      fail "Helm $HELM_VERSION cannot label the releases deploy.sh installs (helm --labels): install Helm 3.13 or later, then run deploy.sh again" ;;
  esac
  heading "CloudNativePG operator (Helm chart $OPERATOR_CHART_VERSION)"
  if probe 1 helm status cnpg --namespace "$OPERATOR_NAMESPACE" --kube-context "$AKS_CLUSTER"; then
    if probe 1 helm list \
        --namespace "$OPERATOR_NAMESPACE" \
        --kube-context "$AKS_CLUSTER" \
        --all \
        --filter '^cnpg$' \
        --selector pgha.io/installed-by=pgha \
        --short && [ "$PROBE_OUTPUT" = cnpg ]; then
      log "= Helm release cnpg in $OPERATOR_NAMESPACE was installed by pgha"
    else
      fail "the Helm release cnpg in ${OPERATOR_NAMESPACE} was not installed by pgha (it has no release label pgha.io/installed-by=pgha): deploy.sh does not upgrade it, which would replace its values and chart version with pgha's. Either let pgha manage it from now on, with its values and version, by labelling it: kubectl label secrets --namespace $OPERATOR_NAMESPACE --selector owner=helm,name=cnpg pgha.io/installed-by=pgha --overwrite --context $AKS_CLUSTER --kubeconfig ${KUBECONFIG}; or remove it if nothing needs it: helm uninstall cnpg --namespace $OPERATOR_NAMESPACE --kube-context $AKS_CLUSTER --kubeconfig ${KUBECONFIG}. Then run deploy.sh again"
    fi
  fi
  run helm repo add cnpg https://cloudnative-pg.github.io/charts --force-update
  run helm upgrade cnpg cnpg/cloudnative-pg \
      --install \
      --namespace "$OPERATOR_NAMESPACE" \
      --create-namespace \
      --version "$OPERATOR_CHART_VERSION" \
      --kube-context "$AKS_CLUSTER" \
      --set config.create=false \
      --labels pgha.io/installed-by=pgha \
      --wait \
      --timeout 10m
  heading "cert-manager (Helm chart $CERT_MANAGER_CHART_VERSION)"
  if probe 1 kubectl get deployments \
      --all-namespaces \
      --selector app.kubernetes.io/name=cert-manager \
      --output name \
      --context "$AKS_CLUSTER" && [ -n "$PROBE_OUTPUT" ]; then
    log '= cert-manager is installed'
  else
    if probe 1 helm status cert-manager --namespace cert-manager --kube-context "$AKS_CLUSTER"; then
      if probe 1 helm list \
          --namespace cert-manager \
          --kube-context "$AKS_CLUSTER" \
          --all \
          --filter '^cert-manager$' \
          --selector pgha.io/installed-by=pgha \
          --short && [ "$PROBE_OUTPUT" = cert-manager ]; then
        log '= Helm release cert-manager in cert-manager was installed by pgha'
      else
        fail "the Helm release cert-manager in cert-manager was not installed by pgha (it has no release label pgha.io/installed-by=pgha): deploy.sh does not upgrade it, which would replace its values and chart version with pgha's. Either let pgha manage it from now on, with its values and version, by labelling it: kubectl label secrets --namespace cert-manager --selector owner=helm,name=cert-manager pgha.io/installed-by=pgha --overwrite --context $AKS_CLUSTER --kubeconfig ${KUBECONFIG}; or remove it if nothing needs it: helm uninstall cert-manager --namespace cert-manager --kube-context $AKS_CLUSTER --kubeconfig ${KUBECONFIG}. Then run deploy.sh again"
      fi
    fi
    run helm repo add jetstack https://charts.jetstack.io --force-update
    run helm upgrade cert-manager jetstack/cert-manager \
        --install \
        --namespace cert-manager \
        --kube-context "$AKS_CLUSTER" \
        --create-namespace \
        --version "$CERT_MANAGER_CHART_VERSION" \
        --set crds.enabled=true \
        --labels pgha.io/installed-by=pgha \
        --wait \
        --timeout 10m
  fi
  heading "Barman Cloud Plugin (Helm chart $PLUGIN_CHART_VERSION)"
  if probe 1 kubectl get services \
      --namespace "$OPERATOR_NAMESPACE" \
      --selector cnpg.io/pluginName=barman-cloud.cloudnative-pg.io \
      --output name \
      --context "$AKS_CLUSTER" && [ -n "$PROBE_OUTPUT" ]; then
    log "= the Barman Cloud Plugin is installed in $OPERATOR_NAMESPACE"
  else
    if probe 1 helm status plugin-barman-cloud \
        --namespace "$OPERATOR_NAMESPACE" \
        --kube-context "$AKS_CLUSTER"; then
      if probe 1 helm list \
          --namespace "$OPERATOR_NAMESPACE" \
          --kube-context "$AKS_CLUSTER" \
          --all \
          --filter '^plugin-barman-cloud$' \
          --selector pgha.io/installed-by=pgha \
          --short && [ "$PROBE_OUTPUT" = plugin-barman-cloud ]; then
        log "= Helm release plugin-barman-cloud in $OPERATOR_NAMESPACE was installed by pgha"
      else
        fail "the Helm release plugin-barman-cloud in ${OPERATOR_NAMESPACE} was not installed by pgha (it has no release label pgha.io/installed-by=pgha): deploy.sh does not upgrade it, which would replace its values and chart version with pgha's. Either let pgha manage it from now on, with its values and version, by labelling it: kubectl label secrets --namespace $OPERATOR_NAMESPACE --selector owner=helm,name=plugin-barman-cloud pgha.io/installed-by=pgha --overwrite --context $AKS_CLUSTER --kubeconfig ${KUBECONFIG}; or remove it if nothing needs it: helm uninstall plugin-barman-cloud --namespace $OPERATOR_NAMESPACE --kube-context $AKS_CLUSTER --kubeconfig ${KUBECONFIG}. Then run deploy.sh again"
      fi
    fi
    run helm repo add cnpg https://cloudnative-pg.github.io/charts --force-update
    run helm upgrade plugin-barman-cloud cnpg/plugin-barman-cloud \
        --install \
        --namespace "$OPERATOR_NAMESPACE" \
        --kube-context "$AKS_CLUSTER" \
        --version "$PLUGIN_CHART_VERSION" \
        --labels pgha.io/installed-by=pgha \
        --wait \
        --timeout 10m
  fi
  heading 'kube-prometheus-stack (Helm chart 88.5.3, once per AKS cluster)'
  if probe 1 helm status kube-prometheus-stack \
      --namespace monitoring \
      --kube-context "$AKS_CLUSTER"; then
    if probe 1 helm list \
        --namespace monitoring \
        --kube-context "$AKS_CLUSTER" \
        --all \
        --filter '^kube-prometheus-stack$' \
        --selector pgha.io/installed-by=pgha \
        --short && [ "$PROBE_OUTPUT" = kube-prometheus-stack ]; then
      log '= Helm release kube-prometheus-stack in monitoring was installed by pgha'
    else
      fail "the Helm release kube-prometheus-stack in monitoring was not installed by pgha (it has no release label pgha.io/installed-by=pgha): deploy.sh does not upgrade it, which would replace its values and chart version with pgha's. Either let pgha manage it from now on, with its values and version, by labelling it: kubectl label secrets --namespace monitoring --selector owner=helm,name=kube-prometheus-stack pgha.io/installed-by=pgha --overwrite --context $AKS_CLUSTER --kubeconfig ${KUBECONFIG}; or remove it if nothing needs it: helm uninstall kube-prometheus-stack --namespace monitoring --kube-context $AKS_CLUSTER --kubeconfig ${KUBECONFIG}. Then run deploy.sh again"
    fi
  fi
  if probe 1 kubectl get namespace monitoring --context "$AKS_CLUSTER"; then
    log '= namespace monitoring exists'
  else
    run kubectl create namespace monitoring --context "$AKS_CLUSTER"
  fi
  if probe 1 kubectl get secret kube-prometheus-stack-grafana-admin \
      --namespace monitoring \
      --context "$AKS_CLUSTER"; then
    log '= Secret kube-prometheus-stack-grafana-admin exists'
  else
    log "+ $(quote_args openssl rand -base64 24) | $(quote_args kubectl create secret generic kube-prometheus-stack-grafana-admin \
        --namespace monitoring \
        --from-literal=admin-user=admin \
        --from-file=admin-password=/dev/stdin \
        --context "$AKS_CLUSTER")"
    if [ "$DRY_RUN" = 0 ]; then
      local secret
      secret="$(openssl rand -base64 24)"
      [ -n "$secret" ] || fail 'the secret generator printed nothing'
      printf '%s' "$secret" | kubectl create secret generic kube-prometheus-stack-grafana-admin \
          --namespace monitoring \
          --from-literal=admin-user=admin \
          --from-file=admin-password=/dev/stdin \
          --context "$AKS_CLUSTER"
      unset secret
    fi
  fi
  run helm repo add prometheus-community https://prometheus-community.github.io/helm-charts \
      --force-update
  run helm upgrade kube-prometheus-stack prometheus-community/kube-prometheus-stack \
      --install \
      --namespace monitoring \
      --version 88.5.3 \
      --kube-context "$AKS_CLUSTER" \
      --values https://raw.githubusercontent.com/cloudnative-pg/cloudnative-pg/v1.30.0/docs/src/samples/monitoring/kube-stack-config.yaml \
      --set grafana.admin.existingSecret=kube-prometheus-stack-grafana-admin \
      --labels pgha.io/installed-by=pgha \
      --wait \
      --timeout 15m
  heading "Secret $APP_SECRET for the application user"
  if probe 1 kubectl get secret "$APP_SECRET" \
      --namespace "$NAMESPACE" \
      --context "$AKS_CLUSTER"; then
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
  OIDC_ISSUER="$(look_up OIDC_ISSUER az aks show \
      --name "$AKS_CLUSTER" \
      --resource-group "$RESOURCE_GROUP" \
      --query oidcIssuerProfile.issuerUrl \
      --output tsv)"
  if probe 1 az identity federated-credential show \
      --name "$CLUSTER_NAME" \
      --identity-name "$IDENTITY_NAME" \
      --resource-group "$RESOURCE_GROUP" \
      --query 'join('\'' '\'', [issuer, subject])' \
      --output tsv && [ "$PROBE_OUTPUT" = "$OIDC_ISSUER system:serviceaccount:$NAMESPACE:$CLUSTER_NAME" ]; then
    log "= federated credential $CLUSTER_NAME exists"
  else
    if probe 1 az identity federated-credential show \
        --name "$CLUSTER_NAME" \
        --identity-name "$IDENTITY_NAME" \
        --resource-group "$RESOURCE_GROUP" \
        --query subject \
        --output tsv && [ -n "$PROBE_OUTPUT" ]; then
      if [ "$PROBE_OUTPUT" != "system:serviceaccount:$NAMESPACE:$CLUSTER_NAME" ]; then
        fail "the federated credential ${CLUSTER_NAME} of managed identity ${IDENTITY_NAME} is for $PROBE_OUTPUT, not for system:serviceaccount:$NAMESPACE:${CLUSTER_NAME}: it is another cluster's (one of the same name in another namespace uses this identity), and pgha does not take it. Give this spec an identity of its own (set azure.identity.name, say to $NAMESPACE-$CLUSTER_NAME-identity) and render again; or, if nothing uses that credential any more, delete it with az identity federated-credential delete --name ${CLUSTER_NAME} --identity-name ${IDENTITY_NAME} --resource-group ${RESOURCE_GROUP} --yes and run this script again"
      fi
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
  if probe 1 helm status cnpg-grafana-dashboard \
      --namespace "$NAMESPACE" \
      --kube-context "$AKS_CLUSTER"; then
    if probe 1 helm list \
        --namespace "$NAMESPACE" \
        --kube-context "$AKS_CLUSTER" \
        --all \
        --filter '^cnpg-grafana-dashboard$' \
        --selector pgha.io/installed-by=pgha \
        --short && [ "$PROBE_OUTPUT" = cnpg-grafana-dashboard ]; then
      log "= Helm release cnpg-grafana-dashboard in $NAMESPACE was installed by pgha"
    else
      fail "the Helm release cnpg-grafana-dashboard in ${NAMESPACE} was not installed by pgha (it has no release label pgha.io/installed-by=pgha): deploy.sh does not upgrade it, which would replace its values and chart version with pgha's. Either let pgha manage it from now on, with its values and version, by labelling it: kubectl label secrets --namespace $NAMESPACE --selector owner=helm,name=cnpg-grafana-dashboard pgha.io/installed-by=pgha --overwrite --context $AKS_CLUSTER --kubeconfig ${KUBECONFIG}; or remove it if nothing needs it: helm uninstall cnpg-grafana-dashboard --namespace $NAMESPACE --kube-context $AKS_CLUSTER --kubeconfig ${KUBECONFIG}. Then run deploy.sh again"
    fi
  fi
  run helm repo add cnpg-grafana https://cloudnative-pg.github.io/grafana-dashboards --force-update
  run helm upgrade cnpg-grafana-dashboard cnpg-grafana/cluster \
      --install \
      --version 0.0.5 \
      --namespace "$NAMESPACE" \
      --kube-context "$AKS_CLUSTER" \
      --labels pgha.io/installed-by=pgha
  heading Endpoints
  log "read-write, inside AKS: $CLUSTER_NAME-rw.$NAMESPACE.svc:5432"
  log "read-only, inside AKS:  $CLUSTER_NAME-ro.$NAMESPACE.svc:5432"
  log "database $APP_DATABASE, user $APP_USER; its password: kubectl get secret $APP_SECRET --namespace $NAMESPACE --context $AKS_CLUSTER --kubeconfig $KUBECONFIG --output jsonpath='{.data.password}' | base64 --decode"
  if [ "$DRY_RUN" = 1 ]; then
    log 'End of the plan: nothing was changed.'
  fi
}

main "$@"
