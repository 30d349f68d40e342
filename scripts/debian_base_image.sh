#!/usr/bin/env bash
# A Debian 12 image with Python 3.11 for the Dockerfile's PYTHON_IMAGE, made without a
# registry: debootstrap from the machine's Debian mirror, then `docker import`.
#
#   scripts/debian_base_image.sh [TAG]        # default pole-debian12-python:local
#
# The image is what python:3.11-slim-bookworm provides to the Dockerfile: `python` and
# `python3` (Debian's 3.11.2), venv, CA certificates, time zones. The machine's CA bundle replaces the
# image's, so that pip inside `docker build` trusts what the machine trusts (a proxy's own
# authority, for example), and PIP_CERT points pip at it (Debian's pip bundles its own
# certificates otherwise). Nothing is rebuilt when the tag exists already.
set -euo pipefail
TAG=${1:-pole-debian12-python:local}

if docker image inspect "$TAG" >/dev/null 2>&1; then
    echo "$TAG exists"
    exit 0
fi

# The first Debian mirror apt uses on this machine (deb822 or one-line sources), else Debian's.
mirror=$(
    { grep -hs '^URIs:' /etc/apt/sources.list.d/*.sources | awk '{print $2}'
      grep -hs '^deb ' /etc/apt/sources.list /etc/apt/sources.list.d/*.list | awk '{print $2}'
    } | grep -v -- '-security' | head -n 1 || true
)
mirror=${mirror:-http://deb.debian.org/debian}

root=$(mktemp -d /tmp/pole-debian12-XXXXXX)
trap 'rm -rf "$root"' EXIT
debootstrap --variant=minbase --include=python3,python3-venv,ca-certificates,tzdata \
    bookworm "$root" "$mirror" >/dev/null
cp /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/certs/ca-certificates.crt"
ln -sf python3 "$root/usr/bin/python"
# Package lists and caches are not needed at run time.
rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/* "$root"/usr/share/doc/* \
    "$root"/usr/share/man/* "$root"/usr/share/locale/*

tar -C "$root" -c . | docker import \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'ENV LANG=C.UTF-8' \
    --change 'ENV PIP_CERT=/etc/ssl/certs/ca-certificates.crt' \
    --change 'CMD ["python3"]' \
    - "$TAG" >/dev/null
docker run --rm "$TAG" python --version
echo "$TAG built from $mirror"
