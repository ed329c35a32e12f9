checkout
fetch_artifacts
install_dependencies
use_deploy_role
report_environment deploying

# One cdk deploy of the stacks of one CDK app: one synth, so parallel deployments never share a
# cdk.out, and CDK writes all their outputs into one file.
cdk_deploy() {
  local app="$1" outputs_file="$2" parallel=()
  shift 2
  echo "Deploying $* (CDK app ${app}) to ${APHEX_ENVIRONMENT} (account ${AWS_ACCOUNT}, ${AWS_REGION})"
  ((${#} == 1)) || parallel=(--concurrency "${#}")
  cd "${app}"
  [[ "${app}" == . ]] || install_dependencies
  npx cdk deploy "$@" --require-approval never "${parallel[@]}" --outputs-file "${outputs_file}"
}

# One pulumi up of a Pulumi stack in its project directory. Its outputs go under the stack's name,
# like a CDK stack's; without --show-secrets, secret outputs stay "[secret]".
pulumi_deploy() {
  local stack="$1" project="$2" outputs_file="$3"
  echo "Deploying Pulumi stack ${stack} (project ${project}) to ${APHEX_ENVIRONMENT} (account ${AWS_ACCOUNT}, ${AWS_REGION})"
  if [[ ! -f "${project}/Pulumi.yaml" && ! -f "${project}/Pulumi.yml" ]]; then
    echo "No Pulumi.yaml in ${project}: a Pulumi stack's path must be its project directory" >&2
    return 1
  fi
  cd "${project}"
  [[ "${project}" == . ]] || install_dependencies
  pulumi up --yes --non-interactive --stack "${stack}"
  pulumi stack output --json --stack "${stack}" |
    jq -c --arg stack "${stack}" '{($stack): .}' >"${outputs_file}"
}

# Runs a deployment of the current level in a subshell, in the background when the level has
# several.
run_deployment() {
  if [[ "${background}" == true ]]; then
    ("$@") &
    pids+=("$!")
  else
    ("$@")
  fi
}

# Deploys one level: stacks that depend only on earlier levels, side by side when it takes several
# deployments (one per CDK app, one per Pulumi stack). Each writes its outputs to a numbered file.
deploy_level() {
  local name engine path app i pid status=0 background=false
  local -A cdk_stacks=()
  local -a apps=() names pulumi_stacks=() pulumi_projects=() pids=()
  while IFS=$'\t' read -r name engine path; do
    if [[ "${engine}" == pulumi ]]; then
      pulumi_stacks+=("${name}")
      pulumi_projects+=("${path}")
    else
      app="$(cdk_app "${path}")"
      cdk_stacks["${app}"]+="${name} "
    fi
  done < <(jq -r '.[] | [.name, .engine, .path] | @tsv' <<<"$1")
  ((${#cdk_stacks[@]} > 0)) && mapfile -t apps < <(printf '%s\n' "${!cdk_stacks[@]}" | sort)
  ((${#apps[@]} + ${#pulumi_stacks[@]} == 1)) || background=true
  for app in "${apps[@]}"; do
    read -ra names <<<"${cdk_stacks[${app}]}"
    outputs=$((outputs + 1))
    run_deployment cdk_deploy "${app}" "${outputs_dir}/${outputs}.json" "${names[@]}"
  done
  for i in "${!pulumi_stacks[@]}"; do
    outputs=$((outputs + 1))
    run_deployment pulumi_deploy "${pulumi_stacks[i]}" "${pulumi_projects[i]}" \
      "${outputs_dir}/${outputs}.json"
  done
  for pid in "${pids[@]}"; do
    wait "${pid}" || status=$?
  done
  if ((status != 0)); then
    echo "A deployment of this level failed (exit status ${status}); later levels are not deployed" >&2
    return "${status}"
  fi
}

# APHEX_STACKS holds the deployment levels in order, as JSON: an array of levels, each an array of
# {name, engine, path} with engine cdk or pulumi. The stacks of a level depend only on earlier
# levels.
# One jq for all levels, one compact JSON level a line, rather than one per level.
levels_json="$(jq -c '.[]' <<<"${APHEX_STACKS}")"
if [[ -z "${levels_json}" ]]; then
  echo "APHEX_STACKS has no stacks; nothing to deploy" >&2
  exit 1
fi
mapfile -t levels <<<"${levels_json}"
mkdir -p "${APHEX_OUTPUT_DIR}/outputs"
outputs_dir="$(cd "${APHEX_OUTPUT_DIR}/outputs" && pwd)"
outputs=0
for level in "${levels[@]}"; do
  deploy_level "${level}"
done

# The test stage gets this JSON as a task argument, in which Argo substitutes its global variables
# (argo-workflows workflow/common/util.go SubstituteParams), and as an env value, in which
# Kubernetes rewrites dollar signs (variable references and doubled dollars). Compact JSON has a
# dollar sign or two opening braces in a row only inside strings, where the escapes \u0024 and
# \u007b are valid and reach the test commands unchanged once decoded.
jq -cs 'reduce .[] as $outputs ({}; . * $outputs)' "${outputs_dir}"/*.json |
  sed -e 's/[$]/\\u0024/g' -e 's/[{][{]/\\u007b\\u007b/g' >"${APHEX_OUTPUT_DIR}/stack-outputs.json"
echo "Stack outputs of ${APHEX_ENVIRONMENT} written to ${APHEX_OUTPUT_DIR}/stack-outputs.json"
report_environment deployed
