# shellcheck shell=bash
# Output, timing and small helpers of dev-bench (sourced by it, in its shell).

# --- output and timing -----------------------------------------------------------------------
step_names=()
step_times=()
current=""
started=0

say() { printf '\n\033[1m=== %s ===\033[0m\n' "$*"; }
note() { printf '  %s\n' "$*"; }
warn() { printf '  WARNING: %s\n' "$*" >&2; }
die() {
	printf '\ndev-bench: %s\n' "$*" >&2
	exit 1
}
step() { # begin a step (ends the previous one)
	end_step
	current="$1"
	started=$(date +%s)
	say "$current"
}
end_step() {
	if [ -n "$current" ]; then
		step_names+=("$current")
		step_times+=($(($(date +%s) - started)))
		current=""
	fi
}
print_times() {
	end_step
	local i total=0
	printf '\nStep times:\n'
	for i in "${!step_names[@]}"; do
		printf '  %-52s %5ss\n' "${step_names[$i]}" "${step_times[$i]}"
		total=$((total + step_times[i]))
	done
	printf '  %-52s %5ss\n' "total" "$total"
}
on_exit() {
	local status=$?
	if [ $status -ne 0 ]; then
		[ -n "$current" ] && printf '\ndev-bench: FAILED in step "%s" (exit %s)\n' "$current" "$status" >&2
		print_times >&2
	fi
}
trap on_exit EXIT

as_root() {
	if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
		die "needs root (or sudo) for: $*"
	fi
}
answers() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# bench from the bench folder, stdin closed (bench asks questions when it has one)
b() { (cd "$BENCH" && bench "$@") </dev/null; }
# Frappe's own command line, as `bench --site ...` runs it (exported for .ci/link-app)
bench_dir="$BENCH"
frappe() { (cd "$bench_dir/sites" && "$bench_dir/env/bin/python" -m frappe.utils.bench_helper frappe "$@") </dev/null; }
export -f frappe
export bench_dir
