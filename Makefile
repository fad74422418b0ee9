# Two entry points (see README): `make demo` and `make test`. Both install what is missing
# (Debian packages, Python packages), then build everything once: one CMake build in build/,
# driven by `pip install .`, produces libliu, the Python extension, the C++ tests, examples
# and benchmarks, and installs the package. A regular (not editable) install, so a developer's
# PYTHONPATH=python still wins over it; an editable install's import hook would not.
BUILD_DIR := build
JOBS ?= $(shell nproc)
PYTHON ?= python3
PIP_FLAGS := --no-build-isolation --no-deps -q -Ccmake.define.LIU_BUILD_PYTHON=ON \
	-Ccmake.define.LIU_BUILD_TESTS=ON -Ccmake.define.LIU_BUILD_EXAMPLES=ON \
	-Ccmake.define.LIU_BUILD_BENCHMARKS=ON -Cbuild.verbose=false

.PHONY: demo test build setup bench clean

setup:
	@bash scripts/setup.sh

build: setup
	@CMAKE_BUILD_PARALLEL_LEVEL=$(JOBS) $(PYTHON) -m pip install $(PIP_FLAGS) .

# The demo trains the book's CNN on Fashion-MNIST (installed by setup) for one epoch.
demo: build
	@$(BUILD_DIR)/examples/mnist_cnn --epochs 1

test: build
	@cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)
	@$(PYTHON) -m pytest -q tests/python tests/conformance

bench: build
	@$(BUILD_DIR)/benchmarks/core_benchmark

clean:
	rm -rf $(BUILD_DIR)
