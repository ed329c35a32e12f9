checkout
fetch_artifacts
install_dependencies

echo "Testing ${APHEX_ENVIRONMENT} (account ${AWS_ACCOUNT}, ${AWS_REGION})"
run_commands "${TEST_COMMANDS}"
