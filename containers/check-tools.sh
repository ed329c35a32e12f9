#!/usr/bin/env bash
# The last step of each image build: fails the build unless every tool named on the command line is
# on the PATH of the image's user. The Dockerfiles pass the lists of
# io.aphex.pipeline.images.StageTools (which the validate stage checks at run time) plus their own
# extras; a test keeps the two in step.
# Usage: check-tools.sh TOOL...
set -euo pipefail

missing=0
for tool in "$@"; do
  if path="$(command -v "${tool}")"; then
    echo "check-tools: ${tool}: ${path}"
  else
    echo "check-tools: ${tool} is not on the PATH (${PATH})" >&2
    missing=$((missing + 1))
  fi
done
if ((missing > 0)); then
  echo "check-tools: ${missing} tool(s) missing; the stages would fail in this image" >&2
  exit 1
fi
