# The report template: commit statuses and notifications at the workflow's start (running hook),
# before an approval gate (request-approval-<env> task) and at its end (exit hook). It always exits
# 0: reporting never fails the pipeline.

# The exit report. WORKFLOW_FAILURES is Argo's workflow.failures: every failed or errored node
# (argo-workflows docs/variables.md, "Exit Handler") with displayName, message, templateName,
# phase, podName and finishedAt; retries are named like "deploy-dev(1)" and the DAG itself is
# template main. The first failed stage, by finish time, names what failed.
report_exit() {
  local failures first environment failed current statuses='' description
  failures="$(jq -c '[.[]? | select(.templateName != "main")
    | .stage = (.displayName | sub("\\([0-9]+\\)$"; "")) | .message = (.message // "")]
    | sort_by(.finishedAt // "")' <<<"${WORKFLOW_FAILURES:-[]}" 2>/dev/null || echo '[]')"
  first="$(jq -r 'first(.[] | "\(.stage) failed: \(.message)") // empty' <<<"${failures}")"
  if [[ "${WORKFLOW_STATUS}" == Succeeded ]]; then
    for environment in ${APHEX_ENVIRONMENTS}; do
      report_status "deploy-${environment}" success "Deployed"
    done
    report_status pipeline success "Deployed to ${APHEX_ENVIRONMENTS// /, }"
    notify success "" "" "deployed to ${APHEX_ENVIRONMENTS// /, }"
    return 0
  fi
  first="${first:-The workflow ended ${WORKFLOW_STATUS}}"
  # What GitHub holds already: environments that succeeded before the failure keep their success.
  statuses="$(github_api GET "commits/${COMMIT_SHA}/status?per_page=100")" ||
    echo "aphex: cannot read the commit's statuses; only failed environments are reported" >&2
  for environment in ${APHEX_ENVIRONMENTS}; do
    failed="$(jq -r --arg env "${environment}" 'first(.[]
      | select(.stage | IN("deploy-" + $env, "test-" + $env, "approve-" + $env,
        "request-approval-" + $env)) | "\(.stage) failed: \(.message)") // empty' <<<"${failures}")"
    if [[ -n "${failed}" ]]; then
      report_status "deploy-${environment}" failure "${failed}"
      continue
    fi
    [[ -n "${statuses}" ]] || continue
    current="$(jq -r --arg context "aphex/deploy-${environment}" \
      'first(.statuses[]? | select(.context == $context) | .state) // "none"' <<<"${statuses}")"
    if [[ "${current}" != success ]]; then
      report_status "deploy-${environment}" failure "Not deployed: ${first}"
    fi
  done
  report_status pipeline failure "${first}"
  environment="$(jq -r 'first(.[] | .stage | capture("^(deploy|test|approve)-(?<env>.+)$").env)
    // empty' <<<"${failures}")"
  description="$(jq -r 'first(.[] | .stage) // empty' <<<"${failures}")"
  notify failure "${environment}" "${description}" "${first}"
}

case "${REPORT_EVENT}" in
  start)
    report_status pipeline pending "Running"
    for environment in ${APHEX_ENVIRONMENTS}; do
      report_status "deploy-${environment}" pending "Waiting for earlier stages"
    done
    ;;
  approval)
    report_status "deploy-${REPORT_ENVIRONMENT}" pending "Waiting for approval"
    notify approval "${REPORT_ENVIRONMENT}" "approve-${REPORT_ENVIRONMENT}" \
      "waiting for approval to deploy to ${REPORT_ENVIRONMENT}"
    ;;
  exit) report_exit ;;
  *) echo "aphex: unknown report event '${REPORT_EVENT}'" >&2 ;;
esac
exit 0
