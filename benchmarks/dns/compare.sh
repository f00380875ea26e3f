#!/bin/sh
# Lookups per second of our StubResolver (cache off) and of dnspython, both against BIND's named serving
# ../shared/conformance/dns/example.com.zone on 127.0.0.1 and a high port, in the same run.
# Needs: benchmarks/target/benchmarks.jar (./mvnw -B -q -Pbenchmarks -pl benchmarks -am package -DskipTests),
# Debian bind9 and python3-dnspython.  Usage: benchmarks/dns/compare.sh [LOOKUPS] [PORT]
set -eu
LOOKUPS=${1:-20000}
PORT=${2:-35353}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
ZONE=${SMTPLAB_SHARED:-$ROOT/../shared}/conformance/dns/example.com.zone
JAR=${BENCHMARKS_JAR:-$ROOT/benchmarks/target/benchmarks.jar}
DIR=$(mktemp -d)
cp "$ZONE" "$DIR/example.com.zone"
cat > "$DIR/named.conf" <<CONF
options { directory "$DIR"; pid-file "$DIR/named.pid"; listen-on port $PORT { 127.0.0.1; };
  listen-on-v6 { none; }; recursion no; dnssec-validation no; allow-query { 127.0.0.1; }; };
controls { };
zone "example.com" { type primary; file "example.com.zone"; };
CONF
/usr/sbin/named -c "$DIR/named.conf" -f -u root > "$DIR/named.log" 2>&1 &
NAMED=$!
trap 'kill $NAMED 2>/dev/null; wait $NAMED 2>/dev/null; rm -rf "$DIR"' EXIT INT TERM
for i in $(seq 1 50); do
  dig @127.0.0.1 -p "$PORT" +short +tries=1 +time=1 SOA example.com > /dev/null 2>&1 && break
  sleep 0.2
done
JAVA_HOME=$(bash "$(dirname "$0")/../../bin/select-jdk.sh") || exit 1   # a JDK >= 21, or a message saying what to install
JAVA=$JAVA_HOME/bin/java
# Alternate the two clients for ROUNDS rounds: on a shared machine the load changes over time, and each
# round's ratio compares two measurements taken one right after the other.
ROUNDS=${ROUNDS:-3}
for round in $(seq 1 "$ROUNDS"); do
  J=$("$JAVA" -cp "$JAR" io.github.smtplab.benchmarks.dns.ResolverLoad "127.0.0.1:$PORT" "$LOOKUPS")
  P=$(/usr/bin/python3 "$HERE/dnspython_load.py" 127.0.0.1 "$PORT" "$LOOKUPS")
  echo "round $round: $J"
  echo "round $round: $P"
  echo "$J" "$P" | awk -v r="$round" '{ printf "round %s: ratio java-stub / dnspython = %.2f\n", r, $3 / $10 }'
done
