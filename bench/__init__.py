"""Benchmarks: each Kenes figure beside a raw-library baseline measured in the same run
(DESIGN.md "Benchmarks"). Run `python -m bench.run [--quick]`."""
