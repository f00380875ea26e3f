#!/bin/sh
# Full STARTTLS sessions per second on loopback (smtp-tls, TLS 1.3, RSA-2048 and EC P-256 development keys)
# against the signature rate of `openssl speed` for the same key types, in the same run.
# Usage: benchmarks/tls/compare.sh [seconds-per-round] [rounds]      (from the repository root)
set -eu
cd "$(dirname "$0")/../.."
SECONDS_PER_ROUND=${1:-5}
ROUNDS=${2:-3}
JAVA_HOME=$(bash bin/select-jdk.sh) || exit 1   # a JDK >= 21, or a message saying what to install
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
./mvnw -B -q -o -pl smtp-tls -am compile
BC=$HOME/.m2/repository/org/bouncycastle
CP=smtp-core/target/classes:smtp-tls/target/classes:$BC/bcprov-jdk18on/1.87/bcprov-jdk18on-1.87.jar:$BC/bcpkix-jdk18on/1.87/bcpkix-jdk18on-1.87.jar:$BC/bcutil-jdk18on/1.87/bcutil-jdk18on-1.87.jar
OURS=$(java -cp "$CP" benchmarks/tls/StartTlsLoad.java "$SECONDS_PER_ROUND" "$ROUNDS" 2>/dev/null)
echo "$OURS"
SPEED=$(openssl speed -seconds "$SECONDS_PER_ROUND" rsa2048 ecdsap256 2>/dev/null)
RSA_SIGN=$(echo "$SPEED" | awk '/^rsa 2048 bits/ {print $6}')
EC_SIGN=$(echo "$SPEED" | awk '/256 bits ecdsa \(nistp256\)/ {print $7}')
echo "openssl speed: rsa2048 ${RSA_SIGN} sign/s, ecdsap256 ${EC_SIGN} sign/s"
echo "$OURS" | awk -v rsa="$RSA_SIGN" -v ec="$EC_SIGN" '
  /^RSA_2048/ {sub(":", "", $3); printf "RSA-2048 round %s: %.1f sessions/s = %.4f x openssl rsa2048 sign/s\n", $3, $4, $4 / rsa}
  /^EC_P256/  {sub(":", "", $3); printf "EC P-256 round %s: %.1f sessions/s = %.4f x openssl ecdsap256 sign/s\n", $3, $4, $4 / ec}'
