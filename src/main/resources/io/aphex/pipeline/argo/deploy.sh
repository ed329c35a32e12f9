checkout
fetch_artifacts
install_dependencies
use_deploy_role

# APHEX_STACKS holds the deployment levels in order, separated by spaces; the stacks of a level,
# separated by commas, depend only on earlier levels and deploy in parallel in one cdk deploy
# (one synth, so parallel deployments never share a cdk.out).
read -ra levels <<<"${APHEX_STACKS}"
if ((${#levels[@]} == 0)); then
  echo "APHEX_STACKS is empty; nothing to deploy" >&2
  exit 1
fi
mkdir -p "${APHEX_OUTPUT_DIR}"
outputs_files=()
for level in "${levels[@]}"; do
  IFS=, read -ra stacks <<<"${level}"
  echo "Deploying ${stacks[*]} to ${APHEX_ENVIRONMENT} (account ${AWS_ACCOUNT}, ${AWS_REGION})"
  outputs_file="${APHEX_OUTPUT_DIR}/outputs-${stacks[0]}.json"
  parallel=()
  ((${#stacks[@]} == 1)) || parallel=(--concurrency "${#stacks[@]}")
  npx cdk deploy "${stacks[@]}" --require-approval never "${parallel[@]}" \
    --outputs-file "${outputs_file}"
  outputs_files+=("${outputs_file}")
done

# The test stage gets this JSON as an env value, in which Kubernetes rewrites dollar signs
# (variable references and doubled dollars). JSON has them only inside strings, where an
# escaped dollar sign is valid and reaches the test commands unchanged once decoded.
jq -cs 'reduce .[] as $outputs ({}; . * $outputs)' "${outputs_files[@]}" |
  sed 's/[$]/\\u0024/g' >"${APHEX_OUTPUT_DIR}/stack-outputs.json"
echo "Stack outputs of ${APHEX_ENVIRONMENT} written to ${APHEX_OUTPUT_DIR}/stack-outputs.json"
