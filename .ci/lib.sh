# Shared by .ci/start and .ci/run: install the Debian packages Tend needs, only when missing.
# Sourced, not run.

BUILD_PACKAGES="build-essential pkg-config libssl-dev libdbus-1-dev libwebkit2gtk-4.1-dev libgtk-3-dev
  libsoup-3.0-dev libjavascriptcoregtk-4.1-dev librsvg2-dev libayatana-appindicator3-dev"
TEST_PACKAGES="xvfb xauth webkit2gtk-driver dbus gnome-keyring iproute2 strace nodejs faketime xdotool poppler-utils age"

say() { printf '\n== %s\n' "$*"; }

# ensure_packages PKG...: installs the missing ones with apt-get (as root, or with sudo), or says
# exactly what to run and stops.
ensure_packages() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "Tend needs these packages, and this system has no apt-get: ${missing[*]}" >&2
    exit 1
  fi
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      sudo="sudo"
    else
      echo "Tend needs a few Debian packages. Install them, then run this again:" >&2
      echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
      exit 1
    fi
  fi
  say "installing ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

ensure_rust() {
  if ! command -v cargo >/dev/null 2>&1; then
    echo "Tend needs Rust (cargo). Install it from your system's packages or with rustup, then run this again." >&2
    exit 1
  fi
}

# ensure_node_tools: the npm packages kept in the test tree (tests/package.json): Tauri's bundler
# for .ci/package and axe-core for the accessibility audit. Never shipped in ui/.
ensure_node_tools() {
  ensure_packages nodejs
  # Debian's nodejs comes without npm; some other builds of nodejs carry their own.
  command -v npm >/dev/null 2>&1 || ensure_packages npm
  if [ ! -x tests/node_modules/.bin/tauri ] || [ ! -f tests/node_modules/axe-core/axe.min.js ]; then
    say "installing the packaging and audit tools (tests/package.json)"
    (cd tests && npm ci --no-audit --no-fund --loglevel=error)
  fi
}
