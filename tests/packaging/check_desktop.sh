#!/usr/bin/env bash
# The desktop integration files are valid and complete (tst_packaging):
# - the .desktop file (desktop-file-validate), the AppStream metainfo (appstreamcli validate), the MIME type
#   (update-mime-database reads it; *.opsdeck resolves to it), the man pages (man --warnings: no roff errors);
# - bash completion names every command, subcommand and option that `opsdeck-cli --help` and
#   `opsdeck-cli COMMAND --help` name, and completes them in a real bash with bash-completion loaded.
# Usage: check_desktop.sh SOURCE_DIR OPSDECK_CLI
set -uo pipefail
src=$1
cli=$2
pkg=$src/packaging
failed=0
fail() {
  echo "FAIL: $*"
  failed=1
}

desktop-file-validate "$pkg/org.opsdeck.OpsDeck.desktop" || fail "desktop-file-validate"
appstreamcli validate --no-net --explain "$pkg/org.opsdeck.OpsDeck.metainfo.xml" || fail "appstreamcli validate"
grep -q '^Exec=opsdeck %f$' "$pkg/org.opsdeck.OpsDeck.desktop" || fail "the desktop file must open a double-clicked file"
grep -q 'setDesktopFileName(QStringLiteral("org.opsdeck.OpsDeck"))' "$src/app/main.cpp" ||
  fail "app/main.cpp must name the desktop file org.opsdeck.OpsDeck"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/mime/packages"
cp "$pkg/org.opsdeck.OpsDeck.mime.xml" "$tmp/mime/packages/org.opsdeck.OpsDeck.xml"
if XDG_DATA_DIRS="$tmp:/usr/share" update-mime-database "$tmp/mime" 2>"$tmp/mime.err"; then
  grep -q '^application/x-opsdeck-workspace:\*\.opsdeck$' "$tmp/mime/globs" || fail "*.opsdeck is not in the MIME globs"
  [[ ! -s $tmp/mime.err ]] || fail "update-mime-database: $(cat "$tmp/mime.err")"
else
  fail "update-mime-database: $(cat "$tmp/mime.err")"
fi

for page in "$pkg"/man/*.1; do
  out=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -E UTF-8 -l "$page" 2>&1 >/dev/null)
  [[ -z $out ]] || fail "$(basename "$page"): $out"
done

# Completion: what the help names.
comp=$pkg/completion/opsdeck-cli
commands=$("$cli" --help | sed -n '/^Commands:/,/^Exit status/p' | grep -E '^  [a-z]' | awk '{print $1}' | sort -u)
[[ -n $commands ]] || fail "no commands found in opsdeck-cli --help"
declare -A subs
for c in $commands; do
  grep -q -- "$c" <<<"$(grep '^_opsdeck_cli_commands=' "$comp")" || fail "completion: command $c is missing"
  # Subcommands as the top-level help lists them: `inventory import ...`, `template add|list|show ...`.
  for s in $("$cli" --help | grep -E "^  $c [a-z]" | awk '{print $2}' | tr '|' '\n' | grep -E '^[a-z-]+$'); do
    subs[$c]+=" $s"
  done
  for s in $("$cli" "$c" --help 2>&1 | grep -E "^  $c [a-z]" | awk '{print $2}' | tr '|' '\n' | grep -E '^[a-z-]+$'); do
    subs[$c]+=" $s"
  done
done
source_comp() {
  # shellcheck disable=SC1091
  source /usr/share/bash-completion/bash_completion
  # shellcheck disable=SC1090
  source "$comp"
}
for c in "${!subs[@]}"; do
  have=$(bash -c "$(declare -f source_comp); comp=$comp; source_comp; _opsdeck_cli_subcommands $c")
  for s in ${subs[$c]}; do
    grep -qw -- "$s" <<<"$have" || fail "completion: $c $s is missing"
  done
done
global=$(grep '^_opsdeck_cli_global_options=' "$comp")
for o in $("$cli" --help | sed -n '/^Global options:/,/^Commands:/p' | grep -oE -- '--[a-z][a-z-]*' | sort -u); do
  grep -q -- "$o" <<<"$global" || fail "completion: global option $o is missing"
done
for c in $commands; do
  have=$(bash -c "$(declare -f source_comp); comp=$comp; source_comp; _opsdeck_cli_options $c")
  # The command's block of the top-level help (its line and the more indented ones after it), and its own help.
  block=$("$cli" --help | sed -n '/^Commands:/,/^Exit status/p' |
    awk -v c="$c" '/^  [a-z]/ { on = ($1 == c) } on')
  options=$( (
    echo "$block"
    "$cli" "$c" --help 2>&1
    for s in ${subs[$c]:-}; do "$cli" "$c" "$s" --help 2>&1; done
  ) | grep -oE -- '--[a-z][a-z-]*' | sort -u)
  for o in $options; do
    grep -q -- "$global" <<<"$o" && continue
    case " $o " in *" --workspace "* | *" --server "* | *" --token-file "* | *" --help "* | *" --version "*) continue ;; esac
    grep -qw -- "$o" <<<"$have" || fail "completion: $c $o is missing"
  done
done

# Completion: in a real bash, as a user pressing Tab.
complete_line() { # the words of a command line; prints what Tab offers for its last word
  bash -c "$(declare -f source_comp); comp=$comp; source_comp
    COMP_WORDS=($*); COMP_CWORD=\$((\${#COMP_WORDS[@]} - 1)); COMP_LINE=\"$*\"; COMP_POINT=\${#COMP_LINE}
    _opsdeck_cli opsdeck-cli; printf '%s\n' \"\${COMPREPLY[@]}\""
}
got=$(complete_line opsdeck-cli wo)
[[ $got == workflow ]] || fail "Tab after 'opsdeck-cli wo' gave '$got', not workflow"
got=$(complete_line opsdeck-cli workflow ap)
[[ $got == approve ]] || fail "Tab after 'opsdeck-cli workflow ap' gave '$got', not approve"
got=$(complete_line opsdeck-cli run --conc)
[[ $got == --concurrency ]] || fail "Tab after 'opsdeck-cli run --conc' gave '$got'"
got=$(complete_line opsdeck-cli inventory export --format y)
[[ $got == yaml ]] || fail "Tab after --format y gave '$got'"

if ((failed)); then
  exit 1
fi
echo "desktop file, metainfo, MIME type, man pages and completion: all good"
