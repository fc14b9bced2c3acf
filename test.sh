#!/usr/bin/env bash
# The whole Trellis test suite from a fresh clone: selects a JDK >= 21, installs nats-server when
# it is missing (Debian package, as root), checks that the committed example components match
# their sources, runs every module's unit and integration tests and the formatting check through
# the Maven wrapper, and then the fault suite (profile `fault`), which prints its table.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
cd "$root"
# shellcheck source=scripts/jdk.sh
. scripts/jdk.sh
trellis_select_jdk
echo "test.sh: using JAVA_HOME=$JAVA_HOME" >&2

if ! command -v nats-server >/dev/null 2>&1 && [ ! -x /usr/sbin/nats-server ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "test.sh: installing nats-server (Debian package) ..." >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -q nats-server >/dev/null 2>&1 \
      || { apt-get update -q >/dev/null && apt-get install -y -q nats-server >/dev/null; }
  else
    echo "test.sh: nats-server is required: sudo apt-get install nats-server" >&2
    exit 1
  fi
fi

# The committed example/test components must match their sources (installs clang, wasi-libc and
# jco on first use).
examples/build.sh --check

./mvnw -B -ntp verify "$@"

# The fault suite after the rest: kill -9 a host, a NATS node and the lease-holding scheduler, and
# partition a host, under HTTP and wRPC load (about 1-2 minutes; the table is also written to
# integration-tests/target/fault-suite.txt).
exec ./mvnw -B -ntp verify -Pfault -pl integration-tests -am "$@"
