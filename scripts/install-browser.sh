#!/usr/bin/env bash
# Installs Debian's Chromium, which the verification page's browser tests drive through
# playwright-core (no browser download: this machine reaches only npm and Debian), and a CJK font
# so that screenshots show the page's Chinese.
set -euo pipefail
packages=(chromium fonts-wqy-microhei)
missing=()
for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get install -y --no-install-recommends "${missing[@]}" || { $sudo apt-get update && $sudo apt-get install -y --no-install-recommends "${missing[@]}"; }
