#!/usr/bin/env bash
# Prepare a fresh Debian machine for gongkai development: system packages the tests use
# (CJK fonts, poppler, LibreOffice for the DOCX->PDF check, Chromium for the browser tests), a
# virtualenv in .venv with the project and its development tools. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

SYSTEM_PACKAGES=(fonts-noto-cjk poppler-utils libreoffice-writer-nogui libpango-1.0-0 libpangoft2-1.0-0 chromium)
missing=()
for package in "${SYSTEM_PACKAGES[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then apt_get=(apt-get); else apt_get=(sudo apt-get); fi
  echo "Installing system packages: ${missing[*]}"
  "${apt_get[@]}" update -qq
  DEBIAN_FRONTEND=noninteractive "${apt_get[@]}" install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e '.[dev]'
