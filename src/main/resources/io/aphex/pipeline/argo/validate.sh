# Before any environment deploys: the tools the deployer image must have, each environment's
# credentials through the role its stages use, and every stack's path at the pushed commit. Every
# problem is reported, then the stage fails if there was one.
problems=0
problem() {
  echo "validate: $*" >&2
  problems=$((problems + 1))
}

for tool in ${APHEX_TOOLS}; do
  command -v "${tool}" >/dev/null ||
    problem "the deployer image has no ${tool}, which the stages run; add it to the image"
done
checkout

# One profile per environment, each assuming the environment's check-role from the pod.
# (A mounted ConfigMap key has no final newline, which a plain read would fail on.)
read -ra environments <<<"$(<"${APHEX_TARGETS_DIR}/environments")"
mkdir -p "${APHEX_OUTPUT_DIR}"
export AWS_CONFIG_FILE="${APHEX_OUTPUT_DIR}/aws-config"
{
  pod_profile
  for environment in "${environments[@]}"; do
    role_profile "aphex-${environment}" "$(<"${APHEX_TARGETS_DIR}/${environment}.check-role")" \
      "aphex-${environment}" "$(<"${APHEX_TARGETS_DIR}/${environment}.region")"
  done
} >"${AWS_CONFIG_FILE}"

# A push that changes the pipeline config runs with the pipeline as rendered before it: fine while
# pipeline-deployment applies the change for the next push, a problem when nothing will.
if [[ -n "${APHEX_CONFIG_PATH:-}" ]]; then
  pushed=""
  [[ ! -f "${APHEX_CONFIG_PATH}" ]] || pushed="$(sha256sum <"${APHEX_CONFIG_PATH}" | cut -d' ' -f1)"
  if [[ "${pushed}" != "${APHEX_CONFIG_SHA256}" ]]; then
    stale="${APHEX_CONFIG_PATH} at ${COMMIT_SHA} is not the file this pipeline was rendered from"
    if [[ "${APHEX_SELF_UPDATE}" == true ]]; then
      echo "validate: warning: ${stale}; this run deploys the pipeline as rendered, and pipeline-deployment applies the change for the next push" >&2
    else
      problem "${stale}, and pipeline.selfUpdate is false; run pulumi up for the pipeline's stack, then push again or resubmit this workflow"
    fi
  fi
fi

pulumi_stacks=false
for environment in "${environments[@]}"; do
  targets="${APHEX_TARGETS_DIR}/${environment}"
  account="$(<"${targets}.account")"
  role="$(<"${targets}.check-role")"
  if identity="$(AWS_PROFILE="aphex-${environment}" aws sts get-caller-identity --query Account --output text)"; then
    if [[ "${identity}" == "${account}" ]]; then
      echo "validate: ${environment}: ${role} works in account ${account}"
    else
      problem "${environment}: ${role} answered for account ${identity}, not ${account}; use a role in the environment's account"
    fi
  else
    problem "${environment}: cannot assume ${role} (AWS's error is above); check that it exists in account ${account} and trusts the workflow role"
  fi
  while IFS=$'\t' read -r name engine path; do
    if [[ "${engine}" == pulumi ]]; then
      pulumi_stacks=true
      [[ -f "${path}/Pulumi.yaml" || -f "${path}/Pulumi.yml" ]] ||
        problem "${environment}: Pulumi stack ${name}: no Pulumi.yaml in ${path} at ${COMMIT_SHA}; its path must be the project directory"
    else
      cdk_app "${path}" >/dev/null ||
        problem "${environment}: CDK stack ${name}: no cdk.json at or above ${path} at ${COMMIT_SHA}"
      [[ -e "${path}" ]] ||
        echo "validate: warning: ${environment}: CDK stack ${name}: ${path} does not exist at ${COMMIT_SHA}; the stack still deploys from its CDK app" >&2
    fi
  done < <(jq -r '.[][] | [.name, .engine, .path] | @tsv' <"${targets}.stacks")
done

if [[ "${pulumi_stacks}" == true ]] && command -v pulumi >/dev/null; then
  pulumi whoami >/dev/null ||
    problem "pulumi whoami failed: the stages cannot log in to ${PULUMI_BACKEND_URL:-Pulumi Cloud}; check pulumiBackendUrl and pulumiAccessTokenSecretName"
fi

if ((problems > 0)); then
  echo "validate: ${problems} problem(s); no environment was deployed" >&2
  exit 1
fi
echo "validate: the tools, the credentials of ${#environments[@]} environment(s) and the stack paths are in order"
