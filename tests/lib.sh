# tests/lib.sh - sourced by tests/t/*.sh.  Helpers that print the runner's
# "PASS name" / "FAIL name: why" lines.  Scripts get $QUIRE (absolute path
# of the binary), $TOP (the repository), $TMPROOT (a scratch directory
# removed after the run) and SOURCE_DATE_EPOCH.
pass() { echo "PASS $1"; }
fail() { echo "FAIL $1: ${2:-}"; }
# check NAME COMMAND... : PASS when the command succeeds.
check() {
	local name=$1; shift
	if "$@" >/dev/null 2>&1; then pass "$name"; else fail "$name" "$*"; fi
}
# scratch NAME : a fresh directory under $TMPROOT.
scratch() { local d="$TMPROOT/$1"; rm -rf "$d"; mkdir -p "$d"; echo "$d"; }
