checkout
fetch_artifacts
install_dependencies
use_deploy_role

echo "Testing ${APHEX_ENVIRONMENT} (account ${AWS_ACCOUNT}, ${AWS_REGION})"
run_commands "${TEST_COMMANDS}"
