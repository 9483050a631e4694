#!/usr/bin/env bash
# Publishes both functions with Native AOT for linux-arm64 (Graviton) on this x64 machine:
# installs the cross toolchain when it is missing (Debian packages, root), then runs
# scripts/publish.sh linux-arm64, which passes the clang/lld/objcopy cross flags.
#   -> artifacts/publish/AotAuth.Authorizer/release_linux-arm64/bootstrap
#   -> artifacts/publish/AotAuth.UserFunction/release_linux-arm64/bootstrap
# Usage: scripts/publish-arm64.sh [--toolchain-only]
#   Add more rids after the flags to publish those too, e.g. scripts/publish-arm64.sh linux-x64.
set -euo pipefail
cd "$(dirname "$0")/.."

install_toolchain() {
  # clang + lld link the cross build, the aarch64 GNU toolchain brings the sysroot (libc, crt)
  # and objcopy/objdump. For the smoke test, qemu-user runs the result with the arm64 (multiarch)
  # libc6 and libssl3: the bootstrap loads libssl at run time (SHA-256, SigV4 HMAC), which the
  # cross sysroot lacks, and its ld.so must come from the same glibc build as the libc it loads,
  # so emulation uses `qemu-aarch64 -L /` with the multiarch packages, not the cross sysroot.
  local missing=()
  [ -f /usr/lib/aarch64-linux-gnu/libssl.so.3 ] || missing+=(libssl3:arm64)
  command -v clang >/dev/null || missing+=(clang)
  command -v ld.lld >/dev/null || missing+=(lld)
  command -v aarch64-linux-gnu-gcc >/dev/null || missing+=(gcc-aarch64-linux-gnu)
  command -v aarch64-linux-gnu-objcopy >/dev/null || missing+=(binutils-aarch64-linux-gnu)
  command -v qemu-aarch64 >/dev/null || missing+=(qemu-user)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "installing the arm64 cross toolchain: ${missing[*]}"
    [ "$(id -u)" = 0 ] || { echo "run as root (apt-get) or install: ${missing[*]}" >&2; exit 1; }
    dpkg --print-foreign-architectures | grep -qx arm64 || dpkg --add-architecture arm64
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
      clang lld gcc-aarch64-linux-gnu binutils-aarch64-linux-gnu qemu-user libc6:arm64 libssl3:arm64 >/dev/null
  fi
}

if [ "$(uname -m)" != aarch64 ]; then
  install_toolchain
fi
[ "${1:-}" = --toolchain-only ] && exit 0
bash scripts/publish.sh linux-arm64 "$@"
