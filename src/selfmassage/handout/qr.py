"""A QR code as an inline SVG, for ``print --qr``: the course event a phone camera can add.

``segno`` (pure Python, no image libraries) is imported only here, only when a QR
code is asked for, so no command starts slower for it.
"""

from __future__ import annotations

from selfmassage.errors import ExitCode, SelfMassageError


class QrUnavailable(SelfMassageError):
    """The QR library is not installed."""

    exit_code = ExitCode.FAILURE


def qr_svg(text: str) -> str:
    """``text`` as a black-on-white QR code, one inline ``<svg>`` sized by its viewBox."""
    try:
        import segno
    except ImportError:
        raise QrUnavailable(
            "cannot make a QR code: the 'segno' package is not installed",
            hint="install it with: python3 -m pip install segno",
        ) from None
    code = segno.make(text, error="m", micro=False)
    svg: str = code.svg_inline(scale=1, border=2, dark="#000", light="#fff", omitsize=True)
    return svg
