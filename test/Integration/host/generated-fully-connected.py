# Generated-model differential test: FULLY_CONNECTED (2-D and 4-D inputs,
# keep_num_dims, input_size below the last dimension, per-channel, int8 and 16x8),
# compiled by mcuq for the host and compared byte for byte with mcuq.reference on
# several inputs each (test/Integration/lib/generated.py).
# RUN: %python %s %t

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import generated  # noqa: E402

sys.exit(generated.main(sys.argv[1:] + ["fully_connected"]))
