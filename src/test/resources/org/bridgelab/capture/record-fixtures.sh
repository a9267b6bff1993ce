#!/bin/bash
# Records the capture fixtures from a real kernel, inside a private network + mount namespace
# (nothing outside it is touched). Run as root from this directory:
#   unshare --net --mount --fork bash record-fixtures.sh
# It builds the lab of DESIGN.md (docker0/docker1 on br0, MASQUERADE, DNAT, router/internet/remote)
# and writes: s1-br0.pcap, s3-br0.pcap + s3-eth0.pcap, s4-eth0.pcap + s4-br0.pcap, s3-trace.txt,
# s3-conntrack.txt + s4-conntrack.txt (the host's conntrack -L right after each) and
# CaptureFileReaderTest-tcpdump-nanos.pcap (s3-eth0 rewritten by tcpdump -w in nanoseconds).
# The files here are of a run before the script read conntrack; with-conntrack/ keeps the s3 and s4 files
# of a later run, whose ICMP ids and TCP ports match its conntrack tables (a table only fits its own run).
set -euo pipefail
out=$(pwd)
mount -t tmpfs bridgelab-fixtures /run
ip link set lo up
for ns in docker0 docker1 router internet remote; do ip netns add $ns; ip -n $ns link set lo up; done
# containers on br0
ip link add veth0 type veth peer name veth1; ip link add veth2 type veth peer name veth3
ip link set veth0 netns docker0; ip link set veth2 netns docker1
ip link add br0 type bridge
ip link set veth1 master br0 up; ip link set veth3 master br0 up
ip -n docker0 addr add 172.18.0.2/24 dev veth0; ip -n docker0 link set veth0 up
ip -n docker1 addr add 172.18.0.3/24 dev veth2; ip -n docker1 link set veth2 up
ip addr add 172.18.0.1/24 dev br0; ip link set br0 up
# outside world
ip -n router link add lan0 type bridge
ip link add eth0 type veth peer name lan-host netns router
ip -n remote link add eth0 type veth peer name lan-remote netns router
ip -n router link set lan-host master lan0 up; ip -n router link set lan-remote master lan0 up
ip -n router addr add 192.0.2.1/24 dev lan0; ip -n router link set lan0 up
ip -n router link add wan0 type veth peer name eth0 netns internet
ip -n router addr add 198.51.100.1/24 dev wan0; ip -n router link set wan0 up
ip netns exec router sysctl -q -w net.ipv4.ip_forward=1
ip -n internet addr add 198.51.100.10/24 dev eth0; ip -n internet link set eth0 up
ip -n internet route add default via 198.51.100.1
ip -n remote addr add 192.0.2.50/24 dev eth0; ip -n remote link set eth0 up
ip -n remote route add default via 192.0.2.1
ip addr add 192.0.2.183/24 dev eth0; ip link set eth0 up; ip route add default via 192.0.2.1

capture() { # file iface
  tcpdump --immediate-mode -U -n -w "$out/$1" -i "$2" >/dev/null 2>"$out/.$1.err" & echo $!
  until grep -q "listening on" "$out/.$1.err"; do sleep 0.05; done
}
finish() { sleep 0.5; kill -INT "$@"; wait "$@" 2>/dev/null || true; rm -f "$out"/.*.err; }

# scenario 1: first ping docker0 -> docker1 (ARP, then ICMP)
p=$(capture s1-br0.pcap br0)
ip netns exec docker0 ping -c 2 172.18.0.3 >/dev/null
finish $p

# scenario 3: MASQUERADE, seen on br0 and on the uplink, with a netfilter trace
sysctl -q -w net.ipv4.ip_forward=1
iptables -P FORWARD ACCEPT
ip -n docker0 route add default via 172.18.0.1
ip -n docker1 route add default via 172.18.0.1
iptables -t nat -A POSTROUTING -s 172.18.0.0/24 ! -o br0 -j MASQUERADE
iptables -t raw -A PREROUTING -p icmp -j TRACE
iptables -t raw -A OUTPUT -p icmp -j TRACE
xtables-monitor --trace > "$out/s3-trace.txt" 2>/dev/null & mon=$!
sleep 0.5
a=$(capture s3-br0.pcap br0); b=$(capture s3-eth0.pcap eth0)
ip netns exec docker0 ping -c 1 198.51.100.10 >/dev/null
finish $a $b
conntrack -L -p icmp > "$out/s3-conntrack.txt" 2>/dev/null
kill -TERM $mon; wait $mon 2>/dev/null || true
iptables -t raw -D PREROUTING -p icmp -j TRACE
iptables -t raw -D OUTPUT -p icmp -j TRACE

# scenario 4: DNAT of a TCP connection from the remote machine to the host's port 80
iptables -t nat -A PREROUTING ! -i br0 -p tcp -m tcp --dport 80 -j DNAT --to-destination 172.18.0.2:80
ip netns exec docker0 bash -c 'echo hello from docker0 | timeout 5 nc -l -p 80 >/dev/null' & srv=$!
until ip netns exec docker0 ss -Hltn | grep -q ':80 '; do sleep 0.05; done
a=$(capture s4-eth0.pcap eth0); b=$(capture s4-br0.pcap br0)
echo "hello from the remote machine" | ip netns exec remote timeout 3 nc -q 1 192.0.2.183 80 >/dev/null || true
wait $srv || true
finish $a $b
conntrack -L > "$out/s4-conntrack.txt" 2>/dev/null

# a file as tcpdump -w writes it with nanosecond stamps (tcpdump 4.99 writes classic pcap, not pcapng)
tcpdump --time-stamp-precision=nano -r "$out/s3-eth0.pcap" -w "$out/CaptureFileReaderTest-tcpdump-nanos.pcap" 2>/dev/null
# the overlay lesson's underlay (bridgelab run overlay --capture ov.pcapng): VXLAN packets carrying ARP and ICMP
# tcpdump -r ov.pcapng -w "$out/overlay-underlay0.pcap" -c 8 \
#     "udp port 4789 and (udp[8+8+12:2] = 0x0800 or udp[8+8+12:2] = 0x0806)"
ls -l "$out"/*.pcap "$out"/*.txt
