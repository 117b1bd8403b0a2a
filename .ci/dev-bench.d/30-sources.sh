# shellcheck shell=bash
# dev-bench step 4: Frappe and ERPNext sources, and the GitHub pins pointed at local copies.

# --- 4. sources -------------------------------------------------------------------------------------
step "sources and GitHub redirections"
git_id=(-c user.name=dev-bench -c user.email=dev-bench@localhost)
# echo what bench should clone for app $1 from $2 at branch $3
app_source() {
	local name="$1" src="$2" branch="$3" top copy
	if [ ! -d "$src" ]; then
		echo "$src" # a git URL: bench clones it
		return
	fi
	src="$(cd "$src" && pwd)"
	top="$(git -C "$src" rev-parse --show-toplevel 2>/dev/null || true)"
	if [ "$top" = "$src" ]; then
		git -C "$src" rev-parse -q --verify "refs/heads/$branch" >/dev/null ||
			die "$src is a git repository without the branch $branch"
		echo "$src"
		return
	fi
	# A plain source tree: commit it, as it is, into a git repository of its own (one commit; a
	# changed tree adds one more). The folder keeps the app's name: bench names the app after it.
	copy="$CACHE/src/$name"
	if [ ! -d "$copy/.git" ]; then
		mkdir -p "$copy"
		git -C "$copy" init -q
	fi
	git -C "$copy" symbolic-ref HEAD "refs/heads/$branch"
	git --git-dir="$copy/.git" --work-tree="$src" add -A
	if ! git -C "$copy" rev-parse -q --verify HEAD >/dev/null || ! git -C "$copy" diff --cached --quiet; then
		git -C "$copy" "${git_id[@]}" commit -q -m "$name: source tree of $src" >&2
		note "committed $src into $copy ($branch)" >&2
	fi
	git -C "$copy" reset -q --hard
	git -C "$copy" clean -q -fd
	echo "$copy"
}
frappe_from="$(app_source frappe "$FRAPPE_SRC" "$FRAPPE_BRANCH")"
erpnext_from="$(app_source erpnext "$ERPNEXT_SRC" "$ERPNEXT_BRANCH")"
payments_from="$(app_source payments "$PAYMENTS_SRC" "$PAYMENTS_BRANCH")"
note "Frappe from $frappe_from ($FRAPPE_BRANCH); ERPNext from $erpnext_from ($ERPNEXT_BRANCH)"

# a file of Frappe's as bench will clone it (local sources only; empty for a URL)
frappe_file() {
	if [ -d "$frappe_from" ]; then git -C "$frappe_from" show "refs/heads/$FRAPPE_BRANCH:$1" 2>/dev/null || true; fi
}

# Git configuration for this script's commands only (pip, uv and yarn clone through git).
git_config=()
redirect() { # github repository URL, local git repository
	git_config+=("url.$2.insteadOf" "$1" "url.$2.insteadOf" "$1.git")
}
# A GitHub pin of Frappe's pyproject.toml (name @ git+https://github.com/frappe/<repo>@<sha>) served
# from a local git clone: variable name, its value, the GitHub repository's name
pin_from_clone() {
	local var="$1" src="$2" repo="$3" pin
	src="$(cd "$src" && pwd -P)"
	[ "$(git -C "$src" rev-parse --show-toplevel 2>/dev/null)" = "$src" ] ||
		die "$var=$src must be a git clone (Frappe pins a commit of it)"
	pin="$(frappe_file pyproject.toml | sed -n "s|.* @ git+https://github.com/frappe/$repo@\([0-9a-f]*\).*|\1|p" | head -1)"
	if [ -n "$pin" ]; then
		git -C "$src" cat-file -e "$pin^{commit}" 2>/dev/null ||
			die "$var=$src lacks the commit $pin that Frappe pins"
		note "$repo: Frappe pins $pin; github.com/frappe/$repo -> $src (git insteadOf)"
	else
		note "$repo: github.com/frappe/$repo -> $src (git insteadOf)"
	fi
	redirect "https://github.com/frappe/$repo" "$src"
}
[ -z "$GUNICORN_SRC" ] || pin_from_clone GUNICORN_SRC "$GUNICORN_SRC" gunicorn
[ -z "$PYPIKA_SRC" ] || pin_from_clone PYPIKA_SRC "$PYPIKA_SRC" pypika
if [ -n "$PIP_OVERRIDES" ]; then
	PIP_OVERRIDES="$(cd "$(dirname "$PIP_OVERRIDES")" && pwd)/$(basename "$PIP_OVERRIDES")"
	[ -f "$PIP_OVERRIDES" ] || die "ST_PIP_OVERRIDES=$PIP_OVERRIDES is not a file"
	export UV_OVERRIDE="$PIP_OVERRIDES"
	note "NOTE: uv installs with the overrides in $PIP_OVERRIDES: $(grep -v '^ *#' "$PIP_OVERRIDES" | xargs)"
	note "      (this bench's Python packages differ from Frappe's pinned set there)"
fi
mirror=""
if [ -n "$AIR_DATEPICKER_SRC" ]; then
	AIR_DATEPICKER_SRC="$(cd "$AIR_DATEPICKER_SRC" && pwd)"
	mirror="$CACHE/yarn-mirror"
	mkdir -p "$mirror"
	is_git=0
	[ "$(git -C "$AIR_DATEPICKER_SRC" rev-parse --show-toplevel 2>/dev/null)" = "$AIR_DATEPICKER_SRC" ] && is_git=1
	# The tarball Frappe 15's yarn.lock names: https://codeload.github.com/frappe/air-datepicker/tar.gz/<sha>;
	# yarn looks for it in the offline mirror under its last path segment, <sha>. Frappe 16's names the
	# git repository, git+https://github.com/frappe/air-datepicker#<sha>, which yarn clones (insteadOf below).
	sha="$(frappe_file yarn.lock | sed -n -e 's|.*resolved "https://codeload.github.com/frappe/air-datepicker/tar.gz/\([0-9a-f]*\)".*|\1|p' \
		-e 's|.*resolved "git+https://github.com/frappe/air-datepicker#\([0-9a-f]*\)".*|\1|p' | head -1)"
	if [ -z "$sha" ]; then
		[ $is_git -eq 1 ] || die "AIR_DATEPICKER_SRC: cannot tell which commit Frappe's yarn.lock pins"
		sha="$(git -C "$AIR_DATEPICKER_SRC" rev-parse HEAD)"
		note "air-datepicker: Frappe's yarn.lock not readable before the clone; assuming $AIR_DATEPICKER_SRC's HEAD"
	fi
	if [ ! -s "$mirror/$sha" ]; then
		if [ $is_git -eq 1 ]; then
			git -C "$AIR_DATEPICKER_SRC" cat-file -e "$sha^{commit}" 2>/dev/null ||
				die "AIR_DATEPICKER_SRC=$AIR_DATEPICKER_SRC lacks the commit $sha that Frappe's yarn.lock pins"
			git -C "$AIR_DATEPICKER_SRC" archive --format=tar.gz --prefix=package/ "$sha" >"$mirror/$sha.part"
		else
			tar -czf "$mirror/$sha.part" -C "$AIR_DATEPICKER_SRC" --exclude=.git --exclude=node_modules \
				--transform 's,^\.,package,' .
		fi
		mv "$mirror/$sha.part" "$mirror/$sha"
	fi
	note "air-datepicker: yarn offline mirror $mirror holds $sha (from $AIR_DATEPICKER_SRC)"
	export YARN_YARN_OFFLINE_MIRROR="$mirror"
	if [ $is_git -eq 1 ]; then redirect https://github.com/frappe/air-datepicker "$AIR_DATEPICKER_SRC"; fi
fi
if [ ${#git_config[@]} -gt 0 ]; then
	n=$((${GIT_CONFIG_COUNT:-0}))
	for ((i = 0; i < ${#git_config[@]}; i += 2)); do
		export "GIT_CONFIG_KEY_$n=${git_config[$i]}" "GIT_CONFIG_VALUE_$n=${git_config[$((i + 1))]}"
		n=$((n + 1))
	done
	export GIT_CONFIG_COUNT=$n
fi
