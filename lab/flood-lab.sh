#!/usr/bin/env bash
# NetTriage flood-mitigation lab: one network namespace whose netfilter rules behave like ISA
# Server / Forefront TMG per-source flood mitigation, with listeners, on loopback addresses inside
# the namespace only. See docs/lab.md.
#
#   lab/flood-lab.sh up     [NAME]   build namespace NAME (default nt-lab-main), rules, listener
#   lab/flood-lab.sh down   [NAME]   stop its listener, delete it (idempotent)
#   lab/flood-lab.sh status [NAME]   show it: rules with counters, listener, connection counts
#
# NAME must start with 'nt-lab-'. Needs root, ip (iproute2), iptables (connlimit, hashlimit) and
# python3. Nothing outside the namespace is touched, apart from its state folder under
# ${NT_LAB_STATE:-/run/nettriage-lab}.
set -Eeuo pipefail
export PATH="/usr/sbin:/usr/bin:/sbin:/bin:${PATH:-}"

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
state_root="${NT_LAB_STATE:-/run/nettriage-lab}"

# The ports and what each does (docs/lab.md has the table).
readonly PORT_CONCURRENT_DROP=4450   # A: more than 160 connections per source: SYN dropped
readonly PORT_RATE_DROP=4451         # B: more than 600 SYNs a minute per source: SYN dropped
readonly PORT_CONCURRENT_RESET=4452  # C: more than 160 connections per source: reset
readonly PORT_DROP=4453              # D: every SYN dropped (a silent firewall)
readonly PORT_UNREACHABLE=4454       # U: every SYN answered with ICMP host unreachable
readonly PORT_OPEN=4455              # O: no limit
readonly PORT_CLOSED=4459            # nothing listens: the kernel answers with a reset
readonly CONCURRENT_LIMIT=160        # ISA/TMG default concurrent TCP connections per IP
readonly RATE_LIMIT=600/minute       # ISA/TMG default TCP connect requests per minute per IP
readonly RATE_BURST=10               # one second's worth at 600/minute (docs/lab.md explains)
readonly STATION=127.0.0.2           # the address probes bind to (--source)

die() {
  echo "flood-lab: $*" >&2
  exit 1
}

usage() {
  sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 64
}

check_name() {
  [[ "$1" =~ ^nt-lab-[A-Za-z0-9_-]{1,40}$ ]] ||
    die "namespace name '$1' must be 'nt-lab-' followed by 1 to 40 letters, digits, '-' or '_'"
}

require_tools() {
  [[ "$(id -u)" == 0 ]] || die "needs root (network namespaces and iptables)"
  local tool
  for tool in ip iptables python3; do
    command -v "$tool" >/dev/null 2>&1 || die "needs '$tool' (make lab-deps installs it)"
  done
}

exists() {
  ip netns list 2>/dev/null | awk '{print $1}' | grep -qx -- "$1"
}

in_ns() {
  ip netns exec "$ns" "$@"
}

cmd_up() {
  require_tools
  if exists "$ns"; then die "namespace '$ns' exists already (run: $0 down $ns)"; fi
  local state="$state_root/$ns"
  mkdir -p "$state"
  # From here on, any failure takes down what was built.
  trap 'echo "flood-lab: up failed, cleaning up" >&2; cmd_down >/dev/null 2>&1 || true' ERR
  ip netns add "$ns"
  in_ns ip link set lo up
  # 127.0.0.0/8 is local on lo: the station (127.0.0.2) and every target (127.0.1.x, 127.0.2.x…)
  # need no address of their own. Rules match SYNs to the lab's ports only.
  local syn=(-p tcp --syn)
  in_ns iptables -w -A INPUT "${syn[@]}" --dport "$PORT_CONCURRENT_DROP" \
    -m connlimit --connlimit-above "$CONCURRENT_LIMIT" --connlimit-mask 32 \
    -m comment --comment "nt-lab A: concurrent limit, silent drop" -j DROP
  in_ns iptables -w -A INPUT "${syn[@]}" --dport "$PORT_RATE_DROP" \
    -m hashlimit --hashlimit-above "$RATE_LIMIT" --hashlimit-burst "$RATE_BURST" \
    --hashlimit-mode srcip --hashlimit-name nt-lab-rate \
    -m comment --comment "nt-lab B: rate limit, silent drop" -j DROP
  in_ns iptables -w -A INPUT "${syn[@]}" --dport "$PORT_CONCURRENT_RESET" \
    -m connlimit --connlimit-above "$CONCURRENT_LIMIT" --connlimit-mask 32 \
    -m comment --comment "nt-lab C: concurrent limit, reset" -j REJECT --reject-with tcp-reset
  in_ns iptables -w -A INPUT "${syn[@]}" --dport "$PORT_DROP" \
    -m comment --comment "nt-lab D: silent drop" -j DROP
  in_ns iptables -w -A INPUT "${syn[@]}" --dport "$PORT_UNREACHABLE" \
    -m comment --comment "nt-lab U: host unreachable" -j REJECT --reject-with icmp-host-unreachable
  rm -f "$state/ready"
  # A plain command (no function, no subshell) so the background child is the listener itself
  # and holds no descriptor of ours: whoever reads this script's output sees it end.
  ip netns exec "$ns" python3 "$here/listener.py" "$state/ready" \
    "$PORT_CONCURRENT_DROP" "$PORT_RATE_DROP" "$PORT_CONCURRENT_RESET" "$PORT_DROP" \
    "$PORT_UNREACHABLE" "$PORT_OPEN" </dev/null >"$state/listener.log" 2>&1 &
  echo $! >"$state/listener.pid"
  local waited=0
  until [[ -s "$state/ready" ]]; do
    if ((waited >= 100)) || ! kill -0 "$(cat "$state/listener.pid")" 2>/dev/null; then
      cat "$state/listener.log" >&2 || true
      false # the ERR trap cleans up
    fi
    sleep 0.05
    waited=$((waited + 1))
  done
  trap - ERR
  cat <<EOF
namespace $ns is up; run probes inside it with --source $STATION:
  ip netns exec $ns nettriage probe fanout --source $STATION --targets FILE ...
ports (any 127.x.y.z address):
  $PORT_CONCURRENT_DROP  A  > $CONCURRENT_LIMIT connections per source: SYN dropped (ISA concurrent limit)
  $PORT_RATE_DROP  B  > $RATE_LIMIT per source (burst $RATE_BURST): SYN dropped (ISA rate limit)
  $PORT_CONCURRENT_RESET  C  > $CONCURRENT_LIMIT connections per source: reset
  $PORT_DROP  D  every SYN dropped
  $PORT_UNREACHABLE  U  ICMP host unreachable
  $PORT_OPEN  O  no limit
  $PORT_CLOSED     nothing listens (reset)
EOF
}

cmd_down() {
  local state="$state_root/$ns"
  if exists "$ns"; then
    # Every process in the namespace was started by this lab (the listener, probes run with
    # 'ip netns exec'); stop them by id, then delete the namespace.
    local pid
    for pid in $(ip netns pids "$ns" 2>/dev/null); do kill "$pid" 2>/dev/null || true; done
    for _ in 1 2 3 4 5 6 7 8 9 10; do
      [[ -z "$(ip netns pids "$ns" 2>/dev/null)" ]] && break
      sleep 0.1
    done
    for pid in $(ip netns pids "$ns" 2>/dev/null); do kill -9 "$pid" 2>/dev/null || true; done
    ip netns del "$ns"
  fi
  rm -rf "$state"
  echo "namespace $ns is down"
}

cmd_status() {
  exists "$ns" || {
    echo "namespace $ns: not up"
    return 3
  }
  local state="$state_root/$ns" pid=""
  [[ -f "$state/listener.pid" ]] && pid="$(cat "$state/listener.pid")"
  echo "namespace $ns: up"
  if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
    echo "listener: running (pid $pid)"
  else
    echo "listener: not running"
  fi
  echo "rules:"
  in_ns iptables -w -L INPUT -n -v --line-numbers
  echo "conntrack entries: $(in_ns cat /proc/sys/net/netfilter/nf_conntrack_count 2>/dev/null || echo unknown)"
  echo "sockets:"
  in_ns ss -s
}

command="${1:-}"
ns="${2:-nt-lab-main}"
[[ $# -le 2 ]] || usage
check_name "$ns"
case "$command" in
up) cmd_up ;;
down) cmd_down ;;
status) cmd_status ;;
*) usage ;;
esac
