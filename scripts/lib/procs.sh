# Shared shell helpers for the localnet scripts (source this file; bash). Process handling is by pid only, never by
# name: a pid is signalled only while its command line still contains an expected string, so a recycled pid of some
# unrelated process is never touched.

# pid_alive PID: true while PID exists and is not a zombie.
pid_alive() {
  local pid=$1 state
  kill -0 "$pid" 2>/dev/null || return 1
  if [ -r "/proc/$pid/stat" ]; then
    state=$(sed 's/^.*) //' "/proc/$pid/stat" 2>/dev/null | cut -c1)
    [ "$state" != "Z" ] || return 1
  fi
  return 0
}

# pid_cmdline PID: the process's command line on one line ("" if gone).
pid_cmdline() {
  local pid=$1
  if [ -r "/proc/$pid/cmdline" ]; then
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null || true
  else
    ps -p "$pid" -o args= 2>/dev/null || true
  fi
}

# pid_matches PID NEEDLE: true if PID is alive and its command line contains NEEDLE.
pid_matches() {
  local pid=$1 needle=$2
  pid_alive "$pid" || return 1
  case "$(pid_cmdline "$pid")" in *"$needle"*) return 0 ;; *) return 1 ;; esac
}

# stop_pids GRACE_SECONDS PID...: SIGTERM every pid, wait up to GRACE_SECONDS for all to exit, SIGKILL the rest, wait
# up to 5 s more. Prints the pids that needed SIGKILL; returns 1 if any pid is still alive at the end.
stop_pids() {
  local grace=$1 pid alive deadline
  shift
  [ $# -gt 0 ] || return 0
  for pid in "$@"; do kill -TERM "$pid" 2>/dev/null || true; done
  deadline=$((SECONDS + grace))
  while :; do
    alive=()
    for pid in "$@"; do pid_alive "$pid" && alive+=("$pid"); done
    [ ${#alive[@]} -eq 0 ] && return 0
    [ $SECONDS -ge $deadline ] && break
    sleep 0.2
  done
  echo "    still running after ${grace}s, sending SIGKILL: ${alive[*]}"
  for pid in "${alive[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
  for _ in $(seq 1 25); do
    local left=()
    for pid in "${alive[@]}"; do pid_alive "$pid" && left+=("$pid"); done
    [ ${#left[@]} -eq 0 ] && return 0
    sleep 0.2
  done
  echo "    could not stop: ${left[*]}" >&2
  return 1
}

# port_in_use PORT: true if something listens on 127.0.0.1:PORT (or on all interfaces).
port_in_use() {
  local port=$1
  if command -v ss >/dev/null 2>&1; then
    ss -Hltn "( sport = :$port )" 2>/dev/null | grep -q .
  else
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null
  fi
}
