# Sourced by the benchmark scripts from the repository root: compiles main and test code (offline) and
# sets CP to run the benchmark classes in src/test/java/io/mooring/bench with every dependency.
# The compiled classes are copied to a snapshot per run (target/bench-classes/<pid>), so a build or test run
# started while a benchmark runs cannot swap classes under its JVMs (NoClassDefFoundError mid-run).
./mvnw -B -o -q test-compile
./mvnw -B -o -q dependency:build-classpath -Dmdep.outputFile=target/bench-cp.txt >/dev/null
BENCH_CLASSES="target/bench-classes/$$"
rm -rf "$BENCH_CLASSES" && mkdir -p "$BENCH_CLASSES" && cp -r target/classes target/test-classes "$BENCH_CLASSES"/
CP="$BENCH_CLASSES/classes:$BENCH_CLASSES/test-classes:$(cat target/bench-cp.txt)"
