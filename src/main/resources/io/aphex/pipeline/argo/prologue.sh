# aphex-pipeline stage. All data arrives through environment variables, never through the script.
set -euo pipefail

APHEX_WORKSPACE="${APHEX_WORKSPACE:-/workspace}"
APHEX_OUTPUT_DIR="${APHEX_OUTPUT_DIR:-/tmp/aphex}"

checkout() {
  echo "Checking out ${COMMIT_SHA} of ${REPO_URL}"
  git clone "${REPO_URL}" "${APHEX_WORKSPACE}"
  cd "${APHEX_WORKSPACE}"
  git checkout "${COMMIT_SHA}"
}

# Runs the commands of a JSON array of strings as the user wrote them. They are eval'd in this
# shell, so cd, exports and variables carry over to the next command as in one script.
run_commands() {
  local aphex_encoded_list aphex_encoded aphex_command
  local -a aphex_encoded_commands=()
  aphex_encoded_list="$(jq -r '.[] | @base64' <<<"$1")"
  if [[ -n "${aphex_encoded_list}" ]]; then
    mapfile -t aphex_encoded_commands <<<"${aphex_encoded_list}"
  fi
  # Bash 5.2 prints "pop_var_context" when errexit ends the script inside eval in a function;
  # exiting from an ERR trap first gives the same status without the noise.
  trap 'exit $?' ERR
  for aphex_encoded in "${aphex_encoded_commands[@]}"; do
    aphex_command="$(base64 -d <<<"${aphex_encoded}")"
    echo "+ ${aphex_command}"
    eval "${aphex_command}"
  done
  trap - ERR
}

# `aws s3 ls` exits 1 when nothing is under the prefix; any other failure (access denied, no
# such bucket) must stop the stage rather than pass for "no artifacts".
fetch_artifacts() {
  local artifacts="s3://${ARTIFACT_BUCKET}/${COMMIT_SHA}/artifacts/" status=0
  aws s3 ls "${artifacts}" >/dev/null || status=$?
  case "${status}" in
    0)
      echo "Downloading artifacts from ${artifacts}"
      mkdir -p ./artifacts
      aws s3 sync "${artifacts}" ./artifacts/
      ;;
    1) echo "No artifacts at ${artifacts}" ;;
    *)
      echo "Cannot list ${artifacts} (aws exit status ${status}); check the workflow role's access to the artifact bucket" >&2
      return "${status}"
      ;;
  esac
}

# With a deployRoleArn, the rest of the stage runs as that role in the target account: a profile
# chained from the pod's own credentials (IRSA or Pod Identity), which the AWS CLI, the CDK and
# Pulumi refresh for as long as the stage runs. The artifacts are fetched before, with the pod role.
use_deploy_role() {
  if [[ -z "${DEPLOY_ROLE_ARN:-}" ]]; then
    return 0
  fi
  mkdir -p "${APHEX_OUTPUT_DIR}"
  export AWS_CONFIG_FILE="${APHEX_OUTPUT_DIR}/aws-config"
  {
    if [[ -n "${AWS_WEB_IDENTITY_TOKEN_FILE:-}" ]]; then
      printf '[profile aphex-pod]\nrole_arn = %s\nweb_identity_token_file = %s\n' \
        "${AWS_ROLE_ARN}" "${AWS_WEB_IDENTITY_TOKEN_FILE}"
      printf '[profile aphex-deploy]\nsource_profile = aphex-pod\n'
    else
      printf '[profile aphex-deploy]\ncredential_source = EcsContainer\n'
    fi
    printf 'role_arn = %s\nrole_session_name = aphex-%s\nregion = %s\n' \
      "${DEPLOY_ROLE_ARN}" "${APHEX_ENVIRONMENT}" "${AWS_REGION}"
  } >"${AWS_CONFIG_FILE}"
  export AWS_PROFILE=aphex-deploy
  echo "Assuming ${DEPLOY_ROLE_ARN} for ${APHEX_ENVIRONMENT}"
}

install_dependencies() {
  if [[ -f package-lock.json ]]; then
    npm ci
  elif [[ -f package.json ]]; then
    npm install
  else
    echo "No package.json; no dependencies to install"
  fi
}
