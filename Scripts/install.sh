#!/usr/bin/env bash
# Installs pgha like a tool: a stripped release build with the Swift runtime linked in statically, its man pages
# (swift-argument-parser's generate-manual) and its bash, zsh and fish completions.
#
#   Scripts/install.sh [--prefix DIR]        (or PREFIX=DIR Scripts/install.sh; default /usr/local)
#
# Installs DIR/bin/pgha, DIR/share/man/man1/pgha*.1, DIR/share/bash-completion/completions/pgha,
# DIR/share/zsh/site-functions/_pgha and DIR/share/fish/vendor_completions.d/pgha.fish.
set -euo pipefail

prefix="${PREFIX:-/usr/local}"
while [ "$#" -gt 0 ]; do
  case "$1" in
    --prefix) [ "$#" -ge 2 ] || { echo "error: --prefix needs a directory" >&2; exit 2; }; prefix="$2"; shift 2 ;;
    --prefix=*) prefix="${1#--prefix=}"; shift ;;
    -h|--help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "error: unknown argument '$1' (usage: Scripts/install.sh [--prefix DIR])" >&2; exit 2 ;;
  esac
done
[ -n "$prefix" ] || { echo "error: the prefix is empty" >&2; exit 2; }
# The prefix as the caller meant it: a leading ~ the shell left unexpanded (--prefix=~/.local) is $HOME, and a
# relative one is relative to the caller's directory, not to the checkout this script moves to.
# shellcheck disable=SC2088 # the literal ~ is what is matched
case "$prefix" in
  "~" | "~/"*)
    [ -n "${HOME:-}" ] || { echo "error: --prefix starts with ~ but HOME is not set; give an absolute prefix" >&2; exit 2; }
    prefix="$HOME${prefix#"~"}"
    ;;
  "~"*) echo "error: --prefix $prefix: only ~ and ~/ are expanded here; give an absolute prefix" >&2; exit 2 ;;
esac
case "$prefix" in
  /*) ;;
  *) prefix="$PWD/$prefix" ;;
esac

cd "$(dirname "$0")/.."
if [ -d /opt/swift/usr/bin ]; then export PATH="/opt/swift/usr/bin:$PATH"; fi
command -v swift >/dev/null 2>&1 || { echo "error: swift is not on PATH; install a Swift 6 toolchain first" >&2; exit 1; }
if [ "$(uname -s)" = Linux ] && [ ! -e /usr/include/yaml.h ]; then
  echo "error: libyaml's headers are missing; install libyaml-dev (apt-get install libyaml-dev) first" >&2
  exit 1
fi
# Package.swift links Linux release builds fully statically: glibc's and libstdc++'s static libraries are needed.
if [ "$(uname -s)" = Linux ]; then
  clang="$(dirname "$(command -v swift)")/clang"
  if [ ! -f "$("$clang" -print-file-name=libc.a 2>/dev/null)" ]; then
    echo "error: the static glibc (libc.a) is missing; install libc6-dev (Debian, Ubuntu) or glibc-static (RHEL, Fedora) first" >&2
    exit 1
  fi
  if [ ! -f "$("$clang" -print-file-name=libstdc++.a 2>/dev/null)" ]; then
    echo "error: the static libstdc++ (libstdc++.a) is missing; install libstdc++-12-dev or your GCC's libstdc++-N-dev (Debian, Ubuntu) or libstdc++-static (RHEL, Fedora) first" >&2
    exit 1
  fi
fi

# pgha, and swift-argument-parser's generate-manual tool (what its generate-manual plugin runs) built with the same
# flags, so that the two share one release build of their dependencies.
build=(swift build -c release --static-swift-stdlib -Xlinker -s)
"${build[@]}" --product pgha
"${build[@]}" --product generate-manual
bin="$("${build[@]}" --show-bin-path)"
manuals="$(mktemp -d)"
trap 'rm -rf "$manuals"' EXIT
"$bin/generate-manual" "$bin/pgha" --multi-page --output-directory "$manuals"

install -d "$prefix/bin" "$prefix/share/man/man1" "$prefix/share/bash-completion/completions" \
  "$prefix/share/zsh/site-functions" "$prefix/share/fish/vendor_completions.d"
install -m 0755 "$bin/pgha" "$prefix/bin/pgha"
install -m 0644 "$manuals"/*.1 "$prefix/share/man/man1/"
"$prefix/bin/pgha" --generate-completion-script bash > "$prefix/share/bash-completion/completions/pgha"
"$prefix/bin/pgha" --generate-completion-script zsh > "$prefix/share/zsh/site-functions/_pgha"
"$prefix/bin/pgha" --generate-completion-script fish > "$prefix/share/fish/vendor_completions.d/pgha.fish"
echo "installed pgha $("$prefix/bin/pgha" --version) into $prefix"
