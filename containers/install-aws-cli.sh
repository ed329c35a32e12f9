#!/usr/bin/env bash
# Installs AWS CLI v2 VERSION for TARGETARCH (amd64 or arm64) into PREFIX (default /opt/aws-cli),
# with the command in PREFIX/bin, after checking AWS's signature on the installer as AWS documents it
# (https://docs.aws.amazon.com/cli/latest/userguide/getting-started-version.html).
# Usage: install-aws-cli.sh VERSION TARGETARCH [PREFIX]
set -euo pipefail

version="$1"
prefix="${3:-/opt/aws-cli}"
case "$2" in
  amd64) arch=x86_64 ;;
  arm64) arch=aarch64 ;;
  *)
    echo "install-aws-cli: AWS publishes no CLI v2 for linux/$2 (only amd64 and arm64)" >&2
    exit 1
    ;;
esac
# The fingerprint of the AWS CLI signing key, as the page above publishes it.
fingerprint=FB5DB77FD5C118B80511ADA8A6310ACC4672475C

work="$(mktemp -d)"
export GNUPGHOME="${work}/gnupg"
mkdir -m 700 "${GNUPGHOME}"
url="https://awscli.amazonaws.com/awscli-exe-linux-${arch}-${version}.zip"
curl --fail --silent --show-error --location --proto '=https' --tlsv1.2 \
  --output "${work}/awscli.zip" "${url}"
curl --fail --silent --show-error --location --proto '=https' --tlsv1.2 \
  --output "${work}/awscli.zip.sig" "${url}.sig"
gpg --batch --keyserver hkps://keyserver.ubuntu.com --recv-keys "${fingerprint}"
gpg --batch --status-fd 1 --verify "${work}/awscli.zip.sig" "${work}/awscli.zip" >"${work}/status"
# Only a valid signature by exactly that key counts, not any key the keyserver returned.
if ! awk -v key="${fingerprint}" '$2 == "VALIDSIG" && $NF == key { ok = 1 } END { exit !ok }' \
  "${work}/status"; then
  echo "install-aws-cli: ${url} is not signed by the AWS CLI key ${fingerprint}" >&2
  exit 1
fi

unzip -q "${work}/awscli.zip" -d "${work}"
"${work}/aws/install" --install-dir "${prefix}" --bin-dir "${prefix}/bin"
installed="$("${prefix}/bin/aws" --version)"
if [[ "${installed}" != "aws-cli/${version} "* ]]; then
  echo "install-aws-cli: expected aws-cli/${version}, got: ${installed}" >&2
  exit 1
fi
rm -rf "${work}"
echo "install-aws-cli: ${installed}"
