#!/usr/bin/env bash
# Refresh the vendored front-end files in static/vendor/ from the npm registry.
# Needs node and npm; running the portal does not. Usage: scripts/vendor.sh
set -euo pipefail

GOVUK_FRONTEND_VERSION=6.3.0   # must match govuk-frontend-jinja 4.1
HTMX_VERSION=2.0.11
SASS_VERSION=1.108.2

root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cd "$work"
npm init -y >/dev/null
npm install --no-audit --no-fund --silent \
  "govuk-frontend@${GOVUK_FRONTEND_VERSION}" "htmx.org@${HTMX_VERSION}" "sass@${SASS_VERSION}"

out="$root/static/vendor"
rm -rf "$out/govuk-frontend" "$out/htmx"
mkdir -p "$out/govuk-frontend" "$out/htmx"

# Compile GOV.UK Frontend without the GDS Transport typeface (this is not a GOV.UK service):
# static/src/govuk.scss sets a system font stack and turns the font face off.
npx sass --no-source-map --style=compressed --load-path=node_modules \
  "$root/static/src/govuk.scss" "$out/govuk-frontend/govuk-frontend.min.css"
cp node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js "$out/govuk-frontend/"
cp node_modules/htmx.org/dist/htmx.min.js "$out/htmx/"

cat > "$out/VERSIONS" <<VERSIONS
govuk-frontend ${GOVUK_FRONTEND_VERSION} (CSS compiled from static/src/govuk.scss with sass ${SASS_VERSION})
htmx.org ${HTMX_VERSION}
refreshed by scripts/vendor.sh
VERSIONS
echo "static/vendor refreshed:"
cat "$out/VERSIONS"
