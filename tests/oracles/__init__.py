"""Test oracles: second, deliberately simple statements of what production code computes, kept here (not in
`compiler/`, not shipped in `generated/`) because only the tests use them.

- `verdict`: the fast path's generic algorithm (`verdict`, `place`, `judge`, `conclude`), which generated
  `check_fast` unrolls per program; held to the full `decide` in tests/differential/test_fast_path.py.
- `compare_ltv`: the comparison page's max-LTV cells computed loan by loan by the reference evaluator
  (`max_ltv_at`, `ltv_row_evaluated`); `compiler/backends/docs/compare_ltv.py` is held to it in
  tests/unit/test_compare_ltv.py.
"""
