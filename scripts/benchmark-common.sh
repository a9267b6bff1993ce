# What scripts/cpu-benchmark and scripts/traffic-benchmark share: sourced by them, in the checkout's root.

# the user + system seconds of a command and the children it waited for (/usr/bin/time, Debian's "time")
cpu_of() {
  local out
  out="$(mktemp)"
  /usr/bin/time -f '%U %S' -o "$out" "$@" > /dev/null 2>&1 || { echo "failed: $*" >&2; rm -f "$out"; return 1; }
  awk '{printf "%.2f", $1 + $2}' "$out"
  rm -f "$out"
}

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# Builds the jar and writes the command line's class-data archive, then starts the window once: a first window
# start after a build writes the window's archive, and is not a start to measure. $1: where its picture goes.
build_and_warm_up() {
  ./bridgelab list > /dev/null
  xvfb-run -a -s "-screen 0 1366x768x24" ./bridgelab gui --screenshot "$1" > /dev/null 2>&1
}
