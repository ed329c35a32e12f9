checkout
fetch_artifacts
install_dependencies
use_deploy_role

read -ra stacks <<<"${APHEX_STACKS}"
if ((${#stacks[@]} == 0)); then
  echo "APHEX_STACKS is empty; nothing to deploy" >&2
  exit 1
fi
mkdir -p "${APHEX_OUTPUT_DIR}"
outputs_files=()
for stack in "${stacks[@]}"; do
  echo "Deploying ${stack} to ${APHEX_ENVIRONMENT} (account ${AWS_ACCOUNT}, ${AWS_REGION})"
  outputs_file="${APHEX_OUTPUT_DIR}/outputs-${stack}.json"
  npx cdk deploy "${stack}" --require-approval never --outputs-file "${outputs_file}"
  outputs_files+=("${outputs_file}")
done

# The test stage gets this JSON as an env value, in which Kubernetes rewrites dollar signs
# (variable references and doubled dollars). JSON has them only inside strings, where an
# escaped dollar sign is valid and reaches the test commands unchanged once decoded.
jq -cs 'reduce .[] as $outputs ({}; . * $outputs)' "${outputs_files[@]}" |
  sed 's/[$]/\\u0024/g' >"${APHEX_OUTPUT_DIR}/stack-outputs.json"
echo "Stack outputs of ${APHEX_ENVIRONMENT} written to ${APHEX_OUTPUT_DIR}/stack-outputs.json"
