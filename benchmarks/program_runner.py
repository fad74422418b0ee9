"""Runs a benchmark program in a fresh Python process that imports this tree's liu, and reads
the JSON line it prints last. Shared by the scripts that compare Liu with TensorFlow."""
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def liu_environment(threads=0):
    """os.environ with python/ first on PYTHONPATH and, when threads > 0, OMP_NUM_THREADS."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.path.join(ROOT, "python") + os.pathsep + env.get("PYTHONPATH", "")
    if threads:
        env["OMP_NUM_THREADS"] = str(threads)
    return env


def run_json_program(program, args, threads=0):
    """(result of the program's last stdout line as JSON, None), or (None, why it failed)."""
    command = [sys.executable, "-c", program] + [str(a) for a in args]
    out = subprocess.run(command, capture_output=True, text=True, env=liu_environment(threads))
    if out.returncode != 0:
        return None, out.stderr.strip().splitlines()[-1] if out.stderr else "failed"
    return json.loads(out.stdout.strip().splitlines()[-1]), None
