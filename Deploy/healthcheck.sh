#!/bin/bash
# Container health check without curl: GET http://127.0.0.1:PORT/PATH and succeed only on HTTP 200.
# Usage: quimbi-healthcheck [PATH (default /healthz)] [PORT (default $QUIMBI_PORT, else 8080)]
set -euo pipefail
path="${1:-/healthz}"
port="${2:-${QUIMBI_PORT:-8080}}"
exec 3<>"/dev/tcp/127.0.0.1/${port}"
printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' "$path" >&3
IFS= read -r -t 2 status_line <&3
[[ "$status_line" =~ ^HTTP/1\.[01]\ 200[[:space:]] ]]
