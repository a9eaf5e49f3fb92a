"""An hour of the day as a Hong Kong press office writes it in Chinese: 上午11時, 下午3時30分.

The half of the day in words (上午 before noon, 中午 in the hour from noon, 下午
after it, 晚上 from six in the evening), the hour on a twelve-hour clock, then
the minutes when there are any. The desk's schedule and the embargo's banner
both write a time so.
"""

from datetime import datetime


def chinese_hour(local: datetime) -> str:
    """Return the time of day of `local` (already in Hong Kong time) in Chinese words."""
    if local.hour >= 18:
        period = "晚上"
    elif local.hour > 12:
        period = "下午"
    elif local.hour == 12:
        period = "中午"
    else:
        period = "上午"
    minutes = f"{local.minute}分" if local.minute else ""
    return f"{period}{local.hour % 12 or 12}時{minutes}"
