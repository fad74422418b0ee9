#!/usr/bin/env bash
# Installs what Liu builds and tests with, only what is missing: Debian packages (apt-get) and
# Python packages (pip). TensorFlow is optional (conformance tests skip without it), so its
# install may fail without failing the setup.
set -euo pipefail
PYTHON=${PYTHON:-python3}
packages=(build-essential cmake ninja-build ccache pkg-config libdnnl-dev libhwy-dev
          libprotobuf-dev protobuf-compiler zlib1g-dev libpng-dev libgtest-dev libgmock-dev
          libbenchmark-dev dataset-fashion-mnist)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi

python_missing=()
for spec in "nanobind:nanobind>=2.0" "scikit_build_core:scikit-build-core>=0.10" "numpy:numpy" \
            "pytest:pytest"; do
  module=${spec%%:*}
  "$PYTHON" -c "import $module" 2>/dev/null || python_missing+=("${spec#*:}")
done
if [ ${#python_missing[@]} -gt 0 ]; then
  echo "setup: pip installing ${python_missing[*]}"
  "$PYTHON" -m pip install -q "${python_missing[@]}"
fi
if ! "$PYTHON" -c "import tensorflow" 2>/dev/null; then
  echo "setup: pip installing tensorflow-cpu for the conformance tests"
  "$PYTHON" -m pip install -q tensorflow-cpu || echo "setup: tensorflow-cpu not installed; conformance tests will be skipped"
fi
if "$PYTHON" -c "import tensorflow" 2>/dev/null && ! "$PYTHON" -c "import tf_keras" 2>/dev/null; then
  # tf.compat.v1.layers and the v1 RNN cells of TF >= 2.16 need the legacy Keras package.
  echo "setup: pip installing tf-keras for the tf.layers conformance tests"
  "$PYTHON" -m pip install -q "tf-keras~=$("$PYTHON" -c 'import tensorflow as t; print(".".join(t.__version__.split(".")[:2]))').0" \
    || echo "setup: tf-keras not installed; tf.layers conformance tests will be skipped"
fi
