#!/bin/sh
# Runs a command inside a private network namespace (docs/testing.md):
#   sh scripts/netns.sh npx playwright test
#   KATAVEN_NETNS_DEFAULT_ROUTE=1 sh scripts/netns.sh …   (Firefox: a default route that ends inside the namespace)
# Inside: loopback up plus a veth pair kv0/kv1 (10.77.0.1/24, 10.77.0.2/24) that exists only in the namespace, so
# Chromium has a non-loopback address for its ICE host candidate and nothing can leave the machine.
# The veth names must not start with "veth": werift skips such interfaces.
# Anything that needs the network (npm install, apt-get) must run BEFORE this: the namespace has none.
# Tests that cut or re-address the browser's network add a second namespace inside this one: scripts/browser-netns.sh.
set -eu

if [ "$#" -eq 0 ]; then
  echo "usage: sh scripts/netns.sh <command> [args...]" >&2
  exit 2
fi

if [ "${KATAVEN_NETNS:-}" = "inside" ]; then
  # Second stage: we are the namespace's first process. Set up the links, then become the command.
  for tool in ip; do
    command -v "$tool" >/dev/null 2>&1 || { echo "netns.sh: '$tool' (iproute2) is missing inside the namespace" >&2; exit 1; }
  done
  ip link set lo up
  ip link add kv0 type veth peer name kv1
  ip addr add 10.77.0.1/24 dev kv0
  ip addr add 10.77.0.2/24 dev kv1
  ip link set kv0 up
  ip link set kv1 up
  if [ "${KATAVEN_NETNS_DEFAULT_ROUTE:-}" = "1" ]; then
    # Firefox gathers no ICE candidate at all without a default route (twilio-local-emulation notes §12). This one
    # points at kv1, the pair's other end, in this same namespace: a packet for any other address comes back here
    # and is dropped (no forwarding, and nothing to forward to: only lo, kv0 and kv1 exist, checked first).
    if [ "$(ip -o link show | awk -F': ' '{ sub(/@.*/, "", $2); print $2 }' | sort | tr '\n' ' ')" != "kv0 kv1 lo " ]; then
      echo "netns.sh: the namespace has an interface besides lo, kv0 and kv1; refusing to run" >&2
      exit 1
    fi
    ip route add default via 10.77.0.2 dev kv0
  elif ip route show | grep -q '^default'; then
    # Nothing may route out of here: only lo and the 10.77.0.0/24 pair exist.
    echo "netns.sh: a default route exists inside the namespace; refusing to run" >&2
    exit 1
  fi
  unset KATAVEN_NETNS
  exec "$@"
fi

missing=""
command -v unshare >/dev/null 2>&1 || missing="$missing unshare (util-linux)"
command -v ip >/dev/null 2>&1 || missing="$missing ip (iproute2)"
if [ -n "$missing" ]; then
  echo "netns.sh: cannot create the private network namespace, missing:$missing" >&2
  echo "netns.sh: install them (apt-get install -y util-linux iproute2); the e2e suite never runs outside the namespace" >&2
  exit 1
fi

if [ "$(id -u)" -eq 0 ]; then
  flags="-n"
else
  # Rootless: a user namespace mapping us to root owns the new network namespace.
  flags="-rn"
fi

KATAVEN_NETNS=inside exec unshare $flags sh "$0" "$@"
