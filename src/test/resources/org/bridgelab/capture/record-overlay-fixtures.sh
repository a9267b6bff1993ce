#!/bin/bash
# Records one echo request and its reply crossing the overlay lesson's VXLAN tunnel, captured on every wire
# it crosses, inside a private network + mount namespace (nothing outside it is touched). Run as root from
# this directory:
#   unshare --net --mount --fork bash record-overlay-fixtures.sh
# It builds lessons/overlay.json's lab (hosta and hostb on underlay0, a container on each host's br0,
# vxlan0 VNI 42 on UDP 4789) and writes overlay-ca-va.pcap (plain frames, ca's side), overlay-hosta-eth0.pcap
# and overlay-hostb-eth0.pcap (the same frames inside VXLAN on the underlay) and overlay-cb-vb.pcap (plain
# again, cb's side). The ARP before the ping is captured as well; IPv6 chatter is left out.
set -euo pipefail
out=$(pwd)
mount -t tmpfs bridgelab-fixtures /run
ip link set lo up
for ns in hosta hostb ca cb; do
  ip netns add $ns
  ip netns exec $ns sysctl -q -w net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
done
# the underlay
ip link add underlay0 type bridge; ip link set underlay0 up
ip link add ua type veth peer name eth0 netns hosta; ip link add ub type veth peer name eth0 netns hostb
ip link set ua master underlay0 up; ip link set ub master underlay0 up
ip -n hosta addr add 203.0.113.11/24 dev eth0; ip -n hosta link set eth0 up
ip -n hostb addr add 203.0.113.12/24 dev eth0; ip -n hostb link set eth0 up
# a container on each host's br0
ip link add va address 02:00:00:00:00:a2 type veth peer name va-br
ip link add vb address 02:00:00:00:00:b3 type veth peer name vb-br
ip link set va netns ca; ip link set vb netns cb
ip link set va-br netns hosta; ip link set vb-br netns hostb
ip -n hosta link add br0 type bridge; ip -n hostb link add br0 type bridge
ip -n hosta link set va-br master br0 up; ip -n hostb link set vb-br master br0 up
ip -n hosta link set br0 up; ip -n hostb link set br0 up
ip -n ca addr add 10.0.0.2/24 dev va; ip -n ca link set va up
ip -n cb addr add 10.0.0.3/24 dev vb; ip -n cb link set vb up
# the tunnel
ip -n hosta link add vxlan0 type vxlan id 42 dstport 4789 remote 203.0.113.12 dev eth0
ip -n hostb link add vxlan0 type vxlan id 42 dstport 4789 remote 203.0.113.11 dev eth0
ip -n hosta link set vxlan0 master br0 up; ip -n hostb link set vxlan0 master br0 up

capture() { # file namespace iface
  ip netns exec "$2" tcpdump --immediate-mode -U -n -w "$out/$1" -i "$3" not ip6 >/dev/null 2>"$out/.$1.err" &
  echo $!
  until grep -q "listening on" "$out/.$1.err"; do sleep 0.05; done
}
finish() { sleep 0.5; kill -INT "$@"; wait "$@" 2>/dev/null || true; rm -f "$out"/.*.err; }

a=$(capture overlay-ca-va.pcap ca va); b=$(capture overlay-hosta-eth0.pcap hosta eth0)
c=$(capture overlay-hostb-eth0.pcap hostb eth0); d=$(capture overlay-cb-vb.pcap cb vb)
ip netns exec ca ping -c 1 -W 2 10.0.0.3 >/dev/null
finish $a $b $c $d
ls -l "$out"/overlay-*.pcap
