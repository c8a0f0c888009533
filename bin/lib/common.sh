# Shared by bin/proconsul, bin/test and .ci/run: find a JDK >= 21 and build the shaded jar when stale.
# shellcheck shell=bash

PROCONSUL_HOME="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

# Prints the major version of the java binary given, or nothing. Reads the JDK's `release` file when there is one,
# which is instant; starting a JVM just to ask costs seconds on a busy machine.
java_major() {
  local home v
  home="$(cd "$(dirname "$(readlink -f "$1")")/.." 2>/dev/null && pwd)"
  if [ -n "$home" ] && [ -f "$home/release" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$home/release" | head -n1)
  fi
  if [ -z "${v:-}" ]; then
    v=$("$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | head -n1)
  fi
  v="${v#1.}"
  [ -n "$v" ] && printf '%s\n' "${v%%[.+-]*}"
  return 0
}

# Sets JAVA_BIN (and exports JAVA_HOME) to a JDK >= 21: JAVA_HOME, then java on PATH, then the newest /usr/lib/jvm/*.
find_java() {
  local candidate major best="" best_major=0
  for candidate in "${JAVA_HOME:+$JAVA_HOME/bin/java}" "$(command -v java 2>/dev/null)"; do
    [ -n "$candidate" ] && [ -x "$candidate" ] || continue
    major=$(java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then best="$candidate"; best_major=$major; break; fi
  done
  if [ -z "$best" ]; then
    for candidate in /usr/lib/jvm/*/bin/java; do
      [ -x "$candidate" ] || continue
      major=$(java_major "$candidate")
      if [ -n "$major" ] && [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then best="$candidate"; best_major=$major; fi
    done
  fi
  if [ -z "$best" ]; then
    echo "proconsul: no JDK 21 or newer found (looked at JAVA_HOME, PATH and /usr/lib/jvm); install one or set JAVA_HOME" >&2
    return 1
  fi
  JAVA_BIN="$best"
  JAVA_MAJOR="$best_major"
  # A JDK's bin/java resolves to <home>/bin/java; Maven needs the home.
  JAVA_HOME="$(cd "$(dirname "$(readlink -f "$best")")/.." && pwd)"
  export JAVA_HOME
}

# JVM flags every run needs: Ratis' bundled Netty uses sun.misc.Unsafe, which JDK 23+ warns about or denies.
jvm_flags() {
  JVM_FLAGS=(--enable-native-access=ALL-UNNAMED)
  if [ "$JAVA_MAJOR" -ge 23 ]; then JVM_FLAGS+=(--sun-misc-unsafe-memory-access=allow); fi
}

# Flags for a long-lived agent JVM (after jvm_flags). Full JIT. A small initial heap keeps idle memory low (the JVM
# would commit 1/64 of RAM), but the young generation it implies (~10 MiB at -Xms32m) means a young collection every
# few tens of ms under write load, each a pause for every in-flight request: it gets a fixed 16 MiB (measured: idle
# RSS 131 -> 142 MiB; 32 MiB cost 162 MiB, over the 160 MiB goal).
# Start-up cache, PROCONSUL_CDS=0 turns it off:
# - JDK >= 25: an ahead-of-time cache (classes loaded and linked, method profiles) made once per jar by a training
#   run (see ensure_aot_cache). Measured on the 2-core machine: start to leader 1.6-1.7 s -> 1.1-1.3 s; idle RSS
#   ~130 MiB with the trimming below.
# - JDK 19-24: AppCDS, classes archived under the build dir when an agent exits and mapped by later agents.
agent_jvm_flags() {
  JVM_FLAGS+=(-XX:+UseSerialGC -Xms40m -Xmn16m -XX:MaxRAMPercentage=25)
  # The JIT's scratch memory (C2 arenas, ~35 MiB at start-up peak) is freed to the C heap but glibc keeps it:
  # trimming every second gives it back to the system (measured: idle RSS 165-169 -> 133 MiB with the AOT cache).
  if [ "$JAVA_MAJOR" -ge 22 ]; then JVM_FLAGS+=(-XX:TrimNativeHeapInterval=1000); fi
  if [ "${PROCONSUL_CDS:-1}" = 0 ] || [ ! -w "$PROCONSUL_HOME/target" ]; then
    return 0
  fi
  local jar
  jar=$(proconsul_jar)
  [ -n "$jar" ] || return 0
  if [ "$JAVA_MAJOR" -ge 25 ]; then
    local aot
    aot="$PROCONSUL_HOME/target/proconsul-agent-$(java_build_id).aot"
    ensure_aot_cache "$aot" "$jar"
    if [ -f "$aot" ]; then
      JVM_FLAGS+=(-XX:AOTCache="$aot" -Xlog:aot=off -Xlog:cds=off)
    fi
  elif [ "$JAVA_MAJOR" -ge 19 ]; then
    local jsa="$PROCONSUL_HOME/target/proconsul-agent-jdk$JAVA_MAJOR.jsa"
    # The JVM refuses an archive of an older jar but does not always rewrite it at exit (every later start then
    # ran without it, +40 MiB RSS): drop it, so the next agent's exit writes a fresh one.
    if [ -f "$jsa" ] && [ "$jsa" -ot "$jar" ]; then
      rm -f "$jsa"
    fi
    JVM_FLAGS+=(-XX:SharedArchiveFile="$jsa" -XX:+AutoCreateSharedArchive -Xlog:cds=off -Xlog:cds+dynamic=off)
  fi
}

# The JDK's exact version (an AOT cache only fits the JVM build that made it), for file names.
java_build_id() {
  local v
  v=$(sed -n 's/^JAVA_RUNTIME_VERSION="\([^"]*\)".*/\1/p' "$JAVA_HOME/release" 2>/dev/null | head -n1)
  [ -n "$v" ] || v="jdk$JAVA_MAJOR"
  printf '%s\n' "${v//[^A-Za-z0-9._-]/_}"
}

# Makes the AOT cache for this jar and JDK when it is missing or older than the jar: a dev agent on free ports
# starts, serves a short typical load and stops (StartupTraining), then the JVM writes the cache (~20-30 s on two
# cores, once per build).
# Under a lock, so concurrent launchers wait for one training; a failed training is not retried for this jar.
ensure_aot_cache() {
  local aot="$1" jar="$2" failed="$1.failed"
  if [ -f "$aot" ] && [ ! "$aot" -ot "$jar" ]; then return 0; fi
  if [ -f "$failed" ] && [ ! "$failed" -ot "$jar" ]; then return 0; fi
  (
    flock 9
    if [ -f "$aot" ] && [ ! "$aot" -ot "$jar" ]; then exit 0; fi
    rm -f "$PROCONSUL_HOME"/target/proconsul-agent-*.aot "$PROCONSUL_HOME"/target/proconsul-agent-*.aot.failed \
      "$PROCONSUL_HOME"/target/proconsul-agent-*.aot.tmp.*
    echo "==> Preparing the start-up cache for this build and JDK (once, ~30 s)..." >&2
    local tmp="$aot.tmp.$$"
    # Bounded: every other launcher waits on the lock meanwhile.
    if timeout -k 10 180 "$JAVA_BIN" "${JVM_FLAGS[@]}" -XX:AOTCacheOutput="$tmp" -Dproconsul.aot.training=true -jar "$jar" \
        agent -dev -log-level=warn -http-port=0 -dns-port=0 -server-port=0 -serf-lan-port=0 -serf-wan-port=0 \
        -grpc-port=-1 >"$PROCONSUL_HOME/target/aot-training.log" 2>&1 && [ -s "$tmp" ]; then
      mv -f "$tmp" "$aot"
      rm -f "$tmp.config"
    else
      rm -f "$tmp" "$tmp.config"
      touch "$failed"
      echo "==> Could not prepare the start-up cache (see target/aot-training.log); starting without it." >&2
    fi
  ) 9>"$PROCONSUL_HOME/target/.aot.lock"
}

proconsul_jar() {
  # Never fails: under `set -o pipefail` a missing jar must mean "build it", not "exit".
  local j
  for j in "$PROCONSUL_HOME"/target/proconsul-*.jar; do
    [ -f "$j" ] && { printf '%s\n' "$j"; return 0; }
  done
  return 0
}

# Builds the shaded jar when it is missing or older than any source; concurrent launchers wait for one build.
ensure_built() {
  local jar
  mkdir -p "$PROCONSUL_HOME/target"
  (
    flock 9
    jar=$(proconsul_jar)
    if [ -z "$jar" ] || [ -n "$(find "$PROCONSUL_HOME/src/main" "$PROCONSUL_HOME/pom.xml" -newer "$jar" -print -quit 2>/dev/null)" ]; then
      if [ -z "$jar" ]; then echo "==> Building Proconsul (first run; this takes a minute or two)..." >&2
      else echo "==> Sources changed since the last build; rebuilding Proconsul..." >&2; fi
      if ! (cd "$PROCONSUL_HOME" && ./mvnw -q -B -DskipTests package >"$PROCONSUL_HOME/target/build.log" 2>&1); then
        echo "proconsul: build failed; see $PROCONSUL_HOME/target/build.log" >&2
        tail -n 30 "$PROCONSUL_HOME/target/build.log" >&2
        exit 1
      fi
      echo "==> Build done." >&2
    fi
  ) 9>"$PROCONSUL_HOME/target/.build.lock"
}
