#!/usr/bin/env bash
# Installs sopgen under PREFIX (default /usr/local): a release build of the binary, the default theme
# where the binary looks for it, the editor schemas, bash/zsh/fish completions and a man page.
#   scripts/install.sh [PREFIX]
#
#   PREFIX/bin/sopgen
#   PREFIX/share/sopgen/templates/        the default theme (InstallLocation: bin/../share/sopgen)
#   PREFIX/share/sopgen/schemas/          JSON Schemas for editors (also: sopgen schema KIND)
#   PREFIX/share/sopgen/sops/             the example pack that `sopgen init` copies
#   PREFIX/share/bash-completion/completions/sopgen
#   PREFIX/share/zsh/site-functions/_sopgen
#   PREFIX/share/fish/vendor_completions.d/sopgen.fish
#   PREFIX/share/man/man1/sopgen.1        (argument-parser's generate-manual plugin)
#
# Running it again replaces an earlier install: the theme and schemas folders are swapped whole, so
# files a newer theme dropped do not linger. Nothing is written before the build has succeeded.
set -euo pipefail

[ $# -le 1 ] || { echo "usage: scripts/install.sh [PREFIX]" >&2; exit 64; }
# An empty PREFIX given on purpose (an unset variable in a caller's script) is refused, never
# taken for the default.
prefix="/usr/local"
if [ $# -eq 1 ]; then
  prefix="$1"
  [ -n "$prefix" ] || { echo "install.sh: PREFIX is empty; give a folder, or no argument for /usr/local" >&2; exit 64; }
fi
source_root="$(cd "$(dirname "$0")/.." && pwd -P)"
# An absolute prefix, so nothing below depends on the directory the build leaves us in.
case "$prefix" in /*) ;; *) prefix="$(pwd -P)/$prefix" ;; esac

# Fail before the build when the prefix cannot be written (read-only, or owned by someone else).
probe="$prefix"
while [ ! -e "$probe" ]; do probe="$(dirname "$probe")"; done
if [ ! -d "$probe" ] || [ ! -w "$probe" ]; then
  echo "install.sh: cannot write to '$probe' (for PREFIX '$prefix'); choose another PREFIX or run with the rights to write there" >&2
  exit 73
fi

cd "$source_root"
echo "Building sopgen (release)…" >&2
swift build -c release --product sopgen >&2
binary="$(swift build -c release --show-bin-path)/sopgen"

manual=""
# The man page's date is the source's, not the day of the install, so one commit gives one page:
# SOURCE_DATE_EPOCH when set, else the date of the checkout's last commit, else the release's.
if [ -n "${SOURCE_DATE_EPOCH:-}" ]; then
  manual_date="$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y-%m-%d)"
else
  manual_date="$(git -C "$source_root" log -1 --format=%cd --date=format-local:%Y-%m-%d 2>/dev/null || true)"
fi
[ -n "$manual_date" ] || manual_date="2026-11-21"
# The man page comes from argument-parser's plugin; an install still succeeds without it.
if swift package plugin --list 2>/dev/null | grep -q "generate-manual"; then
  mkdir -p "$source_root/.build/sopgen-manual"
  if swift package --allow-writing-to-package-directory generate-manual --date "$manual_date" --output-directory "$source_root/.build/sopgen-manual" >/dev/null 2>&1 \
     || swift package generate-manual --date "$manual_date" >/dev/null 2>&1; then
    manual="$(find "$source_root/.build" -name 'sopgen.1' -newer "$binary" 2>/dev/null | head -n 1)"
    [ -n "$manual" ] || manual="$(find "$source_root/.build" -name 'sopgen.1' 2>/dev/null | head -n 1)"
  fi
fi
[ -n "$manual" ] || echo "install.sh: no man page (argument-parser's generate-manual plugin did not run); continuing" >&2

share="$prefix/share"
mkdir -p "$prefix/bin" "$share/sopgen" "$share/bash-completion/completions" "$share/zsh/site-functions" \
  "$share/fish/vendor_completions.d" "$share/man/man1"

# Replace a folder whole: copy beside it, then swap, so an interrupted install leaves the old one.
replace_folder() {
  local from="$1" to="$2"
  local staging="$to.installing.$$" old="$to.old.$$"
  rm -rf "$staging" "$old"
  cp -R "$from" "$staging"
  # A review store left in the source's example pack by `sopgen review` is data, not the example.
  rm -rf "$staging/.sopgen"
  if [ -e "$to" ] || [ -L "$to" ]; then mv "$to" "$old"; fi
  mv "$staging" "$to"
  rm -rf "$old"
}
replace_folder "$source_root/templates" "$share/sopgen/templates"
replace_folder "$source_root/schemas" "$share/sopgen/schemas"
replace_folder "$source_root/sops" "$share/sopgen/sops"

# The binary last but one: written beside its place, then renamed over an earlier one.
cp "$binary" "$prefix/bin/.sopgen.installing.$$"
chmod 755 "$prefix/bin/.sopgen.installing.$$"
mv -f "$prefix/bin/.sopgen.installing.$$" "$prefix/bin/sopgen"

installed="$prefix/bin/sopgen"
"$installed" --generate-completion-script bash > "$share/bash-completion/completions/sopgen"
"$installed" --generate-completion-script zsh > "$share/zsh/site-functions/_sopgen"
"$installed" --generate-completion-script fish > "$share/fish/vendor_completions.d/sopgen.fish"
[ -z "$manual" ] || cp "$manual" "$share/man/man1/sopgen.1"

echo "Installed $("$installed" --version) in $prefix" >&2
echo "  theme:   $share/sopgen/templates" >&2
echo "  add $prefix/bin to PATH if it is not there" >&2
