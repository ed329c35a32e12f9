checkout
fetch_artifacts
install_dependencies
use_deploy_role

# The outputs arrive with dollar signs and double braces escaped (see deploy.sh); the commands see
# them decoded, exactly as the stacks wrote them.
STACK_OUTPUTS="$(jq -c . <<<"${STACK_OUTPUTS}")"
export STACK_OUTPUTS
echo "Testing ${APHEX_ENVIRONMENT} (account ${AWS_ACCOUNT}, ${AWS_REGION})"
run_commands "${TEST_COMMANDS}"
report_environment tested
