#!/usr/bin/env bash
#
# Builds two local Java 17 base images for the Dockerfile without pulling anything from a container registry:
#
#   local/jre17  Debian 12 (bookworm) minbase + openjdk-17-jre-headless + curl + ca-certificates
#   local/jdk17  the same plus openjdk-17-jdk-headless
#
# Use it where Docker Hub cannot be reached (an air-gapped laptop, a CI runner behind a proxy that only passes a
# Debian mirror and Maven Central), then build the relay image with:
#
#   docker build --network=host \
#     --build-arg BUILD_IMAGE=local/jdk17 --build-arg RUNTIME_IMAGE=local/jre17 \
#     -t clickwrap-relay:local .
#
# Needs: root (debootstrap and chroot), debootstrap, a running Docker daemon, and a reachable Debian mirror.
# Environment:
#   DEBIAN_MIRROR  the mirror to bootstrap from (default http://deb.debian.org/debian)
#   SUITE          the Debian release (default bookworm, whose openjdk-17 is the Java the relay targets)
#   IMAGE_PREFIX   the repository prefix of the two tags (default local)
#   WORK_DIR       where the root file system is assembled (default a fresh temporary directory, removed at exit)
#   EXTRA_CA_CERTS space-separated PEM files added to both images' trust stores (the system one and Java's), for a
#                  network whose HTTPS proxy presents its own certificate authority; without it the build stage
#                  cannot download Maven or the dependencies there
#
set -euo pipefail

DEBIAN_MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
SUITE="${SUITE:-bookworm}"
IMAGE_PREFIX="${IMAGE_PREFIX:-local}"

if [[ "$(id -u)" -ne 0 ]]; then
	echo "Run as root: debootstrap and chroot need it" >&2
	exit 1
fi
for tool in debootstrap docker tar; do
	if ! command -v "$tool" >/dev/null; then
		echo "Missing $tool (on Debian or Ubuntu: apt-get install -y debootstrap docker.io)" >&2
		exit 1
	fi
done

if [[ -n "${WORK_DIR:-}" ]]; then
	mkdir -p "$WORK_DIR"
else
	WORK_DIR="$(mktemp -d)"
	trap 'umount -R "$WORK_DIR/rootfs/proc" 2>/dev/null || true; rm -rf "$WORK_DIR"' EXIT
fi
ROOTFS="$WORK_DIR/rootfs"

# The same environment the eclipse-temurin images set, so that the Dockerfile behaves alike on both.
IMPORT_CHANGES=(
	-c 'ENV JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64'
	-c 'ENV PATH=/usr/lib/jvm/java-17-openjdk-amd64/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'
	-c 'ENV LANG=C.UTF-8'
	-c 'CMD ["bash"]'
)

# Imports the root file system as an image; the package caches and lists are left out to keep it small.
import_rootfs() {
	local tag="$1"
	tar -C "$ROOTFS" --numeric-owner \
		--exclude=./proc/* --exclude=./sys/* --exclude=./dev/* \
		--exclude=./var/cache/apt/archives/*.deb --exclude=./var/lib/apt/lists/* \
		-c . | docker import "${IMPORT_CHANGES[@]}" - "$tag"
	echo "Built $tag"
}

# ca-certificates-java must be configured while /proc is there, or the JRE's trust store stays empty.
echo "Bootstrapping Debian $SUITE into $ROOTFS"
debootstrap --variant=minbase --include=ca-certificates,curl "$SUITE" "$ROOTFS" "$DEBIAN_MIRROR"
extra_ca_index=0
for ca_file in ${EXTRA_CA_CERTS:-}; do
	extra_ca_index=$((extra_ca_index + 1))
	cp "$ca_file" "$ROOTFS/usr/local/share/ca-certificates/extra-ca-$extra_ca_index.crt"
done
if [[ "$extra_ca_index" -gt 0 ]]; then
	chroot "$ROOTFS" update-ca-certificates
fi
mount -t proc proc "$ROOTFS/proc"
chroot "$ROOTFS" /usr/bin/env DEBIAN_FRONTEND=noninteractive \
	apt-get install -y --no-install-recommends openjdk-17-jre-headless
chroot "$ROOTFS" apt-get clean
umount "$ROOTFS/proc"
import_rootfs "$IMAGE_PREFIX/jre17"

mount -t proc proc "$ROOTFS/proc"
chroot "$ROOTFS" /usr/bin/env DEBIAN_FRONTEND=noninteractive \
	apt-get install -y --no-install-recommends openjdk-17-jdk-headless
chroot "$ROOTFS" apt-get clean
umount "$ROOTFS/proc"
import_rootfs "$IMAGE_PREFIX/jdk17"

docker run --rm "$IMAGE_PREFIX/jre17" java -version
docker run --rm "$IMAGE_PREFIX/jdk17" javac -version
