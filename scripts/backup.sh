#!/usr/bin/env bash
# Back up and restore the site: the PostgreSQL database and the media folder, together.
#
#   scripts/backup.sh backup            # → $BACKUP_DIR/pole-YYYYMMDD-HHMMSS/
#   scripts/backup.sh restore FOLDER    # puts FOLDER's database and media back
#
# Reads DATABASE_URL (postgres://user:password@host:port/name) and MEDIA_ROOT (the folder the
# site's /app/media volume is on the host); BACKUP_DIR (default ./backups) and BACKUP_KEEP_DAYS
# (default 30: older backups in BACKUP_DIR are deleted after a successful one; 0 keeps all).
# pg_dump and pg_restore must be of the server's major version or newer (Debian 12's
# postgresql-client is 15, as deploy/compose.yaml's server).
#
# A backup folder holds database.dump (pg_dump's custom format: compressed, restorable
# selectively), media.tar.gz and SHA256SUMS; it is complete only once SHA256SUMS is written,
# and restore refuses a folder whose files do not match it.
set -euo pipefail

die() { echo "backup: $*" >&2; exit 1; }
: "${DATABASE_URL:?DATABASE_URL must be set (postgres://…)}"
: "${MEDIA_ROOT:?MEDIA_ROOT must be set (the media folder on this machine)}"
case "$DATABASE_URL" in postgres://* | postgresql://*) ;; *) die "DATABASE_URL is not PostgreSQL" ;; esac

backup() {
    local root=${BACKUP_DIR:-backups} keep=${BACKUP_KEEP_DAYS:-30}
    local folder
    folder="$root/pole-$(date +%Y%m%d-%H%M%S)"
    [ -d "$MEDIA_ROOT" ] || die "no media folder at $MEDIA_ROOT"
    mkdir -p "$folder"
    # The database first, then the media: a file uploaded in between is an unused extra,
    # whereas the other order could leave rows pointing at files missing from the backup.
    pg_dump --format=custom --no-owner --dbname="$DATABASE_URL" --file="$folder/database.dump"
    tar -czf "$folder/media.tar.gz" -C "$MEDIA_ROOT" .
    (cd "$folder" && sha256sum database.dump media.tar.gz > SHA256SUMS)
    echo "$folder"
    if [ "$keep" -gt 0 ]; then
        find "$root" -mindepth 1 -maxdepth 1 -type d -name 'pole-*' -mtime +"$keep" \
            -exec rm -rf {} +
    fi
}

restore() {
    local folder=${1:?usage: scripts/backup.sh restore FOLDER}
    [ -f "$folder/SHA256SUMS" ] || die "$folder is not a complete backup (no SHA256SUMS)"
    (cd "$folder" && sha256sum --quiet --check SHA256SUMS) || die "$folder is damaged"
    # Media into a fresh folder beside the current one, swapped in only once unpacked; run
    # as root, tar gives every file (the folder included) its owner and mode at backup time.
    local parent incoming previous
    parent=$(dirname "$MEDIA_ROOT")
    mkdir -p "$parent"
    incoming=$(mktemp -d "$parent/.media-restore-XXXXXX")
    tar -xzf "$folder/media.tar.gz" -C "$incoming"
    # Drops and recreates the site's tables, in one transaction: a failure changes nothing.
    pg_restore --clean --if-exists --no-owner --single-transaction --exit-on-error \
        --dbname="$DATABASE_URL" "$folder/database.dump"
    previous="$MEDIA_ROOT.before-restore"
    rm -rf "$previous"
    if [ -d "$MEDIA_ROOT" ]; then mv "$MEDIA_ROOT" "$previous"; fi
    mv "$incoming" "$MEDIA_ROOT"
    rm -rf "$previous"
    echo "restored $folder"
}

case "${1:-}" in
    backup) backup ;;
    restore) shift; restore "$@" ;;
    *) die "usage: scripts/backup.sh backup | restore FOLDER" ;;
esac
