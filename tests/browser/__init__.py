"""Real-browser tests: what a visitor gets in Chromium at 1280 and 375 px, checked by axe."""
