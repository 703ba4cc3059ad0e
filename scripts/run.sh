#!/usr/bin/env bash
# Runs Plenum with every role in one process on embedded defaults and prints the address to open.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/jdk.sh
plenum_find_jdk
plenum_need_maven
mvn -B -q -DskipTests -pl plenum-cli -am package
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow -Dio.netty.leakDetection.level=disabled -jar plenum-cli/target/plenum.jar run "$@"
