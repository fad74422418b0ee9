"""Test accuracy of the book's chapter 3-4 programs on Fashion-MNIST, Liu beside TensorFlow.

Runs every examples/python/mnist_*.py program as written, once under real TensorFlow
(--tensorflow) and once under Liu, with the same seeds, and prints both accuracies and their
difference in percentage points (the target is within 0.5).
    python3 benchmarks/book_accuracy.py [--cnn-epochs N] [--mlp-epochs N] [--only NAME ...]
"""
import argparse
import os
import re
import subprocess
import sys
import time

from program_runner import ROOT, liu_environment


def programs(mlp_epochs, cnn_epochs):
    mlp = ["--epochs", str(mlp_epochs)]
    return {
        "softmax": ["mnist_softmax.py"] + mlp,
        "mlp-sigmoid": ["mnist_mlp.py", "--model", "sigmoid"] + mlp,
        "mlp-relu-decay": ["mnist_mlp.py", "--model", "relu"] + mlp,
        "mlp-dropout": ["mnist_mlp.py", "--model", "dropout"] + mlp,
        "cnn-rmsprop": ["mnist_cnn.py", "--epochs", str(cnn_epochs)],
        "cnn-layers": ["mnist_cnn_layers.py", "--epochs", str(cnn_epochs)],
    }


def run(args, tensorflow):
    env = dict(liu_environment(), TF_CPP_MIN_LOG_LEVEL="3")
    command = [sys.executable, os.path.join(ROOT, "examples", "python", args[0])] + args[1:]
    if tensorflow:
        command.append("--tensorflow")
    start = time.time()
    proc = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT)
    if proc.returncode != 0:
        return None, time.time() - start, proc.stderr.strip().splitlines()[-1]
    found = re.findall(r"test accuracy: ([0-9.]+)", proc.stdout)
    return float(found[-1]), time.time() - start, None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--mlp-epochs", type=int, default=10)
    parser.add_argument("--cnn-epochs", type=int, default=2)
    parser.add_argument("--only", nargs="+")
    args = parser.parse_args()
    table = []
    for name, command in programs(args.mlp_epochs, args.cnn_epochs).items():
        if args.only and name not in args.only:
            continue
        row = [name]
        for tensorflow in (True, False):
            accuracy, seconds, error = run(command, tensorflow)
            if error:
                print("%s (%s) failed: %s" % (name, "TF" if tensorflow else "Liu", error))
            row += [accuracy, seconds]
        table.append(row)
        print("%-16s TF %s (%.0f s)  Liu %s (%.0f s)" % (
            name, row[1], row[2], row[3], row[4]))
        sys.stdout.flush()
    print("\n| program | TF accuracy | Liu accuracy | difference (pp) | TF s | Liu s |")
    print("|---|---|---|---|---|---|")
    for name, tf_acc, tf_s, liu_acc, liu_s in table:
        diff = "%.2f" % (100 * (liu_acc - tf_acc)) if tf_acc is not None and liu_acc is not None \
            else "-"
        print("| %s | %s | %s | %s | %.0f | %.0f |" % (
            name, "%.4f" % tf_acc if tf_acc is not None else "-",
            "%.4f" % liu_acc if liu_acc is not None else "-", diff, tf_s, liu_s))


if __name__ == "__main__":
    main()
