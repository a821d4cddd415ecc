#!/usr/bin/env bash
# Measures Hyperscan (JavaCPP binding org.bytedeco:hyperscan, fetched from Maven Central into
# ~/.m2) against smbwatch's PatternScanner on the fast patterns of a rule file: the measurement
# behind the choice of prefilter (docs/RULES.md). Not part of the build or the tests.
# Usage: scripts/hyperscan-compare.sh [RULES]   (default ../shared/rules/et-smb.rules)
set -euo pipefail
cd "$(dirname "$0")/.."
rules=${1:-../shared/rules/et-smb.rules}
v=5.4.2-1.5.10 jv=1.5.10
for a in org.bytedeco:hyperscan:$v org.bytedeco:hyperscan:$v:jar:linux-x86_64 org.bytedeco:javacpp:$jv org.bytedeco:javacpp:$jv:jar:linux-x86_64; do
  mvn -q -B dependency:get -Dartifact=$a >/dev/null
done
[ -d target/classes ] || mvn -q -B compile
m2=~/.m2/repository/org/bytedeco
cp="target/classes:$m2/hyperscan/$v/hyperscan-$v.jar:$m2/hyperscan/$v/hyperscan-$v-linux-x86_64.jar:$m2/javacpp/$jv/javacpp-$jv.jar:$m2/javacpp/$jv/javacpp-$jv-linux-x86_64.jar"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
javac -d "$out" -cp "$cp" scripts/bench/HyperscanCompare.java
java -XX:+UseSerialGC -cp "$out:$cp" io.smbwatch.detect.engine.HyperscanCompare "$rules"
