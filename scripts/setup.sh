#!/usr/bin/env bash
# Creates the virtual environment and installs JAMSOS Desktop into it, with the Debian libraries
# that Qt needs when they are missing and we are allowed to install them (root or sudo).
set -euo pipefail
PYTHON=${PYTHON:-python3}
VENV=${VENV:-.venv}

debian_packages=(libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3 fonts-dejavu-core
                 libgssapi-krb5-2 poppler-utils)
if command -v dpkg-query >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
  missing=()
  for p in "${debian_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if ! "$PYTHON" -c 'import ensurepip, venv' >/dev/null 2>&1; then
    missing+=(python3-venv)
  fi
  if [ ${#missing[@]} -gt 0 ]; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo -n"
    echo "Installing Debian packages: ${missing[*]}"
    if ! { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"; }; then
      echo "warning: could not install ${missing[*]}; install them with apt-get and run again." >&2
    fi
  fi
fi

if [ ! -x "$VENV/bin/python" ]; then
  "$PYTHON" -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install -q --upgrade pip
"$VENV/bin/python" -m pip install -q -e ".[dev]"
# Translations: .ts sources live in resources/translations, the .qm files are built here.
"$VENV/bin/python" scripts/build_translations.py
