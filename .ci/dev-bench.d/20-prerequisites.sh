# shellcheck shell=bash
# dev-bench steps 1-3: what this Frappe major needs, OS packages, MariaDB, Python and Node, tools.

# --- what this Frappe major needs ---------------------------------------------------------------------
# a file of the Frappe source as given (a local git repository at FRAPPE_BRANCH or a plain tree); empty
# when FRAPPE_SRC is a URL (nothing is read over the network before bench clones it)
frappe_src_file() {
	[ -d "$FRAPPE_SRC" ] || return 0
	if [ "$(git -C "$FRAPPE_SRC" rev-parse --show-toplevel 2>/dev/null)" = "$(cd "$FRAPPE_SRC" && pwd -P)" ]; then
		git -C "$FRAPPE_SRC" show "refs/heads/$FRAPPE_BRANCH:$1" 2>/dev/null || true
	else
		cat "$FRAPPE_SRC/$1" 2>/dev/null || true
	fi
}
frappe_major="$(frappe_src_file frappe/__init__.py | sed -n 's/^__version__ = "\([0-9]*\)\..*/\1/p' | head -1)"
[ -n "$frappe_major" ] || frappe_major="$(sed -n 's/^version-\([0-9][0-9]*\)$/\1/p' <<<"$FRAPPE_BRANCH")"
# Python 3.<py_min> to 3.<py_max>, Node <node_min>+: Frappe's declarations, as of each major's release
case "$frappe_major" in
15) py_min=10 py_max=13 node_min=18 ;;
16) py_min=14 py_max=14 node_min=24 ;;
*) py_min="" py_max="" node_min="" ;;
esac
needs_from="dev-bench's table for Frappe $frappe_major"
# ... or as the source itself says: pyproject.toml requires-python (">=3.14,<3.15") and package.json engines
requires_python="$(frappe_src_file pyproject.toml | sed -n 's/^requires-python *= *"\(.*\)"/\1/p' | head -1)"
engines_node="$(frappe_src_file package.json | sed -n 's/^ *"node": *">= *\([0-9]*\).*/\1/p' | head -1)"
if [ -n "$requires_python" ]; then
	lo="$(sed -n 's/.*>= *3\.\([0-9]*\).*/\1/p' <<<"$requires_python")"
	hi="$(sed -n 's/.*< *3\.\([0-9]*\).*/\1/p' <<<"$requires_python")"
	hile="$(sed -n 's/.*<= *3\.\([0-9]*\).*/\1/p' <<<"$requires_python")"
	[ -n "$lo" ] && py_min="$lo"
	if [ -n "$hile" ]; then py_max="$hile"; elif [ -n "$hi" ]; then py_max=$((hi - 1)); elif [ -n "$lo" ] && [ -z "$py_max" ]; then py_max=99; fi
	needs_from="Frappe's pyproject.toml (requires-python $requires_python)"
fi
if [ -n "$engines_node" ]; then
	node_min="$engines_node"
	needs_from="$needs_from and package.json (engines: node >=$engines_node)"
fi
[ -n "$py_min" ] && [ -n "$py_max" ] && [ -n "$node_min" ] ||
	die "cannot tell what Frappe ${frappe_major:-?} (FRAPPE_BRANCH=$FRAPPE_BRANCH) needs: use version-15 or version-16, or a local FRAPPE_SRC"

# --- 1. OS packages ------------------------------------------------------------------------------
step "OS packages"
pkgs=(git curl ca-certificates build-essential pkg-config default-libmysqlclient-dev
	mariadb-server mariadb-client redis-server wkhtmltopdf xz-utils
	chromium fonts-liberation fonts-dejavu-core) # chromium and fonts: the browser test tier (./run-tests)
command -v node >/dev/null || pkgs+=(nodejs)
command -v npm >/dev/null || pkgs+=(npm)
missing=()
for p in "${pkgs[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
	command -v apt-get >/dev/null || die "missing OS packages (${missing[*]}) and no apt-get to install them"
	note "installing: ${missing[*]}"
	as_root apt-get update -q >/dev/null
	as_root apt-get install -y -q "${missing[@]}" >/dev/null
else
	note "all present"
fi

# --- 2. MariaDB -----------------------------------------------------------------------------------
step "MariaDB: configure, start, root password"
cnf_dir=/etc/mysql/mariadb.conf.d
[ -d "$cnf_dir" ] || cnf_dir=/etc/mysql/conf.d
cnf="$cnf_dir/99-frappe.cnf"
# What Frappe requires (utf8mb4, unicode collation, no client charset handshake); a modest buffer pool.
cnf_text="# Written by serial_tracking's dev-bench: MariaDB as Frappe requires.
[mysqld]
character-set-client-handshake = FALSE
character-set-server = utf8mb4
collation-server = utf8mb4_unicode_ci
innodb-buffer-pool-size = 1G

[mysql]
default-character-set = utf8mb4"
cnf_changed=0
if [ "$(cat "$cnf" 2>/dev/null)" != "$cnf_text" ]; then
	printf '%s\n' "$cnf_text" | as_root tee "$cnf" >/dev/null
	cnf_changed=1
	note "wrote $cnf"
fi
start_mariadb() {
	if [ -x /etc/init.d/mariadb ] && command -v service >/dev/null; then
		as_root service mariadb start >/dev/null
	else
		(as_root mysqld_safe --user=mysql >/dev/null 2>&1 &)
	fi
	for _ in $(seq 1 60); do answers 3306 && return 0; sleep 1; done
	die "MariaDB did not start on port 3306"
}
if answers 3306 && [ $cnf_changed -eq 1 ]; then
	note "restarting MariaDB for the new configuration"
	if [ -x /etc/init.d/mariadb ] && command -v service >/dev/null; then
		as_root service mariadb stop >/dev/null || true
	else
		as_root mysqladmin shutdown || true
	fi
	for _ in $(seq 1 30); do answers 3306 || break; sleep 1; done
fi
answers 3306 || { note "starting MariaDB"; start_mariadb; }
if mysql -uroot -p"$DB_ROOT_PASSWORD" -h127.0.0.1 -e 'select 1' >/dev/null 2>&1; then
	note "root logs in with ST_DB_ROOT_PASSWORD"
else
	note "setting MariaDB root's password (keeping its unix-socket login)"
	as_root mysql -uroot -e "ALTER USER 'root'@'localhost' IDENTIFIED VIA mysql_native_password USING PASSWORD('$DB_ROOT_PASSWORD') OR unix_socket; FLUSH PRIVILEGES;" ||
		die "could not set MariaDB's root password; set ST_DB_ROOT_PASSWORD to the one it has"
	mysql -uroot -p"$DB_ROOT_PASSWORD" -h127.0.0.1 -e 'select 1' >/dev/null || die "MariaDB root still cannot log in"
fi
mysql -uroot -p"$DB_ROOT_PASSWORD" -h127.0.0.1 -N -e 'select @@character_set_server, @@collation_server' |
	grep -q 'utf8mb4.*utf8mb4_unicode_ci' || die "MariaDB does not use utf8mb4_unicode_ci (see $cnf)"

# --- 3. Python and Node for this Frappe major ---------------------------------------------------
step "Python and Node for Frappe $frappe_major"
# every problem at once, each with what to do
problems=()
if ! command -v node >/dev/null; then
	problems+=("Node $node_min or later: no node on PATH. Put a Node $node_min (with its npm and yarn) first on PATH.")
else
	node_major="$(node -p 'process.versions.node.split(".")[0]')"
	[ "$node_major" -ge "$node_min" ] ||
		problems+=("Node $node_min or later: the node on PATH is $(node --version) ($(command -v node)). Put a Node $node_min (with its npm and yarn) first on PATH.")
fi
find_python() { # sets python to the first candidate in 3.$py_min..3.$py_max; tried lists the others
	local c v
	python="" tried=()
	for c in ${ST_PYTHON:-} python3 python3.12 python3.11 python3.10 python3.13 python3.14 \
		"$HOME"/.pyenv/versions/3.1[0-9]*/bin/python3; do
		command -v "$c" >/dev/null 2>&1 || [ -x "$c" ] || continue
		v="$("$c" -c 'import sys; print(sys.version_info[1] if sys.version_info[0] == 3 else 0)' 2>/dev/null)" || continue
		if [ "$v" -ge "$py_min" ] && [ "$v" -le "$py_max" ]; then
			python="$("$c" -c 'import sys; print(sys.executable)')"
			return 0
		fi
		if [ -n "${ST_PYTHON:-}" ] && [ "$c" = "$ST_PYTHON" ]; then
			tried+=("ST_PYTHON=$c is 3.$v")
			return 1
		fi
		tried+=("$c: 3.$v")
	done
	return 1
}
py_range="3.$py_min"
[ "$py_max" = "$py_min" ] || py_range="3.$py_min to 3.$py_max"
if ! find_python; then
	found="$(printf '%s, ' "${tried[@]}")"
	found="${found%, }"
	if [ -n "${ST_PYTHON:-}" ]; then
		problems+=("Python $py_range: $found. Set ST_PYTHON to a Python $py_range.")
	else
		problems+=("Python $py_range: none found (${found:-no python3 on PATH}). Set ST_PYTHON to a Python $py_range.")
	fi
fi
if [ ${#problems[@]} -gt 0 ]; then
	printf '\ndev-bench: Frappe %s (%s) needs, and this machine lacks:\n' "$frappe_major" "$FRAPPE_BRANCH" >&2
	printf '  - %s\n' "${problems[@]}" >&2
	exit 1
fi
note "Frappe $frappe_major needs Python $py_range and Node $node_min+ (from $needs_from)"
note "Python for the bench: $python ($("$python" --version)); node $(node --version) ($(command -v node))"
# node-gyp builds native modules against this Node's own headers, when installed beside it (no download)
node_prefix="$(dirname "$(dirname "$(readlink -f "$(command -v node)")")")"
if [ -z "${npm_config_nodedir:-}" ] && [ -f "$node_prefix/include/node/node.h" ]; then
	export npm_config_nodedir="$node_prefix"
fi

# --- 3. tools: yarn, bench ------------------------------------------------------------------------
step "tools: yarn, bench CLI"
if ! command -v yarn >/dev/null; then
	note "installing yarn (npm install -g yarn)"
	as_root npm install -g --silent yarn >/dev/null
fi
bin_dir=/usr/local/bin
[ "$(id -u)" = 0 ] || { bin_dir="$HOME/.local/bin"; mkdir -p "$bin_dir"; export PATH="$bin_dir:$PATH"; }
if ! command -v bench >/dev/null; then
	venv="$CACHE/bench-cli"
	note "installing frappe-bench from PyPI into $venv (bench and uv linked into $bin_dir)"
	mkdir -p "$CACHE"
	[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
	"$venv/bin/python" -m pip install -q frappe-bench 2>&1 | grep -v 'is ignored: it is neither' || true
	[ -x "$venv/bin/bench" ] || die "pip install frappe-bench failed"
	ln -sf "$venv/bin/bench" "$bin_dir/bench"
	command -v uv >/dev/null || ln -sf "$venv/bin/uv" "$bin_dir/uv"
	hash -r
fi
# bench runs `uv` by name: the one installed beside bench when none is on PATH
if ! command -v uv >/dev/null && [ -x "$(dirname "$(readlink -f "$(command -v bench)")")/uv" ]; then
	export PATH="$(dirname "$(readlink -f "$(command -v bench)")"):$PATH"
fi
note "bench $(bench --version 2>/dev/null | tail -1), yarn $(yarn --version) ($(command -v yarn)), node $(node --version)"
