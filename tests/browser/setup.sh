#!/usr/bin/env bash
# Installs what the browser harness needs, and nothing it already has:
# Debian's chromium (never a downloaded browser), Java for the Nu HTML Checker, Node.js,
# and the npm packages pinned in package-lock.json. Safe to run again.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else echo "setup: this needs root to install packages: $*" >&2; return 1; fi
}

need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
command -v java >/dev/null 2>&1 || need+=(default-jre-headless)
command -v node >/dev/null 2>&1 || need+=(nodejs)
command -v npm >/dev/null 2>&1 || need+=(npm)
if [ ${#need[@]} -gt 0 ]; then
  echo "setup: installing ${need[*]} with apt-get" >&2
  as_root apt-get update -qq
  # An apt clean-up hook on these machines can remove downloaded packages partway
  # through the first try; a second try finishes the job.
  for try in 1 2 3; do
    if as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >&2; then break; fi
    echo "setup: apt-get install failed (try $try), trying again" >&2
    sleep 2
  done
fi
[ -x /usr/bin/chromium ] || { echo "setup: Debian's chromium is not installed" >&2; exit 1; }

cd "$here"
if [ ! -f node_modules/playwright-core/package.json ] \
  || [ ! -f node_modules/axe-core/axe.min.js ] \
  || [ ! -f node_modules/vnu-jar/build/dist/vnu.jar ] \
  || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing the harness's npm packages" >&2
  # --ignore-scripts: vnu-jar's install script would download a Java runtime; the system java runs it.
  npm ci --ignore-scripts --no-audit --no-fund >&2
fi
