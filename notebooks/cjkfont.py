"""Make matplotlib draw Chinese: pick an installed CJK font so labels are not rendered as empty boxes.

Used by the notebooks in this folder (``from cjkfont import use_cjk_font``). Install a font first if none is
present, e.g. ``apt-get install fonts-wqy-microhei`` or ``fonts-noto-cjk`` on Debian/Ubuntu.
"""

from __future__ import annotations

import subprocess

#: CJK families by preference (Linux packages first, then the usual macOS / Windows ones)
CANDIDATES = [
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Droid Sans Fallback",
    "AR PL UMing CN",
    "PingFang SC",
    "Hiragino Sans GB",
    "Heiti SC",
    "Microsoft YaHei",
    "SimHei",
    "Noto Sans CJK JP",
]


def _fontconfig_chinese_files() -> list[str]:
    """Font files fontconfig says cover Chinese (empty when fc-list is absent)."""
    try:
        out = subprocess.run(["fc-list", ":lang=zh", "file"], capture_output=True, text=True, timeout=20).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    return sorted({line.split(":")[0].strip() for line in out.splitlines() if line.strip()})


def use_cjk_font() -> str:
    """Set matplotlib's sans-serif list to the installed CJK fonts (with fallbacks); return the family used.

    Fonts installed after matplotlib built its font cache are registered from fontconfig's list.
    Raises RuntimeError naming the packages to install when no CJK font is found.
    """
    from matplotlib import font_manager, rcParams

    names = {f.name for f in font_manager.fontManager.ttflist}
    found = [n for n in CANDIDATES if n in names]
    if not found:
        added: list[str] = []
        for path in _fontconfig_chinese_files():
            try:
                font_manager.fontManager.addfont(path)
                added.append(font_manager.FontProperties(fname=path).get_name())
            except (OSError, RuntimeError, ValueError):
                continue
        names = {f.name for f in font_manager.fontManager.ttflist}
        found = [n for n in CANDIDATES if n in names] + [n for n in added if n not in CANDIDATES]
    if not found:
        raise RuntimeError(
            "no CJK font found for matplotlib: install one (Debian/Ubuntu: apt-get install fonts-wqy-microhei "
            "or fonts-noto-cjk) and run again"
        )
    rcParams["font.family"] = "sans-serif"
    rcParams["font.sans-serif"] = found + [n for n in CANDIDATES if n not in found] + list(rcParams["font.sans-serif"])
    rcParams["axes.unicode_minus"] = False  # the CJK fonts lack the Unicode minus sign
    return found[0]
