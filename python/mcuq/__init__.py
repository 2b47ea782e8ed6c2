"""Python side of mcuq: TFLite model reading/writing, reference kernels and
test tooling. Run with /usr/bin/python3 with /work/main/python on sys.path."""
