# Generated-model differential test: random networks of 3 to 7 ops (convolutions,
# pools, joins with earlier tensors, activations, pads, concatenations, classifier heads),
# compiled by mcuq for the host and compared byte for byte with mcuq.reference on
# several inputs each (test/Integration/lib/generated.py).
# RUN: %python %s %t

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import generated  # noqa: E402

sys.exit(generated.main(sys.argv[1:] + ["random_chains"]))
