from pathlib import Path

import opencc
from django.conf import settings
from django.core.management.base import BaseCommand

SOURCE = Path("zh_Hant", "LC_MESSAGES", "django.po")
TARGET = Path("zh_Hans", "LC_MESSAGES", "django.po")

# OpenCC has no Hong Kong-to-Mainland phrase table. Hong Kong variants become OpenCC's
# standard Traditional first; then Taiwan's phrase table, whose computing words Hong Kong
# mostly shares (檔案, 介面, 位元組, 登入), gives the Mainland ones (文件, 界面, 字节, 登录).
_TO_STANDARD = opencc.OpenCC("hk2t")
_TO_MAINLAND = opencc.OpenCC("tw2sp")

# Reviewed, string by string: Hong Kong wording the phrase tables leave as it is, and the
# phrase conversions that are wrong for this interface, in their Mainland form. Applied to
# the converted (Simplified) text, in this order.
MAINLAND_WORDING = {
    "联系数据": "联系信息",  # 聯絡資料 are contact details, not data
    "预设": "默认",
    "电邮": "电子邮件",
    "帐户": "账户",
    "拷贝": "复制",
    "搜索器": "搜索引擎",
    "职员": "工作人员",
    "未有发布": "未发布",
    "未有撤回": "未撤回",
    "未有保存": "未保存",
    "暂时未有": "暂无",
    "上载": "上传",
    "阔度": "宽度",
    "毋须": "无须",
    "介乎": "介于",
    "已经移走": "已被移动",
    "开启": "打开",
    "次序": "顺序",
    "预定发布": "定时发布",
    "替代文字": "替代文本",
    "网址代称": "网址别名",
    "传媒数据室": "媒体中心",  # 傳媒資料室 is the media room (a press centre), not a data room
    "已注销": "已退出",  # 登出 is signing out; 注销 would cancel the account
    "注销": "退出登录",
}


def to_mainland(text: str) -> str:
    """Return Hong Kong Traditional interface text in Simplified characters and Mainland words."""
    converted = _TO_MAINLAND.convert(_TO_STANDARD.convert(text))
    for hong_kong, mainland in MAINLAND_WORDING.items():
        converted = converted.replace(hong_kong, mainland)
    return converted


def simplify_catalogue(text: str) -> str:
    """Return a zh_Hant .po catalogue as zh_Hans: every msgstr converted, msgids untouched.

    Each msgstr is converted whole, never line by line, so a phrase that the .po
    wraps across two lines is still found.
    """
    lines, output, index = text.splitlines(keepends=True), [], 0
    while index < len(lines):
        line = lines[index]
        index += 1
        if not line.startswith("msgstr"):
            if not output and line.startswith("# "):
                line = "# Simplified Chinese interface of Pressroom, converted from zh_Hant.\n"
            output.append(line)
            continue
        keyword, first = line.rstrip("\n").split(" ", 1)
        parts = [first[1:-1]]
        while index < len(lines) and lines[index].startswith('"'):
            parts.append(lines[index].rstrip("\n")[1:-1])
            index += 1
        converted = to_mainland("".join(parts))
        if len(parts) == 1:
            output.append(f'{keyword} "{converted}"\n')
        else:
            # Keep the header's one line per field.
            pieces = [piece + "\\n" for piece in converted.split("\\n")]
            pieces[-1] = pieces[-1].removesuffix("\\n")
            output.append(f'{keyword} ""\n')
            output.extend(f'"{piece}"\n' for piece in pieces if piece)
    return "".join(output).replace('"Language: zh_Hant\\n"', '"Language: zh_Hans\\n"')


class Command(BaseCommand):
    help = (
        "Write locale/zh_Hans/LC_MESSAGES/django.po from the Traditional Chinese catalogue, "
        "in Simplified characters and Mainland wording (OpenCC's phrase tables and a reviewed "
        "table of Hong Kong words). `make messages` runs it."
    )

    def handle(self, *args, **options) -> None:
        locale = Path(settings.LOCALE_PATHS[0])
        catalogue = simplify_catalogue((locale / SOURCE).read_text(encoding="utf-8"))
        (locale / TARGET).parent.mkdir(parents=True, exist_ok=True)
        (locale / TARGET).write_text(catalogue, encoding="utf-8")
        self.stdout.write(self.style.SUCCESS(f"Wrote {TARGET}."))
