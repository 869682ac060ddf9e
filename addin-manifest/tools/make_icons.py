"""Draws SendGuard's icons (a white envelope with a tick on the accent colour) into icons/.

Run once after changing the design: `python addin-manifest/tools/make_icons.py` (needs Pillow).
The PNGs are committed so that serving the add-in needs no image library.
"""

from pathlib import Path

from PIL import Image, ImageDraw

ACCENT = (31, 111, 92, 255)
WHITE = (255, 255, 255, 255)
ICONS = Path(__file__).resolve().parents[1] / "icons"
SCALE = 8  # drawn large, then reduced, for smooth edges


def _envelope(draw: ImageDraw.ImageDraw, size: int, colour: tuple[int, int, int, int]) -> None:
    w = max(1, size // 14)
    left, top, right, bottom = size * 0.18, size * 0.28, size * 0.82, size * 0.72
    draw.rectangle((left, top, right, bottom), outline=colour, width=w)
    draw.line((left, top, size * 0.5, size * 0.52, right, top), fill=colour, width=w, joint="curve")
    # the tick, bottom right
    draw.line((size * 0.56, size * 0.80, size * 0.66, size * 0.90, size * 0.90, size * 0.62),
              fill=colour, width=w + max(1, size // 40), joint="curve")


def draw(size: int, outline_only: bool = False) -> Image.Image:
    big = size * SCALE
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    if outline_only:
        _envelope(draw, big, WHITE)
    else:
        draw.rounded_rectangle((0, 0, big - 1, big - 1), radius=big // 6, fill=ACCENT)
        _envelope(draw, big, WHITE)
    return image.resize((size, size), Image.Resampling.LANCZOS)


def main() -> None:
    ICONS.mkdir(exist_ok=True)
    for size in (16, 32, 64, 80, 128):
        draw(size).save(ICONS / f"icon-{size}.png", optimize=True)
    draw(192).save(ICONS / "color-192.png", optimize=True)
    draw(32, outline_only=True).save(ICONS / "outline-32.png", optimize=True)


if __name__ == "__main__":
    main()
