from __future__ import annotations

import segno


def qr_code_svg(url: str) -> str:
    """Render the otpauth:// URL as inline SVG, so no image is fetched from anywhere."""
    return segno.make(url, error="m").svg_inline(scale=5, border=2, title="QR code")
