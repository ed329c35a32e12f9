checkout
run_commands "${BUILD_COMMANDS}"

cd "${APHEX_WORKSPACE}"
artifacts="s3://${ARTIFACT_BUCKET}/${COMMIT_SHA}/artifacts/"
if [[ -d ./artifacts ]]; then
  echo "Uploading ./artifacts to ${artifacts}"
  aws s3 sync ./artifacts "${artifacts}"
else
  echo "No ./artifacts directory; nothing to upload"
fi
