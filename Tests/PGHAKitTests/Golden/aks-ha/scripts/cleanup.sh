#!/usr/bin/env bash
# cleanup.sh: Deletes what deploy.sh created for cnpg-database/pg-primary and no other spec uses; prints the list and asks first.
# Rendered by pgha 0.1.0 from aks-ha.yaml. Do not edit: change the spec and render again.
# Usage: scripts/cleanup.sh [--dry-run] [--yes] (--help for details)
if [ -z "${BASH_VERSION:-}" ]; then echo "run it with bash: bash $0" >&2; exit 2; fi
set -euo pipefail

# Values from the spec, checked by pgha and single-quoted: none of them can run a command.
# Kubernetes
CLUSTER_NAME='pg-primary'
NAMESPACE='cnpg-database'
OPERATOR_NAMESPACE='cnpg-system'
APP_SECRET='db-user-pass'
OBJECT_STORE='pg-primary-backups'
ON_DEMAND_BACKUP='pg-primary-on-demand'
RECOVERY_NAME='pg-primary-recovered-db'
RESOURCE_GROUP='rg-cnpg-demo'
AKS_CLUSTER='aks-pg-primary'
NODE_RESOURCE_GROUP='MC_rg-cnpg-demo_aks-pg-primary_westus3'
IDENTITY_NAME='pg-primary-identity'
CONTROL_PLANE_IDENTITY_NAME='aks-pg-primary-identity'
STORAGE_ACCOUNT='pgprimarybackups'
GRAFANA='pg-primary-grafana'
MONITOR_WORKSPACE='pg-primary-prometheus'
LOG_ANALYTICS_WORKSPACE='pg-primary-logs'
# Public endpoints
PUBLIC_IP='aks-pg-primary-pip'

OUT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DRY_RUN=0
PGHA_KUBECONFIG="${PGHA_KUBECONFIG:-${XDG_CACHE_HOME:-$HOME/.cache}/pgha/cnpg-database/pg-primary/kubeconfig}"
export KUBECONFIG="$PGHA_KUBECONFIG"
PGHA_HELM_REPOSITORY_CONFIG="${PGHA_HELM_REPOSITORY_CONFIG:-${XDG_CACHE_HOME:-$HOME/.cache}/pgha/helm/repositories.yaml}"
export HELM_REPOSITORY_CONFIG="$PGHA_HELM_REPOSITORY_CONFIG"
PGHA_HELM_REPOSITORY_CACHE="${PGHA_HELM_REPOSITORY_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pgha/helm/repository}"
export HELM_REPOSITORY_CACHE="$PGHA_HELM_REPOSITORY_CACHE"
ASSUME_YES=0

usage() {
  cat <<'USAGE'
Usage: scripts/cleanup.sh [--dry-run] [--yes]

Deletes what deploy.sh created for cnpg-database/pg-primary and no other spec uses; prints the list and asks first.

Options:
  --dry-run   Print the plan: run only read-only probes, and print what would be created, updated or deleted.
  --yes       Delete without asking for the cluster's name.
  -h, --help  Show this help.

Environment:
  PGHA_KUBECONFIG  The kubeconfig file the AKS cluster's credentials go to, which every kubectl and helm call reads; cleanup.sh deletes it (default: ~/.cache/pgha/cnpg-database/pg-primary/kubeconfig, under $XDG_CACHE_HOME when set). Never ~/.kube/config: a file of its own, holding no other context.
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

# Deletes the kubeconfig in KUBECONFIG when it is pgha's own, keeps it otherwise: forget_kubeconfig AKS_CLUSTER.
forget_kubeconfig() {
  [ -e "$KUBECONFIG" ] || return 0
  if ! kubeconfig_is_ours "$1"; then
    log "= the kubeconfig $KUBECONFIG stays: it holds contexts besides $1"
  elif [ "$DRY_RUN" = 1 ]; then
    log "plan: delete: the kubeconfig $KUBECONFIG"
  else
    log "+ rm -f -- $KUBECONFIG"
    rm -f -- "$KUBECONFIG"
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
      --yes) ASSUME_YES=1 ;;
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
    require_tools az kubectl helm
  fi
  if ! kubeconfig_is_ours "$AKS_CLUSTER"; then
    fail "the kubeconfig $KUBECONFIG holds contexts besides ${AKS_CLUSTER}: pgha's scripts write the AKS cluster's credentials to a kubeconfig of their own and cleanup.sh deletes it. Set PGHA_KUBECONFIG to a new file (or unset it for the default), then run the script again"
  fi
  heading 'Azure subscription'
  SUBSCRIPTION="$(look_up SUBSCRIPTION az account show --query name --output tsv)"
  SUBSCRIPTION_ID="$(look_up SUBSCRIPTION_ID az account show --query id --output tsv)"
  log "subscription: $SUBSCRIPTION ($SUBSCRIPTION_ID)"
  log "azure.subscription is not set: add 'subscription: $SUBSCRIPTION_ID' under azure in the spec so that every script refuses another subscription"
  heading 'Azure CLI extensions'
  if probe 1 az extension show --name amg; then
    log '= Azure CLI extension amg (az grafana) is installed'
  else
    run az extension add --name amg --yes
  fi
  if probe 1 az extension show --name alertsmanagement; then
    log '= Azure CLI extension alertsmanagement (az alerts-management prometheus-rule-group) is installed'
  else
    run az extension add --name alertsmanagement --yes
  fi
  heading "What $NAMESPACE/$CLUSTER_NAME owns"
  DELETE_IDS=()
  DELETE_LABELS=()
  KEEP_LABELS=()
  UNTAG_IDS=()
  GROUP_DELETED=0
  AKS_KEPT=0
  AKS_DELETED=0
  PUBLIC_IP_ID=''
  # plan resource|group|cluster-identity|public-ip LABEL COMMAND...: reads the resource's ownership tags and adds
  # it to the plan. It is deleted when pgha created it and no other spec is a member (a group: and it holds
  # nothing else; the AKS cluster's identity: and the cluster goes too), kept otherwise. A public IP lives in the
  # AKS node resource group: when the AKS cluster goes, the IP goes with that group, and is not deleted itself.
  plan() {
    local kind=$1 label=$2 answer id creator members member others='' mine=0
    shift 2
    PLANNED=absent
    if ! probe 0 "$@"; then
      log "= $label does not exist"
      return 0
    fi
    answer="$("$@" --query '[[id, tags."pgha.spec" || '\''none'\'', join('\'' '\'', keys(tags || @)[?starts_with(@, '\''pgha.member.'\'')]) || '\''none'\'']]' --output tsv)" || fail "$(quote_args "$@") failed"
    IFS=$'\t' read -r id creator members <<<"$answer"
    for member in $members; do
      if [ "$member" = "pgha.member.$NAMESPACE.$CLUSTER_NAME" ]; then
        mine=1
      elif [ "$member" != none ]; then
        others="$others ${member#pgha.member.}"
      fi
    done
    PLANNED=keep
    if [ "$creator" = none ]; then
      KEEP_LABELS+=("$label: pgha did not create it")
    elif [ -n "$others" ]; then
      KEEP_LABELS+=("$label: still used by$others")
    elif [ "$kind" = cluster-identity ] && [ "$AKS_KEPT" = 1 ]; then
      KEEP_LABELS+=("$label: the AKS cluster, which stays, runs as it")
    elif [ "$kind" = group ] && ! group_holds_only_planned "$label"; then
      :
    else
      PLANNED=delete
      if [ "$kind" = public-ip ] && [ "$AKS_DELETED" = 1 ]; then
        DELETE_LABELS+=("$label, with the AKS cluster's node resource group")
        return 0
      fi
      if [ "$kind" = public-ip ]; then PUBLIC_IP_ID=$id; fi
      DELETE_IDS+=("$id")
      DELETE_LABELS+=("$label")
      return 0
    fi
    if [ "$mine" = 1 ]; then UNTAG_IDS+=("$id"); fi
  }
  # Whether every resource in the resource group is planned for deletion (IDs compared case-insensitively);
  # when not, keeps LABEL with the resources that would be left.
  group_holds_only_planned() {
    local listed planned resource left=''
    listed="$(az resource list --resource-group "$RESOURCE_GROUP" --query '[].id' --output tsv)" \
      || fail 'cannot list the resource group: see the error above'
    planned=" $(printf '%s ' ${DELETE_IDS[@]+"${DELETE_IDS[@]}"} | tr '[:upper:]' '[:lower:]')"
    while IFS= read -r resource; do
      [ -n "$resource" ] || continue
      case "$planned" in
        *" $(printf '%s' "$resource" | tr '[:upper:]' '[:lower:]') "*) ;;
        *) left="$left $resource" ;;
      esac
    done <<<"$listed"
    [ -z "$left" ] && return 0
    KEEP_LABELS+=("$1: it also holds$left")
    return 1
  }
  DELETE_CREDENTIALS=()
  if probe 0 az identity federated-credential show --name "$CLUSTER_NAME" --identity-name "$IDENTITY_NAME" --resource-group "$RESOURCE_GROUP" --query subject --output tsv; then
    if [ "$PROBE_OUTPUT" = "system:serviceaccount:$NAMESPACE:$CLUSTER_NAME" ]; then
      DELETE_CREDENTIALS+=("$CLUSTER_NAME")
    else
      KEEP_LABELS+=("federated credential ${CLUSTER_NAME} of managed identity ${IDENTITY_NAME}: it is for ${PROBE_OUTPUT:-an unknown subject}, not for system:serviceaccount:$NAMESPACE:${CLUSTER_NAME}")
    fi
  fi
  if probe 0 az identity federated-credential show --name "$RECOVERY_NAME" --identity-name "$IDENTITY_NAME" --resource-group "$RESOURCE_GROUP" --query subject --output tsv; then
    if [ "$PROBE_OUTPUT" = "system:serviceaccount:$NAMESPACE:$RECOVERY_NAME" ]; then
      DELETE_CREDENTIALS+=("$RECOVERY_NAME")
    else
      KEEP_LABELS+=("federated credential ${RECOVERY_NAME} of managed identity ${IDENTITY_NAME}: it is for ${PROBE_OUTPUT:-an unknown subject}, not for system:serviceaccount:$NAMESPACE:${RECOVERY_NAME}")
    fi
  fi
  plan resource "AKS cluster $AKS_CLUSTER" az aks show --name "$AKS_CLUSTER" --resource-group "$RESOURCE_GROUP"
  if [ "$PLANNED" = keep ]; then AKS_KEPT=1; elif [ "$PLANNED" = delete ]; then AKS_DELETED=1; fi
  plan public-ip "public IP $PUBLIC_IP" az network public-ip show --name "$PUBLIC_IP" --resource-group "$NODE_RESOURCE_GROUP"
  plan resource "Managed Grafana $GRAFANA" az grafana show --name "$GRAFANA" --resource-group "$RESOURCE_GROUP"
  plan resource "Azure Monitor workspace $MONITOR_WORKSPACE" az monitor account show --name "$MONITOR_WORKSPACE" --resource-group "$RESOURCE_GROUP"
  plan resource "Log Analytics workspace $LOG_ANALYTICS_WORKSPACE" az monitor log-analytics workspace show --workspace-name "$LOG_ANALYTICS_WORKSPACE" --resource-group "$RESOURCE_GROUP"
  plan resource "Azure Prometheus rule group $NAMESPACE-$CLUSTER_NAME-alerts" az alerts-management prometheus-rule-group show --name "$NAMESPACE-$CLUSTER_NAME-alerts" --resource-group "$RESOURCE_GROUP"
  plan resource "storage account $STORAGE_ACCOUNT with every backup in it" az storage account show --name "$STORAGE_ACCOUNT" --resource-group "$RESOURCE_GROUP"
  plan cluster-identity "managed identity $CONTROL_PLANE_IDENTITY_NAME" az identity show --name "$CONTROL_PLANE_IDENTITY_NAME" --resource-group "$RESOURCE_GROUP"
  plan resource "managed identity $IDENTITY_NAME" az identity show --name "$IDENTITY_NAME" --resource-group "$RESOURCE_GROUP"
  plan group "resource group $RESOURCE_GROUP" az group show --name "$RESOURCE_GROUP"
  if [ "$PLANNED" = delete ]; then GROUP_DELETED=1; fi
  if [ "${#DELETE_IDS[@]}" = 0 ] && [ "${#DELETE_CREDENTIALS[@]}" = 0 ] && [ "${#UNTAG_IDS[@]}" = 0 ] && [ "$AKS_KEPT" = 0 ]; then
    log "nothing of $NAMESPACE/${CLUSTER_NAME} is left to delete"
    forget_kubeconfig "$AKS_CLUSTER"
    return 0
  fi
  log ''
  log "cleanup.sh deletes, for $NAMESPACE/${CLUSTER_NAME}:"
  local item
  for item in ${DELETE_CREDENTIALS[@]+"${DELETE_CREDENTIALS[@]}"}; do
    log "  - federated credential $item of managed identity ${IDENTITY_NAME}"
  done
  if [ "$AKS_KEPT" = 1 ]; then
    log "  - its Kubernetes objects on AKS cluster ${AKS_CLUSTER}: the manifests in $OUT_DIR, the recovery cluster $RECOVERY_NAME if a restore drill created it (a Cluster of that name without the annotation pgha.io/restore-drill stays), the Backup $ON_DEMAND_BACKUP, the Secret ${APP_SECRET}"
    log "  - the Barman Cloud Plugin and cert-manager (helm uninstall) on AKS cluster $AKS_CLUSTER, each only if pgha installed it (release label pgha.io/installed-by=pgha) and unless another ObjectStore (for cert-manager: another Certificate) still uses them"
  fi
  for item in ${DELETE_LABELS[@]+"${DELETE_LABELS[@]}"}; do
    log "  - $item"
  done
  if [ "${#KEEP_LABELS[@]}" -gt 0 ]; then
    log "and keeps, removing its tag pgha.member.$NAMESPACE.${CLUSTER_NAME} where it has one:"
    for item in "${KEEP_LABELS[@]}"; do
      log "  - $item"
    done
  fi
  if [ "$DRY_RUN" = 1 ]; then
    log '# ask for the cluster'\''s name unless --yes'
  else
    if [ "$ASSUME_YES" != 1 ]; then
      printf 'Type the cluster name (%s) to go on: ' "$CLUSTER_NAME"
      local answer=''
      read -r answer || true
      [ "$answer" = "$CLUSTER_NAME" ] || fail 'not confirmed: nothing was deleted'
    fi
  fi
  if [ "$DRY_RUN" = 1 ]; then
    log "# delete what the plan above lists, and remove the pgha.member.$NAMESPACE.$CLUSTER_NAME tag from what it keeps"
  else
    # Prints a command, then runs it (this code does not run with --dry-run).
    act() {
      log "+ $(quote_args "$@")"
      "$@"
    }
    # Waits until the public IP ID is attached to nothing: Azure refuses to delete an IP a load balancer still
    # uses (PublicIPAddressInUse), and the AKS cluster detaches it only after the LoadBalancer Services are gone.
    wait_until_detached() {
      local attached attempt=0
      while :; do
        attached="$(az resource show --ids "$1" --query properties.ipConfiguration.id --output tsv)" \
          || fail "cannot read the public IP $1: see the error above, then run cleanup.sh again"
        [ -n "$attached" ] || return 0
        [ "$attempt" -lt 60 ] || fail "the public IP $1 is still attached to $attached after 10 minutes: delete the LoadBalancer Services that use it (kubectl get services --all-namespaces), then run cleanup.sh again"
        log "= the public IP is still attached to $attached: waiting for AKS to release it"
        attempt=$((attempt + 1))
        sleep 10
      done
    }
    local item
    for item in ${UNTAG_IDS[@]+"${UNTAG_IDS[@]}"}; do
      act az tag update --resource-id "$item" --operation delete --tags "pgha.member.$NAMESPACE.$CLUSTER_NAME=$NAMESPACE/$CLUSTER_NAME" --output none
    done
    if [ "$GROUP_DELETED" = 1 ]; then
      act az group delete --name "$RESOURCE_GROUP" --yes --no-wait
      log "deletion started; follow it with: az group wait --deleted --name $RESOURCE_GROUP"
      forget_kubeconfig "$AKS_CLUSTER"
      return 0
    fi
    for item in ${DELETE_CREDENTIALS[@]+"${DELETE_CREDENTIALS[@]}"}; do
      act az identity federated-credential delete --name "$item" --identity-name "$IDENTITY_NAME" --resource-group "$RESOURCE_GROUP" --yes
    done
    if [ "$AKS_KEPT" = 1 ]; then
      act az aks get-credentials --name "$AKS_CLUSTER" --resource-group "$RESOURCE_GROUP" --file "$KUBECONFIG" --overwrite-existing --output none
      act kubectl delete --kustomize "$OUT_DIR" --ignore-not-found --context "$AKS_CLUSTER"
      if probe 1 kubectl get "clusters.postgresql.cnpg.io/$RECOVERY_NAME" --output 'jsonpath={.metadata.annotations.pgha\.io/restore-drill}' --namespace "$NAMESPACE" --context "$AKS_CLUSTER"; then
        if [ -n "$PROBE_OUTPUT" ]; then
          act kubectl delete "clusters.postgresql.cnpg.io/$RECOVERY_NAME" --ignore-not-found --namespace "$NAMESPACE" --context "$AKS_CLUSTER"
        else
          log "= the Cluster ${RECOVERY_NAME} stays: it has no annotation pgha.io/restore-drill, so no restore drill created it (a real recovery?); delete it by hand once it is no longer needed: kubectl delete clusters.postgresql.cnpg.io/$RECOVERY_NAME --namespace $NAMESPACE --context $AKS_CLUSTER"
        fi
      fi
      act kubectl delete "backups.postgresql.cnpg.io/$ON_DEMAND_BACKUP" --ignore-not-found --namespace "$NAMESPACE" --context "$AKS_CLUSTER"
      act kubectl delete secret "$APP_SECRET" --ignore-not-found --namespace "$NAMESPACE" --context "$AKS_CLUSTER"
      if probe 0 kubectl get crd objectstores.barmancloud.cnpg.io --context "$AKS_CLUSTER"; then
        local stores='' others='' certificates=''
        stores="$(kubectl get objectstores.barmancloud.cnpg.io --all-namespaces --context "$AKS_CLUSTER" --output 'jsonpath={range .items[*]}{.metadata.namespace}/{.metadata.name}{"\n"}{end}')" \
          || fail "cannot list the ObjectStores on ${AKS_CLUSTER}: check that kubectl reaches it, then run cleanup.sh again"
        others="$(printf '%s\n' "$stores" | grep -v -x -F -e "$NAMESPACE/$OBJECT_STORE" -e '' || true)"
        if [ -n "$others" ]; then
          log "= the Barman Cloud Plugin and cert-manager stay: other ObjectStores use them: $(printf '%s' "$others" | tr '\n' ' ')"
        else
          if probe 0 helm status plugin-barman-cloud --namespace "$OPERATOR_NAMESPACE" --kube-context "$AKS_CLUSTER"; then
            if probe 0 helm list --namespace "$OPERATOR_NAMESPACE" --kube-context "$AKS_CLUSTER" --all --filter '^plugin-barman-cloud$' --selector pgha.io/installed-by=pgha --short && [ "$PROBE_OUTPUT" = plugin-barman-cloud ]; then
              act helm uninstall plugin-barman-cloud --namespace "$OPERATOR_NAMESPACE" --kube-context "$AKS_CLUSTER" --wait
            else
              log "= the Helm release plugin-barman-cloud stays: pgha did not install it (it has no release label pgha.io/installed-by=pgha)"
            fi
          fi
          if probe 0 helm status cert-manager --namespace cert-manager --kube-context "$AKS_CLUSTER"; then
            if probe 0 helm list --namespace cert-manager --kube-context "$AKS_CLUSTER" --all --filter '^cert-manager$' --selector pgha.io/installed-by=pgha --short && [ "$PROBE_OUTPUT" = cert-manager ]; then
              certificates="$(kubectl get certificates.cert-manager.io --all-namespaces --context "$AKS_CLUSTER" --output name)" \
                || fail "cannot list the Certificates on ${AKS_CLUSTER}: check that kubectl reaches it, then run cleanup.sh again"
              if [ -n "$certificates" ]; then
                log "= cert-manager stays: other Certificates use it: $(printf '%s' "$certificates" | tr '\n' ' ')"
              else
                act helm uninstall cert-manager --namespace cert-manager --kube-context "$AKS_CLUSTER" --wait
              fi
            else
              log "= the Helm release cert-manager stays: pgha did not install it (it has no release label pgha.io/installed-by=pgha)"
            fi
          fi
        fi
      else
        log "= the Barman Cloud Plugin is not installed on ${AKS_CLUSTER}"
      fi
    fi
    for item in ${DELETE_IDS[@]+"${DELETE_IDS[@]}"}; do
      if [ "$item" = "$PUBLIC_IP_ID" ]; then
        wait_until_detached "$item"
      fi
      act az resource delete --ids "$item"
    done
  fi
  forget_kubeconfig "$AKS_CLUSTER"
  if [ "$DRY_RUN" = 1 ]; then
    log 'End of the plan: nothing was changed.'
  fi
}

main "$@"
