#!/usr/bin/env bash
# Make sure Debian's Chromium is installed for the Playwright end-to-end tests.
# Idempotent and silent when /usr/bin/chromium is already there. Never downloads
# a Playwright browser build: the tests use the distribution package.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
  exit 0
fi

echo "ensure-chromium: /usr/bin/chromium missing, installing Debian's chromium package" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq chromium >/dev/null
if [ ! -x /usr/bin/chromium ]; then
  echo "ensure-chromium: chromium install did not provide /usr/bin/chromium" >&2
  exit 1
fi
