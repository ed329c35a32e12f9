# aphex-pipeline stage. All data arrives through environment variables, never through the script.
set -euo pipefail

APHEX_WORKSPACE="${APHEX_WORKSPACE:-/workspace}"
APHEX_OUTPUT_DIR="${APHEX_OUTPUT_DIR:-/tmp/aphex}"

# Private repositories: with a GitHub token mounted at APHEX_GIT_TOKEN_FILE, git's credential
# helper reads it from the file when the repository's host asks, and only for that host. The
# token is never on a command line, in the environment or in the log; the helper is exported
# through GIT_CONFIG_*, so the git calls of the user's commands (submodules, tags) authenticate
# too. Without a token, git clones anonymously, which a public repository needs.
git_credentials() {
  export GIT_TERMINAL_PROMPT=0
  if [[ -s "${APHEX_GIT_TOKEN_FILE:-}" && "${REPO_URL}" =~ ^(https://[^/@]+)/ ]]; then
    export GIT_CONFIG_COUNT=1
    export GIT_CONFIG_KEY_0="credential.${BASH_REMATCH[1]}.helper"
    export GIT_CONFIG_VALUE_0='!f() { test "$1" = get || return 0; printf "username=x-access-token\npassword=%s\n" "$(cat "$APHEX_GIT_TOKEN_FILE")"; }; f'
  fi
}

checkout() {
  echo "Checking out ${COMMIT_SHA} of ${REPO_URL}"
  git_credentials
  if ! git clone "${REPO_URL}" "${APHEX_WORKSPACE}"; then
    echo "Cannot clone ${REPO_URL}; a private repository needs a GitHub token that can read it (githubTokenSecretName, mounted at ${APHEX_GIT_TOKEN_FILE:-no file})" >&2
    return 1
  fi
  cd "${APHEX_WORKSPACE}"
  git checkout "${COMMIT_SHA}"
}

# Runs the commands of a JSON array of strings as the user wrote them. They are eval'd in this
# shell, so cd, exports and variables carry over to the next command as in one script. They run
# with errexit and pipefail, like a CI system's script step, but without nounset: an unset
# variable in a user's command expands to nothing, as in an interactive shell.
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
  set +u
  for aphex_encoded in "${aphex_encoded_commands[@]}"; do
    aphex_command="$(base64 -d <<<"${aphex_encoded}")"
    echo "+ ${aphex_command}"
    eval "${aphex_command}"
  done
  set -u
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

# The pod's own credentials as a profile to chain from: IRSA's web identity. With Pod Identity
# there is nothing to write; role profiles then take the container credentials directly.
pod_profile() {
  if [[ -n "${AWS_WEB_IDENTITY_TOKEN_FILE:-}" ]]; then
    printf '[profile aphex-pod]\nrole_arn = %s\nweb_identity_token_file = %s\n' \
      "${AWS_ROLE_ARN}" "${AWS_WEB_IDENTITY_TOKEN_FILE}"
  fi
}

# A profile that assumes a role ($2) from the pod's credentials, with a session name ($3) and a
# region ($4); the AWS CLI, the CDK and Pulumi refresh it for as long as the stage runs.
role_profile() {
  printf '[profile %s]\n' "$1"
  if [[ -n "${AWS_WEB_IDENTITY_TOKEN_FILE:-}" ]]; then
    printf 'source_profile = aphex-pod\n'
  else
    printf 'credential_source = EcsContainer\n'
  fi
  printf 'role_arn = %s\nrole_session_name = %s\nregion = %s\n' "$2" "$3" "$4"
}

# With a deployRoleArn, the rest of the stage runs as that role in the target account. The
# artifacts are fetched before, with the pod role.
use_deploy_role() {
  if [[ -z "${DEPLOY_ROLE_ARN:-}" ]]; then
    return 0
  fi
  mkdir -p "${APHEX_OUTPUT_DIR}"
  export AWS_CONFIG_FILE="${APHEX_OUTPUT_DIR}/aws-config"
  {
    pod_profile
    role_profile aphex-deploy "${DEPLOY_ROLE_ARN}" "aphex-${APHEX_ENVIRONMENT}" "${AWS_REGION}"
  } >"${AWS_CONFIG_FILE}"
  export AWS_PROFILE=aphex-deploy
  echo "Assuming ${DEPLOY_ROLE_ARN} for ${APHEX_ENVIRONMENT}"
}

# The directory of the CDK app that holds a stack: the nearest one at or above the stack's path
# (its source file or directory) with a cdk.json.
cdk_app() {
  local dir="$1"
  [[ -d "${dir}" ]] || dir="$(dirname "${dir}")"
  until [[ -f "${dir}/cdk.json" ]]; do
    if [[ "${dir}" == . || "${dir}" == / ]]; then
      echo "No cdk.json at or above $1: a CDK stack's path must be inside a CDK app" >&2
      return 1
    fi
    dir="$(dirname "${dir}")"
  done
  printf '%s\n' "${dir}"
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

# Sets WORKFLOW_URL to the workflow's page in the Argo UI (the UI's route
# /workflows/<namespace>/<name>), or to nothing without argoUiUrl.
workflow_url() {
  WORKFLOW_URL="${ARGO_UI_URL:+${ARGO_UI_URL%/}/workflows/${WORKFLOW_NAMESPACE}/${WORKFLOW_NAME}}"
}

# Calls the GitHub REST API ($1 method, $2 path under the repository, $3 optional JSON body) and
# prints the response. The token, read from the file git uses (APHEX_GIT_TOKEN_FILE), reaches curl
# through its config on stdin (printf is a builtin), so it is on no command line and in no log. Fails, after logging the status and GitHub's message,
# when there is no answer or the answer is not a 2xx.
github_api() {
  local response code
  local -a body=()
  [[ -z "${3:-}" ]] || body=(--header 'Content-Type: application/json' --data "$3")
  response="$(mktemp -t aphex-github.XXXXXX)"
  code="$(printf 'header = "Authorization: Bearer %s"\n' "$(<"${APHEX_GIT_TOKEN_FILE}")" |
    curl --config - --silent --show-error --max-time 20 --retry 2 --request "$1" \
      --header 'Accept: application/vnd.github+json' --header 'X-GitHub-Api-Version: 2022-11-28' \
      "${body[@]}" --output "${response}" --write-out '%{http_code}' \
      "${GITHUB_API_URL}/repos/${GITHUB_REPOSITORY}/$2")" || code="${code:-000}"
  if [[ "${code}" != 2?? ]]; then
    echo "aphex: GitHub answered $1 $2 with HTTP ${code}: $(jq -r '.message? // empty' "${response}" 2>/dev/null | head -c 300)" >&2
    rm -f "${response}"
    return 1
  fi
  cat "${response}"
  rm -f "${response}"
}

# Sets the commit status aphex/$1 of the pushed commit to state $2 (pending, success, failure or
# error) with the one-line description $3 (GitHub keeps 140 characters). Reporting never fails the
# stage: a problem is logged and the stage goes on.
report_status() {
  local body
  if [[ ! -s "${APHEX_GIT_TOKEN_FILE:-}" ]]; then
    echo "aphex: not reporting aphex/$1 ($2): no GitHub token at ${APHEX_GIT_TOKEN_FILE:-(unset)}" >&2
    return 0
  fi
  workflow_url
  body="$(jq -nc --arg state "$2" --arg url "${WORKFLOW_URL}" --arg description "$3" \
    --arg context "aphex/$1" '{state: $state, target_url: (if $url == "" then null else $url end),
      description: ($description | gsub("[\r\n]+"; " ") | .[0:140]), context: $context}')" &&
    github_api POST "statuses/${COMMIT_SHA}" "${body}" >/dev/null &&
    echo "aphex: reported aphex/$1: $2 ($3)" ||
    echo "aphex: could not report aphex/$1 ($2); the stage goes on" >&2
  return 0
}

# Progress of the running environment's status, from the deploy and test stages: deploying, then
# deployed (success, or pending while tests follow), then tested.
report_environment() {
  local context="deploy-${APHEX_ENVIRONMENT}"
  case "$1" in
    deploying) report_status "${context}" pending "Deploying to ${AWS_ACCOUNT} ${AWS_REGION}" ;;
    deployed)
      if [[ "${APHEX_TESTS:-[]}" == "[]" ]]; then
        report_status "${context}" success "Deployed to ${AWS_ACCOUNT} ${AWS_REGION}"
      else
        report_status "${context}" pending "Deployed; running tests"
      fi
      ;;
    tested) report_status "${context}" success "Deployed and tested" ;;
  esac
}

# Sends notification $1 (approval, failure or success) for environment $2, stage $3 and
# description $4, when a webhook URL is configured and the event is one of NOTIFY_ON. The body is
# the jq program NOTIFY_PAYLOAD applied to the event; the URL (a credential) reaches curl through
# its config on stdin. Never fails the stage.
notify() {
  local event payload short="${COMMIT_SHA:0:7}" link icon
  [[ -n "${NOTIFY_URL:-}" && " ${NOTIFY_ON:-} " == *" $1 "* ]] || return 0
  case "$1" in
    approval) icon=':hourglass:' ;;
    failure) icon=':x:' ;;
    *) icon=':white_check_mark:' ;;
  esac
  workflow_url
  link="${WORKFLOW_URL}"
  event="$(jq -nc --arg event "$1" --arg environment "$2" --arg stage "$3" --arg description "$4" \
    --arg repository "${GITHUB_REPOSITORY}" --arg commit "${COMMIT_SHA}" --arg pusher "${PUSHER:-}" \
    --arg url "${link}" --arg workflow "${WORKFLOW_NAME}" \
    --arg text "${icon} ${GITHUB_REPOSITORY} ${short} (pushed by ${PUSHER:-unknown}): $4${link:+ <${link}|Open in Argo>}" \
    '$ARGS.named')" &&
    payload="$(jq -c "${NOTIFY_PAYLOAD}" <<<"${event}")" &&
    printf 'url = "%s"\n' "${NOTIFY_URL}" |
    curl --config - --silent --show-error --fail --max-time 20 --retry 2 --output /dev/null \
      --header 'Content-Type: application/json' --data "${payload}" &&
    echo "aphex: sent the $1 notification" ||
    echo "aphex: could not send the $1 notification; the stage goes on" >&2
  return 0
}
