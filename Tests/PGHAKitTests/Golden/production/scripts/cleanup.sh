#!/usr/bin/env bash
# cleanup.sh: Deletes everything deploy.sh created for pg-prod: the recovery cluster's federated credential and the resource group.
# Rendered by pgha 0.1.0 from production.yaml. Do not edit: change the spec and render again.
# Usage: scripts/cleanup.sh [--dry-run] [--yes] (--help for details)
set -euo pipefail

# Values from the spec, checked by pgha and single-quoted: none of them can run a command.
RECOVERY_NAME='pg-prod-recovered'
RESOURCE_GROUP='rg-pg-prod'
AKS_CLUSTER='aks-pg-prod'
IDENTITY_NAME='pg-prod-identity'
STORAGE_ACCOUNT='pgprodbackups'

DRY_RUN=0
ASSUME_YES=0

usage() {
  cat <<'USAGE'
Usage: scripts/cleanup.sh [--dry-run] [--yes]

Deletes everything deploy.sh created for pg-prod: the recovery cluster's federated credential and the resource group.

Options:
  --dry-run   Print every command instead of running it.
  --yes       Delete without asking for the resource group's name.
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

# Whether something to delete still exists: still_exists COMMAND... Only a "not found" failure means it
# does not; any other failure (sign-in, network, permissions) stops the script, so it is never taken for
# "already deleted". With --dry-run: prints the command and answers yes.
still_exists() {
  log "+ $(quote_args "$@")"
  if [ "$DRY_RUN" = 1 ]; then return 0; fi
  local errors
  if errors="$("$@" 2>&1 >/dev/null)"; then return 0; fi
  case "$errors" in
    *NotFound* | *"not found"* | *"could not be found"*) return 1 ;;
  esac
  printf '%s
' "$errors" >&2
  fail "$(quote_args "$@") failed"
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
  if [ "$DRY_RUN" = 0 ]; then
    require_tools az
  fi
  heading 'Azure subscription'
  SUBSCRIPTION="$(read_value SUBSCRIPTION az account show --query name --output tsv)"
  log "subscription: $SUBSCRIPTION"
  if [ "$DRY_RUN" = 1 ]; then
    log '# ask for the resource group'\''s name unless --yes'
  else
    if [ "$ASSUME_YES" != 1 ]; then
      log "This deletes the resource group $RESOURCE_GROUP and everything in it: the AKS cluster $AKS_CLUSTER with its databases, the managed identity $IDENTITY_NAME, the storage account $STORAGE_ACCOUNT with every backup."
      printf 'Type the resource group name to go on: '
      local answer=''
      read -r answer || true
      [ "$answer" = "$RESOURCE_GROUP" ] || fail 'not confirmed: nothing was deleted'
    fi
  fi
  heading "Federated credential $RECOVERY_NAME"
  if still_exists az identity federated-credential show \
      --name "$RECOVERY_NAME" \
      --identity-name "$IDENTITY_NAME" \
      --resource-group "$RESOURCE_GROUP"; then
    run az identity federated-credential delete \
        --name "$RECOVERY_NAME" \
        --identity-name "$IDENTITY_NAME" \
        --resource-group "$RESOURCE_GROUP" \
        --yes
  else
    log "= federated credential $RECOVERY_NAME does not exist"
  fi
  heading "Resource group $RESOURCE_GROUP"
  if still_exists az group show --name "$RESOURCE_GROUP"; then
    run az group delete --name "$RESOURCE_GROUP" --yes --no-wait
    log "deletion started; follow it with: az group wait --deleted --name $RESOURCE_GROUP"
  else
    log "= resource group $RESOURCE_GROUP does not exist"
  fi
}

main "$@"
