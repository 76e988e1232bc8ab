"""Make the example organisations' logos in this folder (fictional organisations; run once).

    .venv/bin/python positions/logos/make_logos.py
"""

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

HERE = Path(__file__).resolve().parent
FONT = "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf"

# name, initials, colour, (width, height) in pixels, shape: logos of different proportions
LOGOS = [
    ("open-networks", "ONF", "#0b4f6c", (480, 160), "wide"),
    ("digital-rights-watch", "DRW", "#d1495b", (240, 240), "square"),
    ("privacy-collective", "PC", "#2a7f62", (200, 280), "tall"),
    ("free-press-union", "FPU", "#6a4c93", (520, 140), "wide"),
    ("tech-justice-lab", "TJL", "#e07a1f", (260, 260), "round"),
    ("rights-in-code", "RiC", "#1f6fb2", (360, 180), "wide"),
]


def draw(initials: str, colour: str, size: tuple[int, int], shape: str) -> Image.Image:
    width, height = size
    image = Image.new("RGBA", size, (255, 255, 255, 0))
    pen = ImageDraw.Draw(image)
    if shape == "wide":
        pen.ellipse([8, 8, height - 8, height - 8], fill=colour)
        font = ImageFont.truetype(FONT, int(height * 0.5))
        pen.text((height + 12, height // 2), initials, fill=colour, font=font, anchor="lm")
    elif shape == "tall":
        pen.rounded_rectangle([6, 6, width - 6, height - 6], radius=30, fill=colour)
        font = ImageFont.truetype(FONT, int(width * 0.38))
        pen.text((width // 2, height // 2), initials, fill="white", font=font, anchor="mm")
    elif shape == "round":
        pen.ellipse([6, 6, width - 6, height - 6], fill=colour)
        font = ImageFont.truetype(FONT, int(width * 0.3))
        pen.text((width // 2, height // 2), initials, fill="white", font=font, anchor="mm")
    else:
        pen.rectangle([6, 6, width - 6, height - 6], outline=colour, width=14)
        font = ImageFont.truetype(FONT, int(width * 0.3))
        pen.text((width // 2, height // 2), initials, fill=colour, font=font, anchor="mm")
    return image


if __name__ == "__main__":
    for name, initials, colour, size, shape in LOGOS:
        draw(initials, colour, size, shape).save(HERE / f"{name}.png", optimize=True)
