# shellcheck shell=bash
# dev-bench steps 5-8: bench init, Redis, ERPNext, assets.

# --- 5. bench init ----------------------------------------------------------------------------------
step "bench init (Frappe)"
bench_ok() { [ -f "$BENCH/sites/common_site_config.json" ] && [ -d "$BENCH/apps/frappe" ] &&
	[ -x "$BENCH/env/bin/python" ] && (cd "$BENCH/sites" && "$BENCH/env/bin/python" -c 'import frappe') 2>/dev/null; }
if bench_ok; then
	note "reusing $BENCH"
else
	if [ -e "$BENCH" ]; then
		ls "$BENCH"/sites/*/site_config.json >/dev/null 2>&1 &&
			die "$BENCH exists with sites but is incomplete (no env, apps/frappe or importable frappe); repair or move it"
		note "removing the incomplete bench $BENCH (left by a failed init; no sites in it)"
		rm -rf "$BENCH"
	fi
	# bench refuses root unless the config of the folder it runs from names frappe_user
	as="$CACHE/run-bench-as-$(id -un)"
	mkdir -p "$as/sites"
	printf '{"frappe_user": "%s"}\n' "$(id -un)" >"$as/sites/common_site_config.json"
	(cd "$as" && bench init "$BENCH" --frappe-path "$frappe_from" --frappe-branch "$FRAPPE_BRANCH" \
		--python "$python" --skip-assets --no-backups) </dev/null || die "bench init failed"
	bench_ok || die "bench init left no working bench at $BENCH"
fi
# Frappe's dependencies import pkg_resources, which setuptools 81 removed
if ! "$BENCH/env/bin/python" -c 'import pkg_resources' 2>/dev/null; then
	note "installing setuptools<81 into the bench's env (pkg_resources)"
	if command -v uv >/dev/null; then
		uv pip install -q --python "$BENCH/env/bin/python" "setuptools<81"
	else
		"$BENCH/env/bin/python" -m pip install -q "setuptools<81"
	fi
fi
# yarn in this bench (later `bench setup requirements`, `bench update`) finds air-datepicker too
if [ -n "$mirror" ]; then
	rc_text="yarn-offline-mirror \"$mirror\""
	[ "$(cat "$BENCH/.yarnrc" 2>/dev/null)" = "$rc_text" ] || printf '%s\n' "$rc_text" >"$BENCH/.yarnrc"
fi

# --- 6. Redis ------------------------------------------------------------------------------------------
step "services: MariaDB and the bench's Redis"
"$repo/.ci/services" "$BENCH"

# --- 7. ERPNext ---------------------------------------------------------------------------------------------
step "bench get-app erpnext"
erpnext_ok() { grep -qx erpnext "$BENCH/sites/apps.txt" && (cd "$BENCH/sites" && "$BENCH/env/bin/python" -c 'import erpnext') 2>/dev/null; }
if erpnext_ok; then
	note "reusing apps/erpnext"
else
	overwrite=()
	[ -e "$BENCH/apps/erpnext" ] && overwrite=(--overwrite) && note "apps/erpnext is there but not installed: getting it again"
	b get-app "${overwrite[@]}" --skip-assets --branch "$ERPNEXT_BRANCH" "$erpnext_from" || die "bench get-app erpnext failed"
	erpnext_ok || die "ERPNext is not importable or not in sites/apps.txt after get-app"
fi

# ERPNext's own tests (./erpnext-suite, which ./run-tests runs) need the payments app in the bench: their
# records link to its Payment Gateway. It is got, not installed on the demo site.
step "bench get-app payments (ERPNext's tests need it)"
if grep -qx payments "$BENCH/sites/apps.txt" && (cd "$BENCH/sites" && "$BENCH/env/bin/python" -c 'import payments') 2>/dev/null; then
	note "reusing apps/payments"
else
	overwrite=()
	[ -e "$BENCH/apps/payments" ] && overwrite=(--overwrite)
	b get-app "${overwrite[@]}" --skip-assets --branch "$PAYMENTS_BRANCH" "$payments_from" ||
		warn "bench get-app payments failed: ./run-tests's ERPNext-suite tier will need it (set PAYMENTS_SRC)"
fi

# --- 8. assets -------------------------------------------------------------------------------------------------
step "bench build (Frappe and ERPNext assets)"
if [ -d "$BENCH/sites/assets/frappe/dist" ] && [ -d "$BENCH/sites/assets/erpnext/dist" ]; then
	note "assets already built"
else
	b build --force || die "bench build failed" # --force: build here, no download of prebuilt assets
fi
