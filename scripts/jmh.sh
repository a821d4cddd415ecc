#!/usr/bin/env bash
# JMH microbenchmarks (src/test/java/**/*Bench.java): builds the test classes, then runs
# org.openjdk.jmh.Main on the test classpath from the repository root (the benchmarks read
# samples/ from there, and et-smb.rules from $SMBWATCH_SHARED, ../shared or /work/shared).
# Usage: scripts/jmh.sh [REGEX] [JMH ARGS...]   REGEX defaults to all benchmarks ('.*');
#   short defaults -f 1 -wi 2 -i 3 -w 1s -r 1s, each used unless that option is among the args.
#   scripts/jmh.sh Prefilter
#   scripts/jmh.sh 'Reassembly|Pcap' -i 10 -rf json -rff jmh.json
#   scripts/jmh.sh -l        # list benchmarks (any first argument starting with - is a JMH arg)
# Env: MVN_OFFLINE=1 adds -o to Maven (no network once the dependencies are in ~/.m2).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
regex='.*'
if [ $# -gt 0 ] && [[ $1 != -* ]]; then regex=$1; shift; fi
mvn_args=(-q -B -Dstyle.color=never)
[ "${MVN_OFFLINE:-0}" = 1 ] && mvn_args+=(-o)

mvn "${mvn_args[@]}" test-compile
cp_file=target/jmh-classpath.txt
# rebuilt only when the pom changes
if [ ! -s "$cp_file" ] || [ pom.xml -nt "$cp_file" ]; then
  mvn "${mvn_args[@]}" dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >/dev/null
fi
# JMH rejects an option given twice, so a default goes in only when the caller did not set it
defaults=()
for d in "-f 1" "-wi 2" "-i 3" "-w 1s" "-r 1s"; do
  opt=${d%% *} given=0
  for a in "$@"; do [ "$a" = "$opt" ] && given=1; done
  [ $given = 1 ] || defaults+=($d)
done
exec java -cp "target/test-classes:target/classes:$(cat "$cp_file")" org.openjdk.jmh.Main \
  "${defaults[@]}" "$regex" "$@"
