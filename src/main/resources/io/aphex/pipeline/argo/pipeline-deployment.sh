checkout
cd "${PULUMI_PROJECT_DIR}"
echo "Updating the pipeline: pulumi up of stack ${PULUMI_STACK} in ${PULUMI_PROJECT_DIR}"
pulumi up --yes --non-interactive --stack "${PULUMI_STACK}"
