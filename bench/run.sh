#!/usr/bin/env bash
# bench/run.sh: dospec side by side with the tools it replaces, on DigitalOcean's
# real spec, plus a scaling run on synthetic K-fold copies of it.
#
# What it does
#   1. Installs the reference tools, pinned, into bench/.tools/ (gitignored):
#      @redocly/cli and @stoplight/spectral-cli with `npm ci` from
#      bench/tools/package-lock.json; oasdiff and oapi-codegen with `go install`.
#      Skipped when the pinned versions are already there.
#   2. Builds dospec from this checkout (or from git revision --rev).
#   3. Takes its inputs from the spec folder (default ../shared/specs/digitalocean
#      beside the repo; never copied into the repo): current/specification/ and
#      two versions from history.bundle a year apart (the last commit before
#      2024-06-30 and HEAD), exported to a temp dir.
#   4. Runs each pairing (bundle, lint, diff, gen, compile of the generated
#      client) once to warm up and check, then N more times, alternating the
#      tools run by run so that load on the machine hits both alike. Each run
#      is measured with GNU time: wall, user+sys CPU, max RSS of the process
#      tree.
#   5. Scaling: bench/scale writes the spec replicated K times (default 1 2 5
#      10); dospec bundle, lint, diff (old vs new history version, both
#      replicated) and gen run N times on each, and redocly bundle on the
#      smallest and largest K.
#   6. Writes report.md (machine, versions, command, tables of medians and
#      ratios), raw.tsv (every run) and the logs of every warm-up run.
#
# Needs: bash, git, go (1.26+), node and npm (20+), GNU time at /usr/bin/time
# (Debian: apt-get install time), the spec folder, and on the first run the
# npm registry and the Go module proxy. About 6 GB of free RAM, 1 GB of disk.
#
# Takes: about 10 minutes on a quiet 2-core machine with N=5 (measured: 9 min
# 25 s; 22 min 40 s on a loaded one): spectral's lint is the longest single
# command (~25 s a run), the 10× scaling step the longest stage. A first run
# adds ~2 minutes of installs.
#
# Results: bench/results/<UTC time>/ (gitignored): report.md, raw.tsv, logs/.
#   With --update, report.md also replaces the part of BENCHMARKS.md between
#   the <!-- bench:begin --> and <!-- bench:end --> lines.
#
# Usage: bench/run.sh [options]
#   -n N            timed runs per command (env BENCH_N, default 5)
#   --specs DIR     the spec folder (env DOSPEC_BENCH_SPECS,
#                   default <repo>/../shared/specs/digitalocean)
#   --scales "K.."  replication factors for the scaling run (env BENCH_SCALES,
#                   default "1 2 5 10"); --no-scale skips it
#   --rev REV       build dospec from git revision REV (via git archive; the
#                   work tree and the repository are not touched) instead of
#                   the work tree (env BENCH_DOSPEC_REV)
#   --out DIR       results folder (env BENCH_OUT)
#   --update        write the report into BENCHMARKS.md (between the markers)
#   --keep          keep the temp dir (inputs, outputs of the last runs)
#   --no-install    use the tools already in bench/.tools (fail if missing)
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH=$REPO/bench
TOOLS=${BENCH_TOOLS:-$BENCH/.tools}
SPECS=${DOSPEC_BENCH_SPECS:-$REPO/../shared/specs/digitalocean}
N=${BENCH_N:-5}
SCALES=${BENCH_SCALES:-"1 2 5 10"}
REV=${BENCH_DOSPEC_REV:-}
OUT=${BENCH_OUT:-}
OLD_BEFORE=${BENCH_OLD_BEFORE:-2024-06-30}
UPDATE=0 KEEP=0 INSTALL=1 SCALE=1

# Pinned reference tools. The npm ones are pinned, with every dependency, by
# bench/tools/package-lock.json; these two lines must agree with it.
REDOCLY_VERSION=2.77.0
SPECTRAL_VERSION=6.16.3
OASDIFF_MODULE=github.com/oasdiff/oasdiff
OASDIFF_VERSION=v1.37.0
OAPI_CODEGEN_PKG=github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen
OAPI_CODEGEN_VERSION=v2.8.2

CMDLINE="bench/run.sh $*"
for v in BENCH_N BENCH_SCALES DOSPEC_BENCH_SPECS BENCH_DOSPEC_REV BENCH_OUT BENCH_OLD_BEFORE BENCH_TOOLS; do
  [ -z "${!v:-}" ] || CMDLINE="$v=${!v} $CMDLINE"
done
CMDLINE=${CMDLINE% }
usage() { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
  case $1 in
    -n) N=$2; shift ;;
    --specs) SPECS=$2; shift ;;
    --scales) SCALES=$2; shift ;;
    --no-scale) SCALE=0 ;;
    --rev) REV=$2; shift ;;
    --out) OUT=$2; shift ;;
    --update) UPDATE=1 ;;
    --keep) KEEP=1 ;;
    --no-install) INSTALL=0 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "run.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
case $N in ''|*[!0-9]*|0) echo "run.sh: -n wants a positive number, not '$N'" >&2; exit 2 ;; esac

log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { echo "run.sh: $*" >&2; exit 1; }

[ -x /usr/bin/time ] && /usr/bin/time -f %e true 2>/dev/null ||
  die "GNU time is needed at /usr/bin/time (Debian: apt-get install time)"
for c in git go node npm awk; do command -v $c >/dev/null || die "$c is not installed"; done
SPECS=$(cd "$SPECS" 2>/dev/null && pwd) || die "spec folder not found (set --specs or DOSPEC_BENCH_SPECS)"
CUR_SPEC=$SPECS/current/specification
ROOT_NAME=DigitalOcean-public.v2.yaml
[ -f "$CUR_SPEC/$ROOT_NAME" ] || die "$CUR_SPEC/$ROOT_NAME not found"
[ -f "$SPECS/history.bundle" ] || die "$SPECS/history.bundle not found"

START_EPOCH=$(date +%s)
START_TIME=$(date -u '+%Y-%m-%d %H:%M:%S UTC')
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
OUT=${OUT:-$BENCH/results/$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$OUT/logs"
OUT=$(cd "$OUT" && pwd)
TMP=$(mktemp -d "${TMPDIR:-/tmp}/dospec-bench.XXXXXX")
cleanup() {
  if [ "$KEEP" = 1 ]; then log "kept $TMP"; else rm -rf "$TMP"; fi
}
trap cleanup EXIT
RAW=$OUT/raw.tsv
printf 'group\tid\tjob\ttool\trun\twall_s\tuser_s\tsys_s\tmaxrss_kb\texit\n' > "$RAW"

# Keep the Node tools quiet and off the network while measured.
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true
export NO_UPDATE_NOTIFIER=1 SCARF_ANALYTICS=false DO_NOT_TRACK=1

# ---------------------------------------------------------------- tools
go_tool_version() { # binary -> module version recorded in it, or nothing
  [ -x "$1" ] && go version -m "$1" 2>/dev/null | awk '$1 == "mod" { print $3; exit }'
}

install_tools() {
  mkdir -p "$TOOLS/bin"
  if [ -x "$TOOLS/node_modules/.bin/redocly" ] && [ -x "$TOOLS/node_modules/.bin/spectral" ] &&
     cmp -s "$BENCH/tools/package-lock.json" "$TOOLS/package-lock.json"; then
    log "npm tools already installed"
  else
    [ "$INSTALL" = 1 ] || die "npm tools missing in $TOOLS (run without --no-install)"
    log "npm ci @redocly/cli@$REDOCLY_VERSION @stoplight/spectral-cli@$SPECTRAL_VERSION"
    cp "$BENCH/tools/package.json" "$BENCH/tools/package-lock.json" "$TOOLS/"
    (cd "$TOOLS" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error) >&2
  fi
  local bin pkg ver
  for spec in "oasdiff $OASDIFF_MODULE $OASDIFF_VERSION" \
              "oapi-codegen $OAPI_CODEGEN_PKG $OAPI_CODEGEN_VERSION"; do
    read -r bin pkg ver <<<"$spec"
    if [ "$(go_tool_version "$TOOLS/bin/$bin")" = "$ver" ]; then
      log "$bin $ver already installed"
    else
      [ "$INSTALL" = 1 ] || die "$bin $ver missing in $TOOLS/bin (run without --no-install)"
      log "go install $pkg@$ver"
      (cd "$TOOLS" && GOBIN="$TOOLS/bin" GOFLAGS='' go install "$pkg@$ver") >&2
    fi
  done
}
install_tools
REDOCLY=$TOOLS/node_modules/.bin/redocly
SPECTRAL=$TOOLS/node_modules/.bin/spectral
OASDIFF=$TOOLS/bin/oasdiff
OAPI=$TOOLS/bin/oapi-codegen
[ "$("$REDOCLY" --version 2>/dev/null | tail -1)" = "$REDOCLY_VERSION" ] || die "redocly is not $REDOCLY_VERSION"
[ "$("$SPECTRAL" --version 2>/dev/null | tail -1)" = "$SPECTRAL_VERSION" ] || die "spectral is not $SPECTRAL_VERSION"

# ---------------------------------------------------------------- dospec
mkdir -p "$TMP/bin"
if [ -n "$REV" ]; then
  DOSPEC_REV=$(git -C "$REPO" rev-parse --verify "$REV^{commit}")
  DOSPEC_DESC="commit ${DOSPEC_REV:0:12} ($REV), built from git archive"
  mkdir -p "$TMP/src"
  git -C "$REPO" archive "$DOSPEC_REV" | tar -x -C "$TMP/src"
  (cd "$TMP/src" && go build -o "$TMP/bin/dospec" ./cmd/dospec)
else
  DOSPEC_REV=$(git -C "$REPO" rev-parse HEAD 2>/dev/null || echo unknown)
  dirty=$(git -C "$REPO" status --porcelain --untracked-files=no 2>/dev/null | wc -l)
  DOSPEC_DESC="work tree at ${DOSPEC_REV:0:12}"
  [ "$dirty" = 0 ] || DOSPEC_DESC="$DOSPEC_DESC with $dirty modified tracked files"
  (cd "$REPO" && go build -o "$TMP/bin/dospec" ./cmd/dospec)
fi
DOSPEC=$TMP/bin/dospec
(cd "$REPO/bench/scale" && go build -o "$TMP/bin/scale" .)
log "dospec: $DOSPEC_DESC"

# ---------------------------------------------------------------- inputs
log "exporting two history versions"
git clone -q "$SPECS/history.bundle" "$TMP/history"
OLD_REV=$(git -C "$TMP/history" rev-list -1 --before="$OLD_BEFORE" HEAD)
NEW_REV=$(git -C "$TMP/history" rev-parse HEAD)
[ -n "$OLD_REV" ] || die "no history commit before $OLD_BEFORE"
for v in old new; do
  rev=OLD_REV; [ $v = new ] && rev=NEW_REV
  mkdir -p "$TMP/$v"
  git -C "$TMP/history" archive "${!rev}" specification | tar -x -C "$TMP/$v"
done
OLD_DATE=$(git -C "$TMP/history" log -1 --format=%cs "$OLD_REV")
NEW_DATE=$(git -C "$TMP/history" log -1 --format=%cs "$NEW_REV")
CUR=$CUR_SPEC/$ROOT_NAME
OLDROOT=$TMP/old/specification/$ROOT_NAME
NEWROOT=$TMP/new/specification/$ROOT_NAME
count_files() { find "$1" -type f | wc -l; }
size_mb() { find "$1" -type f -printf '%s\n' | awk '{ t += $1 } END { printf "%.1f", t / 1048576 }'; }

# oasdiff and oapi-codegen read one bundled file: redocly bundles them once,
# outside the timings (the pipeline rows time the bundling too).
log "pre-bundling with redocly"
mkdir -p "$TMP/pre"
(cd "$TMP/pre" &&
  "$REDOCLY" bundle "$OLDROOT" -o old.yaml &&
  "$REDOCLY" bundle "$NEWROOT" -o new.yaml &&
  "$REDOCLY" bundle "$CUR" -o cur.yaml) > "$OUT/logs/pre-bundle.log" 2>&1 ||
  die "redocly could not pre-bundle the inputs (see $OUT/logs/pre-bundle.log)"
PRE=$TMP/pre

# ---------------------------------------------------------------- runner
# A command is registered with def; run_group runs a group of them: one
# untimed warm-up each (its output kept in logs/, its exit code checked),
# then N rounds of one timed run of each, in turn.
declare -A JOB TOOL CMD OK CWD PREP NOTE STATUS ERRLINE NOTETXT SHOWCMD SIZE
IDS=()
def() { # id job tool ok-exit-codes command [cwd]
  local id=$1
  JOB[$id]=$2 TOOL[$id]=$3 OK[$id]=$4 CMD[$id]=$5 CWD[$id]=${6:-}
  PREP[$id]="" NOTE[$id]=""
  SHOWCMD[$id]=$5
  IDS+=("$id")
}

run_once() { # id run -> appends to RAW
  local id=$1 run=$2 group=$3 dir rc tf
  dir=${CWD[$id]:-$TMP/run/$id}
  if [ -z "${CWD[$id]}" ]; then rm -rf "$dir"; mkdir -p "$dir"; fi
  if [ -n "${PREP[$id]}" ]; then (cd "$dir" && RUN=$run eval "${PREP[$id]}"); fi
  tf=$TMP/time.$$
  rc=0
  (cd "$dir" && exec /usr/bin/time -f '%e %U %S %M' -o "$tf" bash -c "${CMD[$id]}") \
    > "$TMP/last.out" 2> "$TMP/last.err" || rc=$?
  local wall=- user=- sys=- rss=-
  read -r wall user sys rss < <(grep -E '^[0-9.]+ [0-9.]+ [0-9.]+ [0-9]+$' "$tf" | tail -1) || true
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$group" "$id" "${JOB[$id]}" "${TOOL[$id]}" \
    "$run" "$wall" "$user" "$sys" "$rss" "$rc" >> "$RAW"
  LAST_RC=$rc
}

run_group() { # group id...
  local group=$1; shift
  local id i rc
  for id in "$@"; do
    log "$group: warm-up $id: ${CMD[$id]}"
    run_once "$id" 0 "$group"
    cp "$TMP/last.out" "$OUT/logs/$id.stdout"
    cp "$TMP/last.err" "$OUT/logs/$id.stderr"
    rc=$LAST_RC
    if [[ " ${OK[$id]} " == *" $rc "* ]]; then
      STATUS[$id]=ok ERRLINE[$id]=""
    else
      STATUS[$id]="failed (exit $rc)"
      ERRLINE[$id]=$( (grep -v '^\s*$' "$TMP/last.err" "$TMP/last.out" 2>/dev/null |
        sed 's/^[^:]*://' | grep -iE 'error|fail|panic|undefined|invalid' | head -1 | cut -c1-500) || true)
      [ -n "${ERRLINE[$id]}" ] || ERRLINE[$id]=$( (grep -v '^\s*$' "$TMP/last.err" | tail -1 | cut -c1-500) || true)
      log "$id FAILED (exit $rc): ${ERRLINE[$id]}"
    fi
    NOTETXT[$id]=""
    if [ -n "${NOTE[$id]}" ] && [ "${STATUS[$id]}" = ok ]; then
      NOTETXT[$id]=$(cd "${CWD[$id]:-$TMP/run/$id}" && OUTF=$OUT/logs/$id.stdout ERRF=$OUT/logs/$id.stderr \
        eval "${NOTE[$id]}" 2>/dev/null || true)
    fi
  done
  for ((i = 1; i <= N; i++)); do
    log "$group: round $i/$N"
    for id in "$@"; do run_once "$id" "$i" "$group"; done
  done
}

# Medians of one id's timed runs: wall cpu rss_mb (rss is the median of each
# run's peak).
medians() {
  awk -F'\t' -v id="$1" '
    function med(a, n,   i, j, t) {
      for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j+1] = a[j]; a[j+1] = t }
      return n % 2 ? a[(n+1)/2] : (a[n/2] + a[n/2+1]) / 2
    }
    $2 == id && $5 > 0 { n++; w[n] = $6; c[n] = $7 + $8; r[n] = $9 / 1024 }
    END { if (n) printf "%.2f %.2f %.0f\n", med(w, n), med(c, n), med(r, n); else print "- - -" }' "$RAW"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "-" || b == "-" || b + 0 == 0) print "–"; else { r = a / b; printf (r >= 10 ? "%.0f×" : "%.1f×"), r } }'; }

# table_rows base id...: Markdown rows, ratios against base.
table_rows() {
  local base=$1; shift
  local bw bc br id w c r res
  read -r bw bc br < <(medians "$base")
  for id in "$@"; do
    read -r w c r < <(medians "$id")
    if [ "${STATUS[$id]}" = ok ]; then
      res="ok${NOTETXT[$id]:+: ${NOTETXT[$id]}}"
    else
      res="**${STATUS[$id]}**: \`$(printf '%s' "${ERRLINE[$id]}" | tr '|`' "/'")\`"
    fi
    if [ "$id" = "$base" ]; then
      printf '| %s | **%s** | %s | %s | %s | 1 | 1 | 1 | %s |\n' "${JOB[$id]}" "${TOOL[$id]}" "$w" "$c" "$r" "$res"
    elif [ "${STATUS[$id]}" != ok ] || [ "${STATUS[$base]}" != ok ]; then
      # No ratio against or for a run that did not do the job.
      printf '| %s | %s | %s | %s | %s | – | – | – | %s |\n' "${JOB[$id]}" "${TOOL[$id]}" "$w" "$c" "$r" "$res"
    else
      printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "${JOB[$id]}" "${TOOL[$id]}" "$w" "$c" "$r" \
        "$(ratio "$w" "$bw")" "$(ratio "$c" "$bc")" "$(ratio "$r" "$br")" "$res"
    fi
  done
}

# ---------------------------------------------------------------- pairings
CONF=$BENCH
lines_of_go() { cat "$1"/*.go 2>/dev/null | wc -l | awk '{ printf "%d lines of Go", $1 }'; }
findings() { grep -cE ':[0-9]+:[0-9]+: (error|warning|info|hint): ' "$1" | awk '{ printf "%d findings", $1 }'; }
first_line() { grep -v '^\s*$' "$1" | head -1 | sed 's/ (showing .*//' | cut -c1-120; }

def bundle-redocly bundle "redocly bundle" 0 "'$REDOCLY' bundle '$CUR' -o out.yaml"
def bundle-dospec bundle "dospec bundle" 0 "'$DOSPEC' bundle '$CUR' -q -o out.yaml"
NOTE[bundle-redocly]='echo "$(size_mb out.yaml) MB out"'
NOTE[bundle-dospec]=${NOTE[bundle-redocly]}

def lint-spectral lint "spectral lint (spectral:oas)" "0 1" "'$SPECTRAL' lint -r '$CONF/spectral.yaml' '$CUR' > out.txt"
# The same ruleset file for both: dospec runs spectral:oas as its own
# rules (without --ruleset it would pick up DO's .spectral.yml beside the spec).
def lint-dospec lint "dospec lint -r spectral.yaml" "0 1" "'$DOSPEC' lint '$CUR' --ruleset '$CONF/spectral.yaml' -q > out.txt"
NOTE[lint-spectral]='grep -E "problems? \(" out.txt | tail -1 | sed "s/^[^0-9]*//"'
NOTE[lint-dospec]='findings out.txt'

# DigitalOcean's own configuration (21 rules, five JavaScript functions,
# [spectral:oas, all]): the same ruleset file run by both tools.
def lint-ruleset-spectral lint-ruleset "spectral lint -r .spectral.yml (DO's ruleset)" "0 1" "'$SPECTRAL' lint -r '$SPECS/current/.spectral.yml' '$CUR' > out.txt"
def lint-ruleset-dospec lint-ruleset "dospec lint --ruleset .spectral.yml" "0 1" "'$DOSPEC' lint '$CUR' --ruleset '$SPECS/current/.spectral.yml' -q > out.txt"
NOTE[lint-ruleset-spectral]=${NOTE[lint-spectral]}
NOTE[lint-ruleset-dospec]='findings out.txt'

def diff-oasdiff diff "oasdiff breaking (pre-bundled)" "0 1" "'$OASDIFF' breaking '$PRE/old.yaml' '$PRE/new.yaml' > out.txt"
def diff-pipeline diff "redocly bundle ×2 + oasdiff breaking" "0 1" \
  "'$REDOCLY' bundle '$OLDROOT' -o old.yaml && '$REDOCLY' bundle '$NEWROOT' -o new.yaml && '$OASDIFF' breaking old.yaml new.yaml > out.txt"
def diff-dospec diff "dospec diff" "0 1" "'$DOSPEC' diff '$OLDROOT' '$NEWROOT' > out.txt"
NOTE[diff-oasdiff]='first_line out.txt'
NOTE[diff-pipeline]='first_line out.txt'
NOTE[diff-dospec]='first_line out.txt'

def gen-oapi gen "oapi-codegen (pre-bundled)" 0 "'$OAPI' -config '$CONF/oapi-codegen.yaml' '$PRE/cur.yaml'"
def gen-oapi-wa gen "oapi-codegen, workaround config (pre-bundled)" 0 "'$OAPI' -config '$CONF/oapi-codegen-workaround.yaml' '$PRE/cur.yaml'"
def gen-dospec gen "dospec gen" 0 "'$DOSPEC' gen --spec '$CUR' --package do --out gen -q"
NOTE[gen-oapi]='echo "$(wc -l < do.gen.go) lines of Go, $(grep -c "^func New[A-Za-z0-9]*Request(" do.gen.go) operations"'
NOTE[gen-oapi-wa]=${NOTE[gen-oapi]}
NOTE[gen-dospec]='echo "$(lines_of_go gen)"'

log "load average before the runs: $(cut -d' ' -f1-3 /proc/loadavg)"
run_group bundle bundle-dospec bundle-redocly
run_group lint lint-dospec lint-spectral
run_group lint-ruleset lint-ruleset-dospec lint-ruleset-spectral
run_group diff diff-dospec diff-oasdiff diff-pipeline
run_group gen gen-dospec gen-oapi gen-oapi-wa

# Compile: each generated client as a module of its own, dependencies fetched
# and built in the warm-up; every timed run first appends a comment so that
# the package itself is compiled again (the build cache would skip it).
COMPILE_IDS=()
setup_module() { # dir module-path source-dir-or-file
  rm -rf "$1"; mkdir -p "$1"
  cp -r "$3" "$1/"
  (cd "$1" && go mod init "$2" >/dev/null 2>&1 && GOFLAGS=-mod=mod go mod tidy >/dev/null 2>&1) || true
}
if [ "${STATUS[gen-dospec]}" = ok ]; then
  setup_module "$TMP/compile/dospec" example.com/dospecdo "$TMP/run/gen-dospec/gen/."
  def compile-dospec compile "go build (dospec gen output)" 0 "go build ./..." "$TMP/compile/dospec"
  PREP[compile-dospec]='f=$(ls *.go | head -1); printf "\n// bench run %s\n" "$RUN" >> "$f"'
  COMPILE_IDS+=(compile-dospec)
fi
for id in gen-oapi gen-oapi-wa; do
  if [ -f "$TMP/run/$id/do.gen.go" ]; then
    setup_module "$TMP/compile/$id" example.com/oapido "$TMP/run/$id/do.gen.go"
    def "compile-$id" compile "go build (${TOOL[$id]%% (*} output)" 0 "go build ./..." "$TMP/compile/$id"
    PREP[compile-$id]='printf "\n// bench run %s\n" "$RUN" >> do.gen.go'
    COMPILE_IDS+=("compile-$id")
  fi
done
[ ${#COMPILE_IDS[@]} -eq 0 ] || run_group compile "${COMPILE_IDS[@]}"

# ---------------------------------------------------------------- scaling
SCALE_ROWS=""
if [ "$SCALE" = 1 ]; then
  read -r -a KS <<<"$SCALES"
  K1=${KS[0]} KMAX=${KS[-1]}
  for k in "${KS[@]}"; do
    log "scaling: writing the ${k}× specs"
    rm -rf "$TMP/scale"; mkdir -p "$TMP/scale"
    "$TMP/bin/scale" -spec "$CUR_SPEC" -k "$k" -out "$TMP/scale/cur" > "$OUT/logs/scale-$k.log"
    "$TMP/bin/scale" -spec "$TMP/old/specification" -k "$k" -out "$TMP/scale/old" >> "$OUT/logs/scale-$k.log"
    "$TMP/bin/scale" -spec "$TMP/new/specification" -k "$k" -out "$TMP/scale/new" >> "$OUT/logs/scale-$k.log"
    S=$TMP/scale/cur/$ROOT_NAME SO=$TMP/scale/old/$ROOT_NAME SN=$TMP/scale/new/$ROOT_NAME
    SIZE[$k]="$(count_files "$TMP/scale/cur") files, $(size_mb "$TMP/scale/cur") MB"
    def "s$k-bundle" bundle "dospec bundle" 0 "'$DOSPEC' bundle '$S' -q -o out.yaml"
    def "s$k-lint" lint "dospec lint" "0 1" "'$DOSPEC' lint '$S' -q > out.txt"
    def "s$k-diff" diff "dospec diff (old ${k}× vs new ${k}×)" "0 1" "'$DOSPEC' diff '$SO' '$SN' > out.txt"
    def "s$k-gen" gen "dospec gen" 0 "'$DOSPEC' gen --spec '$S' --package do --out gen -q"
    ids=("s$k-bundle" "s$k-lint" "s$k-diff" "s$k-gen")
    if [ "$k" = "$K1" ] || [ "$k" = "$KMAX" ]; then
      def "s$k-redocly" bundle "redocly bundle" 0 "'$REDOCLY' bundle '$S' -o out.yaml"
      ids+=("s$k-redocly")
    fi
    run_group "scale-$k" "${ids[@]}"
    rm -rf "$TMP/run"
  done
  # One row per job and K: medians and their ratio to the same job at K1.
  for job in bundle lint diff gen redocly; do
    read -r bw bc br < <(medians "s$K1-$job")
    [ "$bw" != - ] || continue
    for k in "${KS[@]}"; do
      id=s$k-$job
      [ -n "${JOB[$id]:-}" ] || continue
      read -r w c r < <(medians "$id")
      res=ok; [ "${STATUS[$id]}" = ok ] || res="**${STATUS[$id]}**: \`${ERRLINE[$id]}\`"
      SCALE_ROWS+="| ${TOOL[$id]%% (*} | ${k}× | $w | $c | $r | $(ratio "$w" "$bw") | $(ratio "$c" "$bc") | $(ratio "$r" "$br") | $res |"$'\n'
    done
  done
fi

# ---------------------------------------------------------------- report
END_TIME=$(date -u '+%Y-%m-%d %H:%M:%S UTC')
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)
ELAPSED=$(( $(date +%s) - START_EPOCH ))
cpu_model=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
mem_gib=$(awk '/^MemTotal/ { printf "%.1f", $2 / 1048576 }' /proc/meminfo)
os_name=$(. /etc/os-release 2>/dev/null && echo "$PRETTY_NAME" || uname -s)
REPORT=$OUT/report.md
{
  echo "### Run of $START_TIME"
  echo
  echo "Command: \`$CMDLINE\` (N=$N timed runs per command after one warm-up; spec folder \`$SPECS\`)."
  echo "Took $((ELAPSED / 60)) min $((ELAPSED % 60)) s, $START_TIME to $END_TIME."
  echo
  echo "| machine | |"
  echo "|---|---|"
  echo "| CPU | $(nproc) cores, $cpu_model |"
  echo "| RAM | $mem_gib GiB |"
  echo "| OS, kernel | $os_name, Linux $(uname -r) |"
  echo "| Go, Node | $(go env GOVERSION), $(node --version) |"
  echo "| load average (1, 5, 15 min) | at start $LOAD_START; at end $LOAD_END |"
  echo
  echo "| tool | version |"
  echo "|---|---|"
  echo "| dospec | $DOSPEC_DESC |"
  echo "| @redocly/cli | $("$REDOCLY" --version 2>/dev/null | tail -1) (npm) |"
  echo "| @stoplight/spectral-cli | $("$SPECTRAL" --version 2>/dev/null | tail -1) (npm) |"
  echo "| oasdiff | $(go_tool_version "$OASDIFF") (go install) |"
  echo "| oapi-codegen | $(go_tool_version "$OAPI") (go install) |"
  echo
  echo "Inputs: the current spec (\`current/specification\`, $(count_files "$CUR_SPEC") files);"
  echo "for diff, history commits ${OLD_REV:0:8} ($OLD_DATE, $(count_files "$TMP/old/specification") files)"
  echo "and ${NEW_REV:0:8} ($NEW_DATE, $(count_files "$TMP/new/specification") files)."
  echo
  echo "Medians of $N runs. CPU is user + sys; RSS is the peak resident set of the"
  echo "process tree (the largest process in it). × columns: the tool's median divided by dospec's;"
  echo "none for a run that failed (its times are the time until it failed)."
  echo
  echo "| job | tool | wall (s) | CPU (s) | peak RSS (MB) | × wall | × CPU | × RSS | result |"
  echo "|---|---|--:|--:|--:|--:|--:|--:|---|"
  table_rows bundle-dospec bundle-dospec bundle-redocly
  table_rows lint-dospec lint-dospec lint-spectral
  table_rows lint-ruleset-dospec lint-ruleset-dospec lint-ruleset-spectral
  table_rows diff-dospec diff-dospec diff-oasdiff diff-pipeline
  table_rows gen-dospec gen-dospec gen-oapi gen-oapi-wa
  if [ ${#COMPILE_IDS[@]} -gt 0 ]; then
    if [ -n "${JOB[compile-dospec]:-}" ]; then
      table_rows compile-dospec "${COMPILE_IDS[@]}"
    else
      table_rows "${COMPILE_IDS[0]}" "${COMPILE_IDS[@]}"
    fi
  fi
  echo
  echo "Commands (run in an empty folder; \$TMP is the run's temp dir):"
  echo
  echo "The compile rows run \`go build ./...\` in a module holding the generated package, its"
  echo "dependencies fetched and built in the warm-up; each timed run first appends a comment"
  echo "to a generated file, so the package itself is compiled (and type-checked) every time."
  echo
  for id in "${IDS[@]}"; do
    case $id in s[0-9]*|compile-*) continue ;; esac
    printf -- '- `%s`: `%s`\n' "$id" "$(printf '%s' "${SHOWCMD[$id]}" | sed "s|$TMP|\$TMP|g; s|$REPO/||g; s|$REPO|.|g; s|$SPECS|\$SPECS|g")"
  done
  if [ "$SCALE" = 1 ]; then
    echo
    echo "#### Scaling"
    echo
    echo "The spec replicated K times by \`bench/scale\` (K=1 is the real spec);"
    echo "diff compares the old and new history versions, each replicated K times."
    echo "Ratios are against the same job at ${K1}×; linear growth would make them ≈ K / $K1."
    echo
    echo "| K | input |"
    echo "|--:|---|"
    for k in "${KS[@]}"; do echo "| ${k}× | ${SIZE[$k]} |"; done
    echo
    echo "| tool | K | wall (s) | CPU (s) | peak RSS (MB) | wall / ${K1}× | CPU / ${K1}× | RSS / ${K1}× | result |"
    echo "|---|--:|--:|--:|--:|--:|--:|--:|---|"
    printf '%s' "$SCALE_ROWS"
  fi
} > "$REPORT"
cat "$REPORT"

if [ "$UPDATE" = 1 ]; then
  B=$REPO/BENCHMARKS.md
  grep -q '^<!-- bench:begin -->$' "$B" && grep -q '^<!-- bench:end -->$' "$B" ||
    die "BENCHMARKS.md lacks the <!-- bench:begin --> / <!-- bench:end --> lines"
  awk -v rep="$REPORT" '
    /^<!-- bench:begin -->$/ { print; while ((getline l < rep) > 0) print l; skip = 1; next }
    /^<!-- bench:end -->$/ { skip = 0 }
    !skip' "$B" > "$B.tmp" && mv "$B.tmp" "$B"
  log "updated $B"
fi
log "done in ${ELAPSED}s; results in $OUT"
