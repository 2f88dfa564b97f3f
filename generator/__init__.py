"""Bayyin: a static-site generator for bilingual (Arabic/English) fact explainers."""
