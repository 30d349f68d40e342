#!/usr/bin/env bash
# A Docker engine for `make docker-test`: Debian's docker.io, started if none answers. Without
# a bridge or iptables rules (containers use the host's network), so it also runs inside a
# container or a VM without those kernel features. Its log: /tmp/pole-dockerd.log.
set -euo pipefail
if docker info >/dev/null 2>&1; then
    exit 0
fi
if ! command -v dockerd >/dev/null 2>&1; then
    echo "dockerd is not installed: apt-get install docker.io" >&2
    exit 1
fi
nohup dockerd --bridge=none --iptables=false >/tmp/pole-dockerd.log 2>&1 &
for _ in $(seq 60); do
    docker info >/dev/null 2>&1 && exit 0
    sleep 1
done
echo "dockerd did not start; see /tmp/pole-dockerd.log" >&2
exit 1
