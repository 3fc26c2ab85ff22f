#!/bin/sh
# A second network namespace for the browser, so a test can cut or re-address the browser's network for real.
# Runs inside scripts/netns.sh's namespace ("A": the test runner and the sandbox); it adds namespace "B" for the
# browser, joined to A by one veth pair that the test controls:
#
#     A (sandbox, runner)  kvb0 10.78.0.1/24  <── veth ──>  kvb1 10.78.0.2/24  B (browser)
#                                                            default route via 10.78.0.1
#
# Nothing leaves the machine: A itself has no route out (netns.sh refuses to run if it has one), so B's default route
# ends in A. B needs that default route anyway: Firefox gathers no usable ICE candidate in a namespace without one.
# Serve the browser's pages from 10.78.0.1 (a plain-HTTP page there is not a secure context, so Chromium needs
# --unsafely-treat-insecure-origin-as-secure=<origin>).
#
#   sh scripts/browser-netns.sh create             → prints the pid that holds namespace B
#   sh scripts/browser-netns.sh run PID CMD ARGS…  → runs CMD in B (exec, so a pipe to CMD still works)
#   sh scripts/browser-netns.sh cut PID            → link down (A's end): every packet between A and B is lost
#   sh scripts/browser-netns.sh restore PID        → link up again
#   sh scripts/browser-netns.sh readdress PID IP   → B's address becomes IP (in 10.78.0.0/24), like a Wi-Fi → cellular
#                                                    hand-over: the old address is gone, the new one routes
#   sh scripts/browser-netns.sh destroy PID        → removes the veth pair and ends namespace B
#
# The e2e suite drives it through test/e2e/browser-netns.ts. The veth names must not start with "veth": werift skips
# such interfaces.
set -eu

A_LINK=kvb0
B_LINK=kvb1
A_ADDR=10.78.0.1
B_ADDR=10.78.0.2

in_b() {
  pid=$1
  shift
  nsenter -t "$pid" -n "$@"
}

case "${1:-}" in
  create)
    # unshare without --fork execs sleep in its own process: $! is the pid whose namespace is B.
    unshare -n sleep 86400 </dev/null >/dev/null 2>&1 &
    pid=$!
    # Wait until unshare has moved the process into the new namespace.
    tries=0
    while [ "$(readlink "/proc/$pid/ns/net" 2>/dev/null)" = "$(readlink /proc/self/ns/net)" ]; do
      tries=$((tries + 1))
      [ "$tries" -lt 200 ] || { echo "browser-netns.sh: namespace B did not appear" >&2; exit 1; }
      sleep 0.01
    done
    ip link add "$A_LINK" type veth peer name "$B_LINK"
    # No IPv6 link-local addresses: their duplicate-address check ends a second or two after the link comes up, and
    # Chromium answers that netlink address change by failing its requests in flight with ERR_NETWORK_CHANGED.
    # (Set in B: the move to another namespace resets it.)
    ip link set "$A_LINK" addrgenmode none
    ip link set "$B_LINK" netns "$pid"
    in_b "$pid" ip link set "$B_LINK" addrgenmode none
    ip addr add "$A_ADDR/24" dev "$A_LINK"
    ip link set "$A_LINK" up
    in_b "$pid" ip link set lo up
    in_b "$pid" ip addr add "$B_ADDR/24" dev "$B_LINK"
    in_b "$pid" ip link set "$B_LINK" up
    in_b "$pid" ip route add default via "$A_ADDR" dev "$B_LINK"
    echo "$pid"
    ;;
  run)
    pid=$2
    shift 2
    exec nsenter -t "$pid" -n "$@"
    ;;
  cut)
    ip link set "$A_LINK" down
    ;;
  restore)
    ip link set "$A_LINK" up
    ;;
  readdress)
    pid=$2
    next=$3
    in_b "$pid" ip addr flush dev "$B_LINK"
    in_b "$pid" ip addr add "$next/24" dev "$B_LINK"
    in_b "$pid" ip route replace default via "$A_ADDR" dev "$B_LINK"
    ;;
  destroy)
    pid=$2
    ip link del "$A_LINK" 2>/dev/null || true
    kill "$pid" 2>/dev/null || true
    ;;
  *)
    echo "usage: sh scripts/browser-netns.sh create | run PID CMD… | cut PID | restore PID | readdress PID IP | destroy PID" >&2
    exit 2
    ;;
esac
