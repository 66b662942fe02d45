"""Tiaki: offline-first, encrypted client records with consent-aware sharing."""

__version__ = "0.1.0"
