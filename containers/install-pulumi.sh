#!/usr/bin/env bash
# Installs the Pulumi CLI VERSION for TARGETARCH (amd64 or arm64) into PREFIX (default /opt/pulumi), after checking
# the archive against the checksums file of the same release on GitHub (a second origin besides
# get.pulumi.com). Keeps the language hosts of the runtimes the deployer image has: Java (this
# project) and Node.js; YAML needs none.
# Usage: install-pulumi.sh VERSION TARGETARCH [PREFIX]
set -euo pipefail

version="$1"
prefix="${3:-/opt/pulumi}"
case "$2" in
  amd64) arch=x64 ;;
  arm64) arch=arm64 ;;
  *)
    echo "install-pulumi: Pulumi publishes no CLI for linux/$2 (only amd64 and arm64)" >&2
    exit 1
    ;;
esac

work="$(mktemp -d)"
archive="pulumi-v${version}-linux-${arch}.tar.gz"
curl --fail --silent --show-error --location --proto '=https' --tlsv1.2 \
  --output "${work}/${archive}" "https://get.pulumi.com/releases/sdk/${archive}"
curl --fail --silent --show-error --location --proto '=https' --tlsv1.2 \
  --output "${work}/checksums.txt" \
  "https://github.com/pulumi/pulumi/releases/download/v${version}/pulumi-${version}-checksums.txt"
if ! grep -E "^[0-9a-f]{64}  ${archive//./\\.}\$" "${work}/checksums.txt" >"${work}/expected" ||
  ! (cd "${work}" && sha256sum --check --strict expected); then
  echo "install-pulumi: ${archive} does not match pulumi-${version}-checksums.txt" >&2
  exit 1
fi

mkdir -p "${prefix}"
tar --extract --gzip --file "${work}/${archive}" --directory "${prefix}" --strip-components 1
# Language hosts of runtimes this image does not have would only fail later, and take space.
for unused in language-dotnet language-go language-python language-python-exec \
  resource-pulumi-python analyzer-policy-python; do
  rm -f "${prefix}/pulumi-${unused}"
done
installed="$(PULUMI_SKIP_UPDATE_CHECK=true "${prefix}/pulumi" version)"
if [[ "${installed}" != "v${version}" ]]; then
  echo "install-pulumi: expected v${version}, got: ${installed}" >&2
  exit 1
fi
rm -rf "${work}"
echo "install-pulumi: pulumi ${installed}"
