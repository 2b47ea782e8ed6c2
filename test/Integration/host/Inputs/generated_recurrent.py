"""Generated SVDF, LSTM and int16 SOFTMAX models with the shapes and parameters the shared
models do not exercise (batches, rank > 1, memory 1, int8 state zero points that make the
newest state value wrap, time-major and 16x8 LSTMs, cell scales below 2^-12, no cell
clip), compiled for the host, invoked three times in one process and compared, outputs
and state, with mcuq's python reference.

    generated_recurrent.py <build_dir>

Prints one PASS/FAIL line per model."""

import dataclasses
import os
import sys

import numpy as np

from mcuq import builder, reference

import state_driver

RUNS = 3


def with_zero_point(mb, index, zero_point):
    t = mb.tensors[index]
    quant = dataclasses.replace(t.quant, zero_point=np.array([zero_point], np.int64))
    mb.tensors[index] = dataclasses.replace(t, quant=quant)


def svdf_cases(rng):
    for k in range(12):
        mb = builder.ModelBuilder(seed=100 + k)
        batch = int(rng.integers(1, 3))
        x = mb.input((batch, int(rng.integers(2, 20))), "int8",
                     zero_point=int(rng.integers(-20, 20)))
        state_dtype = "int8" if k % 2 else "int16"
        y = mb.svdf(x, num_units=int(rng.integers(1, 8)), memory_size=[1, 2, 5, 10][k % 4],
                    rank=[1, 2, 3][k % 3], state_dtype=state_dtype,
                    activation=["RELU", "NONE"][k % 2])
        if state_dtype == "int8":
            # A zero point far from 0 makes "clamp, then add the zero point"
            # wrap for large feature activations (TFLM's behaviour).
            state = next(t.index for t in mb.tensors if t.is_variable)
            with_zero_point(mb, state, int(rng.integers(-100, 100)))
        mb.output(y)
        yield f"svdf{k}", mb


def lstm_cases(rng):
    for k in range(12):
        mb = builder.ModelBuilder(seed=200 + k)
        wide = k % 4 == 3
        time_major = k % 3 == 1
        batch, steps = int(rng.integers(1, 3)), [1, 2, 5][k % 3]
        size = int(rng.integers(1, 12))
        shape = (steps, batch, size) if time_major else (batch, steps, size)
        if wide:
            x = mb.input(shape, "int16", scale=2.0 ** -10)
            zp = None
        else:
            x = mb.input(shape, "int8", scale=1 / 32, zero_point=int(rng.integers(-128, 0)))
            zp = int(rng.integers(-10, 10))
        y = mb.unidirectional_sequence_lstm(
            x, int(rng.integers(1, 10)), time_major=time_major,
            cell_clip=[10.0, 0.0, 0.5][k % 3], out_zero_point=zp,
            cell_scale_log2=[-11, -12, -14, -9][k % 4])
        mb.output(y)
        yield f"lstm{k}", mb


def softmax_cases(rng):
    for k, (shape, beta, scale) in enumerate([((1, 10), 1.0, 2.0 ** -12),
                                              ((2, 5, 7), 0.5, 1e-3),
                                              ((3, 33), 2.0, 3e-4)]):
        mb = builder.ModelBuilder(seed=300 + k)
        mb.output(mb.softmax(mb.input(shape, "int16", scale=scale), beta=beta))
        yield f"softmax_int16_{k}", mb


def main(build_dir):
    out_dir = os.path.join(build_dir, "generated-recurrent")
    os.makedirs(out_dir, exist_ok=True)
    rng = np.random.default_rng(2024)
    failures = 0
    for name, mb in [*svdf_cases(rng), *lstm_cases(rng), *softmax_cases(rng)]:
        path = os.path.join(out_dir, name + ".tflite")
        with open(path, "wb") as f:
            f.write(mb.build())
        model = mb.model()
        sg = model.subgraphs[0]
        in_paths, inputs = [], []
        for i, idx in enumerate(sg.inputs):
            t = sg.tensors[idx]
            info = np.iinfo(t.dtype)
            data = rng.integers(info.min, info.max + 1, size=t.shape).astype(t.dtype)
            in_paths.append(os.path.join(out_dir, f"{name}.in{i}.bin"))
            data.tofile(in_paths[-1])
            inputs.append(data)
        state = {}
        for _ in range(RUNS):
            expected = reference.run(model, inputs, state)
        try:
            outputs, states = state_driver.invoke(path, in_paths, RUNS, tag=name)
        except Exception as e:  # report and go on with the other models
            print(f"FAIL {name}: {e}")
            failures += 1
            continue
        problems = [f"output {i}" for i, (o, e) in enumerate(zip(outputs, expected))
                    if o != np.ascontiguousarray(e).tobytes()]
        problems += [f"state of tensor {index}" for index, got in zip(sorted(state), states)
                     if got != np.ascontiguousarray(state[index]).tobytes()]
        if problems:
            print(f"FAIL {name}: {', '.join(problems)} differ from the reference")
            failures += 1
        else:
            print(f"PASS {name}: outputs and state match after {RUNS} invokes")
    return failures


if __name__ == "__main__":
    sys.exit(1 if main(sys.argv[1]) else 0)
