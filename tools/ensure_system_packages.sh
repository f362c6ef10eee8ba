#!/usr/bin/env bash
# System packages the tests need: Chromium (browser tests), LibreOffice Calc (recalculating exported workbooks) and
# LibreOffice Writer (converting the exported Word document to PDF), PostgreSQL (the group service's tests).
# As root with apt-get, missing ones are installed; otherwise a clear message names what to install.
set -euo pipefail

missing=()
command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || [ -n "${CHROMIUM:-}" ] || missing+=(chromium)
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-calc-nogui)
soffice_dir=$(dirname "$(readlink -f "$(command -v soffice 2>/dev/null || echo /usr/lib/libreoffice/program/soffice)")")
[ -e "$soffice_dir/libswlo.so" ] || missing+=(libreoffice-writer-nogui)
# PostgreSQL for the group service's tests (tests/hub start a throwaway server; Debian keeps initdb off PATH).
{ command -v initdb >/dev/null 2>&1 || compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; } || missing+=(postgresql)
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installerar systempaket: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" fonts-dejavu-core >/dev/null
else
  echo "Saknade systempaket: ${missing[*]}" >&2
  echo "Installera dem (Debian/Ubuntu: sudo apt-get install ${missing[*]}) och kör make test igen." >&2
  echo "Chromium kan också anges med miljövariabeln CHROMIUM=/sökväg/till/chromium." >&2
  exit 1
fi
