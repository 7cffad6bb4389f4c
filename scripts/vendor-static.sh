#!/usr/bin/env bash
# Refresh the vendored front-end files from the npm registry (run by hand; the result is committed
# so that installs and CI need no npm). Versions are pinned here and listed in static/vendor/VERSIONS.
set -euo pipefail
BOOTSTRAP=5.3.9
HTMX=2.0.11
dest="$(cd "$(dirname "$0")/.." && pwd)/src/lotse/core/static/vendor"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
npm pack --silent "bootstrap@$BOOTSTRAP" "htmx.org@$HTMX" >/dev/null
mkdir bootstrap htmx
tar -xzf "bootstrap-$BOOTSTRAP.tgz" -C bootstrap
tar -xzf "htmx.org-$HTMX.tgz" -C htmx
rm -rf "$dest" && mkdir -p "$dest/bootstrap" "$dest/htmx"
for f in bootstrap.min.css bootstrap.min.css.map bootstrap.rtl.min.css bootstrap.rtl.min.css.map; do
  cp "bootstrap/package/dist/css/$f" "$dest/bootstrap/"
done
cp bootstrap/package/dist/js/bootstrap.bundle.min.js bootstrap/package/dist/js/bootstrap.bundle.min.js.map "$dest/bootstrap/"
cp bootstrap/package/LICENSE "$dest/bootstrap/LICENSE"
cp htmx/package/dist/htmx.min.js "$dest/htmx/"
cp htmx/package/LICENSE "$dest/htmx/LICENSE"
printf 'bootstrap %s (npm)\nhtmx.org %s (npm)\n' "$BOOTSTRAP" "$HTMX" > "$dest/VERSIONS"
echo "vendored into $dest"
