"""Helpers shared by the reference-fixture generators in this folder.

Numbers are written with Python's repr(), which is the shortest decimal string that reads back as
exactly the same IEEE-754 double (up to 17 significant digits), so the TypeScript literals hold the
full double-precision value. High-precision (mpmath) results are rounded to the nearest double via a
40-digit decimal string, so the double stored is the correctly rounded value.
"""
import math
import os

import mpmath

mpmath.mp.dps = 50

REPO_ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
FIXTURES = os.path.join(REPO_ROOT, 'test', 'fixtures')


def to_double(x):
    """Correctly rounded double from an mpmath number (or pass a float/int through)."""
    if isinstance(x, (int, float)):
        return float(x)
    return float(mpmath.nstr(mpmath.mpf(x), 40, strip_zeros=False, min_fixed=1, max_fixed=0))


def _num(v):
    if isinstance(v, bool):
        return 'true' if v else 'false'
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        if not math.isfinite(v):
            raise ValueError(f'non-finite number {v!r} cannot go in a fixture')
        if v == int(v) and abs(v) < 1e15:
            return str(int(v)) if v != 0 or math.copysign(1, v) > 0 else '-0'
        return repr(v)
    raise TypeError(type(v))


def _key(k):
    return k if k.isidentifier() else '"' + k + '"'


def ts(value, indent=0, width=180):
    """Render a Python value as a TypeScript literal (objects keep insertion order)."""
    pad = '  ' * indent
    if value is None:
        return 'undefined'
    if isinstance(value, (bool, int, float)):
        return _num(value)
    if isinstance(value, str):
        import json
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, (list, tuple)):
        parts = [ts(v, indent + 1, width) for v in value]
        one = '[' + ', '.join(parts) + ']'
        if len(one) + len(pad) <= width and '\n' not in one:
            return one
        inner = '  ' * (indent + 1)
        return '[\n' + ''.join(inner + p + ',\n' for p in parts) + pad + ']'
    if isinstance(value, dict):
        items = [(k, v) for k, v in value.items() if v is not None]
        parts = [_key(k) + ': ' + ts(v, indent + 1, width) for k, v in items]
        one = '{ ' + ', '.join(parts) + ' }' if parts else '{}'
        if len(one) + len(pad) <= width and '\n' not in one:
            return one
        inner = '  ' * (indent + 1)
        return '{\n' + ''.join(inner + p + ',\n' for p in parts) + pad + '}'
    raise TypeError(type(value))


def write_fixture(filename, header, exports):
    """exports: list of (name, value, comment) -> `export const name = <literal> as const;`"""
    path = os.path.join(FIXTURES, filename)
    out = [header.rstrip() + '\n']
    for name, value, comment in exports:
        out.append('\n')
        if comment:
            out.append('/** ' + comment.strip().replace('\n', '\n * ') + ' */\n')
        out.append(f'export const {name} = {ts(value)} as const;\n')
    with open(path, 'w', encoding='utf-8') as f:
        f.write(''.join(out))
    print('wrote', os.path.relpath(path, REPO_ROOT))


def tolerance_for(values, rel=1e-9, floor=1e-12):
    """Absolute tolerance of about `rel` relative to the largest magnitude, rounded up to a power of 10."""
    m = max([abs(v) for v in values if isinstance(v, (int, float))] + [1.0])
    return float('1e%d' % math.ceil(math.log10(max(m * rel, floor))))
