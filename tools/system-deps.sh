#!/usr/bin/env bash
# Installs the few Debian packages the build and tests need, only when they are missing.
#   tools/system-deps.sh site   -> Pango and fonts for WeasyPrint (PDF handouts)
#   tools/system-deps.sh test   -> the above, plus Chromium (browser tests), poppler-utils (PDF checks) and Node.js
#   tools/system-deps.sh node   -> Node.js and npm only (the web form, make edit)
# Runs apt-get as root (CI) or through sudo; never prompts (no standard input in CI).
set -euo pipefail
want=()
mode="${1:-site}"
if [ "$mode" = node ] || [ "$mode" = test ]; then
  command -v node >/dev/null 2>&1 || want+=(nodejs)
  command -v npm >/dev/null 2>&1 || want+=(npm)
fi
if [ "$mode" = node ]; then :; else
have_lib() { ldconfig -p 2>/dev/null | grep -q "$1"; }
have_lib 'libpango-1.0.so.0' || want+=(libpango-1.0-0)
have_lib 'libpangoft2-1.0.so.0' || want+=(libpangoft2-1.0-0)
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || want+=(fonts-dejavu-core)
if [ "$mode" = test ]; then
  command -v chromium >/dev/null 2>&1 || want+=(chromium)
  command -v pdftoppm >/dev/null 2>&1 || want+=(poppler-utils)
fi
fi
[ ${#want[@]} -eq 0 ] && exit 0
cannot() {
  echo "This computer is missing: ${want[*]}. $1" >&2
  echo "Ask whoever looks after it to run: sudo apt-get install ${want[*]}" >&2
  echo "(or add and edit records in the web form instead: see the staff guide, 'Editing on the web')." >&2
  exit 1
}
command -v apt-get >/dev/null 2>&1 || cannot "It is not a Debian or Ubuntu computer, so they cannot be installed for you."
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  sudo -n true 2>/dev/null || cannot "Installing them needs an administrator's password."
  SUDO="sudo -n"
fi
echo "Installing Debian packages: ${want[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q </dev/null
$SUDO apt-get install -y -q --no-install-recommends "${want[@]}" </dev/null
