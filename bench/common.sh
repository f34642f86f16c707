# shellcheck shell=bash
# Shared by the scripts in bench/ (sourced, not run): how they install npm packages and how they run proc.

# npm_install FOLDER PACKAGE...
#   Installs the packages into FOLDER/npm (a temporary folder, never the repository); on failure shows npm's log
#   and exits 2, as a setup error.
npm_install() {
  local folder=$1
  shift
  if ! npm install --prefix "$folder/npm" --no-audit --no-fund --no-save --silent "$@" >"$folder/npm.log" 2>&1; then
    cat "$folder/npm.log" >&2
    echo "setup error: npm install failed (it needs the npm registry)" >&2
    exit 2
  fi
}

# proc_command [--release]
#   Sets the array PROC_CMD to the command that runs proc: the binary in $PROC when it is set, otherwise
#   `cargo run` (a release build with --release).
# shellcheck disable=SC2034  # PROC_CMD is read by the script that sources this file
proc_command() {
  if [[ -n "${PROC:-}" ]]; then
    PROC_CMD=("$PROC")
  elif [[ "${1:-}" == --release ]]; then
    PROC_CMD=(cargo run --release --quiet --)
  else
    PROC_CMD=(cargo run --quiet --)
  fi
}

# generate_processes FOLDER N
#   Writes N process files into FOLDER: the examples of processes/ in turn, each under a new id (the example's
#   id with -0001, -0002, … added).
generate_processes() {
  local folder=$1 n=$2 i example id
  local examples=(processes/*.yaml)
  mkdir -p "$folder"
  for (( i = 1; i <= n; i++ )); do
    example="${examples[$(( (i - 1) % ${#examples[@]} ))]}"
    id="$(basename "$example" .yaml)-$(printf '%04d' "$i")"
    sed "s/^id: .*/id: $id/" "$example" >"$folder/$id.yaml"
  done
}
