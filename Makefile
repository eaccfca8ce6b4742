# The two commands README promises: `make demo` and `make test`.
# Both install what the build needs (scripts/bootstrap), configure with the
# CMake presets and build with Ninja. Everything else is CMake's.

.PHONY: all demo test bench bootstrap serve clean

all: bootstrap
	cmake --preset debug >/dev/null
	cmake --build --preset debug

bootstrap:
	@./scripts/bootstrap

demo: bootstrap
	cmake --preset release >/dev/null
	cmake --build --preset release
	@./scripts/demo build/release/tally

# Warnings are errors here: this is what CI runs. The count's and the
# server's tests also run under ThreadSanitizer (the log replays on two
# threads; the server answers on two). The ASan+UBSan
# build runs last so that the final line is its CTest summary. Before it,
# when clang has libFuzzer, each fuzz target runs 20 seconds
# (tests/fuzz/run); a crash it finds is kept in tests/fuzz/corpus and fails
# the run. The browser tests' playwright-core comes from package-lock.json
# (npm ci, when node_modules is missing or older than the lock); it
# downloads no browser.
test: bootstrap
	@if [ -f package-lock.json ] && { [ ! -d node_modules ] || [ package-lock.json -nt node_modules ]; }; then \
		PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund; fi
	cmake --preset debug -DTALLY_WERROR=ON >/dev/null
	cmake --build --preset debug
	cmake --preset tsan -DTALLY_WERROR=ON >/dev/null
	cmake --build --preset tsan
	cmake --preset asan -DTALLY_WERROR=ON >/dev/null
	cmake --build --preset asan
	ctest --preset debug
	ctest --preset tsan
	@if printf 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { return 0; }\n' | \
		clang -x c -fsanitize=fuzzer -o /dev/null - >/dev/null 2>&1; then \
		cmake --preset fuzz >/dev/null && cmake --build --preset fuzz && tests/fuzz/run build/fuzz 20; \
	else echo "fuzz: clang with libFuzzer (libclang-rt-14-dev) not found: fuzzing skipped"; fi
	ctest --preset asan

bench:
	@./scripts/bootstrap wrk time
	cmake --preset release >/dev/null
	cmake --build --preset release
	cmake --build --preset release --target gen_count_log gen_irv_cvr
	@./bench/run build/release/tally

# Serve the Batley and Spen count that `make demo` simulated.
serve: demo
	@./scripts/serve build/release/tally

clean:
	rm -rf build
