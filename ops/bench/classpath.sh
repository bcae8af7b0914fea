# Sourced by the benchmark scripts from the repository root: compiles main and test code (offline) and
# sets CP to run the benchmark classes in src/test/java/io/mooring/bench with every dependency.
./mvnw -B -o -q test-compile
./mvnw -B -o -q dependency:build-classpath -Dmdep.outputFile=target/bench-cp.txt >/dev/null
CP="target/classes:target/test-classes:$(cat target/bench-cp.txt)"
