#!/usr/bin/env bash
# The web form's JavaScript into node_modules/ (make edit, make test):
#  - Decap's local backend, decap-server, with the packages it runs on: `npm ci`, pinned by package-lock.json;
#  - Decap CMS itself as its ready-made browser bundle (the package's dist/ folder, what the form loads), from
#    the npm registry's tarball, pinned by the version and sha512 integrity in package.json's "config".
# The decap-cms package also depends on the ~500 packages its bundle is built from (webpack, React's sources
# and so on: 390 MB, 20 of the set-up's 24 seconds), none of which the form loads; npm has no way to install
# a package without its dependencies, so the bundle is unpacked here instead. To move to a newer Decap CMS:
# `npm view decap-cms@VERSION dist.integrity`, and put the version and that value in package.json.
set -euo pipefail
cd "$(dirname "$0")/.."
npm ci --no-audit --no-fund --loglevel=error
read -r version integrity < <(node -p 'const c = require("./package.json").config; c["decap-cms"] + " " + c["decap-cms-integrity"]')
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
npm pack "decap-cms@$version" --pack-destination "$tmp" --loglevel=error >/dev/null
tarball="$tmp/decap-cms-$version.tgz"
got="sha512-$(node -p 'require("crypto").createHash("sha512").update(require("fs").readFileSync(process.argv[1])).digest("base64")' "$tarball")"
if [ "$got" != "$integrity" ]; then
  echo "The decap-cms $version that npm downloaded is not the one pinned in package.json:" >&2
  echo "  its sha512 is $got, package.json expects $integrity." >&2
  echo "Decap CMS was not installed. If you meant to change the version, put its integrity in package.json too." >&2
  exit 1
fi
mkdir -p "$tmp/unpacked"
tar -xzf "$tarball" -C "$tmp/unpacked"
rm -rf node_modules/decap-cms
mv "$tmp/unpacked/package" node_modules/decap-cms
