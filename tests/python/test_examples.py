"""Runs each Python example in a subprocess and checks what it prints against values the TF1
notes state (or that follow from them by hand)."""
import importlib.util
import os
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# Subprocesses import the same liu as this test (the source tree or the installed package).
LIU_PATH = os.path.dirname(os.path.dirname(importlib.util.find_spec("liu").origin))
EXAMPLES = os.path.join(ROOT, "examples", "python")


def run_example(name, *args):
    env = dict(os.environ)
    env["PYTHONPATH"] = LIU_PATH + os.pathsep + env.get("PYTHONPATH", "")
    proc = subprocess.run([sys.executable, os.path.join(EXAMPLES, name)] + list(args),
                          capture_output=True, text=True, env=env, timeout=120, cwd=ROOT)
    assert proc.returncode == 0, "%s failed:\n%s\n%s" % (name, proc.stdout, proc.stderr)
    return proc.stdout


# The book's MNIST programs train for minutes; tests/conformance/test_book_programs.py runs
# them on a slice of the data beside real TensorFlow.
BOOK_PROGRAMS = {"mnist_softmax.py", "mnist_mlp.py", "mnist_cnn.py", "mnist_cnn_layers.py"}


def test_every_example_is_covered():
    found = sorted(f for f in os.listdir(EXAMPLES) if f.endswith(".py"))
    assert found == sorted(set(EXPECTED) | BOOK_PROGRAMS)


EXPECTED = {
    "basics.py": [
        "2 * 3 = 6",
        " [[60. 60. 60.]\n [60. 60. 60.]\n [60. 60. 60.]]",
        "[mul, intermed] = [np.float32(21.0), np.float32(7.0)]",
        "counter: 0\ncounter: 1\ncounter: 2\ncounter: 3\n",
        "x - a = [-2. -1.]",
    ],
    "array_ops.py": [
        "concat axis 0: shape [4, 3]",
        "[[ 1  2  3  7  8  9]\n [ 4  5  6 10 11 12]]",
        "stack: shape [3, 2]\n[[1 4]\n [2 5]\n [3 6]]",
        "stack axis 1: shape [2, 3]\n[[1 2 3]\n [4 5 6]]",
        "slice [1,0,0] size [1,1,3]: shape [1, 1, 3]\n[[[3 3 3]]]",
        "slice [1,0,0] size [1,2,3]: shape [1, 2, 3]\n[[[3 3 3]\n  [4 4 4]]]",
        "slice [1,0,0] size [2,1,3]: shape [2, 1, 3]\n[[[3 3 3]]\n\n [[5 5 5]]]",
        "gather [0, 2]: shape [2, 2, 3]\n[[[1 1 1]\n  [2 2 2]]\n\n [[5 5 5]\n  [6 6 6]]]",
        "[[5, 10], [5, 10], [5, 10]]",
        "expand_dims of [2] at 0: [1, 2]",
        "expand_dims of [2] at 1: [2, 1]",
        "expand_dims of [2] at -1: [2, 1]",
        "expand_dims of [2, 3, 5] at 2: [2, 3, 1, 5]",
        "on axes [2, 4]: [3, 4, 6]",
        "[[0 0 0 0]\n [0 1 2 0]\n [0 1 2 0]\n [0 0 0 0]]",
    ],
    "variables_and_scopes.py": [
        "tf.Variable names: Variable:0 Variable_1:0 hehe/Variable:0",
        "Variable ns/made:0 | get_variable got:0 | op ns/Add:0",
        "foo/v:0 foo/bar/add",
        "var1/w:0 name1/var1/Add:0",
        "nested variable scopes: scope1/scope2/x:0",
        "reuse=True returns the same variable: True",
        "scope.reuse_variables(): True",
        "Variable layer/w already exists, disallowed.",
        "Variable layer/missing does not exist",
        "['scope/w:0', 'scope_1/w:0']",
        "trainable variables: ['trained:0']",
    ],
    "feeds_and_fetches.py": [
        "one tensor: 12.0",
        "a list: [np.float32(12.0), np.float32(4.0)]",
        "a dict: {'product': np.float32(12.0), 'total': np.float32(4.0)}",
        "a namedtuple: Pair(product=np.float32(12.0), total=np.float32(4.0))",
        "an operation gives None",
        "[7.] * [8.] = [56.]",
        "by name [7.] * [2.] = [array([14.], dtype=float32)]",
        "feeding a=10: 110.0 | then again: 12.0",
        "feeding the variable 3: 3 | then: 1",
        "wrong shape -> ValueError: Cannot feed value of shape (1, 1)",
        "missing feed -> InvalidArgumentError: True",
    ],
    "flags_and_files.py": [
        "arguments left for main: []",
        "steps=2 scale=1.5 total=3.0",
        "read back: total 3.0",
        "files: ['result.txt'] exists: True",
    ],
    # The training lines below were printed by real TensorFlow running the same program.
    "linear_regression.py": [
        "step   0  W=0.625393  b=0.000000  loss=2.5606e-02",
        "step 100  W=0.100522  b=0.299736  loss=2.2926e-08",
        "step 200  W=0.100001  b=0.300000",
        "fitted W=0.100 b=0.300",
    ],
    "softmax_regression.py": [
        "step   0  loss=1.3407  accuracy=0.000",
        "step  20  loss=0.0751  accuracy=1.000",
        "step 100  loss=0.0155  accuracy=1.000",
        "final accuracy: 1.00",
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example_prints_known_values(name):
    out = run_example(name)
    for expected in EXPECTED[name]:
        assert expected in out, "%s: %r not in output:\n%s" % (name, expected, out)


def test_flags_example_parses_command_line():
    out = run_example("flags_and_files.py", "--steps", "3", "--scale=2.5", "extra", "--verbose")
    assert "arguments left for main: ['extra']" in out
    assert "step 3 total 7.5" in out
    assert "steps=3 scale=2.5 total=7.5" in out
