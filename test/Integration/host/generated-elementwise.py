# Generated-model differential test: ADD, MUL, MAXIMUM, MINIMUM (broadcasting,
# different input scales, fused activations, int8 and int16),
# compiled by mcuq for the host and compared byte for byte with mcuq.reference on
# several inputs each (test/Integration/lib/generated.py).
# RUN: %python %s %t

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import generated  # noqa: E402

sys.exit(generated.main(sys.argv[1:] + ["elementwise"]))
