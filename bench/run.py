"""Run every benchmark in this folder and print its figures (`make bench`)."""

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

failed = 0
for script in sorted(HERE.glob("*.py")):
    if script.name == "run.py" or script.name.startswith("_"):
        continue
    print(f"== {script.stem}", flush=True)
    failed += subprocess.run([sys.executable, str(script)], cwd=HERE.parent).returncode != 0
sys.exit(1 if failed else 0)
