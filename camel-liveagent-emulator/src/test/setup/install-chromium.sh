#!/usr/bin/env bash
# Installs what ConsoleBrowserTest needs (a headless Chromium and its driver) from the distribution's packages.
# Run by the emulator module's build (profile install-chromium) only when /usr/bin/chromedriver is missing.
set -euo pipefail
if [[ -x /usr/bin/chromedriver ]]; then
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "ConsoleBrowserTest needs Chromium and chromedriver at /usr/bin/chromium and /usr/bin/chromedriver," >&2
    echo "and this machine has no apt-get to install them: install them with your package manager," >&2
    echo "or skip the tests (-DskipTests)." >&2
    exit 1
fi
if [[ "$(id -u)" != "0" ]]; then
    echo "ConsoleBrowserTest needs Chromium: run as root, or first run" >&2
    echo "    sudo apt-get update && sudo apt-get install -y chromium chromium-driver" >&2
    exit 1
fi
echo "Installing chromium and chromium-driver for ConsoleBrowserTest (apt-get)"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium chromium-driver
