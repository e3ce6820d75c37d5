#!/usr/bin/env bash
# Installs the Debian packages the tests drive (this machine reaches only npm and Debian): Chromium,
# which the browser tests drive through playwright-core (no browser download), with a CJK font so
# that screenshots show the pages' Chinese; poppler-utils (pdftotext, pdftoppm) and zbar-tools
# (zbarimg), with which the PDF certificate's tests read its text and its QR code; and openssl,
# whose `ts -reply` is the RFC 3161 timestamp authority of the trusted-time tests.
set -euo pipefail
packages=(chromium fonts-wqy-microhei poppler-utils zbar-tools openssl)
missing=()
for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get install -y --no-install-recommends "${missing[@]}" || { $sudo apt-get update && $sudo apt-get install -y --no-install-recommends "${missing[@]}"; }
