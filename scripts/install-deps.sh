#!/usr/bin/env bash
# Installs the Debian 12 packages zerocad needs to build, test and run its demo.
# Idempotent: a second run with everything present only checks and returns.
set -euo pipefail

PKGS=(
  build-essential cmake pkg-config
  libocct-foundation-dev libocct-modeling-data-dev libocct-modeling-algorithms-dev
  libocct-data-exchange-dev fonts-dejavu-core
  libpython3.11-dev python3-numpy python3-pytest python3-pil
  libspng-dev zlib1g-dev libjansson-dev libpcre2-dev libutf8proc-dev
  libopenblas-dev libseccomp-dev libembree-dev
  libzstd-dev libsnappy-dev liblz4-dev nodejs
  libxxhash-dev libssl-dev
  python3-pytest-timeout python3-ezdxf
  libcurl4-openssl-dev libsqlite3-dev libnlopt-dev
  libopenmpi-dev openmpi-bin
  libmicrohttpd-dev
)
# Headless Chromium: only the tests of `zerocad report`'s page (tests/report) use it.
PKGS+=(chromium)
# npm (for the DuckDB/hyparquet parquet checks): Debian's package unless a node install already has it.
command -v npm >/dev/null 2>&1 || PKGS+=(npm)

missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ "${#missing[@]}" -eq 0 ]; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  SUDO=sudo
else
  SUDO=
fi
echo "install-deps: installing ${missing[*]}" >&2
$SUDO apt-get update -q
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
