# SPDX-License-Identifier: GPL-3.0-or-later
# tests/bench/lib.sh - the measuring and formatting that scripts/bench and
# tests/bench/code-bench share; sourced, never run.  The sourcing script sets
# B (its work folder), LIMIT, SLOW, HAVE_TIME and HAVE_TIMEOUT, and may set
# STAGE_KEYS: the jobs whose stage times (quire -v) are kept, each in
# $B/stages.KEY.txt.

# --- Measuring -----------------------------------------------------------

# Results, by key: median wall seconds, median CPU seconds, peak RSS in KiB
# (the largest over the runs), number of runs, and a note (failure, timeout,
# single run).
declare -A WALL CPU RSS NRUN NOTE

# median of numbers on stdin
median() {
	sort -g | awk '{ v[NR] = $1 } END {
		if (NR == 0) exit 1
		if (NR % 2) printf "%.4f\n", v[(NR + 1) / 2]
		else printf "%.4f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# usec: $EPOCHREALTIME as integer microseconds
usec() { local t=${1/./}; echo $((10#$t)); }

# Jobs are queued with job KEY RUNS COMMAND (sh syntax, output redirected
# by the command itself) and run in rounds, each job once per round until
# it has had its RUNS, so a load that drifts over minutes affects every
# tool and every corpus size alike.  Comparison
# tools (every key not starting with "quire") whose first run exceeds SLOW
# seconds are not run again.
declare -A CMD WALLS CPUS DONE WANT
JOBS=()
job() {
	JOBS+=("$1"); WANT[$1]=$2; CMD[$1]=$3
	WALLS[$1]=""; CPUS[$1]=""; RSS[$1]=0; NOTE[$1]=""; DONE[$1]=0
}

# once KEY: one run of a queued job.
once() {
	local key=$1 t0 t1 rc line w
	local wrap=(sh -c "${CMD[$key]}")
	[ $HAVE_TIMEOUT -eq 1 ] && wrap=(timeout "$LIMIT" sh -c "${CMD[$key]}")
	t0=$EPOCHREALTIME
	if [ $HAVE_TIME -eq 1 ]; then
		/usr/bin/time -f '%U %S %M' -o "$B/time.txt" \
		    "${wrap[@]}" 2> "$B/err.$key"
	else
		"${wrap[@]}" 2> "$B/err.$key"
	fi
	rc=$?
	t1=$EPOCHREALTIME
	if [ $rc -ne 0 ]; then
		if [ $rc -eq 124 ]; then
			NOTE[$key]="stopped after ${LIMIT}s"
		else
			NOTE[$key]="FAILED (exit $rc): $(grep -v '^quire: font' "$B/err.$key" | head -n 1)"
		fi
		say "bench: $key: ${NOTE[$key]}"
		DONE[$key]=1
		return
	fi
	case " ${STAGE_KEYS:-} " in *" $key "*)
		grep '^quire: .* ms$' "$B/err.$key" >> "$B/stages.$key.txt" ;;
	esac
	w=$(awk -v a="$(usec "$t0")" -v b="$(usec "$t1")" 'BEGIN { printf "%.6f", (b - a) / 1e6 }')
	WALLS[$key]+="$w "
	if [ $HAVE_TIME -eq 1 ]; then
		line=$(tail -n 1 "$B/time.txt")
		CPUS[$key]+="$(echo "$line" | awk '{ printf "%.2f", $1 + $2 }') "
		set -- $line
		[ "$3" -gt "${RSS[$key]}" ] && RSS[$key]=$3
	fi
	if [ "${key#quire}" = "$key" ] && [ "$(echo ${WALLS[$key]} | wc -w)" -eq 1 ] &&
	    awk -v w="$w" -v s="$SLOW" 'BEGIN { exit !(w > s) }'; then
		NOTE[$key]="1 run (over ${SLOW}s)"
		DONE[$key]=1
	fi
}

# rounds: run the queued jobs round-robin until each has had its runs,
# then settle their medians and empty the queue.
rounds() {
	local n=0 r k
	for k in "${JOBS[@]}"; do
		[ "${WANT[$k]}" -gt $n ] && n=${WANT[$k]}
	done
	for ((r = 1; r <= n; r++)); do
		for k in "${JOBS[@]}"; do
			[ "${DONE[$k]}" = 1 ] || [ "${WANT[$k]}" -lt $r ] && continue
			say "bench: round $r/$n: $k"
			once "$k"
		done
	done
	for k in "${JOBS[@]}"; do
		NRUN[$k]=$(echo ${WALLS[$k]} | wc -w)
		if [ "${NRUN[$k]}" -gt 0 ]; then
			WALL[$k]=$(printf '%s\n' ${WALLS[$k]} | median)
			[ -n "${CPUS[$k]}" ] && CPU[$k]=$(printf '%s\n' ${CPUS[$k]} | median)
			[ $HAVE_TIME -eq 1 ] || unset "RSS[$k]"
			say "bench: $k: ${WALL[$k]} s (median of ${NRUN[$k]})"
		else
			unset "RSS[$k]"
		fi
	done
	JOBS=()
}

# --- Formatting ----------------------------------------------------------

sec() { [ -n "${WALL[$1]:-}" ] && awk -v v="${WALL[$1]}" 'BEGIN { printf(v < 10 ? "%.3f" : "%.1f", v) }' || echo "—"; }
cpu() { [ -n "${CPU[$1]:-}" ] && awk -v v="${CPU[$1]}" 'BEGIN { printf(v < 10 ? "%.2f" : "%.1f", v) }' || echo "—"; }
mem() { [ -n "${RSS[$1]:-}" ] && awk -v v="${RSS[$1]}" 'BEGIN { printf "%.0f", v / 1024 }' || echo "—"; }
# ratio A B: A's median wall time over B's, as "N.NN×"
ratio() {
	[ -n "${WALL[$1]:-}" ] && [ -n "${WALL[$2]:-}" ] || { echo "—"; return; }
	awk -v a="${WALL[$1]}" -v b="${WALL[$2]}" 'BEGIN { r = a / b
		printf(r < 10 ? "%.2f×" : r < 100 ? "%.1f×" : "%.0f×", r) }'
}
runs() { local n=${NRUN[$1]:-0} note=${NOTE[$1]:-}; [ -n "$note" ] && echo "$n; $note" || echo "$n"; }

# check LABEL WALL CPU OP LIMIT: one target, judged on the wall-clock
# ratio (the issue's measure); the CPU-time ratio beside it shows what a
# quiet machine would likely give.
check() {
	local label=$1 v=$2 c=$3 op=$4 lim=$5
	if [ -z "$v" ]; then
		printf '| %s | — | — | %s %s× | not measured |\n' "$label" "$op" "$lim"
		return
	fi
	awk -v l="$label" -v v="$v" -v c="$c" -v op="$op" -v lim="$lim" '
	function ok(x) { return (op == "≤") ? x <= lim : x >= lim }
	function miss(x) { return (op == "≤") ? (x / lim - 1) * 100 : (lim / x - 1) * 100 }
	function pct(x) { return sprintf(miss(x) < 1 ? "%.1f%%" : "%.0f%%", miss(x)) }
	# over a ceiling: by how much; under a floor: how much of it is reached
	function short(x) { return (op == "≤") ? "by " pct(x) : sprintf("(%.0f%% of the goal)", x / lim * 100) }
	function f(x) { return sprintf(x < 10 ? "%.2f×" : x < 100 ? "%.1f×" : "%.0f×", x) }
	BEGIN {
		r = ok(v) ? "met" : "**missed** " short(v)
		if (c != "" && ok(c) != ok(v))
			r = r " (by CPU time: " (ok(c) ? "met" : "missed " short(c)) ")"
		printf "| %s | %s | %s | %s %s× | %s |\n", l, f(v), c == "" ? "—" : f(c), op, lim, r }'
}
rawratio() {
	[ -n "${WALL[$1]:-}" ] && [ -n "${WALL[$2]:-}" ] &&
	    awk -v a="${WALL[$1]}" -v b="${WALL[$2]}" 'BEGIN { printf "%.4f", a / b }'
}
cpuratio() {
	[ -n "${CPU[$1]:-}" ] && [ -n "${CPU[$2]:-}" ] &&
	    awk -v a="${CPU[$1]}" -v b="${CPU[$2]}" 'BEGIN { if (b > 0) printf "%.4f", a / b }'
}
memratio() {
	[ -n "${RSS[$1]:-}" ] && [ -n "${RSS[$2]:-}" ] &&
	    awk -v a="${RSS[$1]}" -v b="${RSS[$2]}" 'BEGIN { printf "%.4f", a / b }'
}


# stage_rows KEY: the median ms of each stage kept for KEY, as table rows
# "| stage | ms |", in the order quire prints them.
stage_rows() {
	[ -s "$B/stages.$1.txt" ] || return 0
	awk '{ n = $2; if (!(n in c)) o[++k] = n; v[n, ++c[n]] = $3 }
	END { for (i = 1; i <= k; i++) { n = o[i]; m = c[n]
		for (a = 1; a <= m; a++) for (b = a + 1; b <= m; b++)
			if (v[n, b] < v[n, a]) { t = v[n, a]; v[n, a] = v[n, b]; v[n, b] = t }
		x = (m % 2) ? v[n, (m + 1) / 2] : (v[n, m / 2] + v[n, m / 2 + 1]) / 2
		printf "| %s | %.0f |\n", n, x } }' "$B/stages.$1.txt"
}

# stage_ms KEY STAGE: the median ms of one stage kept for KEY, or nothing.
stage_ms() {
	stage_rows "$1" | awk -F' *[|] *' -v s="$2" '$2 == s { print $3 }'
}
