#!/usr/bin/env bash
# Installs what Rapport needs and is missing; quiet when everything is present.
#   install-deps.sh build   the libraries the desktop app builds against
#   install-deps.sh test    those, plus what the end-to-end tests drive the app with
#   install-deps.sh package the build's, plus Tauri's command-line bundler (from npm)
#   install-deps.sh fuzz    the build's, plus cargo-fuzz (from crates.io)
set -euo pipefail

what=${1:-build}
build_packages=(build-essential pkg-config libwebkit2gtk-4.1-dev libayatana-appindicator3-dev librsvg2-dev libxdo-dev)
test_packages=(webkit2gtk-driver xvfb xauth dbus dbus-x11 dunst xdotool openbox python3-gi gir1.2-gtk-3.0 sway desktop-file-utils fonts-dejavu-core fonts-noto-color-emoji)
tauri_driver_version=2.1.0
# The bundler that makes the .deb: the same version as the tauri crate.
tauri_cli_version=2.12.5
cargo_fuzz_version=0.13.2
tools=target/tools

packages=("${build_packages[@]}")
[ "$what" = test ] && packages+=("${test_packages[@]}")
# The test run builds and installs the package too.
if [ "$what" = test ] || [ "$what" = package ]; then
  command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)
fi

if ! command -v cargo >/dev/null 2>&1; then
  echo "Rust is missing: install it with rustup (see README.md, 'Setup'), then run make again." >&2
  exit 1
fi

for tool in clippy fmt; do
  cargo "$tool" --version >/dev/null 2>&1 || {
    echo "cargo $tool is missing: add it with 'rustup component add ${tool/fmt/rustfmt}', then run make again." >&2
    exit 1
  }
done

case "$(uname -s)" in
  Linux) ;;
  Darwin|MINGW*|MSYS*|CYGWIN*)
    echo "This is not Linux: no system packages needed beyond README.md's steps for your system." >&2
    [ "$what" = test ] && { echo "The end-to-end tests run on Linux only (WebKitGTK's WebDriver)." >&2; exit 1; }
    exit 0 ;;
esac

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "Missing system packages: ${missing[*]}" >&2
    echo "This system has no apt-get: install their equivalents (README.md, 'Other systems')." >&2
    exit 1
  fi
  sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || { echo "Installing ${missing[*]} needs root or sudo." >&2; exit 1; }
    sudo=(sudo)
  fi
  echo "Installing system packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ "$what" = test ] && ! cargo install --list | grep -q "^tauri-driver v${tauri_driver_version}:"; then
  echo "Installing tauri-driver ${tauri_driver_version}"
  cargo install tauri-driver --version "$tauri_driver_version" --locked --quiet
fi

if [ "$what" = test ] || [ "$what" = package ]; then
  if [ "$("$tools/node_modules/.bin/tauri" --version 2>/dev/null)" != "tauri-cli $tauri_cli_version" ]; then
    echo "Installing the Tauri bundler ${tauri_cli_version} into $tools"
    npm install --no-save --no-audit --no-fund --loglevel=error --prefix "$tools" "@tauri-apps/cli@$tauri_cli_version" >/dev/null
  fi
fi

if [ "$what" = fuzz ] && [ "$("$tools/bin/cargo-fuzz" --version 2>/dev/null)" != "cargo-fuzz $cargo_fuzz_version" ]; then
  echo "Installing cargo-fuzz ${cargo_fuzz_version} into $tools"
  cargo install cargo-fuzz --version "$cargo_fuzz_version" --locked --quiet --root "$tools"
fi
