#!/bin/bash
# Builds a Java 17 runtime image without any image registry: a minimal Debian root file system
# from debootstrap, imported as an image, then docker/base/Dockerfile on it. Prints the image's
# name, to pass as BASE (docker/try-compose.sh --base NAME). Needs root, debootstrap and docker.
#
#   docker/base/debootstrap.sh [IMAGE]        IMAGE: dualrun-jre:17 unless given
#
# DEBIAN_SUITE (bookworm) and DEBIAN_MIRROR (the first URI of this machine's apt sources, else
# http://deb.debian.org/debian) choose what debootstrap installs.
set -euo pipefail
cd "$(dirname "$0")"

jre=${1:-dualrun-jre:17}
suite=${DEBIAN_SUITE:-bookworm}
mirror=${DEBIAN_MIRROR:-}
if [ -z "$mirror" ]; then
  mirror=$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '/^URIs:/ {print $2; exit}')
fi
if [ -z "$mirror" ]; then
  mirror=$(awk '$1 == "deb" {print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)
fi
mirror=${mirror:-http://deb.debian.org/debian}
debian=dualrun-debian:$suite

rootfs=$(mktemp -d /var/tmp/dualrun-rootfs.XXXXXX)
trap 'rm -rf "$rootfs"' EXIT
echo "debootstrap $suite from $mirror into $rootfs" >&2
debootstrap --variant=minbase "$suite" "$rootfs" "$mirror" > "$rootfs.log" 2>&1 \
  || { tail -20 "$rootfs.log" >&2; exit 1; }
rm -f "$rootfs.log"
tar -C "$rootfs" -c . | docker import - "$debian" > /dev/null
echo "imported $debian" >&2
docker build -q -f Dockerfile --build-arg DEBIAN="$debian" -t "$jre" . > /dev/null
echo "$jre"
