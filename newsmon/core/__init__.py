"""The floor every layer stands on: configuration, terms and gazetteer, text helpers.

Imports nothing else of newsmon (tests/test_layers.py checks it).
"""
