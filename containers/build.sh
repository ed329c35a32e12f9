#!/usr/bin/env bash
# Builds the builder and deployer images for linux/amd64 and linux/arm64 and pushes them to ECR by
# the convention the pipeline resolves them with:
#   {account}.dkr.ecr.{region}.amazonaws.com/arbiter-pipeline-{builder,deployer}:{version}
# then prints the digests to pin with. The repositories must exist (immutable tags, scan on push,
# a lifecycle rule): create them with the PipelineImageRepositories component (see docs/container-images.md).
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: containers/build.sh [options]

  --account ID     12-digit account of the ECR registry (containerImageAccount);
                   default: the account of the current AWS credentials
  --region REGION  region of the ECR registry (containerImageRegion); default: us-east-1
  --version TAG    image tag (containerImageVersion); default: v1.0.1; never "latest"
  --image NAME     builder, deployer or all; default: all
  --platforms P    default: linux/amd64,linux/arm64 (EKS runs both)
  --print-names    print the image references and exit: no Docker, no push
  --help           this text

Needs Docker with buildx and a builder that can build both platforms (docker buildx ls), and AWS
credentials that may push to the repositories.
USAGE
}

fail() {
  echo "build.sh: $*" >&2
  exit 2
}

root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
account=""
region="us-east-1"
version="v1.0.1"
image="all"
platforms="linux/amd64,linux/arm64"
print_names=false

while (($#)); do
  case "$1" in
    --account | --region | --version | --image | --platforms)
      (($# >= 2)) || fail "$1 needs a value; see --help"
      declare "${1#--}=$2"
      shift 2
      ;;
    --print-names)
      print_names=true
      shift
      ;;
    --help | -h)
      usage
      exit 0
      ;;
    *) fail "unknown argument '$1'; see --help" ;;
  esac
done

# The same rules as the pipeline's own checks of containerImageRegion and containerImageVersion
# (NameRules.awsRegion, ImageReference.checkTag), so that what is pushed is what it can resolve.
[[ "${region}" =~ ^(us|eu|ap|sa|ca|me|af|il|mx|cn|us-gov|us-iso|us-isob)-[a-z]+-[0-9]{1,2}$ ]] ||
  fail "--region '${region}' is not an AWS region name (like us-east-1 or eu-west-2)"
if [[ "${version,,}" == latest ]]; then
  fail "--version '${version}': a 'latest' tag changes under running pipelines, and the repositories' tags are immutable; use a version such as v2.0.0 or v2.0.0-beta"
fi
[[ "${version}" =~ ^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$ ]] ||
  fail "--version '${version}' is not an image tag (letters, digits, '_', '.', '-', at most 128, not starting with '.' or '-')"
case "${image}" in
  all) images=(builder deployer) ;;
  builder | deployer) images=("${image}") ;;
  *) fail "--image '${image}' is not builder, deployer or all" ;;
esac

if [[ -z "${account}" ]]; then
  account="$(aws sts get-caller-identity --query Account --output text)" ||
    fail "no --account and no AWS credentials to find the current account with"
fi
[[ "${account}" =~ ^[0-9]{12}$ ]] || fail "--account '${account}' is not a 12-digit AWS account ID"

domain="amazonaws.com"
[[ "${region}" != cn-* ]] || domain="amazonaws.com.cn"
registry="${account}.dkr.ecr.${region}.${domain}"

if [[ "${print_names}" == true ]]; then
  for name in "${images[@]}"; do
    echo "${name} ${registry}/arbiter-pipeline-${name}:${version}"
  done
  exit 0
fi

command -v docker >/dev/null || fail "docker is not installed"
docker buildx version >/dev/null 2>&1 || fail "docker buildx is not available; install the buildx plugin"
builder_platforms="$(docker buildx inspect --bootstrap | sed -n 's/^Platforms: *//p')"
IFS=, read -ra wanted <<<"${platforms}"
for platform in "${wanted[@]}"; do
  [[ ", ${builder_platforms}," == *", ${platform},"* || ", ${builder_platforms}," == *", ${platform}*,"* ]] ||
    fail "the current buildx builder cannot build ${platform} (it has: ${builder_platforms}); create one that can, e.g. docker buildx create --use --name aphex, with QEMU for the other architecture (docker run --privileged --rm tonistiigi/binfmt --install all)"
done

for name in "${images[@]}"; do
  repository="arbiter-pipeline-${name}"
  aws ecr describe-repositories --region "${region}" --registry-id "${account}" \
    --repository-names "${repository}" >/dev/null ||
    fail "no ECR repository ${repository} in account ${account}, ${region} (AWS's error is above); create it with PipelineImageRepositories (docs/container-images.md)"
  if aws ecr describe-images --region "${region}" --registry-id "${account}" \
    --repository-name "${repository}" --image-ids "imageTag=${version}" >/dev/null 2>&1; then
    fail "${registry}/${repository}:${version} already exists and tags are immutable; publish a new version"
  fi
done

aws ecr get-login-password --region "${region}" |
  docker login --username AWS --password-stdin "${registry}"

work="$(mktemp -d)"
trap 'rm -rf "${work}"' EXIT
# The commit the images are built from; "-dirty" when containers/ differs from it.
revision="$(git -C "${root}" rev-parse HEAD 2>/dev/null || echo unknown)"
if [[ "${revision}" != unknown ]] && ! git -C "${root}" diff --quiet HEAD -- .; then
  revision+="-dirty"
fi
for name in "${images[@]}"; do
  reference="${registry}/arbiter-pipeline-${name}:${version}"
  echo "build.sh: building and pushing ${reference} for ${platforms}"
  docker buildx build \
    --platform "${platforms}" \
    --file "${root}/${name}/Dockerfile" \
    --build-arg "IMAGE_VERSION=${version}" \
    --label "org.opencontainers.image.revision=${revision}" \
    --tag "${reference}" \
    --metadata-file "${work}/${name}.json" \
    --push \
    "${root}"
  digest="$(jq -r '."containerimage.digest" // empty' "${work}/${name}.json")"
  [[ "${digest}" =~ ^sha256:[0-9a-f]{64}$ ]] ||
    fail "buildx reported no digest for ${reference} (metadata: $(cat "${work}/${name}.json"))"
  printf '%s\n' "${reference}@${digest}" >>"${work}/digests"
done

echo
echo "Published (pin these; the digest is the multi-architecture index):"
cat "${work}/digests"
echo
echo "Use the version:  pulumi config set containerImageVersion ${version}"
echo "Or pin digests:"
while read -r pinned; do
  case "${pinned}" in
    */arbiter-pipeline-builder:*) echo "  pulumi config set builderImage ${pinned}" ;;
    */arbiter-pipeline-deployer:*) echo "  pulumi config set deployerImage ${pinned}" ;;
  esac
done <"${work}/digests"
