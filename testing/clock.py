"""The moment every test starts at (the autouse `clock` fixture in conftest.py)."""

from datetime import datetime
from zoneinfo import ZoneInfo

# Every test starts at this instant and its clock runs on from there, so no test depends on the
# hour, the date or the machine's time zone. Noon in Hong Kong is the same date in UTC; a test
# about another moment (midnight, a year's end) travels there itself with `clock.move_to()`.
TEST_START = datetime(2026, 6, 15, 12, 0, tzinfo=ZoneInfo("Asia/Hong_Kong"))
