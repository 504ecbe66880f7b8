#!/usr/bin/env bash
# Installs the few Debian packages the build and tests need, only when they are missing.
#   tools/system-deps.sh site   -> Pango and fonts for WeasyPrint (PDF handouts)
#   tools/system-deps.sh test   -> the above, plus Chromium (browser tests) and poppler-utils (PDF checks)
# Runs apt-get as root (CI) or through sudo; never prompts (no standard input in CI).
set -euo pipefail
want=()
have_lib() { ldconfig -p 2>/dev/null | grep -q "$1"; }
have_lib 'libpango-1.0.so.0' || want+=(libpango-1.0-0)
have_lib 'libpangoft2-1.0.so.0' || want+=(libpangoft2-1.0-0)
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || want+=(fonts-dejavu-core)
if [ "${1:-site}" = test ]; then
  command -v chromium >/dev/null 2>&1 || want+=(chromium)
  command -v pdftoppm >/dev/null 2>&1 || want+=(poppler-utils)
fi
[ ${#want[@]} -eq 0 ] && exit 0
echo "Installing Debian packages: ${want[*]}"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo -n"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q </dev/null
$SUDO apt-get install -y -q --no-install-recommends "${want[@]}" </dev/null
