# The workflow's exit handler: deletes this pipeline's targets ConfigMaps that no workflow can read
# any more (docs/targets-configmap.md). It keeps:
# - the one the WorkflowTemplate names, the current one;
# - every one named by a workflow that has not succeeded (running, waiting for an approval, or
#   failed and so still retryable); this workflow, which is ending, counts only if it failed;
# - one created after the current one within APHEX_GRACE_SECONDS: a pulumi up creates the new
#   ConfigMap first and points the template at it a moment later.
# Best effort: when the cluster cannot be read, it says so and deletes nothing, and it never fails
# the workflow.
skip() {
  echo "cleanup-targets: warning: $*; nothing was deleted" >&2
  exit 0
}
mkdir -p "${APHEX_OUTPUT_DIR}"
state="${APHEX_OUTPUT_DIR}/cleanup"
mkdir -p "${state}"
kubectl get configmaps -l "${APHEX_TARGETS_SELECTOR}" -o json >"${state}/configmaps.json" ||
  skip "cannot list the ConfigMaps labelled ${APHEX_TARGETS_SELECTOR}"
kubectl get workflowtemplate "${APHEX_TEMPLATE_NAME}" -o json >"${state}/template.json" ||
  skip "cannot read WorkflowTemplate ${APHEX_TEMPLATE_NAME}"
kubectl get workflows -l 'workflows.argoproj.io/phase!=Succeeded' -o json >"${state}/workflows.json" ||
  skip "cannot list the workflows"

# One line per ConfigMap: delete or keep, its name, and why.
decide() {
  jq -r -n \
    --slurpfile configmaps "${state}/configmaps.json" \
    --slurpfile template "${state}/template.json" \
    --slurpfile workflows "${state}/workflows.json" \
    --arg prefix "${APHEX_TARGETS_PREFIX}" --arg self "${APHEX_WORKFLOW_NAME}" \
    --arg status "${APHEX_WORKFLOW_STATUS}" \
    --argjson grace "${APHEX_GRACE_SECONDS}" --argjson now "$(date +%s)" '
    def named: [.. | strings | select(startswith($prefix))];
    def created: .metadata.creationTimestamp | fromdateiso8601;
    ($template[0] | named) as $current
    | ([$workflows[0].items[] | select(.metadata.name != $self or $status != "Succeeded") | named] | add // []) as $used
    | [$configmaps[0].items[] | select(.metadata.name as $n | any($current[]; . == $n)) | created]
    | (max // 0) as $since
    | $configmaps[0].items[]
    | select(.metadata.name | startswith($prefix))
    | .metadata.name as $n
    | if any($current[]; . == $n) then "keep \($n) (named by the WorkflowTemplate)"
      elif any($used[]; . == $n) then "keep \($n) (named by a workflow that has not succeeded)"
      elif (created > $since and $now - created < $grace) then "keep \($n) (newer than the current one)"
      else "delete \($n)" end'
}

kept=0
deleted=0
while read -r action name reason; do
  if [[ "${action}" == delete ]]; then
    if kubectl delete configmap "${name}" --ignore-not-found >/dev/null; then
      echo "cleanup-targets: deleted ${name}"
      deleted=$((deleted + 1))
    else
      echo "cleanup-targets: warning: cannot delete ${name}" >&2
    fi
  else
    echo "cleanup-targets: kept ${name} ${reason}"
    kept=$((kept + 1))
  fi
done < <(decide)
echo "cleanup-targets: ${kept} kept, ${deleted} deleted"
