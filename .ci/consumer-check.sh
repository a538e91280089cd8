#!/usr/bin/env bash
# The package as a consumer gets it: `npm pack`, `npm install <tarball>` in a fresh project, then require() and
# import() of the main entry and of /sim (names, guards, the optional Redis package, one server booted on the
# simulator) and the `canopy` binary — on the oldest Node that package.json's engines allow and on Node 24.
# Needs a build (dist/) and the npm registry (the tarball's dependencies; the old Node comes from npm's `node`
# package, cached under .tmp/). CANOPY_OLDEST_NODE overrides the oldest version (e.g. 22.12.0).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
NODE24="$ROOT/node_modules/.bin/node"
export PATH="$ROOT/node_modules/.bin:$PATH" # npm itself runs on the project's Node

[ -f dist/index.js ] && [ -f dist/index.cjs ] || { echo "FAIL: no dist/: run npm run build first" >&2; exit 1; }

# ">=22" → 22.0.0; ">=22.12" → 22.12.0
OLDEST=${CANOPY_OLDEST_NODE:-$("$NODE24" -p "const v = require('./package.json').engines.node.replace(/^>=\s*/, '').split('.'); [v[0], v[1] ?? 0, v[2] ?? 0].join('.')")}
OLD_DIR="$ROOT/.tmp/node-$OLDEST"
if [ ! -x "$OLD_DIR/node_modules/.bin/node" ]; then
  echo "== installing Node $OLDEST (npm package node@$OLDEST) into $OLD_DIR"
  npm install --prefix "$OLD_DIR" --no-audit --no-fund --no-save "node@$OLDEST" > /dev/null
fi
OLD_NODE="$OLD_DIR/node_modules/.bin/node"
[ "$("$OLD_NODE" --version)" = "v$OLDEST" ] || { echo "FAIL: $OLD_NODE is $("$OLD_NODE" --version), expected v$OLDEST" >&2; exit 1; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/canopy-consumer-XXXXXX")
trap 'rm -rf "$WORK"' EXIT
echo "== npm pack"
TARBALL=$(npm pack --silent --pack-destination "$WORK" | tail -n 1)
echo "$TARBALL ($(du -k "$WORK/$TARBALL" | cut -f1) kB)"

echo "== npm install the tarball into a fresh project"
mkdir "$WORK/app"
cp test/packaging/consumer/smoke.cjs test/packaging/consumer/check.cjs test/packaging/consumer/check.mjs "$WORK/app/"
(cd "$WORK/app" && echo '{ "name": "canopy-consumer-check", "private": true }' > package.json && npm install --no-audit --no-fund --silent "$WORK/$TARBALL")
du -sh "$WORK/app/node_modules" | sed 's/^/installed: /'

VERSION=$("$NODE24" -p "require('./package.json').version")
for NODE in "$OLD_NODE" "$NODE24"; do
  echo "== Node $("$NODE" --version)"
  (cd "$WORK/app" && "$NODE" check.cjs && "$NODE" check.mjs)
  GOT=$(cd "$WORK/app" && "$NODE" node_modules/canopy-openstack/dist/cli/main.js --version)
  [ "$GOT" = "$VERSION" ] || { echo "FAIL: canopy --version printed \"$GOT\", expected $VERSION" >&2; exit 1; }
  echo "canopy --version: $GOT"
done
echo "consumer check: ok"
