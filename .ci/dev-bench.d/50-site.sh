# shellcheck shell=bash
# dev-bench steps 9-12: the demo site, this app, demo data, serving.

# --- 9. demo site ---------------------------------------------------------------------------------------------
step "site $SITE with ERPNext"
site_dir="$BENCH/sites/$SITE"
if [ -f "$site_dir/site_config.json" ] && apps="$(frappe --site "$SITE" list-apps 2>/dev/null)"; then
	note "reusing the site"
	if ! grep -q '^erpnext' <<<"$apps"; then
		note "installing ERPNext on it"
		frappe --site "$SITE" install-app erpnext
	fi
else
	[ -e "$site_dir" ] && note "the site is there but does not answer: creating it again"
	# --force: Frappe names a site's database after the site folder's path, so a database of that name is
	# left by a site of this very folder that is gone (a bench deleted and built again, a build cut short)
	frappe new-site "$SITE" --force --db-root-username root --db-root-password "$DB_ROOT_PASSWORD" \
		--admin-password "$ADMIN_PASSWORD" --install-app erpnext || die "bench new-site failed"
fi
default_site="$("$BENCH/env/bin/python" -c 'import json,sys; print(json.load(open(sys.argv[1])).get("default_site", ""))' \
	"$BENCH/sites/common_site_config.json")"
[ "$default_site" = "$SITE" ] || b use "$SITE" # so http://127.0.0.1:$PORT serves it
# the site's name resolves here (curl, and socketio, which tells sites apart by the browser's origin)
if ! getent hosts "$SITE" >/dev/null 2>&1 && [ -w /etc/hosts ]; then
	printf '127.0.0.1\t%s\n' "$SITE" >>/etc/hosts
	note "added $SITE to /etc/hosts"
fi

step "ERPNext setup wizard on $SITE"
(cd "$BENCH/sites" && "$BENCH/env/bin/python" "$repo/.ci/setup-wizard.py" "$SITE") </dev/null || die "the setup wizard failed"

# --- 10. this app --------------------------------------------------------------------------------------------
step "serial_tracking: link, install, build, install-app"
# The site is migrated when this working tree differs from the one it was last migrated to (a pull, an
# edit): a demo that kept an older release's doctypes and fields would show errors that are not the code's.
stamp_file="$CACHE/migrated-$(basename "$BENCH")-$SITE"
stamp="$(cd "$repo" && { git rev-parse HEAD 2>/dev/null; git diff HEAD 2>/dev/null; } | sha1sum | cut -c1-40)"
migrate="${ST_MIGRATE:-}"
[ -n "$migrate" ] || { [ "$(cat "$stamp_file" 2>/dev/null)" = "$stamp" ] && migrate=0 || migrate=1; }
ST_ALLOW_TESTS=0 ST_SKIP_MIGRATE="$([ "$migrate" = 1 ] && echo 0 || echo 1)" \
	"$repo/.ci/link-app" "$repo" "$BENCH" "$SITE" || die "installing serial_tracking on $SITE failed"
mkdir -p "$CACHE" && printf '%s\n' "$stamp" >"$stamp_file"

# --- 11. demo data ---------------------------------------------------------------------------------------------
step "demo data"
if frappe --site "$SITE" serial-tracking-demo --help >/dev/null 2>&1; then
	frappe --site "$SITE" serial-tracking-demo || die "serial-tracking-demo failed"
else
	note "the demo loader (bench --site $SITE serial-tracking-demo) is not available yet: no demo data loaded"
fi

# --- 12. serve -------------------------------------------------------------------------------------------------
if [ "$SERVE" = 0 ]; then
	end_step
	say "not serving (ST_SERVE=0); to serve: cd $BENCH && bench serve --port $PORT"
else
	step "serve on port $PORT"
	pids="$BENCH/config/pids"
	mkdir -p "$pids" "$BENCH/logs"
	alive() { [ -f "$pids/dev-bench-$1.pid" ] && kill -0 "$(cat "$pids/dev-bench-$1.pid")" 2>/dev/null; }
	launch() { # name, command... (from the bench folder, in a session of its own, surviving this script)
		local name="$1"
		shift
		if alive "$name"; then
			note "$name already running (pid $(cat "$pids/dev-bench-$name.pid"))"
			return
		fi
		(cd "$BENCH" && exec setsid nohup "$@" >>"logs/dev-bench-$name.log" 2>&1 </dev/null) &
		echo $! >"$pids/dev-bench-$name.pid"
		note "started $name (pid $!, log $BENCH/logs/dev-bench-$name.log)"
	}
	if answers "$PORT" && ! alive web; then
		die "port $PORT is taken by another server; set ST_PORT"
	fi
	# DEV_SERVER as `bench start` sets it: the desk finds the socketio server on its own port
	launch web env DEV_SERVER=1 bench serve --port "$PORT"
	socketio_port="$("$BENCH/env/bin/python" -c 'import json,sys; print(json.load(open(sys.argv[1])).get("socketio_port") or 9000)' \
		"$BENCH/sites/common_site_config.json")"
	if answers "$socketio_port" && ! alive socketio; then
		note "a socketio server already answers on $socketio_port; using it"
	else
		launch socketio node apps/frappe/socketio.js
	fi
	launch worker bench worker
	ready=0
	for _ in $(seq 1 90); do
		if curl -fsS -m 5 "http://127.0.0.1:$PORT/api/method/ping" 2>/dev/null | grep -q pong; then
			ready=1
			break
		fi
		alive web || break
		sleep 1
	done
	[ $ready -eq 1 ] || {
		tail -n 30 "$BENCH/logs/dev-bench-web.log" >&2
		die "the web server does not answer http://127.0.0.1:$PORT/api/method/ping"
	}
fi

print_times
cat <<EOF

ERPNext bench: $BENCH (Frappe $(cd "$BENCH/sites" && "$BENCH/env/bin/python" -c 'import frappe; print(frappe.__version__)'), ERPNext $(cd "$BENCH/sites" && "$BENCH/env/bin/python" -c 'import erpnext; print(erpnext.__version__)'))
Site:  $SITE (ERPNext set up: company, fiscal years, chart of accounts; serial_tracking installed from $repo)
EOF
if [ "$SERVE" != 0 ]; then
	cat <<EOF
URL:   http://$SITE:$PORT  (or http://127.0.0.1:$PORT, the bench's default site)
Login: Administrator / $ADMIN_PASSWORD
Open:  http://$SITE:$PORT/app/serial-tracking  (the workspace on the demo data)
Stop:  kill -- -\$(cat $BENCH/config/pids/dev-bench-web.pid)   (likewise socketio, worker)
EOF
fi
