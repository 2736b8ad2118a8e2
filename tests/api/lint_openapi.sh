#!/bin/sh
# docs/api/openapi.yaml through Redocly's linter (its recommended rules; .redocly.lint-ignore.yaml says what is
# ignored and why). Exit 77 (CTest: skipped) when no linter can run here: neither `redocly` nor `npx`, or a Node.js
# older than @redocly/cli 2 needs. tools/install-deps.sh --tests installs it.
# Usage: lint_openapi.sh SOURCE_DIR
cd "$1" || exit 1
if command -v redocly >/dev/null 2>&1; then
    exec redocly lint docs/api/openapi.yaml
fi
if command -v npx >/dev/null 2>&1 && command -v node >/dev/null 2>&1 \
    && node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a >= 22 || (a === 20 && b >= 19) ? 0 : 1)'; then
    exec npx --yes @redocly/cli@2 lint docs/api/openapi.yaml
fi
echo "tst_openapi_lint: no redocly, or npx with Node.js 20.19+, here (tools/install-deps.sh --tests): skipped"
exit 77
