"""Draws resources/icons/jamsos.ico (Windows: the programs' icon, wired in build.spec) and jamsos.png.

A white "J" on the app's green, rounded square, in every size Windows asks for (16 to 256 px).
Run it again only to change the design: both files are committed.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "resources" / "icons"
GREEN = (11, 110, 79, 255)
SIZES = [16, 24, 32, 48, 64, 128, 256]


def draw(size: int) -> Image.Image:
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.rounded_rectangle((0, 0, size - 1, size - 1), radius=max(2, size // 6), fill=GREEN)
    font = ImageFont.truetype(str(ROOT / "resources" / "fonts" / "DejaVuSans-Bold.ttf"), int(size * 0.72))
    d.text((size / 2, size / 2), "J", font=font, fill="white", anchor="mm")
    return img


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    big = draw(256)
    big.save(OUT / "jamsos.png")
    # Each size drawn at that size, so the small ones stay sharp.
    big.save(OUT / "jamsos.ico", sizes=[(s, s) for s in SIZES], append_images=[draw(s) for s in SIZES[:-1]])
    print(OUT / "jamsos.ico")


if __name__ == "__main__":
    main()
