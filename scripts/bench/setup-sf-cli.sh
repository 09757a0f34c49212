#!/bin/sh
# Installs the Salesforce CLI (@salesforce/cli from the npm registry) into .cache/sf-cli, a git-ignored
# folder, so the end-to-end benchmark can compare `sf data query` with `sfjob run`. It is never a
# dependency of the project and the benchmark never installs anything itself: run this once beforehand.
#   sh scripts/bench/setup-sf-cli.sh [version]
set -eu
cd "$(dirname "$0")/../.."
version="${1:-2.150.6}"
target=.cache/sf-cli
# A clean install each time, so the pinned versions below always apply.
rm -rf "$target"
mkdir -p "$target"
# Recent releases pull undici 8, which needs Node 22; undici 7 keeps the same API on Node 20.
if [ "$(node -p 'process.versions.node.split(".")[0]')" -lt 22 ]; then
  overrides='"overrides": { "undici": "7.30.2" }'
else
  overrides='"overrides": {}'
fi
printf '{ "name": "sf-cli-cache", "private": true, %s }\n' "$overrides" > "$target/package.json"
npm install --prefix "$target" --no-audit --no-fund --omit=dev --ignore-scripts=false "@salesforce/cli@$version"
"$target/node_modules/.bin/sf" --version
