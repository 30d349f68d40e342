"""Log records reshaped so that one event is one line an operator can grep."""

import logging


class ForeignHostFilter(logging.Filter):
    """A request for a host we do not serve (scanners, misdirected DNS) is routine: one
    WARNING line naming the host, instead of Django's ERROR with a full traceback."""

    def filter(self, record):
        record.levelno, record.levelname = logging.WARNING, "WARNING"
        record.exc_info, record.exc_text, record.stack_info = None, None, None
        return True
