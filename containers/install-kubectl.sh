#!/usr/bin/env bash
# Installs kubectl VERSION for TARGETARCH (amd64 or arm64) into PREFIX (default /opt/kubectl), after
# checking the binary against the SHA-256 the Kubernetes release publishes beside it (the check the
# Kubernetes documentation's "Install kubectl on Linux" gives). The deployer image needs kubectl for
# the workflow's exit handler, cleanup-targets, which deletes targets ConfigMaps no workflow needs.
# Usage: install-kubectl.sh VERSION TARGETARCH [PREFIX]
set -euo pipefail

version="$1"
prefix="${3:-/opt/kubectl}"
case "$2" in
  amd64 | arm64) arch="$2" ;;
  *)
    echo "install-kubectl: this image builds kubectl only for linux/amd64 and linux/arm64, not linux/$2" >&2
    exit 1
    ;;
esac

work="$(mktemp -d)"
url="https://dl.k8s.io/release/v${version}/bin/linux/${arch}/kubectl"
curl --fail --silent --show-error --location --proto '=https' --tlsv1.2 \
  --output "${work}/kubectl" "${url}"
curl --fail --silent --show-error --location --proto '=https' --tlsv1.2 \
  --output "${work}/kubectl.sha256" "${url}.sha256"
expected="$(tr -d '[:space:]' <"${work}/kubectl.sha256")"
if [[ ! "${expected}" =~ ^[0-9a-f]{64}$ ]] ||
  ! (cd "${work}" && echo "${expected}  kubectl" | sha256sum --check --strict --status); then
  echo "install-kubectl: kubectl ${version} for ${arch} does not match its published SHA-256" >&2
  exit 1
fi

install -D --mode 0755 "${work}/kubectl" "${prefix}/kubectl"
installed="$("${prefix}/kubectl" version --client)"
if [[ "${installed}" != *"Client Version: v${version}"* ]]; then
  echo "install-kubectl: expected v${version}, got: ${installed}" >&2
  exit 1
fi
rm -rf "${work}"
echo "install-kubectl: kubectl v${version}"
