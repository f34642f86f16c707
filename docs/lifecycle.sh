#!/usr/bin/env bash
# The lifecycle of one process, from draft to archive, run for real in a new git repository: the commands of the
# README's "Document control" section and what they print. Every date is given (--today, --date, the commits'
# dates), so the output is the same on every run.
#
#   bash docs/lifecycle.sh                 # prints the session
#   bash docs/lifecycle.sh --screenshot    # also docs/screenshots/lifecycle-1280.png, the page at the end
#
# Environment: PROC, a prebuilt proc binary (default: cargo run --release); CHROMIUM for the screenshot (default
# /usr/bin/chromium). Needs git. Everything it makes lives in a temporary folder that is removed on exit.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$PWD"
if [ -z "${PROC:-}" ]; then
  cargo build --release --quiet
  PROC="$ROOT/target/release/proc"
fi
WORK="$(mktemp -d "${TMPDIR:-/tmp}/proc-lifecycle.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"

# Shows a command as typed, then runs it (as `proc`, whatever the binary is called) with its output.
show() {
  local shown="$" argument
  for argument in "$@"; do
    case "$argument" in
      *[[:space:]]*) shown+=" \"$argument\"" ;;
      *) shown+=" $argument" ;;
    esac
  done
  echo "$shown"
  local command=("$@")
  if [ "${command[0]}" = proc ]; then command[0]="$PROC"; fi
  "${command[@]}" 2>&1 || true
  echo
}
commit() { # DATE AUTHOR MESSAGE
  git add -A
  GIT_AUTHOR_DATE="$1T10:00:00+02:00" GIT_COMMITTER_DATE="$1T10:00:00+02:00" \
    git -c user.name="$2" -c user.email=author@example.org -c commit.gpgsign=false commit -q -m "$3"
}

git init -q
mkdir processes
cat > proc.toml <<'TOML'
[owners]
"Elina Sandkulla" = "elina.sandkulla@example.org"

[mail]
from = "Kvalitetsgruppen <kvalitet@example.org>"
TOML
cat > processes/hembesok.yaml <<'YAML'
id: hembesok
name: Hembesök
goal: Stöd till familjen
owner: Elina Sandkulla
version: "0.1"
review_cycle:
  month: april
steps:
  - name: Besök
    what: Hembesök hos familjen
    responsible: [Hälsovårdare]
YAML
commit 2025-01-10 "Anna Berg" "Hembesök: a draft"

echo "## 1. A draft: written, not yet approved"
echo
show proc lint --today 2025-01-20
show proc approve hembesok --by Socialnämnden --date 2025-02-01 --bump major --today 2025-02-03
commit 2025-02-03 "Anna Berg" "Hembesök approved"

echo "## 2. A change, and what the approver reads before approving it"
echo
python3 - <<'PY'
import pathlib
path = pathlib.Path("processes/hembesok.yaml")
text = path.read_text(encoding="utf-8")
text = text.replace('version: "1.0"', 'updated:\n  date: 2025-09-15\n  by: [Bertil Ek]\nversion: "1.1"')
text = text.replace("  - name: Besök", "  - name: Första hembesöket").replace("[Hälsovårdare]", "[Hälsovårdare, Psykolog]")
path.write_text(text, encoding="utf-8")
PY
show proc lint --today 2025-09-16 --base HEAD
show proc diff HEAD
commit 2025-09-16 "Bertil Ek" "Hembesök 1.1"

echo "## 3. The annual review, and the reminder before it"
echo
show proc due --today 2026-04-06
show proc due --today 2026-04-06 --format email --out reminders
show ls reminders
python3 - <<'PY'
import email, email.policy, pathlib
message = email.message_from_bytes(pathlib.Path("reminders/elina-sandkulla.eml").read_bytes(), policy=email.policy.default)
print("(reminders/elina-sandkulla.eml, as a mail program shows it)")
for header in ("From", "To", "Subject"):
    print(f"{header}: {message[header]}")
print("Attached:", ", ".join(part.get_filename() for part in message.iter_attachments()))
print()
print(message.get_body(("plain",)).get_content().replace("\r\n", "\n"))
PY
show proc review hembesok --by "Elina Sandkulla" --date 2026-04-20 --note "Inga ändringar" --today 2026-04-20
commit 2026-04-20 "Elina Sandkulla" "Hembesök reviewed"

echo "## 4. The page: its version history comes from the file and from git"
echo
show proc render --today 2026-04-20 --out site
python3 - <<'PY'
import html, pathlib, re
page = pathlib.Path("site/hembesok.html").read_text(encoding="utf-8")
table = page[page.index('<table class="history'):page.index("</table>", page.index('<table class="history'))]
print("(the version history of site/hembesok.html, as text)")
for row in re.findall(r"<tr role=\"row\">(.*?)</tr>", table, re.S)[1:]:
    cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
    cells = [html.unescape(re.sub(r"<[^>]+>", "", c.replace("</li><li>", "; "))) for c in cells]
    print(" | ".join(cells))
PY
echo

if [ "${1:-}" = "--screenshot" ]; then
  "${CHROMIUM:-/usr/bin/chromium}" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync --user-data-dir="$WORK/chromium" \
    --hide-scrollbars --window-size=1280,1120 --screenshot="$ROOT/docs/screenshots/lifecycle-1280.png" \
    "file://$WORK/site/hembesok.html" >/dev/null 2>&1
  echo "(wrote docs/screenshots/lifecycle-1280.png)"
  echo
fi

echo "## 5. Retired: kept, marked, never due"
echo
cat >> processes/hembesok.yaml <<'YAML'
retired:
  date: 2026-10-01
  by: Socialnämnden
  note: Hembesöken ingår nu i familjecentralens program.
YAML
show proc lint --today 2026-10-02
show proc list --today 2026-10-02
