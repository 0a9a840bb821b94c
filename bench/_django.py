"""Set up Django for a benchmark script run as `python bench/x.py` from the project root."""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sirc.settings")
os.environ.setdefault("DEBUG", "true")

import django

django.setup()
